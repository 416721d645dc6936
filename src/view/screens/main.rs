//! The main screen: the documents along the top, the Entities, Text and
//! Claims panes (see [`crate::view::panes`]), and the status line.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::state::{Action, App, Mode, Pane, Stepping};
use crate::text::sanitize;
use crate::text::wrap::{TextLayout, cells};
use crate::view::panes;
use crate::view::theme::Theme;

/// The document tabs and the panes (not the status line).
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) {
    let g = app.derived.geometry;
    header(frame, app, g.header, theme);
    if let Some(r) = g.entities {
        panes::lists::entities(frame, app, r, theme);
    }
    panes::text::draw(frame, app, g.text, theme);
    if let Some(r) = g.claims {
        panes::lists::claims(frame, app, r, theme);
    }
}

fn header(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let bar = crate::state::tabs::tab_bar(&app.corpus, app.reader.doc, area.width);
    let mut spans = vec![Span::styled(" dossier ", theme.header())];
    if bar.before.is_some() {
        spans.push(Span::styled(" …", theme.dim()));
    }
    for (d, label, _) in bar.tabs {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {label} "), theme.tab(d == app.reader.doc)));
    }
    if bar.after.is_some() {
        spans.push(Span::styled(" …", theme.dim()));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    frame.render_widget(Paragraph::new(bar.position).style(theme.dim()).alignment(Alignment::Right), area);
}

pub fn status(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let pane = app.main.focus.name();
    let position = match app.main.focus {
        Pane::Text => {
            let total = app.layout().map_or(0, TextLayout::len);
            let top = app.top_line();
            format!("line {}/{}", (top + 1).min(total), total)
        }
        Pane::Entities => list_position(
            app.derived.entity_rows.iter().position(|r| Some(r.entity) == app.view().entities.item),
            app.derived.entity_rows.len(),
        ),
        Pane::Claims => list_position(
            app.derived.claim_rows.iter().position(|&c| Some(c) == app.view().claims.item),
            app.derived.claim_rows.len(),
        ),
    };
    // Cut to the line: a message can quote a name of any length.
    let info = match (&app.message, super::goto_prompt::count_info(app)) {
        (_, Some(count)) => count,
        (Some(m), None) => sanitize::display_head(m, area.width as usize).into_owned(),
        (None, None) => stepping_info(app, area.width as usize).unwrap_or_default(),
    };
    let key = |a: Action| Mode::Normal.key(&a);
    let hints = format!(
        "{} help · {} find · {}/{} next · {} pane · {} quit ",
        key(Action::OpenHelp),
        key(Action::OpenFinder),
        key(Action::Next),
        key(Action::Prev),
        key(Action::FocusNext),
        key(Action::Quit)
    );
    let mut left = vec![
        Span::styled(format!(" {pane} "), theme.header()),
        Span::raw(" "),
        Span::styled(position, theme.dim()),
        Span::raw("  "),
    ];
    if let Some((pins, keys)) = crate::view::narrowing::pins_status(app, area.width as usize / 3) {
        // The keys that undo the pins give way first, then the end of what is said.
        let used: usize = left.iter().map(Span::width).sum();
        let wanted = used + cells(&pins) + cells(&keys) + if info.is_empty() { 0 } else { 2 + cells(&info) };
        let keys = if wanted <= area.width as usize { keys } else { String::new() };
        left.push(Span::styled(pins + &keys, theme.accent()));
        left.push(Span::raw("  "));
    }
    let used: usize = left.iter().map(Span::width).sum();
    left.push(Span::raw(crate::text::wrap::fit(&info, (area.width as usize).saturating_sub(used))));
    crate::view::status_line(frame, area, left, &hints, theme);
}

fn list_position(row: Option<usize>, len: usize) -> String {
    match row {
        Some(r) => format!("{}/{len}", r + 1),
        None => format!("0/{len}"),
    }
}

/// What n/N would step through, when nothing else is being said.
fn stepping_info(app: &App, width: usize) -> Option<String> {
    if app.reader.stepping == Stepping::Corpus {
        if let Some(position) = app.reader.corpus.position(width) {
            return Some(position);
        }
    }
    if app.reader.stepping == Stepping::Search {
        if let Some(s) = &app.reader.search {
            let at = s.current.map_or("-".to_string(), |c| (c + 1).to_string());
            let query = sanitize::display_head(&s.query, width);
            return Some(format!("search \"{query}\": match {at}/{}", s.matches.len()));
        }
    }
    let e = app.reader.entity?;
    let name = sanitize::display_head(&app.corpus.entity(e).name, width).into_owned();
    Some(match app.mention_position() {
        Some((k, n)) => {
            let m = app.corpus.mention(app.reader.mention?);
            format!("{name} · mention {k}/{n} · document {}/{}", m.doc.index() + 1, app.corpus.documents().len())
        }
        None => {
            format!("{name} · {}", crate::text::number::counted(app.corpus.mention_count(e), "mention", "mentions"))
        }
    })
}
