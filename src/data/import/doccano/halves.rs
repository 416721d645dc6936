//! Where a file of one record per line can be cut in two, so that each
//! half is read on a core of its own (see [`super::read`]).
//!
//! The cut is made at the start of a line beginning with `{` after a line
//! ending with `}`, near the middle. Whether it really falls between two
//! records (a pretty-printed record has such lines too) is only known once
//! the first half is read: it must read to its end without a syntax error,
//! and hold as many records as it has lines that are not blank — the count
//! the second half was numbered from. A JSON string holds no line break, so
//! a first half read to its end is a run of whole records, and the second
//! half starts where reading the whole file would have reached. When either
//! test fails the file is read again, from the start, as one.

use super::records::Stretch;

/// Where the text may be cut in two, when it looks like one record per
/// line: the first half is `0..cut`.
pub(super) fn cut(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    if bytes.iter().find(|&&b| !blank(b)) != Some(&b'{') {
        return None;
    }
    let middle = text.len() / 2;
    memchr::memchr_iter(b'\n', &bytes[middle..])
        .map(|i| middle + i + 1)
        .find(|&cut| bytes.get(cut) == Some(&b'{') && ends_record(&bytes[..cut]))
}

/// The second half, numbered as if the first were one record per line
/// that is not blank (counted on the second half's thread, which starts
/// later than the first's: the first need not wait).
pub(super) fn second(text: &str, cut: usize) -> Stretch {
    let bytes = text.as_bytes();
    let cut = cut.min(bytes.len());
    let (mut line, mut index) = (1, 0);
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', &bytes[..cut]) {
        line += 1;
        index += usize::from(!bytes[start..end].iter().all(|&b| blank(b)));
        start = end + 1;
    }
    Stretch { from: cut, to: text.len(), line, index }
}

/// Whether the text before a cut ends with `}` and blank space.
fn ends_record(before: &[u8]) -> bool {
    before.iter().rev().find(|&&b| !blank(b)) == Some(&b'}')
}

/// JSON's blank space.
fn blank(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}
