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

/// A query that starts with this finds documents instead (the picker opens with the rest).
pub const DOCUMENTS_PREFIX: char = '#';

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
            // `#` first: the document picker, with what follows it.
            if let Some(rest) = self.query.text().strip_prefix(DOCUMENTS_PREFIX) {
                return Next::Replace(Screen::Documents(super::DocumentsScreen::open(app, rest)));
            }
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
                Action::TogglePin => {
                    if let Some(e) = self.hits().get(self.list.cursor).map(|h| h.entity) {
                        crate::state::pins::toggle_pin(app, e);
                    }
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

#[cfg(test)]
mod tests {
    use crate::data::model::*;
    use crate::state::fixture::{entity_id as id, sample_app};
    use crate::state::*;

    #[test]
    fn finder_selects_and_mentions_step_across_documents() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenFinder);
        for c in "толег".chars() {
            update(&mut app, Action::Input(c));
        }
        let Some(Screen::Finder(f)) = app.screens.top() else { panic!("finder is not open") };
        assert_eq!(id(&app, f.hits()[0].entity), "tolegenov");
        update(&mut app, Action::Activate);
        assert!(app.screens.top().is_none());
        let e = app.reader.entity.unwrap();
        assert_eq!(id(&app, e), "tolegenov");
        assert_eq!(app.mention_position(), Some((1, 3)));
        assert_eq!(app.message.as_deref(), Some("Aslan Tolegenov · mention 1/3 · document 1/2"));
        update(&mut app, Action::Next);
        update(&mut app, Action::Next);
        assert_eq!(app.reader.doc, DocIdx(1), "the third mention is in the second document");
        assert_eq!(app.mention_position(), Some((3, 3)));
        update(&mut app, Action::Next);
        assert_eq!((app.reader.doc, app.mention_position()), (DocIdx(0), Some((1, 3))));
        assert!(app.message.as_deref().unwrap().ends_with("wrapped to the first"));
        update(&mut app, Action::Prev);
        assert_eq!((app.reader.doc, app.mention_position()), (DocIdx(1), Some((3, 3))));
        // Scrolled away from the current mention, n steps from what is on screen.
        let mut small = sample_app(80, 14);
        let knb = small.corpus.entity_by_id("knb").unwrap();
        update(&mut small, Action::SelectEntity(knb));
        assert_eq!(small.mention_position(), Some((1, 3)));
        update(&mut small, Action::Bottom);
        update(&mut small, Action::Prev);
        assert_eq!(
            small.mention_position(),
            Some((2, 3)),
            "the last mention before the end of the view, not the wrap to 3"
        );
        // Leaving for another document forgets the mention: n starts from the new view.
        update(&mut app, Action::GotoDoc(0));
        assert_eq!(app.reader.mention, None);
        // From the top of document 1 the previous mention wraps to the last one
        // (from the forgotten mention 3 it would have been mention 2).
        update(&mut app, Action::Prev);
        assert_eq!((app.reader.doc, app.mention_position()), (DocIdx(1), Some((3, 3))));
        // The claims narrow to those by or about the entity, in both documents.
        assert!(app.derived.claim_rows.iter().all(|&c| app.corpus.claim_involves(c, e)));
        assert!(app.derived.claim_rows.iter().any(|&c| app.corpus.claim(c).doc == DocIdx(0)));
        assert!(app.derived.claim_rows.iter().any(|&c| app.corpus.claim(c).doc == DocIdx(1)));
        update(&mut app, Action::Back);
        assert_eq!(app.reader.entity, None);
        assert_eq!(app.reader.claim_scope, Scope::Document);
    }

    #[test]
    fn the_finder_opens_a_dossier_with_ctrl_d() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenFinder);
        for c in "kost".chars() {
            update(&mut app, Action::Input(c));
        }
        update(&mut app, Action::OpenDossier);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        assert_eq!(app.corpus.entity(d.dossier.entity).id, "kostanay");
        // No current mention of it: the cursor starts on its first mention.
        let first = app.corpus.entity_mentions(d.dossier.entity)[0];
        assert_eq!(Some(d.list.cursor), d.dossier.row_of_mention(&app.corpus, first), "the first mention's row");
        update(&mut app, Action::Activate);
        assert_eq!((app.reader.entity, app.mention_position()), (app.corpus.entity_by_id("kostanay"), Some((1, 2))));
    }
}
