//! Finding entities by name: the ranking behind `Ctrl-p` and `dossier
//! find`, and the lookup behind `--entity NAME` and `dossier entity NAME`.
//!
//! fuzzy-matcher folds case for ASCII only, so every name and alias is
//! folded here, character for character (so match positions in the folded
//! key are positions in the name), and the query likewise: `толег` finds
//! `Аслан Толегенов`, and `dar'ya` finds `Dar’ya` (quotes and dashes fold
//! as in every search, see [`crate::text::fold`]).
//!
//! The finder forgives (see [`tiers`]): an exact name first, then
//! fuzzy-matcher's subsequence matches; and when those find nothing good,
//! names whose words match the query's in a common Latin form
//! ([`translit`]: `астана` finds Astana, `Jirinovski` Zhirinovsky), then
//! names within an edit or two ([`typo`]: `putine` finds Putin). Each hit
//! says how it matched ([`Tier`]).
//!
//! Ranking is a [`Ranking`] that advances in bounded steps, so a corpus of a
//! million entities never blocks the screen: the explorer runs a step
//! between keystrokes and shows what has been found so far. Three things
//! keep the work small: a 64-bit mask of each name's characters rejects
//! names that cannot match before fuzzy-matcher is asked; a query that
//! extends the previous one only looks at the names that matched it; and
//! matched positions are computed only for the rows on screen. The word
//! index of the later tiers is built on another thread for a large corpus,
//! while the first queries are typed; a search that needs it before it is
//! ready waits for it a step at a time.

mod lookup;
mod tiers;
mod translit;
mod typo;

use std::cmp::Reverse;
use std::sync::{Arc, Mutex, OnceLock, mpsc};
use std::time::{Duration, Instant};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

pub use lookup::{LookupError, lookup};
pub use tiers::Tier;
use tiers::{SCATTERED, WordPass};
use typo::WordIndex;

use crate::data::model::{Corpus, EntityIdx};
use crate::support::parallel;

/// Folds quotes, dashes and case one character to one character, keeping
/// positions aligned: the folding every search shares ([`crate::text::fold`]).
pub fn fold(s: &str) -> String {
    crate::text::fold::fold(s)
}

/// A bit per character class: a name can only match a query whose bits it has.
pub(crate) fn mask(folded: &str) -> u64 {
    folded.chars().filter(|c| !c.is_whitespace()).fold(0, |m, c| m | 1 << (c as u32 % 64))
}

/// fuzzy-matcher's score for a one-character pattern, computed directly.
///
/// For one character, SkimMatcherV2's alignment reduces to
/// `score_match + gap_extension + max(bonus)` over the places the character
/// occurs, where the bonus depends on the character before: the first
/// character gets the head bonus doubled, one after a hard separator the
/// head bonus, one after other punctuation the break bonus, and (names being
/// folded to lower case) no other. That is 15 + 16, 15 + 8, 15 + 7 or 15.
/// The first keystroke of every query is a one-character pattern over every
/// name, so this is where the finder's time goes; the test
/// `single_character_scores_are_fuzzy_matchers` holds it to the library.
pub(crate) fn single_char_score(folded: &str, c: char) -> Option<i64> {
    let hard = |p: char| matches!(p, ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}');
    let soft = |p: char| matches!(p, '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~');
    let mut best: Option<i64> = None;
    let mut prev: Option<char> = None;
    for ch in folded.chars() {
        if ch == c {
            let bonus = match prev {
                None => 16,
                Some(p) if hard(p) => 8,
                Some(p) if soft(p) => 7,
                Some(_) => 0,
            };
            if best.is_none_or(|b| bonus > b) {
                best = Some(bonus);
                if bonus == 16 {
                    break;
                }
            }
        }
        prev = Some(ch);
    }
    best.map(|b| 15 + b)
}

/// The longest query matched, in characters. Fuzzy matching costs the
/// query's length times the name's, in time and (for the highlighted
/// positions) in memory; no one types more than this into a finder.
pub const MAX_QUERY: usize = 128;

