//! The corpus written as one dossier/1 file (docs/format.md): every
//! document with every field, every entity with its mentions (and their
//! details and relations), every claim; each span with both its offsets, in
//! Unicode scalar values as the format counts them, and its quote, so that
//! reading the file back checks it. Loading what this writes gives the same
//! corpus, item by item.
//!
//! Written to be read and diffed: one document, one mention, one claim a
//! line, each line a compact JSON object with a space after its colons and
//! commas. Streamed: nothing is held beyond the item being written and, per
//! document, a table to turn byte offsets into character offsets.
//!
//! What the format cannot say is refused with an error of kind
//! `InvalidData` before anything is written: a link between mentions of two
//! documents (the format relates mentions within a document). A mention a
//! relation points to that has no id of its own is given one, `_m1`,
//! `_m2`, ... (unique in its document), for the relation to name it: the
//! only thing read back that the corpus did not hold.

use std::collections::HashSet;
use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, Serializer};

use crate::data::model::{Attribute, Claim, Corpus, DocIdx, Document, EntityIdx, MentionIdx, Note, Reference, Span};
use crate::support::hash::FxHashMap;

/// Writes the whole corpus as one dossier/1 file.
pub fn write(corpus: &Corpus, out: &mut impl Write) -> io::Result<()> {
    let made_ids = link_ids(corpus)?;
    let chars = Chars::new(corpus.documents());
    let mut w = io::BufWriter::with_capacity(1 << 16, out);
    let mut line = Vec::with_capacity(1 << 10);
    w.write_all(b"{\n  \"format\": \"dossier/1\",\n  \"documents\": [")?;
    for (i, d) in corpus.documents().iter().enumerate() {
        separate(&mut w, i, "    ")?;
        compact(&mut w, &document(corpus, d))?;
    }
    w.write_all(b"\n  ],\n  \"entities\": [")?;
    for e in corpus.entity_indices() {
        separate(&mut w, e.index(), "    ")?;
        let entity = corpus.entity(e);
        let head = EntityOut {
            id: &entity.id,
            name: &entity.name,
            kind: entity.kind.name(),
            aliases: &entity.aliases,
            description: &entity.description,
        };
        // The head is written as an object less its closing brace, the mentions after it.
        line.clear();
        compact(&mut line, &head)?;
        line.pop();
        w.write_all(&line)?;
        w.write_all(b", \"mentions\": [")?;
        for (k, &m) in corpus.entity_mentions(e).iter().enumerate() {
            separate(&mut w, k, "      ")?;
            compact(&mut w, &mention(corpus, &chars, &made_ids, m))?;
        }
        w.write_all(if corpus.mention_count(e) == 0 { b"]}" } else { b"\n    ]}" })?;
    }
    w.write_all(b"\n  ],\n  \"claims\": [")?;
    for (i, c) in corpus.claims().iter().enumerate() {
        separate(&mut w, i, "    ")?;
        compact(&mut w, &claim(corpus, &chars, c))?;
    }
    w.write_all(b"\n  ]\n}\n")?;
    w.flush()
}

/// Before the item `i` of a list: a comma after the one before, a new line, the indent.
fn separate(w: &mut impl Write, i: usize, indent: &str) -> io::Result<()> {
    if i > 0 {
        w.write_all(b",")?;
    }
    w.write_all(b"\n")?;
    w.write_all(indent.as_bytes())
}

/// JSON on one line, a space after each colon and comma.
fn compact(w: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    value.serialize(&mut Serializer::with_formatter(w, Spaced)).map_err(io::Error::other)
}

/// serde_json's compact output with a space after each colon and comma.
struct Spaced;

impl Formatter for Spaced {
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if first { Ok(()) } else { w.write_all(b", ") }
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }
}

/// The ids relations name their other ends by: for each mention a link
/// points to that has no id, one made up, unique in its document.
fn link_ids(corpus: &Corpus) -> io::Result<FxHashMap<MentionIdx, String>> {
    let mut made = FxHashMap::default();
    let mut taken: FxHashMap<DocIdx, (HashSet<&str>, usize)> = FxHashMap::default();
    for link in corpus.mention_links() {
        let (from, to) = (corpus.mention(link.from), corpus.mention(link.to));
        if from.doc != to.doc {
            let msg = format!(
                "a {} link from a mention in document {:?} to one in {:?}: dossier/1 relates mentions within a document",
                link.kind,
                corpus.doc(from.doc).id,
                corpus.doc(to.doc).id
            );
            return Err(io::Error::new(io::ErrorKind::InvalidData, msg));
        }
        let has_id = corpus.mention_detail(link.to).is_some_and(|d| !d.ids.is_empty());
        if has_id || made.contains_key(&link.to) {
            continue;
        }
        let (ids, next) = taken.entry(to.doc).or_insert_with(|| {
            let range = corpus.doc_mention_range(to.doc);
            let ids = range
                .filter_map(|m| corpus.mention_detail(MentionIdx::from_index(m)))
                .flat_map(|d| d.ids.iter().map(String::as_str))
                .collect();
            (ids, 0)
        });
        let id = loop {
            *next += 1;
            let id = format!("_m{next}");
            if !ids.contains(id.as_str()) {
                break id;
            }
        };
        made.insert(link.to, id);
    }
    Ok(made)
}

