use super::*;
use crate::data::fixture::sample_corpus;
use crate::data::load::{Source, load_sources};

fn corpus(texts: &[&str]) -> Corpus {
    let docs: Vec<String> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| serde_json::json!({"id": format!("d{i}"), "title": format!("Doc {i}"), "text": t}).to_string())
        .collect();
    let json = format!(r#"{{"documents": [{}], "entities": []}}"#, docs.join(","));
    load_sources(&[Source::new("t.json", &json)], "t.json").unwrap()
}

fn search(c: &Corpus, query: &str, is_regex: bool) -> Search {
    let mut s = Search::new(Pattern::new(query, is_regex).unwrap(), MAX_HITS);
    s.run(c);
    s
}

fn texts<'c>(c: &'c Corpus, s: &Search) -> Vec<(usize, &'c str)> {
    s.hits().iter().map(|h| (h.doc.index(), &c.doc(h.doc).text[h.span.range()])).collect()
}

#[test]
fn hits_in_every_document_in_corpus_order_grouped_by_document() {
    let c = sample_corpus();
    let s = search(&c, "court", false);
    let found = texts(&c, &s);
    assert!(found.iter().all(|(_, t)| t.eq_ignore_ascii_case("court")), "{found:?}");
    assert!(found.windows(2).all(|w| w[0].0 <= w[1].0));
    let total: u32 = s.docs().iter().map(|d| d.count).sum();
    assert_eq!(total as usize, s.hits().len());
    assert_eq!(s.searched(), c.documents().len());
    assert!(s.is_done(&c) && !s.is_capped());
    let s = search(&c, "kazakhstan", false);
    assert_eq!(s.docs().iter().map(|d| d.doc.index()).collect::<Vec<_>>(), vec![0, 1], "both documents");
}

/// Issue 13: the analysis writes `didn’t`; a search for `didn't` must find it.
#[test]
fn didnt_finds_the_builtin_analysiss_curly_apostrophe() {
    let c = crate::data::load::builtin::load().unwrap();
    let s = search(&c, "didn't", false);
    assert!(!s.hits().is_empty());
    assert!(texts(&c, &s).iter().any(|(_, t)| *t == "didn’t"), "{:?}", texts(&c, &s));
}

#[test]
fn lines_and_columns_count_characters_from_one() {
    let c = corpus(&["ёж ёж\nfoo ёж\n\n  ёжик", "ёж"]);
    let s = search(&c, "ёж", false);
    let at: Vec<(usize, u32, u32)> = s.hits().iter().map(|h| (h.doc.index(), h.line, h.column)).collect();
    assert_eq!(at, vec![(0, 1, 1), (0, 1, 4), (0, 2, 5), (0, 4, 3), (1, 1, 1)]);
}

#[test]
fn rows_are_a_header_per_document_then_its_hits() {
    let c = corpus(&["a a", "none", "a", "a a a"]);
    let s = search(&c, "a", false);
    assert_eq!(s.docs().len(), 3);
    let rows: Vec<Row> = (0..s.row_count()).map(|r| s.row(r).unwrap()).collect();
    use Row::*;
    assert_eq!(rows, vec![Doc(0), Hit(0), Hit(1), Doc(1), Hit(2), Doc(2), Hit(3), Hit(4), Hit(5)]);
    assert_eq!(s.row(rows.len()), None);
    for (r, row) in rows.iter().enumerate() {
        if let Hit(i) = row {
            assert_eq!(s.row_of_hit(*i), r);
        }
    }
    assert_eq!(s.hit_of_row(3), Some(2), "a header stands for its first hit");
    assert_eq!(s.doc_group(DocIdx(3)), Some(2));
    assert_eq!(s.doc_group(DocIdx(1)), None);
    let (from, shown) = s.hits_in(DocIdx(3), 1..4);
    assert_eq!((from, shown.len()), (4, 1));
    assert_eq!(s.first_from(DocIdx(2), 0), 2);
    assert_eq!(s.first_from(DocIdx(3), 5), 6, "none after: past the last");
}

#[test]
fn steps_are_bounded_and_resume_inside_a_document_where_they_stopped() {
    let long = "x ".repeat(200_000);
    let c = corpus(&[&long, "x"]);
    let mut whole = Search::new(Pattern::new("x", false).unwrap(), usize::MAX);
    whole.run(&c);
    assert_eq!(whole.hits().len(), 200_001);
    let mut stepped = Search::new(Pattern::new("x", false).unwrap(), usize::MAX);
    let mut steps = 0;
    while !stepped.step_for(&c, Duration::ZERO) {
        steps += 1;
    }
    assert!(steps > 100, "a zero budget stops every {CLOCK_EVERY} hits: {steps} steps");
    assert!(stepped.hits() == whole.hits(), "the same hits, stepped or not");
    assert_eq!(stepped.docs(), whole.docs());
}

