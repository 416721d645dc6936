//! The Entities and Claims panes: a list with a cursor, and under it the
//! detail of the item under the cursor (for an entity imported from another
//! tool's format, with what the files said about its mentions and their
//! relations to other mentions).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::data::model::{ClaimIdx, Corpus, EntityIdx, MentionIdx};
use crate::query::details::EntityFacts;
use crate::state::geometry::list_pane;
use crate::state::{Action, App, CLAIM_ROWS, Mode, Pane, Scope, Sort};
use crate::text::sanitize::display_head;
use crate::text::wrap::{cells, fit, head};
use crate::view::facts::{fact_style, link_tally_spans, mention_line, tally_text};
use crate::view::theme::{Theme, claim_tag};
use crate::view::{claimant, fit_title, join_head, narrowing, pane_block, per_document, wrap};

fn rule(frame: &mut Frame, area: Rect, label: &str, theme: &Theme) {
    let y = area.y.saturating_sub(1);
    let text = format!("─ {label} {}", "─".repeat((area.width as usize).saturating_sub(label.chars().count() + 3)));
    frame.render_widget(
        Paragraph::new(fit(&text, area.width as usize)).style(theme.dim()),
        Rect { y, height: 1, ..area },
    );
}

/// Right-aligns `right` after `left` in `width` columns, cutting `left` to fit.
fn spread<'a>(left: Vec<Span<'a>>, right: Span<'a>, width: usize) -> Line<'a> {
    let right_w = right.width();
    let mut used = 0;
    let mut spans = Vec::new();
    for s in left {
        let room = width.saturating_sub(right_w + 1 + used);
        if room == 0 {
            break;
        }
        let content = fit(&s.content, room);
        used += cells(&content);
        spans.push(Span::styled(content, s.style));
    }
    spans.push(Span::raw(" ".repeat(width.saturating_sub(used + right_w))));
    spans.push(right);
    Line::from(spans)
}

pub fn entities(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let focused = app.main.focus == Pane::Entities;
    let opts = &app.reader.entity_options;
    let mut title = format!("Entities · {}", narrowing::scope_label(app, opts.scope));
    if let Some(k) = &opts.kind {
        title.push_str(&format!(" · {}", display_head(k.name(), area.width as usize)));
    }
    let bottom = format!(
        " {} · {} ",
        if opts.sort == Sort::Count { "by count" } else { "by name" },
        app.derived.entity_rows.len()
    );
    let block = pane_block(fit_title(&title, area.width as usize), focused, theme)
        .title_bottom(Line::from(Span::styled(bottom, theme.dim())).right_aligned());
    frame.render_widget(block, area);
    let panes = list_pane(area);
    let list = panes.list;
    let width = list.width as usize;
    let cursor = app.view().entities.item;
    let offset = app.view().entities.offset;
    let mut lines = Vec::new();
    for row in app.derived.entity_rows.iter().skip(offset).take(list.height as usize) {
        let e = app.corpus.entity(row.entity);
        let selected = Some(row.entity) == app.reader.entity;
        let mark = if selected { Span::styled("●", theme.accent()) } else { Span::raw(" ") };
        let left = vec![
            mark,
            Span::styled(e.kind.tag(), theme.mention(&e.kind)),
            Span::raw(" "),
            Span::styled(display_head(&e.name, width).into_owned(), if selected { theme.bold() } else { Style::new() }),
        ];
        let line = spread(left, Span::styled(format!("{:>4}", row.count), theme.dim()), width);
        lines.push(if Some(row.entity) == cursor { line.style(theme.cursor(focused)) } else { line });
    }
    if app.derived.entity_rows.is_empty() {
        lines.push(Line::styled("no entities here", theme.dim()));
        if opts.kind.is_some() {
            lines.push(Line::styled(
                format!("{} changes the kind filter", Mode::Normal.key(&Action::CycleKind)),
                theme.dim(),
            ));
        }
    }
    frame.render_widget(Paragraph::new(lines), list);
    rule(frame, panes.detail, "detail", theme);
    if let Some(e) = cursor.or(app.reader.entity) {
        let facts = app.derived.entity_facts.as_ref().filter(|(x, _)| *x == e).map(|(_, f)| f);
        let mention = app.reader.mention.filter(|&m| app.corpus.mention(m).entity == e);
        let about = About { facts, mention, position: app.mention_position() };
        let detail = entity_detail(&app.corpus, e, &about, panes.detail.width, panes.detail.height as usize, theme);
        frame.render_widget(Paragraph::new(detail), panes.detail);
    }
}

