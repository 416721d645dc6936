//! The keymap against what it promises: every key bound on every screen
//! does something there (or is declared to do nothing, with the reason),
//! and the README's key table lists exactly the main screen's keys.

use dossier::state::{Action, App, Key, Mode, Pane, action_for, update};
use dossier::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

mod sample;
use sample::sample_app as sample;

/// What the user can tell about the state: the whole frame, styles
/// included, and whether dossier is quitting.
fn seen(app: &App) -> (Buffer, bool) {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    (terminal.backend().buffer().clone(), app.quit)
}

fn applied(mut app: App, actions: &[Action]) -> App {
    for a in actions {
        update(&mut app, a.clone());
    }
    app
}

/// A screen to try keys on: how to open it, in the states worth trying
/// (a key counts as doing something if it does in any of them).
struct Place {
    name: &'static str,
    mode: Mode,
    states: Vec<Vec<Action>>,
}

fn place(name: &'static str, mode: Mode, open: &[Action], then: &[&[Action]]) -> Place {
    let mut states = vec![open.to_vec()];
    states.extend(then.iter().map(|more| [open, more].concat()));
    Place { name, mode, states }
}

/// Moves that put the Claims cursor of document `doc` on `id`.
fn to_claim(doc: usize, id: &str) -> Vec<Action> {
    let go = [Action::GotoDoc(doc), Action::Focus(Pane::Claims), Action::Top];
    let mut app = applied(sample(80, 14), &go);
    let c = app.corpus.claim_by_id(id).unwrap();
    for _ in 0..app.derived.claim_rows.len() {
        if app.view().claims.item == Some(c) {
            break;
        }
        update(&mut app, Action::Move(1));
    }
    assert_eq!(app.view().claims.item, Some(c), "{id} is not among document {doc}'s claims");
    let k = app.derived.claim_rows.iter().position(|&r| r == c).unwrap();
    [go.to_vec(), vec![Action::Move(k as i32)]].concat()
}

fn places() -> Vec<Place> {
    use Action::*;
    let chooser = [to_claim(1, "i-detention"), vec![FollowRelation]].concat();
    let comparison = [to_claim(0, "a-arrest"), vec![OpenCompare]].concat();
    vec![
        place(
            "the main screen",
            Mode::Normal,
            &[],
            &[
                &[Bottom],
                &[Focus(Pane::Entities)],
                &[Focus(Pane::Entities), Bottom],
                &[Focus(Pane::Claims), Move(1)],
                &[GotoDoc(1), Focus(Pane::Claims), Top, Move(1)],
                &[Focus(Pane::Entities), Activate],
                &[Focus(Pane::Entities), Activate, Next],
                &[StartSearch, Input('a'), Activate],
                &[Focus(Pane::Entities), Activate, OpenDossier, Back, GotoDoc(1)],
            ],
        ),
        place("the finder", Mode::Finder, &[OpenFinder], &[&[Input('a')], &[Input('a'), Input(' ')], &[Bottom]]),
        place("the search line", Mode::Search, &[StartSearch], &[&[Input('a')], &[Input('a'), Input(' ')]]),
        place("the document picker", Mode::Documents, &[OpenDocuments], &[&[Input('a')], &[Move(1)]]),
        place("the document prompt", Mode::Goto, &[OpenGoto], &[&[Input('r')]]),
        place("help", Mode::Popup, &[OpenHelp], &[&[Bottom]]),
        place(
            "the corpus search",
            Mode::CorpusSearch,
            &[OpenCorpusSearch],
            &[
                &[Input('a')],
                &[Input('a'), Input(' ')],
                &[InputText("kazakh".into())],
                &[InputText("kazakh".into()), Move(2)],
            ],
        ),
        place("the relation chooser", Mode::Popup, &chooser, &[&[Bottom]]),
        place("the dossier", Mode::View, &[Focus(Pane::Entities), Activate, OpenDossier], &[&[Bottom], &[Move(5)]]),
        place("the comparison", Mode::View, &comparison, &[&[FocusRight]]),
        place(
            "the overview",
            Mode::View,
            &[OpenOverview],
            &[&[Bottom], &[Move(4)], &[Move(5)], &[Move(6)], &[Move(7)]],
        ),
        place("the full detail", Mode::View, &[Focus(Pane::Claims), OpenDetail], &[&[Bottom], &[Move(4)]]),
        place("a list's filter", Mode::Filter, &[Focus(Pane::Entities), StartSearch], &[&[Input('a')]]),
        place("a view's filter", Mode::Filter, &[OpenOverview, StartSearch], &[&[Input('a')]]),
    ]
}

