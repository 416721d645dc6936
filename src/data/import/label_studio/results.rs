//! One annotation's (or prediction's) `result` list, made spans and links.
//!
//! - `labels` results (`value: {start, end, text, labels}`) become spans,
//!   one per label, with the result's `id`; `value.text` is checked against
//!   the text at the offsets. One whose `start` is a string is anchored by
//!   XPath in an HTML task and is counted as not imported ("HTML results").
//! - `relation` results (`from_id`, `to_id`, `direction`, `labels`) become
//!   links, one per label (kind `relation` when it has none), between the
//!   first spans of the two regions: `left` swaps the ends; `bi` keeps them
//!   as written, with the attribute `direction=bi`, so a symmetric relation
//!   is one link, not two.
//! - a result of another type that carries a region's id is per-region
//!   (`perRegion="true"` in the labelling config): a `textarea` becomes notes
//!   of the region's spans, the others (`choices`, `taxonomy`, `rating`, ...)
//!   attributes named by their `from_name`. Without a region it is counted as
//!   not imported (`"choices results"`).
//!
//! Every span and link also carries where it came from: `source`
//! (`annotation 1001`, `prediction 1`), `completed_by`, `model_version`,
//! `score`, `ground_truth`, and an `origin` other than `manual`.

use std::borrow::Cow;
use std::ops::Range;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use thin_vec::ThinVec;

use super::{Places, id_text, message, quoted};
use crate::data::import::{Attribute, Fragments, Imported, Link, Note, Offsets, SpanAnn, Str, Unit};
use crate::data::load::{Problem, ProblemKind};
use crate::support::hash::FxHashMap;

/// Which list of the task a result list is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    Annotation,
    Prediction,
    /// The name of annotations in exports before Label Studio 1.0.
    Completion,
}

impl Origin {
    fn name(self) -> &'static str {
        match self {
            Origin::Annotation => "annotation",
            Origin::Prediction => "prediction",
            Origin::Completion => "completion",
        }
    }
}

/// The spans and links of one task, by the data field they are in.
#[derive(Default)]
pub(super) struct FieldSpans {
    fields: Vec<Field>,
}

pub(super) struct Field {
    pub field: String,
    pub spans: Vec<SpanAnn>,
    pub links: Vec<crate::data::import::Link>,
    offsets: Option<Offsets>,
    /// Built only to explain a disagreeing quote (see the module comment).
    utf16: Option<Offsets>,
}

impl FieldSpans {
    /// The index of a field, added if new.
    pub(super) fn field(&mut self, name: &str) -> usize {
        match self.fields.iter().position(|f| f.field == name) {
            Some(i) => i,
            None => {
                let field =
                    Field { field: name.to_string(), spans: Vec::new(), links: Vec::new(), offsets: None, utf16: None };
                self.fields.push(field);
                self.fields.len() - 1
            }
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    pub(super) fn len(&self) -> usize {
        self.fields.len()
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = &Field> {
        self.fields.iter()
    }

    pub(super) fn into_vec(self) -> Vec<Field> {
        self.fields
    }
}

/// What reading one annotation needs of the reader and the task.
pub(super) struct Results<'r, 'a> {
    pub name: &'a str,
    pub places: &'r mut Places<'a>,
    pub imported: &'r mut Imported,
    pub problems: &'r mut Vec<Problem>,
    pub data: &'r Map<String, Value>,
    /// `task 7`, for messages.
    pub task: &'r str,
    /// `task 7, annotation 1001`, for messages, once known.
    pub annotation: String,
}

#[derive(Deserialize)]
struct RawAnnotation<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    result: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    was_cancelled: Option<bool>,
    #[serde(default)]
    completed_by: Option<Value>,
    #[serde(default)]
    model_version: Option<Value>,
    #[serde(default)]
    score: Option<Value>,
    #[serde(default)]
    ground_truth: Option<bool>,
}

#[derive(Deserialize)]
struct RawResult<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(rename = "type", borrow, default)]
    kind: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    from_name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    to_name: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    source: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    value: Option<&'a RawValue>,
    #[serde(borrow, default)]
    from_id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    to_id: Option<&'a RawValue>,
    #[serde(borrow, default)]
    direction: Option<Cow<'a, str>>,
    #[serde(default)]
    labels: Option<Vec<String>>,
    #[serde(default)]
    score: Option<Value>,
    #[serde(borrow, default)]
    origin: Option<Cow<'a, str>>,
    #[serde(default)]
    meta: Option<Value>,
}

