//! The explorer's test fixture, shared by the tests of every screen: the
//! sample corpus (tests/fixtures/sample.json) opened at a given size, and
//! the annotated one.

use super::App;
use crate::data::fixture::sample_corpus;

/// The sample corpus's two documents, in a terminal of this size.
pub(crate) fn sample_app(width: u16, height: u16) -> App {
    App::new(sample_corpus(), width, height)
}

/// An entity's id, which tests name entities by.
pub(crate) fn entity_id(app: &App, e: crate::data::model::EntityIdx) -> String {
    app.corpus.entity(e).id.clone()
}

/// The annotated corpus (discontinuous mention, details, links between
/// mentions: tests/sample/annotated.rs), in a terminal of this size.
pub(crate) fn annotated_app(width: u16, height: u16) -> App {
    App::new(crate::query::annotated_fixture::annotated_corpus(), width, height)
}
