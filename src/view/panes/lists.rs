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
use crate::view::detail_fit::{Part, Unit, fit_parts, joined, wrap_counted};
use crate::view::facts::{fact_style, link_tally_spans, mention_line, tally_text};
use crate::view::status::thousands;
use crate::view::theme::Theme;
use crate::view::{claimant, fit_title, narrowing, pane_block, per_document, wrap};

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
    let scope = narrowing::scope_label(app, opts.scope);
    let filter = filter_title(&app.reader.filters.entities);
    let title = match &opts.kind {
        // The kind first, by its full name where the title fits, else by its
        // tag: cut, `person` and `place` both read `p…`.
        Some(k) => {
            let named = format!("Entities · {} · {scope}{filter}", display_head(k.name(), area.width as usize));
            if cells(&named) + 4 <= area.width as usize {
                named
            } else {
                format!("Entities · {} · {scope}{filter}", k.tag())
            }
        }
        None => format!("Entities · {scope}{filter}"),
    };
    let bottom = format!(
        " {} · {} ",
        if opts.sort == Sort::Count { "by count" } else { "by name" },
        filter_count(&app.reader.filters.entities, app.derived.entity_rows.len(), app.derived.unfiltered_rows.0.len())
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
        lines.push(if Some(row.entity) == cursor { theme.on_cursor(line, focused) } else { line });
    }
    if app.derived.entity_rows.is_empty() {
        lines.push(Line::styled("no entities here", theme.dim()));
        lines.extend(filter_empty(&app.reader.filters.entities, theme));
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

/// The detail of an entity, as many lines of it as `height` shows; when
/// that is not all of it, the last line says what is hidden.
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
    let text_part = |name, text: &str, style: Style| {
        let (shown, total) = wrap_counted(text, width, height);
        Part::text(name, shown.into_iter().map(|l| Line::styled(l, style)).collect(), total)
    };
    let mut parts = vec![
        Part::text("name", styled(&display_head(&e.name, room), theme.bold()), 0),
        Part::text("kind", styled(&display_head(e.kind.name(), room), theme.mention(&e.kind)), 0),
    ];
    let n = corpus.mention_count(idx);
    let docs = corpus.entity_doc_count(idx);
    let head = format!(
        "{n} mention{} in {docs} document{}: ",
        if n == 1 { "" } else { "s" },
        if docs == 1 { "" } else { "s" }
    );
    // At most three lines of counts: the detail has room for the aliases and description too.
    let counts = per_document(corpus, idx, false, (width as usize * 3).saturating_sub(cells(&head) + 3));
    parts.push(Part::text("counts", styled(&format!("{head}{counts}"), theme.dim()), 0));
    if !e.aliases.is_empty() {
        let aliases: Vec<String> = e.aliases.iter().take(room).map(|a| display_head(a, room).into_owned()).collect();
        let (lines, done) = joined("aka ", &aliases, ", ", width, height);
        let lines = lines.into_iter().map(Line::raw).collect();
        parts.push(Part::items(Unit::Items("alias", "aliases"), lines, done, e.aliases.len()));
    }
    if let Some(facts) = about.facts {
        parts.extend(facts_parts(corpus, facts, n > 1, width, height, theme));
    }
    if let Some(m) = about.mention.filter(|_| corpus.has_mention_annotations()) {
        // An only mention's facts are the entity's, shown above.
        let line = mention_line(corpus, m, n > 1, room);
        if !line.is_empty() {
            let which = about.position.map_or("this mention".to_string(), |(k, n)| format!("mention {k}/{n}"));
            parts.push(text_part("details", &format!("{which}: {line}"), theme.dim()));
        }
    }
    if !e.description.is_empty() {
        parts.push(text_part("description", &e.description, Style::new()));
    }
    fit_parts(parts, height, width, &Mode::Normal.key(&Action::OpenDetail), theme.dim())
}

