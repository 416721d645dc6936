use crate::data::model::*;
use crate::query::corpus_search::{MAX_HITS, Pattern, Row, Search};
use crate::state::fixture::sample_app;
use crate::state::screens::corpus_search::Found;
use crate::state::*;

fn screen(app: &App) -> &CorpusSearchScreen {
    match app.screens.top() {
        Some(Screen::CorpusSearch(s)) => s,
        other => panic!("the corpus search is not open: {other:?}"),
    }
}

/// Ticks until the search is done, as the event loop does while nothing is typed.
fn finish(app: &mut App) {
    for _ in 0..100_000 {
        if !app.busy() {
            return;
        }
        update(app, Action::Tick);
    }
    panic!("the search does not finish");
}

fn open_and_type(app: &mut App, text: &str) {
    update(app, Action::OpenCorpusSearch);
    update(app, Action::InputText(text.into()));
    finish(app);
}

fn edit(app: &mut App, action: Action) {
    update(app, action);
    finish(app);
}

fn hits(app: &App) -> Vec<(usize, String)> {
    let s = screen(app).search().expect("a search");
    s.hits().iter().map(|h| (h.doc.index(), app.corpus.doc(h.doc).text[h.span.range()].to_string())).collect()
}

#[test]
fn typing_searches_every_document_and_groups_the_hits() {
    let mut app = sample_app(120, 40);
    open_and_type(&mut app, "kazakh");
    assert_eq!(app.mode(), Mode::CorpusSearch);
    let s = screen(&app);
    assert!(matches!(s.found, Found::Done(_)));
    assert_eq!(hits(&app).iter().filter(|(d, _)| *d == 0).count(), 3);
    assert_eq!(hits(&app).iter().filter(|(d, _)| *d == 1).count(), 1);
    let search = screen(&app).search().unwrap();
    assert_eq!((search.row(0), search.row(4)), (Some(Row::Doc(0)), Some(Row::Doc(1))));
    // Each keystroke searches again, from the top of the list.
    update(&mut app, Action::Move(2));
    assert_eq!(screen(&app).list.cursor, 2);
    edit(&mut app, Action::Input('s'));
    assert_eq!(screen(&app).list.cursor, 0);
    assert_eq!(hits(&app).iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["Kazakhs"; 3], "Kazakhstan too");
    // Tab and Shift-Tab go from document to document.
    edit(&mut app, Action::DeleteChar);
    update(&mut app, Action::FocusNext);
    assert_eq!(screen(&app).list.cursor, 4, "the second document's header");
    update(&mut app, Action::FocusNext);
    assert_eq!(screen(&app).list.cursor, 4, "there is no third");
    update(&mut app, Action::FocusPrev);
    assert_eq!(screen(&app).list.cursor, 0);
}

#[test]
fn ctrl_r_makes_it_a_regex_and_an_invalid_one_says_why() {
    let mut app = sample_app(120, 40);
    open_and_type(&mut app, "kaz[a-z]+");
    assert!(hits(&app).is_empty(), "as a literal the brackets are characters");
    edit(&mut app, Action::ToggleRegex);
    assert!(screen(&app).regex);
    assert_eq!(hits(&app).len(), 4);
    update(&mut app, Action::InputText("(".into()));
    match &screen(&app).found {
        Found::Invalid(why) => assert_eq!(why, "unclosed group at character 10"),
        other => panic!("{other:?}"),
    }
    update(&mut app, Action::Activate);
    assert_eq!(app.mode(), Mode::CorpusSearch, "nothing to go to: the screen stays");
    edit(&mut app, Action::ToggleRegex);
    assert!(matches!(screen(&app).found, Found::Done(_)), "a literal again: no error");
    update(&mut app, Action::ClearInput);
    assert!(matches!(screen(&app).found, Found::Nothing));
}

