//! Reading, checking and indexing a corpus: files → [`Corpus`] or every
//! [`Problem`] found. Nothing half-loaded ever leaves this module.
//!
//! Each file is parsed item by item (so one bad item does not hide the
//! next), entities with the same id in several files are merged into one,
//! every span is anchored once, and every reference is checked.

mod anchor;
mod build;
mod problem;
mod raw;
mod sources;

pub use anchor::{AnchorError, Anchorer, SpanSelector};
pub use problem::{LoadFailure, Problem, ProblemKind};
pub use sources::{Source, decode, read_paths};

use std::path::PathBuf;

use crate::model::Corpus;

/// The format version this build reads (the optional `format` field).
pub const FORMAT: &str = "dossier/1";

/// Loads, checks and indexes the corpus in the named files and directories.
pub fn load_paths(paths: &[PathBuf]) -> Result<Corpus, LoadFailure> {
    let (sources, problems) = read_paths(paths);
    let label = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
    build::build(&sources, problems, &label)
}

/// Loads, checks and indexes a corpus from texts already in memory.
pub fn load_sources(sources: &[Source], label: &str) -> Result<Corpus, LoadFailure> {
    build::build(sources, Vec::new(), label)
}

/// The 1-based line and column (in characters) of a byte offset in `text`.
pub fn text_position(text: &str, byte: usize) -> (usize, usize) {
    let byte = floor_char_boundary(text, byte.min(text.len()));
    let before = &text[..byte];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    (line, before[line_start..].chars().count() + 1)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The paths of a command line, or the built-in corpus when there are none.
pub fn load_or_builtin(paths: &[PathBuf]) -> Result<Corpus, LoadFailure> {
    if paths.is_empty() { crate::builtin::load() } else { load_paths(paths) }
}
