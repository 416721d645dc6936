//! The Text pane: the visible lines of the current document, each grapheme
//! styled by the mentions, the marked claim and the search that cover it.
//! Only the visible lines are looked at, so a frame costs the same for a
//! short article and a 10 MB one. A discontinuous mention covers its
//! fragments and not the gaps between them: its fragments are looked up
//! only for the mentions in view, and only in a corpus that has any.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};

use crate::data::model::{EntityIdx, EntityKind, Span};
use crate::state::geometry::GUTTER;
use crate::state::{App, Mark, Pane, Stepping};
use crate::text::wrap::{TextLayout, VisualLine, shown};
use crate::view::theme::Theme;
use crate::view::{fit_title, pane_block};

/// What covers the visible part of the text.
struct Highlights<'a> {
    /// (span, kind, entity) of every mention overlapping the view, one
    /// entry per fragment of a discontinuous one.
    mentions: Vec<(Span, &'a EntityKind, EntityIdx)>,
    selected: Option<EntityIdx>,
    claim: Option<Span>,
    /// (span, is the current match)
    matches: Vec<(Span, bool)>,
}

impl Highlights<'_> {
    fn style_at(&self, byte: usize, theme: &Theme, line_mentions: &[usize]) -> Style {
        let mut style = Style::new();
        if self.claim.is_some_and(|c| c.contains(byte)) {
            style = style.patch(theme.claim_span());
        }
        // The innermost mention shows its kind; a mention of the selected entity wins.
        let mut best: Option<(usize, &EntityKind, bool)> = None;
        for &i in line_mentions {
            let (span, kind, entity) = self.mentions[i];
            if span.contains(byte) {
                let selected = Some(entity) == self.selected;
                let better = match best {
                    None => true,
                    Some((len, _, sel)) => (selected && !sel) || (selected == sel && span.len() < len),
                };
                if better {
                    best = Some((span.len(), kind, selected));
                }
            }
        }
        if let Some((_, kind, selected)) = best {
            style = style.patch(if selected { theme.selected_mention(kind) } else { theme.mention(kind) });
        }
        if let Some(&(_, current)) = self.matches.iter().find(|(s, _)| s.contains(byte)) {
            style = style.patch(if current { theme.search_current() } else { theme.search_match() });
        }
        style
    }
}

pub fn draw(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let doc = app.corpus.doc(app.reader.doc);
    let focused = app.main.focus == Pane::Text;
    let fallback;
    let layout = match app.layout() {
        Some(l) => l,
        None => {
            fallback = TextLayout::new(&doc.text, app.derived.geometry.text_inner().width);
            &fallback
        }
    };
    let inner = app.derived.geometry.text_inner();
    let height = inner.height as usize;
    let top = app.top_line().min(layout.len().saturating_sub(1));
    let shown_lines = &layout.lines[top.min(layout.len())..(top + height).min(layout.len())];

    let position = if layout.len() <= height {
        "all".to_string()
    } else {
        let pct = (top + height).min(layout.len()) * 100 / layout.len();
        format!("{}–{}/{} · {pct}%", top + 1, (top + height).min(layout.len()), layout.len())
    };
    let title = crate::text::sanitize::display_head(doc.display_title(), area.width as usize);
    let title = fit_title(&format!("Text · {title}"), area.width as usize);
    let block = pane_block(title, focused, theme).title_bottom(Line::from(format!(" {position} ")).right_aligned());
    frame.render_widget(block, area);

    let Some((first, last)) = shown_lines.first().zip(shown_lines.last()) else { return };
    let visible = first.start as usize..last.end as usize + 1;
    let highlights = highlights(app, visible.clone());

    // A thin bar only for the claims about the selected entity: on every
    // claim's lines (most lines of an annotated article) it said little.
    let claims_here: Vec<Span> = match app.reader.entity {
        Some(e) => app
            .corpus
            .doc_claims(app.reader.doc)
            .iter()
            .map(|&c| app.corpus.claim(c))
            .filter(|c| c.about.contains(&e) && c.span.overlaps(visible.clone()))
            .map(|c| c.span)
            .collect(),
        None => Vec::new(),
    };

    let mut rows: Vec<Line> = Vec::with_capacity(shown_lines.len());
    let mut gutter: Vec<Line> = Vec::with_capacity(shown_lines.len());
    for &line in shown_lines {
        rows.push(styled_line(&doc.text, line, &highlights, theme));
        let range = line.range();
        let mark = if highlights.claim.is_some_and(|c| c.overlaps(range.clone())) {
            TextSpan::styled("▌", theme.gutter_selected())
        } else if claims_here.iter().any(|c| c.overlaps(range.clone())) {
            TextSpan::styled("▏", theme.gutter())
        } else {
            TextSpan::raw(" ")
        };
        gutter.push(Line::from(mark));
    }
    let gutter_area = Rect { x: inner.x - GUTTER, width: 1, ..inner };
    frame.render_widget(Paragraph::new(gutter), gutter_area);
    frame.render_widget(Paragraph::new(rows), inner);

    if layout.len() > height {
        let mut state =
            ScrollbarState::new(layout.len().saturating_sub(height)).position(top).viewport_content_length(height);
        let bar = Scrollbar::new(ScrollbarOrientation::VerticalRight)
            .begin_symbol(None)
            .end_symbol(None)
            .track_symbol(Some("│"))
            .thumb_symbol("█")
            .track_style(theme.border(focused))
            .thumb_style(theme.border(focused));
        frame.render_stateful_widget(bar, area.inner(Margin { vertical: 1, horizontal: 0 }), &mut state);
        // Where the selected entity is mentioned, and where the search matched.
        let track = area.inner(Margin { vertical: 1, horizontal: 0 });
        let kind = app.reader.entity.map(|e| &app.corpus.entity(e).kind);
        for &(at, mark) in &app.derived.marks {
            let y = track.y + ((at * track.height as f32) as u16).min(track.height.saturating_sub(1));
            let (symbol, style) = match (mark, kind) {
                (Mark::Mention, Some(kind)) => ("◆", theme.mention(kind)),
                (Mark::Mention, None) => continue,
                (Mark::Match, _) => ("●", theme.search_match()),
            };
            frame.buffer_mut()[(track.right().saturating_sub(1), y)].set_symbol(symbol).set_style(style);
        }
    }
}

