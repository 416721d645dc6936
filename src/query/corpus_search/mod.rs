//! Searching every document's text at once (`F` in the explorer, `dossier
//! search` for scripts): a [`Pattern`] (a literal or a regular expression,
//! smart case, quotes and dashes folded) and the [`Search`] that finds its
//! hits, in corpus order, in bounded steps so that the explorer can show
//! how far it has got and take the next keystroke between two of them.
//!
//! Each hit knows its line and column (counted as the search goes, so each
//! text is walked once however many hits it has), and the hits are grouped
//! by document; the explorer's list shows a header row per document before
//! its hits ([`Search::row`]) without making a row for each.

mod pattern;

pub use pattern::{Pattern, PatternError};

use std::time::{Duration, Instant};

use crate::data::model::{Corpus, DocIdx, Span};

/// How many hits the explorer's search keeps; past this it stops and says so.
pub const MAX_HITS: usize = 100_000;

/// Hits found between two looks at the clock.
const CLOCK_EVERY: usize = 64;

/// How much of a text is searched at a time, at most, in bytes (to the
/// next line break): a step of the explorer's search stops at the end of
/// one of these, so a 5 MB document does not hold up a keystroke. A match
/// never spans lines (see [`Pattern`]), so cutting at a line break changes
/// nothing.
const WINDOW: usize = 1 << 18;

/// The least a window shrinks to, for a slow pattern.
const MIN_WINDOW: usize = 1 << 12;

/// How long a window (or a batch of short documents) should take: a slow
/// pattern (a Unicode `\b` over Cyrillic, which regex's fast engine cannot
/// do) gets smaller windows, so that a step still ends about on time.
const WINDOW_TIME: Duration = Duration::from_millis(2);

/// One match of the pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub doc: DocIdx,
    /// Bytes of the document's text.
    pub span: Span,
    /// From 1: the line (after how many line breaks), and the column in characters.
    pub line: u32,
    pub column: u32,
}

/// A document's hits: `count` of them from `first` in [`Search::hits`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocHits {
    pub doc: DocIdx,
    pub first: u32,
    pub count: u32,
}

/// A row of the grouped list: a document's header, or one hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The `k`th document with hits ([`Search::docs`]).
    Doc(usize),
    /// Hit `i` ([`Search::hits`]).
    Hit(usize),
}

/// Where in a text the search is, to go on from there: the byte, and the
/// line and column of the last hit, so that lines are counted once.
#[derive(Debug, Clone, Copy, Default)]
struct Place {
    at: usize,
    line: u32,
    /// Where the line of `line` starts, and the byte and column counted to on it.
    line_start: usize,
    counted_to: usize,
    column: u32,
}

/// A search under way, or done.
#[derive(Debug)]
pub struct Search {
    pattern: Pattern,
    hits: Vec<Hit>,
    docs: Vec<DocHits>,
    /// The document searched next, and where in it.
    next: usize,
    place: Place,
    limit: usize,
    capped: bool,
    /// The size of the next window, adapted to how fast the pattern goes.
    window: usize,
}

impl Search {
    /// A search for `pattern` that keeps at most `limit` hits.
    pub fn new(pattern: Pattern, limit: usize) -> Search {
        Search {
            pattern,
            hits: Vec::new(),
            docs: Vec::new(),
            next: 0,
            place: Place::default(),
            limit,
            capped: false,
            window: WINDOW,
        }
    }

    pub fn pattern(&self) -> &Pattern {
        &self.pattern
    }

    /// Every hit found so far, in corpus order.
    pub fn hits(&self) -> &[Hit] {
        &self.hits
    }

    /// The documents with hits so far, in corpus order.
    pub fn docs(&self) -> &[DocHits] {
        &self.docs
    }

    /// How many documents have been searched through.
    pub fn searched(&self) -> usize {
        self.next
    }

    /// Whether the search stopped at its limit rather than at the last document.
    pub fn is_capped(&self) -> bool {
        self.capped
    }

    pub fn is_done(&self, corpus: &Corpus) -> bool {
        self.capped || self.next >= corpus.documents().len()
    }

