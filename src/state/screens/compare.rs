//! The comparison (`c`): two related claims side by side, each in its
//! paragraph, with the relation and the annotator's note on how they differ.

use super::Next;
use crate::data::model::ClaimIdx;
use crate::state::geometry;
use crate::state::navigate::go_to_claim;
use crate::state::{Action, App, MouseKind};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompareScreen {
    pub left: ClaimIdx,
    pub right: ClaimIdx,
    /// The relation as seen from the left claim, e.g. "contradicts".
    pub label: &'static str,
    pub note: Option<String>,
    /// The side Enter goes to: 0 left, 1 right.
    pub side: usize,
}

impl CompareScreen {
    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        match action {
            Action::FocusLeft => self.side = 0,
            Action::FocusRight => self.side = 1,
            Action::Mouse { kind: MouseKind::Click, column, .. } => {
                let view = geometry::inner(geometry::view(app.area));
                self.side = usize::from(column >= view.x + view.width / 2);
            }
            Action::Activate => {
                go_to_claim(app, if self.side == 0 { self.left } else { self.right });
                return Next::CloseAll;
            }
            Action::Back => return Next::Close,
            _ => {}
        }
        Next::Stay
    }
}
