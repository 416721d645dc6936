//! Moving the reader: to a document, a line, a mention, a claim, a search
//! match. Every screen that leads somewhere in the text goes through these,
//! so a jump from the finder, a dossier or the overview lands the same way.

use super::{App, Scope, Stepping};
use crate::data::model::{ClaimIdx, DocIdx, EntityIdx, MentionIdx};

/// Goes to another document by the user's choice: stepping then starts from
/// where they are, not from a mention they left behind.
pub(crate) fn leave_for(app: &mut App, doc: DocIdx) {
    if doc != app.reader.doc {
        app.reader.mention = None;
    }
    switch_doc(app, doc);
}

pub(crate) fn switch_doc(app: &mut App, doc: DocIdx) {
    if doc != app.reader.doc {
        app.reader.doc = doc;
        // Lay out the new document before anything scrolls in it.
        app.settle();
        // Its Entities list (and so its detail) on the selected entity, where
        // it lists it: not on whatever its cursor was on when last there.
        if let Some(e) = app.reader.entity {
            point_entities_at(app, e);
        }
    }
}

/// Shows `line` at the top (as far as the end of the text allows).
pub(crate) fn scroll_to_line(app: &mut App, line: usize) {
    let height = app.text_height();
    let Some(layout) = app.layout() else { return };
    if layout.is_empty() {
        return;
    }
    let line = line.min(layout.len().saturating_sub(height)).min(layout.len() - 1);
    let start = layout.lines[line].start as usize;
    app.reader.views[app.reader.doc.index()].top = start;
}

/// Where the selected mention starts, when it is in the document shown and on screen.
pub(crate) fn shown_mention(app: &App) -> Option<usize> {
    let m = app.corpus.mention(app.reader.mention?);
    if m.doc != app.reader.doc || app.derived.geometry.too_small {
        return None;
    }
    let line = app.layout()?.line_of(m.span.start as usize);
    let top = app.top_line();
    (line >= top && line < top + app.text_height()).then_some(m.span.start as usize)
}

/// Scrolls so the text at `byte` is shown, a third of the way down, unless it already is.
pub(crate) fn reveal(app: &mut App, byte: usize) {
    let height = app.text_height();
    let top = app.top_line();
    let Some(layout) = app.layout() else { return };
    let line = layout.line_of(byte);
    if line < top || line >= top + height {
        scroll_to_line(app, line.saturating_sub(height / 3));
    }
}

/// Scrolls so the text from `start` to `end` (bytes) is wholly shown,
/// unless it already is: its start a third of the way down where the rest
/// still fits, higher where it would not; a stretch longer than the view
/// with its start in the top third.
pub(crate) fn reveal_span(app: &mut App, start: usize, end: usize) {
    let height = app.text_height();
    let top = app.top_line();
    let Some(layout) = app.layout() else { return };
    let first = layout.line_of(start);
    let last = layout.line_of(end.saturating_sub(1).max(start));
    if first >= top && last < top + height {
        return;
    }
    let lines = last - first + 1;
    let above = if lines <= height { (height / 3).min(height - lines) } else { height / 3 };
    scroll_to_line(app, first.saturating_sub(above));
}

pub(crate) fn go_to_mention(app: &mut App, m: MentionIdx) {
    let mention = *app.corpus.mention(m);
    switch_doc(app, mention.doc);
    app.reader.mention = Some(m);
    point_entities_at(app, mention.entity);
    reveal(app, mention.span.start as usize);
    if let Some((k, n)) = app.mention_position() {
        let name = &app.corpus.entity(mention.entity).name;
        app.message = Some(format!(
            "{} · mention {k}/{n} · document {}/{}",
            crate::text::sanitize::display(name),
            mention.doc.index() + 1,
            app.corpus.documents().len()
        ));
    }
}

/// Selects an entity: its mentions stand out, the claims narrow to it, and
/// the text shows its first mention (in this document if it has one).
pub(crate) fn select_entity(app: &mut App, e: EntityIdx) {
    app.reader.entity = Some(e);
    app.reader.mention = None;
    app.reader.stepping = Stepping::Mentions;
    app.reader.claim_scope = Scope::Corpus;
    let first =
        app.corpus.entity_mentions_in(e, app.reader.doc).first().or_else(|| app.corpus.entity_mentions(e).first());
    match first.copied() {
        Some(m) => go_to_mention(app, m),
        None => {
            let name = crate::text::sanitize::display(&app.corpus.entity(e).name).into_owned();
            app.message = Some(format!("{name} has no mentions"));
        }
    }
    point_entities_at(app, e);
}

/// Moves the Entities list's cursor to the entity, bringing it into view.
pub(crate) fn point_entities_at(app: &mut App, e: EntityIdx) {
    let height = app.entity_list_height();
    let rows = &app.derived.entity_rows;
    app.reader.views[app.reader.doc.index()].entities.jump(e, rows.iter().map(|r| r.entity), height);
}

/// Goes to a claim: its document, its span marked and shown.
pub(crate) fn go_to_claim(app: &mut App, c: ClaimIdx) {
    let claim = app.corpus.claim(c);
    let (doc, start, end) = (claim.doc, claim.span.start as usize, claim.span.end as usize);
    leave_for(app, doc);
    app.reader.views[doc.index()].claim = Some(c);
    let height = app.claim_list_height();
    let rows = &app.derived.claim_rows;
    app.reader.views[doc.index()].claims.jump(c, rows.iter().copied(), height);
    reveal_span(app, start, end);
}

pub(crate) fn step_search(app: &mut App, forward: bool) {
    let top = app.top_byte();
    let shown = |app: &App, i: usize| {
        let Some(s) = &app.reader.search else { return false };
        let first = app.top_line();
        app.layout()
            .is_some_and(|l| (first..first + app.text_height()).contains(&l.line_of(s.matches[i].start as usize)))
    };
    let current = app.reader.search.as_ref().and_then(|s| s.current).filter(|&i| shown(app, i));
    let Some(search) = &mut app.reader.search else { return };
    let n = search.matches.len();
    let next = match current {
        Some(i) if forward => (i + 1) % n,
        Some(i) => (i + n - 1) % n,
        None => {
            let after = search.matches.partition_point(|s| (s.start as usize) < top);
            if forward { after % n } else { (after + n - 1) % n }
        }
    };
    search.current = Some(next);
    let start = search.matches[next].start as usize;
    let msg = format!("match {}/{n} for \"{}\"", next + 1, crate::text::sanitize::display(&search.query));
    reveal(app, start);
    app.message = Some(msg);
}
