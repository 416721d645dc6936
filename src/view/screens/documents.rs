//! The document picker: the query line, the column headings, and the rows
//! on screen (each its number, title with the matched letters highlighted,
//! date, length and counts); its keys and position in the status line.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::finder::highlighted;
use super::popup;
use crate::state::screens::documents::{area, list_area};
use crate::state::{Action, App, DocumentsScreen, Mode};
use crate::text::number::thousands;
use crate::text::sanitize::{display, display_head};
use crate::text::wrap::fit;
use crate::view::theme::Theme;

fn key(action: Action) -> String {
    Mode::Documents.key(&action)
}

/// The columns right of the title, each with its width: date, length in
/// characters, distinct entities, claims.
const DATE: usize = 10;
const CHARS: usize = 9;
const ENTITIES: usize = 8;
const CLAIMS: usize = 6;

pub fn draw(frame: &mut Frame, app: &App, p: &DocumentsScreen, theme: &Theme) {
    let total = app.corpus.documents().len();
    let title = if p.ranking.is_done() {
        format!(
            "Documents · {} of {} · {} ({} sorts)",
            thousands(p.rows.len()),
            thousands(total),
            p.sort.label(p.ranking.has_query()),
            key(Action::CycleSort)
        )
    } else {
        format!(
            "Documents · matching… {:.0}% · {} so far",
            p.ranking.progress(&app.documents) * 100.0,
            thousands(p.rows.len())
        )
    };
    // With entities pinned, only the documents naming every one are listed.
    let title = match app.reader.pins.len() {
        0 => title,
        1 => format!("{title} · naming the pinned entity"),
        n => format!("{title} · naming all {n} pinned entities"),
    };
    let outer = area(app.area);
    popup(frame, outer, title, theme);
    let inner = crate::state::geometry::inner(outer);
    let width = inner.width as usize;
    let input = Line::from(vec![
        Span::styled("› ", theme.accent()),
        Span::raw(display_head(p.query.text(), width).into_owned()),
        Span::styled("█", theme.accent()),
    ]);
    frame.render_widget(Paragraph::new(input), Rect { height: 1, ..inner });

    let number = total.to_string().len().max(1);
    let fixed = number + 2 + (2 + DATE) + (2 + CHARS) + (2 + ENTITIES) + (2 + CLAIMS) + 1;
    let room = width.saturating_sub(fixed).max(8);
    let headings = format!(
        "{:>number$}  {:<room$}  {:<DATE$}  {:>CHARS$}  {:>ENTITIES$}  {:>CLAIMS$}",
        "#", "title", "date", "chars", "entities", "claims"
    );
    frame.render_widget(
        Paragraph::new(Line::styled(fit(&headings, width), theme.dim())),
        Rect { y: inner.y + 1, height: 1, ..inner },
    );

    let list = list_area(app.area);
    let mut lines = Vec::new();
    for (i, &d) in p.rows.iter().enumerate().skip(p.list.offset).take(list.height as usize) {
        let doc = app.corpus.doc(d);
        let positions =
            if p.ranking.has_query() { app.documents.title_positions(d, p.query.text()) } else { Vec::new() };
        let title = crate::query::finder::head(doc.display_title(), room + 1);
        let mut spans = vec![Span::styled(format!("{:>number$}  ", d.index() + 1), theme.dim())];
        let title_spans = highlighted(title, &positions, theme.bold(), theme.matched(), room);
        let used: usize = title_spans.iter().map(|s| s.width()).sum();
        spans.extend(title_spans);
        spans.push(Span::raw(" ".repeat(room.saturating_sub(used))));
        let date = fit(&display(doc.published.as_deref().unwrap_or("")), DATE);
        let counts = format!(
            "  {date:<DATE$}  {:>CHARS$}  {:>ENTITIES$}  {:>CLAIMS$}",
            thousands(doc.chars),
            thousands(app.documents.entity_count(d)),
            thousands(app.corpus.doc_claims(d).len())
        );
        spans.push(Span::styled(counts, theme.dim()));
        let line = Line::from(spans);
        lines.push(if i == p.list.cursor { theme.on_cursor(line, true) } else { line });
    }
    if p.rows.is_empty() && p.ranking.is_done() {
        let hint = if p.query.is_empty() {
            "no documents to list".to_string()
        } else {
            format!(" no document matches; {} to widen, {} to close", key(Action::DeleteChar), key(Action::Back))
        };
        lines.push(Line::styled(hint, theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), list);
}

/// The status line while the picker is open: where the cursor is among the
/// rows, and the picker's keys.
pub fn status(frame: &mut Frame, app: &App, p: &DocumentsScreen, area: Rect, theme: &Theme) {
    let position = if p.rows.is_empty() {
        "no rows".to_string()
    } else {
        format!("row {} of {}", thousands(p.list.cursor + 1), thousands(p.rows.len()))
    };
    let info = app.message.as_deref().map(|m| display_head(m, area.width as usize).into_owned()).unwrap_or_default();
    let left = vec![
        Span::styled(" Documents ", theme.header()),
        Span::raw(" "),
        Span::styled(position, theme.dim()),
        Span::raw("  "),
        Span::raw(info),
    ];
    let left_width: usize = left.iter().map(|s| s.width()).sum();
    frame.render_widget(Paragraph::new(Line::from(left)), area);
    let hints = format!(
        "{}/{} move · {} opens · {} sorts · {} closes ",
        key(Action::Move(1)),
        key(Action::Move(-1)),
        key(Action::Activate),
        key(Action::CycleSort),
        key(Action::Back)
    );
    let room = (area.width as usize).saturating_sub(left_width + 1);
    if room >= 20 {
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(fit(&hints, room), theme.dim()))).alignment(Alignment::Right),
            area,
        );
    }
}
