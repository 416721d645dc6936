//! Questions asked of a loaded corpus, shared by the commands for scripts
//! and the explorer: finding entities by name, an entity's dossier, the
//! corpus overview, and searching a document's text.

pub mod dossier;
pub mod finder;
pub mod overview;
pub mod text_search;
