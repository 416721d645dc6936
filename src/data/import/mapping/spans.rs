//! Every span the readers handed over, left in the vectors they were read
//! into, a document's at a time: moving a million spans of some 200 bytes
//! into one list cost a copy of all of them and the pages to hold it.
//! A span is named by its number in reading order, as before; the passes
//! over all of them go a document at a time, and those that look one up
//! by number (naming reads a span or two of each entity) find its chunk
//! in a table of one number a span.

use crate::data::import::ir::SpanAnn;
use crate::data::model::DocIdx;

/// One document's spans (or some W3C annotations attached to one document).
pub(super) struct Chunk {
    pub doc: DocIdx,
    /// The number of this chunk's first span.
    pub first: usize,
    pub spans: Vec<SpanAnn>,
    /// For each span, whether a link starts or ends there (then its ids are kept).
    pub linked: Vec<bool>,
}

#[derive(Default)]
pub(super) struct Spans {
    pub chunks: Vec<Chunk>,
    /// The chunk of each span.
    chunk_of: Vec<u32>,
    len: usize,
}

impl Spans {
    pub fn len(&self) -> usize {
        self.len
    }

    /// How many spans these chunks hold.
    pub fn count(chunks: &[Chunk]) -> usize {
        chunks.iter().map(|c| c.spans.len()).sum()
    }

    /// Room for this many more chunks and spans.
    pub fn reserve(&mut self, chunks: usize, spans: usize) {
        self.chunks.reserve(chunks);
        self.chunk_of.reserve(spans);
    }

    /// Adds a document's spans, numbered after those already here.
    pub fn push(&mut self, doc: DocIdx, spans: Vec<SpanAnn>, linked: Vec<bool>) {
        if spans.is_empty() {
            return;
        }
        debug_assert_eq!(spans.len(), linked.len());
        let first = self.len;
        self.len += spans.len();
        let c = self.chunks.len() as u32;
        self.chunk_of.resize(self.len, c);
        self.chunks.push(Chunk { doc, first, spans, linked });
    }

    /// Span number `i`, and its document.
    pub fn get(&self, i: usize) -> (DocIdx, &SpanAnn) {
        let c = &self.chunks[self.chunk_of[i] as usize];
        (c.doc, &c.spans[i - c.first])
    }

    /// Span number `i`.
    pub fn span(&self, i: usize) -> &SpanAnn {
        self.get(i).1
    }

    /// Where the chunks are cut in two halves of about as many spans: the
    /// first chunk of the second half, and its first span's number.
    pub fn halves(chunks: &[Chunk], len: usize) -> (usize, usize) {
        Spans::cut(chunks, len, len / 2)
    }

    /// Where the chunks are cut so that the first part ends about span
    /// `at`: the first chunk of the second part, and its first span's number.
    pub fn cut(chunks: &[Chunk], len: usize, at: usize) -> (usize, usize) {
        let first = chunks.partition_point(|c| c.first < at);
        (first, chunks.get(first).map_or(len, |c| c.first))
    }

    /// Whether spans come a document at a time, documents in order (W3C
    /// annotations, attached after, may not).
    pub fn in_document_order(&self) -> bool {
        self.chunks.windows(2).all(|w| w[0].doc <= w[1].doc)
    }
}
