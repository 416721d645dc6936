//! What a mention says beyond its document and span (docs/format.md,
//! "Mention details and relations"): its fragments when it is
//! discontinuous, the ids and label its source gave it, attributes,
//! references, notes, and its relations to other mentions of its document.
//!
//! Few corpora have any, so none of this is on the way of a mention without
//! them: the fast readers refuse a mention with these fields (its entity is
//! read the careful way), and only such mentions are seen here, in three
//! steps: parsed and checked with their mention ([`parse`]), fragments
//! resolved once every other span of the mention list is ([`resolve_fragments`]),
//! then ids and relations checked once every mention is resolved ([`finish`]),
//! since a relation may point to a mention of any entity, written anywhere.

use serde_json::value::RawValue;

use super::ctx::Ctx;
use super::files::Origin;
use super::spans::Anchorers;
use crate::data::load::problem::{ProblemKind, quoted};
use crate::data::load::raw::{RawAttribute, RawMention, RawMentionLink, RawNote, RawSpan};
use crate::data::model::{
    Attribute, DocIdx, Document, Mention, MentionDetail, Note, PendingLink, Reference, Span, Str,
};
use crate::support::hash::FxHashMap;

/// A mention with details, as parsed: its number in the order written, its
/// document and place, and what it says. (A corpus converted from another
/// tool's format may have a million, each with its ids: they are made once,
/// kept in the order written, and handed over in corpus order, never sorted.)
pub(super) struct Detailed {
    seq: u32,
    doc: DocIdx,
    origin: Origin,
    detail: MentionDetail,
    links: Vec<LinkAsWritten>,
}

/// A discontinuous mention's fragments as written, each with its place,
/// until they are resolved.
pub(super) struct Fragmented<'s> {
    seq: u32,
    doc: DocIdx,
    fragments: Vec<(RawSpan<'s>, Origin)>,
    /// Whether every fragment parsed (those that did are still resolved, for their problems).
    complete: bool,
}

/// What parsing the details of a thread's mentions made.
#[derive(Default)]
pub(super) struct Parsed<'s> {
    pub(super) detailed: Vec<Detailed>,
    pub(super) fragmented: Vec<Fragmented<'s>>,
}

impl<'s> Parsed<'s> {
    pub(super) fn is_empty(&self) -> bool {
        self.detailed.is_empty()
    }

    pub(super) fn extend(&mut self, other: Parsed<'s>) {
        self.detailed.extend(other.detailed);
        self.fragmented.extend(other.fragmented);
    }
}

/// A relation as written, its other end still an id.
struct LinkAsWritten {
    target: String,
    kind: String,
    id: Option<String>,
    attributes: Vec<Attribute>,
    notes: Vec<Note>,
    origin: Origin,
    /// Its number among its mention's relations, from 0.
    index: usize,
}

