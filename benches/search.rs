//! The corpus-wide search (`F`, `dossier search`) over the large corpus
//! (10,000 documents, ~100 MB of text): for literals and regular
//! expressions of a few kinds, the time to compile the pattern, the time to
//! every hit (as `dossier search` does it, without the explorer's cap),
//! and the explorer's way, in steps of `STEP_TIME` with its cap of
//! `MAX_HITS`: how many steps, the longest (the longest the screen would
//! wait for a keystroke to be taken), and the time to the last hit.
//!
//!     cargo bench --bench search
//!
//! Each figure is the median of a few runs.

#[path = "synth/mod.rs"]
mod synth;

use std::time::{Duration, Instant};

use dossier::data::load::load_paths;
use dossier::query::corpus_search::{MAX_HITS, Pattern, Search};
use dossier::query::finder::STEP_TIME;

const RUNS: usize = 3;

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1e3)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing and
    // expects a quick check, which the full run is not.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let corpus = load_paths(&[synth::cached("large")]).expect("valid");
    let bytes: usize = corpus.documents().iter().map(|d| d.text.len()).sum();
    println!("large corpus: {} documents, {:.1} MB of text", corpus.documents().len(), bytes as f64 / 1e6);
    let patterns: &[(&str, &str, bool)] = &[
        ("common word", "the", false),
        ("common word, capitalised (case counts)", "The", false),
        ("rare word", "Tolur", false),
        ("absent word", "zqxjv", false),
        ("two words", "said report", false),
        ("curly apostrophe", "didn’t", false),
        ("straight apostrophe, folded", "didn't", false),
        ("dash, folded", "- said", false),
        ("regex: number then word", r"\d{4,} (said|claimed)", true),
        ("regex: capitalised pair", r"\b[A-Z][a-z]+ [A-Z][a-z]+ \d+\b", true),
        ("regex: the same, ASCII word boundaries", r"(?-u:\b)[A-Z][a-z]+ [A-Z][a-z]+ \d+(?-u:\b)", true),
    ];
    for &(what, query, is_regex) in patterns {
        let compile = median(
            (0..RUNS)
                .map(|_| {
                    let t = Instant::now();
                    let _ = Pattern::new(query, is_regex).unwrap();
                    t.elapsed()
                })
                .collect(),
        );
        let pattern = Pattern::new(query, is_regex).unwrap();
        let mut hits = 0;
        let all = median(
            (0..RUNS)
                .map(|_| {
                    let t = Instant::now();
                    let mut s = Search::new(pattern.clone(), usize::MAX);
                    s.run(&corpus);
                    hits = s.hits().len();
                    t.elapsed()
                })
                .collect(),
        );
        let (mut steps, mut longest, mut capped, mut kept) = (0, Duration::ZERO, false, 0);
        let explorer = median(
            (0..RUNS)
                .map(|_| {
                    let t = Instant::now();
                    let mut s = Search::new(pattern.clone(), MAX_HITS);
                    steps = 0;
                    loop {
                        let step = Instant::now();
                        let done = s.step_for(&corpus, STEP_TIME);
                        longest = longest.max(step.elapsed());
                        steps += 1;
                        if done {
                            break;
                        }
                    }
                    capped = s.is_capped();
                    kept = s.hits().len();
                    t.elapsed()
                })
                .collect(),
        );
        println!(
            "{what:<40} {query:<34} compile {:>7}  all {hits:>9} hits {:>9}  explorer: {kept} hits{} in {steps} steps, {:>8}, longest step {}",
            ms(compile),
            ms(all),
            if capped { " (capped)" } else { "" },
            ms(explorer),
            ms(longest)
        );
    }
}
