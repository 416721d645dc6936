//! Help: every key of every mode, the mouse, the colours.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::popup;
use crate::state::geometry;
use crate::state::keymap::{HelpLine, help_line_count, help_lines, label_width};
use crate::state::{Action, HelpScreen, Mode};
use crate::view::theme::Theme;

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
    let lines: Vec<Line> = help_lines()
        .into_iter()
        .enumerate()
        .filter(|(i, _)| help.filter.keeps(*i))
        .map(|(_, l)| l)
        .skip(help.top())
        .take(inner.height as usize)
        .map(|l| match l {
            HelpLine::Heading(h) => Line::styled(format!(" {h}"), theme.accent()),
            HelpLine::Key { label, help } => {
                Line::from(vec![Span::styled(format!("  {label:>width$}  "), theme.bold()), Span::raw(help)])
            }
            HelpLine::Text(t) => Line::raw(format!("  {t}")),
            HelpLine::Legend(kind) => Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{:>width$}", kind.tag()), theme.mention(&kind)),
                Span::raw("  "),
                Span::styled(kind.name().to_string(), theme.mention(&kind)),
                Span::raw("  "),
                Span::styled(format!(" {} ", kind.name()), theme.selected_mention(&kind)),
                Span::styled(" when selected", theme.dim()),
            ]),
            HelpLine::Blank => Line::raw(""),
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
