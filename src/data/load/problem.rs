//! What is wrong with a corpus: one [`Problem`] per fault, each naming the
//! file, the position, the item and the fault. Problems are data — tests
//! assert them and the exit code depends on their kind — and they print
//! sanitized, because their text quotes untrusted input.

use std::fmt;

use crate::text::sanitize;

/// The broad class of a problem; callers branch on it (e.g. for exit codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// A named path does not exist (a usage error, exit code 2).
    NotFound,
    /// A file or directory could not be read, or is not a file dossier reads
    /// (a FIFO, a device, a link that leads nowhere).
    Io,
    /// A file larger than the limit on what is read.
    TooLarge,
    /// Not UTF-8.
    Encoding,
    /// Not JSON.
    Syntax,
    /// JSON of the wrong shape: a wrong type, a missing or unknown field.
    Type,
    /// Nothing there: an empty file, no documents, empty text.
    Empty,
    DuplicateId,
    UnknownId,
    /// Offsets reversed, empty, past the end, or disagreeing with the quote.
    Span,
    /// A quote that is absent or ambiguous.
    Quote,
    /// Two files say different things about the same entity.
    Conflict,
    /// A value the format does not allow (an unknown claim kind, a bad date).
    Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    /// The file (or directory, or path) as the user named it.
    pub file: String,
    /// 1-based line and column (in characters), when the problem has a place.
    pub position: Option<(usize, usize)>,
    /// The item at fault, e.g. `entity "ensebek", mention 3`.
    pub item: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn new(kind: ProblemKind, file: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem { kind, file: file.into(), position: None, item: None, message: message.into() }
    }

    pub fn at(mut self, position: Option<(usize, usize)>) -> Problem {
        self.position = position;
        self
    }

    pub fn item(mut self, item: impl Into<String>) -> Problem {
        self.item = Some(item.into());
        self
    }
}

impl fmt::Display for Problem {
    /// `file:line:col: item: message`, with every untrusted part made inert.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", sanitize::display(&self.file))?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        if let Some(item) = &self.item {
            write!(f, ": {}", sanitize::display(item))?;
        }
        write!(f, ": {}", sanitize::display(&self.message))
    }
}

/// The reason a corpus could not be opened: every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadFailure {
    pub problems: Vec<Problem>,
}

impl LoadFailure {
    /// 2 when a named path does not exist (a usage error), else 1.
    pub fn exit_code(&self) -> i32 {
        if self.problems.iter().any(|p| p.kind == ProblemKind::NotFound) { 2 } else { 1 }
    }
}

impl fmt::Display for LoadFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadFailure {}

/// Quotes a string for a message, shortened to keep lines readable.
pub(crate) fn quoted(s: &str) -> String {
    const MAX: usize = 60;
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() { format!("\"{head}…\"") } else { format!("\"{head}\"") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_position_item_and_escapes_input() {
        let p = Problem::new(ProblemKind::Value, "bad\u{1b}.json", "unknown kind \"\u{1b}]0;pwned\u{7}\"")
            .at(Some((3, 7)))
            .item("claim \"c1\"");
        assert_eq!(p.to_string(), "bad␛.json:3:7: claim \"c1\": unknown kind \"␛]0;pwned␇\"");
    }

    #[test]
    fn exit_code_is_2_only_for_missing_paths() {
        let missing = LoadFailure { problems: vec![Problem::new(ProblemKind::NotFound, "x", "no such file")] };
        assert_eq!(missing.exit_code(), 2);
        let bad = LoadFailure { problems: vec![Problem::new(ProblemKind::Syntax, "x", "oops")] };
        assert_eq!(bad.exit_code(), 1);
    }

    #[test]
    fn long_quotes_are_shortened() {
        assert_eq!(quoted("abc"), "\"abc\"");
        let long = "x".repeat(100);
        assert_eq!(quoted(&long).chars().count(), 63);
    }
}