#[derive(Deserialize)]
struct SpanValue<'a> {
    #[serde(borrow, default)]
    start: Option<&'a RawValue>,
    #[serde(borrow, default)]
    end: Option<&'a RawValue>,
    #[serde(borrow, default)]
    text: Option<Cow<'a, str>>,
    #[serde(default)]
    labels: Option<Vec<String>>,
}

/// A region's spans: the field they are in and their indices there (one
/// per label, made together).
struct Region {
    field: usize,
    spans: Range<usize>,
}

/// The regions of one annotation by result id, and the ids of results that
/// were not imported (so a relation to one is counted, not an error).
#[derive(Default)]
struct Regions<'x> {
    spans: FxHashMap<&'x str, Region>,
    skipped: FxHashMap<&'x str, ()>,
}

/// A parsed result, its place, and its position in the list (to name it
/// in a message when it has no id).
struct Item<'a> {
    result: RawResult<'a>,
    id: Option<Cow<'a, str>>,
    at: (usize, usize),
    index: usize,
}

impl<'r, 'a> Results<'r, 'a> {
    fn problem(&mut self, kind: ProblemKind, at: (usize, usize), item: &str, message: String) {
        self.problems.push(Problem::new(kind, self.name, message).at(Some(at)).item(item));
    }

    /// A problem of a result, named only now: most results have none.
    fn fault(&mut self, it: &Item, at: (usize, usize), kind: ProblemKind, message: String) {
        let item = match &it.id {
            Some(id) => format!("{}, result {}", self.annotation, quoted(id)),
            None => format!("{}, result {}", self.annotation, it.index + 1),
        };
        self.problem(kind, at, &item, message);
    }

    pub(super) fn annotation(&mut self, origin: Origin, n: usize, raw: &'a RawValue, fields: &mut FieldSpans) {
        let annotation: RawAnnotation = match serde_json::from_str(raw.get()) {
            Ok(a) => a,
            Err(e) => {
                let at = self.places.of_error(raw.get(), &e);
                let item = format!("{}, {} {}", self.task, origin.name(), n + 1);
                self.problem(ProblemKind::Type, at, &item, message(&e));
                return;
            }
        };
        let id = annotation.id.and_then(id_text).map_or_else(|| (n + 1).to_string(), Cow::into_owned);
        self.annotation = format!("{}, {} {id}", self.task, origin.name());
        if annotation.was_cancelled == Some(true) {
            self.imported.skip("cancelled annotations");
            return;
        }
        let common = provenance(origin, &id, &annotation);
        let mut items = Vec::new();
        for (index, raw) in annotation.result.iter().flatten().enumerate() {
            let at = self.places.of(raw.get());
            match serde_json::from_str::<RawResult>(raw.get()) {
                Ok(result) => {
                    let id = result.id.and_then(id_text);
                    items.push(Item { result, id, at, index });
                }
                Err(e) => {
                    let at = self.places.of_error(raw.get(), &e);
                    let item = format!("{}, result {}", self.annotation, index + 1);
                    self.problem(ProblemKind::Type, at, &item, message(&e));
                }
            }
        }
        // Spans first: per-region results and relations refer to them,
        // and nothing says they come after them in the list.
        let mut regions = Regions::default();
        for it in &items {
            match it.result.kind.as_deref() {
                Some("labels") => self.span(it, &common, fields, &mut regions),
                Some("relation") => {}
                Some(_) => {
                    if let Some(id) = it.id.as_deref().filter(|id| !regions.spans.contains_key(*id)) {
                        regions.skipped.insert(id, ());
                    }
                }
                None => self.fault(it, it.at, ProblemKind::Type, "a result without a `type`".to_string()),
            }
        }
        for it in &items {
            match it.result.kind.as_deref() {
                Some("labels" | "relation") | None => {}
                Some(kind) => self.other(it, kind, fields, &regions),
            }
        }
        for it in items.iter().filter(|it| it.result.kind.as_deref() == Some("relation")) {
            self.relation(it, &common, fields, &regions);
        }
    }

