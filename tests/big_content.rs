//! Big and odd content stays usable: a 10 MB document of one line with no
//! spaces, more than 65,535 wrapped lines, 100,000 mentions. These tests
//! check that everything is reachable and drawn correctly; how fast is
//! measured by the benchmarks, not here.

use dossier::data::load::{Source, load_sources};
use dossier::state::{Action, App, Pane, update};
use dossier::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal.backend().to_string()
}

fn corpus(json: &str) -> dossier::data::model::Corpus {
    load_sources(&[Source::new("big.json", json)], "big.json").unwrap()
}

#[test]
fn ten_megabytes_on_one_line_without_spaces() {
    // 10 MB of a repeating alphabet, with one marker near the end.
    let unit = "abcdefghijklmnopqrstuvwxyzАБВГДЕЖЗИЙ";
    let mut text = unit.repeat(10_000_000 / unit.len());
    text.push_str("MARKER");
    text.push_str(&"z".repeat(1000));
    let chars = text.chars().count();
    let marker = text.chars().count() - 1006;
    let json = serde_json::json!({
        "documents": [{"id": "big", "text": text}],
        "entities": [{"id": "m", "name": "Marker", "kind": "other",
                      "mentions": [{"document": "big", "start": marker, "end": marker + 6, "quote": "MARKER"}]}]
    });
    let mut app = App::new(corpus(&json.to_string()), 120, 40);
    let lines = app.layout().unwrap().len();
    assert!(lines > 65_535, "{lines} wrapped lines");
    assert!(screen(&app).contains("abcdefghij"));
    // The end is reachable, and drawn.
    update(&mut app, Action::Bottom);
    assert_eq!(app.top_line(), lines - app.text_height());
    assert!(screen(&app).contains("zzzz"));
    // A jump to the mention near the end shows it.
    update(&mut app, Action::Top);
    let m = app.corpus.entity_by_id("m").unwrap();
    update(&mut app, Action::SelectEntity(m));
    assert!(screen(&app).contains("MARKER"), "the mention is on screen");
    assert!(app.top_line() > 65_535, "the mention is past line 65,535");
    // Search finds it too.
    update(&mut app, Action::Top);
    update(&mut app, Action::StartSearch);
    for c in "MARKER".chars() {
        update(&mut app, Action::Input(c));
    }
    update(&mut app, Action::Activate);
    assert_eq!(app.reader.search.as_ref().unwrap().matches.len(), 1);
    assert!(screen(&app).contains("MARKER"));
    // Resizing re-lays it out and keeps the place.
    let byte = app.view().top;
    update(&mut app, Action::Resize { width: 80, height: 24 });
    let line = app.layout().unwrap().lines[app.top_line()];
    assert!((line.start as usize) <= byte && byte <= line.end as usize);
    assert!(chars > 10_000_000 / 2);
}

#[test]
fn every_one_of_more_than_65535_lines_is_reachable() {
    // 70,000 short paragraphs: 140,000 visual lines with the blank lines between them.
    let text: String = (0..70_000).map(|i| format!("line {i}\n")).collect();
    let json = serde_json::json!({"documents": [{"id": "d", "text": text}]});
    let mut app = App::new(corpus(&json.to_string()), 80, 24);
    let total = app.layout().unwrap().len();
    assert!(total > 139_000);
    update(&mut app, Action::Move(100_000));
    assert_eq!(app.top_line(), 100_000);
    assert!(screen(&app).contains("line 50000"), "{}", screen(&app));
    update(&mut app, Action::Bottom);
    assert!(screen(&app).contains("line 69999"));
    update(&mut app, Action::Page(-1));
    assert!(app.top_line() < total - app.text_height());
}

#[test]
fn a_hundred_thousand_mentions() {
    let words: Vec<String> = (0..100_000).map(|i| format!("w{i:05}")).collect();
    let text = words.join(" ");
    // Every word is a mention of one of ten entities.
    let mut mentions: Vec<Vec<serde_json::Value>> = vec![Vec::new(); 10];
    let mut at = 0;
    for (i, w) in words.iter().enumerate() {
        mentions[i % 10].push(serde_json::json!({"document": "d", "start": at, "end": at + w.len()}));
        at += w.len() + 1;
    }
    let entities: Vec<_> = mentions
        .into_iter()
        .enumerate()
        .map(|(k, m)| serde_json::json!({"id": format!("e{k}"), "name": format!("Entity {k}"), "kind": "person", "mentions": m}))
        .collect();
    let json = serde_json::json!({"documents": [{"id": "d", "text": text}], "entities": entities});
    let mut app = App::new(corpus(&json.to_string()), 120, 40);
    assert_eq!(app.corpus.mentions().len(), 100_000);
    let e3 = app.corpus.entity_by_id("e3").unwrap();
    update(&mut app, Action::SelectEntity(e3));
    assert_eq!(app.mention_position(), Some((1, 10_000)));
    for _ in 0..5 {
        update(&mut app, Action::Next);
    }
    assert_eq!(app.mention_position(), Some((6, 10_000)));
    update(&mut app, Action::Prev);
    update(&mut app, Action::Prev);
    assert_eq!(app.mention_position(), Some((4, 10_000)));
    // The last mention, at the very end.
    update(&mut app, Action::Prev);
    update(&mut app, Action::Prev);
    update(&mut app, Action::Prev);
    update(&mut app, Action::Prev);
    assert_eq!(app.mention_position(), Some((10_000, 10_000)));
    assert!(screen(&app).contains("w99993"));
    // The entity list and claims render with these counts.
    update(&mut app, Action::Focus(Pane::Entities));
    assert!(screen(&app).contains("Entity 3"));
    assert!(screen(&app).contains("10000"));
}

