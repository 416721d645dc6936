//! How the screen is asked to look, as a config file names it: the palette
//! (for a dark or a light terminal; no colour at all is `NO_COLOR`'s
//! `Settings::no_color`) and the style of a list's cursor row. The view
//! turns these into colours (`view::theme`, `view::palette`).

/// Colours for a dark terminal background, or for a light one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Palette {
    #[default]
    Dark,
    Light,
}

/// How a list's cursor row stands out. Each keeps every element of the
/// row legible: `Bar` colours the row's background (the theme's choice),
/// `Reverse` inverts each cell's own colours, `Underline` leaves the
/// colours alone and underlines the row (bold where the list has the keys).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CursorStyle {
    #[default]
    Bar,
    Reverse,
    Underline,
}

impl CursorStyle {
    pub const ALL: [CursorStyle; 3] = [CursorStyle::Bar, CursorStyle::Reverse, CursorStyle::Underline];

    /// The name a config file gives it.
    pub fn name(self) -> &'static str {
        match self {
            CursorStyle::Bar => "bar",
            CursorStyle::Reverse => "reverse",
            CursorStyle::Underline => "underline",
        }
    }
}
