//! Entities named together: for one entity, the others most often named
//! with it, in the same document and in the same paragraph, with both
//! counts. Shared by the dossier (a section of it) and `dossier entity`
//! (its `named_with` field).
//!
//! A paragraph is what the text pane lays out as one: the text between two
//! newlines (a blank line between paragraphs is an empty one), the same
//! boundary a mention's context stops at.
//!
//! Worked out for one entity on demand, from the documents it is named in:
//! each of those documents' mentions is looked at once, and only the text
//! of the entity's own paragraphs is scanned for their ends. No corpus-wide
//! matrix is kept: the most mentioned entity of a corpus of a million
//! mentions costs one pass over the mentions of its documents.

use std::cmp::Reverse;

use crate::data::model::{Corpus, DocIdx, EntityIdx, MentionIdx};

/// Another entity named with the one asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Together {
    pub entity: EntityIdx,
    /// Documents that name both.
    pub documents: u32,
    /// Paragraphs that name both.
    pub paragraphs: u32,
}

/// The entities named with `e`, best first, at most `limit` of them, and
/// how many there are in all. Best is most paragraphs in common, then most
/// documents (sharing a paragraph says more than sharing a long document),
/// then the most mentioned, then in corpus order.
pub fn named_with(corpus: &Corpus, e: EntityIdx, limit: usize) -> (Vec<Together>, usize) {
    let mut tally = Tally::new(corpus.entities().len());
    let mut paragraph_base = 0u32;
    let mut paragraphs: Vec<(usize, usize)> = Vec::new();
    // Its mentions are in corpus order: walked a document at a time, with
    // no search per document.
    let own = corpus.entity_mentions(e);
    let mut i = 0;
    while i < own.len() {
        let doc = corpus.mention(own[i]).doc;
        let n = own[i..].iter().take_while(|&&m| corpus.mention(m).doc == doc).count();
        own_paragraphs(corpus, &own[i..i + n], doc, &mut paragraphs);
        i += n;
        let mut k = 0;
        for m in corpus.doc_mentions(doc) {
            if m.entity == e {
                continue;
            }
            let start = m.span.start as usize;
            // Mentions are in text order, and so are the paragraphs.
            while k < paragraphs.len() && paragraphs[k].1 <= start {
                k += 1;
            }
            let paragraph = paragraphs.get(k).filter(|p| p.0 <= start).map(|_| paragraph_base + k as u32);
            tally.add(m.entity, doc, paragraph);
        }
        paragraph_base += paragraphs.len() as u32;
    }
    let mut all = tally.finish();
    let total = all.len();
    // Integers only: ties of a corpus of 100,000 entities are many, and a
    // comparison of names for each would cost more than the counting.
    let key =
        |t: &Together| (Reverse(t.paragraphs), Reverse(t.documents), Reverse(corpus.mention_count(t.entity)), t.entity);
    if limit < all.len() {
        all.select_nth_unstable_by_key(limit, key);
        all.truncate(limit);
    }
    all.sort_unstable_by_key(key);
    (all, total)
}

/// The paragraphs of `doc` its mentions `own` are in, in text order, as
/// byte ranges from the paragraph's first byte to its newline (or the
/// text's end).
fn own_paragraphs(corpus: &Corpus, own: &[MentionIdx], doc: DocIdx, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let text = corpus.doc(doc).text.as_bytes();
    for &m in own {
        let start = corpus.mention(m).span.start as usize;
        if out.last().is_some_and(|&(_, end)| start < end) {
            continue;
        }
        let from = memchr::memrchr(b'\n', &text[..start]).map_or(0, |i| i + 1);
        let to = memchr::memchr(b'\n', &text[start..]).map_or(text.len(), |i| start + i);
        out.push((from, to));
    }
}

/// Counts per entity, each document and paragraph counted once however
/// often the entity is named in it.
struct Tally {
    /// Per entity: documents, paragraphs, and the last document and
    /// paragraph counted (plus one, so that zero is none and the table
    /// starts zeroed).
    counts: Vec<[u32; 4]>,
    seen: Vec<EntityIdx>,
}

impl Tally {
    fn new(entities: usize) -> Tally {
        Tally { counts: vec![[0; 4]; entities], seen: Vec::new() }
    }

    fn add(&mut self, e: EntityIdx, doc: DocIdx, paragraph: Option<u32>) {
        let c = &mut self.counts[e.index()];
        if c[2] != doc.0 + 1 {
            if c[2] == 0 {
                self.seen.push(e);
            }
            c[2] = doc.0 + 1;
            c[0] += 1;
        }
        if let Some(p) = paragraph {
            if c[3] != p + 1 {
                c[3] = p + 1;
                c[1] += 1;
            }
        }
    }

