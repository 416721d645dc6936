//! Word-wrapping a document to a width, once per width.
//!
//! A [`TextLayout`] is a list of visual lines, each a byte range of the
//! document's text, so every view can map between lines and text positions
//! (and a scroll position kept as a byte offset survives re-wrapping).
//! Widths are measured per grapheme the way ratatui measures them, on the
//! form that is actually shown: control and invisible characters as their
//! visible stand-ins, tabs expanded to the next multiple of [`TAB`].
//! Paragraphs (lines of the source) are separated by one blank line.

use std::borrow::Cow;

use crate::support::parallel;
use crate::text::sanitize;

/// Tab stops every this many columns.
pub const TAB: usize = 4;

/// One line on screen: the byte range `[start, end)` of the text it shows.
/// A blank line between paragraphs is the range of the newline itself, so
/// every byte of the text belongs to exactly one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisualLine {
    pub start: u32,
    pub end: u32,
}

impl VisualLine {
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A document laid out for one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextLayout {
    pub width: u16,
    pub lines: Vec<VisualLine>,
}

pub use crate::text::sanitize::graphemes;

/// How the grapheme `g`, found at byte `at` of `text`, is shown: the string
/// put on screen and its width in cells. The text around it decides for the
/// characters whose job depends on their neighbours (see [`sanitize`]), so
/// a grapheme is shown alike wherever it is drawn from.
pub fn shown<'a>(text: &str, at: usize, g: &'a str, column: usize) -> (Cow<'a, str>, usize) {
    if g == "\t" {
        let n = TAB - column % TAB;
        return (Cow::Owned(" ".repeat(n)), n);
    }
    sanitize::grapheme(text, at, g)
}

/// The width of a grapheme as shown (see [`shown`]), without building its text.
fn cell_width(text: &str, at: usize, g: &str, column: usize) -> usize {
    match g.as_bytes() {
        [b] if (0x20..0x7f).contains(b) => 1,
        _ => shown(text, at, g, column).1,
    }
}

/// Whether a character is a space to break a line at, and to trim from its
/// end: whitespace shown as itself (or a tab, shown as spaces), not a
/// no-break space. A line or paragraph separator is shown as `<U+2028>`, so
/// it is neither: what is trimmed must be what would have shown as blank.
fn is_break_char(c: char) -> bool {
    c == '\t'
        || (c.is_whitespace()
            && !matches!(c, '\u{A0}' | '\u{2007}' | '\u{202F}')
            && sanitize::shown_as_itself(c.encode_utf8(&mut [0; 4]), 0, c))
}

/// Whether a grapheme is a place to break a line (see [`is_break_char`]).
fn is_break_space(g: &str) -> bool {
    let mut chars = g.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => is_break_char(c),
        _ => false,
    }
}

/// A visual line's text without the spaces at its end, which are not drawn
/// (nor the newline that a blank line between paragraphs is made of).
pub fn trim_end(line: &str) -> &str {
    line.strip_suffix('\n').unwrap_or(line).trim_end_matches(is_break_char)
}

impl TextLayout {
    /// Lays out `text` for a pane `width` cells wide (at least 2, so a wide
    /// character always fits).
    pub fn new(text: &str, width: u16) -> TextLayout {
        TextLayout::in_halves_from(text, width, HALVES_FROM)
    }

    /// [`TextLayout::new`]; a text of `from` bytes or more is laid out in
    /// two halves on two threads, split between paragraphs (each paragraph
    /// wraps on its own, so the halves join as if laid out in one go).
    fn in_halves_from(text: &str, width: u16, from: usize) -> TextLayout {
        let w = width.max(2) as usize;
        let split = (text.len() >= from && parallel::two_cores())
            .then(|| memchr::memchr(b'\n', &text.as_bytes()[text.len() / 2..]).map(|i| text.len() / 2 + i))
            .flatten();
        let lines = match split {
            None => paragraphs(text, 0, text.len(), w, usize::MAX),
            Some(split) => {
                let (mut first, second) = parallel::both(
                    "a layout thread panicked",
                    || paragraphs(text, 0, split, w, usize::MAX),
                    || paragraphs(text, split + 1, text.len(), w, usize::MAX),
                );
                first.push(VisualLine { start: split as u32, end: split as u32 + 1 });
                first.extend(second);
                first
            }
        };
        TextLayout { width, lines }
    }

