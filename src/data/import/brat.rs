//! (reader being written)

use super::{Input, ReadResult};
use crate::data::load::{Problem, ProblemKind};

pub fn read(ann: Input, _txt: Input, _doc_id: &str) -> ReadResult {
    Err(vec![Problem::new(ProblemKind::Value, ann.name, "this reader is not built yet")])
}
