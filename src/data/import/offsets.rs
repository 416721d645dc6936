//! Offsets as other tools count them, turned into byte offsets: Unicode
//! scalar values (brat, doccano, Label Studio, spaCy, W3C) and UTF-16 code
//! units (WebAnno / INCEpTION TSV, where an emoji counts two). One table per
//! document, built once, so converting every span costs a lookup.

/// Converts one text's offsets in a counted unit to byte offsets.
#[derive(Debug, Clone)]
pub struct Offsets {
    /// Byte offset of each unit boundary: `bytes[i]` is where unit `i` starts;
    /// the last entry is the text's length. Positions inside a character
    /// (the second half of a UTF-16 surrogate pair) are `None`.
    /// Empty when every unit is one byte (an ASCII text): offsets are bytes.
    bytes: Vec<Option<u32>>,
    len: usize,
}

/// The unit a format counts offsets in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Chars,
    Utf16,
}

impl Offsets {
    pub fn new(text: &str, unit: Unit) -> Offsets {
        if text.is_ascii() {
            return Offsets { bytes: Vec::new(), len: text.len() };
        }
        let mut bytes = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            bytes.push(Some(i as u32));
            if unit == Unit::Utf16 && c.len_utf16() == 2 {
                bytes.push(None);
            }
        }
        bytes.push(Some(text.len() as u32));
        Offsets { len: bytes.len() - 1, bytes }
    }

    /// The text's length in the unit.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The byte offset of `offset`, or `None` past the end or inside a character.
    pub fn byte(&self, offset: usize) -> Option<usize> {
        if self.bytes.is_empty() {
            return (offset <= self.len).then_some(offset);
        }
        self.bytes.get(offset).copied().flatten().map(|b| b as usize)
    }

    /// `start..end` in the unit as a byte range, or why not.
    pub fn range(&self, start: usize, end: usize) -> Result<std::ops::Range<usize>, String> {
        if start > end {
            return Err(format!("start {start} is after end {end}"));
        }
        if end > self.len() {
            return Err(format!("end {end} is past the end of the text ({} long)", self.len()));
        }
        match (self.byte(start), self.byte(end)) {
            (Some(s), Some(e)) => Ok(s..e),
            _ => Err(format!("{start}..{end} cuts a character in two")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_and_utf16_count_an_emoji_differently() {
        let text = "a😀b";
        let chars = Offsets::new(text, Unit::Chars);
        assert_eq!(chars.len(), 3);
        assert_eq!(chars.range(2, 3), Ok(5..6));
        let utf16 = Offsets::new(text, Unit::Utf16);
        assert_eq!(utf16.len(), 4);
        assert_eq!(utf16.range(3, 4), Ok(5..6));
        assert_eq!(utf16.range(2, 4), Err("2..4 cuts a character in two".to_string()));
        assert_eq!(utf16.range(0, 5), Err("end 5 is past the end of the text (4 long)".to_string()));
        let ascii = Offsets::new("abc", Unit::Utf16);
        assert_eq!(ascii.range(1, 3), Ok(1..3));
        assert_eq!(ascii.range(3, 1), Err("start 3 is after end 1".to_string()));
        assert_eq!(ascii.byte(4), None);
    }
}
