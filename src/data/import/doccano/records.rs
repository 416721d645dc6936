//! The JSON side shared by the readers of record-per-line formats (doccano,
//! Prodigy) and of JSON lists of records (spaCy's tuples and v2 format):
//! the file's records one at a time, each with its place in the file, and
//! what every such reader needs of them (offsets, labels, unique document
//! ids, repeated spans).
//!
//! Records are read as a stream of JSON values, so a ".jsonl" that is one
//! pretty-printed object, records spread over several lines, or a JSON list
//! of records all read; a top-level list is taken as a list of records, each
//! placed where it starts. A syntax error ends the reading there: the text
//! after it cannot be split into records with any confidence. A stretch of
//! the text can be read on its own, its records numbered and placed from
//! where it starts (a half of a file read on each core: doccano's
//! `halves`).

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Deserializer};
use serde_json::Value;
use serde_json::value::RawValue;

use crate::data::import::{Attribute, Doc, Input, Offsets, SpanAnn};
use crate::data::load::{Problem, ProblemKind};

/// One record of the file.
pub(crate) struct Record {
    pub value: Value,
    /// 1-based, in file order.
    pub index: usize,
    /// Line and column (in characters) where the record starts.
    pub position: (usize, usize),
}

impl Record {
    /// `record 3`, for messages.
    pub fn item(&self) -> String {
        format!("record {}", self.index)
    }
}

/// Calls `each` with every record of the text, in order. A syntax error is
/// pushed onto `problems` (with its line and column) and ends the reading;
/// an empty text is a problem too.
pub(crate) fn for_each_record(input: Input, problems: &mut Vec<Problem>, mut each: impl FnMut(Record)) {
    for_each_record_or(input, problems, |never: Never, _, _| match never {}, &mut each);
}

/// A record type no JSON is: for readers without a fast path.
pub(crate) enum Never {}

impl<'de> Deserialize<'de> for Never {
    fn deserialize<D: Deserializer<'de>>(_: D) -> Result<Never, D::Error> {
        Err(serde::de::Error::custom("no fast path"))
    }
}

/// [`for_each_record`] with a fast path: each record is first read as a
/// `T` (a reader's plain, common shape, borrowing from the text) and given
/// to `fast` with its index and position; a record that is not a `T` is
/// read again as a JSON value, whose every fault can be told, for `slow`.
pub(crate) fn for_each_record_or<'a, T: Deserialize<'a>>(
    input: Input<'a>,
    problems: &mut Vec<Problem>,
    fast: impl FnMut(T, usize, (usize, usize)),
    slow: impl FnMut(Record),
) {
    if skip_space(input.text, 0) == input.text.len() {
        problems.push(Problem::new(ProblemKind::Empty, input.name, "no records: the file is empty"));
        return;
    }
    for_each_record_in(input, Stretch::whole(input.text), problems, fast, slow);
}

/// A stretch of the text read on its own: `from..to`, starting on line
/// `line` after `index` records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Stretch {
    pub from: usize,
    pub to: usize,
    pub line: usize,
    pub index: usize,
}

impl Stretch {
    pub fn whole(text: &str) -> Stretch {
        Stretch { from: 0, to: text.len(), line: 1, index: 0 }
    }
}

