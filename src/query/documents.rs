//! Finding documents: the fuzzy search behind the document picker (`D`),
//! the orders it lists documents in, and what `:` makes of a number or an
//! id (with completion of ids).
//!
//! Each document is one line to match: its title, id, source, authors and
//! date, folded character for character (case, and the quotes and dashes a
//! reader cannot tell apart: `didn't` finds `didn’t`). A query is words;
//! every word must match the line and the scores add up, so `tolegenov
//! 2024` finds a title and a date in either order. A word found whole
//! scores far above one found only as letters in order (fuzzily, with
//! gaps), and better at the start of a word, and of the line (the title),
//! than inside one. Unlike the entity finder's names, a line is long and
//! fuzzy matching of a short query matches nearly every line, so the score
//! is worked out in one pass with memchr rather than by fuzzy-matcher's
//! alignment. Matching runs in bounded steps ([`DocRanking`], like the
//! finder's), on two cores, skipping lines whose character mask lacks the
//! query's, and looking only at the documents the previous query matched
//! when the new one extends it.

use std::cmp::Reverse;
use std::sync::OnceLock;

use crate::data::model::{Corpus, DocIdx, EntityIdx};
use crate::query::finder::{MAX_QUERY, head, mask};
use crate::support::parallel;
use crate::text::number::thousands;

// Folding one character to one keeps positions in the folded line
// positions in the document's fields; every search shares it.
pub use crate::text::fold::{fold, fold_char};

/// How much of each field is matched, in characters: a row shows less, and
/// a megabyte title costs what a long one does.
const FIELD: usize = 160;

/// Between the fields of a line: a separator, so a word that starts a
/// field scores as one that starts the title.
const SEP: &str = " / ";

/// Lines scored between looks at the clock.
const SUB_STEP: usize = 16_384;

/// A batch of at least this many lines is shared between two threads.
const PARALLEL_FROM: usize = 2_048;

/// One document's line.
struct Line {
    mask: u64,
    folded: Box<str>,
    /// Bytes of the title at the start of the line (for highlighting).
    title: u32,
}

/// Every document's line and counts, built once per corpus.
pub struct DocumentIndex {
    lines: Vec<Line>,
    /// Distinct entities mentioned in each document.
    entities: Vec<u32>,
    /// Folded ids with their documents, sorted: for `:` and its completion.
    ids: Vec<(Box<str>, u32)>,
    /// Each document's place when sorted by date, newest first (made when first asked).
    by_date: OnceLock<Vec<u32>>,
}

impl std::fmt::Debug for DocumentIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocumentIndex").field("documents", &self.lines.len()).finish()
    }
}

/// One document that matches, with its score (0 for an empty query).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocHit {
    pub doc: DocIdx,
    pub score: i64,
}

/// The orders the picker lists documents in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocSort {
    /// Best match first; with no query, corpus order.
    Best,
    Corpus,
    /// Newest first; undated documents last.
    Date,
    /// Most mentions of this entity first.
    Mentions(EntityIdx),
}

impl DocSort {
    /// The next order in the cycle: corpus order is offered apart from the
    /// best match only when there is a query (without one they are the
    /// same), the entity's mentions only when an entity is selected.
    pub fn next(self, has_query: bool, entity: Option<EntityIdx>) -> DocSort {
        let cycle: Vec<DocSort> = [Some(DocSort::Best), has_query.then_some(DocSort::Corpus), Some(DocSort::Date)]
            .into_iter()
            .chain([entity.map(DocSort::Mentions)])
            .flatten()
            .collect();
        let at = cycle.iter().position(|&s| s == self);
        at.map_or(DocSort::Best, |i| cycle[(i + 1) % cycle.len()])
    }

    /// How the picker's title names it.
    pub fn label(self, has_query: bool) -> &'static str {
        match self {
            DocSort::Best if has_query => "best match",
            DocSort::Best | DocSort::Corpus => "corpus order",
            DocSort::Date => "date, newest first",
            DocSort::Mentions(_) => "mentions of the entity",
        }
    }
}

