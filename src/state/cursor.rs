//! The one list cursor every screen moves: a row and the first row shown,
//! moved by a [`Motion`] (a step, a page, half a page, the ends, the wheel),
//! clamped to the list and kept in view. The panes' cursors ([`Cursor`])
//! remember their item instead of their row, so they survive a list being
//! re-sorted, and move through the same arithmetic.

use ratatui::layout::{Position, Rect};

use super::Action;
use super::MouseKind;

/// How far the mouse wheel moves a cursor.
pub const WHEEL_ROWS: i64 = 3;

/// A way of moving a cursor through a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Motion {
    /// Down (positive) or up by rows.
    By(i64),
    /// Down or up by pages of the list's height.
    Page(i64),
    /// Down or up by half pages.
    HalfPage(i64),
    Top,
    Bottom,
    /// To a row.
    To(usize),
}

impl Motion {
    /// The motion an action stands for, if it is one (a click is not: where
    /// it lands depends on the screen's layout, see [`ListCursor::row_at`]).
    pub fn of(action: &Action) -> Option<Motion> {
        Some(match action {
            Action::Move(n) => Motion::By(i64::from(*n)),
            Action::Page(n) => Motion::Page(i64::from(*n)),
            Action::HalfPage(n) => Motion::HalfPage(i64::from(*n)),
            Action::Top => Motion::Top,
            Action::Bottom => Motion::Bottom,
            Action::Mouse { kind: MouseKind::ScrollUp, .. } => Motion::By(-WHEEL_ROWS),
            Action::Mouse { kind: MouseKind::ScrollDown, .. } => Motion::By(WHEEL_ROWS),
            _ => return None,
        })
    }

    /// The row this motion leads to from `row`, in a list of `len` rows
    /// shown `height` at a time (not clamped).
    fn target(self, row: usize, len: usize, height: usize) -> i64 {
        let (row, height) = (row as i64, height.max(1) as i64);
        match self {
            Motion::By(n) => row + n,
            Motion::Page(n) => row + n * height,
            Motion::HalfPage(n) => row + n * (height / 2).max(1),
            Motion::Top => 0,
            Motion::Bottom => len as i64 - 1,
            Motion::To(r) => r as i64,
        }
    }
}

/// A cursor over a list: the row it is on and the first row shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListCursor {
    pub cursor: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Moves, stopping at the ends, and keeps the cursor's row in view.
    pub fn go(&mut self, motion: Motion, len: usize, height: usize) {
        let last = len.saturating_sub(1) as i64;
        self.cursor = motion.target(self.cursor, len, height).clamp(0, last.max(0)) as usize;
        self.offset = visible_offset(self.offset, self.cursor, len, height);
    }

    /// Keeps the cursor on the list (after it shrank) and its row in view.
    pub fn keep_in_view(&mut self, len: usize, height: usize) {
        self.cursor = self.cursor.min(len.saturating_sub(1));
        self.offset = visible_offset(self.offset, self.cursor, len, height);
    }

    /// The row of a list drawn in `list` (`rows_per_item` screen rows to an
    /// item) under a screen position, if there is one.
    pub fn row_at(&self, list: Rect, column: u16, row: u16, rows_per_item: usize, len: usize) -> Option<usize> {
        if !list.contains(Position { x: column, y: row }) {
            return None;
        }
        let at = self.offset + (row - list.y) as usize / rows_per_item.max(1);
        (at < len).then_some(at)
    }
}

/// The first row to show so that `row` is visible and the view is not scrolled past the end.
pub fn visible_offset(offset: usize, row: usize, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let mut offset = offset.min(len.saturating_sub(height));
    if row < offset {
        offset = row;
    } else if row >= offset + height {
        offset = row + 1 - height;
    }
    offset
}

/// A pane's cursor over a list, kept as the item (so it survives the list
/// being re-sorted or re-filtered) plus the first row shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor<T> {
    pub item: Option<T>,
    pub offset: usize,
}

impl<T> Default for Cursor<T> {
    fn default() -> Self {
        Cursor { item: None, offset: 0 }
    }
}

impl<T: Copy + PartialEq> Cursor<T> {
    /// The cursor's row, after making sure it is on an item of `items` (the
    /// first one when its item is gone) and that the row is among the
    /// `height` rows shown.
    pub fn settle(&mut self, items: impl ExactSizeIterator<Item = T> + Clone, height: usize) -> Option<usize> {
        let len = items.len();
        if len == 0 {
            *self = Cursor::default();
            return None;
        }
        let row = match self.item.and_then(|it| items.clone().position(|x| x == it)) {
            Some(row) => row,
            None => {
                self.item = items.clone().next();
                0
            }
        };
        self.offset = visible_offset(self.offset, row, len, height);
        Some(row)
    }

