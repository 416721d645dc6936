//! The explorer's test fixture, shared by the tests of every screen: the
//! sample corpus (tests/fixtures/sample.json) opened at a given size.

use super::App;
use crate::data::load::{Source, load_sources};

/// Two documents sharing two entities, with claims related across them.
pub(crate) fn sample_app(width: u16, height: u16) -> App {
    let text = include_str!("../../tests/fixtures/sample.json");
    let corpus = load_sources(&[Source::new("sample.json", text)], "sample.json").unwrap();
    App::new(corpus, width, height)
}

/// An entity's id, which tests name entities by.
pub(crate) fn entity_id(app: &App, e: crate::data::model::EntityIdx) -> String {
    app.corpus.entity(e).id.clone()
}
