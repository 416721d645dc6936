//! Questions asked of a loaded corpus, shared by the commands for scripts
//! and the explorer: finding entities by name, an entity's dossier and what
//! other tools' files said about its mentions, the corpus overview, and
//! searching a document's text.

pub mod details;
pub mod dossier;
pub mod finder;
pub mod full_detail;
pub mod overview;
pub mod row_match;
pub mod row_text;
pub mod text_search;

#[cfg(test)]
use crate::data::model;
/// The annotated corpus the tests share with those that drive the explorer.
#[cfg(test)]
#[path = "../../tests/sample/annotated.rs"]
pub(crate) mod annotated_fixture;