#[test]
fn a_slow_pattern_gets_smaller_windows_and_a_fast_one_larger() {
    let c = corpus(&["x"]);
    let mut s = Search::new(Pattern::new("x", false).unwrap(), MAX_HITS);
    s.adapt(WINDOW, WINDOW_TIME * 8);
    assert_eq!(s.window, WINDOW / 8);
    s.adapt(WINDOW, Duration::from_secs(10));
    assert_eq!(s.window, MIN_WINDOW);
    s.adapt(MIN_WINDOW, Duration::ZERO);
    assert_eq!(s.window, MIN_WINDOW * 2);
    for _ in 0..20 {
        s.adapt(s.window, Duration::ZERO);
    }
    assert_eq!(s.window, WINDOW);
    s.run(&c);
    assert_eq!(s.hits().len(), 1);
}

/// A long text is searched a window of lines at a time: a step ends with
/// one, and what is found is what one search of the whole text finds,
/// `^`, `$` and `\b` at the windows' edges included.
#[test]
fn a_long_text_is_searched_in_windows_that_change_nothing() {
    let line = "alpha beta gamma\n";
    let long = line.repeat(3 * WINDOW / line.len());
    let c = corpus(&[&long]);
    for (query, is_regex) in [("beta", false), (r"^alpha", true), (r"gamma$", true), (r"\ba\w*", true), (r"a\s", true)]
    {
        let pattern = Pattern::new(query, is_regex).unwrap();
        let whole: Vec<Span> = pattern.find_iter(&long).collect();
        let mut stepped = Search::new(pattern, usize::MAX);
        let mut steps = 0;
        while !stepped.step_for(&c, Duration::from_secs(3600)) {
            steps += 1;
        }
        let spans: Vec<Span> = stepped.hits().iter().map(|h| h.span).collect();
        assert!(spans == whole, "{query}: {} hits in windows, {} in one", spans.len(), whole.len());
        assert_eq!(stepped.hits().last().unwrap().line as usize, long.len() / line.len(), "{query}");
        assert_eq!(steps, 0, "with time to spare, one step");
    }
    assert!(window_end(&long, 0, WINDOW) > WINDOW && window_end(&long, 0, WINDOW) < WINDOW + line.len() + 1);
    assert_eq!(long.as_bytes()[window_end(&long, 0, WINDOW) - 1], b'\n');
    // Small windows change nothing either.
    let pattern = Pattern::new(r"\ba\w*", true).unwrap();
    let mut small = Search::new(pattern.clone(), usize::MAX);
    small.window = MIN_WINDOW;
    while !small.step_for(&c, Duration::ZERO) {}
    assert_eq!(small.hits().len(), pattern.find_iter(&long).count());
}

#[test]
fn the_limit_stops_the_search_and_says_so() {
    let c = corpus(&["a a a", "a a"]);
    let mut s = Search::new(Pattern::new("a", false).unwrap(), 4);
    s.run(&c);
    assert_eq!(s.hits().len(), 4);
    assert!(s.is_capped() && s.is_done(&c));
    // Exactly as many as it keeps is not capped: nothing was left out.
    let mut s = Search::new(Pattern::new("a", false).unwrap(), 5);
    s.run(&c);
    assert!(!s.is_capped() && s.is_done(&c) && s.hits().len() == 5);
    // Nor is it in the long way through a document.
    let long = "a ".repeat(WINDOW);
    let c = corpus(&[&long]);
    let mut s = Search::new(Pattern::new("a", false).unwrap(), 10);
    s.run(&c);
    assert!(s.is_capped() && s.hits().len() == 10);
}

/// A long query over a long run of one letter costs what a short one does
/// (the `/` search's hostile case, issue 10): regex is linear in the text.
#[test]
fn a_long_query_over_a_repetitive_text_finishes() {
    let (done, wait) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let c = corpus(&[&"a".repeat(2_000_000)]);
        let query = format!("{}b", "a".repeat(255));
        let none = search(&c, &query, false).hits().len();
        let some = search(&c, &"a".repeat(256), false).hits().len();
        let _ = done.send((none, some));
    });
    let counts = wait.recv_timeout(Duration::from_secs(60)).expect("the search finishes");
    assert_eq!(counts, (0, 2_000_000 / 256));
}

#[test]
fn context_is_the_hits_line_cut_to_so_many_characters() {
    let text = "first line\nthe quick brown fox jumps\nlast";
    let at = text.find("brown").unwrap();
    let span = Span::new(at, at + 5);
    assert_eq!(line_context(text, span, 100, 100), ("the quick ", "brown", " fox jumps"));
    assert_eq!(line_context(text, span, 3, 4), ("ck ", "brown", " fox"));
    assert_eq!(line_context(text, span, 0, 0), ("", "brown", ""));
    let wide = "жж".repeat(1000) + "X" + &"ё".repeat(1000);
    let at = wide.find('X').unwrap();
    let (l, _, r) = line_context(&wide, Span::new(at, at + 1), 10, 10);
    assert_eq!((l.chars().count(), r.chars().count()), (10, 10));
}
