//! Turning the character offsets of every mention and claim into byte spans
//! at once: one forward walk through each document's text, in text order,
//! with the documents shared between two threads. The walk also counts each
//! document's characters, so no text is read twice.
//!
//! Only the common shape of a span goes this way (offsets, perhaps with a
//! quote written without escapes); anything else, and anything that fails
//! here, goes to the document's [`super::Anchorer`], which says what is wrong.

use super::anchor::SpanSelector;
use crate::data::model::{DocIdx, Document, EntityIdx, Mention, Span};

/// A span given by character offsets, waiting to be resolved in text
/// order; its quote, if any, is kept in the [`Spans`] that hold it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ordered {
    pub doc: DocIdx,
    pub start: u32,
    pub end: u32,
    /// The entity mentioned (a claim's span leaves it at 0).
    pub entity: EntityIdx,
    /// Whose span it is: a mention's number in the order written, or a claim's index.
    pub seq: u32,
    /// Where its quote is in its `Spans`' quotes, and how long (`NO_QUOTE` for none).
    pub quote_at: u32,
    pub quote_len: u32,
}

const NO_QUOTE: u32 = u32::MAX;

impl Ordered {
    /// The common case of a span: offsets with `start < end`.
    pub fn new(doc: DocIdx, start: Option<u64>, end: Option<u64>) -> Option<Ordered> {
        match (start, end) {
            (Some(start), Some(end)) if start < end && end <= u64::from(u32::MAX) => Some(Ordered {
                doc,
                start: start as u32,
                end: end as u32,
                entity: EntityIdx(0),
                seq: 0,
                quote_at: 0,
                quote_len: NO_QUOTE,
            }),
            _ => None,
        }
    }

    /// The span as a selector, with its quote, for the anchorer.
    pub fn selector<'q>(&self, quote: Option<&'q str>) -> SpanSelector<'q> {
        SpanSelector { start: Some(self.start.into()), end: Some(self.end.into()), quote, ..SpanSelector::default() }
    }

    /// Text order. (Spans in the same place are put in corpus order, by
    /// entity and then as written, once resolved.)
    fn key(&self) -> (DocIdx, u32, u32) {
        (self.doc, self.start, self.end)
    }
}

/// Spans waiting to be resolved, their quotes copied side by side into one
/// string as they are read. The walk takes spans in text order, which is
/// not the order they were written in: quotes close together are found in
/// the cache, where a million quotes spread over a 200 MB file are not.
#[derive(Debug, Default)]
pub(super) struct Spans {
    pub items: Vec<Ordered>,
    quotes: String,
}

/// How far [`Spans`] had got, to go back to.
#[derive(Debug, Clone, Copy)]
pub(super) struct SpansMark(usize, usize);

impl SpansMark {
    /// How many spans there were.
    pub fn items(self) -> usize {
        self.0
    }
}

impl Spans {
    /// Adds a span with its quote; `None` (nothing added) when the quotes
    /// would outgrow what the spans can address.
    pub fn push(&mut self, mut o: Ordered, quote: Option<&str>) -> Option<()> {
        if let Some(q) = quote {
            let at = u32::try_from(self.quotes.len()).ok()?;
            let len = u32::try_from(q.len()).ok().filter(|&len| len != NO_QUOTE)?;
            at.checked_add(len)?;
            (o.quote_at, o.quote_len) = (at, len);
            self.quotes.push_str(q);
        }
        self.items.push(o);
        Some(())
    }

    pub fn quote(&self, o: &Ordered) -> Option<&str> {
        (o.quote_len != NO_QUOTE).then(|| &self.quotes[o.quote_at as usize..(o.quote_at + o.quote_len) as usize])
    }

