//! The lookup behind `--entity NAME` and `dossier entity NAME`: an id, a
//! name or alias as written, or (the finder's folded tier, whole names
//! only) another spelling of one; else the finder's closest matches as
//! suggestions.

use super::typo::NO_WORD;
use super::{FinderIndex, MAX_NAME, fold, head, translit};
use crate::data::model::{Corpus, EntityIdx};

/// Why `--entity NAME` did not pick out one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// Nothing is called that; the closest matches, best first.
    NotFound { suggestions: Vec<String> },
    /// Several entities answer to that name.
    Ambiguous { candidates: Vec<String> },
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LookupError::NotFound { suggestions } if suggestions.is_empty() => {
                write!(f, "no entity has that id, name or alias")
            }
            LookupError::NotFound { suggestions } => {
                write!(f, "no entity has that id, name or alias; closest: {}", suggestions.join(", "))
            }
            LookupError::Ambiguous { candidates } => {
                write!(f, "several entities have that name: {}; use an id", candidates.join(", "))
            }
        }
    }
}

/// The entity with exactly this id, or else this name or alias (ignoring
/// case), or else the one name or alias that is this in its Latin form
/// (`Токаев`, `Tokaiev` and `Toqayev` are Tokayev; see [`translit`]). The
/// closest matches, as the finder ranks them, are the suggestions when none is.
pub fn lookup(corpus: &Corpus, index: &FinderIndex, name: &str) -> Result<EntityIdx, LookupError> {
    if let Some(e) = corpus.entity_by_id(name) {
        return Ok(e);
    }
    let folded = fold(name.trim());
    let mut found: Vec<EntityIdx> =
        index.keys.iter().filter(|k| *k.folded == *folded).map(|k| EntityIdx(k.entity)).collect();
    found.dedup();
    if found.is_empty() {
        found = spelled_alike(index, &folded);
    }
    let describe = |e: EntityIdx| format!("{} ({})", corpus.entity(e).name, corpus.entity(e).id);
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(LookupError::NotFound {
            suggestions: index.rank_top(name, 3).iter().map(|h| describe(h.entity)).collect(),
        }),
        many => Err(LookupError::Ambiguous { candidates: many.iter().map(|&e| describe(e)).collect() }),
    }
}

/// The entities with a name or alias whose words are the query's, in their
/// Latin form (the folded tier, whole words only).
fn spelled_alike(index: &FinderIndex, folded: &str) -> Vec<EntityIdx> {
    let Some(words_index) = index.word_index(None) else { return Vec::new() };
    let wanted: Option<Vec<u32>> = translit::latin_words(head(folded, MAX_NAME))
        .iter()
        .filter(|w| !w.is_empty())
        .map(|w| words_index.find(w))
        .collect();
    let Some(wanted) = wanted.filter(|w| !w.is_empty()) else { return Vec::new() };
    let mut found: Vec<EntityIdx> = words_index
        .postings(wanted[0] as usize)
        .iter()
        .filter(|&&k| words_index.key_words(k as usize).iter().filter(|&&w| w != NO_WORD).eq(wanted.iter()))
        .map(|&k| EntityIdx(index.keys[k as usize].entity))
        .collect();
    found.dedup();
    found
}