/// What the detail of an entity shows beyond the entity itself.
struct About<'a> {
    /// Its mentions' facts and links, when the corpus has any.
    facts: Option<&'a EntityFacts>,
    /// The current mention, when it is one of the entity's.
    mention: Option<MentionIdx>,
    /// Which of its mentions that is, and of how many.
    position: Option<(usize, usize)>,
}

/// The detail of an entity, as many lines of it as `height` shows.
fn entity_detail(
    corpus: &Corpus,
    idx: EntityIdx,
    about: &About,
    width: u16,
    height: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let e = corpus.entity(idx);
    // What `height` lines can show of a field, and what they show of any
    // longer one: fields of any size cost a screenful.
    let room = (width as usize + 1) * (height + 1);
    let styled = |text: &str, style: Style| -> Vec<Line<'static>> {
        wrap(text, width, height).into_iter().map(|l| Line::styled(l, style)).collect()
    };
    let mut lines = styled(&display_head(&e.name, room), theme.bold());
    let n = corpus.mention_count(idx);
    let docs = corpus.entity_doc_count(idx);
    lines.extend(styled(&display_head(e.kind.name(), room), theme.mention(&e.kind)));
    let head = format!(
        "{n} mention{} in {docs} document{}: ",
        if n == 1 { "" } else { "s" },
        if docs == 1 { "" } else { "s" }
    );
    // At most three lines of counts: the detail has room for the aliases and description too.
    let counts = per_document(corpus, idx, false, (width as usize * 3).saturating_sub(cells(&head) + 3));
    lines.extend(styled(&format!("{head}{counts}"), theme.dim()));
    if !e.aliases.is_empty() {
        lines.extend(styled(
            &format!("aka {}", join_head(e.aliases.iter().map(String::as_str), ", ", room)),
            Style::new(),
        ));
    }
    if let Some(facts) = about.facts {
        lines.extend(facts_lines(corpus, facts, n > 1, width, height, theme));
    }
    if let Some(m) = about.mention.filter(|_| corpus.has_mention_annotations() && lines.len() < height) {
        // An only mention's facts are the entity's, shown above.
        let line = mention_line(corpus, m, n > 1, room);
        if !line.is_empty() {
            let which = about.position.map_or("this mention".to_string(), |(k, n)| format!("mention {k}/{n}"));
            lines.extend(styled(&format!("{which}: {line}"), theme.dim()));
        }
    }
    if !e.description.is_empty() && lines.len() < height {
        lines.extend(styled(&e.description, Style::new()));
    }
    lines
}

/// An entity's facts, a line per kind of fact (`label Company ×2`,
/// `Confidence: High ×1 · Confidence: Low ×1`, ...), then its relations, a
/// line each (`Partner → CNPC`), as many as `height` lines show.
fn facts_lines(
    corpus: &Corpus,
    facts: &EntityFacts,
    several: bool,
    width: u16,
    height: usize,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let room = (width as usize + 1) * (height + 1);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut tallies = facts.tallies.iter().filter_map(|t| Some((t, t.fact(corpus)?))).peekable();
    while let Some((first, fact)) = tallies.next() {
        if lines.len() >= height {
            break;
        }
        let same_kind = |f: &crate::query::details::Fact| std::mem::discriminant(f) == std::mem::discriminant(&fact);
        let mut text = tally_text(corpus, first, several, room).unwrap_or_default();
        while let Some((t, _)) = tallies.next_if(|(_, f)| same_kind(f)) {
            if cells(&text) <= room {
                text.push_str(" · ");
                text.push_str(&tally_text(corpus, t, several, room).unwrap_or_default());
            }
        }
        lines.extend(wrap(&text, width, height).into_iter().map(|l| Line::styled(l, fact_style(fact, theme))));
    }
    for t in &facts.link_tallies {
        if lines.len() >= height {
            break;
        }
        lines.push(Line::from(link_tally_spans(corpus, t, width as usize, theme)));
    }
    lines
}

