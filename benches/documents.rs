//! Document picker latency as a user feels it: queries typed one character
//! at a time into the picker over 100,000 documents (the `many` synthetic
//! corpus: each with its own title, date and source), timing each
//! keystroke from the key to the complete, sorted list, with the same
//! steps the explorer takes (about 6 ms each).
//!
//!     cargo bench --bench documents
//!
//! The queries are the first 2 to 7 characters of a word of the titles of
//! 300 documents picked at random (seeded), and for one in three a second
//! word (the date's year or another word of the title), so first
//! keystrokes — the costliest — are one in every four or five.

#[path = "synth/mod.rs"]
mod synth;

use std::time::{Duration, Instant};

use dossier::data::load::load_paths;
use dossier::data::model::DocIdx;
use dossier::query::documents::{DocRanking, DocSort, DocumentIndex};
use dossier::query::finder::STEP_TIME;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// CPU time this process has used, both threads counted: unlike the wall
/// clock, not lengthened by other tenants of a shared machine.
fn cpu() -> Duration {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage writes into the struct it is given.
    unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) };
    let micros = |t: libc::timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    Duration::from_micros(micros(usage.ru_utime) + micros(usage.ru_stime))
}

fn queries(corpus: &dossier::data::model::Corpus, n: usize) -> Vec<String> {
    let mut rng = synth::Rng::new(11);
    (0..n)
        .map(|_| {
            let doc = corpus.doc(DocIdx::from_index(rng.below(corpus.documents().len())));
            let words: Vec<&str> = doc.title.split_whitespace().filter(|w| w.len() > 2).collect();
            let word = words[rng.below(words.len())];
            let mut query: String = word.chars().take(2 + rng.below(6)).collect();
            if rng.below(3) == 0 {
                query.push(' ');
                match (rng.below(2), doc.published.as_deref()) {
                    (0, Some(date)) => query.push_str(&date[..4]),
                    _ => query.extend(words[rng.below(words.len())].chars().take(3)),
                }
            }
            query
        })
        .collect()
}

fn main() {
    // `cargo test --benches` passes no --bench and wants a quick check, which this is not.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let corpus = load_paths(&[synth::cached("many")]).expect("valid");
    let started = Instant::now();
    let index = DocumentIndex::new(&corpus);
    println!("many corpus: {} documents; index built in {}", index.len(), ms(started.elapsed()));

    let mut keystrokes = Vec::new();
    let mut first = Vec::new();
    let mut steps = Vec::new();
    let mut sorting = Vec::new();
    let mut cpu_times = Vec::new();
    for query in queries(&corpus, 300) {
        let mut previous: Option<DocRanking> = None;
        let mut typed = String::new();
        for c in query.chars() {
            typed.push(c);
            let t = Instant::now();
            let c = cpu();
            // What the picker does on a key: start, step until done (the
            // screen drawn between steps), then sort what matched.
            let mut ranking = index.start(&typed, previous.take(), None);
            loop {
                let s = Instant::now();
                let done = ranking.step_for(&index, STEP_TIME);
                steps.push(s.elapsed());
                if done {
                    break;
                }
            }
            let s = Instant::now();
            let rows = index.sorted(&corpus, ranking.hits(), DocSort::Best);
            sorting.push(s.elapsed());
            std::hint::black_box(rows);
            let took = t.elapsed();
            cpu_times.push(cpu() - c);
            keystrokes.push(took);
            if typed.chars().count() == 1 {
                first.push(took);
            }
            previous = Some(ranking);
        }
    }
    keystrokes.sort();
    first.sort();
    steps.sort();
    sorting.sort();
    cpu_times.sort();
    println!(
        "keystroke to complete sorted list over {} keystrokes: median {}, p90 {}, p99 {}, max {}",
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
    println!(
        "  CPU time per keystroke (both threads summed): median {}, p99 {}",
        ms(percentile(&cpu_times, 0.5)),
        ms(percentile(&cpu_times, 0.99))
    );
    println!(
        "  of which sorting what matched: median {}, p99 {}",
        ms(percentile(&sorting, 0.5)),
        ms(percentile(&sorting, 0.99))
    );
    println!(
        "longest the screen waits (one step) over {} steps: median {}, p99 {}, max {}",
        steps.len(),
        ms(percentile(&steps, 0.5)),
        ms(percentile(&steps, 0.99)),
        ms(*steps.last().unwrap())
    );
    // Sorting every document by date and by an entity's mentions: what Ctrl-s costs.
    let all = index.rank("", None);
    let t = Instant::now();
    std::hint::black_box(index.sorted(&corpus, &all, DocSort::Date));
    let first_date = t.elapsed();
    let t = Instant::now();
    std::hint::black_box(index.sorted(&corpus, &all, DocSort::Date));
    let date = t.elapsed();
    let busiest = corpus.entity_indices().max_by_key(|&e| corpus.mention_count(e)).expect("entities");
    let t = Instant::now();
    std::hint::black_box(index.sorted(&corpus, &all, DocSort::Mentions(busiest)));
    println!(
        "every document sorted by date: {} the first time, {} after; by the busiest entity's mentions: {}",
        ms(first_date),
        ms(date),
        ms(t.elapsed())
    );
}
