//! Arbitrary bytes as a corpus file: loading must return a corpus or
//! problems, never panic; a corpus that loads must render and survive the
//! keys a user presses. The work is shared with tests/fuzz_loader.rs, which
//! replays what this target finds.
#![no_main]

#[path = "../../tests/exercise/mod.rs"]
mod exercise;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| exercise::exercise(data));
