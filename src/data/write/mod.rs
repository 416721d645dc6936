//! Writing a corpus in a format: dossier/1 (offsets and quotes), brat
//! standoff (a folder of `.txt`/`.ann` pairs), doccano JSONL, W3C Web
//! Annotation JSON-LD. Each writer is a function of the corpus model alone,
//! so what `convert` writes is what the explorer showed.

pub mod brat;
pub mod doccano;
pub mod dossier;
pub mod w3c;

pub use brat::Report;
