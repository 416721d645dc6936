//! Keys to actions. One table per mode holds each binding's keys, its
//! action and its help text. Everything that names a key asks here: help
//! writes each binding's label from its keys, and hints and messages name
//! the key of an action in a mode ([`Mode::key`]), so what the screen says
//! is what the keys do.

use super::action::Action;
use super::keys::{Key, KeyCode, written};

const fn k(code: KeyCode) -> Key {
    Key::plain(code)
}
const fn c(ch: char) -> Key {
    Key::char(ch)
}
const fn ctrl(ch: char) -> Key {
    Key::ctrl(ch)
}

/// One line of the keymap: the keys, what they do, and how help says it.
/// How the keys are written is computed from them (see [`Binding::label`]).
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    pub help: &'static str,
}

const fn b(keys: &'static [Key], action: Action, help: &'static str) -> Binding {
    Binding { keys, action, help }
}

/// The digits that make a count (bound to [`Action::Count`], the digit
/// choosing which).
const DIGITS: &[Key] = &[c('0'), c('1'), c('2'), c('3'), c('4'), c('5'), c('6'), c('7'), c('8'), c('9')];

impl Binding {
    /// How help writes the keys: `j ↓`, or `0-9` for the digits.
    pub fn label(&self) -> String {
        if self.keys == DIGITS { "0-9".to_string() } else { written(self.keys) }
    }

    /// The keys that do it in `mode`: the binding's own, or those the
    /// config file gave its action ([`super::rebind`]).
    pub fn keys_in(&self, mode: Mode) -> &'static [Key] {
        super::rebind::keys(mode, &self.action).unwrap_or(self.keys)
    }

    /// [`Binding::label`] for the keys of `mode`.
    pub fn label_in(&self, mode: Mode) -> String {
        let keys = self.keys_in(mode);
        if keys == DIGITS { "0-9".to_string() } else { written(keys) }
    }

    /// The action `key` (one of this binding's) stands for.
    fn action_of(&self, key: &Key) -> Action {
        match (&self.action, key.code) {
            (Action::Count(_), KeyCode::Char(d @ '0'..='9')) => Action::Count(d as u8 - b'0'),
            (action, _) => action.clone(),
        }
    }
}

/// The main screen's keys, grouped for help.
pub const NORMAL: &[(&str, &[Binding])] = &[
    (
        "Move",
        &[
            b(&[c('j'), k(KeyCode::Down)], Action::Move(1), "scroll the text / next row of a list"),
            b(&[c('k'), k(KeyCode::Up)], Action::Move(-1), "scroll back / previous row"),
            b(&[k(KeyCode::PageDown), c(' '), ctrl('f')], Action::Page(1), "page down"),
            b(&[k(KeyCode::PageUp), ctrl('b')], Action::Page(-1), "page up"),
            b(&[ctrl('d')], Action::HalfPage(1), "half a page down"),
            b(&[ctrl('u')], Action::HalfPage(-1), "half a page up"),
            b(&[c('g'), k(KeyCode::Home)], Action::Top, "to the top"),
            b(&[c('G'), k(KeyCode::End)], Action::Bottom, "to the bottom"),
        ],
    ),
    (
        "Panes and documents",
        &[
            b(&[k(KeyCode::Tab)], Action::FocusNext, "focus the next pane"),
            b(&[k(KeyCode::BackTab)], Action::FocusPrev, "focus the previous pane"),
            b(&[c('h'), k(KeyCode::Left)], Action::FocusLeft, "focus the pane to the left"),
            b(&[c('l'), k(KeyCode::Right)], Action::FocusRight, "focus the pane to the right"),
            b(&[c(']')], Action::NextDoc, "next document"),
            b(&[c('[')], Action::PrevDoc, "previous document"),
            b(DIGITS, Action::Count(0), "a count: 12] moves 12 documents, 12 Enter goes to document 12"),
            b(&[c(':')], Action::OpenGoto, "go to a document by its number or id (Tab completes ids)"),
            b(&[c('D')], Action::OpenDocuments, "pick a document: search titles, ids, sources, authors, dates"),
        ],
    ),
    (
        "Entities and claims",
        &[
            b(&[c('f'), ctrl('p')], Action::OpenFinder, "find an entity by name or alias"),
            b(&[k(KeyCode::Enter)], Action::Activate, "select the entity / go to the claim"),
            b(&[c('n')], Action::Next, "next mention of the entity (or search match)"),
            b(&[c('N')], Action::Prev, "previous mention (or search match)"),
            b(&[c('r')], Action::FollowRelation, "follow the claim's relation to another claim"),
            b(&[c('c')], Action::OpenCompare, "compare the claim with a related claim, side by side"),
            b(&[c('d')], Action::OpenDossier, "the entity's dossier: every mention and claim"),
            b(&[c('K')], Action::OpenDetail, "the full detail of the entity or claim: every relation and note"),
            b(&[c('O')], Action::OpenOverview, "corpus overview: documents, shared entities, relations"),
            b(&[c('s')], Action::ToggleScope, "list: this document / all documents"),
            b(&[c('o')], Action::CycleSort, "entities: sort by count / by name"),
            b(&[c('t')], Action::CycleKind, "filter by kind (cycles): entities, or claims in the Claims pane"),
            b(&[c('b')], Action::FilterClaimant, "claims: only the claimant's under the cursor (again: all)"),
            b(&[c('x')], Action::CycleRelated, "claims: all / related only / contradicted only"),
            b(&[c('C')], Action::ClearClaimFilters, "claims: clear the filters (kind, claimant, relations)"),
            b(&[c('p')], Action::TogglePin, "pin the entity: lists show only documents naming every pin"),
            b(&[k(KeyCode::Esc)], Action::Back, "clear the search, the selection, the mark, then the pins"),
        ],
    ),
    (
        "Jumps",
        &[
            b(&[ctrl('o')], Action::JumpBack, "back to where the last jump left from"),
            b(&[ctrl('i'), ctrl('g')], Action::JumpForward, "forward again (Ctrl-g where Ctrl-i is Tab)"),
        ],
    ),
    (
        "Other",
        &[
            b(&[c('/')], Action::StartSearch, "search the text of this document (in a list: filter it)"),
            b(&[c('F'), ctrl('/')], Action::OpenCorpusSearch, "search the text of every document"),
            b(&[c('y')], Action::Copy, "copy the quote (the claim or the mention) with its citation"),
            b(&[c('?')], Action::OpenHelp, "this help"),
            b(&[c('q'), ctrl('c')], Action::Quit, "quit"),
            b(&[ctrl('z')], Action::Suspend, "suspend (fg resumes)"),
        ],
    ),
];