    /// Puts the cursor on `item`; if its row is out of view, the view moves
    /// so the row is a third of the way down (a jump, not a step).
    pub fn jump(&mut self, item: T, items: impl ExactSizeIterator<Item = T> + Clone, height: usize) {
        let len = items.len();
        self.item = Some(item);
        if let Some(row) = items.clone().position(|x| x == item) {
            let height = height.max(1);
            if row < self.offset || row >= self.offset + height {
                self.offset = visible_offset(row.saturating_sub(height / 3), row, len, height);
            }
        }
    }

    /// Moves by a motion through the items, stopping at the ends.
    pub fn go(&mut self, items: impl ExactSizeIterator<Item = T> + Clone, motion: Motion, height: usize) {
        let len = items.len();
        if len == 0 {
            return;
        }
        let row = self.settle(items.clone(), height).unwrap_or(0);
        let mut list = ListCursor { cursor: row, offset: self.offset };
        list.go(motion, len, height);
        self.item = items.clone().nth(list.cursor);
        self.offset = list.offset;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_follows_its_item_and_stays_visible() {
        let mut c: Cursor<u32> = Cursor::default();
        let items = [10u32, 20, 30, 40, 50];
        assert_eq!(c.settle(items.iter().copied(), 2), Some(0));
        assert_eq!(c.item, Some(10));
        c.go(items.iter().copied(), Motion::By(3), 2);
        assert_eq!((c.item, c.offset), (Some(40), 2));
        // The list is re-sorted: the cursor stays on 40.
        let resorted = [40u32, 30, 20, 10, 50];
        assert_eq!(c.settle(resorted.iter().copied(), 2), Some(0));
        assert_eq!(c.offset, 0);
        c.go(resorted.iter().copied(), Motion::By(100), 2);
        assert_eq!((c.item, c.offset), (Some(50), 3));
        c.go(resorted.iter().copied(), Motion::By(-100), 2);
        assert_eq!((c.item, c.offset), (Some(40), 0));
        // Its item disappears: back to the first.
        assert_eq!(c.settle([7u32, 8].into_iter(), 2), Some(0));
        assert_eq!(c.item, Some(7));
        assert_eq!(c.settle(std::iter::empty::<u32>(), 2), None);
        assert_eq!(c.item, None);
    }

    #[test]
    fn a_jump_puts_a_distant_item_a_third_down() {
        let items: Vec<u32> = (0..100).collect();
        let mut c: Cursor<u32> = Cursor::default();
        c.jump(50, items.iter().copied(), 9);
        assert_eq!((c.item, c.offset), (Some(50), 47));
        // Already visible: the view stays.
        c.jump(52, items.iter().copied(), 9);
        assert_eq!(c.offset, 47);
        c.jump(99, items.iter().copied(), 9);
        assert_eq!(c.offset, 91, "not scrolled past the end");
    }

    #[test]
    fn visible_offset_scrolls_minimally() {
        assert_eq!(visible_offset(0, 5, 10, 3), 3);
        assert_eq!(visible_offset(3, 4, 10, 3), 3);
        assert_eq!(visible_offset(3, 1, 10, 3), 1);
        assert_eq!(visible_offset(9, 9, 10, 3), 7);
    }

    #[test]
    fn a_list_cursor_moves_by_rows_pages_and_ends_and_stays_in_view() {
        let mut c = ListCursor::default();
        c.go(Motion::Page(1), 20, 5);
        assert_eq!((c.cursor, c.offset), (5, 1));
        c.go(Motion::HalfPage(1), 20, 5);
        assert_eq!((c.cursor, c.offset), (7, 3));
        c.go(Motion::Bottom, 20, 5);
        assert_eq!((c.cursor, c.offset), (19, 15));
        c.go(Motion::By(10), 20, 5);
        assert_eq!(c.cursor, 19, "stops at the end");
        c.go(Motion::Top, 20, 5);
        assert_eq!((c.cursor, c.offset), (0, 0));
        c.go(Motion::By(-1), 20, 5);
        assert_eq!(c.cursor, 0);
        c.go(Motion::Page(1), 0, 5);
        assert_eq!((c.cursor, c.offset), (0, 0), "an empty list");
        c.go(Motion::To(12), 20, 5);
        c.keep_in_view(4, 5);
        assert_eq!((c.cursor, c.offset), (3, 0), "kept on a list that shrank");
    }

    #[test]
    fn a_click_lands_on_the_row_under_it() {
        let c = ListCursor { cursor: 0, offset: 10 };
        let list = Rect::new(2, 3, 20, 6);
        assert_eq!(c.row_at(list, 5, 3, 1, 100), Some(10));
        assert_eq!(c.row_at(list, 5, 8, 2, 100), Some(12));
        assert_eq!(c.row_at(list, 5, 9, 1, 100), None, "below the list");
        assert_eq!(c.row_at(list, 5, 5, 1, 11), None, "past the last row");
    }
}
