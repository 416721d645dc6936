//! The corpus in memory: documents, entities, their mentions, and claims,
//! with the indexes every view needs (mentions per document in text order,
//! mentions per entity in corpus order, claims per document, incoming
//! relations). It knows nothing of files or terminals: the loader builds it
//! through [`CorpusBuilder`], which checks nothing and indexes everything.
//!
//! Spans are byte ranges into a document's text (resolved from the format's
//! character offsets or quotes once, at load time), so slicing is free.

mod annotations;
mod kinds;

pub use annotations::{
    Attribute, ImportSummary, MentionDetail, MentionLink, Note, PendingLink, Reference, SourceReport, Str, fragments,
};
pub use kinds::{ClaimKind, EntityKind, RelationKind};

use annotations::Annotations;

use crate::support::hash::FxHashMap;
use std::ops::Range;

macro_rules! index_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
            pub fn from_index(i: usize) -> Self {
                Self(u32::try_from(i).expect("corpus index fits in u32"))
            }
        }
    };
}

index_type!(
    /// A document's position in the corpus.
    DocIdx
);
index_type!(
    /// An entity's position in the corpus.
    EntityIdx
);
index_type!(
    /// A claim's position in the corpus.
    ClaimIdx
);
index_type!(
    /// A mention's position in [`Corpus::mentions`] (sorted by document, then start).
    MentionIdx
);

/// A byte range `[start, end)` into a document's text, on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: u32::try_from(start).expect("document offsets fit in u32"),
            end: u32::try_from(end).expect("document offsets fit in u32"),
        }
    }
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn contains(self, byte: usize) -> bool {
        (self.start as usize) <= byte && byte < self.end as usize
    }
    pub fn overlaps(self, range: Range<usize>) -> bool {
        (self.start as usize) < range.end && range.start < self.end as usize
    }
}

/// Someone credited on a document: its author, reporter, interviewee, translator.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Person {
    pub name: String,
    /// "author" when absent; "reporter", "interviewee", "translator", ...
    pub role: Option<String>,
    pub affiliation: Option<String>,
    /// The entity that stands for this person in the corpus, if any.
    pub entity: Option<EntityIdx>,
}

