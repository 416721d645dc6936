//! Which corpus a command line names: the files and directories given, or
//! the built-in corpus when there are none. The loader knows both ways; the
//! choice between them is the command line's.

use std::path::PathBuf;

use crate::data::load::{LoadFailure, LoadOptions, Timings, builtin, load_paths_timed};
use crate::data::model::Corpus;

/// The corpus of a command line's paths, or the built-in corpus when there are none.
pub fn load_corpus(paths: &[PathBuf], options: &LoadOptions) -> Result<Corpus, LoadFailure> {
    load_corpus_timed(paths, options, &mut Timings::default())
}

/// [`load_corpus`], recording how long each phase took.
pub fn load_corpus_timed(
    paths: &[PathBuf],
    options: &LoadOptions,
    timings: &mut Timings,
) -> Result<Corpus, LoadFailure> {
    if paths.is_empty() { builtin::load_timed(timings) } else { load_paths_timed(paths, options, timings) }
}

/// How progress names what a command line loads: the path, the first path
/// and how many more, or the built-in corpus.
pub fn described(paths: &[PathBuf]) -> String {
    match paths {
        [] => "the built-in corpus".to_string(),
        [one] => one.display().to_string(),
        [first, rest @ ..] => format!("{} and {} more", first.display(), rest.len()),
    }
}
