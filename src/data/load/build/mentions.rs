//! The mentions stage: each merged entity record's mentions numbered in the
//! order written (`seq`, which leads back to a mention's place in its file
//! when a problem needs one), those the careful way left raw parsed here,
//! and at the end every mention in corpus order, each given once.
//!
//! Mentions in the common shape wait in sorted runs to be resolved in one
//! walk through the texts ([`super::spans`]); the rest go to their
//! document's anchorer. What a mention says beyond its span (fragments,
//! ids, relations, ...) is checked in [`super::details`].

use serde_json::value::RawValue;

use super::ctx::{Ctx, label};
use super::details::{self, Detailed, Parsed};
use super::entities::ParsedFile;
use super::files::{Files, Origin};
use super::spans::{Anchorers, common_shape};
use crate::data::load::problem::{ProblemKind, quoted};
use crate::data::load::quick::DocIds;
use crate::data::load::raw::RawMention;
use crate::data::load::resolve::{Ordered, Spans};
use crate::data::model::{DocIdx, Document, Entity, EntityIdx, Mention, MentionDetail, PendingLink};
use crate::support::hash::FxHashMap;
use crate::support::parallel::{self, beside};

/// An entity record that was refused (its problem is reported), or a
/// mention of it.
const NO_LIST: u32 = u32::MAX;

/// Each merged record's mentions, a list per record: spans already in a
/// run, or a raw list taken out of the record (parsed in
/// [`parse_mentions`], then dropped). The records go; a list is known by
/// its entity and the place of its record.
pub(super) struct Lists<'s> {
    entity: Vec<(EntityIdx, Origin)>,
    raw: Vec<Vec<&'s RawValue>>,
    quick: Vec<Option<usize>>,
    /// For each file, each record's list (`NO_LIST` for a record refused).
    list_of: Vec<Vec<u32>>,
}

/// The mentions in the common shape, in runs each sorted into text order.
#[derive(Default)]
pub(super) struct Runs {
    /// The runs parsed with their entities, each with its file's index in
    /// `parsed` and its first record's index (see [`Renumbering`]).
    with_entities: Vec<(Spans, usize, u32)>,
    /// The runs of the mentions parsed in [`parse_mentions`], one a thread.
    parsed: [Spans; 2],
}

impl Runs {
    pub(super) fn all(&self) -> Vec<&Spans> {
        let mut all: Vec<&Spans> = self.with_entities.iter().map(|(run, _, _)| run).collect();
        all.extend(&self.parsed);
        all
    }
}

/// The mentions out of the merged records (see [`Lists`]), and the runs
/// parsed with them; the records are emptied.
pub(super) fn take_lists<'s>(parsed: &mut [ParsedFile<'s>], records: Vec<(EntityIdx, u32, u32)>) -> (Lists<'s>, Runs) {
    let mut list_entity: Vec<(EntityIdx, Origin)> = Vec::with_capacity(records.len());
    let mut mention_lists: Vec<Vec<&RawValue>> = Vec::with_capacity(records.len());
    let mut quick_lists: Vec<Option<usize>> = Vec::with_capacity(records.len());
    let mut list_of: Vec<Vec<u32>> = parsed.iter().map(|pf| vec![NO_LIST; pf.entities.len()]).collect();
    for (list, &(idx, pfi, i)) in records.iter().enumerate() {
        let (pfi, i) = (pfi as usize, i as usize);
        let record = &mut parsed[pfi].entities[i];
        list_entity.push((idx, record.origin));
        mention_lists.push(std::mem::take(&mut record.raw.mentions));
        quick_lists.push(record.quick);
        list_of[pfi][i] = list as u32;
    }
    let mut runs = Runs::default();
    for (pfi, pf) in parsed.iter_mut().enumerate() {
        runs.with_entities.extend(std::mem::take(&mut pf.runs).into_iter().map(|(run, base)| (run, pfi, base)));
    }
    drop(records);
    for pf in parsed {
        pf.entities = Vec::new();
    }
    (Lists { entity: list_entity, raw: mention_lists, quick: quick_lists, list_of }, runs)
}

/// Every mention by its number in the order written, and those resolved
/// outside the walk.
pub(super) struct Mentions {
    /// Each list's entity and the place of its record.
    entity: Vec<(EntityIdx, Origin)>,
    /// Each list's first mention's number.
    starts: Vec<u32>,
    /// Mentions in other shapes, resolved early; they join the others in
    /// corpus order at the end.
    other_shapes: Vec<(Mention, u32)>,
    /// Where each mention of a list was written, found again from its
    /// entity's record when a problem needs it.
    places: FxHashMap<usize, Vec<Origin>>,
    /// The mentions with details, their fragments resolved.
    details: Vec<Detailed>,
}

/// Every mention made, in corpus order, the details of those that have
/// any (in the same order), and the links between them.
pub(super) struct Made {
    pub(super) mentions: Vec<Mention>,
    pub(super) details: Vec<(Mention, MentionDetail)>,
    pub(super) links: Vec<PendingLink>,
}

