//! The cross-document views on the large synthetic corpus (10,000
//! documents, 100,000 entities, a million mentions): opening the dossier of
//! the most mentioned entity (about 83,000 mentions) and drawing it, paging
//! through it and going to its end; making the corpus overview (once per
//! corpus) and opening it again. The dossier must cost what a screenful
//! costs, not what the entity's mentions do.
//!
//!     cargo bench --bench views

#[path = "synth/mod.rs"]
mod synth;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::data::load::load_paths;
use dossier::data::model::EntityIdx;
use dossier::state::{Action, App, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn frame(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| dossier::view::draw(f, app)).expect("drawn");
}

fn views(c: &mut Criterion) {
    let corpus = load_paths(&[synth::cached("large")]).expect("valid");
    let busiest = (0..corpus.entities().len())
        .map(EntityIdx::from_index)
        .max_by_key(|&e| corpus.mention_count(e))
        .expect("entities");
    let mentions = corpus.mention_count(busiest);
    assert!(mentions > 50_000, "the busiest entity has {mentions} mentions");
    let mut app = App::new(corpus, 120, 40);
    update(&mut app, Action::SelectEntity(busiest));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");

    let mut group = c.benchmark_group(format!("large corpus, dossier of {mentions} mentions, 120x40"));
    group.bench_function("open and draw", |b| {
        b.iter(|| {
            update(&mut app, Action::Back);
            update(&mut app, Action::OpenDossier);
            frame(&mut terminal, &app);
        })
    });
    update(&mut app, Action::Back);
    update(&mut app, Action::OpenDossier);
    update(&mut app, Action::Move((mentions / 2) as i32));
    group.bench_function("page down and draw, mid-way", |b| {
        b.iter(|| {
            update(&mut app, Action::Page(1));
            update(&mut app, Action::Page(-1));
            frame(&mut terminal, &app);
        })
    });
    group.bench_function("to the end and back to the top, drawn", |b| {
        b.iter(|| {
            update(&mut app, Action::Bottom);
            frame(&mut terminal, &app);
            update(&mut app, Action::Top);
            frame(&mut terminal, &app);
        })
    });
    update(&mut app, Action::Back);
    group.finish();

    let mut group = c.benchmark_group("large corpus, overview, 120x40");
    group.sample_size(20);
    group.bench_function("make it (first open: every entity sorted)", |b| {
        b.iter(|| dossier::query::overview::Overview::new(&app.corpus))
    });
    group.bench_function("open (again) and draw", |b| {
        b.iter(|| {
            update(&mut app, Action::OpenOverview);
            frame(&mut terminal, &app);
            update(&mut app, Action::Back);
        })
    });
    group.finish();
}

criterion_group!(benches, views);
criterion_main!(benches);