impl DocumentIndex {
    pub fn new(corpus: &Corpus) -> DocumentIndex {
        let line_of = |d: &crate::data::model::Document| {
            let title = fold(head(d.display_title(), FIELD));
            let title_bytes = title.len() as u32;
            let mut line = title;
            let authors: Vec<&str> = d.authors.iter().map(|p| head(&p.name, FIELD)).collect();
            let authors = authors.join(", ");
            for field in
                [d.id.as_str(), d.source.as_deref().unwrap_or(""), &authors, d.published.as_deref().unwrap_or("")]
            {
                if !field.is_empty() {
                    line.push_str(SEP);
                    line.push_str(&fold(head(field, FIELD)));
                }
            }
            Line { mask: mask(&line), folded: line.into(), title: title_bytes }
        };
        // Two halves on two cores: 100,000 documents' lines take a while to fold.
        let docs = corpus.documents();
        let (first, second) = docs.split_at(docs.len() / 2);
        let (mut lines, rest) = if docs.len() >= PARALLEL_FROM && parallel::two_cores() {
            parallel::both(
                "a thread indexing documents panicked",
                || first.iter().map(line_of).collect::<Vec<Line>>(),
                || second.iter().map(line_of).collect::<Vec<Line>>(),
            )
        } else {
            (docs.iter().map(line_of).collect(), Vec::new())
        };
        lines.extend(rest);
        let mut entities = vec![0u32; corpus.documents().len()];
        let mut last = vec![u32::MAX; corpus.entities().len()];
        for m in corpus.mentions() {
            let seen = &mut last[m.entity.index()];
            if *seen != m.doc.0 {
                *seen = m.doc.0;
                entities[m.doc.index()] += 1;
            }
        }
        let mut ids: Vec<(Box<str>, u32)> =
            corpus.documents().iter().enumerate().map(|(i, d)| (fold(&d.id).into(), i as u32)).collect();
        ids.sort_unstable();
        DocumentIndex { lines, entities, ids, by_date: OnceLock::new() }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// How many distinct entities the document mentions.
    pub fn entity_count(&self, d: DocIdx) -> usize {
        self.entities[d.index()] as usize
    }

    /// Starts matching `query`. `allowed`, when given, says which documents
    /// may be listed at all (one flag per document: the pinned entities'
    /// filter); a `previous` ranking is narrowed only if it was made with
    /// the same `allowed`. A query that extends a finished `previous` one
    /// looks only at the documents that matched it.
    pub fn start(&self, query: &str, previous: Option<DocRanking>, allowed: Option<&[bool]>) -> DocRanking {
        let pattern = fold(head(query.trim(), MAX_QUERY));
        let words: Vec<Word> = pattern.split_whitespace().map(Word::new).collect();
        let narrowed = previous
            .filter(|p| p.done && !p.pattern.is_empty() && pattern.starts_with(&p.pattern))
            .map(|p| p.hits.iter().map(|h| h.doc.0).collect::<Vec<u32>>());
        let allow = |d: usize| allowed.is_none_or(|a| a.get(d).copied().unwrap_or(false));
        let candidates = narrowed
            .or_else(|| allowed.map(|_| (0..self.lines.len()).filter(|&d| allow(d)).map(|d| d as u32).collect()));
        let digits: String = pattern.chars().filter(|c| !matches!(c, ',' | '_')).collect();
        let number = (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
            .then(|| digits.parse::<usize>().ok())
            .flatten()
            .filter(|&n| (1..=self.lines.len()).contains(&n) && allow(n - 1))
            .map(|n| DocIdx::from_index(n - 1));
        let mut ranking = DocRanking {
            mask: words.iter().fold(0, |m, w| m | mask(&w.text)),
            pattern,
            words,
            candidates,
            next: 0,
            hits: Vec::new(),
            number,
            done: false,
        };
        if ranking.words.is_empty() {
            ranking.hits = match &ranking.candidates {
                Some(c) => c.iter().map(|&d| DocHit { doc: DocIdx(d), score: 0 }).collect(),
                None => (0..self.lines.len()).map(|d| DocHit { doc: DocIdx::from_index(d), score: 0 }).collect(),
            };
            ranking.done = true;
        }
        ranking
    }

    /// Matches `query` to the end (see [`DocumentIndex::start`]).
    pub fn rank(&self, query: &str, allowed: Option<&[bool]>) -> Vec<DocHit> {
        let mut ranking = self.start(query, None, allowed);
        while !ranking.step(self, usize::MAX) {}
        ranking.hits
    }

    /// The characters of the document's title that `query` matched (for
    /// highlighting the rows on screen).
    pub fn title_positions(&self, d: DocIdx, query: &str) -> Vec<usize> {
        let line = &self.lines[d.index()];
        let title = &line.folded[..line.title as usize];
        let pattern = fold(head(query.trim(), MAX_QUERY));
        let mut bytes: Vec<usize> = Vec::new();
        for w in pattern.split_whitespace() {
            match whole(line.folded.as_bytes(), &Word::new(w)) {
                Some((at, _)) => bytes.extend(w.char_indices().map(|(i, _)| at + i)),
                None => bytes.extend(in_order(line.folded.as_bytes(), w).unwrap_or_default()),
            }
        }
        let mut positions: Vec<usize> =
            bytes.into_iter().filter(|&b| b < title.len()).map(|b| title[..b].chars().count()).collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }

    /// The hits in an order.
    pub fn sorted(&self, corpus: &Corpus, hits: &[DocHit], sort: DocSort) -> Vec<DocIdx> {
        let mut hits = hits.to_vec();
        match sort {
            DocSort::Best => hits.sort_unstable_by_key(|h| (Reverse(h.score), h.doc)),
            DocSort::Corpus => hits.sort_unstable_by_key(|h| h.doc),
            DocSort::Date => {
                let rank = self.by_date.get_or_init(|| date_ranks(corpus));
                hits.sort_unstable_by_key(|h| rank[h.doc.index()]);
            }
            DocSort::Mentions(e) => {
                let mut counts = vec![0u32; self.lines.len()];
                for (d, n) in corpus.entity_doc_counts(e) {
                    counts[d.index()] = n as u32;
                }
                hits.sort_unstable_by_key(|h| (Reverse(counts[h.doc.index()]), h.doc));
            }
        }
        hits.into_iter().map(|h| h.doc).collect()
    }

    /// The folded ids that start with the folded `typed`, with their documents, in order.
    pub fn ids_starting(&self, typed: &str) -> &[(Box<str>, u32)] {
        let prefix = fold(typed.trim());
        let start = self.ids.partition_point(|(id, _)| **id < *prefix);
        let end = self.ids.partition_point(|(id, _)| **id < *prefix || id.starts_with(prefix.as_str()));
        &self.ids[start..end]
    }

    /// What Tab first makes of `typed`: the longest start that every id
    /// beginning with it shares, when that is longer than what is typed.
    pub fn common_start(&self, corpus: &Corpus, typed: &str) -> Option<String> {
        let found = self.ids_starting(typed);
        let (first, last) = (found.first()?, found.last()?);
        // Sorted: what the first and last share, all share.
        let shared = first.0.chars().zip(last.0.chars()).take_while(|(a, b)| a == b).count();
        (shared > fold(typed.trim()).chars().count()).then(|| {
            let id = &corpus.doc(DocIdx(first.1)).id;
            id.chars().take(shared).collect()
        })
    }

    /// The document `input` names: a number from 1 (`5000`, `5,000`), an
    /// id (any case), or the start of exactly one id. Else what to say.
    pub fn resolve(&self, corpus: &Corpus, input: &str) -> Result<DocIdx, String> {
        let typed = input.trim();
        let n = corpus.documents().len();
        if typed.is_empty() {
            return Err("type a document's number or id".into());
        }
        let digits: String = typed.chars().filter(|c| !matches!(c, ',' | '_')).collect();
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            if let Some(k) = digits.parse::<usize>().ok().filter(|k| (1..=n).contains(k)) {
                return Ok(DocIdx::from_index(k - 1));
            }
            if let Some(d) = corpus.doc_by_id(typed) {
                return Ok(d);
            }
            let docs = if n == 1 { "document" } else { "documents" };
            return Err(format!("no such document: {typed} (the corpus has {} {docs})", thousands(n)));
        }
        if let Some(d) = corpus.doc_by_id(typed) {
            return Ok(d);
        }
        let folded = fold(typed);
        match self.ids_starting(typed) {
            [] => Err(format!("no such document: {typed}")),
            [(_, d)] => Ok(DocIdx(*d)),
            many => match many.iter().filter(|(id, _)| **id == *folded).collect::<Vec<_>>().as_slice() {
                [(_, d)] => Ok(DocIdx(*d)),
                _ => Err(format!(
                    "no such document: {typed} ({} ids start with it: Tab completes)",
                    thousands(many.len())
                )),
            },
        }
    }
}

/// A word found whole: this much, plus [`BOUNDARY`] at the start of a word
/// (twice at the start of the line), less its position.
const WHOLE: i64 = 10_000;
const BOUNDARY: i64 = 1_000;
/// A word found only as letters in order: at most this much, less the gaps.
const IN_ORDER: i64 = 1_000;

/// Whether a word of the line starts at byte `at`.
fn starts_word(line: &[u8], at: usize) -> bool {
    at == 0
        || matches!(line[at - 1], b' ' | b'/' | b'-' | b'_' | b'.' | b',' | b':' | b';' | b'(' | b'[' | b'"' | b'\'')
}

/// A word of a query, with its searcher made once (not once per line).
struct Word {
    text: String,
    finder: memchr::memmem::Finder<'static>,
}

impl Word {
    fn new(text: &str) -> Word {
        Word { text: text.to_string(), finder: memchr::memmem::Finder::new(text.as_bytes()).into_owned() }
    }
}

/// Where `word` is found whole in `line`, best first: the first place it
/// starts a word, else the first place; with its score.
fn whole(line: &[u8], word: &Word) -> Option<(usize, i64)> {
    let mut first = None;
    for at in word.finder.find_iter(line) {
        if starts_word(line, at) {
            let bonus = if at == 0 { 2 * BOUNDARY } else { BOUNDARY };
            return Some((at, WHOLE + bonus - at.min(255) as i64));
        }
        first.get_or_insert((at, WHOLE - at.min(255) as i64));
    }
    first
}

/// Where the characters of `word` are found in order in `line`, each at
/// the first place after the one before (bytes at which each starts).
fn in_order(line: &[u8], word: &str) -> Option<Vec<usize>> {
    let mut at = 0;
    let mut found = Vec::with_capacity(word.len());
    let mut buf = [0u8; 4];
    for c in word.chars() {
        let enc = c.encode_utf8(&mut buf).as_bytes();
        let rest = &line[at..];
        // A whole character's bytes are found only where it starts: UTF-8 synchronises.
        let pos = at + if enc.len() == 1 { memchr::memchr(enc[0], rest)? } else { memchr::memmem::find(rest, enc)? };
        found.push(pos);
        at = pos + enc.len();
    }
    Some(found)
}

/// A line's score for a query's words: every word must be found; each adds its score.
fn score(line: &str, words: &[Word]) -> Option<i64> {
    let line = line.as_bytes();
    let mut total = 0;
    for w in words {
        total += match whole(line, w) {
            Some((_, s)) => s,
            None => {
                let found = in_order(line, &w.text)?;
                let span = found.last()? + 1 - found.first()?;
                IN_ORDER - (span - w.text.len().min(span)).min(IN_ORDER as usize - 1) as i64
            }
        };
    }
    Some(total)
}

/// Each document's place by date, newest first, undated last, ties in corpus order.
fn date_ranks(corpus: &Corpus) -> Vec<u32> {
    fn date(d: &crate::data::model::Document) -> Option<&str> {
        d.published.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }
    let mut order: Vec<(Option<Reverse<&str>>, u32)> =
        corpus.documents().iter().enumerate().map(|(i, d)| (date(d).map(Reverse), i as u32)).collect();
    // Undated (None) would sort first: put them last.
    order.sort_unstable_by(|a, b| match (&a.0, &b.0) {
        (Some(x), Some(y)) => x.cmp(y).then(a.1.cmp(&b.1)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.1.cmp(&b.1),
    });
    let mut rank = vec![0u32; order.len()];
    for (r, (_, d)) in order.into_iter().enumerate() {
        rank[d as usize] = r as u32;
    }
    rank
}

/// A match of the documents under way, or finished.
pub struct DocRanking {
    /// The folded query, and its words.
    pattern: String,
    words: Vec<Word>,
    mask: u64,
    /// The documents to look at (ascending), or all of them.
    candidates: Option<Vec<u32>>,
    next: usize,
    /// The documents that matched so far, in corpus order.
    hits: Vec<DocHit>,
    /// A query that is a document's number: that document comes first.
    number: Option<DocIdx>,
    done: bool,
}

impl std::fmt::Debug for DocRanking {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocRanking")
            .field("pattern", &self.pattern)
            .field("next", &self.next)
            .field("hits", &self.hits.len())
            .field("done", &self.done)
            .finish()
    }
}

impl DocRanking {
    /// Looks at up to `budget` more documents; returns whether the match is done.
    pub fn step(&mut self, index: &DocumentIndex, budget: usize) -> bool {
        if !self.done && self.advance(index, budget) {
            self.finish(index);
        }
        self.done
    }

