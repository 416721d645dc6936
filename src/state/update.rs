//! [`update`]: the one function that changes the explorer's state, one
//! action at a time. What an action means is the shown screen's business
//! (see [`super::screens`]); what every action shares is here: the status
//! line's message lasts until the next action, a resize and quitting mean
//! the same everywhere, a jump leaves a place in the jump list, and derived
//! data is brought up to date.

use super::{Action, App, MouseKind};

/// Applies one action.
pub fn update(app: &mut App, action: Action) {
    // A message stays until the user's next action; a Tick is not one.
    if action != Action::Tick {
        app.message = None;
    }
    if let Action::Resize { width, height } = action {
        app.area = ratatui::layout::Rect::new(0, 0, width, height);
    } else if action == Action::Quit {
        app.quit = true;
    } else if app.derived.geometry.too_small {
        // Nothing is shown but the notice; only quitting and resizing mean anything.
    } else {
        // Jumps (selecting, stepping, following, going to a line of a view)
        // leave a place in the jump list; scrolling and typing do not.
        let jumps = matches!(
            action,
            Action::Activate
                | Action::Next
                | Action::Prev
                | Action::FollowRelation
                | Action::SelectEntity(_)
                | Action::NextDoc
                | Action::PrevDoc
                | Action::GotoDoc(_)
                | Action::Mouse { kind: MouseKind::Click, .. }
        );
        let before = jumps.then(|| app.place());
        super::screens::dispatch(app, action);
        if let Some(before) = before {
            app.settle();
            record_jump(app, before);
        }
    }
    app.settle();
}

/// Keeps `before` in the jump list if the reader has moved from it.
fn record_jump(app: &mut App, before: super::Place) {
    let now = app.place();
    app.jumps.record(before, &now);
}

#[cfg(test)]
mod tests {
    use crate::data::model::*;
    use crate::state::fixture::sample_app;
    use crate::state::*;

    fn id(app: &App, e: EntityIdx) -> String {
        app.corpus.entity(e).id.clone()
    }

    #[test]
    fn focus_cycles_through_the_panes() {
        let mut app = sample_app(120, 40);
        assert_eq!(app.main.focus, Pane::Text);
        update(&mut app, Action::FocusNext);
        assert_eq!(app.main.focus, Pane::Claims);
        update(&mut app, Action::FocusNext);
        assert_eq!(app.main.focus, Pane::Entities);
        update(&mut app, Action::FocusPrev);
        assert_eq!(app.main.focus, Pane::Claims);
        update(&mut app, Action::FocusLeft);
        assert_eq!(app.main.focus, Pane::Text);
    }

    #[test]
    fn narrow_layout_shows_the_last_focused_side_pane() {
        let mut app = sample_app(80, 24);
        assert!(app.derived.geometry.entities.is_some() && app.derived.geometry.claims.is_none());
        update(&mut app, Action::FocusNext);
        assert_eq!(app.main.focus, Pane::Claims);
        assert!(app.derived.geometry.claims.is_some() && app.derived.geometry.entities.is_none());
        update(&mut app, Action::FocusLeft);
        update(&mut app, Action::FocusRight);
        assert_eq!(app.main.focus, Pane::Claims);
    }

