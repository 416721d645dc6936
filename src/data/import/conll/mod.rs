//! CoNLL / IOB token files: what an NER pipeline or a shared task writes.
//!
//! Read: a token per line (2 to 4 or more columns, split on tabs or spaces,
//! a blank line between sentences, `-DOCSTART-` lines between documents,
//! `#` comment lines as GermEval 2014 writes before each sentence) or a
//! sentence per line (`token|POS|tag` items), see [`table`]. The token is
//! the first column, or the second after a column that numbers the tokens
//! of each sentence (GermEval). The last column holds tags, and so does any
//! other column in which every value is a tag ([`tags::parse`]): a column
//! whose types are all phrase types (`NP`, `VP`, ...) holds chunks and is
//! counted as "chunk tags"; every other is imported, GermEval's nested
//! entities too, each span with an attribute `column` (its 1-based column)
//! when more than one column is. IOB1, IOB2, BIOES and BILUO are told
//! apart per column ([`tags::Evidence`]); an inconsistent sequence is a
//! warning with file:line:column, decoded as conlleval does.
//!
//! Not held by these files: the text. It is rebuilt from the tokens, one
//! sentence per line, tokens separated by one space, and each document's
//! note says so ([`NOTE`]); comment lines follow in the note, as written.
//! Spans are byte ranges of that text. POS tags (the column after the
//! token) and any other column are counted as not imported, not dropped;
//! the token-number column and `_` columns hold nothing to import. No span
//! has an id, since the format gives none.
//!
//! Documents are `<stem>-1`, `<stem>-2`... when the file has `-DOCSTART-`
//! lines (a part before the first one, if it has tokens, is the first), or
//! the one document `<stem>`. A `-DOCSTART-` with no tokens after it is
//! skipped with a warning.

mod table;
mod tags;

use std::ops::Range;

use thin_vec::{ThinVec, thin_vec};

use super::ir::{Attribute, Doc, Imported, SpanAnn};
use super::{Input, ReadResult};
use crate::data::load::{Problem, ProblemKind};
use table::{Row, Table, column};
use tags::{Decoded, Evidence, Oddity, Scheme, Tag};

/// The note every document read from these files carries.
pub const NOTE: &str = "text rebuilt from tokens: one sentence per line, tokens separated by spaces";

/// The label of a span tagged with a bare prefix (`B`, `I`), which has no type.
pub const UNTYPED: &str = "span";

/// Phrase types: a tag column of these alone holds chunks, not entities.
const CHUNK_TYPES: [&str; 11] = ["NP", "VP", "PP", "ADJP", "ADVP", "SBAR", "PRT", "INTJ", "CONJP", "LST", "UCP"];

/// Reads one CoNLL / IOB file; `stem` names its documents.
pub fn read(input: Input, stem: &str) -> ReadResult {
    let file = input.name;
    let mut problems = Vec::new();
    let mut table = table::lex(input.text, file, &mut problems);
    if table.ncols == 0 {
        return Err(vec![Problem::new(
            ProblemKind::Empty,
            file,
            "no tokens: a CoNLL/IOB file has a token and its tag on each line",
        )]);
    }
    match classify(&table, input.text, file) {
        Ok(columns) if problems.is_empty() => {
            let tag_cols: Vec<usize> = columns.entities.iter().chain(&columns.chunks).copied().collect();
            table.resolve_hashes(&tag_cols);
            build(&table, &columns, input.text, file, stem)
        }
        Ok(_) => Err(problems),
        Err(more) => {
            problems.extend(more);
            Err(problems)
        }
    }
}

/// What each column holds.
#[derive(Debug)]
struct Columns {
    token: usize,
    /// Tag columns imported as spans.
    entities: Vec<usize>,
    /// Tag columns of phrase types.
    chunks: Vec<usize>,
    /// Columns of anything else, counted as not imported.
    other: Vec<usize>,
}

