//! The file format as serde sees it (documented in docs/format.md).
//!
//! Lists of documents, entities, mentions and claims are first taken as raw
//! JSON slices of the file, then parsed one item at a time: a wrong type in
//! one item is reported with its own line and column and does not hide the
//! problems of the items after it.

use serde::Deserialize;
use std::borrow::Cow;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;

use super::anchor::SpanSelector;

/// A file's top level: its format, and the JSON text of each item of its
/// lists (slices of the file).
#[derive(Debug, Default)]
pub struct RawFile<'a> {
    pub format: Option<String>,
    pub documents: Vec<&'a str>,
    pub entities: Vec<&'a str>,
    pub claims: Vec<&'a str>,
}

/// The top level as serde reads it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFileJson<'a> {
    #[serde(default)]
    pub format: Option<String>,
    #[serde(default, borrow)]
    pub documents: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    pub entities: Vec<&'a RawValue>,
    #[serde(default, borrow)]
    pub claims: Vec<&'a RawValue>,
}

impl<'a> From<RawFileJson<'a>> for RawFile<'a> {
    fn from(f: RawFileJson<'a>) -> RawFile<'a> {
        let texts = |items: Vec<&'a RawValue>| items.into_iter().map(RawValue::get).collect();
        RawFile {
            format: f.format,
            documents: texts(f.documents),
            entities: texts(f.entities),
            claims: texts(f.claims),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    pub text: String,
    #[serde(default)]
    pub authors: Vec<RawPerson>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub genre: Option<String>,
    #[serde(default)]
    pub translated: bool,
    #[serde(default)]
    pub translated_from: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// A credited person: either just a name, or an object with details.
#[derive(Debug, Default)]
pub struct RawPerson {
    pub name: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub entity: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPersonFields {
    name: String,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    affiliation: Option<String>,
    #[serde(default)]
    entity: Option<String>,
}

impl<'de> Deserialize<'de> for RawPerson {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PersonVisitor;
        impl<'de> Visitor<'de> for PersonVisitor {
            type Value = RawPerson;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a name, or an object with name, role, affiliation and entity")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawPerson, E> {
                Ok(RawPerson { name: v.to_string(), ..RawPerson::default() })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawPerson, A::Error> {
                let f = RawPersonFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RawPerson { name: f.name, role: f.role, affiliation: f.affiliation, entity: f.entity })
            }
        }
        deserializer.deserialize_any(PersonVisitor)
    }
}

/// An entity as written. Its strings are borrowed from the file where they
/// can be: the final entity owns its own copies, and both need not exist at once.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub name: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub kind: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "strs")]
    pub aliases: Vec<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub description: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub mentions: Vec<&'a RawValue>,
}

/// A string borrowed from the file where it has no escapes. serde borrows a
/// `Cow` only when it is a field of its own, not inside an `Option` or a
/// `Vec`, where it would allocate every string (a million quotes).
#[derive(Deserialize)]
#[serde(transparent)]
pub struct Str<'a>(#[serde(borrow)] pub Cow<'a, str>);

fn some_str<'de: 'a, 'a, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Cow<'a, str>>, D::Error> {
    Ok(Option::<Str<'a>>::deserialize(deserializer)?.map(|s| s.0))
}

fn strs<'de: 'a, 'a, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Cow<'a, str>>, D::Error> {
    Ok(Vec::<Str<'a>>::deserialize(deserializer)?.into_iter().map(|s| s.0).collect())
}

/// A count in the format (an offset, an occurrence number), with a message
/// that says so when the JSON holds something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Count(pub u64);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CountVisitor;
        impl Visitor<'_> for CountVisitor {
            type Value = Count;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number, 0 or more")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Count, E> {
                Ok(Count(v))
            }
        }
        deserializer.deserialize_u64(CountVisitor)
    }
}

/// Where a span is: offsets, a quote, or both (then they must agree).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpan<'a> {
    #[serde(default)]
    pub start: Option<Count>,
    #[serde(default)]
    pub end: Option<Count>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub quote: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub prefix: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub suffix: Option<Cow<'a, str>>,
    #[serde(default)]
    pub occurrence: Option<Count>,
}

/// A mention: a document and a span in it, written flat. Its strings are
/// borrowed from the file where they can be (a corpus has millions of them).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMention<'a> {
    #[serde(borrow)]
    pub document: Cow<'a, str>,
    #[serde(default)]
    pub start: Option<Count>,
    #[serde(default)]
    pub end: Option<Count>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub quote: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub prefix: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub suffix: Option<Cow<'a, str>>,
    #[serde(default)]
    pub occurrence: Option<Count>,
}

impl RawMention<'_> {
    pub fn selector(&self) -> SpanSelector<'_> {
        SpanSelector {
            start: self.start.map(|c| c.0),
            end: self.end.map(|c| c.0),
            quote: self.quote.as_deref(),
            prefix: self.prefix.as_deref(),
            suffix: self.suffix.as_deref(),
            occurrence: self.occurrence.map(|c| c.0),
        }
    }
}

impl RawSpan<'_> {
    pub fn selector(&self) -> SpanSelector<'_> {
        SpanSelector {
            start: self.start.map(|c| c.0),
            end: self.end.map(|c| c.0),
            quote: self.quote.as_deref(),
            prefix: self.prefix.as_deref(),
            suffix: self.suffix.as_deref(),
            occurrence: self.occurrence.map(|c| c.0),
        }
    }
}

/// A claim as written, its strings borrowed from the file where they can be.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim<'a> {
    #[serde(borrow)]
    pub id: Cow<'a, str>,
    #[serde(borrow)]
    pub document: Cow<'a, str>,
    #[serde(borrow)]
    pub span: RawSpan<'a>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub claimant: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub kind: Cow<'a, str>,
    #[serde(default, borrow, deserialize_with = "strs")]
    pub about: Vec<Cow<'a, str>>,
    #[serde(default, borrow)]
    pub relations: Vec<RawRelation<'a>>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub summary: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub note: Option<Cow<'a, str>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRelation<'a> {
    #[serde(borrow)]
    pub claim: Cow<'a, str>,
    #[serde(borrow)]
    pub relation: Cow<'a, str>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub note: Option<Cow<'a, str>>,
}
