//! Rendering: a pure function of the explorer's state into a ratatui frame.
//! Nothing here changes state; every string from the corpus goes through
//! [`crate::text::sanitize`] (directly or via [`crate::text::wrap`]) before it is drawn.

mod lists;
mod overlays;
mod text;
pub mod theme;
mod views;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use crate::data::model::{ClaimIdx, Corpus};
use crate::state::geometry::{self, MIN_HEIGHT, MIN_WIDTH};
use crate::state::{App, Overlay, Pane, Stepping};
use crate::text::sanitize;
use crate::text::wrap::{TextLayout, fit, graphemes, shown, trim_end};
use theme::Theme;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let theme = Theme { no_color: app.settings.no_color };
    let area = frame.area();
    let g = app.derived.geometry;
    if g.too_small {
        too_small(frame, area, &theme);
        return;
    }
    // A full view covers everything but the status line: what is under it
    // is not drawn, so the view's frame costs only the view.
    let full_view = matches!(app.overlay, Some(Overlay::Dossier(_) | Overlay::Compare(_) | Overlay::Overview(_)));
    if !full_view {
        header(frame, app, g.header, &theme);
        if let Some(r) = g.entities {
            lists::entities(frame, app, r, &theme);
        }
        text::draw(frame, app, g.text, &theme);
        if let Some(r) = g.claims {
            lists::claims(frame, app, r, &theme);
        }
    }
    status(frame, app, g.status, &theme);
    match &app.overlay {
        Some(Overlay::Finder(f)) => overlays::finder(frame, app, f, &theme),
        Some(Overlay::Help { scroll }) => overlays::help(frame, *scroll, &theme),
        Some(Overlay::Relations { from, choices, cursor, purpose }) => {
            overlays::relations(frame, app, *from, choices, *cursor, *purpose, &theme)
        }
        Some(Overlay::Dossier(d)) => views::dossier(frame, app, d, &theme),
        Some(Overlay::Compare(c)) => views::compare(frame, app, c, &theme),
        Some(Overlay::Overview(o)) => views::overview(frame, app, o, &theme),
        Some(Overlay::Search { .. }) | None => {}
    }
}

/// A pane's bordered block; the focused pane's border is highlighted (and thick without colour).
pub fn pane_block(title: String, focused: bool, theme: &Theme) -> Block<'static> {
    let border_type = if focused && theme.no_color { BorderType::Thick } else { BorderType::Plain };
    Block::new()
        .borders(Borders::ALL)
        .border_type(border_type)
        .border_style(theme.border(focused))
        .title(Line::from(Span::styled(format!(" {title} "), theme.title(focused))))
}

/// A title cut to fit a pane of `width` columns (inside its corners and padding).
pub fn fit_title(title: &str, width: usize) -> String {
    fit(title, width.saturating_sub(4))
}

/// "[1] analysis 38 · [2] interview 42": the documents that mention the
/// entity with its count in each (with their ids when `ids`), as many as fit
/// in `max` cells, then "+K more". Only what is shown is computed: an entity
/// named in 10,000 documents costs a screenful.
pub fn per_document(
    corpus: &crate::data::model::Corpus,
    e: crate::data::model::EntityIdx,
    ids: bool,
    max: usize,
) -> String {
    let total = corpus.entity_doc_count(e);
    let mut out = String::new();
    let (mut used, mut shown) = (0, 0);
    for (d, n) in corpus.entity_doc_counts(e) {
        let sep = if shown > 0 { " · " } else { "" };
        let part = if ids {
            format!("{sep}[{}] {} {n}", d.index() + 1, sanitize::display_head(&corpus.doc(d).id, max))
        } else {
            format!("{sep}[{}] {n}", d.index() + 1)
        };
        let left = total - shown - 1;
        let reserve = if left > 0 { format!(" · +{left} more").len() } else { 0 };
        let width = crate::text::wrap::cells(&part);
        if used + width + reserve > max {
            break;
        }
        out.push_str(&part);
        used += width;
        shown += 1;
    }
    if shown < total {
        out.push_str(&format!("{}+{} more", if shown > 0 { " · " } else { "" }, total - shown));
    }
    out
}

/// The first `max` lines of `text` wrapped to `width`, safe to show: one
/// string per line. Nothing past them is laid out.
pub fn wrap(text: &str, width: u16, max: usize) -> Vec<String> {
    let layout = TextLayout::first_lines(text, width, max);
    layout
        .lines
        .iter()
        .map(|l| {
            let mut out = String::new();
            let mut col = 0;
            for (at, g) in graphemes(trim_end(&text[l.range()])) {
                let (s, w) = shown(text, l.start as usize + at, g, col);
                out.push_str(&s);
                col += w;
            }
            out
        })
        .collect()
}

