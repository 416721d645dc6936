//! The documents' tabs along the top, laid out for a width: one pure
//! function ([`tab_bar`]), used both to draw the header and to tell which
//! tab a click lands on, so the two agree.
//!
//! The tabs are the current document (its title as whole as it can be)
//! and as many of its neighbours as fit at a readable width, the titles
//! then sharing what is left: a title gets
//! all it needs while the others are content with less, so two titles at
//! 200 columns are shown whole rather than cut at 45 with 90 columns
//! empty. A `…` at either end says documents are left out, and the
//! position (`5,000 of 10,000`) says where the tabs are in the corpus. A
//! frame measures only the titles it might show.

use std::ops::Range;

use crate::data::model::{Corpus, DocIdx};
use crate::text::number::thousands;
use crate::text::sanitize::display_head;
use crate::text::wrap::{fit, shown_width};

/// Width of the header's lead-in (` dossier `) before the tabs.
pub const LEAD: u16 = 9;

/// The narrowest a neighbour's label is cut to (its number, and enough of
/// the title to tell it by).
const READABLE: usize = 16;

/// How wide the current document's label may be (and at most half the
/// header) before its neighbours are given room, when not every document fits.
const CURRENT: usize = 48;

/// The longest label, in cells: as much as the widest header shows.
const LONGEST: usize = 200;

/// The header laid out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabBar {
    /// Each tab: its document, its label, and the columns it takes (its
    /// label with a space either side).
    pub tabs: Vec<(DocIdx, String, Range<u16>)>,
    /// Where the `…` that says documents before (after) the tabs are not shown goes.
    pub before: Option<u16>,
    pub after: Option<u16>,
    /// The position, written at the right: `doc 1/2`, or `5,000 of 10,000`
    /// when not every document has a tab.
    pub position: String,
}

/// A tab's label before it is cut: its number from 1 and its title, safe to show.
fn label(corpus: &Corpus, d: DocIdx) -> String {
    // Cut before it is copied: a title may be megabytes.
    format!("{} {}", d.index() + 1, display_head(corpus.doc(d).display_title(), LONGEST))
}

/// The tabs for the document `current` in a header `width` columns wide.
pub fn tab_bar(corpus: &Corpus, current: DocIdx, width: u16) -> TabBar {
    let n = corpus.documents().len();
    let (cur, total) = (current.index() + 1, n);
    let short = format!("doc {cur}/{total} ");
    if let Some(bar) = lay_out(corpus, current, width, &short, true) {
        return bar;
    }
    let long = format!("{} of {} ", thousands(cur), thousands(total));
    lay_out(corpus, current, width, &long, false).expect("laid out when some may be left out")
}

/// The tabs with `position` at the right; `None` when `all` is asked and
/// not every document fits.
fn lay_out(corpus: &Corpus, current: DocIdx, width: u16, position: &str, all: bool) -> Option<TabBar> {
    let n = corpus.documents().len();
    let room = (width as usize).saturating_sub(LEAD as usize + position.chars().count() + 1);
    // Each tab takes its label, a space either side and one before it.
    let mut needs: Vec<(usize, String)> = Vec::new();
    let need = |d: usize| {
        let l = label(corpus, DocIdx::from_index(d));
        (shown_width(&l).min(LONGEST), l)
    };
    let cur = current.index();
    let (mut lo, mut hi) = (cur, cur + 1);
    needs.push(need(cur));
    let cost = |w: usize| w.min(READABLE) + 3;
    // The current tab is kept readable first: when not every document
    // fits, it gets up to this much before neighbours are added.
    let mut used = needs[0].0.min(CURRENT.min(room / 2)) + 3;
    let markers = |lo: usize, hi: usize| 2 * (usize::from(lo > 0) + usize::from(hi < n));
    loop {
        let mut grew = false;
        if hi < n {
            let next = need(hi);
            if used + cost(next.0) + markers(lo, hi + 1) <= room {
                used += cost(next.0);
                needs.push(next);
                hi += 1;
                grew = true;
            }
        }
        if lo > 0 {
            let next = need(lo - 1);
            if used + cost(next.0) + markers(lo - 1, hi) <= room {
                used += cost(next.0);
                needs.insert(0, next);
                lo -= 1;
                grew = true;
            }
        }
        if !grew {
            break;
        }
    }
    if all && (lo > 0 || hi < n) {
        return None;
    }
    let k = hi - lo;
    let for_labels = room.saturating_sub(3 * k + markers(lo, hi));
    let wanted: Vec<usize> = needs.iter().map(|(w, _)| *w).collect();
    let widths = if lo > 0 || hi < n {
        // The current title whole if the others can still be read, then the others share the rest.
        let at = cur - lo;
        let others: Vec<usize> = wanted.iter().enumerate().filter(|&(i, _)| i != at).map(|(_, &w)| w).collect();
        let least: usize = others.iter().map(|&w| w.min(READABLE)).sum();
        let mine = wanted[at].min(for_labels.saturating_sub(least));
        let mut widths = share(&others, for_labels - mine);
        widths.insert(at, mine);
        widths
    } else {
        share(&wanted, for_labels)
    };
    let mut x = LEAD;
    let before = (lo > 0).then(|| {
        x += 2;
        x - 1
    });
    let mut tabs = Vec::with_capacity(k);
    for (i, ((_, l), w)) in needs.into_iter().zip(widths).enumerate() {
        let label = fit(&l, w.max(1));
        let cells = shown_width(&label) as u16 + 2;
        x += 1;
        tabs.push((DocIdx::from_index(lo + i), label, x..x + cells));
        x += cells;
    }
    let after = (hi < n).then_some(x + 1);
    Some(TabBar { tabs, before, after, position: position.to_string() })
}

