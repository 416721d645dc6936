//! The entity finder: the query line, and the hits with the matched
//! letters highlighted (their positions worked out only for the rows shown);
//! a hit found in another script or spelling, or despite a typo, says so
//! before the name that matched (`translit. Astana`, `≈ Zhirinovsky`) and
//! has the words that matched highlighted.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::popup;
use crate::state::geometry;
use crate::state::{Action, App, FinderScreen, Mode};
use crate::text::sanitize::display;
use crate::text::wrap::{cells, fit, shown};
use crate::view::theme::Theme;

/// `s` with the characters at `positions` (char indices) highlighted, cut to
/// `width`. Styled by grapheme, so a combining mark stays with its letter.
pub(super) fn highlighted(s: &str, positions: &[usize], base: Style, hit: Style, width: usize) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut col = 0;
    let mut char_index = 0;
    for (at, g) in crate::text::wrap::graphemes(s) {
        let chars = g.chars().count();
        let (text, w) = shown(s, at, g, col);
        if col + w > width {
            // The `…` takes the last cell: what is cut never runs past `width`.
            while col + 1 > width {
                match spans.pop() {
                    Some(last) => col -= last.width(),
                    None => break,
                }
            }
            if width > 0 {
                spans.push(Span::styled("…", base));
            }
            break;
        }
        col += w;
        let matched = (char_index..char_index + chars).any(|i| positions.contains(&i));
        char_index += chars;
        spans.push(Span::styled(text.into_owned(), if matched { base.patch(hit) } else { base }));
    }
    spans
}

pub fn draw(frame: &mut Frame, app: &App, f: &FinderScreen, theme: &Theme) {
    let area = geometry::finder(app.area);
    let title = if f.ranking.is_done() {
        format!("Find an entity · {} of {}", f.ranking.count(), app.corpus.entities().len())
    } else {
        format!(
            "Find an entity · matching… {:.0}% · {} so far",
            f.ranking.progress(&app.finder) * 100.0,
            f.ranking.count()
        )
    };
    popup(frame, area, title, theme);
    let inner = geometry::inner(area);
    let input = Line::from(vec![
        Span::styled("› ", theme.accent()),
        Span::raw(display(f.query.text()).into_owned()),
        Span::styled("█", theme.accent()),
    ]);
    frame.render_widget(Paragraph::new(input), ratatui::layout::Rect { height: 1, ..inner });
    let rule = "─".repeat(inner.width as usize);
    frame.render_widget(
        Paragraph::new(rule).style(theme.dim()),
        ratatui::layout::Rect { y: inner.y + 1, height: 1, ..inner },
    );

    let list = geometry::finder_list(app.area);
    let width = list.width as usize;
    let mut lines = Vec::new();
    for (i, hit) in f.hits().iter().enumerate().skip(f.list.offset).take(list.height as usize) {
        let positions = app.finder.positions(&app.corpus, hit, f.query.text());
        let e = app.corpus.entity(hit.entity);
        let docs = app.corpus.entity_doc_count(hit.entity);
        let n = app.corpus.mention_count(hit.entity);
        let counts =
            format!(" {n} mention{} · {docs} doc{} ", if n == 1 { "" } else { "s" }, if docs == 1 { "" } else { "s" });
        let room = width.saturating_sub(counts.chars().count() + 5);
        let mut spans = vec![Span::raw(" "), Span::styled(e.kind.tag(), theme.mention(&e.kind)), Span::raw(" ")];
        // How it matched, before the name or alias that matched.
        let mark = hit.tier.mark().map(|m| Span::styled(format!("{m} "), theme.dim()));
        let marked = mark.as_ref().map_or(0, |m| m.width());
        if hit.which == 0 {
            spans.extend(mark);
            spans.extend(highlighted(&e.name, &positions, theme.bold(), theme.matched(), room.saturating_sub(marked)));
        } else {
            let name = fit(&e.name, room / 2);
            let used = cells(&name) + 3 + marked;
            spans.push(Span::styled(name, theme.bold()));
            spans.push(Span::styled(" ← ", theme.dim()));
            spans.extend(mark);
            spans.extend(highlighted(
                hit.matched(&app.corpus),
                &positions,
                Style::new(),
                theme.matched(),
                room.saturating_sub(used),
            ));
        }
        let used: usize = spans.iter().map(|s| s.width()).sum();
        spans.push(Span::raw(" ".repeat(width.saturating_sub(used + counts.chars().count()))));
        spans.push(Span::styled(counts, theme.dim()));
        let line = Line::from(spans);
        lines.push(if i == f.list.cursor { theme.on_cursor(line, true) } else { line });
    }
    if f.hits().is_empty() && f.ranking.is_done() {
        let hint = format!(
            " no entity matches; {} to widen, {} to close",
            Mode::Finder.key(&Action::DeleteChar),
            Mode::Finder.key(&Action::Back)
        );
        lines.push(Line::styled(hint, theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), list);
}
