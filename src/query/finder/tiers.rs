//! How a hit matched, and the tiers after the subsequence match: names
//! whose words match the query's in their common Latin form (folded), or
//! within a few edits (typo).
//!
//! Ranking is by tier, then within a tier as before (score, mentions,
//! name): an exact name or alias first, then fuzzy-matcher's subsequence
//! matches (in which a prefix scores highest), then folded, then typo
//! matches. The last two are looked for only when the subsequence match
//! finds nothing good — nothing at all, or only letters scattered over a
//! long name (see [`good`]), which is what fuzzy-matcher makes of a typo
//! or another transliteration; such scattered matches then rank after the
//! word matches, since the word matches are what the reader meant. So a
//! query that matches as it always did ranks exactly as before.

use fuzzy_matcher::FuzzyMatcher;

use super::typo::{NO_WORD, WordIndex, query_words};
use super::{FinderIndex, Hit};
use crate::data::model::EntityIdx;

/// How a hit matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    /// The query is the whole name or alias (case, quotes and dashes folded).
    Exact,
    /// The query's characters in order (fuzzy-matcher).
    Subsequence,
    /// The query's words begin the name's words in their common Latin
    /// form: another script or transliteration (`астана`, `Jirinovski`).
    Folded,
    /// Within a few edits of the name's words (`putine`, `kosttanai`).
    Typo,
}

impl Tier {
    /// The name `find --json` gives it (`match`).
    pub fn name(self) -> &'static str {
        match self {
            Tier::Exact => "exact",
            Tier::Subsequence => "subsequence",
            Tier::Folded => "folded",
            Tier::Typo => "typo",
        }
    }

    /// What the finder's row says before the name that matched this way.
    pub fn mark(self) -> Option<&'static str> {
        match self {
            Tier::Exact | Tier::Subsequence => None,
            Tier::Folded => Some("translit."),
            Tier::Typo => Some("≈"),
        }
    }

    /// The place of the tier in the ranking (a scattered subsequence match
    /// ranks after the word tiers: [`SCATTERED`]).
    pub(crate) fn rank(self) -> u8 {
        self as u8
    }
}

/// The rank of a subsequence match when the subsequence tier found nothing good.
pub(crate) const SCATTERED: u8 = 4;

/// Whether fuzzy-matcher's best hit is a match the reader meant: the
/// query's letters as one run per word of the query (`tok`, `ен` inside
/// `Толегенов`, `t e`), or runs that each begin a word (`kjt`). A typo or
/// another spelling, matched at all, is matched scattered: `putine` over
/// `Russian Soviet Federative Socialist Republic`.
pub(crate) fn good(index: &FinderIndex, hit: &Hit, pattern: &str) -> bool {
    if hit.tier == Tier::Exact {
        return true;
    }
    let text = index.key_of(hit).matched();
    let Some((_, positions)) = index.matcher.fuzzy_indices(text, pattern) else { return false };
    let chars: Vec<char> = text.chars().collect();
    let words = pattern.split_whitespace().count().max(1);
    let (mut runs, mut at_word_starts) = (0, true);
    for (n, &p) in positions.iter().enumerate() {
        if n == 0 || positions[n - 1] + 1 != p {
            runs += 1;
            let starts_word = p == 0 || !chars[p - 1].is_alphanumeric() || !chars[p].is_alphanumeric();
            at_word_starts &= starts_word;
        }
    }
    runs <= words || at_word_starts
}

/// The folded and typo tiers under way: the query's words, what each
/// matches in the word index, and the names still to look at.
pub(crate) struct WordPass {
    /// For each query word, the edits each indexed word took (`u8::MAX`: no match).
    edits: Vec<Vec<u8>>,
    /// The keys holding a match of the query word with the fewest, ascending.
    candidates: Vec<u32>,
    pub(crate) next: usize,
    /// The best match so far of the entity being looked at: (entity, cost, which, words).
    current: Option<(u32, u32, u32, u64)>,
    /// Each entity's best match, in entity order.
    pub(crate) found: Vec<Hit>,
}

