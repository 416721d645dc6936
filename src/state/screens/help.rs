//! Help (`?`): every key of every mode, the mouse, the colours, scrolled.

use super::Next;
use crate::state::cursor::{ListCursor, Motion};
use crate::state::geometry;
use crate::state::keymap::{HelpLine, help_line_count, help_lines};
use crate::state::row_filter::RowFilter;
use crate::state::{Action, App, MouseKind};

#[derive(Debug, Default)]
pub struct HelpScreen {
    /// The first line shown is the cursor's row.
    pub scroll: ListCursor,
    /// Which lines of help are shown.
    pub filter: RowFilter,
}

/// What a line of help says, for the filter.
fn line_text(line: &HelpLine) -> String {
    match line {
        HelpLine::Heading(h) | HelpLine::Text(h) => h.to_string(),
        HelpLine::Key { label, help } => format!("{label} {help}"),
        HelpLine::Legend(kind) => format!("{} {}", kind.tag(), kind.name()),
        HelpLine::Blank => String::new(),
    }
}

impl HelpScreen {
    /// How many lines are shown: those the filter keeps.
    pub fn shown_len(&self) -> usize {
        self.filter.len(help_line_count())
    }

    /// Narrows help to the lines that hold `query` (all of them when it is empty).
    pub fn set_filter(&mut self, query: &str) {
        let lines = help_lines();
        self.filter.set(query, lines.len(), |i| line_text(&lines[i]));
        self.scroll = ListCursor::default();
    }

    /// The first line shown.
    pub fn top(&self) -> usize {
        self.scroll.cursor
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        let height = geometry::help(app.area).height.saturating_sub(2) as usize;
        // The last place to scroll to shows the last line at the bottom.
        let positions = self.shown_len().saturating_sub(height) + 1;
        if let Some(motion) = Motion::of(&action) {
            self.scroll.go(motion, positions, height);
            return Next::Stay;
        }
        match action {
            Action::StartSearch => Next::Push(super::filter_prompt::FilterPrompt::over_screen(&self.filter)),
            Action::Back if self.filter.is_active() => {
                self.set_filter("");
                Next::Stay
            }
            Action::Back | Action::Activate | Action::Mouse { kind: MouseKind::Click, .. } => Next::Close,
            _ => Next::Stay,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::state::fixture::sample_app;
    use crate::state::keymap::help_line_count;
    use crate::state::*;

    fn top(app: &App) -> usize {
        match app.screens.top() {
            Some(Screen::Help(h)) => h.top(),
            _ => panic!("help is not open"),
        }
    }

    #[test]
    fn help_scrolls_until_its_last_line_is_at_the_bottom_and_closes() {
        let mut app = sample_app(80, 24);
        update(&mut app, Action::OpenHelp);
        update(&mut app, Action::Move(-1));
        assert_eq!(top(&app), 0, "stops at the top");
        update(&mut app, Action::Page(1));
        let height = geometry::help(app.area).height as usize - 2;
        assert_eq!(top(&app), height);
        update(&mut app, Action::Bottom);
        assert_eq!(top(&app), help_line_count() - height, "the last line at the bottom, no further");
        update(&mut app, Action::Move(1));
        assert_eq!(top(&app), help_line_count() - height);
        for close in [Action::Back, Action::Activate] {
            update(&mut app, Action::OpenHelp);
            update(&mut app, close);
            assert!(app.screens.is_empty());
        }
    }
}