fn highlights(app: &App, visible: std::ops::Range<usize>) -> Highlights<'_> {
    let corpus = &app.corpus;
    let details = corpus.has_mention_annotations();
    let mut mentions = Vec::new();
    for (i, m) in corpus.mentions_overlapping(app.reader.doc, visible.clone()) {
        let kind = &corpus.entity(m.entity).kind;
        if details {
            let here = corpus.mention_fragments(i).iter().filter(|f| f.overlaps(visible.clone()));
            mentions.extend(here.map(|&f| (f, kind, m.entity)));
        } else {
            mentions.push((m.span, kind, m.entity));
        }
    }
    let claim = app.view().claim.map(|c| corpus.claim(c).span);
    let matches = match &app.reader.search {
        Some(s) if s.doc == app.reader.doc => {
            let from = s.matches.partition_point(|m| (m.end as usize) <= visible.start);
            s.matches[from..]
                .iter()
                .enumerate()
                .take_while(|(_, m)| (m.start as usize) < visible.end)
                .map(|(i, &m)| (m, s.current == Some(from + i)))
                .collect()
        }
        _ if app.reader.stepping == Stepping::Corpus => app.reader.corpus.in_view(app.reader.doc, visible.clone()),
        _ => Vec::new(),
    };
    Highlights { mentions, selected: app.reader.entity, claim, matches }
}

/// One visual line, styled grapheme by grapheme and merged into spans.
fn styled_line<'t>(text: &'t str, line: VisualLine, highlights: &Highlights, theme: &Theme) -> Line<'t> {
    let range = line.range();
    let slice = crate::text::wrap::trim_end(&text[range.clone()]);
    let line_mentions: Vec<usize> = highlights
        .mentions
        .iter()
        .enumerate()
        .filter(|(_, (s, _, _))| s.overlaps(range.clone()))
        .map(|(i, _)| i)
        .collect();
    let mut spans: Vec<TextSpan> = Vec::new();
    let mut run = String::new();
    let mut run_style = Style::new();
    let mut col = 0;
    for (offset, g) in crate::text::wrap::graphemes(slice) {
        let style = highlights.style_at(range.start + offset, theme, &line_mentions);
        let (shown_text, w) = shown(text, range.start + offset, g, col);
        col += w;
        if style != run_style && !run.is_empty() {
            spans.push(TextSpan::styled(std::mem::take(&mut run), run_style));
        }
        run_style = style;
        run.push_str(&shown_text);
    }
    if !run.is_empty() {
        spans.push(TextSpan::styled(run, run_style));
    }
    Line::from(spans)
}
