//! The W3C Web Annotation reader, which also reads Hypothesis's exports.
//!
//! These annotations carry no text: each names its document by
//! `target.source` and picks a part of it with selectors. So [`read`] makes
//! [`Attachment`]s, not documents, and [`attach`] resolves them once every
//! document of the corpus is known.
//!
//! Shapes read: one annotation; an `AnnotationCollection` whose `first`
//! page (and the `next` pages after it) are embedded; an `AnnotationPage`
//! (`items`); a plain JSON list of annotations; and Hypothesis's API
//! answers, `{"rows": [...], "total": n}` or a list of its annotations
//! (`uri`, `target: [{source, selector: [...]}]`, `text`, `tags`). Pages
//! that are only linked, not embedded, cannot be read from the file and
//! are counted as not imported; a Hypothesis answer that holds fewer rows
//! than its `total` (one page of a search) is a warning.
//!
//! What of an annotation is read, and how, is in [`annotation`]; how an
//! attachment finds its place, in [`attach`].
//!
//! Keys are read in JSON-LD's compacted form with the model's context
//! (`id`, `type`, `target`; `@id` and `@type` too, and `oa:` prefixes on
//! types); an expanded JSON-LD document (full IRIs as keys) is refused.

mod annotation;
mod attach;

pub use attach::{DocText, attach};

use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

use super::label_studio::{Places, message};
use super::{Imported, Input, ReadResult};
use crate::data::load::{Problem, ProblemKind};

/// Reads W3C Web Annotation JSON-LD or a Hypothesis export.
pub fn read(input: Input) -> ReadResult {
    let mut reader = Reader {
        name: input.name,
        places: Places::new(input.text),
        imported: Imported::default(),
        problems: Vec::new(),
    };
    reader.file(input.text);
    if reader.problems.is_empty() { Ok(reader.imported) } else { Err(reader.problems) }
}

struct Reader<'a> {
    name: &'a str,
    places: Places<'a>,
    imported: Imported,
    problems: Vec<Problem>,
}

/// The keys that tell the shapes apart.
#[derive(Deserialize)]
struct Top<'a> {
    #[serde(rename = "type", alias = "@type", default)]
    kind: Option<Value>,
    #[serde(borrow, default)]
    items: Option<Vec<&'a RawValue>>,
    #[serde(borrow, default)]
    first: Option<&'a RawValue>,
    #[serde(borrow, default)]
    next: Option<&'a RawValue>,
    #[serde(borrow, default)]
    rows: Option<Vec<&'a RawValue>>,
    #[serde(default)]
    total: Option<Value>,
    #[serde(borrow, default)]
    target: Option<&'a RawValue>,
    #[serde(borrow, default)]
    uri: Option<&'a RawValue>,
}

/// Whether a JSON-LD `type` (a string or a list) is `name`.
fn is_type(kind: Option<&Value>, name: &str) -> bool {
    let is = |v: &Value| v.as_str().is_some_and(|s| s.strip_prefix("oa:").unwrap_or(s) == name);
    match kind {
        Some(Value::Array(kinds)) => kinds.iter().any(is),
        Some(other) => is(other),
        None => false,
    }
}

/// Pages followed through `next` at most: a loop of embedded pages is
/// impossible in JSON, but a long chain is not.
const MAX_PAGES: usize = 10_000;

impl<'a> Reader<'a> {
    fn problem(&mut self, kind: ProblemKind, at: (usize, usize), message: String) {
        self.problems.push(Problem::new(kind, self.name, message).at(Some(at)));
    }

