//! The explorer's state and the one path that changes it.
//!
//! [`App`] holds everything the screen shows, in named parts: the corpus;
//! where the reader is ([`Reader`]: the document, each document's own
//! scroll position and selections, the selected entity, the search); the
//! main screen's focus ([`MainScreen`]); the [`JumpList`]; the screens open
//! over the main one ([`ScreenStack`], each screen a module of [`screens`]);
//! settings; and what is derived from all of these ([`Derived`], written
//! only by `settle`). Keys map to [`Action`]s ([`keymap`]), and [`update`]
//! is the only function that changes an `App`. Rendering reads it and never
//! writes.

mod action;
pub mod claim_filter;
pub mod corpus_hits;
mod count;
pub mod cursor;
pub mod effects;
#[cfg(test)]
pub(crate) mod fixture;
pub mod geometry;
pub mod input;
mod jumps;
pub mod keymap;
pub mod keys;
mod lists;
pub mod look;
mod navigate;
pub mod pins;
pub mod rebind;
pub mod row_filter;
pub mod screens;
pub mod tabs;
mod update;

pub use crate::query::text_search::{TextSearch, find_all};
pub use action::{Action, MouseKind};
pub use claim_filter::ClaimFilter;
pub use cursor::{Cursor, ListCursor, Motion, visible_offset};
pub use effects::Effect;
pub use geometry::Pane;
pub use jumps::{JUMPS, JumpList, Place};
pub use keymap::{Mode, action_for};
pub use keys::{Key, KeyCode, Mods};
pub use lists::{EntityOptions, EntityRow, Scope, Sort, claim_rows, entity_rows};
pub use screens::corpus_search::CorpusSearchScreen;
pub use screens::{
    ChooseFor, CompareScreen, DetailScreen, DossierScreen, FilterPrompt, FinderScreen, HelpScreen, Next,
    OverviewScreen, RelationChoice, RelationChooser, Screen, ScreenStack, SearchPrompt,
};
pub use screens::{DocumentsScreen, GotoPrompt};
pub use update::update;

use ratatui::layout::Rect;

use crate::data::model::{ClaimIdx, Corpus, DocIdx, EntityIdx, EntityKind, MentionIdx};
use crate::query::details::EntityFacts;
use crate::query::documents::DocumentIndex;
use crate::query::finder::FinderIndex;
use crate::text::wrap::TextLayout;
use geometry::Geometry;
pub use pins::Pins;

/// Screen rows per claim in the Claims list: who and what kind, then the claim.
pub const CLAIM_ROWS: usize = 2;

/// What each document remembers while another one is shown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocView {
    /// Byte offset of the first line shown (survives re-wrapping).
    pub top: usize,
    /// The claim whose span is marked in the text.
    pub claim: Option<ClaimIdx>,
    pub entities: Cursor<EntityIdx>,
    pub claims: Cursor<ClaimIdx>,
}

/// What a scrollbar mark stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    Mention,
    Match,
}

/// What n / N step through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stepping {
    Mentions,
    Search,
    /// The corpus-wide search's hits, across documents.
    Corpus,
}

/// Where the reader is: the document, what each document remembers, what
/// is selected, and how the lists are narrowed. The jump list keeps these.
#[derive(Debug)]
pub struct Reader {
    pub doc: DocIdx,
    pub views: Vec<DocView>,
    /// The selected entity: its mentions stand out and the claims narrow to it.
    pub entity: Option<EntityIdx>,
    /// The mention last jumped to.
    pub mention: Option<MentionIdx>,
    pub entity_options: EntityOptions,
    pub claim_scope: Scope,
    /// The Claims pane's filters: kind, claimant, relations.
    pub claim_filter: ClaimFilter,
    /// The pinned entities: the corpus-wide lists show only documents naming them all.
    pub pins: Pins,
    pub search: Option<TextSearch>,
    /// The last search typed, offered again by `/`.
    pub last_query: String,
    pub stepping: Stepping,
    /// The corpus-wide search gone to, and as last left.
    pub corpus: corpus_hits::CorpusHits,
    /// The text filters `/` set on the Entities and Claims panes.
    pub filters: row_filter::ListFilters,
}