/// The mention's details, checked, each problem reported at the mention
/// (or the fragment, or the relation), added to `out`; and whether its own
/// span is to be resolved (it has no fragments, and nothing is wrong with
/// where it is).
pub(super) fn parse<'s>(
    ctx: &mut Ctx,
    mention: &RawMention<'s>,
    (seq, doc, origin): (u32, DocIdx, Origin),
    item: &dyn Fn() -> String,
    out: &mut Parsed<'s>,
) -> bool {
    let file = origin.file;
    let problem = |ctx: &mut Ctx, kind, what: &str, message: String| {
        let item = if what.is_empty() { item() } else { format!("{}, {what}", item()) };
        ctx.at(kind, origin, &item, message);
    };
    let mut own_span = true;
    if let Some(raw) = &mention.fragments {
        own_span = false;
        let given = mention.span_fields();
        if !given.is_empty() {
            let msg = format!(
                "both fragments and span fields ({}) are given: a discontinuous mention's places are its fragments only",
                given.join(", ")
            );
            problem(ctx, ProblemKind::Type, "", msg);
        } else if raw.len() < 2 {
            let msg = format!(
                "{} fragment{} given: a discontinuous mention has two or more (a mention in one piece gives its span fields itself)",
                raw.len(),
                if raw.len() == 1 { " is" } else { "s are" }
            );
            problem(ctx, ProblemKind::Type, "", msg);
        } else {
            let (fragments, complete) = parse_fragments(ctx, file, raw, item);
            out.fragmented.push(Fragmented { seq, doc, fragments, complete });
        }
    }
    let empty = |ctx: &mut Ctx, what: String, field: &str| {
        let at = if what.is_empty() { item() } else { format!("{}, {what}", item()) };
        ctx.at(ProblemKind::Value, origin, &at, format!("{field} is empty"));
    };
    let mut ids = Vec::with_capacity(mention.ids.len());
    for (k, id) in mention.ids.iter().enumerate() {
        if id.trim().is_empty() {
            empty(ctx, String::new(), &format!("id {}", k + 1));
        } else {
            ids.push(id.to_string());
        }
    }
    if mention.label.as_deref().is_some_and(|l| l.trim().is_empty()) {
        empty(ctx, String::new(), "label");
    }
    let attributes = attributes(&mention.attributes, &mut |what, field| empty(ctx, what, field));
    let mut references = Vec::with_capacity(mention.references.len());
    for (k, r) in mention.references.iter().enumerate() {
        for (field, value) in [("kind", &r.kind), ("target", &r.target)] {
            if value.trim().is_empty() {
                empty(ctx, format!("reference {}", k + 1), field);
            }
        }
        references.push(Reference {
            kind: Str::from(&*r.kind),
            target: Str::from(&*r.target),
            text: r.text.as_deref().map(Into::into),
        });
    }
    let notes = notes(&mention.notes, &mut |what, field| empty(ctx, what, field));
    let links = parse_links(ctx, file, &mention.relations, item);
    let detail = MentionDetail {
        ids,
        label: mention.label.as_deref().map(str::to_string),
        fragments: Vec::new(),
        attributes,
        references,
        notes,
    };
    out.detailed.push(Detailed { seq, doc, origin, detail, links });
    own_span
}

