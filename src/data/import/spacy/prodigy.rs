//! Prodigy's JSONL (its `db-out` exports and its input streams): one task
//! per record with its `text` and `spans` (`start`, `end`, `label`, and a
//! `text` checked against the offsets), `relations` whose `head`/`child` are
//! token indices with `head_span`/`child_span` giving the spans they join
//! (a span a relation needs that is not among `spans` is added), and the
//! entity-linking choice: `accept: ["Q42"]` among `options` puts a
//! `kb_id` reference (with the option's text) on the record's one span.
//!
//! `answer: "ignore"` and `"reject"` records are skipped and counted. The
//! document id is `_input_hash` when no other record has the same one; the
//! same input annotated twice is a warning and both are read, each named by
//! its line (`line-N`). `_annotator_id` becomes an `annotator` attribute of
//! every span; a span's other scalar fields (`source`, `score`) become its
//! attributes (`input_hash` repeats the record's and is left out). The other
//! `_` fields are Prodigy's bookkeeping (task hash, view, session,
//! timestamp), not annotations, and are not imported.
//!
//! Counted as not imported: document-level labels and choices (text
//! classification), options not chosen, relations between tokens that no
//! labelled span covers (dependency arcs), metadata that is not a title,
//! url, source, date or language, and fields for images, audio or HTML.
//! A choice of `NIL_...` (not in the knowledge base) is kept as a `kb_id`
//! attribute, not a reference: references merge mentions into one entity,
//! and "not in the options" says nothing about which entity it is.

use std::ops::Range;

use serde_json::{Map, Value};

use crate::data::import::doccano::records::{self, Record};
use crate::data::import::{
    Attribute, Doc, Fragments, Imported, Input, Link, Offsets, ReadResult, Reference, SpanAnn, Str, Unit,
};
use crate::data::load::{Problem, ProblemKind};

const SHAPE: &str = "expected a JSON object per record with \"text\" and \"spans\"";

/// Fields that make an object a Prodigy task even without text.
const TASK_FIELDS: [&str; 7] = ["spans", "_input_hash", "_task_hash", "answer", "image", "audio", "html"];

/// Reads a Prodigy JSONL file.
pub fn read_prodigy(input: Input) -> ReadResult {
    let mut out = Imported::default();
    let mut problems = Vec::new();
    let mut syntax = Vec::new();
    let mut ids = Vec::new();
    records::for_each_record(input, &mut syntax, |record| {
        let mut reader = Task { file: input.name, out: &mut out, problems: &mut problems };
        if let Some((doc, id)) = reader.record(record) {
            out.documents.push(doc);
            ids.push(id);
        }
    });
    problems.append(&mut syntax);
    if !problems.is_empty() {
        return Err(problems);
    }
    records::assign_ids(&mut out.documents, ids, "_input_hash", input.name, &mut out.warnings);
    Ok(out)
}

struct Task<'a> {
    file: &'a str,
    out: &'a mut Imported,
    problems: &'a mut Vec<Problem>,
}

/// The parts of a task read after its spans.
#[derive(Default)]
struct Later {
    relations: Option<Value>,
    tokens: Option<Value>,
    accept: Option<Value>,
    options: Option<Value>,
    annotator: Option<String>,
}

