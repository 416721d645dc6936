//! Details you can read to the end (issue 13, §5) and `/` in lists (§4):
//! detail boxes that say what they hide, the full detail screen (`K`),
//! lists narrowed by `/`, and the status line of the screen that is open,
//! drawn into ratatui's TestBackend at 120x40 and 80x24. The corpus is
//! made here: a claim with six relations and a note, an entity with many
//! names and a long description, more than a box holds.

use dossier::data::load::{Source, load_sources};
use dossier::state::{Action, App, Pane, update};
use dossier::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod sample;

/// A corpus whose details do not fit their boxes.
fn crowded() -> App {
    let mut claims = vec![serde_json::json!({
        "id": "hub",
        "document": "a",
        "span": {"quote": "The ministry said the pipeline would open in 2026"},
        "claimant": "ministry",
        "kind": "fact",
        "about": ["pipeline", "ministry"],
        "relations": (1..=6).map(|i| serde_json::json!({
            "claim": format!("r{i}"),
            "relation": if i % 2 == 0 { "contradicts" } else { "supports" },
            "note": format!("Source {i} gives another date for the opening, year {}.", 2025 + i)
        })).collect::<Vec<_>>(),
        "note": "The ministry's statement was made before the contract was signed."
    })];
    for i in 1..=6 {
        claims.push(serde_json::json!({
            "id": format!("r{i}"),
            "document": "b",
            "span": {"quote": format!("Report {i} says the pipeline opens in {}.", 2025 + i)},
            "kind": "fact",
            "about": ["pipeline"]
        }));
    }
    let text_b: String = (1..=6).map(|i| format!("Report {i} says the pipeline opens in {}. ", 2025 + i)).collect();
    let json = serde_json::json!({
        "format": "dossier/1",
        "documents": [
            {"id": "a", "title": "The ministry on the pipeline", "text": "The ministry said the pipeline would open in 2026, after years of delay. Critics doubted it."},
            {"id": "b", "title": "Six reports", "text": text_b}
        ],
        "entities": [
            {"id": "pipeline", "name": "Trans-Steppe pipeline", "kind": "other",
             "aliases": ["TSP", "the pipeline", "Steppe line", "Трансстепной трубопровод", "Line 4", "the eastern route"],
             "description": "A gas pipeline planned across the steppe since 2009; delayed by financing, by a dispute over its route near the lake, by two changes of contractor and by the ministry's own review, and now said to open in 2026 or later.",
             "mentions": [{"document": "a", "quote": "pipeline"}, {"document": "b", "quote": "pipeline", "occurrence": 1}]},
            {"id": "ministry", "name": "Ministry of Energy", "kind": "organization",
             "mentions": [{"document": "a", "quote": "ministry"}]}
        ],
        "claims": claims
    });
    let corpus = load_sources(&[Source::new("crowded.json", json.to_string())], "crowded.json").unwrap();
    App::new(corpus, 120, 40)
}

fn at(mut app: App, width: u16, height: u16) -> App {
    update(&mut app, Action::Resize { width, height });
    app
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal.backend().to_string()
}

/// The hub claim under the Claims cursor, and the pipeline under the Entities one.
fn on_the_hub(app: &mut App) {
    let hub = app.corpus.claim_by_id("hub").unwrap();
    let pipeline = app.corpus.entity_by_id("pipeline").unwrap();
    update(app, Action::Focus(Pane::Claims));
    app.reader.views[0].claims.item = Some(hub);
    app.reader.views[0].entities.item = Some(pipeline);
    update(app, Action::Resize { width: app.area.width, height: app.area.height });
}

#[test]
fn detail_boxes_say_what_they_hide() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = at(crowded(), w, h);
        on_the_hub(&mut app);
        let shown = screen(&app);
        assert!(shown.contains("K shows all") || shown.contains("(K)"), "{shown}");
        insta::assert_snapshot!(format!("claim_detail_box_{w}x{h}"), shown);
        update(&mut app, Action::Focus(Pane::Entities));
        insta::assert_snapshot!(format!("entity_detail_box_{w}x{h}"), screen(&app));
    }
}

#[test]
fn the_full_detail_of_a_claim_and_of_an_entity() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = at(crowded(), w, h);
        on_the_hub(&mut app);
        update(&mut app, Action::OpenDetail);
        insta::assert_snapshot!(format!("claim_full_detail_{w}x{h}"), screen(&app));
        // Scrolled to the end: the last relation and the note, and the row in the status line.
        update(&mut app, Action::Bottom);
        let end = screen(&app);
        assert!(end.contains("The ministry's statement was made before the contract was signed."), "{end}");
        insta::assert_snapshot!(format!("claim_full_detail_end_{w}x{h}"), end);
        update(&mut app, Action::Back);
        update(&mut app, Action::Focus(Pane::Entities));
        update(&mut app, Action::OpenDetail);
        insta::assert_snapshot!(format!("entity_full_detail_{w}x{h}"), screen(&app));
    }
}

#[test]
fn lists_filtered_by_slash() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = at(crowded(), w, h);
        update(&mut app, Action::GotoDoc(1));
        update(&mut app, Action::Focus(Pane::Claims));
        update(&mut app, Action::StartSearch);
        update(&mut app, Action::InputText("2028".into()));
        // While typing: the line in the status line, with how many are left.
        insta::assert_snapshot!(format!("claims_filter_typing_{w}x{h}"), screen(&app));
        update(&mut app, Action::Activate);
        insta::assert_snapshot!(format!("claims_filtered_{w}x{h}"), screen(&app));
        update(&mut app, Action::StartSearch);
        update(&mut app, Action::ClearInput);
        update(&mut app, Action::InputText("zz".into()));
        update(&mut app, Action::Activate);
        let empty = screen(&app);
        assert!(empty.contains("none holds"), "an empty result says how to widen it: {empty}");
    }
}

#[test]
fn the_dossier_filtered_and_the_help_scrolled_show_their_rows_in_the_status_line() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = at(sample::sample_app(120, 40), w, h);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::SelectEntity(t));
        update(&mut app, Action::OpenDossier);
        update(&mut app, Action::StartSearch);
        update(&mut app, Action::InputText("kostanay".into()));
        update(&mut app, Action::Activate);
        insta::assert_snapshot!(format!("dossier_filtered_{w}x{h}"), screen(&app));
        update(&mut app, Action::Back);
        update(&mut app, Action::Back);
        update(&mut app, Action::OpenHelp);
        update(&mut app, Action::Page(2));
        let help = screen(&app);
        assert!(help.contains(" Help  row "), "{help}");
        insta::assert_snapshot!(format!("help_row_{w}x{h}"), help);
    }
}
