//! spaCy's and Prodigy's files: Prodigy's JSONL annotation tasks
//! ([`read_prodigy`]), spaCy's training tuples ([`read_tuples`]) and spaCy
//! v2's JSON training format ([`read_v2`]). Offsets in all of them count
//! Unicode scalar values (Python string indices). The JSON records are read
//! as doccano's are (see [`super::doccano::records`]).

mod prodigy;
mod tuples;
mod v2;

#[cfg(test)]
mod tests;

pub use prodigy::read_prodigy;
pub use tuples::read_tuples;
pub use v2::read_v2;
