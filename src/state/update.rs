//! [`update`]: the one function that changes the explorer's state, one
//! action at a time. It reads the pane geometry (the same function that
//! renders) for page sizes and to hit-test the mouse.

use super::action::{FINDER_QUERY_MAX, SEARCH_QUERY_MAX};
use super::keymap::help_line_count;
use super::{
    Action, App, ChooseFor, FinderState, MouseKind, Overlay, Pane, RelationChoice, Scope, Sort, Stepping, TextSearch,
    find_all,
};
use crate::data::model::{ClaimIdx, DocIdx, EntityIdx, MentionIdx};
use crate::query::finder::STEP_TIME;
use crate::state::geometry;
use crate::text::wrap::shown;

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
        match app.overlay.take() {
            None => normal(app, action),
            Some(Overlay::Finder(f)) => finder(app, f, action),
            Some(Overlay::Search { query }) => search_input(app, query, action),
            Some(Overlay::Help { scroll }) => help(app, scroll, action),
            Some(Overlay::Relations { from, choices, cursor, purpose }) => {
                relations(app, from, choices, cursor, purpose, action)
            }
            Some(Overlay::Dossier(d)) => dossier(app, d, action),
            Some(Overlay::Compare(c)) => compare(app, c, action),
            Some(Overlay::Overview(o)) => overview(app, o, action),
        }
        if app.overlay.is_none() {
            app.beneath.clear();
        }
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

/// Ctrl-o and Ctrl-f: to a remembered place, keeping where the reader is on the other list.
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

fn normal(app: &mut App, action: Action) {
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
                app.message = Some("Enter selects in the Entities and Claims panes; f finds an entity".into());
            }
        },
        Action::Back => {
            if app.reader.search.take().is_some() {
                app.reader.stepping = Stepping::Mentions;
            } else if app.reader.entity.is_some() {
                app.reader.entity = None;
                app.reader.mention = None;
                app.reader.claim_scope = Scope::Document;
            } else if app.view().claim.is_some() {
                app.reader.views[app.reader.doc.index()].claim = None;
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
        }
        Action::CycleKind => {
            let next = match &app.reader.entity_options.kind {
                None => app.derived.kinds.first().cloned(),
                Some(k) => {
                    app.derived.kinds.iter().position(|x| x == k).and_then(|i| app.derived.kinds.get(i + 1)).cloned()
                }
            };
            app.reader.entity_options.kind = next;
        }
        Action::NextDoc => leave_for(app, step_doc(app, 1)),
        Action::PrevDoc => leave_for(app, step_doc(app, -1)),
        Action::GotoDoc(n) => {
            if n < app.corpus.documents().len() {
                leave_for(app, DocIdx::from_index(n));
            } else {
                app.message = Some(format!("there is no document {}", n + 1));
            }
        }
        Action::OpenFinder => {
            let search = app.finder.start("", None);
            app.overlay = Some(Overlay::Finder(FinderState { query: String::new(), search, cursor: 0, offset: 0 }));
        }
        Action::OpenHelp => app.overlay = Some(Overlay::Help { scroll: 0 }),
        Action::StartSearch => app.overlay = Some(Overlay::Search { query: String::new() }),
        Action::Next => step(app, true),
        Action::Prev => step(app, false),
        Action::FollowRelation => choose_relation(app, ChooseFor::Follow),
        Action::OpenCompare => choose_relation(app, ChooseFor::Compare),
        Action::OpenDossier => {
            let e = if app.main.focus == Pane::Entities {
                app.view().entities.item.or(app.reader.entity)
            } else {
                app.reader.entity
            };
            match e.or(app.view().entities.item) {
                Some(e) => open_dossier(app, e),
                None => app.message = Some("d opens an entity's dossier: select one first (f or Enter)".into()),
            }
        }
        Action::OpenOverview => {
            let mut state = app.last_overview.clone().unwrap_or_else(|| super::OverviewState {
                overview: std::rc::Rc::new(crate::query::overview::Overview::new(&app.corpus)),
                cursor: 0,
                offset: 0,
            });
            // The window may have changed size since.
            let height = geometry::view_list_height(app.area);
            state.offset = super::visible_offset(state.offset, state.cursor, state.overview.rows.len(), height);
            app.last_overview = Some(state.clone());
            app.overlay = Some(Overlay::Overview(state));
        }
        Action::JumpBack => jump_back_or_forward(app, true),
        Action::JumpForward => jump_back_or_forward(app, false),
        Action::SelectEntity(e) => select_entity(app, e),
        Action::Mouse { kind, column, row } => mouse(app, kind, column, row),
        Action::Input(_) | Action::InputText(_) | Action::DeleteChar | Action::DeleteWord | Action::ClearInput => {}
        Action::Quit | Action::Resize { .. } | Action::Suspend | Action::Tick => {}
    }
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

