//! The main screen: the Entities, Text and Claims panes with the documents
//! along the top. Its state is which pane has the keys ([`MainScreen`],
//! held by the app: it is what is shown when no screen is open); its
//! handler has every screen's shape and opens the others.

use super::{
    ChooseFor, DossierScreen, FilterPrompt, FinderScreen, HelpScreen, Next, OverviewScreen, RelationChoice,
    RelationChooser, Screen, SearchPrompt, relations::relation_chosen,
};
use super::{DocumentsScreen, GotoPrompt};
use crate::data::model::{ClaimIdx, DocIdx, MentionIdx};
use crate::state::claim_filter;
use crate::state::cursor::{ListCursor, Motion, WHEEL_ROWS};
use crate::state::geometry;
use crate::state::navigate::{
    go_to_claim, go_to_mention, leave_for, point_entities_at, scroll_to_line, select_entity, step_search, switch_doc,
};
use crate::state::pins::toggle_pin;
use crate::state::{Action, App, CLAIM_ROWS, Mode, MouseKind, Pane, Scope, Sort, Stepping};
use crate::text::wrap::shown;

pub use crate::state::MainScreen;

/// The main screen's handler: the panes, the documents, and what opens
/// from them.
pub fn handle(app: &mut App, action: Action) -> Next {
    if let Some(next) = crate::state::count::intercept(app, &action) {
        return next;
    }
    match action {
        Action::FocusNext => focus(app, cycle(app.main.focus, 1)),
        Action::FocusPrev => focus(app, cycle(app.main.focus, -1)),
        Action::Focus(pane) => focus(app, pane),
        Action::FocusLeft => {
            let to = match (app.main.focus, app.derived.geometry.is_wide()) {
                (Pane::Claims, _) => Pane::Text,
                (Pane::Text, true) => Pane::Entities,
                (other, _) => other,
            };
            focus(app, to);
        }
        Action::FocusRight => {
            let to = match (app.main.focus, app.derived.geometry.is_wide()) {
                (Pane::Entities, true) => Pane::Text,
                (Pane::Text, true) => Pane::Claims,
                (Pane::Text, false) => app.main.side,
                (other, _) => other,
            };
            focus(app, to);
        }
        Action::Move(n) => move_by(app, n as i64),
        Action::Page(n) => {
            let page = match app.main.focus {
                Pane::Text => app.text_height().saturating_sub(1).max(1),
                Pane::Entities => app.entity_list_height(),
                Pane::Claims => app.claim_list_height(),
            };
            move_by(app, n as i64 * page as i64);
        }
        Action::HalfPage(n) => {
            let page = match app.main.focus {
                Pane::Text => app.text_height(),
                Pane::Entities => app.entity_list_height(),
                Pane::Claims => app.claim_list_height(),
            };
            move_by(app, n as i64 * (page / 2).max(1) as i64);
        }
        Action::Top => move_by(app, i64::MIN / 2),
        Action::Bottom => move_by(app, i64::MAX / 2),
        Action::Activate => match app.main.focus {
            Pane::Entities => {
                if let Some(e) = app.view().entities.item {
                    select_entity(app, e);
                }
            }
            Pane::Claims => {
                if let Some(c) = app.view().claims.item {
                    go_to_claim(app, c);
                }
            }
            Pane::Text => {
                app.message = Some(format!(
                    "{} selects in the Entities and Claims panes; {} finds an entity",
                    key(Action::Activate),
                    key(Action::OpenFinder)
                ));
            }
        },
        Action::Back => {
            if super::filter_prompt::clear_pane_filter(app) {
                // The focused list's filter goes first.
            } else if app.reader.stepping == Stepping::Corpus {
                // The hits are no longer marked; F still shows the search.
                app.reader.stepping = Stepping::Mentions;
                app.reader.corpus.current = None;
            } else if app.reader.search.take().is_some() {
                app.reader.stepping = Stepping::Mentions;
            } else if app.reader.entity.is_some() {
                app.reader.entity = None;
                app.reader.mention = None;
                app.reader.claim_scope = Scope::Document;
            } else if app.view().claim.is_some() {
                app.reader.views[app.reader.doc.index()].claim = None;
            } else if !app.reader.pins.is_empty() {
                app.reader.pins.clear();
                app.message = Some("pins cleared: the lists show every document".into());
            }
        }
        Action::ToggleScope => {
            if app.main.focus == Pane::Claims {
                app.reader.claim_scope = app.reader.claim_scope.toggled();
            } else {
                app.reader.entity_options.scope = app.reader.entity_options.scope.toggled();
            }
        }
        Action::CycleSort => {
            app.reader.entity_options.sort = match app.reader.entity_options.sort {
                Sort::Count => Sort::Name,
                Sort::Name => Sort::Count,
            };
            say_entities_changed(app);
        }
        Action::CycleKind if app.main.focus == Pane::Claims => claim_filter::cycle_kind(app),
        Action::CycleKind => {
            let next = match &app.reader.entity_options.kind {
                None => app.derived.kinds.first().cloned(),
                Some(k) => {
                    app.derived.kinds.iter().position(|x| x == k).and_then(|i| app.derived.kinds.get(i + 1)).cloned()
                }
            };
            app.reader.entity_options.kind = next;
            say_entities_changed(app);
        }
        Action::TogglePin => {
            let e = if app.main.focus == Pane::Entities { app.view().entities.item } else { app.reader.entity };
            match e.or(app.view().entities.item) {
                Some(e) => toggle_pin(app, e),
                None => {
                    app.message =
                        Some(format!("{} pins an entity: select one first ({})", key(Action::TogglePin), select_keys()))
                }
            }
        }
        Action::FilterClaimant => claim_filter::toggle_claimant(app),
        Action::CycleRelated => claim_filter::cycle_related(app),
        Action::ClearClaimFilters => claim_filter::clear(app),
        Action::NextDoc => leave_for(app, step_doc(app, 1)),
        Action::PrevDoc => leave_for(app, step_doc(app, -1)),
        Action::GotoDoc(n) => {
            if n < app.corpus.documents().len() {
                leave_for(app, DocIdx::from_index(n));
            } else {
                app.message = Some(format!("there is no document {}", n + 1));
            }
        }
        Action::OpenFinder => return Next::Push(Screen::Finder(FinderScreen::open(app))),
        Action::OpenDocuments => return Next::Push(Screen::Documents(DocumentsScreen::open(app, ""))),
        Action::OpenGoto => return Next::Push(Screen::Goto(GotoPrompt::default())),
        Action::OpenHelp => return Next::Push(Screen::Help(HelpScreen::default())),
        Action::StartSearch if app.main.focus != Pane::Text => return Next::Push(FilterPrompt::over_pane(app)),
        Action::StartSearch => return Next::Push(Screen::SearchPrompt(SearchPrompt::default())),
        Action::OpenCorpusSearch => {
            return Next::Push(Screen::CorpusSearch(super::corpus_search::CorpusSearchScreen::open(app)));
        }
        Action::Next => step(app, true),
        Action::Prev => step(app, false),
        Action::FollowRelation => return choose_relation(app, ChooseFor::Follow),
        Action::OpenCompare => return choose_relation(app, ChooseFor::Compare),
        Action::OpenDossier => {
            let e = if app.main.focus == Pane::Entities {
                app.view().entities.item.or(app.reader.entity)
            } else {
                app.reader.entity
            };
            match e.or(app.view().entities.item) {
                Some(e) => return Next::Push(Screen::Dossier(DossierScreen::open(app, e))),
                None => {
                    app.message = Some(format!(
                        "{} opens an entity's dossier: select one first ({})",
                        key(Action::OpenDossier),
                        select_keys()
                    ))
                }
            }
        }
        Action::OpenOverview => return Next::Push(Screen::Overview(OverviewScreen::open(app))),
        Action::OpenDetail => return super::detail::open_from_main(app),
        Action::JumpBack => jump_back_or_forward(app, true),
        Action::JumpForward => jump_back_or_forward(app, false),
        Action::SelectEntity(e) => select_entity(app, e),
        Action::Mouse { kind, column, row } => mouse(app, kind, column, row),
        Action::Input(_) | Action::InputText(_) | Action::DeleteChar | Action::DeleteWord | Action::ClearInput => {}
        Action::ToggleRegex => {}
        // Counts are taken above; completing is the `:` prompt's.
        Action::Count(_) | Action::Complete => {}
        Action::Quit | Action::Resize { .. } | Action::Suspend | Action::Tick => {}
        Action::Copy => crate::state::effects::copy_from_main(app),
        // Reports are the dossier's and the comparison's; the edge's answer is taken in `update`.
        Action::Export | Action::Exported(_) => {}
    }
    Next::Stay
}