/// A short form of who makes a claim, for list rows: a person's surname.
fn short_claimant(corpus: &Corpus, c: ClaimIdx) -> std::borrow::Cow<'_, str> {
    let claim = corpus.claim(c);
    let name = claimant(corpus, c);
    let is_person = match claim.claimant {
        Some(e) => corpus.entity(e).kind == crate::data::model::EntityKind::Person,
        None => corpus.doc(claim.doc).authors.iter().filter(|p| p.is_author()).count() == 1,
    };
    match name {
        std::borrow::Cow::Borrowed(name) if is_person => name.rsplit(' ').next().unwrap_or(name).into(),
        name if is_person => name.rsplit(' ').next().unwrap_or(&name).to_string().into(),
        name => name,
    }
}

pub fn claims(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let focused = app.main.focus == Pane::Claims;
    let title = narrowing::claims_title(app, area.width as usize);
    let count = Line::from(Span::styled(format!(" {} ", app.derived.claim_rows.len()), theme.dim())).right_aligned();
    let mut block = pane_block(fit_title(&title, area.width as usize), focused, theme).title_bottom(count);
    // A title cut short still says every filter, along the bottom.
    let filters = narrowing::filter_parts(app, area.width as usize).join(" · ");
    if !filters.is_empty() && cells(&title) + 4 > area.width as usize {
        let room = (area.width as usize).saturating_sub(app.derived.claim_rows.len().to_string().len() + 7);
        block = block.title_bottom(Line::from(Span::styled(format!(" {} ", fit(&filters, room)), theme.dim())));
    }
    frame.render_widget(block, area);
    let panes = list_pane(area);
    let list = panes.list;
    let width = list.width as usize;
    let cursor = app.view().claims.item;
    let all_docs = app.reader.claim_scope == Scope::Corpus;
    let mut lines = Vec::new();
    for &c in app.derived.claim_rows.iter().skip(app.view().claims.offset).take(list.height as usize / CLAIM_ROWS) {
        let claim = app.corpus.claim(c);
        let marked = app.reader.views[claim.doc.index()].claim == Some(c);
        let linked = app.corpus.link_count(c) > 0;
        let head = vec![
            if marked { Span::styled("●", theme.accent()) } else { Span::raw(" ") },
            Span::styled(claim_tag(claim.kind), theme.claim_kind(claim.kind)),
            Span::styled(if linked { " ⇄ " } else { "   " }, theme.relation(false)),
            Span::styled(display_head(&short_claimant(&app.corpus, c), width).into_owned(), theme.bold()),
        ];
        let doc =
            if all_docs { Span::styled(format!("[{}]", claim.doc.index() + 1), theme.dim()) } else { Span::raw("") };
        let first = spread(head, doc, width);
        let body = Line::raw(format!("  {}", fit(claim_line_text(&app.corpus, c), width.saturating_sub(2))));
        let body = spread(body.spans, Span::raw(""), width);
        if Some(c) == cursor {
            lines.push(first.style(theme.cursor(focused)));
            lines.push(body.style(theme.cursor(focused)));
        } else {
            lines.push(first);
            lines.push(body);
        }
    }
    let narrowed = !app.reader.claim_filter.is_empty() || !app.reader.pins.is_empty();
    if app.derived.claim_rows.is_empty() && narrowed {
        lines.extend(narrowing::claims_empty(app, theme, width));
    } else if app.derived.claim_rows.is_empty() {
        lines.push(Line::styled("no claims here", theme.dim()));
        if app.reader.entity.is_some() {
            lines.push(Line::styled(format!("{} clears the entity", Mode::Normal.key(&Action::Back)), theme.dim()));
        }
    }
    frame.render_widget(Paragraph::new(lines), list);
    rule(frame, panes.detail, "detail", theme);
    if let Some(c) = cursor {
        let detail = claim_detail(&app.corpus, c, panes.detail.width, panes.detail.height as usize, theme);
        frame.render_widget(Paragraph::new(detail), panes.detail);
    }
}