/// An entity's facts, a part per kind of fact (`label Company ×2`,
/// `Confidence: High ×1 · Confidence: Low ×1`, ...), then its relations, a
/// line each (`Partner → CNPC`), as many as `height` lines show, the rest counted.
fn facts_parts(
    corpus: &Corpus,
    facts: &EntityFacts,
    several: bool,
    width: u16,
    height: usize,
    theme: &Theme,
) -> Vec<Part> {
    use crate::query::details::Fact;
    let room = (width as usize + 1) * (height + 1);
    let mut parts: Vec<Part> = Vec::new();
    let mut tallies = facts.tallies.iter().filter_map(|t| Some((t, t.fact(corpus)?))).peekable();
    while let Some((first, fact)) = tallies.next() {
        let same_kind = |f: &Fact| std::mem::discriminant(f) == std::mem::discriminant(&fact);
        let mut texts = vec![tally_text(corpus, first, several, room).unwrap_or_default()];
        let mut count = 1;
        while let Some((t, _)) = tallies.next_if(|(_, f)| same_kind(f)) {
            count += 1;
            if texts.len() <= room {
                texts.push(tally_text(corpus, t, several, room).unwrap_or_default());
            }
        }
        let unit = match fact {
            Fact::Label(_) => Unit::Items("label", "labels"),
            Fact::Attribute(_) => Unit::Items("attribute", "attributes"),
            Fact::Reference(_) => Unit::Items("reference", "references"),
            Fact::Note(_) => Unit::Items("note", "notes"),
        };
        let (lines, done) = joined("", &texts, " · ", width, height);
        let lines = lines.into_iter().map(|l| Line::styled(l, fact_style(fact, theme))).collect();
        parts.push(Part::items(unit, lines, done, count));
    }
    let relations = Unit::Items("relation", "relations");
    let mut laid_out = 0;
    for t in facts.link_tallies.iter().take(height + 1) {
        laid_out += t.count;
        let line = Line::from(link_tally_spans(corpus, t, width as usize, theme));
        parts.push(Part::items(relations, vec![line], vec![t.count], t.count));
    }
    parts.push(Part::uncounted(relations, facts.links.len().saturating_sub(laid_out)));
    parts
}

/// ` · /text` in a pane's title while its list is filtered.
fn filter_title(filter: &str) -> String {
    if filter.trim().is_empty() { String::new() } else { format!(" · /{}", display_head(filter, 40)) }
}

/// `3 of 112` in a pane's bottom border while its list is filtered, else `112`.
fn filter_count(filter: &str, shown: usize, all: usize) -> String {
    if filter.trim().is_empty() { thousands(shown) } else { format!("{} of {}", thousands(shown), thousands(all)) }
}

/// What an empty filtered list says: how to widen it.
fn filter_empty(filter: &str, theme: &Theme) -> Vec<Line<'static>> {
    if filter.trim().is_empty() {
        return Vec::new();
    }
    vec![
        Line::styled(format!("none holds “{}”", display_head(filter, 40)), theme.dim()),
        Line::styled(format!("{} clears the filter", Mode::Normal.key(&Action::Back)), theme.dim()),
    ]
}