    /// The first `max` lines of [`TextLayout::new`]'s, laying out no further:
    /// for a detail box that shows a few lines of a field of any length.
    pub fn first_lines(text: &str, width: u16, max: usize) -> TextLayout {
        let mut lines = paragraphs(text, 0, text.len(), width.max(2) as usize, max);
        lines.truncate(max);
        TextLayout { width, lines }
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The visual line showing byte `pos` (the last line starting at or before it).
    pub fn line_of(&self, pos: usize) -> usize {
        self.lines.partition_point(|l| l.start as usize <= pos).saturating_sub(1)
    }
}

/// Texts this long are laid out on two threads (see [`TextLayout::new`]).
const HALVES_FROM: usize = 1 << 20;

/// The lines of the paragraphs of `text[from..to]`, where `to` is the end
/// of the text or a newline; once there are `max` lines, no more are made.
fn paragraphs(text: &str, from: usize, to: usize, width: usize, max: usize) -> Vec<VisualLine> {
    let mut lines = Vec::with_capacity(((to - from) / width + 8).min(max));
    let mut para_start = from;
    loop {
        let para_end = memchr::memchr(b'\n', &text.as_bytes()[para_start..to]).map_or(to, |i| para_start + i);
        wrap_paragraph(text, para_start, para_end, width, max, &mut lines);
        if para_end == to || lines.len() >= max {
            return lines;
        }
        // The blank line between paragraphs shows the newline (as nothing).
        lines.push(VisualLine { start: para_end as u32, end: para_end as u32 + 1 });
        para_start = para_end + 1;
    }
}

/// Wraps one paragraph. An empty paragraph adds no line of its own: the
/// blank lines around it show it, and every line keeps a distinct start.
fn wrap_paragraph(text: &str, start: usize, end: usize, width: usize, max: usize, lines: &mut Vec<VisualLine>) {
    if start == end {
        return;
    }
    let push =
        |lines: &mut Vec<VisualLine>, a: usize, b: usize| lines.push(VisualLine { start: a as u32, end: b as u32 });
    let mut line_start = start;
    let mut col = 0usize;
    // Where the line may break: the end of the last run of spaces, and the
    // width of the word that has been laid out since.
    let mut break_at: Option<usize> = None;
    let mut word_width = 0usize;
    let mut in_space = false;
    for (offset, g) in graphemes(&text[start..end]) {
        if lines.len() >= max {
            return;
        }
        let at = start + offset;
        let w = cell_width(text, at, g, col);
        if is_break_space(g) {
            col += w;
            in_space = true;
            continue;
        }
        if in_space {
            break_at = Some(at);
            word_width = 0;
            in_space = false;
        }
        if col + w > width && col > 0 {
            if let Some(b) = break_at.filter(|&b| b > line_start) {
                push(lines, line_start, b);
                line_start = b;
                col = word_width;
            }
            // A word wider than the pane is cut where it stops fitting.
            if col + w > width && col > 0 {
                push(lines, line_start, at);
                line_start = at;
                col = 0;
                word_width = 0;
            }
            break_at = None;
        }
        col += w;
        word_width += w;
    }
    push(lines, line_start, end);
}

/// The width of `text` as shown, every cell counted (trailing spaces too).
pub fn cells(text: &str) -> usize {
    let mut col = 0;
    for (at, g) in graphemes(text) {
        col += cell_width(text, at, g, col);
    }
    col
}

/// The width of a visual line's text as shown, not counting trailing spaces.
pub fn shown_width(text: &str) -> usize {
    let mut col = 0;
    let mut visible = 0;
    for (at, g) in graphemes(text) {
        col += cell_width(text, at, g, col);
        if !is_break_space(g) {
            visible = col;
        }
    }
    visible
}

/// The start of `s` as it is, enough to fill `cells` cells and one grapheme
/// more, whole graphemes (all of `s` when it is shorter): for a field of any
/// length put into text that is wrapped to a few lines, so only what those
/// lines can show is copied and laid out. The grapheme to spare gives the
/// last shown one its neighbour, and says that more follows.
pub fn head(s: &str, cells: usize) -> &str {
    let mut col = 0;
    for (at, g) in graphemes(s) {
        if col > cells {
            return &s[..at];
        }
        col += cell_width(s, at, g, col);
    }
    s
}

/// [`fit`] for a row of one line: line breaks (and the white space around
/// them) read as one space, not as `␊` (a claim's text may hold a paragraph
/// break).
pub fn fit_one_line(s: &str, width: usize) -> String {
    let start = head(s, width.saturating_mul(2).saturating_add(8));
    if !start.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
        return fit(s, width);
    }
    let joined = start.split(['\n', '\r', '\u{2028}', '\u{2029}']).map(str::trim).filter(|l| !l.is_empty());
    let joined = joined.collect::<Vec<_>>().join(" ");
    // What follows the start still says that more follows.
    let more = if start.len() < s.len() { "…" } else { "" };
    fit(&format!("{joined}{more}"), width)
}