/// Keys while the finder is open (other characters are typed into it).
pub const FINDER: &[Binding] = &[
    b(&[k(KeyCode::Down), ctrl('n'), ctrl('j')], Action::Move(1), "next entity"),
    b(&[k(KeyCode::Up), ctrl('p'), ctrl('k')], Action::Move(-1), "previous entity"),
    b(&[k(KeyCode::PageDown), ctrl('f')], Action::Page(1), "page down"),
    b(&[k(KeyCode::PageUp), ctrl('b')], Action::Page(-1), "page up"),
    b(&[k(KeyCode::Enter)], Action::Activate, "select it and show its first mention"),
    b(&[ctrl('d')], Action::OpenDossier, "its dossier: every mention and claim"),
    b(&[ctrl('t')], Action::TogglePin, "pin it (or unpin it), staying in the finder"),
    b(&[k(KeyCode::Backspace)], Action::DeleteChar, "delete a character"),
    b(&[ctrl('w')], Action::DeleteWord, "delete a word"),
    b(&[ctrl('u')], Action::ClearInput, "clear"),
    b(&[k(KeyCode::Esc)], Action::Back, "close"),
    b(&[ctrl('c')], Action::Quit, "quit"),
];

/// Keys in the document picker (other characters are typed into it).
pub const DOCUMENTS: &[Binding] = &[
    b(&[k(KeyCode::Down), ctrl('n'), ctrl('j')], Action::Move(1), "next document"),
    b(&[k(KeyCode::Up), ctrl('p'), ctrl('k')], Action::Move(-1), "previous document"),
    b(&[k(KeyCode::PageDown), ctrl('f')], Action::Page(1), "page down"),
    b(&[k(KeyCode::PageUp), ctrl('b')], Action::Page(-1), "page up"),
    b(&[k(KeyCode::Home)], Action::Top, "the first row"),
    b(&[k(KeyCode::End)], Action::Bottom, "the last row"),
    b(&[k(KeyCode::Enter)], Action::Activate, "open the document"),
    b(&[ctrl('s')], Action::CycleSort, "sort: best match, corpus order, date, mentions of the selected entity"),
    b(&[k(KeyCode::Backspace)], Action::DeleteChar, "delete a character"),
    b(&[ctrl('w')], Action::DeleteWord, "delete a word"),
    b(&[ctrl('u')], Action::ClearInput, "clear"),
    b(&[k(KeyCode::Esc)], Action::Back, "close"),
    b(&[ctrl('c')], Action::Quit, "quit"),
];