/// How much of a name or alias is matched, in characters: no name is
/// longer, and a row shows less. A 10 MB name (a corpus can hold one) costs
/// what a name of this length costs.
pub const MAX_NAME: usize = 256;

/// The first `max` characters of `s`.
pub(crate) fn head(s: &str, max: usize) -> &str {
    s.char_indices().nth(max).map_or(s, |(i, _)| &s[..i])
}

/// One searchable name: an entity's name (`which == 0`) or alias (`which == i + 1`).
struct Key {
    entity: u32,
    which: u32,
    mask: u64,
    /// The whole name folded (for exact lookup); its first [`MAX_NAME`]
    /// characters are what is matched.
    folded: Box<str>,
    matched: u32,
}

impl Key {
    fn matched(&self) -> &str {
        &self.folded[..self.matched as usize]
    }
}

/// From this many names and aliases, the word index is built on another
/// thread (the large corpus's 226,769 take 150–180 ms of CPU; the built-in
/// corpus's few hundred, well under a millisecond).
const BACKGROUND_FROM: usize = 20_000;

/// The folded names and aliases of every entity, built once per corpus.
pub struct FinderIndex {
    /// Shared with the thread that builds the word index.
    keys: Arc<Vec<Key>>,
    matcher: SkimMatcherV2,
    /// Mentions per entity, and each entity's place in name order: the tie-breakers.
    mentions: Vec<u32>,
    name_rank: Vec<u32>,
    /// Every entity, most mentioned first: the answer to an empty query.
    by_mentions: Vec<EntityIdx>,
    /// The words of every name in Latin form, for the folded and typo
    /// tiers; while it is being built, where it will come from.
    words: OnceLock<WordIndex>,
    pending: Mutex<Option<mpsc::Receiver<WordIndex>>>,
}

/// One ranked entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub entity: EntityIdx,
    /// fuzzy-matcher's score (exact and subsequence matches); for folded
    /// and typo matches, minus eight per edit and one per word of the name
    /// left unmatched (a folded match scores 0 to -7, a typo -8 or less).
    pub score: i64,
    /// 0 when the name matched best, `i + 1` for alias `i`.
    pub which: usize,
    /// How it matched.
    pub tier: Tier,
    /// For folded and typo matches, which words of the name or alias
    /// matched (bit `j` for word `j`), for highlighting.
    pub words: u64,
}

impl Hit {
    /// The name or alias that matched.
    pub fn matched<'c>(&self, corpus: &'c Corpus) -> &'c str {
        let e = corpus.entity(self.entity);
        if self.which == 0 { &e.name } else { &e.aliases[self.which - 1] }
    }
}

/// How long a step of the explorer's finder aims to take: well under a frame.
pub const STEP_TIME: std::time::Duration = std::time::Duration::from_millis(6);

/// Where the folded and typo tiers are.
enum Words {
    /// The subsequence tier is under way.
    NotYet,
    /// It found nothing good: waiting for the word index.
    Waiting,
    Pass(WordPass),
    Done,
}

/// A ranking under way, or finished.
pub struct Ranking {
    /// The folded query, and its character when it is just one.
    pattern: String,
    single: Option<char>,
    pattern_mask: u64,
    /// How many of the best hits to keep (and rank) in the end.
    keep: usize,
    /// The keys to look at (indices into the index's keys, ascending), or all of them.
    candidates: Option<Vec<u32>>,
    /// How far through the candidates the search has got.
    next: usize,
    /// The keys that matched so far, for narrowing the next search.
    matched_keys: Vec<u32>,
    /// The entity whose keys are being looked at, and its best match so
    /// far: (entity, tier rank, score, which).
    current: Option<(u32, u8, i64, u32)>,
    /// How many entities match so far.
    found: usize,
    /// The best hits so far with their rank order (ascending is best first),
    /// cut back to `keep` now and then; sorted when the search is done.
    best: Vec<(u128, Hit)>,
    /// The ranked hits once done; before, the best few found so far.
    shown: Vec<Hit>,
    words: Words,
    done: bool,
}

