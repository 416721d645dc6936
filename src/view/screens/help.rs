//! Help: every key of every mode, the mouse, the claim kinds, the
//! colours, each line wrapped to the box (a key's text under its text).

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::popup;
use crate::state::geometry;
use crate::state::keymap::{HelpLine, claim_kind_meaning, help_line_count, help_lines, label_width};
use crate::state::screens::help::{rows, text_column};
use crate::state::{Action, HelpScreen, Mode};
use crate::view::theme::Theme;

/// A piece of help's own text (trailing space trimmed by the wrap).
fn shown(piece: &str) -> String {
    piece.trim_end().to_string()
}

pub fn draw(frame: &mut Frame, help: &HelpScreen, theme: &Theme) {
    let area = geometry::help(frame.area());
    let keys = |a: Action| Mode::Popup.key(&a);
    let mut title =
        format!("Help · {}/{} scroll · {} closes", keys(Action::Move(1)), keys(Action::Move(-1)), keys(Action::Back));
    if let Some(label) = help.filter.label(help_line_count()) {
        title = format!("Help · {label} · {} clears", keys(Action::Back));
    }
    popup(frame, area, title, theme);
    let inner = geometry::inner(area);
    let width = label_width();
    let all = help_lines();
    let kept = all.iter().enumerate().filter(|(i, _)| help.filter.keeps(*i)).map(|(_, l)| l);
    // Each line wrapped to the box, its rows after the first starting where its text does.
    let rows = kept.flat_map(|line| {
        let pieces = rows(line, inner.width as usize);
        let indent = " ".repeat(text_column(line));
        pieces.into_iter().enumerate().map(move |(k, range)| match line {
            HelpLine::Heading(h) => Line::styled(format!(" {h}"), theme.accent()),
            HelpLine::Key { label, help } if k == 0 => Line::from(vec![
                Span::styled(format!("  {label:>width$}  "), theme.bold()),
                Span::raw(shown(&help[range])),
            ]),
            HelpLine::Key { help, .. } => Line::raw(format!("{indent}{}", shown(&help[range]))),
            HelpLine::Text(t) => Line::raw(format!("{indent}{}", shown(&t[range]))),
            HelpLine::Legend(kind) => Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{:>width$}", kind.tag()), theme.mention(kind)),
                Span::raw("  "),
                Span::styled(kind.name().to_string(), theme.mention(kind)),
                Span::raw("  "),
                Span::styled(format!(" {} ", kind.name()), theme.selected_mention(kind)),
                Span::styled(" when selected", theme.dim()),
            ]),
            HelpLine::ClaimLegend(kind) => Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{:>width$}", kind.tag()), theme.claim_kind(*kind)),
                Span::raw("  "),
                Span::styled(kind.name().to_string(), theme.bold()),
                Span::styled(format!(": {}", claim_kind_meaning(*kind)), theme.dim()),
            ]),
            HelpLine::Blank => Line::raw(""),
        })
    });
    let lines: Vec<Line> = rows.skip(help.top()).take(inner.height as usize).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
