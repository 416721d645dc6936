//! Every style the screen uses, in one place: a consistent colour per
//! entity kind, and a colourless variant (modifiers only) for NO_COLOR.

use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};

use crate::data::model::{ClaimKind, EntityKind};
use crate::state::look::CursorStyle;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Theme {
    pub no_color: bool,
    /// How a list's cursor row stands out (the config's `cursor`).
    pub cursor: CursorStyle,
}

impl Theme {
    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.no_color { plain } else { colored }
    }

    pub fn kind_color(kind: &EntityKind) -> Color {
        match kind {
            EntityKind::Person => Color::Cyan,
            EntityKind::Organization => Color::Yellow,
            EntityKind::Place => Color::Green,
            EntityKind::Group => Color::Magenta,
            EntityKind::Event => Color::LightRed,
            EntityKind::Law => Color::LightBlue,
            EntityKind::Work => Color::LightMagenta,
            EntityKind::Other | EntityKind::Unknown(_) => Color::Gray,
        }
    }

    /// A mention in the text, and an entity's kind tag.
    pub fn mention(&self, kind: &EntityKind) -> Style {
        let colored = Style::new().fg(Self::kind_color(kind));
        let colored = if *kind == EntityKind::Work { colored.add_modifier(Modifier::ITALIC) } else { colored };
        self.pick(colored, Style::new().add_modifier(Modifier::BOLD))
    }

    /// A mention of the selected entity: it must stand out strongly.
    pub fn selected_mention(&self, kind: &EntityKind) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Self::kind_color(kind)).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// The marked claim's span.
    pub fn claim_span(&self) -> Style {
        self.pick(
            Style::new().add_modifier(Modifier::UNDERLINED).underline_color(Color::LightCyan),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }

    pub fn search_match(&self) -> Style {
        self.pick(Style::new().fg(Color::Black).bg(Color::Yellow), Style::new().add_modifier(Modifier::REVERSED))
    }

    pub fn search_current(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::LightRed).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    /// The gutter mark of the marked claim, and of lines that have claims.
    pub fn gutter_selected(&self) -> Style {
        self.pick(
            Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn gutter(&self) -> Style {
        self.dim()
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.no_color) {
            (true, false) => Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            (true, true) => Style::new().add_modifier(Modifier::BOLD),
            (false, false) => Style::new().fg(Color::DarkGray),
            (false, true) => Style::new(),
        }
    }

    pub fn title(&self, focused: bool) -> Style {
        if focused { self.border(true) } else { Style::new().add_modifier(Modifier::BOLD) }
    }

    /// The row under a list's cursor.
    pub fn cursor(&self, focused: bool) -> Style {
        if let Some(style) = self.cursor_by_style(focused) {
            return style;
        }
        match (focused, self.no_color) {
            (true, false) => Style::new().fg(Color::Black).bg(Color::LightCyan),
            (true, true) => Style::new().add_modifier(Modifier::REVERSED),
            (false, false) => Style::new().fg(Color::White).bg(Color::DarkGray),
            (false, true) => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// `line` as the row under a list's cursor: every part in the cursor's
    /// colours, keeping its weight (bold, italic, underline). A part's own
    /// colour on the cursor's background can be unreadable (grey counts on
    /// a grey row, cyan tags or yellow matches on a cyan one), in a dark
    /// terminal or a light one.
    pub fn on_cursor<'a>(&self, line: Line<'a>, focused: bool) -> Line<'a> {
        let base = self.cursor(focused);
        let spans = line
            .spans
            .into_iter()
            .map(|span| {
                let style = base.add_modifier(span.style.add_modifier).remove_modifier(span.style.sub_modifier);
                // Styles that keep each cell's own colours (inverted, underlined) patch it.
                let keeps = self.no_color || self.cursor != CursorStyle::Bar;
                Span::styled(span.content, if keeps { span.style.patch(base) } else { style })
            })
            .collect::<Vec<_>>();
        Line { spans, style: base, alignment: line.alignment }
    }

    /// The cursor row in the styles that keep each cell's own colours
    /// (`None` for the theme's bar, above): inverted, or underlined, and
    /// bold where the list has the keys. Without colour they read the same.
    fn cursor_by_style(&self, focused: bool) -> Option<Style> {
        let underlined = Style::new().add_modifier(Modifier::UNDERLINED);
        match (self.cursor, focused) {
            (CursorStyle::Bar, _) => None,
            (CursorStyle::Reverse, true) => Some(Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)),
            (CursorStyle::Underline, true) => Some(underlined.add_modifier(Modifier::BOLD)),
            (_, false) => Some(underlined),
        }
    }

    pub fn dim(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new().add_modifier(Modifier::DIM))
    }

    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn accent(&self) -> Style {
        self.pick(
            Style::new().fg(Color::LightCyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// A finder match's matched characters.
    pub fn matched(&self) -> Style {
        self.pick(
            Style::new().fg(Color::LightYellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    pub fn header(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(Color::LightCyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn tab(&self, current: bool) -> Style {
        if current { Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD) } else { self.dim() }
    }

    pub fn claim_kind(&self, kind: ClaimKind) -> Style {
        let color = match kind {
            ClaimKind::Fact => Color::Green,
            ClaimKind::Statistic => Color::LightBlue,
            ClaimKind::Quote => Color::Cyan,
            ClaimKind::Opinion => Color::Yellow,
            ClaimKind::Allegation => Color::LightRed,
            ClaimKind::Prediction => Color::LightMagenta,
        };
        self.pick(Style::new().fg(color), Style::new().add_modifier(Modifier::BOLD))
    }

    /// A relation label: contradictions stand out.
    pub fn relation(&self, contradicts: bool) -> Style {
        if contradicts {
            self.pick(
                Style::new().fg(Color::LightRed).add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::BOLD),
            )
        } else {
            self.pick(
                Style::new().fg(Color::LightGreen).add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::BOLD),
            )
        }
    }

    pub fn note(&self) -> Style {
        self.pick(
            Style::new().fg(Color::LightYellow).add_modifier(Modifier::ITALIC),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }
}