/// The main screen's own state: which pane has the keys, and which side
/// pane is shown when only one fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MainScreen {
    pub focus: Pane,
    pub side: Pane,
    /// The count typed before `]`, `[` or Enter (`5000]`), shown in the status line.
    pub count: Option<u64>,
}

/// How the user asked things to be shown (the config file's settings,
/// docs/config.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Styles with modifiers only (NO_COLOR, or the config's `theme = "none"`).
    pub no_color: bool,
    /// Colours for a dark or a light terminal.
    pub palette: look::Palette,
    /// How a list's cursor row stands out.
    pub cursor: look::CursorStyle,
    /// Whether `y` copies through the terminal (OSC 52): on unless turned off.
    pub osc52: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { no_color: false, palette: look::Palette::Dark, cursor: look::CursorStyle::Bar, osc52: true }
    }
}

/// What is worked out from the corpus, the reader and the terminal's size,
/// kept until what it was worked out from changes. Only [`App::settle`]
/// writes it.
#[derive(Debug, Default)]
pub struct Derived {
    pub geometry: Geometry,
    /// Kinds present in the corpus, in the order `t` cycles through them.
    pub kinds: Vec<EntityKind>,
    pub entity_rows: Vec<EntityRow>,
    pub claim_rows: Vec<ClaimIdx>,
    /// Marks for the text pane's scrollbar: where the selected entity's
    /// mentions and the search's matches are, as fractions of the document.
    pub marks: Vec<(f32, Mark)>,
    /// What the mentions' details say of the entity the Entities pane's
    /// detail shows (the one under its cursor, else the selected one), and
    /// its links: gathered when that entity changes, not per frame.
    pub entity_facts: Option<(EntityIdx, EntityFacts)>,
    /// The panes' rows before their text filters (see [`row_filter::settle_lists`]).
    pub unfiltered_rows: (Vec<EntityRow>, Vec<ClaimIdx>),
    filters_key: Option<row_filter::ListFilters>,
    /// What the pane filters match rows against, folded once per corpus.
    filter_texts: row_filter::FilterTexts,
    marks_key: Option<(DocIdx, Option<EntityIdx>, usize, u16, usize)>,
    layouts: Vec<Option<TextLayout>>,
    rows_key: Option<(DocIdx, EntityOptions, Scope, Option<EntityIdx>, ClaimFilter, u64)>,
}

pub struct App {
    pub corpus: Corpus,
    pub finder: FinderIndex,
    /// Who makes each claim, as list rows name them.
    pub claimants: crate::query::claimant_names::ClaimantNames,
    /// Every document's line for the picker, and the ids for `:`.
    pub documents: DocumentIndex,
    /// The whole terminal.
    pub area: Rect,
    pub main: MainScreen,
    pub reader: Reader,
    pub jumps: JumpList,
    /// The screens open over the main screen, the one shown last.
    pub screens: ScreenStack,
    pub settings: Settings,
    pub derived: Derived,
    /// A one-line message for the status line, until the next action.
    pub message: Option<String>,
    pub quit: bool,
    /// What the edge is to do (copy, write a file), oldest first: taken by it with [`App::take_effects`].
    pub effects: Vec<Effect>,
}

impl App {
    pub fn new(corpus: Corpus, width: u16, height: u16) -> App {
        let finder = FinderIndex::new(&corpus);
        let documents = DocumentIndex::new(&corpus);
        let claimants = crate::query::claimant_names::ClaimantNames::new(&corpus);
        let mut kinds: Vec<EntityKind> = corpus.entities().iter().map(|e| e.kind.clone()).collect();
        kinds.sort();
        kinds.dedup();
        let area = Rect::new(0, 0, width, height);
        let mut app = App {
            finder,
            claimants,
            documents,
            area,
            main: MainScreen { focus: Pane::Text, side: Pane::Entities, count: None },
            reader: Reader {
                doc: DocIdx(0),
                views: vec![DocView::default(); corpus.documents().len()],
                entity: None,
                mention: None,
                entity_options: EntityOptions::default(),
                claim_scope: Scope::Document,
                claim_filter: ClaimFilter::default(),
                pins: Pins::default(),
                search: None,
                last_query: String::new(),
                stepping: Stepping::Mentions,
                corpus: corpus_hits::CorpusHits::default(),
                filters: row_filter::ListFilters::default(),
            },
            jumps: JumpList::default(),
            screens: ScreenStack::default(),
            settings: Settings::default(),
            derived: Derived {
                geometry: Geometry::new(area, Pane::Entities),
                kinds,
                layouts: vec![None; corpus.documents().len()],
                ..Derived::default()
            },
            message: None,
            quit: false,
            effects: Vec::new(),
            corpus,
        };
        app.settle();
        app
    }

