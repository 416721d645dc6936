//! The text filter `/` sets on a list-like screen (the dossier, the
//! overview, help, the full detail): which rows it keeps, and the mapping
//! between the rows shown and the list's own rows. Rows are matched with
//! [`crate::query::row_match`]; a filter that extends the last one looks
//! only at the rows that one kept, so typing a word costs less at each
//! letter.

use std::sync::Arc;

use crate::data::model::{ClaimIdx, Corpus};
use crate::query::row_match::{Needle, fold_for_filter};
use crate::state::screens::filter_prompt::FilterTarget;
use crate::state::{App, Screen};

/// The text filters of the Entities and Claims panes (empty: none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilters {
    pub entities: String,
    pub claims: String,
}

/// Each entity's names and each claim's words as its row shows them,
/// folded ([`fold_for_filter`]), made the first time a pane is filtered:
/// then a keystroke over 100,000 entities is a scan of folded text.
#[derive(Debug, Default)]
pub struct FilterTexts {
    entities: Option<Vec<Box<str>>>,
    claims: Option<Vec<Box<str>>>,
}

/// The panes' rows narrowed by their text filters: from the rows before
/// filtering, when the filters or those rows changed (`App::settle` only).
pub(crate) fn settle_lists(app: &mut App) {
    let d = &mut app.derived;
    let corpus = &app.corpus;
    // The folded texts are made when the filter line opens over a pane,
    // before the first key is typed into it.
    if let Some(Screen::Filter(prompt)) = app.screens.top() {
        match prompt.target {
            FilterTarget::Entities => _ = d.filter_texts.entities.get_or_insert_with(|| entity_texts(corpus)),
            FilterTarget::Claims => _ = d.filter_texts.claims.get_or_insert_with(|| claim_texts(corpus)),
            FilterTarget::Screen => {}
        }
    }
    if d.filters_key.as_ref() == Some(&app.reader.filters) {
        return;
    }
    let (entities, claims) = &d.unfiltered_rows;
    d.entity_rows = match Needle::new(&app.reader.filters.entities) {
        Some(n) => {
            let texts = d.filter_texts.entities.get_or_insert_with(|| entity_texts(corpus));
            entities.iter().copied().filter(|r| n.matches_folded(&texts[r.entity.index()])).collect()
        }
        None => entities.clone(),
    };
    d.claim_rows = match Needle::new(&app.reader.filters.claims) {
        Some(n) => {
            let texts = d.filter_texts.claims.get_or_insert_with(|| claim_texts(corpus));
            claims.iter().copied().filter(|c| n.matches_folded(&texts[c.index()])).collect()
        }
        None => claims.clone(),
    };
    d.filters_key = Some(app.reader.filters.clone());
}

/// An entity's row holds its name, its aliases and its kind's name (a
/// line each, so no match runs from one into the next).
fn entity_texts(corpus: &Corpus) -> Vec<Box<str>> {
    corpus
        .entities()
        .iter()
        .map(|e| {
            let names: Vec<&str> = e.names().chain([e.kind.name()]).collect();
            fold_for_filter(&names.join("\n")).into_boxed_str()
        })
        .collect()
}

/// A claim's row holds its claimant, its text, summary, id and kind.
fn claim_texts(corpus: &Corpus) -> Vec<Box<str>> {
    (0..corpus.claims().len())
        .map(|i| {
            let c = ClaimIdx::from_index(i);
            let claim = corpus.claim(c);
            let parts = [
                corpus.claimant_name(c).as_str(),
                corpus.claim_text(c),
                claim.summary.as_deref().unwrap_or(""),
                &claim.id,
                claim.kind.name(),
            ]
            .join("\n");
            fold_for_filter(&parts).into_boxed_str()
        })
        .collect()
}

/// Lists this long are folded on two threads.
const PARALLEL_FROM: usize = 4096;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RowFilter {
    query: String,
    needle: Option<Needle>,
    /// The rows kept, in order; all of them when there is no filter.
    kept: Option<Vec<usize>>,
    /// How many rows the list has.
    of: usize,
    /// Each row's text folded, made once for a list (of `of` rows): then a
    /// keystroke over the 80,000 rows of a busy dossier is a scan of
    /// folded text, not 80,000 rows made and folded again. Shared, so a
    /// screen's copy (the overview remembered) costs nothing.
    folded: Option<Arc<[Box<str>]>>,
}

