//! The body: sentences, each a header (`#Text=` lines, several when the
//! sentence has line breaks; `#Sentence.id=`) and a row per token or
//! sub-token (`1-3` or `1-3.1`, `begin-end` in UTF-16 code units, the token,
//! then a cell per declared column). The document's text is rebuilt as the
//! tool rebuilds it: each sentence's text lines, each followed by a line
//! break, placed at its first token's offset (the previous sentence's last
//! line break dropped when the sentence starts right after it, spaces where
//! it starts later: the format does not hold what lies between sentences).
//! Every token is then checked against the text at its offsets.

use std::collections::HashMap;

use super::header::Schema;
use super::values::unescape_text;
use super::{column, quoted};
use crate::data::import::{Offsets, Unit as Counted};
use crate::data::load::{Problem, ProblemKind};

/// A token or sub-token row.
#[derive(Debug)]
pub(super) struct Unit<'a> {
    pub address: &'a str,
    /// UTF-16 offsets as written, then bytes once the text is known.
    pub begin: usize,
    pub end: usize,
    pub line: usize,
    /// Its cells are `Body::cells[at..at + columns]`.
    pub at: usize,
}

#[derive(Debug, Default)]
pub(super) struct Body<'a> {
    pub text: String,
    pub units: Vec<Unit<'a>>,
    pub cells: Vec<&'a str>,
    pub by_address: HashMap<&'a str, usize>,
    /// Whether spaces were put where the file holds nothing.
    pub padded: bool,
    pub first_line: Option<usize>,
    pub sentence_ids: usize,
    pub other_headers: usize,
}

impl<'a> Body<'a> {
    pub fn cells(&self, unit: &Unit) -> &[&'a str] {
        self.cells.get(unit.at..).unwrap_or(&[])
    }
}

