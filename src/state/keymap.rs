//! Keys to actions. One table per mode holds each key, its action and its
//! help text, so the help overlay lists exactly what the keys do.

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::action::Action;

/// A key as written in the table: a code and the modifiers that must be held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(code: KeyCode) -> Key {
    Key { code, mods: KeyModifiers::NONE }
}
const fn c(ch: char) -> Key {
    Key { code: KeyCode::Char(ch), mods: KeyModifiers::NONE }
}
const fn ctrl(ch: char) -> Key {
    Key { code: KeyCode::Char(ch), mods: KeyModifiers::CONTROL }
}

/// One line of the keymap.
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in help, e.g. `j ↓`.
    pub label: &'static str,
    pub action: Action,
    pub help: &'static str,
}

const fn b(keys: &'static [Key], label: &'static str, action: Action, help: &'static str) -> Binding {
    Binding { keys, label, action, help }
}

/// The main screen's keys, grouped for the help overlay.
pub const NORMAL: &[(&str, &[Binding])] = &[
    (
        "Move",
        &[
            b(&[c('j'), k(KeyCode::Down)], "j ↓", Action::Move(1), "scroll the text / next row of a list"),
            b(&[c('k'), k(KeyCode::Up)], "k ↑", Action::Move(-1), "scroll back / previous row"),
            b(&[k(KeyCode::PageDown), c(' ')], "PgDn Space", Action::Page(1), "page down"),
            b(&[k(KeyCode::PageUp)], "PgUp", Action::Page(-1), "page up"),
            b(&[ctrl('d')], "Ctrl-d", Action::HalfPage(1), "half a page down"),
            b(&[ctrl('u')], "Ctrl-u", Action::HalfPage(-1), "half a page up"),
            b(&[c('g'), k(KeyCode::Home)], "g Home", Action::Top, "to the top"),
            b(&[c('G'), k(KeyCode::End)], "G End", Action::Bottom, "to the bottom"),
        ],
    ),
    (
        "Panes and documents",
        &[
            b(&[k(KeyCode::Tab)], "Tab", Action::FocusNext, "focus the next pane"),
            b(&[k(KeyCode::BackTab)], "Shift-Tab", Action::FocusPrev, "focus the previous pane"),
            b(&[c('h'), k(KeyCode::Left)], "h ←", Action::FocusLeft, "focus the pane to the left"),
            b(&[c('l'), k(KeyCode::Right)], "l →", Action::FocusRight, "focus the pane to the right"),
            b(&[c(']')], "]", Action::NextDoc, "next document"),
            b(&[c('[')], "[", Action::PrevDoc, "previous document"),
            b(&[], "1-9", Action::GotoDoc(0), "go to document 1-9"),
        ],
    ),
    (
        "Entities and claims",
        &[
            b(&[ctrl('p'), c('f')], "Ctrl-p f", Action::OpenFinder, "find an entity by name or alias"),
            b(&[k(KeyCode::Enter)], "Enter", Action::Activate, "select the entity / go to the claim"),
            b(&[c('n')], "n", Action::Next, "next mention of the entity (or search match)"),
            b(&[c('N')], "N", Action::Prev, "previous mention (or search match)"),
            b(&[c('r')], "r", Action::FollowRelation, "follow the claim's relation to another claim"),
            b(&[c('c')], "c", Action::OpenCompare, "compare the claim with a related claim, side by side"),
            b(&[c('d')], "d", Action::OpenDossier, "the entity's dossier: every mention and claim"),
            b(&[c('O')], "O", Action::OpenOverview, "corpus overview: documents, shared entities, relations"),
            b(&[c('s')], "s", Action::ToggleScope, "list: this document / all documents"),
            b(&[c('o')], "o", Action::CycleSort, "entities: sort by count / by name"),
            b(&[c('t')], "t", Action::CycleKind, "entities: filter by kind (cycles)"),
            b(&[k(KeyCode::Esc)], "Esc", Action::Back, "clear the search, then the selection"),
        ],
    ),
    (
        "Jumps",
        &[
            b(&[ctrl('o')], "Ctrl-o", Action::JumpBack, "back to where the last jump left from"),
            b(&[ctrl('f')], "Ctrl-f", Action::JumpForward, "forward again"),
        ],
    ),
    (
        "Other",
        &[
            b(&[c('/')], "/", Action::StartSearch, "search the text of this document"),
            b(&[c('?')], "?", Action::OpenHelp, "this help"),
            b(&[c('q'), ctrl('c')], "q Ctrl-c", Action::Quit, "quit"),
            b(&[ctrl('z')], "Ctrl-z", Action::Suspend, "suspend (fg resumes)"),
        ],
    ),
];

