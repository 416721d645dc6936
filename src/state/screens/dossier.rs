//! An entity's dossier (`d`): the entities named with it, every mention in
//! context, the claims it makes and those about it with their relations
//! (rows from [`crate::query::dossier`]), and a cursor that goes where a
//! row leads (another entity's dossier opens over this one); `p` pins.

use super::relations::{ChooseFor, RelationChoice, relation_chosen};
use super::{Next, Screen};
use crate::data::model::{Corpus, EntityIdx};
use crate::query::dossier::{Dossier, DossierRow, Target};
use crate::query::quote;
use crate::state::cursor::{ListCursor, Motion, visible_offset};
use crate::state::effects;
use crate::state::geometry;
use crate::state::navigate::{go_to_claim, go_to_mention};
use crate::state::pins::toggle_pin;
use crate::state::row_filter::RowFilter;
use crate::state::{Action, App, Mode, MouseKind, Scope, Stepping};

/// Each row's text as `/` filters it.
fn row_text<'c>(corpus: &'c Corpus, dossier: &'c Dossier) -> impl Fn(usize) -> std::borrow::Cow<'c, str> + Sync {
    move |i| crate::query::row_text::dossier_row(corpus, dossier, i)
}

#[derive(Debug)]
pub struct DossierScreen {
    pub dossier: Dossier,
    /// The cursor over the rows shown (those the filter keeps).
    pub list: ListCursor,
    pub filter: RowFilter,
}

impl DossierScreen {
    /// The dossier of `e`, on the current mention when there is one, else
    /// on the first row that leads somewhere, so Enter at once goes to a mention.
    pub fn open(app: &App, e: EntityIdx) -> DossierScreen {
        let dossier = Dossier::deferred(&app.corpus, e);
        let cursor = app
            .reader
            .mention
            .filter(|_| app.reader.entity == Some(e))
            .and_then(|m| dossier.row_of_mention(&app.corpus, m))
            .or_else(|| dossier.first_target(&app.corpus))
            .unwrap_or(0);
        let height = geometry::view_list_height(app.area);
        // From the top when the cursor is in the first two thirds of it, so
        // the rows above the mentions (the entities named with it) show whole.
        let top = if cursor < height * 2 / 3 { 0 } else { cursor - height / 3 };
        let offset = visible_offset(top, cursor, dossier.len(), height);
        DossierScreen { dossier, list: ListCursor { cursor, offset }, filter: RowFilter::default() }
    }

    /// How many rows are shown: those the filter keeps.
    pub fn shown_len(&self) -> usize {
        self.filter.len(self.dossier.len())
    }

    /// The dossier's row shown `i`-th.
    pub fn shown_row(&self, i: usize) -> usize {
        self.filter.row(i)
    }

    /// Narrows the rows to those that hold `query` (all of them when it is
    /// empty), the cursor kept on its row when that is still shown.
    pub fn set_filter(&mut self, corpus: &crate::data::model::Corpus, query: &str) {
        let row = (self.list.cursor < self.shown_len()).then(|| self.shown_row(self.list.cursor));
        let dossier = &self.dossier;
        self.filter.set(query, dossier.len(), row_text(corpus, dossier));
        self.list.cursor = row.and_then(|r| self.filter.position(r)).unwrap_or(0);
        self.list.offset = 0;
    }

    /// Whether the entities named with it are still to be counted (on the next [`Action::Tick`]).
    pub fn busy(&self) -> bool {
        self.dossier.pending()
    }

    /// Counts the entities named with it, keeping the cursor on its row.
    fn count_named_with(&mut self, app: &App) {
        let (start, added) = self.dossier.count_named_with(&app.corpus);
        let (corpus, dossier) = (&app.corpus, &self.dossier);
        self.filter.rows_changed(dossier.len(), row_text(corpus, dossier));
        let shift = |row: usize| if row >= start { row.saturating_add_signed(added) } else { row };
        let height = geometry::view_list_height(app.area);
        self.list.cursor = shift(self.list.cursor).min(self.dossier.len().saturating_sub(1));
        let offset = if self.list.offset > start { shift(self.list.offset) } else { self.list.offset };
        self.list.offset = visible_offset(offset, self.list.cursor, self.dossier.len(), height);
    }

