//! The corpus overview (`O`): each document with its counts, the entities
//! named in more than one, and every cross-document relation. It is made
//! once per corpus and reopens where it was left.

use std::rc::Rc;

use super::dossier::{DossierScreen, move_in_view};
use super::relations::{ChooseFor, RelationChoice, relation_chosen};
use super::{Next, Screen};
use crate::query::overview::{Overview, OverviewRow};
use crate::state::cursor::{ListCursor, visible_offset};
use crate::state::geometry;
use crate::state::navigate::leave_for;
use crate::state::row_filter::RowFilter;
use crate::state::{Action, App};

/// Each row's text as `/` filters it.
fn row_text<'c>(corpus: &'c crate::data::model::Corpus, rows: &'c [OverviewRow]) -> impl Fn(usize) -> String + Sync {
    move |i| crate::query::row_text::overview_row(corpus, &rows[i])
}

/// The overview, open: shared, since it sorts every entity to be made.
#[derive(Debug, Clone)]
pub struct OverviewScreen {
    pub overview: Rc<Overview>,
    /// The cursor over the rows shown (those the filter keeps).
    pub list: ListCursor,
    pub filter: RowFilter,
}

impl OverviewScreen {
    /// The overview as it was last left, or made now.
    pub fn open(app: &mut App) -> OverviewScreen {
        let mut screen = app.screens.last_overview().cloned().unwrap_or_else(|| OverviewScreen {
            overview: Rc::new(Overview::new(&app.corpus)),
            list: ListCursor::default(),
            filter: RowFilter::default(),
        });
        // The window may have changed size since.
        let height = geometry::view_list_height(app.area);
        screen.list.offset = visible_offset(screen.list.offset, screen.list.cursor, screen.shown_len(), height);
        app.screens.remember_overview(&screen);
        screen
    }

    /// How many rows are shown: those the filter keeps.
    pub fn shown_len(&self) -> usize {
        self.filter.len(self.overview.rows.len())
    }

    /// The overview's row shown `i`-th.
    pub fn shown_row(&self, i: usize) -> usize {
        self.filter.row(i)
    }

    /// Narrows the rows to those that hold `query` (all of them when it is empty).
    pub fn set_filter(&mut self, corpus: &crate::data::model::Corpus, query: &str) {
        let row = (self.list.cursor < self.shown_len()).then(|| self.shown_row(self.list.cursor));
        let rows = &self.overview.rows;
        self.filter.set(query, rows.len(), row_text(corpus, rows));
        self.list.cursor = row.and_then(|r| self.filter.position(r)).unwrap_or(0);
        self.list.offset = 0;
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        let len = self.shown_len();
        if move_in_view(&mut self.list, len, app, &action) {
            // `g` goes to the first row Enter does something on, not the heading above it.
            if action == Action::Top {
                let leads =
                    |r: &OverviewRow| !matches!(r, OverviewRow::Heading(..) | OverviewRow::Empty | OverviewRow::Blank);
                if let Some(i) = (0..len).find(|&i| leads(&self.overview.rows[self.shown_row(i)])) {
                    self.list.cursor = i;
                }
            }
            app.screens.remember_overview(self);
            return Next::Stay;
        }
        match (action, self.overview.rows.get(self.shown_row(self.list.cursor)).copied()) {
            (Action::Activate, Some(OverviewRow::Document(d))) => {
                leave_for(app, d);
                Next::CloseAll
            }
            (Action::Activate | Action::OpenDossier, Some(OverviewRow::Entity(e))) => {
                Next::Push(Screen::Dossier(DossierScreen::open(app, e)))
            }
            (Action::Activate, Some(OverviewRow::Relation(from, k))) => {
                // A claim's own relations come first among its links.
                let choice = RelationChoice::from(app.corpus.link(from, k));
                relation_chosen(app, from, choice, ChooseFor::Compare).map_or(Next::Stay, Next::Push)
            }
            (Action::TogglePin, Some(OverviewRow::Entity(e))) => {
                crate::state::pins::toggle_pin(app, e);
                Next::Stay
            }
            (Action::TogglePin, _) => {
                let key = crate::state::Mode::View.key(&Action::TogglePin);
                app.message = Some(format!("{key} pins an entity: put the cursor on one"));
                Next::Stay
            }
            (Action::StartSearch, _) => {
                let (corpus, rows) = (&app.corpus, &self.overview.rows);
                self.filter.prepare(rows.len(), row_text(corpus, rows));
                app.screens.remember_overview(self);
                Next::Push(super::filter_prompt::FilterPrompt::over_screen(&self.filter))
            }
            (Action::Back, _) if self.filter.is_active() => {
                self.set_filter(&app.corpus, "");
                app.screens.remember_overview(self);
                Next::Stay
            }
            (Action::Back, _) => Next::Close,
            (action @ (Action::Copy | Action::Export), _) => {
                crate::state::effects::not_here(app, &action);
                Next::Stay
            }
            _ => Next::Stay,
        }
    }
}

