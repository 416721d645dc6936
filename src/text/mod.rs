//! Text as it is shown: made safe ([`sanitize`]), measured as the terminal
//! draws it and wrapped to a width ([`wrap`]). Everything above draws
//! corpus strings only through these. What searches treat as the same
//! character is [`fold`].

pub mod fold;
pub mod sanitize;
pub mod wrap;
