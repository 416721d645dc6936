//! dossier: a terminal explorer for annotated articles.
//!
//! The crate is layered so each part can be tested alone, and imports point
//! one way, from data up to the terminal:
//! - [`support`]: small things every layer uses (the id maps' hasher, work
//!   split across two cores, timings and peak memory).
//! - [`text`]: making untrusted text safe to show, measuring and wrapping it.
//! - [`data`]: the corpus in memory ([`data::model::Corpus`]), and loading it
//!   from files or the built-in corpus, checked ([`data::load`]).
//! - [`query`]: questions asked of a corpus by both the commands and the
//!   explorer: the finder, an entity's dossier, the overview, text search.
//! - [`state`]: the explorer's state in named parts, the keys and the
//!   actions they map to, the one `update` that changes state, and one
//!   module per screen ([`state::screens`]), each handling its own actions
//!   on a stack of screens.
//! - [`view`]: rendering, a pure function of state into a ratatui frame;
//!   [`view::screens`] mirrors [`state::screens`], file for file.
//! - [`terminal`]: the edge — the only part that knows crossterm's events
//!   (turned into keys and actions), raw mode, the event loop, signals,
//!   restoring the terminal.
//! - [`cli`]: the command line, the commands for scripts, and their one
//!   error type, which `main` turns into the exit code.
//! - [`config`]: the explorer's config file, read into the state's
//!   settings and keymap.

pub mod cli;
pub mod config;
pub mod data;
pub mod query;
pub mod state;
pub mod support;
pub mod terminal;
pub mod text;
pub mod view;
