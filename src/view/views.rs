//! The full views: an entity's dossier, two related claims side by side,
//! and the corpus overview. Each draws only the rows on screen.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph};

use super::theme::{Theme, claim_tag};
use super::{claimant, fit_title, join_head, per_document, wrap};
use crate::data::model::{ClaimIdx, Corpus, RelationKind};
use crate::query::dossier::{DossierRow, context};
use crate::query::overview;
use crate::state::geometry::{self, VIEW_HEADER};
use crate::state::{App, CompareState, DossierState, Overlay, OverviewState};
use crate::text::sanitize::{display, display_head};
use crate::text::wrap::{cells, fit, fit_tail, head};

fn frame_block(frame: &mut Frame, area: Rect, title: String, hint: &str, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::from(Span::styled(format!(" {} ", fit_title(&title, area.width as usize)), theme.title(true))))
        .title_bottom(Line::from(Span::styled(format!(" {hint} "), theme.dim())).right_aligned());
    frame.render_widget(block, area);
}

/// What Esc does in a view: back to the view it was opened from, or close.
fn esc_hint(app: &App) -> &'static str {
    match app.beneath.last() {
        Some(Overlay::Overview(_)) => "Esc back to the overview",
        Some(Overlay::Dossier(_)) => "Esc back to the dossier",
        _ => "Esc closes",
    }
}

/// A list row with the cursor's style when it is the cursor's.
fn row(line: Line<'static>, is_cursor: bool, theme: &Theme) -> Line<'static> {
    if is_cursor { line.style(theme.cursor(true)) } else { line }
}

/// One line describing a claim: kind, who makes it, what it says.
fn claim_line(corpus: &Corpus, c: ClaimIdx, indent: usize, width: usize, theme: &Theme) -> Line<'static> {
    let claim = corpus.claim(c);
    let gist = claim.summary.as_deref().unwrap_or_else(|| corpus.claim_text(c));
    let who = format!(" {}: ", display_head(&claimant(corpus, c), width));
    let used = indent + 3 + cells(&who);
    Line::from(vec![
        Span::raw(" ".repeat(indent)),
        Span::styled(claim_tag(claim.kind), theme.claim_kind(claim.kind)),
        Span::styled(who, theme.bold()),
        Span::raw(fit(gist, width.saturating_sub(used))),
    ])
}

fn link_line(corpus: &Corpus, from: ClaimIdx, l: usize, indent: usize, width: usize, theme: &Theme) -> Line<'static> {
    let link = corpus.link(from, l);
    let other = corpus.claim(link.other);
    let label = format!("{} → ", link.label());
    let target = format!("[{}] {} ", other.doc.index() + 1, display_head(&other.id, width));
    let gist = link.note.or(other.summary.as_deref()).unwrap_or_else(|| corpus.claim_text(link.other));
    let used = indent + cells(&label) + cells(&target);
    Line::from(vec![
        Span::raw(" ".repeat(indent)),
        Span::styled(label, theme.relation(link.kind == RelationKind::Contradicts)),
        Span::styled(target, theme.bold()),
        Span::styled(fit(gist, width.saturating_sub(used)), theme.dim()),
    ])
}

