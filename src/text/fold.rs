//! What every search treats as the same character: the quotes and
//! apostrophes a reader cannot tell apart (`'` `‘` `’` `′` ...), the dash
//! family (`-` `‐` `‑` `–` `—` `−` ...) and, unless the query asks for
//! case (smart case: a query with an upper-case letter), case. The finder,
//! `/` in a document and the corpus-wide search all fold through here, so
//! `didn't` finds the analysis's `didn’t` wherever it is typed.
//!
//! Folding is one character to one character, so positions counted in
//! characters stay positions in the original; byte lengths may differ
//! (`’` is three bytes, `'` one), which is why searches match per
//! character (or expand the pattern, see [`groups`]) rather than search a
//! folded copy of the text.

/// The characters folded together, each group's first member the one the
/// others fold to.
const GROUPS: [&[char]; 3] = [
    // Apostrophes and single quotes: typewriter, curly, low-9, reversed,
    // prime, fullwidth. (Not the modifier letter apostrophe ʼ: it is a
    // letter, part of a word as `\w` sees it.)
    &['\'', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '\u{2032}', '\u{FF07}'],
    // Double quotes: typewriter, curly, low-9, reversed, double prime, fullwidth.
    &['"', '\u{201C}', '\u{201D}', '\u{201E}', '\u{201F}', '\u{2033}', '\u{FF02}'],
    // Hyphen-minus, hyphen, non-breaking hyphen, figure dash, en and em
    // dash, horizontal bar, minus sign, small and fullwidth hyphen-minus.
    &['-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}', '\u{2015}', '\u{2212}', '\u{FE63}', '\u{FF0D}'],
];

/// The groups of characters folded together (for a matcher that expands a
/// pattern's characters into classes instead of folding the text).
pub fn groups() -> &'static [&'static [char]] {
    &GROUPS
}

/// The quote or dash `c` folds to (`c` itself when it is neither).
pub fn fold_punct(c: char) -> char {
    // Every folded quote and dash is from U+2010 up: letters below it (Cyrillic, accented Latin) need no look.
    if (c as u32) < 0x2010 {
        return c;
    }
    GROUPS.iter().find(|g| g.contains(&c)).map_or(c, |g| g[0])
}

/// Lower case, one character to one character.
pub fn fold_case(c: char) -> char {
    if c.is_ascii() { c.to_ascii_lowercase() } else { c.to_lowercase().next().unwrap_or(c) }
}

/// Quotes, dashes and case folded.
pub fn fold_char(c: char) -> char {
    fold_case(fold_punct(c))
}

/// `s` with every character folded (see [`fold_char`]).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // Runs of ASCII (most of any text) are copied and lower-cased whole.
    let mut folded = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        let from = folded.len();
        folded.push_str(&rest[..ascii]);
        folded[from..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            folded.push(fold_char(c));
            rest = &rest[c.len_utf8()..];
        }
    }
    folded
}

/// Smart case: a query with an upper-case letter is matched as typed
/// (quotes and dashes still fold); one without ignores case.
pub fn wants_case(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_dashes_and_case_fold_one_character_to_one() {
        assert_eq!(fold("Didn’t"), "didn't");
        assert_eq!(fold("“Quoted” — Dar‘ya’s 10−15 non‑breaking"), "\"quoted\" - dar'ya's 10-15 non-breaking");
        assert_eq!(fold("ТОЛЕГЕНОВ"), "толегенов");
        for s in ["Didn’t", "“x” — y", "ǅ İ ẞ"] {
            assert_eq!(fold(s).chars().count(), s.chars().count(), "{s}");
        }
        // Other punctuation and guillemets are what they are.
        assert_eq!(fold("«a» `b´ …"), "«a» `b´ …");
    }

    #[test]
    fn every_group_folds_to_its_first_member_and_no_character_is_in_two() {
        for g in groups() {
            for &c in g.iter() {
                assert_eq!(fold_punct(c), g[0], "{c:?}");
            }
        }
        let all: Vec<char> = groups().iter().flat_map(|g| g.iter().copied()).collect();
        for (i, c) in all.iter().enumerate() {
            assert!(!all[..i].contains(c), "{c:?} twice");
        }
    }

    #[test]
    fn smart_case_wants_case_only_for_an_upper_case_letter() {
        assert!(!wants_case("didn't — 10"));
        assert!(wants_case("KNB"));
        assert!(wants_case("Толег"));
    }
}