    /// Searches on for about `budget`; whether the search is done.
    pub fn step_for(&mut self, corpus: &Corpus, budget: Duration) -> bool {
        let started = Instant::now();
        let docs = corpus.documents();
        let mut found = 0;
        while !self.is_done(corpus) {
            // Short documents go a batch at a time, half on each core.
            let batch = self.batch(corpus);
            if batch.len() > 1 {
                let (took, bytes) = (Instant::now(), docs[batch.clone()].iter().map(|d| d.text.len()).sum());
                self.search_batch(corpus, batch);
                self.adapt(bytes, took.elapsed());
                if self.capped {
                    return true;
                }
                if started.elapsed() >= budget {
                    break;
                }
                continue;
            }
            let d = DocIdx::from_index(self.next);
            let text = &docs[self.next].text;
            let end = window_end(text, self.place.at, self.window);
            let (took, bytes) = (Instant::now(), end - self.place.at);
            // What precedes the window is there for `^` and `\b` to see.
            let window = &text[..end];
            while let Some(span) = self.pattern.find_at(window, self.place.at) {
                let hit = locate(&mut self.place, d, text, span);
                if !self.push(hit) {
                    return true;
                }
                found += 1;
                if found % CLOCK_EVERY == 0 && started.elapsed() >= budget {
                    return false;
                }
            }
            self.adapt(bytes, took.elapsed());
            if end == text.len() {
                self.next += 1;
                self.place = Place::default();
            } else {
                self.place.at = end;
            }
            if started.elapsed() >= budget {
                break;
            }
        }
        self.is_done(corpus)
    }

    /// After `bytes` took `took`: the next window sized to take [`WINDOW_TIME`].
    fn adapt(&mut self, bytes: usize, took: Duration) {
        if took > WINDOW_TIME {
            let fits = bytes as f64 * WINDOW_TIME.as_secs_f64() / took.as_secs_f64();
            self.window = (fits as usize).clamp(MIN_WINDOW, WINDOW);
        } else if took < WINDOW_TIME / 2 {
            self.window = (self.window * 2).min(WINDOW);
        }
    }

    /// The documents from the next that are searched as one batch: whole
    /// documents of at most a window each, as many as make two windows.
    fn batch(&self, corpus: &Corpus) -> std::ops::Range<usize> {
        let docs = corpus.documents();
        if self.place.at > 0 {
            return self.next..self.next + 1;
        }
        let mut bytes = 0;
        let mut end = self.next;
        while end < docs.len() && docs[end].text.len() <= self.window && bytes < 2 * self.window {
            bytes += docs[end].text.len();
            end += 1;
        }
        self.next..end.max(self.next + 1)
    }

    /// Searches every document of `batch`, the second half (by size) on
    /// another core when there is one, and keeps the hits in order.
    fn search_batch(&mut self, corpus: &Corpus, batch: std::ops::Range<usize>) {
        let docs = &corpus.documents()[batch.clone()];
        let total: usize = docs.iter().map(|d| d.text.len()).sum();
        let mut half = 0;
        let mut bytes = 0;
        while half < docs.len() && bytes * 2 < total {
            bytes += docs[half].text.len();
            half += 1;
        }
        let pattern = &self.pattern;
        let search = |from: usize, to: usize| -> Vec<Hit> {
            let mut hits = Vec::new();
            for (k, doc) in docs[from..to].iter().enumerate() {
                hits.extend(doc_hits(pattern, DocIdx::from_index(batch.start + from + k), &doc.text));
            }
            hits
        };
        let (first, second) = if crate::support::parallel::two_cores() {
            crate::support::parallel::both(
                "a thread of the search panicked",
                || search(0, half),
                || search(half, docs.len()),
            )
        } else {
            (search(0, half), search(half, docs.len()))
        };
        for hit in first.into_iter().chain(second) {
            if !self.push(hit) {
                return;
            }
        }
        self.next = batch.end;
    }

    /// The whole search at once.
    pub fn run(&mut self, corpus: &Corpus) {
        while !self.step_for(corpus, Duration::MAX) {}
    }

    /// Keeps a hit, if there is room for it: else the search is capped
    /// (there are more hits than it keeps) and done.
    fn push(&mut self, hit: Hit) -> bool {
        if self.hits.len() >= self.limit {
            self.capped = true;
            return false;
        }
        match self.docs.last_mut() {
            Some(last) if last.doc == hit.doc => last.count += 1,
            _ => self.docs.push(DocHits { doc: hit.doc, first: self.hits.len() as u32, count: 1 }),
        }
        self.hits.push(hit);
        true
    }

    /// Rows of the grouped list: a header per document and a row per hit.
    pub fn row_count(&self) -> usize {
        self.docs.len() + self.hits.len()
    }

    /// What row `r` of the grouped list is.
    pub fn row(&self, r: usize) -> Option<Row> {
        let k = self.group_of_row(r)?;
        let header = self.header_row(k);
        Some(if r == header { Row::Doc(k) } else { Row::Hit(self.docs[k].first as usize + (r - header - 1)) })
    }

