//! The rows of the Entities and Claims panes, derived from the corpus and
//! the list options (their cursor is [`super::cursor::Cursor`]).

use super::pins::Pins;
use crate::data::model::{ClaimIdx, Corpus, DocIdx, EntityIdx, EntityKind};

/// Whether a list covers the current document or the whole corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    Document,
    Corpus,
}

impl Scope {
    pub fn toggled(self) -> Scope {
        match self {
            Scope::Document => Scope::Corpus,
            Scope::Corpus => Scope::Document,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Scope::Document => "this document",
            Scope::Corpus => "all documents",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sort {
    Count,
    Name,
}

impl Sort {
    pub fn label(self) -> &'static str {
        match self {
            Sort::Count => "by count",
            Sort::Name => "by name",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EntityOptions {
    pub scope: Scope,
    pub sort: Sort,
    pub kind: Option<EntityKind>,
}

impl Default for EntityOptions {
    fn default() -> Self {
        EntityOptions { scope: Scope::Document, sort: Sort::Count, kind: None }
    }
}

/// One row of the Entities pane: the entity and its count in the list's scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityRow {
    pub entity: EntityIdx,
    pub count: usize,
}

/// The Entities pane's rows. With entities pinned, the "all docs" scope
/// is the documents that name every pin, each entity counted there.
pub fn entity_rows(corpus: &Corpus, doc: DocIdx, opts: &EntityOptions, pins: &Pins) -> Vec<EntityRow> {
    let mut rows: Vec<EntityRow> = if opts.scope == Scope::Corpus && !pins.is_empty() {
        pins.entity_rows(corpus, opts.kind.as_ref())
    } else {
        plain_entity_rows(corpus, doc, opts)
    };
    let name = |r: &EntityRow| corpus.entity(r.entity).name.to_lowercase();
    match opts.sort {
        // Each name folded once, not once per comparison: 100,000 rows tie often.
        Sort::Count => rows.sort_by_cached_key(|r| (std::cmp::Reverse(r.count), name(r))),
        Sort::Name => rows.sort_by_cached_key(name),
    }
    rows
}

fn plain_entity_rows(corpus: &Corpus, doc: DocIdx, opts: &EntityOptions) -> Vec<EntityRow> {
    corpus
        .entity_indices()
        .filter(|&e| opts.kind.as_ref().is_none_or(|k| corpus.entity(e).kind == *k))
        .map(|e| EntityRow {
            entity: e,
            count: match opts.scope {
                Scope::Document => corpus.entity_mentions_in(e, doc).len(),
                Scope::Corpus => corpus.mention_count(e),
            },
        })
        .filter(|r| opts.scope == Scope::Corpus || r.count > 0)
        .collect()
}

/// Claims of the document, or of every document; only those by or about
/// `entity` when one is selected. In document, then text order.
pub fn claim_rows(corpus: &Corpus, doc: DocIdx, scope: Scope, entity: Option<EntityIdx>) -> Vec<ClaimIdx> {
    let docs: Vec<DocIdx> = match scope {
        Scope::Document => vec![doc],
        Scope::Corpus => corpus.doc_indices().collect(),
    };
    docs.into_iter()
        .flat_map(|d| corpus.doc_claims(d).iter().copied())
        .filter(|&c| entity.is_none_or(|e| corpus.claim_involves(c, e)))
        .collect()
}