impl Person {
    /// Whether this person wrote the document (as opposed to being interviewed or translating it).
    pub fn is_author(&self) -> bool {
        matches!(self.role.as_deref(), None | Some("author" | "reporter" | "editor"))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub id: String,
    /// May be empty; [`Document::display_title`] falls back to the id.
    pub title: String,
    pub text: String,
    /// Length of the text in Unicode scalar values, the unit of the format's offsets.
    pub chars: usize,
    pub authors: Vec<Person>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub genre: Option<String>,
    /// Whether the text is a translation (implied by `translated_from`).
    pub translated: bool,
    pub translated_from: Option<String>,
    pub note: Option<String>,
}

impl Document {
    pub fn display_title(&self) -> &str {
        if self.title.trim().is_empty() { &self.id } else { &self.title }
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// The names of the people who wrote it, joined with ", "; empty when unknown.
    pub fn author_names(&self) -> String {
        let names: Vec<&str> = self.authors.iter().filter(|p| p.is_author()).map(|p| p.name.as_str()).collect();
        names.join(", ")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    pub id: String,
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub description: String,
}

impl Entity {
    /// The name followed by the aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mention {
    pub entity: EntityIdx,
    pub doc: DocIdx,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relation {
    pub target: ClaimIdx,
    pub kind: RelationKind,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: String,
    pub doc: DocIdx,
    pub span: Span,
    /// `None` means the document's author or narrator.
    pub claimant: Option<EntityIdx>,
    pub kind: ClaimKind,
    pub about: Vec<EntityIdx>,
    pub relations: Vec<Relation>,
    pub summary: Option<String>,
    pub note: Option<String>,
}

/// A relation seen from either end: declared by this claim, or by the other one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link<'c> {
    pub other: ClaimIdx,
    pub kind: RelationKind,
    /// True when the other claim declared the relation (e.g. "contradicted by").
    pub incoming: bool,
    pub note: Option<&'c str>,
}

impl Link<'_> {
    pub fn label(&self) -> &'static str {
        if self.incoming { self.kind.inverse_name() } else { self.kind.name() }
    }
}

/// Collects corpus items in any order; [`CorpusBuilder::finish`] sorts and indexes.
#[derive(Debug, Default)]
pub struct CorpusBuilder {
    pub documents: Vec<Document>,
    pub entities: Vec<Entity>,
    pub mentions: Vec<Mention>,
    pub claims: Vec<Claim>,
    /// Details of some of `mentions`, named by the mention itself.
    pub details: Vec<(Mention, MentionDetail)>,
    pub links: Vec<PendingLink>,
    /// The label an imported entity's tool gave it (`PER`), where it is not its kind's name.
    pub entity_labels: Vec<(EntityIdx, String)>,
    pub imported: Option<ImportSummary>,
}

impl CorpusBuilder {
    pub fn finish(self) -> Corpus {
        let CorpusBuilder { documents, entities, mut mentions, claims, details, links, entity_labels, imported } = self;
        // The maps by id on one thread, the indexes on another.
        let ids = |documents: &[Document], entities: &[Entity], claims: &[Claim]| {
            let doc_by_id = documents.iter().enumerate().map(|(i, d)| (d.id.clone(), DocIdx::from_index(i))).collect();
            let entity_by_id =
                entities.iter().enumerate().map(|(i, e)| (e.id.clone(), EntityIdx::from_index(i))).collect();
            let claim_by_id = claims.iter().enumerate().map(|(i, c)| (c.id.clone(), ClaimIdx::from_index(i))).collect();
            (doc_by_id, entity_by_id, claim_by_id)
        };
        mentions.sort_unstable_by_key(|m| (m.doc, m.span.start, m.span.end, m.entity));
        let ((doc_by_id, entity_by_id, claim_by_id), index) = if mentions.len() + entities.len() < 1 << 16 {
            (ids(&documents, &entities, &claims), Indexes::new(&documents, &entities, &mentions, &claims))
        } else {
            std::thread::scope(|s| {
                let other = s.spawn(|| ids(&documents, &entities, &claims));
                let index = Indexes::new(&documents, &entities, &mentions, &claims);
                (other.join().expect("an indexing thread panicked"), index)
            })
        };
        let annotations = Annotations::new(&mentions, details, links, entity_labels);
        Corpus {
            documents,
            entities,
            mentions,
            claims,
            index,
            annotations,
            imported,
            doc_by_id,
            entity_by_id,
            claim_by_id,
        }
    }
}

/// The corpus's indexes over its mentions and claims (see [`Corpus`]).
#[derive(Debug)]
struct Indexes {
    doc_mention_start: Vec<u32>,
    max_mention_len: Vec<u32>,
    entity_mention_start: Vec<u32>,
    entity_mentions: Vec<MentionIdx>,
    entity_doc_count: Vec<u32>,
    doc_claims: Vec<Vec<ClaimIdx>>,
    incoming: Vec<Vec<(ClaimIdx, usize)>>,
}

impl Indexes {
    /// Indexes over `mentions`, which are in corpus order.
    fn new(documents: &[Document], entities: &[Entity], mentions: &[Mention], claims: &[Claim]) -> Indexes {
        let mut doc_mention_start = vec![0u32; documents.len() + 1];
        let mut max_mention_len = vec![0u32; documents.len()];
        for m in mentions {
            doc_mention_start[m.doc.index() + 1] += 1;
            let longest = &mut max_mention_len[m.doc.index()];
            *longest = (*longest).max(m.span.end - m.span.start);
        }
        prefix_sums(&mut doc_mention_start);

        // Entity -> mentions in corpus order (document, then start): a counting
        // sort, because mentions are already in that order.
        let mut entity_mention_start = vec![0u32; entities.len() + 1];
        for m in mentions {
            entity_mention_start[m.entity.index() + 1] += 1;
        }
        prefix_sums(&mut entity_mention_start);
        let mut fill = entity_mention_start.clone();
        let mut entity_mentions = vec![MentionIdx(0); mentions.len()];
        // Documents per entity, counted in the same pass: its mentions
        // arrive in document order, so a new document is a change of `doc`.
        let mut entity_doc_count = vec![0u32; entities.len()];
        let mut last_doc = vec![u32::MAX; entities.len()];
        for (i, m) in mentions.iter().enumerate() {
            let e = m.entity.index();
            let slot = &mut fill[e];
            entity_mentions[*slot as usize] = MentionIdx::from_index(i);
            *slot += 1;
            if last_doc[e] != m.doc.0 {
                last_doc[e] = m.doc.0;
                entity_doc_count[e] += 1;
            }
        }
        drop(last_doc);

        let mut doc_claims: Vec<Vec<ClaimIdx>> = vec![Vec::new(); documents.len()];
        let mut incoming: Vec<Vec<(ClaimIdx, usize)>> = vec![Vec::new(); claims.len()];
        for (i, c) in claims.iter().enumerate() {
            doc_claims[c.doc.index()].push(ClaimIdx::from_index(i));
            for (r, rel) in c.relations.iter().enumerate() {
                incoming[rel.target.index()].push((ClaimIdx::from_index(i), r));
            }
        }
        for list in &mut doc_claims {
            list.sort_by_key(|&c| (claims[c.index()].span.start, claims[c.index()].span.end, c));
        }

        Indexes {
            doc_mention_start,
            max_mention_len,
            entity_mention_start,
            entity_mentions,
            entity_doc_count,
            doc_claims,
            incoming,
        }
    }
}

fn prefix_sums(v: &mut [u32]) {
    for i in 1..v.len() {
        v[i] += v[i - 1];
    }
}

/// A loaded, validated and indexed corpus.
#[derive(Debug)]
pub struct Corpus {
    documents: Vec<Document>,
    entities: Vec<Entity>,
    mentions: Vec<Mention>,
    claims: Vec<Claim>,
    index: Indexes,
    annotations: Annotations,
    imported: Option<ImportSummary>,
    doc_by_id: FxHashMap<String, DocIdx>,
    entity_by_id: FxHashMap<String, EntityIdx>,
    claim_by_id: FxHashMap<String, ClaimIdx>,
}

impl Corpus {
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }
    pub fn claims(&self) -> &[Claim] {
        &self.claims
    }
    /// Every mention, sorted by document, then start.
    pub fn mentions(&self) -> &[Mention] {
        &self.mentions
    }