/// [`for_each_record_or`] over a stretch of the text, whose records are
/// numbered and placed from the stretch's start; nothing is said of an
/// empty stretch. The number of records read when the stretch was read to
/// its end, `None` when a syntax error stopped the reading.
pub(crate) fn for_each_record_in<'a, T: Deserialize<'a>>(
    input: Input<'a>,
    stretch: Stretch,
    problems: &mut Vec<Problem>,
    mut fast: impl FnMut(T, usize, (usize, usize)),
    mut slow: impl FnMut(Record),
) -> Option<usize> {
    let text = input.text;
    let to = stretch.to.min(text.len());
    let mut lines = Lines::starting(text, stretch.from, stretch.line);
    let mut index = stretch.index;
    let mut pos = skip_space(&text[..to], stretch.from.min(to));
    while pos < to {
        // `pos` is where a value or blank space ended: a char boundary.
        let rest = text.get(pos..to)?;
        if rest.starts_with('[') {
            // A list of records: each element placed where it starts.
            let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Vec<&RawValue>>();
            match stream.next() {
                Some(Ok(items)) => {
                    for item in items {
                        let start = offset_in(text, item.get());
                        index += 1;
                        let position = lines.position(start);
                        // Objects only: serde would take a list for a struct too.
                        if item.get().starts_with('{') {
                            if let Ok(plain) = serde_json::from_str::<T>(item.get()) {
                                fast(plain, index, position);
                                continue;
                            }
                        }
                        match serde_json::from_str::<Value>(item.get()) {
                            Ok(value) => slow(Record { value, index, position }),
                            Err(e) => {
                                problems.push(syntax(input.name, text, start, &e, &mut lines));
                                return None;
                            }
                        }
                    }
                    pos += stream.byte_offset();
                }
                Some(Err(e)) => {
                    problems.push(syntax(input.name, text, pos, &e, &mut lines));
                    return None;
                }
                None => return Some(index - stretch.index),
            }
        } else {
            let mut plain = serde_json::Deserializer::from_str(rest).into_iter::<T>();
            if let Some(Ok(record)) = plain.next().filter(|_| rest.starts_with('{')) {
                index += 1;
                fast(record, index, lines.position(pos));
                pos += plain.byte_offset();
                pos = skip_space(&text[..to], pos);
                continue;
            }
            let mut stream = serde_json::Deserializer::from_str(rest).into_iter::<Value>();
            match stream.next() {
                Some(Ok(value)) => {
                    index += 1;
                    let position = lines.position(pos);
                    slow(Record { value, index, position });
                    pos += stream.byte_offset();
                }
                Some(Err(e)) => {
                    problems.push(syntax(input.name, text, pos, &e, &mut lines));
                    return None;
                }
                None => return Some(index - stretch.index),
            }
        }
        pos = skip_space(&text[..to], pos);
    }
    Some(index - stretch.index)
}

fn skip_space(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// Where `part`, a slice of `text`, starts in it.
fn offset_in(text: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len())
}

/// A syntax error of the JSON read from `start`, placed in the whole text.
fn syntax(file: &str, text: &str, start: usize, e: &serde_json::Error, lines: &mut Lines) -> Problem {
    let rest = &text[start..];
    // serde_json counts lines from the slice it was given and columns in bytes.
    let mut line_start = 0;
    if e.line() > 1 {
        line_start = memchr::memchr_iter(b'\n', rest.as_bytes()).nth(e.line() - 2).map_or(rest.len(), |i| i + 1);
    }
    let byte = start.saturating_add(line_start).saturating_add(e.column().saturating_sub(1)).min(text.len());
    let message = format!("{} (reading stops here)", without_position(&e.to_string()));
    Problem::new(ProblemKind::Syntax, file, message).at(Some(lines.position(byte)))
}

/// serde_json's message without its own "at line 1 column 5", which counts
/// from the record rather than the file.
fn without_position(message: &str) -> &str {
    message.rfind(" at line ").map_or(message, |i| &message[..i])
}

/// Line and column of byte offsets, counted on from the last one asked:
/// records are placed in order, so the file is scanned once.
pub(crate) struct Lines<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    line_start: usize,
    /// Where counting started: the start of line `start.1` at byte `start.0`.
    start: (usize, usize),
}

impl<'a> Lines<'a> {
    /// Counting from `byte`, the start of line `line`; nothing before it is
    /// asked.
    pub fn starting(text: &'a str, byte: usize, line: usize) -> Lines<'a> {
        let mut byte = byte.min(text.len());
        while !text.is_char_boundary(byte) {
            byte -= 1;
        }
        Lines { text, at: byte, line, line_start: byte, start: (byte, line) }
    }

    pub fn position(&mut self, byte: usize) -> (usize, usize) {
        let mut byte = byte.clamp(self.start.0, self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        if byte < self.at {
            *self = Lines::starting(self.text, self.start.0, self.start.1);
        }
        for i in memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.at..byte]) {
            self.line += 1;
            self.line_start = self.at + i + 1;
        }
        self.at = byte;
        (self.line, self.text[self.line_start..byte].chars().count() + 1)
    }
}

/// An offset as the file writes it: a non-negative integer.
pub(crate) fn offset(value: &Value) -> Option<usize> {
    value.as_u64().and_then(|n| usize::try_from(n).ok())
}

