//! The word index behind the folded and typo tiers: every distinct word of
//! every name and alias in its common Latin form ([`super::translit`]),
//! sorted, with the names each is in; and the query's words matched
//! against it, exactly as a prefix or within a few edits.
//!
//! Edits are counted as the search engines count them (Meilisearch,
//! Typesense, Elasticsearch's `fuzziness: AUTO`): none for a word of up to
//! four letters, one from five, two from nine, a transposition counting as
//! one (Damerau–Levenshtein), against the best prefix of a name's word, so
//! a word half typed matches as well as a whole one. The distances come
//! from `levenshtein_automata`'s DFAs (the automata Meilisearch's typo
//! tolerance is built on), walked over the sorted words so that words
//! sharing a prefix share the walk, and a prefix no word within reach of
//! the query starts with is skipped whole.

use std::collections::HashMap;
use std::sync::OnceLock;

use levenshtein_automata::{DFA, Distance, LevenshteinAutomatonBuilder, SINK_STATE};

use super::translit::{Latin, latin_words};

/// FNV-1a: the word index hashes half a million short words, and needs no
/// defence against chosen collisions (SipHash's reason to be slower).
#[derive(Default, Clone, Copy)]
struct Fnv;

struct FnvHasher(u64);

impl std::hash::BuildHasher for Fnv {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x100_0000_01b3);
        }
    }
}

/// A word of a key with no Latin form (symbols only): it matches nothing,
/// but keeps the places of the words after it.
pub(crate) const NO_WORD: u32 = u32::MAX;

/// The edits forgiven in a query word of `len` letters (in its Latin form).
pub(crate) fn allowed_edits(len: usize) -> u8 {
    match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

fn builder(edits: u8) -> &'static LevenshteinAutomatonBuilder {
    static ONE: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    static TWO: OnceLock<LevenshteinAutomatonBuilder> = OnceLock::new();
    let cell = if edits == 1 { &ONE } else { &TWO };
    cell.get_or_init(|| LevenshteinAutomatonBuilder::new(edits, true))
}

/// The distinct words of every key, and which keys hold each.
pub(crate) struct WordIndex {
    /// The words, sorted and concatenated; word `i` is `text[starts[i]..starts[i + 1]]`.
    text: String,
    starts: Vec<u32>,
    /// Each key's words, in order (ids, or [`NO_WORD`]): key `k`'s are
    /// `key_words[key_starts[k]..key_starts[k + 1]]`.
    key_words: Vec<u32>,
    key_starts: Vec<u32>,
    /// The keys holding each word, ascending, laid out as `key_words`.
    postings: Vec<u32>,
    posting_starts: Vec<u32>,
}

