//! Whether a row holds a text, as `/` filters lists: case folded (as every
//! search folds it, [`crate::text::fold`]), and the characters
//! readers cannot tell apart folded too — curly and straight quotes and
//! apostrophes, the dash family — so `didn't` finds `didn’t` and `1990-91`
//! finds `1990–91`.

use crate::text::fold::fold;

/// `s` as filters compare it (quotes, dashes and case folded, as every
/// search folds them).
pub fn fold_for_filter(s: &str) -> String {
    fold(s)
}

/// A filter's text, folded once, and a searcher for it.
#[derive(Debug, Clone)]
pub struct Needle {
    folded: String,
    finder: memchr::memmem::Finder<'static>,
}

impl PartialEq for Needle {
    fn eq(&self, other: &Needle) -> bool {
        self.folded == other.folded
    }
}

impl Eq for Needle {}

impl Needle {
    /// `None` for a text of nothing but white space: it filters nothing.
    pub fn new(query: &str) -> Option<Needle> {
        let query = query.trim();
        let folded = fold_for_filter(query);
        let finder = memchr::memmem::Finder::new(folded.as_bytes()).into_owned();
        (!query.is_empty()).then_some(Needle { folded, finder })
    }

    /// Whether `folded` (a text already folded by [`fold_for_filter`]) holds the text.
    pub fn matches_folded(&self, folded: &str) -> bool {
        self.finder.find(folded.as_bytes()).is_some()
    }

    /// Whether every row this one keeps is kept by `self` (it holds this one's text).
    pub fn narrows(&self, other: &Needle) -> bool {
        self.folded.contains(&other.folded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Needle {
        fn matches(&self, hay: &str) -> bool {
            self.matches_folded(&fold_for_filter(hay))
        }
    }

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
        // Folded a character at a time, as the whole text folds.
        let n = Needle::new("ёжик").unwrap();
        assert!(n.matches("ЁЖИКИ и ёжики") && !n.matches("ежик"));
        assert!(Needle::new("ab").unwrap().matches("xxAB") && !Needle::new("abc").unwrap().matches("ab"));
    }

    #[test]
    fn a_longer_text_narrows_a_shorter_one() {
        let (a, ab) = (Needle::new("kaz").unwrap(), Needle::new("kazakh").unwrap());
        assert!(ab.narrows(&a) && !a.narrows(&ab));
    }
}
