//! The search line, typed into the status line.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::state::{Action, App, Mode, SearchPrompt};
use crate::text::sanitize;
use crate::view::theme::Theme;

/// The status line while a search is typed.
pub fn draw(frame: &mut Frame, app: &App, prompt: &SearchPrompt, area: Rect, theme: &Theme) {
    let query = prompt.query.text();
    let line = Line::from(vec![
        Span::styled("/", theme.accent()),
        Span::raw(sanitize::display_head(query, area.width as usize).into_owned()),
        Span::styled("█", theme.accent()),
        Span::styled(
            format!("   {} search · {} cancel", Mode::Search.key(&Action::Activate), Mode::Search.key(&Action::Back)),
            theme.dim(),
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    // E.g. that a paste was cut to the longest search: over the end of
    // a query that long.
    if let Some(message) = &app.message {
        let message = Span::styled(format!(" {message} "), theme.header());
        frame.render_widget(Paragraph::new(message).alignment(Alignment::Right), area);
    }
}