impl WordPass {
    /// Matches the query's words against the word index; `None` when the
    /// query has no words in Latin form.
    pub(crate) fn new(words_index: &WordIndex, folded_query: &str) -> Option<WordPass> {
        let words = query_words(folded_query);
        if words.is_empty() {
            return None;
        }
        let mut edits = Vec::with_capacity(words.len());
        let mut fewest: Option<(usize, Vec<u32>)> = None;
        for q in &words {
            let mut e = vec![u8::MAX; words_index.len()];
            let matches = words_index.matches(q);
            let mut count = 0;
            for &(w, d) in &matches {
                e[w as usize] = d;
                count += words_index.postings(w as usize).len();
            }
            if fewest.as_ref().is_none_or(|(n, _)| count < *n) {
                fewest = Some((count, matches.iter().map(|&(w, _)| w).collect()));
            }
            edits.push(e);
        }
        let mut candidates: Vec<u32> = fewest
            .map(|(_, ws)| ws.iter().flat_map(|&w| words_index.postings(w as usize).iter().copied()).collect())
            .unwrap_or_default();
        candidates.sort_unstable();
        candidates.dedup();
        Some(WordPass { edits, candidates, next: 0, current: None, found: Vec::new() })
    }

    pub(crate) fn total(&self) -> usize {
        self.candidates.len()
    }

    /// Looks at up to `budget` more names; returns whether all have been looked at.
    pub(crate) fn advance(&mut self, index: &FinderIndex, words_index: &WordIndex, budget: usize) -> bool {
        let end = self.next.saturating_add(budget).min(self.candidates.len());
        for i in self.next..end {
            let k = self.candidates[i] as usize;
            let Some((cost, mask)) = self.score(words_index.key_words(k)) else { continue };
            let key = &index.keys[k];
            match &mut self.current {
                Some((e, best, which, words)) if *e == key.entity => {
                    if cost < *best {
                        (*best, *which, *words) = (cost, key.which, mask);
                    }
                }
                _ => {
                    self.flush();
                    self.current = Some((key.entity, cost, key.which, mask));
                }
            }
        }
        self.next = end;
        if end == self.candidates.len() {
            self.flush();
            true
        } else {
            false
        }
    }

