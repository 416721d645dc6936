//! The full detail of an entity or a claim (`K`), every field of it, as
//! items the explorer wraps to its width: for a claim, its text, summary,
//! claimant, document, what it is about, its note, and each relation with
//! the other claim's text, claimant, document and the sentence around it;
//! for an entity, its names, kind, counts per document, description, what
//! other tools' files said of its mentions (labels, attributes,
//! references, notes), and each relation between its mentions and others
//! with the other end in context.
//!
//! Items hold the corpus's text as it is (the view sanitizes what it
//! draws), each piece with the role it plays, and where Enter on it leads.
//! Long lists are cut at [`MAX_LISTED`] items with a line saying how many
//! more there are and where to see them: a claim 100,000 claims relate to
//! opens at once.

use super::details::{EntityFacts, LinkEnd};
use super::dossier::context;
use crate::data::model::{ClaimIdx, ClaimKind, Corpus, EntityIdx, EntityKind, MentionIdx, RelationKind, Span};
use crate::text::number::thousands;

/// Items listed in one section before the rest are counted.
pub const MAX_LISTED: usize = 2_000;

/// Characters of context on each side of a claim or a mention.
const CONTEXT: usize = 160;

/// Whose detail it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Entity(EntityIdx),
    Claim(ClaimIdx),
}

/// What a piece of text is, for the view to style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A section's heading.
    Heading,
    /// The subject's name, an id.
    Bold,
    Plain,
    /// Labels and counts.
    Dim,
    Note,
    Kind(EntityKind),
    ClaimKind(ClaimKind),
    /// A relation's kind, marked when it contradicts.
    Relation(bool),
    /// A mention in context, of an entity of this kind.
    Mention(EntityKind),
    /// The span a claim covers, in context.
    Claimed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub text: String,
    pub role: Role,
}

/// Where Enter on an item goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Goto {
    Claim(ClaimIdx),
    Mention(MentionIdx),
    /// The entity's own full detail.
    Entity(EntityIdx),
}

/// One item: pieces of text wrapped together, indented as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub pieces: Vec<Piece>,
    pub indent: u16,
    pub goto: Option<Goto>,
    /// The relation this item shows, when it is a claim's (for comparing).
    pub link: Option<(ClaimIdx, usize)>,
}

impl Item {
    fn new(indent: u16, pieces: Vec<Piece>) -> Item {
        Item { pieces, indent, goto: None, link: None }
    }

    fn going(mut self, goto: Goto) -> Item {
        self.goto = Some(goto);
        self
    }

    /// The item's text, pieces joined.
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
}

fn piece(text: impl Into<String>, role: Role) -> Piece {
    Piece { text: text.into(), role }
}

fn blank() -> Item {
    Item::new(0, Vec::new())
}

fn heading(title: &str, n: Option<usize>) -> Item {
    let text = match n {
        Some(n) => format!("{title} · {}", thousands(n)),
        None => title.to_string(),
    };
    Item::new(0, vec![piece(text, Role::Heading)])
}

/// "… and 98,000 more: d shows them in the dossier" when a list was cut.
fn more(items: &mut Vec<Item>, listed: usize, total: usize, where_: &str) {
    if total > listed {
        items.push(Item::new(2, vec![piece(format!("… and {} more {where_}", thousands(total - listed)), Role::Dim)]));
    }
}

/// The full detail of `subject`, as items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullDetail {
    pub subject: Subject,
    pub items: Vec<Item>,
}

impl FullDetail {
    pub fn new(corpus: &Corpus, subject: Subject, mention: Option<MentionIdx>) -> FullDetail {
        let items = match subject {
            Subject::Entity(e) => entity_items(corpus, e, mention),
            Subject::Claim(c) => claim_items(corpus, c),
        };
        FullDetail { subject, items }
    }

    /// The title of the screen: the entity's name, or the claim's id.
    pub fn name<'c>(&self, corpus: &'c Corpus) -> &'c str {
        match self.subject {
            Subject::Entity(e) => &corpus.entity(e).name,
            Subject::Claim(c) => &corpus.claim(c).id,
        }
    }
}