pub fn dossier(frame: &mut Frame, app: &App, d: &DossierState, theme: &Theme) {
    let corpus = &app.corpus;
    let e = d.dossier.entity;
    let entity = corpus.entity(e);
    let area = geometry::view(app.area);
    let hint = format!("Enter goes there · c compares a relation · {}", esc_hint(app));
    let name = display_head(&entity.name, area.width as usize);
    frame_block(frame, area, format!("Dossier · {name}"), &hint, theme);
    let inner = geometry::inner(area);
    let width = inner.width as usize;
    let docs = corpus.entity_doc_count(e);
    let mut header = vec![Line::from(vec![
        Span::styled(name.into_owned(), theme.bold()),
        Span::raw("  "),
        Span::styled(display_head(entity.kind.name(), width).into_owned(), theme.mention(&entity.kind)),
        Span::styled(
            format!(" · {} mentions in {docs} document{}", corpus.mention_count(e), if docs == 1 { "" } else { "s" }),
            theme.dim(),
        ),
    ])];
    let aliases = if entity.aliases.is_empty() {
        "no other names".to_string()
    } else {
        join_head(entity.aliases.iter().map(String::as_str), ", ", width)
    };
    header.push(Line::raw(fit(&format!("aka {aliases}"), width)));
    let mut description = wrap(&entity.description, inner.width, 3);
    if description.len() > 2 {
        description.truncate(2);
        description[1] = format!("{}…", fit(&description[1], width.saturating_sub(1)).trim_end_matches('…'));
    }
    header.extend(description.into_iter().map(Line::raw));
    while header.len() < VIEW_HEADER as usize - 1 {
        header.push(Line::raw(""));
    }
    let per_doc = per_document(corpus, e, true, width.saturating_sub(14));
    header.push(Line::styled(fit(&format!("per document: {per_doc}"), width), theme.dim()));
    frame.render_widget(Paragraph::new(header), Rect { height: VIEW_HEADER, ..inner });

    let list = geometry::view_list(app.area, VIEW_HEADER);
    let rows = d.dossier.rows(corpus, d.offset..d.offset + list.height as usize);
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let line = match *r {
                DossierRow::Heading(section, n) => Line::styled(format!("{} · {n}", section.title()), theme.accent()),
                DossierRow::Mention(m) => {
                    let mention = corpus.mention(m);
                    let text = &corpus.doc(mention.doc).text;
                    let tag = format!("  [{}] ", mention.doc.index() + 1);
                    let left_width = (width.saturating_sub(cells(&tag))) * 2 / 5;
                    let (before, it, after) = context(text, mention.span, 200, 200);
                    let it = display_head(it, width).into_owned();
                    let it_width = cells(&it).min(width / 3);
                    let right_width = width.saturating_sub(cells(&tag) + left_width + it_width);
                    let left = fit_tail(&display(before), left_width);
                    Line::from(vec![
                        Span::styled(tag, theme.dim()),
                        Span::raw(format!("{}{left}", " ".repeat(left_width.saturating_sub(cells(&left))))),
                        Span::styled(fit(&it, it_width), theme.selected_mention(&entity.kind)),
                        Span::raw(fit(&display(after), right_width)),
                    ])
                }
                DossierRow::Document(doc) => Line::styled(
                    fit(
                        &format!("  [{}] {}", doc.index() + 1, display_head(corpus.doc(doc).display_title(), width)),
                        width,
                    ),
                    theme.bold(),
                ),
                DossierRow::Claim(c) => claim_line(corpus, c, 4, width, theme),
                DossierRow::Link(c, l) => link_line(corpus, c, l, 8, width, theme),
                DossierRow::Empty => Line::styled("  none", theme.dim()),
                DossierRow::Blank => Line::raw(""),
            };
            row(line, d.offset + i == d.cursor, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

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

pub fn compare(frame: &mut Frame, app: &App, c: &CompareState, theme: &Theme) {
    let corpus = &app.corpus;
    let area = geometry::view(app.area);
    let hint = format!("h/l pick a side · Enter goes there · {}", esc_hint(app));
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

pub fn overview(frame: &mut Frame, app: &App, o: &OverviewState, theme: &Theme) {
    let corpus = &app.corpus;
    let area = geometry::view(app.area);
    frame_block(frame, area, "Corpus overview".into(), "Enter goes there · d a dossier · Esc closes", theme);
    let inner = geometry::inner(area);
    let width = inner.width as usize;
    let [supporting, contradicting, elaborating] = o.overview.across;
    let relations = supporting + contradicting + elaborating + o.overview.within;
    let counts = format!(
        "between documents: {supporting} supporting, {contradicting} contradicting, {elaborating} elaborating · {} within a document",
        o.overview.within
    );
    let header = vec![
        Line::styled(
            format!(
                "{} documents · {} entities · {} mentions · {} claims · {relations} relations",
                corpus.documents().len(),
                corpus.entities().len(),
                corpus.mentions().len(),
                corpus.claims().len()
            ),
            theme.bold(),
        ),
        Line::raw(fit(&counts, width)),
        Line::raw(""),
        Line::styled(
            fit(
                "Enter on a document opens it, on an entity its dossier, on a relation the two claims side by side.",
                width,
            ),
            theme.dim(),
        ),
    ];
    frame.render_widget(Paragraph::new(header), Rect { height: VIEW_HEADER, ..inner });
    let list = geometry::view_list(app.area, VIEW_HEADER);
    let lines: Vec<Line> = o
        .overview
        .rows
        .iter()
        .enumerate()
        .skip(o.offset)
        .take(list.height as usize)
        .map(|(i, r)| {
            let line = match *r {
                overview::OverviewRow::Heading(title, n) => Line::styled(format!("{title} · {n}"), theme.accent()),
                overview::OverviewRow::Document(d) => {
                    let doc = corpus.doc(d);
                    let stats = format!(
                        " · {} chars · {} mentions · {} claims",
                        doc.chars,
                        corpus.doc_mentions(d).len(),
                        corpus.doc_claims(d).len()
                    );
                    let title = format!("  [{}] {} ", d.index() + 1, display_head(doc.display_title(), width));
                    let room = width.saturating_sub(cells(&stats));
                    Line::from(vec![Span::styled(fit(&title, room), theme.bold()), Span::styled(stats, theme.dim())])
                }
                overview::OverviewRow::Entity(e) => {
                    let entity = corpus.entity(e);
                    // The name first (up to half the row), the counts in what is left.
                    let name =
                        fit(&format!(" {}", display_head(&entity.name, width)), width.saturating_sub(5).max(2) / 2);
                    let room = width.saturating_sub(5 + cells(&name) + 2);
                    let counts = format!("  {}", per_document(corpus, e, true, room));
                    Line::from(vec![
                        Span::raw("  "),
                        Span::styled(entity.kind.tag(), theme.mention(&entity.kind)),
                        Span::raw(name),
                        Span::styled(fit(&counts, room + 2), theme.dim()),
                    ])
                }
                overview::OverviewRow::Relation(from, k) => {
                    let claim = corpus.claim(from);
                    let rel = &claim.relations[k];
                    let to = corpus.claim(rel.target);
                    let head = format!("  [{}] {} ", claim.doc.index() + 1, display_head(&claim.id, width));
                    let label = format!("{} → ", rel.kind.name());
                    let target = format!("[{}] {} ", to.doc.index() + 1, display_head(&to.id, width));
                    let used = cells(&head) + cells(&label) + cells(&target);
                    let gist = rel.note.as_deref().unwrap_or("");
                    Line::from(vec![
                        Span::styled(head, theme.bold()),
                        Span::styled(label, theme.relation(rel.kind == RelationKind::Contradicts)),
                        Span::styled(target, theme.bold()),
                        Span::styled(fit(gist, width.saturating_sub(used)), theme.dim()),
                    ])
                }
                overview::OverviewRow::Empty => Line::styled("  none", theme.dim()),
                overview::OverviewRow::Blank => Line::raw(""),
            };
            row(line, i == o.cursor, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}
