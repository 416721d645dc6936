//! Offsets as other tools count them, turned into byte offsets: Unicode
//! scalar values (brat, doccano, Label Studio, spaCy, W3C) and UTF-16 code
//! units (WebAnno / INCEpTION TSV, where an emoji counts two). One table per
//! document, built once, so converting every span costs a lookup.

/// Converts one text's offsets in a counted unit to byte offsets.
///
/// A table of every unit's byte offset would cost 8 bytes a character to
/// build for every document; this keeps each unit's length in bytes (one
/// byte each) and the byte offset of every [`STEP`]th unit, so a lookup
/// adds at most a step of lengths.
#[derive(Debug, Clone)]
pub struct Offsets {
    /// Each unit's length in bytes: 1 to 4 where a character starts, 0 for
    /// the second unit of a UTF-16 surrogate pair. Empty for an ASCII text,
    /// where every unit is one byte.
    lens: Vec<u8>,
    /// The byte offset of unit `k * STEP`.
    marks: Vec<u32>,
    len: usize,
}

/// How many units lie between two marks.
const STEP: usize = 32;

/// The unit a format counts offsets in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Chars,
    Utf16,
}

impl Offsets {
    pub fn new(text: &str, unit: Unit) -> Offsets {
        if text.is_ascii() {
            return Offsets { lens: Vec::new(), marks: Vec::new(), len: text.len() };
        }
        let bytes = text.as_bytes();
        let mut lens: Vec<u8> = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = match bytes[i] {
                0x00..=0x7F => 1,
                0xC0..=0xDF => 2,
                0xE0..=0xEF => 3,
                _ => 4,
            };
            lens.push(len);
            if len == 4 && unit == Unit::Utf16 {
                lens.push(0);
            }
            i += len as usize;
        }
        let mut marks = Vec::with_capacity(lens.len() / STEP + 1);
        let mut byte = 0u32;
        for chunk in lens.chunks(STEP) {
            marks.push(byte);
            byte += chunk.iter().map(|&l| l as u32).sum::<u32>();
        }
        marks.push(byte);
        Offsets { len: lens.len(), lens, marks }
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
        if offset > self.len {
            return None;
        }
        if self.lens.is_empty() {
            return Some(offset);
        }
        if self.lens.get(offset) == Some(&0) {
            return None;
        }
        let k = offset / STEP;
        let within: u32 = self.lens[k * STEP..offset].iter().map(|&l| l as u32).sum();
        Some((self.marks[k] + within) as usize)
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

    #[test]
    fn every_offset_of_a_long_mixed_text_is_found() {
        let text = "Қазақстан 😀 and Ресей, ".repeat(40);
        for unit in [Unit::Chars, Unit::Utf16] {
            let offsets = Offsets::new(&text, unit);
            let mut expected = Vec::new();
            for (b, c) in text.char_indices() {
                expected.push(Some(b));
                if unit == Unit::Utf16 && c.len_utf16() == 2 {
                    expected.push(None);
                }
            }
            expected.push(Some(text.len()));
            assert_eq!(offsets.len(), expected.len() - 1);
            for (i, want) in expected.iter().enumerate() {
                assert_eq!(offsets.byte(i), *want, "{unit:?} offset {i}");
            }
            assert_eq!(offsets.byte(expected.len()), None);
        }
    }
}
