//! The Label Studio JSON reader: the export Label Studio calls "JSON" (a
//! list of tasks, or one task object as its cloud storage writes it).
//!
//! A task is `{id, data: {...}, annotations: [...], predictions: [...]}`
//! (`completions` in exports before 1.0); each annotation or prediction has
//! a `result` list. What is read, and where it goes, is in [`results`]:
//! `labels` results become spans, `relation` results links between them,
//! per-region results (a `textarea` or `choices` with a region's id) the
//! notes and attributes of its spans. Every other result is counted as not
//! imported by its type (`"choices results"`), so is an XPath-anchored one
//! of an HTML task (`"HTML results"`), a cancelled annotation and a draft.
//!
//! **Offsets** count Unicode code points: Label Studio's editor has counted
//! them so since 1.x (its own emoji tests select "test" in "🐱 Warning:
//! This is a test text" at 21..25). Exports from before that counted
//! UTF-16 code units, shifted by one after every emoji; those disagree with
//! `value.text`, which is reported, with a word on the cause when the
//! UTF-16 reading would fit — never silently corrected.
//!
//! **The text** of a result is the `data` field it labels: the field its
//! `source` (`"$text"`) names, else `data[to_name]`, else the only string
//! field of `data`, else `data.text`. A task whose results label several
//! fields makes one document per field (`<task id>/<field>`). The document's
//! id is the task's `id`, else its 1-based position in the list; its title
//! is `data.title`; `url`, `source`, `published` and `language` come from
//! `data` or the task's `meta`. The task's other data fields are the task's
//! inputs, not annotations, and are not read.
//!
//! Not read: the `JSON_MIN`, CSV and CoNLL exports (other shapes, other
//! readers), and annotation history, timestamps and lead times.

mod json;
mod results;

pub(crate) use json::{Places, id_text, message, quoted};

use std::borrow::Cow;

use serde::Deserialize;
use serde_json::value::RawValue;
use serde_json::{Map, Value};

use super::{Doc, Imported, Input, ReadResult};
use crate::data::load::{Problem, ProblemKind};
use crate::support::hash::FxHashMap;
use results::{FieldSpans, Origin};

/// Reads a Label Studio JSON export.
pub fn read(input: Input) -> ReadResult {
    let mut reader = Reader {
        name: input.name,
        places: Places::new(input.text),
        imported: Imported::default(),
        problems: Vec::new(),
        ids: FxHashMap::default(),
    };
    if let Some(tasks) = reader.tasks(input.text) {
        if tasks.iter().all(|t| !has_data(t)) {
            let found = if tasks.len() == 1 { "no `data` field" } else { "none of the items has a `data` field" };
            let message = format!("not a Label Studio export: {found} (a task's text is under `data`)");
            reader.problems.push(Problem::new(ProblemKind::Type, input.name, message).at(Some((1, 1))));
        } else {
            for (index, task) in tasks.iter().enumerate() {
                reader.task(index, task);
            }
        }
    }
    if reader.problems.is_empty() { Ok(reader.imported) } else { Err(reader.problems) }
}

struct Reader<'a> {
    name: &'a str,
    places: Places<'a>,
    imported: Imported,
    problems: Vec<Problem>,
    /// Document ids given so far, to keep them unique.
    ids: FxHashMap<String, ()>,
}

/// A task as serde reads it; `data` is owned because its text becomes the
/// document's.
#[derive(Deserialize)]
struct RawTask<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(default)]
    data: Option<Map<String, Value>>,
    #[serde(borrow, default)]
    annotations: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    predictions: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    completions: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    drafts: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    meta: Option<Value>,
}

/// Whether a task's object has a `data` key (cheaply: the detection of the
/// wrong shape, not the parse).
fn has_data(task: &RawValue) -> bool {
    #[derive(Deserialize)]
    struct Probe<'a> {
        #[serde(borrow, default)]
        data: Option<&'a RawValue>,
    }
    serde_json::from_str::<Probe>(task.get()).is_ok_and(|p| p.data.is_some())
}

impl<'a> Reader<'a> {
    fn problem(&mut self, kind: ProblemKind, at: (usize, usize), item: Option<&str>, message: String) {
        let problem = Problem::new(kind, self.name, message).at(Some(at));
        self.problems.push(match item {
            Some(item) => problem.item(item),
            None => problem,
        });
    }