/// Keys while the finder is open (other characters are typed into it).
pub const FINDER: &[Binding] = &[
    b(&[k(KeyCode::Down), ctrl('n'), ctrl('j')], "↓ Ctrl-n", Action::Move(1), "next entity"),
    b(&[k(KeyCode::Up), ctrl('p'), ctrl('k')], "↑ Ctrl-p", Action::Move(-1), "previous entity"),
    b(&[k(KeyCode::PageDown)], "PgDn", Action::Page(1), "page down"),
    b(&[k(KeyCode::PageUp)], "PgUp", Action::Page(-1), "page up"),
    b(&[k(KeyCode::Enter)], "Enter", Action::Activate, "select it and show its first mention"),
    b(&[ctrl('d')], "Ctrl-d", Action::OpenDossier, "its dossier: every mention and claim"),
    b(&[k(KeyCode::Backspace)], "Backspace", Action::DeleteChar, "delete a character"),
    b(&[ctrl('w')], "Ctrl-w", Action::DeleteWord, "delete a word"),
    b(&[ctrl('u')], "Ctrl-u", Action::ClearInput, "clear"),
    b(&[k(KeyCode::Esc)], "Esc", Action::Back, "close"),
    b(&[ctrl('c')], "Ctrl-c", Action::Quit, "quit"),
];

/// Keys while typing a search (other characters are typed into it).
pub const SEARCH: &[Binding] = &[
    b(&[k(KeyCode::Enter)], "Enter", Action::Activate, "search; then n/N step through the matches"),
    b(&[k(KeyCode::Backspace)], "Backspace", Action::DeleteChar, "delete a character"),
    b(&[ctrl('w')], "Ctrl-w", Action::DeleteWord, "delete a word"),
    b(&[ctrl('u')], "Ctrl-u", Action::ClearInput, "clear"),
    b(&[k(KeyCode::Esc)], "Esc", Action::Back, "cancel"),
    b(&[ctrl('c')], "Ctrl-c", Action::Quit, "quit"),
];

/// Keys in the help overlay and the relation chooser.
pub const OVERLAY: &[Binding] = &[
    b(&[c('j'), k(KeyCode::Down)], "j ↓", Action::Move(1), "down"),
    b(&[c('k'), k(KeyCode::Up)], "k ↑", Action::Move(-1), "up"),
    b(&[k(KeyCode::PageDown), c(' ')], "PgDn", Action::Page(1), "page down"),
    b(&[k(KeyCode::PageUp)], "PgUp", Action::Page(-1), "page up"),
    b(&[c('g'), k(KeyCode::Home)], "g", Action::Top, "top"),
    b(&[c('G'), k(KeyCode::End)], "G", Action::Bottom, "bottom"),
    b(&[k(KeyCode::Enter)], "Enter", Action::Activate, "choose"),
    b(&[k(KeyCode::Esc), c('q'), c('?')], "Esc q", Action::Back, "close"),
    b(&[ctrl('c')], "Ctrl-c", Action::Quit, "quit"),
];

