//! An entity's dossier: everything the corpus says about one entity — what
//! other tools' files said about its mentions (labels, attributes,
//! normalizations, notes, counted), every mention in context (each with its
//! own details, when it has any), its mentions' relations to other mentions,
//! the claims it makes, the claims about it grouped by document with their
//! relations, and the entities most often named with it — as rows, shared by the explorer's dossier view and `dossier
//! entity`.
//!
//! Rows are made when asked for: the mentions are a range, not a list of
//! formatted lines, so an entity with 50,000 mentions opens at once and a
//! screenful costs a screenful. Only an entity some of whose mentions have
//! details has its mention rows listed (one more row under each such
//! mention), and only a corpus imported from another tool's format has any.

use super::details::{EntityFacts, LinkEnd};
use super::together::{Together, named_with};
use crate::data::model::{ClaimIdx, Corpus, DocIdx, EntityIdx, MentionIdx, Span};

/// One row of a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DossierRow {
    /// A section heading: which section, and how many items it has.
    Heading(Section, usize),
    /// One of the entity's distinct facts (its index in [`Dossier::facts`]'s tallies).
    Fact(usize),
    /// An entity named with this one (its index in [`Dossier::together`]).
    NamedWith(usize),
    /// How many more are named with it than are shown.
    More(usize),
    /// The entities named with it are being counted.
    Counting,
    /// A mention, shown in context.
    Mention(MentionIdx),
    /// The details of the mention above, on a line of their own.
    MentionFacts(MentionIdx),
    /// A link between one of its mentions and another mention, the other end in context.
    Relation(LinkEnd),
    /// The id, attributes and notes of the link above.
    RelationFacts(LinkEnd),
    /// A document's name, over the claims in it.
    Document(DocIdx),
    /// A claim made by or about the entity.
    Claim(ClaimIdx),
    /// One of a claim's relations (its index in `Corpus::links`).
    Link(ClaimIdx, usize),
    /// A section with nothing in it.
    Empty,
    Blank,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Details,
    NamedWith,
    Mentions,
    Relations,
    ClaimsBy,
    ClaimsAbout,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Details => "Details",
            Section::NamedWith => "Named with it",
            Section::Mentions => "Mentions",
            Section::Relations => "Relations",
            Section::ClaimsBy => "Claims it makes",
            Section::ClaimsAbout => "Claims about it",
        }
    }
}

/// Where a row leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Mention(MentionIdx),
    Claim(ClaimIdx),
    /// Another entity: its own dossier.
    Entity(EntityIdx),
}

/// How many of the entities named with one a dossier lists.
pub const NAMED_WITH_ROWS: usize = 10;

/// "3 paragraphs · 2 documents": what an entity named with another shares with it.
pub fn in_common(t: &Together) -> String {
    let s = |n: u32| if n == 1 { "" } else { "s" };
    format!("{} paragraph{} · {} document{}", t.paragraphs, s(t.paragraphs), t.documents, s(t.documents))
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Rows(Vec<DossierRow>),
    /// The entity's mentions, one row each.
    Mentions(EntityIdx, usize),
}

impl Part {
    fn len(&self) -> usize {
        match self {
            Part::Rows(rows) => rows.len(),
            Part::Mentions(_, n) => *n,
        }
    }
}

/// The rows of one entity's dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    pub entity: EntityIdx,
    /// What its mentions' details say, and their links.
    pub facts: EntityFacts,
    /// The entities most often named with it, best first (see [`crate::query::together`]).
    pub together: Vec<Together>,
    parts: Vec<Part>,
    /// Which of `parts` holds the mentions.
    mentions_part: usize,
    /// Which of `parts` holds the entities named with it.
    named_part: usize,
    /// Whether those are still to be counted.
    pending: bool,
    len: usize,
}

