//! Detail boxes that say what they hide. A box (the Entities or Claims
//! pane's detail) is made of [`Part`]s — the name, the aliases, each
//! relation, the note — and [`fit_parts`] shows as many whole lines of them as
//! the box holds; when something does not fit, the last line says what,
//! counted from the content (`… +3 relations, note — K shows all`), and the
//! last line shown of a field cut short ends in `…`. Parts may come with
//! more items than they laid out (a claim with thousands of relations lays
//! out a boxful and counts the rest), so a box costs what it shows.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::text::wrap::{TextLayout, cells, fit as fit_cells, graphemes, shown, trim_end};

/// How much of a text field is laid out to count its hidden lines: past
/// this many, it is said to have this many.
pub const LINES_COUNTED: usize = 500;

/// What a part's hidden content is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A field of text: counted in lines when some of it shows
    /// (`4 lines of description`), named when none does (`description`).
    Text(&'static str),
    /// Things counted one by one: (one, many), `1 relation`, `3 relations`.
    Items(&'static str, &'static str),
}

/// One field or item of a detail box, laid out.
#[derive(Debug, Clone)]
pub struct Part {
    unit: Unit,
    lines: Vec<Line<'static>>,
    /// For each line, how many of the part's items are whole once it shows.
    done: Vec<usize>,
    /// The part's items, laid out or not.
    total: usize,
    /// Gives way first, down to this many lines (a claim's text, so its
    /// relations and notes stay in view).
    yields_to: Option<usize>,
}

impl Part {
    /// A text field of `total` lines, of which `lines` are laid out.
    pub fn text(name: &'static str, lines: Vec<Line<'static>>, total: usize) -> Part {
        let done = (1..=lines.len()).collect();
        let total = total.max(lines.len());
        Part { unit: Unit::Text(name), lines, done, total, yields_to: None }
    }

    /// Items laid out on `lines`, `done[i]` of them whole once line `i`
    /// shows, of `total` in all.
    pub fn items(unit: Unit, lines: Vec<Line<'static>>, done: Vec<usize>, total: usize) -> Part {
        debug_assert_eq!(lines.len(), done.len());
        let total = total.max(done.last().copied().unwrap_or(0));
        Part { unit, lines, done, total, yields_to: None }
    }

    /// One item on `lines` (a relation with its note).
    pub fn item(unit: Unit, lines: Vec<Line<'static>>) -> Part {
        let mut done = vec![0; lines.len()];
        if let Some(last) = done.last_mut() {
            *last = 1;
        }
        Part::items(unit, lines, done, 1)
    }

    /// `count` items that were not laid out at all.
    pub fn uncounted(unit: Unit, count: usize) -> Part {
        Part { unit, lines: Vec::new(), done: Vec::new(), total: count, yields_to: None }
    }

    /// This part gives way before the others, to `min` lines.
    pub fn yielding(mut self, min: usize) -> Part {
        self.yields_to = Some(min);
        self
    }

    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Whether everything the part holds is laid out.
    fn whole(&self) -> bool {
        self.done.last().copied().unwrap_or(0) >= self.total
    }
}

/// What is hidden, counted by unit in the order the units first appear.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Hidden {
    /// A unit, what of it is hidden (items, or lines), and whether all of a text is.
    counts: Vec<(Unit, usize, bool)>,
}