    pub fn doc(&self, d: DocIdx) -> &Document {
        &self.documents[d.index()]
    }
    pub fn entity(&self, e: EntityIdx) -> &Entity {
        &self.entities[e.index()]
    }
    pub fn claim(&self, c: ClaimIdx) -> &Claim {
        &self.claims[c.index()]
    }
    pub fn mention(&self, m: MentionIdx) -> &Mention {
        &self.mentions[m.index()]
    }

    pub fn doc_by_id(&self, id: &str) -> Option<DocIdx> {
        self.doc_by_id.get(id).copied()
    }
    pub fn entity_by_id(&self, id: &str) -> Option<EntityIdx> {
        self.entity_by_id.get(id).copied()
    }
    pub fn claim_by_id(&self, id: &str) -> Option<ClaimIdx> {
        self.claim_by_id.get(id).copied()
    }

    pub fn doc_indices(&self) -> impl Iterator<Item = DocIdx> + use<> {
        (0..self.documents.len()).map(DocIdx::from_index)
    }
    pub fn entity_indices(&self) -> impl Iterator<Item = EntityIdx> + use<> {
        (0..self.entities.len()).map(EntityIdx::from_index)
    }

    /// The range of [`Corpus::mentions`] that lies in `doc`.
    pub fn doc_mention_range(&self, doc: DocIdx) -> Range<usize> {
        self.index.doc_mention_start[doc.index()] as usize..self.index.doc_mention_start[doc.index() + 1] as usize
    }

    /// The mentions in `doc`, in text order.
    pub fn doc_mentions(&self, doc: DocIdx) -> &[Mention] {
        &self.mentions[self.doc_mention_range(doc)]
    }

