//! The file format as serde sees it (documented in docs/format.md).
//!
//! Lists of documents, entities, mentions and claims are first taken as raw
//! JSON slices of the file, then parsed one item at a time: a wrong type in
//! one item is reported with its own line and column and does not hide the
//! problems of the items after it.
//!
//! This is the careful way, tried last ([`super::build`]): the top level is
//! split here ([`file_json`]) when [`super::split`]'s fast split is not
//! tried or finds a problem, and an entity is parsed here ([`parse_object`])
//! when neither [`super::plain`] nor [`super::quick`] takes it. Slower, but
//! it names every problem in its place, and the faster ways are held to it.

use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
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
    #[serde(default, deserialize_with = "format")]
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

/// A file's top level, as an example for messages.
pub const FILE_SHAPE: &str = <RawFileJson<'static> as Shape>::EXAMPLE;

/// `format`, which is a string when it is given (null is not a format).
fn format<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    struct FormatVisitor;
    impl Visitor<'_> for FormatVisitor {
        type Value = Option<String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "a string such as \"{}\"", super::FORMAT)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Err(E::custom(format_args!("format: expected a string such as \"{}\", found null", super::FORMAT)))
        }
    }
    deserializer.deserialize_any(FormatVisitor)
}

/// A struct of the format. JSON gives each as an object: serde's derived
/// structs would also take an array of their fields in order (`"span": [0,
/// 5]`), which the format does not have, so each is read through [`object`].
pub trait Shape {
    /// What it is called in a message (empty where the item's label says it).
    const NAME: &'static str;
    /// A small example of it, for a message.
    const EXAMPLE: &'static str;
}

/// A `T` given as a JSON object; anything else is named for what it is,
/// with an example of what was expected.
pub fn object<'de, D: Deserializer<'de>, T: Deserialize<'de> + Shape>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_any(ObjectVisitor { name: T::NAME.to_string(), shape: PhantomData })
}

/// A list of `T`, each given as a JSON object (see [`object`]).
pub fn objects<'de, D: Deserializer<'de>, T: Deserialize<'de> + Shape>(deserializer: D) -> Result<Vec<T>, D::Error> {
    struct ListVisitor<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de> + Shape> Visitor<'de> for ListVisitor<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(f, "a list of objects such as {}", T::EXAMPLE)
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::new();
            let name = |i: usize| format!("{} {}", T::NAME, i + 1);
            while let Some(item) =
                seq.next_element_seed(ObjectVisitor { name: name(items.len()), shape: PhantomData })?
            {
                items.push(item);
            }
            Ok(items)
        }
    }
    deserializer.deserialize_seq(ListVisitor(PhantomData))
}

struct ObjectVisitor<T> {
    name: String,
    shape: PhantomData<T>,
}

impl<'de, T: Deserialize<'de> + Shape> de::DeserializeSeed<'de> for ObjectVisitor<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<T: Shape> ObjectVisitor<T> {
    fn refuse<E: de::Error>(&self, found: &str) -> E {
        let name = if self.name.is_empty() { String::new() } else { format!("{}: ", self.name) };
        E::custom(format_args!("{name}expected an object such as {}, found {found}", T::EXAMPLE))
    }
}

impl<'de, T: Deserialize<'de> + Shape> Visitor<'de> for ObjectVisitor<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "an object such as {}", T::EXAMPLE)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        Err(self.refuse("an array"))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> Result<T, E> {
        Err(self.refuse("a string"))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<T, E> {
        Err(self.refuse("a boolean"))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<T, E> {
        Err(self.refuse("a number"))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<T, E> {
        Err(self.refuse("a number"))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<T, E> {
        Err(self.refuse("a number"))
    }
    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Err(self.refuse("null"))
    }
}

/// A `T` that is all of `text`, as an object only.
pub fn parse_object<'a, T: Deserialize<'a> + Shape>(text: &'a str) -> Result<T, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = object::<_, T>(&mut de)?;
    de.end()?;
    Ok(value)
}

/// The top level as serde reads it, as an object only.
pub fn file_json(text: &str) -> Result<RawFileJson<'_>, serde_json::Error> {
    parse_object(text)
}

macro_rules! shape {
    ($($t:ident $(<$l:lifetime>)?: $name:literal, $example:literal;)*) => {
        $(impl $(<$l>)? Shape for $t $(<$l>)? {
            const NAME: &'static str = $name;
            const EXAMPLE: &'static str = $example;
        })*
    };
}

shape! {
    RawFileJson<'a>: "", r#"{"format": "dossier/1", "documents": [...], "entities": [...], "claims": [...]}"#;
    RawDocument: "", r#"{"id": "d1", "text": "..."}"#;
    RawPersonFields: "author", r#"{"name": "...", "role": "reporter"}"#;
    RawEntity<'a>: "", r#"{"id": "e1", "name": "...", "kind": "person", "mentions": [...]}"#;
    RawSpan<'a>: "span", r#"{"start": 0, "end": 5, "quote": "..."}"#;
    RawMention<'a>: "", r#"{"document": "d1", "start": 0, "end": 5, "quote": "..."}"#;
    RawClaim<'a>: "", r#"{"id": "c1", "document": "d1", "span": {...}, "kind": "fact"}"#;
    RawRelation<'a>: "relation", r#"{"claim": "c2", "relation": "supports"}"#;
    RawAttribute<'a>: "attribute", r#"{"name": "Confidence", "value": "High"}"#;
    RawReference<'a>: "reference", r#"{"kind": "Reference", "target": "Wikidata:Q1186", "text": "Astana"}"#;
    RawNote<'a>: "note", r#"{"kind": "AnnotatorNotes", "text": "..."}"#;
    RawMentionLink<'a>: "relation", r#"{"mention": "T2", "relation": "Origin", "id": "R1"}"#;
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
    /// A count is read from the text as written, so a message can quote it:
    /// serde sees `-0` and `1.0` only as floating-point numbers.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let raw = <&'de RawValue>::deserialize(deserializer)?;
        count(raw.get()).map(Count).map_err(de::Error::custom)
    }
}

