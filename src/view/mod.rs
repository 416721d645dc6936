//! Rendering: a pure function of the explorer's state into a ratatui frame.
//! Nothing here changes state; every string from the corpus goes through
//! [`crate::text::sanitize`] (directly or via [`crate::text::wrap`]) before
//! it is drawn. [`screens`] mirrors [`crate::state::screens`]; [`panes`]
//! are the main screen's three panes; [`facts`] draws what other tools'
//! files said about a mention, wherever that is shown; [`narrowing`] says
//! what the pins and the claim filters narrow.

pub mod detail_fit;
pub mod facts;
pub mod narrowing;
pub mod palette;
pub mod panes;
pub mod screens;
pub mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

use crate::data::model::{ClaimIdx, Corpus};
use crate::state::geometry::{MIN_HEIGHT, MIN_WIDTH};
use crate::state::{Action, App, Mode, Screen};
use crate::text::sanitize;
use crate::text::wrap::{TextLayout, fit, graphemes, shown, trim_end};
use theme::Theme;

/// Draws the whole screen, in the colours of the palette asked for.
pub fn draw(frame: &mut Frame, app: &App) {
    draw_screen(frame, app);
    if app.settings.palette == crate::state::look::Palette::Light && !app.settings.no_color {
        palette::for_light_background(frame.buffer_mut());
    }
}

fn draw_screen(frame: &mut Frame, app: &App) {
    let theme = Theme { no_color: app.settings.no_color, cursor: app.settings.cursor };
    let area = frame.area();
    let g = app.derived.geometry;
    if g.too_small {
        too_small(frame, area, &theme);
        return;
    }
    let top = app.screens.top();
    // The filter line is typed over the screen it filters, which stays in view.
    let shown = match top {
        Some(Screen::Filter(_)) => app.screens.beneath_top(),
        other => other,
    };
    // A full view covers everything but the status line: what is under it
    // is not drawn, so the view's frame costs only the view.
    if !shown.is_some_and(Screen::is_full) {
        screens::main::draw(frame, app, &theme);
    }
    match top {
        Some(Screen::SearchPrompt(prompt)) => screens::search_prompt::draw(frame, app, prompt, g.status, &theme),
        Some(Screen::Goto(prompt)) => screens::goto_prompt::draw(frame, app, prompt, g.status, &theme),
        Some(Screen::Documents(picker)) => screens::documents::status(frame, app, picker, g.status, &theme),
        Some(Screen::Filter(prompt)) => screens::filter_prompt::draw(frame, app, prompt, g.status, &theme),
        Some(screen) if status::draw(frame, app, screen, g.status, &theme) => {}
        _ => screens::main::status(frame, app, g.status, &theme),
    }
    if let Some(screen) = shown {
        screens::draw(frame, app, screen, &theme);
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
    layout.lines.iter().map(|l| line_text(text, l)).collect()
}

/// One laid-out line of `text` as it shows: trailing space trimmed, every
/// grapheme made safe to show.
pub fn line_text(text: &str, line: &crate::text::wrap::VisualLine) -> String {
    let mut out = String::new();
    let mut col = 0;
    for (at, g) in graphemes(trim_end(&text[line.range()])) {
        let (s, w) = shown(text, line.start as usize + at, g, col);
        out.push_str(&s);
        col += w;
    }
    out
}

/// A status line: `left` from the left edge, `hints` (dim) against the
/// right one where at least 20 cells are left for them.
pub fn status_line(frame: &mut Frame, area: Rect, left: Vec<Span<'_>>, hints: &str, theme: &Theme) {
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
        "Terminal too small ({}x{}). dossier needs at least {MIN_WIDTH}x{MIN_HEIGHT}: enlarge the window, or press {} to quit.",
        area.width,
        area.height,
        Mode::Normal.key(&Action::Quit)
    );
    let y = area.height / 2;
    let lines = (area.height > 0)
        .then(|| Paragraph::new(msg).style(theme.bold()).alignment(Alignment::Center).wrap(Wrap { trim: true }));
    if let Some(p) = lines {
        let r = Rect { y: area.y + y.saturating_sub(1), height: area.height - y.saturating_sub(1), ..area };
        frame.render_widget(p, r);
    }
}

/// A style applied to a whole line of spans.
pub fn restyle(line: Line<'static>, style: Style) -> Line<'static> {
    let spans = line.spans.into_iter().map(|s| Span::styled(s.content, s.style.patch(style))).collect::<Vec<_>>();
    Line::from(spans)
}
