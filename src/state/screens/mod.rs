//! Screens: what opens over the main screen, one module each, with one
//! contract. A screen has its own state type and a handler of the same
//! shape, `handle(&mut self, app, action) -> Next`, which says what happens
//! next: the screen stays, closes (showing the one beneath), closes with
//! every screen beneath it (back to the text), opens another over itself,
//! or gives way to another. The [`ScreenStack`] holds the open screens,
//! most recent last, as a browser's history of views: closing a dossier
//! opened from the overview shows the overview again.
//!
//! The main three-pane screen ([`main`]) is the one beneath them all; it
//! handles an action when no screen is open, with the same contract.

pub mod compare;
pub mod corpus_search;
pub mod detail;
pub mod documents;
pub mod dossier;
pub mod filter_prompt;
pub mod finder;
pub mod goto_prompt;
pub mod help;
pub mod main;
pub mod overview;
pub mod relations;
pub mod search_prompt;

pub use compare::CompareScreen;
pub use detail::DetailScreen;
pub use documents::DocumentsScreen;
pub use dossier::DossierScreen;
pub use filter_prompt::FilterPrompt;
pub use finder::FinderScreen;
pub use goto_prompt::GotoPrompt;
pub use help::HelpScreen;
pub use overview::OverviewScreen;
pub use relations::{ChooseFor, RelationChoice, RelationChooser};
pub use search_prompt::SearchPrompt;

use super::keymap::Mode;
use super::{Action, App};

/// An open screen.
#[derive(Debug)]
pub enum Screen {
    Finder(FinderScreen),
    /// Typing a search into the status line.
    SearchPrompt(SearchPrompt),
    Help(HelpScreen),
    Relations(RelationChooser),
    Dossier(DossierScreen),
    Compare(CompareScreen),
    Overview(OverviewScreen),
    /// Searching the text of every document.
    CorpusSearch(corpus_search::CorpusSearchScreen),
    /// The document picker.
    Documents(DocumentsScreen),
    /// Typing a document's number or id into the status line (`:`).
    Goto(GotoPrompt),
    /// The full detail of an entity or a claim.
    Detail(DetailScreen),
    /// Typing a list's filter into the status line.
    Filter(FilterPrompt),
}

/// What a screen's handler says should happen next.
#[derive(Debug)]
pub enum Next {
    /// The screen stays open.
    Stay,
    /// The screen closes; the one beneath (if any) shows again.
    Close,
    /// The screen and every one beneath it close: back to the text.
    CloseAll,
    /// Another screen opens over this one (closing it comes back here).
    Push(Screen),
    /// This screen closes and another opens in its place.
    Replace(Screen),
}

impl Screen {
    /// Which keymap applies while this screen is on top.
    pub fn mode(&self) -> Mode {
        match self {
            Screen::Finder(_) => Mode::Finder,
            Screen::SearchPrompt(_) => Mode::Search,
            Screen::Help(_) | Screen::Relations(_) => Mode::Popup,
            Screen::Dossier(_) | Screen::Compare(_) | Screen::Overview(_) => Mode::View,
            Screen::CorpusSearch(_) => Mode::CorpusSearch,
            Screen::Documents(_) => Mode::Documents,
            Screen::Goto(_) => Mode::Goto,
            Screen::Detail(_) => Mode::View,
            Screen::Filter(_) => Mode::Filter,
        }
    }

    /// Whether the screen covers the main screen (which is then not drawn).
    pub fn is_full(&self) -> bool {
        matches!(
            self,
            Screen::Dossier(_) | Screen::Compare(_) | Screen::Overview(_) | Screen::CorpusSearch(_) | Screen::Detail(_)
        )
    }

    fn handle(&mut self, app: &mut App, action: Action) -> Next {
        match self {
            Screen::Finder(s) => s.handle(app, action),
            Screen::SearchPrompt(s) => s.handle(app, action),
            Screen::Help(s) => s.handle(app, action),
            Screen::Relations(s) => s.handle(app, action),
            Screen::Dossier(s) => s.handle(app, action),
            Screen::Compare(s) => s.handle(app, action),
            Screen::Overview(s) => s.handle(app, action),
            Screen::CorpusSearch(s) => s.handle(app, action),
            Screen::Documents(s) => s.handle(app, action),
            Screen::Goto(s) => s.handle(app, action),
            Screen::Detail(s) => s.handle(app, action),
            Screen::Filter(s) => s.handle(app, action),
        }
    }
}