/// Shares `room` cells between labels that need `needs`: each gets what it
/// needs if that is no more than an equal share of what the others leave,
/// and what is left is shared equally (max-min fair).
fn share(needs: &[usize], room: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..needs.len()).collect();
    order.sort_by_key(|&i| needs[i]);
    let mut widths = vec![0; needs.len()];
    let mut left = room;
    for (k, &i) in order.iter().enumerate() {
        let fair = left / (needs.len() - k);
        widths[i] = needs[i].min(fair);
        left -= widths[i];
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::{Source, load_sources};

    fn corpus(titles: &[&str]) -> Corpus {
        let docs: Vec<serde_json::Value> = titles
            .iter()
            .enumerate()
            .map(|(i, t)| serde_json::json!({"id": format!("d{i}"), "title": t, "text": "x"}))
            .collect();
        let json = serde_json::json!({ "documents": docs });
        load_sources(&[Source::new("t.json", json.to_string())], "t").unwrap()
    }

    #[test]
    fn sharing_gives_short_labels_what_they_need() {
        assert_eq!(share(&[10, 100], 90), vec![10, 80]);
        assert_eq!(share(&[60, 100], 90), vec![45, 45]);
        assert_eq!(share(&[5, 5, 5], 90), vec![5, 5, 5]);
        assert_eq!(share(&[], 10), Vec::<usize>::new());
    }

    #[test]
    fn two_long_titles_use_a_wide_header() {
        let a = "Our Russians or Moscow’s Russians: Kazakhstan’s balancing act between two neighbours";
        let b = "Idleness and Neighbors as Obstacles: Kazakhstan Will Not Become Russia's Ally";
        let c = corpus(&[a, b]);
        let bar = tab_bar(&c, DocIdx(0), 200);
        assert_eq!(bar.position, "doc 1/2 ");
        assert_eq!((bar.before, bar.after), (None, None));
        assert_eq!(bar.tabs[0].1, format!("1 {a}"), "whole");
        assert_eq!(bar.tabs[1].1, format!("2 {b}"));
        assert!(bar.tabs[1].2.end as usize <= 200 - bar.position.len());
        // At 120 columns they share it, cut to the same width.
        let bar = tab_bar(&c, DocIdx(0), 120);
        let (w0, w1) = (shown_width(&bar.tabs[0].1), shown_width(&bar.tabs[1].1));
        assert!(w0.abs_diff(w1) <= 1 && w0 > 40, "{w0} {w1}");
        let end = bar.tabs[1].2.end as usize;
        assert!((120 - 10..=120 - 8).contains(&end), "no width wasted: ends at {end}");
    }

    #[test]
    fn many_documents_show_the_current_ones_neighbours_and_the_position() {
        let titles: Vec<String> = (0..10_000).map(|i| format!("Synthetic article {i}")).collect();
        let c = corpus(&titles.iter().map(String::as_str).collect::<Vec<_>>());
        let bar = tab_bar(&c, DocIdx(4_999), 120);
        assert_eq!(bar.position, "5,000 of 10,000 ");
        assert!(bar.before.is_some() && bar.after.is_some());
        let docs: Vec<usize> = bar.tabs.iter().map(|t| t.0.index()).collect();
        assert!(docs.contains(&4_999) && docs.len() >= 3, "{docs:?}");
        assert!(docs.windows(2).all(|w| w[1] == w[0] + 1), "neighbours, in order");
        let at = docs.iter().position(|&d| d == 4_999).unwrap();
        assert!(at.abs_diff(docs.len() - 1 - at) <= 1, "the current one in the middle: {docs:?}");
        assert_eq!(bar.tabs[at].1, "5000 Synthetic article 4999", "the current title whole");
        assert!(bar.tabs.iter().all(|t| shown_width(&t.1) >= READABLE - 1), "the neighbours readable");
        assert!(bar.tabs.iter().all(|t| t.1.starts_with(&format!("{} ", t.0.index() + 1))));
        assert!(bar.after.unwrap() as usize + 1 + bar.position.len() <= 120);
        // At the ends, the tabs start (or stop) there.
        let bar = tab_bar(&c, DocIdx(0), 120);
        assert_eq!((bar.tabs[0].0, bar.before), (DocIdx(0), None));
        let bar = tab_bar(&c, DocIdx(9_999), 120);
        assert_eq!((bar.tabs.last().unwrap().0, bar.after), (DocIdx(9_999), None));
        // The columns follow one another, as drawn.
        let bar = tab_bar(&c, DocIdx(20), 200);
        let mut x = LEAD + if bar.before.is_some() { 2 } else { 0 };
        for (_, label, cols) in &bar.tabs {
            assert_eq!(cols.start, x + 1);
            assert_eq!(cols.end - cols.start, shown_width(label) as u16 + 2);
            x = cols.end;
        }
    }

    #[test]
    fn a_narrow_header_still_shows_the_current_document() {
        let c = corpus(&["A title", "Another title", "A third"]);
        let bar = tab_bar(&c, DocIdx(1), 40);
        assert_eq!(bar.tabs.len(), 1);
        assert_eq!(bar.tabs[0].0, DocIdx(1));
        assert_eq!(bar.position, "2 of 3 ");
        let bar = tab_bar(&c, DocIdx(1), 10);
        assert_eq!(bar.tabs[0].0, DocIdx(1), "even with no room");
    }
}
