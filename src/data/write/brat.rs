//! (writer being written)