    fn finish(self) -> Vec<Together> {
        self.seen
            .iter()
            .map(|&e| {
                let c = self.counts[e.index()];
                Together { entity: e, documents: c[0], paragraphs: c[1] }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::{CorpusBuilder, Document, Entity, EntityKind, Mention, Span};

    fn id(corpus: &Corpus, e: EntityIdx) -> &str {
        &corpus.entity(e).id
    }

    fn counts(corpus: &Corpus, who: &str) -> Vec<(String, u32, u32)> {
        let e = corpus.entity_by_id(who).unwrap();
        let (rows, total) = named_with(corpus, e, usize::MAX);
        assert_eq!(rows.len(), total);
        rows.iter().map(|t| (id(corpus, t.entity).to_string(), t.documents, t.paragraphs)).collect()
    }

    /// Three documents: Ann and Bob share a paragraph twice in the first
    /// (each named twice there, counted once), Ann and Cy share the second
    /// document but not a paragraph, Bob and Cy are alone in the third.
    fn tiny() -> Corpus {
        let mut b = CorpusBuilder::default();
        let texts = ["Ann met Bob. Ann and Bob.\n\nBob again.\nAnn, Bob.", "Ann spoke.\nCy listened.", "Bob, Cy."];
        for (i, t) in texts.iter().enumerate() {
            b.documents.push(Document {
                id: format!("d{i}"),
                text: t.to_string(),
                chars: t.chars().count(),
                ..Default::default()
            });
        }
        for name in ["ann", "bob", "cy"] {
            b.entities.push(Entity {
                id: name.into(),
                name: name.into(),
                kind: EntityKind::Person,
                aliases: vec![],
                description: String::new(),
            });
        }
        for (d, t) in texts.iter().enumerate() {
            for (e, word) in ["Ann", "Bob", "Cy"].iter().enumerate() {
                for (at, _) in t.match_indices(word) {
                    b.mentions.push(Mention {
                        entity: EntityIdx(e as u32),
                        doc: DocIdx(d as u32),
                        span: Span::new(at, at + word.len()),
                    });
                }
            }
        }
        b.finish()
    }

    #[test]
    fn documents_and_paragraphs_are_each_counted_once() {
        let c = tiny();
        // Ann: Bob in d0 (two paragraphs: the first and the last), Cy in d1 (no paragraph).
        assert_eq!(counts(&c, "ann"), vec![("bob".to_string(), 1, 2), ("cy".to_string(), 1, 0)]);
        // Bob: Ann in d0's two paragraphs; Cy in d2, one paragraph.
        assert_eq!(counts(&c, "bob"), vec![("ann".to_string(), 1, 2), ("cy".to_string(), 1, 1)]);
        // Cy: Ann and Bob each in one document, Bob also in its paragraph.
        assert_eq!(counts(&c, "cy"), vec![("bob".to_string(), 1, 1), ("ann".to_string(), 1, 0)]);
    }

    #[test]
    fn the_limit_keeps_the_best_and_says_how_many_there_are() {
        let c = tiny();
        let ann = c.entity_by_id("ann").unwrap();
        let (rows, total) = named_with(&c, ann, 1);
        assert_eq!((rows.len(), total), (1, 2));
        assert_eq!(id(&c, rows[0].entity), "bob");
        assert_eq!(named_with(&c, ann, 0), (vec![], 2));
    }

    #[test]
    fn on_the_sample_a_shared_document_is_not_a_shared_paragraph() {
        let c = crate::data::fixture::sample_corpus();
        let rows = counts(&c, "tolegenov");
        let of = |who: &str| rows.iter().find(|r| r.0 == who).map(|r| (r.1, r.2));
        // The KNB is in both documents, but in the same line as him only in the report.
        assert_eq!(of("knb"), Some((2, 1)));
        assert_eq!(of("kostanay"), Some((1, 1)));
        assert_eq!(of("tolegenov"), None, "not named with itself");
        // Almaty is in the report, paragraphs away.
        assert_eq!(of("almaty"), Some((1, 0)));
        let keys: Vec<(u32, u32)> = rows.iter().map(|r| (r.2, r.1)).collect();
        assert!(keys.windows(2).all(|w| w[0] >= w[1]), "most paragraphs, then documents, first: {keys:?}");
    }

    #[test]
    fn an_entity_named_nowhere_is_named_with_nobody() {
        let mut b = CorpusBuilder::default();
        b.documents.push(Document { id: "d".into(), text: "x".into(), chars: 1, ..Default::default() });
        b.entities.push(Entity {
            id: "lone".into(),
            name: "Lone".into(),
            kind: EntityKind::Other,
            aliases: vec![],
            description: String::new(),
        });
        let c = b.finish();
        assert_eq!(named_with(&c, EntityIdx(0), 20), (vec![], 0));
    }
}
