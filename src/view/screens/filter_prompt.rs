//! The filter line, typed into the status line, with what it keeps.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::state::screens::filter_prompt::counts;
use crate::state::{Action, App, FilterPrompt, Mode};
use crate::text::sanitize;
use crate::view::status::thousands;
use crate::view::theme::Theme;

/// The status line while a filter is typed: `/text█   3 of 12 · Enter keeps · Esc clears`.
pub fn draw(frame: &mut Frame, app: &App, prompt: &FilterPrompt, area: Rect, theme: &Theme) {
    let (shown, of) = counts(app, prompt.target);
    let key = |a: Action| Mode::Filter.key(&a);
    let line = Line::from(vec![
        Span::styled("/", theme.accent()),
        Span::raw(sanitize::display_head(prompt.query.text(), area.width as usize).into_owned()),
        Span::styled("█", theme.accent()),
        Span::styled(
            format!(
                "   {} of {} · {} keeps the filter · {} clears it",
                thousands(shown),
                thousands(of),
                key(Action::Activate),
                key(Action::Back)
            ),
            theme.dim(),
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    if let Some(message) = &app.message {
        let message = Span::styled(format!(" {message} "), theme.header());
        frame.render_widget(Paragraph::new(message).alignment(Alignment::Right), area);
    }
}