/// What a count was written as, or what is wrong with it.
fn count(text: &str) -> Result<u64, String> {
    let written = match text.len() {
        0..=40 => format!("`{text}`"),
        _ => format!("`{}…`", &text[..super::floor_char_boundary(text, 40)]),
    };
    let what = match text.as_bytes()[0] {
        b'"' => "a string",
        b't' | b'f' => "a boolean",
        b'[' => "a list",
        b'{' => "an object",
        b'n' => "null",
        _ => "",
    };
    if !what.is_empty() {
        return Err(format!("expected a whole number, 0 or more, found {what} {written}"));
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().map_err(|_| format!("{written} is too large for a count (at most {})", u64::MAX));
    }
    // A number in another form: the value it stands for says what to write.
    let value: f64 = text.parse().unwrap_or(f64::NAN);
    Err(if value == 0.0 && text.starts_with('-') {
        format!("{written} is not a count; write 0")
    } else if value < 0.0 {
        format!("{written} is negative; a count is a whole number, 0 or more")
    } else if value >= u64::MAX as f64 {
        format!("{written} is too large for a count (at most {})", u64::MAX)
    } else if value.fract() == 0.0 {
        format!("{written} is not a count; write it as a whole number, {value}")
    } else {
        format!("{written} is not a whole number; a count is a whole number, 0 or more")
    })
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
    /// A discontinuous mention's pieces, instead of the span fields above;
    /// each is parsed (and placed, for a problem) on its own.
    #[serde(default, borrow)]
    pub fragments: Option<Vec<&'a RawValue>>,
    #[serde(default, borrow, deserialize_with = "strs")]
    pub ids: Vec<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub label: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "objects")]
    pub attributes: Vec<RawAttribute<'a>>,
    #[serde(default, borrow, deserialize_with = "objects")]
    pub references: Vec<RawReference<'a>>,
    #[serde(default, borrow, deserialize_with = "objects")]
    pub notes: Vec<RawNote<'a>>,
    /// Links to other mentions of the document, each parsed on its own once
    /// every mention's ids are known.
    #[serde(default, borrow)]
    pub relations: Vec<&'a RawValue>,
}

impl RawMention<'_> {
    /// Whether it says anything beyond its document and span.
    pub fn has_details(&self) -> bool {
        self.fragments.is_some()
            || !self.ids.is_empty()
            || self.label.is_some()
            || !self.attributes.is_empty()
            || !self.references.is_empty()
            || !self.notes.is_empty()
            || !self.relations.is_empty()
    }

    /// The names of the span fields it gives (beside fragments, a problem).
    pub fn span_fields(&self) -> Vec<&'static str> {
        let given = [
            ("start", self.start.is_some()),
            ("end", self.end.is_some()),
            ("quote", self.quote.is_some()),
            ("prefix", self.prefix.is_some()),
            ("suffix", self.suffix.is_some()),
            ("occurrence", self.occurrence.is_some()),
        ];
        given.into_iter().filter_map(|(name, given)| given.then_some(name)).collect()
    }

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
    #[serde(borrow, deserialize_with = "object")]
    pub span: RawSpan<'a>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub claimant: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub kind: Cow<'a, str>,
    #[serde(default, borrow, deserialize_with = "strs")]
    pub about: Vec<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "objects")]
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

/// An attribute of a mention or of a link between mentions: binary (a name)
/// or valued.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAttribute<'a> {
    #[serde(borrow)]
    pub name: Cow<'a, str>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub value: Option<Cow<'a, str>>,
}

/// A normalization of a mention: an id in some resource.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReference<'a> {
    #[serde(borrow)]
    pub kind: Cow<'a, str>,
    #[serde(borrow)]
    pub target: Cow<'a, str>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub text: Option<Cow<'a, str>>,
}

/// A note on a mention or on a link between mentions.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawNote<'a> {
    #[serde(borrow)]
    pub kind: Cow<'a, str>,
    #[serde(borrow)]
    pub text: Cow<'a, str>,
}

/// A typed, directed link from a mention to another of its document, named
/// by one of the other's `ids`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMentionLink<'a> {
    #[serde(borrow)]
    pub mention: Cow<'a, str>,
    #[serde(borrow)]
    pub relation: Cow<'a, str>,
    #[serde(default, borrow, deserialize_with = "some_str")]
    pub id: Option<Cow<'a, str>>,
    #[serde(default, borrow, deserialize_with = "objects")]
    pub attributes: Vec<RawAttribute<'a>>,
    #[serde(default, borrow, deserialize_with = "objects")]
    pub notes: Vec<RawNote<'a>>,
}