/// A label as written: a string, or a number (doccano 1.x label ids) as its digits.
pub(crate) fn label(value: Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An id as written: a string, or a number as its digits.
pub(crate) fn id(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A scalar field kept as an attribute's value (`user` → `1`).
pub(crate) fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Whether a value carries nothing (null, `[]`, `{}`, `""`): such fields are
/// not worth counting as not imported.
pub(crate) fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        Value::String(s) => s.is_empty(),
        _ => false,
    }
}

/// `JSON type` of a value, for messages.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// `start..end` in characters as a byte range of a non-empty span, or why not.
pub(crate) fn span_range(offsets: &Offsets, start: usize, end: usize) -> Result<Range<usize>, String> {
    not_empty(start, end)?;
    offsets.range(start, end)
}

/// Why `start..end` is no span, if it is empty.
pub(crate) fn not_empty(start: usize, end: usize) -> Result<(), String> {
    if start == end {
        return Err(format!("{start}..{end} is empty"));
    }
    Ok(())
}

/// A metadata field that fits a document's own fields (title, url, ...);
/// false when it does not, so the caller counts it as not imported.
pub(crate) fn doc_field(doc: &mut Doc, key: &str, value: &Value) -> bool {
    let Value::String(s) = value else { return false };
    let slot = match key {
        "title" => &mut doc.title,
        "url" => &mut doc.url,
        "source" => &mut doc.source,
        "published" | "date" => &mut doc.published,
        "language" | "lang" => &mut doc.language,
        _ => return false,
    };
    if slot.is_some() {
        return false;
    }
    *slot = Some(s.clone());
    true
}

/// Gives each document its id: the file's own when present and used by no
/// other record, else `line-N` (the record's line, made unique if several
/// records share a line). A reused id is a warning naming its records.
/// `ids[i]` is the file's id of `docs[i]`.
pub(crate) fn assign_ids(
    docs: &mut [Doc],
    ids: Vec<Option<String>>,
    what: &str,
    file: &str,
    warnings: &mut Vec<Problem>,
) {
    let mut uses: HashMap<&str, Vec<usize>> = HashMap::with_capacity(ids.len());
    for (i, id) in ids.iter().enumerate() {
        if let Some(id) = id {
            uses.entry(id.as_str()).or_default().push(i);
        }
    }
    let mut reused: Vec<(&str, &Vec<usize>)> = uses.iter().filter(|(_, v)| v.len() > 1).map(|(k, v)| (*k, v)).collect();
    reused.sort_by_key(|(_, v)| v[0]);
    for (id, at) in &reused {
        let lines: Vec<String> = at.iter().map(|&i| line_of(&docs[i]).to_string()).collect();
        let message = format!(
            "{what} \"{id}\" is used by the records at lines {}: they are named by their line (line-N) instead",
            lines.join(", ")
        );
        warnings.push(Problem::new(ProblemKind::DuplicateId, file, message).at(docs[at[0]].position));
    }
    let mut taken: std::collections::HashSet<String> =
        ids.iter().flatten().filter(|id| uses.get(id.as_str()).is_some_and(|v| v.len() == 1)).cloned().collect();
    for (doc, id) in docs.iter_mut().zip(ids.iter()) {
        if let Some(id) = id.as_ref().filter(|id| uses.get(id.as_str()).is_some_and(|v| v.len() == 1)) {
            doc.id = id.clone();
            continue;
        }
        let base = format!("line-{}", line_of(doc));
        let mut name = base.clone();
        let mut n = 1;
        while taken.contains(&name) {
            n += 1;
            name = format!("{base}-{n}");
        }
        taken.insert(name.clone());
        doc.id = name;
    }
}

fn line_of(doc: &Doc) -> usize {
    doc.position.map_or(0, |p| p.0)
}