/// Keys in the `:` prompt (other characters are typed into it).
pub const GOTO: &[Binding] = &[
    b(&[k(KeyCode::Enter)], Action::Activate, "go to the document of that number or id"),
    b(&[k(KeyCode::Tab)], Action::Complete, "complete the id (again: the next id that fits)"),
    b(&[k(KeyCode::Backspace)], Action::DeleteChar, "delete a character"),
    b(&[ctrl('w')], Action::DeleteWord, "delete a word"),
    b(&[ctrl('u')], Action::ClearInput, "clear"),
    b(&[k(KeyCode::Esc)], Action::Back, "cancel"),
    b(&[ctrl('c')], Action::Quit, "quit"),
];

/// Keys while typing a search (other characters are typed into it).
pub const SEARCH: &[Binding] = &[
    b(&[k(KeyCode::Enter)], Action::Activate, "search; then n/N step through the matches"),
    b(&[k(KeyCode::Backspace)], Action::DeleteChar, "delete a character"),
    b(&[ctrl('w')], Action::DeleteWord, "delete a word"),
    b(&[ctrl('u')], Action::ClearInput, "clear"),
    b(&[k(KeyCode::Esc)], Action::Back, "cancel"),
    b(&[ctrl('c')], Action::Quit, "quit"),
];

/// Keys in the corpus search (other characters are typed into it).
pub const CORPUS_SEARCH: &[Binding] = &[
    b(&[k(KeyCode::Down), ctrl('n'), ctrl('j')], Action::Move(1), "next row"),
    b(&[k(KeyCode::Up), ctrl('p'), ctrl('k')], Action::Move(-1), "previous row"),
    b(&[k(KeyCode::PageDown), ctrl('f')], Action::Page(1), "page down"),
    b(&[k(KeyCode::PageUp), ctrl('b')], Action::Page(-1), "page up"),
    b(&[k(KeyCode::Tab)], Action::FocusNext, "the next document's hits"),
    b(&[k(KeyCode::BackTab)], Action::FocusPrev, "the previous document's hits"),
    b(&[k(KeyCode::Enter)], Action::Activate, "go to the hit; then n/N step through the hits of every document"),
    b(&[ctrl('r')], Action::ToggleRegex, "a literal / a regular expression"),
    b(&[k(KeyCode::Backspace)], Action::DeleteChar, "delete a character"),
    b(&[ctrl('w')], Action::DeleteWord, "delete a word"),
    b(&[ctrl('u')], Action::ClearInput, "clear"),
    b(&[k(KeyCode::Esc)], Action::Back, "close (F opens it again as it was)"),
    b(&[ctrl('c')], Action::Quit, "quit"),
];

/// Keys while typing a list's filter (other characters are typed into it).
pub const FILTER: &[Binding] = &[
    b(&[k(KeyCode::Enter)], Action::Activate, "keep the filter, back to the list"),
    b(&[k(KeyCode::Backspace)], Action::DeleteChar, "delete a character"),
    b(&[ctrl('w')], Action::DeleteWord, "delete a word"),
    b(&[ctrl('u')], Action::ClearInput, "clear"),
    b(&[k(KeyCode::Esc)], Action::Back, "clear the filter"),
    b(&[ctrl('c')], Action::Quit, "quit"),
];

/// Keys in the popups: help and the relation chooser.
pub const POPUP: &[Binding] = &[
    b(&[c('j'), k(KeyCode::Down)], Action::Move(1), "down"),
    b(&[c('k'), k(KeyCode::Up)], Action::Move(-1), "up"),
    b(&[k(KeyCode::PageDown), c(' '), ctrl('f')], Action::Page(1), "page down"),
    b(&[k(KeyCode::PageUp), ctrl('b')], Action::Page(-1), "page up"),
    b(&[c('g'), k(KeyCode::Home)], Action::Top, "top"),
    b(&[c('G'), k(KeyCode::End)], Action::Bottom, "bottom"),
    b(&[k(KeyCode::Enter)], Action::Activate, "choose"),
    b(&[c('/')], Action::StartSearch, "help: filter the lines by text"),
    b(&[k(KeyCode::Esc), c('q'), c('?')], Action::Back, "close"),
    b(&[ctrl('c')], Action::Quit, "quit"),
];

