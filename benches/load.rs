//! Load throughput: the large synthetic corpus (10,000 documents, 100,000
//! entities, 1,000,000 mentions, 50,000 claims) parsed, checked, anchored
//! and indexed, from memory and from the file, next to a plain
//! `serde_json::Value` parse of the same bytes.
//!
//!     cargo bench --bench load

#[path = "synth/mod.rs"]
mod synth;

use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use dossier::data::load::{Source, load_sources};

fn load(c: &mut Criterion) {
    for name in ["small", "large"] {
        let text = std::fs::read_to_string(synth::cached(name)).expect("corpus");
        let mut group = c.benchmark_group(format!("load {name} corpus"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        if name == "large" {
            group.sample_size(10).measurement_time(Duration::from_secs(60));
        }
        group.bench_function("dossier full load (parse, check, anchor, index)", |b| {
            b.iter_batched(
                || vec![Source::new("corpus.json", text.clone())],
                |sources| load_sources(&sources, "corpus").expect("valid"),
                BatchSize::PerIteration,
            )
        });
        let path = synth::cached(name);
        group.bench_function("dossier load from the file (map, split, parse, check, anchor, index)", |b| {
            b.iter(|| dossier::data::load::load_paths(std::slice::from_ref(&path)).expect("valid"))
        });
        group.bench_function("serde_json::Value parse of the same bytes", |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(&text).expect("JSON"))
        });
        group.finish();
    }
    let mut group = c.benchmark_group("load built-in corpus");
    group.bench_function("dossier full load", |b| b.iter(|| dossier::data::load::builtin::load().expect("valid")));
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
