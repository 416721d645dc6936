//! dossier: a terminal explorer for annotated articles.
//!
//! The crate is layered so each part can be tested alone, and imports point
//! one way, from data up to the terminal:
//! - [`support`]: small things every layer uses (the id maps' hasher).
//! - [`text`]: making untrusted text safe to show, measuring and wrapping it.
//! - [`data`]: the corpus in memory ([`data::model::Corpus`]), and loading it
//!   from files or the built-in corpus, checked ([`data::load`]).
//! - [`query`]: questions asked of a corpus by both the commands and the
//!   explorer: the finder, an entity's dossier, the overview, text search.
//! - [`state`]: the explorer's state, the actions keys map to, and the one
//!   `update` that changes state.
//! - [`view`]: rendering, a pure function of state into a ratatui frame.
//! - [`terminal`]: the edge — raw mode, the event loop, signals, restoring
//!   the terminal.
//! - [`cli`]: the command line and the commands for scripts.

pub mod cli;
pub mod data;
pub mod query;
pub mod state;
pub mod support;
pub mod terminal;
pub mod text;
pub mod view;
