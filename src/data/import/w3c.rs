//! (reader being written)

use super::ir::{Attachment, SpanAnn};
use crate::data::load::Problem;

/// A document of the corpus, as W3C annotations are attached to it.
pub struct DocText<'a> {
    pub id: &'a str,
    pub url: Option<&'a str>,
    pub text: &'a str,
}

pub fn attach(_: &[Attachment], _: &str, _: &[DocText]) -> (Vec<(usize, SpanAnn)>, Vec<Problem>) {
    (Vec::new(), Vec::new())
}

pub fn read(input: super::Input) -> super::ReadResult {
    Err(vec![Problem::new(crate::data::load::ProblemKind::Value, input.name, "this reader is not built yet")])
}