impl std::fmt::Debug for Ranking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ranking")
            .field("pattern", &self.pattern)
            .field("next", &self.next)
            .field("found", &self.found)
            .field("done", &self.done)
            .finish()
    }
}

/// How many of the best hits the explorer's finder keeps: more than anyone scrolls.
pub const KEEP: usize = 10_000;

/// How many of the best hits so far a search under way shows.
pub const PREVIEW: usize = 200;

/// A batch of at least this many names is shared between two threads.
const PARALLEL_FROM: usize = 2_048;

/// Names scored between looks at the clock in [`Ranking::step_for`].
const SUB_STEP: usize = 4_096;

/// `a` (tier rank, score) is a better match than `b`.
fn better(a: (u8, i64), b: (u8, i64)) -> bool {
    a.0 < b.0 || (a.0 == b.0 && a.1 > b.1)
}

impl FinderIndex {
    pub fn new(corpus: &Corpus) -> FinderIndex {
        let mut keys = Vec::with_capacity(corpus.entities().len() * 2);
        for idx in corpus.entity_indices() {
            for (which, name) in corpus.entity(idx).names().enumerate() {
                let folded = fold(name);
                let matched = head(&folded, MAX_NAME).len() as u32;
                let mask = mask(&folded[..matched as usize]);
                keys.push(Key { entity: idx.0, which: which as u32, mask, folded: folded.into(), matched });
            }
        }
        let keys = Arc::new(keys);
        let (words, pending) = Self::start_words(&keys);
        let mentions: Vec<u32> = corpus.entity_indices().map(|e| corpus.mention_count(e) as u32).collect();
        let mut by_name: Vec<EntityIdx> = corpus.entity_indices().collect();
        by_name.sort_by(|&a, &b| corpus.entity(a).name.cmp(&corpus.entity(b).name));
        let mut name_rank = vec![0u32; by_name.len()];
        for (rank, e) in by_name.iter().enumerate() {
            name_rank[e.index()] = rank as u32;
        }
        let mut by_mentions = by_name;
        by_mentions.sort_by_key(|e| (Reverse(mentions[e.index()]), name_rank[e.index()]));
        FinderIndex {
            keys,
            matcher: SkimMatcherV2::default().ignore_case(),
            mentions,
            name_rank,
            by_mentions,
            words,
            pending: Mutex::new(pending),
        }
    }

    /// The word index at once for a small corpus; for a large one, a
    /// thread building it (or, if no thread can be had, at once).
    fn start_words(keys: &Arc<Vec<Key>>) -> (OnceLock<WordIndex>, Option<mpsc::Receiver<WordIndex>>) {
        let build = |keys: &[Key]| WordIndex::build(keys.iter().map(Key::matched));
        if keys.len() >= BACKGROUND_FROM {
            let (tx, rx) = mpsc::channel();
            let shared = Arc::clone(keys);
            let spawned = std::thread::Builder::new().name("finder words".into()).spawn(move || {
                let _ = tx.send(WordIndex::build(shared.iter().map(Key::matched)));
            });
            if spawned.is_ok() {
                return (OnceLock::new(), Some(rx));
            }
        }
        (OnceLock::from(build(keys)), None)
    }