impl RowFilter {
    /// Keeps the rows (of `len`) whose text holds `query`; all when it is empty.
    pub fn set<S: AsRef<str>>(&mut self, query: &str, len: usize, text_of: impl Fn(usize) -> S + Sync) {
        let needle = Needle::new(query);
        let narrower = matches!((&needle, &self.needle), (Some(new), Some(old)) if new.narrows(old) && self.of == len);
        self.kept = match &needle {
            None => None,
            Some(n) => {
                let folded = self.prepare(len, text_of);
                let from: Box<dyn Iterator<Item = usize>> = match self.kept.take() {
                    Some(kept) if narrower => Box::new(kept.into_iter()),
                    _ => Box::new(0..len),
                };
                Some(from.filter(|&i| n.matches_folded(&folded[i])).collect())
            }
        };
        self.query = query.to_string();
        self.needle = needle;
        self.of = len;
    }

    /// Folds the rows' texts (of a list of `len`), unless they are folded
    /// already: when the filter line opens, so the first letter typed does
    /// not wait for it.
    pub fn prepare<S: AsRef<str>>(&mut self, len: usize, text_of: impl Fn(usize) -> S + Sync) -> Arc<[Box<str>]> {
        if let Some(folded) = self.folded.as_ref().filter(|f| f.len() == len) {
            return folded.clone();
        }
        let fold = |rows: std::ops::Range<usize>| -> Vec<Box<str>> {
            rows.map(|i| fold_for_filter(text_of(i).as_ref()).into_boxed_str()).collect()
        };
        // A long list is folded on two threads (80,000 dossier rows take
        // about 100 ms on one).
        let folded: Arc<[Box<str>]> = if len < PARALLEL_FROM {
            fold(0..len).into()
        } else {
            let half = len / 2;
            let (mut first, second) = std::thread::scope(|s| {
                let second = s.spawn(|| fold(half..len));
                let first = fold(0..half);
                (first, second.join())
            });
            match second {
                Ok(second) => {
                    first.extend(second);
                    first.into()
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        };
        self.folded = Some(folded.clone());
        folded
    }

    /// The list's rows changed (they are folded again when next filtered),
    /// and the filter is applied to them anew.
    pub fn rows_changed<S: AsRef<str>>(&mut self, len: usize, text_of: impl Fn(usize) -> S + Sync) {
        self.folded = None;
        self.needle = None;
        self.kept = None;
        let query = std::mem::take(&mut self.query);
        self.set(&query, len, text_of);
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// Whether some rows may be hidden.
    pub fn is_active(&self) -> bool {
        self.kept.is_some()
    }

    /// How many rows are shown, of a list of `len`.
    pub fn len(&self, len: usize) -> usize {
        self.kept.as_ref().map_or(len, Vec::len)
    }

    /// The list's row shown `i`-th.
    pub fn row(&self, i: usize) -> usize {
        self.kept.as_ref().map_or(i, |k| k.get(i).copied().unwrap_or(usize::MAX))
    }

    /// Where the list's row `row` is shown, if it is.
    pub fn position(&self, row: usize) -> Option<usize> {
        match &self.kept {
            None => Some(row),
            Some(k) => k.binary_search(&row).ok(),
        }
    }

    pub fn keeps(&self, row: usize) -> bool {
        self.position(row).is_some()
    }

    /// "“court” 3 of 12" for a title, when filtered.
    pub fn label(&self, len: usize) -> Option<String> {
        let kept = self.kept.as_ref()?;
        let query = crate::text::sanitize::display_head(&self.query, 40);
        Some(format!("“{query}” {} of {len}", kept.len()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_keeps_matching_rows_and_maps_them() {
        let rows = ["Aslan Tolegenov", "Kostanay", "Tolegenov’s arrest", "Astana"];
        let mut f = RowFilter::default();
        f.set("toleg", rows.len(), |i| rows[i]);
        assert_eq!((f.len(4), f.row(0), f.row(1)), (2, 0, 2));
        assert_eq!((f.position(2), f.position(1)), (Some(1), None));
        assert_eq!(f.label(4).as_deref(), Some("“toleg” 2 of 4"));
        // The rows are read and folded once: narrower or wider, a filter looks at their folded texts.
        let looked = std::sync::Mutex::new(Vec::new());
        let reading = |i: usize| {
            looked.lock().unwrap().push(i);
            rows[i]
        };
        f.set("tolegenov’s", rows.len(), reading);
        assert_eq!((f.len(4), f.row(0)), (1, 2));
        f.set("TOLEGENOV'S", rows.len(), reading);
        assert_eq!(f.len(4), 1);
        assert!(looked.lock().unwrap().is_empty());
        // Rows that changed are read again.
        f.rows_changed(rows.len(), reading);
        assert_eq!((looked.lock().unwrap().len(), f.len(4), f.query()), (4, 1, "TOLEGENOV'S"));
        // Wider again: every row.
        f.set("a", rows.len(), |i| rows[i]);
        assert_eq!(f.len(4), 4);
        f.set("", rows.len(), |i| rows[i]);
        assert!(!f.is_active());
        assert_eq!((f.len(4), f.row(3), f.label(4)), (4, 3, None));
    }
}
