//! Help (`?`): every key of every mode, the mouse, the colours, scrolled.

use super::Next;
use crate::state::cursor::{ListCursor, Motion};
use crate::state::geometry;
use crate::state::keymap::{HelpLine, claim_kind_meaning, help_line_count, help_lines, label_width};
use crate::state::row_filter::RowFilter;
use crate::state::{Action, App, MouseKind};
use crate::text::wrap::TextLayout;

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
        HelpLine::ClaimLegend(kind) => {
            format!("{} {} {}", kind.tag(), kind.name(), claim_kind_meaning(*kind))
        }
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

    /// The first row shown (of [`HelpScreen::row_count`]).
    pub fn top(&self) -> usize {
        self.scroll.cursor
    }

    /// How many rows the lines shown take, wrapped to help's box in `area`.
    pub fn row_count(&self, area: ratatui::layout::Rect) -> usize {
        let width = geometry::inner(geometry::help(area)).width as usize;
        help_lines().iter().enumerate().filter(|(i, _)| self.filter.keeps(*i)).map(|(_, l)| rows(l, width).len()).sum()
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        let height = geometry::help(app.area).height.saturating_sub(2) as usize;
        // The last place to scroll to shows the last row at the bottom.
        let positions = self.row_count(app.area).saturating_sub(height) + 1;
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

/// Where a line's text starts in help's box: after the key column for a
/// key, after a margin for a sentence (its wrapped rows start there too).
pub fn text_column(line: &HelpLine) -> usize {
    match line {
        HelpLine::Key { .. } => label_width() + 4,
        HelpLine::Text(_) => 2,
        _ => 0,
    }
}

/// The text of a line that wraps, as the rows it takes in a box whose
/// inside is `width` cells wide (byte ranges of the text); one row for the
/// others (headings, colour samples: short).
pub fn rows(line: &HelpLine, width: usize) -> Vec<std::ops::Range<usize>> {
    let text = match line {
        HelpLine::Key { help, .. } => *help,
        HelpLine::Text(t) => *t,
        _ => return std::iter::once(0..0).collect(),
    };
    let room = width.saturating_sub(text_column(line)).max(8);
    let layout = TextLayout::first_lines(text, room.min(u16::MAX as usize) as u16, usize::MAX);
    let rows: Vec<_> = layout.lines.iter().map(|l| l.range()).collect();
    if rows.is_empty() { std::iter::once(0..0).collect() } else { rows }
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
        let rows = match app.screens.top() {
            Some(Screen::Help(h)) => h.row_count(app.area),
            _ => panic!("help is not open"),
        };
        assert!(rows > help_line_count(), "at 80 columns some lines wrap");
        assert_eq!(top(&app), rows - height, "the last row at the bottom, no further");
        update(&mut app, Action::Move(1));
        assert_eq!(top(&app), rows - height);
        for close in [Action::Back, Action::Activate] {
            update(&mut app, Action::OpenHelp);
            update(&mut app, close);
            assert!(app.screens.is_empty());
        }
    }
}
