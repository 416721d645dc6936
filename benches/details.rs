//! Details and filters on the large synthetic corpus (10,000 documents,
//! 100,000 entities, a million mentions): `/` typed into the Entities pane
//! over every entity (all documents) and into the dossier of the most
//! mentioned entity (about 83,000 mentions), a keystroke at a time, each
//! drawn; opening the full detail (`K`) of that entity and of a claim, and
//! drawing the main screen with its detail boxes, which now count what
//! they hide. Typing must never wait on the corpus's size for long.
//!
//!     cargo bench --bench details

#[path = "synth/mod.rs"]
mod synth;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::data::load::load_paths;
use dossier::data::model::EntityIdx;
use dossier::state::{Action, App, Pane, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn frame(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|f| dossier::view::draw(f, app)).expect("drawn");
}

fn details(c: &mut Criterion) {
    let corpus = load_paths(&[synth::cached("large")]).expect("valid");
    let busiest = (0..corpus.entities().len())
        .map(EntityIdx::from_index)
        .max_by_key(|&e| corpus.mention_count(e))
        .expect("entities");
    let mentions = corpus.mention_count(busiest);
    // A few letters of its name, which many names share.
    let prefix: String = corpus.entity(busiest).name.chars().take(3).collect::<String>().to_lowercase();
    let entities = corpus.entities().len();
    let mut app = App::new(corpus, 120, 40);
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");

    let mut group = c.benchmark_group("large corpus, 120x40");
    update(&mut app, Action::Focus(Pane::Entities));
    update(&mut app, Action::ToggleScope);
    update(&mut app, Action::StartSearch);
    update(&mut app, Action::InputText(prefix.clone()));
    group.bench_function(
        format!("Entities pane of {entities}: a letter typed into \"{prefix}\" and deleted, drawn"),
        |b| {
            b.iter(|| {
                update(&mut app, Action::Input('a'));
                frame(&mut terminal, &app);
                update(&mut app, Action::DeleteChar);
                frame(&mut terminal, &app);
            })
        },
    );
    update(&mut app, Action::Back);
    update(&mut app, Action::Back);

    update(&mut app, Action::SelectEntity(busiest));
    update(&mut app, Action::OpenDossier);
    update(&mut app, Action::StartSearch);
    group.bench_function(
        format!("dossier of {mentions} mentions: \"said\" typed a letter at a time, each drawn"),
        |b| {
            b.iter(|| {
                for c in "said".chars() {
                    update(&mut app, Action::Input(c));
                    frame(&mut terminal, &app);
                }
                update(&mut app, Action::ClearInput);
            })
        },
    );
    update(&mut app, Action::Input('s'));
    update(&mut app, Action::Back);
    update(&mut app, Action::Back);
    update(&mut app, Action::Back);

    // Opening the filter line folds the dossier's rows, once for the dossier.
    group.bench_function(format!("dossier of {mentions} mentions: / opened (its rows folded)"), |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                update(&mut app, Action::SelectEntity(busiest));
                update(&mut app, Action::OpenDossier);
                while app.busy() {
                    update(&mut app, Action::Tick);
                }
                let start = std::time::Instant::now();
                update(&mut app, Action::StartSearch);
                frame(&mut terminal, &app);
                spent += start.elapsed();
                update(&mut app, Action::Back);
                update(&mut app, Action::Back);
            }
            spent
        })
    });

    update(&mut app, Action::Focus(Pane::Entities));
    group.bench_function(format!("full detail of the entity of {mentions} mentions: open and draw"), |b| {
        b.iter(|| {
            update(&mut app, Action::OpenDetail);
            frame(&mut terminal, &app);
            update(&mut app, Action::Back);
        })
    });
    update(&mut app, Action::Focus(Pane::Claims));
    group.bench_function("full detail of a claim: open and draw", |b| {
        b.iter(|| {
            update(&mut app, Action::OpenDetail);
            frame(&mut terminal, &app);
            update(&mut app, Action::Back);
        })
    });
    group.bench_function("main screen with both detail boxes: draw", |b| b.iter(|| frame(&mut terminal, &app)));
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(3));
    targets = details
}
criterion_main!(benches);