impl WordIndex {
    /// Indexes the words of `names` (each key's matched part, folded), in key order.
    pub(crate) fn build<'a>(names: impl Iterator<Item = &'a str>) -> WordIndex {
        let mut ids: HashMap<Box<str>, u32, Fnv> = HashMap::default();
        let mut key_words = Vec::new();
        let mut key_starts = vec![0u32];
        let mut latin = Latin::default();
        for name in names {
            latin.each_word(name, |word| {
                if word.is_empty() {
                    key_words.push(NO_WORD);
                } else if let Some(&id) = ids.get(word) {
                    key_words.push(id);
                } else {
                    let id = ids.len() as u32;
                    ids.insert(word.into(), id);
                    key_words.push(id);
                }
            });
            key_starts.push(key_words.len() as u32);
        }
        // Ids in the words' sorted order.
        let mut sorted: Vec<(Box<str>, u32)> = ids.into_iter().collect();
        sorted.sort_unstable();
        let mut rename = vec![0u32; sorted.len()];
        let mut text = String::new();
        let mut starts = Vec::with_capacity(sorted.len() + 1);
        for (new, (word, old)) in sorted.iter().enumerate() {
            rename[*old as usize] = new as u32;
            starts.push(text.len() as u32);
            text.push_str(word);
        }
        starts.push(text.len() as u32);
        for w in key_words.iter_mut().filter(|w| **w != NO_WORD) {
            *w = rename[*w as usize];
        }
        // Postings by counting: keys are visited in order, so each list is ascending.
        let mut posting_starts = vec![0u32; sorted.len() + 1];
        for &w in key_words.iter().filter(|&&w| w != NO_WORD) {
            posting_starts[w as usize + 1] += 1;
        }
        for i in 1..posting_starts.len() {
            posting_starts[i] += posting_starts[i - 1];
        }
        let mut fill = posting_starts.clone();
        let mut postings = vec![0u32; key_words.len()];
        for k in 0..key_starts.len() - 1 {
            for &w in &key_words[key_starts[k] as usize..key_starts[k + 1] as usize] {
                if w != NO_WORD {
                    postings[fill[w as usize] as usize] = k as u32;
                    fill[w as usize] += 1;
                }
            }
        }
        postings.truncate(posting_starts[sorted.len()] as usize);
        WordIndex { text, starts, key_words, key_starts, postings, posting_starts }
    }

    pub(crate) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub(crate) fn word(&self, i: usize) -> &str {
        &self.text[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// The words of key `k` (ids, or [`NO_WORD`]).
    pub(crate) fn key_words(&self, k: usize) -> &[u32] {
        &self.key_words[self.key_starts[k] as usize..self.key_starts[k + 1] as usize]
    }

    /// The keys holding word `w`, ascending.
    pub(crate) fn postings(&self, w: usize) -> &[u32] {
        &self.postings[self.posting_starts[w] as usize..self.posting_starts[w + 1] as usize]
    }

    /// The id of a word, if it is indexed.
    pub(crate) fn find(&self, word: &str) -> Option<u32> {
        let i = self.first_not_below(0, word);
        (i < self.len() && self.word(i) == word).then_some(i as u32)
    }

    /// The first word at or after `from` that is not below `s`.
    fn first_not_below(&self, from: usize, s: &str) -> usize {
        let (mut lo, mut hi) = (from, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.word(mid) < s { lo = mid + 1 } else { hi = mid }
        }
        lo
    }

    /// The first word after `from` that does not start with `prefix`
    /// (sorted words sharing a prefix are neighbours).
    fn end_of_prefix(&self, from: usize, prefix: &[u8]) -> usize {
        let (mut lo, mut hi) = (from, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.word(mid).as_bytes().starts_with(prefix) { lo = mid + 1 } else { hi = mid }
        }
        lo
    }

    /// Every word `q` matches, with the edits it took (see [`QueryWord`]).
    pub(crate) fn matches(&self, q: &QueryWord) -> Vec<(u32, u8)> {
        let Some(dfa) = &q.dfa else {
            // No edits forgiven: the words `q` starts.
            let from = self.first_not_below(0, &q.latin);
            let to = self.end_of_prefix(from, q.latin.as_bytes());
            return (from..to).map(|w| (w as u32, 0)).collect();
        };
        let mut found = Vec::new();
        // The DFA's state after each byte of the word in hand, shared with
        // the next word as far as their common prefix.
        let mut states = vec![dfa.initial_state()];
        let mut prev: &[u8] = b"";
        let mut i = 0;
        while i < self.len() {
            let word = self.word(i).as_bytes();
            let common = prev.iter().zip(word).take_while(|(a, b)| a == b).count().min(states.len() - 1);
            states.truncate(common + 1);
            let mut sunk = None;
            for (d, &b) in word.iter().enumerate().skip(common) {
                let s = dfa.transition(states[d], b);
                if s == SINK_STATE {
                    sunk = Some(d + 1);
                    break;
                }
                states.push(s);
            }
            prev = word;
            match sunk {
                // No word starting so is within reach: skip them all.
                Some(depth) => i = self.end_of_prefix(i + 1, &word[..depth]),
                None => {
                    if let Distance::Exact(d) = dfa.distance(states[word.len()]) {
                        if d <= q.edits {
                            found.push((i as u32, d));
                        }
                    }
                    i += 1;
                }
            }
        }
        found
    }
}

/// A word of the query in its Latin form, and the edits forgiven in it.
pub(crate) struct QueryWord {
    pub latin: String,
    pub edits: u8,
    /// The prefix automaton, when edits are forgiven.
    dfa: Option<DFA>,
}

impl QueryWord {
    pub(crate) fn new(latin: String) -> QueryWord {
        let edits = allowed_edits(latin.len());
        let dfa = (edits > 0).then(|| builder(edits).build_prefix_dfa(&latin));
        QueryWord { latin, edits, dfa }
    }
}

/// The query's words in their Latin form (words with none left out).
pub(crate) fn query_words(folded_query: &str) -> Vec<QueryWord> {
    latin_words(folded_query).into_iter().filter(|w| !w.is_empty()).map(QueryWord::new).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(names: &[&str]) -> WordIndex {
        WordIndex::build(names.iter().copied())
    }

    fn matched(idx: &WordIndex, q: &str) -> Vec<(String, u8)> {
        idx.matches(&QueryWord::new(q.into())).iter().map(|&(w, d)| (idx.word(w as usize).to_string(), d)).collect()
    }

    #[test]
    fn edits_grow_with_the_word() {
        assert_eq!(
            (allowed_edits(3), allowed_edits(4), allowed_edits(5), allowed_edits(8), allowed_edits(9)),
            (0, 0, 1, 1, 2)
        );
    }

    #[test]
    fn words_are_indexed_once_with_their_keys() {
        let idx = index(&["kostanay", "kostanay region", "qostanay", "almaty ♯ region"]);
        assert_eq!(idx.len(), 3, "kostanai, region, almati");
        let k = idx.find("kostanai").unwrap() as usize;
        assert_eq!(idx.postings(k), &[0, 1, 2]);
        assert_eq!(idx.key_words(3).len(), 2, "♯ is not a word");
        assert_eq!(idx.postings(idx.find("region").unwrap() as usize), &[1, 3]);
        assert_eq!(idx.find("kost"), None);
    }

    #[test]
    fn prefixes_within_reach_match_and_others_do_not() {
        let idx = index(&["vladimir putin", "pugachev", "putilov", "kostanay", "kostomarov", "kosta", "oskemen"]);
        // Five letters and more: one edit, against the best prefix.
        assert_eq!(matched(&idx, "putine"), vec![("putin".into(), 1)]);
        assert_eq!(matched(&idx, "ptuin"), vec![("putin".into(), 1)], "a transposition is one edit (putilov: two)");
        assert_eq!(matched(&idx, "kostt"), vec![("kosta".into(), 1), ("kostanai".into(), 1), ("kostomarov".into(), 1)]);
        // Nine and more: two.
        assert_eq!(matched(&idx, "kostananai"), vec![("kostanai".into(), 2)]);
        // Up to four: none, as a prefix.
        assert_eq!(matched(&idx, "kos"), vec![("kosta".into(), 0), ("kostanai".into(), 0), ("kostomarov".into(), 0)]);
        assert!(matched(&idx, "pyt").is_empty(), "a three-letter typo is not forgiven");
        assert!(matched(&idx, "zzzzzz").is_empty());
    }
}