/// Whether the sentence ends at byte `i` of `text` (after `.`, `!`, `?`,
/// `。` and the like, before white space or the end).
fn ends_sentence(text: &str, i: usize) -> bool {
    let before = text[..i].chars().next_back();
    let after = text[i..].chars().next();
    matches!(before, Some('.' | '!' | '?' | '…' | '。' | '！' | '？')) && after.is_none_or(char::is_whitespace)
}

/// The sentence around `span`: from the end of the sentence before it (in
/// its paragraph, at most [`CONTEXT`] characters back) to the end of the
/// sentence it ends in (as far forward), `…` where that is cut.
pub fn sentence(text: &str, span: Span) -> (&str, &str, &str, bool, bool) {
    let (before, it, after) = context(text, span, CONTEXT, CONTEXT);
    let (s, e) = (span.start as usize, span.end as usize);
    let from = s - before.len();
    let start = (from..s).rev().find(|&i| text.is_char_boundary(i) && i > from && ends_sentence(text, i));
    let (start, cut_before) = match start {
        Some(i) => (i + text[i..s].len() - text[i..s].trim_start().len(), false),
        None => (from, from > 0 && !text[..from].ends_with('\n')),
    };
    let to = e + after.len();
    let end = (e..=to).find(|&i| text.is_char_boundary(i) && i > e.max(s) && ends_sentence(text, i));
    let ends_itself = ends_sentence(text, e);
    let (end, cut_after) = match end {
        _ if ends_itself => (e, false),
        Some(i) => (i, false),
        None => (to, to < text.len() && !text[to..].starts_with('\n')),
    };
    (&text[start..s], it, &text[e..end], cut_before, cut_after)
}

/// The sentence around `span`, the span in `role`.
fn in_context(text: &str, span: Span, role: Role) -> Vec<Piece> {
    let (before, it, after, cut_before, cut_after) = sentence(text, span);
    let mut pieces = Vec::new();
    if cut_before {
        pieces.push(piece("…", Role::Dim));
    }
    pieces.push(piece(before, Role::Plain));
    pieces.push(piece(it, role));
    pieces.push(piece(after, Role::Plain));
    if cut_after {
        pieces.push(piece("…", Role::Dim));
    }
    pieces
}

/// Whether the sentence around `span` says more than the span itself.
fn more_than(text: &str, span: Span) -> bool {
    let (before, _, after, _, _) = sentence(text, span);
    !before.trim().is_empty() || !after.trim().is_empty()
}

fn claim_items(corpus: &Corpus, c: ClaimIdx) -> Vec<Item> {
    let claim = corpus.claim(c);
    let doc = corpus.doc(claim.doc);
    let mut items = vec![
        Item::new(
            0,
            vec![
                piece(claim.kind.name(), Role::ClaimKind(claim.kind)),
                piece(" by ", Role::Dim),
                piece(corpus.claimant_name(c), Role::Bold),
                piece(" · ", Role::Dim),
                piece(claim.id.clone(), Role::Bold),
            ],
        ),
        document_item(corpus, claim.doc),
        blank(),
        heading("Text", None),
        Item::new(2, vec![piece(format!("“{}”", corpus.claim_text(c)), Role::Plain)]).going(Goto::Claim(c)),
    ];
    if more_than(&doc.text, claim.span) {
        items.push(Item::new(2, in_context(&doc.text, claim.span, Role::Claimed)).going(Goto::Claim(c)));
    }
    if let Some(summary) = &claim.summary {
        items.extend([blank(), heading("Summary", None), Item::new(2, vec![piece(summary.clone(), Role::Plain)])]);
    }
    if let Some(e) = claim.claimant {
        items.extend([blank(), heading("Claimant", None), entity_item(corpus, e)]);
        let description = &corpus.entity(e).description;
        if !description.is_empty() {
            items.push(Item::new(4, vec![piece(description.clone(), Role::Dim)]));
        }
    }
    if !claim.about.is_empty() {
        items.extend([blank(), heading("About", Some(claim.about.len()))]);
        items.extend(claim.about.iter().take(MAX_LISTED).map(|&e| entity_item(corpus, e)));
        more(&mut items, MAX_LISTED, claim.about.len(), "entities");
    }
    let n = corpus.link_count(c);
    items.extend([blank(), heading("Relations", Some(n))]);
    if n == 0 {
        items.push(Item::new(2, vec![piece("none", Role::Dim)]));
    }
    for l in 0..n.min(MAX_LISTED) {
        items.extend(relation_items(corpus, c, l));
    }
    more(&mut items, MAX_LISTED, n, "relations");
    if let Some(note) = &claim.note {
        items.extend([blank(), heading("Note", None), Item::new(2, vec![piece(note.clone(), Role::Note)])]);
    }
    items
}

