//! Regressions in the commands for scripts.

#[allow(unused_imports)]
use super::common::*;