/// Character offsets of byte offsets, a document at a time: the count of
/// characters before every `STEP`-th byte (none for ASCII texts, where the
/// two are the same), and a count of the bytes since.
struct Chars {
    steps: Vec<Option<Vec<u32>>>,
}

const STEP: usize = 128;

fn chars_in(bytes: &[u8]) -> u32 {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count() as u32
}

impl Chars {
    fn new(documents: &[Document]) -> Chars {
        let steps = documents
            .iter()
            .map(|d| {
                (!d.text.is_ascii()).then(|| {
                    let mut before = 0;
                    d.text
                        .as_bytes()
                        .chunks(STEP)
                        .map(|chunk| {
                            let at = before;
                            before += chars_in(chunk);
                            at
                        })
                        .collect()
                })
            })
            .collect();
        Chars { steps }
    }

    fn at(&self, doc: &Document, d: DocIdx, byte: u32) -> u32 {
        match &self.steps[d.index()] {
            None => byte,
            Some(steps) => {
                let b = byte as usize;
                let step = b / STEP;
                // The end of a text whose length is a multiple of STEP has no step of its own.
                match steps.get(step) {
                    Some(&before) => before + chars_in(&doc.text.as_bytes()[step * STEP..b]),
                    None => chars_in(doc.text.as_bytes()),
                }
            }
        }
    }

    fn span<'c>(&self, corpus: &'c Corpus, d: DocIdx, span: Span) -> SpanOut<'c> {
        let doc = corpus.doc(d);
        SpanOut { start: self.at(doc, d, span.start), end: self.at(doc, d, span.end), quote: doc.slice(span) }
    }
}

#[derive(Serialize)]
struct SpanOut<'c> {
    start: u32,
    end: u32,
    quote: &'c str,
}

#[derive(Serialize)]
struct DocumentOut<'c> {
    id: &'c str,
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'c str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<PersonOut<'c>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    genre: Option<&'c str>,
    #[serde(skip_serializing_if = "is_false")]
    translated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    translated_from: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'c str>,
    text: &'c str,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// A person: a name alone, or an object when there is more to say.
enum PersonOut<'c> {
    Name(&'c str),
    Full(PersonFields<'c>),
}

#[derive(Serialize)]
struct PersonFields<'c> {
    name: &'c str,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    affiliation: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'c str>,
}

impl Serialize for PersonOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PersonOut::Name(name) => s.serialize_str(name),
            PersonOut::Full(fields) => fields.serialize(s),
        }
    }
}

fn document<'c>(corpus: &'c Corpus, d: &'c Document) -> DocumentOut<'c> {
    let authors = d
        .authors
        .iter()
        .map(|p| {
            let entity = p.entity.map(|e| corpus.entity(e).id.as_str());
            match (&p.role, &p.affiliation, entity) {
                (None, None, None) => PersonOut::Name(&p.name),
                _ => PersonOut::Full(PersonFields {
                    name: &p.name,
                    role: p.role.as_deref(),
                    affiliation: p.affiliation.as_deref(),
                    entity,
                }),
            }
        })
        .collect();
    DocumentOut {
        id: &d.id,
        title: &d.title,
        authors,
        source: d.source.as_deref(),
        url: d.url.as_deref(),
        published: d.published.as_deref(),
        language: d.language.as_deref(),
        genre: d.genre.as_deref(),
        // Implied by `translated_from`.
        translated: d.translated && d.translated_from.is_none(),
        translated_from: d.translated_from.as_deref(),
        note: d.note.as_deref(),
        text: &d.text,
    }
}

#[derive(Serialize)]
struct EntityOut<'c> {
    id: &'c str,
    name: &'c str,
    kind: &'c str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    aliases: &'c [String],
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'c str,
}

#[derive(Serialize)]
struct MentionOut<'c> {
    document: &'c str,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    span: Option<SpanOut<'c>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fragments: Vec<SpanOut<'c>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    ids: Vec<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<&'c str>,
    #[serde(skip_serializing_if = "Many::is_empty")]
    attributes: Many<'c, Attribute>,
    #[serde(skip_serializing_if = "Many::is_empty")]
    references: Many<'c, Reference>,
    #[serde(skip_serializing_if = "Many::is_empty")]
    notes: Many<'c, Note>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    relations: Vec<LinkOut<'c>>,
}

#[derive(Serialize)]
struct LinkOut<'c> {
    mention: &'c str,
    relation: &'c str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'c str>,
    #[serde(skip_serializing_if = "Many::is_empty")]
    attributes: Many<'c, Attribute>,
    #[serde(skip_serializing_if = "Many::is_empty")]
    notes: Many<'c, Note>,
}

