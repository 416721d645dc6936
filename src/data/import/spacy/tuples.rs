//! spaCy's training tuples, as its examples and projects keep them in JSON:
//! `[[text, {"entities": [[start, end, "LABEL"], ...]}], ...]`. Document ids
//! are the record's place in the list (`1`, `2`, ...).
//!
//! Also read: spaCy v3's span groups (`"spans": {"sc": [[s, e, "L"]]}`),
//! each span with a `span group` attribute, and entity links
//! (`"links": {"(7, 17)": {"Q42": 1.0}}`, the key being the entity's
//! offsets): the id of probability 1 becomes a `kb_id` reference of the
//! entity at those offsets. Counted as not imported: `cats` (the model has
//! no document labels), link candidates below 1, entity tags given per token
//! (`"entities": ["O", "U-LOC"]`, which need a tokenization the file does
//! not hold) and the other token annotations (`tags`, `heads`, `deps`, ...).

use std::ops::Range;

use serde_json::Value;

use crate::data::import::doccano::records::{self, Record};
use crate::data::import::{Attribute, Doc, Fragments, Imported, Input, Offsets, ReadResult, Reference, SpanAnn, Unit};
use crate::data::load::{Problem, ProblemKind};

const SHAPE: &str = "expected [text, {\"entities\": [[start, end, label], ...]}] per record";

/// Token-level annotations of the tuples that the model has no place for.
const TOKEN_FIELDS: [&str; 9] = ["words", "tags", "pos", "morphs", "lemmas", "heads", "deps", "sent_starts", "spaces"];

/// Reads a JSON list of spaCy training tuples.
pub fn read_tuples(input: Input) -> ReadResult {
    let mut out = Imported::default();
    let mut problems = Vec::new();
    let mut syntax = Vec::new();
    records::for_each_record(input, &mut syntax, |record| {
        let mut reader = Tuple { file: input.name, out: &mut out, problems: &mut problems };
        if let Some(doc) = reader.record(record) {
            out.documents.push(doc);
        }
    });
    problems.append(&mut syntax);
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

struct Tuple<'a> {
    file: &'a str,
    out: &'a mut Imported,
    problems: &'a mut Vec<Problem>,
}

