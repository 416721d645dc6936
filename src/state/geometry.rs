//! Where each pane goes for a terminal size. One pure function, used both
//! to render and to interpret the mouse and page sizes, so the two agree.
//!
//! 120 columns or more: Entities | Text | Claims. From [`MIN_WIDTH`] to 119:
//! Text and one side pane (the last focused of Entities and Claims). Below
//! [`MIN_WIDTH`] x [`MIN_HEIGHT`]: nothing but a notice.

use ratatui::layout::Rect;

/// A pane of the main screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Entities,
    Text,
    Claims,
}

impl Pane {
    pub fn name(self) -> &'static str {
        match self {
            Pane::Entities => "Entities",
            Pane::Text => "Text",
            Pane::Claims => "Claims",
        }
    }
}

pub const WIDE: u16 = 120;
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 12;
/// Columns left of the text for the claim marks.
pub const GUTTER: u16 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Geometry {
    pub header: Rect,
    pub status: Rect,
    pub entities: Option<Rect>,
    pub text: Rect,
    pub claims: Option<Rect>,
    /// True when the terminal is below the usable minimum.
    pub too_small: bool,
}

/// A list pane split into its list and the detail of the item under the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListPane {
    pub list: Rect,
    pub detail: Rect,
}

impl Geometry {
    /// `side` is the side pane shown when only one fits.
    pub fn new(area: Rect, side: Pane) -> Geometry {
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            return Geometry { too_small: true, ..Geometry::default() };
        }
        let header = Rect { height: 1, ..area };
        let status = Rect { y: area.bottom() - 1, height: 1, ..area };
        let body = Rect { y: area.y + 1, height: area.height - 2, ..area };
        let w = area.width;
        let column = |x: u16, width: u16| Rect { x, width, ..body };
        if w >= WIDE {
            let left = (w * 24 / 100).clamp(28, 40);
            let right = (w * 30 / 100).clamp(34, 60);
            Geometry {
                header,
                status,
                entities: Some(column(body.x, left)),
                text: column(body.x + left, w - left - right),
                claims: Some(column(body.x + w - right, right)),
                too_small: false,
            }
        } else {
            let side_width = (w * 38 / 100).clamp(24, 44);
            let side_rect = column(body.x + w - side_width, side_width);
            let text = column(body.x, w - side_width);
            let (entities, claims) =
                if side == Pane::Entities { (Some(side_rect), None) } else { (None, Some(side_rect)) };
            Geometry { header, status, entities, text, claims, too_small: false }
        }
    }

    /// Whether all three panes are shown.
    pub fn is_wide(&self) -> bool {
        self.entities.is_some() && self.claims.is_some()
    }

    pub fn pane(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::Entities => self.entities,
            Pane::Text => (!self.too_small).then_some(self.text),
            Pane::Claims => self.claims,
        }
    }

    /// The text itself: inside the border, right of the gutter.
    pub fn text_inner(&self) -> Rect {
        let inner = inner(self.text);
        // One column of air between the text and the scrollbar.
        Rect { x: inner.x + GUTTER, width: inner.width.saturating_sub(GUTTER + 1), ..inner }
    }

    /// The pane under a screen position.
    pub fn pane_at(&self, column: u16, row: u16) -> Option<Pane> {
        let pos = ratatui::layout::Position { x: column, y: row };
        [Pane::Entities, Pane::Text, Pane::Claims].into_iter().find(|&p| self.pane(p).is_some_and(|r| r.contains(pos)))
    }
}

/// A rectangle of at most `width` x `height` in the middle of `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}

/// The finder popup.
pub fn finder(area: Rect) -> Rect {
    centered(area, area.width.saturating_sub(4).min(90), area.height.saturating_sub(4).min(24))
}

/// The finder's result rows: inside its border, under the query line and a rule.
pub fn finder_list(area: Rect) -> Rect {
    let inner = inner(finder(area));
    Rect { y: inner.y + 2, height: inner.height.saturating_sub(2), ..inner }
}

pub fn finder_list_height(area: Rect) -> usize {
    (finder_list(area).height as usize).max(1)
}

/// Help.
pub fn help(area: Rect) -> Rect {
    centered(area, area.width.saturating_sub(4).min(84), area.height.saturating_sub(2))
}

/// The relation chooser, for `n` relations (three rows each).
pub fn relations(area: Rect, n: usize) -> Rect {
    let rows = (n * 3 + 2).min(u16::MAX as usize) as u16;
    centered(area, area.width.saturating_sub(4).min(96), rows.min(area.height.saturating_sub(4)))
}

/// A full view (dossier, comparison, overview): the screen but its status line.
pub fn view(area: Rect) -> Rect {
    Rect { height: area.height.saturating_sub(1), ..area }
}