    /// The tasks of the file: the items of its list, or the one task it is.
    fn tasks(&mut self, text: &'a str) -> Option<Vec<&'a RawValue>> {
        if text.trim().is_empty() {
            self.problem(ProblemKind::Empty, (1, 1), None, "the file is empty".to_string());
            return None;
        }
        // A list is split at once: validating the whole file first would
        // be one more pass over all of it.
        if text.trim_start().starts_with('[') {
            return match serde_json::from_str::<Vec<&RawValue>>(text) {
                Ok(tasks) if tasks.is_empty() => {
                    self.problem(ProblemKind::Empty, (1, 1), None, "the list of tasks is empty".to_string());
                    None
                }
                Ok(tasks) => Some(tasks),
                Err(e) => {
                    let kind = if e.is_data() { ProblemKind::Type } else { ProblemKind::Syntax };
                    self.problem(kind, (e.line().max(1), e.column().max(1)), None, message(&e));
                    None
                }
            };
        }
        let top: &RawValue = match serde_json::from_str(text) {
            Ok(top) => top,
            Err(e) => {
                let at = (e.line().max(1), e.column().max(1));
                self.problem(ProblemKind::Syntax, at, None, message(&e));
                return None;
            }
        };
        if top.get().starts_with('{') {
            Some(vec![top])
        } else {
            let message = "not a Label Studio export: expected a list of tasks or one task object".to_string();
            self.problem(ProblemKind::Type, (1, 1), None, message);
            None
        }
    }

    fn task(&mut self, index: usize, raw: &'a RawValue) {
        let at = self.places.of(raw.get());
        let task: RawTask = match serde_json::from_str(raw.get()) {
            Ok(task) => task,
            Err(e) => {
                let at = self.places.of_error(raw.get(), &e);
                let item = format!("task {}", task_id(raw).unwrap_or_else(|| (index + 1).to_string()));
                self.problem(ProblemKind::Type, at, Some(&item), message(&e));
                return;
            }
        };
        let id = task.id.and_then(id_text).map_or_else(|| (index + 1).to_string(), Cow::into_owned);
        let item = format!("task {id}");
        let Some(mut data) = task.data else {
            let message = "no `data` field: not a Label Studio task".to_string();
            self.problem(ProblemKind::Type, at, Some(&item), message);
            return;
        };
        let mut fields = FieldSpans::default();
        let lists = [
            (Origin::Annotation, &task.annotations),
            (Origin::Prediction, &task.predictions),
            (Origin::Completion, &task.completions),
        ];
        for (origin, list) in lists {
            for (n, raw) in list.iter().flatten().enumerate() {
                let mut results = results::Results {
                    name: self.name,
                    places: &mut self.places,
                    imported: &mut self.imported,
                    problems: &mut self.problems,
                    data: &data,
                    task: &item,
                    annotation: String::new(),
                };
                results.annotation(origin, n, raw, &mut fields);
            }
        }
        let drafts = task.drafts.iter().flatten().filter(|d| !draft_is_empty(d)).count();
        self.imported.skip_n("drafts", drafts);
        if fields.is_empty() {
            match default_field(&data) {
                Some(field) => fields.field(field),
                None => {
                    let message = "no text: `data` has no `text` field and not exactly one string field".to_string();
                    self.problem(ProblemKind::Empty, at, Some(&item), message);
                    return;
                }
            };
        }
        let meta = |key: &str| {
            let from = |map: Option<&Map<String, Value>>| map?.get(key)?.as_str().map(str::to_string);
            from(Some(&data)).or_else(|| from(task.meta.as_ref().and_then(Value::as_object)))
        };
        let several = fields.len() > 1;
        let used = |key: &str| fields.iter().any(|f| f.field == key);
        let title = if used("title") { None } else { meta("title") };
        let (url, source) = (meta("url"), meta("source"));
        let published = meta("published").or_else(|| meta("date"));
        let language = meta("language").or_else(|| meta("lang"));
        for field in fields.into_vec() {
            let text = match data.get_mut(&field.field) {
                Some(Value::String(text)) => std::mem::take(text),
                _ => continue,
            };
            let doc_id = if several { format!("{id}/{}", field.field) } else { id.clone() };
            let doc_id = self.unique(doc_id, index, at);
            self.imported.documents.push(Doc {
                id: doc_id,
                text,
                title: title.clone(),
                url: url.clone(),
                source: source.clone(),
                published: published.clone(),
                language: language.clone(),
                note: None,
                spans: field.spans,
                links: field.links,
                chars: None,
                position: Some(at),
            });
        }
    }

    /// The id itself, or, when an earlier task has it, the id with the
    /// task's position (and a warning).
    fn unique(&mut self, id: String, index: usize, at: (usize, usize)) -> String {
        if !self.ids.contains_key(&id) {
            self.ids.insert(id.clone(), ());
            return id;
        }
        let mut unique = format!("{id}#{}", index + 1);
        while self.ids.contains_key(&unique) {
            unique.push('#');
        }
        let message = format!("an earlier task has the id \"{id}\": this one is read as \"{unique}\"");
        self.imported.warnings.push(Problem::new(ProblemKind::DuplicateId, self.name, message).at(Some(at)));
        self.ids.insert(unique.clone(), ());
        unique
    }
}

/// The text field of a task none of whose results names one: the only
/// string field of `data`, else `data.text`.
fn default_field(data: &Map<String, Value>) -> Option<&str> {
    let mut strings = data.iter().filter(|(_, v)| v.is_string());
    match (strings.next(), strings.next()) {
        (Some((key, _)), None) => Some(key),
        _ => data.get("text").filter(|v| v.is_string()).map(|_| "text"),
    }
}

/// The id of a task serde could not read whole, to name it.
fn task_id(task: &RawValue) -> Option<String> {
    #[derive(Deserialize)]
    struct Probe<'a> {
        #[serde(borrow, default)]
        id: Option<&'a RawValue>,
    }
    let probe = serde_json::from_str::<Probe>(task.get()).ok()?;
    probe.id.and_then(id_text).map(Cow::into_owned)
}

fn draft_is_empty(draft: &RawValue) -> bool {
    #[derive(Deserialize)]
    struct Draft<'a> {
        #[serde(borrow, default)]
        result: Option<Vec<&'a RawValue>>,
    }
    serde_json::from_str::<Draft>(draft.get()).map_or(true, |d| d.result.is_none_or(|r| r.is_empty()))
}

#[cfg(test)]
mod tests;
