//! The rows of the Entities and Claims panes, derived from the corpus and
//! the list options, and the cursor that moves over them.

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

pub fn entity_rows(corpus: &Corpus, doc: DocIdx, opts: &EntityOptions) -> Vec<EntityRow> {
    let mut rows: Vec<EntityRow> = corpus
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
        .collect();
    let name = |r: &EntityRow| corpus.entity(r.entity).name.to_lowercase();
    match opts.sort {
        Sort::Count => rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| name(a).cmp(&name(b)))),
        Sort::Name => rows.sort_by_cached_key(name),
    }
    rows
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

/// A cursor over a list, kept as the item (so it survives the list being
/// re-sorted or re-filtered) plus the first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor<T> {
    pub item: Option<T>,
    pub offset: usize,
}

impl<T> Default for Cursor<T> {
    fn default() -> Self {
        Cursor { item: None, offset: 0 }
    }
}

impl<T: Copy + PartialEq> Cursor<T> {
    /// The cursor's row, after making sure it is on an item of `items` (the
    /// first one when its item is gone) and that the row is among the
    /// `height` rows shown.
    pub fn settle(&mut self, items: impl ExactSizeIterator<Item = T> + Clone, height: usize) -> Option<usize> {
        let len = items.len();
        if len == 0 {
            *self = Cursor::default();
            return None;
        }
        let row = match self.item.and_then(|it| items.clone().position(|x| x == it)) {
            Some(row) => row,
            None => {
                self.item = items.clone().next();
                0
            }
        };
        self.offset = visible_offset(self.offset, row, len, height);
        Some(row)
    }

    /// Puts the cursor on `item`; if its row is out of view, the view moves
    /// so the row is a third of the way down (a jump, not a step).
    pub fn jump(&mut self, item: T, items: impl ExactSizeIterator<Item = T> + Clone, height: usize) {
        let len = items.len();
        self.item = Some(item);
        if let Some(row) = items.clone().position(|x| x == item) {
            let height = height.max(1);
            if row < self.offset || row >= self.offset + height {
                self.offset = visible_offset(row.saturating_sub(height / 3), row, len, height);
            }
        }
    }

    /// Moves by `delta` rows, stopping at the ends.
    pub fn step(&mut self, items: impl ExactSizeIterator<Item = T> + Clone, delta: i64, height: usize) {
        let len = items.len();
        if len == 0 {
            return;
        }
        let row = self.settle(items.clone(), height).unwrap_or(0) as i64;
        let target = (row + delta).clamp(0, len as i64 - 1) as usize;
        self.item = items.clone().nth(target);
        self.offset = visible_offset(self.offset, target, len, height);
    }
}

/// The first row to show so that `row` is visible and the view is not scrolled past the end.
pub fn visible_offset(offset: usize, row: usize, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let mut offset = offset.min(len.saturating_sub(height));
    if row < offset {
        offset = row;
    } else if row >= offset + height {
        offset = row + 1 - height;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_follows_its_item_and_stays_visible() {
        let mut c: Cursor<u32> = Cursor::default();
        let items = [10u32, 20, 30, 40, 50];
        assert_eq!(c.settle(items.iter().copied(), 2), Some(0));
        assert_eq!(c.item, Some(10));
        c.step(items.iter().copied(), 3, 2);
        assert_eq!((c.item, c.offset), (Some(40), 2));
        // The list is re-sorted: the cursor stays on 40.
        let resorted = [40u32, 30, 20, 10, 50];
        assert_eq!(c.settle(resorted.iter().copied(), 2), Some(0));
        assert_eq!(c.offset, 0);
        c.step(resorted.iter().copied(), 100, 2);
        assert_eq!((c.item, c.offset), (Some(50), 3));
        c.step(resorted.iter().copied(), -100, 2);
        assert_eq!((c.item, c.offset), (Some(40), 0));
        // Its item disappears: back to the first.
        assert_eq!(c.settle([7u32, 8].into_iter(), 2), Some(0));
        assert_eq!(c.item, Some(7));
        assert_eq!(c.settle(std::iter::empty::<u32>(), 2), None);
        assert_eq!(c.item, None);
    }

    #[test]
    fn a_jump_puts_a_distant_item_a_third_down() {
        let items: Vec<u32> = (0..100).collect();
        let mut c: Cursor<u32> = Cursor::default();
        c.jump(50, items.iter().copied(), 9);
        assert_eq!((c.item, c.offset), (Some(50), 47));
        // Already visible: the view stays.
        c.jump(52, items.iter().copied(), 9);
        assert_eq!(c.offset, 47);
        c.jump(99, items.iter().copied(), 9);
        assert_eq!(c.offset, 91, "not scrolled past the end");
    }

    #[test]
    fn visible_offset_scrolls_minimally() {
        assert_eq!(visible_offset(0, 5, 10, 3), 3);
        assert_eq!(visible_offset(3, 4, 10, 3), 3);
        assert_eq!(visible_offset(3, 1, 10, 3), 1);
        assert_eq!(visible_offset(9, 9, 10, 3), 7);
    }
}
