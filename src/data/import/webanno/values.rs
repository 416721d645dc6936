//! Cell values and `#Text=` lines as the format escapes them: `\|`, `\_`,
//! `\[`, `\]`, `\;`, `\*`, `\->`, `\\`, `\t`, `\n` in values; control
//! characters and `\\` in text (3.2 on), the Java way before (`\uXXXX`
//! too). A separator is a `|` (stacked annotations) or `;` (slots) not
//! preceded by a backslash, as the tool splits them; a value may end in a
//! disambiguation suffix `[n]` (`[a_b]` on a relation's governor) or a
//! chain's `->c-e`.

use std::borrow::Cow;

/// Splits on `sep` where it is not escaped.
pub(super) fn split_unescaped(value: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(value);
    std::iter::from_fn(move || {
        let s = rest?;
        let bytes = s.as_bytes();
        let at = (0..bytes.len()).find(|&i| bytes[i] == sep && (i == 0 || bytes[i - 1] != b'\\'));
        match at {
            Some(i) => {
                rest = Some(&s[i + 1..]);
                Some(&s[..i])
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

/// `value[n]` → (`value`, `n`); the suffix as written, unparsed.
pub(super) fn bracket_suffix(value: &str) -> (&str, Option<&str>) {
    if value.ends_with(']') && !value.ends_with("\\]") {
        if let Some(open) = value.rfind('[') {
            return (&value[..open], Some(&value[open + 1..value.len() - 1]));
        }
    }
    (value, None)
}

/// `value->c-e` → (`value`, `c`, `e`) when the arrow is not escaped.
pub(super) fn chain_suffix(value: &str) -> Option<(&str, u32, u32)> {
    let arrow = value.rfind("->")?;
    if value[..arrow].ends_with('\\') {
        return None;
    }
    let (chain, element) = value[arrow + 2..].split_once('-')?;
    let number = |s: &str| if s.bytes().all(|b| b.is_ascii_digit()) { s.parse().ok() } else { None };
    Some((&value[..arrow], number(chain)?, number(element)?))
}

/// A feature value: `*` is an annotation without one.
pub(super) fn feature(value: &str) -> Option<Cow<'_, str>> {
    if value == "*" { None } else { Some(unescape_value(value)) }
}

pub(super) fn unescape_value(value: &str) -> Cow<'_, str> {
    if !value.contains('\\') {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some(e @ ('\\' | '[' | ']' | '|' | '_' | ';' | '*')) => {
                out.push(e);
                chars.next();
            }
            Some('t') => {
                out.push('\t');
                chars.next();
            }
            Some('n') => {
                out.push('\n');
                chars.next();
            }
            Some('-') if value_has_arrow(&chars) => {
                out.push_str("->");
                chars.next();
                chars.next();
            }
            _ => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

fn value_has_arrow(chars: &std::iter::Peekable<std::str::Chars>) -> bool {
    let mut ahead = chars.clone();
    ahead.next() == Some('-') && ahead.next() == Some('>')
}

/// A `#Text=` line's text; `java` for 3.0 and 3.1.
pub(super) fn unescape_text(text: &str, java: bool) -> Cow<'_, str> {
    if !text.contains('\\') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let mut ahead = chars.clone();
        let unescaped = match ahead.next() {
            Some('t') => Some('\t'),
            Some('n') => Some('\n'),
            Some('r') => Some('\r'),
            Some('f') => Some('\u{c}'),
            Some('b') => Some('\u{8}'),
            Some('\\') => Some('\\'),
            Some(c) if !java && (c as u32) < 32 => Some(c),
            Some(q @ ('"' | '\'')) if java => Some(q),
            Some('u') if java => {
                let hex: String = ahead.by_ref().take(4).collect();
                u32::from_str_radix(&hex, 16).ok().filter(|_| hex.len() == 4).and_then(char::from_u32)
            }
            _ => None,
        };
        match unescaped {
            Some(u) => {
                out.push(u);
                chars = ahead;
            }
            None => out.push('\\'),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_split_where_not_escaped() {
        assert_eq!(split_unescaped("ORG[7]|PER[8]", b'|').collect::<Vec<_>>(), ["ORG[7]", "PER[8]"]);
        assert_eq!(split_unescaped("a\\|b|c", b'|').collect::<Vec<_>>(), ["a\\|b", "c"]);
        assert_eq!(split_unescaped("p1;p1", b';').collect::<Vec<_>>(), ["p1", "p1"]);
        assert_eq!(split_unescaped("", b'|').collect::<Vec<_>>(), [""]);
    }

    #[test]
    fn suffixes_are_taken_off_unless_escaped() {
        assert_eq!(bracket_suffix("PER[2]"), ("PER", Some("2")));
        assert_eq!(bracket_suffix("1-3[0_2]"), ("1-3", Some("0_2")));
        assert_eq!(bracket_suffix("a\\[b\\]"), ("a\\[b\\]", None));
        assert_eq!(bracket_suffix("PER"), ("PER", None));
        assert_eq!(chain_suffix("coref->1-2"), Some(("coref", 1, 2)));
        assert_eq!(chain_suffix("*->12-3"), Some(("*", 12, 3)));
        assert_eq!(chain_suffix("a\\->1-2"), None);
        assert_eq!(chain_suffix("x->1"), None);
    }

    #[test]
    fn values_and_text_unescape() {
        assert_eq!(unescape_value("a\\|b\\_c\\[1\\]\\;\\*\\->\\\\\\t"), "a|b_c[1];*->\\\t");
        assert_eq!(unescape_value("plain"), "plain");
        assert_eq!(unescape_value("end\\"), "end\\");
        assert_eq!(feature("*"), None);
        assert_eq!(unescape_text("a\\tb\\\\n\\rc", false), "a\tb\\n\rc");
        assert_eq!(unescape_text("\\u00e9\\q", true), "é\\q");
        assert_eq!(unescape_text("\\u00e9", false), "\\u00e9");
    }
}