    /// Looks at documents for about `time`, then as [`DocRanking::step`].
    pub fn step_for(&mut self, index: &DocumentIndex, time: std::time::Duration) -> bool {
        if self.done {
            return true;
        }
        let deadline = std::time::Instant::now() + time;
        loop {
            if self.advance(index, SUB_STEP) {
                self.finish(index);
                break;
            }
            if std::time::Instant::now() >= deadline {
                break;
            }
        }
        self.done
    }

    fn total(&self, index: &DocumentIndex) -> usize {
        self.candidates.as_ref().map_or(index.lines.len(), Vec::len)
    }

    /// Scores up to `budget` more documents, a large batch on two threads;
    /// returns whether all have been scored.
    fn advance(&mut self, index: &DocumentIndex, budget: usize) -> bool {
        let total = self.total(index);
        let end = self.next.saturating_add(budget).min(total);
        let (start, mid) = (self.next, self.next + (end - self.next) / 2);
        if end - start >= PARALLEL_FROM && parallel::two_cores() {
            let (a, b) = parallel::both(
                "a document search thread panicked",
                || self.scan(index, start..mid),
                || self.scan(index, mid..end),
            );
            self.hits.extend(a);
            self.hits.extend(b);
        } else {
            let found = self.scan(index, start..end);
            self.hits.extend(found);
        }
        self.next = end;
        end == total
    }