    fn file(&mut self, text: &'a str) {
        if text.trim().is_empty() {
            return self.problem(ProblemKind::Empty, (1, 1), "the file is empty".to_string());
        }
        let top: &RawValue = match serde_json::from_str(text) {
            Ok(top) => top,
            Err(e) => return self.problem(ProblemKind::Syntax, (e.line().max(1), e.column().max(1)), message(&e)),
        };
        match top.get().as_bytes().first() {
            Some(b'[') => match serde_json::from_str::<Vec<&RawValue>>(top.get()) {
                Ok(items) if items.is_empty() => {
                    self.problem(ProblemKind::Empty, (1, 1), "the list is empty".to_string())
                }
                Ok(items) => {
                    if items.iter().all(|item| !self.looks_like_annotation(item)) {
                        let message = "not W3C Web Annotations: no item has a `target` (nor a Hypothesis `uri`)";
                        return self.problem(ProblemKind::Type, (1, 1), message.to_string());
                    }
                    self.annotations(&items);
                }
                Err(e) => {
                    let at = self.places.of_error(top.get(), &e);
                    self.problem(ProblemKind::Type, at, message(&e));
                }
            },
            Some(b'{') => self.object(top),
            _ => {
                let message = "not a W3C Web Annotation: expected an annotation, a collection, a page or a list";
                self.problem(ProblemKind::Type, (1, 1), message.to_string());
            }
        }
    }

    fn top(&mut self, raw: &'a RawValue) -> Option<Top<'a>> {
        match serde_json::from_str::<Top>(raw.get()) {
            Ok(top) => Some(top),
            Err(e) => {
                let at = self.places.of_error(raw.get(), &e);
                self.problem(ProblemKind::Type, at, message(&e));
                None
            }
        }
    }

    fn looks_like_annotation(&mut self, item: &RawValue) -> bool {
        serde_json::from_str::<Top>(item.get()).is_ok_and(|t| t.target.is_some() || t.uri.is_some())
    }

    fn object(&mut self, raw: &'a RawValue) {
        let at = self.places.of(raw.get());
        let Some(top) = self.top(raw) else { return };
        let kind = top.kind.as_ref();
        if let Some(rows) = top.rows {
            let total = top.total.as_ref().and_then(Value::as_u64);
            if let Some(total) = total.filter(|&t| t > rows.len() as u64) {
                let message =
                    format!("the export holds {} of the search's {total} annotations (one page of it)", rows.len());
                self.imported.warnings.push(Problem::new(ProblemKind::Value, self.name, message).at(Some(at)));
            }
            self.annotations(&rows);
        } else if is_type(kind, "AnnotationCollection") {
            match top.first {
                Some(first) if first.get().starts_with('{') => self.pages(first),
                Some(_) => self.imported.skip("annotation pages not embedded"),
                None => {}
            }
        } else if is_type(kind, "AnnotationPage") {
            self.pages(raw);
        } else if is_type(kind, "Annotation") || top.target.is_some() || top.uri.is_some() {
            self.annotations(&[raw]);
        } else {
            let message = "not a W3C Web Annotation: no `type` Annotation, AnnotationCollection or AnnotationPage, \
                           no `target`, no Hypothesis `rows`";
            self.problem(ProblemKind::Type, at, message.to_string());
        }
    }

    /// A page's items, then those of the pages embedded as its `next`.
    fn pages(&mut self, first: &'a RawValue) {
        let mut page = Some(first);
        for _ in 0..MAX_PAGES {
            let Some(raw) = page.take() else { return };
            let Some(top) = self.top(raw) else { return };
            self.annotations(top.items.as_deref().unwrap_or_default());
            match top.next {
                Some(next) if next.get().starts_with('{') => page = Some(next),
                Some(_) => self.imported.skip("annotation pages not embedded"),
                None => {}
            }
        }
        if page.is_some() {
            self.imported.skip("annotation pages not embedded");
        }
    }

    fn annotations(&mut self, items: &[&'a RawValue]) {
        for raw in items {
            let at = self.places.of(raw.get());
            match serde_json::from_str::<Value>(raw.get()) {
                Ok(value) => {
                    for fault in annotation::read(&value, at, &mut self.imported) {
                        self.problems.push(fault.problem(self.name, at));
                    }
                }
                Err(e) => {
                    let at = self.places.of_error(raw.get(), &e);
                    self.problem(ProblemKind::Type, at, message(&e));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