/// `s` made safe to show and cut to at most `width` cells, with `…` when
/// cut. Only the graphemes up to the cut are looked at: a 10 MB name costs
/// what its first `width` cells do.
pub fn fit(s: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut col = 0;
    // Where the `…` goes if it turns out to be needed: after what fits in
    // one cell less.
    let mut cut: Option<usize> = None;
    for (at, g) in graphemes(s) {
        let (text, w) = shown(s, at, g, col);
        if col + w > width {
            out.truncate(cut.unwrap_or(out.len()));
            out.push('…');
            return out;
        }
        if cut.is_none() && col + w > width - 1 {
            cut = Some(out.len());
        }
        out.push_str(&text);
        col += w;
    }
    out
}

/// The end of `s`, made safe to show and cut to at most `width` cells, with
/// `…` in front when cut (for text that leads up to something).
pub fn fit_tail(s: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let all: Vec<(usize, &str)> = graphemes(s).collect();
    let mut kept: Vec<Cow<str>> = Vec::new();
    let mut used = 0;
    for (i, &(at, g)) in all.iter().enumerate().rev() {
        let (t, w) = shown(s, at, g, 0);
        // The first grapheme may take the ellipsis's cell.
        let room = if i == 0 { width } else { width - 1 };
        if used + w > room {
            kept.reverse();
            return format!("…{}", kept.concat());
        }
        used += w;
        kept.push(t);
    }
    kept.reverse();
    kept.concat()
}

#[cfg(test)]
mod tests {

