//! The main screen's panes: the text, and the Entities and Claims lists.

pub mod lists;
pub mod text;
