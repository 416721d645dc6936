//! The search line (`/`): a query typed into the status line; Enter
//! searches the document's text and steps to the first match.

use super::Next;
use crate::state::action::SEARCH_QUERY_MAX;
use crate::state::input::LineInput;
use crate::state::navigate::step_search;
use crate::state::{Action, App, Stepping, TextSearch, find_all};

#[derive(Debug)]
pub struct SearchPrompt {
    pub query: LineInput,
}

impl Default for SearchPrompt {
    fn default() -> Self {
        SearchPrompt { query: LineInput::new(SEARCH_QUERY_MAX, "a search") }
    }
}

impl SearchPrompt {
    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        if let Some(edit) = self.query.edit(&action) {
            if edit.message.is_some() {
                app.message = edit.message;
            }
            return Next::Stay;
        }
        match action {
            Action::Back => Next::Close,
            Action::Activate => {
                search(app, self.query.text());
                Next::Close
            }
            _ => Next::Stay,
        }
    }
}

/// Searches the document for `query` (the last search again when it is
/// empty) and steps to the first match after the top of the view.
fn search(app: &mut App, query: &str) {
    let query = if query.is_empty() { app.reader.last_query.clone() } else { query.to_string() };
    if query.is_empty() {
        return;
    }
    let matches = find_all(&app.corpus.doc(app.reader.doc).text, &query);
    app.reader.last_query = query.clone();
    if matches.is_empty() {
        app.message = Some(format!("no match for \"{}\" in this document", crate::text::sanitize::display(&query)));
        app.reader.search = None;
        app.reader.stepping = Stepping::Mentions;
        return;
    }
    app.reader.search = Some(TextSearch { query, doc: app.reader.doc, matches, current: None });
    app.reader.stepping = Stepping::Search;
    step_search(app, true);
}
