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

#[cfg(test)]
mod tests {
    use crate::state::fixture::sample_app;
    use crate::state::*;

    fn search(app: &mut App, query: &str) {
        update(app, Action::StartSearch);
        update(app, Action::InputText(query.into()));
        update(app, Action::Activate);
    }

    #[test]
    fn enter_searches_and_an_empty_search_repeats_the_last() {
        let mut app = sample_app(120, 40);
        search(&mut app, "the");
        assert!(app.screens.is_empty(), "the line closes");
        let found = app.reader.search.as_ref().map(|s| (s.query.clone(), s.matches.len(), s.current));
        let (query, n, current) = found.expect("a search");
        assert_eq!((query.as_str(), current), ("the", Some(0)));
        assert!(n > 1);
        app.reader.search = None;
        search(&mut app, "");
        assert_eq!(app.reader.search.as_ref().map(|s| s.query.as_str()), Some("the"), "the last search again");
    }

    #[test]
    fn a_search_that_finds_nothing_says_so_and_esc_cancels() {
        let mut app = sample_app(120, 40);
        search(&mut app, "zzzz");
        assert_eq!(app.message.as_deref(), Some("no match for \"zzzz\" in this document"));
        assert!(app.reader.search.is_none());
        update(&mut app, Action::StartSearch);
        update(&mut app, Action::Input('x'));
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty() && app.reader.search.is_none() && app.message.is_none());
    }
}