fn classify(table: &Table, text: &str, file: &str) -> Result<Columns, Vec<Problem>> {
    let n = table.ncols;
    let at = |line: usize, cell: &str| Some((line, column(text, cell)));
    if n < 2 {
        let cell = table.token_rows().next().map_or("", |(_, c)| c[0]);
        return Err(vec![
            Problem::new(
                ProblemKind::Syntax,
                file,
                "one column only: a CoNLL/IOB file has a token and a tag on each line",
            )
            .at(at(table.first_line, cell)),
        ]);
    }
    let last = n - 1;
    let bad: Vec<(usize, &str)> =
        table.token_rows().map(|(line, c)| (line, c[last])).filter(|(_, c)| tags::parse(c).is_none()).collect();
    if !bad.is_empty() {
        let rows = table.token_rows().count();
        if bad.len() == rows {
            let (line, cell) = bad[0];
            return Err(vec![
                Problem::new(
                    ProblemKind::Syntax,
                    file,
                    format!(
                        "no IOB tags: the last column should hold O, B-TYPE, I-TYPE... but holds {}; \
                         is this a CoNLL/IOB file?",
                        quoted(cell)
                    ),
                )
                .at(at(line, cell)),
            ]);
        }
        return Err(bad
            .into_iter()
            .map(|(line, cell)| {
                Problem::new(
                    ProblemKind::Value,
                    file,
                    format!("{} is not an IOB tag (O, or B-, I-, E-, S-, L-, U- and a type)", quoted(cell)),
                )
                .at(at(line, cell))
                .item(format!("column {n}"))
            })
            .collect());
    }
    let token = usize::from(n >= 3 && numbers_tokens(table));
    let empty: Vec<Problem> = table
        .token_rows()
        .filter(|(_, c)| c[token].is_empty())
        .map(|(line, c)| {
            Problem::new(ProblemKind::Syntax, file, "empty token")
                .at(at(line, c[token]))
                .item(format!("column {}", token + 1))
        })
        .collect();
    if !empty.is_empty() {
        return Err(empty);
    }
    let mut columns = Columns { token, entities: Vec::new(), chunks: Vec::new(), other: Vec::new() };
    for j in token + 1..n {
        let all_tags = j == last || table.token_rows().all(|(_, c)| tags::parse(c[j]).is_some());
        if all_tags {
            let mut types = table.token_rows().filter_map(|(_, c)| match tags::parse(c[j]) {
                Some(Tag::Inside(_, ty)) => Some(ty),
                _ => None,
            });
            let chunks =
                types.next().is_some_and(|ty| CHUNK_TYPES.contains(&ty)) && types.all(|ty| CHUNK_TYPES.contains(&ty));
            if chunks { columns.chunks.push(j) } else { columns.entities.push(j) }
        } else if table.token_rows().any(|(_, c)| c[j] != "_") {
            columns.other.push(j);
        }
    }
    Ok(columns)
}

/// Whether the first column numbers the tokens of each sentence from 1.
fn numbers_tokens(table: &Table) -> bool {
    let mut position = 0usize;
    let mut any = false;
    for row in &table.rows {
        match *row {
            Row::Token { at, .. } => {
                position += 1;
                any = true;
                if table.cells(at).first().and_then(|c| c.parse::<usize>().ok()) != Some(position) {
                    return false;
                }
            }
            Row::Break | Row::DocStart { .. } => position = 0,
            Row::Hash { .. } => {}
        }
    }
    any
}

/// A document as the rows lay it out: its sentences (token ranges into the
/// file's tokens) and its comments.
#[derive(Debug, Default)]
struct Part<'a> {
    line: usize,
    sentences: Vec<Range<usize>>,
    comments: Vec<&'a str>,
}

/// The file's tokens (line, first cell) and its documents.
fn parts<'a>(table: &Table<'a>, file: &str, warnings: &mut Vec<Problem>) -> (Vec<(usize, usize)>, Vec<Part<'a>>) {
    let mut tokens = Vec::new();
    let mut parts = Vec::new();
    let mut part = Part::default();
    let mut sentence: Option<usize> = None;
    let mut docstart: Option<usize> = None;
    let close = |sentence: &mut Option<usize>, part: &mut Part<'a>, end: usize| {
        if let Some(start) = sentence.take() {
            part.sentences.push(start..end);
        }
    };
    for row in &table.rows {
        match *row {
            Row::Token { line, at } => {
                if sentence.is_none() {
                    sentence = Some(tokens.len());
                    if part.sentences.is_empty() && docstart.is_none() && part.line == 0 {
                        part.line = line;
                    }
                }
                tokens.push((line, at));
            }
            Row::Break => close(&mut sentence, &mut part, tokens.len()),
            Row::Hash { text, .. } => part.comments.push(text),
            Row::DocStart { line } => {
                close(&mut sentence, &mut part, tokens.len());
                let comments = finish(&mut parts, std::mem::take(&mut part), docstart, file, warnings);
                part = Part { line, comments, ..Part::default() };
                docstart = Some(line);
            }
        }
    }
    close(&mut sentence, &mut part, tokens.len());
    let leftover = finish(&mut parts, part, docstart, file, warnings);
    if let Some(last) = parts.last_mut() {
        last.comments.extend(leftover);
    }
    (tokens, parts)
}

/// Keeps a part with tokens; hands back the comments of one without, for
/// the next.
fn finish<'a>(
    parts: &mut Vec<Part<'a>>,
    part: Part<'a>,
    docstart: Option<usize>,
    file: &str,
    warnings: &mut Vec<Problem>,
) -> Vec<&'a str> {
    if !part.sentences.is_empty() {
        parts.push(part);
        return Vec::new();
    }
    if let Some(line) = docstart {
        warnings.push(
            Problem::new(ProblemKind::Empty, file, "-DOCSTART- is followed by no tokens: no document here")
                .at(Some((line, 1))),
        );
    }
    part.comments
}