/// Mentions parsed with their entity, once their entity and number are
/// known: for each file, by record, its entity and its first mention's
/// number. A refused record's mentions go (its problem is reported).
pub(super) struct Renumbering(Vec<Vec<(EntityIdx, u32)>>);

impl Renumbering {
    pub(super) fn apply(&self, runs: &mut Runs) {
        for (run, pfi, base) in &mut runs.with_entities {
            let mut refused = false;
            for o in run.items.iter_mut() {
                let (entity, first) = self.0[*pfi][(*base + o.entity.0) as usize];
                refused |= entity.0 == NO_LIST;
                (o.entity, o.seq) = (entity, first + o.seq);
            }
            if refused {
                run.items.retain(|o| o.entity.0 != NO_LIST);
            }
        }
    }
}

/// The mentions the careful way left raw, parsed (on two threads from 4,096
/// of them) into `runs` or resolved by their document's anchorer; and how
/// the runs parsed with their entities are to be renumbered.
pub(super) fn parse_mentions(
    ctx: &mut Ctx,
    lists: Lists,
    runs: &mut Runs,
    doc_ids: &DocIds<Origin>,
    entities: &[Entity],
    anchorers: &mut Anchorers,
) -> (Mentions, Renumbering) {
    let Lists { entity: list_entity, raw: mention_lists, quick: quick_lists, list_of } = lists;
    let list_len = |list: usize| quick_lists[list].unwrap_or(mention_lists[list].len());
    let list_starts: Vec<u32> = (0..mention_lists.len())
        .scan(0u32, |acc, list| {
            let start = *acc;
            *acc += list_len(list) as u32;
            Some(start)
        })
        .collect();
    let mut mentions = Mentions {
        entity: list_entity,
        starts: list_starts,
        other_shapes: Vec::new(),
        places: FxHashMap::default(),
        details: Vec::new(),
    };
    let m = &mentions;
    let fix = Renumbering(
        list_of
            .iter()
            .map(|lists| {
                let found = |list: u32| (m.entity[list as usize].0, m.starts[list as usize]);
                lists.iter().map(|&list| if list == NO_LIST { (EntityIdx(NO_LIST), 0) } else { found(list) }).collect()
            })
            .collect(),
    );
    drop(list_of);
    let total_mentions = mention_lists.iter().map(Vec::len).sum::<usize>();
    let slow_starts: Vec<usize> = mention_lists
        .iter()
        .scan(0, |acc, list| {
            let start = *acc;
            *acc += list.len();
            Some(start)
        })
        .collect();
    // Parsing a mention and looking up its document, on two threads, each
    // taking about half of the mentions: the common shape waits (sorted on
    // the same thread) to be resolved in text order; the rest goes to the
    // document's anchorer.
    let parse_lists = |ctx: &mut Ctx, lists: std::ops::Range<usize>| {
        let mut in_order = Spans::default();
        let mut by_anchorer: Vec<(u32, DocIdx, RawMention)> = Vec::new();
        let mut detailed = Parsed::default();
        for list in lists {
            let (entity, Origin { file, .. }) = m.entity[list];
            for (k, raw) in mention_lists[list].iter().enumerate() {
                let seq = m.starts[list] + k as u32;
                let Some(mention) = ctx.item::<RawMention>(file, raw.get(), || m.label(entities, list, k)) else {
                    continue;
                };
                let Some(&(doc, _)) = doc_ids.get(mention.document.as_ref()) else {
                    let o = Origin { file, offset: ctx.files.offset_of(file, raw.get()) };
                    let msg = format!("unknown document {}", quoted(&mention.document));
                    ctx.at(ProblemKind::UnknownId, o, &m.label(entities, list, k), msg);
                    continue;
                };
                if mention.has_details() {
                    let o = Origin { file, offset: ctx.files.offset_of(file, raw.get()) };
                    let item = || m.label(entities, list, k);
                    if !details::parse(ctx, &mention, (seq, doc, o), &item, &mut detailed) {
                        continue;
                    }
                }
                let common = common_shape(doc, &mention.selector())
                    .and_then(|(o, quote)| in_order.push(Ordered { entity, seq, ..o }, quote));
                if common.is_none() {
                    by_anchorer.push((seq, doc, mention));
                }
            }
        }
        in_order.sort();
        (in_order, by_anchorer, detailed)
    };
    let split = slow_starts.partition_point(|&s| s < total_mentions / 2);
    let ((in_order_a, by_anchorer_a, mut detailed), (in_order_b, by_anchorer_b, detailed_b)) =
        if total_mentions >= 4096 && parallel::two_cores() {
            beside(ctx, |ctx| parse_lists(ctx, 0..split), |ctx| parse_lists(ctx, split..mention_lists.len()))
        } else {
            (parse_lists(ctx, 0..mention_lists.len()), (Spans::default(), Vec::new(), Parsed::default()))
        };
    detailed.extend(detailed_b);
    runs.parsed = [in_order_a, in_order_b];
    anchorers.prepare(by_anchorer_a.iter().chain(&by_anchorer_b).map(|(_, doc, m)| (*doc, m.selector())));
    for (seq, doc, m) in by_anchorer_a.into_iter().chain(by_anchorer_b) {
        let (list, k) = mentions.locate(seq);
        let (entity, Origin { file, .. }) = mentions.entity[list];
        match anchorers.get(doc).resolve(&m.selector()) {
            Ok(span) => mentions.other_shapes.push((Mention { entity, doc, span }, seq)),
            Err(err) => {
                let o = Origin { file, offset: ctx.files.offset_of(file, mention_lists[list][k].get()) };
                ctx.at(err.kind, o, &mentions.label(entities, list, k), err.message);
            }
        }
    }
    if !detailed.is_empty() {
        let mut made = Vec::new();
        let item = |seq| mentions.label_of(entities, seq);
        let detailed = details::resolve_fragments(ctx, anchorers, detailed, &item, &mut |seq, doc, span| {
            made.push((seq, doc, span))
        });
        for (seq, doc, span) in made {
            let (list, _) = mentions.locate(seq);
            let entity = mentions.entity[list].0;
            mentions.other_shapes.push((Mention { entity, doc, span }, seq));
        }
        mentions.details = detailed;
    }
    (mentions, fix)
}

