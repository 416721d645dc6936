//! The filter line (`/` in a list): text typed into the status line
//! narrows, as it is typed, the rows of what it was opened over — the
//! Entities or Claims pane, the dossier, the overview, help, the full
//! detail — to those that hold it. Enter keeps the filter, Esc clears it.

use super::{Next, Screen};
use crate::state::input::LineInput;
use crate::state::{Action, App, Pane};

/// The longest filter, in characters.
pub const FILTER_QUERY_MAX: usize = 128;

/// What the filter narrows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterTarget {
    Entities,
    Claims,
    /// The screen beneath the line.
    Screen,
}

#[derive(Debug)]
pub struct FilterPrompt {
    pub target: FilterTarget,
    pub query: LineInput,
}

impl FilterPrompt {
    fn new(target: FilterTarget, text: &str) -> FilterPrompt {
        let mut query = LineInput::new(FILTER_QUERY_MAX, "a filter");
        query.edit(&Action::InputText(text.to_string()));
        FilterPrompt { target, query }
    }

    /// The line over a list-like screen, starting from its filter.
    pub fn over_screen(filter: &crate::state::row_filter::RowFilter) -> Screen {
        Screen::Filter(FilterPrompt::new(FilterTarget::Screen, filter.query()))
    }

    /// The line over the focused pane of the main screen.
    pub fn over_pane(app: &App) -> Screen {
        let (target, text) = match app.main.focus {
            Pane::Claims => (FilterTarget::Claims, &app.reader.filters.claims),
            _ => (FilterTarget::Entities, &app.reader.filters.entities),
        };
        Screen::Filter(FilterPrompt::new(target, text))
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        if let Some(edit) = self.query.edit(&action) {
            if edit.message.is_some() {
                app.message = edit.message;
            }
            apply(app, self.target, self.query.text());
            return Next::Stay;
        }
        match action {
            Action::Back => {
                apply(app, self.target, "");
                Next::Close
            }
            Action::Activate => Next::Close,
            _ => Next::Stay,
        }
    }
}

/// Sets the filter of `target` to `text`.
fn apply(app: &mut App, target: FilterTarget, text: &str) {
    match target {
        FilterTarget::Entities => app.reader.filters.entities = text.to_string(),
        FilterTarget::Claims => app.reader.filters.claims = text.to_string(),
        FilterTarget::Screen => {
            let mut overview = None;
            match app.screens.top_mut() {
                Some(Screen::Detail(d)) => d.set_filter(text),
                Some(Screen::Dossier(d)) => d.set_filter(&app.corpus, text),
                Some(Screen::Help(h)) => h.set_filter(text),
                Some(Screen::Overview(o)) => {
                    o.set_filter(&app.corpus, text);
                    overview = Some(o.clone());
                }
                _ => {}
            }
            if let Some(o) = overview {
                app.screens.remember_overview(&o);
            }
        }
    }
}

/// Esc on the main screen: clears the focused list's filter, if it has one.
pub(crate) fn clear_pane_filter(app: &mut App) -> bool {
    let filter = match app.main.focus {
        Pane::Entities => &mut app.reader.filters.entities,
        Pane::Claims => &mut app.reader.filters.claims,
        Pane::Text => return false,
    };
    let had = !filter.trim().is_empty();
    filter.clear();
    had
}

/// What the line's filter keeps, of how many rows: (shown, all), while
/// the line is open (over the screen it filters).
pub fn counts(app: &App, target: FilterTarget) -> (usize, usize) {
    match target {
        FilterTarget::Entities => (app.derived.entity_rows.len(), app.derived.unfiltered_rows.0.len()),
        FilterTarget::Claims => (app.derived.claim_rows.len(), app.derived.unfiltered_rows.1.len()),
        FilterTarget::Screen => match app.screens.beneath_top() {
            Some(Screen::Detail(d)) => (d.filter.len(d.texts.len()), d.texts.len()),
            Some(Screen::Dossier(d)) => (d.shown_len(), d.dossier.len()),
            Some(Screen::Help(h)) => (h.shown_len(), crate::state::keymap::help_line_count()),
            Some(Screen::Overview(o)) => (o.shown_len(), o.overview.rows.len()),
            _ => (0, 0),
        },
    }
}
