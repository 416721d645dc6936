//! Spans resolved: those in the common shape (offsets, perhaps a quote) in
//! one walk through the texts ([`resolve`]), the rest, and whatever fails
//! the walk, by each document's [`Anchorer`], which says what is wrong.

use super::claims::ClaimSpans;
use super::ctx::{Ctx, label};
use super::mentions::{Made, Mentions, Runs};
use crate::data::load::anchor::{Anchorer, SpanSelector};
use crate::data::load::resolve::{Ordered, Resolved, resolve};
use crate::data::model::{Claim, DocIdx, Document, Entity};
use crate::support::hash::FxHashMap;
use crate::support::parallel;

/// The anchor stage: every span in the common shape in one walk through the
/// texts; what failed the walk goes to the anchorer, which says why.
/// Returns the mentions, in corpus order, the details of those that have
/// any and the links between them, and each document's length in characters.
pub(super) fn anchor(
    ctx: &mut Ctx,
    mut anchorers: Anchorers,
    runs: Runs,
    mut mentions: Mentions,
    entities: &[Entity],
    claims: &mut [Claim],
    claim_spans: ClaimSpans,
) -> (Made, Vec<usize>) {
    let ClaimSpans { in_order: mut claims_in_order, origins: claim_origins } = claim_spans;
    claims_in_order.sort();
    let mention_runs = runs.all();
    let resolved = resolve(anchorers.documents, &mention_runs, &claims_in_order, parallel::two_cores());
    drop(mention_runs);
    drop((runs, claims_in_order));
    let failed = resolved.failed_mentions.iter().chain(&resolved.failed_claims);
    anchorers.prepare(failed.map(|(o, quote)| (o.doc, o.selector(quote.as_deref()))));
    mentions.resolve_failed(ctx, &mut anchorers, &resolved.failed_mentions, entities);
    for (o, quote) in &resolved.failed_claims {
        let (idx, at) = (o.seq as usize, claim_origins[o.seq as usize]);
        match anchorers.get(o.doc).resolve(&o.selector(quote.as_deref())) {
            Ok(span) => claims[idx].span = span,
            Err(e) => ctx.at(e.kind, at, &format!("{}, span", label("claim", 0, Some(&claims[idx].id))), e.message),
        }
    }
    let documents = anchorers.documents;
    drop(anchorers);
    for &(idx, span) in &resolved.claims {
        claims[idx as usize].span = span;
    }
    let Resolved { mentions: resolved_mentions, seqs, chars, .. } = resolved;
    (mentions.finish(ctx, resolved_mentions, seqs, (documents, entities)), chars)
}

/// A span in the common shape (offsets, perhaps a quote), ready for the walk.
pub(super) fn common_shape<'q>(doc: DocIdx, sel: &SpanSelector<'q>) -> Option<(Ordered, Option<&'q str>)> {
    if sel.prefix.is_some() || sel.suffix.is_some() || sel.occurrence.is_some() {
        return None;
    }
    Some((Ordered::new(doc, sel.start, sel.end)?, sel.quote))
}

/// One anchorer per document, made when a span in it is first resolved.
pub(super) struct Anchorers<'d> {
    documents: &'d [Document],
    slots: Vec<Option<Anchorer<'d>>>,
}

impl<'d> Anchorers<'d> {
    pub(super) fn new(documents: &'d [Document]) -> Anchorers<'d> {
        Anchorers { documents, slots: documents.iter().map(|_| None).collect() }
    }

    pub(super) fn get(&mut self, doc: DocIdx) -> &mut Anchorer<'d> {
        let d = &self.documents[doc.index()];
        self.slots[doc.index()].get_or_insert_with(|| Anchorer::new(&d.id, &d.text))
    }

    /// Prepares each document's anchorer for the selectors it is about to
    /// resolve (see [`Anchorer::prepare`]): one pass over each text.
    pub(super) fn prepare<'q>(&mut self, selectors: impl Iterator<Item = (DocIdx, SpanSelector<'q>)>) {
        let mut by_doc: FxHashMap<DocIdx, Vec<SpanSelector<'q>>> = FxHashMap::default();
        for (doc, sel) in selectors {
            by_doc.entry(doc).or_default().push(sel);
        }
        for (doc, selectors) in by_doc {
            self.get(doc).prepare(selectors);
        }
    }
}