impl Tuple<'_> {
    fn problem(&mut self, kind: ProblemKind, position: Option<(usize, usize)>, item: String, message: String) {
        self.problems.push(Problem::new(kind, self.file, message).at(position).item(item));
    }

    fn record(&mut self, record: Record) -> Option<Doc> {
        let position = Some(record.position);
        let item = record.item();
        let id = record.index.to_string();
        let mut parts = match record.value {
            Value::Array(parts) if (1..=2).contains(&parts.len()) => parts.into_iter(),
            other => {
                let found = match &other {
                    Value::Array(parts) => format!("a list of {} values", parts.len()),
                    other => records::type_name(other).to_string(),
                };
                self.problem(ProblemKind::Type, position, item, format!("{SHAPE}; found {found}"));
                return None;
            }
        };
        let Some(Value::String(text)) = parts.next() else {
            self.problem(ProblemKind::Type, position, item, format!("{SHAPE}; the first value is not the text"));
            return None;
        };
        let mut doc = Doc { id, text, position, ..Doc::default() };
        let annotations = match parts.next() {
            Some(Value::Object(annotations)) => annotations,
            None | Some(Value::Null) => return Some(doc),
            Some(other) => {
                let message = format!("{SHAPE}; the annotations are {}", records::type_name(&other));
                self.problem(ProblemKind::Type, position, item, message);
                return None;
            }
        };
        let offsets = Offsets::new(&doc.text, Unit::Chars);
        let before = self.problems.len();
        let mut links = None;
        for (key, value) in annotations {
            match key.as_str() {
                "entities" => self.entities(value, &offsets, position, &item, None, &mut doc.spans),
                "spans" => match value {
                    Value::Object(groups) => {
                        for (group, spans) in groups {
                            self.entities(spans, &offsets, position, &item, Some(&group), &mut doc.spans);
                        }
                    }
                    other if records::is_blank(&other) => {}
                    other => {
                        let message =
                            format!("\"spans\" is {}, not an object of span groups", records::type_name(&other));
                        self.problem(ProblemKind::Type, position, item.clone(), message);
                    }
                },
                "links" => links = Some(value),
                "cats" => {
                    let n = value.as_object().map_or(usize::from(!records::is_blank(&value)), |c| c.len());
                    self.out.skip_n("document categories (cats)", n);
                }
                _ if records::is_blank(&value) => {}
                _ if TOKEN_FIELDS.contains(&key.as_str()) => self.out.skip(&format!("token annotations ({key})")),
                _ => self.out.skip(&format!("field \"{key}\"")),
            }
        }
        if self.problems.len() > before {
            return None;
        }
        records::merge_repeated(&mut doc.spans, self.file, &item, position, &mut self.out.warnings);
        if let Some(links) = links {
            self.links(links, &offsets, position, &item, &mut doc.spans);
        }
        (self.problems.len() == before).then_some(doc)
    }

    fn entities(
        &mut self,
        value: Value,
        offsets: &Offsets,
        position: Option<(usize, usize)>,
        item: &str,
        group: Option<&str>,
        spans: &mut Vec<SpanAnn>,
    ) {
        let name = group.map_or_else(|| "entities".to_string(), |g| format!("spans.{g}"));
        let Value::Array(entities) = value else {
            if !value.is_null() {
                let message = format!("\"{name}\" is {}, not a list", records::type_name(&value));
                self.problem(ProblemKind::Type, position, item.to_string(), message);
            }
            return;
        };
        spans.reserve(entities.len());
        for (i, entity) in entities.into_iter().enumerate() {
            let at = || format!("{item}, {name}[{i}]");
            match entity {
                Value::Array(triple) => match records::triple(triple, offsets) {
                    Ok((range, label)) => {
                        let mut span = SpanAnn {
                            label: label.into(),
                            fragments: Fragments::from(range),
                            position,
                            ..SpanAnn::default()
                        };
                        if let Some(group) = group {
                            let value = Some(group.to_string());
                            span.attributes.push(Attribute { name: "span group".to_string(), value });
                        }
                        spans.push(span);
                    }
                    Err((kind, message)) => self.problem(kind, position, at(), message),
                },
                Value::String(_) => self.out.skip("entity tags per token (the file holds no tokens)"),
                other => {
                    let message =
                        format!("{} is not an entity: expected [start, end, label]", records::type_name(&other));
                    self.problem(ProblemKind::Type, position, at(), message);
                }
            }
        }
    }

    /// `{"(start, end)": {"Q42": 1.0}}`.
    fn links(
        &mut self,
        value: Value,
        offsets: &Offsets,
        position: Option<(usize, usize)>,
        item: &str,
        spans: &mut [SpanAnn],
    ) {
        let Value::Object(links) = value else {
            if !records::is_blank(&value) {
                let message = format!("\"links\" is {}, not an object", records::type_name(&value));
                self.problem(ProblemKind::Type, position, item.to_string(), message);
            }
            return;
        };
        for (key, candidates) in links {
            let at = format!("{item}, links[\"{key}\"]");
            let Some(range) = link_range(&key, offsets) else {
                let message = format!("\"{key}\" is not the offsets of an entity, \"(start, end)\"");
                self.problem(ProblemKind::Value, position, at, message);
                continue;
            };
            let Some(span) = spans.iter_mut().find(|s| s.fragments.len() == 1 && s.fragments[0] == range) else {
                let message = format!("the link at \"{key}\" has no entity at those offsets");
                self.problem(ProblemKind::UnknownId, position, at, message);
                continue;
            };
            let Value::Object(candidates) = candidates else {
                self.problem(ProblemKind::Type, position, at, "expected {\"kb id\": probability}".to_string());
                continue;
            };
            for (kb_id, probability) in candidates {
                if probability.as_f64() == Some(1.0) {
                    span.references.push(Reference { kind: "kb_id".into(), target: kb_id.into(), text: None });
                } else {
                    self.out.skip("entity-link candidates below probability 1");
                }
            }
        }
    }
}

/// The byte range of a link's key, two character offsets in any brackets.
fn link_range(key: &str, offsets: &Offsets) -> Option<Range<usize>> {
    let mut numbers = key.split(|c: char| !c.is_ascii_digit()).filter(|s| !s.is_empty()).map(str::parse::<usize>);
    let (Some(Ok(start)), Some(Ok(end)), None) = (numbers.next(), numbers.next(), numbers.next()) else {
        return None;
    };
    records::span_range(offsets, start, end).ok()
}