impl Hidden {
    fn add(&mut self, unit: Unit, n: usize, all: bool) {
        if n == 0 {
            return;
        }
        match self.counts.iter_mut().find(|(u, _, _)| *u == unit) {
            Some((_, count, whole)) => {
                *count += n;
                *whole &= all;
            }
            None => self.counts.push((unit, n, all)),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// What is hidden, one entry per unit: `4 lines of description`, `3
    /// relations`, `note`; `compact`, a text partly hidden is only named.
    fn entries(&self, compact: bool) -> Vec<String> {
        self.counts
            .iter()
            .map(|&(unit, n, all)| match unit {
                Unit::Text(name) if all || compact => name.to_string(),
                Unit::Text(name) => {
                    let more = if n >= LINES_COUNTED { "+" } else { "" };
                    format!("{n}{more} line{} of {name}", if n == 1 { "" } else { "s" })
                }
                Unit::Items(one, _) if n == 1 => format!("1 {one}"),
                Unit::Items(_, many) => format!("{n} {many}"),
            })
            .collect()
    }

    /// `4 lines of description, 3 relations, note` (`compact`: `description, 3 relations, note`).
    pub fn list(&self, compact: bool) -> String {
        self.entries(compact).join(", ")
    }

    /// The box's last line: `… +3 relations, note — K shows all`, or as
    /// much of it as `width` holds: the key's words go first, then the
    /// count of a text's lines, then the last entries (`… +2 notes, more (K)`).
    pub fn line(&self, key: &str, width: usize) -> String {
        let (list, compact) = (self.list(false), self.entries(true));
        let mut tries = vec![
            format!("… +{list} — {key} shows all"),
            format!("… +{list} ({key})"),
            format!("… +{} ({key})", compact.join(", ")),
        ];
        tries.extend((1..compact.len()).rev().map(|k| format!("… +{}, more ({key})", compact[..k].join(", "))));
        tries.push(format!("… more ({key})"));
        match tries.iter().find(|t| cells(t) <= width) {
            Some(t) => t.clone(),
            None => fit_cells(&tries[tries.len() - 1], width),
        }
    }
}

/// The lines of `parts` that `height` rows show; when they do not all fit,
/// the last row says what is hidden and that `key` shows it all.
pub fn fit_parts(mut parts: Vec<Part>, height: usize, width: u16, key: &str, hint: Style) -> Vec<Line<'static>> {
    let laid_out: usize = parts.iter().map(Part::len).sum();
    if laid_out <= height && parts.iter().all(Part::whole) {
        return parts.into_iter().flat_map(|p| p.lines).collect();
    }
    if height == 0 {
        return Vec::new();
    }
    let budget = height - 1;
    // The parts that give way first shrink to their minimum.
    let mut excess = laid_out.saturating_sub(budget);
    for part in parts.iter_mut() {
        if excess == 0 {
            break;
        }
        if let Some(min) = part.yields_to {
            let cut = excess.min(part.len().saturating_sub(min));
            part.lines.truncate(part.len() - cut);
            part.done.truncate(part.len());
            excess -= cut;
        }
    }
    let mut hidden = Hidden::default();
    let mut lines = Vec::with_capacity(height);
    for part in parts {
        let room = budget - lines.len();
        let shown = part.len().min(room);
        let whole = part.done.get(shown.wrapping_sub(1)).copied().unwrap_or(0);
        let left = part.total - whole.min(part.total);
        let all = shown == 0;
        hidden.add(part.unit, left, all);
        // A part cut short ends in `…`: a text with lines hidden, an item with some of its lines.
        let cut = shown > 0 && (shown < part.len() || (left > 0 && matches!(part.unit, Unit::Text(_))));
        for (i, line) in part.lines.into_iter().take(shown).enumerate() {
            lines.push(if cut && i + 1 == shown { ellipsis(line, width) } else { line });
        }
    }
    if hidden.is_empty() {
        // Only lines that were laid out beyond what is whole: nothing to say.
        return lines;
    }
    lines.push(Line::styled(hidden.line(key, width as usize), hint));
    lines
}

/// A line cut short: its end makes room for `…`.
fn ellipsis(line: Line<'static>, width: u16) -> Line<'static> {
    let style = line.style;
    let mut spans = line.spans;
    let used: usize = spans.iter().map(|s| cells(&s.content)).sum();
    if used + 1 > width as usize {
        // Take a cell from the last span that has one.
        while let Some(last) = spans.pop() {
            let w = cells(&last.content);
            if w > 0 {
                let kept = fit_cells(&last.content, w - 1);
                let kept = kept.strip_suffix('…').unwrap_or(&kept);
                spans.push(Span::styled(format!("{kept}…"), last.style));
                break;
            }
        }
    } else {
        spans.push(Span::styled("…", spans.last().map_or(Style::new(), |s| s.style)));
    }
    Line::from(spans).style(style)
}

/// The first `show` lines of `text` wrapped to `width`, safe to show, and
/// how many lines it takes in all (at most [`LINES_COUNTED`]).
pub fn wrap_counted(text: &str, width: u16, show: usize) -> (Vec<String>, usize) {
    let layout = TextLayout::first_lines(text, width, LINES_COUNTED.max(show));
    let shown = layout.lines.iter().take(show).map(|l| crate::view::line_text(text, l)).collect();
    (shown, layout.len())
}

/// `items` joined by `sep` after `lead`, wrapped to `width` (`show` lines
/// at most), with how many items each line completes; each item is made
/// safe to show. Only as many items as `show` lines can hold are joined.
pub fn joined(lead: &str, items: &[String], sep: &str, width: u16, show: usize) -> (Vec<String>, Vec<usize>) {
    let room = (width as usize + 1) * (show + 1);
    let mut text = lead.to_string();
    let mut ends = Vec::new();
    for (i, item) in items.iter().enumerate() {
        if cells(&text) > room {
            break;
        }
        if i > 0 {
            text.push_str(sep);
        }
        text.push_str(item);
        ends.push(text.len());
    }
    let layout = TextLayout::first_lines(&text, width, show);
    let mut lines = Vec::new();
    let mut done = Vec::new();
    for l in &layout.lines {
        let end = l.end as usize;
        let mut out = String::new();
        let mut col = 0;
        for (at, g) in graphemes(trim_end(&text[l.range()])) {
            let (s, w) = shown(&text, l.start as usize + at, g, col);
            out.push_str(&s);
            col += w;
        }
        lines.push(out);
        // An item is whole on this line when its end is (a separator may spill over).
        let last = layout.lines.last().is_some_and(|x| x.end == l.end) && end >= text.len();
        done.push(if last { ends.len() } else { ends.partition_point(|&e| e <= end) });
    }
    (lines, done)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect()).collect()
    }

