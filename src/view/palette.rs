//! The light palette: the theme's colours are chosen for a dark terminal
//! background, and on a light one its bright colours (light cyan, light
//! yellow, the grey of "other") all but vanish. A frame drawn for a light
//! terminal has each of the 16 named colours replaced by a darker one of
//! the 256-colour cube, once, after it is drawn — so every style in
//! `theme` holds for both palettes and no drawing code knows which is on.
//! The black ink of a coloured bar becomes white, as it sits on the darker
//! colour.
//!
//! The map is one to one: colours that differed still differ, so a cell
//! never gets its background's colour as its own.

use ratatui::buffer::Buffer;
use ratatui::style::Color;

/// The colour for a light background in place of `color`.
pub fn on_light(color: Color) -> Color {
    match color {
        Color::Black => Color::Indexed(231),
        Color::White => Color::Indexed(16),
        Color::Red => Color::Indexed(124),
        Color::LightRed => Color::Indexed(160),
        Color::Green => Color::Indexed(28),
        Color::LightGreen => Color::Indexed(22),
        Color::Yellow => Color::Indexed(130),
        Color::LightYellow => Color::Indexed(94),
        Color::Blue => Color::Indexed(19),
        Color::LightBlue => Color::Indexed(26),
        Color::Magenta => Color::Indexed(127),
        Color::LightMagenta => Color::Indexed(90),
        Color::Cyan => Color::Indexed(30),
        Color::LightCyan => Color::Indexed(24),
        Color::Gray => Color::Indexed(240),
        Color::DarkGray => Color::Indexed(245),
        other => other,
    }
}

/// Recolours a drawn frame for a light background.
pub fn for_light_background(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        cell.fg = on_light(cell.fg);
        cell.bg = on_light(cell.bg);
        cell.underline_color = on_light(cell.underline_color);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMED: [Color; 16] = [
        Color::Black,
        Color::White,
        Color::Red,
        Color::LightRed,
        Color::Green,
        Color::LightGreen,
        Color::Yellow,
        Color::LightYellow,
        Color::Blue,
        Color::LightBlue,
        Color::Magenta,
        Color::LightMagenta,
        Color::Cyan,
        Color::LightCyan,
        Color::Gray,
        Color::DarkGray,
    ];

    #[test]
    fn every_named_colour_has_its_own_and_reset_stays() {
        let mapped: Vec<Color> = NAMED.iter().map(|&c| on_light(c)).collect();
        for (i, c) in mapped.iter().enumerate() {
            assert!(matches!(c, Color::Indexed(_)), "{:?}", NAMED[i]);
            assert!(!mapped[..i].contains(c), "{:?} and another both become {c:?}", NAMED[i]);
        }
        assert_eq!(on_light(Color::Reset), Color::Reset);
    }
}