#[test]
fn a_dossier_of_fifty_thousand_mentions_opens_and_scrolls() {
    let words: Vec<String> = (0..50_000).map(|i| format!("w{i:05}")).collect();
    let text = words.join(" ");
    let mut at = 0;
    let mentions: Vec<serde_json::Value> = words
        .iter()
        .map(|w| {
            let m = serde_json::json!({"document": "d", "start": at, "end": at + w.len()});
            at += w.len() + 1;
            m
        })
        .collect();
    let json = serde_json::json!({"documents": [{"id": "d", "text": text}],
        "entities": [{"id": "e", "name": "Everywhere", "kind": "place", "mentions": mentions}]});
    let mut app = App::new(corpus(&json.to_string()), 120, 40);
    let e = app.corpus.entity_by_id("e").unwrap();
    update(&mut app, Action::SelectEntity(e));
    update(&mut app, Action::OpenDossier);
    assert!(screen(&app).contains("Mentions · 50000"));
    assert!(screen(&app).contains("w00000"));
    update(&mut app, Action::Bottom);
    update(&mut app, Action::Page(-1));
    update(&mut app, Action::Move(-40_000));
    let shown = screen(&app);
    let Some(dossier::state::Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
    // The cursor's row is on screen, and it is a mention some ten thousand in.
    assert!(d.list.cursor > 9_000 && d.list.cursor < 11_000, "{}", d.list.cursor);
    assert!(shown.contains(&format!("w{:05}", d.list.cursor - 1)), "{shown}");
    // Row k (after the heading) is mention k: Enter goes to that one.
    let row = d.list.cursor;
    update(&mut app, Action::Activate);
    assert!(app.screens.top().is_none());
    assert_eq!(app.mention_position(), Some((row, 50_000)));
}

#[test]
fn an_entity_named_in_three_thousand_documents_fits_its_counts_on_screen() {
    let docs: Vec<serde_json::Value> =
        (0..3000).map(|i| serde_json::json!({"id": format!("doc{i}"), "text": "Nomad went on."})).collect();
    let mentions: Vec<serde_json::Value> =
        (0..3000).map(|i| serde_json::json!({"document": format!("doc{i}"), "start": 0, "end": 5})).collect();
    let json = serde_json::json!({"documents": docs,
        "entities": [{"id": "e", "name": "Nomad the Wanderer", "kind": "person", "mentions": mentions}]});
    let mut app = App::new(corpus(&json.to_string()), 120, 40);
    let e = app.corpus.entity_by_id("e").unwrap();
    update(&mut app, Action::SelectEntity(e));
    // The entity's detail: counts for the first documents, then how many more.
    let main = screen(&app);
    assert!(main.contains("3000 mentions in 3000"), "{main}");
    assert!(main.contains("more"), "{main}");
    // The dossier's header line: ids and counts, then how many more.
    update(&mut app, Action::OpenDossier);
    let shown = screen(&app);
    let line = shown.lines().find(|l| l.contains("per document:")).expect("a per-document line");
    assert!(line.contains("per document: [1] doc0 1 · [2] doc1 1 · "), "{line}");
    assert!(line.contains(" more"), "{line}");
    let more: usize = line.split('+').nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    let listed = line.matches("] doc").count();
    assert_eq!(listed + more, 3000, "{line}");
    // In the overview the name keeps its place beside the counts.
    update(&mut app, Action::Back);
    update(&mut app, Action::OpenOverview);
    let Some(dossier::state::Screen::Overview(o)) = app.screens.top() else { panic!("no overview") };
    let at =
        o.overview.rows.iter().position(|r| matches!(r, dossier::query::overview::OverviewRow::Entity(_))).unwrap();
    assert!(at > 3000, "after the 3000 documents");
    update(&mut app, Action::Move(at as i32));
    let shown = screen(&app);
    let row = shown.lines().find(|l| l.contains("PER Nomad the Wanderer")).expect("the entity's row");
    assert!(row.contains("[1] doc0 1") && row.contains(" more"), "{row}");
}