    /// The word index: at once if built, else waiting for it at most
    /// `wait` (`None`: until it is).
    fn word_index(&self, wait: Option<Duration>) -> Option<&WordIndex> {
        if let Some(w) = self.words.get() {
            return Some(w);
        }
        let mut pending = self.pending.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(rx) = pending.as_ref() {
            let got = match wait {
                None => rx.recv().map_err(|_| mpsc::RecvTimeoutError::Disconnected),
                Some(d) => rx.recv_timeout(d),
            };
            match got {
                Ok(w) => {
                    let _ = self.words.set(w);
                    *pending = None;
                }
                Err(mpsc::RecvTimeoutError::Timeout) => return None,
                // The thread died: build it here.
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    let _ = self.words.set(WordIndex::build(self.keys.iter().map(Key::matched)));
                    *pending = None;
                }
            }
        }
        self.words.get()
    }

    /// Waits until the word index of the folded and typo tiers is built
    /// (for benchmarks: a search that needs it waits a step at a time).
    pub fn wait_for_words(&self) {
        self.word_index(None);
    }

    /// Names and aliases indexed.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The key a hit matched.
    fn key_of(&self, hit: &Hit) -> &Key {
        let first = self.keys.partition_point(|k| k.entity < hit.entity.0);
        &self.keys[first + hit.which]
    }

    /// Starts ranking `query`, to keep the best [`KEEP`] hits. A search for a
    /// query that extends a finished `previous` one looks only at the names
    /// that matched it.
    pub fn start(&self, query: &str, previous: Option<Ranking>) -> Ranking {
        self.start_keeping(query, previous, KEEP)
    }

    /// [`FinderIndex::start`], keeping the best `keep` hits.
    pub fn start_keeping(&self, query: &str, previous: Option<Ranking>, keep: usize) -> Ranking {
        let pattern = fold(head(query.trim(), MAX_QUERY));
        // The previous search's matches become this one's candidates (taken, not copied).
        let narrowed = previous
            .filter(|p| p.done && !p.pattern.is_empty() && pattern.starts_with(&p.pattern))
            .map(|p| p.matched_keys);
        let mut chars = pattern.chars();
        let single = match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        };
        let mut search = Ranking {
            pattern_mask: mask(&pattern),
            single,
            pattern,
            keep: keep.max(1),
            candidates: narrowed,
            next: 0,
            matched_keys: Vec::new(),
            current: None,
            found: 0,
            best: Vec::new(),
            shown: Vec::new(),
            words: Words::NotYet,
            done: false,
        };
        if search.pattern.is_empty() {
            search.found = self.by_mentions.len();
            search.shown = self
                .by_mentions
                .iter()
                .take(keep)
                .map(|&entity| Hit { entity, score: 0, which: 0, tier: Tier::Subsequence, words: 0 })
                .collect();
            search.done = true;
        }
        search
    }

    /// Ranks `query` to the end: entities matching it, best first — by
    /// tier, then score, then how often they are mentioned, then by name. An
    /// empty query lists every entity, most mentioned first.
    pub fn rank(&self, query: &str) -> Vec<Hit> {
        self.rank_top(query, usize::MAX)
    }

    /// The best `n` of [`FinderIndex::rank`].
    pub fn rank_top(&self, query: &str, n: usize) -> Vec<Hit> {
        let mut search = self.start_keeping(query, None, n);
        while !search.step(self, usize::MAX) {}
        search.shown
    }

    /// The order of a hit: ascending is best first (tier, score, then mentions, then name).
    fn order(&self, entity: u32, tier: u8, score: i64) -> u128 {
        let score = (i32::MAX as i64 - score.clamp(-(i32::MAX as i64), i32::MAX as i64)) as u128;
        let mentions = (u32::MAX - self.mentions[entity as usize]) as u128;
        ((tier as u128) << 100) | (score << 64) | (mentions << 32) | self.name_rank[entity as usize] as u128
    }

    /// The positions (in characters) of what matched in the name or alias
    /// that matched, within the part of it that is matched: the query's
    /// characters for an exact or subsequence match, the words that
    /// matched for a folded or typo one.
    pub fn positions(&self, corpus: &Corpus, hit: &Hit, query: &str) -> Vec<usize> {
        let folded = fold(head(hit.matched(corpus), MAX_NAME));
        if matches!(hit.tier, Tier::Folded | Tier::Typo) {
            return translit::word_ranges(&folded)
                .into_iter()
                .enumerate()
                .filter(|&(j, _)| j < 64 && hit.words >> j & 1 == 1)
                .flat_map(|(_, r)| r)
                .collect();
        }
        let pattern = fold(head(query.trim(), MAX_QUERY));
        self.matcher.fuzzy_indices(&folded, &pattern).map(|(_, p)| p).unwrap_or_default()
    }
}

impl Ranking {
    /// Looks at up to `budget` more names. Returns whether the search is done;
    /// when it is, its hits are in rank order.
    pub fn step(&mut self, index: &FinderIndex, budget: usize) -> bool {
        if !self.done {
            let complete = self.advance(index, budget, None);
            self.settle(complete);
        }
        self.done
    }

