//! (reader being written)

use super::{Input, ReadResult};
use crate::data::load::{Problem, ProblemKind};

pub fn read_prodigy(input: Input) -> ReadResult {
    Err(vec![Problem::new(ProblemKind::Value, input.name, "this reader is not built yet")])
}
pub fn read_tuples(input: Input) -> ReadResult {
    Err(vec![Problem::new(ProblemKind::Value, input.name, "this reader is not built yet")])
}
pub fn read_v2(input: Input) -> ReadResult {
    Err(vec![Problem::new(ProblemKind::Value, input.name, "this reader is not built yet")])
}
