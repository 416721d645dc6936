//! One W3C or Hypothesis annotation, made attachments: one per target
//! that selects text.
//!
//! - **Targets**: `target` is an IRI, an object or a list (Hypothesis:
//!   always a list of `{source, selector}`); `Composite`, `List` and
//!   `Independents` targets are their `items`. A target without a selector
//!   (an IRI, a whole page, a Hypothesis page note or reply) selects no
//!   text and is counted as not imported.
//! - **Selectors**: `TextQuoteSelector` (`exact`, `prefix`, `suffix`) and
//!   `TextPositionSelector` (`start`, `end` in code points), each possibly
//!   `refinedBy` another; a list of selectors is alternatives (Hypothesis
//!   writes a `RangeSelector`, a position and a quote for one place). Any
//!   other selector is counted by name (`"FragmentSelector targets"`) unless
//!   an alternative selects text — or it is refined by a quote: the quote's
//!   places in the whole text include its places in the fragment, so a
//!   quote that fits once in the text fits there. A position within a
//!   fragment cannot be placed and is counted with the fragment.
//! - **Label**: the first tag — Hypothesis `tags`, or a body whose purpose
//!   (else the annotation's motivation) is `tagging` or `classifying` —
//!   else `annotation`; the other tags become notes of kind `tag`.
//! - **Notes**: textual bodies (`TextualBody`, `bodyValue`, Hypothesis
//!   `text`), of the kind of their purpose or motivation (`commenting`,
//!   `describing`; `comment` when none is given); bodies that are only an
//!   IRI, of kind `body` (or their purpose); the creator (`creator`, or
//!   Hypothesis `user`), of kind `creator`. The IR's attachment has no
//!   attributes, so that is where these go.
//!
//! Not read: timestamps, audience, rights, styles, states (a cached copy
//! or a request's headers do not change which text is meant).

use serde_json::{Map, Value};

use super::super::label_studio::quoted;
use crate::data::import::{Attachment, Imported, Note, Selector};
use crate::data::load::{Problem, ProblemKind};

/// A fault of one annotation, placed by the reader at the annotation.
pub(super) struct Fault {
    kind: ProblemKind,
    id: Option<String>,
    message: String,
}

impl Fault {
    pub(super) fn problem(self, file: &str, at: (usize, usize)) -> Problem {
        let item = match &self.id {
            Some(id) => format!("annotation {}", quoted(id)),
            None => "annotation".to_string(),
        };
        Problem::new(self.kind, file, self.message).at(Some(at)).item(item)
    }
}

/// What an annotation's target gives: text selectors, something counted
/// as not imported, or a fault.
enum Picked {
    Text(Vec<Selector>),
    Not(String),
    Bad(ProblemKind, String),
}

/// Reads one annotation into `imported`'s attachments, counting what it
/// cannot; the faults it finds, if any, and nothing read from it then.
pub(super) fn read(value: &Value, at: (usize, usize), imported: &mut Imported) -> Vec<Fault> {
    let fault = |id: &Option<String>, kind, message: String| Fault { kind, id: id.clone(), message };
    let Some(object) = value.as_object() else {
        return vec![fault(&None, ProblemKind::Type, "an annotation must be an object".to_string())];
    };
    let id = get(object, "id").and_then(Value::as_str).map(str::to_string);
    let uri = object.get("uri").and_then(Value::as_str);
    let Some(target) = object.get("target").or(object.get("uri")) else {
        return vec![fault(&id, ProblemKind::Type, "an annotation without a `target`".to_string())];
    };
    let (label, notes) = label_and_notes(object);
    let reply = object.get("references").and_then(Value::as_array).is_some_and(|r| !r.is_empty());
    let mut targets = Vec::new();
    collect_targets(target, uri, &mut targets);
    let mut faults = Vec::new();
    let mut attachments = Vec::new();
    for (source, picked) in targets {
        match (source, picked) {
            (Some(source), Picked::Text(selectors)) => attachments.push(Attachment {
                source: source.to_string(),
                selectors,
                id: id.clone(),
                label: label.clone(),
                notes: notes.clone(),
                position: Some(at),
            }),
            (None, Picked::Text(_)) => {
                faults.push(fault(&id, ProblemKind::Type, "a target with a selector but no `source`".to_string()))
            }
            (_, Picked::Not(_)) if reply => imported.skip("replies"),
            (_, Picked::Not(what)) => imported.skip(&what),
            (_, Picked::Bad(kind, message)) => faults.push(fault(&id, kind, message)),
        }
    }
    if faults.is_empty() {
        imported.attachments.extend(attachments);
    }
    faults
}