    /// Looks at names for about `time` (a little more: the names in hand are
    /// finished), then as [`Ranking::step`]. The screen waits no longer.
    pub fn step_for(&mut self, index: &FinderIndex, time: std::time::Duration) -> bool {
        if self.done {
            return true;
        }
        let deadline = Instant::now() + time;
        let mut complete;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            complete = self.advance(index, SUB_STEP, Some(left));
            if complete || Instant::now() >= deadline {
                break;
            }
        }
        self.settle(complete);
        self.done
    }

    /// Does up to `budget` more work: scoring names, then (when that found
    /// nothing good) the folded and typo tiers. Returns whether all is done.
    /// Waits for the word index at most `wait` (`None`: until it is built).
    fn advance(&mut self, index: &FinderIndex, budget: usize, wait: Option<Duration>) -> bool {
        if self.next < self.total(index) {
            self.scan_batch(index, budget);
            if self.next < self.total(index) {
                return false;
            }
        }
        if let Words::NotYet = self.words {
            self.flush(index);
            let best = self.best.iter().min_by_key(|(order, _)| *order).map(|(_, h)| h);
            let wanted = best.is_none_or(|h| !tiers::good(index, h, &self.pattern));
            self.words = if wanted { Words::Waiting } else { Words::Done };
        }
        if let Words::Waiting = self.words {
            let Some(words_index) = index.word_index(wait) else { return false };
            self.words = match WordPass::new(words_index, &self.pattern) {
                Some(pass) => {
                    // Scattered subsequence matches rank after the word tiers.
                    for (order, hit) in &mut self.best {
                        *order = index.order(hit.entity.0, SCATTERED, hit.score);
                    }
                    Words::Pass(pass)
                }
                None => Words::Done,
            };
            return matches!(self.words, Words::Done);
        }
        if let Words::Pass(pass) = &mut self.words {
            let words_index = index.word_index(None).expect("the word index is built");
            if !pass.advance(index, words_index, budget) {
                return false;
            }
            let found = std::mem::take(&mut pass.found);
            self.words = Words::Done;
            self.merge_word_hits(index, found);
        }
        true
    }

    /// The folded and typo hits, in place of the same entities' scattered
    /// subsequence matches.
    fn merge_word_hits(&mut self, index: &FinderIndex, found: Vec<Hit>) {
        let mut matched = vec![0u64; index.mentions.len().div_ceil(64)];
        for &k in &self.matched_keys {
            let e = index.keys[k as usize].entity as usize;
            matched[e / 64] |= 1 << (e % 64);
        }
        let mut replaced = vec![0u64; matched.len()];
        for hit in &found {
            let e = hit.entity.index();
            replaced[e / 64] |= 1 << (e % 64);
            if matched[e / 64] >> (e % 64) & 1 == 0 {
                self.found += 1;
            }
        }
        self.best.retain(|(_, h)| replaced[h.entity.index() / 64] >> (h.entity.index() % 64) & 1 == 0);
        for hit in found {
            self.best.push((index.order(hit.entity.0, hit.tier.rank(), hit.score), hit));
        }
        if self.best.len() > self.keep.saturating_mul(2) {
            self.cut(self.keep);
        }
    }

    /// Scores up to `budget` more names; a large batch is shared between
    /// two threads, each scanning half.
    fn scan_batch(&mut self, index: &FinderIndex, budget: usize) {
        let total = self.total(index);
        let end = self.next.saturating_add(budget).min(total);
        let (start, mid) = (self.next, self.next + (end - self.next) / 2);
        let (mut runs, mut keys) = if end - start >= PARALLEL_FROM && parallel::two_cores() {
            let ((mut runs, mut keys), (more_runs, more_keys)) = parallel::both(
                "a finder thread panicked",
                || self.scan(index, start..mid),
                || self.scan(index, mid..end),
            );
            runs.extend(more_runs);
            keys.extend(more_keys);
            (runs, keys)
        } else {
            self.scan(index, start..end)
        };
        self.matched_keys.append(&mut keys);
        // Join the runs: an entity's names may straddle a step or the two halves.
        for (entity, tier, score, which) in self.current.take().into_iter().chain(runs.drain(..)) {
            match &mut self.current {
                Some((e, best_tier, best, w)) if *e == entity => {
                    if better((tier, score), (*best_tier, *best)) {
                        (*best_tier, *best, *w) = (tier, score, which);
                    }
                }
                _ => {
                    self.flush(index);
                    self.current = Some((entity, tier, score, which));
                }
            }
        }
        self.next = end;
        // Never more than twice what is kept.
        if self.best.len() > self.keep.saturating_mul(2) {
            self.cut(self.keep);
        }
    }

    fn total(&self, index: &FinderIndex) -> usize {
        self.candidates.as_ref().map_or(index.keys.len(), Vec::len)
    }

    /// After working: the final ranking when all is done, else the best few
    /// found so far, in order, to show meanwhile.
    fn settle(&mut self, complete: bool) {
        if complete {
            self.cut(self.keep);
            self.best.sort_unstable_by_key(|(order, _)| *order);
            self.shown = self.best.drain(..).map(|(_, h)| h).collect();
            self.done = true;
        } else {
            let mut preview = self.best.clone();
            let n = PREVIEW.min(preview.len());
            if n > 0 && n < preview.len() {
                preview.select_nth_unstable_by_key(n - 1, |(order, _)| *order);
            }
            preview.truncate(n);
            preview.sort_unstable_by_key(|(order, _)| *order);
            self.shown = preview.into_iter().map(|(_, h)| h).collect();
        }
    }

    /// Keeps only the best `n` hits (in no particular order).
    fn cut(&mut self, n: usize) {
        if self.best.len() > n {
            self.best.select_nth_unstable_by_key(n, |(order, _)| *order);
            self.best.truncate(n);
        }
    }

    /// Scores the candidates in `range`: for each run of one entity's names,
    /// its best (entity, tier rank, score, which), in order; and the keys that matched.
    #[allow(clippy::type_complexity)]
    fn scan(&self, index: &FinderIndex, range: std::ops::Range<usize>) -> (Vec<(u32, u8, i64, u32)>, Vec<u32>) {
        let mut runs: Vec<(u32, u8, i64, u32)> = Vec::new();
        let mut keys = Vec::new();
        for i in range {
            let k = match &self.candidates {
                Some(c) => c[i] as usize,
                None => i,
            };
            let key = &index.keys[k];
            if key.mask & self.pattern_mask != self.pattern_mask {
                continue;
            }
            let score = match self.single {
                Some(c) => single_char_score(key.matched(), c),
                None => index.matcher.fuzzy_match(key.matched(), &self.pattern),
            };
            let Some(score) = score else { continue };
            let tier = if key.folded.len() == self.pattern.len() && *key.folded == *self.pattern {
                Tier::Exact
            } else {
                Tier::Subsequence
            };
            keys.push(k as u32);
            match runs.last_mut() {
                // The name comes before its aliases: on a tie, the name stays.
                Some((e, best_tier, best, which)) if *e == key.entity => {
                    if better((tier.rank(), score), (*best_tier, *best)) {
                        (*best_tier, *best, *which) = (tier.rank(), score, key.which);
                    }
                }
                _ => runs.push((key.entity, tier.rank(), score, key.which)),
            }
        }
        (runs, keys)
    }

    fn flush(&mut self, index: &FinderIndex) {
        if let Some((entity, tier, score, which)) = self.current.take() {
            self.found += 1;
            let tier_of = if tier == Tier::Exact.rank() { Tier::Exact } else { Tier::Subsequence };
            let hit = Hit { entity: EntityIdx(entity), score, which: which as usize, tier: tier_of, words: 0 };
            self.best.push((index.order(entity, tier, score), hit));
        }
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The ranking (its best [`KEEP`] hits), once the search is done; before,
    /// the best hits found so far.
    pub fn hits(&self) -> &[Hit] {
        &self.shown
    }

    /// How many entities match (so far).
    pub fn count(&self) -> usize {
        self.found
    }

    /// The folded query this search ranks.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }

    /// How far through its names the search is, from 0 to 1.
    pub fn progress(&self, index: &FinderIndex) -> f64 {
        let total = self.candidates.as_ref().map_or(index.keys.len(), Vec::len);
        match &self.words {
            _ if self.done || total == 0 => 1.0,
            Words::Pass(pass) if pass.total() > 0 => 0.9 + 0.1 * pass.next as f64 / pass.total() as f64,
            Words::Waiting | Words::Pass(_) => 0.9,
            _ => 0.9 * self.next as f64 / total as f64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::{Source, load_sources};

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
        let hits = idx.rank("толег");
        assert_eq!(names(&c, &hits), vec!["tolegenov"]);
        assert_eq!(hits[0].matched(&c), "Аслан Толегенов");
        assert_eq!(idx.positions(&c, &hits[0], "толег"), vec![6, 7, 8, 9, 10]);
        // Upper-case Cyrillic in the query folds too.
        assert_eq!(names(&c, &idx.rank("АЛМАТ")), vec!["almaty"]);
    }

    #[test]
    fn quotes_and_dashes_fold_in_names_and_queries() {
        let json = r#"{
          "documents": [{"id": "d", "text": "Dar’ya Aslamova and Kassym‑Jomart met."}],
          "entities": [
            {"id": "darya", "name": "Dar’ya Aslamova", "kind": "person", "mentions": [{"document": "d", "quote": "Dar’ya Aslamova"}]},
            {"id": "kjt", "name": "Kassym‑Jomart", "kind": "person", "mentions": [{"document": "d", "quote": "Kassym‑Jomart"}]}
          ]
        }"#;
        let c = load_sources(&[Source::new("t.json", json)], "t.json").unwrap();
        let idx = FinderIndex::new(&c);
        assert_eq!(names(&c, &idx.rank("dar'ya"))[0], "darya");
        assert_eq!(names(&c, &idx.rank("kassym-j"))[0], "kjt", "a non-breaking hyphen in the name");
        assert_eq!(lookup(&c, &idx, "DAR'YA ASLAMOVA").unwrap(), c.entity_by_id("darya").unwrap());
    }

    #[test]
    fn best_match_first_and_empty_query_lists_by_mentions() {
        let c = corpus();
        let idx = FinderIndex::new(&c);
        let hits = idx.rank("tok");
        assert_eq!(names(&c, &hits)[0], "tokaev");
        assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
        let all = idx.rank("");
        assert_eq!(all.len(), 4);
        assert_eq!(names(&c, &all)[0], "tolegenov");
        assert!(idx.rank("zzzz").is_empty());
    }

    #[test]
    fn ranking_matches_fuzzy_matcher_on_every_name() {
        // The masks and narrowing only skip work; the ranking is fuzzy-matcher's.
        let c = corpus();
        let idx = FinderIndex::new(&c);
        let matcher = SkimMatcherV2::default().ignore_case();
        for query in ["a", "to", "ен", "kas", "almaty", "t e", "zz"] {
            let mut expected: Vec<(i64, String)> = c
                .entities()
                .iter()
                .filter_map(|e| {
                    let best = e.names().filter_map(|n| matcher.fuzzy_match(&fold(n), &fold(query))).max()?;
                    Some((best, e.id.clone()))
                })
                .collect();
            expected.sort_by_key(|x| Reverse(x.0));
            let got: Vec<(i64, String)> =
                idx.rank(query).iter().map(|h| (h.score, c.entity(h.entity).id.clone())).collect();
            let scores = |v: &[(i64, String)]| v.iter().map(|x| x.0).collect::<Vec<_>>();
            assert_eq!(scores(&got), scores(&expected), "query {query:?}");
            let mut a: Vec<_> = got.iter().map(|x| &x.1).collect();
            let mut b: Vec<_> = expected.iter().map(|x| &x.1).collect();
            a.sort();
            b.sort();
            assert_eq!(a, b, "query {query:?}");
        }
    }

    #[test]
    fn steps_and_narrowing_give_the_same_ranking() {
        let c = corpus();
        let idx = FinderIndex::new(&c);
        let mut first = idx.start("t", None);
        let mut steps = 0;
        while !first.step(&idx, 1) {
            steps += 1;
        }
        assert!(steps >= idx.len() - 1, "one name per step");
        assert_eq!(first.hits(), idx.rank("t").as_slice());
        let mut narrowed = idx.start("to", Some(first));
        assert!(narrowed.candidates.as_ref().unwrap().len() < idx.len(), "narrowed to the names that matched t");
        while !narrowed.step(&idx, 2) {}
        assert_eq!(narrowed.hits(), idx.rank("to").as_slice());
        // A query that does not extend the previous one starts over.
        let fresh = idx.start("a", Some(narrowed));
        assert!(fresh.candidates.is_none());
    }

    /// Enough names for steps to be shared between threads, with entities
    /// whose names straddle step and thread boundaries.
    #[test]
    fn parallel_steps_give_the_reference_ranking() {
        let syllables = ["ka", "zo", "ri", "ta", "nu", "bek", "ov", "sen", "al", "mi"];
        let mut entities = Vec::new();
        for i in 0..7000 {
            let word = |k: usize| format!("{}{}", syllables[(i * 7 + k * 3) % 10], syllables[(i / 10 + k) % 10]);
            entities.push(serde_json::json!({
                "id": format!("e{i}"), "name": format!("{} {} {i}", word(0), word(1)), "kind": "person",
                "aliases": [word(2), format!("{}{}", word(3), i % 97)],
            }));
        }
        let json = serde_json::json!({"documents": [{"id": "d", "text": "x"}], "entities": entities});
        let c = load_sources(&[Source::new("t.json", json.to_string())], "t").unwrap();
        let idx = FinderIndex::new(&c);
        assert!(idx.len() > 2 * PARALLEL_FROM);
        let matcher = SkimMatcherV2::default().ignore_case();
        for query in ["k", "ka", "zori", "bek 12", "ov4"] {
            let mut reference: Vec<(i64, u32, usize)> = c
                .entity_indices()
                .filter_map(|e| {
                    let best = c
                        .entity(e)
                        .names()
                        .enumerate()
                        .filter_map(|(w, n)| matcher.fuzzy_match(&fold(n), &fold(query)).map(|s| (s, w)))
                        .fold(None, |acc: Option<(i64, usize)>, (s, w)| match acc {
                            Some((b, _)) if s <= b => acc,
                            _ => Some((s, w)),
                        })?;
                    Some((best.0, e.0, best.1))
                })
                .collect();
            reference
                .sort_by_key(|&(s, e, _)| (Reverse(s), Reverse(idx.mentions[e as usize]), idx.name_rank[e as usize]));
            // All at once (two threads per step), and in small steps with narrowing on the way.
            let all: Vec<(i64, u32, usize)> = idx.rank(query).iter().map(|h| (h.score, h.entity.0, h.which)).collect();
            assert_eq!(all, reference, "query {query:?}");
            let mut typed = idx.start(&query[..1], None);
            while !typed.step(&idx, 3_000) {}
            for n in 2..=query.len() {
                typed = idx.start(&query[..n], Some(typed));
                while !typed.step(&idx, 3_000) {}
            }
            let stepped: Vec<(i64, u32, usize)> = typed.hits().iter().map(|h| (h.score, h.entity.0, h.which)).collect();
            assert_eq!(stepped, reference, "typed {query:?}");
        }
    }

    #[test]
    fn single_character_scores_are_fuzzy_matchers() {
        let matcher = SkimMatcherV2::default().ignore_case();
        let alphabet: Vec<char> = "ab z1.-/ (]'~@ж!_^`{ё9".chars().collect();
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = 1 + next(12);
            let choice: String = (0..len).map(|_| alphabet[next(alphabet.len())]).collect();
            for &c in &alphabet {
                let expected = matcher.fuzzy_match(&choice, &c.to_string());
                assert_eq!(single_char_score(&choice, c), expected, "{c:?} in {choice:?}");
            }
        }
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
