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
//! Nearly every record of a large file takes one of a few plain shapes
//! (`text`, `id` and `label` / `labels` triples; or `entities`, `relations`
//! and `meta`, as `convert --to doccano` writes them): those are
//! deserialized straight from the text (see [`fast`]). Every other record
//! goes the careful way, through a JSON value, which can name each of its
//! faults; the two make the same of a record either can read. A file of one
//! record per line, from 1 MiB on, is read in two halves at once where there
//! are two cores (see [`halves`]).

mod fast;
mod halves;
pub(crate) mod records;
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use serde_json::{Map, Value};

use self::fast::Fast;
use self::records::{Record, Stretch};
use crate::data::import::cursor::Cursor;
use crate::data::import::{Doc, Fragments, Imported, Input, Link, ReadResult, SpanAnn, Str};
use crate::data::load::{Problem, ProblemKind};
use crate::support::parallel;

/// The fields that make an object a doccano record even without its text.
const RECORD_FIELDS: [&str; 7] = ["id", "label", "labels", "entities", "relations", "annotations", "meta"];

const SHAPE: &str =
    "expected a JSON object per record with \"text\" and \"label\", \"labels\", \"entities\" or \"annotations\"";

/// Reads a doccano JSONL file.
pub fn read(input: Input) -> ReadResult {
    let big = input.text.len() >= IN_HALVES && parallel::two_cores();
    read_cut(input, big.then(|| halves::cut(input.text)).flatten())
}

/// Files from this size on are read in two halves at once, where there are
/// two cores and the file is one record per line (see [`halves`]).
const IN_HALVES: usize = 1 << 20;

/// Reads the file, the part before `cut` (the start of a line) and the part
/// after on two threads when there is a cut, and again as one when the cut
/// turns out not to fall between records.
fn read_cut(input: Input, cut: Option<usize>) -> ReadResult {
    let line_start = |&cut: &usize| cut > 0 && input.text.as_bytes().get(cut - 1) == Some(&b'\n');
    let part = match cut.filter(line_start) {
        Some(cut) => {
            let first = Stretch { from: 0, to: cut, line: 1, index: 0 };
            let (mut part, (second, rest)) = parallel::both(
                "a thread reading doccano records panicked",
                || Part::read(input, first),
                || {
                    let second = halves::second(input.text, cut);
                    (second, Part::read(input, second))
                },
            );
            if part.read == Some(second.index) {
                part.join(rest);
                part
            } else {
                drop((part, rest));
                Part::read(input, Stretch::whole(input.text))
            }
        }
        None => Part::read(input, Stretch::whole(input.text)),
    };
    let Part { mut out, mut problems, ids, mut syntax, .. } = part;
    problems.append(&mut syntax);
    if !problems.is_empty() {
        return Err(problems);
    }
    records::assign_ids(&mut out.documents, ids, "id", input.name, &mut out.warnings);
    Ok(out)
}

/// What was read of a stretch of the file.
#[derive(Default)]
struct Part {
    out: Imported,
    problems: Vec<Problem>,
    /// The file's id of each document.
    ids: Vec<Option<String>>,
    syntax: Vec<Problem>,
    /// The records read, when the stretch was read to its end.
    read: Option<usize>,
}

impl Part {
    fn read(input: Input, stretch: Stretch) -> Part {
        let mut part = Part::default();
        let Part { out, problems, ids, syntax, .. } = &mut part;
        // Both ways push onto the same lists, one record at a time.
        let state = std::cell::RefCell::new((out, problems, ids));
        let keep = |read: Option<(Doc, Option<String>)>, out: &mut Imported, ids: &mut Vec<Option<String>>| {
            if let Some((doc, id)) = read {
                out.documents.push(doc);
                ids.push(id);
            }
        };
        let fast = |fast: Fast, index, position| {
            let (out, problems, ids) = &mut *state.borrow_mut();
            let read = RecordReader { file: input.name, out, problems }.fast(fast, index, position);
            keep(read, out, ids);
        };
        let slow = |record| {
            let (out, problems, ids) = &mut *state.borrow_mut();
            let read = RecordReader { file: input.name, out, problems }.record(record);
            keep(read, out, ids);
        };
        let read = if stretch == Stretch::whole(input.text) {
            records::for_each_record_or(input, syntax, fast, slow);
            None
        } else {
            records::for_each_record_in(input, stretch, syntax, fast, slow)
        };
        part.read = read;
        part
    }

    /// Takes the part of the file that follows this one, as reading on
    /// would have found it.
    fn join(&mut self, next: Part) {
        self.out.documents.extend(next.out.documents);
        self.out.attachments.extend(next.out.attachments);
        for (what, n) in next.out.not_imported {
            self.out.skip_n(&what, n);
        }
        self.out.warnings.extend(next.out.warnings);
        self.problems.extend(next.problems);
        self.ids.extend(next.ids);
        self.syntax.extend(next.syntax);
        self.read = None;
    }
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
        // The text joins the document once its spans are read: metadata fills
        // the document meanwhile.
        let mut doc = Doc { position: place.position, ..Doc::default() };
        let mut cursor = Cursor::new(&text);
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
                    self.spans(&key, value, &mut cursor, &place, &mut doc.spans);
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
        doc.text = text;
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
    fn spans(&mut self, key: &str, value: Value, cursor: &mut Cursor, place: &Place, spans: &mut Vec<SpanAnn>) {
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
                    if let Some(span) = self.triple(triple, cursor, place, at()) {
                        spans.push(span);
                    }
                }
                Value::Object(object) => {
                    if let Some(span) = self.object(object, cursor, place, at()) {
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
    fn triple(&mut self, triple: Vec<Value>, cursor: &mut Cursor, place: &Place, at: String) -> Option<SpanAnn> {
        match records::triple(triple, cursor.table()) {
            Ok((fragment, label)) => Some(SpanAnn {
                label: label.into(),
                fragments: Fragments::from(fragment),
                position: place.position,
                ..SpanAnn::default()
            }),
            Err((kind, message)) => {
                self.problem(kind, place, Some(at), message);
                None
            }
        }
    }

    /// `{id?, label, start_offset, end_offset, ...}`: other scalar fields
    /// (`user`, `prob`) become attributes.
    fn object(
        &mut self,
        object: Map<String, Value>,
        cursor: &mut Cursor,
        place: &Place,
        at: String,
    ) -> Option<SpanAnn> {
        let mut span = SpanAnn { position: place.position, ..SpanAnn::default() };
        let (mut start, mut end, mut label) = (None, None, None);
        for (key, value) in object {
            match key.as_str() {
                "start_offset" | "start" => start = Some(value),
                "end_offset" | "end" => end = Some(value),
                "label" => label = Some(value),
                "id" => span.ids.extend(records::id(&value).map(Str::from)),
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
        span.label = label.into();
        span.fragments.push(self.range(cursor, start, end, place, || at)?);
        Some(span)
    }

    /// A non-empty span's byte range, or a problem saying why not.
    fn range(
        &mut self,
        cursor: &mut Cursor,
        start: usize,
        end: usize,
        place: &Place,
        at: impl FnOnce() -> String,
    ) -> Option<std::ops::Range<usize>> {
        match records::not_empty(start, end).and_then(|()| cursor.range(start, end)) {
            Ok(range) => Some(range),
            Err(message) => {
                self.problem(ProblemKind::Span, place, Some(at()), message);
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
