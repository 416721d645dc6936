//! The one place where untrusted text becomes safe to show.
//!
//! Corpus text reaches the terminal and stderr. A string from a corpus must
//! never be able to move the cursor, set the window title, write to the
//! clipboard, or reorder what the user sees. Every string that is displayed
//! goes through [`display`] (one line) or [`display_char`] (the text pane,
//! which lays out its own lines): control characters become visible control
//! pictures (`␛`) or `<U+0085>` notation, as `less` does, and bidi controls and
//! invisible format characters become `<U+202E>` notation.

use std::borrow::Cow;

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

/// Characters that change the order or visibility of text without being
/// visible themselves (Trojan Source and similar spoofing).
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{FEFF}'
            | '\u{FFF9}'..='\u{FFFB}'
    )
}

/// Classifies one character. Newlines and tabs are the caller's business
/// (the text pane breaks paragraphs and expands tabs); everywhere else they
/// are pictures too.
pub fn classify(c: char) -> Shown {
    match c {
        '\u{0}'..='\u{1F}' => Shown::Picture(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7F}' => Shown::Picture('\u{2421}'),
        '\u{80}'..='\u{9F}' => Shown::CodePoint,
        c if is_invisible_format(c) => Shown::CodePoint,
        _ => Shown::Plain,
    }
}

/// Appends the displayed form of `c` to `out`.
pub fn push_shown(out: &mut String, c: char) {
    match classify(c) {
        Shown::Plain => out.push(c),
        Shown::Picture(p) => out.push(p),
        Shown::CodePoint => {
            use std::fmt::Write;
            let _ = write!(out, "<U+{:04X}>", c as u32);
        }
    }
}

/// Whether `s` can be shown exactly as it is.
pub fn is_clean(s: &str) -> bool {
    s.chars().all(|c| classify(c) == Shown::Plain)
}

/// A single-line, inert form of an untrusted string: newlines, tabs and
/// every control or invisible format character become visible stand-ins.
pub fn display(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        push_shown(&mut out, c);
    }
    Cow::Owned(out)
}

/// Like [`display`] but keeps line breaks, for multi-line fields
/// (descriptions, notes) that are wrapped for display.
pub fn display_multiline(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| c == '\n' || classify(c) == Shown::Plain) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\n' {
            out.push('\n');
        } else {
            push_shown(&mut out, c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let s = "Аслан Толегенов 【top/down】 — “Yo Russians”";
        assert!(matches!(display(s), Cow::Borrowed(_)));
        assert_eq!(display(s), s);
    }

    #[test]
    fn multiline_keeps_newlines_only() {
        assert_eq!(display_multiline("a\nb\u{1b}c"), "a\nb␛c");
    }
}
