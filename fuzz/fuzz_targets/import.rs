//! Arbitrary bytes as a file of another tool's format (brat, doccano, Label
//! Studio, spaCy, Prodigy, CoNLL, WebAnno TSV, W3C): reading must import it
//! or refuse it with problems, never panic. Shared with tests/fuzz_loader.rs.
#![no_main]

#[path = "../../tests/exercise/mod.rs"]
mod exercise;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| exercise::exercise_import(data));
