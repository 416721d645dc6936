//! Hostile corpora that once made the loader quadratic, each generated here
//! so the figures can be reproduced: quote-only mentions of distinct words,
//! quotes with occurrence numbers, an entity with a hundred thousand
//! aliases, a claim about a hundred thousand entities, ambiguous quotes,
//! offsets that disagree with a quote found everywhere, and a million
//! entities with no mentions; and the commands and searches they once made
//! quadratic: the dossier of an entity whose claim 100,000 claims relate to,
//! `find` with a long query over long names, and `/` with a long query over
//! a long run of one letter. (Huge fields in the explorer are in
//! `benches/huge_fields.rs`, pastes and key bursts in `benches/input.rs`.)
//!
//!     cargo bench --bench hostile
//!
//! With `DOSSIER_HOSTILE_DIR=DIR` set, the corpora are written to DIR as
//! files instead (one per case, named after it), to time a build with
//! `dossier check FILE --timings`.

use std::fmt::Write as _;
use std::time::Duration;

use criterion::{BatchSize, Criterion};
use dossier::cli::{Command, run_on};
use dossier::data::load::{Source, load_sources};

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

/// One claim about entity `x`, and `n` claims that each relate to it.
pub fn hub(n: usize) -> String {
    let mut claims = vec![
        r#"{"id": "hub", "document": "d", "span": {"start": 0, "end": 4}, "kind": "fact", "about": ["x"]}"#.to_string(),
    ];
    claims.extend((0..n).map(|i| {
        format!(
            r#"{{"id": "c{i}", "document": "d", "span": {{"start": 5, "end": 9}}, "kind": "opinion", "relations": [{{"claim": "hub", "relation": "supports"}}]}}"#
        )
    }));
    let x = r#"{"id": "x", "name": "Xeno", "kind": "person", "mentions": [{"document": "d", "start": 0, "end": 4}]}"#;
    corpus(&[document("Xeno said so.")], &[x.to_string()], &claims)
}

/// `n` entities whose names are `len` letters of ten, in no pattern.
pub fn long_names(n: usize, len: usize) -> String {
    let mut x = 0x2545_f491u32;
    let mut letters = |len: usize| -> String {
        (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                (b'a' + (x % 10) as u8) as char
            })
            .collect()
    };
    let entities: Vec<String> =
        (0..n).map(|i| format!(r#"{{"id": "e{i}", "name": "{}", "kind": "person"}}"#, letters(len))).collect();
    corpus(&[document("Some text.")], &entities, &[])
}

/// The commands and searches that once went quadratic, each on a corpus
/// loaded once.
fn commands(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile command");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(5));
    let load = |text: String| load_sources(&[Source::new("hostile.json", text)], "hostile.json").expect("valid");
    let hub = load(hub(100_000));
    group.bench_function("entity-whose-claim-100k-claims-relate-to", |b| {
        b.iter(|| {
            let command = Command::Entity { name: "x".into(), paths: vec![], json: false, markdown: false };
            run_on(&hub, command, &mut std::io::sink(), &mut std::io::sink()).expect("written")
        })
    });
    drop(hub);
    let names = load(long_names(2_000, 5_000));
    let query: String = "abcdefghij".chars().cycle().take(dossier::query::finder::MAX_QUERY).collect();
    group.bench_function("find-128-character-query-over-2000-names-of-5000", |b| {
        b.iter(|| {
            let command = Command::Find { query: query.clone(), paths: vec![], limit: 20, json: false, timings: false };
            run_on(&names, command, &mut std::io::sink(), &mut std::io::sink()).expect("written")
        })
    });
    drop(names);
    let text = "a".repeat(2_000_000);
    let query = "a".repeat(2_001);
    group.bench_function("search-2001-character-query-in-2-mb-of-one-letter", |b| {
        b.iter(|| dossier::state::find_all(&text, &query).len())
    });
    group.finish();
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
        let commands: Vec<(String, Box<dyn Fn() -> String>)> = vec![
            ("hub-100k".into(), Box::new(|| hub(100_000))),
            ("long-names".into(), Box::new(|| long_names(2_000, 5_000))),
        ];
        for (name, make) in cases().into_iter().chain(commands) {
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
    commands(&mut c);
    c.final_summary();
}
