//! The shapes nearly every record of a large file takes, read straight from
//! the text into structs that borrow from it, without a JSON value: `text`,
//! `id`, `label` / `labels` triples, `entities` objects `{id, label,
//! start_offset, end_offset}` with `relations` `{id, from_id, to_id, type}`,
//! and `meta` (read as a value: it is small, and the careful way's own
//! reading of it then applies unchanged).
//!
//! A record that is anything else — another field, a field twice, a label
//! or id that is not a string or a non-negative integer, an offset that is
//! not one, a span or relation written as a list — fails to deserialize
//! here and is read again the careful way, which can name each fault. So
//! the fast way only ever sees records the careful way reads without a
//! question of shape, and must make the same of them: fields are taken in
//! the order the careful way takes them (a JSON map's, by name).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use compact_str::ToCompactString;
use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::Value;

use super::records;
use super::{Place, RecordReader};
use crate::data::import::cursor::Cursor;
use crate::data::import::{Doc, Fragments, Link, SpanAnn, Str};
use crate::data::load::{Problem, ProblemKind};
use crate::support::hash::FxHashMap;

/// A record of the common shapes, and nothing else.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Fast<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(default, borrow)]
    id: Option<Id<'a>>,
    #[serde(default)]
    label: Option<Vec<(u64, u64, Str)>>,
    #[serde(default)]
    labels: Option<Vec<(u64, u64, Str)>>,
    #[serde(default, borrow)]
    entities: Option<Vec<Entity<'a>>>,
    #[serde(default, borrow)]
    relations: Option<Vec<Relation<'a>>>,
    #[serde(default)]
    meta: Option<Value>,
}

/// An id as doccano writes them: a string, or a non-negative integer (kept
/// as its digits, as the careful way does).
pub(super) enum Id<'a> {
    Number(u64),
    Text(Cow<'a, str>),
}

impl Id<'_> {
    fn into_string(self) -> String {
        match self {
            Id::Number(n) => n.to_string(),
            Id::Text(s) => s.into_owned(),
        }
    }

    fn into_str(self) -> Str {
        match self {
            Id::Number(n) => n.to_compact_string(),
            Id::Text(s) => Str::from(s.as_ref()),
        }
    }

    fn as_str(&self) -> Cow<'_, str> {
        match self {
            Id::Number(n) => Cow::Owned(n.to_string()),
            Id::Text(s) => Cow::Borrowed(s),
        }
    }
}

/// `{id?, label, start_offset, end_offset}`, label a string.
pub(super) struct Entity<'a> {
    id: Option<Id<'a>>,
    label: Str,
    start: u64,
    end: u64,
}

/// `{id?, from_id, to_id, type}`, type a string.
pub(super) struct Relation<'a> {
    id: Option<Id<'a>>,
    from: Id<'a>,
    to: Id<'a>,
    kind: String,
}

impl RecordReader<'_> {
    /// A record read the fast way: what [`RecordReader::record`] makes of
    /// the same record as a JSON value.
    pub(super) fn fast(
        &mut self,
        record: Fast,
        index: usize,
        position: (usize, usize),
    ) -> Option<(Doc, Option<String>)> {
        let place = Place { position: Some(position), item: format!("record {index}") };
        let id = record.id.map(Id::into_string);
        let mut doc = Doc { text: record.text.into_owned(), position: place.position, ..Doc::default() };
        let mut cursor = Cursor::new(&doc.text);
        let before = self.problems.len();
        // The careful way takes a record's fields in the order of their names.
        if let Some(entities) = record.entities {
            doc.spans.reserve(entities.len());
            for (i, entity) in entities.into_iter().enumerate() {
                let at = || format!("{}, entities[{i}]", place.item);
                let (start, end) = (offset(entity.start), offset(entity.end));
                if let Some(fragment) = self.range(&mut cursor, start, end, &place, at) {
                    doc.spans.push(SpanAnn {
                        ids: entity.id.map(Id::into_str).into_iter().collect(),
                        label: entity.label,
                        fragments: Fragments::from(fragment),
                        position: place.position,
                        ..SpanAnn::default()
                    });
                }
            }
        }
        for (key, triples) in [("label", record.label), ("labels", record.labels)] {
            let triples = triples.unwrap_or_default();
            doc.spans.reserve(triples.len());
            for (i, (start, end, label)) in triples.into_iter().enumerate() {
                let at = || format!("{}, {key}[{i}]", place.item);
                if let Some(fragment) = self.range(&mut cursor, offset(start), offset(end), &place, at) {
                    doc.spans.push(SpanAnn {
                        label,
                        fragments: Fragments::from(fragment),
                        position: place.position,
                        ..SpanAnn::default()
                    });
                }
            }
        }
        if let Some(meta) = record.meta {
            self.meta(meta, &mut doc);
        }
        if self.problems.len() > before {
            return None;
        }
        records::merge_repeated(&mut doc.spans, self.file, &place.item, place.position, &mut self.out.warnings);
        if let Some(relations) = record.relations {
            self.fast_relations(relations, &place, &mut doc);
        }
        Some((doc, id))
    }

    /// Relations between the record's entities, by their ids.
    fn fast_relations(&mut self, relations: Vec<Relation>, place: &Place, doc: &mut Doc) {
        if relations.is_empty() {
            return;
        }
        let mut by_id: FxHashMap<&str, usize> = HashMap::with_capacity_and_hasher(doc.spans.len(), Default::default());
        for (i, span) in doc.spans.iter().enumerate() {
            for id in &span.ids {
                by_id.entry(id.as_str()).or_insert(i);
            }
        }
        let mut links = Vec::with_capacity(relations.len());
        for (i, relation) in relations.into_iter().enumerate() {
            let mut end = |name: &str, id: &Id| {
                let key = id.as_str();
                let found = by_id.get(&*key).copied();
                if found.is_none() {
                    let message = format!("{name} {key} names no entity of this record");
                    let at = format!("{}, relations[{i}]", place.item);
                    let problem = Problem::new(ProblemKind::UnknownId, self.file, message);
                    self.problems.push(problem.at(place.position).item(at));
                }
                found
            };
            let from = end("from_id", &relation.from);
            let to = end("to_id", &relation.to);
            let (Some(from), Some(to)) = (from, to) else { continue };
            links.push(Link {
                from,
                to,
                kind: relation.kind,
                id: relation.id.map(Id::into_string),
                position: place.position,
                ..Link::default()
            });
        }
        doc.links = links;
    }
}