    pub fn handle(&mut self, app: &mut App, action: Action) -> Next {
        if action == Action::Tick {
            self.count_named_with(app);
            return Next::Stay;
        }
        // What a key acts on is what is shown once counted (closing needs no count).
        if action != Action::Back {
            self.count_named_with(app);
        }
        let len = self.shown_len();
        if move_in_view(&mut self.list, len, app, &action) {
            return Next::Stay;
        }
        let at = self.shown_row(self.list.cursor);
        match action {
            Action::Activate => match self.dossier.target(&app.corpus, at) {
                Some(Target::Mention(m)) => {
                    let e = app.corpus.mention(m).entity;
                    app.reader.entity = Some(e);
                    app.reader.claim_scope = Scope::Corpus;
                    app.reader.stepping = Stepping::Mentions;
                    go_to_mention(app, m);
                    Next::CloseAll
                }
                Some(Target::Claim(c)) => {
                    go_to_claim(app, c);
                    Next::CloseAll
                }
                // Over this one: Esc comes back.
                Some(Target::Entity(e)) => Next::Push(Screen::Dossier(DossierScreen::open(app, e))),
                None => Next::Stay,
            },
            Action::TogglePin => {
                let e = match self.dossier.target(&app.corpus, at) {
                    Some(Target::Entity(e)) => e,
                    _ => self.dossier.entity,
                };
                toggle_pin(app, e);
                Next::Stay
            }
            Action::OpenCompare => match self.dossier.row(&app.corpus, at) {
                Some(DossierRow::Link(c, l)) => {
                    let choice = RelationChoice::from(app.corpus.link(c, l));
                    // Esc from the comparison comes back here.
                    relation_chosen(app, c, choice, ChooseFor::Compare).map_or(Next::Stay, Next::Push)
                }
                _ => {
                    app.message = Some(format!(
                        "{} on a relation line (→) compares the two claims side by side",
                        Mode::View.key(&Action::OpenCompare)
                    ));
                    Next::Stay
                }
            },
            Action::Copy => {
                let quote = match self.dossier.row(&app.corpus, at) {
                    Some(DossierRow::Link(c, l)) => {
                        let link = app.corpus.link(c, l);
                        Some(quote::of_comparison(&app.corpus, c, link.other, link.label(), link.note))
                    }
                    _ => match self.dossier.target(&app.corpus, at) {
                        Some(Target::Mention(m)) => Some(quote::of_mention(&app.corpus, m)),
                        Some(Target::Claim(c)) => Some(quote::of_claim(&app.corpus, c)),
                        Some(Target::Entity(_)) | None => None,
                    },
                };
                match quote {
                    Some(quote) => effects::copy(app, quote),
                    None => effects::not_here(app, &Action::Copy),
                }
                Next::Stay
            }
            Action::Export => {
                effects::export_dossier(app, self.dossier.entity);
                Next::Stay
            }
            Action::StartSearch => {
                let (corpus, dossier) = (&app.corpus, &self.dossier);
                self.filter.prepare(dossier.len(), row_text(corpus, dossier));
                Next::Push(super::filter_prompt::FilterPrompt::over_screen(&self.filter))
            }
            Action::Back if self.filter.is_active() => {
                self.set_filter(&app.corpus, "");
                Next::Stay
            }
            Action::Back => Next::Close,
            _ => Next::Stay,
        }
    }
}

/// Moves a full view's cursor by an action (a click puts it on the row
/// clicked); whether the action was a move.
pub(crate) fn move_in_view(list: &mut ListCursor, len: usize, app: &App, action: &Action) -> bool {
    let area = geometry::view_list(app.area, geometry::VIEW_HEADER);
    let height = (area.height as usize).max(1);
    let motion = match *action {
        Action::Mouse { kind: MouseKind::Click, column, row } => match list.row_at(area, column, row, 1, len) {
            Some(row) => Motion::To(row),
            None => return false,
        },
        ref other => match Motion::of(other) {
            Some(motion) => motion,
            None => return false,
        },
    };
    list.go(motion, len, height);
    true
}

