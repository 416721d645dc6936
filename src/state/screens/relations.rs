//! The relation chooser: a claim's relations, when it has several, to
//! follow one (`r`) or to compare the two claims (`c`).

use super::compare::CompareScreen;
use super::{Next, Screen};
use crate::data::model::{ClaimIdx, Link};
use crate::state::cursor::{ListCursor, Motion};
use crate::state::geometry;
use crate::state::navigate::go_to_claim;
use crate::state::{Action, App, Mode, MouseKind};

/// A relation offered by the chooser when a claim has several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelationChoice {
    pub other: ClaimIdx,
    pub label: &'static str,
    pub note: Option<String>,
}

impl From<Link<'_>> for RelationChoice {
    fn from(l: Link<'_>) -> RelationChoice {
        RelationChoice { other: l.other, label: l.label(), note: l.note.map(str::to_string) }
    }
}

/// What the relation chooser is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChooseFor {
    /// Go to the related claim.
    Follow,
    /// Open the two claims side by side.
    Compare,
}

#[derive(Debug)]
pub struct RelationChooser {
    pub from: ClaimIdx,
    pub choices: Vec<RelationChoice>,
    pub list: ListCursor,
    pub purpose: ChooseFor,
}

/// Rows the chooser gives each relation: its label, the claim, the note.
pub const ROWS_PER_CHOICE: usize = 3;

impl RelationChooser {
    /// How many choices are shown at once.
    pub fn visible(&self, area: ratatui::layout::Rect) -> usize {
        let inner = geometry::inner(geometry::relations(area, self.choices.len()));
        (inner.height as usize / ROWS_PER_CHOICE).max(1)
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        let visible = self.visible(app.area);
        match action {
            Action::Move(_) | Action::Page(_) | Action::Top | Action::Bottom => {
                if let Some(motion) = Motion::of(&action) {
                    self.list.go(motion, self.choices.len(), visible);
                }
                Next::Stay
            }
            Action::Activate => match self.choices.get(self.list.cursor) {
                Some(choice) => match relation_chosen(app, self.from, choice.clone(), self.purpose) {
                    Some(screen) => Next::Replace(screen),
                    None => Next::Close,
                },
                None => Next::Close,
            },
            Action::Back | Action::Mouse { kind: MouseKind::Click, .. } => Next::Close,
            _ => Next::Stay,
        }
    }
}

/// Acts on a chosen relation of the claim `from`: follows it (and says so),
/// or returns the comparison of the two claims, to open.
pub fn relation_chosen(app: &mut App, from: ClaimIdx, choice: RelationChoice, purpose: ChooseFor) -> Option<Screen> {
    match purpose {
        ChooseFor::Follow => {
            go_to_claim(app, choice.other);
            app.message = Some(format!(
                "followed \"{}\" to claim {} · {} goes back",
                choice.label,
                crate::text::sanitize::display(&app.corpus.claim(choice.other).id),
                Mode::Normal.key(&Action::JumpBack)
            ));
            None
        }
        ChooseFor::Compare => Some(Screen::Compare(CompareScreen {
            left: from,
            right: choice.other,
            label: choice.label,
            note: choice.note,
            side: 0,
        })),
    }
}

#[cfg(test)]
mod tests {
    use crate::state::fixture::sample_app;
    use crate::state::screens::Screen;
    use crate::state::{Action, Pane, update};

    /// Help listed PgDn for the relation chooser, but the chooser ignored
    /// it: the cursor stayed on the first of two relations.
    #[test]
    fn the_relation_chooser_pages() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::GotoDoc(1));
        update(&mut app, Action::Focus(Pane::Claims));
        app.reader.views[1].claims.item = app.corpus.claim_by_id("i-detention");
        update(&mut app, Action::FollowRelation);
        let cursor = |app: &crate::state::App| match app.screens.top() {
            Some(Screen::Relations(r)) => r.list.cursor,
            _ => panic!("no chooser"),
        };
        assert_eq!(cursor(&app), 0);
        update(&mut app, Action::Page(1));
        assert_eq!(cursor(&app), 1, "the last of two");
        update(&mut app, Action::Page(-1));
        assert_eq!(cursor(&app), 0);
    }
}
