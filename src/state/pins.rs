//! Pinned entities, Datashare's most used filter: with one or more pinned,
//! the lists that cover the corpus (the Entities pane's "all docs" scope,
//! the Claims pane) show only the documents that name every one of them.
//! [`Pins::allows`] is a bit per document, worked out when the pins change,
//! so any list (a document picker's too) can ask it per row.

use super::{App, EntityRow};
use crate::data::model::{Corpus, DocIdx, EntityIdx, EntityKind};
use crate::text::sanitize::display_head;

/// The pinned entities, in the order pinned, and the documents that name them all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pins {
    entities: Vec<EntityIdx>,
    /// A bit per document: set when it names every pinned entity. Empty when nothing is pinned.
    allowed: Vec<u64>,
    documents: usize,
    /// Bumped on every change, so what is derived from the pins knows when to be made again.
    generation: u64,
}

impl Pins {
    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// The pinned entities, in the order pinned.
    pub fn entities(&self) -> &[EntityIdx] {
        &self.entities
    }

    pub fn contains(&self, e: EntityIdx) -> bool {
        self.entities.contains(&e)
    }

    /// Whether a list narrowed by the pins shows `doc`: always, when nothing is pinned.
    pub fn allows(&self, doc: DocIdx) -> bool {
        self.is_empty() || self.allowed.get(doc.index() / 64).is_some_and(|w| w >> (doc.index() % 64) & 1 == 1)
    }

    /// How many documents name every pinned entity (every document, when none is pinned).
    pub fn documents(&self, corpus: &Corpus) -> usize {
        if self.is_empty() { corpus.documents().len() } else { self.documents }
    }

    /// Changes with every pin and unpin.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The documents every pinned entity is named in, in corpus order.
    pub fn allowed_documents(&self) -> impl Iterator<Item = DocIdx> + '_ {
        self.allowed.iter().enumerate().flat_map(|(w, &bits)| {
            (0..64).filter(move |b| bits >> b & 1 == 1).map(move |b| DocIdx::from_index(w * 64 + b))
        })
    }

    /// The entities named in the pinned documents (of `kind`, if given),
    /// each with its mentions there: a pass over those documents' mentions.
    pub fn entity_rows(&self, corpus: &Corpus, kind: Option<&EntityKind>) -> Vec<EntityRow> {
        let mut counts = vec![0usize; corpus.entities().len()];
        let mut seen = Vec::new();
        for d in self.allowed_documents() {
            for m in corpus.doc_mentions(d) {
                let n = &mut counts[m.entity.index()];
                if *n == 0 {
                    seen.push(m.entity);
                }
                *n += 1;
            }
        }
        seen.into_iter()
            .filter(|&e| kind.is_none_or(|k| corpus.entity(e).kind == *k))
            .map(|e| EntityRow { entity: e, count: counts[e.index()] })
            .collect()
    }

    /// Pins `e`, or unpins it if it is pinned; whether it is pinned now.
    pub fn toggle(&mut self, corpus: &Corpus, e: EntityIdx) -> bool {
        let pinned = match self.entities.iter().position(|&x| x == e) {
            Some(i) => {
                self.entities.remove(i);
                false
            }
            None => {
                self.entities.push(e);
                true
            }
        };
        self.recompute(corpus);
        pinned
    }

    pub fn clear(&mut self) {
        self.entities.clear();
        self.allowed.clear();
        self.documents = 0;
        self.generation += 1;
    }

    /// The documents of the first pinned entity, kept where each other one
    /// is named too: a pass over each one's documents, not over the corpus.
    fn recompute(&mut self, corpus: &Corpus) {
        self.generation += 1;
        self.allowed.clear();
        let Some((&first, rest)) = self.entities.split_first() else {
            self.documents = 0;
            return;
        };
        let words = corpus.documents().len().div_ceil(64);
        let bits = |e: EntityIdx| {
            let mut set = vec![0u64; words];
            for (d, _) in corpus.entity_doc_counts(e) {
                set[d.index() / 64] |= 1 << (d.index() % 64);
            }
            set
        };
        let mut allowed = bits(first);
        for &e in rest {
            for (a, b) in allowed.iter_mut().zip(bits(e)) {
                *a &= b;
            }
        }
        self.documents = allowed.iter().map(|w| w.count_ones() as usize).sum();
        self.allowed = allowed;
    }
}

/// `p`: pins the entity, or unpins it, and says so.
pub(crate) fn toggle_pin(app: &mut App, e: EntityIdx) {
    let pinned = app.reader.pins.toggle(&app.corpus, e);
    let name = display_head(&app.corpus.entity(e).name, app.area.width as usize).into_owned();
    let n = app.reader.pins.documents(&app.corpus);
    app.message = Some(if pinned {
        format!("pinned {name}: the lists show the {n} document{} that name every pin", if n == 1 { "" } else { "s" })
    } else if app.reader.pins.is_empty() {
        format!("unpinned {name}: nothing is pinned")
    } else {
        format!("unpinned {name}: {n} document{} name every pin", if n == 1 { "" } else { "s" })
    });
}
