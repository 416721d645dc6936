//! The full detail of an entity or a claim (`K`): every field, every
//! relation with its other end in context, the notes (items from
//! [`crate::query::full_detail`]), wrapped to the screen's width and
//! scrolled line by line. Enter goes where the item under the cursor leads
//! (a claim, a mention: a jump; an entity: its own detail, over this one),
//! `c` compares the claims of a relation, `d` opens a dossier, `/` filters
//! the items by text, Esc clears the filter and then closes.

use super::relations::{ChooseFor, RelationChoice, relation_chosen};
use super::{DossierScreen, Next, Screen};
use crate::query::full_detail::{FullDetail, Goto, Subject};
use crate::state::cursor::{ListCursor, Motion};
use crate::state::geometry;
use crate::state::navigate::{go_to_claim, go_to_mention};
use crate::state::row_filter::RowFilter;
use crate::state::{Action, App, Mode, MouseKind, Pane, Scope, Stepping};
use crate::text::wrap::TextLayout;

/// One line on screen: which item, and the byte range of the item's text it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetailLine {
    pub item: u32,
    pub start: u32,
    pub end: u32,
}

#[derive(Debug)]
pub struct DetailScreen {
    pub detail: FullDetail,
    /// Each item's text, its pieces joined (what the lines are ranges of).
    pub texts: Vec<String>,
    /// The items' lines, laid out for `width`, of the items the filter keeps.
    pub lines: Vec<DetailLine>,
    pub width: u16,
    /// The cursor is on a line; the item it is on is the one Enter acts on.
    pub list: ListCursor,
    pub filter: RowFilter,
}

/// The rows of the detail's list: the full view inside its border.
pub fn list_area(area: ratatui::layout::Rect) -> ratatui::layout::Rect {
    geometry::view_list(area, 0)
}

impl DetailScreen {
    pub fn open(app: &App, subject: Subject) -> DetailScreen {
        let detail = FullDetail::new(&app.corpus, subject, app.reader.mention);
        let texts = detail.items.iter().map(|i| i.text()).collect();
        let mut screen = DetailScreen {
            detail,
            texts,
            lines: Vec::new(),
            width: 0,
            list: ListCursor::default(),
            filter: RowFilter::default(),
        };
        screen.settle(app.area);
        screen
    }

    /// Lays the items out again when the width changed (called from `App::settle`).
    pub(crate) fn settle(&mut self, area: ratatui::layout::Rect) {
        let width = list_area(area).width;
        if width != self.width {
            self.width = width;
            self.layout();
        }
        self.list.keep_in_view(self.lines.len(), (list_area(area).height as usize).max(1));
    }

    /// The lines of the items the filter keeps, the cursor kept on its item.
    fn layout(&mut self) {
        let item = self.item();
        self.lines.clear();
        for (i, it) in self.detail.items.iter().enumerate() {
            if !self.filter.keeps(i) {
                continue;
            }
            let text = &self.texts[i];
            let width = self.width.saturating_sub(it.indent).max(2);
            let layout = TextLayout::new(text, width);
            if layout.is_empty() {
                self.lines.push(DetailLine { item: i as u32, start: 0, end: 0 });
            }
            self.lines.extend(layout.lines.iter().map(|l| DetailLine { item: i as u32, start: l.start, end: l.end }));
        }
        self.list.cursor = item.and_then(|i| self.lines.iter().position(|l| l.item as usize == i)).unwrap_or(0);
    }

    /// The item under the cursor.
    pub fn item(&self) -> Option<usize> {
        self.lines.get(self.list.cursor).map(|l| l.item as usize)
    }

    /// Narrows the items to those whose text holds `query` (folded), or
    /// shows them all when it is empty.
    pub fn set_filter(&mut self, query: &str) {
        let texts = &self.texts;
        self.filter.set(query, texts.len(), |i| texts[i].as_str());
        self.layout();
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        let area = list_area(app.area);
        let height = (area.height as usize).max(1);
        let motion = match action {
            Action::Mouse { kind: MouseKind::Click, column, row } => {
                self.list.row_at(area, column, row, 1, self.lines.len()).map(Motion::To)
            }
            ref other => Motion::of(other),
        };
        if let Some(motion) = motion {
            self.list.go(motion, self.lines.len(), height);
            return Next::Stay;
        }
        let item = self.item().map(|i| &self.detail.items[i]);
        match action {
            Action::Activate => match item.and_then(|i| i.goto) {
                Some(Goto::Claim(c)) => {
                    go_to_claim(app, c);
                    Next::CloseAll
                }
                Some(Goto::Mention(m)) => {
                    app.reader.entity = Some(app.corpus.mention(m).entity);
                    app.reader.claim_scope = Scope::Corpus;
                    app.reader.stepping = Stepping::Mentions;
                    go_to_mention(app, m);
                    Next::CloseAll
                }
                Some(Goto::Entity(e)) => Next::Push(Screen::Detail(DetailScreen::open(app, Subject::Entity(e)))),
                None => {
                    app.message = Some(format!(
                        "{} on a relation, a claim, a mention or an entity goes there",
                        Mode::View.key(&Action::Activate)
                    ));
                    Next::Stay
                }
            },
            Action::OpenCompare => match item.and_then(|i| i.link) {
                Some((c, l)) => {
                    let choice = RelationChoice::from(app.corpus.link(c, l));
                    relation_chosen(app, c, choice, ChooseFor::Compare).map_or(Next::Stay, Next::Push)
                }
                None => {
                    app.message = Some(format!(
                        "{} on a relation (→) compares the two claims side by side",
                        Mode::View.key(&Action::OpenCompare)
                    ));
                    Next::Stay
                }
            },
            Action::OpenDossier => {
                let entity = match (item.and_then(|i| i.goto), self.detail.subject) {
                    (Some(Goto::Entity(e)), _) | (_, Subject::Entity(e)) => Some(e),
                    (_, Subject::Claim(c)) => app.corpus.claim(c).claimant,
                };
                match entity {
                    Some(e) => Next::Push(Screen::Dossier(DossierScreen::open(app, e))),
                    None => {
                        app.message = Some("this claim's claimant is the document's author: no dossier".into());
                        Next::Stay
                    }
                }
            }
            Action::StartSearch => Next::Push(super::filter_prompt::FilterPrompt::over_screen(&self.filter)),
            Action::Back if self.filter.is_active() => {
                self.set_filter("");
                Next::Stay
            }
            Action::Back => Next::Close,
            _ => Next::Stay,
        }
    }
}

/// `K` on the main screen: the detail of what the focused list's cursor is
/// on; from the text, of what the side pane last focused shows (the other
/// pane's when that one shows nothing).
pub(crate) fn open_from_main(app: &mut App) -> Next {
    let entity = app.view().entities.item.or(app.reader.entity).map(Subject::Entity);
    let claim = app.view().claims.item.or(app.view().claim).map(Subject::Claim);
    let subject = match app.main.focus {
        Pane::Entities => entity,
        Pane::Claims => claim,
        Pane::Text if app.main.side == Pane::Claims => claim.or(entity),
        Pane::Text => entity.or(claim),
    };
    match subject {
        Some(subject) => Next::Push(Screen::Detail(DetailScreen::open(app, subject))),
        None => {
            app.message = Some(format!(
                "{} shows the full detail of the entity or claim under the cursor: there is none",
                Mode::Normal.key(&Action::OpenDetail)
            ));
            Next::Stay
        }
    }
}