/// Keys in the full views: the dossier, the comparison, the overview.
pub const VIEW: &[Binding] = &[
    b(&[c('j'), k(KeyCode::Down)], Action::Move(1), "next row"),
    b(&[c('k'), k(KeyCode::Up)], Action::Move(-1), "previous row"),
    b(&[k(KeyCode::PageDown), c(' '), ctrl('f')], Action::Page(1), "page down"),
    b(&[k(KeyCode::PageUp), ctrl('b')], Action::Page(-1), "page up"),
    b(&[c('g'), k(KeyCode::Home)], Action::Top, "top"),
    b(&[c('G'), k(KeyCode::End)], Action::Bottom, "bottom"),
    b(&[c('h'), k(KeyCode::Left)], Action::FocusLeft, "comparison: the left claim"),
    b(&[c('l'), k(KeyCode::Right)], Action::FocusRight, "comparison: the right claim"),
    b(&[k(KeyCode::Enter)], Action::Activate, "go there: the mention, the claim, the document"),
    b(&[c('d')], Action::OpenDossier, "overview: the dossier of the entity under the cursor"),
    b(&[c('c')], Action::OpenCompare, "dossier: compare the claims of the relation (→) under the cursor"),
    b(&[c('p')], Action::TogglePin, "dossier, overview, full detail: pin the entity (on a named-with row: that one)"),
    b(&[c('/')], Action::StartSearch, "filter the rows by text (Esc clears the filter)"),
    b(&[c('y')], Action::Copy, "copy the quote under the cursor with its citation"),
    b(&[c('e')], Action::Export, "dossier, comparison: write it to a Markdown file"),
    b(&[k(KeyCode::Esc), c('q')], Action::Back, "close"),
    b(&[ctrl('c')], Action::Quit, "quit"),
];

/// Which table applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Normal,
    Finder,
    Search,
    /// Help, the relation chooser.
    Popup,
    /// A full view: the dossier, the comparison, the overview.
    View,
    /// The corpus-wide search.
    CorpusSearch,
    /// The document picker.
    Documents,
    /// The `:` prompt.
    Goto,
    /// Typing a list's filter.
    Filter,
}

impl Mode {
    pub const ALL: [Mode; 9] = [
        Mode::Normal,
        Mode::Finder,
        Mode::Search,
        Mode::Popup,
        Mode::View,
        Mode::CorpusSearch,
        Mode::Documents,
        Mode::Goto,
        Mode::Filter,
    ];

    /// The mode's bindings under their headings in help.
    pub fn groups(self) -> &'static [(&'static str, &'static [Binding])] {
        match self {
            Mode::Normal => NORMAL,
            Mode::Finder => &[("In the finder (type to filter; other spellings and typos forgiven)", FINDER)],
            Mode::Search => &[("Typing a search", SEARCH)],
            Mode::Popup => &[("In help and the relation chooser", POPUP)],
            Mode::View => &[("In the dossier, the comparison and the overview", VIEW)],
            Mode::CorpusSearch => &[("In the corpus search (type to search)", CORPUS_SEARCH)],
            Mode::Documents => &[("In the document picker (type to filter)", DOCUMENTS)],
            Mode::Goto => &[("Typing a document's number or id (:)", GOTO)],
            Mode::Filter => &[("Typing a list's filter", FILTER)],
        }
    }

    /// Every binding of the mode.
    pub fn bindings(self) -> impl Iterator<Item = &'static Binding> {
        self.groups().iter().flat_map(|(_, table)| table.iter())
    }

    /// Whether keys that bind nothing are typed (into the finder or the search line).
    pub fn types(self) -> bool {
        matches!(self, Mode::Finder | Mode::Search | Mode::CorpusSearch | Mode::Documents | Mode::Goto | Mode::Filter)
    }

    /// The keys bound to `action` in this mode (none when it is not bound).
    pub fn keys_for(self, action: &Action) -> &'static [Key] {
        self.bindings().find(|b| b.action == *action).map_or(&[], |b| b.keys_in(self))
    }

    /// How hints and messages name the key for `action`: its binding's
    /// first key, e.g. `f` for the finder, `Esc` for closing.
    pub fn key(self, action: &Action) -> String {
        self.keys_for(action).first().map(Key::to_string).unwrap_or_default()
    }
}

