//! Finder latency as a user feels it: queries typed one character at a time
//! into the finder over the large corpus (100,000 entities, their names and
//! aliases), timing each keystroke from the key to the complete ranking,
//! with the same steps the explorer takes (sized to about 6 ms each). Over the huge corpus (1,000,000
//! entities) it times each step instead: the longest time the screen would
//! wait, and how long the complete ranking takes to arrive.
//!
//!     cargo bench --bench finder
//!
//! The queries are the first 2 to 7 characters of a name or alias of 300
//! entities picked at random (seeded), so first keystrokes — the costliest —
//! are one in every four or five.

#[path = "synth/mod.rs"]
mod synth;

use std::time::{Duration, Instant};

use dossier::data::load::load_paths;
use dossier::data::model::Corpus;
use dossier::query::finder::{FinderIndex, Ranking, STEP_TIME};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// The queries to type: prefixes of names and aliases of random entities.
fn queries(corpus: &dossier::data::model::Corpus, n: usize) -> Vec<String> {
    let mut rng = synth::Rng::new(7);
    (0..n)
        .map(|_| {
            let e = corpus.entity(dossier::data::model::EntityIdx::from_index(rng.below(corpus.entities().len())));
            let names: Vec<&str> = e.names().collect();
            let name = names[rng.below(names.len())];
            let len = 2 + rng.below(6);
            name.chars().take(len).collect()
        })
        .collect()
}

/// The named synthetic corpus, loaded, and its finder index, timed.
fn indexed(name: &str) -> (Corpus, FinderIndex) {
    let corpus = load_paths(&[synth::cached(name)]).expect("valid");
    let started = Instant::now();
    let index = FinderIndex::new(&corpus);
    println!(
        "{name} corpus: {} entities, {} names and aliases; index built in {}",
        corpus.entities().len(),
        index.len(),
        ms(started.elapsed())
    );
    (corpus, index)
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing and
    // expects a quick check, which the full run is not.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }

    let (corpus, index) = indexed("large");
    let mut keystrokes = Vec::new();
    let mut first = Vec::new();
    for query in queries(&corpus, 300) {
        let mut previous: Option<Ranking> = None;
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let t = Instant::now();
            let mut search = index.start(&typed, previous.take());
            while !search.step_for(&index, STEP_TIME) {}
            let took = t.elapsed();
            keystrokes.push(took);
            if typed.chars().count() == 1 {
                first.push(took);
            }
            previous = Some(search);
        }
    }
    keystrokes.sort();
    first.sort();
    println!(
        "keystroke to complete ranking over {} keystrokes: median {}, p90 {}, p99 {}, max {}",
        keystrokes.len(),
        ms(percentile(&keystrokes, 0.5)),
        ms(percentile(&keystrokes, 0.9)),
        ms(percentile(&keystrokes, 0.99)),
        ms(*keystrokes.last().unwrap())
    );
    println!(
        "  of which first keystrokes ({}): median {}, max {}",
        first.len(),
        ms(percentile(&first, 0.5)),
        ms(*first.last().unwrap())
    );
    drop(index);
    drop(corpus);

    let (corpus, index) = indexed("huge");
    let mut steps = Vec::new();
    let mut kinds: Vec<(Duration, &str)> = Vec::new();
    let mut complete = Vec::new();
    for query in queries(&corpus, 60) {
        let mut previous: Option<Ranking> = None;
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let t = Instant::now();
            // What the explorer does on a key: start, and one step at once.
            let mut search = index.start(&typed, previous.take());
            let mut s = Instant::now();
            let mut done = search.step_for(&index, STEP_TIME);
            let first_step = s.elapsed() + (s - t);
            steps.push(first_step);
            kinds.push((first_step, if done { "only" } else { "first" }));
            while !done {
                s = Instant::now();
                done = search.step_for(&index, STEP_TIME);
                steps.push(s.elapsed());
                kinds.push((s.elapsed(), if done { "last" } else { "middle" }));
            }
            complete.push(t.elapsed());
            previous = Some(search);
        }
    }
    steps.sort();
    complete.sort();
    println!(
        "longest the screen waits (one step) over {} steps: median {}, p99 {}, max {}",
        steps.len(),
        ms(percentile(&steps, 0.5)),
        ms(percentile(&steps, 0.99)),
        ms(*steps.last().unwrap())
    );
    kinds.sort_by_key(|k| std::cmp::Reverse(k.0));
    let slowest: Vec<String> = kinds.iter().take(5).map(|(d, k)| format!("{} ({k})", ms(*d))).collect();
    println!("  slowest steps: {}", slowest.join(", "));
    println!(
        "keystroke to complete ranking: median {}, p99 {}, max {}",
        ms(percentile(&complete, 0.5)),
        ms(percentile(&complete, 0.99)),
        ms(*complete.last().unwrap())
    );
}
