//! Text as it is shown: made safe ([`sanitize`]), measured as the terminal
//! draws it and wrapped to a width ([`wrap`]). Everything above draws
//! corpus strings only through these.

pub mod numbers;
pub mod sanitize;
pub mod wrap;
