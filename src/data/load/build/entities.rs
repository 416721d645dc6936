//! The entities stage: each file's entities parsed, then merged by id across
//! files into the corpus's entities.
//!
//! An entity is read by the first of three readers that takes it: the
//! plainest form straight from its bytes ([`plain`], four times faster than
//! serde, and the way most corpora are written), then the common shape
//! through serde in one pass ([`quick`], which takes escapes), then the
//! careful way ([`parse_object`]), which reports each problem in its place.
//! The first two hand their mentions over as spans ready for the walk; the
//! careful way leaves them raw, to be parsed in [`super::mentions`]. What
//! the faster readers accept, the careful one accepts with the same values
//! (a property test holds each to it), so which one read an entity never
//! shows.

use std::borrow::Cow;

use super::ctx::{Ctx, check_id, id_of, label, serde_error};
use super::files::Origin;
use crate::data::load::plain;
use crate::data::load::problem::{ProblemKind, quoted};
use crate::data::load::quick::{self, DocIds};
use crate::data::load::raw::{RawEntity, RawFile, parse_object};
use crate::data::load::resolve::Spans;
use crate::data::model::{Entity, EntityIdx, EntityKind};
use crate::support::hash::FxHashMap;
use crate::support::parallel::in_halves;

pub(super) struct ParsedFile<'s> {
    pub(super) file: usize,
    pub(super) entities: Vec<EntityRecord<'s>>,
    /// The mentions of entities parsed in one pass, a run per thread, in
    /// text order; each with the index of its first record in `entities`.
    /// A mention's `entity` is its record's index from there, and its `seq`
    /// its place among the record's mentions.
    pub(super) runs: Vec<(Spans, u32)>,
}

/// An entity as written, and where its mentions are: raw in the record
/// (parsed the careful way), or already spans (so many) in its file's runs.
pub(super) struct EntityRecord<'s> {
    pub(super) raw: RawEntity<'s>,
    pub(super) origin: Origin,
    pub(super) quick: Option<usize>,
}

/// A file's entities, each parsed on its own; one in the common shape in one
/// pass, with its mentions (see [`quick`]).
pub(super) fn parse_entities<'s>(
    ctx: &mut Ctx<'_, 's>,
    file: usize,
    raw: &RawFile<'s>,
    docs: &DocIds<Origin>,
) -> ParsedFile<'s> {
    let parse = |ctx: &mut Ctx<'_, 's>, part: &mut Part, i, r: &'s str| {
        let origin = Origin { file, offset: ctx.files.offset_of(file, r) };
        if !ctx.is_object(file, r, &|| label("entity", i, None)) {
            return None;
        }
        let start = part.run.len();
        let quick = plain::parse_entity(r, docs, &mut part.run).or_else(|| quick::parse_entity(r, docs, &mut part.run));
        let record = if let Some((raw, n)) = quick {
            // Which record and which of its mentions, until the entity and the mention's number are known.
            for (k, o) in part.run.items[start..].iter_mut().enumerate() {
                (o.entity, o.seq) = (EntityIdx(part.records), k as u32);
            }
            EntityRecord { raw, origin, quick: Some(n) }
        } else {
            // The careful way: entities borrow their mention list from the file, so they are parsed with `from_str` directly.
            match parse_object::<RawEntity<'s>>(r) {
                Ok(raw) => EntityRecord { raw, origin, quick: None },
                Err(e) => {
                    let (kind, rel, message) = serde_error(&e, r);
                    let o = Origin { file, offset: origin.offset + rel };
                    ctx.at(kind, o, &label("entity", i, id_of(r).as_deref()), message);
                    return None;
                }
            }
        };
        part.records += 1;
        Some(record)
    };
    // Each thread sorts its own run into text order.
    let (entities, parts) = in_halves(ctx, &raw.entities, 1024, parse, |part| part.run.sort());
    let mut base = 0;
    let runs = parts
        .into_iter()
        .map(|part| {
            base += part.records;
            (part.run, base - part.records)
        })
        .collect();
    ParsedFile { file, entities, runs }
}

