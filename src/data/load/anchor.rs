//! Resolving a span selector to a byte range, once, at load time.
//!
//! Selectors follow the W3C Web Annotation model: a position selector
//! (`start`, `end` in Unicode scalar values, end exclusive) and/or a quote
//! selector (`quote`, optionally narrowed by `prefix`, `suffix` or a 1-based
//! `occurrence`). When both are given they must agree. A quote that matches
//! nowhere, or in more than one place, is an error: never a guess.
//!
//! A selector with prefix p, quote q and suffix s fits exactly where the
//! string p+q+s occurs (the quote |p| bytes in), so resolving it is a
//! lookup in the places of that string. The loader hands an anchorer all
//! the selectors of a document it will resolve ([`Anchorer::prepare`]),
//! and every string they look for is found in one pass over the text
//! (Aho-Corasick, overlapping matches); anything not prepared is searched
//! for alone, once.

use std::borrow::Cow;

use aho_corasick::{AhoCorasick, MatchKind};

use super::problem::{ProblemKind, quoted};
use crate::data::model::Span;
use crate::support::hash::FxHashMap;

/// Whether a UTF-8 byte begins a character (is not a continuation byte).
fn is_char_start(b: u8) -> bool {
    (b & 0xC0) != 0x80
}

/// A span as written, borrowed from the parsed file.
#[derive(Debug, Default, Clone, Copy)]
pub struct SpanSelector<'a> {
    pub start: Option<u64>,
    pub end: Option<u64>,
    pub quote: Option<&'a str>,
    pub prefix: Option<&'a str>,
    pub suffix: Option<&'a str>,
    pub occurrence: Option<u64>,
}

/// Why a selector did not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnchorError {
    pub kind: ProblemKind,
    pub message: String,
}

fn fail<T>(kind: ProblemKind, message: String) -> Result<T, AnchorError> {
    Err(AnchorError { kind, message })
}

/// How often a checkpoint maps a character offset to its byte offset: a
/// lookup walks at most this many characters.
const CHECKPOINT: usize = 16;

/// Resolves selectors against one document's text, caching what repeats:
/// character-to-byte checkpoints and the places of each string looked for.
pub struct Anchorer<'t> {
    doc_id: &'t str,
    text: &'t str,
    chars: usize,
    /// Byte offset of every `CHECKPOINT`-th character; `None` for ASCII text,
    /// where characters and bytes coincide.
    checkpoints: Option<Vec<u32>>,
    /// Every place (byte offset) each string looked for starts, overlapping
    /// ones included, in text order.
    places: FxHashMap<String, Vec<u32>>,
}

/// Fewer strings than this are searched for one at a time: an automaton
/// costs more to build than it saves.
const AUTOMATON_FROM: usize = 8;

/// Nor is one built while searching for each string alone reads less than
/// this many bytes in all: a search for one string runs at gigabytes a
/// second, and an automaton of long strings (claims are sentences) costs
/// more to build than the searches it saves: the built-in corpus's claims
/// took 3.9 ms with an automaton, 1.6 ms searched for one by one.
const AUTOMATON_FROM_BYTES: usize = 1 << 26;

/// The string whose places are those of a quote with its prefix and suffix.
fn context_key<'q>(sel: &SpanSelector<'q>, quote: &'q str) -> Cow<'q, str> {
    match (sel.prefix.unwrap_or(""), sel.suffix.unwrap_or("")) {
        ("", "") => Cow::Borrowed(quote),
        (p, s) => Cow::Owned(format!("{p}{quote}{s}")),
    }
}