/// `[2] Title · 2024-05-01 · Source`.
fn document_item(corpus: &Corpus, d: crate::data::model::DocIdx) -> Item {
    let doc = corpus.doc(d);
    let mut pieces = vec![piece(format!("[{}] ", d.index() + 1), Role::Dim), piece(doc.display_title(), Role::Plain)];
    for field in [&doc.published, &doc.source].into_iter().flatten() {
        pieces.push(piece(format!(" · {field}"), Role::Dim));
    }
    Item::new(0, pieces)
}

/// `PER Aslan Tolegenov`, leading to its own detail.
fn entity_item(corpus: &Corpus, e: EntityIdx) -> Item {
    let entity = corpus.entity(e);
    Item::new(
        2,
        vec![
            piece(format!("{} ", entity.kind.tag()), Role::Kind(entity.kind.clone())),
            piece(&entity.name, Role::Bold),
        ],
    )
    .going(Goto::Entity(e))
}

/// One of a claim's relations: the kind and the other claim, its claimant
/// and document, its text, the sentence around it, and the note.
fn relation_items(corpus: &Corpus, c: ClaimIdx, l: usize) -> Vec<Item> {
    let link = corpus.link(c, l);
    let other = corpus.claim(link.other);
    let goto = Goto::Claim(link.other);
    let mut head = Item::new(
        2,
        vec![
            piece(format!("{} → ", link.label()), Role::Relation(link.kind == RelationKind::Contradicts)),
            piece(format!("[{}] ", other.doc.index() + 1), Role::Dim),
            piece(other.id.clone(), Role::Bold),
        ],
    )
    .going(goto);
    head.link = Some((c, l));
    let who = Item::new(
        4,
        vec![
            piece(other.kind.name(), Role::ClaimKind(other.kind)),
            piece(" by ", Role::Dim),
            piece(corpus.claimant_name(link.other), Role::Bold),
            piece(format!(" · [{}] ", other.doc.index() + 1), Role::Dim),
            piece(corpus.doc(other.doc).display_title(), Role::Dim),
        ],
    )
    .going(goto);
    let mut items = vec![head, who];
    if let Some(summary) = &other.summary {
        items.push(Item::new(4, vec![piece("summary: ", Role::Dim), piece(summary.clone(), Role::Plain)]).going(goto));
    }
    // The other claim's text, in its sentence.
    items.push(Item::new(4, in_context(&corpus.doc(other.doc).text, other.span, Role::Claimed)).going(goto));
    if let Some(note) = link.note {
        items.push(Item::new(4, vec![piece("note: ", Role::Dim), piece(note, Role::Note)]).going(goto));
    }
    items
}