/// Keys in the full views: the dossier, the comparison, the overview.
pub const VIEW: &[Binding] = &[
    b(&[c('j'), k(KeyCode::Down)], "j ↓", Action::Move(1), "next row"),
    b(&[c('k'), k(KeyCode::Up)], "k ↑", Action::Move(-1), "previous row"),
    b(&[k(KeyCode::PageDown), c(' ')], "PgDn Space", Action::Page(1), "page down"),
    b(&[k(KeyCode::PageUp)], "PgUp", Action::Page(-1), "page up"),
    b(&[c('g'), k(KeyCode::Home)], "g Home", Action::Top, "top"),
    b(&[c('G'), k(KeyCode::End)], "G End", Action::Bottom, "bottom"),
    b(&[c('h'), k(KeyCode::Left)], "h ←", Action::FocusLeft, "comparison: the left claim"),
    b(&[c('l'), k(KeyCode::Right)], "l →", Action::FocusRight, "comparison: the right claim"),
    b(&[k(KeyCode::Enter)], "Enter", Action::Activate, "go there: the mention, the claim, the document"),
    b(&[c('d')], "d", Action::OpenDossier, "overview: the dossier of the entity under the cursor"),
    b(&[c('c')], "c", Action::OpenCompare, "dossier: compare the claims of the relation (→) under the cursor"),
    b(&[k(KeyCode::Esc), c('q')], "Esc q", Action::Back, "close"),
    b(&[ctrl('c')], "Ctrl-c", Action::Quit, "quit"),
];

/// Which table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Finder,
    Search,
    Overlay,
    /// A full view: the dossier, the comparison, the overview.
    View,
}

fn matches(key: &Key, event: &KeyEvent) -> bool {
    // Shift is implied by an upper-case character or BackTab; compare the rest.
    let mods = event.modifiers - KeyModifiers::SHIFT;
    let want = key.mods - KeyModifiers::SHIFT;
    key.code == event.code && mods == want
}

fn lookup(table: &[Binding], event: &KeyEvent) -> Option<Action> {
    table.iter().find(|b| b.keys.iter().any(|k| matches(k, event))).map(|b| b.action.clone())
}

/// The action for a key press in a mode, if any.
pub fn action_for(mode: Mode, event: &KeyEvent) -> Option<Action> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let typed = |event: &KeyEvent| match event.code {
        KeyCode::Char(ch) if !event.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            Some(Action::Input(ch))
        }
        _ => None,
    };
    match mode {
        Mode::Normal => {
            if let KeyCode::Char(d @ '1'..='9') = event.code {
                if event.modifiers.is_empty() {
                    return Some(Action::GotoDoc(d as usize - '1' as usize));
                }
            }
            NORMAL.iter().find_map(|(_, table)| lookup(table, event))
        }
        Mode::Finder => lookup(FINDER, event).or_else(|| typed(event)),
        Mode::Search => lookup(SEARCH, event).or_else(|| typed(event)),
        Mode::Overlay => lookup(OVERLAY, event),
        Mode::View => lookup(VIEW, event),
    }
}

/// One line of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Key {
        label: &'static str,
        help: &'static str,
    },
    Text(&'static str),
    /// A colour sample for an entity kind.
    Legend(crate::data::model::EntityKind),
    Blank,
}

