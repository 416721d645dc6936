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
            Action::TogglePin => {
                // The entity `d` would open: the line's, else the detail's own
                // (a claim's claimant).
                let entity = match (item.and_then(|i| i.goto), self.detail.subject) {
                    (Some(Goto::Entity(e)), _) | (_, Subject::Entity(e)) => Some(e),
                    (_, Subject::Claim(c)) => app.corpus.claim(c).claimant,
                };
                match entity {
                    Some(e) => crate::state::pins::toggle_pin(app, e),
                    None => app.message = Some("this claim's claimant is the document's author: nothing to pin".into()),
                }
                Next::Stay
            }
            Action::Copy => {
                let quote = match (item.and_then(|i| i.goto), self.detail.subject) {
                    (Some(Goto::Claim(c)), _) => Some(crate::query::quote::of_claim(&app.corpus, c)),
                    (Some(Goto::Mention(m)), _) => Some(crate::query::quote::of_mention(&app.corpus, m)),
                    (_, Subject::Claim(c)) => Some(crate::query::quote::of_claim(&app.corpus, c)),
                    (_, Subject::Entity(_)) => None,
                };
                match quote {
                    Some(quote) => crate::state::effects::copy(app, quote),
                    None => crate::state::effects::not_here(app, &Action::Copy),
                }
                Next::Stay
            }
            Action::Export => {
                crate::state::effects::not_here(app, &Action::Export);
                Next::Stay
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

#[cfg(test)]
mod tests {
    use crate::data::model::*;
    use crate::query::full_detail::{Goto, Subject};
    use crate::state::fixture::sample_app;
    use crate::state::*;

    fn detail(app: &App) -> &DetailScreen {
        match app.screens.top() {
            Some(Screen::Detail(d)) => d,
            _ => panic!("the detail is not open"),
        }
    }

    /// Moves the cursor down to the first line of the first item `want` picks.
    fn to_item(app: &mut App, want: impl Fn(&crate::query::full_detail::Item) -> bool) {
        update(app, Action::Top);
        let d = detail(app);
        let line = d.lines.iter().position(|l| want(&d.detail.items[l.item as usize])).expect("no such item");
        update(app, Action::Move(line as i32));
    }

    #[test]
    fn k_opens_the_detail_of_the_focused_lists_item() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Claims));
        let c = app.view().claims.item.unwrap();
        update(&mut app, Action::OpenDetail);
        assert_eq!(detail(&app).detail.subject, Subject::Claim(c));
        assert_eq!(app.mode(), Mode::View);
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty());
        update(&mut app, Action::Focus(Pane::Entities));
        let e = app.view().entities.item.unwrap();
        update(&mut app, Action::OpenDetail);
        assert_eq!(detail(&app).detail.subject, Subject::Entity(e));
        // From the text: what the side pane last focused shows.
        update(&mut app, Action::Back);
        update(&mut app, Action::Focus(Pane::Claims));
        update(&mut app, Action::Focus(Pane::Text));
        update(&mut app, Action::OpenDetail);
        assert_eq!(detail(&app).detail.subject, Subject::Claim(c));
    }

    #[test]
    fn the_detail_scrolls_line_by_line_to_its_end() {
        let mut app = sample_app(80, 14);
        update(&mut app, Action::Focus(Pane::Claims));
        app.reader.views[0].claims.item = app.corpus.claim_by_id("a-arrest");
        update(&mut app, Action::OpenDetail);
        let lines = detail(&app).lines.len();
        let height = super::list_area(app.area).height as usize;
        assert!(lines > height, "the detail must scroll: {lines} lines in {height}");
        update(&mut app, Action::Page(1));
        assert_eq!(detail(&app).list.cursor, height);
        update(&mut app, Action::Bottom);
        let d = detail(&app);
        assert_eq!((d.list.cursor, d.list.offset), (lines - 1, lines - height));
        update(&mut app, Action::Move(-1));
        assert_eq!(detail(&app).list.cursor, lines - 2);
        update(&mut app, Action::Top);
        assert_eq!(detail(&app).list.offset, 0);
        // A narrower window wraps it again, into more lines.
        update(&mut app, Action::Resize { width: 62, height: 14 });
        assert!(detail(&app).lines.len() > lines);
        assert_eq!(detail(&app).width, super::list_area(app.area).width);
    }

    #[test]
    fn enter_on_a_relation_goes_to_the_other_claim_and_back_returns() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Claims));
        let arrest = app.corpus.claim_by_id("a-arrest").unwrap();
        app.reader.views[0].claims.item = Some(arrest);
        let before = app.place();
        update(&mut app, Action::OpenDetail);
        to_item(&mut app, |i| i.link.is_some());
        update(&mut app, Action::Activate);
        assert!(app.screens.is_empty(), "a jump closes the detail");
        let detention = app.corpus.claim_by_id("i-detention").unwrap();
        assert_eq!((app.reader.doc, app.view().claim), (DocIdx(1), Some(detention)));
        update(&mut app, Action::JumpBack);
        assert_eq!(app.place(), before, "the jump list has where the detail was opened");
        // c on a relation compares the two claims; Esc comes back to the detail.
        update(&mut app, Action::OpenDetail);
        to_item(&mut app, |i| i.link.is_some());
        update(&mut app, Action::OpenCompare);
        assert!(matches!(app.screens.top(), Some(Screen::Compare(_))));
        update(&mut app, Action::Back);
        assert!(matches!(app.screens.top(), Some(Screen::Detail(_))));
        // An entity it is about opens that entity's detail, over this one.
        to_item(&mut app, |i| matches!(i.goto, Some(Goto::Entity(_))));
        update(&mut app, Action::Activate);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        assert_eq!(detail(&app).detail.subject, Subject::Entity(t));
        assert_eq!(app.screens.len(), 2);
        // Enter on a line that leads nowhere says what does.
        update(&mut app, Action::Top);
        update(&mut app, Action::Activate);
        assert!(app.message.as_deref().unwrap().contains("goes there"));
        update(&mut app, Action::Back);
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty());
    }

    #[test]
    fn enter_on_an_entitys_document_goes_to_its_mention_there() {
        let mut app = sample_app(120, 40);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::SelectEntity(t));
        update(&mut app, Action::Focus(Pane::Entities));
        update(&mut app, Action::OpenDetail);
        to_item(&mut app, |i| i.text().starts_with("[2] "));
        update(&mut app, Action::Activate);
        assert_eq!(app.reader.doc, DocIdx(1));
        let m = app.reader.mention.unwrap();
        assert_eq!(app.corpus.mention(m).entity, t);
    }

    #[test]
    fn slash_filters_the_detail_and_esc_clears_then_closes() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Claims));
        app.reader.views[0].claims.item = app.corpus.claim_by_id("a-arrest");
        update(&mut app, Action::OpenDetail);
        let all = detail(&app).lines.len();
        update(&mut app, Action::StartSearch);
        assert_eq!(app.mode(), Mode::Filter);
        update(&mut app, Action::InputText("pre-trial".into()));
        let Some(Screen::Detail(d)) = app.screens.nth_from_top(1) else { panic!("no detail beneath") };
        let kept = d.filter.len(d.texts.len());
        assert!(kept >= 1 && d.lines.len() < all, "{kept} items");
        assert!(d.lines.iter().all(|l| d.texts[l.item as usize].contains("pre-trial")));
        assert_eq!(d.filter.label(d.texts.len()), Some(format!("“pre-trial” {kept} of {}", d.texts.len())));
        update(&mut app, Action::Activate);
        assert!(detail(&app).filter.is_active(), "Enter keeps the filter");
        update(&mut app, Action::Back);
        assert_eq!(detail(&app).lines.len(), all, "Esc clears it");
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty());
    }

    #[test]
    fn p_pins_the_entity_of_the_full_detail() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Entities));
        let e = app.view().entities.item.expect("an entity under the cursor");
        update(&mut app, Action::OpenDetail);
        assert!(matches!(app.screens.top(), Some(Screen::Detail(_))));
        update(&mut app, Action::TogglePin);
        assert_eq!(app.reader.pins.entities(), [e]);
        update(&mut app, Action::TogglePin);
        assert!(app.reader.pins.is_empty(), "p again unpins");
    }
}