#[test]
fn enter_goes_to_the_hit_then_n_steps_across_documents_and_ctrl_o_comes_back() {
    let mut app = sample_app(80, 14);
    let start = app.place();
    open_and_type(&mut app, "kazakh");
    // The second document's only hit: its header's row, then the hit's.
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::Move(1));
    update(&mut app, Action::Activate);
    assert!(app.screens.is_empty(), "back to the text");
    assert_eq!(
        (app.reader.doc, app.reader.stepping, app.reader.corpus.current),
        (DocIdx(1), Stepping::Corpus, Some(3))
    );
    assert_eq!(app.message.as_deref(), Some("hit 4 of 4 · doc 2 · \"kazakh\""));
    assert_eq!(app.jumps.behind(), 1, "the jump is recorded");
    // The hit is in view and marked as the current one.
    let hit = app.reader.corpus.search.as_ref().unwrap().hits()[3];
    let top = app.top_line();
    let line = app.layout().unwrap().line_of(hit.span.start as usize);
    assert!((top..top + app.text_height()).contains(&line));
    assert_eq!(app.reader.corpus.in_view(DocIdx(1), 0..usize::MAX), vec![(hit.span, true)]);
    // n wraps round to the first document's first hit.
    update(&mut app, Action::Next);
    assert_eq!((app.reader.doc, app.reader.corpus.current), (DocIdx(0), Some(0)));
    assert!(app.message.as_deref().unwrap().ends_with("wrapped to the first"), "{:?}", app.message);
    update(&mut app, Action::Next);
    update(&mut app, Action::Next);
    assert_eq!(app.reader.corpus.current, Some(2));
    let third = app.place();
    // N back into the second document.
    update(&mut app, Action::Next);
    assert_eq!((app.reader.doc, app.reader.corpus.current), (DocIdx(1), Some(3)));
    update(&mut app, Action::Prev);
    assert_eq!((app.reader.doc, app.reader.corpus.current), (DocIdx(0), Some(2)));
    // Ctrl-o goes back through the places the steps left.
    update(&mut app, Action::JumpBack);
    assert_eq!(app.reader.doc, DocIdx(1));
    update(&mut app, Action::JumpBack);
    assert_eq!(app.place(), third);
    while app.jumps.behind() > 0 {
        update(&mut app, Action::JumpBack);
    }
    assert_eq!(app.place(), start, "the first place is where F was opened from");
    // The status line keeps saying where the reader is among the hits.
    assert_eq!(app.reader.corpus.position(80).as_deref(), Some("hit 3 of 4 · doc 1 · \"kazakh\""));
}

#[test]
fn f_reopens_the_last_search_where_it_was_left_and_esc_unmarks_the_hits() {
    let mut app = sample_app(120, 40);
    open_and_type(&mut app, "the");
    update(&mut app, Action::Move(3));
    update(&mut app, Action::Back);
    assert!(app.screens.is_empty());
    update(&mut app, Action::OpenCorpusSearch);
    assert_eq!((screen(&app).query.text(), screen(&app).list.cursor), ("the", 3));
    update(&mut app, Action::Activate);
    let gone_to = app.reader.corpus.current.unwrap();
    update(&mut app, Action::Next);
    update(&mut app, Action::OpenCorpusSearch);
    let s = screen(&app);
    assert_eq!(s.search().unwrap().hit_of_row(s.list.cursor), Some(gone_to + 1), "on the hit stepped to");
    update(&mut app, Action::Back);
    // Esc on the main screen stops marking the hits; n is the entity's again.
    update(&mut app, Action::Back);
    assert_eq!(app.reader.stepping, Stepping::Mentions);
    assert!(app.reader.corpus.search.is_some(), "kept for F");
    update(&mut app, Action::Next);
    assert!(app.message.as_deref().unwrap().contains("select one first"), "{:?}", app.message);
    // A `/` search takes over n from the corpus search.
    update(&mut app, Action::OpenCorpusSearch);
    update(&mut app, Action::Activate);
    assert_eq!(app.reader.stepping, Stepping::Corpus);
    update(&mut app, Action::StartSearch);
    update(&mut app, Action::InputText("court".into()));
    update(&mut app, Action::Activate);
    assert_eq!(app.reader.stepping, Stepping::Search);
}

#[test]
fn a_search_under_way_keeps_the_loop_ticking_and_tick_advances_it() {
    let mut app = sample_app(120, 40);
    open_and_type(&mut app, "kazakh");
    assert!(!app.busy());
    let Some(Screen::CorpusSearch(s)) = app.screens.screens.last_mut() else { unreachable!() };
    s.found = Found::Searching(Search::new(Pattern::new("kazakh", false).unwrap(), MAX_HITS));
    assert!(app.busy());
    update(&mut app, Action::Tick);
    finish(&mut app);
    assert_eq!(hits(&app).len(), 4);
    // Enter on a search under way finishes it first.
    let Some(Screen::CorpusSearch(s)) = app.screens.screens.last_mut() else { unreachable!() };
    s.found = Found::Searching(Search::new(Pattern::new("kazakh", false).unwrap(), MAX_HITS));
    update(&mut app, Action::Activate);
    assert_eq!(app.reader.corpus.search.as_ref().map(|s| s.hits().len()), Some(4));
}

#[test]
fn esc_while_searching_is_remembered_and_the_search_starts_again() {
    let mut app = sample_app(120, 40);
    open_and_type(&mut app, "court");
    let Some(Screen::CorpusSearch(s)) = app.screens.screens.last_mut() else { unreachable!() };
    s.found = Found::Searching(Search::new(Pattern::new("court", false).unwrap(), MAX_HITS));
    update(&mut app, Action::Back);
    let last = app.reader.corpus.last.as_ref().unwrap();
    assert!(last.search.is_none() && last.query == "court");
    update(&mut app, Action::OpenCorpusSearch);
    finish(&mut app);
    assert_eq!(hits(&app).len(), 4);
}
