//! The full detail of an entity or a claim: the lines on screen of the
//! items laid out by [`crate::state::screens::detail`], each piece in its
//! role's style, the item under the cursor highlighted.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{esc_hint, frame_block, row};
use crate::query::full_detail::{Item, Role, Subject};
use crate::state::geometry;
use crate::state::screens::detail::{DetailLine, list_area};
use crate::state::{Action, App, DetailScreen, Mode};
use crate::text::sanitize::display_head;
use crate::text::wrap::{graphemes, shown, trim_end};
use crate::view::theme::Theme;

fn style(role: &Role, theme: &Theme) -> Style {
    match role {
        Role::Heading => theme.accent(),
        Role::Bold => theme.bold(),
        Role::Plain => Style::new(),
        Role::Dim => theme.dim(),
        Role::Note => theme.note(),
        Role::Kind(kind) => theme.mention(kind),
        Role::ClaimKind(kind) => theme.claim_kind(*kind),
        Role::Relation(contradicts) => theme.relation(*contradicts),
        Role::Mention(kind) => theme.selected_mention(kind),
        Role::Claimed => theme.claim_span(),
    }
}

/// One laid-out line of an item: its graphemes made safe to show, each
/// piece in its style.
fn line_spans(item: &Item, text: &str, line: DetailLine, theme: &Theme) -> Line<'static> {
    let mut spans = vec![Span::raw(" ".repeat(item.indent as usize))];
    let (start, end) = (line.start as usize, line.end as usize);
    let shown_end = start + trim_end(text.get(start..end).unwrap_or("")).len();
    let mut piece_start = 0;
    let mut col = 0;
    for piece in &item.pieces {
        let piece_end = piece_start + piece.text.len();
        let (from, to) = (start.max(piece_start), shown_end.min(piece_end));
        if from < to {
            let mut out = String::new();
            for (at, g) in graphemes(&text[from..to]) {
                let (s, w) = shown(text, from + at, g, col);
                out.push_str(&s);
                col += w;
            }
            spans.push(Span::styled(out, style(&piece.role, theme)));
        }
        piece_start = piece_end;
    }
    Line::from(spans)
}

pub fn draw(frame: &mut Frame, app: &App, d: &DetailScreen, theme: &Theme) {
    let area = geometry::view(app.area);
    let key = |a: Action| Mode::View.key(&a);
    let hint = format!(
        "{} goes there · {} compares a relation · {} filters · {}",
        key(Action::Activate),
        key(Action::OpenCompare),
        key(Action::StartSearch),
        esc_hint(app)
    );
    let what = match d.detail.subject {
        Subject::Entity(_) => "Entity",
        Subject::Claim(_) => "Claim",
    };
    let mut title = format!("{what} · {}", display_head(d.detail.name(&app.corpus), area.width as usize));
    if let Some(label) = d.filter.label(d.texts.len()) {
        title.push_str(&format!(" · {label}"));
    }
    frame_block(frame, area, title, &hint, theme);
    let list = list_area(app.area);
    let cursor = d.item();
    let mut lines: Vec<Line> = d
        .lines
        .iter()
        .skip(d.list.offset)
        .take(list.height as usize)
        .map(|&l| {
            let i = l.item as usize;
            row(line_spans(&d.detail.items[i], &d.texts[i], l, theme), Some(i) == cursor, theme)
        })
        .collect();
    if d.lines.is_empty() {
        lines.push(Line::styled(
            format!(
                "nothing here holds “{}” · {} clears the filter",
                display_head(d.filter.query(), 40),
                key(Action::Back)
            ),
            theme.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(lines), list);
}
