//! Text as it is shown: made safe ([`sanitize`]), measured as the terminal
//! draws it and wrapped to a width ([`wrap`]). Everything above draws
//! corpus strings only through these. What searches treat as the same
//! character is [`fold`]; counts are written by [`number`].

pub mod fold;
pub mod number;
pub mod sanitize;
pub mod wrap;
