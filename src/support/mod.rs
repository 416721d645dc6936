//! Small things every layer uses: the id maps' hasher.

pub mod hash;