/// The claim's summary if it has one, else its text.
fn claim_line_text(corpus: &Corpus, c: ClaimIdx) -> &str {
    corpus.claim(c).summary.as_deref().unwrap_or_else(|| corpus.claim_text(c))
}

fn claim_detail(corpus: &Corpus, c: ClaimIdx, width: u16, height: usize, theme: &Theme) -> Vec<Line<'static>> {
    let claim = corpus.claim(c);
    // What `height` lines can show of a field (see `entity_detail`).
    let room = (width as usize + 1) * (height + 1);
    let heading: Vec<Line> = wrap(
        &format!(
            "{} by {} · [{}] {}",
            claim.kind.name(),
            display_head(&claimant(corpus, c), room),
            claim.doc.index() + 1,
            display_head(&claim.id, room)
        ),
        width,
        height,
    )
    .into_iter()
    .map(|l| Line::styled(l, theme.claim_kind(claim.kind)))
    .collect();
    let mut text: Vec<String> = wrap(&format!("“{}”", head(corpus.claim_text(c), room)), width, height);
    let mut rest: Vec<Line> = Vec::new();
    if let Some(summary) = &claim.summary {
        let summary = wrap(&format!("summary: {}", head(summary, room)), width, height);
        rest.extend(summary.into_iter().map(|l| Line::styled(l, theme.dim())));
    }
    if !claim.about.is_empty() {
        let names = join_head(claim.about.iter().map(|&e| corpus.entity(e).name.as_str()), ", ", room);
        rest.extend(wrap(&format!("about: {names}"), width, height).into_iter().map(Line::raw));
    }
    for link in corpus.links(c) {
        // Lines past the box's height are not drawn: a claim with thousands
        // of relations costs a boxful.
        if rest.len() >= height {
            break;
        }
        let other = corpus.claim(link.other);
        let gist = other.summary.as_deref().unwrap_or_else(|| corpus.claim_text(link.other));
        let label = format!("{} → [{}] {}: ", link.label(), other.doc.index() + 1, display_head(&other.id, room));
        let body = wrap(&format!("{label}{}", head(gist, room)), width, height);
        for (i, l) in body.into_iter().enumerate() {
            if i == 0 && l.starts_with(link.label()) {
                let (a, b) = l.split_at(link.label().len());
                let contradicts = link.kind == crate::data::model::RelationKind::Contradicts;
                rest.push(Line::from(vec![
                    Span::styled(a.to_string(), theme.relation(contradicts)),
                    Span::raw(b.to_string()),
                ]));
            } else {
                rest.push(Line::raw(l));
            }
        }
        if let Some(note) = link.note {
            let note = wrap(&format!("  {}", head(note, room)), width, height);
            rest.extend(note.into_iter().map(|l| Line::styled(l, theme.dim())));
        }
    }
    if let Some(note) = &claim.note {
        let note = wrap(&format!("note: {}", head(note, room)), width, height);
        rest.extend(note.into_iter().map(|l| Line::styled(l, theme.note())));
    }
    // The text gives way first (to at least two lines), so relations and notes stay visible.
    let room_for_text = height.saturating_sub(heading.len() + rest.len()).max(2);
    if text.len() > room_for_text {
        text.truncate(room_for_text);
        if let Some(last) = text.last_mut() {
            *last = format!("{}…", fit(last, (width as usize).saturating_sub(1)).trim_end_matches('…'));
        }
    }
    let mut lines = heading;
    lines.extend(text.into_iter().map(Line::raw));
    lines.extend(rest);
    lines
}