/// What one thread makes of its half of a file's entities: the mentions
/// parsed with them, and how many records it made.
#[derive(Default)]
struct Part {
    run: Spans,
    records: u32,
}

/// Entities merged by id across files: their strings move into the merged
/// entity (the records keep only their mentions, for anchoring later).
/// Returns the entities, and for each merged record its entity, its file's
/// place in `parsed` and its place in that file.
pub(super) fn merge_entities<'s>(
    ctx: &mut Ctx<'_, 's>,
    parsed: &mut [ParsedFile<'s>],
) -> (Vec<Entity>, Vec<(EntityIdx, u32, u32)>) {
    let records_given: usize = parsed.iter().map(|pf| pf.entities.len()).sum();
    let mut entity_ids: FxHashMap<Cow<'_, str>, EntityIdx> =
        FxHashMap::with_capacity_and_hasher(records_given, Default::default());
    // The entities as they will be, and beside them what merging needs to know.
    let mut entities: Vec<Entity> = Vec::with_capacity(records_given);
    let mut merging: Vec<Merging> = Vec::with_capacity(records_given);
    // Each record merged: its entity, its file's place in `parsed` and its place in that file.
    let mut records: Vec<(EntityIdx, u32, u32)> = Vec::with_capacity(records_given);
    let record_of = |records: &[(EntityIdx, u32, u32)], r: u32| {
        let (_, pfi, i) = records[r as usize];
        (pfi as usize, i as usize)
    };
    let origin = |parsed: &[ParsedFile<'s>], records: &[(EntityIdx, u32, u32)], r: u32| -> Origin {
        let (pfi, i) = record_of(records, r);
        parsed[pfi].entities[i].origin
    };
    for pfi in 0..parsed.len() {
        let file = parsed[pfi].file;
        for i in 0..parsed[pfi].entities.len() {
            let EntityRecord { raw, origin: o, .. } = &parsed[pfi].entities[i];
            let (o, id) = (*o, raw.id.clone());
            if !check_id(ctx, "entity", i, &id, o) {
                continue;
            }
            let item = || label("entity", i, Some(&id));
            // This record's number in `records`.
            let r = records.len() as u32;
            let idx = match entity_ids.get(&id) {
                Some(&idx) => {
                    let first_in_file = origin(parsed, &records, merging[idx.index()].first_in_file);
                    if first_in_file.file == file {
                        let first = ctx.files.describe(first_in_file);
                        let msg = format!("entity id defined twice in this file (first at {first})");
                        ctx.at(ProblemKind::DuplicateId, o, &item(), msg);
                        continue;
                    }
                    merging[idx.index()].first_in_file = r;
                    idx
                }
                None => {
                    let idx = EntityIdx::from_index(entities.len());
                    entities.push(Entity {
                        id: id.to_string(),
                        name: String::new(),
                        kind: EntityKind::Other,
                        aliases: Vec::new(),
                        description: String::new(),
                    });
                    entity_ids.insert(id.clone(), idx);
                    merging.push(Merging { first: r, first_in_file: r, name: NONE, description: NONE, kind: NONE });
                    idx
                }
            };
            // The first name, description and kind given stay; a file that gives another is in conflict.
            let m = merging[idx.index()];
            let entity = &mut entities[idx.index()];
            let e = &parsed[pfi].entities[i].raw;
            let first_kind = (m.kind != NONE).then(|| {
                let (kpfi, ki) = record_of(&records, m.kind);
                parsed[kpfi].entities[ki].raw.kind.as_deref().unwrap_or_default()
            });
            let fields = [
                ("name", e.name.as_deref(), m.name, (m.name != NONE).then_some(entity.name.as_str())),
                ("kind", e.kind.as_deref(), m.kind, first_kind),
                (
                    "description",
                    e.description.as_deref(),
                    m.description,
                    (m.description != NONE).then_some(entity.description.as_str()),
                ),
            ];
            let mut set = [false; 3];
            for (k, (field, value, first, existing)) in fields.into_iter().enumerate() {
                match (value, existing) {
                    (Some(value), Some(existing)) if value != existing => {
                        let at = ctx.files.describe(origin(parsed, &records, first));
                        let msg = format!("{field} {} differs from {} given at {at}", quoted(value), quoted(existing));
                        ctx.at(ProblemKind::Conflict, o, &item(), msg);
                    }
                    (Some(_), None) => set[k] = true,
                    _ => {}
                }
            }
            let m = &mut merging[idx.index()];
            let e = &mut parsed[pfi].entities[i].raw;
            if set[0] {
                entity.name = e.name.take().map(Cow::into_owned).unwrap_or_default();
                m.name = r;
            }
            if set[1] {
                // The kind stays in its record, read once every file is merged.
                m.kind = r;
            }
            if set[2] {
                entity.description = e.description.take().map(Cow::into_owned).unwrap_or_default();
                m.description = r;
            }
            for (k, alias) in std::mem::take(&mut e.aliases).into_iter().enumerate() {
                if alias.trim().is_empty() {
                    ctx.at(ProblemKind::Value, o, &item(), format!("alias {} is empty", k + 1));
                } else {
                    // Repeats are dropped once every file is merged (see `distinct`).
                    entity.aliases.push(alias.into_owned());
                }
            }
            records.push((idx, pfi as u32, i as u32));
        }
    }
    for (entity, m) in entities.iter_mut().zip(merging) {
        let item = || label("entity", 0, Some(&entity.id));
        let at = |r: u32| origin(parsed, &records, r);
        match m.name {
            NONE => ctx.at(ProblemKind::Type, at(m.first), &item(), "no name is given in any of its files"),
            r if entity.name.trim().is_empty() => ctx.at(ProblemKind::Value, at(r), &item(), "name is empty"),
            _ => {}
        }
        match m.kind {
            NONE => ctx.at(ProblemKind::Type, at(m.first), &item(), "no kind is given in any of its files"),
            r => {
                let (pfi, i) = record_of(&records, r);
                let kind = parsed[pfi].entities[i].raw.kind.as_deref().unwrap_or_default();
                if kind.trim().is_empty() {
                    ctx.at(ProblemKind::Value, at(r), &item(), "kind is empty");
                }
                entity.kind = EntityKind::parse(kind);
            }
        }
        if !entity.aliases.is_empty() {
            entity.aliases = distinct(std::mem::take(&mut entity.aliases), &entity.name);
        }
    }
    (entities, records)
}

