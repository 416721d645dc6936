//! Turning the character offsets of every mention and claim into byte spans
//! at once: one forward walk through each document's text, in text order,
//! with the documents shared between two threads. The walk also counts each
//! document's characters, so no text is read twice.
//!
//! Only the common shape of a span goes this way (offsets, perhaps with a
//! quote written without escapes); anything else, and anything that fails
//! here, goes to the document's [`super::Anchorer`], which says what is wrong.

use super::anchor::SpanSelector;
use crate::model::{DocIdx, Document, EntityIdx, Mention, Span};

/// A span given by character offsets (and perhaps a quote), waiting to be
/// resolved in text order.
#[derive(Debug, Clone, Copy)]
pub(super) struct Ordered<'s> {
    pub doc: DocIdx,
    pub start: u32,
    pub end: u32,
    /// The entity mentioned (a claim's span leaves it at 0).
    pub entity: EntityIdx,
    /// Whose span it is: a mention's number in the order written, or a claim's index.
    pub seq: u32,
    pub quote: Option<&'s str>,
}

impl<'s> Ordered<'s> {
    /// The common case of a span: offsets with `start < end`, perhaps a quote.
    pub fn new(doc: DocIdx, start: Option<u64>, end: Option<u64>, quote: Option<&'s str>) -> Option<Ordered<'s>> {
        match (start, end) {
            (Some(start), Some(end)) if start < end && end <= u64::from(u32::MAX) => {
                Some(Ordered { doc, start: start as u32, end: end as u32, entity: EntityIdx(0), seq: 0, quote })
            }
            _ => None,
        }
    }

    /// The span as a selector, for the anchorer.
    pub fn selector(&self) -> SpanSelector<'s> {
        SpanSelector {
            start: Some(self.start.into()),
            end: Some(self.end.into()),
            quote: self.quote,
            ..SpanSelector::default()
        }
    }

    /// Text order. (Spans in the same place are put in corpus order, by
    /// entity and then as written, once resolved.)
    fn key(&self) -> (DocIdx, u32, u32) {
        (self.doc, self.start, self.end)
    }

    /// Sorts a run of spans into the order [`resolve`] walks them.
    pub fn sort(items: &mut [Ordered<'s>]) {
        items.sort_unstable_by_key(Ordered::key);
    }
}

/// What the walk found.
#[derive(Debug, Default)]
pub(super) struct Resolved<'s> {
    /// The mentions, in corpus order (document, start, end, entity).
    pub mentions: Vec<Mention>,
    /// Each mention's number in the order written, alongside `mentions`.
    pub seqs: Vec<u32>,
    /// A claim's index and its span.
    pub claims: Vec<(u32, Span)>,
    /// Spans whose offsets run past the text or disagree with their quote.
    pub failed_mentions: Vec<Ordered<'s>>,
    pub failed_claims: Vec<Ordered<'s>>,
    /// Every document's length in characters.
    pub chars: Vec<usize>,
}

impl<'s> Resolved<'s> {
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

    fn append(&mut self, mut other: Resolved<'s>) {
        self.mentions.append(&mut other.mentions);
        self.seqs.append(&mut other.seqs);
        self.claims.append(&mut other.claims);
        self.failed_mentions.append(&mut other.failed_mentions);
        self.failed_claims.append(&mut other.failed_claims);
        self.chars.append(&mut other.chars);
    }
}

/// Resolves sorted runs of mention spans and one sorted run of claim spans
/// (see [`Ordered::sort`]) against `documents`, on two threads when there is
/// enough text to share.
pub(super) fn resolve<'s>(
    documents: &[Document],
    mention_runs: &[&[Ordered<'s>]],
    claims: &[Ordered<'s>],
    two_threads: bool,
) -> Resolved<'s> {
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
fn resolve_split<'s>(
    documents: &[Document],
    mention_runs: &[&[Ordered<'s>]],
    claims: &[Ordered<'s>],
    split: Option<usize>,
) -> Resolved<'s> {
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
fn within<'r, 's>(run: &'r [Ordered<'s>], docs: &std::ops::Range<usize>) -> &'r [Ordered<'s>] {
    let from = run.partition_point(|o| o.doc.index() < docs.start);
    let to = run.partition_point(|o| o.doc.index() < docs.end);
    &run[from..to]
}

fn walk_documents<'s>(
    documents: &[Document],
    docs: std::ops::Range<usize>,
    mention_runs: &[&[Ordered<'s>]],
    claims: &[Ordered<'s>],
) -> Resolved<'s> {
    // The runs, claims last, each narrowed to these documents; a cursor into each.
    let mut runs: Vec<&[Ordered<'s>]> = mention_runs.iter().map(|r| within(r, &docs)).collect();
    runs.push(within(claims, &docs));
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
            let mut best: Option<(usize, &Ordered<'s>)> = None;
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
                let fits = o.quote.is_none_or(|q| &text[start..end] == q.as_bytes());
                fits.then(|| Span::new(start, end))
            });
            match (span, r == claim_run) {
                (Some(span), false) => {
                    out.mentions.push(Mention { entity: o.entity, doc, span });
                    out.seqs.push(o.seq);
                }
                (Some(span), true) => out.claims.push((o.seq, span)),
                (None, false) => out.failed_mentions.push(*o),
                (None, true) => out.failed_claims.push(*o),
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

    fn at<'s>(doc: u32, start: u32, end: u32, entity: u32, seq: u32, quote: Option<&'s str>) -> Ordered<'s> {
        Ordered { doc: DocIdx(doc), start, end, entity: EntityIdx(entity), seq, quote }
    }

    #[test]
    fn resolves_runs_in_corpus_order_and_reports_what_does_not_fit() {
        let documents = [doc("a", "Токаев met Putin."), doc("b", "No spans here."), doc("c", "Astana, Астана.")];
        let mut first = vec![at(2, 8, 14, 1, 0, Some("Астана")), at(0, 0, 6, 0, 1, Some("Токаев"))];
        let mut second = vec![at(0, 11, 16, 2, 2, None), at(0, 11, 16, 3, 3, Some("Putni")), at(2, 0, 99, 1, 4, None)];
        let mut claims = vec![at(0, 0, 17, 0, 7, None)];
        for run in [&mut first, &mut second, &mut claims] {
            Ordered::sort(run);
        }
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
            let failed: Vec<u32> = r.failed_mentions.iter().map(|o| o.seq).collect();
            assert_eq!(failed, [3, 4]);
            assert!(r.failed_claims.is_empty());
            assert_eq!(r.chars, [17, 14, 15]);
        }
    }
}
