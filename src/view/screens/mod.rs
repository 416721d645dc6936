//! Drawing the screens that open over the main one, one module each,
//! mirroring [`crate::state::screens`]: changing a screen means its two
//! files of the same name.

pub mod compare;
pub mod corpus_search;
pub mod detail;
pub mod documents;
pub mod dossier;
pub mod filter_prompt;
pub mod finder;
pub mod goto_prompt;
pub mod help;
pub mod main;
pub mod overview;
pub mod relations;
pub mod search_prompt;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear};

use super::fit_title;
use super::theme::Theme;
use crate::state::{Action, App, Mode, Screen};

/// Draws the screen shown over the main one (the search line is drawn with
/// the status line, by [`search_prompt`]).
pub fn draw(frame: &mut Frame, app: &App, screen: &Screen, theme: &Theme) {
    match screen {
        Screen::Finder(f) => finder::draw(frame, app, f, theme),
        Screen::Help(h) => help::draw(frame, h, theme),
        Screen::Relations(r) => relations::draw(frame, app, r, theme),
        Screen::Dossier(d) => dossier::draw(frame, app, d, theme),
        Screen::Compare(c) => compare::draw(frame, app, c, theme),
        Screen::Overview(o) => overview::draw(frame, app, o, theme),
        Screen::CorpusSearch(s) => corpus_search::draw(frame, app, s, theme),
        Screen::Documents(d) => documents::draw(frame, app, d, theme),
        Screen::Detail(d) => detail::draw(frame, app, d, theme),
        Screen::SearchPrompt(_) | Screen::Goto(_) | Screen::Filter(_) => {}
    }
}

pub(super) fn popup(frame: &mut Frame, area: Rect, title: String, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::from(Span::styled(format!(" {} ", fit_title(&title, area.width as usize)), theme.title(true))));
    frame.render_widget(block, area);
}

pub(super) fn frame_block(frame: &mut Frame, area: Rect, title: String, hint: &str, theme: &Theme) {
    frame.render_widget(Clear, area);
    let block = Block::new()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(Line::from(Span::styled(format!(" {} ", fit_title(&title, area.width as usize)), theme.title(true))))
        .title_bottom(Line::from(Span::styled(format!(" {hint} "), theme.dim())).right_aligned());
    frame.render_widget(block, area);
}

/// What Esc does in a view: back to the view it was opened from, or close.
pub(super) fn esc_hint(app: &App) -> String {
    let esc = Mode::View.key(&Action::Back);
    // Under the filter line, the view is the one beneath it.
    let beneath = match app.screens.top() {
        Some(Screen::Filter(_)) => app.screens.nth_from_top(2),
        _ => app.screens.beneath_top(),
    };
    match beneath {
        Some(Screen::Overview(_)) => format!("{esc} back to the overview"),
        Some(Screen::Dossier(_)) => format!("{esc} back to the dossier"),
        _ => format!("{esc} closes"),
    }
}

/// A list row with the cursor's style when it is the cursor's.
pub(super) fn row(line: Line<'static>, is_cursor: bool, theme: &Theme) -> Line<'static> {
    if is_cursor { theme.on_cursor(line, true) } else { line }
}