fn cycle(p: Pane, dir: i32) -> Pane {
    const ORDER: [Pane; 3] = [Pane::Entities, Pane::Text, Pane::Claims];
    let i = ORDER.iter().position(|&x| x == p).unwrap_or(1) as i32;
    ORDER[(i + dir).rem_euclid(3) as usize]
}

fn focus(app: &mut App, pane: Pane) {
    app.main.focus = pane;
    if pane != Pane::Text {
        app.main.side = pane;
    }
}

fn step_doc(app: &App, dir: i64) -> DocIdx {
    let n = app.corpus.documents().len() as i64;
    DocIdx::from_index((app.reader.doc.index() as i64 + dir).rem_euclid(n) as usize)
}

/// Moves the focused pane's view or cursor by `delta` lines or rows.
fn move_by(app: &mut App, delta: i64) {
    match app.main.focus {
        Pane::Text => {
            let top = app.top_line() as i64;
            scroll_to_line(app, (top + delta).max(0) as usize);
        }
        Pane::Entities => {
            let h = app.entity_list_height();
            let rows = &app.derived.entity_rows;
            app.reader.views[app.reader.doc.index()].entities.go(rows.iter().map(|r| r.entity), Motion::By(delta), h);
        }
        Pane::Claims => {
            let h = app.claim_list_height();
            let rows = &app.derived.claim_rows;
            app.reader.views[app.reader.doc.index()].claims.go(rows.iter().copied(), Motion::By(delta), h);
        }
    }
}