pub(super) fn read<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
    input: &'a str,
    schema: &Schema,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Body<'a> {
    let ncols = schema.columns.len();
    let mut body = Body::default();
    let mut sentence = String::new();
    let mut header_line: Option<usize> = None;
    let mut in_tokens = false;
    let mut len16 = 0usize;
    let mut tokens: Vec<(usize, &'a str)> = Vec::new();
    let problem =
        |kind, line: usize, col: usize, message: String| Problem::new(kind, file, message).at(Some((line, col)));
    for (line, l) in lines {
        if l.is_empty() {
            in_tokens = false;
            continue;
        }
        if l.starts_with('#') {
            in_tokens = false;
            if let Some(text) = l.strip_prefix("#Text=") {
                header_line.get_or_insert(line);
                body.first_line.get_or_insert(line);
                sentence.push_str(&unescape_text(text, schema.minor <= 1));
                sentence.push('\n');
            } else if l.starts_with("#Sentence.id=") {
                body.sentence_ids += 1;
            } else {
                body.other_headers += 1;
            }
            continue;
        }
        let mut fields = l.split('\t');
        let (address, offsets, token) = (fields.next().unwrap_or(""), fields.next(), fields.next());
        let at = body.cells.len();
        body.cells.extend(fields.by_ref().take(ncols));
        let got = body.cells.len() - at;
        let (Some(offsets), Some(token)) = (offsets, token) else {
            body.cells.truncate(at);
            problems.push(problem(
                ProblemKind::Syntax,
                line,
                1,
                format!("a token row has the address, begin-end, the token and {ncols} columns; this is not one"),
            ));
            continue;
        };
        if got < ncols {
            body.cells.truncate(at);
            problems.push(problem(
                ProblemKind::Syntax,
                line,
                1,
                format!("{got} annotation columns where the header declares {ncols}"),
            ));
            continue;
        }
        if let Some(empty) = body.cells[at..].iter().position(|c| c.is_empty()) {
            let cell = body.cells[at + empty];
            body.cells.truncate(at);
            problems.push(problem(
                ProblemKind::Syntax,
                line,
                column(input, cell),
                format!("the cell of column {} is empty (a cell that holds nothing is _)", empty + 4),
            ));
            continue;
        }
        if let Some(extra) = fields.find(|f| !f.is_empty()) {
            problems.push(problem(
                ProblemKind::Syntax,
                line,
                column(input, extra),
                format!("{} is past the {ncols} columns the header declares", quoted(extra)),
            ));
        }
        let Some((begin, end)) = offsets.split_once('-').and_then(|(b, e)| Some((number(b)?, number(e)?))) else {
            problems.push(problem(
                ProblemKind::Syntax,
                line,
                column(input, offsets),
                format!("{} is not begin-end offsets", quoted(offsets)),
            ));
            continue;
        };
        if !is_address(address) {
            problems.push(problem(
                ProblemKind::Syntax,
                line,
                1,
                format!("{} is not a token address (sentence-token, or .n for a sub-token)", quoted(address)),
            ));
            continue;
        }
        if !in_tokens {
            let Some(header) = header_line.take() else {
                problems.push(problem(
                    ProblemKind::Syntax,
                    line,
                    1,
                    "a token row outside a sentence: a #Text= line should come before it".to_string(),
                ));
                continue;
            };
            if len16 > begin {
                if len16 == begin + 1 && body.text.ends_with('\n') {
                    body.text.pop();
                    len16 -= 1;
                } else {
                    problems.push(problem(
                        ProblemKind::Span,
                        line,
                        column(input, offsets),
                        format!(
                            "the sentence of line {header} starts at {begin}, inside the text before it ({} long)",
                            len16.saturating_sub(1)
                        ),
                    ));
                }
            }
            // A gap is what lay between sentences in the tool; one far
            // longer than the whole file is a wrong offset, not text to pad.
            if begin - len16.min(begin) > input.len().max(1 << 20) {
                problems.push(problem(
                    ProblemKind::Span,
                    line,
                    column(input, offsets),
                    format!(
                        "the sentence of line {header} starts at {begin}, far past the text before it ({len16} long)"
                    ),
                ));
            } else if len16 < begin {
                body.padded = true;
                body.text.extend(std::iter::repeat_n(' ', begin - len16));
                len16 = begin;
            }
            body.text.push_str(&sentence);
            len16 += sentence.encode_utf16().count();
            sentence.clear();
            in_tokens = true;
        }
        if body.by_address.insert(address, body.units.len()).is_some() {
            problems.push(problem(ProblemKind::DuplicateId, line, 1, format!("a second row {}", quoted(address))));
        }
        body.units.push(Unit { address, begin, end, line, at });
        tokens.push((body.units.len() - 1, token));
    }
    if let Some(line) = header_line {
        problems.push(problem(ProblemKind::Syntax, line, 1, "a sentence without token rows".to_string()));
    }
    to_bytes(&mut body, &tokens, input, schema.minor <= 1, file, problems);
    body
}

/// Turns every unit's offsets into bytes, checking its token against the text.
fn to_bytes(
    body: &mut Body,
    tokens: &[(usize, &str)],
    input: &str,
    java: bool,
    file: &str,
    problems: &mut Vec<Problem>,
) {
    let offsets = Offsets::new(&body.text, Counted::Utf16);
    for &(i, token) in tokens {
        let unit = &mut body.units[i];
        let at = Some((unit.line, column(input, token)));
        match offsets.range(unit.begin, unit.end) {
            Ok(range) => {
                let there = &body.text[range.clone()];
                if there != token && there != unescape_text(token, java) {
                    problems.push(
                        Problem::new(
                            ProblemKind::Span,
                            file,
                            format!(
                                "the token is {} but the text at {}-{} is {}",
                                quoted(token),
                                unit.begin,
                                unit.end,
                                quoted(there)
                            ),
                        )
                        .at(at)
                        .item(unit.address),
                    );
                }
                (unit.begin, unit.end) = (range.start, range.end);
            }
            Err(message) => {
                problems.push(Problem::new(ProblemKind::Span, file, message).at(at).item(unit.address));
            }
        }
    }
}

fn number(s: &str) -> Option<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) { None } else { s.parse().ok() }
}

/// `1-3` or `1-3.2`.
pub(super) fn is_address(s: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let Some((sentence, token)) = s.split_once('-') else { return false };
    let token = token.split_once('.').map_or(Some(token), |(t, sub)| digits(sub).then_some(t));
    digits(sentence) && token.is_some_and(digits)
}