#[cfg(test)]
mod tests {
    /// The overview's cursor (after `g`, the first row Enter opens).
    fn cursor(app: &crate::state::App) -> i32 {
        match app.screens.top() {
            Some(crate::state::Screen::Overview(o)) => o.list.cursor as i32,
            _ => panic!("not in the overview"),
        }
    }

    use crate::data::model::*;
    use crate::state::fixture::sample_app;
    use crate::state::*;

    #[test]
    fn the_overview_leads_to_documents_dossiers_and_comparisons() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenOverview);
        let rows = match app.screens.top() {
            Some(Screen::Overview(o)) => o.overview.rows.clone(),
            _ => panic!("no overview"),
        };
        let at = |want: fn(&crate::query::overview::OverviewRow) -> bool| rows.iter().position(want).unwrap() as i32;
        update(&mut app, Action::Move(at(|r| *r == crate::query::overview::OverviewRow::Document(DocIdx(1)))));
        update(&mut app, Action::Activate);
        assert_eq!((app.reader.doc, app.screens.top().is_none()), (DocIdx(1), true));
        update(&mut app, Action::OpenOverview);
        let Some(Screen::Overview(o)) = app.screens.top() else { panic!("no overview") };
        assert_eq!(
            o.list.cursor as i32,
            at(|r| *r == crate::query::overview::OverviewRow::Document(DocIdx(1))),
            "reopened where it was left"
        );
        update(&mut app, Action::Top);
        let from = cursor(&app);
        update(&mut app, Action::Move(-from + at(|r| matches!(r, crate::query::overview::OverviewRow::Entity(_)))));
        update(&mut app, Action::Activate);
        assert!(matches!(app.screens.top(), Some(Screen::Dossier(_))));
        // Esc returns to the overview, where the cursor was.
        update(&mut app, Action::Back);
        let Some(Screen::Overview(o)) = app.screens.top() else { panic!("not back in the overview") };
        assert_eq!(o.list.cursor as i32, at(|r| matches!(r, crate::query::overview::OverviewRow::Entity(_))));
        update(&mut app, Action::Top);
        let from = cursor(&app);
        update(&mut app, Action::Move(-from + at(|r| matches!(r, crate::query::overview::OverviewRow::Relation(..)))));
        update(&mut app, Action::Activate);
        assert!(matches!(app.screens.top(), Some(Screen::Compare(_))));
        update(&mut app, Action::Back);
        assert!(matches!(app.screens.top(), Some(Screen::Overview(_))));
        // Closed and reopened, the overview is where it was left, and the same one.
        let (rows, cursor) = match app.screens.top() {
            Some(Screen::Overview(o)) => (std::rc::Rc::as_ptr(&o.overview), o.list.cursor),
            _ => unreachable!(),
        };
        update(&mut app, Action::Back);
        update(&mut app, Action::OpenOverview);
        let Some(Screen::Overview(o)) = app.screens.top() else { panic!("no overview") };
        assert_eq!((std::rc::Rc::as_ptr(&o.overview), o.list.cursor), (rows, cursor));
        // Going to the text from a view opened from the overview leaves both.
        update(&mut app, Action::Activate);
        update(&mut app, Action::Activate);
        assert!(app.screens.is_empty());
        update(&mut app, Action::OpenDossier);
        update(&mut app, Action::Back);
        assert!(app.screens.top().is_none(), "a dossier opened from the text closes to the text");
    }
}
