//! spaCy v2's JSON training format (`spacy convert` and `docs_to_json`):
//! `[{"id", "paragraphs": [{"raw"?, "sentences": [{"tokens": [{"orth",
//! "ner", ...}], "brackets"?}]}]}]`. One document per `id` (the file's id
//! when no other document has it, else `line-N`), its paragraphs joined by
//! a blank line.
//!
//! Entities come from the tokens' BILUO `ner` tags (`U-PER`, `B-ORG` ..
//! `L-ORG`; BIOES's `S-`/`E-` are taken as `U-`/`L-`; `O` outside, `-` or
//! no tag unknown). With `raw`, each token is found in it in order, only
//! whitespace between them; Penn Treebank's quote and bracket tokens (two
//! backquotes, `''`, `-LRB-`) match the characters they stand for. Without
//! `raw` the text is rebuilt from the tokens — joined by each token's
//! `space` (or `whitespace`, `ws`) when given, else by a space, one sentence
//! per line — and the document's note says so.
//!
//! Counted as not imported: POS tags, lemmas and morphology, dependency
//! arcs (`head`/`dep`), brackets, `cats`, entity links, and a paragraph's
//! `entities` list when its tokens carry the same entities as tags.
//! Errors: a token not found in `raw`, and tag sequences that are not BILUO
//! (an `I-` or `L-` that opens nothing, a `B-` never closed).

use std::ops::Range;

use serde_json::{Map, Value};

use crate::data::import::doccano::records::{self, Record};
use crate::data::import::{Doc, Fragments, Imported, Input, Offsets, ReadResult, SpanAnn, Unit};
use crate::data::load::{Problem, ProblemKind};

const SHAPE: &str = "expected a JSON object per document with \"id\" and \"paragraphs\" (spaCy v2 JSON)";

const REBUILT: &str = "text rebuilt from the tokens (spaCy v2 JSON without \"raw\"): tokens joined by their \
                       whitespace or a space, one sentence per line";

/// Reads a spaCy v2 JSON training file.
pub fn read_v2(input: Input) -> ReadResult {
    let mut out = Imported::default();
    let mut problems = Vec::new();
    let mut syntax = Vec::new();
    let mut ids = Vec::new();
    records::for_each_record(input, &mut syntax, |record| {
        let mut reader = V2 { file: input.name, out: &mut out, problems: &mut problems };
        if let Some((doc, id)) = reader.record(record) {
            out.documents.push(doc);
            ids.push(id);
        }
    });
    problems.append(&mut syntax);
    if !problems.is_empty() {
        return Err(problems);
    }
    records::assign_ids(&mut out.documents, ids, "id", input.name, &mut out.warnings);
    Ok(out)
}

struct V2<'a> {
    file: &'a str,
    out: &'a mut Imported,
    problems: &'a mut Vec<Problem>,
}

/// A token as read: its text, what follows it, its tag.
struct Token {
    orth: String,
    space: Option<String>,
    ner: Option<String>,
    last_of_sentence: bool,
}

