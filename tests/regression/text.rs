//! Regressions in what reaches the screen.

#[allow(unused_imports)]
use super::common::*;
