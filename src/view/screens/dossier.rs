//! An entity's dossier: only the rows on screen are made and drawn.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{esc_hint, frame_block, row};
use crate::data::model::{ClaimIdx, Corpus, MentionIdx, RelationKind};
use crate::query::details::LinkEnd;
use crate::query::dossier::{DossierRow, Section, context, in_common};
use crate::state::geometry::{self, VIEW_HEADER};
use crate::state::{Action, App, DossierScreen, Mode};
use crate::text::number::counted;
use crate::text::sanitize::{display, display_head};
use crate::text::wrap::{cells, fit, fit_tail};
use crate::view::facts::{fact_style, link_head, mention_line, mention_pieces, mention_width, tally_text};
use crate::view::theme::Theme;
use crate::view::{claimant, join_head, per_document, wrap};

/// One line describing a claim: kind, who makes it, what it says.
pub(super) fn claim_line(corpus: &Corpus, c: ClaimIdx, indent: usize, width: usize, theme: &Theme) -> Line<'static> {
    let claim = corpus.claim(c);
    let gist = claim.summary.as_deref().unwrap_or_else(|| corpus.claim_text(c));
    let who = format!(" {}: ", display_head(&claimant(corpus, c), width));
    let used = indent + 3 + cells(&who);
    Line::from(vec![
        Span::raw(" ".repeat(indent)),
        Span::styled(claim.kind.tag(), theme.claim_kind(claim.kind)),
        Span::styled(who, theme.bold()),
        Span::raw(fit(gist, width.saturating_sub(used))),
    ])
}

pub(super) fn link_line(
    corpus: &Corpus,
    from: ClaimIdx,
    l: usize,
    indent: usize,
    width: usize,
    theme: &Theme,
) -> Line<'static> {
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

/// A mention on one line after `tag`: its paragraph before it (right-aligned
/// in two fifths of what is left), the mention itself in `style` (its
/// fragments, when discontinuous, without the gaps), and what follows.
fn in_context(
    corpus: &Corpus,
    m: MentionIdx,
    tag: Vec<Span<'static>>,
    width: usize,
    style: ratatui::style::Style,
) -> Line<'static> {
    let mention = corpus.mention(m);
    let text = &corpus.doc(mention.doc).text;
    let tag_width: usize = tag.iter().map(|s| cells(&s.content)).sum();
    let left_width = (width.saturating_sub(tag_width)) * 2 / 5;
    let (before, _, after) = context(text, mention.span, 200, 200);
    let it_width = mention_width(corpus, m, width).min(width / 3);
    let right_width = width.saturating_sub(tag_width + left_width + it_width);
    let left = fit_tail(&display(before), left_width);
    let mut spans = tag;
    spans.push(Span::raw(format!("{}{left}", " ".repeat(left_width.saturating_sub(cells(&left))))));
    spans.extend(mention_pieces(corpus, m, it_width, style));
    spans.push(Span::raw(fit(&display(after), right_width)));
    Line::from(spans)
}

/// A link from one of the entity's mentions: `[1] Partner → CNPC`, then
/// the other end in context.
fn relation_line(corpus: &Corpus, end: LinkEnd, width: usize, theme: &Theme) -> Line<'static> {
    let other = end.other(corpus);
    let mention = corpus.mention(other);
    let kind = &corpus.entity(mention.entity).kind;
    let Some((head, name)) = link_head(corpus, end, width) else { return Line::raw("") };
    let head = fit(&head, width / 4);
    let name = fit(&name, width / 5);
    let tag = vec![
        Span::styled(format!("  [{}] ", mention.doc.index() + 1), theme.dim()),
        Span::styled(format!("{head} "), theme.relation(false)),
        Span::styled(format!("{name} "), theme.bold()),
    ];
    in_context(corpus, other, tag, width, theme.mention(kind))
}

