//! The jump list, as vim keeps one: the places the reader jumped from, to
//! go back to (Ctrl-o), and those gone back from, to go forward to again
//! (Ctrl-i, or Ctrl-g). A place is the document, the scroll position and what was
//! selected.

use super::Scope;
use crate::data::model::{ClaimIdx, DocIdx, EntityIdx, MentionIdx};

/// A place the reader has been, as the jump list keeps it: the document,
/// the scroll position, and what was selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub doc: DocIdx,
    pub top: usize,
    pub claim: Option<ClaimIdx>,
    pub entity: Option<EntityIdx>,
    pub mention: Option<MentionIdx>,
    pub claim_scope: Scope,
}

/// How many places the jump list remembers.
pub const JUMPS: usize = 100;

#[derive(Debug, Default)]
pub struct JumpList {
    /// Places to go back to, most recent last.
    back: Vec<Place>,
    /// Places gone back from, to go forward to again, most recent last.
    forward: Vec<Place>,
}

impl JumpList {
    /// After a jump from `before` that left the reader at `now`: `before`
    /// is remembered (once) if the reader has moved, and the places ahead
    /// are forgotten, as a browser's history forgets them.
    pub fn record(&mut self, before: Place, now: &Place) {
        if *now == before {
            return;
        }
        if self.back.last() != Some(&before) {
            self.back.push(before);
            if self.back.len() > JUMPS {
                self.back.remove(0);
            }
        }
        self.forward.clear();
    }

    /// The place to go back to from `here`, which is kept to go forward to.
    pub fn back(&mut self, here: Place) -> Option<Place> {
        let place = self.back.pop()?;
        self.forward.push(here);
        Some(place)
    }

    /// The place to go forward to from `here`, which is kept to go back to.
    pub fn forward(&mut self, here: Place) -> Option<Place> {
        let place = self.forward.pop()?;
        self.back.push(here);
        Some(place)
    }

    /// How many places are behind the reader.
    pub fn behind(&self) -> usize {
        self.back.len()
    }

    /// How many places are ahead of the reader.
    pub fn ahead(&self) -> usize {
        self.forward.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(top: usize) -> Place {
        Place { doc: DocIdx(0), top, claim: None, entity: None, mention: None, claim_scope: Scope::Document }
    }

    #[test]
    fn back_and_forward_keep_where_the_reader_was() {
        let mut j = JumpList::default();
        j.record(at(0), &at(10));
        j.record(at(10), &at(20));
        assert_eq!((j.behind(), j.ahead()), (2, 0));
        assert_eq!(j.back(at(20)), Some(at(10)));
        assert_eq!(j.back(at(10)), Some(at(0)));
        assert_eq!(j.back(at(0)), None);
        assert_eq!(j.forward(at(0)), Some(at(10)));
        // A new jump forgets what was ahead.
        j.record(at(10), &at(30));
        assert_eq!((j.behind(), j.ahead()), (2, 0));
    }

    #[test]
    fn a_jump_that_goes_nowhere_is_not_remembered_and_the_list_is_bounded() {
        let mut j = JumpList::default();
        j.record(at(5), &at(5));
        assert_eq!(j.behind(), 0);
        for i in 0..JUMPS + 10 {
            j.record(at(i), &at(i + 1));
        }
        assert_eq!(j.behind(), JUMPS);
    }
}

/// The jump list as the reader makes it, by moving through the sample corpus.
#[cfg(test)]
mod through_update {
    use crate::data::model::*;
    use crate::state::fixture::sample_app;
    use crate::state::*;

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
}
