//! doccano's JSONL, as its exports and imports write it: one record per
//! document with its text under `text` (or `data`) and its spans in any of
//! the four shapes seen in the wild:
//!
//! - `label: [[start, end, "LABEL"], ...]` (sequence labelling exports),
//! - `labels: [[start, end, "LABEL"], ...]` (the same, older importers),
//! - `entities: [{id, label, start_offset, end_offset}]` with
//!   `relations: [{id?, from_id, to_id, type}]` (relation projects; the
//!   relation's ends are entity ids of the same record) → links,
//! - doccano 1.x `annotations: [{label: 3, start_offset, end_offset, user}]`,
//!   whose labels are label ids, kept as written (`"3"`; a label map may
//!   name them); `user` and any other scalar field of a span become its
//!   attributes.
//!
//! Offsets count Unicode scalar values. A document's id is the record's
//! `id` when it has one that no other record uses, else `line-N`, the line
//! the record starts on. Metadata (`meta`, or the fields doccano 1.6+
//! spreads at the top level) fills the document's title, url, source,
//! published date and language where the names say so.
//!
//! Not imported, and counted: document-level labels (text classification:
//! a `label` list of strings, or `annotations` without offsets), `cats`,
//! `Comments`, the annotation approver and every other metadata field — the
//! model has no place for a document's own labels or notes. Skipped with a
//! warning: records without text, and spans repeated in one record (read
//! once). Errors: offsets reversed, empty or past the text, relations whose
//! ends name no entity, and records of another shape.
//!
//! The plain shape (`text`, `id`, `label`/`labels` triples and nothing else)
//! is deserialized straight from the text, without a JSON value: a corpus of
//! a million spans is mostly that. Every other record goes the careful way,
//! which can name each of its faults.

pub(crate) mod records;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use self::records::{Record, span_range};
use crate::data::import::{Doc, Imported, Input, Link, Offsets, ReadResult, SpanAnn, Unit};
use crate::data::load::{Problem, ProblemKind};

/// The fields that make an object a doccano record even without its text.
const RECORD_FIELDS: [&str; 7] = ["id", "label", "labels", "entities", "relations", "annotations", "meta"];

const SHAPE: &str =
    "expected a JSON object per record with \"text\" and \"label\", \"labels\", \"entities\" or \"annotations\"";

/// Reads a doccano JSONL file.
pub fn read(input: Input) -> ReadResult {
    let mut out = Imported::default();
    let mut problems = Vec::new();
    let mut ids = Vec::new();
    let mut syntax = Vec::new();
    // Both paths push onto the same lists, one record at a time.
    let state = std::cell::RefCell::new((&mut out, &mut problems, &mut ids));
    let keep = |read: Option<(Doc, Option<String>)>, out: &mut Imported, ids: &mut Vec<Option<String>>| {
        if let Some((doc, id)) = read {
            out.documents.push(doc);
            ids.push(id);
        }
    };
    records::for_each_record_or(
        input,
        &mut syntax,
        |plain: Plain, index, position| {
            let (out, problems, ids) = &mut *state.borrow_mut();
            let read = RecordReader { file: input.name, out, problems }.plain(plain, index, position);
            keep(read, out, ids);
        },
        |record| {
            let (out, problems, ids) = &mut *state.borrow_mut();
            let read = RecordReader { file: input.name, out, problems }.record(record);
            keep(read, out, ids);
        },
    );
    problems.append(&mut syntax);
    if !problems.is_empty() {
        return Err(problems);
    }
    records::assign_ids(&mut out.documents, ids, "id", input.name, &mut out.warnings);
    Ok(out)
}

/// The common shape, read without building a JSON value: text, id and
/// `label` or `labels` triples, nothing else. Anything else (another
/// field, a negative offset, a number as label) goes the careful way.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Plain<'a> {
    #[serde(borrow)]
    text: Cow<'a, str>,
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
    #[serde(default, borrow)]
    label: Option<Vec<(u64, u64, Cow<'a, str>)>>,
    #[serde(default, borrow)]
    labels: Option<Vec<(u64, u64, Cow<'a, str>)>>,
}

struct RecordReader<'a> {
    file: &'a str,
    out: &'a mut Imported,
    problems: &'a mut Vec<Problem>,
}