    fn raw(lines: &[&str]) -> Vec<Line<'static>> {
        lines.iter().map(|l| Line::raw(l.to_string())).collect()
    }

    const RELATION: Unit = Unit::Items("relation", "relations");

    #[test]
    fn what_fits_is_shown_as_it_is() {
        let parts = vec![Part::text("name", raw(&["Aslan"]), 1), Part::item(RELATION, raw(&["a →", "  note"]))];
        assert_eq!(text_of(&fit_parts(parts, 3, 30, "K", Style::new())), ["Aslan", "a →", "  note"]);
    }

    #[test]
    fn the_last_line_counts_what_is_hidden() {
        let parts = vec![
            Part::text("name", raw(&["Aslan"]), 1),
            Part::item(RELATION, raw(&["supports → x"])),
            Part::item(RELATION, raw(&["contradicts → y", "  how"])),
            Part::uncounted(RELATION, 2),
            Part::text("note", raw(&["a note"]), 1),
        ];
        let lines = fit_parts(parts, 3, 40, "K", Style::new());
        assert_eq!(text_of(&lines), ["Aslan", "supports → x", "… +3 relations, note — K shows all"]);
    }

    #[test]
    fn a_text_cut_short_ends_in_an_ellipsis_and_counts_its_lines() {
        let parts = vec![
            Part::text("name", raw(&["Aslan"]), 1),
            Part::text("description", raw(&["one two", "three four", "five"]), 7),
        ];
        let lines = fit_parts(parts, 3, 40, "K", Style::new());
        assert_eq!(text_of(&lines), ["Aslan", "one two…", "… +6 lines of description — K shows all"]);
        // Narrower, the key's words go, then the list is cut.
        let one = || vec![Part::text("description", raw(&["a", "b", "c"]), 3)];
        assert_eq!(text_of(&fit_parts(one(), 2, 30, "K", Style::new()))[1], "… +2 lines of description (K)");
        assert_eq!(text_of(&fit_parts(one(), 2, 24, "K", Style::new()))[1], "… +description (K)");
        assert_eq!(text_of(&fit_parts(one(), 2, 17, "K", Style::new()))[1], "… more (K)");
        assert_eq!(text_of(&fit_parts(one(), 2, 8, "K", Style::new()))[1], "… more …");
    }

    #[test]
    fn a_yielding_part_gives_way_first() {
        let parts = vec![
            Part::text("text", raw(&["t1", "t2", "t3", "t4"]), 4).yielding(2),
            Part::item(RELATION, raw(&["r"])),
            Part::text("note", raw(&["n"]), 1),
        ];
        let lines = fit_parts(parts, 5, 40, "K", Style::new());
        assert_eq!(text_of(&lines), ["t1", "t2…", "r", "n", "… +2 lines of text — K shows all"]);
    }

    #[test]
    fn joined_items_are_counted_per_line() {
        let items: Vec<String> = ["Tolegenov", "Аслан Толегенов", "Толегенов"].map(String::from).to_vec();
        let (lines, done) = joined("aka ", &items, ", ", 20, 5);
        assert_eq!(lines, ["aka Tolegenov, Аслан", "Толегенов, Толегенов"]);
        assert_eq!(done, [1, 3], "the second alias is whole on the second line");
        // A fourth alias was not laid out: the box shows one line and counts the other three.
        let parts = vec![Part::items(Unit::Items("alias", "aliases"), raw(&["x", "y"]), done, 4)];
        assert_eq!(text_of(&fit_parts(parts, 2, 30, "K", Style::new())), ["x…", "… +3 aliases — K shows all"]);
    }

    #[test]
    fn hidden_lists_name_singulars_and_plurals() {
        let mut h = Hidden::default();
        h.add(Unit::Text("description"), 4, false);
        h.add(RELATION, 1, false);
        h.add(Unit::Text("note"), 2, true);
        h.add(RELATION, 2, true);
        assert_eq!(h.list(false), "4 lines of description, 3 relations, note");
        assert_eq!(h.list(true), "description, 3 relations, note");
        assert_eq!(h.line("K", 60), "… +4 lines of description, 3 relations, note — K shows all");
        assert_eq!(h.line("K", 37), "… +description, 3 relations, note (K)");
        assert_eq!(h.line("K", 34), "… +description, more (K)");
        assert_eq!(h.line("K", 10), "… more (K)");
        assert_eq!(h.line("K", 6), "… mor…");
    }

    #[test]
    fn wrap_counted_counts_every_line_and_shows_the_first() {
        let (shown, total) = wrap_counted("one two three four five six", 8, 2);
        assert_eq!(shown, ["one two", "three"]);
        assert_eq!(total, 4);
    }
}
