//! (reader being written)

use super::{Input, ReadResult};
use crate::data::load::{Problem, ProblemKind};

pub fn read(input: Input, _stem: &str) -> ReadResult {
    Err(vec![Problem::new(ProblemKind::Value, input.name, "this reader is not built yet")])
}
