//! The corpus as data: the model in memory, and the loading that makes it
//! from files (or from the built-in corpus), checked. Nothing here knows of
//! terminals or screens.

#[cfg(test)]
pub(crate) mod fixture;
pub mod import;
pub mod load;
pub mod model;
pub mod write;