    /// Which document with hits row `r` belongs to.
    pub fn group_of_row(&self, r: usize) -> Option<usize> {
        if r >= self.row_count() {
            return None;
        }
        // Document k's header is row `first + k`: the last header at or before r.
        let (mut lo, mut hi) = (0, self.docs.len());
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if self.header_row(mid) <= r { lo = mid } else { hi = mid }
        }
        Some(lo)
    }

    /// The row of the header of the `k`th document with hits.
    pub fn header_row(&self, k: usize) -> usize {
        self.docs[k].first as usize + k
    }

    /// The row of hit `i`.
    pub fn row_of_hit(&self, i: usize) -> usize {
        let k = self.docs.partition_point(|d| d.first as usize <= i).saturating_sub(1);
        i + k + 1
    }

    /// The hit a row stands for: itself, or for a header its document's first hit.
    pub fn hit_of_row(&self, r: usize) -> Option<usize> {
        match self.row(r)? {
            Row::Hit(i) => Some(i),
            Row::Doc(k) => Some(self.docs[k].first as usize),
        }
    }

    /// Which document with hits `doc` is, if it has any.
    pub fn doc_group(&self, doc: DocIdx) -> Option<usize> {
        self.docs.binary_search_by_key(&doc, |d| d.doc).ok()
    }

    /// The hits in `doc` that overlap `bytes`, and the index of the first.
    pub fn hits_in(&self, doc: DocIdx, bytes: std::ops::Range<usize>) -> (usize, &[Hit]) {
        let from = self.hits.partition_point(|h| (h.doc, h.span.end as usize) <= (doc, bytes.start));
        let len = self.hits[from..].iter().take_while(|h| h.doc == doc && (h.span.start as usize) < bytes.end).count();
        (from, &self.hits[from..from + len])
    }

    /// The first hit at or after byte `at` of `doc`, in corpus order (the
    /// number of hits before it: `hits().len()` when there is none).
    pub fn first_from(&self, doc: DocIdx, at: usize) -> usize {
        self.hits.partition_point(|h| (h.doc, h.span.start as usize) < (doc, at))
    }
}

/// Every hit of `pattern` in the text of `doc`, in order, with its line
/// and column: the search of one document, made as it is walked (for
/// `dossier search`, which keeps no hits).
pub fn doc_hits<'a>(pattern: &'a Pattern, doc: DocIdx, text: &'a str) -> impl Iterator<Item = Hit> + 'a {
    let mut place = Place::default();
    pattern.find_iter(text).map(move |span| locate(&mut place, doc, text, span))
}

/// The hit at `span` of `text`, with its line and column counted on from
/// `place` (the last hit's, in the same text).
fn locate(place: &mut Place, doc: DocIdx, text: &str, span: Span) -> Hit {
    let p = place;
    let start = span.start as usize;
    let between = &text.as_bytes()[p.counted_to..start];
    let breaks = memchr::memchr_iter(b'\n', between).count();
    if breaks > 0 {
        p.line += breaks as u32;
        p.line_start = p.counted_to + memchr::memrchr(b'\n', between).map_or(0, |i| i + 1);
        p.counted_to = p.line_start;
        p.column = 0;
    }
    p.column += text[p.counted_to..start].chars().count() as u32;
    p.counted_to = start;
    p.at = span.end as usize;
    Hit { doc, span, line: p.line + 1, column: p.column + 1 }
}

/// Where the window of `text` from `at` ends: after the first line break
/// `window` bytes on, or at the end.
fn window_end(text: &str, at: usize, window: usize) -> usize {
    if text.len() - at <= window {
        return text.len();
    }
    memchr::memchr(b'\n', &text.as_bytes()[at + window..]).map_or(text.len(), |i| at + window + i + 1)
}

/// The hit in its line: what comes before it on the line and what after,
/// up to `before` and `after` characters, looking no further than a few
/// times that many bytes (a line may be megabytes long).
pub fn line_context(text: &str, span: Span, before: usize, after: usize) -> (&str, &str, &str) {
    let (s, e) = (span.start as usize, span.end as usize);
    let mut from = s.saturating_sub(before * 4);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = (e + after * 4).min(text.len());
    while !text.is_char_boundary(to) {
        to += 1;
    }
    let left = &text[from..s];
    let left = left.rfind('\n').map_or(left, |i| &left[i + 1..]);
    let left = left.char_indices().rev().nth(before.saturating_sub(1)).map_or(left, |(i, _)| &left[i..]);
    let left = if before == 0 { "" } else { left };
    let right = &text[e..to];
    let right = right.find('\n').map_or(right, |i| &right[..i]);
    let right = right.char_indices().nth(after).map_or(right, |(i, _)| &right[..i]);
    (left, &text[s..e], right)
}

#[cfg(test)]
mod tests;