/// `items`, each sanitized on its own, joined by `sep` as far as `cells`
/// cells go (and a little more, so what cuts or wraps it sees more follows):
/// a claim about 100,000 entities costs the names that fit.
pub fn join_head<'a>(items: impl IntoIterator<Item = &'a str>, sep: &str, cells: usize) -> String {
    let mut out = String::new();
    for (i, item) in items.into_iter().enumerate() {
        let used = crate::text::wrap::cells(&out);
        if used > cells {
            break;
        }
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(&sanitize::display_head(item, cells - used));
    }
    out
}

/// Who makes a claim, borrowed when it is an entity (a name may be huge,
/// and a frame should not copy it).
pub fn claimant(corpus: &Corpus, c: ClaimIdx) -> std::borrow::Cow<'_, str> {
    match corpus.claim(c).claimant {
        Some(e) => std::borrow::Cow::Borrowed(&corpus.entity(e).name),
        None => std::borrow::Cow::Owned(corpus.claimant_name(c)),
    }
}

fn too_small(frame: &mut Frame, area: Rect, theme: &Theme) {
    let msg = format!(
        "Terminal too small ({}x{}). dossier needs at least {MIN_WIDTH}x{MIN_HEIGHT}: enlarge the window, or press q to quit.",
        area.width, area.height
    );
    let y = area.height / 2;
    let lines = (area.height > 0)
        .then(|| Paragraph::new(msg).style(theme.bold()).alignment(Alignment::Center).wrap(Wrap { trim: true }));
    if let Some(p) = lines {
        let r = Rect { y: area.y + y.saturating_sub(1), height: area.height - y.saturating_sub(1), ..area };
        frame.render_widget(p, r);
    }
}

fn header(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    let mut spans = vec![Span::styled(" dossier ", theme.header())];
    for (d, label) in geometry::doc_tab_labels(&app.corpus, app.reader.doc, area.width) {
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {label} "), theme.tab(d == app.reader.doc)));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
    let position = format!("doc {}/{} ", app.reader.doc.index() + 1, app.corpus.documents().len());
    frame.render_widget(Paragraph::new(position).style(theme.dim()).alignment(Alignment::Right), area);
}

fn status(frame: &mut Frame, app: &App, area: Rect, theme: &Theme) {
    if let Some(Overlay::Search { query }) = &app.overlay {
        let line = Line::from(vec![
            Span::styled("/", theme.accent()),
            Span::raw(sanitize::display_head(query, area.width as usize).into_owned()),
            Span::styled("█", theme.accent()),
            Span::styled("   Enter search · Esc cancel", theme.dim()),
        ]);
        frame.render_widget(Paragraph::new(line), area);
        // E.g. that a paste was cut to the longest search: over the end of
        // a query that long.
        if let Some(message) = &app.message {
            let message = Span::styled(format!(" {message} "), theme.header());
            frame.render_widget(Paragraph::new(message).alignment(Alignment::Right), area);
        }
        return;
    }
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
    let info = match &app.message {
        Some(m) => sanitize::display_head(m, area.width as usize).into_owned(),
        None => stepping_info(app, area.width as usize).unwrap_or_default(),
    };
    let hints = "? help · f find · n/N next · Tab pane · q quit ";
    let left = vec![
        Span::styled(format!(" {pane} "), theme.header()),
        Span::raw(" "),
        Span::styled(position, theme.dim()),
        Span::raw("  "),
        Span::raw(info),
    ];
    let left_width: usize = left.iter().map(|s| s.width()).sum();
    let room = (area.width as usize).saturating_sub(left_width + 1);
    frame.render_widget(Paragraph::new(Line::from(left)), area);
    if room >= 20 {
        let hint = fit(hints, room);
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(hint, theme.dim()))).alignment(Alignment::Right),
            area,
        );
    }
}

fn list_position(row: Option<usize>, len: usize) -> String {
    match row {
        Some(r) => format!("{}/{len}", r + 1),
        None => format!("0/{len}"),
    }
}

/// What n/N would step through, when nothing else is being said.
fn stepping_info(app: &App, width: usize) -> Option<String> {
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
        None => format!("{name} · {} mentions", app.corpus.mention_count(e)),
    })
}

/// A style applied to a whole line of spans.
pub fn restyle(line: Line<'static>, style: Style) -> Line<'static> {
    let spans = line.spans.into_iter().map(|s| Span::styled(s.content, s.style.patch(style))).collect::<Vec<_>>();
    Line::from(spans)
}