    /// How many bytes of quotes are kept.
    #[cfg(test)]
    pub fn quote_bytes(&self) -> usize {
        self.quotes.len()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn mark(&self) -> SpansMark {
        SpansMark(self.items.len(), self.quotes.len())
    }

    /// Back to how things were at `mark`.
    pub fn rewind(&mut self, mark: SpansMark) {
        self.items.truncate(mark.0);
        self.quotes.truncate(mark.1);
    }

    /// Sorts the spans into the order [`resolve`] walks them.
    pub fn sort(&mut self) {
        self.items.sort_unstable_by_key(Ordered::key);
    }
}

/// What the walk found.
#[derive(Debug, Default)]
pub(super) struct Resolved {
    /// The mentions, in corpus order (document, start, end, entity).
    pub mentions: Vec<Mention>,
    /// Each mention's number in the order written, alongside `mentions`.
    pub seqs: Vec<u32>,
    /// A claim's index and its span.
    pub claims: Vec<(u32, Span)>,
    /// Spans whose offsets run past the text or disagree with their quote
    /// (with the quote).
    pub failed_mentions: Vec<(Ordered, Option<String>)>,
    pub failed_claims: Vec<(Ordered, Option<String>)>,
    /// Every document's length in characters.
    pub chars: Vec<usize>,
}

impl Resolved {
    /// Mentions of several entities in the one place leave the walk in the
    /// order their runs held them; corpus order has them by entity, then as
    /// written.
    fn order_ties(&mut self) {
        let mut i = 0;
        while i < self.mentions.len() {
            let at = |m: &Mention| (m.doc, m.span);
            let same = self.mentions[i + 1..].iter().take_while(|m| at(m) == at(&self.mentions[i])).count();
            if same > 0 {
                let range = i..i + same + 1;
                let mut group: Vec<(Mention, u32)> = self.mentions[range.clone()]
                    .iter()
                    .copied()
                    .zip(self.seqs[range.clone()].iter().copied())
                    .collect();
                group.sort_unstable_by_key(|(m, seq)| (m.entity, *seq));
                for (k, (m, seq)) in group.into_iter().enumerate() {
                    (self.mentions[i + k], self.seqs[i + k]) = (m, seq);
                }
            }
            i += same + 1;
        }
    }

    fn append(&mut self, mut other: Resolved) {
        self.mentions.append(&mut other.mentions);
        self.seqs.append(&mut other.seqs);
        self.claims.append(&mut other.claims);
        self.failed_mentions.append(&mut other.failed_mentions);
        self.failed_claims.append(&mut other.failed_claims);
        self.chars.append(&mut other.chars);
    }
}

/// Resolves sorted runs of mention spans and one sorted run of claim spans
/// (see [`Spans::sort`]) against `documents`, on two threads when there is
/// enough text to share.
pub(super) fn resolve(documents: &[Document], mention_runs: &[&Spans], claims: &Spans, two_threads: bool) -> Resolved {
    let total: usize = documents.iter().map(|d| d.text.len()).sum();
    if !two_threads || total < 1 << 20 {
        return resolve_split(documents, mention_runs, claims, None);
    }
    // Split where half the text has been seen: walking the text is most of the work.
    let mut seen = 0;
    let split = documents.iter().position(|d| {
        seen += d.text.len();
        seen >= total / 2
    });
    resolve_split(documents, mention_runs, claims, split.map(|i| i + 1))
}

/// [`resolve`], with the documents before `split` on this thread and the rest on another.
fn resolve_split(documents: &[Document], mention_runs: &[&Spans], claims: &Spans, split: Option<usize>) -> Resolved {
    let Some(split) = split else {
        let mut out = walk_documents(documents, 0..documents.len(), mention_runs, claims);
        out.order_ties();
        return out;
    };
    let (mut first, second) = std::thread::scope(|s| {
        let other = s.spawn(|| walk_documents(documents, split..documents.len(), mention_runs, claims));
        let mine = walk_documents(documents, 0..split, mention_runs, claims);
        (mine, other.join().expect("a loading thread panicked"))
    });
    first.append(second);
    first.order_ties();
    first
}

/// The part of a sorted run that falls in a range of documents.
fn within<'r>(run: &'r [Ordered], docs: &std::ops::Range<usize>) -> &'r [Ordered] {
    let from = run.partition_point(|o| o.doc.index() < docs.start);
    let to = run.partition_point(|o| o.doc.index() < docs.end);
    &run[from..to]
}

