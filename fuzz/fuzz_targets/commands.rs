//! Bytes that choose a valid corpus (nested and overlapping mentions, stacked
//! claims, relations, hostile characters): it must load, every command for
//! scripts must succeed on it, and the explorer must take the actions the
//! bytes choose. The work is shared with tests/fuzz_loader.rs, which replays
//! what this target finds.
#![no_main]

#[path = "../../tests/exercise/mod.rs"]
mod exercise;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| exercise::exercise_generated(data));
