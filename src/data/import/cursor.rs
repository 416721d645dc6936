//! Character offsets (doccano's and brat's unit) to byte offsets for one
//! text, walked to from the nearest offset found before, 32 bytes at a
//! time, then eight. A file's spans mostly come in text order (then the claims, from
//! the start again, as `convert` writes them, each walked to from the span
//! found just before it), so a document's spans cost about one walk over
//! its text and no table. Once the walks have gone over the text eight times (spans far
//! apart in no order: a table is cheaper then), and for every fault, an
//! [`Offsets`] table is built (once per text) and asked instead: its
//! answers and its messages are the reference, and the walk gives the same
//! byte offsets (tests.rs holds them side by side).

use std::ops::Range;

use crate::data::import::{Offsets, Unit};

pub(crate) struct Cursor<'a> {
    text: &'a str,
    /// The last offset found, in characters and in bytes.
    chars: usize,
    byte: usize,
    /// Offsets found before, in characters and in bytes, in increasing
    /// order: where a walk to an offset behind the last starts.
    marks: Vec<(usize, usize)>,
    /// Bytes walked over so far.
    walked: usize,
    table: Option<Offsets>,
}

/// Bytes counted at once while walking.
const BLOCK: usize = 32;

impl<'a> Cursor<'a> {
    pub fn new(text: &'a str) -> Cursor<'a> {
        Cursor { text, chars: 0, byte: 0, marks: Vec::new(), walked: 0, table: None }
    }

    /// `start..end` in characters as a byte range, or why not: what
    /// [`Offsets::range`] says.
    pub fn range(&mut self, start: usize, end: usize) -> Result<Range<usize>, String> {
        if start <= end && self.table.is_none() {
            if let Some(s) = self.walk(start) {
                if let Some(e) = self.walk(end) {
                    return Ok(s..e);
                }
            }
        }
        self.table().range(start, end)
    }

    /// The table, built on first use.
    pub fn table(&mut self) -> &Offsets {
        let text = self.text;
        self.table.get_or_insert_with(|| Offsets::new(text, Unit::Chars))
    }

    /// The byte offset of character `target`, walked to from the last
    /// offset found before it; `None` past the text, or once the walks have
    /// gone over the text eight times.
    fn walk(&mut self, target: usize) -> Option<usize> {
        if target < self.chars {
            let i = self.marks.partition_point(|&(chars, _)| chars <= target);
            (self.chars, self.byte) = if i == 0 { (0, 0) } else { self.marks[i - 1] };
        }
        let at = self.forward(target - self.chars)?;
        self.walked = self.walked.saturating_add(at - self.byte);
        if self.walked > self.text.len().saturating_mul(8).saturating_add(4 * BLOCK) {
            return None;
        }
        self.chars = target;
        self.byte = at;
        if self.marks.last().is_none_or(|&(chars, _)| chars < target) {
            self.marks.push((target, at));
        }
        Some(at)
    }

    /// Where the character `wanted` characters on from the last one found
    /// starts (the text's end for the one after its last).
    fn forward(&self, wanted: usize) -> Option<usize> {
        let bytes = self.text.as_bytes();
        // `seen` counts the characters starting in `self.byte..at`; the one
        // wanted starts where `seen` reaches `wanted`, so a block whose
        // starts leave `seen` at most `wanted` holds it not.
        let (mut at, mut seen) = (self.byte, 0);
        while let Some(block) = bytes.get(at..at + BLOCK) {
            let starts: u32 = block.chunks_exact(8).map(|w| starts_in(word(w)).count_ones()).sum();
            if seen + starts as usize > wanted {
                break;
            }
            seen += starts as usize;
            at += BLOCK;
        }
        // Then eight bytes at a time: the character wanted is found within
        // a word by dropping the starts before it (spans are a few words
        // apart, and a byte at a time was most of the walk).
        while let Some(w) = bytes.get(at..at + 8) {
            let mut starts = starts_in(word(w));
            let here = starts.count_ones() as usize;
            if seen + here > wanted {
                for _ in seen..wanted {
                    starts &= starts - 1;
                }
                return Some(at + starts.trailing_zeros() as usize / 8);
            }
            seen += here;
            at += 8;
        }
        while at < bytes.len() {
            if starts_char(bytes[at]) {
                if seen == wanted {
                    break;
                }
                seen += 1;
            }
            at += 1;
        }
        (seen == wanted).then_some(at)
    }
}

/// Eight bytes as one word, the first in the lowest byte.
fn word(bytes: &[u8]) -> u64 {
    u64::from_le_bytes(bytes.try_into().expect("eight bytes"))
}

/// The top bit of each byte of `w` that starts a character: every byte
/// but a continuation byte (`10xxxxxx`, top bit set and the next clear).
fn starts_in(w: u64) -> u64 {
    const TOP: u64 = 0x8080_8080_8080_8080;
    !(w & !(w << 1)) & TOP
}

/// Whether a byte of UTF-8 starts a character (is not a continuation byte).
fn starts_char(b: u8) -> bool {
    (b as i8) >= -0x40
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// Every range asked, in the order asked, as the table answers it.
    fn agree(text: &str, asked: &[(usize, usize)]) {
        let table = Offsets::new(text, Unit::Chars);
        let mut cursor = Cursor::new(text);
        for &(start, end) in asked {
            assert_eq!(cursor.range(start, end), table.range(start, end), "{text:?} {start}..{end} of {asked:?}");
        }
    }

    #[test]
    fn in_order_back_again_and_past_the_end() {
        let text = "Астана 🇰🇿: Тоқаев met KEGOC in Almaty";
        agree(text, &[(0, 6), (11, 17), (22, 27), (31, 37), (11, 27), (0, 0), (37, 37), (5, 2), (30, 38), (38, 40)]);
        agree("", &[(0, 0), (0, 1)]);
        agree("abc", &[(1, 3), (0, 2), (3, 3)]);
    }

    #[test]
    fn spans_far_apart_in_no_order_end_on_the_table() {
        let text = "Тоқаев ".repeat(200);
        let asked: Vec<(usize, usize)> = (0..400).map(|i| if i % 2 == 0 { (1390, 1400) } else { (0, 3) }).collect();
        agree(&text, &asked);
        let mut cursor = Cursor::new(&text);
        for &(s, e) in &asked {
            let _ = cursor.range(s, e);
        }
        assert!(cursor.table.is_some());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn the_walk_finds_what_the_table_finds(
            pieces in prop::collection::vec(prop::sample::select(vec!["a", "é", "Ж", "қ", "😀", "🇰", "\n", " "]), 0..120),
            asked in prop::collection::vec((0usize..130, 0usize..130), 0..40),
        ) {
            agree(&pieces.concat(), &asked);
        }
    }
}