    /// Mentions in `doc` that overlap the byte range, in text order, with their indices.
    pub fn mentions_overlapping(
        &self,
        doc: DocIdx,
        range: Range<usize>,
    ) -> impl Iterator<Item = (MentionIdx, &Mention)> {
        let all = self.doc_mention_range(doc);
        let slice = &self.mentions[all.clone()];
        // A mention that overlaps `range` starts at most `longest` bytes before it.
        let earliest = range.start.saturating_sub(self.index.max_mention_len[doc.index()] as usize);
        let first = slice.partition_point(|m| (m.span.start as usize) < earliest);
        let base = all.start;
        slice[first..]
            .iter()
            .enumerate()
            .take_while(move |(_, m)| (m.span.start as usize) < range.end)
            .filter(move |(_, m)| m.span.overlaps(range.clone()))
            .map(move |(i, m)| (MentionIdx::from_index(base + first + i), m))
    }

    /// The entity's mentions in corpus order (document, then position); the
    /// indices themselves are ascending, so the slice can be binary-searched.
    pub fn entity_mentions(&self, e: EntityIdx) -> &[MentionIdx] {
        let a = self.index.entity_mention_start[e.index()] as usize;
        let b = self.index.entity_mention_start[e.index() + 1] as usize;
        &self.index.entity_mentions[a..b]
    }

    pub fn mention_count(&self, e: EntityIdx) -> usize {
        self.entity_mentions(e).len()
    }

    /// The entity's mentions that lie in `doc`.
    pub fn entity_mentions_in(&self, e: EntityIdx, doc: DocIdx) -> &[MentionIdx] {
        let all = self.entity_mentions(e);
        let a = all.partition_point(|&m| self.mentions[m.index()].doc < doc);
        let b = all.partition_point(|&m| self.mentions[m.index()].doc <= doc);
        &all[a..b]
    }

    /// Documents that mention the entity, in corpus order.
    pub fn entity_documents(&self, e: EntityIdx) -> Vec<DocIdx> {
        self.entity_doc_counts(e).map(|(d, _)| d).collect()
    }

    /// How many documents mention the entity (counted at load).
    pub fn entity_doc_count(&self, e: EntityIdx) -> usize {
        self.index.entity_doc_count[e.index()] as usize
    }

