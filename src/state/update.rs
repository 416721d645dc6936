//! [`update`]: the one function that changes the explorer's state, one
//! action at a time. What an action means is the shown screen's business
//! (see [`super::screens`]); what every action shares is here: the status
//! line's message lasts until the next action, a resize and quitting mean
//! the same everywhere, a jump leaves a place in the jump list, and derived
//! data is brought up to date.

use super::{Action, App, MouseKind};

/// Applies one action.
pub fn update(app: &mut App, action: Action) {
    // A message stays until the user's next action; a Tick is not one.
    if action != Action::Tick {
        app.message = None;
    }
    if let Action::Resize { width, height } = action {
        // The selected mention, if it was on screen, stays on screen at the new size.
        let shown = super::navigate::shown_mention(app);
        app.area = ratatui::layout::Rect::new(0, 0, width, height);
        app.settle();
        if let Some(start) = shown.filter(|_| !app.derived.geometry.too_small) {
            super::navigate::reveal(app, start);
        }
    } else if action == Action::Quit {
        app.quit = true;
    } else if let Action::Exported(outcome) = &action {
        // Whatever screen is shown: the edge answers for the one that asked.
        super::effects::exported(app, outcome);
    } else if app.derived.geometry.too_small {
        // Nothing is shown but the notice; only quitting and resizing mean anything.
    } else {
        // Jumps (selecting, stepping, following, going to a line of a view)
        // leave a place in the jump list; scrolling and typing do not.
        let jumps = matches!(
            action,
            Action::Activate
                | Action::Next
                | Action::Prev
                | Action::FollowRelation
                | Action::SelectEntity(_)
                | Action::NextDoc
                | Action::PrevDoc
                | Action::GotoDoc(_)
                | Action::Mouse { kind: MouseKind::Click, .. }
        );
        let before = jumps.then(|| app.place());
        super::screens::dispatch(app, action);
        if let Some(before) = before {
            app.settle();
            record_jump(app, before);
        }
    }
    app.settle();
}

/// Keeps `before` in the jump list if the reader has moved from it.
fn record_jump(app: &mut App, before: super::Place) {
    let now = app.place();
    app.jumps.record(before, &now);
}

#[cfg(test)]
mod tests {
    use crate::state::fixture::sample_app;
    use crate::state::*;

    #[test]
    fn too_small_ignores_everything_but_resize_and_quit() {
        let mut app = sample_app(20, 5);
        assert!(app.derived.geometry.too_small);
        update(&mut app, Action::OpenFinder);
        assert!(app.screens.top().is_none());
        update(&mut app, Action::Resize { width: 100, height: 30 });
        assert!(!app.derived.geometry.too_small);
        update(&mut app, Action::Quit);
        assert!(app.quit);
    }

    #[test]
    fn resize_keeps_the_text_position() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Move(3));
        let byte = app.view().top;
        update(&mut app, Action::Resize { width: 90, height: 30 });
        let layout = app.layout().unwrap();
        let line = layout.lines[app.top_line()];
        assert!(line.start as usize <= byte && byte <= line.end as usize + 1);
    }

    #[test]
    fn a_resize_that_fits_everything_does_not_lose_the_place() {
        let mut app = sample_app(80, 14);
        update(&mut app, Action::Move(5));
        assert_eq!(app.top_line(), 5);
        update(&mut app, Action::Resize { width: 300, height: 100 });
        assert_eq!(app.top_line(), 0, "everything fits: shown from the top");
        update(&mut app, Action::Resize { width: 80, height: 14 });
        assert_eq!(app.top_line(), 5, "back where the reader was");
        // Scrolling from a clamped view starts from what is shown.
        update(&mut app, Action::Resize { width: 300, height: 100 });
        update(&mut app, Action::Move(-1));
        update(&mut app, Action::Resize { width: 80, height: 14 });
        assert_eq!(app.top_line(), 0);
    }
}
