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
use crate::state::{Action, App};

/// The overview, open: shared, since it sorts every entity to be made.
#[derive(Debug, Clone)]
pub struct OverviewScreen {
    pub overview: Rc<Overview>,
    pub list: ListCursor,
}

impl OverviewScreen {
    /// The overview as it was last left, or made now.
    pub fn open(app: &mut App) -> OverviewScreen {
        let mut screen = app.screens.last_overview().cloned().unwrap_or_else(|| OverviewScreen {
            overview: Rc::new(Overview::new(&app.corpus)),
            list: ListCursor::default(),
        });
        // The window may have changed size since.
        let height = geometry::view_list_height(app.area);
        screen.list.offset = visible_offset(screen.list.offset, screen.list.cursor, screen.overview.rows.len(), height);
        app.screens.remember_overview(&screen);
        screen
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        if move_in_view(&mut self.list, self.overview.rows.len(), app, &action) {
            app.screens.remember_overview(self);
            return Next::Stay;
        }
        match (action, self.overview.rows.get(self.list.cursor).copied()) {
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
            (Action::Back, _) => Next::Close,
            _ => Next::Stay,
        }
    }
}