/// `key`, or JSON-LD's `@key`.
fn get<'v>(object: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    object.get(key).or_else(|| object.get(&format!("@{key}")))
}

/// A JSON-LD type or purpose: the first string of a string or a list,
/// without an `oa:` prefix.
fn first_str(value: Option<&Value>) -> Option<&str> {
    let s = match value? {
        Value::String(s) => s.as_str(),
        Value::Array(items) => items.iter().find_map(Value::as_str)?,
        _ => return None,
    };
    Some(s.strip_prefix("oa:").unwrap_or(s))
}

fn collect_targets<'v>(target: &'v Value, uri: Option<&'v str>, out: &mut Vec<(Option<&'v str>, Picked)>) {
    match target {
        Value::Array(items) => items.iter().for_each(|t| collect_targets(t, uri, out)),
        Value::Object(o) => {
            if let Some(items) = o
                .get("items")
                .filter(|_| matches!(first_str(get(o, "type")), Some("Composite" | "List" | "Independents")))
            {
                return collect_targets(items, uri, out);
            }
            let source = match o.get("source") {
                Some(Value::String(s)) => Some(s.as_str()),
                Some(Value::Array(list)) => list.iter().find_map(Value::as_str),
                Some(Value::Object(resource)) => get(resource, "id").and_then(Value::as_str),
                _ => uri,
            };
            let picked = match o.get("selector") {
                None => Picked::Not("targets without a selector".to_string()),
                Some(selector) => alternatives(selector),
            };
            out.push((source, picked));
        }
        _ => out.push((None, Picked::Not("targets without a selector".to_string()))),
    }
}

/// A selector or a list of alternatives: every text selector among them.
fn alternatives(value: &Value) -> Picked {
    let Value::Array(items) = value else {
        return match selector(value) {
            Ok(s) => Picked::Text(vec![s]),
            Err(Failed::Not(what)) => Picked::Not(what),
            Err(Failed::Bad(kind, message)) => Picked::Bad(kind, message),
        };
    };
    let mut text = Vec::new();
    let mut not = None;
    for item in items {
        match selector(item) {
            Ok(s) => text.push(s),
            Err(Failed::Not(what)) => not = not.or(Some(what)),
            Err(Failed::Bad(kind, message)) => return Picked::Bad(kind, message),
        }
    }
    match (text.is_empty(), not) {
        (false, _) => Picked::Text(text),
        (true, Some(what)) => Picked::Not(what),
        (true, None) => Picked::Not("targets without a selector".to_string()),
    }
}

enum Failed {
    Not(String),
    Bad(ProblemKind, String),
}