    fn span<'x>(&mut self, it: &'x Item, common: &[Attribute], fields: &mut FieldSpans, regions: &mut Regions<'x>) {
        let r = &it.result;
        let skip = |regions: &mut Regions<'x>| {
            if let Some(id) = it.id.as_deref() {
                regions.skipped.insert(id, ());
            }
        };
        let Some(raw) = r.value else {
            return self.fault(it, it.at, ProblemKind::Type, "a `labels` result without a `value`".to_string());
        };
        let value: SpanValue = match serde_json::from_str(raw.get()) {
            Ok(v) => v,
            Err(e) => {
                let at = self.places.of_error(raw.get(), &e);
                return self.fault(it, at, ProblemKind::Type, message(&e));
            }
        };
        let (Some(start), Some(end)) = (value.start, value.end) else {
            return self.fault(it, it.at, ProblemKind::Type, "a `labels` result without `start` and `end`".to_string());
        };
        if start.get().starts_with('"') || end.get().starts_with('"') {
            self.imported.skip("HTML results");
            return skip(regions);
        }
        let (Some(start), Some(end)) = (whole(start), whole(end)) else {
            let message = format!("`start` and `end` must be whole numbers, not {} and {}", start.get(), end.get());
            return self.fault(it, it.at, ProblemKind::Span, message);
        };
        let labels = value.labels.unwrap_or_default();
        if labels.is_empty() {
            self.imported.skip("regions without a label");
            return skip(regions);
        }
        let data = self.data;
        let field = match text_field(data, r.source.as_deref(), r.to_name.as_deref()) {
            Ok(field) => field,
            Err(message) => return self.fault(it, it.at, ProblemKind::Type, message),
        };
        let text = data.get(field).and_then(Value::as_str).unwrap_or_default();
        let f = fields.field(field);
        let slot = &mut fields.fields[f];
        let offsets = slot.offsets.get_or_insert_with(|| Offsets::new(text, Unit::Chars));
        let range = match offsets.range(start, end) {
            Ok(range) if !range.is_empty() => range,
            Ok(_) => {
                return self.fault(it, it.at, ProblemKind::Span, format!("an empty span ({start}..{end})"));
            }
            Err(message) => {
                let message = format!("{message}{}", url_hint(field, text));
                return self.fault(it, it.at, ProblemKind::Span, message);
            }
        };
        if let Some(quote) = value.text.as_deref() {
            let found = text.get(range.clone()).unwrap_or_default();
            if found != quote {
                let utf16 = slot.utf16.get_or_insert_with(|| Offsets::new(text, Unit::Utf16));
                let as_utf16 = utf16.range(start, end).ok().and_then(|r| text.get(r));
                let hint = if as_utf16 == Some(quote) {
                    " (counted in UTF-16 code units, as Label Studio before 1.x counted them after an emoji, the offsets would fit)".to_string()
                } else {
                    url_hint(field, text)
                };
                let message = format!(
                    "`value.text` {} is not the text at {start}..{end}, {}{hint}",
                    quoted(quote),
                    quoted(found)
                );
                return self.fault(it, it.at, ProblemKind::Span, message);
            }
        }
        let mut attributes = common.to_vec();
        if let Some(score) = r.score.as_ref().and_then(scalar) {
            attributes.retain(|a| a.name != "score");
            attributes.push(Attribute { name: "score".to_string(), value: Some(score) });
        }
        if let Some(origin) = r.origin.as_deref().filter(|o| *o != "manual") {
            attributes.push(Attribute { name: "origin".to_string(), value: Some(origin.to_string()) });
        }
        let notes: Vec<Note> = strings(r.meta.as_ref().and_then(|m| m.get("text")))
            .map(|text| Note { kind: "meta".into(), text: text.into() })
            .collect();
        if let Some(id) = it.id.as_deref() {
            let spans = slot.spans.len()..slot.spans.len() + labels.len();
            regions.spans.entry(id).or_insert(Region { field: f, spans });
        }
        for label in labels {
            slot.spans.push(SpanAnn {
                ids: it.id.iter().map(|id| Str::from(id.as_ref())).collect(),
                label: label.into(),
                fragments: Fragments::from(range.clone()),
                attributes: attributes.as_slice().into(),
                references: Default::default(),
                notes: notes.as_slice().into(),
                same_as: ThinVec::new(),
                position: Some(it.at),
            });
        }
    }

    /// A result that is neither a span nor a relation: per-region when it
    /// has a region's id, else counted by its type.
    fn other(&mut self, it: &Item, kind: &str, fields: &mut FieldSpans, regions: &Regions) {
        let region = it.id.as_deref().and_then(|id| regions.spans.get(id));
        let Some(region) = region.filter(|r| !r.spans.is_empty()) else {
            let what = match kind {
                "hypertextlabels" => "HTML results".to_string(),
                _ => format!("{kind} results"),
            };
            return self.imported.skip(&what);
        };
        let value: Map<String, Value> = match it.result.value.map(|v| serde_json::from_str(v.get())) {
            Some(Ok(value)) => value,
            Some(Err(e)) => return self.fault(it, it.at, ProblemKind::Type, message(&e)),
            None => Map::new(),
        };
        let name = it.result.from_name.as_deref().unwrap_or(kind).to_string();
        let spans = &mut fields.fields[region.field].spans;
        if kind == "textarea" {
            for text in strings(value.get("text")) {
                for s in region.spans.clone() {
                    spans[s].notes.push(Note { kind: name.as_str().into(), text: text.into() });
                }
            }
            return;
        }
        let mut values = Vec::new();
        match value.get(kind) {
            Some(Value::Array(items)) => values.extend(items.iter().filter_map(scalar_or_path)),
            Some(v) => values.extend(scalar_or_path(v)),
            None => {}
        }
        for value in values {
            for s in region.spans.clone() {
                spans[s].attributes.push(Attribute { name: name.clone(), value: Some(value.clone()) });
            }
        }
    }

    fn relation(&mut self, it: &Item, common: &[Attribute], fields: &mut FieldSpans, regions: &Regions) {
        let r = &it.result;
        let (Some(from), Some(to)) = (r.from_id.and_then(id_text), r.to_id.and_then(id_text)) else {
            return self.fault(it, it.at, ProblemKind::Type, "a relation without `from_id` and `to_id`".to_string());
        };
        let known = |id: &str| regions.spans.contains_key(id) || regions.skipped.contains_key(id);
        let (a, b) = match (regions.spans.get(from.as_ref()), regions.spans.get(to.as_ref())) {
            (Some(a), Some(b)) if a.field == b.field && !a.spans.is_empty() && !b.spans.is_empty() => (a, b),
            (Some(_), Some(_)) => return self.imported.skip("relations across text fields"),
            _ if known(&from) && known(&to) => return self.imported.skip("relations to results not imported"),
            _ => {
                let missing = if known(&from) { &to } else { &from };
                let message = format!("the relation's end {} is no result of this annotation", quoted(missing));
                return self.fault(it, it.at, ProblemKind::UnknownId, message);
            }
        };
        let mut attributes = common.to_vec();
        let (from, to) = match r.direction.as_deref() {
            None | Some("right") => (a.spans.start, b.spans.start),
            Some("left") => (b.spans.start, a.spans.start),
            Some("bi") => {
                attributes.push(Attribute { name: "direction".to_string(), value: Some("bi".to_string()) });
                (a.spans.start, b.spans.start)
            }
            Some(other) => {
                let message = format!("direction {} is none of right, left, bi", quoted(other));
                return self.fault(it, it.at, ProblemKind::Value, message);
            }
        };
        let links = &mut fields.fields[a.field].links;
        let labels = r.labels.as_deref().unwrap_or_default();
        let kinds = if labels.is_empty() { &["relation".to_string()][..] } else { labels };
        for kind in kinds {
            links.push(Link {
                from,
                to,
                kind: kind.clone(),
                id: it.id.as_deref().map(str::to_string),
                attributes: attributes.clone(),
                notes: Vec::new(),
                position: Some(it.at),
            });
        }
    }
}

