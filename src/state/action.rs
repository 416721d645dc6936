//! Everything the user can ask for, as data. Keys and mouse events map to
//! actions (see [`super::keymap`]); only [`super::update`] acts on them.

use super::geometry::Pane;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MouseKind {
    Click,
    ScrollUp,
    ScrollDown,
}

/// The longest query the finder takes, in characters: as much as it
/// matches (see [`crate::query::finder::MAX_QUERY`]). A name is far shorter; a
/// paste of a page must not make every keystroke fold it again.
pub const FINDER_QUERY_MAX: usize = crate::query::finder::MAX_QUERY;

/// The longest search the `/` line takes, in characters: a sentence or two.
pub const SEARCH_QUERY_MAX: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl-z: give the terminal back and stop until `fg` (handled at the edge).
    Suspend,
    /// Tab / Shift-Tab.
    FocusNext,
    FocusPrev,
    Focus(Pane),
    /// h/l, ←/→: the pane to the left or right.
    FocusLeft,
    FocusRight,
    /// Down (positive) or up by this many lines or rows.
    Move(i32),
    /// Down (positive) or up by this many pages.
    Page(i32),
    /// Down (positive) or up by half a page.
    HalfPage(i32),
    Top,
    Bottom,
    /// Enter: select the entity, go to the claim, accept the finder's choice.
    Activate,
    /// Esc: close what is open, else clear the search, else the entity selection.
    Back,
    ToggleScope,
    CycleSort,
    CycleKind,
    /// `p`: pin the entity (or unpin it): the corpus-wide lists show only the
    /// documents that name every pinned entity.
    TogglePin,
    /// `b` in the Claims pane: only the claims of the claim under the cursor's claimant (again: all).
    FilterClaimant,
    /// `x` in the Claims pane: all claims, related only, contradicted only.
    CycleRelated,
    /// `C`: every claim filter off.
    ClearClaimFilters,
    NextDoc,
    PrevDoc,
    /// Go to document n (from 0).
    GotoDoc(usize),
    /// A digit typed in the main screen: part of a count (`5000]`, `12 Enter`).
    Count(u8),
    /// The document picker: fuzzy search over every document.
    OpenDocuments,
    /// `:`: a prompt taking a document's number or id.
    OpenGoto,
    /// Tab in the `:` prompt: complete the id typed.
    Complete,
    OpenFinder,
    OpenHelp,
    StartSearch,
    /// Search the text of every document (`F`).
    OpenCorpusSearch,
    /// In the corpus search: a literal / a regular expression.
    ToggleRegex,
    /// n / N: next or previous mention of the selected entity, or search match.
    Next,
    Prev,
    /// Follow the current claim's relation to a claim elsewhere.
    FollowRelation,
    /// The entity's dossier: every mention in context, every claim by or about it.
    OpenDossier,
    /// The current claim and a related one, side by side.
    OpenCompare,
    /// The corpus at a glance.
    OpenOverview,
    /// The full detail of the entity or claim under the cursor, every relation and note.
    OpenDetail,
    /// Ctrl-o / Ctrl-i (or Ctrl-g): back to where the last jump left from, and forward again.
    JumpBack,
    JumpForward,
    /// Select this entity and show its first mention (as Enter in the finder does).
    SelectEntity(crate::data::model::EntityIdx),
    /// A character typed into the finder or the search line.
    Input(char),
    /// Text typed or pasted into the finder or the search line, taken as
    /// one edit: a bracketed paste, or a burst of typed characters.
    InputText(String),
    DeleteChar,
    DeleteWord,
    ClearInput,
    Mouse {
        kind: MouseKind,
        column: u16,
        row: u16,
    },
    Resize {
        width: u16,
        height: u16,
    },
    /// No input: advance work under way (see `App::busy`).
    Tick,
    /// `y`: copy the quote under the cursor, with its citation, to the clipboard.
    Copy,
    /// `e` in the dossier and the comparison: write it as a Markdown report to a file.
    Export,
    /// The edge's word on a report it was asked to write: the path, or why it could not.
    Exported(Result<String, String>),
}