/// Makes one span of spans with the same label and fragments, keeping every
/// id and attribute of each; a warning per document says how many were
/// repeated. Returns, for each original index, where that span now is.
pub(crate) fn merge_repeated(
    spans: &mut Vec<SpanAnn>,
    file: &str,
    item: &str,
    position: Option<(usize, usize)>,
    warnings: &mut Vec<Problem>,
) -> Option<Vec<usize>> {
    if spans.len() < 2 {
        return None;
    }
    // Spans in increasing order (the usual case) cannot repeat one another,
    // nor can spans that start or end apart (mentions in order, then
    // claims, say).
    let key = |s: &SpanAnn| s.fragments.first().map(|f| (f.start, f.end));
    if spans.windows(2).all(|w| key(&w[0]) < key(&w[1])) {
        return None;
    }
    let mut keys: Vec<_> = spans.iter().map(key).collect();
    keys.sort_unstable();
    if keys.windows(2).all(|w| w[0] != w[1]) {
        return None;
    }
    drop(keys);
    let mut first: HashMap<(&str, &[Range<usize>]), usize> = HashMap::with_capacity(spans.len());
    let mut target = Vec::with_capacity(spans.len());
    let mut repeated = 0;
    for (i, s) in spans.iter().enumerate() {
        let at = *first.entry((s.label.as_str(), s.fragments.as_slice())).or_insert(i);
        if at != i {
            repeated += 1;
        }
        target.push(at);
    }
    drop(first);
    if repeated == 0 {
        return None;
    }
    let mut kept: Vec<SpanAnn> = Vec::with_capacity(spans.len() - repeated);
    let mut new_index = vec![0; spans.len()];
    for (i, span) in std::mem::take(spans).into_iter().enumerate() {
        if target[i] == i {
            new_index[i] = kept.len();
            kept.push(span);
        } else {
            let into = &mut kept[new_index[target[i]]];
            new_index[i] = new_index[target[i]];
            absorb(into, span);
        }
    }
    *spans = kept;
    let message = format!("{repeated} span(s) repeat another with the same label and offsets: each is read once");
    warnings.push(Problem::new(ProblemKind::Span, file, message).at(position).item(item.to_string()));
    Some(new_index)
}

fn absorb(into: &mut SpanAnn, from: SpanAnn) {
    for id in from.ids {
        if !into.ids.contains(&id) {
            into.ids.push(id);
        }
    }
    for a in from.attributes {
        if !into.attributes.contains(&a) {
            into.attributes.push(a);
        }
    }
    for r in from.references {
        if !into.references.contains(&r) {
            into.references.push(r);
        }
    }
    for n in from.notes {
        if !into.notes.contains(&n) {
            into.notes.push(n);
        }
    }
    for k in from.same_as {
        if !into.same_as.contains(&k) {
            into.same_as.push(k);
        }
    }
}

/// An attribute from a span's own scalar field (`user: 1` → `user=1`).
pub(crate) fn attribute(name: &str, value: &Value) -> Option<Attribute> {
    scalar(value).map(|v| Attribute { name: name.to_string(), value: Some(v) })
}

/// `[start, end, "LABEL"]` as a byte range and a label, or what is wrong.
pub(crate) fn triple(triple: Vec<Value>, offsets: &Offsets) -> Result<(Range<usize>, String), (ProblemKind, String)> {
    let [start, end, label]: [Value; 3] = triple.try_into().map_err(|parts: Vec<Value>| {
        let message = format!("a list of {} values is not a span: expected [start, end, label]", parts.len());
        (ProblemKind::Type, message)
    })?;
    let (Some(s), Some(e)) = (offset(&start), offset(&end)) else {
        return Err((ProblemKind::Span, format!("offsets {start}, {end} are not both non-negative integers")));
    };
    let label = self::label(label).ok_or((ProblemKind::Type, "the label is not a string or a number".to_string()))?;
    let range = span_range(offsets, s, e).map_err(|m| (ProblemKind::Span, m))?;
    Ok((range, label))
}

/// Versions of a fixture cut short, with one character dropped, or with one
/// number, bracket or quote changed: what the readers' no-panic tests feed
/// them.
#[cfg(test)]
pub(crate) fn mangled(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        out.push(text[..i].to_string());
        out.push(format!("{}{}", &text[..i], &text[i + c.len_utf8()..]));
    }
    let swaps = [
        ("0", "18446744073709551616"),
        ("1", "-1"),
        ("2", "2.5"),
        ("3", "300"),
        ("\"", "'"),
        ("[", "{"),
        ("]", "}"),
        ("{", "["),
        (":", ","),
        ("a", "é😀"),
        ("-", "I-"),
        ("B-", "L-"),
    ];
    for (from, to) in swaps {
        for (at, _) in text.match_indices(from) {
            out.push(format!("{}{to}{}", &text[..at], &text[at + from.len()..]));
        }
    }
    out
}