impl V2<'_> {
    fn problem(&mut self, kind: ProblemKind, position: Option<(usize, usize)>, item: String, message: String) {
        self.problems.push(Problem::new(kind, self.file, message).at(position).item(item));
    }

    fn record(&mut self, record: Record) -> Option<(Doc, Option<String>)> {
        let position = Some(record.position);
        let item = record.item();
        let mut map = match record.value {
            Value::Object(map) if map.contains_key("paragraphs") => map,
            other => {
                let found = match &other {
                    Value::Object(map) => {
                        let fields: Vec<&str> = map.keys().map(String::as_str).take(5).collect();
                        format!("an object with fields {}", fields.join(", "))
                    }
                    other => records::type_name(other).to_string(),
                };
                self.problem(ProblemKind::Type, position, item, format!("{SHAPE}; found {found}"));
                return None;
            }
        };
        let id = map.remove("id").as_ref().and_then(records::id);
        let Some(Value::Array(paragraphs)) = map.remove("paragraphs") else {
            self.problem(ProblemKind::Type, position, item, format!("{SHAPE}; \"paragraphs\" is not a list"));
            return None;
        };
        for (key, value) in &map {
            if !records::is_blank(value) {
                self.out.skip(&format!("field \"{key}\""));
            }
        }
        let mut doc = Doc { position, ..Doc::default() };
        let before = self.problems.len();
        for (p, paragraph) in paragraphs.into_iter().enumerate() {
            let at = format!("{item}, paragraph {}", p + 1);
            let Value::Object(paragraph) = paragraph else {
                self.problem(
                    ProblemKind::Type,
                    position,
                    at,
                    "a paragraph is an object with \"sentences\"".to_string(),
                );
                continue;
            };
            if p > 0 {
                doc.text.push_str("\n\n");
            }
            self.paragraph(paragraph, &mut doc, &at);
        }
        (self.problems.len() == before).then_some((doc, id))
    }

    fn paragraph(&mut self, mut paragraph: Map<String, Value>, doc: &mut Doc, at: &str) {
        let position = doc.position;
        let raw = match paragraph.remove("raw") {
            Some(Value::String(raw)) => Some(raw),
            None | Some(Value::Null) => None,
            Some(other) => {
                let message = format!("\"raw\" is {}, not the text", records::type_name(&other));
                self.problem(ProblemKind::Type, position, at.to_string(), message);
                return;
            }
        };
        let tokens = match paragraph.remove("sentences") {
            Some(Value::Array(sentences)) => self.tokens(sentences, position, at),
            None | Some(Value::Null) => Vec::new(),
            Some(other) => {
                let message = format!("\"sentences\" is {}, not a list", records::type_name(&other));
                self.problem(ProblemKind::Type, position, at.to_string(), message);
                return;
            }
        };
        let base = doc.text.len();
        let ranges = match &raw {
            Some(raw) => {
                doc.text.push_str(raw);
                match place(raw, &tokens) {
                    Ok(ranges) => ranges.into_iter().map(|r| r.start + base..r.end + base).collect(),
                    Err((i, found)) => {
                        let message = format!(
                            "token \"{}\" is not the next word of \"raw\" (found \"{found}\"): the tokens must be \
                             the raw text's, in order",
                            tokens[i].orth
                        );
                        self.problem(ProblemKind::Span, position, format!("{at}, token {i}"), message);
                        return;
                    }
                }
            }
            None => {
                doc.note = Some(REBUILT.to_string());
                rebuild(&tokens, &mut doc.text)
            }
        };
        let tagged = tokens.iter().any(|t| t.ner.is_some());
        self.biluo(&tokens, &ranges, doc, at);
        for (key, value) in paragraph {
            if records::is_blank(&value) {
                continue;
            }
            let n = value.as_array().map_or(1, Vec::len);
            match key.as_str() {
                "cats" => self.out.skip_n("document categories (cats)", n),
                "links" => self.out.skip_n("entity links", n),
                "entities" if tagged => self.out.skip_n("paragraph entities (the tokens' tags were read)", n),
                "entities" => {
                    let Value::Array(entities) = value else { continue };
                    let offsets = Offsets::new(&doc.text[base..], Unit::Chars);
                    for (i, entity) in entities.into_iter().enumerate() {
                        let Value::Array(triple) = entity else {
                            let message = "an entity is [start, end, label]".to_string();
                            self.problem(ProblemKind::Type, position, format!("{at}, entities[{i}]"), message);
                            continue;
                        };
                        match records::triple(triple, &offsets) {
                            Ok((r, label)) => {
                                let fragment = r.start + base..r.end + base;
                                doc.spans.push(SpanAnn {
                                    label: label.into(),
                                    fragments: Fragments::from(fragment),
                                    position,
                                    ..SpanAnn::default()
                                })
                            }
                            Err((kind, message)) => {
                                self.problem(kind, position, format!("{at}, entities[{i}]"), message)
                            }
                        }
                    }
                }
                _ => self.out.skip(&format!("paragraph field \"{key}\"")),
            }
        }
    }

    /// Every token of the paragraph's sentences, counting what is not imported.
    fn tokens(&mut self, sentences: Vec<Value>, position: Option<(usize, usize)>, at: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        for (s, sentence) in sentences.into_iter().enumerate() {
            let Value::Object(mut sentence) = sentence else {
                let message = "a sentence is an object with \"tokens\"".to_string();
                self.problem(ProblemKind::Type, position, format!("{at}, sentence {}", s + 1), message);
                continue;
            };
            if let Some(Value::Array(brackets)) = sentence.remove("brackets") {
                self.out.skip_n("brackets", brackets.len());
            }
            let Some(Value::Array(list)) = sentence.remove("tokens") else { continue };
            let first = tokens.len();
            for token in list {
                let Value::Object(mut token) = token else {
                    let message = "a token is an object with \"orth\"".to_string();
                    self.problem(ProblemKind::Type, position, format!("{at}, token {}", tokens.len()), message);
                    continue;
                };
                let Some(Value::String(orth)) = token.remove("orth") else {
                    let message = "the token has no \"orth\"".to_string();
                    self.problem(ProblemKind::Type, position, format!("{at}, token {}", tokens.len()), message);
                    continue;
                };
                let space = ["space", "whitespace", "ws"].iter().find_map(|k| match token.remove(*k) {
                    Some(Value::String(s)) => Some(s),
                    Some(Value::Bool(b)) => Some(if b { " " } else { "" }.to_string()),
                    _ => None,
                });
                let ner = match token.remove("ner") {
                    Some(Value::String(tag)) if !tag.is_empty() && tag != "-" => Some(tag),
                    _ => None,
                };
                if token.contains_key("head") || token.contains_key("dep") {
                    self.out.skip("dependency arcs");
                }
                for (key, what) in
                    [("tag", "POS tags"), ("pos", "POS tags"), ("lemma", "lemmas"), ("morph", "morphology")]
                {
                    if token.get(key).is_some_and(|v| !records::is_blank(v)) {
                        self.out.skip(what);
                    }
                }
                tokens.push(Token { orth, space, ner, last_of_sentence: false });
            }
            if tokens.len() > first {
                if let Some(last) = tokens.last_mut() {
                    last.last_of_sentence = true;
                }
            }
        }
        tokens
    }

    /// BILUO tags → spans over the tokens' byte ranges.
    fn biluo(&mut self, tokens: &[Token], ranges: &[Range<usize>], doc: &mut Doc, at: &str) {
        let position = doc.position;
        let mut open: Option<(usize, &str)> = None;
        for (i, token) in tokens.iter().enumerate() {
            let (prefix, label) = match token.ner.as_deref() {
                None | Some("O") => ("O", ""),
                Some(tag) => match tag.split_once('-') {
                    Some((p @ ("B" | "I" | "L" | "U" | "E" | "S"), label)) if !label.is_empty() => (p, label),
                    _ => {
                        let message = format!("\"{tag}\" is not a BILUO tag (U-, B-, I-, L- and a label, or O)");
                        self.problem(ProblemKind::Value, position, format!("{at}, token {i}"), message);
                        open = None;
                        continue;
                    }
                },
            };
            let file = self.file;
            let fail = |problems: &mut Vec<Problem>, message: String| {
                let problem = Problem::new(ProblemKind::Value, file, message).at(position);
                problems.push(problem.item(format!("{at}, token {i}")));
            };
            // Tokens with no text make no span.
            let push = |problems: &mut Vec<Problem>, doc: &mut Doc, fragment: Range<usize>, label: &str| {
                if fragment.is_empty() {
                    fail(problems, "the entity's tokens have no text".to_string());
                } else {
                    let label = label.to_string();
                    doc.spans.push(SpanAnn {
                        label: label.into(),
                        fragments: Fragments::from(fragment),
                        position,
                        ..SpanAnn::default()
                    });
                }
            };
            match (open, prefix) {
                (Some((_, l)), "I") if l == label => {}
                (Some((start, l)), "L" | "E") if l == label => {
                    push(self.problems, doc, ranges[start].start..ranges[i].end, label);
                    open = None;
                }
                (Some((_, l)), _) => {
                    let tag = token.ner.as_deref().unwrap_or("O");
                    fail(
                        self.problems,
                        format!("B-{l} is not closed by L-{l} before \"{tag}\" (IOB tags? this format uses BILUO)"),
                    );
                    open = None;
                }
                (None, "B") => open = Some((i, label)),
                (None, "U" | "S") => push(self.problems, doc, ranges[i].clone(), label),
                (None, "O") => {}
                (None, p) => {
                    fail(self.problems, format!("{p}-{label} opens no entity (a BILUO entity starts with B- or U-)"))
                }
            }
        }
        if let Some((_, l)) = open {
            let message = format!("B-{l} is not closed by L-{l} before the paragraph ends");
            self.problem(ProblemKind::Value, position, at.to_string(), message);
        }
    }
}

