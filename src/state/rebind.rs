//! The main screen's keys as the user rebound them (the config file's
//! `[keys]`): each rebindable action by name, and the keys given to it in
//! place of the keymap's. [`super::keymap`] asks here before its own
//! tables, so help, hints and the keys themselves all follow a rebinding.
//!
//! The rebinding is the thread's: the explorer reads keys, draws and
//! writes hints on one thread, and each test gets a thread, and so a
//! keymap, of its own.

use std::cell::RefCell;

use super::action::Action;
use super::keymap::{Mode, NORMAL};
use super::keys::Key;

/// The actions a config file can rebind, by the names it gives them: the
/// main screen's (the count's digits aside).
pub const ACTIONS: &[(&str, Action)] = &[
    ("down", Action::Move(1)),
    ("up", Action::Move(-1)),
    ("page-down", Action::Page(1)),
    ("page-up", Action::Page(-1)),
    ("half-page-down", Action::HalfPage(1)),
    ("half-page-up", Action::HalfPage(-1)),
    ("top", Action::Top),
    ("bottom", Action::Bottom),
    ("next-pane", Action::FocusNext),
    ("previous-pane", Action::FocusPrev),
    ("left-pane", Action::FocusLeft),
    ("right-pane", Action::FocusRight),
    ("next-document", Action::NextDoc),
    ("previous-document", Action::PrevDoc),
    ("go-to-document", Action::OpenGoto),
    ("documents", Action::OpenDocuments),
    ("finder", Action::OpenFinder),
    ("activate", Action::Activate),
    ("next", Action::Next),
    ("previous", Action::Prev),
    ("follow-relation", Action::FollowRelation),
    ("compare", Action::OpenCompare),
    ("dossier", Action::OpenDossier),
    ("detail", Action::OpenDetail),
    ("overview", Action::OpenOverview),
    ("scope", Action::ToggleScope),
    ("sort", Action::CycleSort),
    ("kind", Action::CycleKind),
    ("claimant", Action::FilterClaimant),
    ("related", Action::CycleRelated),
    ("clear-claim-filters", Action::ClearClaimFilters),
    ("pin", Action::TogglePin),
    ("copy", Action::Copy),
    ("back", Action::Back),
    ("jump-back", Action::JumpBack),
    ("jump-forward", Action::JumpForward),
    ("search", Action::StartSearch),
    ("corpus-search", Action::OpenCorpusSearch),
    ("help", Action::OpenHelp),
    ("quit", Action::Quit),
    ("suspend", Action::Suspend),
];

/// The action a config file names.
pub fn action_named(name: &str) -> Option<&'static Action> {
    ACTIONS.iter().find(|(n, _)| *n == name).map(|(_, a)| a)
}

/// The name a config file gives an action.
pub fn name_of(action: &Action) -> Option<&'static str> {
    ACTIONS.iter().find(|(_, a)| a == action).map(|(n, _)| *n)
}

/// The keymap's own keys for an action of the main screen.
pub fn default_keys(action: &Action) -> &'static [Key] {
    NORMAL.iter().flat_map(|(_, table)| table.iter()).find(|b| b.action == *action).map_or(&[], |b| b.keys)
}

thread_local! {
    static REBOUND: RefCell<Vec<(Action, &'static [Key])>> = const { RefCell::new(Vec::new()) };
}

/// Makes `rebinds` the main screen's keys for their actions (replacing any
/// rebinding before). Each list of keys lives as long as the process: a
/// keymap is installed once, at start.
pub fn install(rebinds: &[(Action, Vec<Key>)]) {
    let leaked: Vec<(Action, &'static [Key])> =
        rebinds.iter().map(|(action, keys)| (action.clone(), &*Vec::leak(keys.clone()))).collect();
    REBOUND.with(|r| *r.borrow_mut() = leaked);
}

/// Back to the keymap's own keys.
pub fn clear() {
    REBOUND.with(|r| r.borrow_mut().clear());
}

/// The keys `action` was rebound to in `mode`, if it was.
pub fn keys(mode: Mode, action: &Action) -> Option<&'static [Key]> {
    if mode != Mode::Normal {
        return None;
    }
    REBOUND.with(|r| r.borrow().iter().find(|(a, _)| a == action).map(|(_, keys)| *keys))
}

/// The first key that `rebinds` would leave bound to two actions of the
/// main screen, with the names (or help) of both.
pub fn clash(rebinds: &[(Action, Vec<Key>)]) -> Option<(Key, String, String)> {
    let keys_of = |action: &Action| -> Vec<Key> {
        match rebinds.iter().find(|(a, _)| a == action) {
            Some((_, keys)) => keys.clone(),
            None => default_keys(action).to_vec(),
        }
    };
    let named = |action: &Action| name_of(action).map_or_else(|| format!("{action:?}"), str::to_string);
    let mut seen: Vec<(Key, &Action)> = Vec::new();
    let mut actions: Vec<&Action> = Vec::new();
    for binding in NORMAL.iter().flat_map(|(_, table)| table.iter()) {
        // An action bound twice (two lines of help) is rebound once.
        if actions.contains(&&binding.action) {
            continue;
        }
        actions.push(&binding.action);
        for key in keys_of(&binding.action) {
            if let Some((_, other)) = seen.iter().find(|(k, _)| *k == key) {
                return Some((key, named(other), named(&binding.action)));
            }
            seen.push((key, &binding.action));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::keymap::action_for;

    #[test]
    fn every_name_is_an_action_of_the_main_screen_and_every_action_has_a_name() {
        for (name, action) in ACTIONS {
            assert!(!default_keys(action).is_empty(), "{name} is bound to nothing on the main screen");
        }
        for binding in NORMAL.iter().flat_map(|(_, table)| table.iter()) {
            if !matches!(binding.action, Action::Count(_)) {
                assert!(name_of(&binding.action).is_some(), "{:?} has no name for the config", binding.action);
            }
        }
    }

    #[test]
    fn a_rebound_key_acts_and_the_old_one_no_longer_does() {
        let finder = Action::OpenFinder;
        install(&[(finder.clone(), vec![Key::char('e'), Key::ctrl('e')])]);
        assert_eq!(action_for(Mode::Normal, &Key::char('e')), Some(finder.clone()));
        assert_eq!(action_for(Mode::Normal, &Key::ctrl('e')), Some(finder.clone()));
        assert_eq!(action_for(Mode::Normal, &Key::char('f')), None);
        assert_eq!(Mode::Normal.key(&finder), "e");
        // Other modes keep their keys.
        assert_eq!(action_for(Mode::Finder, &Key::char('e')), Some(Action::Input('e')));
        clear();
        assert_eq!(action_for(Mode::Normal, &Key::char('f')), Some(finder));
    }

    #[test]
    fn a_key_left_on_two_actions_is_a_clash() {
        assert_eq!(clash(&[]), None);
        let (key, first, second) = clash(&[(Action::OpenFinder, vec![Key::char('F')])]).expect("a clash");
        assert_eq!((key, first.as_str(), second.as_str()), (Key::char('F'), "finder", "corpus-search"));
        // Moving the other action away resolves it.
        let both = [(Action::OpenFinder, vec![Key::char('F')]), (Action::OpenCorpusSearch, vec![Key::ctrl('/')])];
        assert_eq!(clash(&both), None);
    }
}
