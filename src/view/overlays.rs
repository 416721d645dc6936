//! What opens over the main screen: the entity finder, the help, and the
//! chooser for a claim's relations.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::theme::{Theme, claim_tag};
use super::{claimant, fit_title, wrap};
use crate::data::model::ClaimIdx;
use crate::state::geometry;
use crate::state::keymap::{HelpLine, help_lines};
use crate::state::{App, ChooseFor, FinderState, RelationChoice};
use crate::text::sanitize::{display, display_head};
use crate::text::wrap::{cells, fit, shown};

fn popup(frame: &mut Frame, area: ratatui::layout::Rect, title: String, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::from(Span::styled(format!(" {} ", fit_title(&title, area.width as usize)), theme.title(true))));
    frame.render_widget(block, area);
}

/// `s` with the characters at `positions` (char indices) highlighted, cut to
/// `width`. Styled by grapheme, so a combining mark stays with its letter.
fn highlighted(s: &str, positions: &[usize], base: Style, hit: Style, width: usize) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut col = 0;
    let mut char_index = 0;
    for (at, g) in crate::text::wrap::graphemes(s) {
        let chars = g.chars().count();
        let (text, w) = shown(s, at, g, col);
        if col + w > width {
            spans.push(Span::styled("…", base));
            break;
        }
        col += w;
        let matched = (char_index..char_index + chars).any(|i| positions.contains(&i));
        char_index += chars;
        spans.push(Span::styled(text.into_owned(), if matched { base.patch(hit) } else { base }));
    }
    spans
}

pub fn finder(frame: &mut Frame, app: &App, f: &FinderState, theme: &Theme) {
    let area = geometry::finder(app.area);
    let title = if f.search.is_done() {
        format!("Find an entity · {} of {}", f.search.count(), app.corpus.entities().len())
    } else {
        format!(
            "Find an entity · matching… {:.0}% · {} so far",
            f.search.progress(&app.finder) * 100.0,
            f.search.count()
        )
    };
    popup(frame, area, title, theme);
    let inner = geometry::inner(area);
    let input = Line::from(vec![
        Span::styled("› ", theme.accent()),
        Span::raw(display(&f.query).into_owned()),
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
    for (i, hit) in f.hits().iter().enumerate().skip(f.offset).take(list.height as usize) {
        let positions = app.finder.positions(&app.corpus, hit, &f.query);
        let e = app.corpus.entity(hit.entity);
        let docs = app.corpus.entity_doc_count(hit.entity);
        let n = app.corpus.mention_count(hit.entity);
        let counts =
            format!(" {n} mention{} · {docs} doc{} ", if n == 1 { "" } else { "s" }, if docs == 1 { "" } else { "s" });
        let room = width.saturating_sub(counts.chars().count() + 5);
        let mut spans = vec![Span::raw(" "), Span::styled(e.kind.tag(), theme.mention(&e.kind)), Span::raw(" ")];
        if hit.which == 0 {
            spans.extend(highlighted(&e.name, &positions, theme.bold(), theme.matched(), room));
        } else {
            let name = fit(&e.name, room / 2);
            let used = cells(&name) + 3;
            spans.push(Span::styled(name, theme.bold()));
            spans.push(Span::styled(" ← ", theme.dim()));
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
        lines.push(if i == f.cursor { line.style(theme.cursor(true)) } else { line });
    }
    if f.hits().is_empty() && f.search.is_done() {
        lines.push(Line::styled(" no entity matches; Backspace to widen, Esc to close", theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), list);
}

pub fn help(frame: &mut Frame, scroll: usize, theme: &Theme) {
    let area = geometry::help(frame.area());
    popup(frame, area, "Help · j/k scroll · Esc closes".into(), theme);
    let inner = geometry::inner(area);
    let lines: Vec<Line> = help_lines()
        .into_iter()
        .skip(scroll)
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

pub fn relations(
    frame: &mut Frame,
    app: &App,
    from: ClaimIdx,
    choices: &[RelationChoice],
    cursor: usize,
    purpose: ChooseFor,
    theme: &Theme,
) {
    let area = geometry::relations(app.area, choices.len());
    let verb = if purpose == ChooseFor::Follow { "Enter follows" } else { "Enter compares" };
    let id = display_head(&app.corpus.claim(from).id, app.area.width as usize);
    let title = format!("Relations of {id} · {verb} · Esc closes");
    popup(frame, area, title, theme);
    let inner = geometry::inner(area);
    let width = inner.width as usize;
    let per = 3usize;
    let visible = (inner.height as usize / per).max(1);
    let first = crate::state::visible_offset(0, cursor, choices.len(), visible);
    let mut lines = Vec::new();
    for (i, choice) in choices.iter().enumerate().skip(first).take(visible) {
        let other = app.corpus.claim(choice.other);
        let contradicts = choice.label.starts_with("contradict");
        let head = Line::from(vec![
            Span::styled(format!(" {} ", choice.label), theme.relation(contradicts)),
            Span::raw(format!("→ [{}] ", other.doc.index() + 1)),
            Span::styled(fit(&other.id, width / 2), theme.bold()),
            Span::raw(" "),
            Span::styled(claim_tag(other.kind), theme.claim_kind(other.kind)),
            Span::raw(format!(" by {}", fit(&claimant(&app.corpus, choice.other), 24))),
        ]);
        lines.push(if i == cursor { head.style(theme.cursor(true)) } else { head });
        let text = wrap(
            &format!("   “{}”", crate::text::wrap::head(app.corpus.claim_text(choice.other), width)),
            inner.width,
            1,
        );
        lines.push(Line::raw(text.first().map(|l| fit(l, width)).unwrap_or_default()));
        let note = choice
            .note
            .as_deref()
            .map(|n| fit(&format!("   {}", crate::text::wrap::head(n, width)), width))
            .unwrap_or_default();
        lines.push(Line::styled(note, theme.dim()));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