/// The action for a key press in a mode, if any.
pub fn action_for(mode: Mode, key: &Key) -> Option<Action> {
    match mode.bindings().find(|b| b.keys_in(mode).contains(key)) {
        Some(binding) => Some(binding.action_of(key)),
        None if mode.types() => key.typed().map(Action::Input),
        None => None,
    }
}

/// One line of help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    Heading(&'static str),
    Key {
        label: String,
        help: &'static str,
    },
    Text(&'static str),
    /// A colour sample for an entity kind.
    Legend(crate::data::model::EntityKind),
    /// A claim kind's tag, name and meaning.
    ClaimLegend(crate::data::model::ClaimKind),
    Blank,
}

/// Help's content: every key of every mode, the mouse, the colours.
pub fn help_lines() -> Vec<HelpLine> {
    let mut lines = Vec::new();
    for (mode, (heading, table)) in Mode::ALL.iter().flat_map(|&m| m.groups().iter().map(move |g| (m, g))) {
        lines.push(HelpLine::Heading(heading));
        lines.extend(table.iter().map(|b| HelpLine::Key { label: b.label_in(mode), help: b.help }));
        lines.push(HelpLine::Blank);
    }
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
    lines.push(HelpLine::Heading("Kinds of claims, as the Claims pane tags them"));
    lines.extend(crate::data::model::ClaimKind::ALL.into_iter().map(HelpLine::ClaimLegend));
    lines.push(HelpLine::Blank);
    lines.push(HelpLine::Heading("Colours of mentions, by kind"));
    lines.extend(crate::data::model::EntityKind::KNOWN.iter().cloned().map(HelpLine::Legend));
    lines.extend(
        [
            "the selected entity's mentions are shown inverted",
            "the marked claim is underlined, with a bar in the left margin",
            "a thin bar in the margin: a claim about the selected entity on that line",
            "search matches are highlighted; NO_COLOR=1 shows all this without colour",
            "in the text's scrollbar: ◆ the selected entity's mentions, ● search matches",
        ]
        .map(HelpLine::Text),
    );
    lines
}

/// What a claim kind means, for help's legend.
pub fn claim_kind_meaning(kind: crate::data::model::ClaimKind) -> &'static str {
    use crate::data::model::ClaimKind;
    match kind {
        ClaimKind::Fact => "something stated as so, that can be checked",
        ClaimKind::Statistic => "a number: a count, a share, a rate",
        ClaimKind::Quote => "someone's words, quoted",
        ClaimKind::Opinion => "a view, a judgement or what should be done",
        ClaimKind::Allegation => "an accusation not (yet) shown to be so",
        ClaimKind::Prediction => "what will happen",
    }
}

pub fn help_line_count() -> usize {
    help_lines().len()
}