/// Where a record is, for the messages about its parts.
#[derive(Clone)]
struct Place {
    position: Option<(usize, usize)>,
    item: String,
}

impl RecordReader<'_> {
    fn problem(&mut self, kind: ProblemKind, place: &Place, item: Option<String>, message: String) {
        let item = item.unwrap_or_else(|| place.item.clone());
        self.problems.push(Problem::new(kind, self.file, message).at(place.position).item(item));
    }

    fn plain(&mut self, plain: Plain, index: usize, position: (usize, usize)) -> Option<(Doc, Option<String>)> {
        let place = Place { position: Some(position), item: format!("record {index}") };
        let id = match plain.id {
            Some(raw) => match serde_json::from_str::<Value>(raw.get()) {
                Ok(Value::Null) => None,
                Ok(value @ (Value::String(_) | Value::Number(_))) => records::id(&value),
                _ => {
                    let message = format!("\"id\" is {}, not a string or a number", raw.get());
                    self.problem(ProblemKind::Type, &place, None, message);
                    return None;
                }
            },
            None => None,
        };
        let mut doc = Doc { text: plain.text.into_owned(), position: place.position, ..Doc::default() };
        let offsets = Offsets::new(&doc.text, Unit::Chars);
        let before = self.problems.len();
        for (key, triples) in [("label", plain.label), ("labels", plain.labels)] {
            let triples = triples.unwrap_or_default();
            doc.spans.reserve(triples.len());
            for (i, (start, end, label)) in triples.into_iter().enumerate() {
                let (start, end) =
                    (usize::try_from(start).unwrap_or(usize::MAX), usize::try_from(end).unwrap_or(usize::MAX));
                let at = || format!("{}, {key}[{i}]", place.item);
                if let Some(fragment) = self.range(&offsets, start, end, &place, &at()) {
                    let label = label.into_owned();
                    doc.spans.push(SpanAnn {
                        label,
                        fragments: vec![fragment],
                        position: place.position,
                        ..SpanAnn::default()
                    });
                }
            }
        }
        if self.problems.len() > before {
            return None;
        }
        records::merge_repeated(&mut doc.spans, self.file, &place.item, place.position, &mut self.out.warnings);
        Some((doc, id))
    }

    fn record(&mut self, record: Record) -> Option<(Doc, Option<String>)> {
        let place = Place { position: Some(record.position), item: record.item() };
        let map = match record.value {
            Value::Object(map) => map,
            other => {
                let message = format!("{SHAPE}; found {}", records::type_name(&other));
                self.problem(ProblemKind::Type, &place, None, message);
                return None;
            }
        };
        let (text, mut map) = self.text(map, &place)?;
        let mut doc = Doc { text, position: place.position, ..Doc::default() };
        let offsets = Offsets::new(&doc.text, Unit::Chars);
        let id = map.remove("id").filter(|v| !v.is_null());
        let id = match id {
            Some(v) => match records::id(&v) {
                Some(id) => Some(id),
                None => {
                    let message = format!("\"id\" is {}, not a string or a number", records::type_name(&v));
                    self.problem(ProblemKind::Type, &place, None, message);
                    None
                }
            },
            None => None,
        };
        let mut relations = None;
        let before = self.problems.len();
        for (key, value) in map {
            match key.as_str() {
                "label" | "labels" | "entities" | "annotations" => {
                    self.spans(&key, value, &offsets, &place, &mut doc.spans);
                }
                "relations" => relations = Some(value),
                "meta" => self.meta(value, &mut doc),
                "Comments" | "comments" => {
                    let n = value.as_array().map_or(usize::from(!records::is_blank(&value)), Vec::len);
                    self.out.skip_n("comments", n);
                }
                "cats" => {
                    let n = match &value {
                        Value::Array(a) => a.len(),
                        Value::Object(o) => o.len(),
                        other => usize::from(!records::is_blank(other)),
                    };
                    self.out.skip_n("document categories (cats)", n);
                }
                "annotation_approver" if !records::is_blank(&value) => self.out.skip("annotation approvers"),
                _ if records::is_blank(&value) => {}
                _ => {
                    if !records::doc_field(&mut doc, &key, &value) {
                        self.out.skip(&format!("field \"{key}\""));
                    }
                }
            }
        }
        if self.problems.len() > before {
            return None;
        }
        records::merge_repeated(&mut doc.spans, self.file, &place.item, place.position, &mut self.out.warnings);
        if let Some(relations) = relations {
            self.relations(relations, &place, &mut doc);
        }
        Some((doc, id))
    }

    /// The record's text (under `text`, else `data`), or `None` when it has
    /// none: a warning for a doccano record without text, a problem for an
    /// object of another shape.
    fn text(&mut self, mut map: Map<String, Value>, place: &Place) -> Option<(String, Map<String, Value>)> {
        for key in ["text", "data"] {
            match map.remove(key) {
                Some(Value::String(text)) => return Some((text, map)),
                Some(Value::Object(_)) if key == "data" => {
                    let message = format!("{SHAPE}; \"data\" is an object (a Label Studio task?)");
                    self.problem(ProblemKind::Type, place, None, message);
                    return None;
                }
                Some(Value::Null) | None => {}
                Some(other) => {
                    let message = format!("\"{key}\" is {}, not the text", records::type_name(&other));
                    self.problem(ProblemKind::Type, place, None, message);
                    return None;
                }
            }
        }
        if map.keys().any(|k| RECORD_FIELDS.contains(&k.as_str())) {
            let message = "the record has no text: skipped";
            let warning =
                Problem::new(ProblemKind::Empty, self.file, message).at(place.position).item(place.item.clone());
            self.out.warnings.push(warning);
        } else {
            let fields: Vec<&str> = map.keys().map(String::as_str).take(5).collect();
            let message = format!("{SHAPE}; found an object with fields {}", fields.join(", "));
            self.problem(ProblemKind::Type, place, None, message);
        }
        None
    }

    /// One list of spans, in whichever shape it comes.
    fn spans(&mut self, key: &str, value: Value, offsets: &Offsets, place: &Place, spans: &mut Vec<SpanAnn>) {
        let items = match value {
            Value::Array(items) => items,
            Value::Null => return,
            other => {
                let message = format!("\"{key}\" is {}, not a list of spans", records::type_name(&other));
                self.problem(ProblemKind::Type, place, None, message);
                return;
            }
        };
        spans.reserve(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let at = || format!("{}, {key}[{i}]", place.item);
            match item {
                Value::Array(triple) => {
                    if let Some(span) = self.triple(triple, offsets, place, at()) {
                        spans.push(span);
                    }
                }
                Value::Object(object) => {
                    if let Some(span) = self.object(object, offsets, place, at()) {
                        spans.push(span);
                    }
                }
                Value::String(_) | Value::Number(_) => self.out.skip("document labels (text classification)"),
                other => {
                    let message = format!("{} is not a span: expected [start, end, label]", records::type_name(&other));
                    self.problem(ProblemKind::Type, place, Some(at()), message);
                }
            }
        }
    }

    /// `[start, end, "LABEL"]`.
    fn triple(&mut self, triple: Vec<Value>, offsets: &Offsets, place: &Place, at: String) -> Option<SpanAnn> {
        match records::triple(triple, offsets) {
            Ok((fragment, label)) => {
                Some(SpanAnn { label, fragments: vec![fragment], position: place.position, ..SpanAnn::default() })
            }
            Err((kind, message)) => {
                self.problem(kind, place, Some(at), message);
                None
            }
        }
    }

    /// `{id?, label, start_offset, end_offset, ...}`: other scalar fields
    /// (`user`, `prob`) become attributes.
    fn object(&mut self, object: Map<String, Value>, offsets: &Offsets, place: &Place, at: String) -> Option<SpanAnn> {
        let mut span = SpanAnn { position: place.position, ..SpanAnn::default() };
        let (mut start, mut end, mut label) = (None, None, None);
        for (key, value) in object {
            match key.as_str() {
                "start_offset" | "start" => start = Some(value),
                "end_offset" | "end" => end = Some(value),
                "label" => label = Some(value),
                "id" => span.ids.extend(records::id(&value)),
                _ => match records::attribute(&key, &value) {
                    Some(attribute) => span.attributes.push(attribute),
                    None if records::is_blank(&value) => {}
                    None => self.out.skip("span fields that are not text or numbers"),
                },
            }
        }
        let Some(label) = label.and_then(records::label) else {
            self.problem(
                ProblemKind::Type,
                place,
                Some(at),
                "the span has no label (a string or a number)".to_string(),
            );
            return None;
        };
        let (start, end) = match (start, end) {
            (None, None) => {
                // doccano 1.x text classification: a label on the whole document.
                self.out.skip("document labels (text classification)");
                return None;
            }
            (start, end) => (start.as_ref().and_then(records::offset), end.as_ref().and_then(records::offset)),
        };
        let (Some(start), Some(end)) = (start, end) else {
            let message = "start_offset and end_offset must both be non-negative integers".to_string();
            self.problem(ProblemKind::Span, place, Some(at), message);
            return None;
        };
        span.label = label;
        span.fragments.push(self.range(offsets, start, end, place, &at)?);
        Some(span)
    }

    fn range(
        &mut self,
        offsets: &Offsets,
        start: usize,
        end: usize,
        place: &Place,
        at: &str,
    ) -> Option<std::ops::Range<usize>> {
        match span_range(offsets, start, end) {
            Ok(range) => Some(range),
            Err(message) => {
                self.problem(ProblemKind::Span, place, Some(at.to_string()), message);
                None
            }
        }
    }

    /// `{id?, from_id, to_id, type}` between entities of the record.
    fn relations(&mut self, value: Value, place: &Place, doc: &mut Doc) {
        let items = match value {
            Value::Array(items) => items,
            Value::Null => return,
            other => {
                let message = format!("\"relations\" is {}, not a list", records::type_name(&other));
                self.problem(ProblemKind::Type, place, None, message);
                return;
            }
        };
        let mut by_id: HashMap<&str, usize> = HashMap::with_capacity(doc.spans.len());
        for (i, span) in doc.spans.iter().enumerate() {
            for id in &span.ids {
                by_id.entry(id.as_str()).or_insert(i);
            }
        }
        let mut links = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            let at = format!("{}, relations[{i}]", place.item);
            let Value::Object(object) = item else {
                let message =
                    format!("{} is not a relation: expected {{from_id, to_id, type}}", records::type_name(&item));
                self.problem(ProblemKind::Type, place, Some(at), message);
                continue;
            };
            let mut link = Link { position: place.position, ..Link::default() };
            let (mut from, mut to, mut kind) = (None, None, None);
            for (key, value) in object {
                match key.as_str() {
                    "from_id" => from = Some(value),
                    "to_id" => to = Some(value),
                    "type" | "label" if kind.is_none() => kind = records::label(value),
                    "id" => link.id = records::id(&value),
                    _ => match records::attribute(&key, &value) {
                        Some(attribute) => link.attributes.push(attribute),
                        None if records::is_blank(&value) => {}
                        None => self.out.skip("relation fields that are not text or numbers"),
                    },
                }
            }
            let file = self.file;
            let end = |name: &str, value: Option<Value>, problems: &mut Vec<Problem>| {
                let id = value.as_ref().and_then(records::id);
                let found = id.as_deref().and_then(|id| by_id.get(id).copied());
                if found.is_none() {
                    let message = match id {
                        Some(id) => format!("{name} {id} names no entity of this record"),
                        None => format!("{name} is missing (an entity id)"),
                    };
                    let problem = Problem::new(ProblemKind::UnknownId, file, message);
                    problems.push(problem.at(place.position).item(at.clone()));
                }
                found
            };
            let from = end("from_id", from, self.problems);
            let to = end("to_id", to, self.problems);
            let (Some(from), Some(to)) = (from, to) else { continue };
            let Some(kind) = kind else {
                let message = "the relation has no type".to_string();
                self.problem(ProblemKind::Type, place, Some(at), message);
                continue;
            };
            link.from = from;
            link.to = to;
            link.kind = kind;
            links.push(link);
        }
        doc.links = links;
    }

    /// `meta`: what fits the document's own fields, the rest counted.
    fn meta(&mut self, value: Value, doc: &mut Doc) {
        match value {
            Value::Object(fields) => {
                for (key, value) in fields {
                    if !records::is_blank(&value) && !records::doc_field(doc, &key, &value) {
                        self.out.skip(&format!("meta field \"{key}\""));
                    }
                }
            }
            other if records::is_blank(&other) => {}
            _ => self.out.skip("meta"),
        }
    }
}
