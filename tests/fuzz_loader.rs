//! The fuzz targets in CI form: arbitrary bytes, and valid corpora mutated
//! byte by byte, must load or be refused — never panic — and a corpus that
//! loads must render and take keys; valid corpora generated from bytes must
//! load and every command must succeed on them. The coverage-guided targets
//! are fuzz/fuzz_targets/load.rs and commands.rs (cargo-fuzz); tests/fixtures/fuzz/ keeps
//! inputs it found — every crash case, named `crash-*.bin`, and a sample of
//! what it discovered (`loads-*` reach the screen, `refused-*` are refused) —
//! and they are replayed here.

mod exercise;

use exercise::{exercise, exercise_generated, exercise_import};
use proptest::prelude::*;

const SEEDS: &[&str] = &[
    include_str!("fixtures/sample.json"),
    include_str!("fixtures/hostile.json"),
    include_str!("fixtures/broken/many-problems.json"),
];

/// A seed corpus with some bytes replaced, inserted or removed.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let edit = (any::<prop::sample::Index>(), 0u8..3, any::<u8>(), 1usize..8);
    (prop::sample::select(SEEDS), prop::collection::vec(edit, 1..8)).prop_map(|(seed, edits)| {
        let mut bytes = seed.as_bytes().to_vec();
        for (at, op, byte, n) in edits {
            let i = at.index(bytes.len().max(1));
            match op {
                0 if !bytes.is_empty() => bytes[i] = byte,
                1 => bytes.splice(i..i, std::iter::repeat_n(byte, n)).for_each(drop),
                _ => {
                    let end = (i + n).min(bytes.len());
                    bytes.drain(i..end);
                }
            }
        }
        bytes
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_as_other_formats_never_panic(data in prop::collection::vec(any::<u8>(), 0..2048)) {
        exercise_import(&data);
    }

    #[test]
    fn arbitrary_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..2048)) {
        exercise(&data);
    }

    #[test]
    fn mutated_corpora_never_panic(data in mutated()) {
        exercise(&data);
    }

    #[test]
    fn generated_corpora_load_and_every_command_runs_on_them(data in prop::collection::vec(any::<u8>(), 0..1024)) {
        exercise_generated(&data);
    }

    #[test]
    fn json_shaped_noise_never_panics(data in r#"\{"(documents|entities|claims)": \[\{("(id|text|document|quote|start|end|kind|name|mentions|span|claim|relation)": ("[a-z\\]{0,5}"|-?[0-9]{1,3}|\[\]|\{\}|null|true), ?){0,6}\}\]\}"#) {
        exercise(data.as_bytes());
    }
}

/// Every input kept from the fuzzers, replayed: `tests/fixtures/fuzz/` for
/// the loader's target, its `commands/` folder for the commands' target.
#[test]
fn fuzz_regressions() {
    for (dir, run) in
        [("tests/fixtures/fuzz", exercise as fn(&[u8])), ("tests/fixtures/fuzz/commands", exercise_generated)]
    {
        let dir = std::path::Path::new(dir);
        let mut replayed = 0;
        for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "bin") {
                run(&std::fs::read(&path).unwrap());
                replayed += 1;
            }
        }
        assert!(replayed > 0, "no regression cases in {}", dir.display());
    }
}
