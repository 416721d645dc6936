//! The corpus-wide search (`F`): a pattern typed into a line (a literal, or
//! a regular expression after Ctrl-r), searched for in every document in
//! bounded steps on [`Action::Tick`] (see [`crate::query::corpus_search`]),
//! each keystroke starting it again; the hits grouped by document under a
//! cursor. Enter goes to the hit under it, and n / N then step through the
//! hits across documents ([`crate::state::corpus_hits`]). Closed, it is
//! remembered, and `F` opens it as it was left.

use std::rc::Rc;

use ratatui::layout::Rect;

use super::Next;
use crate::query::corpus_search::{MAX_HITS, Pattern, PatternError, Search};
use crate::query::finder::STEP_TIME;
use crate::state::action::SEARCH_QUERY_MAX;
use crate::state::corpus_hits::{LastSearch, go_to_hit};
use crate::state::cursor::{ListCursor, Motion, visible_offset};
use crate::state::geometry;
use crate::state::input::LineInput;
use crate::state::{Action, App, MouseKind};

/// Rows above the list: the query line and a rule.
pub const HEADER: u16 = 2;

/// Where the hits are drawn.
pub fn list_area(area: Rect) -> Rect {
    geometry::view_list(area, HEADER)
}

fn list_height(area: Rect) -> usize {
    (list_area(area).height as usize).max(1)
}

/// Where the search is.
#[derive(Debug)]
pub enum Found {
    /// Nothing typed.
    Nothing,
    /// What was typed is no regular expression: why.
    Invalid(String),
    /// Under way, advanced by [`Action::Tick`].
    Searching(Search),
    /// Done: shared with the reader once a hit is gone to.
    Done(Rc<Search>),
}

#[derive(Debug)]
pub struct CorpusSearchScreen {
    pub query: LineInput,
    /// Whether the query is a regular expression (else a literal).
    pub regex: bool,
    pub found: Found,
    /// The cursor over the grouped rows ([`Search::row`]).
    pub list: ListCursor,
}

impl CorpusSearchScreen {
    /// The search as it was last left, or an empty one.
    pub fn open(app: &App) -> CorpusSearchScreen {
        let mut screen = CorpusSearchScreen {
            query: LineInput::new(SEARCH_QUERY_MAX, "the search"),
            regex: false,
            found: Found::Nothing,
            list: ListCursor::default(),
        };
        let Some(last) = app.reader.corpus.last.clone() else { return screen };
        screen.query.edit(&Action::InputText(last.query));
        screen.regex = last.regex;
        match last.search {
            Some(search) => screen.found = Found::Done(search),
            None => screen.restart(app),
        }
        screen.list = last.list;
        // The cursor on the hit last gone to, if it is this search's.
        if let (Found::Done(search), Some(reader)) = (&screen.found, &app.reader.corpus.search) {
            if Rc::ptr_eq(search, reader) {
                if let Some(i) = app.reader.corpus.current {
                    screen.list.cursor = search.row_of_hit(i);
                }
            }
        }
        let rows = screen.search().map_or(0, Search::row_count);
        let height = list_height(app.area);
        screen.list.cursor = screen.list.cursor.min(rows.saturating_sub(1));
        screen.list.offset = visible_offset(screen.list.offset, screen.list.cursor, rows, height);
        screen
    }

    /// The search, under way or done.
    pub fn search(&self) -> Option<&Search> {
        match &self.found {
            Found::Searching(s) => Some(s),
            Found::Done(s) => Some(s),
            Found::Nothing | Found::Invalid(_) => None,
        }
    }

    /// Whether the search is under way (the event loop then ticks).
    pub fn busy(&self) -> bool {
        matches!(self.found, Found::Searching(_))
    }

    /// Starts the search for what is typed, and takes its first step.
    fn restart(&mut self, app: &App) {
        self.list = ListCursor::default();
        self.found = match Pattern::new(self.query.text(), self.regex) {
            Ok(pattern) => Found::Searching(Search::new(pattern, MAX_HITS)),
            Err(PatternError::Empty) => Found::Nothing,
            Err(PatternError::Invalid(why)) => Found::Invalid(why),
        };
        self.advance(app, STEP_TIME);
    }

    /// Searches on for about `budget`.
    fn advance(&mut self, app: &App, budget: std::time::Duration) {
        if let Found::Searching(search) = &mut self.found {
            if search.step_for(&app.corpus, budget) {
                let done = std::mem::replace(&mut self.found, Found::Nothing);
                if let Found::Searching(search) = done {
                    self.found = Found::Done(Rc::new(search));
                }
            }
        }
    }

    /// What `F` will open: this screen as it is now (a search under way is
    /// not kept: it starts again).
    fn remember(&self, app: &mut App) {
        let search = match &self.found {
            Found::Done(s) => Some(s.clone()),
            _ => None,
        };
        app.reader.corpus.last =
            Some(LastSearch { query: self.query.text().to_string(), regex: self.regex, list: self.list, search });
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        let height = list_height(app.area);
        let rows = self.search().map_or(0, Search::row_count);
        // The window may have changed size since the last action (a resize
        // is no action of a screen's): what a click lands on is what is shown.
        self.list.keep_in_view(rows, height);
        if let Some(edit) = self.query.edit(&action) {
            if edit.message.is_some() {
                app.message = edit.message;
            }
            if edit.changed {
                self.restart(app);
            }
        } else if let Some(motion) = Motion::of(&action) {
            self.list.go(motion, rows, height);
        } else {
            match action {
                Action::Tick => self.advance(app, STEP_TIME),
                Action::ToggleRegex => {
                    self.regex = !self.regex;
                    self.restart(app);
                }
                Action::FocusNext | Action::FocusPrev => {
                    if let Some(search) = self.search() {
                        let k = search.group_of_row(self.list.cursor).unwrap_or(0);
                        let to = match action {
                            Action::FocusNext => (k + 1).min(search.docs().len().saturating_sub(1)),
                            _ => k.saturating_sub(1),
                        };
                        if !search.docs().is_empty() {
                            self.list.go(Motion::To(search.header_row(to)), rows, height);
                        }
                    }
                }
                Action::Activate => return self.go(app),
                Action::Mouse { kind: MouseKind::Click, column, row } => {
                    if let Some(r) = self.list.row_at(list_area(app.area), column, row, 1, rows) {
                        self.list.cursor = r;
                        return self.go(app);
                    }
                }
                Action::Back => {
                    self.remember(app);
                    return Next::Close;
                }
                _ => {}
            }
        }
        let rows = self.search().map_or(0, Search::row_count);
        self.list.keep_in_view(rows, height);
        self.remember(app);
        Next::Stay
    }

    /// Enter: to the hit under the cursor (a document's header: its first
    /// hit), the search finished first so that n / N have every hit.
    fn go(&mut self, app: &mut App) -> Next {
        self.advance(app, std::time::Duration::MAX);
        let Found::Done(search) = &self.found else { return Next::Stay };
        let Some(i) = search.hit_of_row(self.list.cursor) else {
            app.message = Some("no hit to go to: type something that is in the text".into());
            return Next::Stay;
        };
        app.reader.corpus.search = Some(search.clone());
        self.list.cursor = search.row_of_hit(i);
        self.remember(app);
        go_to_hit(app, i);
        Next::CloseAll
    }
}

#[cfg(test)]
mod tests;