/// What merging an entity from every file that names its id needs to know
/// besides the entity itself: records, by their number in the merge's list
/// (each record knows where it was written), 20 bytes an entity.
#[derive(Debug, Clone, Copy)]
struct Merging {
    /// The entity's first record, and its first in the file being merged
    /// (to catch a second definition in one file).
    first: u32,
    first_in_file: u32,
    /// The records that first gave the name, the description and the kind
    /// (`NONE` until one does). The kind stays in its record until the end.
    name: u32,
    description: u32,
    kind: u32,
}

/// No record (yet).
const NONE: u32 = u32::MAX;

/// Aliases in the order first given, each once and none the same as the name.
fn distinct(aliases: Vec<String>, name: &str) -> Vec<String> {
    first_of_each(aliases, |a| a == name)
}

/// Each item once, where first given, less those `drop` says to leave out.
/// Few items are compared one by one; many (an entity may have 100,000
/// aliases, a claim be about as many entities) are told apart by a set.
pub(super) fn first_of_each<T: Eq + std::hash::Hash>(mut items: Vec<T>, drop: impl Fn(&T) -> bool) -> Vec<T> {
    let keep: Vec<bool> = if items.len() <= 8 {
        (0..items.len()).map(|i| !drop(&items[i]) && !items[..i].contains(&items[i])).collect()
    } else {
        let mut seen: FxHashMap<&T, ()> = FxHashMap::default();
        items.iter().map(|item| !drop(item) && seen.insert(item, ()).is_none()).collect()
    };
    let mut keep = keep.into_iter();
    items.retain(|_| keep.next().unwrap_or(false));
    items
}