/// Goes to another document by the user's choice: stepping then starts from
/// where they are, not from a mention they left behind.
fn leave_for(app: &mut App, doc: DocIdx) {
    if doc != app.reader.doc {
        app.reader.mention = None;
    }
    switch_doc(app, doc);
}

fn switch_doc(app: &mut App, doc: DocIdx) {
    if doc != app.reader.doc {
        app.reader.doc = doc;
        // Lay out the new document before anything scrolls in it.
        app.settle();
    }
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
            app.reader.views[app.reader.doc.index()].entities.step(rows.iter().map(|r| r.entity), delta, h);
        }
        Pane::Claims => {
            let h = app.claim_list_height();
            let rows = &app.derived.claim_rows;
            app.reader.views[app.reader.doc.index()].claims.step(rows.iter().copied(), delta, h);
        }
    }
}

/// Shows `line` at the top (as far as the end of the text allows).
fn scroll_to_line(app: &mut App, line: usize) {
    let height = app.text_height();
    let Some(layout) = app.layout() else { return };
    if layout.is_empty() {
        return;
    }
    let line = line.min(layout.len().saturating_sub(height)).min(layout.len() - 1);
    let start = layout.lines[line].start as usize;
    app.reader.views[app.reader.doc.index()].top = start;
}

/// Scrolls so the text at `byte` is shown, a third of the way down, unless it already is.
fn reveal(app: &mut App, byte: usize) {
    let height = app.text_height();
    let top = app.top_line();
    let Some(layout) = app.layout() else { return };
    let line = layout.line_of(byte);
    if line < top || line >= top + height {
        scroll_to_line(app, line.saturating_sub(height / 3));
    }
}

fn go_to_mention(app: &mut App, m: MentionIdx) {
    let mention = *app.corpus.mention(m);
    switch_doc(app, mention.doc);
    app.reader.mention = Some(m);
    point_entities_at(app, mention.entity);
    reveal(app, mention.span.start as usize);
    if let Some((k, n)) = app.mention_position() {
        let name = &app.corpus.entity(mention.entity).name;
        app.message = Some(format!(
            "{} · mention {k}/{n} · document {}/{}",
            crate::text::sanitize::display(name),
            mention.doc.index() + 1,
            app.corpus.documents().len()
        ));
    }
}

/// Selects an entity: its mentions stand out, the claims narrow to it, and
/// the text shows its first mention (in this document if it has one).
fn select_entity(app: &mut App, e: EntityIdx) {
    app.reader.entity = Some(e);
    app.reader.mention = None;
    app.reader.stepping = Stepping::Mentions;
    app.reader.claim_scope = Scope::Corpus;
    let first =
        app.corpus.entity_mentions_in(e, app.reader.doc).first().or_else(|| app.corpus.entity_mentions(e).first());
    match first.copied() {
        Some(m) => go_to_mention(app, m),
        None => {
            let name = crate::text::sanitize::display(&app.corpus.entity(e).name).into_owned();
            app.message = Some(format!("{name} has no mentions"));
        }
    }
    point_entities_at(app, e);
}

/// Moves the Entities list's cursor to the entity, bringing it into view.
fn point_entities_at(app: &mut App, e: EntityIdx) {
    let height = app.entity_list_height();
    let rows = &app.derived.entity_rows;
    app.reader.views[app.reader.doc.index()].entities.jump(e, rows.iter().map(|r| r.entity), height);
}

