//! Counts, the vim way: digits typed in the main screen build a count
//! (shown in the status line) that the next key uses: `]` and `[` move that
//! many documents, stopping at the ends; Enter goes to the document of that
//! number. Esc drops the count; any other key drops it and acts as usual.

use super::navigate::leave_for;
use super::screens::Next;
use super::{Action, App, MouseKind};
use crate::data::model::DocIdx;
use crate::text::number::thousands;

/// The longest count, in digits: more documents than any corpus holds.
const MAX_DIGITS: u32 = 12;

/// What a count makes of an action in the main screen: `Some` when the
/// count took the action, `None` when the main screen should act on it as
/// usual (the count dropped, unless the action is no key at all).
pub(crate) fn intercept(app: &mut App, action: &Action) -> Option<Next> {
    if let Action::Count(d) = *action {
        let count = app.main.count.unwrap_or(0);
        if count < 10u64.pow(MAX_DIGITS - 1) {
            app.main.count = Some(count * 10 + u64::from(d));
        }
        return Some(Next::Stay);
    }
    // A tick, a resize or the wheel is not the next key.
    if matches!(
        action,
        Action::Tick | Action::Resize { .. } | Action::Mouse { kind: MouseKind::ScrollUp | MouseKind::ScrollDown, .. }
    ) {
        return None;
    }
    let count = app.main.count.take()?;
    let n = app.corpus.documents().len() as u64;
    let here = app.reader.doc.index() as u64;
    match action {
        Action::NextDoc => leave_for(app, DocIdx::from_index(here.saturating_add(count).min(n - 1) as usize)),
        Action::PrevDoc => leave_for(app, DocIdx::from_index(here.saturating_sub(count) as usize)),
        Action::Activate if (1..=n).contains(&count) => leave_for(app, DocIdx::from_index(count as usize - 1)),
        Action::Activate => {
            let docs = if n == 1 { "document" } else { "documents" };
            app.message = Some(format!("no such document: {count} (the corpus has {} {docs})", thousands(n as usize)));
        }
        Action::Back => {}
        _ => return None,
    }
    Some(Next::Stay)
}

#[cfg(test)]
mod tests {
    use crate::data::model::DocIdx;
    use crate::state::fixture::sample_app;
    use crate::state::*;

    fn typed(app: &mut App, digits: &str) {
        for d in digits.bytes() {
            update(app, Action::Count(d - b'0'));
        }
    }

    #[test]
    fn a_count_moves_that_many_documents_stopping_at_the_ends() {
        let mut app = sample_app(120, 40);
        typed(&mut app, "5");
        assert_eq!(app.main.count, Some(5));
        update(&mut app, Action::NextDoc);
        assert_eq!((app.reader.doc, app.main.count), (DocIdx(1), None), "clamped to the last");
        typed(&mut app, "12");
        update(&mut app, Action::PrevDoc);
        assert_eq!(app.reader.doc, DocIdx(0), "clamped to the first");
        // Without a count, ] still goes round.
        update(&mut app, Action::PrevDoc);
        assert_eq!(app.reader.doc, DocIdx(1));
        assert_eq!(app.jumps.behind(), 3, "each a jump");
    }

    #[test]
    fn a_count_then_enter_goes_to_that_document_or_says_there_is_none() {
        let mut app = sample_app(120, 40);
        typed(&mut app, "2");
        update(&mut app, Action::Activate);
        assert_eq!(app.reader.doc, DocIdx(1));
        update(&mut app, Action::JumpBack);
        assert_eq!(app.reader.doc, DocIdx(0), "Ctrl-o comes back");
        typed(&mut app, "5000");
        assert_eq!(app.main.count, Some(5000));
        update(&mut app, Action::Activate);
        assert_eq!(app.message.as_deref(), Some("no such document: 5000 (the corpus has 2 documents)"));
        assert_eq!(app.reader.doc, DocIdx(0));
        typed(&mut app, "0");
        update(&mut app, Action::Activate);
        assert_eq!(app.message.as_deref(), Some("no such document: 0 (the corpus has 2 documents)"));
    }

    #[test]
    fn esc_or_another_key_drops_the_count() {
        let mut app = sample_app(120, 40);
        typed(&mut app, "2");
        update(&mut app, Action::Back);
        assert_eq!(app.main.count, None);
        update(&mut app, Action::Activate);
        assert_eq!(app.reader.doc, DocIdx(0), "Enter without a count does what it does");
        typed(&mut app, "2");
        update(&mut app, Action::Resize { width: 120, height: 40 });
        assert_eq!(app.main.count, Some(2), "a resize is not a key");
        update(&mut app, Action::FocusNext);
        assert_eq!((app.main.count, app.main.focus), (None, Pane::Claims), "the other key acts as usual");
        typed(&mut app, "99999999999999999999");
        assert_eq!(app.main.count, Some(999_999_999_999), "at most twelve digits");
    }
}