    #[test]
    fn scrolling_stops_at_both_ends_and_is_kept_per_document() {
        let mut app = sample_app(80, 14);
        let lines = app.layout().unwrap().len();
        let height = app.text_height();
        assert!(lines > height, "the fixture must scroll: {lines} lines in {height}");
        update(&mut app, Action::Move(-5));
        assert_eq!(app.top_line(), 0);
        update(&mut app, Action::Move(2));
        assert_eq!(app.top_line(), 2);
        update(&mut app, Action::Bottom);
        assert_eq!(app.top_line(), lines - height);
        update(&mut app, Action::Move(10));
        assert_eq!(app.top_line(), lines - height);
        update(&mut app, Action::NextDoc);
        assert_eq!((app.reader.doc, app.top_line()), (DocIdx(1), 0));
        update(&mut app, Action::PrevDoc);
        assert_eq!((app.reader.doc, app.top_line()), (DocIdx(0), lines - height));
        update(&mut app, Action::Top);
        assert_eq!(app.top_line(), 0);
    }

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
    fn entity_list_enter_selects_and_jumps_to_the_first_mention() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Entities));
        let first = app.view().entities.item.unwrap();
        update(&mut app, Action::Move(1));
        let second = app.view().entities.item.unwrap();
        assert_ne!(first, second);
        update(&mut app, Action::Activate);
        assert_eq!(app.reader.entity, Some(second));
        let m = app.reader.mention.unwrap();
        assert_eq!(app.corpus.mention(m).entity, second);
    }

    #[test]
    fn scope_sort_and_kind_filter_change_the_entity_rows() {
        let mut app = sample_app(120, 40);
        let in_doc = app.derived.entity_rows.len();
        update(&mut app, Action::ToggleScope);
        assert_eq!(app.reader.entity_options.scope, Scope::Corpus);
        assert_eq!(app.derived.entity_rows.len(), app.corpus.entities().len());
        assert!(app.derived.entity_rows.len() > in_doc, "some entities are only in the other document");
        update(&mut app, Action::CycleSort);
        let names: Vec<String> =
            app.derived.entity_rows.iter().map(|r| app.corpus.entity(r.entity).name.to_lowercase()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
        update(&mut app, Action::CycleKind);
        let kind = app.reader.entity_options.kind.clone().unwrap();
        assert!(app.derived.entity_rows.iter().all(|r| app.corpus.entity(r.entity).kind == kind));
        for _ in 0..app.derived.kinds.len() {
            update(&mut app, Action::CycleKind);
        }
        assert_eq!(app.reader.entity_options.kind, None);
    }

    #[test]
    fn claims_enter_marks_and_relations_cross_documents() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Focus(Pane::Claims));
        let c = app.corpus.claim_by_id("a-arrest").unwrap();
        app.reader.views[0].claims.item = Some(c);
        update(&mut app, Action::Activate);
        assert_eq!(app.view().claim, Some(c));
        update(&mut app, Action::FollowRelation);
        let target = app.corpus.claim_by_id("i-detention").unwrap();
        assert_eq!(app.reader.doc, DocIdx(1));
        assert_eq!(app.view().claim, Some(target));
        // Back again through the incoming side of the same relation.
        update(&mut app, Action::FollowRelation);
        assert!(matches!(app.screens.top(), Some(Screen::Relations(_))), "i-detention has two relations");
        update(&mut app, Action::Activate);
        assert_eq!((app.reader.doc, app.view().claim), (DocIdx(0), Some(c)));
    }

    #[test]
    fn search_then_n_steps_through_matches() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::StartSearch);
        for ch in "kazakh".chars() {
            update(&mut app, Action::Input(ch));
        }
        update(&mut app, Action::Activate);
        let search = app.reader.search.clone().unwrap();
        assert!(search.matches.len() >= 2);
        assert_eq!(search.current, Some(0));
        update(&mut app, Action::Next);
        assert_eq!(app.reader.search.as_ref().unwrap().current, Some(1));
        assert!(app.message.as_deref().unwrap().starts_with("match 2/"));
        update(&mut app, Action::Back);
        assert!(app.reader.search.is_none());
        // Scrolled away from the current match, n steps from the view.
        let mut small = sample_app(80, 14);
        update(&mut small, Action::StartSearch);
        for ch in "court".chars() {
            update(&mut small, Action::Input(ch));
        }
        update(&mut small, Action::Activate);
        assert_eq!(small.reader.search.as_ref().unwrap().current, Some(0));
        update(&mut small, Action::Bottom);
        let top = small.top_byte();
        let matches = small.reader.search.as_ref().unwrap().matches.clone();
        let last_above = matches.iter().rposition(|m| (m.start as usize) < top).unwrap();
        update(&mut small, Action::Prev);
        // From the stale current match (the first), N would have wrapped to the last.
        assert_eq!(small.reader.search.as_ref().unwrap().current, Some(last_above));
        assert_ne!(last_above, matches.len() - 1);
    }

    #[test]
    fn documents_keep_their_own_claim_selection() {
        let mut app = sample_app(120, 40);
        let c = app.corpus.doc_claims(DocIdx(0))[0];
        update(&mut app, Action::Focus(Pane::Claims));
        update(&mut app, Action::Activate);
        assert_eq!(app.view().claim, Some(c));
        update(&mut app, Action::GotoDoc(1));
        assert_eq!(app.view().claim, None);
        update(&mut app, Action::GotoDoc(0));
        assert_eq!(app.view().claim, Some(c));
        update(&mut app, Action::GotoDoc(8));
        assert_eq!(app.message.as_deref(), Some("there is no document 9"));
    }

    /// The screen position of the first cell showing `needle` in the text pane.
    fn text_cell(app: &App, needle: &str) -> (u16, u16) {
        let inner = app.derived.geometry.text_inner();
        let layout = app.layout().unwrap();
        let text = &app.corpus.doc(app.reader.doc).text;
        for (row, line) in layout.lines[app.top_line()..].iter().take(inner.height as usize).enumerate() {
            let shown = &text[line.range()];
            if let Some(i) = shown.find(needle) {
                return (inner.x + crate::text::wrap::cells(&shown[..i]) as u16, inner.y + row as u16);
            }
        }
        panic!("{needle} is not shown");
    }

    #[test]
    fn clicking_a_mention_selects_its_entity_and_a_row_selects_it() {
        let mut app = sample_app(120, 40);
        let (x, y) = text_cell(&app, "Almaty");
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: x + 2, row: y });
        assert_eq!(app.main.focus, Pane::Text);
        assert_eq!(app.reader.entity.map(|e| id(&app, e)).as_deref(), Some("almaty"));
        // A click on plain text inside a claim marks the claim.
        let (x, y) = text_cell(&app, "unevenly");
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: x, row: y });
        assert_eq!(app.view().claim, app.corpus.claim_by_id("a-law"));
        // The third row of the entity list.
        let list = geometry::list_pane(app.derived.geometry.entities.unwrap()).list;
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: list.x + 3, row: list.y + 2 });
        assert_eq!(app.main.focus, Pane::Entities);
        assert_eq!(app.reader.entity, Some(app.derived.entity_rows[2].entity));
        // The second claim in the claims list (two rows per claim).
        let list = geometry::list_pane(app.derived.geometry.claims.unwrap()).list;
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: list.x + 3, row: list.y + 3 });
        assert_eq!(app.main.focus, Pane::Claims);
        assert_eq!(app.view().claim, Some(app.derived.claim_rows[1]));
    }

    #[test]
    fn wheel_scrolls_the_pane_under_the_pointer_and_tabs_switch_documents() {
        let mut app = sample_app(80, 14);
        let inner = app.derived.geometry.text_inner();
        update(&mut app, Action::Mouse { kind: MouseKind::ScrollDown, column: inner.x, row: inner.y });
        assert_eq!(app.top_line(), 3);
        assert_eq!(app.main.focus, Pane::Text, "the wheel does not move the focus");
        update(&mut app, Action::Mouse { kind: MouseKind::ScrollUp, column: inner.x, row: inner.y });
        assert_eq!(app.top_line(), 0);
        let tabs = geometry::doc_tabs(&app.corpus, app.reader.doc, app.area.width);
        let (doc, cols) = tabs[1].clone();
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: cols.start + 1, row: 0 });
        assert_eq!(app.reader.doc, doc);
    }

    #[test]
    fn the_jump_list_goes_back_and_forward_across_documents_exactly() {
        let mut app = sample_app(80, 14);
        update(&mut app, Action::Move(2));
        let start = app.place();
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::SelectEntity(t));
        let selected = app.place();
        update(&mut app, Action::Next);
        let second_mention = app.place();
        update(&mut app, Action::Next);
        assert_eq!(app.place().doc, DocIdx(1), "the third mention is in the interview");
        // Scrolling is not a jump, but where it leaves the reader is remembered by the next one.
        update(&mut app, Action::Move(1));
        let scrolled = app.place();
        update(&mut app, Action::Focus(Pane::Claims));
        let detention = app.corpus.claim_by_id("i-detention").unwrap();
        app.reader.views[1].claims.item = Some(detention);
        update(&mut app, Action::FollowRelation);
        update(&mut app, Action::Activate); // the chooser: to a-arrest, in the report
        let followed = app.place();
        assert_eq!((followed.doc, followed.claim), (DocIdx(0), app.corpus.claim_by_id("a-arrest")));
        for expected in [&scrolled, &second_mention, &selected, &start] {
            update(&mut app, Action::JumpBack);
            assert_eq!(app.place(), *expected);
        }
        update(&mut app, Action::JumpBack);
        assert_eq!(app.message.as_deref(), Some("no earlier place to go back to"));
        // And forward again, to the very end.
        while app.jumps.ahead() != 0 {
            update(&mut app, Action::JumpForward);
        }
        assert_eq!(app.place(), followed);
        update(&mut app, Action::JumpForward);
        assert_eq!(app.message.as_deref(), Some("no later place to go forward to"));
    }

    #[test]
    fn a_new_jump_after_going_back_forgets_the_forward_places() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::GotoDoc(1));
        update(&mut app, Action::JumpBack);
        assert_eq!((app.reader.doc, app.jumps.ahead()), (DocIdx(0), 1));
        update(&mut app, Action::GotoDoc(1));
        assert!((app.jumps.ahead() == 0));
        assert_eq!(app.jumps.behind(), 1);
    }

    #[test]
    fn the_dossier_opens_on_the_current_mention_and_enter_goes_there() {
        let mut app = sample_app(120, 40);
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        update(&mut app, Action::SelectEntity(t));
        update(&mut app, Action::Next);
        update(&mut app, Action::OpenDossier);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        assert_eq!(d.list.cursor, 2, "the second mention's row (after the heading)");
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
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(3));
        update(&mut app, Action::Activate);
        assert_eq!((app.reader.doc, app.mention_position()), (DocIdx(1), Some((3, 3))));
        update(&mut app, Action::OpenDossier);
        update(&mut app, Action::Back);
        assert!(app.screens.top().is_none());
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

    #[test]
    fn c_on_a_dossier_relation_compares_and_esc_walks_back_through_the_views() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenOverview);
        let rows = match app.screens.top() {
            Some(Screen::Overview(o)) => o.overview.rows.clone(),
            _ => panic!("no overview"),
        };
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        let at = rows.iter().position(|r| *r == crate::query::overview::OverviewRow::Entity(t)).unwrap();
        update(&mut app, Action::Move(at as i32));
        update(&mut app, Action::OpenDossier);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("no dossier") };
        // On a claim line, c says where it works and changes nothing.
        let arrest = app.corpus.claim_by_id("a-arrest").unwrap();
        let all = d.dossier.rows(&app.corpus, 0..d.dossier.len());
        let claim_row = all.iter().position(|r| *r == crate::query::dossier::DossierRow::Claim(arrest)).unwrap();
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(claim_row as i32));
        update(&mut app, Action::OpenCompare);
        assert!(matches!(app.screens.top(), Some(Screen::Dossier(_))));
        assert!(app.message.as_deref().unwrap().contains("relation line"));
        // On its relation line, c opens the comparison of the two claims.
        update(&mut app, Action::Move(1));
        update(&mut app, Action::OpenCompare);
        let Some(Screen::Compare(c)) = app.screens.top() else { panic!("no comparison") };
        assert_eq!((c.left, c.right, c.label), (arrest, app.corpus.claim_by_id("i-detention").unwrap(), "contradicts"));
        // Esc: back to the dossier, on the same line; Esc: the overview; Esc: the text.
        update(&mut app, Action::Back);
        let Some(Screen::Dossier(d)) = app.screens.top() else { panic!("not back in the dossier") };
        assert_eq!(d.list.cursor, claim_row + 1);
        update(&mut app, Action::Back);
        assert!(matches!(app.screens.top(), Some(Screen::Overview(_))));
        update(&mut app, Action::Back);
        assert!(app.screens.is_empty());
    }

    #[test]
    fn compare_picks_a_relation_and_enter_goes_to_either_side() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::GotoDoc(1));
        update(&mut app, Action::Focus(Pane::Claims));
        let detention = app.corpus.claim_by_id("i-detention").unwrap();
        app.reader.views[1].claims.item = Some(detention);
        update(&mut app, Action::OpenCompare);
        assert!(matches!(
            app.screens.top(),
            Some(Screen::Relations(RelationChooser { purpose: ChooseFor::Compare, .. }))
        ));
        update(&mut app, Action::Activate);
        let Some(Screen::Compare(c)) = app.screens.top() else { panic!("no comparison") };
        assert_eq!((c.left, c.right), (detention, app.corpus.claim_by_id("a-arrest").unwrap()));
        assert_eq!(c.label, "contradicted by");
        assert!(c.note.as_deref().unwrap().starts_with("Ten days here"));
        update(&mut app, Action::FocusRight);
        update(&mut app, Action::Activate);
        assert_eq!((app.reader.doc, app.view().claim), (DocIdx(0), app.corpus.claim_by_id("a-arrest")));
        update(&mut app, Action::JumpBack);
        assert_eq!(app.reader.doc, DocIdx(1));
    }

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
        update(&mut app, Action::Move(at(|r| matches!(r, crate::query::overview::OverviewRow::Entity(_)))));
        update(&mut app, Action::Activate);
        assert!(matches!(app.screens.top(), Some(Screen::Dossier(_))));
        // Esc returns to the overview, where the cursor was.
        update(&mut app, Action::Back);
        let Some(Screen::Overview(o)) = app.screens.top() else { panic!("not back in the overview") };
        assert_eq!(o.list.cursor as i32, at(|r| matches!(r, crate::query::overview::OverviewRow::Entity(_))));
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(at(|r| matches!(r, crate::query::overview::OverviewRow::Relation(..)))));
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
        assert_eq!(d.list.cursor, 1, "the first mention's row (after the heading)");
        update(&mut app, Action::Activate);
        assert_eq!((app.reader.entity, app.mention_position()), (app.corpus.entity_by_id("kostanay"), Some((1, 2))));
    }

    #[test]
    fn scrollbar_marks_follow_the_entity_and_the_search() {
        let mut app = sample_app(80, 14);
        assert!(app.derived.marks.is_empty());
        let k = app.corpus.entity_by_id("kostanay").unwrap();
        update(&mut app, Action::SelectEntity(k));
        assert_eq!(app.derived.marks.iter().filter(|(_, m)| *m == super::super::Mark::Mention).count(), 2);
        assert!(app.derived.marks.iter().all(|(at, _)| (0.0..1.0).contains(at)));
        assert!(app.derived.marks[0].0 < app.derived.marks[1].0, "in text order");
        update(&mut app, Action::StartSearch);
        for c in "court".chars() {
            update(&mut app, Action::Input(c));
        }
        update(&mut app, Action::Activate);
        assert_eq!(app.derived.marks.iter().filter(|(_, m)| *m == super::super::Mark::Match).count(), 4);
    }

    #[test]
    fn too_small_ignores_everything_but_resize_and_quit() {
        let mut app = sample_app(20, 5);
        assert!(app.derived.geometry.too_small);
        update(&mut app, Action::OpenFinder);
        assert!(app.screens.top().is_none());
        update(&mut app, Action::Resize { width: 100, height: 30 });
        assert!(!app.derived.geometry.too_small);
        update(&mut app, Action::Quit);
        assert!(app.quit);
    }

    #[test]
    fn resize_keeps_the_text_position() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::Move(3));
        let byte = app.view().top;
        update(&mut app, Action::Resize { width: 90, height: 30 });
        let layout = app.layout().unwrap();
        let line = layout.lines[app.top_line()];
        assert!(line.start as usize <= byte && byte <= line.end as usize + 1);
    }

    #[test]
    fn a_resize_that_fits_everything_does_not_lose_the_place() {
        let mut app = sample_app(80, 14);
        update(&mut app, Action::Move(5));
        assert_eq!(app.top_line(), 5);
        update(&mut app, Action::Resize { width: 300, height: 100 });
        assert_eq!(app.top_line(), 0, "everything fits: shown from the top");
        update(&mut app, Action::Resize { width: 80, height: 14 });
        assert_eq!(app.top_line(), 5, "back where the reader was");
        // Scrolling from a clamped view starts from what is shown.
        update(&mut app, Action::Resize { width: 300, height: 100 });
        update(&mut app, Action::Move(-1));
        update(&mut app, Action::Resize { width: 80, height: 14 });
        assert_eq!(app.top_line(), 0);
    }
}