/// Where every span and link of an annotation came from.
fn provenance(origin: Origin, id: &str, annotation: &RawAnnotation) -> Vec<Attribute> {
    let attribute = |name: &str, value: String| Attribute { name: name.to_string(), value: Some(value) };
    let mut attributes = vec![attribute("source", format!("{} {id}", origin.name()))];
    let by = annotation.completed_by.as_ref().and_then(|by| match by {
        Value::Object(user) => user.get("email").or_else(|| user.get("id")).and_then(scalar),
        other => scalar(other),
    });
    attributes.extend(by.map(|by| attribute("completed_by", by)));
    attributes.extend(annotation.model_version.as_ref().and_then(scalar).map(|v| attribute("model_version", v)));
    attributes.extend(annotation.score.as_ref().and_then(scalar).map(|v| attribute("score", v)));
    if annotation.ground_truth == Some(true) {
        attributes.push(Attribute { name: "ground_truth".to_string(), value: None });
    }
    attributes
}

/// The data field a result labels (see the module comment of the reader).
fn text_field<'d>(
    data: &'d Map<String, Value>,
    source: Option<&str>,
    to_name: Option<&str>,
) -> Result<&'d str, String> {
    let string = |key: &str| data.get_key_value(key).filter(|(_, v)| v.is_string()).map(|(k, _)| k.as_str());
    if let Some(field) = source.and_then(|s| s.strip_prefix('$')).and_then(string) {
        return Ok(field);
    }
    if let Some(field) = to_name.and_then(string) {
        return Ok(field);
    }
    if let Some(field) = super::default_field(data) {
        return Ok(field);
    }
    let named = to_name.map_or_else(String::new, |t| format!(" for `to_name` {}", quoted(t)));
    Err(format!("no text{named}: `data` has no such string field, no `text`, and not exactly one string field"))
}