impl Task<'_> {
    fn problem(&mut self, kind: ProblemKind, position: Option<(usize, usize)>, item: String, message: String) {
        self.problems.push(Problem::new(kind, self.file, message).at(position).item(item));
    }

    fn record(&mut self, record: Record) -> Option<(Doc, Option<String>)> {
        let position = Some(record.position);
        let item = record.item();
        let mut map = match record.value {
            Value::Object(map) => map,
            other => {
                let message = format!("{SHAPE}; found {}", records::type_name(&other));
                self.problem(ProblemKind::Type, position, item, message);
                return None;
            }
        };
        match map.remove("answer") {
            Some(Value::String(a)) if a == "ignore" => {
                self.out.skip("ignored records");
                return None;
            }
            Some(Value::String(a)) if a == "reject" => {
                self.out.skip("rejected records");
                return None;
            }
            Some(Value::String(a)) if a == "accept" => {}
            None | Some(Value::Null) => {}
            Some(other) => {
                let message = format!("answer {other} is not \"accept\", \"reject\" or \"ignore\"");
                self.problem(ProblemKind::Value, position, item, message);
                return None;
            }
        }
        let text = match map.remove("text") {
            Some(Value::String(text)) => text,
            Some(other) if !other.is_null() => {
                let message = format!("\"text\" is {}, not the text", records::type_name(&other));
                self.problem(ProblemKind::Type, position, item, message);
                return None;
            }
            _ => {
                self.no_text(&map, position, item);
                return None;
            }
        };
        let mut doc = Doc { text, position, ..Doc::default() };
        let offsets = Offsets::new(&doc.text, Unit::Chars);
        let id = map.get("_input_hash").and_then(records::id);
        let before = self.problems.len();
        let mut later = Later::default();
        for (key, value) in map {
            match key.as_str() {
                "spans" => self.spans(value, &doc.text, &offsets, position, &item, &mut doc.spans),
                "relations" => later.relations = Some(value),
                "tokens" => later.tokens = Some(value),
                "accept" => later.accept = Some(value),
                "options" => later.options = Some(value),
                "_annotator_id" => later.annotator = records::scalar(&value),
                "meta" => self.meta(value, &mut doc),
                "label" if !records::is_blank(&value) => self.out.skip("document labels (text classification)"),
                _ if key.starts_with('_') || records::is_blank(&value) => {}
                _ if records::doc_field(&mut doc, &key, &value) => {}
                _ => self.out.skip(&format!("field \"{key}\"")),
            }
        }
        if self.problems.len() > before {
            return None;
        }
        records::merge_repeated(&mut doc.spans, self.file, &item, position, &mut self.out.warnings);
        self.choice(later.accept, later.options, &mut doc.spans);
        if let Some(relations) = later.relations {
            let tokens = self.tokens(later.tokens, &offsets, position, &item);
            self.relations(relations, &tokens, &offsets, position, &item, &mut doc);
        }
        if let Some(annotator) = later.annotator {
            for span in &mut doc.spans {
                span.attributes.push(Attribute { name: "annotator".to_string(), value: Some(annotator.clone()) });
            }
        }
        (self.problems.len() == before).then_some((doc, id))
    }

    fn no_text(&mut self, map: &Map<String, Value>, position: Option<(usize, usize)>, item: String) {
        if map.keys().any(|k| TASK_FIELDS.contains(&k.as_str())) {
            let message = "the record has no text (an image, audio or HTML task?): skipped";
            self.out.warnings.push(Problem::new(ProblemKind::Empty, self.file, message).at(position).item(item));
        } else {
            let fields: Vec<&str> = map.keys().map(String::as_str).take(5).collect();
            let message = format!("{SHAPE}; found an object with fields {}", fields.join(", "));
            self.problem(ProblemKind::Type, position, item, message);
        }
    }

    fn spans(
        &mut self,
        value: Value,
        text: &str,
        offsets: &Offsets,
        position: Option<(usize, usize)>,
        item: &str,
        spans: &mut Vec<SpanAnn>,
    ) {
        let items = match value {
            Value::Array(items) => items,
            Value::Null => return,
            other => {
                let message = format!("\"spans\" is {}, not a list", records::type_name(&other));
                self.problem(ProblemKind::Type, position, item.to_string(), message);
                return;
            }
        };
        spans.reserve(items.len());
        for (i, span) in items.into_iter().enumerate() {
            let at = format!("{item}, spans[{i}]");
            let Value::Object(object) = span else {
                let message = format!("{} is not a span: expected {{start, end, label}}", records::type_name(&span));
                self.problem(ProblemKind::Type, position, at, message);
                continue;
            };
            match self.span(object, text, offsets, position) {
                Ok(span) => spans.push(span),
                Err((kind, message)) => self.problem(kind, position, at, message),
            }
        }
    }

    fn span(
        &mut self,
        object: Map<String, Value>,
        text: &str,
        offsets: &Offsets,
        position: Option<(usize, usize)>,
    ) -> Result<SpanAnn, (ProblemKind, String)> {
        let mut span = SpanAnn { position, ..SpanAnn::default() };
        let (mut start, mut end, mut label, mut quote) = (None, None, None, None);
        for (key, value) in object {
            match key.as_str() {
                "start" => start = records::offset(&value),
                "end" => end = records::offset(&value),
                "label" => label = records::label(value),
                "text" => quote = value.as_str().map(str::to_string),
                "id" => span.ids.extend(records::id(&value).map(Str::from)),
                // Token positions only place relations; the record's hash is the document's id.
                "token_start" | "token_end" | "input_hash" => {}
                _ => match records::attribute(&key, &value) {
                    Some(attribute) => span.attributes.push(attribute),
                    None if records::is_blank(&value) => {}
                    None => self.out.skip("span fields that are not text or numbers"),
                },
            }
        }
        let (Some(start), Some(end)) = (start, end) else {
            return Err((ProblemKind::Span, "start and end must both be non-negative integers".to_string()));
        };
        let range = records::span_range(offsets, start, end).map_err(|m| (ProblemKind::Span, m))?;
        check_quote(text, &range, quote.as_deref(), start, end)?;
        span.label = label.ok_or((ProblemKind::Type, "the span has no label".to_string()))?.into();
        span.fragments.push(range);
        Ok(span)
    }

    /// Entity linking: the accepted option ids on the record's one span.
    fn choice(&mut self, accept: Option<Value>, options: Option<Value>, spans: &mut [SpanAnn]) {
        let accepted: Vec<String> = match &accept {
            Some(Value::Array(ids)) => ids.iter().filter_map(records::id).collect(),
            _ => Vec::new(),
        };
        let options: Vec<(String, Option<String>)> = match &options {
            Some(Value::Array(options)) => options.iter().filter_map(option).collect(),
            _ => Vec::new(),
        };
        let unchosen = options.iter().filter(|(id, _)| !accepted.contains(id)).count();
        self.out.skip_n("options not chosen", unchosen);
        if accepted.is_empty() {
            return;
        }
        let [span] = spans else {
            self.out.skip_n("choices (text classification)", accepted.len());
            return;
        };
        for id in accepted {
            if id.starts_with("NIL") {
                span.attributes.push(Attribute { name: "kb_id".to_string(), value: Some(id) });
                continue;
            }
            let text = options.iter().find(|(o, _)| *o == id).and_then(|(_, text)| text.clone());
            span.references.push(Reference { kind: "kb_id".into(), target: id.into(), text: text.map(Into::into) });
        }
    }

    /// The tokens' character ranges, for relations given by token index.
    fn tokens(
        &mut self,
        tokens: Option<Value>,
        offsets: &Offsets,
        position: Option<(usize, usize)>,
        item: &str,
    ) -> Vec<Option<Range<usize>>> {
        let Some(Value::Array(tokens)) = tokens else { return Vec::new() };
        let mut ranges = Vec::with_capacity(tokens.len());
        for (i, token) in tokens.iter().enumerate() {
            let start = token.get("start").and_then(records::offset);
            let end = token.get("end").and_then(records::offset);
            let range = match (start, end) {
                (Some(s), Some(e)) => match offsets.range(s, e) {
                    Ok(r) => Some(r),
                    Err(message) => {
                        self.problem(ProblemKind::Span, position, format!("{item}, tokens[{i}]"), message);
                        None
                    }
                },
                _ => None,
            };
            ranges.push(range);
        }
        ranges
    }

    fn relations(
        &mut self,
        value: Value,
        tokens: &[Option<Range<usize>>],
        offsets: &Offsets,
        position: Option<(usize, usize)>,
        item: &str,
        doc: &mut Doc,
    ) {
        let Value::Array(relations) = value else {
            if !value.is_null() {
                let message = format!("\"relations\" is {}, not a list", records::type_name(&value));
                self.problem(ProblemKind::Type, position, item.to_string(), message);
            }
            return;
        };
        for (i, relation) in relations.into_iter().enumerate() {
            let at = format!("{item}, relations[{i}]");
            let Value::Object(mut relation) = relation else {
                self.problem(ProblemKind::Type, position, at, "a relation is an object".to_string());
                continue;
            };
            let Some(kind) = relation.remove("label").and_then(records::label) else {
                self.problem(ProblemKind::Type, position, at, "the relation has no label".to_string());
                continue;
            };
            let mut ends = [None, None];
            for (n, (token, span)) in [("head", "head_span"), ("child", "child_span")].into_iter().enumerate() {
                let token = relation.get(token).and_then(records::offset);
                match self.end(relation.get(span), token, tokens, offsets, doc, position) {
                    Ok(found) => ends[n] = found,
                    Err(message) => self.problem(ProblemKind::Span, position, format!("{at}, {span}"), message),
                }
            }
            let [Some(from), Some(to)] = ends else {
                self.out.skip("relations between tokens no labelled span covers");
                continue;
            };
            let mut link = Link { from, to, kind, position, ..Link::default() };
            for (key, value) in &relation {
                if !matches!(key.as_str(), "head" | "child" | "head_span" | "child_span" | "color") {
                    link.attributes.extend(records::attribute(key, value));
                }
            }
            doc.links.push(link);
        }
    }

    /// The span at one end of a relation: the one `head_span`/`child_span`
    /// gives (added if absent), else the labelled span covering the token.
    fn end(
        &mut self,
        span: Option<&Value>,
        token: Option<usize>,
        tokens: &[Option<Range<usize>>],
        offsets: &Offsets,
        doc: &mut Doc,
        position: Option<(usize, usize)>,
    ) -> Result<Option<usize>, String> {
        if let Some(Value::Object(span)) = span {
            let start = span.get("start").and_then(records::offset);
            let end = span.get("end").and_then(records::offset);
            let (Some(start), Some(end)) = (start, end) else {
                return Err("start and end must both be non-negative integers".to_string());
            };
            let range = records::span_range(offsets, start, end)?;
            let label = span.get("label").cloned().and_then(records::label);
            let same = |s: &SpanAnn| s.fragments.len() == 1 && s.fragments[0] == range;
            let found = doc
                .spans
                .iter()
                .position(|s| same(s) && label.as_ref().is_none_or(|l| *l == s.label))
                .or_else(|| doc.spans.iter().position(same));
            return Ok(match (found, label) {
                (Some(i), _) => Some(i),
                (None, Some(label)) => {
                    doc.spans.push(SpanAnn {
                        label: label.into(),
                        fragments: Fragments::from(range),
                        position,
                        ..SpanAnn::default()
                    });
                    Some(doc.spans.len() - 1)
                }
                (None, None) => None,
            });
        }
        let Some(token) = token else { return Err("neither a span nor a token index".to_string()) };
        let Some(Some(range)) = tokens.get(token) else {
            return Err(format!("token {token} is not among the record's tokens"));
        };
        let covers = |s: &SpanAnn| s.fragments.first().is_some_and(|f| f.start <= range.start && range.end <= f.end);
        Ok(doc.spans.iter().position(covers))
    }

    fn meta(&mut self, value: Value, doc: &mut Doc) {
        let Value::Object(fields) = value else {
            if !records::is_blank(&value) {
                self.out.skip("meta");
            }
            return;
        };
        for (key, value) in fields {
            if !records::is_blank(&value) && !records::doc_field(doc, &key, &value) {
                self.out.skip(&format!("meta field \"{key}\""));
            }
        }
    }
}

