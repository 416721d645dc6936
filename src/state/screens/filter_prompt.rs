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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::fixture::{entity_id, sample_app};
    use crate::state::*;

    fn filter(app: &mut App, text: &str) {
        update(app, Action::StartSearch);
        assert_eq!(app.mode(), Mode::Filter);
        update(app, Action::InputText(text.into()));
    }

    #[test]
    fn slash_in_the_entities_pane_filters_it_as_it_is_typed() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Entities));
        let all = app.derived.entity_rows.len();
        filter(&mut app, "kaz");
        let ids: Vec<String> = app.derived.entity_rows.iter().map(|r| entity_id(&app, r.entity)).collect();
        assert_eq!(ids, ["kazakhs", "kazakhstan"]);
        assert_eq!(counts(&app, FilterTarget::Entities), (2, all));
        // Aliases count: КНБ is the KNB's.
        update(&mut app, Action::ClearInput);
        update(&mut app, Action::InputText("кнб".into()));
        assert_eq!(app.derived.entity_rows.len(), 1);
        assert_eq!(app.view().entities.item, app.corpus.entity_by_id("knb"), "the cursor is on what is left");
        update(&mut app, Action::Activate);
        assert!(app.screens.is_empty() && app.reader.filters.entities == "кнб", "Enter keeps the filter");
        // Esc on the main screen clears the focused list's filter first, then the selection.
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        app.reader.entity = Some(t);
        update(&mut app, Action::Back);
        assert_eq!((app.derived.entity_rows.len(), app.reader.entity), (all, Some(t)));
        update(&mut app, Action::Back);
        assert_eq!(app.reader.entity, None);
        // Esc while typing clears it too.
        filter(&mut app, "kaz");
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty());
        assert_eq!(app.derived.entity_rows.len(), all);
    }

    #[test]
    fn slash_in_the_claims_pane_filters_claims_folding_quotes_and_dashes() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Claims));
        update(&mut app, Action::ToggleScope);
        let all = app.derived.claim_rows.len();
        // The interview writes "pre-trial" with a hyphen; a dash typed finds it.
        filter(&mut app, "PRE–TRIAL");
        assert_eq!(app.derived.claim_rows, [app.corpus.claim_by_id("i-detention").unwrap()]);
        assert_eq!(counts(&app, FilterTarget::Claims), (1, all));
        // A row holds what it shows: a claim's note is not among it.
        update(&mut app, Action::ClearInput);
        update(&mut app, Action::InputText("annotator’s".into()));
        assert!(app.derived.claim_rows.is_empty());
        update(&mut app, Action::ClearInput);
        update(&mut app, Action::InputText("yuritsyn".into()));
        assert_eq!(app.derived.claim_rows.len(), 2, "by claimant");
        update(&mut app, Action::InputText("zzz".into()));
        assert!(app.derived.claim_rows.is_empty());
        update(&mut app, Action::Back);
        assert_eq!(app.derived.claim_rows.len(), all);
        // With the text focused, / is the document's search.
        update(&mut app, Action::Focus(Pane::Text));
        update(&mut app, Action::StartSearch);
        assert_eq!(app.mode(), Mode::Search);
    }

    #[test]
    fn slash_filters_the_dossier_the_overview_and_help() {
        let mut app = sample_app(120, 40);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::SelectEntity(t));
        update(&mut app, Action::OpenDossier);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        let all = d.dossier.len();
        filter(&mut app, "10 to 15");
        let (shown, of) = {
            let Some(Screen::Dossier(d)) = app.screens.nth_from_top(1) else { panic!("no dossier") };
            (d.shown_len(), d.dossier.len())
        };
        assert_eq!(of, all);
        assert!(shown >= 1 && shown < all, "{shown} of {all}");
        update(&mut app, Action::Activate);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        let row = d.dossier.row(&app.corpus, d.shown_row(d.list.cursor)).unwrap();
        assert!(crate::query::row_text::dossier_row(&app.corpus, &d.dossier, d.shown_row(0)).contains("10 to 15"));
        assert!(!matches!(row, crate::query::dossier::DossierRow::Blank));
        update(&mut app, Action::Back);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("Esc clears the filter first") };
        assert_eq!(d.shown_len(), all);
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty());

        // The overview: a straight quote finds the title's curly one.
        update(&mut app, Action::OpenOverview);
        filter(&mut app, "\"no one knows");
        update(&mut app, Action::Activate);
        let Some(Screen::Overview(o)) = app.screens.top() else { panic!("no overview") };
        assert_eq!(o.shown_len(), 1);
        assert_eq!(o.overview.rows[o.shown_row(0)], crate::query::overview::OverviewRow::Document(DocIdx(1)));
        update(&mut app, Action::Activate);
        assert_eq!(app.reader.doc, DocIdx(1), "Enter on the row shown goes there");

        // Help: the lines that say "dossier".
        update(&mut app, Action::OpenHelp);
        filter(&mut app, "dossier");
        update(&mut app, Action::Activate);
        let Some(Screen::Help(h)) = app.screens.top() else { panic!("no help") };
        assert!(h.shown_len() >= 3 && h.shown_len() < crate::state::keymap::help_line_count());
        assert!(h.filter.label(crate::state::keymap::help_line_count()).unwrap().starts_with("“dossier” "));
        update(&mut app, Action::Back);
        let Some(Screen::Help(h)) = app.screens.top() else { panic!("Esc clears help's filter first") };
        assert!(!h.filter.is_active());
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty());
    }
}
