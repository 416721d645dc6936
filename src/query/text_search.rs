//! Searching a document's text for `/`: smart case (case-insensitive unless
//! the query has an upper-case letter), Unicode-aware, non-overlapping,
//! with quotes and dashes folded as in every search ([`crate::text::fold`]):
//! `didn't` finds `didn’t`.

use crate::data::model::{DocIdx, Span};
use crate::text::fold::{fold_char, fold_punct, wants_case};

/// A search and its matches in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextSearch {
    pub query: String,
    pub doc: DocIdx,
    pub matches: Vec<Span>,
    /// The match last stepped to.
    pub current: Option<usize>,
}

/// Every non-overlapping match of `query` in `text`, in order, in time
/// linear in the text and the query together: a long query over a long
/// run of one letter costs no more than a short one.
pub fn find_all(text: &str, query: &str) -> Vec<Span> {
    if query.is_empty() {
        return Vec::new();
    }
    // Folding is one character to one, so matching folded characters finds
    // the original's byte offsets directly.
    let fold1: fn(char) -> char = if wants_case(query) { fold_punct } else { fold_char };
    let pattern: Vec<char> = query.chars().map(fold1).collect();
    // Knuth-Morris-Pratt over folded characters: `fail[k]` is the length of
    // the longest proper prefix of `pattern[..=k]` that is also its suffix.
    let m = pattern.len();
    let mut fail = vec![0usize; m];
    let mut k = 0;
    for i in 1..m {
        while k > 0 && pattern[i] != pattern[k] {
            k = fail[k - 1];
        }
        if pattern[i] == pattern[k] {
            k += 1;
        }
        fail[i] = k;
    }
    // Where each of the last `m` characters starts, to find a match's start.
    let mut starts = vec![0usize; m];
    let mut found = Vec::new();
    let mut matched = 0;
    for (n, (at, c)) in text.char_indices().enumerate() {
        starts[n % m] = at;
        let c = fold1(c);
        while matched > 0 && pattern[matched] != c {
            matched = fail[matched - 1];
        }
        if pattern[matched] == c {
            matched += 1;
        }
        if matched == m {
            let start = starts[(n + 1 - m) % m];
            found.push(Span::new(start, at + c_len(text, at)));
            // Matches do not overlap: the next starts after this one.
            matched = 0;
        }
    }
    found
}

/// The length in bytes of the character at `at`.
fn c_len(text: &str, at: usize) -> usize {
    text[at..].chars().next().map_or(0, char::len_utf8)
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

    /// Issue 13: `/didn't` found nothing in the analysis, which writes `didn’t`.
    #[test]
    fn quotes_and_dashes_fold_and_offsets_are_the_originals() {
        let text = "Kazakhs “didn’t have writing” — Russia’s 10–15 days; DIDN'T";
        assert_eq!(texts(text, &find_all(text, "didn't")), vec!["didn’t", "DIDN'T"]);
        assert_eq!(texts(text, &find_all(text, "\"didn")), vec!["“didn"]);
        assert_eq!(texts(text, &find_all(text, "10-15")), vec!["10–15"]);
        assert_eq!(texts(text, &find_all(text, "- russia")), vec!["— Russia"]);
        // With an upper-case letter case counts, but quotes still fold.
        assert_eq!(texts(text, &find_all(text, "Russia's")), vec!["Russia’s"]);
        assert_eq!(texts(text, &find_all(text, "DIDN’T")), vec!["DIDN'T"]);
        // Each span starts and ends on the original's character boundaries.
        for s in find_all(text, "’") {
            assert!(text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize));
        }
    }

    /// Issue 10: a 2,001-character query over 2 MB of `a` compared the query
    /// afresh at every position (28 s, the screen frozen).
    #[test]
    fn a_long_query_over_a_repetitive_text_is_linear_and_agrees_with_the_naive_search() {
        // A watchdog, a hundred times what this costs now, so only a hang fails it.
        let (done, wait) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let text = "a".repeat(2_000_000);
            let query = format!("{}b", "a".repeat(2_000));
            let _ = done.send((find_all(&text, &query).len(), find_all(&text, &"a".repeat(2_001)).len()));
        });
        let counts = wait.recv_timeout(std::time::Duration::from_secs(30)).expect("the search finishes");
        assert_eq!(counts, (0, 2_000_000 / 2_001));
        // The same answers as the plain search, on texts with partial matches and folding.
        let naive = |text: &str, query: &str| -> Vec<Span> {
            let q: Vec<char> = crate::text::fold::fold(query).chars().collect();
            let chars: Vec<(usize, char)> = text.char_indices().collect();
            let mut out = Vec::new();
            let mut i = 0;
            while i + q.len() <= chars.len() {
                let fits = (0..q.len()).all(|k| chars[i + k].1.to_lowercase().next() == Some(q[k]));
                if fits {
                    let end = chars.get(i + q.len()).map_or(text.len(), |c| c.0);
                    out.push(Span::new(chars[i].0, end));
                    i += q.len();
                } else {
                    i += 1;
                }
            }
            out
        };
        for (text, query) in [
            ("abababab abab", "abab"),
            ("aabaabaaab", "aab"),
            ("ЁЖИК ёжик Ёжики", "ёжик"),
            ("ab aab aaab", "aab"),
            ("xyxyxxyxyy", "xyxy"),
            ("ǅemal ǆ", "ǆ"),
        ] {
            assert_eq!(find_all(text, query), naive(text, query), "{query:?} in {text:?}");
        }
    }

    #[test]
    fn matches_do_not_overlap_and_empty_finds_nothing() {
        assert_eq!(find_all("aaaa", "aa").len(), 2);
        assert!(find_all("abc", "").is_empty());
        assert!(find_all("abc", "abcd").is_empty());
    }
}
