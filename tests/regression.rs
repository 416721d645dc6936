//! Regression tests, one per bug, named after what went wrong (in the
//! spirit of ripgrep's `tests/regression.rs`). Each was found by an
//! adversarial review of dossier with hostile and unusual input; each fails
//! without its fix. Grouped by where the bug lived:
//! - `load`: reading and checking corpora (file kinds, shapes, values, messages, quadratic work);
//! - `cli`: the commands for scripts (panics, escapes, exit codes, slow commands);
//! - `text`: what reaches the screen (invisible characters, huge graphemes);
//! - `terminal`: the explorer in a pseudo-terminal (signals, input bursts, paste, aborts).

#[path = "pty/mod.rs"]
mod pty;

#[path = "regression/common.rs"]
mod common;
#[path = "sample/mod.rs"]
mod sample;

#[path = "regression/cli.rs"]
mod cli;
#[path = "regression/load.rs"]
mod load;
#[path = "regression/terminal.rs"]
mod terminal;
#[path = "regression/text.rs"]
mod text;