/// Keys that are bound in a mode but do nothing on one of its screens,
/// and why that is right.
const NO_OPS: &[(&str, Action, &str)] = &[
    ("the main screen", Action::Suspend, "handled at the terminal's edge before any screen sees it"),
    ("the dossier", Action::FocusLeft, "picking a side is the comparison's"),
    ("the dossier", Action::FocusRight, "picking a side is the comparison's"),
    ("the dossier", Action::OpenDossier, "it is the dossier already"),
    ("the overview", Action::FocusLeft, "picking a side is the comparison's"),
    ("the overview", Action::FocusRight, "picking a side is the comparison's"),
    ("the overview", Action::OpenCompare, "the overview's relations compare with Enter"),
    ("the comparison", Action::Move(1), "the comparison has no rows: both claims are shown whole"),
    ("the comparison", Action::Move(-1), "the comparison has no rows"),
    ("the comparison", Action::Page(1), "the comparison has no rows"),
    ("the comparison", Action::Page(-1), "the comparison has no rows"),
    ("the comparison", Action::Top, "the comparison has no rows"),
    ("the comparison", Action::Bottom, "the comparison has no rows"),
    ("the comparison", Action::OpenDossier, "a dossier opens from the overview's entities"),
    ("the comparison", Action::OpenCompare, "it is the comparison already"),
    ("the comparison", Action::TogglePin, "the comparison shows claims, not an entity to pin"),
    ("the comparison", Action::StartSearch, "the comparison has no rows to filter"),
    ("the relation chooser", Action::StartSearch, "a chooser's few relations need no filter"),
    ("the full detail", Action::FocusLeft, "picking a side is the comparison's"),
    ("the full detail", Action::FocusRight, "picking a side is the comparison's"),
];

#[test]
fn every_bound_key_does_something_where_it_is_bound() {
    let mut failures = Vec::new();
    let mut declared_used = vec![false; NO_OPS.len()];
    for place in places() {
        for binding in place.mode.bindings() {
            let key = binding.keys[0];
            let action = action_for(place.mode, &key).expect("a bound key has an action");
            let declared = NO_OPS.iter().position(|(p, a, _)| *p == place.name && *a == action);
            let mut did = false;
            for state in &place.states {
                let app = applied(sample(80, 14), state);
                assert_eq!(app.mode(), place.mode, "{} is not open after {state:?}", place.name);
                // Any action clears the status line's message: compared
                // with one that does nothing else (a resize to the same size).
                let unchanged =
                    applied(sample(80, 14), &[state.clone(), vec![Action::Resize { width: 80, height: 14 }]].concat());
                let after = applied(app, std::slice::from_ref(&action));
                did |= seen(&after) != seen(&unchanged);
            }
            if let Some(i) = declared {
                declared_used[i] = true;
            }
            match (did, declared) {
                (true, Some(_)) => failures
                    .push(format!("{key} ({action:?}) in {} is declared a no-op but does something", place.name)),
                (false, None) => failures.push(format!("{key} ({action:?}) does nothing in {}", place.name)),
                _ => {}
            }
        }
    }
    for (i, used) in declared_used.iter().enumerate() {
        if !used {
            failures.push(format!("{:?} in {} is declared a no-op but not bound there", NO_OPS[i].1, NO_OPS[i].0));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The keys written in backticks in `text` (a `0`–`9` stands for the digits).
fn keys_in(text: &str) -> Vec<Key> {
    let mut keys = Vec::new();
    for (i, token) in text.split('`').enumerate() {
        if i % 2 == 0 {
            continue;
        }
        match token.parse::<Key>() {
            Ok(key) if key == Key::char('0') && text.contains("`0`–`9`") => {
                keys.extend(('0'..='9').map(Key::char));
            }
            Ok(key) if key == Key::char('9') && text.contains("`0`–`9`") => {}
            Ok(key) => keys.push(key),
            Err(e) => panic!("README's keys: {e}"),
        }
    }
    keys
}

fn same_keys(what: &str, written: &[Key], bound: impl Iterator<Item = Key>) {
    let bound: Vec<Key> = bound.collect();
    let missing: Vec<String> = bound.iter().filter(|k| !written.contains(k)).map(Key::to_string).collect();
    let extra: Vec<String> = written.iter().filter(|k| !bound.contains(k)).map(Key::to_string).collect();
    assert!(missing.is_empty(), "{what}: bound but not in the README: {missing:?}");
    assert!(extra.is_empty(), "{what}: in the README but not bound: {extra:?}");
}

#[test]
fn the_readme_lists_the_keys_of_every_screen() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let keys = readme.split("### Keys").nth(1).expect("a Keys section").split("\n## ").next().unwrap();
    // The table: its first column is the main screen's keys.
    let table: Vec<Key> =
        keys.lines().filter(|l| l.starts_with("| `")).flat_map(|l| keys_in(l.split('|').nth(1).unwrap())).collect();
    same_keys("the main screen", &table, Mode::Normal.bindings().flat_map(|b| b.keys.iter().copied()));
    // A paragraph for each other mode.
    for (mode, opening) in [
        (Mode::Finder, "In the finder,"),
        (Mode::Search, "Typing a search:"),
        (Mode::Popup, "In help and the relation chooser:"),
        (Mode::View, "In the dossier, the comparison and the overview:"),
        (Mode::CorpusSearch, "In the corpus search,"),
        (Mode::Documents, "In the document picker"),
        (Mode::Goto, "Typing a document's number or id"),
        (Mode::Filter, "Typing a filter:"),
    ] {
        let paragraph =
            keys.split("\n\n").find(|p| p.starts_with(opening)).unwrap_or_else(|| panic!("no \"{opening}\""));
        same_keys(opening, &keys_in(paragraph), mode.bindings().flat_map(|b| b.keys.iter().copied()));
    }
}