/// The widest key label in help, so that every help text starts in one column.
pub fn label_width() -> usize {
    Mode::ALL
        .iter()
        .flat_map(|&m| m.bindings().map(move |b| crate::text::wrap::cells(&b.label_in(m))))
        .max()
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::keys::Mods;

    fn key(code: KeyCode) -> Key {
        Key::plain(code)
    }

    #[test]
    fn normal_keys_map_to_actions() {
        let a = |key: Key| action_for(Mode::Normal, &key);
        assert_eq!(a(c('j')), Some(Action::Move(1)));
        assert_eq!(a(c('G')), Some(Action::Bottom));
        assert_eq!(a(c('N')), Some(Action::Prev));
        assert_eq!(a(ctrl('p')), Some(Action::OpenFinder));
        assert_eq!(a(ctrl('c')), Some(Action::Quit));
        assert_eq!(a(key(KeyCode::BackTab)), Some(Action::FocusPrev));
        assert_eq!(a(c('3')), Some(Action::Count(3)));
        assert_eq!(a(c('0')), Some(Action::Count(0)));
        assert_eq!(a(c('~')), None);
        // A binding wants exactly its modifiers.
        assert_eq!(a(Key { code: KeyCode::Char('j'), mods: Mods { alt: true, ..Mods::default() } }), None);
        assert_eq!(a(Key { code: KeyCode::Char('3'), mods: Mods { other: true, ..Mods::default() } }), None);
    }

    #[test]
    fn typing_in_the_finder_is_input_not_commands() {
        let a = |key: Key| action_for(Mode::Finder, &key);
        assert_eq!(a(c('q')), Some(Action::Input('q')));
        assert_eq!(a(c('Т')), Some(Action::Input('Т')));
        assert_eq!(a(c('j')), Some(Action::Input('j')));
        assert_eq!(
            a(Key { code: KeyCode::Char('é'), mods: Mods { other: true, ..Mods::default() } }),
            Some(Action::Input('é'))
        );
        assert_eq!(a(key(KeyCode::Down)), Some(Action::Move(1)));
        assert_eq!(a(ctrl('j')), Some(Action::Move(1)));
        assert_eq!(a(ctrl('c')), Some(Action::Quit));
        assert_eq!(a(ctrl('x')), None, "a command key types nothing");
        assert_eq!(a(key(KeyCode::Esc)), Some(Action::Back));
    }

    /// Labels were typed by hand and drifted from the keys (Ctrl-j/k in the
    /// finder, Space, Home/End and ? in the popups): now they are the keys.
    #[test]
    fn labels_are_the_keys() {
        let label = |mode: Mode, action: Action| {
            mode.bindings().find(|b| b.action == action).map(Binding::label).expect("bound")
        };
        assert_eq!(label(Mode::Finder, Action::Move(1)), "↓ Ctrl-n Ctrl-j");
        assert_eq!(label(Mode::Finder, Action::Move(-1)), "↑ Ctrl-p Ctrl-k");
        assert_eq!(label(Mode::Popup, Action::Page(1)), "PgDn Space Ctrl-f");
        assert_eq!(label(Mode::Normal, Action::JumpForward), "Ctrl-i Ctrl-g");
        assert_eq!(label(Mode::Popup, Action::Top), "g Home");
        assert_eq!(label(Mode::Popup, Action::Back), "Esc q ?");
        assert_eq!(label(Mode::Normal, Action::Count(0)), "0-9");
        assert_eq!(label(Mode::Normal, Action::OpenFinder), "f Ctrl-p");
    }

    #[test]
    fn hints_name_the_first_key_of_an_action() {
        assert_eq!(Mode::Normal.key(&Action::OpenFinder), "f");
        assert_eq!(Mode::Normal.key(&Action::JumpBack), "Ctrl-o");
        assert_eq!(Mode::View.key(&Action::Back), "Esc");
        assert_eq!(Mode::Search.key(&Action::OpenHelp), "", "not bound there");
        assert!(Mode::Search.keys_for(&Action::OpenHelp).is_empty());
    }

    /// Ctrl-f was "jump forward" where less and vim page down, and Ctrl-b did nothing.
    #[test]
    fn ctrl_f_and_ctrl_b_page_wherever_pages_do_and_jumping_forward_collides_with_nothing() {
        for mode in Mode::ALL {
            if !mode.keys_for(&Action::Page(1)).is_empty() {
                assert_eq!(action_for(mode, &ctrl('f')), Some(Action::Page(1)), "{mode:?}");
                assert_eq!(action_for(mode, &ctrl('b')), Some(Action::Page(-1)), "{mode:?}");
            }
        }
        assert_eq!(action_for(Mode::Normal, &ctrl('i')), Some(Action::JumpForward));
        assert_eq!(action_for(Mode::Normal, &ctrl('g')), Some(Action::JumpForward));
        assert_eq!(action_for(Mode::Normal, &key(KeyCode::Tab)), Some(Action::FocusNext));
        // Ctrl-i (where the terminal tells it from Tab) and the fallback mean nothing else anywhere.
        for mode in Mode::ALL {
            for k in [ctrl('i'), ctrl('g')] {
                let bound = mode.bindings().find(|b| b.keys.contains(&k)).map(|b| b.action.clone());
                assert!(bound.is_none() || bound == Some(Action::JumpForward), "{k} in {mode:?}: {bound:?}");
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in Mode::ALL {
            let keys: Vec<Key> = mode.bindings().flat_map(|b| b.keys.iter().copied()).collect();
            for (i, k) in keys.iter().enumerate() {
                assert!(!keys[..i].contains(k), "{k} is bound twice in {mode:?}");
            }
        }
    }

    #[test]
    fn help_lists_every_binding_of_every_mode() {
        let lines = help_lines();
        let labels: Vec<&str> = lines
            .iter()
            .filter_map(|l| match l {
                HelpLine::Key { label, .. } => Some(label.as_str()),
                _ => None,
            })
            .collect();
        for b in Mode::ALL.iter().flat_map(|m| m.bindings()) {
            assert!(!b.help.is_empty() && !b.keys.is_empty());
            assert!(labels.contains(&b.label().as_str()), "{} is missing from help", b.label());
        }
        assert_eq!(help_line_count(), lines.len());
        assert_eq!(label_width(), "PgDn Space Ctrl-f".chars().count());
    }
}