    /// The documents that mention the entity, each with its number of
    /// mentions there, in corpus order. Lazy, and a step costs a binary
    /// search, so a screen that shows the first few of 10,000 documents
    /// pays for a few.
    pub fn entity_doc_counts(&self, e: EntityIdx) -> impl Iterator<Item = (DocIdx, usize)> + '_ {
        let all = self.entity_mentions(e);
        let mut i = 0;
        std::iter::from_fn(move || {
            let &first = all.get(i)?;
            let doc = self.mentions[first.index()].doc;
            let n = all[i..].partition_point(|&m| self.mentions[m.index()].doc <= doc);
            i += n;
            Some((doc, n))
        })
    }

    /// Claims in `doc`, in text order.
    pub fn doc_claims(&self, doc: DocIdx) -> &[ClaimIdx] {
        &self.index.doc_claims[doc.index()]
    }

    /// Every relation of the claim, its own first, then those other claims declare towards it.
    pub fn links(&self, c: ClaimIdx) -> Vec<Link<'_>> {
        (0..self.link_count(c)).map(|l| self.link(c, l)).collect()
    }

    /// How many relations the claim takes part in, its own and those towards it.
    pub fn link_count(&self, c: ClaimIdx) -> usize {
        self.claim(c).relations.len() + self.index.incoming[c.index()].len()
    }

    /// Relation `l` of the claim, numbered as in [`Corpus::links`], without
    /// making the others: a claim that 100,000 claims relate to is shown a
    /// row at a time.
    pub fn link(&self, c: ClaimIdx, l: usize) -> Link<'_> {
        let own = &self.claim(c).relations;
        match own.get(l) {
            Some(r) => Link { other: r.target, kind: r.kind, incoming: false, note: r.note.as_deref() },
            None => {
                let (from, r) = self.index.incoming[c.index()][l - own.len()];
                let rel = &self.claims[from.index()].relations[r];
                Link { other: from, kind: rel.kind, incoming: true, note: rel.note.as_deref() }
            }
        }
    }

    /// Claims the entity makes, in corpus order.
    pub fn claims_by(&self, e: EntityIdx) -> Vec<ClaimIdx> {
        (0..self.claims.len()).map(ClaimIdx::from_index).filter(|&c| self.claim(c).claimant == Some(e)).collect()
    }

    /// Claims about the entity, in corpus order.
    pub fn claims_about(&self, e: EntityIdx) -> Vec<ClaimIdx> {
        (0..self.claims.len()).map(ClaimIdx::from_index).filter(|&c| self.claim(c).about.contains(&e)).collect()
    }

    /// Claims about the entity that it does not make itself, in corpus order
    /// (a dossier lists those it makes apart).
    pub fn claims_about_by_others(&self, e: EntityIdx) -> Vec<ClaimIdx> {
        (0..self.claims.len())
            .map(ClaimIdx::from_index)
            .filter(|&c| self.claim(c).claimant != Some(e) && self.claim(c).about.contains(&e))
            .collect()
    }

    /// Whether the claim is made by the entity or is about it.
    pub fn claim_involves(&self, c: ClaimIdx, e: EntityIdx) -> bool {
        let claim = self.claim(c);
        claim.claimant == Some(e) || claim.about.contains(&e)
    }

    /// Who makes the claim: the claimant entity's name, else the document's authors.
    pub fn claimant_name(&self, c: ClaimIdx) -> String {
        let claim = self.claim(c);
        match claim.claimant {
            Some(e) => self.entity(e).name.clone(),
            None => {
                let authors = self.doc(claim.doc).author_names();
                if authors.is_empty() { "the author".to_string() } else { authors }
            }
        }
    }

    /// The exact text a claim covers.
    pub fn claim_text(&self, c: ClaimIdx) -> &str {
        let claim = self.claim(c);
        self.doc(claim.doc).slice(claim.span)
    }

    /// The mention's text; a discontinuous mention's fragments joined by a space.
    pub fn mention_text(&self, m: MentionIdx) -> std::borrow::Cow<'_, str> {
        let mention = self.mention(m);
        let doc = self.doc(mention.doc);
        match self.mention_fragments(m) {
            [one] => doc.slice(*one).into(),
            many => many.iter().map(|&f| doc.slice(f)).collect::<Vec<_>>().join(" ").into(),
        }
    }

    /// What the file said about the mention beyond its entity and span.
    pub fn mention_detail(&self, m: MentionIdx) -> Option<&MentionDetail> {
        self.annotations.detail(m)
    }

    /// The byte ranges the mention covers: its span, or its fragments.
    pub fn mention_fragments(&self, m: MentionIdx) -> &[Span] {
        fragments(&self.mentions[m.index()].span, self.annotations.detail(m))
    }

    /// Every link between mentions, in the order they were read.
    pub fn mention_links(&self) -> &[MentionLink] {
        self.annotations.links()
    }

    /// The links that start or end at the mention.
    pub fn links_of_mention(&self, m: MentionIdx) -> impl Iterator<Item = &MentionLink> {
        self.annotations.links_of(m)
    }

    /// The label the entity's tool gave it (`PER`), when imported and not its kind's name.
    pub fn entity_label(&self, e: EntityIdx) -> Option<&str> {
        self.annotations.entity_label(e)
    }

    /// Whether any mention has details or links (most corpora have none).
    pub fn has_mention_annotations(&self) -> bool {
        self.annotations.has_any()
    }

    /// What importing other formats made, when any input was of one.
    pub fn imported(&self) -> Option<&ImportSummary> {
        self.imported.as_ref()
    }

    /// Claims in `doc` whose span contains the byte position.
    pub fn claims_at(&self, doc: DocIdx, byte: usize) -> impl Iterator<Item = ClaimIdx> + '_ {
        self.doc_claims(doc).iter().copied().filter(move |&c| self.claim(c).span.contains(byte))
    }

    /// Total size of the documents' texts, in bytes.
    pub fn text_bytes(&self) -> usize {
        self.documents.iter().map(|d| d.text.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, text: &str) -> Document {
        Document { id: id.into(), text: text.into(), chars: text.chars().count(), ..Default::default() }
    }

    fn entity(id: &str) -> Entity {
        Entity { id: id.into(), name: id.into(), kind: EntityKind::Person, aliases: vec![], description: String::new() }
    }

    fn corpus() -> Corpus {
        let mut b = CorpusBuilder::default();
        b.documents.push(doc("a", "Ann met Bob. Bob left."));
        b.documents.push(doc("b", "Bob and Ann."));
        b.entities.push(entity("ann"));
        b.entities.push(entity("bob"));
        let m = |e, d, s, t| Mention { entity: EntityIdx(e), doc: DocIdx(d), span: Span::new(s, t) };
        // Deliberately out of order.
        b.mentions.extend([m(1, 1, 0, 3), m(0, 0, 0, 3), m(1, 0, 13, 16), m(1, 0, 8, 11), m(0, 1, 8, 11)]);
        b.claims.push(Claim {
            id: "c1".into(),
            doc: DocIdx(0),
            span: Span::new(0, 12),
            claimant: None,
            kind: ClaimKind::Fact,
            about: vec![EntityIdx(0)],
            relations: vec![],
            summary: None,
            note: None,
        });
        b.claims.push(Claim {
            id: "c2".into(),
            doc: DocIdx(1),
            span: Span::new(0, 12),
            claimant: Some(EntityIdx(1)),
            kind: ClaimKind::Quote,
            about: vec![],
            relations: vec![Relation {
                target: ClaimIdx(0),
                kind: RelationKind::Supports,
                note: Some("same meeting".into()),
            }],
            summary: None,
            note: None,
        });
        b.finish()
    }

    #[test]
    fn entity_mentions_are_in_corpus_order() {
        let c = corpus();
        let bob: Vec<_> =
            c.entity_mentions(EntityIdx(1)).iter().map(|&m| (c.mention(m).doc.0, c.mention(m).span.start)).collect();
        assert_eq!(bob, vec![(0, 8), (0, 13), (1, 0)]);
        assert_eq!(c.entity_mentions_in(EntityIdx(1), DocIdx(0)).len(), 2);
        assert_eq!(c.entity_mentions_in(EntityIdx(1), DocIdx(1)).len(), 1);
        assert_eq!(c.entity_documents(EntityIdx(0)), vec![DocIdx(0), DocIdx(1)]);
        assert_eq!(c.entity_doc_counts(EntityIdx(1)).collect::<Vec<_>>(), vec![(DocIdx(0), 2), (DocIdx(1), 1)]);
        assert_eq!(c.entity_doc_count(EntityIdx(1)), 2);
    }

    #[test]
    fn overlapping_query_finds_only_intersecting_mentions() {
        let c = corpus();
        let hits: Vec<_> = c.mentions_overlapping(DocIdx(0), 9..14).map(|(_, m)| m.span.start).collect();
        assert_eq!(hits, vec![8, 13]);
        assert_eq!(c.mentions_overlapping(DocIdx(0), 3..8).count(), 0);
        assert_eq!(c.mention_text(c.entity_mentions(EntityIdx(1))[0]), "Bob");
    }

    #[test]
    fn links_show_both_directions() {
        let c = corpus();
        let from_c1 = c.links(ClaimIdx(0));
        assert_eq!(from_c1.len(), 1);
        assert!(from_c1[0].incoming);
        assert_eq!(from_c1[0].label(), "supported by");
        assert_eq!(from_c1[0].note, Some("same meeting"));
        assert_eq!(c.links(ClaimIdx(1))[0].label(), "supports");
        assert_eq!(c.claimant_name(ClaimIdx(0)), "the author");
        assert_eq!(c.claimant_name(ClaimIdx(1)), "bob");
    }
}
