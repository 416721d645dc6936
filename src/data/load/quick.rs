//! An entity in the common shape, parsed in one pass: each mention becomes
//! a span waiting to be resolved ([`Ordered`]) as it is read, without a raw
//! copy of it kept to be parsed later. A million mentions are read once.
//! The second of the loader's entity readers to be tried, when the faster
//! [`super::plain`] refuses an entity (an escape, a number written
//! otherwise): slower, as it goes through serde, but still one pass.
//!
//! The common shape: known fields, each once; every mention with a known
//! document and offsets `start < end`, and perhaps a quote. Anything else (a quote-only span, `prefix`, `suffix` or
//! `occurrence`, an unknown document, any error at all) sends the whole
//! entity the careful way, which parses it again and reports each problem in
//! its place. So this path accepts exactly what the careful one accepts
//! without a problem, and gives the same result.

use std::borrow::Cow;
use std::fmt;

use serde::Deserializer;
use serde::de::{DeserializeSeed, Error, MapAccess, SeqAccess, Visitor};

use super::raw::{Count, RawEntity, Str};
use super::resolve::{Ordered, Spans};
use crate::data::model::DocIdx;
use crate::support::hash::FxHashMap;

/// Document ids and their indices (with whatever else the caller keeps).
pub(super) type DocIds<T> = FxHashMap<String, (DocIdx, T)>;

/// Parses the entity in `json`, pushing its mentions onto `out` (their
/// `entity` and `seq` are left for the caller). Returns the entity (with no
/// raw mentions) and how many it pushed, or `None`, with `out` as it was,
/// when the entity is not in the common shape.
pub(super) fn parse_entity<'s, T>(json: &'s str, docs: &DocIds<T>, out: &mut Spans) -> Option<(RawEntity<'s>, usize)> {
    let before = out.mark();
    let mut de = serde_json::Deserializer::from_str(json);
    let parsed = de.deserialize_map(EntitySeed { docs, out: &mut *out }).and_then(|e| de.end().map(|()| e));
    match parsed {
        Ok(entity) => Some((entity, out.items.len() - before.items())),
        Err(_) => {
            out.rewind(before);
            None
        }
    }
}

/// Sets a field once; a second time is an error (the careful way says which).
fn once<T, E: Error>(slot: &mut Option<T>, value: T) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::custom("duplicate field"));
    }
    *slot = Some(value);
    Ok(())
}

struct EntitySeed<'a, T> {
    docs: &'a DocIds<T>,
    out: &'a mut Spans,
}

impl<'s, T> Visitor<'s> for EntitySeed<'_, T> {
    type Value = RawEntity<'s>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an entity")
    }

    fn visit_map<A: MapAccess<'s>>(self, mut map: A) -> Result<RawEntity<'s>, A::Error> {
        let EntitySeed { docs, out } = self;
        let mut id = None;
        let (mut name, mut kind, mut description) = (None, None, None);
        let (mut aliases, mut mentions) = (None, None);
        while let Some(key) = map.next_key::<Str<'s>>()? {
            match key.0.as_ref() {
                "id" => once(&mut id, map.next_value::<Str<'s>>()?.0)?,
                "name" => once(&mut name, map.next_value::<Option<Str<'s>>>()?.map(|s| s.0))?,
                "kind" => once(&mut kind, map.next_value::<Option<Str<'s>>>()?.map(|s| s.0))?,
                "description" => once(&mut description, map.next_value::<Option<Str<'s>>>()?.map(|s| s.0))?,
                "aliases" => once(&mut aliases, map.next_value::<Vec<Str<'s>>>()?)?,
                "mentions" => once(&mut mentions, map.next_value_seed(MentionsSeed { docs, out: &mut *out })?)?,
                _ => return Err(A::Error::custom("unknown field")),
            }
        }
        Ok(RawEntity {
            id: id.ok_or_else(|| A::Error::custom("missing id"))?,
            name: name.flatten(),
            kind: kind.flatten(),
            aliases: aliases.unwrap_or_default().into_iter().map(|s| s.0).collect(),
            description: description.flatten(),
            mentions: Vec::new(),
        })
    }
}

struct MentionsSeed<'a, T> {
    docs: &'a DocIds<T>,
    out: &'a mut Spans,
}

impl<'s, T> DeserializeSeed<'s> for MentionsSeed<'_, T> {
    type Value = ();

    fn deserialize<D: Deserializer<'s>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'s, T> Visitor<'s> for MentionsSeed<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of mentions")
    }

    fn visit_seq<A: SeqAccess<'s>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some((mention, quote)) = seq.next_element_seed(MentionSeed { docs: self.docs })? {
            self.out.push(mention, quote.as_deref()).ok_or_else(|| A::Error::custom("too many quotes"))?;
        }
        Ok(())
    }
}

