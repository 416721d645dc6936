//! Finding entities by name: the fuzzy ranking behind `Ctrl-p` and
//! `dossier find`, and the exact lookup behind `--entity NAME`.
//!
//! fuzzy-matcher folds case for ASCII only, so every name and alias is
//! folded here, character for character (so match positions in the folded
//! key are positions in the name), and the query likewise: `толег` finds
//! `Аслан Толегенов`.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::model::{Corpus, EntityIdx};

/// Lower-cases one character to one character, keeping positions aligned.
fn fold_char(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

pub fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// One searchable name: an entity's name (`which == 0`) or alias (`which == i + 1`).
struct Key {
    entity: EntityIdx,
    which: u32,
    folded: String,
}

/// The folded names and aliases of every entity, built once per corpus.
pub struct FinderIndex {
    keys: Vec<Key>,
    matcher: SkimMatcherV2,
}

/// One ranked entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entity: EntityIdx,
    pub score: i64,
    /// 0 when the name matched best, `i + 1` for alias `i`.
    pub which: usize,
    /// Matched character positions in that name or alias.
    pub positions: Vec<usize>,
}

impl Hit {
    /// The name or alias that matched.
    pub fn matched<'c>(&self, corpus: &'c Corpus) -> &'c str {
        let e = corpus.entity(self.entity);
        if self.which == 0 { &e.name } else { &e.aliases[self.which - 1] }
    }
}

impl FinderIndex {
    pub fn new(corpus: &Corpus) -> FinderIndex {
        let mut keys = Vec::new();
        for idx in corpus.entity_indices() {
            for (which, name) in corpus.entity(idx).names().enumerate() {
                keys.push(Key { entity: idx, which: which as u32, folded: fold(name) });
            }
        }
        FinderIndex { keys, matcher: SkimMatcherV2::default().ignore_case() }
    }

    /// Entities matching `query`, best first: by score, then by how often
    /// they are mentioned, then by name. An empty query lists every entity,
    /// most mentioned first.
    pub fn rank(&self, corpus: &Corpus, query: &str) -> Vec<Hit> {
        let pattern = fold(query.trim());
        let mut best: Vec<Option<Hit>> = vec![None; corpus.entities().len()];
        if pattern.is_empty() {
            for idx in corpus.entity_indices() {
                best[idx.index()] = Some(Hit { entity: idx, score: 0, which: 0, positions: Vec::new() });
            }
        } else {
            for key in &self.keys {
                if let Some((score, positions)) = self.matcher.fuzzy_indices(&key.folded, &pattern) {
                    let slot = &mut best[key.entity.index()];
                    if slot.as_ref().is_none_or(|h| score > h.score) {
                        *slot = Some(Hit { entity: key.entity, score, which: key.which as usize, positions });
                    }
                }
            }
        }
        let mut hits: Vec<Hit> = best.into_iter().flatten().collect();
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| corpus.mention_count(b.entity).cmp(&corpus.mention_count(a.entity)))
                .then_with(|| corpus.entity(a.entity).name.cmp(&corpus.entity(b.entity).name))
        });
        hits
    }
}

/// Why `--entity NAME` did not pick out one entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LookupError {
    /// Nothing is called that; the closest fuzzy matches, best first.
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

/// The entity with exactly this id, or else this name or alias (ignoring case).
pub fn lookup(corpus: &Corpus, index: &FinderIndex, name: &str) -> Result<EntityIdx, LookupError> {
    if let Some(e) = corpus.entity_by_id(name) {
        return Ok(e);
    }
    let folded = fold(name.trim());
    let mut found: Vec<EntityIdx> = index.keys.iter().filter(|k| k.folded == folded).map(|k| k.entity).collect();
    found.dedup();
    match found.as_slice() {
        [one] => Ok(*one),
        [] => Err(LookupError::NotFound {
            suggestions: index
                .rank(corpus, name)
                .iter()
                .take(3)
                .map(|h| format!("{} ({})", corpus.entity(h.entity).name, corpus.entity(h.entity).id))
                .collect(),
        }),
        many => Err(LookupError::Ambiguous {
            candidates: many.iter().map(|&e| format!("{} ({})", corpus.entity(e).name, corpus.entity(e).id)).collect(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{Source, load_sources};

    fn corpus() -> Corpus {
        let json = r#"{
          "documents": [{"id": "d", "text": "Aslan Tolegenov and Tokaev met Temirlan Ensebek in Almaty. Tolegenov left."}],
          "entities": [
            {"id": "tolegenov", "name": "Aslan Tolegenov", "kind": "person", "aliases": ["Tolegenov", "Аслан Толегенов"],
             "mentions": [{"document": "d", "quote": "Aslan Tolegenov"}, {"document": "d", "quote": "Tolegenov", "occurrence": 2}]},
            {"id": "tokaev", "name": "Kassym-Jomart Tokayev", "kind": "person", "aliases": ["Tokaev"],
             "mentions": [{"document": "d", "quote": "Tokaev"}]},
            {"id": "ensebek", "name": "Temirlan Ensebek", "kind": "person", "mentions": [{"document": "d", "quote": "Temirlan Ensebek"}]},
            {"id": "almaty", "name": "Almaty", "kind": "place", "aliases": ["Алматы"], "mentions": [{"document": "d", "quote": "Almaty"}]}
          ]
        }"#;
        load_sources(&[Source::new("t.json", json)], "t.json").unwrap()
    }

    fn names(c: &Corpus, hits: &[Hit]) -> Vec<String> {
        hits.iter().map(|h| c.entity(h.entity).id.clone()).collect()
    }

    #[test]
    fn cyrillic_query_finds_through_alias_with_positions() {
        let c = corpus();
        let idx = FinderIndex::new(&c);
        let hits = idx.rank(&c, "толег");
        assert_eq!(names(&c, &hits), vec!["tolegenov"]);
        assert_eq!(hits[0].matched(&c), "Аслан Толегенов");
        assert_eq!(hits[0].positions, vec![6, 7, 8, 9, 10]);
        // Upper-case Cyrillic in the query folds too.
        assert_eq!(names(&c, &idx.rank(&c, "АЛМАТ")), vec!["almaty"]);
    }

    #[test]
    fn best_match_first_and_empty_query_lists_by_mentions() {
        let c = corpus();
        let idx = FinderIndex::new(&c);
        let hits = idx.rank(&c, "tok");
        assert_eq!(names(&c, &hits)[0], "tokaev");
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        let all = idx.rank(&c, "");
        assert_eq!(all.len(), 4);
        assert_eq!(names(&c, &all)[0], "tolegenov");
        assert!(idx.rank(&c, "zzzz").is_empty());
    }

    #[test]
    fn lookup_by_id_name_or_alias_and_suggests() {
        let c = corpus();
        let idx = FinderIndex::new(&c);
        assert_eq!(c.entity(lookup(&c, &idx, "tokaev").unwrap()).id, "tokaev");
        assert_eq!(c.entity(lookup(&c, &idx, "temirlan ensebek").unwrap()).id, "ensebek");
        assert_eq!(c.entity(lookup(&c, &idx, "аслан толегенов").unwrap()).id, "tolegenov");
        let err = lookup(&c, &idx, "Tolegen").unwrap_err();
        assert_eq!(err.to_string(), "no entity has that id, name or alias; closest: Aslan Tolegenov (tolegenov)");
    }
}