pub fn draw(frame: &mut Frame, app: &App, d: &DossierScreen, theme: &Theme) {
    let corpus = &app.corpus;
    let e = d.dossier.entity;
    let entity = corpus.entity(e);
    let area = geometry::view(app.area);
    let hint = format!(
        "{} goes there · {} compares a relation · {}",
        Mode::View.key(&Action::Activate),
        Mode::View.key(&Action::OpenCompare),
        esc_hint(app)
    );
    let name = display_head(&entity.name, area.width as usize);
    let filtered = d.filter.label(d.dossier.len()).map_or(String::new(), |l| format!(" · {l}"));
    frame_block(frame, area, format!("Dossier · {name}{filtered}"), &hint, theme);
    let inner = geometry::inner(area);
    let width = inner.width as usize;
    let docs = corpus.entity_doc_count(e);
    let mut header = vec![Line::from(vec![
        Span::styled(name.into_owned(), theme.bold()),
        Span::raw("  "),
        Span::styled(display_head(entity.kind.name(), width).into_owned(), theme.mention(&entity.kind)),
        Span::styled(
            format!(
                " · {} in {}",
                counted(corpus.mention_count(e), "mention", "mentions"),
                counted(docs, "document", "documents")
            ),
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
    let per_doc = match docs {
        0 => "named in no document".to_string(),
        _ => format!("per document: {}", per_document(corpus, e, true, width.saturating_sub(14))),
    };
    header.push(Line::styled(fit(&per_doc, width), theme.dim()));
    frame.render_widget(Paragraph::new(header), Rect { height: VIEW_HEADER, ..inner });

    let list = geometry::view_list(app.area, VIEW_HEADER);
    let shown = (d.list.offset..d.shown_len().min(d.list.offset + list.height as usize)).map(|i| d.shown_row(i));
    let rows: Vec<DossierRow> = shown.map_while(|i| d.dossier.row(corpus, i)).collect();
    let lines: Vec<Line> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let line = match *r {
                DossierRow::Heading(section, n) => Line::styled(format!("{} · {n}", section.title()), theme.accent()),
                DossierRow::Mention(m) => {
                    let tag = vec![Span::styled(format!("  [{}] ", corpus.mention(m).doc.index() + 1), theme.dim())];
                    in_context(corpus, m, tag, width, theme.selected_mention(&entity.kind))
                }
                DossierRow::Fact(i) => {
                    let several = corpus.mention_count(e) > 1;
                    let t = d.dossier.facts.tallies.get(i);
                    match t.and_then(|t| Some((t.fact(corpus)?, tally_text(corpus, t, several, width)?))) {
                        Some((fact, text)) => Line::styled(fit(&format!("  {text}"), width), fact_style(fact, theme)),
                        None => Line::raw(""),
                    }
                }
                DossierRow::MentionFacts(m) => {
                    Line::styled(fit(&format!("        {}", mention_line(corpus, m, true, width)), width), theme.dim())
                }
                DossierRow::Relation(end) => relation_line(corpus, end, width, theme),
                DossierRow::RelationFacts(end) => {
                    let text = end.link(corpus).map(|l| link_facts(l, width)).unwrap_or_default();
                    Line::styled(fit(&format!("        {text}"), width), theme.dim())
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
                DossierRow::NamedWith(k) => named_with_line(app, d, k, width, theme),
                DossierRow::More(n) => Line::styled(format!("  … {n} more"), theme.dim()),
                DossierRow::Counting => {
                    Line::styled(format!("{} · counting…", Section::NamedWith.title()), theme.accent())
                }
                DossierRow::Empty => Line::styled("  none", theme.dim()),
                DossierRow::Blank => Line::raw(""),
            };
            row(line, d.list.offset + i == d.list.cursor, theme)
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
}

/// An entity named with this one: its kind and name (and whether it is
/// pinned) in a column, then what it shares with this one.
fn named_with_line(app: &App, d: &DossierScreen, k: usize, width: usize, theme: &Theme) -> Line<'static> {
    let Some(t) = d.dossier.together.get(k) else { return Line::raw("") };
    let other = app.corpus.entity(t.entity);
    let pin = if app.reader.pins.contains(t.entity) { " (pinned)" } else { "" };
    let column = (width / 3).clamp(12, 40);
    let name = fit(&display_head(&other.name, column), column.saturating_sub(pin.len()));
    let gap = column.saturating_sub(cells(&name) + pin.len()) + 2;
    let counts = fit(&in_common(t), width.saturating_sub(6 + column + 2));
    Line::from(vec![
        Span::raw("  "),
        Span::styled(other.kind.tag(), theme.mention(&other.kind)),
        Span::raw(" "),
        Span::styled(name, theme.bold()),
        Span::styled(pin, theme.accent()),
        Span::raw(" ".repeat(gap)),
        Span::styled(counts, theme.dim()),
    ])
}

/// A link's id, attributes and notes on one line, safe to show.
fn link_facts(link: &crate::data::model::MentionLink, cells: usize) -> String {
    use crate::query::details::Fact;
    let facts = link.attributes.iter().map(Fact::Attribute).chain(link.notes.iter().map(Fact::Note));
    let parts: Vec<String> = link
        .id
        .iter()
        .map(|id| display_head(id, cells).into_owned())
        .chain(facts.map(|f| display_head(&f.to_string(), cells).into_owned()))
        .collect();
    parts.join(" · ")
}