struct MentionSeed<'a, T> {
    docs: &'a DocIds<T>,
}

impl<'s, T> DeserializeSeed<'s> for MentionSeed<'_, T> {
    type Value = (Ordered, Option<Cow<'s, str>>);

    fn deserialize<D: Deserializer<'s>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'s, T> Visitor<'s> for MentionSeed<'_, T> {
    type Value = (Ordered, Option<Cow<'s, str>>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a mention")
    }

    fn visit_map<A: MapAccess<'s>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut doc, mut start, mut end, mut quote) = (None, None, None, None);
        while let Some(key) = map.next_key::<Str<'s>>()? {
            match key.0.as_ref() {
                "document" => {
                    let id = map.next_value::<Str<'s>>()?;
                    let found = self.docs.get(id.0.as_ref()).ok_or_else(|| A::Error::custom("unknown document"))?;
                    once(&mut doc, found.0)?;
                }
                "start" => once(&mut start, map.next_value::<Count>()?.0)?,
                "end" => once(&mut end, map.next_value::<Count>()?.0)?,
                "quote" => once(&mut quote, map.next_value::<Option<Str<'s>>>()?.map(|q| q.0))?,
                _ => return Err(A::Error::custom("not the common shape")),
            }
        }
        let doc: DocIdx = doc.ok_or_else(|| A::Error::custom("missing document"))?;
        let o = Ordered::new(doc, start, end).ok_or_else(|| A::Error::custom("not offsets"))?;
        Ok((o, quote.flatten()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> DocIds<()> {
        [("d".to_string(), (DocIdx(0), ())), ("e".to_string(), (DocIdx(1), ()))].into_iter().collect()
    }

    #[test]
    fn the_common_shape_is_read_in_one_pass() {
        let json = r#"{"id": "t", "name": "Tokayev", "kind": "person", "aliases": ["Токаев", "K.-J. T."],
            "mentions": [{"document": "e", "start": 3, "end": 9, "quote": "Tokaye"}, {"end": 2, "start": 0, "document": "d"}]}"#;
        let mut out = Spans::default();
        let (e, n) = parse_entity(json, &docs(), &mut out).expect("common shape");
        assert_eq!((e.id.as_ref(), e.name.as_deref(), e.kind.as_deref(), n), ("t", Some("Tokayev"), Some("person"), 2));
        assert_eq!(e.aliases, ["Токаев", "K.-J. T."]);
        let got: Vec<_> = out.items.iter().map(|o| (o.doc.0, o.start, o.end, out.quote(o))).collect();
        assert_eq!(got, [(1, 3, 9, Some("Tokaye")), (0, 0, 2, None)]);
        // Escapes are no obstacle: the quote is copied.
        let json = r#"{"id": "t", "mentions": [{"document": "d", "start": 0, "end": 2, "quote": "T\u006f"}]}"#;
        let mut out = Spans::default();
        parse_entity(json, &docs(), &mut out).expect("common shape");
        assert_eq!(out.quote(&out.items[0]), Some("To"));
    }

    #[test]
    fn anything_else_goes_the_careful_way_and_leaves_nothing_behind() {
        let mention =
            |m: &str| format!(r#"{{"id": "t", "mentions": [{{"document": "d", "start": 0, "end": 2}}, {m}]}}"#);
        let others = [
            mention(r#"{"document": "d", "quote": "To"}"#),
            mention(r#"{"document": "d", "start": 0, "end": 2, "occurrence": 1}"#),
            mention(r#"{"document": "d", "start": 0, "end": 2, "prefix": null}"#),
            mention(r#"{"document": "x", "start": 0, "end": 2}"#),
            mention(r#"{"document": "d", "start": 2, "end": 2}"#),
            mention(r#"{"document": "d", "start": -0, "end": 2}"#),
            mention(r#"{"document": "d", "start": 0, "start": 1, "end": 2}"#),
            mention(r#"{"document": "d", "start": 0, "end": 99999999999}"#),
            mention(r#"["d", 0, 2]"#),
            r#"{"id": "t", "id": "u"}"#.to_string(),
            r#"{"name": "no id"}"#.to_string(),
            r#"{"id": "t", "colour": "red"}"#.to_string(),
            r#"{"id": "t", "mentions": null}"#.to_string(),
            r#"{"id": "t"} trailing"#.to_string(),
        ];
        for json in &others {
            let mut out = Spans::default();
            assert!(parse_entity(json, &docs(), &mut out).is_none(), "{json}");
            assert!(out.items.is_empty() && out.quote_bytes() == 0, "{json}");
        }
    }
}
