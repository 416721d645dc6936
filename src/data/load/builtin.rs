//! The built-in corpus: two articles on Kazakhstan, its Russian minority and
//! its relations with Moscow, annotated, compiled in from `assets/corpus/`.

use crate::data::load::{LoadFailure, Source, Timings, load_sources_timed};
use crate::data::model::Corpus;

/// The built-in corpus files, as (name, contents).
pub const FILES: &[(&str, &str)] = &[
    ("assets/corpus/documents.json", include_str!("../../../assets/corpus/documents.json")),
    ("assets/corpus/entities.json", include_str!("../../../assets/corpus/entities.json")),
    ("assets/corpus/claims-analysis.json", include_str!("../../../assets/corpus/claims-analysis.json")),
    ("assets/corpus/claims-interview.json", include_str!("../../../assets/corpus/claims-interview.json")),
];

/// The built-in corpus, checked and indexed like any other.
pub fn load() -> Result<Corpus, LoadFailure> {
    load_timed(&mut Timings::default())
}

/// [`load`], recording how long each phase took.
pub fn load_timed(timings: &mut Timings) -> Result<Corpus, LoadFailure> {
    let sources: Vec<Source> =
        FILES.iter().map(|(name, text)| Source::new(format!("(built-in) {name}"), *text)).collect();
    timings.mark("read");
    load_sources_timed(&sources, "(built-in corpus)", timings)
}
