//! dossier: a terminal explorer for annotated articles.
//!
//! The crate is layered so each part can be tested alone:
//! - [`model`]: the corpus in memory ([`model::Corpus`]) — documents, entities,
//!   mentions, claims and their indexes; no files, no terminal.
//! - [`load`]: files → a checked corpus, or every [`load::Problem`] found.
//! - [`builtin`]: the two annotated articles compiled into the binary.
//! - [`finder`]: fuzzy ranking of entities by name and alias.
//! - [`dossier`]: everything the corpus says about one entity, as rows.
//! - [`overview`]: the corpus at a glance: documents, shared entities, relations.
//! - [`layout`]: word-wrapping a document to a width, once per width.
//! - [`geometry`]: where each pane goes for a terminal size.
//! - [`app`]: the explorer's state, the actions keys map to, and the one
//!   `update` that changes state.
//! - [`ui`]: rendering, a pure function of state into a ratatui frame.
//! - [`cli`]: the command line and the commands for scripts.
//! - [`terminal`]: the edge — raw mode, the event loop, restoring the terminal.
//! - [`sanitize`]: the one place untrusted text is made safe to show.

pub mod app;
pub mod builtin;
pub mod cli;
pub mod dossier;
pub mod finder;
pub mod geometry;
pub mod hash;
pub mod layout;
pub mod load;
pub mod model;
pub mod overview;
pub mod sanitize;
pub mod terminal;
pub mod ui;