/// An option's id and its text (or its HTML's text).
fn option(option: &Value) -> Option<(String, Option<String>)> {
    let id = option.get("id").and_then(records::id)?;
    let text = match (option.get("text").and_then(Value::as_str), option.get("html").and_then(Value::as_str)) {
        (Some(text), _) => Some(text.to_string()),
        (None, Some(html)) => Some(html_text(html)),
        (None, None) => None,
    };
    Some((id, text))
}

/// The text of a bit of HTML: tags left out, the common entities decoded.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    for (entity, c) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
        if out.contains(entity) {
            out = out.replace(entity, c);
        }
    }
    out.trim().to_string()
}

/// The span's own `text`, when given, must be the text at its offsets.
pub(super) fn check_quote(
    text: &str,
    range: &Range<usize>,
    quote: Option<&str>,
    start: usize,
    end: usize,
) -> Result<(), (ProblemKind, String)> {
    match quote {
        Some(quote) if text.get(range.clone()) != Some(quote) => {
            let found = text.get(range.clone()).unwrap_or_default();
            let message = format!("the span's text \"{quote}\" is not the text at {start}..{end}, \"{found}\"");
            Err((ProblemKind::Span, message))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_options_read_as_their_text() {
        let html = "<a href='https://www.wikidata.org/wiki/Q1'>Q1: Kazakh poet &amp; writer</a>";
        assert_eq!(html_text(html), "Q1: Kazakh poet & writer");
    }
}
