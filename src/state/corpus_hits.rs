//! The corpus-wide search as the reader keeps it once they have gone to a
//! hit: the finished search, whose hits `n` / `N` then step through across
//! documents (each step a jump, so Ctrl-o comes back), the hit stepped to,
//! and the search screen as it was last left, for `F` to reopen.

use std::rc::Rc;

use super::cursor::ListCursor;
use super::navigate::{leave_for, reveal};
use super::{App, Stepping};
use crate::data::model::{DocIdx, Span};
use crate::query::corpus_search::{Hit, Search};
use crate::text::number::thousands;
use crate::text::sanitize::display_head;

/// What the reader keeps of the corpus-wide search.
#[derive(Debug, Default)]
pub struct CorpusHits {
    /// The search last gone to (finished): what n / N step through while
    /// [`Stepping::Corpus`].
    pub search: Option<Rc<Search>>,
    /// The hit last gone to.
    pub current: Option<usize>,
    /// The search screen as last left.
    pub last: Option<LastSearch>,
}

/// The search screen as it was left: what was typed, how, where the
/// cursor was, and the search if it had finished.
#[derive(Debug, Clone)]
pub struct LastSearch {
    pub query: String,
    pub regex: bool,
    pub list: ListCursor,
    pub search: Option<Rc<Search>>,
}

impl CorpusHits {
    /// The hits in `doc` that overlap `bytes`, each with whether it is the
    /// current one: what the text pane marks while stepping through them.
    pub fn in_view(&self, doc: DocIdx, bytes: std::ops::Range<usize>) -> Vec<(Span, bool)> {
        let Some(search) = &self.search else { return Vec::new() };
        let (from, hits) = search.hits_in(doc, bytes);
        hits.iter().enumerate().map(|(k, h)| (h.span, self.current == Some(from + k))).collect()
    }

    /// "hit 5 of 1,234 · doc 12 · "kazakh"": where the reader is among the hits.
    pub fn position(&self, width: usize) -> Option<String> {
        let search = self.search.as_ref()?;
        let i = self.current?;
        let hit = search.hits().get(i)?;
        let more = if search.is_capped() { "+" } else { "" };
        Some(format!(
            "hit {} of {}{more} · doc {} · \"{}\"",
            thousands(i + 1),
            thousands(search.hits().len()),
            thousands(hit.doc.index() + 1),
            display_head(&search.pattern().query, width)
        ))
    }
}

/// Goes to hit `i` of the reader's corpus search: its document, scrolled
/// so the hit is in view, marked as the current one.
pub(crate) fn go_to_hit(app: &mut App, i: usize) {
    let Some(hit) = app.reader.corpus.search.as_ref().and_then(|s| s.hits().get(i)).copied() else { return };
    leave_for(app, hit.doc);
    app.reader.corpus.current = Some(i);
    app.reader.stepping = Stepping::Corpus;
    // One search is marked at a time: this one replaces a `/` search.
    app.reader.search = None;
    reveal(app, hit.span.start as usize);
    app.message = app.reader.corpus.position(app.area.width as usize);
}

/// n / N while stepping through the corpus search: the next or previous
/// hit, from the current one while it is on screen, else from what is
/// shown, into the other documents and round at the ends. Whether there
/// were hits to step through.
pub(crate) fn step(app: &mut App, forward: bool) -> bool {
    let Some(search) = app.reader.corpus.search.clone() else { return false };
    let n = search.hits().len();
    if n == 0 {
        return false;
    }
    let current = app.reader.corpus.current.filter(|&i| search.hits().get(i).is_some_and(|h| is_shown(app, h)));
    let next = match current {
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
        None => {
            let after = search.first_from(app.reader.doc, app.top_byte());
            if forward { after % n } else { (after + n - 1) % n }
        }
    };
    let wrapped = current.is_some_and(|i| n > 1 && if forward { next <= i } else { next >= i });
    go_to_hit(app, next);
    if wrapped {
        if let Some(msg) = &mut app.message {
            msg.push_str(if forward { " · wrapped to the first" } else { " · wrapped to the last" });
        }
    }
    true
}

/// Whether the hit is in the current document and on screen.
fn is_shown(app: &App, hit: &Hit) -> bool {
    let top = app.top_line();
    hit.doc == app.reader.doc
        && app.layout().is_some_and(|l| (top..top + app.text_height()).contains(&l.line_of(hit.span.start as usize)))
}
