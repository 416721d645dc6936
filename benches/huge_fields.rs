//! Frames over a corpus whose fields are huge: a 10 MB document title and
//! document id, an entity with a 10 MB name and a 10 MB description, and a
//! claim about 100,000 entities with a 10 MB note. A frame must cost what
//! it shows, not what the fields hold: every view cuts these to a line or
//! a few, so nothing may sanitize, measure or wrap them whole.
//!
//!     cargo bench --bench huge_fields

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::data::load::{Source, load_sources};
use dossier::state::{Action, App, Pane, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const BIG: usize = 10_000_000;

/// `word` and a space, repeated to about `bytes` bytes.
fn huge(word: &str, bytes: usize) -> String {
    format!("{word} ").repeat(bytes / (word.len() + 1))
}

fn corpus() -> dossier::data::model::Corpus {
    let names = 100_000;
    let text_a = "Aslan Tolegenov was detained in Kostanay. ".repeat(20);
    let mut text_b = String::new();
    let mut mentions = Vec::with_capacity(names);
    for i in 0..names {
        let name = format!("Entity {i}");
        let start = text_b.chars().count();
        mentions.push((start, start + name.chars().count()));
        text_b.push_str(&name);
        text_b.push(' ');
    }
    let id_a = format!("doc-{}", "x".repeat(BIG));
    let mut entities: Vec<serde_json::Value> = mentions
        .iter()
        .enumerate()
        .map(|(i, &(s, e))| {
            serde_json::json!({"id": format!("e{i}"), "name": format!("Entity {i}"), "kind": "place",
                "mentions": [{"document": "b", "start": s, "end": e}]})
        })
        .collect();
    entities.push(serde_json::json!({
        "id": "big", "name": huge("Tolegenov", BIG), "kind": "person",
        "description": huge("blogger", BIG),
        "aliases": [huge("Толегенов", BIG / 10), "Tolegenov"],
        "mentions": [{"document": id_a, "start": 6, "end": 15}, {"document": "b", "start": 0, "end": 6}],
    }));
    let mut about: Vec<String> = (0..names).map(|i| format!("e{i}")).collect();
    about.insert(0, "big".to_string());
    let json = serde_json::json!({
        "documents": [
            {"id": id_a, "title": huge("Title", BIG), "text": text_a},
            {"id": "b", "title": "The names", "text": text_b},
        ],
        "entities": entities,
        "claims": [{
            "id": "c", "document": id_a, "span": {"start": 0, "end": 41}, "kind": "fact",
            "claimant": "big", "about": about, "summary": huge("summary", BIG), "note": huge("note", BIG),
        }],
    });
    load_sources(&[Source::new("huge.json", json.to_string())], "huge").expect("valid")
}

fn frame(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| dossier::view::draw(f, app)).expect("drawn");
}

fn huge_fields(c: &mut Criterion) {
    let corpus = corpus();
    let big = corpus.entity_by_id("big").expect("the big entity");
    let claim = corpus.claim_by_id("c").expect("the claim");
    let mut app = App::new(corpus, 120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let mut group = c.benchmark_group("huge fields, frame at 120x40");
    group.sample_size(10);
    // The header's tab and the text pane's title show the 10 MB title; the
    // status line, the claims pane's title, the list row and the detail the
    // 10 MB name and description.
    update(&mut app, Action::SelectEntity(big));
    update(&mut app, Action::Focus(Pane::Entities));
    group.bench_function("main screen, the big entity selected", |b| b.iter(|| frame(&mut terminal, &app)));
    group.bench_function("a key in the entity list (down, up) and its frame", |b| {
        b.iter(|| {
            update(&mut app, Action::Move(1));
            update(&mut app, Action::Move(-1));
            frame(&mut terminal, &app);
        })
    });
    update(&mut app, Action::Focus(Pane::Claims));
    app.reader.views[0].claims.item = Some(claim);
    group.bench_function("claim detail: about 100,000 names, a 10 MB summary and note", |b| {
        b.iter(|| frame(&mut terminal, &app))
    });
    update(&mut app, Action::OpenDossier);
    group.bench_function("dossier of the big entity", |b| b.iter(|| frame(&mut terminal, &app)));
    update(&mut app, Action::Back);
    update(&mut app, Action::OpenOverview);
    group.bench_function("overview: the 10 MB title and id", |b| b.iter(|| frame(&mut terminal, &app)));
    update(&mut app, Action::Back);
    group.finish();
}

criterion_group!(benches, huge_fields);
criterion_main!(benches);
