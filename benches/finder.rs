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
//! are one in every four or five. Then the queries the finder forgives,
//! typed whole, one character at a time: a name's first word with a typo
//! (a letter dropped, doubled, swapped with the next or replaced), and a
//! Latin-only name's first words typed in Cyrillic — the folded and typo
//! tiers, which run when the subsequence match finds nothing good. Before
//! the first keystroke it waits for the word index those tiers need
//! (built on another thread while the explorer starts), and reports how
//! long that took.

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

/// A name's first word of six letters or more, with one typo at a seeded
/// place after its first two letters.
fn typos(corpus: &Corpus, n: usize) -> Vec<String> {
    let mut rng = synth::Rng::new(11);
    let mut out = Vec::new();
    while out.len() < n {
        let e = corpus.entity(dossier::data::model::EntityIdx::from_index(rng.below(corpus.entities().len())));
        let word: Vec<char> = e.name.split(' ').next().unwrap_or("").chars().collect();
        if word.len() < 6 || !word.iter().all(char::is_ascii_alphabetic) {
            continue;
        }
        let mut w = word.clone();
        let at = 2 + rng.below(w.len() - 3);
        match rng.below(4) {
            0 => drop(w.remove(at)),
            1 => w.insert(at, w[at]),
            2 => w.swap(at, at + 1),
            _ => w[at] = if w[at] == 'e' { 'a' } else { 'e' },
        }
        out.push(w.into_iter().collect());
    }
    out
}

/// Latin letters as Cyrillic ones, as a reader would type a name in Cyrillic.
fn cyrillic(latin: &str) -> String {
    let digraphs = [("kh", "х"), ("zh", "ж"), ("sh", "ш"), ("ch", "ч"), ("ts", "ц"), ("ya", "я"), ("yu", "ю")];
    let letters = "abcdefghijklmnopqrstuvwxyz";
    let cyr = [
        "а", "б", "ц", "д", "е", "ф", "г", "х", "и", "й", "к", "л", "м", "н", "о", "п", "к", "р", "с", "т", "у", "в",
        "в", "кс", "ы", "з",
    ];
    let lower = latin.to_lowercase();
    let mut out = String::new();
    let mut rest = lower.as_str();
    while let Some(c) = rest.chars().next() {
        if let Some((d, to)) = digraphs.iter().find(|(d, _)| rest.starts_with(d)) {
            out.push_str(to);
            rest = &rest[d.len()..];
            continue;
        }
        match letters.find(c) {
            Some(i) => out.push_str(cyr[i]),
            None => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Names of entities with no alias in Cyrillic, typed in Cyrillic (their first one or two words).
fn in_cyrillic(corpus: &Corpus, n: usize) -> Vec<String> {
    let mut rng = synth::Rng::new(13);
    let mut out = Vec::new();
    while out.len() < n {
        let e = corpus.entity(dossier::data::model::EntityIdx::from_index(rng.below(corpus.entities().len())));
        if e.aliases.iter().any(|a| a.chars().any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap_or(c)))) {
            continue;
        }
        let words: Vec<&str> = e.name.split(' ').filter(|w| w.chars().all(char::is_alphabetic)).collect();
        if words.is_empty() {
            continue;
        }
        out.push(cyrillic(&words[..words.len().min(1 + rng.below(2))].join(" ")));
    }
    out
}

/// The named synthetic corpus, loaded, and its finder index, timed; then
/// the word index of the folded and typo tiers (built on another thread).
fn indexed(name: &str) -> (Corpus, FinderIndex) {
    let corpus = load_paths(&[synth::cached(name)]).expect("valid");
    let started = Instant::now();
    let index = FinderIndex::new(&corpus);
    let built = started.elapsed();
    index.wait_for_words();
    println!(
        "{name} corpus: {} entities, {} names and aliases; index built in {}, its word index (on another thread) ready {} after that",
        corpus.entities().len(),
        index.len(),
        ms(built),
        ms(started.elapsed() - built)
    );
    (corpus, index)
}

/// Types each query a character at a time, as the explorer does (steps of
/// [`STEP_TIME`] to the complete ranking); each keystroke's time, and the
/// tiers the last keystroke's first hit came from.
fn type_all(index: &FinderIndex, queries: &[String]) -> (Vec<Duration>, Vec<Duration>, Vec<&'static str>) {
    let (mut keystrokes, mut first, mut tiers) = (Vec::new(), Vec::new(), Vec::new());
    for query in queries {
        let mut previous: Option<Ranking> = None;
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let t = Instant::now();
            let mut search = index.start(&typed, previous.take());
            while !search.step_for(index, STEP_TIME) {}
            let took = t.elapsed();
            keystrokes.push(took);
            if typed.chars().count() == 1 {
                first.push(took);
            }
            previous = Some(search);
        }
        tiers.push(previous.and_then(|p| p.hits().first().map(|h| h.tier.name())).unwrap_or("none"));
    }
    (keystrokes, first, tiers)
}

fn report(label: &str, mut keystrokes: Vec<Duration>) {
    keystrokes.sort();
    println!(
        "{label} over {} keystrokes: median {}, p90 {}, p99 {}, max {}",
        keystrokes.len(),
        ms(percentile(&keystrokes, 0.5)),
        ms(percentile(&keystrokes, 0.9)),
        ms(percentile(&keystrokes, 0.99)),
        ms(*keystrokes.last().unwrap())
    );
}

fn count_tiers(tiers: &[&'static str]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for t in tiers {
        match counts.iter_mut().find(|(n, _)| n == t) {
            Some((_, c)) => *c += 1,
            None => counts.push((t, 1)),
        }
    }
    counts.iter().map(|(t, c)| format!("{c} {t}")).collect::<Vec<_>>().join(", ")
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing and
    // expects a quick check, which the full run is not.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }

    let (corpus, index) = indexed("large");
    let prefixes = queries(&corpus, 300);
    let (typo_queries, cyrillic_queries) = (typos(&corpus, 60), in_cyrillic(&corpus, 60));
    let (mut keystrokes, mut first, _) = type_all(&index, &prefixes);
    let (typo_keys, _, typo_tiers) = type_all(&index, &typo_queries);
    let (cyr_keys, _, cyr_tiers) = type_all(&index, &cyrillic_queries);
    let prefix_only = keystrokes.clone();
    keystrokes.extend(typo_keys.iter().chain(&cyr_keys));
    first.sort();
    report("keystroke to complete ranking, every query", keystrokes);
    report("  prefixes of names", prefix_only);
    println!(
        "  of which first keystrokes ({}): median {}, max {}",
        first.len(),
        ms(percentile(&first, 0.5)),
        ms(*first.last().unwrap())
    );
    report("  names with a typo", typo_keys);
    println!("    their first hits by tier: {}", count_tiers(&typo_tiers));
    report("  names typed in Cyrillic", cyr_keys);
    println!("    their first hits by tier: {}", count_tiers(&cyr_tiers));
    drop(index);
    drop(corpus);

    let (corpus, index) = indexed("huge");
    let mut steps = Vec::new();
    let mut kinds: Vec<(Duration, &str)> = Vec::new();
    let mut complete = Vec::new();
    let forgiven = typos(&corpus, 15).into_iter().chain(in_cyrillic(&corpus, 15));
    for query in queries(&corpus, 60).into_iter().chain(forgiven) {
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
