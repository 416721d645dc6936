//! Regressions in the explorer, run in a pseudo-terminal.

#[allow(unused_imports)]
use super::common::*;
