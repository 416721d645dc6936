//! The sample corpus (tests/fixtures/sample.json: two documents sharing
//! two entities, with claims related across them), for the tests that
//! drive the explorer: one fixture instead of a copy in each test file.

#![allow(dead_code)]

use dossier::data::load::{Source, load_sources};
use dossier::data::model;
use dossier::data::model::Corpus;
use dossier::state::App;

pub mod annotated;

/// The sample's path, for tests that run the binary on it.
pub const SAMPLE: &str = "tests/fixtures/sample.json";

pub fn sample_corpus() -> Corpus {
    let text = include_str!("../fixtures/sample.json");
    load_sources(&[Source::new("sample.json", text)], "sample.json").unwrap()
}

/// The explorer on the sample corpus, in a terminal of this size.
pub fn sample_app(width: u16, height: u16) -> App {
    App::new(sample_corpus(), width, height)
}

/// The explorer on the annotated corpus (see [`annotated`]), in a terminal of this size.
pub fn annotated_app(width: u16, height: u16) -> App {
    App::new(annotated::annotated_corpus(), width, height)
}
