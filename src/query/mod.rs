//! Questions asked of a loaded corpus, shared by the commands for scripts
//! and the explorer: finding entities by name, an entity's dossier and what
//! other tools' files said about its mentions, the corpus overview,
//! searching a document's text or every document's, and the entities
//! named together with one.

pub mod claimant_names;
pub mod corpus_search;
pub mod details;
pub mod documents;
pub mod dossier;
pub mod finder;
pub mod full_detail;
pub mod overview;
pub mod quote;
pub mod report;
pub mod row_match;
pub mod row_text;
pub mod text_search;
pub mod together;

#[cfg(test)]
use crate::data::model;
/// The annotated corpus the tests share with those that drive the explorer.
#[cfg(test)]
#[path = "../../tests/sample/annotated.rs"]
pub(crate) mod annotated_fixture;