    fn scan(&self, index: &DocumentIndex, range: std::ops::Range<usize>) -> Vec<DocHit> {
        let mut found = Vec::new();
        for i in range {
            let d = self.candidates.as_ref().map_or(i, |c| c[i] as usize);
            let line = &index.lines[d];
            if line.mask & self.mask != self.mask {
                continue;
            }
            if let Some(score) = score(&line.folded, &self.words) {
                found.push(DocHit { doc: DocIdx::from_index(d), score });
            }
        }
        found
    }

    /// A number typed is the document of that number, first whatever it matched.
    fn finish(&mut self, _index: &DocumentIndex) {
        if let Some(d) = self.number {
            let top = DocHit { doc: d, score: i64::MAX / 2 };
            match self.hits.binary_search_by_key(&d, |h| h.doc) {
                Ok(i) => self.hits[i] = top,
                Err(i) => self.hits.insert(i, top),
            }
        }
        self.done = true;
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// The documents matched (so far), in corpus order.
    pub fn hits(&self) -> &[DocHit] {
        &self.hits
    }

    /// Whether there is a query (else every document is listed).
    pub fn has_query(&self) -> bool {
        !self.words.is_empty()
    }

    /// How far through its documents the match is, from 0 to 1.
    pub fn progress(&self, index: &DocumentIndex) -> f64 {
        let total = self.total(index);
        if self.done || total == 0 { 1.0 } else { self.next as f64 / total as f64 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::{Source, load_sources};

    fn corpus() -> Corpus {
        let json = r#"{
          "documents": [
            {"id": "a-analysis", "title": "Our Russians or Moscow’s Russians", "text": "Tolegenov and Almaty. Tolegenov.",
             "published": "2025-06-01", "source": "The Diplomat", "authors": ["Joseph Epstein"]},
            {"id": "i-interview", "title": "Idleness and Neighbors — an interview", "text": "Almaty, Almaty.",
             "published": "2025-08-15", "source": "Eurasia Review"},
            {"id": "a-brief", "title": "A brief note that didn’t say much", "text": "Nothing here."},
            {"id": "A-Bravo", "title": "", "text": "Tolegenov."}
          ],
          "entities": [
            {"id": "tolegenov", "name": "Aslan Tolegenov", "kind": "person",
             "mentions": [{"document": "a-analysis", "quote": "Tolegenov", "occurrence": 1},
                          {"document": "a-analysis", "quote": "Tolegenov", "occurrence": 2},
                          {"document": "A-Bravo", "quote": "Tolegenov"}]},
            {"id": "almaty", "name": "Almaty", "kind": "place",
             "mentions": [{"document": "a-analysis", "quote": "Almaty"},
                          {"document": "i-interview", "quote": "Almaty", "occurrence": 1},
                          {"document": "i-interview", "quote": "Almaty", "occurrence": 2}]}
          ]
        }"#;
        load_sources(&[Source::new("t.json", json)], "t.json").unwrap()
    }

    fn ids(c: &Corpus, docs: &[DocIdx]) -> Vec<String> {
        docs.iter().map(|&d| c.doc(d).id.clone()).collect()
    }

    fn found(c: &Corpus, idx: &DocumentIndex, query: &str) -> Vec<String> {
        let hits = idx.rank(query, None);
        ids(c, &idx.sorted(c, &hits, DocSort::Best))
    }

    #[test]
    fn every_field_is_matched_and_words_match_in_any_order() {
        let c = corpus();
        let idx = DocumentIndex::new(&c);
        assert_eq!(found(&c, &idx, "moscow")[0], "a-analysis", "the title");
        assert_eq!(found(&c, &idx, "eurasia"), ["i-interview"], "the source");
        assert_eq!(found(&c, &idx, "epstein"), ["a-analysis"], "an author");
        assert_eq!(found(&c, &idx, "2025-08"), ["i-interview"], "the date");
        assert_eq!(found(&c, &idx, "interview 2025"), ["i-interview"]);
        assert_eq!(found(&c, &idx, "2025 interview"), ["i-interview"], "words in either order");
        assert_eq!(found(&c, &idx, "bravo"), ["A-Bravo"], "no title: the id stands for it");
        assert_eq!(idx.title_positions(DocIdx(0), "mosc rus"), vec![4, 5, 6, 16, 17, 18, 19]);
        assert!(found(&c, &idx, "zzqx").is_empty());
        assert_eq!(found(&c, &idx, "").len(), 4, "no query: every document");
    }

    #[test]
    fn whole_words_first_then_word_starts_then_letters_in_order() {
        let words = |q: &str| q.split_whitespace().map(Word::new).collect::<Vec<_>>();
        let s = |line: &str, q: &str| score(line, &words(q));
        assert!(s("oil report", "oil") > s("boiling report", "oil"), "the start of the line");
        assert!(s("a report on oil", "oil") > s("a report on boil", "oil"), "the start of a word");
        assert!(s("a report on boil", "oil") > s("on a brave island", "oil"), "whole before letters in order");
        assert!(s("o i l", "oil") > s("o.........i.........l", "oil"), "smaller gaps first");
        assert_eq!(s("report", "oil"), None);
        assert_eq!(s("oil", "oil zz"), None, "every word");
        assert_eq!(in_order("ааб ж".as_bytes(), "аж"), Some(vec![0, 7]), "by whole characters");
        assert_eq!(in_order("ж".as_bytes(), "жж"), None);
    }

    #[test]
    fn quotes_dashes_and_case_fold() {
        let c = corpus();
        let idx = DocumentIndex::new(&c);
        assert_eq!(found(&c, &idx, "didn't")[0], "a-brief");
        assert_eq!(found(&c, &idx, "MOSCOW'S")[0], "a-analysis");
        assert_eq!(found(&c, &idx, "neighbors - an")[0], "i-interview");
        assert_eq!(fold("“Didn’t” — ok"), "\"didn't\" - ok");
        assert_eq!(fold("Аслан").chars().count(), 5, "one character for one");
    }

    #[test]
    fn a_number_puts_that_document_first() {
        let c = corpus();
        let idx = DocumentIndex::new(&c);
        assert_eq!(found(&c, &idx, "3")[0], "a-brief");
        assert_eq!(found(&c, &idx, "9"), Vec::<String>::new(), "no document 9 and nothing matches");
    }

    #[test]
    fn sorts_by_corpus_order_date_and_mentions() {
        let c = corpus();
        let idx = DocumentIndex::new(&c);
        let all = idx.rank("", None);
        assert_eq!(ids(&c, &idx.sorted(&c, &all, DocSort::Best)), ["a-analysis", "i-interview", "a-brief", "A-Bravo"]);
        assert_eq!(ids(&c, &idx.sorted(&c, &all, DocSort::Date)), ["i-interview", "a-analysis", "a-brief", "A-Bravo"]);
        let t = c.entity_by_id("tolegenov").unwrap();
        let by = ids(&c, &idx.sorted(&c, &all, DocSort::Mentions(t)));
        assert_eq!(by, ["a-analysis", "A-Bravo", "i-interview", "a-brief"], "2, 1, then none in corpus order");
        let hits = idx.rank("a", None);
        assert_eq!(idx.sorted(&c, &hits, DocSort::Corpus), {
            let mut v: Vec<DocIdx> = hits.iter().map(|h| h.doc).collect();
            v.sort();
            v
        });
        assert_eq!(idx.entity_count(DocIdx(0)), 2);
        assert_eq!(idx.entity_count(DocIdx(1)), 1);
        assert_eq!(idx.entity_count(DocIdx(2)), 0);
    }

    #[test]
    fn the_sort_cycle_offers_what_applies() {
        let e = EntityIdx(0);
        assert_eq!(DocSort::Best.next(false, None), DocSort::Date);
        assert_eq!(DocSort::Date.next(false, None), DocSort::Best);
        assert_eq!(DocSort::Best.next(true, None), DocSort::Corpus);
        assert_eq!(DocSort::Date.next(true, Some(e)), DocSort::Mentions(e));
        assert_eq!(DocSort::Mentions(e).next(true, Some(e)), DocSort::Best);
        assert_eq!(DocSort::Mentions(e).next(true, None), DocSort::Best, "the entity was unselected");
        assert_eq!(DocSort::Best.label(false), "corpus order");
        assert_eq!(DocSort::Best.label(true), "best match");
    }

    #[test]
    fn allowed_documents_and_narrowing() {
        let c = corpus();
        let idx = DocumentIndex::new(&c);
        let allowed = [true, false, true, true];
        let hits = idx.rank("", Some(&allowed));
        assert_eq!(hits.len(), 3);
        assert!(idx.rank("interview", Some(&allowed)).is_empty());
        assert!(idx.rank("2", Some(&allowed)).iter().all(|h| h.doc != DocIdx(1)), "not even by its number");
        // A query that extends the previous one looks at what that matched.
        let mut first = idx.start("a", None, None);
        while !first.step(&idx, 1) {}
        let matched = first.hits().len();
        let narrowed = idx.start("an", Some(first), None);
        assert_eq!(narrowed.candidates.as_ref().map(Vec::len), Some(matched));
        let mut narrowed = narrowed;
        while !narrowed.step(&idx, 1) {}
        assert_eq!(narrowed.hits(), idx.rank("an", None).as_slice());
        let fresh = idx.start("b", Some(narrowed), None);
        assert!(fresh.candidates.is_none(), "not an extension: starts over");
    }

    #[test]
    fn stepped_and_parallel_matching_agree_with_one_pass() {
        let docs: Vec<serde_json::Value> = (0..6000)
            .map(|i| {
                serde_json::json!({"id": format!("d{i}"), "title": format!("Report {} on {}", i % 37, ["grain", "oil", "rail"][i % 3]),
                                   "text": "x", "published": format!("2020-01-{:02}", 1 + i % 28)})
            })
            .collect();
        let json = serde_json::json!({"documents": docs});
        let c = load_sources(&[Source::new("t.json", json.to_string())], "t").unwrap();
        let idx = DocumentIndex::new(&c);
        for query in ["o", "oil", "rep 3", "2020-01-0 rail", "d59", "rpt"] {
            let words: Vec<Word> = fold(query).split_whitespace().map(Word::new).collect();
            let reference: Vec<DocHit> = (0..idx.len())
                .filter_map(|d| {
                    Some(DocHit { doc: DocIdx::from_index(d), score: score(&idx.lines[d].folded, &words)? })
                })
                .collect();
            assert!(!reference.is_empty(), "{query:?}");
            assert_eq!(idx.rank(query, None), reference, "{query:?}");
            let mut typed = idx.start(&query[..1], None, None);
            while !typed.step(&idx, 2_500) {}
            for n in 2..=query.len() {
                typed = idx.start(&query[..n], Some(typed), None);
                while !typed.step(&idx, 2_500) {}
            }
            assert_eq!(typed.hits(), reference.as_slice(), "typed {query:?}");
        }
    }

    #[test]
    fn numbers_and_ids_resolve_and_ids_complete() {
        let c = corpus();
        let idx = DocumentIndex::new(&c);
        assert_eq!(idx.resolve(&c, "2"), Ok(DocIdx(1)));
        assert_eq!(idx.resolve(&c, " 4 "), Ok(DocIdx(3)));
        assert_eq!(idx.resolve(&c, "5000").unwrap_err(), "no such document: 5000 (the corpus has 4 documents)");
        assert_eq!(idx.resolve(&c, "0").unwrap_err(), "no such document: 0 (the corpus has 4 documents)");
        assert_eq!(idx.resolve(&c, "i-interview"), Ok(DocIdx(1)));
        assert_eq!(idx.resolve(&c, "a-bravo"), Ok(DocIdx(3)), "any case");
        assert_eq!(idx.resolve(&c, "i-"), Ok(DocIdx(1)), "the start of one id");
        assert_eq!(idx.resolve(&c, "a-b").unwrap_err(), "no such document: a-b (2 ids start with it: Tab completes)");
        assert_eq!(idx.resolve(&c, "nope").unwrap_err(), "no such document: nope");
        assert_eq!(idx.resolve(&c, "").unwrap_err(), "type a document's number or id");
        assert_eq!(idx.common_start(&c, "a"), Some("a-".to_string()));
        assert_eq!(idx.common_start(&c, "a-"), None, "a-analysis, a-brief, A-Bravo share no more");
        assert_eq!(idx.common_start(&c, "a-br"), None);
        assert_eq!(idx.common_start(&c, "a-bri"), Some("a-brief".to_string()));
        assert_eq!(idx.common_start(&c, "I"), Some("i-interview".to_string()));
        assert_eq!(idx.ids_starting("a-").len(), 3);
        assert!(idx.ids_starting("zz").is_empty());
    }
}
