//! Import throughput: the large synthetic corpus (10,000 documents,
//! 1,000,000 mentions, 50,000 claims) loaded from dossier's own format, and
//! the same corpus as a brat folder (10,000 pairs) and as one doccano JSONL
//! file, written by `convert`'s writers once under `target/synth/`. The
//! issue's budget: an import takes at most 1.5× the dossier/1 load.
//!
//! Each load is timed as a user meets it, from a process at rest: an
//! import hands what it read (a million spans) to a thread of its own to
//! free, beside whatever comes next (~145 ms of a core here), so each timed
//! load and the drop of its corpus are followed by an untimed pause that
//! outlasts it. Loads back to back had the next import share its cores
//! with the last one's freeing (brat 1.0–1.09 s against 0.86 s with the
//! pause), which no user's load does; dossier/1 frees nothing beside.
//!
//!     cargo bench --bench import

#[path = "synth/mod.rs"]
mod synth;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use dossier::data::load::load_paths;

/// Longer than an import's freeing after it, on a busy machine too.
const AT_REST: Duration = Duration::from_millis(400);

/// The large corpus written in another format, once.
fn written(name: &str, write: impl FnOnce(&dossier::data::model::Corpus, &Path)) -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/synth").join(name);
    if !path.exists() {
        let corpus = load_paths(&[synth::cached("large")]).expect("valid");
        let tmp = path.with_extension("partial");
        let _ = std::fs::remove_dir_all(&tmp);
        write(&corpus, &tmp);
        std::fs::rename(&tmp, &path).expect("renamed");
    }
    path
}

fn import(c: &mut Criterion) {
    let dossier = synth::cached("large");
    let brat = written("large-brat", |corpus, dir| {
        dossier::data::write::brat::write(corpus, dir).expect("brat written");
    });
    let doccano = written("large-doccano.jsonl", |corpus, path| {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("writable"));
        dossier::data::write::doccano::write(corpus, &mut out).expect("doccano written");
    });
    let mut group = c.benchmark_group("import large corpus");
    group.sample_size(10).measurement_time(Duration::from_secs(60));
    for (what, path) in [("dossier/1 (the baseline)", &dossier), ("brat folder", &brat), ("doccano JSONL", &doccano)] {
        group.bench_function(what, |b| {
            b.iter_custom(|iters| {
                let mut timed = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    drop(load_paths(std::slice::from_ref(path)).expect("valid"));
                    timed += start.elapsed();
                    std::thread::sleep(AT_REST);
                }
                timed
            })
        });
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