/// n / N: through the search's matches after a search, else through the
/// selected entity's mentions, into the other documents at the ends.
fn step(app: &mut App, forward: bool) {
    if app.reader.stepping == Stepping::Corpus && crate::state::corpus_hits::step(app, forward) {
        return;
    }
    if app.reader.stepping == Stepping::Search {
        if let Some(search) = &app.reader.search {
            if !search.matches.is_empty() {
                step_search(app, forward);
                return;
            }
        }
    }
    let Some(e) = app.reader.entity else {
        app.message = Some(format!(
            "{}/{} step through an entity's mentions: select one first ({}), or search with {}",
            key(Action::Next),
            key(Action::Prev),
            select_keys(),
            key(Action::StartSearch)
        ));
        return;
    };
    let all = app.corpus.entity_mentions(e).to_vec();
    if all.is_empty() {
        return;
    }
    let here = (app.reader.doc, app.top_byte());
    // Continue from the current mention while it is on screen; once the
    // reader has scrolled or switched away from it, step from what they see.
    let current = app.reader.mention.filter(|&m| is_shown(app, m));
    let next = match current.and_then(|m| all.binary_search(&m).ok()) {
        Some(i) if forward => (i + 1) % all.len(),
        Some(i) => (i + all.len() - 1) % all.len(),
        // No current mention: the first one after the top of the view (or the last before it).
        None => {
            let key = |&m: &MentionIdx| {
                let mention = app.corpus.mention(m);
                (mention.doc, mention.span.start as usize)
            };
            let after = all.partition_point(|m| key(m) < here);
            if forward { after % all.len() } else { (after + all.len() - 1) % all.len() }
        }
    };
    let wrapped = current.is_some_and(|m| {
        let i = all.binary_search(&m).unwrap_or(0);
        (forward && next <= i) || (!forward && next >= i)
    });
    let target = all[next];
    go_to_mention(app, target);
    if wrapped && all.len() > 1 {
        if let Some(msg) = &mut app.message {
            msg.push_str(if forward { " · wrapped to the first" } else { " · wrapped to the last" });
        }
    }
}

/// Whether the mention is in the current document and on screen.
fn is_shown(app: &App, m: MentionIdx) -> bool {
    let mention = app.corpus.mention(m);
    let top = app.top_line();
    mention.doc == app.reader.doc
        && app
            .layout()
            .is_some_and(|l| (top..top + app.text_height()).contains(&l.line_of(mention.span.start as usize)))
}

/// Ctrl-o and Ctrl-i (or Ctrl-g): to a remembered place, keeping where the reader is on the other list.
fn jump_back_or_forward(app: &mut App, back: bool) {
    let here = app.place();
    let place = if back { app.jumps.back(here) } else { app.jumps.forward(here) };
    let Some(place) = place else {
        app.message =
            Some(if back { "no earlier place to go back to" } else { "no later place to go forward to" }.into());
        return;
    };
    switch_doc(app, place.doc);
    let view = &mut app.reader.views[place.doc.index()];
    view.top = place.top;
    view.claim = place.claim;
    app.reader.entity = place.entity;
    app.reader.mention = place.mention;
    app.reader.claim_scope = place.claim_scope;
    app.settle();
    if let Some(e) = place.entity {
        point_entities_at(app, e);
    }
    if let Some(c) = place.claim {
        let height = app.claim_list_height();
        let rows = &app.derived.claim_rows;
        app.reader.views[place.doc.index()].claims.jump(c, rows.iter().copied(), height);
    }
    let (n, m) = (app.jumps.behind(), app.jumps.ahead());
    app.message = Some(format!("{} · {n} back, {m} forward", if back { "back" } else { "forward" }));
}

