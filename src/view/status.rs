//! The status line of the screens that open over the main one: the
//! screen's name, where its cursor is (`row 120 of 82,551`), the message of
//! the moment, and the keys of that screen — not of the main screen
//! beneath, whose keys do nothing while it is covered.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::state::{Action, App, Mode, Screen};
use crate::text::sanitize;
use crate::view::theme::Theme;

pub use crate::text::number::thousands;

/// `row 120 of 82,551`, for a cursor on row `at` (from 0) of `len`.
pub fn row_of(at: usize, len: usize) -> String {
    format!("row {} of {}", thousands(at.saturating_add(1).min(len)), thousands(len))
}

/// The screen's name, its position, and its keys' hints.
fn about(screen: &Screen, app: &App) -> Option<(&'static str, Option<String>, String)> {
    let key = |mode: Mode, a: Action| mode.key(&a);
    let v = |a: Action| key(Mode::View, a);
    let moves = format!("{}/{} move", v(Action::Move(1)), v(Action::Move(-1)));
    Some(match screen {
        Screen::Dossier(d) => (
            "Dossier",
            Some(row_of(d.list.cursor, d.shown_len())),
            format!(
                "{moves} · {} go · {} compare · {} filter · {} close",
                v(Action::Activate),
                v(Action::OpenCompare),
                v(Action::StartSearch),
                v(Action::Back)
            ),
        ),
        Screen::Overview(o) => (
            "Overview",
            Some(row_of(o.list.cursor, o.shown_len())),
            format!(
                "{moves} · {} go · {} dossier · {} filter · {} close",
                v(Action::Activate),
                v(Action::OpenDossier),
                v(Action::StartSearch),
                v(Action::Back)
            ),
        ),
        Screen::Detail(d) => (
            "Detail",
            Some(row_of(d.list.cursor, d.lines.len())),
            format!(
                "{moves} · {} go · {} dossier · {} filter · {} close",
                v(Action::Activate),
                v(Action::OpenDossier),
                v(Action::StartSearch),
                v(Action::Back)
            ),
        ),
        Screen::Compare(_) => (
            "Comparison",
            None,
            format!(
                "{}/{} pick a side · {} go · {} close",
                v(Action::FocusLeft),
                v(Action::FocusRight),
                v(Action::Activate),
                v(Action::Back)
            ),
        ),
        Screen::Help(h) => {
            let p = |a: Action| key(Mode::Popup, a);
            (
                "Help",
                Some(row_of(h.top(), h.row_count(app.area))),
                format!(
                    "{}/{} scroll · {} filter · {} close",
                    p(Action::Move(1)),
                    p(Action::Move(-1)),
                    p(Action::StartSearch),
                    p(Action::Back)
                ),
            )
        }
        Screen::Relations(r) => {
            let p = |a: Action| key(Mode::Popup, a);
            (
                "Relations",
                Some(row_of(r.list.cursor, r.choices.len())),
                format!(
                    "{}/{} move · {} choose · {} close",
                    p(Action::Move(1)),
                    p(Action::Move(-1)),
                    p(Action::Activate),
                    p(Action::Back)
                ),
            )
        }
        Screen::Finder(_) => {
            let f = |a: Action| key(Mode::Finder, a);
            (
                "Finder",
                None,
                format!(
                    "type to find · {} jump · {} dossier · {} close",
                    f(Action::Activate),
                    f(Action::OpenDossier),
                    f(Action::Back)
                ),
            )
        }
        _ => return None,
    })
}

/// Draws the status line for `screen`; `false` when that screen has none
/// of its own (the main screen's is drawn then).
pub fn draw(frame: &mut Frame, app: &App, screen: &Screen, area: Rect, theme: &Theme) -> bool {
    let Some((name, position, hints)) = about(screen, app) else { return false };
    let info = app.message.as_deref().map(|m| sanitize::display_head(m, area.width as usize).into_owned());
    let mut left = vec![Span::styled(format!(" {name} "), theme.header())];
    if let Some(position) = position {
        left.push(Span::raw(" "));
        left.push(Span::styled(position, theme.dim()));
    }
    if let Some(info) = info {
        left.push(Span::raw("  "));
        left.push(Span::raw(info));
    }
    crate::view::status_line(frame, area, left, &format!("{hints} "), theme);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(82_551), "82,551");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(row_of(119, 82_551), "row 120 of 82,551");
        assert_eq!(row_of(0, 0), "row 0 of 0");
    }
}
