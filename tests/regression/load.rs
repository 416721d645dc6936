//! Regressions in reading and checking corpora.

#[allow(unused_imports)]
use super::common::*;