/// Rows of a full view's list: inside its border, under its header.
pub fn view_list(area: Rect, header: u16) -> Rect {
    let inner = inner(view(area));
    Rect { y: inner.y + header, height: inner.height.saturating_sub(header), ..inner }
}

/// How many header rows the dossier and overview views take.
pub const VIEW_HEADER: u16 = 5;

pub fn view_list_height(area: Rect) -> usize {
    (view_list(area, VIEW_HEADER).height as usize).max(1)
}

/// The documents' tabs in the header line: each document and the columns its tab takes.
pub fn doc_tabs(
    corpus: &crate::data::model::Corpus,
    current: crate::data::model::DocIdx,
    width: u16,
) -> Vec<(crate::data::model::DocIdx, std::ops::Range<u16>)> {
    super::tabs::tab_bar(corpus, current, width).tabs.into_iter().map(|(d, _, r)| (d, r)).collect()
}

/// Width of the header's lead-in (` dossier `) before the tabs.
pub const HEADER_LEAD: u16 = super::tabs::LEAD;

/// The tab labels (`1 Title…`) that fit in the header, around the current
/// document (laid out by [`super::tabs::tab_bar`]).
pub fn doc_tab_labels(
    corpus: &crate::data::model::Corpus,
    current: crate::data::model::DocIdx,
    width: u16,
) -> Vec<(crate::data::model::DocIdx, String)> {
    super::tabs::tab_bar(corpus, current, width).tabs.into_iter().map(|(d, l, _)| (d, l)).collect()
}

/// The area inside a bordered block.
pub fn inner(r: Rect) -> Rect {
    Rect { x: r.x + 1, y: r.y + 1, width: r.width.saturating_sub(2), height: r.height.saturating_sub(2) }
}

/// Splits a list pane: the list on top, the detail below (about 45% of the
/// height, at least 6 rows), with one row between them for a rule.
pub fn list_pane(r: Rect) -> ListPane {
    let inner = inner(r);
    let detail_height = (inner.height * 45 / 100).max(6).min(inner.height.saturating_sub(4));
    let list_height = inner.height.saturating_sub(detail_height + 1);
    ListPane {
        list: Rect { height: list_height, ..inner },
        detail: Rect { y: inner.y + list_height + 1, height: detail_height, ..inner },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_terminals_show_three_panes_side_by_side() {
        let g = Geometry::new(Rect::new(0, 0, 120, 40), Pane::Entities);
        let (e, t, c) = (g.entities.unwrap(), g.text, g.claims.unwrap());
        assert_eq!((e.x, e.right(), t.right(), c.right()), (0, e.width, c.x, 120));
        assert_eq!(e.width + t.width + c.width, 120);
        assert!(t.width >= 50);
        assert_eq!((g.header.y, g.status.y, t.height), (0, 39, 38));
    }

    #[test]
    fn narrow_terminals_show_text_and_the_chosen_side_pane() {
        let g = Geometry::new(Rect::new(0, 0, 80, 24), Pane::Claims);
        assert!(g.entities.is_none());
        let c = g.claims.unwrap();
        assert_eq!(g.text.width + c.width, 80);
        assert!(g.text.width >= 48);
        let g = Geometry::new(Rect::new(0, 0, 80, 24), Pane::Entities);
        assert!(g.claims.is_none() && g.entities.is_some());
    }

    #[test]
    fn header_tabs_fit_every_document_when_there_is_room() {
        let json = r#"{"documents": [{"id": "a", "title": "A rather long first title for a document", "text": "x"},
                                     {"id": "b", "title": "Second", "text": "y"}]}"#;
        let corpus = crate::data::load::load_sources(&[crate::data::load::Source::new("t", json)], "t").unwrap();
        let tabs = doc_tabs(&corpus, crate::data::model::DocIdx(0), 120);
        assert_eq!(tabs.len(), 2);
        assert!(tabs[1].1.end <= 120 - "doc 1/2 ".len() as u16);
        assert!(tabs[0].1.end < tabs[1].1.start);
        let narrow = doc_tab_labels(&corpus, crate::data::model::DocIdx(1), 40);
        assert_eq!(narrow.len(), 1, "only the current document fits");
        assert_eq!(narrow[0].0, crate::data::model::DocIdx(1));
    }

    #[test]
    fn tiny_terminals_are_too_small() {
        for (w, h) in [(1, 1), (59, 40), (200, 11), (0, 0)] {
            assert!(Geometry::new(Rect::new(0, 0, w, h), Pane::Text).too_small, "{w}x{h}");
        }
    }

    #[test]
    fn list_pane_leaves_room_for_list_and_detail() {
        let lp = list_pane(Rect::new(0, 1, 30, 38));
        assert!(lp.list.height >= 10 && lp.detail.height >= 6);
        assert_eq!(lp.list.bottom() + 1, lp.detail.y);
        let small = list_pane(Rect::new(0, 1, 30, 10));
        assert!(small.list.height >= 1, "{small:?}");
    }
}
