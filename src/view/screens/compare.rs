//! Two related claims side by side, each in its paragraph.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph};

use super::{esc_hint, frame_block};
use crate::data::model::{ClaimIdx, Corpus};
use crate::state::geometry;
use crate::state::{Action, App, CompareScreen, Mode};
use crate::text::sanitize::display_head;
use crate::text::wrap::head;
use crate::view::theme::Theme;
use crate::view::{claimant, fit_title, wrap};

/// How much of a huge paragraph before a claim the comparison lays out, in bytes.
const PASSAGE_LEAD: usize = 4096;

/// The paragraph a claim is in, wrapped to `width`, with the claim marked,
/// starting a little above the claim so it is in view.
fn passage(corpus: &Corpus, c: ClaimIdx, width: u16, height: usize, theme: &Theme) -> Vec<Line<'static>> {
    let claim = corpus.claim(c);
    let text = &corpus.doc(claim.doc).text;
    let (s, e) = (claim.span.start as usize, claim.span.end as usize);
    let para_start = memchr::memrchr(b'\n', &text.as_bytes()[..s]).map_or(0, |i| i + 1);
    let para_end = memchr::memchr(b'\n', &text.as_bytes()[e..]).map_or(text.len(), |i| e + i);
    // A huge paragraph is laid out from a little before the claim, and only
    // as far as the box shows: what leads up to it is a few lines at most.
    let from = if s - para_start > PASSAGE_LEAD * 4 {
        (s - PASSAGE_LEAD..s).find(|&i| text.is_char_boundary(i)).unwrap_or(s)
    } else {
        para_start
    };
    let (para_start, before) = (from, from > para_start);
    // One column kept for the "…" that says the paragraph goes on.
    let max_lines = (s - para_start) + height + 3;
    let layout = crate::text::wrap::TextLayout::first_lines(
        &text[para_start..para_end],
        width.saturating_sub(1).max(1),
        max_lines,
    );
    // The claim first, then up to two lines of what leads to it, then what follows.
    let span_first = layout.line_of(s - para_start);
    let span_lines = layout.line_of(e.saturating_sub(1).max(s) - para_start) - span_first + 1;
    let first = span_first - span_first.min(2).min(height.saturating_sub(span_lines));
    let laid_out_to = layout.lines.last().map_or(para_start, |l| para_start + l.end as usize);
    let cut_after = first + height < layout.len() || laid_out_to < para_end;
    let mut lines: Vec<Line<'static>> = layout
        .lines
        .iter()
        .skip(first)
        .take(height)
        .map(|l| {
            let (a, b) = (para_start + l.start as usize, para_start + l.end as usize);
            let mut spans = Vec::new();
            // Up to three pieces: before the claim, the claim, after it.
            let cuts = [a, s.clamp(a, b), e.clamp(a, b), b];
            for (k, w) in cuts.windows(2).enumerate() {
                if w[0] < w[1] {
                    let style = if k == 1 { theme.claim_span().patch(theme.bold()) } else { Style::new() };
                    let shown: String = crate::text::wrap::graphemes(&text[w[0]..w[1]])
                        .map(|(at, g)| crate::text::wrap::shown(text, w[0] + at, g, 0).0.into_owned())
                        .collect();
                    spans.push(Span::styled(shown.trim_end_matches('\n').to_string(), style));
                }
            }
            Line::from(spans)
        })
        .collect();
    // Say where the paragraph goes on beyond what is shown.
    if first > 0 || before {
        if let Some(l) = lines.first_mut() {
            l.spans.insert(0, Span::styled("…", theme.dim()));
        }
    }
    if cut_after {
        if let Some(l) = lines.last_mut() {
            l.spans.push(Span::styled("…", theme.dim()));
        }
    }
    lines
}

pub fn draw(frame: &mut Frame, app: &App, c: &CompareScreen, theme: &Theme) {
    let corpus = &app.corpus;
    let area = geometry::view(app.area);
    let key = |a: Action| Mode::View.key(&a);
    let hint = format!(
        "{}/{} pick a side · {} goes there · {}",
        key(Action::FocusLeft),
        key(Action::FocusRight),
        key(Action::Activate),
        esc_hint(app)
    );
    frame_block(frame, area, format!("Comparing · {}", c.label), &hint, theme);
    let inner = geometry::inner(area);
    let contradicts = c.label.starts_with("contradict");
    let id = |claim: ClaimIdx| display_head(&corpus.claim(claim).id, inner.width as usize).into_owned();
    let mut top = vec![Line::from(vec![
        Span::styled(id(c.left), theme.bold()),
        Span::raw(" "),
        Span::styled(c.label.to_string(), theme.relation(contradicts)),
        Span::raw(" "),
        Span::styled(id(c.right), theme.bold()),
    ])];
    let note = c.note.as_deref().unwrap_or("(the relation has no note)");
    top.extend(wrap(note, inner.width, 3).into_iter().map(|l| Line::styled(l, theme.note())));
    let top_height = top.len() as u16 + 1;
    frame.render_widget(Paragraph::new(top), Rect { height: top_height, ..inner });
    let body = Rect { y: inner.y + top_height, height: inner.height.saturating_sub(top_height), ..inner };
    let half = body.width / 2;
    for (side, (claim, x, w)) in
        [(c.left, body.x, half), (c.right, body.x + half, body.width - half)].into_iter().enumerate()
    {
        let rect = Rect { x, width: w, ..body };
        let focused = c.side == side;
        let doc = corpus.doc(corpus.claim(claim).doc);
        let title = display_head(doc.display_title(), w as usize);
        let title = format!("[{}] {title}", corpus.claim(claim).doc.index() + 1);
        let block = Block::new()
            .borders(Borders::ALL)
            .border_type(if focused && theme.no_color { BorderType::Thick } else { BorderType::Plain })
            .border_style(theme.border(focused))
            .title(Line::from(Span::styled(format!(" {} ", fit_title(&title, w as usize)), theme.title(focused))));
        frame.render_widget(block, rect);
        let inside = geometry::inner(rect);
        let cl = corpus.claim(claim);
        // What the box's lines can show of a field (see `lists::entity_detail`).
        let height = inside.height as usize;
        let room = (inside.width as usize + 1) * (height + 1);
        let who = claimant(corpus, claim);
        let who = display_head(&who, room);
        let heading = format!("{} by {who} · {}", cl.kind.name(), display_head(&cl.id, room));
        let mut lines: Vec<Line> = wrap(&heading, inside.width, height)
            .into_iter()
            .map(|l| Line::styled(l, theme.claim_kind(cl.kind)))
            .collect();
        let mut tail: Vec<Line> = Vec::new();
        if let Some(summary) = &cl.summary {
            let summary = wrap(&format!("summary: {}", head(summary, room)), inside.width, height);
            tail.extend(summary.into_iter().map(|l| Line::styled(l, theme.dim())));
        }
        if let Some(n) = &cl.note {
            let note = wrap(&format!("note: {}", head(n, room)), inside.width, height);
            tail.extend(note.into_iter().map(|l| Line::styled(l, theme.note())));
        }
        let room = (inside.height as usize).saturating_sub(lines.len() + tail.len() + 2).max(3);
        lines.push(Line::raw(""));
        lines.extend(passage(corpus, claim, inside.width, room, theme));
        lines.push(Line::raw(""));
        lines.extend(tail);
        frame.render_widget(Paragraph::new(lines), inside);
    }
}
