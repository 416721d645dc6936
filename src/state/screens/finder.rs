//! The entity finder (`f`, Ctrl-p): a query typed into a line, the
//! ranking of entities it matches (worked out in bounded steps, see
//! [`crate::query::finder`]), and a cursor over the hits.

use super::dossier::DossierScreen;
use super::{Next, Screen};
use crate::query::finder::{Hit, Ranking, STEP_TIME};
use crate::state::action::FINDER_QUERY_MAX;
use crate::state::cursor::{ListCursor, Motion};
use crate::state::geometry;
use crate::state::input::LineInput;
use crate::state::navigate::select_entity;
use crate::state::{Action, App, MouseKind};

#[derive(Debug)]
pub struct FinderScreen {
    pub query: LineInput,
    /// The ranking of the query: done, or under way (advanced by [`Action::Tick`]).
    pub ranking: Ranking,
    pub list: ListCursor,
}

impl FinderScreen {
    /// The finder with nothing typed: every entity, most mentioned first.
    pub fn open(app: &App) -> FinderScreen {
        FinderScreen {
            query: LineInput::new(FINDER_QUERY_MAX, "the finder"),
            ranking: app.finder.start("", None),
            list: ListCursor::default(),
        }
    }

    /// The ranking, or while it is under way the best found so far.
    pub fn hits(&self) -> &[Hit] {
        self.ranking.hits()
    }

    /// Whether the ranking is still under way.
    pub fn busy(&self) -> bool {
        !self.ranking.is_done()
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        let height = geometry::finder_list_height(app.area);
        let mut requery = false;
        if let Some(edit) = self.query.edit(&action) {
            if edit.message.is_some() {
                app.message = edit.message;
            }
            requery = edit.changed;
        } else if let Some(motion) = Motion::of(&action) {
            self.list.go(motion, self.hits().len(), height);
        } else {
            match action {
                Action::Tick => {
                    self.ranking.step_for(&app.finder, STEP_TIME);
                }
                Action::Activate => {
                    if let Some(e) = self.hits().get(self.list.cursor).map(|h| h.entity) {
                        select_entity(app, e);
                    }
                    return Next::Close;
                }
                Action::OpenDossier => {
                    return match self.hits().get(self.list.cursor).map(|h| h.entity) {
                        Some(e) => Next::Replace(Screen::Dossier(DossierScreen::open(app, e))),
                        None => Next::Close,
                    };
                }
                Action::Back => return Next::Close,
                Action::Mouse { kind: MouseKind::Click, column, row } => {
                    // A click in the list chooses the row under it (or, on an
                    // empty row, just closes); one outside the finder closes it.
                    let list = geometry::finder_list(app.area);
                    if let Some(i) = self.list.row_at(list, column, row, 1, usize::MAX) {
                        if let Some(e) = self.hits().get(i).map(|h| h.entity) {
                            select_entity(app, e);
                        }
                        return Next::Close;
                    }
                    if !geometry::finder(app.area).contains(ratatui::layout::Position { x: column, y: row }) {
                        return Next::Close;
                    }
                }
                _ => {}
            }
        }
        if requery {
            // A longer query narrows the finished ranking; each step is
            // bounded, so a huge corpus never holds up the screen.
            let previous = std::mem::replace(&mut self.ranking, app.finder.start("", None));
            self.ranking = app.finder.start(self.query.text(), Some(previous));
            self.ranking.step_for(&app.finder, STEP_TIME);
            self.list = ListCursor::default();
        }
        self.list.keep_in_view(self.hits().len(), height);
        Next::Stay
    }
}