    /// Applies the user's settings and the Entities pane's sort and scope
    /// to start with (the config file's), before the first frame.
    pub fn configure(&mut self, settings: Settings, sort: Sort, scope: Scope) {
        self.settings = settings;
        self.reader.entity_options.sort = sort;
        self.reader.entity_options.scope = scope;
        // The lists start at their top in the new order, not at the row
        // the first order put there.
        for view in &mut self.reader.views {
            view.entities = Cursor::default();
        }
        self.settle();
    }

    /// Whether work is under way that [`Action::Tick`] advances (a finder
    /// search over a large corpus, the entities named with a dossier's
    /// entity): the event loop then does not wait for input.
    pub fn busy(&self) -> bool {
        match self.screens.top() {
            Some(Screen::Finder(f)) => f.busy(),
            Some(Screen::CorpusSearch(s)) => s.busy(),
            Some(Screen::Documents(d)) => d.busy(),
            Some(Screen::Dossier(d)) => d.busy(),
            _ => false,
        }
    }

    /// The effects left by the actions so far, for the edge to carry out
    /// (the one change to an `App` made outside [`update`]: handing them over).
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// Which keymap applies now.
    pub fn mode(&self) -> Mode {
        self.screens.top().map_or(Mode::Normal, Screen::mode)
    }

    pub fn view(&self) -> &DocView {
        &self.reader.views[self.reader.doc.index()]
    }

    /// The current document laid out for the text pane's width.
    pub fn layout(&self) -> Option<&TextLayout> {
        self.derived.layouts[self.reader.doc.index()].as_ref().filter(|l| l.width == self.text_width())
    }

    fn text_width(&self) -> u16 {
        self.derived.geometry.text_inner().width
    }

    /// Rows of text shown.
    pub fn text_height(&self) -> usize {
        self.derived.geometry.text_inner().height as usize
    }

    /// The first visual line shown: the line of the remembered position,
    /// as far down as the end of the text allows. The remembered position
    /// itself is kept, so a resize that briefly fits everything on screen
    /// does not lose the reader's place.
    pub fn top_line(&self) -> usize {
        self.layout().map_or(0, |l| l.line_of(self.view().top).min(l.len().saturating_sub(self.text_height())))
    }

    /// The first byte shown.
    pub fn top_byte(&self) -> usize {
        self.layout().and_then(|l| l.lines.get(self.top_line())).map_or(0, |l| l.start as usize)
    }

    /// Rows of the Entities list (also when the pane is not shown).
    pub fn entity_list_height(&self) -> usize {
        let g = Geometry::new(self.area, Pane::Entities);
        g.entities.map_or(1, |r| geometry::list_pane(r).list.height as usize)
    }

    /// Claims shown at once in the Claims list (each takes [`CLAIM_ROWS`] rows).
    pub fn claim_list_height(&self) -> usize {
        let g = Geometry::new(self.area, Pane::Claims);
        g.claims.map_or(1, |r| (geometry::list_pane(r).list.height as usize / CLAIM_ROWS).max(1))
    }

    /// Where the reader is, for the jump list.
    pub fn place(&self) -> Place {
        Place {
            doc: self.reader.doc,
            top: self.top_byte(),
            claim: self.view().claim,
            entity: self.reader.entity,
            mention: self.reader.mention,
            claim_scope: self.reader.claim_scope,
        }
    }

    /// Which of the selected entity's mentions is current, and how many it has: (k from 1, n).
    pub fn mention_position(&self) -> Option<(usize, usize)> {
        let e = self.reader.entity?;
        let m = self.reader.mention?;
        let all = self.corpus.entity_mentions(e);
        // Mentions are indexed in corpus order, so an entity's list is sorted.
        all.binary_search(&m).ok().map(|k| (k + 1, all.len()))
    }

