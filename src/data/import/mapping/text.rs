//! The text of spans as the mapping compares and names them: a span's
//! form (its fragments joined, white space as one space), the folded form
//! spans are grouped by, and the ids made from names.

use crate::data::import::ir::SpanAnn;
use crate::support::hash::FxHashMap;

/// A span's text as a name: its fragments joined by a space, runs of white
/// space as one; borrowed from the text where it already is that.
pub(super) fn form<'t>(text: &'t str, span: &SpanAnn) -> std::borrow::Cow<'t, str> {
    if let [one] = span.fragments.as_slice() {
        let s = text.get(one.clone()).unwrap_or_default();
        if spaced_once(s) {
            return s.into();
        }
    }
    surface(text, span).split_whitespace().collect::<Vec<_>>().join(" ").into()
}

/// Whether `s` has white space only as single spaces between other characters.
pub(super) fn spaced_once(s: &str) -> bool {
    if s.starts_with(' ') || s.ends_with(' ') {
        return false;
    }
    // One pass over the bytes: a byte below 0x80 is a character, and any
    // white space other than ASCII's starts with a byte from 0xC2 up.
    let mut space = false;
    for &b in s.as_bytes() {
        match b {
            b' ' if space => return false,
            b' ' => space = true,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => return false,
            0x80.. => return !s.contains("  ") && !s.contains(|c: char| c.is_whitespace() && c != ' '),
            _ => space = false,
        }
    }
    true
}

/// A span's text: its fragments joined by a space.
pub(super) fn surface(text: &str, span: &SpanAnn) -> String {
    let mut out = String::new();
    for (i, f) in span.fragments.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(text.get(f.clone()).unwrap_or_default());
    }
    out
}

/// The characters text is compared by, its fragments joined by a space:
/// ignoring case, runs of white space, and the variants of quotes and
/// dashes that readers cannot tell apart. The definition, written as an
/// iterator; [`fold_into`] is what the mapping runs, and tests hold it to this.
#[cfg(test)]
pub(super) fn normalized<'a>(fragments: impl Iterator<Item = &'a str> + 'a) -> impl Iterator<Item = char> + 'a {
    let mut chars = fragments.enumerate().flat_map(|(i, f)| if i > 0 { " " } else { "" }.chars().chain(f.chars()));
    let mut pending: Option<char> = None;
    let mut lower = None::<std::char::ToLowercase>;
    let mut started = false;
    std::iter::from_fn(move || {
        loop {
            if let Some(l) = lower.as_mut() {
                if let Some(c) = l.next() {
                    return Some(c);
                }
                lower = None;
            }
            if let Some(c) = pending.take() {
                lower = Some(c.to_lowercase());
                continue;
            }
            let mut c = chars.next()?;
            if c.is_whitespace() {
                // A run of white space is one space, and none at either end.
                loop {
                    match chars.next() {
                        Some(next) if next.is_whitespace() => {}
                        Some(next) => {
                            c = next;
                            break;
                        }
                        None => return None,
                    }
                }
                if started {
                    pending = Some(fold(c));
                    return Some(' ');
                }
            }
            started = true;
            lower = Some(fold(c).to_lowercase());
        }
    })
}

/// [`normalized`] into a buffer, reused from span to span, in one loop
/// over the characters (an ASCII one lower-cased in place), without the
/// iterator's state: a million spans are folded.
pub(super) fn fold_into<'a>(out: &mut String, fragments: impl Iterator<Item = &'a str> + 'a) {
    out.clear();
    // A space is owed between two characters that white space (or the
    // join of two fragments) separates; none at either end.
    let mut space = false;
    for (i, fragment) in fragments.enumerate() {
        if i > 0 {
            space = !out.is_empty();
        }
        for c in fragment.chars() {
            if c.is_whitespace() {
                space = !out.is_empty();
                continue;
            }
            if space {
                out.push(' ');
                space = false;
            }
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            } else if let Some(lower) = folded_lower(c) {
                out.push(lower);
            } else {
                out.extend(fold(c).to_lowercase());
            }
        }
    }
}

/// The first characters past ASCII (Latin, Greek, Cyrillic, Armenian,
/// Hebrew, Arabic, ...) that fold and lower-case to one character.
const TABLE_END: u32 = 0x800;

/// `fold(c)` lower-cased, for a character below [`TABLE_END`] that becomes
/// one character, from a table made once: asking `to_lowercase` searches
/// the whole Unicode case table, for each of a million names' characters.
fn folded_lower(c: char) -> Option<char> {
    static TABLE: std::sync::OnceLock<Vec<u16>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        (0x80..TABLE_END)
            .map(|u| {
                let mut lower = char::from_u32(u).map(|c| fold(c).to_lowercase()).into_iter().flatten();
                match (lower.next(), lower.next()) {
                    (Some(one), None) => u16::try_from(u32::from(one)).unwrap_or(0),
                    _ => 0,
                }
            })
            .collect()
    });
    let at = (c as u32).checked_sub(0x80)?;
    let lower = *table.get(at as usize)?;
    (lower != 0).then(|| char::from_u32(u32::from(lower))).flatten()
}

pub(super) fn fold(c: char) -> char {
    match c {
        '‘' | '’' | '‛' | 'ʼ' | '′' => '\'',
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        c => c,
    }
}

/// What [`normalized`] yields, as a string (for tests).
#[cfg(test)]
pub(super) fn normalize(s: &str) -> String {
    normalized(std::iter::once(s)).collect()
}

/// `%XX` escapes (what `convert` writes for spaces in ids) decoded.
pub(super) fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// An id from a name: lower-case letters and digits, other runs as `-`.
pub(super) fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() > 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "x".to_string() } else { out.to_string() }
}

/// `base`, or `base-2`, `base-3`, ... : the first that `taken` does not hold.
pub(super) fn unique<V>(taken: &FxHashMap<String, V>, base: String) -> String {
    if !taken.contains_key(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !taken.contains_key(id)).expect("some number is free")
}