    /// What matching a key costs: eight for each edit its words take to
    /// match every query word (each the key's best word for it), one for
    /// each of its words left unmatched (up to seven: `Pugachev` before
    /// `Pugachev's Rebellion`); and which of its words matched.
    fn score(&self, key_words: &[u32]) -> Option<(u32, u64)> {
        let mut edits = 0u32;
        let mut mask = 0u64;
        for e in &self.edits {
            let (j, d) = key_words
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != NO_WORD)
                .map(|(j, &w)| (j, e[w as usize]))
                .min_by_key(|&(_, d)| d)?;
            if d == u8::MAX {
                return None;
            }
            edits += d as u32;
            if j < 64 {
                mask |= 1 << j;
            }
        }
        let words = key_words.iter().filter(|&&w| w != NO_WORD).count() as u32;
        let unmatched = words.saturating_sub(mask.count_ones()).min(7);
        Some((edits * 8 + unmatched, mask))
    }

    fn flush(&mut self) {
        if let Some((entity, cost, which, words)) = self.current.take() {
            let tier = if cost < 8 { Tier::Folded } else { Tier::Typo };
            self.found.push(Hit {
                entity: EntityIdx(entity),
                score: -(cost as i64),
                which: which as usize,
                tier,
                words,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::*;
    use crate::data::load::builtin;

    /// Misspellings and other spellings of the built-in corpus's names, each
    /// with the entity it must put first and the tier it is found in.
    const FORGIVEN: &[(&str, &str, Tier)] = &[
        ("yuritsin", "yuritsyn", Tier::Folded),
        ("Юрицин", "yuritsyn", Tier::Folded),
        ("zhirinovski", "zhirinovsky", Tier::Folded),
        ("Jirinovski", "zhirinovsky", Tier::Folded),
        ("Жириновский", "zhirinovsky", Tier::Folded),
        ("zhirinovksy", "zhirinovsky", Tier::Typo),
        ("kosttanay", "kostanay", Tier::Folded),
        ("Kostanai", "kostanay", Tier::Folded),
        ("Костанай", "kostanay", Tier::Folded),
        ("Қостанай", "kostanay", Tier::Folded),
        ("kostnay", "kostanay", Tier::Typo),
        ("астана", "astana", Tier::Folded),
        ("putine", "putin", Tier::Typo),
        ("limonoff", "limonov", Tier::Folded),
        ("Лимонов", "limonov", Tier::Folded),
        ("Tokaiev", "tokayev", Tier::Folded),
        ("Qasym-Zhomart Toqaev", "tokayev", Tier::Folded),
        ("tokayv", "tokayev", Tier::Typo),
        ("Nazarbaev", "nazarbayev", Tier::Folded),
        ("Nazarbaeva", "nazarbayeva", Tier::Folded),
        ("Хрущёв", "khrushchev", Tier::Folded),
        ("Kruschev", "khrushchev", Tier::Typo),
        ("Solzhenitsin", "solzhenitsyn", Tier::Folded),
        ("Солженицын", "solzhenitsyn", Tier::Folded),
        ("Зюганов", "zyuganov", Tier::Folded),
        ("Oskemen", "oskemen", Tier::Exact),
        ("Өскемен", "oskemen", Tier::Folded),
        ("Усть-Каменогорск", "oskemen", Tier::Folded),
        ("Петропавловск", "petropavl", Tier::Folded),
        ("Epshtein", "epstein", Tier::Typo),
        ("Zhakibayev", "zhakibaev", Tier::Folded),
        ("Satpaev", "satpayev", Tier::Folded),
        ("Pugachov", "pugachev", Tier::Typo),
        ("Makashev", "makashov", Tier::Typo),
        ("Aliev", "aliyev", Tier::Folded),
        ("Dariya Aslamova", "aslamova", Tier::Folded),
        ("Tselini Krai", "tselinny-krai", Tier::Folded),
        ("Mazhilis", "mazhilis", Tier::Exact),
        ("Majlis", "mazhilis", Tier::Folded),
        ("Magnitogrosk", "magnitka", Tier::Typo),
        ("Kazakstan", "kazakhstan", Tier::Typo),
    ];

    #[test]
    fn misspellings_and_transliterations_put_the_entity_first() {
        let c = builtin::load().unwrap();
        let idx = FinderIndex::new(&c);
        let mut wrong = Vec::new();
        for &(query, id, tier) in FORGIVEN {
            let hits = idx.rank(query);
            let got: Vec<String> =
                hits.iter().take(3).map(|h| format!("{} {:?}", c.entity(h.entity).id, h.tier)).collect();
            match hits.first() {
                Some(h) if c.entity(h.entity).id == id && h.tier == tier => {}
                _ => wrong.push(format!("{query:?}: wanted {id} {tier:?}, got {got:?} of {}", hits.len())),
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn what_is_not_forgiven_is_not_matched() {
        let c = builtin::load().unwrap();
        let idx = FinderIndex::new(&c);
        let ids = |q: &str| idx.rank(q).iter().map(|h| c.entity(h.entity).id.clone()).collect::<Vec<_>>();
        // No typo is forgiven in a word of three or four letters: they do not flood the list.
        for q in ["pyt", "ptn", "kzk", "xqz", "tkv", "mskw", "zhrv"] {
            assert!(idx.rank(q).iter().all(|h| h.tier != Tier::Typo), "{q}");
        }
        assert!(ids("zqxwv").is_empty());
        assert!(ids("qqqqqqqq").is_empty());
        // A typo finds its name and no other.
        assert_eq!(ids("putine"), ["putin"]);
        assert_eq!(ids("zhirinovksy"), ["zhirinovsky"]);
        // Names one or two letters apart are not confused for them.
        for (q, not) in [
            ("Berlin", "kremlin"),
            ("Tokio", "tokayev"),
            ("Moskva", "mazhilis"),
            ("Oral", "ural-region"),
            ("Putilov", "putin"),
        ] {
            assert!(!ids(q).contains(&not.to_string()), "{q} found {not}");
        }
        // Every forgiven query finds a few entities at most (Kazakstan: the
        // 14 named with the word Kazakhstan).
        for &(q, _, _) in FORGIVEN {
            let n = idx.rank(q).len();
            assert!(n <= 14, "{q} found {n}");
        }
    }

    #[test]
    fn exact_names_rank_as_before() {
        // A name or alias typed as it is never reaches the word tiers: the
        // ranking is fuzzy-matcher's, with the exact names first.
        let c = builtin::load().unwrap();
        let idx = FinderIndex::new(&c);
        for e in c.entities() {
            for name in e.names() {
                let hits = idx.rank(name);
                assert!(hits.iter().all(|h| h.tier <= Tier::Subsequence), "{name}");
                assert_eq!(hits[0].tier, Tier::Exact, "{name}");
                let rest: Vec<i64> = hits.iter().filter(|h| h.tier == Tier::Subsequence).map(|h| h.score).collect();
                assert!(rest.windows(2).all(|w| w[0] >= w[1]), "{name}");
            }
        }
    }

    #[test]
    fn word_matches_highlight_their_words() {
        let c = builtin::load().unwrap();
        let idx = FinderIndex::new(&c);
        let hit = &idx.rank("vladislav yuritsin")[0];
        assert_eq!((hit.tier, hit.which), (Tier::Folded, 0));
        assert_eq!(idx.positions(&c, hit, "vladislav yuritsin"), (0..18).filter(|&i| i != 9).collect::<Vec<_>>());
        let hit = &idx.rank("putine")[0];
        assert_eq!((hit.tier, hit.matched(&c)), (Tier::Typo, "Putin"));
        assert_eq!(idx.positions(&c, hit, "putine"), vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn lookup_takes_another_spelling_of_a_whole_name() {
        let c = builtin::load().unwrap();
        let idx = FinderIndex::new(&c);
        for (name, id) in [
            ("Tokaiev", "tokayev"),
            ("Toqayev", "tokayev"),
            ("Жириновский", "zhirinovsky"),
            ("nazarbaev", "nazarbayev"),
        ] {
            assert_eq!(c.entity(lookup(&c, &idx, name).unwrap()).id, id, "{name}");
        }
        // A typo is not taken for a name, but suggested.
        let err = lookup(&c, &idx, "putine").unwrap_err();
        assert_eq!(err.to_string(), "no entity has that id, name or alias; closest: Vladimir Putin (putin)");
    }

    #[test]
    fn the_word_tiers_wait_for_their_index_a_step_at_a_time() {
        // A corpus large enough for the word index to be built on another thread.
        let entities: Vec<_> = (0..12_000)
            .map(|i| serde_json::json!({"id": format!("e{i}"), "name": format!("Name{i} Kostanay{i}"), "kind": "place", "aliases": [format!("Alias{i}")]}))
            .collect();
        let json = serde_json::json!({"documents": [{"id": "d", "text": "x"}], "entities": entities});
        let c = crate::data::load::load_sources(&[crate::data::load::Source::new("t.json", json.to_string())], "t")
            .unwrap();
        let idx = FinderIndex::new(&c);
        assert!(idx.len() >= BACKGROUND_FROM);
        let mut search = idx.start("Костанай117", None);
        while !search.step_for(&idx, STEP_TIME) {}
        let first = &search.hits()[0];
        assert_eq!((c.entity(first.entity).id.as_str(), first.tier), ("e117", Tier::Folded));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Any name or alias typed as it is (in any case) comes first, in
        /// corpora of made-up names in Latin and Cyrillic letters.
        #[test]
        fn a_name_typed_exactly_comes_first(
            names in proptest::collection::vec(
                proptest::collection::vec("(ka|zo|ri|ta|nu|bek|ov|sen|al|mi|кa|зо|ри|ёв|y|kh|ts)", 1..4), 2..40),
            pick in 0usize..1000,
            upper in proptest::bool::ANY,
        ) {
            let entities: Vec<_> = names.chunks(2).enumerate().map(|(i, pair)| {
                let aliases: Vec<String> = pair[1..].iter().map(|n| n.concat()).collect();
                serde_json::json!({"id": format!("e{i}"), "name": format!("{} {}", pair[0].concat(), pair[0][0]), "kind": "person", "aliases": aliases})
            }).collect();
            let json = serde_json::json!({"documents": [{"id": "d", "text": "x"}], "entities": entities});
            let c = crate::data::load::load_sources(&[crate::data::load::Source::new("t.json", json.to_string())], "t").unwrap();
            let idx = FinderIndex::new(&c);
            let all: Vec<(usize, String)> = c.entity_indices().flat_map(|e| c.entity(e).names().map(move |n| (e.index(), n.to_string())).collect::<Vec<_>>()).collect();
            let (_, name) = &all[pick % all.len()];
            let query = if upper { name.to_uppercase() } else { name.clone() };
            let hits = idx.rank(&query);
            proptest::prop_assert_eq!(hits[0].tier, Tier::Exact);
            let first = c.entity(hits[0].entity);
            proptest::prop_assert!(first.names().any(|n| fold(n) == fold(name)), "{} first for {}", first.name, name);
        }
    }
}