/// The claim `r` acts on: the one under the cursor in the Claims pane, else the marked one.
fn current_claim(app: &App) -> Option<ClaimIdx> {
    if app.main.focus == Pane::Claims {
        app.view().claims.item.or(app.view().claim)
    } else {
        app.view().claim.or(app.view().claims.item)
    }
}

/// `r` and `c`: the current claim's relations, to follow one or to compare
/// with one; a chooser when there are several.
fn choose_relation(app: &mut App, purpose: ChooseFor) -> Next {
    let Some(c) = current_claim(app) else {
        app.message = Some("no claim is selected".into());
        return Next::Stay;
    };
    let choices: Vec<RelationChoice> = app.corpus.links(c).into_iter().map(RelationChoice::from).collect();
    match choices.as_slice() {
        [] => {
            app.message = Some("this claim has no relations to other claims".into());
            Next::Stay
        }
        [one] => relation_chosen(app, c, one.clone(), purpose).map_or(Next::Stay, Next::Push),
        _ => Next::Push(Screen::Relations(RelationChooser { from: c, choices, list: ListCursor::default(), purpose })),
    }
}

fn mouse(app: &mut App, kind: MouseKind, column: u16, row: u16) {
    let g = app.derived.geometry;
    if row == g.header.y && kind == MouseKind::Click {
        let tabs = geometry::doc_tabs(&app.corpus, app.reader.doc, g.header.width);
        if let Some((d, _)) = tabs.iter().find(|(_, r)| r.contains(&column)) {
            leave_for(app, *d);
        }
        return;
    }
    let Some(pane) = g.pane_at(column, row) else { return };
    match kind {
        MouseKind::ScrollUp | MouseKind::ScrollDown => {
            let before = app.main.focus;
            app.main.focus = pane;
            move_by(app, if kind == MouseKind::ScrollUp { -WHEEL_ROWS } else { WHEEL_ROWS });
            app.main.focus = before;
        }
        MouseKind::Click => {
            focus(app, pane);
            match pane {
                Pane::Text => click_text(app, column, row),
                Pane::Entities => {
                    let list = geometry::list_pane(g.entities.unwrap_or_default()).list;
                    if let Some(i) = list_item(list, app.view().entities.offset, 1, column, row) {
                        if let Some(r) = app.derived.entity_rows.get(i) {
                            select_entity(app, r.entity);
                        }
                    }
                }
                Pane::Claims => {
                    let list = geometry::list_pane(g.claims.unwrap_or_default()).list;
                    if let Some(i) = list_item(list, app.view().claims.offset, CLAIM_ROWS, column, row) {
                        if let Some(&c) = app.derived.claim_rows.get(i) {
                            go_to_claim(app, c);
                        }
                    }
                }
            }
        }
    }
}

/// The list item under a screen position, for items `rows_per_item` rows tall.
fn list_item(list: ratatui::layout::Rect, offset: usize, rows_per_item: usize, column: u16, row: u16) -> Option<usize> {
    list.contains(ratatui::layout::Position { x: column, y: row })
        .then(|| offset + (row - list.y) as usize / rows_per_item)
}

/// A click on the text selects the entity mentioned there, or else the claim.
fn click_text(app: &mut App, column: u16, row: u16) {
    let inner = app.derived.geometry.text_inner();
    if row < inner.y || column < inner.x {
        return;
    }
    let Some(byte) = byte_at(app, (column - inner.x) as usize, (row - inner.y) as usize) else { return };
    let doc = app.reader.doc;
    // A discontinuous mention is under the pointer on its fragments, not in
    // its gaps; the innermost is the one whose fragment there is shortest,
    // as the text pane colours it.
    let details = app.corpus.has_mention_annotations();
    let innermost_mention = app
        .corpus
        .mentions_overlapping(doc, byte..byte + 1)
        .filter_map(|(i, m)| {
            let here = if details { app.corpus.mention_fragments(i).iter().find(|f| f.contains(byte)) } else { None };
            match here {
                Some(f) => Some((i, m.entity, f.len())),
                None if details => None,
                None => Some((i, m.entity, m.span.len())),
            }
        })
        .min_by_key(|&(_, _, len)| len)
        .map(|(i, e, _)| (i, e));
    if let Some((m, e)) = innermost_mention {
        app.reader.entity = Some(e);
        app.reader.mention = Some(m);
        app.reader.stepping = Stepping::Mentions;
        app.reader.claim_scope = Scope::Corpus;
        app.settle();
        point_entities_at(app, e);
        return;
    }
    let claim = app.corpus.claims_at(doc, byte).min_by_key(|&c| app.corpus.claim(c).span.len());
    if let Some(c) = claim {
        let view = &mut app.reader.views[doc.index()];
        view.claim = Some(c);
        view.claims.item = Some(c);
    }
}

