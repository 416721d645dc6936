//! The `:` prompt, typed into the status line, with what Enter would do
//! (the document it names) or the first ids that start with what is typed;
//! and the count being typed in the main screen (`5000 — ]/[ move …`).

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::data::model::DocIdx;
use crate::state::{Action, App, GotoPrompt, Mode};
use crate::text::number::thousands;
use crate::text::sanitize::display_head;
use crate::text::wrap::{cells, fit};
use crate::view::theme::Theme;

/// How many ids the hint names.
const HINTED: usize = 5;

/// The status line while a number or id is typed.
pub fn draw(frame: &mut Frame, app: &App, prompt: &GotoPrompt, area: Rect, theme: &Theme) {
    let width = area.width as usize;
    let typed = prompt.query.text();
    let key = |a: Action| Mode::Goto.key(&a);
    let hint = if typed.trim().is_empty() {
        format!(
            "a document's number (1–{}) or id; {} completes ids",
            thousands(app.corpus.documents().len()),
            key(Action::Complete)
        )
    } else {
        match app.documents.resolve(&app.corpus, typed) {
            Ok(d) => {
                let doc = app.corpus.doc(d);
                format!(
                    "{} goes to {} {}",
                    key(Action::Activate),
                    d.index() + 1,
                    display_head(doc.display_title(), width)
                )
            }
            Err(_) => {
                let found = app.documents.ids_starting(typed);
                if found.is_empty() {
                    "no such document".to_string()
                } else {
                    let ids: Vec<String> = found
                        .iter()
                        .take(HINTED)
                        .map(|(_, d)| display_head(&app.corpus.doc(DocIdx(*d)).id, 40).into_owned())
                        .collect();
                    let more = found.len().saturating_sub(HINTED);
                    let more = if more > 0 { format!(" … +{}", thousands(more)) } else { String::new() };
                    format!("{}{more} · {} completes", ids.join(" · "), key(Action::Complete))
                }
            }
        }
    };
    let line = Line::from(vec![
        Span::styled(":", theme.accent()),
        Span::raw(display_head(typed, width).into_owned()),
        Span::styled("█", theme.accent()),
        Span::styled(
            fit(&format!("   {hint} · {} cancels", key(Action::Back)), width.saturating_sub(cells(typed) + 2)),
            theme.dim(),
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
    // "no such document: …": over the end of the line.
    if let Some(message) = &app.message {
        let message = Span::styled(format!(" {} ", display_head(message, width.saturating_sub(2))), theme.header());
        frame.render_widget(Paragraph::new(message).alignment(Alignment::Right), area);
    }
}

/// What the status line says while a count is typed in the main screen.
pub fn count_info(app: &App) -> Option<String> {
    let count = app.main.count?;
    let key = |a: Action| Mode::Normal.key(&a);
    // As it is typed: a document's number, not a quantity.
    let n = count.to_string();
    let documents = if count == 1 { "document" } else { "documents" };
    Some(format!(
        "{n} — {}/{} move {n} {documents} · {} goes to document {n} · {} cancels",
        key(Action::NextDoc),
        key(Action::PrevDoc),
        key(Action::Activate),
        key(Action::Back)
    ))
}
