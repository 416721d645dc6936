//! brat standoff: a `.txt` (the document, verbatim) and its `.ann`, one
//! annotation a line, read into one [`Doc`](super::Doc). Offsets count
//! Unicode scalar values, as Python's string indices do (so a `\r` of a
//! CRLF text is a character, an emoji is one).
//!
//! What each line becomes:
//! - `T1<TAB>Label 0 5;10 15<TAB>text`: a span, one byte range per
//!   fragment (in order, not overlapping, not empty). The text, when there
//!   is one, must be the fragments' texts joined by a space (trailing white
//!   space aside), or it is an error; the pre-1.3 form without the space is
//!   read with a warning. A second `T` with the same label and fragments is
//!   the same span, with both ids.
//! - `R1<TAB>Type Arg1:T1 Arg2:T2`: a link from Arg1 to Arg2, `id` R1. Roles
//!   other than Arg1/Arg2 link first to second and are kept as the link's
//!   `from role` / `to role` attributes.
//! - `E1<TAB>Type:T3 Role:T1 Role2:E2`: the id E1 joins its trigger's ids;
//!   one link per argument from the trigger to the argument (an event
//!   standing for its trigger), kind the role as written, `id` E1. A type
//!   other than the trigger's label is kept as the attribute `event type`.
//! - `A1<TAB>Name T1 [Value]`, `M1<TAB>Name E1`: an attribute of the span
//!   (an event's: of its trigger) or of the link (a relation's).
//! - `N1<TAB>Type T1 DB:ID<TAB>name`: a reference of the span. On a relation
//!   (which brat does not write), an attribute `Type` = `DB:ID` of the link.
//!   BioNLP ST 2013's `Annotation:T1 Referent:DB:ID` form is read too.
//! - `#1<TAB>Type T1<TAB>text`: a note of that type, on the span or link.
//! - `*<TAB>Equiv T1 T2 ...`: one `same_as` key, `equiv:<.ann name>:<line>`,
//!   on every member. Another type of `*` line (rare) becomes links between
//!   consecutive members, kind the type, without id.
//!
//! Blank lines, a trailing `\r` or tab, a byte-order mark before the first
//! line and a `.txt` without a final newline are all fine. Text after a tab
//! on R, E, A and M lines (brat keeps it, meaning nothing) is counted as not
//! imported. Every malformed line, unknown or duplicate id, bad offset and
//! disagreeing text is a problem placed by line and column of the `.ann`.
//! Not read: the `.a1`/`.a2` split of BioNLP files (pass the joined `.ann`)
//! and brat's configuration files (`annotation.conf`, `visual.conf`),
//! which hold no annotations.

mod build;
mod parse;
#[cfg(test)]
mod tests;

use super::cursor::Cursor;
use super::{Input, ReadResult};

/// Reads a brat pair into one document named `doc_id`.
pub fn read(ann: Input, txt: Input, doc_id: &str) -> ReadResult {
    let mut read = read_leaving_text(ann, txt, doc_id)?;
    for doc in &mut read.documents {
        doc.text = txt.text.to_string();
    }
    Ok(read)
}

/// [`read`], but the document's text is left empty: the caller moves in
/// the `.txt` it holds rather than copy it.
pub fn read_leaving_text(ann: Input, txt: Input, doc_id: &str) -> ReadResult {
    let mut builder = build::Builder::new(ann, txt, Cursor::new(txt.text));
    let lines = ann.text.strip_prefix('\u{feff}').unwrap_or(ann.text);
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', lines.as_bytes()).chain(std::iter::once(lines.len()));
    for (i, end) in ends.enumerate() {
        let line = &lines[start..end];
        start = end + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        // A line that starts with a letter, digit or sign is not blank.
        let blank = line.as_bytes().first().is_none_or(|b| !b.is_ascii_graphic()) && line.trim().is_empty();
        if !blank {
            builder.line(i + 1, line);
        }
    }
    builder.finish(doc_id)
}