impl Mentions {
    /// The list and the place in it of mention number `seq`.
    fn locate(&self, seq: u32) -> (usize, usize) {
        let list = self.starts.partition_point(|&s| s <= seq) - 1;
        (list, (seq - self.starts[list]) as usize)
    }

    /// Mention number `seq` as a message names it.
    fn label_of(&self, entities: &[Entity], seq: u32) -> String {
        let (list, k) = self.locate(seq);
        self.label(entities, list, k)
    }

    fn label(&self, entities: &[Entity], list: usize, k: usize) -> String {
        let id = &entities[self.entity[list].0.index()].id;
        format!("{}, mention {}", label("entity", 0, Some(id)), k + 1)
    }

    /// Where mention `k` of `list` was written.
    fn place(&mut self, files: &Files, list: usize, k: usize) -> Origin {
        let record = self.entity[list].1;
        self.places.entry(list).or_insert_with(|| files.mention_origins(record)).get(k).copied().unwrap_or(record)
    }

    /// The mentions that failed the walk, resolved by their document's
    /// anchorer (prepared for them), which says why where it cannot.
    pub(super) fn resolve_failed(
        &mut self,
        ctx: &mut Ctx,
        anchorers: &mut Anchorers,
        failed: &[(Ordered, Option<String>)],
        entities: &[Entity],
    ) {
        for (o, quote) in failed {
            let (list, k) = self.locate(o.seq);
            let entity = self.entity[list].0;
            match anchorers.get(o.doc).resolve(&o.selector(quote.as_deref())) {
                Ok(span) => self.other_shapes.push((Mention { entity, doc: o.doc, span }, o.seq)),
                Err(err) => {
                    let at = self.place(ctx.files, list, k);
                    ctx.at(err.kind, at, &self.label(entities, list, k), err.message);
                }
            }
        }
    }

    /// Every mention in corpus order: those the walk resolved (in that
    /// order, with their numbers) and the rest; each given once. With them,
    /// the details of those that have any, and the links between them.
    pub(super) fn finish(
        mut self,
        ctx: &mut Ctx,
        mut mentions: Vec<Mention>,
        mut seqs: Vec<u32>,
        (documents, entities): (&[Document], &[Entity]),
    ) -> Made {
        let key = |m: &Mention| (m.doc, m.span.start, m.span.end, m.entity);
        if !self.other_shapes.is_empty() {
            let other_shapes = std::mem::take(&mut self.other_shapes);
            let mut all: Vec<(Mention, u32)> = mentions.into_iter().zip(seqs).chain(other_shapes).collect();
            all.sort_unstable_by_key(|(m, seq)| (key(m), *seq));
            (mentions, seqs) = all.into_iter().unzip();
        }
        // Sorted, the same span given twice for one entity sits side by side.
        for i in 1..mentions.len() {
            if key(&mentions[i - 1]) == key(&mentions[i]) {
                let ((first_list, first_k), (list, k)) = (self.locate(seqs[i - 1]), self.locate(seqs[i]));
                let (first, o) = (self.place(ctx.files, first_list, first_k), self.place(ctx.files, list, k));
                let msg = format!("the same mention is given twice (also at {})", ctx.files.describe(first));
                ctx.at(ProblemKind::DuplicateId, o, &self.label(entities, list, k), msg);
            }
        }
        let detailed = std::mem::take(&mut self.details);
        let item = |seq| self.label_of(entities, seq);
        let (details, links) = details::finish(ctx, detailed, (&mentions, &seqs), documents, &item);
        Made { mentions, details, links }
    }
}
