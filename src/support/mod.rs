//! Small things every layer uses: the id maps' hasher, and the timings of
//! a load.

pub mod hash;
pub mod timings;
