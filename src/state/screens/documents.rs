//! The document picker (`D`, or `#` typed first in the entity finder): a
//! query typed into a line, the documents it matches (worked out in
//! bounded steps, see [`crate::query::documents`]) in the order chosen,
//! and a cursor over them. Enter opens the document.

use ratatui::layout::{Position, Rect};

use super::Next;
use crate::data::model::DocIdx;
use crate::query::documents::{DocRanking, DocSort};
use crate::query::finder::STEP_TIME;
use crate::state::action::FINDER_QUERY_MAX;
use crate::state::cursor::{ListCursor, Motion};
use crate::state::geometry::{centered, inner};
use crate::state::input::LineInput;
use crate::state::navigate::leave_for;
use crate::state::{Action, App, MouseKind};

/// Rows above the list, inside the border: the query, the column headings.
pub const HEADER_ROWS: u16 = 2;

/// The picker's box: most of the screen, the header line and the status line left showing.
pub fn area(screen: Rect) -> Rect {
    centered(screen, screen.width.saturating_sub(4).min(140), screen.height.saturating_sub(3))
}

/// The rows of documents.
pub fn list_area(screen: Rect) -> Rect {
    let inner = inner(area(screen));
    Rect { y: inner.y + HEADER_ROWS, height: inner.height.saturating_sub(HEADER_ROWS), ..inner }
}

fn list_height(screen: Rect) -> usize {
    (list_area(screen).height as usize).max(1)
}

#[derive(Debug)]
pub struct DocumentsScreen {
    pub query: LineInput,
    /// The match of the query: done, or under way (advanced by [`Action::Tick`]).
    pub ranking: DocRanking,
    pub sort: DocSort,
    /// The documents listed: once the match is done, in the order chosen;
    /// while it is under way, those found so far, in corpus order.
    pub rows: Vec<DocIdx>,
    pub list: ListCursor,
    /// Which documents may be listed (one flag each), when something
    /// narrows the corpus; `None` lists them all.
    allowed: Option<Vec<bool>>,
}

/// The documents the picker may list: all of them, unless entities are
/// pinned (the hook for pins: documents that do not mention every pinned
/// entity are left out).
fn allowed(app: &App) -> Option<Vec<bool>> {
    let pins = &app.reader.pins;
    (!pins.is_empty()).then(|| app.corpus.doc_indices().map(|d| pins.allows(d)).collect())
}

impl DocumentsScreen {
    /// The picker with `query` typed (nothing: every document, in corpus order).
    pub fn open(app: &App, query: &str) -> DocumentsScreen {
        let allowed = allowed(app);
        let mut input = LineInput::new(FINDER_QUERY_MAX, "the document picker");
        input.edit(&Action::InputText(query.to_string()));
        let ranking = app.documents.start(input.text(), None, allowed.as_deref());
        let mut screen = DocumentsScreen {
            query: input,
            ranking,
            sort: DocSort::Best,
            rows: Vec::new(),
            list: ListCursor::default(),
            allowed,
        };
        screen.ranking.step_for(&app.documents, STEP_TIME);
        screen.settle_rows(app, None);
        // Open on the document being read, when it is listed.
        if let Some(row) = screen.rows.iter().position(|&d| d == app.reader.doc) {
            let height = list_height(app.area);
            screen.list.cursor = row;
            screen.list.offset = row.saturating_sub(height / 3);
            screen.list.keep_in_view(screen.rows.len(), height);
        }
        screen
    }

    /// Whether the match is still under way.
    pub fn busy(&self) -> bool {
        !self.ranking.is_done()
    }

    /// The rows from the ranking, keeping the cursor on `keep` if it is listed.
    fn settle_rows(&mut self, app: &App, keep: Option<DocIdx>) {
        self.rows = if self.ranking.is_done() {
            app.documents.sorted(&app.corpus, self.ranking.hits(), self.sort)
        } else {
            self.ranking.hits().iter().map(|h| h.doc).collect()
        };
        if let Some(row) = keep.and_then(|d| self.rows.iter().position(|&r| r == d)) {
            self.list.cursor = row;
        }
        self.list.keep_in_view(self.rows.len(), list_height(app.area));
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        let height = list_height(app.area);
        if let Some(edit) = self.query.edit(&action) {
            if edit.message.is_some() {
                app.message = edit.message;
            }
            if edit.changed {
                let previous = std::mem::replace(&mut self.ranking, app.documents.start("", None, Some(&[])));
                self.ranking = app.documents.start(self.query.text(), Some(previous), self.allowed.as_deref());
                self.ranking.step_for(&app.documents, STEP_TIME);
                // A new query ranks afresh: its best match first. An order
                // chosen by hand stays, unless it no longer applies.
                if self.sort == DocSort::Corpus && !self.ranking.has_query() {
                    self.sort = DocSort::Best;
                }
                self.list = ListCursor::default();
                self.settle_rows(app, None);
            }
            return Next::Stay;
        }
        if let Some(motion) = Motion::of(&action) {
            self.list.go(motion, self.rows.len(), height);
            return Next::Stay;
        }
        match action {
            Action::Tick => {
                let was_done = self.ranking.is_done();
                self.ranking.step_for(&app.documents, STEP_TIME);
                if !was_done {
                    self.settle_rows(app, None);
                }
            }
            Action::CycleSort => {
                let keep = self.rows.get(self.list.cursor).copied();
                self.sort = self.sort.next(self.ranking.has_query(), app.reader.entity);
                self.settle_rows(app, keep);
                let height = list_height(app.area);
                self.list.offset = self.list.cursor.saturating_sub(height / 3);
                self.list.keep_in_view(self.rows.len(), height);
            }
            Action::Activate => {
                return match self.rows.get(self.list.cursor) {
                    Some(&d) => {
                        leave_for(app, d);
                        Next::CloseAll
                    }
                    None => Next::Stay,
                };
            }
            Action::Back => return Next::Close,
            Action::Mouse { kind: MouseKind::Click, column, row } => {
                // A click on a row opens it; one outside the picker closes it.
                if let Some(i) = self.list.row_at(list_area(app.area), column, row, 1, self.rows.len()) {
                    leave_for(app, self.rows[i]);
                    return Next::CloseAll;
                }
                if !area(app.area).contains(Position { x: column, y: row }) {
                    return Next::Close;
                }
            }
            _ => {}
        }
        Next::Stay
    }
}

