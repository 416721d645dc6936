//! The file as rows of cells, whichever way it is laid out: a token per line
//! (columns split on tabs when the first token line has one, else on runs
//! of spaces; blank lines end sentences) or a sentence per line
//! (`token|POS|tag` items split on spaces, fields on `|`, the token taking
//! any extra `|`). Every token has the same number of cells; a line that
//! does not is a problem. `-DOCSTART-` lines split documents; lines that
//! start with `#` are comments unless they read as tokens (a `#` token, as
//! in tweets), which [`Table::resolve_hashes`] decides once the tag columns
//! are known.

use crate::data::load::{Problem, ProblemKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    TokenPerLine { tabs: bool },
    SentencePerLine,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Row<'a> {
    /// A token whose cells are `cells[at..at + ncols]`, written on `line`.
    Token {
        line: usize,
        at: usize,
    },
    /// The end of a sentence.
    Break,
    DocStart {
        line: usize,
    },
    /// A line starting with `#`, as written: a comment, or tokens.
    Hash {
        line: usize,
        text: &'a str,
    },
}

#[derive(Debug)]
pub(super) struct Table<'a> {
    pub layout: Layout,
    /// Cells per token; 0 until the first token line is read.
    pub ncols: usize,
    pub cells: Vec<&'a str>,
    pub rows: Vec<Row<'a>>,
    /// The line the number of cells was taken from.
    pub first_line: usize,
}

const DOCSTART: &str = "-DOCSTART-";

/// Reads `text` into rows; lines with the wrong number of cells are problems.
pub(super) fn lex<'a>(text: &'a str, file: &str, problems: &mut Vec<Problem>) -> Table<'a> {
    let layout = layout(text);
    let mut table = Table { layout, ncols: 0, cells: Vec::new(), rows: Vec::new(), first_line: 0 };
    for (i, raw) in text.split('\n').enumerate() {
        let line = i + 1;
        let trimmed = raw.trim_end_matches([' ', '\t', '\r']);
        if trimmed.trim_start_matches([' ', '\t']).is_empty() {
            table.rows.push(Row::Break);
        } else if is_docstart(trimmed) {
            table.rows.push(Row::DocStart { line });
        } else if trimmed.starts_with('#') {
            table.rows.push(Row::Hash { line, text: trimmed });
        } else {
            let mut rows = std::mem::take(&mut table.rows);
            table.lex_tokens(trimmed, line, &mut rows, Some((file, &mut *problems)));
            table.rows = rows;
        }
    }
    table
}

/// Sentence per line when the first line of tokens is made of `a|b` items
/// ending in a tag; else a token per line, split on tabs if it has one.
fn layout(text: &str) -> Layout {
    let first = text
        .split('\n')
        .map(|l| l.trim_end_matches([' ', '\t', '\r']))
        .find(|l| !l.trim_start_matches([' ', '\t']).is_empty() && !l.starts_with('#') && !is_docstart(l))
        .unwrap_or("");
    let mut items = first.split_ascii_whitespace().peekable();
    let items_tagged = items.peek().is_some()
        && items.all(|item| item.rsplit_once('|').is_some_and(|(_, tag)| super::tags::parse(tag).is_some()));
    if items_tagged { Layout::SentencePerLine } else { Layout::TokenPerLine { tabs: first.contains('\t') } }
}

fn is_docstart(line: &str) -> bool {
    line.strip_prefix(DOCSTART).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '|']))
}

impl<'a> Table<'a> {
    pub fn cells(&self, at: usize) -> &[&'a str] {
        self.cells.get(at..at.saturating_add(self.ncols)).unwrap_or(&[])
    }

    pub fn token_rows(&self) -> impl Iterator<Item = (usize, &[&'a str])> {
        self.rows.iter().filter_map(|r| match *r {
            Row::Token { line, at } => Some((line, self.cells(at))),
            _ => None,
        })
    }

    /// Splits one line of tokens into cells, pushing its rows; `false` (with
    /// problems, when asked for) if a token has the wrong number of cells.
    fn lex_tokens(
        &mut self,
        line_text: &'a str,
        line: usize,
        rows: &mut Vec<Row<'a>>,
        mut problems: Option<(&str, &mut Vec<Problem>)>,
    ) -> bool {
        let mut ok = true;
        let mut wrong = |table: &Self, got: usize, at: &str, what: &str| {
            if let Some((file, problems)) = problems.as_mut() {
                let col = column(line_text, at);
                problems.push(
                    Problem::new(
                        ProblemKind::Syntax,
                        *file,
                        format!(
                            "{what} has {got} {}, where the first token (line {}) has {}",
                            if table.layout == Layout::SentencePerLine { "fields" } else { "columns" },
                            table.first_line,
                            table.ncols
                        ),
                    )
                    .at(Some((line, col))),
                );
            }
        };
        match self.layout {
            Layout::TokenPerLine { tabs } => {
                let mark = self.cells.len();
                if tabs {
                    self.cells.extend(line_text.split('\t'));
                } else {
                    self.cells.extend(line_text.split_ascii_whitespace());
                }
                let got = self.cells.len() - mark;
                if self.ncols == 0 {
                    self.ncols = got;
                    self.first_line = line;
                }
                if got == self.ncols {
                    rows.push(Row::Token { line, at: mark });
                } else {
                    self.cells.truncate(mark);
                    wrong(self, got, line_text, "the line");
                    ok = false;
                }
            }
            Layout::SentencePerLine => {
                let start = rows.len();
                for item in line_text.split_ascii_whitespace() {
                    if self.ncols == 0 {
                        self.ncols = item.split('|').count();
                        self.first_line = line;
                    }
                    let mark = self.cells.len();
                    self.cells.extend(item.rsplitn(self.ncols, '|'));
                    let got = self.cells.len() - mark;
                    if got == self.ncols {
                        self.cells[mark..].reverse();
                        rows.push(Row::Token { line, at: mark });
                    } else {
                        self.cells.truncate(mark);
                        wrong(self, got, item, &format!("the item {}", super::quoted(item)));
                        ok = false;
                    }
                }
                if rows.len() > start {
                    rows.push(Row::Break);
                }
            }
        }
        ok
    }

    /// Turns each `#` line that reads as tokens, with a tag in every one of
    /// `tag_cols`, into tokens; the other `#` lines stay comments.
    pub fn resolve_hashes(&mut self, tag_cols: &[usize]) {
        if !self.rows.iter().any(|r| matches!(r, Row::Hash { .. })) {
            return;
        }
        let mut rows = Vec::with_capacity(self.rows.len());
        for row in std::mem::take(&mut self.rows) {
            let Row::Hash { line, text } = row else {
                rows.push(row);
                continue;
            };
            let (mark, start) = (self.cells.len(), rows.len());
            let fits = self.lex_tokens(text, line, &mut rows, None)
                && rows[start..].iter().all(|r| match *r {
                    Row::Token { at, .. } => tag_cols
                        .iter()
                        .all(|&j| self.cells.get(at + j).is_some_and(|c| super::tags::parse(c).is_some())),
                    _ => true,
                });
            if !fits {
                rows.truncate(start);
                self.cells.truncate(mark);
                rows.push(row);
            }
        }
        self.rows = rows;
    }
}

/// The 1-based column (in characters) where `cell`, a slice of `text`,
/// starts on its line.
pub(super) fn column(text: &str, cell: &str) -> usize {
    let at = (cell.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
    let Some(before) = text.get(..at) else { return 1 };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before[line_start..].chars().count() + 1
}