fn selector(value: &Value) -> Result<Selector, Failed> {
    let Value::Object(o) = value else {
        return Err(Failed::Not("selectors given by IRI".to_string()));
    };
    let Some(kind) = first_str(get(o, "type")) else {
        return Err(Failed::Bad(ProblemKind::Type, "a selector without a `type`".to_string()));
    };
    let refined = o.get("refinedBy").map(|r| selector(r.as_array().and_then(|a| a.first()).unwrap_or(r)));
    let text = |key: &str| o.get(key).and_then(Value::as_str).map(str::to_string);
    match kind {
        "TextQuoteSelector" => {
            let exact = match o.get("exact") {
                Some(Value::String(e)) if !e.is_empty() => e.clone(),
                Some(Value::String(_)) => {
                    return Err(Failed::Bad(ProblemKind::Quote, "an empty `exact` quote".to_string()));
                }
                _ => {
                    let message = "a TextQuoteSelector without an `exact` string".to_string();
                    return Err(Failed::Bad(ProblemKind::Type, message));
                }
            };
            let refined = refined.transpose()?.map(Box::new);
            Ok(Selector::Quote { exact, prefix: text("prefix"), suffix: text("suffix"), refined })
        }
        "TextPositionSelector" => {
            let whole = |key: &str| o.get(key).and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
            let (Some(start), Some(end)) = (whole("start"), whole("end")) else {
                let message = "a TextPositionSelector needs whole, non-negative `start` and `end`".to_string();
                return Err(Failed::Bad(ProblemKind::Span, message));
            };
            if start >= end {
                let what = if start == end { "is empty" } else { "ends before it starts" };
                return Err(Failed::Bad(ProblemKind::Span, format!("the TextPositionSelector {start}..{end} {what}")));
            }
            let refined = refined.transpose()?.map(Box::new);
            Ok(Selector::Position { start, end, refined })
        }
        other => match refined {
            Some(Ok(quote @ Selector::Quote { .. })) => Ok(quote),
            Some(Err(bad @ Failed::Bad(..))) => Err(bad),
            _ => Err(Failed::Not(format!("{other} targets"))),
        },
    }
}

fn label_and_notes(object: &Map<String, Value>) -> (String, Vec<Note>) {
    let motivation = first_str(object.get("motivation"));
    let mut tags: Vec<String> = Vec::new();
    let mut notes = Vec::new();
    if let Some(Value::Array(list)) = object.get("tags") {
        tags.extend(list.iter().filter_map(Value::as_str).map(str::to_string));
    }
    if let Some(body) = object.get("body") {
        bodies(body, motivation, &mut tags, &mut notes);
    }
    let comment = |text: &str| Note { kind: motivation.unwrap_or("comment").into(), text: text.into() };
    for key in ["bodyValue", "text"] {
        if let Some(text) = object.get(key).and_then(Value::as_str).filter(|t| !t.trim().is_empty()) {
            notes.push(comment(text));
        }
    }
    let creator = match object.get("creator").or(object.get("user")) {
        Some(Value::String(s)) => Some(s.as_str()),
        Some(Value::Object(c)) => ["name", "nickname", "id", "@id"].iter().find_map(|k| c.get(*k)?.as_str()),
        _ => None,
    };
    notes.extend(creator.map(|c| Note { kind: "creator".into(), text: c.into() }));
    let mut tags = tags.into_iter();
    let label = tags.next().unwrap_or_else(|| "annotation".to_string());
    let extra: Vec<Note> = tags.map(|t| Note { kind: "tag".into(), text: t.into() }).collect();
    notes.splice(0..0, extra);
    (label, notes)
}

fn bodies(body: &Value, purpose: Option<&str>, tags: &mut Vec<String>, notes: &mut Vec<Note>) {
    match body {
        Value::String(iri) => keep(purpose, "body", iri, tags, notes),
        Value::Array(items) => items.iter().for_each(|b| bodies(b, purpose, tags, notes)),
        Value::Object(o) => {
            let purpose = first_str(o.get("purpose")).or(purpose);
            if let Some(items) = o.get("items") {
                return bodies(items, purpose, tags, notes);
            }
            if let Some(value) = o.get("value").and_then(Value::as_str) {
                return keep(purpose, "comment", value, tags, notes);
            }
            let source = match o.get("source") {
                Some(Value::Object(s)) => get(s, "id").and_then(Value::as_str),
                Some(s) => s.as_str(),
                None => None,
            };
            if let Some(iri) = source.or_else(|| get(o, "id").and_then(Value::as_str)) {
                keep(purpose, "body", iri, tags, notes);
            }
        }
        _ => {}
    }
}

/// A body's text: a tag when its purpose tags or classifies, else a note.
fn keep(purpose: Option<&str>, default: &str, text: &str, tags: &mut Vec<String>, notes: &mut Vec<Note>) {
    if matches!(purpose, Some("tagging" | "classifying")) {
        tags.push(text.to_string());
    } else {
        notes.push(Note { kind: purpose.unwrap_or(default).into(), text: text.into() });
    }
}