/// Claims, grouped by document in corpus order, each followed by its relations.
fn claim_rows(corpus: &Corpus, claims: &[ClaimIdx]) -> Vec<DossierRow> {
    let mut rows = Vec::new();
    let mut last_doc = None;
    for &c in claims {
        let doc = corpus.claim(c).doc;
        if last_doc != Some(doc) {
            rows.push(DossierRow::Document(doc));
            last_doc = Some(doc);
        }
        rows.push(DossierRow::Claim(c));
        rows.extend((0..corpus.link_count(c)).map(|l| DossierRow::Link(c, l)));
    }
    rows
}

/// Entities named in more documents than this have the entities named with
/// them counted after the dossier is first drawn (see [`Dossier::deferred`]).
pub const COUNT_LATER_DOCUMENTS: usize = 1_000;

impl Dossier {
    /// The whole dossier, the entities named with it counted.
    pub fn new(corpus: &Corpus, entity: EntityIdx) -> Dossier {
        Dossier::make(corpus, entity, false)
    }

    /// The dossier, but for an entity named in many documents without the
    /// entities named with it: [`Dossier::count_named_with`] counts them,
    /// after the first frame (a pass over every mention of those documents:
    /// 50 ms for an entity named in all 10,000 documents of a million mentions).
    pub fn deferred(corpus: &Corpus, entity: EntityIdx) -> Dossier {
        Dossier::make(corpus, entity, corpus.entity_doc_count(entity) > COUNT_LATER_DOCUMENTS)
    }

    /// The dossier, the entities named with it counted now or `later`.
    pub(crate) fn make(corpus: &Corpus, entity: EntityIdx, later: bool) -> Dossier {
        let mentions = corpus.mention_count(entity);
        let in_order = |mut claims: Vec<ClaimIdx>| {
            claims.sort_by_key(|&c| (corpus.claim(c).doc, corpus.claim(c).span.start, c));
            claims
        };
        let by = in_order(corpus.claims_by(entity));
        let about = in_order(corpus.claims_about_by_others(entity));
        let facts = EntityFacts::new(corpus, entity);
        let mut parts = Vec::new();
        // One mention's facts are on its own row: a summary would repeat them.
        if mentions > 1 && !facts.tallies.is_empty() {
            let mut rows = vec![DossierRow::Heading(Section::Details, facts.tallies.len())];
            rows.extend((0..facts.tallies.len()).map(DossierRow::Fact));
            rows.push(DossierRow::Blank);
            parts.push(Part::Rows(rows));
        }
        // Before the mentions, which may be thousands of rows.
        let named_part = parts.len();
        parts.push(Part::Rows(if later { vec![DossierRow::Counting, DossierRow::Blank] } else { Vec::new() }));
        parts.push(Part::Rows(vec![DossierRow::Heading(Section::Mentions, mentions)]));
        let mentions_part = parts.len();
        parts.push(if mentions == 0 {
            Part::Rows(vec![DossierRow::Empty])
        } else if facts.any_detail {
            Part::Rows(mention_rows(corpus, entity))
        } else {
            Part::Mentions(entity, mentions)
        });
        if !facts.links.is_empty() {
            let mut rows = vec![DossierRow::Blank, DossierRow::Heading(Section::Relations, facts.links.len())];
            for &end in &facts.links {
                rows.push(DossierRow::Relation(end));
                if end.link(corpus).is_some_and(|l| !l.attributes.is_empty() || !l.notes.is_empty()) {
                    rows.push(DossierRow::RelationFacts(end));
                }
            }
            parts.push(Part::Rows(rows));
        }
        for (section, claims) in [(Section::ClaimsBy, by), (Section::ClaimsAbout, about)] {
            let mut rows = vec![DossierRow::Blank, DossierRow::Heading(section, claims.len())];
            if claims.is_empty() {
                rows.push(DossierRow::Empty);
            }
            rows.extend(claim_rows(corpus, &claims));
            parts.push(Part::Rows(rows));
        }
        let len = parts.iter().map(Part::len).sum();
        let mut dossier =
            Dossier { entity, facts, together: Vec::new(), parts, mentions_part, named_part, pending: true, len };
        if !later {
            dossier.count_named_with(corpus);
        }
        dossier
    }