pub fn claims(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let focused = app.main.focus == Pane::Claims;
    let mut title = narrowing::claims_title(app, area.width as usize);
    title.push_str(&filter_title(&app.reader.filters.claims));
    let shown =
        filter_count(&app.reader.filters.claims, app.derived.claim_rows.len(), app.derived.unfiltered_rows.1.len());
    let count = Line::from(Span::styled(format!(" {shown} "), theme.dim())).right_aligned();
    let mut block = pane_block(fit_title(&title, area.width as usize), focused, theme).title_bottom(count);
    // A title cut short still says every filter, along the bottom.
    let filters = narrowing::filter_parts(app, area.width as usize).join(" · ");
    if !filters.is_empty() && cells(&title) + 4 > area.width as usize {
        let room = (area.width as usize).saturating_sub(shown.len() + 7);
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
            Span::styled(claim.kind.tag(), theme.claim_kind(claim.kind)),
            Span::styled(if linked { " ⇄ " } else { "   " }, theme.relation(false)),
            Span::styled(display_head(&app.claimants.short(&app.corpus, c), width).into_owned(), theme.bold()),
        ];
        let doc =
            if all_docs { Span::styled(format!("[{}]", claim.doc.index() + 1), theme.dim()) } else { Span::raw("") };
        let first = spread(head, doc, width);
        let text = claim_line_text(&app.corpus, c);
        let body = Line::raw(format!("  {}", crate::text::wrap::fit_one_line(text, width.saturating_sub(2))));
        let body = spread(body.spans, Span::raw(""), width);
        if Some(c) == cursor {
            lines.push(theme.on_cursor(first, focused));
            lines.push(theme.on_cursor(body, focused));
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
        lines.extend(filter_empty(&app.reader.filters.claims, theme));
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

/// The detail of a claim, as many lines of it as `height` shows; when that
/// is not all of it, the last line says what is hidden.
fn claim_detail(corpus: &Corpus, c: ClaimIdx, width: u16, height: usize, theme: &Theme) -> Vec<Line<'static>> {
    let claim = corpus.claim(c);
    // What `height` lines can show of a field (see `entity_detail`).
    let room = (width as usize + 1) * (height + 1);
    let text_part = |name, text: &str, style: Style| {
        let (shown, total) = wrap_counted(text, width, height);
        Part::text(name, shown.into_iter().map(|l| Line::styled(l, style)).collect(), total)
    };
    let heading = format!(
        "{} by {} · [{}] {}",
        claim.kind.name(),
        display_head(&claimant(corpus, c), room),
        claim.doc.index() + 1,
        display_head(&claim.id, room)
    );
    let mut parts = vec![
        text_part("heading", &heading, theme.claim_kind(claim.kind)),
        // The text gives way first (to at least two lines), so relations and notes stay visible.
        text_part("text", &format!("“{}”", corpus.claim_text(c)), Style::new()).yielding(2),
    ];
    if let Some(summary) = &claim.summary {
        parts.push(text_part("summary", &format!("summary: {summary}"), theme.dim()));
    }
    if !claim.about.is_empty() {
        let names: Vec<String> =
            claim.about.iter().take(room).map(|&e| display_head(&corpus.entity(e).name, room).into_owned()).collect();
        let (lines, done) = joined("about: ", &names, ", ", width, height);
        let lines = lines.into_iter().map(Line::raw).collect();
        parts.push(Part::items(
            Unit::Items("entity it is about", "entities it is about"),
            lines,
            done,
            claim.about.len(),
        ));
    }
    let relations = Unit::Items("relation", "relations");
    let mut laid_out = 0;
    let mut used = 0;
    for l in 0..corpus.link_count(c) {
        // Relations past the box's height are counted, not laid out: a claim
        // with thousands of relations costs a boxful.
        if used > height {
            break;
        }
        let link = corpus.link(c, l);
        let other = corpus.claim(link.other);
        let gist = other.summary.as_deref().unwrap_or_else(|| corpus.claim_text(link.other));
        let label = format!("{} → [{}] {}: ", link.label(), other.doc.index() + 1, display_head(&other.id, room));
        let body = wrap(&format!("{label}{}", head(gist, room)), width, height);
        let mut lines = Vec::new();
        for (i, l) in body.into_iter().enumerate() {
            if i == 0 && l.starts_with(link.label()) {
                let (a, b) = l.split_at(link.label().len());
                let contradicts = link.kind == crate::data::model::RelationKind::Contradicts;
                lines.push(Line::from(vec![
                    Span::styled(a.to_string(), theme.relation(contradicts)),
                    Span::raw(b.to_string()),
                ]));
            } else {
                lines.push(Line::raw(l));
            }
        }
        if let Some(note) = link.note {
            let note = wrap(&format!("  {}", head(note, room)), width, height);
            lines.extend(note.into_iter().map(|l| Line::styled(l, theme.dim())));
        }
        used += lines.len();
        laid_out += 1;
        parts.push(Part::item(relations, lines));
    }
    parts.push(Part::uncounted(relations, corpus.link_count(c) - laid_out));
    if let Some(note) = &claim.note {
        parts.push(text_part("note", &format!("note: {note}"), theme.note()));
    }
    fit_parts(parts, height, width, &Mode::Normal.key(&Action::OpenDetail), theme.dim())
}