fn parse_fragments<'s>(
    ctx: &mut Ctx,
    file: usize,
    raw: &[&'s RawValue],
    item: &dyn Fn() -> String,
) -> (Vec<(RawSpan<'s>, Origin)>, bool) {
    let mut fragments = Vec::with_capacity(raw.len());
    let mut all_parsed = true;
    for (k, f) in raw.iter().enumerate() {
        let origin = Origin { file, offset: ctx.files.offset_of(file, f.get()) };
        // A fragment that does not parse is reported; the others are still checked.
        match ctx.item::<RawSpan>(file, f.get(), || format!("{}, fragment {}", item(), k + 1)) {
            Some(span) => fragments.push((span, origin)),
            None => all_parsed = false,
        }
    }
    (fragments, all_parsed)
}

fn parse_links(ctx: &mut Ctx, file: usize, raw: &[&RawValue], item: &dyn Fn() -> String) -> Vec<LinkAsWritten> {
    let mut links = Vec::with_capacity(raw.len());
    for (index, r) in raw.iter().enumerate() {
        let origin = Origin { file, offset: ctx.files.offset_of(file, r.get()) };
        let what = || format!("{}, relation {}", item(), index + 1);
        let Some(link) = ctx.item::<RawMentionLink>(file, r.get(), what) else {
            continue;
        };
        let mut empty = |sub: String, field: &str| {
            let at = if sub.is_empty() { what() } else { format!("{}, {sub}", what()) };
            ctx.at(ProblemKind::Value, origin, &at, format!("{field} is empty"));
        };
        for (field, value) in
            [("mention", Some(&link.mention)), ("relation", Some(&link.relation)), ("id", link.id.as_ref())]
        {
            if value.is_some_and(|v| v.trim().is_empty()) {
                empty(String::new(), field);
            }
        }
        let attributes = attributes(&link.attributes, &mut empty);
        let notes = notes(&link.notes, &mut empty);
        links.push(LinkAsWritten {
            target: link.mention.to_string(),
            kind: link.relation.to_string(),
            id: link.id.as_deref().map(str::to_string),
            attributes,
            notes,
            origin,
            index,
        });
    }
    links
}

/// Attributes made, an empty name reported through `empty(item, field)`.
fn attributes(raw: &[RawAttribute], empty: &mut dyn FnMut(String, &str)) -> Vec<Attribute> {
    raw.iter()
        .enumerate()
        .map(|(k, a)| {
            if a.name.trim().is_empty() {
                empty(format!("attribute {}", k + 1), "name");
            }
            Attribute { name: a.name.to_string(), value: a.value.as_deref().map(str::to_string) }
        })
        .collect()
}

/// Notes made, an empty kind reported (a note's text may be empty: tools write empty notes).
fn notes(raw: &[RawNote], empty: &mut dyn FnMut(String, &str)) -> Vec<Note> {
    raw.iter()
        .enumerate()
        .map(|(k, n)| {
            if n.kind.trim().is_empty() {
                empty(format!("note {}", k + 1), "kind");
            }
            Note { kind: Str::from(&*n.kind), text: Str::from(&*n.text) }
        })
        .collect()
}

/// Each discontinuous mention's fragments resolved by its document's
/// anchorer, in text order and not overlapping; the mention (its span the
/// fragments' cover) handed to `made` with its number.
pub(super) fn resolve_fragments(
    ctx: &mut Ctx,
    anchorers: &mut Anchorers,
    parsed: Parsed,
    item: &dyn Fn(u32) -> String,
    made: &mut dyn FnMut(u32, DocIdx, Span),
) -> Vec<Detailed> {
    let Parsed { mut detailed, fragmented } = parsed;
    // In the order written already, as each thread parsed its share in order.
    if !detailed.is_sorted_by_key(|d| d.seq) {
        detailed.sort_unstable_by_key(|d| d.seq);
    }
    let selectors = fragmented.iter().flat_map(|d| d.fragments.iter().map(|(f, _)| (d.doc, f.selector())));
    anchorers.prepare(selectors);
    for d in fragmented {
        let anchorer = anchorers.get(d.doc);
        let mut spans = Vec::with_capacity(d.fragments.len());
        for (k, (f, at)) in d.fragments.iter().enumerate() {
            match anchorer.resolve(&f.selector()) {
                Ok(span) => spans.push(span),
                Err(e) => ctx.at(e.kind, *at, &format!("{}, fragment {}", item(d.seq), k + 1), e.message),
            }
        }
        if spans.len() < d.fragments.len() || !d.complete {
            continue;
        }
        let mut in_order = true;
        for k in 1..spans.len() {
            let (before, this) = (spans[k - 1], spans[k]);
            if this.start < before.end {
                let chars =
                    |s: Span| format!("{}..{}", anchorer.char_of(s.start as usize), anchorer.char_of(s.end as usize));
                let (this_at, before_at) = (chars(this), chars(before));
                let msg = if this.end <= before.start {
                    format!(
                        "fragment {} ({this_at}) comes before fragment {k} ({before_at}): fragments are given in text order",
                        k + 1
                    )
                } else {
                    format!(
                        "fragment {} ({this_at}) overlaps fragment {k} ({before_at}): fragments do not overlap",
                        k + 1
                    )
                };
                ctx.at(ProblemKind::Span, d.fragments[k].1, &format!("{}, fragment {}", item(d.seq), k + 1), msg);
                in_order = false;
            }
        }
        if in_order {
            made(d.seq, d.doc, Span { start: spans[0].start, end: spans[spans.len() - 1].end });
            if let Ok(i) = detailed.binary_search_by_key(&d.seq, |x| x.seq) {
                detailed[i].detail.fragments = spans;
            }
        }
    }
    detailed
}

/// Once every mention is resolved (`mentions` in corpus order, `seqs` their
/// numbers): ids checked to be unique among a document's mentions, each
/// relation's other end found by id, and the details and links for the
/// corpus, named by their mentions. A mention that was not made (its
/// problem is reported) keeps its ids, so relations to it are not reported
/// again as unknown.
pub(super) fn finish(
    ctx: &mut Ctx,
    mut detailed: Vec<Detailed>,
    (mentions, seqs): (&[Mention], &[u32]),
    documents: &[Document],
    item: &dyn Fn(u32) -> String,
) -> (Vec<(Mention, MentionDetail)>, Vec<PendingLink>) {
    if detailed.is_empty() {
        return (Vec::new(), Vec::new());
    }
    // Each detailed mention as made (by its place in `detailed`, which is
    // in the order written), and the corpus's order of them.
    // Found by number, not searched for: a million searches in a million
    // details cost more than all the rest.
    let numbers = detailed.last().map_or(0, |d| d.seq as usize + 1);
    let mut place_of = vec![u32::MAX; numbers];
    for (i, d) in detailed.iter().enumerate() {
        place_of[d.seq as usize] = i as u32;
    }
    let mut made: Vec<Option<Mention>> = vec![None; detailed.len()];
    let mut in_corpus_order: Vec<u32> = Vec::with_capacity(detailed.len());
    for (m, &seq) in mentions.iter().zip(seqs) {
        if let Some(&i) = place_of.get(seq as usize).filter(|&&i| i != u32::MAX) {
            made[i as usize] = Some(*m);
            in_corpus_order.push(i);
        }
    }
    drop(place_of);
    let written: Vec<Vec<LinkAsWritten>> = detailed.iter_mut().map(|d| std::mem::take(&mut d.links)).collect();
    let ids = detailed.iter().map(|d| d.detail.ids.len()).sum();
    let mut by_id: FxHashMap<(DocIdx, &str), usize> = FxHashMap::with_capacity_and_hasher(ids, Default::default());
    for (i, d) in detailed.iter().enumerate() {
        for id in &d.detail.ids {
            match by_id.get(&(d.doc, id.as_str())) {
                Some(&first) if first == i => {
                    ctx.at(
                        ProblemKind::DuplicateId,
                        d.origin,
                        &item(d.seq),
                        format!("id {} is given twice", quoted(id)),
                    );
                }
                Some(&first) => {
                    let other = &detailed[first];
                    let msg = format!(
                        "id {} is also given to {} (at {}): a mention's ids are unique among the mentions of its document",
                        quoted(id),
                        item(other.seq),
                        ctx.files.describe(other.origin)
                    );
                    ctx.at(ProblemKind::DuplicateId, d.origin, &item(d.seq), msg);
                }
                None => {
                    by_id.insert((d.doc, id.as_str()), i);
                }
            }
        }
    }
    let mut links = Vec::new();
    // Where an unknown id is known after all, made at the first unknown one.
    let mut elsewhere: Option<FxHashMap<&str, DocIdx>> = None;
    for (i, (d, written)) in detailed.iter().zip(written).enumerate() {
        for l in written {
            if l.target.trim().is_empty() {
                // Reported as empty.
                continue;
            }
            let Some(&to) = by_id.get(&(d.doc, l.target.as_str())) else {
                let elsewhere = elsewhere.get_or_insert_with(|| {
                    let mut first: FxHashMap<&str, DocIdx> = FxHashMap::default();
                    for &(doc, id) in by_id.keys() {
                        first.entry(id).and_modify(|d| *d = (*d).min(doc)).or_insert(doc);
                    }
                    first
                });
                let mut msg = format!(
                    "points to unknown mention {}: no mention of document {} has that id",
                    quoted(&l.target),
                    quoted(&documents[d.doc.index()].id)
                );
                if let Some(other) = elsewhere.get(l.target.as_str()) {
                    let other = quoted(&documents[other.index()].id);
                    msg.push_str(&format!(" (document {other} has one; relations stay within a document)"));
                }
                ctx.at(ProblemKind::UnknownId, l.origin, &format!("{}, relation {}", item(d.seq), l.index + 1), msg);
                continue;
            };
            if let (Some(from), Some(to)) = (made[i], made[to]) {
                links.push(PendingLink { from, to, kind: l.kind, id: l.id, attributes: l.attributes, notes: l.notes });
            }
        }
    }
    drop(by_id);
    // In corpus order, so the corpus need not sort them.
    let empty = MentionDetail::default();
    let details = in_corpus_order
        .into_iter()
        .filter_map(|i| {
            let detail = std::mem::take(&mut detailed[i as usize].detail);
            Some((made[i as usize]?, detail)).filter(|(_, d)| *d != empty)
        })
        .collect();
    (details, links)
}