/// An offset as the careful way takes it (every `u64` fits a `usize` where
/// dossier runs; one that did not would be reported past the text).
fn offset(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// The field names the fast shapes know; any other fails the record.
enum Key {
    Id,
    Label,
    Start,
    End,
    From,
    To,
    Type,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Key, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field of a doccano entity or relation")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "id" => Key::Id,
                    "label" => Key::Label,
                    "start_offset" => Key::Start,
                    "end_offset" => Key::End,
                    "from_id" => Key::From,
                    "to_id" => Key::To,
                    "type" => Key::Type,
                    _ => return Err(E::custom("another field")),
                })
            }
        }
        d.deserialize_identifier(KeyVisitor)
    }
}

/// Fills a field once: a field given twice is the careful way's to read
/// (a JSON map keeps the last).
fn once<T, E: de::Error>(slot: &mut Option<T>, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::custom("a field given twice"));
    }
    *slot = Some(value);
    Ok(())
}

impl<'de: 'a, 'a> Deserialize<'de> for Id<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Id<'a>, D::Error> {
        struct IdVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for IdVisitor<'a> {
            type Value = Id<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a non-negative integer")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Id<'a>, E> {
                Ok(Id::Number(n))
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Id<'a>, E> {
                Ok(Id::Text(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Id<'a>, E> {
                Ok(Id::Text(Cow::Owned(s.to_string())))
            }
        }
        d.deserialize_any(IdVisitor(PhantomData))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Entity<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Entity<'a>, D::Error> {
        struct EntityVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for EntityVisitor<'a> {
            type Value = Entity<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object {id, label, start_offset, end_offset}")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Entity<'a>, M::Error> {
                let (mut id, mut label, mut start, mut end) = (None, None, None, None);
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Id => once(&mut id, map.next_value::<Option<Id<'a>>>()?)?,
                        Key::Label => once(&mut label, map.next_value::<Str>()?)?,
                        Key::Start => once(&mut start, map.next_value::<u64>()?)?,
                        Key::End => once(&mut end, map.next_value::<u64>()?)?,
                        _ => return Err(de::Error::custom("not a field of an entity")),
                    }
                }
                match (label, start, end) {
                    (Some(label), Some(start), Some(end)) => Ok(Entity { id: id.flatten(), label, start, end }),
                    _ => Err(de::Error::custom("an entity without its label or offsets")),
                }
            }
        }
        // A map only: a list would be taken for the fields in order.
        d.deserialize_map(EntityVisitor(PhantomData))
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Relation<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Relation<'a>, D::Error> {
        struct RelationVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for RelationVisitor<'a> {
            type Value = Relation<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object {id, from_id, to_id, type}")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Relation<'a>, M::Error> {
                let (mut id, mut from, mut to, mut kind) = (None, None, None, None);
                while let Some(key) = map.next_key::<Key>()? {
                    match key {
                        Key::Id => once(&mut id, map.next_value::<Option<Id<'a>>>()?)?,
                        Key::From => once(&mut from, map.next_value::<Id<'a>>()?)?,
                        Key::To => once(&mut to, map.next_value::<Id<'a>>()?)?,
                        Key::Type => once(&mut kind, map.next_value::<String>()?)?,
                        _ => return Err(de::Error::custom("not a field of a relation")),
                    }
                }
                match (from, to, kind) {
                    (Some(from), Some(to), Some(kind)) => Ok(Relation { id: id.flatten(), from, to, kind }),
                    _ => Err(de::Error::custom("a relation without its ends or type")),
                }
            }
        }
        d.deserialize_map(RelationVisitor(PhantomData))
    }
}
