//! (reader being written)
