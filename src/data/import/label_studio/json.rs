//! What the JSON readers (this one and [`super::super::w3c`]) share: the
//! line and column of a place in the file, found from the slice serde
//! borrowed for it, and ids that a file writes as strings or as numbers.
//!
//! Items are visited in file order, so one cursor moves forward through
//! the text and placing every item of a file costs one pass over it; a
//! step back (rare) starts again from the top.

use std::borrow::Cow;

use serde_json::value::RawValue;

/// Places in one input, by byte offset or by a slice of it.
pub(crate) struct Places<'a> {
    text: &'a str,
    byte: usize,
    line: usize,
    col: usize,
}

impl<'a> Places<'a> {
    pub(crate) fn new(text: &'a str) -> Places<'a> {
        Places { text, byte: 0, line: 1, col: 1 }
    }

    /// Where a slice of the input begins (a borrowed JSON value's text);
    /// the end of the input for a slice from elsewhere.
    pub(crate) fn of(&mut self, part: &str) -> (usize, usize) {
        let base = self.text.as_ptr() as usize;
        let at = (part.as_ptr() as usize).checked_sub(base).unwrap_or(self.text.len());
        self.at(at)
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub(crate) fn at(&mut self, byte: usize) -> (usize, usize) {
        let mut byte = byte.min(self.text.len());
        while !self.text.is_char_boundary(byte) {
            byte -= 1;
        }
        if byte < self.byte {
            (self.byte, self.line, self.col) = (0, 1, 1);
        }
        let step = &self.text.as_bytes()[self.byte..byte];
        match memchr::memrchr(b'\n', step) {
            Some(last) => {
                self.line += memchr::memchr_iter(b'\n', step).count();
                self.col = 1 + chars(&step[last + 1..]);
            }
            None => self.col += chars(step),
        }
        self.byte = byte;
        (self.line, self.col)
    }

    /// Where serde found a fault inside `part`: its line and column are
    /// counted from the start of the slice it was given.
    pub(crate) fn of_error(&mut self, part: &str, err: &serde_json::Error) -> (usize, usize) {
        let (line, col) = self.of(part);
        match err.line() {
            0 => (line, col),
            1 => (line, col + err.column().saturating_sub(1)),
            n => (line + n - 1, err.column().max(1)),
        }
    }
}

fn chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// An id as the file writes it: `"beFiQTT1cU"` or `1001`. `None` for
/// `null` and for anything that is not a string or a number.
pub(crate) fn id_text(raw: &RawValue) -> Option<Cow<'_, str>> {
    let text = raw.get();
    match text.as_bytes().first()? {
        b'"' => serde_json::from_str::<Cow<str>>(text).ok(),
        b'-' | b'0'..=b'9' => Some(Cow::Borrowed(text)),
        _ => None,
    }
}

/// serde's message without its own " at line 1 column 9", which is
/// relative to the slice it read and would mislead.
pub(crate) fn message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

/// A string quoted for a message, shortened to keep lines readable.
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
    fn places_count_lines_and_characters_forward_and_back() {
        let text = "ab\nçd😀x\n\ny";
        let mut places = Places::new(text);
        assert_eq!(places.at(0), (1, 1));
        assert_eq!(places.at(1), (1, 2));
        assert_eq!(places.at(3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(places.at(x), (2, 4));
        assert_eq!(places.at(text.len()), (4, 2));
        assert_eq!(places.at(4), (2, 1), "inside ç: the character's start");
        assert_eq!(places.of(&text[x..]), (2, 4));
        assert_eq!(places.of("elsewhere"), (4, 2));
    }

    #[test]
    fn ids_are_strings_or_numbers() {
        let raw = |s: &str| serde_json::from_str::<Box<RawValue>>(s).unwrap();
        assert_eq!(id_text(&raw(r#""a\"b""#)).as_deref(), Some("a\"b"));
        assert_eq!(id_text(&raw("1001")).as_deref(), Some("1001"));
        assert_eq!(id_text(&raw("null")), None);
        assert_eq!(id_text(&raw("[1]")), None);
    }
}
