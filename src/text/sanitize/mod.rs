//! The one place where untrusted text becomes safe to show.
//!
//! Corpus text reaches the terminal and stderr. A string from a corpus must
//! never be able to move the cursor, set the window title, write to the
//! clipboard, reorder what the user sees, or make two different strings look
//! the same. Every string that is displayed goes through [`display`] (one
//! line, or [`display_head`] for the start of one) or [`grapheme`] (the text
//! pane, which lays out its own lines), and `--json` output escapes what
//! [`shown_as_itself`] says is not shown as itself:
//! - control characters become visible control pictures (`␛`) or `<U+0085>`
//!   notation, as `less` does;
//! - format characters (General Category Cf: bidi controls, tags, soft
//!   hyphens, ...), default-ignorable code points (variation selectors,
//!   Hangul fillers, the combining grapheme joiner, ...) and the line and
//!   paragraph separators become `<U+202E>` notation, except where
//!   [`context`] finds them doing a job for their neighbours (a ZWJ in an
//!   emoji sequence or an Indic conjunct, a selector after an emoji, ...);
//! - a grapheme that would draw as nothing (a combining mark with no base)
//!   is shown as its code points;
//! - a grapheme draws at most [`MARKS_PER_CELL`] marks on its base, then
//!   says how many it dropped (`<+999984 marks>`): a cell must not carry
//!   megabytes to the terminal.
//!
//! The decisions are made by Unicode property (ICU4X's tables), so a new
//! format character is flagged without anyone listing it.

mod context;

use std::borrow::Cow;
use std::fmt::Write as _;

use icu_properties::props::{BinaryProperty, DefaultIgnorableCodePoint, EnumeratedProperty, GeneralCategory};
use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

/// How one source character is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// Shown as itself.
    Plain,
    /// Shown as a visible stand-in, e.g. `␛` for ESC.
    Picture(char),
    /// Shown as `<U+XXXX>`.
    CodePoint,
}

/// Marks drawn on one base at most: more than any script stacks (Tibetan
/// stacks, Hebrew with points and cantillation, the longest emoji ZWJ
/// sequences all stay well under it).
pub const MARKS_PER_CELL: usize = 16;

/// Characters that are invisible or reorder what is around them, unless
/// their context says otherwise: Cc, Cf, Zl, Zp and Default_Ignorable_Code_Point.
fn suspect(c: char) -> bool {
    // Laying out megabytes asks for every character: the BMP's answers are
    // a bit each, worked out from the tables once.
    static BMP: std::sync::OnceLock<Box<[u64; 1024]>> = std::sync::OnceLock::new();
    match u16::try_from(c as u32) {
        Ok(b) => {
            let bits = BMP.get_or_init(|| {
                // From the tables' ranges, not a lookup per character: this is
                // done on the way to the first frame.
                let mut bits = Box::new([0u64; 1024]);
                let mut set = |range: std::ops::RangeInclusive<u32>| {
                    for c in *range.start()..=(*range.end()).min(0xFFFF) {
                        bits[c as usize / 64] |= 1 << (c as usize % 64);
                    }
                };
                let categories = icu_properties::CodePointMapData::<GeneralCategory>::new();
                for category in [
                    GeneralCategory::Control,
                    GeneralCategory::Format,
                    GeneralCategory::LineSeparator,
                    GeneralCategory::ParagraphSeparator,
                ] {
                    categories.iter_ranges_for_value(category).for_each(&mut set);
                }
                icu_properties::CodePointSetData::new::<DefaultIgnorableCodePoint>().iter_ranges().for_each(&mut set);
                bits
            });
            bits[b as usize / 64] & (1 << (b % 64)) != 0
        }
        Err(_) => by_property(c),
    }
}

fn by_property(c: char) -> bool {
    matches!(
        GeneralCategory::for_char(c),
        GeneralCategory::Control
            | GeneralCategory::Format
            | GeneralCategory::LineSeparator
            | GeneralCategory::ParagraphSeparator
    ) || DefaultIgnorableCodePoint::for_char(c)
}

/// Classifies the character `c` at byte `i` of `s`; its neighbours in `s`
/// decide for the characters whose job depends on them. Newlines and tabs
/// are the caller's business (the text pane breaks paragraphs and expands
/// tabs); everywhere else they are pictures too.
pub fn classify(s: &str, i: usize, c: char) -> Shown {
    match c {
        '\u{20}'..='\u{7E}' => Shown::Plain,
        '\u{0}'..='\u{1F}' => Shown::Picture(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7F}' => Shown::Picture('\u{2421}'),
        '\u{80}'..='\u{9F}' => Shown::CodePoint,
        c if !suspect(c) || context::kept(s, i, c) => Shown::Plain,
        _ => Shown::CodePoint,
    }
}

/// Whether the character `c` at byte `i` of `s` is shown as itself there.
pub fn shown_as_itself(s: &str, i: usize, c: char) -> bool {
    classify(s, i, c) == Shown::Plain
}