fn entity_items(corpus: &Corpus, e: EntityIdx, mention: Option<MentionIdx>) -> Vec<Item> {
    let entity = corpus.entity(e);
    let n = corpus.mention_count(e);
    let docs = corpus.entity_doc_count(e);
    let mut items = vec![
        Item::new(
            0,
            vec![
                piece(&entity.name, Role::Bold),
                piece("  ", Role::Plain),
                piece(entity.kind.name(), Role::Kind(entity.kind.clone())),
                piece(format!(" · {}", entity.id), Role::Dim),
            ],
        ),
        Item::new(
            0,
            vec![piece(
                format!(
                    "{} mention{} in {} document{}",
                    thousands(n),
                    if n == 1 { "" } else { "s" },
                    thousands(docs),
                    if docs == 1 { "" } else { "s" }
                ),
                Role::Dim,
            )],
        ),
    ];
    if !entity.aliases.is_empty() {
        items.extend([blank(), heading("Also known as", Some(entity.aliases.len()))]);
        items.extend(entity.aliases.iter().take(MAX_LISTED).map(|a| Item::new(2, vec![piece(a, Role::Plain)])));
        more(&mut items, MAX_LISTED, entity.aliases.len(), "names");
    }
    if !entity.description.is_empty() {
        items.extend([
            blank(),
            heading("Description", None),
            Item::new(2, vec![piece(&entity.description, Role::Plain)]),
        ]);
    }
    items.extend([blank(), heading("Mentions per document", Some(docs))]);
    for (d, count) in corpus.entity_doc_counts(e).take(MAX_LISTED) {
        let doc = corpus.doc(d);
        let first = corpus.entity_mentions_in(e, d).first().copied();
        let item = Item::new(
            2,
            vec![
                piece(format!("[{}] ", d.index() + 1), Role::Dim),
                piece(doc.display_title(), Role::Plain),
                piece(format!(" · {}", thousands(count)), Role::Dim),
            ],
        );
        items.push(match first {
            Some(m) => item.going(Goto::Mention(m)),
            None => item,
        });
    }
    more(&mut items, MAX_LISTED, docs, "documents: d shows every mention in the dossier");
    let facts = EntityFacts::new(corpus, e);
    if !facts.tallies.is_empty() {
        items.extend([blank(), heading("What the files say of its mentions", Some(facts.tallies.len()))]);
        for t in facts.tallies.iter().take(MAX_LISTED) {
            let Some(fact) = t.fact(corpus) else { continue };
            let role = match fact {
                super::details::Fact::Label(_) => Role::Dim,
                super::details::Fact::Note(_) => Role::Note,
                _ => Role::Plain,
            };
            let mut pieces = vec![piece(fact.to_string(), role)];
            if n > 1 {
                pieces.push(piece(format!(" ×{}", t.count), Role::Dim));
            }
            items.push(Item::new(2, pieces).going(Goto::Mention(t.mention)));
        }
        more(&mut items, MAX_LISTED, facts.tallies.len(), "facts");
    }
    if let Some(m) = mention.filter(|&m| corpus.mention(m).entity == e) {
        let facts: Vec<String> = super::details::mention_facts(corpus, m).map(|f| f.to_string()).collect();
        if !facts.is_empty() {
            items.extend([blank(), heading("This mention", None)]);
            items.push(
                Item::new(
                    2,
                    in_context(
                        &corpus.doc(corpus.mention(m).doc).text,
                        corpus.mention(m).span,
                        Role::Mention(entity.kind.clone()),
                    ),
                )
                .going(Goto::Mention(m)),
            );
            items.extend(facts.into_iter().map(|f| Item::new(4, vec![piece(f, Role::Dim)]).going(Goto::Mention(m))));
        }
    }
    if !facts.links.is_empty() {
        items.extend([blank(), heading("Relations", Some(facts.links.len()))]);
        for &end in facts.links.iter().take(MAX_LISTED) {
            items.extend(mention_link_items(corpus, end));
        }
        more(&mut items, MAX_LISTED, facts.links.len(), "relations: d lists them all in the dossier");
    }
    items
}

