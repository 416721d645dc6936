//! The files being loaded as problems see them: where an item was written
//! ([`Origin`]), and its line and column, counted from marks ([`Mark`])
//! made only as far into a file as a problem has needed.

use std::sync::{Mutex, PoisonError};

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::data::load::floor_char_boundary;
use crate::data::load::problem::{Problem, ProblemKind};
use crate::data::load::raw::RawEntity;
use crate::data::load::sources::Source;

/// Where an item was written: a file and a byte offset in it.
#[derive(Debug, Clone, Copy)]
pub(super) struct Origin {
    pub(super) file: usize,
    pub(super) offset: usize,
}

/// The files being loaded, with position indexes built only when a problem needs one.
pub(super) struct Files<'s> {
    sources: &'s [Source],
    /// Each file's marks, made as far as a problem has needed them.
    marks: Vec<Mutex<Vec<Mark>>>,
}

/// A place in a file whose line and column are known: a position is counted
/// from the nearest mark before it, so a file written on one long line does
/// not cost a count from the line's start for every problem.
#[derive(Debug, Clone, Copy)]
struct Mark {
    byte: usize,
    line: usize,
    col: usize,
}

/// Marks are this many bytes apart (or nearer, to fall on a character
/// boundary): placing a problem counts at most this many bytes from a mark.
const MARK_EVERY: usize = 1 << 12;

impl<'s> Files<'s> {
    pub(super) fn new(sources: &'s [Source]) -> Files<'s> {
        Files { sources, marks: sources.iter().map(|_| Mutex::new(Vec::new())).collect() }
    }

    pub(super) fn name(&self, file: usize) -> &str {
        &self.sources[file].name
    }

    /// 1-based line and character column of a byte offset. The file is
    /// read only as far as the offset, and only once however many problems
    /// it has.
    pub(super) fn position(&self, o: Origin) -> (usize, usize) {
        let text = self.sources[o.file].text();
        let offset = floor_char_boundary(text, o.offset.min(text.len()));
        let mark = {
            let mut marks = self.marks[o.file].lock().unwrap_or_else(PoisonError::into_inner);
            extend_marks(&mut marks, text, offset);
            marks[marks.partition_point(|m| m.byte <= offset) - 1]
        };
        advance(mark, &text[mark.byte..offset])
    }

    pub(super) fn problem(&self, kind: ProblemKind, o: Origin, item: &str, message: impl Into<String>) -> Problem {
        Problem::new(kind, self.name(o.file), message).at(Some(self.position(o))).item(item)
    }

    pub(super) fn describe(&self, o: Origin) -> String {
        let (line, col) = self.position(o);
        format!("{}:{line}:{col}", self.name(o.file))
    }

    /// Where each mention of the entity record at `record` was written,
    /// found by parsing the record again.
    pub(super) fn mention_origins(&self, record: Origin) -> Vec<Origin> {
        let text = &self.sources[record.file].text()[record.offset..];
        let mut de = serde_json::Deserializer::from_str(text);
        RawEntity::deserialize(&mut de).map_or_else(
            |_| Vec::new(),
            |e| {
                e.mentions
                    .iter()
                    .map(|m| Origin { file: record.file, offset: self.offset_of(record.file, m.get()) })
                    .collect()
            },
        )
    }

    /// Where each relation of the claim record at `record` was written,
    /// found by parsing the record again.
    pub(super) fn relation_origins(&self, record: Origin) -> Vec<Origin> {
        #[derive(Deserialize)]
        struct Relations<'a> {
            #[serde(default, borrow)]
            relations: Vec<&'a RawValue>,
        }
        let text = &self.sources[record.file].text()[record.offset..];
        let mut de = serde_json::Deserializer::from_str(text);
        Relations::deserialize(&mut de).map_or_else(
            |_| Vec::new(),
            |c| {
                c.relations
                    .iter()
                    .map(|r| Origin { file: record.file, offset: self.offset_of(record.file, r.get()) })
                    .collect()
            },
        )
    }

    /// Byte offset of a raw JSON value borrowed from file `file`.
    pub(super) fn offset_of(&self, file: usize, raw: &str) -> usize {
        raw.as_ptr() as usize - self.sources[file].text().as_ptr() as usize
    }

    /// Once what was parsed from a list of items owns its strings, the file's
    /// copy of the items need not stay in memory (it is read again only to
    /// place a problem).
    pub(super) fn release(&self, file: usize, items: &[&str]) {
        if let (Some(first), Some(last)) = (items.first(), items.last()) {
            let start = self.offset_of(file, first);
            self.sources[file].release(start..self.offset_of(file, last) + last.len());
        }
    }
}

/// Marks every [`MARK_EVERY`] bytes of a text from its start, as far as `upto`.
fn extend_marks(marks: &mut Vec<Mark>, text: &str, upto: usize) {
    if marks.is_empty() {
        marks.push(Mark { byte: 0, line: 1, col: 1 });
    }
    loop {
        let last = marks[marks.len() - 1];
        if last.byte + MARK_EVERY > upto {
            return;
        }
        let next = floor_char_boundary(text, last.byte + MARK_EVERY);
        let (line, col) = advance(last, &text[last.byte..next]);
        marks.push(Mark { byte: next, line, col });
    }
}

/// The line and column reached by reading `text` from `mark`.
fn advance(mark: Mark, text: &str) -> (usize, usize) {
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    match text.rfind('\n') {
        Some(last) => (mark.line + lines, text[last + 1..].chars().count() + 1),
        None => (mark.line, mark.col + text.chars().count()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_near_the_start_of_a_big_file_reads_the_file_only_that_far() {
        // Placing one problem made marks for the whole file: a problem in a 1 GB file cost a read of all of it.
        let text = "ab\n".repeat(1 << 20);
        let sources = [Source::new("t.json", text)];
        let files = Files::new(&sources);
        assert_eq!(files.position(Origin { file: 0, offset: 3 * 9 + 1 }), (10, 2));
        assert_eq!(files.marks[0].lock().unwrap().len(), 1);
        assert_eq!(files.position(Origin { file: 0, offset: 3 * MARK_EVERY }), (MARK_EVERY + 1, 1));
        assert_eq!(files.marks[0].lock().unwrap().len(), 4);
    }

    #[test]
    fn positions_counted_from_marks_agree_with_counting_from_the_start() {
        // Long lines of mixed scripts, and a line far longer than the distance between marks.
        let mut text = "Астана, Almaty\nΕλλάδα 日本\n".repeat(5000);
        text.push_str(&"Қазақстан ".repeat(30_000));
        text.push_str("\nend");
        let sources = [Source::new("t.json", text.clone())];
        let files = Files::new(&sources);
        for offset in (0..text.len()).step_by(997).chain([0, text.len(), text.len() - 1]) {
            let at = floor_char_boundary(&text, offset);
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
            assert_eq!(files.position(Origin { file: 0, offset }), (line, col), "offset {offset}");
        }
    }
}