/// Goes to a claim: its document, its span marked and shown.
fn go_to_claim(app: &mut App, c: ClaimIdx) {
    let claim = app.corpus.claim(c);
    let (doc, start) = (claim.doc, claim.span.start as usize);
    leave_for(app, doc);
    app.reader.views[doc.index()].claim = Some(c);
    let height = app.claim_list_height();
    let rows = &app.derived.claim_rows;
    app.reader.views[doc.index()].claims.jump(c, rows.iter().copied(), height);
    reveal(app, start);
}

/// n / N: through the search's matches after a search, else through the
/// selected entity's mentions, into the other documents at the ends.
fn step(app: &mut App, forward: bool) {
    if app.reader.stepping == Stepping::Search {
        if let Some(search) = &app.reader.search {
            if !search.matches.is_empty() {
                step_search(app, forward);
                return;
            }
        }
    }
    let Some(e) = app.reader.entity else {
        app.message =
            Some("n/N step through an entity's mentions: select one first (f or Enter), or search with /".into());
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

fn step_search(app: &mut App, forward: bool) {
    let top = app.top_byte();
    let shown = |app: &App, i: usize| {
        let Some(s) = &app.reader.search else { return false };
        let first = app.top_line();
        app.layout()
            .is_some_and(|l| (first..first + app.text_height()).contains(&l.line_of(s.matches[i].start as usize)))
    };
    let current = app.reader.search.as_ref().and_then(|s| s.current).filter(|&i| shown(app, i));
    let Some(search) = &mut app.reader.search else { return };
    let n = search.matches.len();
    let next = match current {
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
        None => {
            let after = search.matches.partition_point(|s| (s.start as usize) < top);
            if forward { after % n } else { (after + n - 1) % n }
        }
    };
    search.current = Some(next);
    let start = search.matches[next].start as usize;
    let msg = format!("match {}/{n} for \"{}\"", next + 1, crate::text::sanitize::display(&search.query));
    reveal(app, start);
    app.message = Some(msg);
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
fn choose_relation(app: &mut App, purpose: ChooseFor) {
    let Some(c) = current_claim(app) else {
        app.message = Some("no claim is selected".into());
        return;
    };
    let choices: Vec<RelationChoice> = app.corpus.links(c).into_iter().map(RelationChoice::from).collect();
    match choices.as_slice() {
        [] => app.message = Some("this claim has no relations to other claims".into()),
        [one] => relation_chosen(app, c, one.clone(), purpose),
        _ => app.overlay = Some(Overlay::Relations { from: c, choices, cursor: 0, purpose }),
    }
}

fn relation_chosen(app: &mut App, from: ClaimIdx, choice: RelationChoice, purpose: ChooseFor) {
    match purpose {
        ChooseFor::Follow => {
            go_to_claim(app, choice.other);
            app.message = Some(format!(
                "followed \"{}\" to claim {} · Ctrl-o goes back",
                choice.label,
                crate::text::sanitize::display(&app.corpus.claim(choice.other).id)
            ));
        }
        ChooseFor::Compare => {
            app.overlay = Some(Overlay::Compare(super::CompareState {
                left: from,
                right: choice.other,
                label: choice.label,
                note: choice.note,
                side: 0,
            }));
        }
    }
}

fn open_dossier(app: &mut App, e: EntityIdx) {
    let dossier = crate::query::dossier::Dossier::new(&app.corpus, e);
    // On the current mention when there is one, else on the first row
    // that leads somewhere, so Enter at once goes to a mention.
    let cursor = app
        .reader
        .mention
        .filter(|_| app.reader.entity == Some(e))
        .and_then(|m| dossier.row_of_mention(&app.corpus, m))
        .or_else(|| dossier.first_target(&app.corpus))
        .unwrap_or(0);
    let height = geometry::view_list_height(app.area);
    let offset = super::visible_offset(cursor.saturating_sub(height / 3), cursor, dossier.len(), height);
    app.overlay = Some(Overlay::Dossier(super::DossierState { dossier, cursor, offset }));
}

/// Moves a view's cursor by an action (a click puts it on the row clicked);
/// returns false for actions that are not moves.
fn move_cursor(
    cursor: &mut usize,
    offset: &mut usize,
    len: usize,
    area: ratatui::layout::Rect,
    action: &Action,
) -> bool {
    let list = geometry::view_list(area, geometry::VIEW_HEADER);
    let height = (list.height as usize).max(1);
    let last = len.saturating_sub(1) as i64;
    let to = match action {
        Action::Mouse { kind: MouseKind::Click, column, row } => {
            if !list.contains(ratatui::layout::Position { x: *column, y: *row })
                || *offset + ((row - list.y) as usize) >= len
            {
                return false;
            }
            (*offset + (row - list.y) as usize) as i64
        }
        Action::Move(n) => *cursor as i64 + *n as i64,
        Action::Page(n) => *cursor as i64 + *n as i64 * height as i64,
        Action::HalfPage(n) => *cursor as i64 + *n as i64 * (height / 2).max(1) as i64,
        Action::Top => 0,
        Action::Bottom => last,
        Action::Mouse { kind: MouseKind::ScrollUp, .. } => *cursor as i64 - 3,
        Action::Mouse { kind: MouseKind::ScrollDown, .. } => *cursor as i64 + 3,
        _ => return false,
    };
    *cursor = to.clamp(0, last.max(0)) as usize;
    *offset = super::visible_offset(*offset, *cursor, len, height);
    true
}

fn dossier(app: &mut App, mut d: super::DossierState, action: Action) {
    if move_cursor(&mut d.cursor, &mut d.offset, d.dossier.len(), app.area, &action) {
        app.overlay = Some(Overlay::Dossier(d));
        return;
    }
    match action {
        Action::Activate => match d.dossier.target(&app.corpus, d.cursor) {
            Some(crate::query::dossier::Target::Mention(m)) => {
                let e = app.corpus.mention(m).entity;
                app.reader.entity = Some(e);
                app.reader.claim_scope = Scope::Corpus;
                app.reader.stepping = Stepping::Mentions;
                go_to_mention(app, m);
            }
            Some(crate::query::dossier::Target::Claim(c)) => go_to_claim(app, c),
            None => app.overlay = Some(Overlay::Dossier(d)),
        },
        Action::OpenCompare => match d.dossier.row(&app.corpus, d.cursor) {
            Some(crate::query::dossier::DossierRow::Link(c, l)) => {
                let choice = RelationChoice::from(app.corpus.link(c, l));
                relation_chosen(app, c, choice, ChooseFor::Compare);
                // Esc from the comparison comes back here.
                app.beneath.push(Overlay::Dossier(d));
            }
            _ => {
                app.message = Some("c on a relation line (→) compares the two claims side by side".into());
                app.overlay = Some(Overlay::Dossier(d));
            }
        },
        Action::Back => app.overlay = app.beneath.pop(),
        _ => app.overlay = Some(Overlay::Dossier(d)),
    }
}

fn compare(app: &mut App, mut c: super::CompareState, action: Action) {
    match action {
        Action::FocusLeft => c.side = 0,
        Action::FocusRight => c.side = 1,
        Action::Mouse { kind: MouseKind::Click, column, .. } => {
            let view = geometry::inner(geometry::view(app.area));
            c.side = usize::from(column >= view.x + view.width / 2);
        }
        Action::Activate => {
            go_to_claim(app, if c.side == 0 { c.left } else { c.right });
            return;
        }
        Action::Back => {
            app.overlay = app.beneath.pop();
            return;
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Compare(c));
}

fn overview(app: &mut App, mut o: super::OverviewState, action: Action) {
    if move_cursor(&mut o.cursor, &mut o.offset, o.overview.rows.len(), app.area, &action) {
        app.last_overview = Some(o.clone());
        app.overlay = Some(Overlay::Overview(o));
        return;
    }
    use crate::query::overview::OverviewRow;
    match (action, o.overview.rows.get(o.cursor).copied()) {
        (Action::Activate, Some(OverviewRow::Document(d))) => leave_for(app, d),
        (Action::Activate | Action::OpenDossier, Some(OverviewRow::Entity(e))) => {
            open_dossier(app, e);
            app.beneath.push(Overlay::Overview(o));
        }
        (Action::Activate, Some(OverviewRow::Relation(from, k))) => {
            // A claim's own relations come first among its links.
            let choice = RelationChoice::from(app.corpus.link(from, k));
            relation_chosen(app, from, choice, ChooseFor::Compare);
            app.beneath.push(Overlay::Overview(o));
        }
        (Action::Back, _) => {}
        _ => app.overlay = Some(Overlay::Overview(o)),
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
            move_by(app, if kind == MouseKind::ScrollUp { -3 } else { 3 });
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
                    if let Some(i) = list_item(list, app.view().claims.offset, super::CLAIM_ROWS, column, row) {
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
    let innermost_mention = app
        .corpus
        .mentions_overlapping(doc, byte..byte + 1)
        .min_by_key(|(_, m)| m.span.len())
        .map(|(i, m)| (i, m.entity));
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

fn finder(app: &mut App, mut f: FinderState, action: Action) {
    let height = geometry::finder_list_height(app.area);
    let last = |f: &FinderState| f.hits().len().saturating_sub(1) as i64;
    let mut requery = false;
    match action {
        Action::Input(c) => requery = type_into(app, &mut f.query, [c], FINDER_QUERY_MAX, "the finder"),
        Action::InputText(text) => requery = type_into(app, &mut f.query, text.chars(), FINDER_QUERY_MAX, "the finder"),
        Action::DeleteChar => requery = f.query.pop().is_some(),
        Action::DeleteWord => {
            delete_word(&mut f.query);
            requery = true;
        }
        Action::ClearInput => {
            f.query.clear();
            requery = true;
        }
        Action::Tick => {
            f.search.step_for(&app.finder, STEP_TIME);
        }
        Action::Move(n) => f.cursor = (f.cursor as i64 + n as i64).clamp(0, last(&f)) as usize,
        Action::Page(n) => f.cursor = (f.cursor as i64 + n as i64 * height as i64).clamp(0, last(&f)) as usize,
        Action::Activate => {
            if let Some(hit) = f.hits().get(f.cursor) {
                let e = hit.entity;
                select_entity(app, e);
            }
            return;
        }
        Action::OpenDossier => {
            if let Some(hit) = f.hits().get(f.cursor) {
                let e = hit.entity;
                open_dossier(app, e);
            }
            return;
        }
        Action::Back => return,
        Action::Mouse { kind: MouseKind::ScrollUp, .. } => f.cursor = f.cursor.saturating_sub(3),
        Action::Mouse { kind: MouseKind::ScrollDown, .. } => f.cursor = (f.cursor + 3).min(last(&f) as usize),
        Action::Mouse { kind: MouseKind::Click, column, row } => {
            let list = geometry::finder_list(app.area);
            if let Some(i) = list_item(list, f.offset, 1, column, row) {
                if let Some(hit) = f.hits().get(i) {
                    let e = hit.entity;
                    select_entity(app, e);
                }
                return;
            }
            if !geometry::finder(app.area).contains(ratatui::layout::Position { x: column, y: row }) {
                return;
            }
        }
        _ => {}
    }
    if requery {
        // A longer query narrows the finished search; each step is bounded,
        // so a huge corpus never holds up the screen.
        let previous = std::mem::replace(&mut f.search, app.finder.start("", None));
        f.search = app.finder.start(&f.query, Some(previous));
        f.search.step_for(&app.finder, STEP_TIME);
        f.cursor = 0;
        f.offset = 0;
    }
    f.cursor = f.cursor.min(last(&f) as usize);
    f.offset = super::visible_offset(f.offset, f.cursor, f.hits().len(), height);
    app.overlay = Some(Overlay::Finder(f));
}

fn search_input(app: &mut App, mut query: String, action: Action) {
    match action {
        Action::Input(c) => {
            type_into(app, &mut query, [c], SEARCH_QUERY_MAX, "a search");
        }
        Action::InputText(text) => {
            type_into(app, &mut query, text.chars(), SEARCH_QUERY_MAX, "a search");
        }
        Action::DeleteChar => {
            query.pop();
        }
        Action::DeleteWord => {
            delete_word(&mut query);
        }
        Action::ClearInput => query.clear(),
        Action::Back => return,
        Action::Activate => {
            let query = if query.is_empty() { app.reader.last_query.clone() } else { query };
            if query.is_empty() {
                return;
            }
            let matches = find_all(&app.corpus.doc(app.reader.doc).text, &query);
            app.reader.last_query = query.clone();
            if matches.is_empty() {
                app.message =
                    Some(format!("no match for \"{}\" in this document", crate::text::sanitize::display(&query)));
                app.reader.search = None;
                app.reader.stepping = Stepping::Mentions;
                return;
            }
            app.reader.search = Some(TextSearch { query, doc: app.reader.doc, matches, current: None });
            app.reader.stepping = Stepping::Search;
            step_search(app, true);
            return;
        }
        _ => {}
    }
    app.overlay = Some(Overlay::Search { query });
}

/// Adds typed or pasted text to a query as one edit: control characters
/// are dropped (a line break or a tab becomes a space), and nothing beyond
/// `max` characters is taken, which the status line says. Whether the
/// query changed.
/// Ctrl-w: the last word goes, and the white space after it. White space
/// may be any width in bytes (a U+3000 or a U+2028 in a paste).
fn delete_word(query: &mut String) {
    let kept =
        query.trim_end().char_indices().rev().find(|(_, c)| c.is_whitespace()).map_or(0, |(i, c)| i + c.len_utf8());
    query.truncate(kept);
}

fn type_into(app: &mut App, query: &mut String, text: impl IntoIterator<Item = char>, max: usize, what: &str) -> bool {
    let mut room = max.saturating_sub(query.chars().count());
    let mut changed = false;
    let mut chars = text.into_iter().peekable();
    while let Some(c) = chars.next() {
        let c = match c {
            // A CR LF line break is one break.
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => continue,
            c => c,
        };
        if room == 0 {
            app.message = Some(format!("{what} takes at most {max} characters; the rest was not taken"));
            break;
        }
        query.push(c);
        room -= 1;
        changed = true;
    }
    changed
}

fn help(app: &mut App, scroll: usize, action: Action) {
    let height = geometry::help(app.area).height.saturating_sub(2) as usize;
    let max = help_line_count().saturating_sub(height);
    let scroll = match action {
        Action::Move(n) => (scroll as i64 + n as i64).clamp(0, max as i64) as usize,
        Action::Page(n) => (scroll as i64 + n as i64 * height as i64).clamp(0, max as i64) as usize,
        Action::Top => 0,
        Action::Bottom => max,
        Action::Mouse { kind: MouseKind::ScrollDown, .. } => (scroll + 3).min(max),
        Action::Mouse { kind: MouseKind::ScrollUp, .. } => scroll.saturating_sub(3),
        Action::Back | Action::Activate | Action::Mouse { kind: MouseKind::Click, .. } => return,
        _ => scroll,
    };
    app.overlay = Some(Overlay::Help { scroll });
}

fn relations(
    app: &mut App,
    from: ClaimIdx,
    choices: Vec<RelationChoice>,
    cursor: usize,
    purpose: ChooseFor,
    action: Action,
) {
    let last = choices.len().saturating_sub(1);
    let cursor = match action {
        Action::Move(n) => (cursor as i64 + n as i64).clamp(0, last as i64) as usize,
        Action::Top => 0,
        Action::Bottom => last,
        Action::Activate => {
            if let Some(choice) = choices.get(cursor) {
                relation_chosen(app, from, choice.clone(), purpose);
            }
            return;
        }
        Action::Back | Action::Mouse { kind: MouseKind::Click, .. } => return,
        _ => cursor,
    };
    app.overlay = Some(Overlay::Relations { from, choices, cursor, purpose });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::{Source, load_sources};

    /// Two documents sharing two entities, with claims related across them.
    pub(crate) fn sample_app(width: u16, height: u16) -> App {
        let text = include_str!("../../tests/fixtures/sample.json");
        let corpus = load_sources(&[Source::new("sample.json", text)], "sample.json").unwrap();
        App::new(corpus, width, height)
    }

    fn id(app: &App, e: EntityIdx) -> String {
        app.corpus.entity(e).id.clone()
    }

    /// Found by the commands fuzz target: Ctrl-w after a word and a
    /// multi-byte space (U+2028, U+3000) cut the query inside a character.
    #[test]
    fn ctrl_w_after_a_wide_space_deletes_the_word_whole() {
        let mut q = "Астана\u{3000}Tol\u{2028}eg".to_string();
        delete_word(&mut q);
        assert_eq!(q, "Астана\u{3000}Tol\u{2028}");
        delete_word(&mut q);
        assert_eq!(q, "Астана\u{3000}");
        delete_word(&mut q);
        assert_eq!(q, "");
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
        let Some(Overlay::Finder(f)) = &app.overlay else { panic!("finder is not open") };
        assert_eq!(id(&app, f.hits()[0].entity), "tolegenov");
        update(&mut app, Action::Activate);
        assert!(app.overlay.is_none());
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
        assert!(matches!(app.overlay, Some(Overlay::Relations { .. })), "i-detention has two relations");
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
        let Some(Overlay::Dossier(d)) = &app.overlay else { panic!("no dossier") };
        assert_eq!(d.cursor, 2, "the second mention's row (after the heading)");
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
        assert!(app.overlay.is_none());
        assert_eq!((app.reader.doc, app.view().claim), (DocIdx(0), Some(charges)));
        // Back, into the dossier again, and to the mention in the interview.
        update(&mut app, Action::OpenDossier);
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(3));
        update(&mut app, Action::Activate);
        assert_eq!((app.reader.doc, app.mention_position()), (DocIdx(1), Some((3, 3))));
        update(&mut app, Action::OpenDossier);
        update(&mut app, Action::Back);
        assert!(app.overlay.is_none());
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
        let Some(Overlay::Dossier(d)) = &app.overlay else { panic!("no dossier") };
        assert_eq!(d.cursor, 3);
        // Above the list, or below its last row: nothing moves.
        update(&mut app, click(list.y - 1));
        update(&mut app, click(list.y + list.height - 1));
        let Some(Overlay::Dossier(d)) = &app.overlay else { panic!("no dossier") };
        assert_eq!(d.cursor, 3);
        // In the comparison, a click on the right-hand passage picks it.
        update(&mut app, Action::Back);
        update(&mut app, Action::Focus(Pane::Claims));
        app.reader.views[0].claims.item = app.corpus.claim_by_id("a-arrest");
        update(&mut app, Action::OpenCompare);
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: 100, row: 20 });
        let Some(Overlay::Compare(c)) = &app.overlay else { panic!("no comparison") };
        assert_eq!(c.side, 1);
        update(&mut app, Action::Mouse { kind: MouseKind::Click, column: 10, row: 20 });
        let Some(Overlay::Compare(c)) = &app.overlay else { panic!("no comparison") };
        assert_eq!(c.side, 0);
    }

    #[test]
    fn c_on_a_dossier_relation_compares_and_esc_walks_back_through_the_views() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenOverview);
        let rows = match &app.overlay {
            Some(Overlay::Overview(o)) => o.overview.rows.clone(),
            _ => panic!("no overview"),
        };
        let t = app.corpus.entity_by_id("tolegenov").unwrap();
        let at = rows.iter().position(|r| *r == crate::query::overview::OverviewRow::Entity(t)).unwrap();
        update(&mut app, Action::Move(at as i32));
        update(&mut app, Action::OpenDossier);
        let Some(Overlay::Dossier(d)) = &app.overlay else { panic!("no dossier") };
        // On a claim line, c says where it works and changes nothing.
        let arrest = app.corpus.claim_by_id("a-arrest").unwrap();
        let all = d.dossier.rows(&app.corpus, 0..d.dossier.len());
        let claim_row = all.iter().position(|r| *r == crate::query::dossier::DossierRow::Claim(arrest)).unwrap();
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(claim_row as i32));
        update(&mut app, Action::OpenCompare);
        assert!(matches!(app.overlay, Some(Overlay::Dossier(_))));
        assert!(app.message.as_deref().unwrap().contains("relation line"));
        // On its relation line, c opens the comparison of the two claims.
        update(&mut app, Action::Move(1));
        update(&mut app, Action::OpenCompare);
        let Some(Overlay::Compare(c)) = &app.overlay else { panic!("no comparison") };
        assert_eq!((c.left, c.right, c.label), (arrest, app.corpus.claim_by_id("i-detention").unwrap(), "contradicts"));
        // Esc: back to the dossier, on the same line; Esc: the overview; Esc: the text.
        update(&mut app, Action::Back);
        let Some(Overlay::Dossier(d)) = &app.overlay else { panic!("not back in the dossier") };
        assert_eq!(d.cursor, claim_row + 1);
        update(&mut app, Action::Back);
        assert!(matches!(app.overlay, Some(Overlay::Overview(_))));
        update(&mut app, Action::Back);
        assert!(app.overlay.is_none() && app.beneath.is_empty());
    }

    #[test]
    fn compare_picks_a_relation_and_enter_goes_to_either_side() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::GotoDoc(1));
        update(&mut app, Action::Focus(Pane::Claims));
        let detention = app.corpus.claim_by_id("i-detention").unwrap();
        app.reader.views[1].claims.item = Some(detention);
        update(&mut app, Action::OpenCompare);
        assert!(matches!(app.overlay, Some(Overlay::Relations { purpose: ChooseFor::Compare, .. })));
        update(&mut app, Action::Activate);
        let Some(Overlay::Compare(c)) = &app.overlay else { panic!("no comparison") };
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
        let rows = match &app.overlay {
            Some(Overlay::Overview(o)) => o.overview.rows.clone(),
            _ => panic!("no overview"),
        };
        let at = |want: fn(&crate::query::overview::OverviewRow) -> bool| rows.iter().position(want).unwrap() as i32;
        update(&mut app, Action::Move(at(|r| *r == crate::query::overview::OverviewRow::Document(DocIdx(1)))));
        update(&mut app, Action::Activate);
        assert_eq!((app.reader.doc, app.overlay.is_none()), (DocIdx(1), true));
        update(&mut app, Action::OpenOverview);
        let Some(Overlay::Overview(o)) = &app.overlay else { panic!("no overview") };
        assert_eq!(
            o.cursor as i32,
            at(|r| *r == crate::query::overview::OverviewRow::Document(DocIdx(1))),
            "reopened where it was left"
        );
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(at(|r| matches!(r, crate::query::overview::OverviewRow::Entity(_)))));
        update(&mut app, Action::Activate);
        assert!(matches!(app.overlay, Some(Overlay::Dossier(_))));
        // Esc returns to the overview, where the cursor was.
        update(&mut app, Action::Back);
        let Some(Overlay::Overview(o)) = &app.overlay else { panic!("not back in the overview") };
        assert_eq!(o.cursor as i32, at(|r| matches!(r, crate::query::overview::OverviewRow::Entity(_))));
        update(&mut app, Action::Top);
        update(&mut app, Action::Move(at(|r| matches!(r, crate::query::overview::OverviewRow::Relation(..)))));
        update(&mut app, Action::Activate);
        assert!(matches!(app.overlay, Some(Overlay::Compare(_))));
        update(&mut app, Action::Back);
        assert!(matches!(app.overlay, Some(Overlay::Overview(_))));
        // Closed and reopened, the overview is where it was left, and the same one.
        let (rows, cursor) = match &app.overlay {
            Some(Overlay::Overview(o)) => (std::rc::Rc::as_ptr(&o.overview), o.cursor),
            _ => unreachable!(),
        };
        update(&mut app, Action::Back);
        update(&mut app, Action::OpenOverview);
        let Some(Overlay::Overview(o)) = &app.overlay else { panic!("no overview") };
        assert_eq!((std::rc::Rc::as_ptr(&o.overview), o.cursor), (rows, cursor));
        // Going to the text from a view opened from the overview leaves both.
        update(&mut app, Action::Activate);
        update(&mut app, Action::Activate);
        assert!(app.overlay.is_none() && app.beneath.is_empty());
        update(&mut app, Action::OpenDossier);
        update(&mut app, Action::Back);
        assert!(app.overlay.is_none(), "a dossier opened from the text closes to the text");
    }

    #[test]
    fn the_finder_opens_a_dossier_with_ctrl_d() {
        let mut app = sample_app(120, 40);
        update(&mut app, Action::OpenFinder);
        for c in "kost".chars() {
            update(&mut app, Action::Input(c));
        }
        update(&mut app, Action::OpenDossier);
        let Some(Overlay::Dossier(d)) = &app.overlay else { panic!("no dossier") };
        assert_eq!(app.corpus.entity(d.dossier.entity).id, "kostanay");
        // No current mention of it: the cursor starts on its first mention.
        assert_eq!(d.cursor, 1, "the first mention's row (after the heading)");
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
        assert!(app.overlay.is_none());
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