impl From<DossierScreen> for Screen {
    fn from(d: DossierScreen) -> Screen {
        Screen::Dossier(d)
    }
}

#[cfg(test)]
mod tests {
    use crate::data::model::*;
    use crate::state::cursor::ListCursor;
    use crate::state::fixture::sample_app;
    use crate::state::*;

    #[test]
    fn the_dossier_opens_on_the_current_mention_and_enter_goes_there() {
        let mut app = sample_app(120, 40);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::SelectEntity(t));
        update(&mut app, Action::Next);
        update(&mut app, Action::OpenDossier);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        let second = app.corpus.entity_mentions(t)[1];
        assert_eq!(Some(d.list.cursor), d.dossier.row_of_mention(&app.corpus, second), "the second mention's row");
        assert_eq!(app.mode(), super::super::Mode::View);
        // Down to the claim rows: the first is Tolegenov's own claim, in the report.
        let charges = app.corpus.claim_by_id("a-charges").unwrap();
        let row = d
            .dossier
            .rows(&app.corpus, 0..d.dossier.len())
            .iter()
            .position(|r| *r == crate::query::dossier::DossierRow::Claim(charges))
            .unwrap();
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(row as i32));
        update(&mut app, Action::Activate);
        assert!(app.screens.top().is_none());
        assert_eq!((app.reader.doc, app.view().claim), (DocIdx(0), Some(charges)));
        // Back, into the dossier again, and to the mention in the interview.
        update(&mut app, Action::OpenDossier);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        let third = d.dossier.row_of_mention(&app.corpus, app.corpus.entity_mentions(t)[2]).unwrap();
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(third as i32));
        update(&mut app, Action::Activate);
        assert_eq!((app.reader.doc, app.mention_position()), (DocIdx(1), Some((3, 3))));
        update(&mut app, Action::OpenDossier);
        update(&mut app, Action::Back);
        assert!(app.screens.top().is_none());
    }

    #[test]
    fn a_filter_set_before_the_named_with_are_counted_keeps_to_its_rows() {
        use crate::query::dossier::Dossier;
        use crate::query::row_text::dossier_row;
        let mut app = sample_app(120, 40);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        let mut screen = super::DossierScreen {
            dossier: Dossier::make(&app.corpus, t, true),
            list: ListCursor::default(),
            filter: Default::default(),
        };
        screen.set_filter(&app.corpus, "10 to 15");
        let before = screen.dossier.len();
        app.screens.screens.push(Screen::Dossier(screen));
        update(&mut app, Action::Tick);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        assert!(!d.busy() && d.dossier.len() != before, "counted: rows were added");
        assert!(d.shown_len() >= 1);
        for i in 0..d.shown_len() {
            assert!(dossier_row(&app.corpus, &d.dossier, d.shown_row(i)).contains("10 to 15"), "row {i}");
        }
    }

    #[test]
    fn counted_after_the_first_frame_the_cursor_stays_on_its_mention() {
        use crate::query::dossier::{Dossier, DossierRow};
        let mut app = sample_app(120, 40);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::SelectEntity(t));
        update(&mut app, Action::Next);
        update(&mut app, Action::OpenDossier);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        assert!(!d.busy(), "the sample's entities are named in few documents: counted at once");
        // As for an entity named in thousands of documents: counted later.
        let m = app.reader.mention.unwrap();
        let dossier = Dossier::make(&app.corpus, t, true);
        let cursor = dossier.row_of_mention(&app.corpus, m).unwrap();
        app.screens.screens.pop();
        let list = ListCursor { cursor, offset: 0 };
        app.screens.screens.push(Screen::Dossier(super::DossierScreen {
            dossier,
            list,
            filter: crate::state::row_filter::RowFilter::default(),
        }));
        assert!(app.busy());
        update(&mut app, Action::Tick);
        assert!(!app.busy());
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        assert_eq!(d.dossier.row(&app.corpus, d.list.cursor), Some(DossierRow::Mention(m)), "still on its mention");
        assert!(d.dossier.rows(&app.corpus, 0..d.dossier.len()).contains(&DossierRow::NamedWith(0)));
    }

    #[test]
    fn enter_on_a_relation_goes_to_the_other_mention_and_back_returns() {
        use crate::query::dossier::DossierRow;
        use crate::state::fixture::annotated_app;
        let mut app = annotated_app(120, 40);
        let kmg = app.corpus.entity_by_id("kmg").unwrap();
        update(&mut app, Action::SelectEntity(kmg));
        let before = app.place();
        update(&mut app, Action::OpenDossier);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        let rows = d.dossier.rows(&app.corpus, 0..d.dossier.len());
        let relations: Vec<usize> = (0..rows.len()).filter(|&i| matches!(rows[i], DossierRow::Relation(_))).collect();
        assert_eq!(relations.len(), 2, "{rows:?}");
        // The second: "Agent ←" from the signing, whose mention is "signed".
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(relations[1] as i32));
        update(&mut app, Action::Activate);
        assert!(app.screens.top().is_none());
        let signing = app.corpus.entity_by_id("signing").unwrap();
        let m = app.reader.mention.unwrap();
        assert_eq!((app.reader.entity, app.corpus.mention(m).entity), (Some(signing), signing));
        assert_eq!(app.corpus.mention_text(m), "signed");
        assert_eq!(app.view().entities.item, Some(signing), "the Entities pane points at it");
        update(&mut app, Action::JumpBack);
        assert_eq!(app.place(), before, "back where the dossier was opened");
        // And to the partner, in the row under it (its note), too.
        update(&mut app, Action::OpenDossier);
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(relations[0] as i32 + 1));
        update(&mut app, Action::Activate);
        let cnpc = app.corpus.entity_by_id("cnpc").unwrap();
        assert_eq!(app.reader.entity, Some(cnpc));
    }

    #[test]
    fn an_entity_with_details_lists_them_and_each_mentions_own() {
        use crate::query::dossier::{DossierRow, Section};
        use crate::state::fixture::annotated_app;
        let app = annotated_app(120, 40);
        let kmg = app.corpus.entity_by_id("kmg").unwrap();
        let d = DossierScreen::open(&app, kmg);
        let rows = d.dossier.rows(&app.corpus, 0..d.dossier.len());
        assert_eq!(rows[0], DossierRow::Heading(Section::Details, 5));
        assert_eq!(rows[1], DossierRow::Fact(0));
        let [first, second] = app.corpus.entity_mentions(kmg) else { panic!("two mentions") };
        let at = rows.iter().position(|r| *r == DossierRow::Mention(*first)).unwrap();
        assert_eq!(rows[at + 1], DossierRow::MentionFacts(*first));
        assert_eq!(d.dossier.row_of_mention(&app.corpus, *second), Some(at + 2));
        assert_eq!(d.list.cursor, at, "the cursor starts on the first mention");
        assert!(rows.contains(&DossierRow::Heading(Section::Relations, 2)));
    }

    #[test]
    fn a_click_in_a_view_puts_the_cursor_on_the_row_or_picks_the_side() {
        let mut app = sample_app(120, 40);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::SelectEntity(t));
        update(&mut app, Action::OpenDossier);
        let list = geometry::view_list(app.area, geometry::VIEW_HEADER);
        let click = |row| Action::Mouse { kind: MouseKind::Click, column: list.x + 3, row };
        update(&mut app, click(list.y + 3));
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        assert_eq!(d.list.cursor, 3);
        // Above the list, or below its last row: nothing moves.
        update(&mut app, click(list.y - 1));
        update(&mut app, click(list.y + list.height - 1));
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        assert_eq!(d.list.cursor, 3);
        // In the comparison, a click on the right-hand passage picks it.
        update(&mut app, Action::Back);
        update(&mut app, Action::Focus(Pane::Claims));
        app.reader.views[0].claims.item = app.corpus.claim_by_id("a-arrest");
        update(&mut app, Action::OpenCompare);
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: 100, row: 20 });
        let Some(Screen::Compare(c)) = app.screens.top() else { panic!("no comparison") };
        assert_eq!(c.side, 1);
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: 10, row: 20 });
        let Some(Screen::Compare(c)) = app.screens.top() else { panic!("no comparison") };
        assert_eq!(c.side, 0);
    }
}