/// A hint for offsets that do not fit a text that is a URL: Label Studio
/// loaded the text from it (`valueType="url"`), and the export lacks it.
fn url_hint(field: &str, text: &str) -> String {
    let url = (text.starts_with("http://") || text.starts_with("https://") || text.starts_with("s3://"))
        && !text.contains(char::is_whitespace);
    if url {
        format!(" (`data.{field}` is a URL: the text Label Studio loaded from it is not in the export)")
    } else {
        String::new()
    }
}

/// A JSON number that is a whole, non-negative offset.
fn whole(raw: &RawValue) -> Option<usize> {
    raw.get().parse::<u64>().ok().and_then(|n| usize::try_from(n).ok())
}

/// A string or a number as text.
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A value, or a taxonomy's path (`["Place", "City"]`) as `Place / City`.
fn scalar_or_path(value: &Value) -> Option<String> {
    match value {
        Value::Array(path) => {
            let parts: Vec<String> = path.iter().filter_map(scalar).collect();
            (!parts.is_empty()).then(|| parts.join(" / "))
        }
        other => scalar(other),
    }
}

/// A string, or the strings of a list.
fn strings(value: Option<&Value>) -> impl Iterator<Item = &str> {
    let (one, many) = match value {
        Some(Value::String(s)) => (Some(s.as_str()), None),
        Some(Value::Array(items)) => (None, Some(items.iter().filter_map(Value::as_str))),
        _ => (None, None),
    };
    one.into_iter().chain(many.into_iter().flatten())
}