    /// Whether the entities named with it are still to be counted (see [`Dossier::deferred`]).
    pub fn pending(&self) -> bool {
        self.pending
    }

    /// Counts the entities named with it, if not done yet, and lists them;
    /// the row its section starts at, and how many rows it added there.
    pub fn count_named_with(&mut self, corpus: &Corpus) -> (usize, isize) {
        let start: usize = self.parts[..self.named_part].iter().map(Part::len).sum();
        if !self.pending {
            return (start, 0);
        }
        self.pending = false;
        let (together, named) = named_with(corpus, self.entity, NAMED_WITH_ROWS);
        let mut rows = Vec::new();
        if named > 0 {
            rows.push(DossierRow::Heading(Section::NamedWith, named));
            rows.extend((0..together.len()).map(DossierRow::NamedWith));
            if named > together.len() {
                rows.push(DossierRow::More(named - together.len()));
            }
            rows.push(DossierRow::Blank);
        }
        self.together = together;
        let before = self.parts[self.named_part].len();
        let added = rows.len() as isize - before as isize;
        self.parts[self.named_part] = Part::Rows(rows);
        self.len = self.parts.iter().map(Part::len).sum();
        (start, added)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// DossierRow `i` (from 0), or `None` past the end.
    pub fn row(&self, corpus: &Corpus, mut i: usize) -> Option<DossierRow> {
        for part in &self.parts {
            if i < part.len() {
                return Some(match part {
                    Part::Rows(rows) => rows[i],
                    Part::Mentions(e, _) => DossierRow::Mention(corpus.entity_mentions(*e)[i]),
                });
            }
            i -= part.len();
        }
        None
    }

    /// Rows `range` (clipped to the dossier).
    pub fn rows(&self, corpus: &Corpus, range: std::ops::Range<usize>) -> Vec<DossierRow> {
        range.map_while(|i| self.row(corpus, i)).collect()
    }

    /// Where row `i` leads, if anywhere.
    pub fn target(&self, corpus: &Corpus, i: usize) -> Option<Target> {
        match self.row(corpus, i)? {
            DossierRow::Mention(m) | DossierRow::MentionFacts(m) => Some(Target::Mention(m)),
            DossierRow::Relation(end) | DossierRow::RelationFacts(end) => Some(Target::Mention(end.other(corpus))),
            DossierRow::Claim(c) => Some(Target::Claim(c)),
            DossierRow::Link(c, l) => Some(Target::Claim(corpus.link(c, l).other)),
            DossierRow::NamedWith(k) => self.together.get(k).map(|t| Target::Entity(t.entity)),
            DossierRow::More(_)
            | DossierRow::Counting
            | DossierRow::Heading(..)
            | DossierRow::Fact(_)
            | DossierRow::Document(_)
            | DossierRow::Empty
            | DossierRow::Blank => None,
        }
    }

    /// The first row that leads into the text (where the cursor starts when
    /// there is no current mention to start on), else the first that leads
    /// anywhere: Enter at once goes to a mention, not to another dossier.
    pub fn first_target(&self, corpus: &Corpus) -> Option<usize> {
        let in_text = |i: &usize| matches!(self.target(corpus, *i), Some(Target::Mention(_) | Target::Claim(_)));
        (0..self.len()).find(in_text).or_else(|| (0..self.len()).find(|&i| self.target(corpus, i).is_some()))
    }

    /// The row showing a mention (for putting the cursor on the current one).
    pub fn row_of_mention(&self, corpus: &Corpus, m: MentionIdx) -> Option<usize> {
        let start: usize = self.parts[..self.mentions_part].iter().map(Part::len).sum();
        match &self.parts[self.mentions_part] {
            Part::Mentions(e, _) => corpus.entity_mentions(*e).binary_search(&m).ok().map(|k| start + k),
            Part::Rows(rows) => rows.iter().position(|r| *r == DossierRow::Mention(m)).map(|k| start + k),
        }
    }
}

/// The entity's mentions, each followed by its details when it has any.
fn mention_rows(corpus: &Corpus, e: EntityIdx) -> Vec<DossierRow> {
    let mut rows = Vec::with_capacity(corpus.mention_count(e) * 2);
    for &m in corpus.entity_mentions(e) {
        rows.push(DossierRow::Mention(m));
        if super::details::mention_facts(corpus, m).next().is_some() || corpus.mention_fragments(m).len() > 1 {
            rows.push(DossierRow::MentionFacts(m));
        }
    }
    rows
}

/// A mention in context: the text before it (at most `before` characters),
/// the mention, and the text after it (at most `after`), within its
/// paragraph, on one line. Untrusted text is left as it is: callers show it
/// through the sanitizer.
pub fn context(text: &str, span: Span, before: usize, after: usize) -> (&str, &str, &str) {
    let (s, e) = (span.start as usize, span.end as usize);
    let para_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let para_end = text[e..].find('\n').map_or(text.len(), |i| e + i);
    let left = &text[para_start..s];
    let left_start = match before {
        0 => s,
        n => left.char_indices().rev().nth(n - 1).map_or(para_start, |(i, _)| para_start + i),
    };
    let right_end = text[e..para_end].char_indices().nth(after).map_or(para_end, |(i, _)| e + i);
    (&text[left_start..s], &text[s..e], &text[e..right_end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::fixture::sample_corpus as sample;

    #[test]
    fn rows_list_mentions_then_claims_by_and_about_grouped_by_document() {
        let c = sample();
        let e = c.entity_by_id("tolegenov").unwrap();
        let d = Dossier::new(&c, e);
        let rows = d.rows(&c, 0..d.len());
        let at = rows.iter().position(|r| *r == DossierRow::Heading(Section::Mentions, 3)).unwrap();
        assert!(matches!(rows[at + 1], DossierRow::Mention(_)) && matches!(rows[at + 3], DossierRow::Mention(_)));
        let by = rows.iter().position(|r| *r == DossierRow::Heading(Section::ClaimsBy, 1)).unwrap();
        let about = rows.iter().position(|r| *r == DossierRow::Heading(Section::ClaimsAbout, 2)).unwrap();
        assert!(by < about);
        // a-charges is Tolegenov's own claim: under "by", not repeated under "about".
        let charges = c.claim_by_id("a-charges").unwrap();
        assert_eq!(rows.iter().filter(|r| **r == DossierRow::Claim(charges)).count(), 1);
        // About: a-arrest in the report, i-detention in the interview, each under its document.
        let about_rows = &rows[about..];
        let report = about_rows.iter().position(|r| *r == DossierRow::Document(crate::data::model::DocIdx(0))).unwrap();
        let interview =
            about_rows.iter().position(|r| *r == DossierRow::Document(crate::data::model::DocIdx(1))).unwrap();
        assert!(report < interview);
        let arrest = c.claim_by_id("a-arrest").unwrap();
        assert_eq!(about_rows[report + 1], DossierRow::Claim(arrest));
        assert_eq!(about_rows[report + 2], DossierRow::Link(arrest, 0), "its relation follows it");
        assert_eq!(d.target(&c, about + report + 2), Some(Target::Claim(c.claim_by_id("i-detention").unwrap())));
        assert_eq!(d.row(&c, d.len()), None);
    }

    #[test]
    fn mention_rows_are_made_on_demand() {
        let c = sample();
        let e = c.entity_by_id("tolegenov").unwrap();
        let d = Dossier::new(&c, e);
        let third = c.entity_mentions(e)[2];
        let at = d.rows(&c, 0..d.len()).iter().position(|r| matches!(r, DossierRow::Heading(Section::Mentions, _)));
        let row = at.unwrap() + 3;
        assert_eq!(d.row(&c, row), Some(DossierRow::Mention(third)));
        assert_eq!(d.row_of_mention(&c, third), Some(row));
        assert_eq!(d.target(&c, row), Some(Target::Mention(third)));
    }

    #[test]
    fn the_entities_named_with_it_come_first_and_lead_to_their_dossiers() {
        let c = sample();
        let e = c.entity_by_id("tolegenov").unwrap();
        let d = Dossier::new(&c, e);
        let rows = d.rows(&c, 0..d.len());
        let (all, total) = named_with(&c, e, usize::MAX);
        assert!(total > 1);
        assert_eq!(rows[0], DossierRow::Heading(Section::NamedWith, total));
        assert_eq!(d.together, all[..total.min(NAMED_WITH_ROWS)]);
        assert_eq!(rows[1], DossierRow::NamedWith(0));
        assert_eq!(d.target(&c, 1), Some(Target::Entity(all[0].entity)));
        let mentions = rows.iter().position(|r| matches!(r, DossierRow::Heading(Section::Mentions, _))).unwrap();
        assert_eq!(rows[mentions - 1], DossierRow::Blank);
        // Enter at once goes to a mention, not to another dossier.
        assert_eq!(d.first_target(&c), Some(mentions + 1));
        assert_eq!(in_common(&Together { entity: e, documents: 1, paragraphs: 2 }), "2 paragraphs · 1 document");
    }

    #[test]
    fn counted_later_the_section_replaces_a_counting_row() {
        let c = sample();
        let e = c.entity_by_id("tolegenov").unwrap();
        let now = Dossier::new(&c, e);
        let mut later = Dossier::make(&c, e, true);
        assert!(later.pending() && !now.pending());
        assert_eq!(later.rows(&c, 0..2), [DossierRow::Counting, DossierRow::Blank]);
        let (start, added) = later.count_named_with(&c);
        // Heading, nine rows and a blank, for the counting row and its blank.
        assert_eq!((start, added), (0, 11 - 2));
        assert_eq!(later, now, "the same dossier once counted");
        assert_eq!(later.count_named_with(&c), (0, 0), "counted once");
    }

    #[test]
    fn past_the_rows_shown_a_row_says_how_many_more() {
        use crate::data::model::{CorpusBuilder, Document, Entity, EntityKind, Mention};
        // One paragraph naming thirteen entities, each once.
        let text = "a b c d e f g h i j k l m";
        let mut b = CorpusBuilder::default();
        b.documents.push(Document { id: "d".into(), text: text.into(), chars: text.len(), ..Default::default() });
        for (i, (at, name)) in text.match_indices(char::is_alphabetic).enumerate() {
            b.entities.push(Entity {
                id: name.into(),
                name: name.into(),
                kind: EntityKind::Other,
                aliases: vec![],
                description: String::new(),
            });
            let span = Span::new(at, at + 1);
            b.mentions.push(Mention { entity: EntityIdx::from_index(i), doc: DocIdx(0), span });
        }
        let c = b.finish();
        let d = Dossier::new(&c, EntityIdx(0));
        assert_eq!(d.row(&c, 0), Some(DossierRow::Heading(Section::NamedWith, 12)));
        assert_eq!(d.row(&c, NAMED_WITH_ROWS), Some(DossierRow::NamedWith(NAMED_WITH_ROWS - 1)));
        assert_eq!(d.row(&c, NAMED_WITH_ROWS + 1), Some(DossierRow::More(2)));
        assert_eq!(d.target(&c, NAMED_WITH_ROWS + 1), None);
        // Ties (one paragraph, one document, one mention each) go in corpus order.
        assert_eq!(c.entity(d.together[0].entity).name, "b");
    }

    #[test]
    fn context_stays_in_the_paragraph() {
        let text = "First para.\nAslan Tolegenov, a blogger from Kostanay, was placed\nLast.";
        let s = text.find("blogger").unwrap();
        let (l, m, r) = context(text, Span::new(s, s + 7), 10, 6);
        assert_eq!((l, m, r), ("egenov, a ", "blogger", " from "));
        let (l, _, r) = context(text, Span::new(12, 17), 40, 400);
        assert_eq!(l, "");
        assert_eq!(r, " Tolegenov, a blogger from Kostanay, was placed");
    }
}
