//! Reading, checking and indexing a corpus: files → [`Corpus`] or every
//! [`Problem`] found. Nothing half-loaded ever leaves this module.
//!
//! Each file is parsed item by item (so one bad item does not hide the
//! next), entities with the same id in several files are merged into one,
//! every span is anchored once, and every reference is checked.

mod anchor;
mod build;
pub mod builtin;
mod mapped;
mod mixed;
mod options;
mod plain;
mod problem;
mod quick;
mod raw;
mod resolve;
mod sources;
mod split;

pub use anchor::{AnchorError, Anchorer, SpanSelector};
pub use mapped::on_other_fault;
pub use options::{DEFAULT_MAX_FILE_SIZE, LoadOptions, format_size, parse_size};
pub use problem::{LoadFailure, Problem, ProblemKind};
pub use sources::{Source, decode, read_paths};
// Commands time their own phases with the loader's.
pub use crate::support::timings::{Timings, peak_rss_kib};

use std::path::PathBuf;

use crate::data::model::Corpus;

/// The format version this build reads (the optional `format` field).
pub const FORMAT: &str = "dossier/1";

/// Loads, checks and indexes the corpus in the named files and directories.
pub fn load_paths(paths: &[PathBuf]) -> Result<Corpus, LoadFailure> {
    load_paths_timed(paths, &LoadOptions::default(), &mut Timings::default())
}

/// [`load_paths`] with these options, recording how long each phase took.
pub fn load_paths_timed(
    paths: &[PathBuf],
    options: &LoadOptions,
    timings: &mut Timings,
) -> Result<Corpus, LoadFailure> {
    let (sources, problems) = read_paths(paths, options);
    timings.mark("read");
    timings.input(sources.len(), sources.iter().map(|s| s.size() as u64).sum());
    let label = paths.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ");
    if let Some((roles, mut found)) = mixed::roles(&sources, options) {
        found.splice(0..0, problems);
        return mixed::load(sources, roles, found, options, &label, timings);
    }
    let built = build::build(&sources, problems, &label, timings);
    // A file that changed while it was read is refused, whatever its text
    // seemed to say: a file cut short under its map reads as NUL bytes.
    let changed: Vec<Problem> = sources.iter().filter_map(Source::changed).collect();
    if changed.is_empty() { built } else { Err(LoadFailure { problems: changed }) }
}

/// Loads, checks and indexes a corpus from texts already in memory.
pub fn load_sources(sources: &[Source], label: &str) -> Result<Corpus, LoadFailure> {
    load_sources_timed(sources, label, &mut Timings::default())
}

/// Loads texts already in memory as [`load_paths`] loads files: each read
/// by the reader its name and content suggest (or `options.from`), with
/// the label map and strictness of `options`.
pub fn load_sources_as(sources: Vec<Source>, options: &LoadOptions, label: &str) -> Result<Corpus, LoadFailure> {
    let mut timings = Timings::default();
    match mixed::roles(&sources, options) {
        Some((roles, problems)) => mixed::load(sources, roles, problems, options, label, &mut timings),
        None => build::build(&sources, Vec::new(), label, &mut timings),
    }
}

/// [`load_sources`], recording how long each phase took.
pub fn load_sources_timed(sources: &[Source], label: &str, timings: &mut Timings) -> Result<Corpus, LoadFailure> {
    build::build(sources, Vec::new(), label, timings)
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