fn walk_documents(
    documents: &[Document],
    docs: std::ops::Range<usize>,
    mention_runs: &[&Spans],
    claims: &Spans,
) -> Resolved {
    // The runs, claims last, each narrowed to these documents; a cursor into each.
    let mut sources: Vec<&Spans> = mention_runs.to_vec();
    sources.push(claims);
    let runs: Vec<&[Ordered]> = sources.iter().map(|r| within(&r.items, &docs)).collect();
    let claim_run = runs.len() - 1;
    let mut out = Resolved::default();
    let expected: usize = runs[..claim_run].iter().map(|r| r.len()).sum();
    out.mentions.reserve_exact(expected);
    out.seqs.reserve_exact(expected);
    out.chars.reserve_exact(docs.len());

    let mut next = vec![0usize; runs.len()];
    for d in docs {
        let text = documents[d].text.as_bytes();
        let doc = DocIdx::from_index(d);
        let mut walk = CharWalk::default();
        loop {
            // The next span of this document in corpus order, from whichever run holds it.
            let mut best: Option<(usize, &Ordered)> = None;
            for (r, run) in runs.iter().enumerate() {
                if let Some(o) = run.get(next[r]).filter(|o| o.doc == doc) {
                    if best.is_none_or(|(_, b)| o.key() < b.key()) {
                        best = Some((r, o));
                    }
                }
            }
            let Some((r, o)) = best else { break };
            next[r] += 1;
            let span = walk.seek(text, o.start as usize).and_then(|start| {
                let end = CharWalk { chars: o.start as usize, bytes: start }.seek(text, o.end as usize)?;
                let fits = sources[r].quote(o).is_none_or(|q| &text[start..end] == q.as_bytes());
                fits.then(|| Span::new(start, end))
            });
            match (span, r == claim_run) {
                (Some(span), false) => {
                    out.mentions.push(Mention { entity: o.entity, doc, span });
                    out.seqs.push(o.seq);
                }
                (Some(span), true) => out.claims.push((o.seq, span)),
                (None, false) => out.failed_mentions.push((*o, sources[r].quote(o).map(str::to_string))),
                (None, true) => out.failed_claims.push((*o, sources[r].quote(o).map(str::to_string))),
            }
        }
        out.chars.push(walk.chars + count_chars(&text[walk.bytes.min(text.len())..]));
    }
    out
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// How many of the 8 bytes in `w` begin a UTF-8 character (are not `10xxxxxx`).
fn char_starts(w: u64) -> usize {
    8 - (w & !(w << 1) & HIGH_BITS).count_ones() as usize
}

fn is_char_start(b: u8) -> bool {
    (b & 0xC0) != 0x80
}

/// The number of characters in UTF-8 bytes, eight bytes at a time.
pub(super) fn count_chars(bytes: &[u8]) -> usize {
    let words = bytes.chunks_exact(8);
    let rest = words.remainder().iter().filter(|&&b| is_char_start(b)).count();
    words.map(|w| char_starts(u64::from_le_bytes(w.try_into().expect("8 bytes")))).sum::<usize>() + rest
}

/// A place in a text: `chars` characters begin before byte `bytes`.
#[derive(Debug, Default, Clone, Copy)]
struct CharWalk {
    chars: usize,
    bytes: usize,
}

impl CharWalk {
    /// Moves to where character `c` begins and returns that byte offset (the
    /// text's length for `c` = its character count), or `None` past the end.
    fn seek(&mut self, text: &[u8], c: usize) -> Option<usize> {
        if c < self.chars {
            // Behind the walk: start again (rare: only a span that ends before the previous one starts).
            *self = CharWalk::default();
        }
        // Eight bytes hold at most eight character starts, so while eight or
        // more are still to go, a whole word can be passed at once.
        while c - self.chars >= 8 {
            let Some(word) = text.get(self.bytes..self.bytes + 8) else { break };
            self.chars += char_starts(u64::from_le_bytes(word.try_into().expect("8 bytes")));
            self.bytes += 8;
        }
        while self.bytes < text.len() {
            if is_char_start(text[self.bytes]) {
                if self.chars == c {
                    return Some(self.bytes);
                }
                self.chars += 1;
            }
            self.bytes += 1;
        }
        (self.chars == c).then_some(text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn byte_of(text: &str, c: usize) -> Option<usize> {
        text.char_indices().map(|(b, _)| b).chain(std::iter::once(text.len())).nth(c)
    }

    #[test]
    fn seek_agrees_with_char_indices_in_mixed_scripts() {
        let text = "Астана — capital; Ελλάδα, 日本, emoji 🇰🇿 and plain ASCII text that runs on for a while. Ещё.";
        let total = text.chars().count();
        for c in 0..=total + 2 {
            assert_eq!(CharWalk::default().seek(text.as_bytes(), c), byte_of(text, c), "char {c} from the start");
        }
        // Forward from each place, and back (which starts again).
        let mut walk = CharWalk::default();
        for c in (0..=total).step_by(3).chain([5, 0, total]) {
            assert_eq!(walk.seek(text.as_bytes(), c), byte_of(text, c), "char {c} walking");
        }
    }

    #[test]
    fn counts_characters_eight_bytes_at_a_time() {
        for text in ["", "a", "abcdefgh", "abcdefghi", "Қазақстан Республикасы", "日本語のテキスト🇰🇿x"]
        {
            assert_eq!(count_chars(text.as_bytes()), text.chars().count(), "{text:?}");
        }
    }

    fn doc(id: &str, text: &str) -> Document {
        Document { id: id.into(), text: text.into(), ..Document::default() }
    }

    /// Document, start, end, entity, seq and quote.
    type Item<'a> = (u32, u32, u32, u32, u32, Option<&'a str>);

    fn spans(items: &[Item]) -> Spans {
        let mut spans = Spans::default();
        for &(doc, start, end, entity, seq, quote) in items {
            let o = Ordered::new(DocIdx(doc), Some(start.into()), Some(end.into())).unwrap();
            spans.push(Ordered { entity: EntityIdx(entity), seq, ..o }, quote).unwrap();
        }
        spans.sort();
        spans
    }

    #[test]
    fn resolves_runs_in_corpus_order_and_reports_what_does_not_fit() {
        let documents = [doc("a", "Токаев met Putin."), doc("b", "No spans here."), doc("c", "Astana, Астана.")];
        let first = spans(&[(2, 8, 14, 1, 0, Some("Астана")), (0, 0, 6, 0, 1, Some("Токаев"))]);
        let second = spans(&[(0, 11, 16, 2, 2, None), (0, 11, 16, 3, 3, Some("Putni")), (2, 0, 99, 1, 4, None)]);
        let claims = spans(&[(0, 0, 17, 0, 7, None)]);
        for split in [None, Some(0), Some(1), Some(2), Some(3)] {
            let r = resolve_split(&documents, &[&first, &second], &claims, split);
            let spans: Vec<(u32, u32, &str)> = r
                .mentions
                .iter()
                .map(|m| (m.doc.0, m.entity.0, &documents[m.doc.index()].text[m.span.range()]))
                .collect();
            assert_eq!(spans, [(0, 0, "Токаев"), (0, 2, "Putin"), (2, 1, "Астана")]);
            assert_eq!(r.seqs, [1, 2, 0]);
            assert_eq!(r.claims, [(7, Span::new(0, 23))]);
            let failed: Vec<(u32, Option<&str>)> =
                r.failed_mentions.iter().map(|(o, q)| (o.seq, q.as_deref())).collect();
            assert_eq!(failed, [(3, Some("Putni")), (4, None)]);
            assert!(r.failed_claims.is_empty());
            assert_eq!(r.chars, [17, 14, 15]);
        }
    }
}
