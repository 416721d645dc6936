//! Snapshots of finding one's way among documents: the document picker,
//! the `:` prompt, a count typed before `]`, and the tab bar — on the
//! sample corpus, at 120x40 and 80x24, and on a corpus of many documents
//! built here, at 120 and 200 columns.

use dossier::data::load::{Source, load_sources};
use dossier::data::model::{Corpus, DocIdx};
use dossier::state::{Action, App, update};
use dossier::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod sample;
use sample::sample_app as sample;

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal.backend().to_string()
}

/// The top line and the status line: what the tab bar and the prompts change.
fn edges(app: &App) -> String {
    let all = screen(app);
    let lines: Vec<&str> = all.lines().collect();
    format!("{}\n{}", lines[0], lines[lines.len() - 1])
}

/// `n` documents with titles of varied length, dates and sources, each
/// mentioning an entity or two.
fn many(n: usize) -> Corpus {
    let places = ["Astana", "Almaty", "Kostanay", "Aktobe", "Shymkent"];
    let topics = ["grain corridor", "language law", "border talks", "census", "water rights"];
    let docs: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let (place, topic) = (places[i % 5], topics[(i / 5) % 5]);
            let source = ["The Diplomat", "Eurasianet", "Vlast.kz"][i % 3];
            serde_json::json!({
                "id": format!("doc-{i:05}"),
                "title": format!("{place}: what the {topic} means for the region, part {i}"),
                "published": format!("20{:02}-{:02}-{:02}", 15 + i % 10, 1 + i % 12, 1 + i % 28),
                "source": source,
                "text": format!("In {place} the {topic} was discussed. {place} again."),
            })
        })
        .collect();
    let mentions: Vec<serde_json::Value> = (0..n)
        .filter(|i| i % 5 == 0)
        .map(|i| serde_json::json!({"document": format!("doc-{i:05}"), "quote": "Astana", "occurrence": 1}))
        .collect();
    let json = serde_json::json!({
        "documents": docs,
        "entities": [{"id": "astana", "name": "Astana", "kind": "place", "mentions": mentions}],
    });
    load_sources(&[Source::new("many.json", json.to_string())], "many.json").unwrap()
}

fn many_app(n: usize, width: u16, height: u16) -> App {
    App::new(many(n), width, height)
}

#[test]
fn picker_wide() {
    let mut app = sample(120, 40);
    update(&mut app, Action::OpenDocuments);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn picker_narrow_with_a_query() {
    let mut app = sample(80, 24);
    update(&mut app, Action::OpenDocuments);
    update(&mut app, Action::InputText("knows".into()));
    let shown = screen(&app);
    assert!(shown.contains("No one knows the charges"), "{shown}");
    assert!(!shown.contains("1  Blogger detained"), "the other document is not listed: {shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn picker_on_many_documents_sorted_by_date_and_scrolled() {
    let mut app = many_app(2_000, 120, 40);
    update(&mut app, Action::OpenDocuments);
    update(&mut app, Action::InputText("almaty census".into()));
    update(&mut app, Action::CycleSort);
    update(&mut app, Action::CycleSort);
    // The cursor stayed on its document when the order changed; from the top:
    update(&mut app, Action::Top);
    update(&mut app, Action::Move(3));
    let shown = screen(&app);
    assert!(shown.contains("date, newest first (Ctrl-s sorts)"), "{shown}");
    // 80 have both words whole, the rest the letters of one in order.
    assert!(shown.contains("row 4 of 107"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn picker_on_many_documents_narrow() {
    let mut app = many_app(2_000, 80, 24);
    update(&mut app, Action::GotoDoc(1_499));
    update(&mut app, Action::OpenDocuments);
    let shown = screen(&app);
    assert!(shown.contains("row 1,500 of 2,000"), "opens on the document being read: {shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn picker_with_nothing_matching_says_how_to_widen() {
    let mut app = sample(80, 24);
    update(&mut app, Action::OpenDocuments);
    update(&mut app, Action::InputText("zzqqxx".into()));
    let shown = screen(&app);
    assert!(shown.contains("no document matches; Backspace to widen, Esc to close"), "{shown}");
    assert!(shown.contains("no rows"), "{shown}");
}

#[test]
fn goto_prompt_typing_hints_and_unknown() {
    let mut app = sample(120, 40);
    update(&mut app, Action::OpenGoto);
    let empty = edges(&app);
    update(&mut app, Action::InputText("2".into()));
    let number = edges(&app);
    update(&mut app, Action::ClearInput);
    update(&mut app, Action::InputText("5000".into()));
    update(&mut app, Action::Activate);
    let unknown = edges(&app);
    insta::assert_snapshot!("goto_empty", empty);
    insta::assert_snapshot!("goto_number", number);
    insta::assert_snapshot!("goto_unknown", unknown);
}

#[test]
fn goto_prompt_lists_the_ids_that_fit_narrow() {
    let mut app = many_app(2_000, 80, 24);
    update(&mut app, Action::OpenGoto);
    update(&mut app, Action::InputText("doc-01".into()));
    let shown = edges(&app);
    assert!(shown.contains("doc-01000 · doc-01001"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn a_count_in_the_status_line() {
    let mut app = sample(80, 24);
    for d in [5, 0, 0, 0] {
        update(&mut app, Action::Count(d));
    }
    let shown = edges(&app);
    assert!(shown.contains("5000 — ]/[ move 5000 documents · Enter goes to document 5000"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn tab_bar_many_documents() {
    let mut app = many_app(10_000, 120, 40);
    update(&mut app, Action::GotoDoc(4_999));
    let wide = edges(&app);
    assert!(wide.contains("5,000 of 10,000"), "{wide}");
    let mut narrow = many_app(10_000, 80, 24);
    update(&mut narrow, Action::GotoDoc(4_999));
    let mut at_200 = many_app(10_000, 200, 40);
    update(&mut at_200, Action::GotoDoc(9_999));
    insta::assert_snapshot!("tabs_many_120", wide);
    insta::assert_snapshot!("tabs_many_80", edges(&narrow));
    insta::assert_snapshot!("tabs_many_200_last", edges(&at_200));
}

#[test]
fn tab_bar_two_documents_at_200_columns_shows_both_titles_whole() {
    let corpus = dossier::data::load::builtin::load().unwrap();
    let app = App::new(corpus, 200, 40);
    let top = edges(&app);
    for d in app.corpus.documents() {
        assert!(top.contains(&d.title), "{} is cut: {top}", d.title);
    }
    insta::assert_snapshot!(top);
}

#[test]
fn clicking_a_tab_of_a_large_corpus_opens_that_document() {
    let mut app = many_app(10_000, 120, 40);
    update(&mut app, Action::GotoDoc(4_999));
    let tabs = dossier::state::geometry::doc_tabs(&app.corpus, app.reader.doc, 120);
    let (doc, cols) = tabs.last().unwrap().clone();
    assert!(doc > DocIdx(4_999));
    update(&mut app, Action::Mouse { kind: dossier::state::MouseKind::Click, column: cols.start + 1, row: 0 });
    assert_eq!(app.reader.doc, doc);
}