/// The model's attributes, references and notes as the format writes them.
mod shapes {
    use serde::ser::{Serialize, SerializeMap, Serializer};

    use crate::data::model::{Attribute, Note, Reference};

    impl Serialize for super::Wrapped<'_, Attribute> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let a = self.0;
            let mut map = s.serialize_map(None)?;
            map.serialize_entry("name", &a.name)?;
            if let Some(v) = &a.value {
                map.serialize_entry("value", v)?;
            }
            map.end()
        }
    }

    impl Serialize for super::Wrapped<'_, Reference> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let r = self.0;
            let mut map = s.serialize_map(None)?;
            map.serialize_entry("kind", &r.kind)?;
            map.serialize_entry("target", &r.target)?;
            if let Some(t) = &r.text {
                map.serialize_entry("text", t)?;
            }
            map.end()
        }
    }

    impl Serialize for super::Wrapped<'_, Note> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut map = s.serialize_map(None)?;
            map.serialize_entry("kind", &self.0.kind)?;
            map.serialize_entry("text", &self.0.text)?;
            map.end()
        }
    }
}

/// A model item, serialized in the format's shape (the model knows no serde).
struct Wrapped<'c, T>(&'c T);

/// A list of model items, serialized each as [`Wrapped`].
struct Many<'c, T>(&'c [T]);

impl<T> Many<'_, T> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'c, T> Serialize for Many<'c, T>
where
    Wrapped<'c, T>: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(Wrapped))
    }
}

fn mention<'c>(
    corpus: &'c Corpus,
    chars: &Chars,
    made_ids: &'c FxHashMap<MentionIdx, String>,
    m: MentionIdx,
) -> MentionOut<'c> {
    let mention = corpus.mention(m);
    let detail = corpus.mention_detail(m);
    let fragments = corpus.mention_fragments(m);
    let (span, fragments) = match fragments {
        [one] => (Some(chars.span(corpus, mention.doc, *one)), Vec::new()),
        many => (None, many.iter().map(|&f| chars.span(corpus, mention.doc, f)).collect()),
    };
    let mut ids: Vec<&str> = detail.map_or(Vec::new(), |d| d.ids.iter().map(String::as_str).collect());
    ids.extend(made_ids.get(&m).map(String::as_str));
    let relations = corpus
        .links_of_mention(m)
        .filter(|l| l.from == m)
        .map(|l| LinkOut {
            mention: id_of(corpus, made_ids, l.to),
            relation: &l.kind,
            id: l.id.as_deref(),
            attributes: Many(&l.attributes),
            notes: Many(&l.notes),
        })
        .collect();
    MentionOut {
        document: &corpus.doc(mention.doc).id,
        span,
        fragments,
        ids,
        // The label an imported entity's tool gave it goes on each of its
        // mentions, where the format keeps labels.
        label: detail.and_then(|d| d.label.as_deref()).or_else(|| corpus.entity_label(mention.entity)),
        attributes: Many(detail.map_or(&[], |d| &d.attributes)),
        references: Many(detail.map_or(&[], |d| &d.references)),
        notes: Many(detail.map_or(&[], |d| &d.notes)),
        relations,
    }
}

/// The id a relation names its other end by: its first, or the one made for it.
fn id_of<'c>(corpus: &'c Corpus, made_ids: &'c FxHashMap<MentionIdx, String>, m: MentionIdx) -> &'c str {
    match corpus.mention_detail(m).and_then(|d| d.ids.first()) {
        Some(id) => id,
        None => made_ids.get(&m).map_or("", String::as_str),
    }
}

#[derive(Serialize)]
struct ClaimOut<'c> {
    id: &'c str,
    document: &'c str,
    span: SpanOut<'c>,
    #[serde(skip_serializing_if = "Option::is_none")]
    claimant: Option<&'c str>,
    kind: &'c str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<&'c str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    relations: Vec<RelationOut<'c>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'c str>,
}

#[derive(Serialize)]
struct RelationOut<'c> {
    claim: &'c str,
    relation: &'c str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'c str>,
}

fn claim<'c>(corpus: &'c Corpus, chars: &Chars, c: &'c Claim) -> ClaimOut<'c> {
    let entity = |e: EntityIdx| corpus.entity(e).id.as_str();
    ClaimOut {
        id: &c.id,
        document: &corpus.doc(c.doc).id,
        span: chars.span(corpus, c.doc, c.span),
        claimant: c.claimant.map(entity),
        kind: c.kind.name(),
        about: c.about.iter().map(|&e| entity(e)).collect(),
        relations: c
            .relations
            .iter()
            .map(|r| RelationOut {
                claim: &corpus.claim(r.target).id,
                relation: r.kind.name(),
                note: r.note.as_deref(),
            })
            .collect(),
        summary: c.summary.as_deref(),
        note: c.note.as_deref(),
    }
}
