//! Who makes a claim, in the few cells a list row gives it: a person by
//! surname where that is safe, anyone else by their name (which the row
//! cuts with `…`). Safe means the name is a personal name ("Kassym-Jomart
//! Tokayev", every word capitalized, not "Director of Europe Plus
//! Kazakhstan" or "Pregnant Kazakh teacher") and its last word is no other
//! entity's name or alias ("Kazakhstan" is the country's). Worked out once
//! per corpus for the claimants only, with one pass over every name.

use std::borrow::Cow;

use crate::data::model::{ClaimIdx, Corpus, EntityIdx, EntityKind};
use crate::support::hash::{FxHashMap, FxHashSet};

/// The surnames list rows may use, by claimant.
#[derive(Debug, Default)]
pub struct ClaimantNames {
    entities: FxHashMap<EntityIdx, Box<str>>,
    /// A document's sole author (not an entity), by full name.
    authors: FxHashMap<String, Box<str>>,
}

/// Who, besides a claimant, answers to a surname.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owners {
    None,
    One(EntityIdx),
    Many,
}

impl ClaimantNames {
    pub fn new(corpus: &Corpus) -> ClaimantNames {
        let mut people: FxHashSet<EntityIdx> = FxHashSet::default();
        let mut authors: FxHashSet<String> = FxHashSet::default();
        for i in 0..corpus.claims().len() {
            let c = ClaimIdx::from_index(i);
            match corpus.claim(c).claimant {
                Some(e) if corpus.entity(e).kind == EntityKind::Person => _ = people.insert(e),
                Some(_) => {}
                None => {
                    if let Some(author) = sole_author(corpus, c) {
                        authors.insert(author.to_string());
                    }
                }
            }
        }
        let surname_of = |name: &str| personal_surname(name).map(str::to_lowercase);
        let mut owners: FxHashMap<String, Owners> = FxHashMap::default();
        for name in people.iter().map(|&e| corpus.entity(e).name.as_str()).chain(authors.iter().map(String::as_str)) {
            if let Some(s) = surname_of(name) {
                owners.insert(s, Owners::None);
            }
        }
        if owners.is_empty() {
            return ClaimantNames::default();
        }
        // Only names as long as some surname are lower-cased and looked up.
        let lengths: FxHashSet<usize> = owners.keys().map(String::len).collect();
        for (i, entity) in corpus.entities().iter().enumerate() {
            let e = EntityIdx::from_index(i);
            for name in entity.names() {
                if !lengths.contains(&name.len()) {
                    continue;
                }
                if let Some(owner) = owners.get_mut(&name.to_lowercase()) {
                    *owner = match *owner {
                        Owners::None => Owners::One(e),
                        Owners::One(x) if x == e => Owners::One(x),
                        _ => Owners::Many,
                    };
                }
            }
        }
        let free = |surname: &str, claimant: Option<EntityIdx>, full: &str| match owners.get(&surname.to_lowercase()) {
            Some(Owners::None) => true,
            Some(Owners::One(x)) => Some(*x) == claimant || corpus.entity(*x).name == full,
            _ => false,
        };
        let mut names = ClaimantNames::default();
        for e in people {
            let full = corpus.entity(e).name.as_str();
            if let Some(s) = personal_surname(full).filter(|s| free(s, Some(e), full)) {
                names.entities.insert(e, s.into());
            }
        }
        for author in authors {
            if let Some(s) = personal_surname(&author).filter(|s| free(s, None, &author)) {
                let s: Box<str> = s.into();
                names.authors.insert(author, s);
            }
        }
        names
    }

    /// The claimant of `c` as a list row names it.
    pub fn short<'a>(&'a self, corpus: &'a Corpus, c: ClaimIdx) -> Cow<'a, str> {
        let claim = corpus.claim(c);
        if let Some(e) = claim.claimant {
            return Cow::Borrowed(self.entities.get(&e).map_or(corpus.entity(e).name.as_str(), |s| &**s));
        }
        if let Some(s) = sole_author(corpus, c).and_then(|a| self.authors.get(a)) {
            return Cow::Borrowed(s);
        }
        Cow::Owned(corpus.claimant_name(c))
    }

    /// The short form of the entity `e` as a claimant, if it has one.
    pub fn entity(&self, e: EntityIdx) -> Option<&str> {
        self.entities.get(&e).map(|s| &**s)
    }
}

/// The one author of the document of `c`, when it has exactly one.
fn sole_author(corpus: &Corpus, c: ClaimIdx) -> Option<&str> {
    let mut authors = corpus.doc(corpus.claim(c).doc).authors.iter().filter(|p| p.is_author());
    match (authors.next(), authors.next()) {
        (Some(a), None) => Some(a.name.as_str()),
        _ => None,
    }
}

/// The last word of a name of two or more words each of which begins with
/// a capital letter (a hyphenated one on each part): a personal name.
fn personal_surname(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalized = |w: &str| {
        w.split('-').all(|part| part.trim_start_matches(['\'', '’']).chars().next().is_some_and(char::is_uppercase))
    };
    (words.len() >= 2 && words.iter().all(|w| capitalized(w))).then(|| words[words.len() - 1])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::fixture::sample_corpus;

    #[test]
    fn personal_names_give_their_last_word_others_nothing() {
        assert_eq!(personal_surname("Kassym-Jomart Tokayev"), Some("Tokayev"));
        assert_eq!(personal_surname("Dar’ya Aslamova"), Some("Aslamova"));
        assert_eq!(personal_surname("Vladimir Putin"), Some("Putin"));
        assert_eq!(personal_surname("Director of Europe Plus Kazakhstan"), None);
        assert_eq!(personal_surname("Pregnant Kazakh teacher"), None);
        assert_eq!(personal_surname("Tokayev"), None, "one word is its own short form");
        assert_eq!(personal_surname("Аслан Толегенов"), Some("Толегенов"));
    }

    #[test]
    fn a_surname_that_names_another_entity_is_not_used() {
        let corpus = sample_corpus();
        let t = corpus.entity_by_id("tolegenov").unwrap();
        assert_eq!(ClaimantNames::new(&corpus).entity(t), Some("Tolegenov"));
        // Another entity also called "Tolegenov" (a street, say): the full name is shown.
        let mut json: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/sample.json")).unwrap();
        let kostanay = json["entities"].as_array_mut().unwrap().iter_mut().find(|e| e["id"] == "kostanay").unwrap();
        kostanay["aliases"] = serde_json::json!(["TOLEGENOV"]);
        let text = json.to_string();
        let corpus =
            crate::data::load::load_sources(&[crate::data::load::Source::new("s.json", text)], "s.json").unwrap();
        let names = ClaimantNames::new(&corpus);
        assert_eq!(names.entity(t), None);
        let c = (0..corpus.claims().len()).map(ClaimIdx::from_index).find(|&c| corpus.claim(c).claimant == Some(t));
        assert_eq!(names.short(&corpus, c.expect("a claim of Tolegenov's")), corpus.entity(t).name);
    }
}
