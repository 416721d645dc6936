//! The entities named together with one (issue 13, §3) on the large
//! synthetic corpus (10,000 documents, 100,000 entities, a million
//! mentions): the query for the most mentioned entity (named in nearly
//! every document), for a middling one, and the Claims pane and the
//! Entities pane's "all docs" narrowed by a pin.
//!
//!     cargo bench --bench together

#[path = "synth/mod.rs"]
mod synth;

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::data::load::load_paths;
use dossier::data::model::EntityIdx;
use dossier::query::together::named_with;
use dossier::state::{Action, App, Pane, update};

fn together(c: &mut Criterion) {
    let corpus = load_paths(&[synth::cached("large")]).expect("valid");
    let mut by_mentions: Vec<EntityIdx> = corpus.entity_indices().collect();
    by_mentions.sort_by_key(|&e| std::cmp::Reverse(corpus.mention_count(e)));
    let busiest = by_mentions[0];
    let middling = by_mentions[by_mentions.len() / 100];
    let (m, d) = (corpus.mention_count(busiest), corpus.entity_doc_count(busiest));
    let mut group = c.benchmark_group("large corpus, named with");
    group.sample_size(20);
    group.bench_function(format!("the most mentioned entity ({m} mentions in {d} documents), top 20"), |b| {
        b.iter(|| named_with(&corpus, busiest, 20))
    });
    let (m, d) = (corpus.mention_count(middling), corpus.entity_doc_count(middling));
    group.bench_function(format!("the 1,000th entity ({m} mentions in {d} documents), top 20"), |b| {
        b.iter(|| named_with(&corpus, middling, 20))
    });
    group.finish();

    let mut app = App::new(corpus, 120, 40);
    let mut group = c.benchmark_group("large corpus, a pin");
    group.sample_size(20);
    update(&mut app, Action::SelectEntity(middling));
    update(&mut app, Action::Focus(Pane::Entities));
    update(&mut app, Action::ToggleScope);
    update(&mut app, Action::Focus(Pane::Claims));
    update(&mut app, Action::ToggleScope);
    group.bench_function("pin the 1,000th entity, both lists all docs", |b| {
        b.iter_custom(|n| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..n {
                let start = std::time::Instant::now();
                update(&mut app, Action::TogglePin);
                spent += start.elapsed();
                update(&mut app, Action::TogglePin);
            }
            spent
        })
    });
    group.bench_function("unpin it: every entity and claim again", |b| {
        b.iter_custom(|n| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..n {
                update(&mut app, Action::TogglePin);
                let start = std::time::Instant::now();
                update(&mut app, Action::TogglePin);
                spent += start.elapsed();
            }
            spent
        })
    });
    group.finish();
}

criterion_group!(benches, together);
criterion_main!(benches);