    #[test]
    fn one_line_rows_read_line_breaks_as_spaces() {
        assert_eq!(fit_one_line("first line\n\n  second", 40), "first line second");
        assert_eq!(fit_one_line("a\r\nb", 10), "a b");
        assert_eq!(fit_one_line("no breaks here", 8), fit("no breaks here", 8));
        let long = format!("{}\n{}", "x".repeat(50), "y".repeat(5000));
        assert_eq!(fit_one_line(&long, 20).chars().count(), 20);
        assert!(fit_one_line(&long, 20).ends_with('…'));
    }
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn lines<'t>(text: &'t str, layout: &TextLayout) -> Vec<&'t str> {
        layout.lines.iter().map(|l| &text[l.range()]).collect()
    }

    #[test]
    fn wraps_at_spaces_and_keeps_paragraphs() {
        let text = "the quick brown fox jumps\nover";
        let l = TextLayout::new(text, 10);
        assert_eq!(lines(text, &l), vec!["the quick ", "brown fox ", "jumps", "\n", "over"]);
    }

    #[test]
    fn two_halves_lay_out_as_one() {
        let texts = [
            "the quick brown fox jumps\nover the lazy dog\n\nАслан Толегенов 【top/down】\n",
            "\n\none\n\n\ntwo three four five six seven\n",
            "no newline at all, only words that wrap and wrap and wrap",
            "middle\n",
            "Толегенов\nАстана",
            "Толегенов Астана\n\nТокаев",
        ];
        for text in texts {
            for width in [2u16, 5, 9, 30] {
                let one = TextLayout::in_halves_from(text, width, usize::MAX);
                assert_eq!(TextLayout::in_halves_from(text, width, 0), one, "{text:?} at {width}");
            }
        }
    }

    #[test]
    fn every_byte_belongs_to_exactly_one_line_in_order() {
        let text = "Аслан Толегенов 【top/down】 — “quoted” words\n\nsecond\tpara with a verylongwordthatcannotfit";
        for width in [2u16, 3, 5, 8, 13, 40] {
            let l = TextLayout::new(text, width);
            let mut pos = 0;
            for line in &l.lines {
                assert_eq!(line.start as usize, pos, "width {width}: a gap or an overlap before {line:?}");
                pos = line.end as usize;
                assert!(
                    shown_width(&text[line.range()]) <= (width as usize).max(2),
                    "width {width}: {:?}",
                    &text[line.range()]
                );
            }
            assert_eq!(pos, text.len());
        }
    }

    #[test]
    fn a_word_wider_than_the_pane_after_a_space_is_cut_to_fit() {
        let text = " aaa【top/down】";
        let l = TextLayout::new(text, 14);
        assert_eq!(lines(text, &l), vec![" ", "aaa【top/down", "】"]);
        // A bare CR is shown as ␍: no place to break.
        let text = "\raaa【top/down】";
        assert_eq!(lines(text, &TextLayout::new(text, 14)), vec!["\raaa【top/down", "】"]);
    }

    #[test]
    fn display_width_counts_wide_and_cyrillic_characters() {
        // Fullwidth brackets take two cells each; Cyrillic takes one.
        assert_eq!(shown_width("【top】"), 7);
        assert_eq!(shown_width("Толегенов"), 9);
        assert_eq!(shown_width(" ⇄ "), 2);
        assert_eq!(cells(" ⇄ "), 3);
        let text = "【top/down】 buttons";
        let l = TextLayout::new(text, 12);
        assert_eq!(lines(text, &l), vec!["【top/down】 ", "buttons"]);
    }

    #[test]
    fn long_words_break_by_grapheme_and_controls_count_as_shown() {
        let text = "abcdefghij";
        assert_eq!(lines(text, &TextLayout::new(text, 4)), vec!["abcd", "efgh", "ij"]);
        // ESC is shown as one picture cell, U+202E as eight cells of <U+202E>.
        assert_eq!(shown_width("a\u{1b}b"), 3);
        assert_eq!(shown_width("\u{202E}"), 8);
        assert_eq!(shown("\t", 0, "\t", 1).1, 3);
    }

    #[test]
    fn empty_paragraphs_show_as_blank_lines_with_distinct_starts() {
        let text = "a\n\nb\n";
        let l = TextLayout::new(text, 10);
        assert_eq!(lines(text, &l), vec!["a", "\n", "\n", "b", "\n"]);
        assert!(l.lines.windows(2).all(|w| w[0].start < w[1].start));
    }

    #[test]
    fn fast_graphemes_are_the_segmenters() {
        for text in [
            "plain ascii text",
            "e\u{301}cole a\u{308}\u{304}",
            "cr\r\nlf\rcr\n\r",
            "Аслан Толегенов 【top】 👩‍👩‍👧 x",
            "\u{1b}[31m\u{202e}tab\there",
            "a\u{200d}b",
            "",
        ] {
            let fast: Vec<(usize, &str)> = graphemes(text).collect();
            let slow: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
            assert_eq!(fast, slow, "{text:?}");
        }
    }

    #[test]
    fn fit_tail_keeps_the_end() {
        assert_eq!(fit_tail("a long lead-in to", 8), "…d-in to");
        assert_eq!(fit_tail("short", 8), "short");
        assert_eq!(fit_tail("ab【top】", 5), "…op】");
        assert_eq!(fit_tail("x", 0), "");
    }

    #[test]
    fn fit_cuts_by_display_width_with_an_ellipsis() {
        assert_eq!(fit("Tolegenov", 20), "Tolegenov");
        assert_eq!(fit("Tolegenov", 9), "Tolegenov");
        assert_eq!(fit("Tolegenov", 5), "Tole…");
        assert_eq!(fit("【top/down】", 5), "【to…");
        assert_eq!(fit("a\u{1b}[31mb", 20), "a␛[31mb");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn separators_at_a_wrap_point_are_shown_not_trimmed() {
        // U+2028 is shown as <U+2028>: it is no place to break, and not blank.
        let text = "aaaa\u{2028}bbbb";
        let l = TextLayout::new(text, 10);
        assert_eq!(lines(text, &l), vec!["aaaa", "\u{2028}bb", "bb"]);
        assert_eq!(trim_end("aaaa\u{2028}"), "aaaa\u{2028}");
        assert_eq!(trim_end("aaaa \t"), "aaaa");
        assert_eq!(trim_end("aaaa\r"), "aaaa\r");
    }

    #[test]
    fn first_lines_are_the_layouts_first_lines() {
        let text = "the quick brown fox jumps\nover the lazy dog\n\nand on";
        let all = TextLayout::new(text, 10);
        for max in 0..all.len() + 2 {
            let first = TextLayout::first_lines(text, 10, max);
            assert_eq!(first.lines, all.lines[..max.min(all.len())], "{max}");
        }
    }

    #[test]
    fn fit_looks_no_further_than_the_cut() {
        let huge = format!("Tolegenov {}", "\u{202E}x".repeat(1_000_000));
        assert_eq!(fit(&huge, 12), "Tolegenov …");
        assert_eq!(fit("Tolegenov\u{202E}", 17), "Tolegenov<U+202E>");
        assert_eq!(fit("Tolegenov\u{202E}", 16), "Tolegenov…");
    }

    #[test]
    fn line_of_finds_the_line_showing_a_byte() {
        let text = "one two three\nfour";
        let l = TextLayout::new(text, 8);
        assert_eq!(lines(text, &l), vec!["one two ", "three", "\n", "four"]);
        assert_eq!(l.line_of(0), 0);
        assert_eq!(l.line_of(9), 1);
        assert_eq!(l.line_of(13), 2);
        assert_eq!(l.line_of(14), 3);
        assert_eq!(l.line_of(text.len()), 3);
    }
}
