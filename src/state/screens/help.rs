//! Help (`?`): every key of every mode, the mouse, the colours, scrolled.

use super::Next;
use crate::state::cursor::{ListCursor, Motion};
use crate::state::geometry;
use crate::state::keymap::help_line_count;
use crate::state::{Action, App, MouseKind};

#[derive(Debug, Default)]
pub struct HelpScreen {
    /// The first line shown is the cursor's row.
    pub scroll: ListCursor,
}

impl HelpScreen {
    /// The first line shown.
    pub fn top(&self) -> usize {
        self.scroll.cursor
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        let height = geometry::help(app.area).height.saturating_sub(2) as usize;
        // The last place to scroll to shows the last line at the bottom.
        let positions = help_line_count().saturating_sub(height) + 1;
        if let Some(motion) = Motion::of(&action) {
            self.scroll.go(motion, positions, height);
            return Next::Stay;
        }
        match action {
            Action::Back | Action::Activate | Action::Mouse { kind: MouseKind::Click, .. } => Next::Close,
            _ => Next::Stay,
        }
    }
}