/// The text position shown at a cell of the text area.
fn byte_at(app: &App, column: usize, row: usize) -> Option<usize> {
    let layout = app.layout()?;
    let line = *layout.lines.get(app.top_line() + row)?;
    let text = &app.corpus.doc(app.reader.doc).text;
    let mut col = 0;
    for (offset, g) in crate::text::wrap::graphemes(&text[line.range()]) {
        let (_, w) = shown(text, line.start as usize + offset, g, col);
        if column < col + w {
            return Some(line.start as usize + offset);
        }
        col += w;
    }
    None
}

/// How a main-screen message names the key for an action.
fn key(action: Action) -> String {
    Mode::Normal.key(&action)
}

/// The keys that select an entity, for a message asking for one: "f or Enter".
fn select_keys() -> String {
    format!("{} or {}", key(Action::OpenFinder), key(Action::Activate))
}

/// `o` and `t` change the Entities pane: from another pane (where it may
/// not even be on screen), the status line says what they changed.
fn say_entities_changed(app: &mut App) {
    if app.main.focus == Pane::Entities {
        return;
    }
    let opts = &app.reader.entity_options;
    let sort = if opts.sort == Sort::Count { "by count" } else { "by name" };
    let kind = opts.kind.as_ref().map_or("every kind".to_string(), |k| format!("only {}", k.name()));
    app.message = Some(format!("Entities pane: {kind}, {sort}"));
}

#[cfg(test)]
mod tests {
    use crate::data::model::*;
    use crate::state::fixture::{entity_id as id, sample_app};
    use crate::state::*;

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
    fn a_discontinuous_mention_is_stepped_to_once_and_clicked_on_its_fragments_only() {
        let mut app = crate::state::fixture::annotated_app(120, 40);
        let (x, y) = text_cell(&app, " and Russian");
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: x + 2, row: y });
        assert_eq!(app.reader.entity, None, "the gap of \"Kazakh … governments\" is not the mention");
        let (x, y) = text_cell(&app, "governments");
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: x + 1, row: y });
        assert_eq!(app.reader.entity.map(|e| id(&app, e)).as_deref(), Some("kz-gov"), "the innermost there");
        let (x, y) = text_cell(&app, "Kazakh and");
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: x, row: y });
        let kz = app.reader.entity.unwrap();
        assert_eq!(id(&app, kz), "kz-gov");
        // n goes round its one mention, once.
        let m = app.reader.mention;
        update(&mut app, Action::Next);
        assert_eq!(app.reader.mention, m);
        assert_eq!(app.mention_position(), Some((1, 1)));
        // Stepping through all the mentions of the document visits the discontinuous one once.
        let all: Vec<MentionIdx> = app.corpus.doc_mention_range(DocIdx(0)).map(MentionIdx::from_index).collect();
        assert_eq!(all.iter().filter(|&&m| app.corpus.mention(m).entity == kz).count(), 1);
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
    fn scrollbar_marks_follow_the_entity_and_the_search() {
        let mut app = sample_app(80, 14);
        assert!(app.derived.marks.is_empty());
        let k = app.corpus.entity_by_id("kostanay").unwrap();
        update(&mut app, Action::SelectEntity(k));
        assert_eq!(app.derived.marks.iter().filter(|(_, m)| *m == Mark::Mention).count(), 2);
        assert!(app.derived.marks.iter().all(|(at, _)| (0.0..1.0).contains(at)));
        assert!(app.derived.marks[0].0 < app.derived.marks[1].0, "in text order");
        update(&mut app, Action::StartSearch);
        for c in "court".chars() {
            update(&mut app, Action::Input(c));
        }
        update(&mut app, Action::Activate);
        assert_eq!(app.derived.marks.iter().filter(|(_, m)| *m == Mark::Match).count(), 4);
    }
}
