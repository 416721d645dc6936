//! Every span the readers handed over, left in the vectors they were read
//! into, a document's at a time: moving a million spans of some 200 bytes
//! into one list cost a copy of all of them and the pages to hold it.
//! A span is named by its number in reading order, as before; the passes
//! over all of them go a document at a time, and the few that look one up
//! by number find its document's chunk by binary search.

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
    len: usize,
}

impl Spans {
    pub fn len(&self) -> usize {
        self.len
    }

    /// Adds a document's spans, numbered after those already here.
    pub fn push(&mut self, doc: DocIdx, spans: Vec<SpanAnn>, linked: Vec<bool>) {
        if spans.is_empty() {
            return;
        }
        debug_assert_eq!(spans.len(), linked.len());
        let first = self.len;
        self.len += spans.len();
        self.chunks.push(Chunk { doc, first, spans, linked });
    }

    fn chunk_of(&self, i: usize) -> &Chunk {
        let c = self.chunks.partition_point(|c| c.first <= i) - 1;
        &self.chunks[c]
    }

    /// Span number `i`.
    pub fn span(&self, i: usize) -> &SpanAnn {
        let c = self.chunk_of(i);
        &c.spans[i - c.first]
    }

    /// The document of span number `i`.
    pub fn doc(&self, i: usize) -> DocIdx {
        self.chunk_of(i).doc
    }

    /// Every span in order, with its document.
    pub fn iter(&self) -> impl Iterator<Item = (DocIdx, &SpanAnn)> {
        self.chunks.iter().flat_map(|c| c.spans.iter().map(move |s| (c.doc, s)))
    }

    /// Where the chunks are cut in two halves of about as many spans: the
    /// first chunk of the second half, and its first span's number.
    pub fn halves(chunks: &[Chunk], len: usize) -> (usize, usize) {
        let half = chunks.partition_point(|c| c.first < len / 2);
        (half, chunks.get(half).map_or(len, |c| c.first))
    }

    /// Whether spans come a document at a time, documents in order (W3C
    /// annotations, attached after, may not).
    pub fn in_document_order(&self) -> bool {
        self.chunks.windows(2).all(|w| w[0].doc <= w[1].doc)
    }
}
