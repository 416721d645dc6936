//! Whether a row holds a text, as `/` filters lists: case folded (as the
//! finder folds it, [`crate::query::finder::fold`]), and the characters
//! readers cannot tell apart folded too — curly and straight quotes and
//! apostrophes, the dash family — so `didn't` finds `didn’t` and `1990-91`
//! finds `1990–91`.

use crate::query::finder::fold;

/// One character as filters compare it: quotes to `'` or `"`, dashes to `-`.
fn fold_mark(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{FF07}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{FF02}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        c => c,
    }
}

/// `s` as filters compare it.
pub fn fold_for_filter(s: &str) -> String {
    let folded = fold(s);
    if folded.is_ascii() { folded } else { folded.chars().map(fold_mark).collect() }
}

/// A filter's text, folded once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    folded: String,
}

impl Needle {
    /// `None` for a text of nothing but white space: it filters nothing.
    pub fn new(query: &str) -> Option<Needle> {
        let query = query.trim();
        (!query.is_empty()).then(|| Needle { folded: fold_for_filter(query) })
    }

    /// Whether `hay` holds the text.
    pub fn matches(&self, hay: &str) -> bool {
        if hay.is_ascii() {
            // No allocation for the common case: ASCII folds in place.
            let (h, n) = (hay.as_bytes(), self.folded.as_bytes());
            return n.is_ascii() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
        }
        fold_for_filter(hay).contains(&self.folded)
    }

    /// Whether every row this one keeps is kept by `self` (it holds this one's text).
    pub fn narrows(&self, other: &Needle) -> bool {
        self.folded.contains(&other.folded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_dashes_and_case_fold() {
        let n = Needle::new("didn't").unwrap();
        assert!(n.matches("Kazakhs “didn’t have writing"));
        assert!(n.matches("DIDN'T"));
        assert!(!n.matches("did not"));
        assert!(Needle::new("1990-91").unwrap().matches("in 1990–91 and"));
        assert!(Needle::new("“exposed").unwrap().matches("who \"exposed Russophobia\""));
        assert!(Needle::new("толег").unwrap().matches("Аслан Толегенов"));
        assert!(Needle::new("КНБ").unwrap().matches("кнб"));
        assert!(Needle::new("  ").is_none());
    }

    #[test]
    fn a_longer_text_narrows_a_shorter_one() {
        let (a, ab) = (Needle::new("kaz").unwrap(), Needle::new("kazakh").unwrap());
        assert!(ab.narrows(&a) && !a.narrows(&ab));
    }
}