/// Finds each token in `raw`, in order: the byte range of each, or the
/// index of the first one not found and what stands there instead.
fn place(raw: &str, tokens: &[Token]) -> Result<Vec<Range<usize>>, (usize, String)> {
    let mut ranges = Vec::with_capacity(tokens.len());
    let mut at = 0;
    for (i, token) in tokens.iter().enumerate() {
        // A whitespace token (spaCy keeps runs of spaces as tokens) is taken
        // where it stands; any other token after the whitespace before it.
        if !raw[at..].starts_with(token.orth.as_str()) {
            at += raw[at..].len() - raw[at..].trim_start().len();
        }
        let rest = &raw[at..];
        let len = std::iter::once(token.orth.as_str())
            .chain(ptb(&token.orth).iter().copied())
            .find(|form| rest.starts_with(form))
            .map(str::len);
        let Some(len) = len else {
            let found: String = rest.chars().take(token.orth.chars().count().max(1)).collect();
            return Err((i, found));
        };
        ranges.push(at..at + len);
        at += len;
    }
    Ok(ranges)
}

/// What a Penn Treebank token may stand for in the raw text.
fn ptb(orth: &str) -> &'static [&'static str] {
    match orth {
        "``" => &["\"", "\u{201c}", "\u{201e}"],
        "''" => &["\"", "\u{201d}"],
        "`" => &["'", "\u{2018}"],
        "'" => &["\u{2019}"],
        "-LRB-" => &["("],
        "-RRB-" => &[")"],
        "-LSB-" => &["["],
        "-RSB-" => &["]"],
        "-LCB-" => &["{"],
        "-RCB-" => &["}"],
        _ => &[],
    }
}

/// Appends the text the tokens make, returning each token's byte range.
fn rebuild(tokens: &[Token], text: &mut String) -> Vec<Range<usize>> {
    let mut ranges = Vec::with_capacity(tokens.len());
    for (i, token) in tokens.iter().enumerate() {
        let start = text.len();
        text.push_str(&token.orth);
        ranges.push(start..text.len());
        if i + 1 == tokens.len() {
            break;
        }
        if token.last_of_sentence {
            text.push('\n');
        } else {
            text.push_str(token.space.as_deref().unwrap_or(" "));
        }
    }
    ranges
}
