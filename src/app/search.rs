//! Searching a document's text for `/`: smart case (case-insensitive unless
//! the query has an upper-case letter), Unicode-aware, non-overlapping.

use crate::finder::fold;
use crate::model::{DocIdx, Span};

/// A search and its matches in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub query: String,
    pub doc: DocIdx,
    pub matches: Vec<Span>,
    /// The match last stepped to.
    pub current: Option<usize>,
}

/// Every non-overlapping match of `query` in `text`, in order.
pub fn find_all(text: &str, query: &str) -> Vec<Span> {
    if query.is_empty() {
        return Vec::new();
    }
    if query.chars().any(char::is_uppercase) {
        return text.match_indices(query).map(|(i, m)| Span::new(i, i + m.len())).collect();
    }
    let pattern: Vec<char> = fold(query).chars().collect();
    let fold1 = |c: char| c.to_lowercase().next().unwrap_or(c);
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(c) = text[pos..].chars().next() {
        if fold1(c) == pattern[0] {
            let mut end = pos + c.len_utf8();
            let mut rest = text[end..].chars();
            let whole = pattern[1..].iter().all(|&p| match rest.next() {
                Some(t) if fold1(t) == p => {
                    end += t.len_utf8();
                    true
                }
                _ => false,
            });
            if whole {
                found.push(Span::new(pos, end));
                pos = end;
                continue;
            }
        }
        pos += c.len_utf8();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'t>(text: &'t str, spans: &[Span]) -> Vec<&'t str> {
        spans.iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn lower_case_queries_ignore_case_including_cyrillic() {
        let text = "КНБ and кнб and Knb; KNB.";
        assert_eq!(texts(text, &find_all(text, "кнб")), vec!["КНБ", "кнб"]);
        assert_eq!(texts(text, &find_all(text, "knb")), vec!["Knb", "KNB"]);
    }

    #[test]
    fn upper_case_makes_the_search_case_sensitive() {
        let text = "Knb KNB knb";
        assert_eq!(texts(text, &find_all(text, "KNB")), vec!["KNB"]);
    }

    #[test]
    fn matches_do_not_overlap_and_empty_finds_nothing() {
        assert_eq!(find_all("aaaa", "aa").len(), 2);
        assert!(find_all("abc", "").is_empty());
        assert!(find_all("abc", "abcd").is_empty());
    }
}
