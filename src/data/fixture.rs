//! The library's test fixture: the sample corpus (tests/fixtures/sample.json),
//! which the tests of the queries and the explorer's state share.

use super::load::{Source, load_sources};
use super::model::Corpus;

/// Two documents sharing two entities, with claims related across them.
pub(crate) fn sample_corpus() -> Corpus {
    let text = include_str!("../../tests/fixtures/sample.json");
    load_sources(&[Source::new("sample.json", text)], "sample.json").unwrap()
}
