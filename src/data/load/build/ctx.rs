//! Problem reporting while a corpus is built: where problems are collected
//! ([`Ctx`], one per thread), how an item that fails to parse is reported
//! at its place in its file, and how items are named in messages.

use serde::Deserialize;
use serde_json::error::Category;

use super::files::{Files, Origin};
use crate::data::load::problem::{Problem, ProblemKind, quoted};
use crate::data::load::raw::{Shape, parse_object};
use crate::support::parallel::Fork;

/// Where problems are collected: one per thread, all sharing the files.
pub(super) struct Ctx<'f, 's> {
    pub(super) files: &'f Files<'s>,
    pub(super) problems: Vec<(usize, Problem)>,
}

impl<'f, 's> Ctx<'f, 's> {
    pub(super) fn new(files: &'f Files<'s>) -> Ctx<'f, 's> {
        Ctx { files, problems: Vec::new() }
    }

    pub(super) fn report(&mut self, file: usize, p: Problem) {
        self.problems.push((file, p));
    }

    pub(super) fn at(&mut self, kind: ProblemKind, o: Origin, item: &str, message: impl Into<String>) {
        let p = self.files.problem(kind, o, item, message);
        self.problems.push((o.file, p));
    }

    /// Parses one item; a failure is reported at its absolute position.
    pub(super) fn item<'r, T: Deserialize<'r> + Shape>(
        &mut self,
        file: usize,
        raw: &'r str,
        item: impl Fn() -> String,
    ) -> Option<T> {
        if !self.is_object(file, raw, &item) {
            return None;
        }
        match parse_object::<T>(raw) {
            Ok(v) => Some(v),
            Err(e) => {
                let (kind, rel, message) = serde_error(&e, raw);
                let o = Origin { file, offset: self.files.offset_of(file, raw) + rel };
                let item = item();
                self.at(kind, o, &item, message);
                None
            }
        }
    }
}

impl Ctx<'_, '_> {
    /// Items are JSON objects; anything else is named for what it is.
    pub(super) fn is_object(&mut self, file: usize, raw: &str, item: &dyn Fn() -> String) -> bool {
        let found = match raw.trim_start().as_bytes().first() {
            Some(b'{') => return true,
            Some(b'[') => "an array",
            Some(b'"') => "a string",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            _ => "a number",
        };
        let o = Origin { file, offset: self.files.offset_of(file, raw) };
        let what = item();
        self.at(ProblemKind::Type, o, &what, format!("expected an object, found {found}"));
        false
    }
}

impl Fork for Ctx<'_, '_> {
    const PANICKED: &'static str = "a loading thread panicked";

    fn fork(&self) -> Self {
        Ctx::new(self.files)
    }

    fn join(&mut self, other: Self) {
        self.problems.extend(other.problems);
    }
}

pub(super) fn check_id(ctx: &mut Ctx, what: &str, index: usize, id: &str, o: Origin) -> bool {
    if id.trim().is_empty() {
        ctx.at(ProblemKind::Value, o, &label(what, index, None), "id is empty");
        return false;
    }
    true
}

/// A serde error's kind and byte offset within `text`.
pub(super) fn serde_error(e: &serde_json::Error, text: &str) -> (ProblemKind, usize, String) {
    let kind = match e.classify() {
        Category::Syntax | Category::Eof => ProblemKind::Syntax,
        Category::Data => ProblemKind::Type,
        Category::Io => ProblemKind::Io,
    };
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    // serde_json's column counts bytes from the line start, ending just past the offending byte.
    let line_start =
        if e.line() <= 1 { 0 } else { text.match_indices('\n').nth(e.line() - 2).map_or(text.len(), |(i, _)| i + 1) };
    let offset = (line_start + e.column()).saturating_sub(1).min(text.len());
    match message.as_str() {
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => match surrogate(text, offset) {
            Some((at, message)) => (kind, at, message),
            None => (kind, offset, message),
        },
        _ => (kind, offset, message),
    }
}

/// Where the `\u` escape of a surrogate that serde refused starts, and what
/// is wrong with it, read from the escapes themselves: serde calls a lone
/// trailing surrogate "leading", and a leading one not followed by an
/// escape an "end".
fn surrogate(text: &str, offset: usize) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    // The last `\uXXXX` that ends by the error's position, and the one just before it.
    let escape_at = |end: usize| -> Option<u16> {
        let at = end.checked_sub(6)?;
        let e = bytes.get(at..end)?;
        (e.starts_with(b"\\u") && e[2..].iter().all(u8::is_ascii_hexdigit))
            .then(|| u16::from_str_radix(std::str::from_utf8(&e[2..]).ok()?, 16).ok())
            .flatten()
    };
    let end = (offset.saturating_sub(6)..=(offset + 1).min(bytes.len())).rev().find(|&end| escape_at(end).is_some())?;
    let last = escape_at(end)?;
    let high = |u: u16| (0xD800..=0xDBFF).contains(&u);
    let low = |u: u16| (0xDC00..=0xDFFF).contains(&u);
    let message = match escape_at(end - 6) {
        Some(first) if high(first) => {
            return Some((
                end - 12,
                format!(
                    "lone leading (high) surrogate \\u{first:04x}: it is followed by \\u{last:04x}, not by a trailing (low) \
             surrogate \\udc00 to \\udfff"
                ),
            ));
        }
        _ if low(last) => format!(
            "lone trailing (low) surrogate \\u{last:04x}: a trailing surrogate must follow a leading (high) one, \
             \\ud800 to \\udbff"
        ),
        _ if high(last) => format!(
            "lone leading (high) surrogate \\u{last:04x}: it must be followed by a trailing (low) surrogate, \
             \\udc00 to \\udfff"
        ),
        _ => return None,
    };
    Some((end - 6, message))
}

/// An item's label for messages: its id if it has one, else its position in its list.
pub(super) fn label(what: &str, index: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{what} {}", quoted(id)),
        None => format!("{what} #{}", index + 1),
    }
}

pub(super) fn id_of(raw: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct JustId {
        id: Option<String>,
    }
    serde_json::from_str::<JustId>(raw).ok().and_then(|j| j.id)
}