    /// The scrollbar marks, recomputed when the document, the entity, the
    /// search or the width change (not per frame: an entity may have
    /// thousands of mentions in a document).
    fn settle_marks(&mut self) {
        let search_len =
            self.reader.search.as_ref().filter(|s| s.doc == self.reader.doc).map_or(0, |s| s.matches.len() + 1);
        // The corpus search's hits are marked while n / N step through them.
        let corpus = match (&self.reader.corpus.search, self.reader.stepping) {
            (Some(s), Stepping::Corpus) => std::rc::Rc::as_ptr(s) as usize,
            _ => 0,
        };
        let key = (self.reader.doc, self.reader.entity, search_len, self.text_width(), corpus);
        if self.derived.marks_key == Some(key) {
            return;
        }
        self.derived.marks_key = Some(key);
        self.derived.marks.clear();
        let Some(layout) = self.layout() else { return };
        let lines = layout.len().max(1) as f32;
        let mut marks: Vec<(f32, Mark)> = Vec::new();
        if let Some(e) = self.reader.entity {
            for &m in self.corpus.entity_mentions_in(e, self.reader.doc) {
                let line = layout.line_of(self.corpus.mention(m).span.start as usize);
                marks.push((line as f32 / lines, Mark::Mention));
            }
        }
        if let Some(search) = self.reader.search.as_ref().filter(|s| s.doc == self.reader.doc) {
            for span in &search.matches {
                marks.push((layout.line_of(span.start as usize) as f32 / lines, Mark::Match));
            }
        }
        if corpus != 0 {
            for (span, _) in self.reader.corpus.in_view(self.reader.doc, 0..usize::MAX) {
                marks.push((layout.line_of(span.start as usize) as f32 / lines, Mark::Match));
            }
        }
        // One mark per thousandth of the document is as fine as any scrollbar gets.
        marks.dedup_by(|a, b| (a.0 * 1000.0) as u32 == (b.0 * 1000.0) as u32 && a.1 == b.1);
        self.derived.marks = marks;
    }

    /// Brings derived state up to date: geometry, the current layout, the
    /// lists and their cursors, the search's matches.
    fn settle(&mut self) {
        self.derived.geometry = Geometry::new(self.area, self.main.side);
        if self.derived.geometry.too_small {
            return;
        }
        let width = self.text_width();
        let d = self.reader.doc.index();
        if self.derived.layouts[d].as_ref().is_none_or(|l| l.width != width) {
            self.derived.layouts[d] = Some(TextLayout::new(&self.corpus.documents()[d].text, width));
        }
        let key = (
            self.reader.doc,
            self.reader.entity_options.clone(),
            self.reader.claim_scope,
            self.reader.entity,
            self.reader.claim_filter.clone(),
            self.reader.pins.generation(),
        );
        if self.derived.rows_key.as_ref() != Some(&key) {
            let pins = &self.reader.pins;
            self.derived.entity_rows = entity_rows(&self.corpus, self.reader.doc, &self.reader.entity_options, pins);
            self.derived.claim_rows =
                claim_rows(&self.corpus, self.reader.doc, self.reader.claim_scope, self.reader.entity);
            claim_filter::narrow(&mut self.derived.claim_rows, &self.corpus, pins, &self.reader.claim_filter);
            self.derived.rows_key = Some(key);
            self.derived.unfiltered_rows = (self.derived.entity_rows.clone(), self.derived.claim_rows.clone());
            self.derived.filters_key = None;
        }
        row_filter::settle_lists(self);
        let (eh, ch) = (self.entity_list_height(), self.claim_list_height());
        let view = &mut self.reader.views[d];
        view.entities.settle(self.derived.entity_rows.iter().map(|r| r.entity), eh);
        view.claims.settle(self.derived.claim_rows.iter().copied(), ch);
        let detailed = view.entities.item.or(self.reader.entity);
        if self.derived.entity_facts.as_ref().map(|(e, _)| *e) != detailed {
            self.derived.entity_facts = detailed.map(|e| (e, EntityFacts::new(&self.corpus, e)));
        }
        self.settle_marks();
        if let Some(Screen::Detail(d)) = self.screens.top_mut() {
            d.settle(self.area);
        }
        if let Some(search) = &mut self.reader.search {
            if search.doc != self.reader.doc {
                search.matches = find_all(&self.corpus.doc(self.reader.doc).text, &search.query);
                search.doc = self.reader.doc;
                search.current = None;
            }
        }
    }
}