/// A link between one of the entity's mentions and another: `Partner →
/// CNPC`, the other end in context, and the link's id, attributes and notes.
fn mention_link_items(corpus: &Corpus, end: LinkEnd) -> Vec<Item> {
    let Some(link) = end.link(corpus) else { return Vec::new() };
    let other = end.other(corpus);
    let mention = corpus.mention(other);
    let entity = corpus.entity(mention.entity);
    let goto = Goto::Mention(other);
    let mut items = vec![
        Item::new(
            2,
            vec![
                piece(format!("{} {} ", link.kind, end.arrow(corpus)), Role::Relation(false)),
                piece(&entity.name, Role::Bold),
                piece(format!(" [{}]", mention.doc.index() + 1), Role::Dim),
            ],
        )
        .going(goto),
        Item::new(4, in_context(&corpus.doc(mention.doc).text, mention.span, Role::Mention(entity.kind.clone())))
            .going(goto),
    ];
    let facts: Vec<String> = link
        .id
        .iter()
        .cloned()
        .chain(link.attributes.iter().map(|a| super::details::Fact::Attribute(a).to_string()))
        .chain(link.notes.iter().map(|n| super::details::Fact::Note(n).to_string()))
        .collect();
    if !facts.is_empty() {
        items.push(Item::new(4, vec![piece(facts.join(" · "), Role::Dim)]).going(goto));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::fixture::sample_corpus;
    use crate::query::annotated_fixture::annotated_corpus;

    fn texts(d: &FullDetail) -> Vec<String> {
        d.items.iter().map(Item::text).collect()
    }

    #[test]
    fn a_claims_detail_has_every_relation_with_the_other_claim_in_context() {
        let c = sample_corpus();
        let arrest = c.claim_by_id("a-arrest").unwrap();
        let d = FullDetail::new(&c, Subject::Claim(arrest), None);
        let t = texts(&d);
        assert!(t[0].starts_with("fact by "), "{t:?}");
        let relations = t.iter().position(|l| l.starts_with("Relations · ")).unwrap();
        assert_eq!(t[relations], format!("Relations · {}", c.link_count(arrest)));
        let detention = c.claim_by_id("i-detention").unwrap();
        let head = d.items.iter().position(|i| i.link == Some((arrest, 0))).unwrap();
        assert!(t[head].starts_with("contradicts → [2] i-detention"), "{}", t[head]);
        assert_eq!(d.items[head].goto, Some(Goto::Claim(detention)));
        // The other claim's sentence, with its span as the claimed piece.
        let context = d.items[head + 1..].iter().find(|i| i.pieces.iter().any(|p| p.role == Role::Claimed)).unwrap();
        let claimed = context.pieces.iter().find(|p| p.role == Role::Claimed).unwrap();
        assert_eq!(claimed.text, c.claim_text(detention));
        // The note on how they differ.
        assert!(t.iter().any(|l| l.starts_with("note: ")));
    }

    #[test]
    fn an_entitys_detail_has_its_names_facts_and_relations() {
        let c = annotated_corpus();
        let kmg = c.entity_by_id("kmg").unwrap();
        let d = FullDetail::new(&c, Subject::Entity(kmg), None);
        let t = texts(&d);
        assert!(t.contains(&"What the files say of its mentions · 5".to_string()), "{t:?}");
        assert!(t.contains(&"AnnotatorNotes: state-owned since 2002 ×1".to_string()), "{t:?}");
        let rel = t.iter().position(|l| l == "Relations · 2").unwrap();
        assert!(t[rel + 1].starts_with("Partner → CNPC"), "{t:?}");
        let cnpc = c.entity_by_id("cnpc").unwrap();
        let Some(Goto::Mention(m)) = d.items[rel + 1].goto else { panic!("no target") };
        assert_eq!(c.mention(m).entity, cnpc);
    }

    #[test]
    fn the_sentence_around_a_span() {
        let text = "First one. Then the claim is here, said he. And more.\nNext para.";
        let at = text.find("the claim").unwrap();
        let span = Span::new(at, at + "the claim".len());
        assert_eq!(sentence(text, span), ("Then ", "the claim", " is here, said he.", false, false));
        let whole = Span::new(text.find("And").unwrap(), text.find('\n').unwrap());
        assert_eq!(sentence(text, whole), ("", "And more.", "", false, false));
        assert!(!more_than(text, whole) && more_than(text, span));
        // A sentence longer than the context is cut, and says so.
        let long = format!("{} x {}", "a".repeat(300), "b".repeat(300));
        let x = long.find(" x ").unwrap() + 1;
        let (before, _, after, cut_before, cut_after) = sentence(&long, Span::new(x, x + 1));
        assert_eq!((before.len(), after.len(), cut_before, cut_after), (CONTEXT, CONTEXT, true, true));
    }

    #[test]
    fn long_lists_are_cut_and_counted() {
        let mut items = Vec::new();
        more(&mut items, 2_000, 2_500, "relations");
        assert_eq!(items[0].text(), "… and 500 more relations");
        more(&mut items, 2_000, 2_000, "relations");
        assert_eq!(items.len(), 1);
    }
}