fn push_code_point(out: &mut String, c: char) {
    let _ = write!(out, "<U+{:04X}>", c as u32);
}

/// The graphemes of `text` with their byte offsets, as `grapheme_indices`
/// gives them, but without running the segmenter over ASCII: an ASCII byte
/// is a grapheme of its own unless a non-ASCII byte (a combining mark)
/// follows it, or it is the CR of a CR LF. Most text is ASCII, and laying out
/// megabytes is where the time goes.
pub fn graphemes(text: &str) -> impl Iterator<Item = (usize, &str)> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    // Over non-ASCII text, the segmenter runs until ASCII resumes.
    let mut segmenter: Option<unicode_segmentation::GraphemeIndices<'_>> = None;
    std::iter::from_fn(move || {
        if at >= bytes.len() {
            return None;
        }
        let b = bytes[at];
        let next = bytes.get(at + 1).copied();
        let alone = b.is_ascii() && next.is_none_or(|n| n.is_ascii()) && !(b == b'\r' && next == Some(b'\n'));
        if alone {
            segmenter = None;
            at += 1;
            return Some((at - 1, &text[at - 1..at]));
        }
        let seg = segmenter.get_or_insert_with(|| text[at..].grapheme_indices(true));
        let (offset, g) = seg.next().expect("text remains");
        let start = text.len() - seg.as_str().len() - g.len();
        debug_assert_eq!(start, at, "the segmenter runs in step ({offset})");
        at = start + g.len();
        Some((start, g))
    })
}

/// How the grapheme `g`, found at byte `at` of `s`, is shown, and the cells
/// it takes (as ratatui measures them). Borrowed when shown as itself.
pub fn grapheme<'a>(s: &str, at: usize, g: &'a str) -> (Cow<'a, str>, usize) {
    if let [b] = g.as_bytes() {
        if (0x20..0x7f).contains(b) {
            return (Cow::Borrowed(g), 1);
        }
    }
    // Built once a character is not shown as itself.
    let mut out: Option<String> = None;
    let mut kept_by_context = false;
    let mut end = g.len();
    for (n, (i, c)) in g.char_indices().enumerate() {
        if n > MARKS_PER_CELL {
            end = i;
            break;
        }
        match classify(s, at + i, c) {
            Shown::Plain => {
                kept_by_context |= !c.is_ascii() && suspect(c);
                if let Some(out) = &mut out {
                    out.push(c);
                }
            }
            shown => {
                let out = out.get_or_insert_with(|| g[..i].to_string());
                match shown {
                    Shown::Picture(p) => out.push(p),
                    _ => push_code_point(out, c),
                }
            }
        }
    }
    let mut shown = out.map_or(Cow::Borrowed(&g[..end]), Cow::Owned);
    // What is drawn first: the grapheme itself when nothing was replaced.
    let lead = match &shown {
        Cow::Borrowed(g) => g,
        Cow::Owned(s) => s.graphemes(true).next().unwrap_or_default(),
    };
    let lead_width = lead.cell_width() as usize;
    let mut whole = matches!(shown, Cow::Borrowed(_)) && end == g.len();
    if !kept_by_context && lead_width == 0 {
        // Nothing would be drawn of it (ratatui skips a zero-width
        // grapheme): a mark with no base, a lone vowel jamo. Say what is there.
        let mut out = String::new();
        g[..end].chars().for_each(|c| push_code_point(&mut out, c));
        shown = Cow::Owned(out);
        whole = false;
    }
    if end < g.len() {
        let dropped = g[end..].chars().count();
        let _ = write!(shown.to_mut(), "<+{dropped} marks>");
    }
    let width = if whole { lead_width } else { shown.as_ref().cell_width() as usize };
    (shown, width)
}

/// A single-line, inert form of an untrusted string: newlines, tabs and
/// every control or invisible format character become visible stand-ins.
pub fn display(s: &str) -> Cow<'_, str> {
    display_head(s, usize::MAX)
}

/// The start of [`display`]`(s)`: its graphemes up to the first one that
/// ends beyond `cells` cells, or all of it when it fits. For a string that
/// is cut to `cells` anyway (a title, a list row): only what can be shown
/// is sanitized and copied, and whatever cuts it still sees that more follows.
pub fn display_head(s: &str, cells: usize) -> Cow<'_, str> {
    // Printable ASCII is shown as itself, a cell a byte: only as much of it
    // as can be shown is looked at.
    let ascii = &s.as_bytes()[..s.len().min(cells.saturating_add(1))];
    if ascii.iter().all(|b| (0x20..0x7f).contains(b)) && s.as_bytes().get(ascii.len()).is_none_or(u8::is_ascii) {
        return Cow::Borrowed(&s[..ascii.len()]);
    }
    let mut out: Option<String> = None;
    let mut col = 0usize;
    for (at, g) in graphemes(s) {
        if col > cells {
            return Cow::Owned(out.unwrap_or_else(|| s[..at].to_string()));
        }
        let (shown, w) = grapheme(s, at, g);
        col += w;
        match (shown, &mut out) {
            (Cow::Borrowed(_), None) => {}
            (shown, out) => out.get_or_insert_with(|| s[..at].to_string()).push_str(&shown),
        }
    }
    out.map_or(Cow::Borrowed(s), Cow::Owned)
}

