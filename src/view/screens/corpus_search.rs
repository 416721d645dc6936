//! The corpus-wide search: the query line with how it is matched, and the
//! hits grouped by document, each in its line with the hit highlighted.
//! Only the rows on screen are made: 100,000 hits cost a screenful.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{frame_block, row};
use crate::query::corpus_search::{Hit, Row, Search, line_context};
use crate::state::screens::corpus_search::{Found, list_area};
use crate::state::{Action, App, CorpusSearchScreen, Mode, visible_offset};
use crate::text::number::{counted, thousands};
use crate::text::wrap::{cells, fit, fit_tail};
use crate::view::theme::Theme;

fn key(action: Action) -> String {
    Mode::CorpusSearch.key(&action)
}

/// The title: how many hits in how many documents, or how far the search has got.
fn title(app: &App, s: &CorpusSearchScreen) -> String {
    let what = match &s.found {
        Found::Nothing => return "Search every document".into(),
        Found::Invalid(_) => return "Search every document · not a regular expression".into(),
        Found::Searching(search) => {
            return format!(
                "Search every document · searching… {} of {} documents · {} so far",
                thousands(search.searched()),
                thousands(app.corpus.documents().len()),
                counted(search.hits().len(), "hit", "hits")
            );
        }
        Found::Done(search) => search,
    };
    let docs = counted(what.docs().len(), "document", "documents");
    if what.hits().is_empty() {
        format!("Search every document · no hits in {}", counted(app.corpus.documents().len(), "document", "documents"))
    } else if what.is_capped() {
        format!(
            "Search every document · the first {} hits, in {docs} (the search stops there)",
            thousands(what.hits().len())
        )
    } else {
        format!("Search every document · {} in {docs}", counted(what.hits().len(), "hit", "hits"))
    }
}

pub fn draw(frame: &mut Frame, app: &App, s: &CorpusSearchScreen, theme: &Theme) {
    let area = crate::state::geometry::view(app.area);
    let hint = format!(
        "{} goes to the hit · {} next document · {} {} · {} closes",
        key(Action::Activate),
        key(Action::FocusNext),
        key(Action::ToggleRegex),
        if s.regex { "literal" } else { "regex" },
        key(Action::Back)
    );
    frame_block(frame, area, title(app, s), &hint, theme);
    let inner = crate::state::geometry::inner(area);
    let width = inner.width as usize;
    let how = format!(
        " {} · {} ",
        if s.regex { "regular expression" } else { "literal" },
        match s.search().map(|x| x.pattern().case_sensitive) {
            Some(true) => "case counts",
            _ => "any case",
        }
    );
    let room = width.saturating_sub(cells(&how) + 3);
    let input = Line::from(vec![
        Span::styled("› ", theme.accent()),
        Span::raw(fit_tail(s.query.text(), room)),
        Span::styled("█", theme.accent()),
    ]);
    let line = Rect { height: 1, ..inner };
    frame.render_widget(Paragraph::new(input), line);
    frame.render_widget(Paragraph::new(Span::styled(how, theme.dim())).alignment(Alignment::Right), line);
    let rule = Rect { y: inner.y + 1, height: 1, ..inner };
    let under = match &s.found {
        Found::Invalid(why) => Line::styled(fit(&format!("✗ {why}"), width), theme.relation(true)),
        _ => Line::styled("─".repeat(width), theme.dim()),
    };
    frame.render_widget(Paragraph::new(under), rule);

    let list = list_area(app.area);
    let lines = match s.search() {
        Some(search) if search.row_count() > 0 => rows(app, s, search, list, theme),
        _ => empty_hint(app, s).iter().map(|l| Line::styled(fit(l, list.width as usize), theme.dim())).collect(),
    };
    frame.render_widget(Paragraph::new(lines), list);
}

/// What to do when there is nothing to show, a line each.
fn empty_hint(app: &App, s: &CorpusSearchScreen) -> Vec<String> {
    let other = if s.regex { "a literal" } else { "a regular expression" };
    let toggle = format!(" {} searches for it as {other}", key(Action::ToggleRegex));
    match &s.found {
        Found::Nothing => vec![
            " type a word or a phrase to find it in every document".into(),
            " a capital letter makes case count; quotes and dashes of every kind are alike".into(),
            format!(" {} for {other}", key(Action::ToggleRegex)),
        ],
        Found::Invalid(_) => vec![format!(" {} edits it;{toggle}", key(Action::DeleteChar))],
        Found::Searching(_) => vec![" searching…".into()],
        Found::Done(_) => vec![
            format!(" nothing in {} matches", counted(app.corpus.documents().len(), "document", "documents")),
            format!(" {} widens it;{toggle}; {} closes", key(Action::DeleteChar), key(Action::Back)),
        ],
    }
}

fn rows(app: &App, s: &CorpusSearchScreen, search: &Search, list: Rect, theme: &Theme) -> Vec<Line<'static>> {
    let width = list.width as usize;
    let mut lines = Vec::new();
    // The cursor in view even when the window has shrunk since it moved.
    let offset = visible_offset(s.list.offset, s.list.cursor, search.row_count(), list.height as usize);
    for r in (offset..).take(list.height as usize) {
        let Some(what) = search.row(r) else { break };
        let line = match what {
            Row::Doc(k) => doc_line(app, search, k, width, theme),
            Row::Hit(i) => hit_line(app, &search.hits()[i], width, theme),
        };
        lines.push(row(line, r == s.list.cursor, theme));
    }
    lines
}

/// A document's header: `[12] d11 Title · 5 hits`.
fn doc_line(app: &App, search: &Search, k: usize, width: usize, theme: &Theme) -> Line<'static> {
    let group = search.docs()[k];
    let doc = app.corpus.doc(group.doc);
    let count = format!(" · {}", counted(group.count as usize, "hit", "hits"));
    let number = format!("[{}] ", thousands(group.doc.index() + 1));
    let id = format!("{} ", fit(&doc.id, width / 4));
    let room = width.saturating_sub(cells(&number) + cells(&id) + cells(&count));
    Line::from(vec![
        Span::styled(number, theme.accent()),
        Span::styled(id, theme.dim()),
        Span::styled(fit(doc.display_title(), room), theme.bold()),
        Span::styled(count, theme.dim()),
    ])
}

/// A hit in its line: `  12:5  …what leads up to it HIT what follows…`,
/// the hit a third of the way in.
fn hit_line(app: &App, hit: &Hit, width: usize, theme: &Theme) -> Line<'static> {
    let text = &app.corpus.doc(hit.doc).text;
    let at = format!("{:>9}  ", format!("{}:{}", hit.line, hit.column));
    let left_width = width.saturating_sub(cells(&at)) * 2 / 5;
    let (before, it, after) = line_context(text, hit.span, left_width + 1, width);
    let it = fit(it, width.saturating_sub(cells(&at)) / 2);
    let left = fit_tail(before, left_width);
    let right_width = width.saturating_sub(cells(&at) + left_width + cells(&it));
    Line::from(vec![
        Span::styled(at, theme.dim()),
        Span::raw(format!("{}{left}", " ".repeat(left_width.saturating_sub(cells(&left))))),
        Span::styled(it, theme.search_match()),
        Span::raw(fit(after, right_width)),
    ])
}