fn build(table: &Table, columns: &Columns, text: &str, file: &str, stem: &str) -> ReadResult {
    let mut imported = Imported::default();
    count_skipped(table, columns, &mut imported);
    let (tokens, parts) = parts(table, file, &mut imported.warnings);
    if parts.is_empty() {
        return Err(vec![Problem::new(ProblemKind::Empty, file, "no tokens")]);
    }
    let schemes: Vec<Scheme> = columns
        .entities
        .iter()
        .map(|&j| {
            let mut evidence = Evidence::default();
            for part in &parts {
                for s in &part.sentences {
                    evidence.add(tokens[s.clone()].iter().map(|&(_, at)| table.cells(at)[j]));
                }
            }
            evidence.scheme()
        })
        .collect();
    let numbered = table.rows.iter().any(|r| matches!(r, Row::DocStart { .. }));
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let (mut decoded, mut odd) = (Vec::new(), Vec::new());
    for (n, part) in parts.iter().enumerate() {
        let mut doc = Doc {
            id: if numbered { format!("{stem}-{}", n + 1) } else { stem.to_string() },
            position: Some((part.line, 1)),
            ..Doc::default()
        };
        ranges.clear();
        for (i, s) in part.sentences.iter().enumerate() {
            if i > 0 {
                doc.text.push('\n');
            }
            for (k, &(_, at)) in tokens[s.clone()].iter().enumerate() {
                if k > 0 {
                    doc.text.push(' ');
                }
                let start = doc.text.len();
                doc.text.push_str(table.cells(at)[columns.token]);
                ranges.push(start..doc.text.len());
            }
        }
        let mut note = NOTE.to_string();
        for comment in &part.comments {
            note.push('\n');
            note.push_str(comment);
        }
        doc.note = Some(note);
        let first = part.sentences.first().map_or(0, |s| s.start);
        for (&j, &scheme) in columns.entities.iter().zip(&schemes) {
            for s in &part.sentences {
                decoded.clear();
                odd.clear();
                let cell = |k: usize| table.cells(tokens[s.start + k].1)[j];
                let tags = (0..s.len()).filter_map(|k| tags::parse(cell(k)));
                tags::decode(tags, scheme, &mut decoded, &mut odd);
                for Oddity { token, message } in odd.drain(..) {
                    let line = tokens.get(s.start + token).map_or(0, |t| t.0);
                    imported.warnings.push(
                        Problem::new(ProblemKind::Value, file, message)
                            .at(Some((line, column(text, cell(token.min(s.len() - 1))))))
                            .item(format!("column {}", j + 1)),
                    );
                }
                for Decoded { tokens: t, ty } in decoded.drain(..) {
                    let (Some(a), Some(b)) =
                        (ranges.get(s.start - first + t.start), ranges.get(s.start - first + t.end - 1))
                    else {
                        continue;
                    };
                    let line = tokens[s.start + t.start].0;
                    doc.spans.push(SpanAnn {
                        label: if ty.is_empty() { UNTYPED.into() } else { ty.into() },
                        fragments: std::iter::once(a.start..b.end).collect(),
                        attributes: if columns.entities.len() > 1 {
                            thin_vec![Attribute { name: "column".to_string(), value: Some((j + 1).to_string()) }]
                        } else {
                            ThinVec::new()
                        },
                        position: Some((line, column(text, cell(t.start)))),
                        ..SpanAnn::default()
                    });
                }
            }
        }
        // Text order, whatever column a span came from; stable, so a span
        // keeps its column's order among those starting where it does.
        doc.spans.sort_by_key(|s| s.fragments.first().map_or(0, |f| f.start));
        imported.documents.push(doc);
    }
    Ok(imported)
}

fn count_skipped(table: &Table, columns: &Columns, imported: &mut Imported) {
    for &j in &columns.chunks {
        let n = table.token_rows().filter(|(_, c)| matches!(tags::parse(c[j]), Some(Tag::Inside(..)))).count();
        imported.skip_n("chunk tags", n);
    }
    for &j in &columns.other {
        let n = table.token_rows().filter(|(_, c)| c[j] != "_").count();
        if j == columns.token + 1 {
            imported.skip_n("POS tags", n);
        } else {
            imported.skip_n(&format!("column {} values", j + 1), n);
        }
    }
}

/// A value from the file, quoted and shortened for a message.
fn quoted(s: &str) -> String {
    const MAX: usize = 40;
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() { format!("\"{head}…\"") } else { format!("\"{head}\"") }
}

#[cfg(test)]
mod tests;
