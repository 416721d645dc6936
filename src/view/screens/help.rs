//! Help: every key of every mode, the mouse, the colours.

use ratatui::Frame;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::popup;
use crate::state::HelpScreen;
use crate::state::geometry;
use crate::state::keymap::{HelpLine, help_lines};
use crate::view::theme::Theme;

pub fn draw(frame: &mut Frame, help: &HelpScreen, theme: &Theme) {
    let area = geometry::help(frame.area());
    popup(frame, area, "Help · j/k scroll · Esc closes".into(), theme);
    let inner = geometry::inner(area);
    let lines: Vec<Line> = help_lines()
        .into_iter()
        .skip(help.top())
        .take(inner.height as usize)
        .map(|l| match l {
            HelpLine::Heading(h) => Line::styled(format!(" {h}"), theme.accent()),
            HelpLine::Key { label, help } => {
                Line::from(vec![Span::styled(format!("  {label:>14}  "), theme.bold()), Span::raw(help)])
            }
            HelpLine::Text(t) => Line::raw(format!("  {t}")),
            HelpLine::Legend(kind) => Line::from(vec![
                Span::raw("  "),
                Span::styled(format!("{:>14}", kind.tag()), theme.mention(&kind)),
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
