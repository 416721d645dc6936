//! The built-in corpus: two articles on Kazakhstan, its Russian minority and
//! its relations with Moscow, annotated, compiled in from `assets/corpus/`.

use crate::load::{LoadFailure, Source, load_sources};
use crate::model::Corpus;

/// The built-in corpus files, as (name, contents).
pub const FILES: &[(&str, &str)] = &[
    ("assets/corpus/documents.json", include_str!("../assets/corpus/documents.json")),
    ("assets/corpus/entities.json", include_str!("../assets/corpus/entities.json")),
    ("assets/corpus/claims-analysis.json", include_str!("../assets/corpus/claims-analysis.json")),
    ("assets/corpus/claims-interview.json", include_str!("../assets/corpus/claims-interview.json")),
];

/// The built-in corpus, checked and indexed like any other.
pub fn load() -> Result<Corpus, LoadFailure> {
    let sources: Vec<Source> =
        FILES.iter().map(|(name, text)| Source::new(format!("(built-in) {name}"), *text)).collect();
    load_sources(&sources, "(built-in corpus)")
}
