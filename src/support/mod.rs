//! Small things every layer uses: the id maps' hasher, work shared between
//! two threads, and the timings of a load.

pub mod hash;
pub mod parallel;
pub mod timings;