#[cfg(test)]
mod tests {
    use crate::data::model::DocIdx;
    use crate::query::documents::DocSort;
    use crate::state::fixture::sample_app;
    use crate::state::*;

    fn picker(app: &App) -> &DocumentsScreen {
        match app.screens.top() {
            Some(Screen::Documents(d)) => d,
            other => panic!("the picker is not open: {other:?}"),
        }
    }

    #[test]
    fn d_opens_every_document_and_typing_narrows() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenDocuments);
        assert_eq!(app.mode(), Mode::Documents);
        assert_eq!(picker(&app).rows, [DocIdx(0), DocIdx(1)]);
        update(&mut app, Action::InputText("charges".into()));
        assert_eq!(picker(&app).rows, [DocIdx(1)]);
        update(&mut app, Action::ClearInput);
        update(&mut app, Action::Input('q'));
        update(&mut app, Action::Input('q'));
        update(&mut app, Action::Input('z'));
        assert!(picker(&app).rows.is_empty());
        update(&mut app, Action::Activate);
        assert_eq!(app.mode(), Mode::Documents, "Enter on nothing stays");
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty(), "Esc closes");
        assert_eq!(app.reader.doc, DocIdx(0));
    }

    #[test]
    fn enter_opens_the_document_as_a_jump() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenDocuments);
        assert_eq!(picker(&app).list.cursor, 0, "on the document being read");
        update(&mut app, Action::Move(1));
        update(&mut app, Action::Activate);
        assert!(app.screens.is_empty());
        assert_eq!(app.reader.doc, DocIdx(1));
        update(&mut app, Action::JumpBack);
        assert_eq!(app.reader.doc, DocIdx(0), "Ctrl-o comes back");
        // Reopened from document 2, the cursor is on it.
        update(&mut app, Action::JumpForward);
        update(&mut app, Action::OpenDocuments);
        assert_eq!(picker(&app).list.cursor, 1);
    }

    #[test]
    fn the_sort_cycles_and_keeps_the_cursor_on_its_document() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenDocuments);
        update(&mut app, Action::CycleSort);
        assert_eq!(picker(&app).sort, DocSort::Date);
        update(&mut app, Action::CycleSort);
        assert_eq!(picker(&app).sort, DocSort::Best, "no entity selected: no mentions order");
        update(&mut app, Action::Back);
        let k = app.corpus.entity_by_id("kostanay").unwrap();
        update(&mut app, Action::SelectEntity(k));
        update(&mut app, Action::OpenDocuments);
        update(&mut app, Action::InputText("a".into()));
        update(&mut app, Action::CycleSort);
        assert_eq!(picker(&app).sort, DocSort::Corpus, "with a query, corpus order apart from best match");
        update(&mut app, Action::CycleSort);
        update(&mut app, Action::CycleSort);
        assert_eq!(picker(&app).sort, DocSort::Mentions(k));
        let counts: Vec<usize> = picker(&app).rows.iter().map(|&d| app.corpus.entity_mentions_in(k, d).len()).collect();
        assert!(counts.windows(2).all(|w| w[0] >= w[1]), "most mentions first: {counts:?}");
        let on = picker(&app).rows[1];
        update(&mut app, Action::Move(1));
        update(&mut app, Action::CycleSort);
        let p = picker(&app);
        assert_eq!(p.rows[p.list.cursor], on, "the cursor stays on its document");
    }

    #[test]
    fn hash_in_the_finder_switches_to_documents() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenFinder);
        update(&mut app, Action::Input('#'));
        assert_eq!(app.mode(), Mode::Documents);
        assert_eq!(picker(&app).query.text(), "");
        update(&mut app, Action::InputText("charges".into()));
        assert_eq!(picker(&app).rows, [DocIdx(1)]);
        // A paste that starts with # carries the rest over.
        update(&mut app, Action::Back);
        update(&mut app, Action::OpenFinder);
        update(&mut app, Action::InputText("#blog".into()));
        assert_eq!(picker(&app).query.text(), "blog");
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty(), "Esc closes the picker, not back to the finder");
    }

    #[test]
    fn a_click_opens_a_row_and_one_outside_closes() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenDocuments);
        let list = super::list_area(app.area);
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: list.x + 3, row: list.y + 1 });
        assert_eq!((app.reader.doc, app.screens.is_empty()), (DocIdx(1), true));
        update(&mut app, Action::OpenDocuments);
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: 0, row: 39 });
        assert!(app.screens.is_empty());
    }
}