/// Like [`display`] but keeps line breaks, for multi-line fields
/// (descriptions, notes) that are wrapped for display.
pub fn display_multiline(s: &str) -> Cow<'_, str> {
    if !s.contains('\n') {
        return display(s);
    }
    let lines: Vec<Cow<str>> = s.split('\n').map(display).collect();
    if lines.iter().all(|l| matches!(l, Cow::Borrowed(_))) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(lines.join("\n"))
}

/// Each character of `s` with whether it is shown as itself: what a
/// grapheme that would draw as nothing is made of is not.
pub fn each_char(s: &str) -> impl Iterator<Item = (char, bool)> + '_ {
    graphemes(s).flat_map(move |(at, g)| {
        let unseen = !g.is_ascii()
            && g.cell_width() == 0
            && !g.char_indices().any(|(i, c)| suspect(c) && shown_as_itself(s, at + i, c));
        g.char_indices().map(move |(i, c)| (c, !unseen && shown_as_itself(s, at + i, c)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bmp_table_agrees_with_the_properties() {
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            assert_eq!(suspect(c), by_property(c), "{:04X}", c as u32);
        }
    }

    #[test]
    fn escape_sequences_become_pictures() {
        assert_eq!(display("a\u{1b}]52;c;Zm9v\u{7}b"), "a␛]52;c;Zm9v␇b");
        assert_eq!(display("x\u{1b}[2Jy"), "x␛[2Jy");
        assert_eq!(display("nul\0del\u{7f}"), "nul␀del␡");
        assert_eq!(display("cr\rlf\n"), "cr␍lf␊");
    }

    #[test]
    fn c1_and_bidi_controls_become_code_points() {
        assert_eq!(display("a\u{9b}b"), "a<U+009B>b");
        assert_eq!(display("\u{202E}evil\u{2066}"), "<U+202E>evil<U+2066>");
        assert_eq!(display("zero\u{200B}width\u{FEFF}"), "zero<U+200B>width<U+FEFF>");
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        for s in ["Аслан Толегенов 【top/down】 — “Yo Russians”", "👩\u{200D}👩\u{200D}👧 ❤\u{FE0F}", "क्\u{200D}ष"]
        {
            assert!(matches!(display(s), Cow::Borrowed(_)), "{s:?}");
            assert_eq!(display(s), s);
        }
    }

    #[test]
    fn multiline_keeps_newlines_only() {
        assert_eq!(display_multiline("a\nb\u{1b}c"), "a\nb␛c");
    }

    #[test]
    fn a_grapheme_draws_a_handful_of_marks_and_counts_the_rest() {
        let g = format!("e{}", "\u{301}".repeat(1000));
        let (shown, width) = grapheme(&g, 0, &g);
        let kept = format!("e{}", "\u{301}".repeat(MARKS_PER_CELL));
        assert_eq!(shown, format!("{kept}<+{} marks>", 1000 - MARKS_PER_CELL));
        assert_eq!(width, shown.as_ref().cell_width() as usize);
    }

    #[test]
    fn a_grapheme_that_draws_nothing_shows_its_code_points() {
        assert_eq!(display("\u{301}Tolegenov"), "<U+0301>Tolegenov");
        assert_eq!(grapheme("\u{301}", 0, "\u{301}").1, 8, "measured as shown");
        assert_eq!(display("x\n\u{301}"), "x␊<U+0301>");
        assert_eq!(display("e\u{301}"), "e\u{301}");
        assert_eq!(display("\u{301}\u{200D}x"), "<U+0301><U+200D>x");
    }

    #[test]
    fn display_head_sanitizes_only_what_can_be_shown() {
        assert_eq!(display_head("abcdef", 3), "abcd");
        assert_eq!(display_head("ab\u{202E}cdef", 3), "ab<U+202E>");
        assert_eq!(display_head("Толегенов", 3), "Толе");
        assert_eq!(display_head("Толе", 30), "Толе");
    }

    #[test]
    fn sanitizing_twice_changes_nothing() {
        for s in
            ["a\u{200D}b", "\u{301}x", "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}", "\u{115F}\u{1161}"]
        {
            let once = display(s).into_owned();
            assert_eq!(display(&once), once, "{s:?}");
        }
    }

    #[test]
    fn each_char_says_what_display_replaces() {
        let s = "Tole\u{200D}genov\u{7f}\u{301}👩\u{200D}👧";
        let replaced: Vec<char> = each_char(s).filter(|&(_, itself)| !itself).map(|(c, _)| c).collect();
        assert_eq!(replaced, ['\u{200D}', '\u{7f}', '\u{301}']);
    }
}