impl<'t> Anchorer<'t> {
    pub fn new(doc_id: &'t str, text: &'t str) -> Anchorer<'t> {
        let (chars, checkpoints) = if text.is_ascii() {
            (text.len(), None)
        } else {
            let mut points = Vec::with_capacity(text.len() / CHECKPOINT + 1);
            let mut chars = 0;
            for (byte, &b) in text.as_bytes().iter().enumerate() {
                if is_char_start(b) {
                    if chars % CHECKPOINT == 0 {
                        points.push(byte as u32);
                    }
                    chars += 1;
                }
            }
            (chars, Some(points))
        };
        Anchorer { doc_id, text, chars, checkpoints, places: FxHashMap::default() }
    }

    /// The text's length in characters.
    pub fn chars(&self) -> usize {
        self.chars
    }

    /// Byte offset of character `c` (`c <= chars`).
    fn byte_of(&self, c: usize) -> usize {
        match &self.checkpoints {
            None => c,
            // The end of a text whose length is a multiple of CHECKPOINT has no checkpoint of its own.
            Some(_) if c >= self.chars => self.text.len(),
            Some(points) => {
                let base = points[c / CHECKPOINT] as usize;
                let mut skip = c % CHECKPOINT;
                let bytes = &self.text.as_bytes()[base..];
                // Walk forward over `skip` character starts, counting bytes, not decoding.
                let mut i = 0;
                while skip > 0 {
                    i += 1;
                    while i < bytes.len() && !is_char_start(bytes[i]) {
                        i += 1;
                    }
                    skip -= 1;
                }
                base + i
            }
        }
    }

    /// Character offset of byte `b` (on a char boundary).
    pub fn char_of(&self, b: usize) -> usize {
        match &self.checkpoints {
            None => b,
            Some(points) => {
                let k = points.partition_point(|&p| p as usize <= b).saturating_sub(1);
                let from = points[k] as usize;
                k * CHECKPOINT + self.text.as_bytes()[from..b].iter().filter(|&&x| is_char_start(x)).count()
            }
        }
    }

    /// The strings resolving `sel` will look for (none where it fails
    /// before it looks, or needs only its offsets).
    fn wanted<'q>(&self, sel: &SpanSelector<'q>) -> Vec<Cow<'q, str>> {
        if sel.quote == Some("") || sel.occurrence == Some(0) {
            return Vec::new();
        }
        match (sel.start, sel.end, sel.quote) {
            (None, None, Some(quote)) => vec![context_key(sel, quote)],
            (Some(start), Some(end), quote) if start < end && end <= self.chars as u64 => {
                let (s, e) = (self.byte_of(start as usize), self.byte_of(end as usize));
                let actual = &self.text[s..e];
                match quote {
                    Some(quote) if quote != actual => vec![Cow::Borrowed(quote)],
                    _ if sel.occurrence.is_some() => vec![Cow::Owned(actual.to_string())],
                    _ => Vec::new(),
                }
            }
            _ => Vec::new(),
        }
    }

    /// Finds, in one pass over the text, every string that resolving these
    /// selectors will look for; [`Anchorer::resolve`] then only looks them up.
    pub fn prepare<'q>(&mut self, selectors: impl IntoIterator<Item = SpanSelector<'q>>) {
        self.prepare_from(selectors, AUTOMATON_FROM_BYTES);
    }

    /// [`Anchorer::prepare`], with an automaton when the searches one by one
    /// would read `automaton_from` bytes or more.
    fn prepare_from<'q>(&mut self, selectors: impl IntoIterator<Item = SpanSelector<'q>>, automaton_from: usize) {
        let mut patterns: Vec<String> = Vec::new();
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        for sel in selectors {
            for key in self.wanted(&sel) {
                if !self.places.contains_key(key.as_ref()) && !index.contains_key(key.as_ref()) {
                    index.insert(key.to_string(), patterns.len());
                    patterns.push(key.into_owned());
                }
            }
        }
        drop(index);
        if patterns.len() < AUTOMATON_FROM || patterns.len().saturating_mul(self.text.len()) < automaton_from {
            for p in &patterns {
                self.find(p);
            }
            return;
        }
        let Ok(automaton) = AhoCorasick::builder().match_kind(MatchKind::Standard).build(&patterns) else {
            // Too many patterns for an automaton: each is searched for alone.
            for p in &patterns {
                self.find(p);
            }
            return;
        };
        let mut found: Vec<Vec<u32>> = vec![Vec::new(); patterns.len()];
        // A pattern's matches end in text order, and it has one length, so they start in order too.
        for m in automaton.find_overlapping_iter(self.text) {
            found[m.pattern().as_usize()].push(m.start() as u32);
        }
        self.places.extend(patterns.into_iter().zip(found));
    }

    /// Every place `pattern` starts, overlapping matches included, searched
    /// for now if it was not prepared.
    fn find(&mut self, pattern: &str) -> &[u32] {
        if !self.places.contains_key(pattern) {
            let finder = memchr::memmem::Finder::new(pattern);
            let step = pattern.chars().next().map_or(1, char::len_utf8);
            let bytes = self.text.as_bytes();
            let mut found = Vec::new();
            let mut from = 0;
            while let Some(i) = finder.find(&bytes[from..]) {
                found.push((from + i) as u32);
                from += i + step;
            }
            self.places.insert(pattern.to_string(), found);
        }
        &self.places[pattern]
    }

    fn context_fits(&self, at: usize, len: usize, sel: &SpanSelector) -> bool {
        sel.prefix.is_none_or(|p| self.text[..at].ends_with(p))
            && sel.suffix.is_none_or(|s| self.text[at + len..].starts_with(s))
    }

    fn narrowing(sel: &SpanSelector) -> String {
        let mut s = String::new();
        if let Some(p) = sel.prefix {
            s.push_str(&format!(" after prefix {}", quoted(p)));
        }
        if let Some(x) = sel.suffix {
            s.push_str(&format!(" before suffix {}", quoted(x)));
        }
        s
    }

    pub fn resolve(&mut self, sel: &SpanSelector<'_>) -> Result<Span, AnchorError> {
        if sel.quote == Some("") {
            return fail(ProblemKind::Quote, "quote is empty".into());
        }
        if sel.occurrence == Some(0) {
            return fail(ProblemKind::Value, "occurrence counts from 1".into());
        }
        match (sel.start, sel.end) {
            (Some(start), Some(end)) => self.resolve_offsets(start, end, sel),
            (Some(_), None) => fail(ProblemKind::Span, "start is given without end".into()),
            (None, Some(_)) => fail(ProblemKind::Span, "end is given without start".into()),
            (None, None) => match sel.quote {
                Some(quote) => self.resolve_quote(quote, sel),
                None => fail(ProblemKind::Span, "span has neither offsets (start, end) nor a quote".into()),
            },
        }
    }

    fn resolve_offsets(&mut self, start: u64, end: u64, sel: &SpanSelector<'_>) -> Result<Span, AnchorError> {
        let doc = self.doc_id;
        if start > end {
            return fail(ProblemKind::Span, format!("span is reversed: start {start} is after end {end}"));
        }
        if start == end {
            return fail(ProblemKind::Span, format!("span is empty: start and end are both {start}"));
        }
        if end > self.chars as u64 {
            return fail(
                ProblemKind::Span,
                format!(
                    "span {start}..{end} runs past the end of document {} ({} characters)",
                    quoted(doc),
                    self.chars
                ),
            );
        }
        let (s, e) = (self.byte_of(start as usize), self.byte_of(end as usize));
        let actual = &self.text[s..e];
        if let Some(quote) = sel.quote {
            if actual != quote {
                let mut msg =
                    format!("offsets {start}..{end} hold {}, not the quote {}", quoted(actual), quoted(quote));
                self.find(quote);
                let places = &self.places[quote];
                // The places are in order: the nearest is one of the two around the offsets.
                let after = places.partition_point(|&b| (b as usize) < s);
                let around = places[after.saturating_sub(1)..(after + 1).min(places.len())].iter();
                if let Some(&nearest) = around.min_by_key(|&&b| (b as usize).abs_diff(s)) {
                    let c = self.char_of(nearest as usize);
                    let n = quote.chars().count();
                    msg.push_str(&format!("; the quote is at {c}..{}", c + n));
                    if places.len() > 1 {
                        msg.push_str(&format!(" (nearest of {} places)", places.len()));
                    }
                }
                return fail(ProblemKind::Span, msg);
            }
        }
        if !self.context_fits(s, e - s, sel) {
            return fail(
                ProblemKind::Span,
                format!("the text at offsets {start}..{end} is not{}", Self::narrowing(sel)),
            );
        }
        if let Some(n) = sel.occurrence {
            let text: &'t str = &self.text[s..e];
            let places = self.find(text);
            let k = places.binary_search(&(s as u32)).map_or(0, |i| i + 1);
            if k as u64 != n {
                return fail(
                    ProblemKind::Span,
                    format!("offsets {start}..{end} are occurrence {k} of {}, not occurrence {n}", quoted(text)),
                );
            }
        }
        Ok(Span::new(s, e))
    }

    fn resolve_quote(&mut self, quote: &str, sel: &SpanSelector<'_>) -> Result<Span, AnchorError> {
        let doc = quoted(self.doc_id);
        let len = quote.len();
        // The places of prefix + quote + suffix, the quote `skip` bytes in.
        let skip = sel.prefix.map_or(0, str::len);
        let places = self.find(&context_key(sel, quote));
        let where_ = format!("{}{}", doc, Self::narrowing(sel));
        let chosen = match (sel.occurrence, places.len()) {
            (_, 0) => {
                return fail(ProblemKind::Quote, format!("quote {} is not in document {where_}", quoted(quote)));
            }
            (Some(n), count) if n as usize > count => {
                return fail(
                    ProblemKind::Quote,
                    format!(
                        "quote {} occurs {count} time{} in document {where_}; there is no occurrence {n}",
                        quoted(quote),
                        if count == 1 { "" } else { "s" }
                    ),
                );
            }
            (Some(n), _) => places[n as usize - 1] as usize + skip,
            (None, 1) => places[0] as usize + skip,
            (None, count) => {
                return fail(
                    ProblemKind::Quote,
                    format!(
                        "quote {} is ambiguous: it occurs {count} times in document {where_}; \
                         add a prefix, a suffix or an occurrence number, or give offsets",
                        quoted(quote)
                    ),
                );
            }
        };
        Ok(Span::new(chosen, chosen + len))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel<'a>(start: Option<u64>, end: Option<u64>, quote: Option<&'a str>) -> SpanSelector<'a> {
        SpanSelector { start, end, quote, ..Default::default() }
    }

    const TEXT: &str = "Аслан Толегенов met Ensebek. Ensebek left — 【top】 Ensebek.";

    #[test]
    fn offsets_count_unicode_scalar_values() {
        let mut a = Anchorer::new("d", TEXT);
        let span = a.resolve(&sel(Some(6), Some(15), None)).unwrap();
        assert_eq!(&TEXT[span.range()], "Толегенов");
        let span = a.resolve(&sel(Some(6), Some(15), Some("Толегенов"))).unwrap();
        assert_eq!(&TEXT[span.range()], "Толегенов");
        assert_eq!(a.char_of(span.start as usize), 6);
    }

    #[test]
    fn checkpoints_cover_long_non_ascii_text() {
        let text = "ж".repeat(1000) + "target" + &"ё".repeat(500);
        let mut a = Anchorer::new("d", &text);
        let span = a.resolve(&sel(Some(1000), Some(1006), Some("target"))).unwrap();
        assert_eq!(&text[span.range()], "target");
        assert_eq!(a.char_of(span.end as usize), 1006);
        assert_eq!(a.chars(), 1506);
    }

    /// Found by the layout property tests: an end offset at the very end of a
    /// non-ASCII text of exactly 64 characters indexed past the checkpoints.
    #[test]
    fn regression_end_of_text_at_a_checkpoint_boundary() {
        for n in [64, 128, 640] {
            let text = "ж".repeat(n);
            let mut a = Anchorer::new("d", &text);
            let span = a.resolve(&sel(Some(n as u64 - 1), Some(n as u64), None)).unwrap();
            assert_eq!(span.end as usize, text.len());
            assert_eq!(a.char_of(text.len()), n);
        }
    }

    #[test]
    fn quote_alone_must_be_unique() {
        let mut a = Anchorer::new("d", TEXT);
        let e = a.resolve(&sel(None, None, Some("Ensebek"))).unwrap_err();
        assert_eq!(e.kind, ProblemKind::Quote);
        assert_eq!(
            e.message,
            "quote \"Ensebek\" is ambiguous: it occurs 3 times in document \"d\"; \
             add a prefix, a suffix or an occurrence number, or give offsets"
        );
        let ok = a.resolve(&SpanSelector { quote: Some("Ensebek"), occurrence: Some(2), ..Default::default() });
        assert_eq!(ok.unwrap().start as usize, TEXT.find("Ensebek. Ensebek left").unwrap() + "Ensebek. ".len());
        let ok = a.resolve(&SpanSelector { quote: Some("Ensebek"), prefix: Some("】 "), ..Default::default() });
        assert_eq!(ok.unwrap().start as usize, TEXT.rfind("Ensebek").unwrap());
    }

    #[test]
    fn absent_quotes_and_occurrences_are_errors() {
        let mut a = Anchorer::new("d", TEXT);
        let e = a.resolve(&sel(None, None, Some("Tokayev"))).unwrap_err();
        assert_eq!(e.message, "quote \"Tokayev\" is not in document \"d\"");
        let e =
            a.resolve(&SpanSelector { quote: Some("Ensebek"), prefix: Some("x "), ..Default::default() }).unwrap_err();
        assert_eq!(e.message, "quote \"Ensebek\" is not in document \"d\" after prefix \"x \"");
        let e =
            a.resolve(&SpanSelector { quote: Some("Ensebek"), occurrence: Some(4), ..Default::default() }).unwrap_err();
        assert_eq!(e.message, "quote \"Ensebek\" occurs 3 times in document \"d\"; there is no occurrence 4");
    }

    #[test]
    fn bad_offsets_are_named() {
        let mut a = Anchorer::new("d", "hello world");
        let msg = |a: &mut Anchorer, s: SpanSelector<'static>| a.resolve(&s).unwrap_err().message;
        assert_eq!(msg(&mut a, sel(Some(5), Some(2), None)), "span is reversed: start 5 is after end 2");
        assert_eq!(msg(&mut a, sel(Some(3), Some(3), None)), "span is empty: start and end are both 3");
        assert_eq!(
            msg(&mut a, sel(Some(6), Some(12), None)),
            "span 6..12 runs past the end of document \"d\" (11 characters)"
        );
        assert_eq!(msg(&mut a, sel(Some(1), None, None)), "start is given without end");
        assert_eq!(msg(&mut a, sel(None, None, None)), "span has neither offsets (start, end) nor a quote");
        assert_eq!(msg(&mut a, sel(None, None, Some(""))), "quote is empty");
    }

    #[test]
    fn offsets_and_quote_must_agree() {
        let mut a = Anchorer::new("d", "hello world, hello");
        let e = a.resolve(&sel(Some(0), Some(5), Some("world"))).unwrap_err();
        assert_eq!(e.message, "offsets 0..5 hold \"hello\", not the quote \"world\"; the quote is at 6..11");
        let e = a
            .resolve(&SpanSelector { start: Some(13), end: Some(18), occurrence: Some(1), ..Default::default() })
            .unwrap_err();
        assert_eq!(e.message, "offsets 13..18 are occurrence 2 of \"hello\", not occurrence 1");
        let e = a
            .resolve(&SpanSelector { start: Some(6), end: Some(11), prefix: Some("x"), ..Default::default() })
            .unwrap_err();
        assert_eq!(e.message, "the text at offsets 6..11 is not after prefix \"x\"");
    }

    #[test]
    fn prepared_selectors_resolve_as_selectors_searched_for_alone() {
        // Resolving many quotes searched the whole text once per quote; prepared, they are found in one pass.
        let text = "aaaa Аслан Толегенов, Аслан; Толегенов aaa. Толегенов Аслан!";
        let quotes = ["a", "aa", "aaa", "Аслан", "Толегенов", "Аслан Т", "x", "н", " "];
        let mut selectors = Vec::new();
        for q in quotes {
            selectors.push(SpanSelector { quote: Some(q), ..Default::default() });
            for n in 1..5 {
                selectors.push(SpanSelector { quote: Some(q), occurrence: Some(n), ..Default::default() });
            }
            for p in ["", " ", "a", ", "] {
                for s in ["", " ", ";", "!"] {
                    selectors.push(SpanSelector {
                        quote: Some(q),
                        prefix: Some(p),
                        suffix: Some(s),
                        ..Default::default()
                    });
                }
            }
            // Offsets that disagree with the quote, and occurrence numbers checked against offsets.
            selectors.push(SpanSelector { start: Some(1), end: Some(3), quote: Some(q), ..Default::default() });
            selectors.push(SpanSelector { start: Some(25), end: Some(29), quote: Some(q), ..Default::default() });
        }
        for (start, end, n) in [(0, 1, 1), (1, 2, 2), (1, 3, 1), (5, 10, 1), (22, 27, 2), (21, 30, 1)] {
            selectors.push(SpanSelector {
                start: Some(start),
                end: Some(end),
                occurrence: Some(n),
                ..Default::default()
            });
        }
        let mut alone = Anchorer::new("d", text);
        let expected: Vec<_> = selectors.iter().map(|s| alone.resolve(s)).collect();
        // One string at a time, and with an automaton.
        for automaton_from in [usize::MAX, 0] {
            let mut prepared = Anchorer::new("d", text);
            prepared.prepare_from(selectors.iter().copied(), automaton_from);
            let searched = prepared.places.len();
            assert!(searched > AUTOMATON_FROM, "{searched} strings");
            let got: Vec<_> = selectors.iter().map(|s| prepared.resolve(s)).collect();
            assert_eq!(prepared.places.len(), searched, "nothing was searched for again");
            assert_eq!(got, expected);
        }
    }

    #[test]
    fn overlapping_occurrences_count() {
        let mut a = Anchorer::new("d", "aaa");
        let e = a.resolve(&sel(None, None, Some("aa"))).unwrap_err();
        assert!(e.message.contains("occurs 2 times"), "{}", e.message);
    }
}
