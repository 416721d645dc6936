//! Rendering and navigation costs: a frame of a 5 MB document at 200x60
//! (at its start, middle and end, and next to a 50 KB one to show the cost
//! does not grow with the document), a jump to a mention, the re-layout
//! after a resize, and the built-in corpus's first frame.
//!
//!     cargo bench --bench render

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::data::load::{Source, load_sources};
use dossier::state::{Action, App, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// One document of about `chars` characters of prose, with a mention every
/// eighth word spread over 50 entities.
fn document(chars: usize) -> dossier::data::model::Corpus {
    let words = ["the", "minister", "said", "Kazakhstan", "border", "Толегенов", "report", "【top】", "years"];
    let mut text = String::with_capacity(chars + 64);
    let mut mentions: Vec<Vec<serde_json::Value>> = vec![Vec::new(); 50];
    let (mut n, mut at) = (0usize, 0usize);
    while at < chars {
        if n > 0 {
            text.push(if n % 120 == 0 { '\n' } else { ' ' });
            at += 1;
        }
        let w = words[n % words.len()];
        if n % 8 == 0 {
            mentions[n % 50].push(serde_json::json!({"document": "d", "start": at, "end": at + w.chars().count()}));
        }
        text.push_str(w);
        at += w.chars().count();
        n += 1;
    }
    let entities: Vec<_> = mentions
        .into_iter()
        .enumerate()
        .map(|(i, m)| serde_json::json!({"id": format!("e{i}"), "name": format!("E{i}"), "kind": "person", "mentions": m}))
        .collect();
    let json = serde_json::json!({"documents": [{"id": "d", "text": text}], "entities": entities});
    load_sources(&[Source::new("doc.json", json.to_string())], "doc").expect("valid")
}

fn frame(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| dossier::view::draw(f, app)).expect("drawn");
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame at 200x60");
    for (label, chars) in [("50 KB document", 50_000), ("5 MB document", 5_000_000)] {
        let mut app = App::new(document(chars), 200, 60);
        let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("terminal");
        for (place, action) in [("start", Action::Top), ("middle", Action::Move(0)), ("end", Action::Bottom)] {
            if place == "middle" {
                let half = app.layout().expect("laid out").len() / 2;
                update(&mut app, Action::Top);
                update(&mut app, Action::Move(half as i32));
            } else {
                update(&mut app, action);
            }
            group.bench_function(format!("{label}, {place}"), |b| b.iter(|| frame(&mut terminal, &app)));
        }
    }
    group.finish();

    let mut group = c.benchmark_group("5 MB document");
    let mut app = App::new(document(5_000_000), 200, 60);
    let e = app.corpus.entity_by_id("e8").expect("entity");
    assert!(app.corpus.mention_count(e) > 1_000, "the entity to jump between has many mentions");
    update(&mut app, Action::SelectEntity(e));
    update(&mut app, Action::Next);
    assert_eq!(app.mention_position().map(|(k, _)| k), Some(2), "n moves to the next mention");
    group.bench_function("jump to the next mention (n)", |b| b.iter(|| update(&mut app, Action::Next)));
    group.bench_function("jump to a distant mention (N, wrapping to the end)", |b| {
        b.iter(|| {
            update(&mut app, Action::Top);
            update(&mut app, Action::SelectEntity(e));
            update(&mut app, Action::Prev);
        })
    });
    let mut wide = true;
    group.sample_size(20);
    group.bench_function("re-layout after a resize (200x60 <-> 160x60)", |b| {
        b.iter(|| {
            wide = !wide;
            update(&mut app, Action::Resize { width: if wide { 200 } else { 160 }, height: 60 });
        })
    });
    group.finish();

    let mut group = c.benchmark_group("built-in corpus");
    group.bench_function("load, lay out and draw the first frame at 120x40", |b| {
        b.iter(|| {
            let app = App::new(dossier::data::load::builtin::load().expect("valid"), 120, 40);
            let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
            frame(&mut terminal, &app);
        })
    });
    group.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