/// The open screens, most recent (the one shown) last.
#[derive(Debug, Default)]
pub struct ScreenStack {
    screens: Vec<Screen>,
    /// The overview as last left, for `O` to open where it was.
    last_overview: Option<OverviewScreen>,
}

impl ScreenStack {
    /// The screen shown, if any is open.
    pub fn top(&self) -> Option<&Screen> {
        self.screens.last()
    }

    /// The screen shown, to change (a filter typed beneath it, a relayout).
    pub(crate) fn top_mut(&mut self) -> Option<&mut Screen> {
        self.screens.last_mut()
    }

    /// The screen beneath the one shown (where Esc goes back to).
    pub fn beneath_top(&self) -> Option<&Screen> {
        self.screens.len().checked_sub(2).map(|i| &self.screens[i])
    }

    /// The screen `n` beneath the one shown (0: the one shown).
    pub fn nth_from_top(&self, n: usize) -> Option<&Screen> {
        self.screens.len().checked_sub(n + 1).map(|i| &self.screens[i])
    }

    pub fn is_empty(&self) -> bool {
        self.screens.is_empty()
    }

    pub fn len(&self) -> usize {
        self.screens.len()
    }

    /// Remembers the overview as it is now, for `O` to reopen.
    pub(crate) fn remember_overview(&mut self, overview: &OverviewScreen) {
        self.last_overview = Some(overview.clone());
    }

    pub(crate) fn last_overview(&self) -> Option<&OverviewScreen> {
        self.last_overview.as_ref()
    }

    /// What the handler said, done: `screen` is the one that handled the
    /// action (taken off the top to be handed the rest of the app), `None`
    /// for the main screen.
    fn follow(&mut self, screen: Option<Screen>, next: Next) {
        match next {
            Next::Stay => self.screens.extend(screen),
            Next::Close => {}
            Next::CloseAll => self.screens.clear(),
            Next::Push(other) => {
                self.screens.extend(screen);
                self.screens.push(other);
            }
            Next::Replace(other) => self.screens.push(other),
        }
    }
}

/// Hands an action to the screen shown, or to the main screen when none is
/// open, and does what its handler says should happen next. The screen is
/// off the stack while it handles the action, so it can be given the whole
/// app; its handler's answer decides whether it goes back on.
pub(crate) fn dispatch(app: &mut App, action: Action) {
    match app.screens.screens.pop() {
        Some(mut screen) => {
            let next = screen.handle(app, action);
            app.screens.follow(Some(screen), next);
        }
        None => {
            let next = main::handle(app, action);
            app.screens.follow(None, next);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help() -> Screen {
        Screen::Help(HelpScreen::default())
    }

    fn kinds(stack: &ScreenStack) -> Vec<Mode> {
        stack.screens.iter().map(Screen::mode).collect()
    }

    #[test]
    fn what_a_handler_says_is_done_to_the_stack() {
        let mut stack = ScreenStack::default();
        stack.follow(None, Next::Push(help()));
        stack.follow(None, Next::Stay);
        assert_eq!(kinds(&stack), [Mode::Popup], "the main screen staying leaves the stack alone");
        let top = stack.screens.pop();
        stack.follow(top, Next::Push(Screen::SearchPrompt(SearchPrompt::default())));
        assert_eq!(kinds(&stack), [Mode::Popup, Mode::Search]);
        assert!(matches!(stack.beneath_top(), Some(Screen::Help(_))));
        let top = stack.screens.pop();
        stack.follow(top, Next::Close);
        assert_eq!(kinds(&stack), [Mode::Popup], "closing shows the one beneath");
        let top = stack.screens.pop();
        stack.follow(top, Next::Replace(Screen::SearchPrompt(SearchPrompt::default())));
        assert_eq!(kinds(&stack), [Mode::Search]);
        stack.follow(None, Next::Push(help()));
        let top = stack.screens.pop();
        stack.follow(top, Next::CloseAll);
        assert!(stack.is_empty());
    }
}