/// The help overlay's content: every key of every mode, the mouse, the colours.
pub fn help_lines() -> Vec<HelpLine> {
    let mut lines = Vec::new();
    let keys = |lines: &mut Vec<HelpLine>, heading, table: &[Binding]| {
        lines.push(HelpLine::Heading(heading));
        lines.extend(table.iter().map(|b| HelpLine::Key { label: b.label, help: b.help }));
        lines.push(HelpLine::Blank);
    };
    for (heading, table) in NORMAL {
        keys(&mut lines, heading, table);
    }
    keys(&mut lines, "In the finder (type to filter)", FINDER);
    keys(&mut lines, "Typing a search", SEARCH);
    keys(&mut lines, "In help and the relation chooser", OVERLAY);
    keys(&mut lines, "In the dossier, the comparison and the overview", VIEW);
    lines.push(HelpLine::Heading("Mouse"));
    lines.extend(
        [
            "click a pane to focus it; click a row to select it",
            "click a mention in the text to select its entity",
            "click a document's tab in the top line to open it",
            "the wheel scrolls the pane under the pointer",
            "in the dossier and overview a click moves the cursor; in the comparison, picks a side",
        ]
        .map(HelpLine::Text),
    );
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Heading("Colours of mentions, by kind"));
    lines.extend(crate::data::model::EntityKind::KNOWN.iter().cloned().map(HelpLine::Legend));
    lines.extend(
        [
            "the selected entity's mentions are shown inverted",
            "the marked claim is underlined, with a bar in the left margin",
            "a thin bar in the margin: a claim on that line",
            "search matches are highlighted; NO_COLOR=1 shows all this without colour",
            "in the text's scrollbar: ◆ the selected entity's mentions, ● search matches",
        ]
        .map(HelpLine::Text),
    );
    lines
}

pub fn help_line_count() -> usize {
    help_lines().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn normal_keys_map_to_actions() {
        let a = |code, mods| action_for(Mode::Normal, &key(code, mods));
        assert_eq!(a(KeyCode::Char('j'), KeyModifiers::NONE), Some(Action::Move(1)));
        assert_eq!(a(KeyCode::Char('G'), KeyModifiers::SHIFT), Some(Action::Bottom));
        assert_eq!(a(KeyCode::Char('N'), KeyModifiers::SHIFT), Some(Action::Prev));
        assert_eq!(a(KeyCode::Char('p'), KeyModifiers::CONTROL), Some(Action::OpenFinder));
        assert_eq!(a(KeyCode::Char('c'), KeyModifiers::CONTROL), Some(Action::Quit));
        assert_eq!(a(KeyCode::BackTab, KeyModifiers::SHIFT), Some(Action::FocusPrev));
        assert_eq!(a(KeyCode::Char('3'), KeyModifiers::NONE), Some(Action::GotoDoc(2)));
        assert_eq!(a(KeyCode::Char('x'), KeyModifiers::NONE), None);
    }

    #[test]
    fn typing_in_the_finder_is_input_not_commands() {
        let a = |code, mods| action_for(Mode::Finder, &key(code, mods));
        assert_eq!(a(KeyCode::Char('q'), KeyModifiers::NONE), Some(Action::Input('q')));
        assert_eq!(a(KeyCode::Char('Т'), KeyModifiers::SHIFT), Some(Action::Input('Т')));
        assert_eq!(a(KeyCode::Char('j'), KeyModifiers::NONE), Some(Action::Input('j')));
        assert_eq!(a(KeyCode::Down, KeyModifiers::NONE), Some(Action::Move(1)));
        assert_eq!(a(KeyCode::Char('c'), KeyModifiers::CONTROL), Some(Action::Quit));
        assert_eq!(a(KeyCode::Esc, KeyModifiers::NONE), Some(Action::Back));
    }

    #[test]
    fn help_lists_every_key_of_every_mode() {
        let lines = help_lines();
        let labels: Vec<&str> = lines
            .iter()
            .filter_map(|l| match l {
                HelpLine::Key { label, .. } => Some(*label),
                _ => None,
            })
            .collect();
        for b in NORMAL.iter().flat_map(|(_, t)| t.iter()).chain(FINDER).chain(SEARCH).chain(OVERLAY).chain(VIEW) {
            assert!(labels.contains(&b.label), "{} is missing from help", b.label);
        }
        assert_eq!(help_line_count(), lines.len());
    }

    #[test]
    fn every_binding_has_help_and_a_label() {
        for (_, table) in NORMAL {
            for b in *table {
                assert!(!b.help.is_empty() && !b.label.is_empty());
            }
        }
    }
}
