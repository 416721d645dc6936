//! Hostile corpora that once made the loader quadratic, each generated here
//! so the figures can be reproduced: quote-only mentions of distinct words,
//! quotes with occurrence numbers, an entity with a hundred thousand
//! aliases, a claim about a hundred thousand entities, ambiguous quotes,
//! offsets that disagree with a quote found everywhere, and a million
//! entities with no mentions.
//!
//!     cargo bench --bench hostile
//!
//! With `DOSSIER_HOSTILE_DIR=DIR` set, the corpora are written to DIR as
//! files instead (one per case, named after it), to time a build with
//! `dossier check FILE --timings`.

use std::fmt::Write as _;
use std::time::Duration;

use criterion::{BatchSize, Criterion};
use dossier::load::{Source, load_sources};

/// A word of seven lowercase letters, a different one for each `i`: such
/// a word occurs in the texts below only where it was put.
fn code(mut i: usize) -> String {
    let mut word = String::with_capacity(7);
    for _ in 0..7 {
        word.push((b'a' + (i % 25) as u8) as char);
        i /= 25;
    }
    word
}

fn document(text: &str) -> String {
    format!(r#"{{"id": "d", "title": "Hostile", "text": "{text}"}}"#)
}

fn entity(id: &str, mentions: &str) -> String {
    format!(r#"{{"id": "{id}", "name": "{id}", "kind": "person", "mentions": [{mentions}]}}"#)
}

fn corpus(documents: &[String], entities: &[String], claims: &[String]) -> String {
    format!(
        "{{\"documents\": [{}],\n\"entities\": [\n{}],\n\"claims\": [\n{}]}}\n",
        documents.join(",\n"),
        entities.join(",\n"),
        claims.join(",\n")
    )
}

/// `n` mentions, each a quote alone of a word found once in a 5 MB text.
pub fn quote_only(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let _ = write!(text, "{} Lorem Ipsum Dolor ", code(i));
    }
    let mentions: Vec<String> = (0..n).map(|i| format!(r#"{{"document": "d", "quote": "{}"}}"#, code(i))).collect();
    corpus(&[document(&text)], &[entity("e", &mentions.join(","))], &[])
}

/// `n` mentions of one quote that occurs `n` times, each by its occurrence number.
pub fn occurrences(n: usize) -> String {
    let text = "Tolegenov said so. ".repeat(n);
    let mentions: Vec<String> =
        (1..=n).map(|k| format!(r#"{{"document": "d", "quote": "Tolegenov", "occurrence": {k}}}"#)).collect();
    corpus(&[document(&text)], &[entity("e", &mentions.join(","))], &[])
}

/// One entity with `n` aliases, given in two files' worth of halves (merged
/// across records as across files).
pub fn aliases(n: usize) -> String {
    let aliases: Vec<String> = (0..n).map(|i| format!("\"alias {i}\"")).collect();
    let e = format!(r#"{{"id": "e", "name": "E", "kind": "person", "aliases": [{}]}}"#, aliases.join(","));
    corpus(&[document("Some text.")], &[e], &[])
}

/// One claim about `n` entities.
pub fn about(n: usize) -> String {
    let entities: Vec<String> = (0..n).map(|i| entity(&format!("e{i}"), "")).collect();
    let about: Vec<String> = (0..n).map(|i| format!("\"e{i}\"")).collect();
    let claim = format!(
        r#"{{"id": "c", "document": "d", "kind": "fact", "span": {{"start": 0, "end": 4}}, "about": [{}]}}"#,
        about.join(",")
    );
    corpus(&[document("Some text.")], &entities, &[claim])
}

/// `n` quotes alone, each of a word that occurs twice (an invalid file:
/// every one is ambiguous).
pub fn ambiguous(n: usize) -> String {
    let mut text = String::new();
    for i in 0..n {
        let _ = write!(text, "{} Lorem {} Ipsum ", code(i), code(i));
    }
    let mentions: Vec<String> = (0..n).map(|i| format!(r#"{{"document": "d", "quote": "{}"}}"#, code(i))).collect();
    corpus(&[document(&text)], &[entity("e", &mentions.join(","))], &[])
}

/// `n` mentions whose offsets hold something else than their quote, a
/// quote that occurs 500,000 times (an invalid file).
pub fn disagreeing(n: usize) -> String {
    let text = "ab ".repeat(500_000);
    let mentions: Vec<String> = (0..n)
        .map(|i| {
            let start = 3 * (i * 97 % 500_000) + 1;
            format!(r#"{{"document": "d", "start": {start}, "end": {}, "quote": "ab"}}"#, start + 2)
        })
        .collect();
    corpus(&[document(&text)], &[entity("e", &mentions.join(","))], &[])
}

/// `n` entities without mentions.
pub fn many_entities(n: usize) -> String {
    let entities: Vec<String> =
        (0..n).map(|i| format!(r#"{{"id": "e{i}", "name": "Entity {i}", "kind": "person"}}"#)).collect();
    corpus(&[document("Some text.")], &entities, &[])
}

/// Every case: its name, and the corpus.
fn cases() -> Vec<(String, Box<dyn Fn() -> String>)> {
    let mut cases: Vec<(String, Box<dyn Fn() -> String>)> = Vec::new();
    let mut add = |name: String, make: Box<dyn Fn() -> String>| cases.push((name, make));
    add("quote-only-200k".into(), Box::new(|| quote_only(200_000)));
    for n in [10_000, 20_000, 40_000] {
        add(format!("occurrence-{}k", n / 1000), Box::new(move || occurrences(n)));
    }
    for n in [25_000, 50_000, 100_000] {
        add(format!("aliases-{}k", n / 1000), Box::new(move || aliases(n)));
    }
    for n in [50_000, 100_000] {
        add(format!("about-{}k", n / 1000), Box::new(move || about(n)));
    }
    add("ambiguous-50k".into(), Box::new(|| ambiguous(50_000)));
    for n in [2_000, 8_000] {
        add(format!("disagreeing-{}k", n / 1000), Box::new(move || disagreeing(n)));
    }
    add("entities-1m".into(), Box::new(|| many_entities(1_000_000)));
    cases
}

fn main() {
    if let Some(dir) = std::env::var_os("DOSSIER_HOSTILE_DIR") {
        std::fs::create_dir_all(&dir).expect("the directory");
        for (name, make) in cases() {
            let path = std::path::Path::new(&dir).join(format!("{name}.json"));
            std::fs::write(&path, make()).expect("the file");
            println!("wrote {}", path.display());
        }
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    for (name, make) in cases() {
        let text = make();
        let mut group = c.benchmark_group("hostile corpus");
        group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(5));
        group.bench_function(name.as_str(), |b| {
            b.iter_batched(
                || vec![Source::new(format!("{name}.json"), text.clone())],
                // Valid or not, the whole file is checked.
                |sources| load_sources(&sources, &name).is_ok(),
                BatchSize::PerIteration,
            )
        });
        group.finish();
    }
    c.final_summary();
}
