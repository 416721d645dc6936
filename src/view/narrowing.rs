//! What the screen says of the pins and the Claims pane's filters: the
//! panes' titles, the status line's account of the pins, and what an empty
//! Claims list says to widen it. Every name goes through the sanitizer.

use ratatui::text::Line;

use crate::state::{Action, App, Mode, Scope};
use crate::text::sanitize::display_head;
use crate::view::theme::Theme;
use crate::view::{join_head, wrap};

/// A list's scope as its title says it: with pins, "all docs" is the pinned ones.
pub fn scope_label(app: &App, scope: Scope) -> &'static str {
    match scope {
        Scope::Document => "this doc",
        Scope::Corpus if app.reader.pins.is_empty() => "all docs",
        Scope::Corpus => "pinned docs",
    }
}

/// The Claims pane's title: its filters first (they are what the user
/// set last), then the scope, then the selected entity.
pub fn claims_title(app: &App, width: usize) -> String {
    let mut parts = vec!["Claims".to_string()];
    parts.extend(filter_parts(app, width));
    parts.push(scope_label(app, app.reader.claim_scope).to_string());
    if let Some(e) = app.reader.entity {
        parts.push(display_head(&app.corpus.entity(e).name, width).into_owned());
    }
    parts.join(" · ")
}

/// The active claim filters, short: `statistic`, `by Tokayev` (a person
/// by surname, as the list names claimants), `related only`.
pub fn filter_parts(app: &App, width: usize) -> Vec<String> {
    let mut parts = app.reader.claim_filter.parts(&app.corpus, width);
    if let Some(crate::state::claim_filter::Claimant::Entity(e)) = app.reader.claim_filter.claimant {
        if let Some(surname) = app.claimants.entity(e) {
            for part in parts.iter_mut().filter(|p| p.starts_with("by ")) {
                *part = format!("by {}", display_head(surname, width));
            }
        }
    }
    parts
}

/// The status line's account of the pins: `pinned: Tokayev, Putin · 12
/// docs`, the names in at most `cells` cells, and the keys that undo it,
/// ` — p unpins, Esc clears` (left out where the line is short of room).
pub fn pins_status(app: &App, cells: usize) -> Option<(String, String)> {
    let pins = &app.reader.pins;
    if pins.is_empty() {
        return None;
    }
    let names = join_head(pins.entities().iter().map(|&e| app.corpus.entity(e).name.as_str()), ", ", cells);
    let n = pins.documents(&app.corpus);
    let key = |a: Action| Mode::Normal.key(&a);
    // Esc clears them from the main screen; over it, Esc closes the screen.
    let clears = if app.screens.is_empty() { format!(", {} clears", key(Action::Back)) } else { String::new() };
    Some((
        format!("pinned: {names} · {n} doc{}", if n == 1 { "" } else { "s" }),
        format!(" — {} unpins{clears}", key(Action::TogglePin)),
    ))
}

/// What an empty Claims list says: what it was narrowed to, and each way to
/// widen it, with its key: "no statistic claims by Tokayev here", "C
/// clears the filters".
pub fn claims_empty(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let filter = &app.reader.claim_filter;
    let mut what = String::from("no ");
    if let Some(k) = filter.kind {
        what.push_str(k.name());
        what.push(' ');
    }
    what.push_str("claims");
    if let Some(who) = &filter.claimant {
        what.push_str(&format!(" by {}", display_head(who.name(&app.corpus), width)));
    }
    match filter.related {
        crate::state::claim_filter::Related::Any => {}
        crate::state::claim_filter::Related::Related => what.push_str(" related to others"),
        crate::state::claim_filter::Related::Contradicted => what.push_str(" in a contradiction"),
    }
    if let Some(e) = app.reader.entity {
        what.push_str(&format!(" about {}", display_head(&app.corpus.entity(e).name, width)));
    }
    let pins = &app.reader.pins;
    what.push_str(match app.reader.claim_scope {
        Scope::Document if !pins.is_empty() && !pins.allows(app.reader.doc) => {
            " here: this document does not name every pin"
        }
        Scope::Document => " here",
        Scope::Corpus if !pins.is_empty() => " in the documents naming every pin",
        Scope::Corpus => " in any document",
    });
    let key = |a: Action| Mode::Normal.key(&a);
    let mut lines: Vec<Line<'static>> =
        wrap(&what, width as u16, 4).into_iter().map(|l| Line::styled(l, theme.dim())).collect();
    let mut widen = |text: String| lines.push(Line::styled(text, theme.dim()));
    if !filter.is_empty() {
        widen(format!("{} clears the filters", key(Action::ClearClaimFilters)));
    }
    if app.reader.claim_scope == Scope::Document {
        widen(format!("{} shows all documents", key(Action::ToggleScope)));
    }
    if app.reader.entity.is_some() {
        widen(format!("{} clears the entity", key(Action::Back)));
    }
    if !pins.is_empty() {
        widen(format!("{} on a pinned entity unpins it", key(Action::TogglePin)));
    }
    lines
}
