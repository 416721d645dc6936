//! Reading the formats of other annotation tools: each reader turns one
//! input (a file, or a brat `.txt`/`.ann` pair) into the [`ir`] every reader
//! shares, with every problem placed by file, line and column; [`mapping`]
//! then makes the corpus model of it (entities grouped, kinds mapped,
//! relations resolved), the same way for every format.

pub mod brat;
pub mod conll;
pub mod cursor;
pub mod detect;
pub mod doccano;
pub mod ir;
pub mod label_studio;
pub mod labels;
pub mod mapping;
pub mod offsets;
pub mod spacy;
pub mod w3c;
pub mod webanno;

pub use ir::{
    Attachment, Attribute, Doc, Few, Format, Fragments, Ids, Imported, Link, Note, Reference, Selector, SpanAnn, Str,
};
pub use offsets::{Offsets, Unit};

use crate::data::load::Problem;

/// One input of a reader: its text and the name it is reported under.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// What a reader answers: what it read, or every problem it found.
pub type ReadResult = Result<Imported, Vec<Problem>>;
