//! The one line input every prompt edits (the finder's query, the search
//! line): typed and pasted text as one edit, Backspace, Ctrl-w, Ctrl-u, and
//! a longest length, past which nothing is taken.

use super::Action;

/// A line being typed, at most `max` characters long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    max: usize,
    /// What is typed into, for the message when text is cut: "the finder".
    what: &'static str,
}

/// What an edit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edited {
    /// Whether whatever follows the text (a ranking) should be worked out again.
    pub changed: bool,
    /// Said on the status line: text was cut at the longest length.
    pub message: Option<String>,
}

impl LineInput {
    pub fn new(max: usize, what: &'static str) -> LineInput {
        LineInput { text: String::new(), max, what }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    /// Applies an editing action; `None` for an action that does not edit.
    /// Clearing and deleting a word count as changes even when the line was
    /// already empty (the finder starts its ranking again from the top).
    pub fn edit(&mut self, action: &Action) -> Option<Edited> {
        let (changed, message) = match action {
            Action::Input(c) => self.type_in([*c]),
            Action::InputText(text) => self.type_in(text.chars()),
            Action::DeleteChar => (self.text.pop().is_some(), None),
            Action::DeleteWord => {
                self.delete_word();
                (true, None)
            }
            Action::ClearInput => {
                self.text.clear();
                (true, None)
            }
            _ => return None,
        };
        Some(Edited { changed, message })
    }

    /// Ctrl-w: the last word goes, and the white space after it. White space
    /// may be any width in bytes (a U+3000 or a U+2028 in a paste).
    fn delete_word(&mut self) {
        let kept = self
            .text
            .trim_end()
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.text.truncate(kept);
    }

    /// Adds typed or pasted text as one edit: control characters are
    /// dropped (a line break or a tab becomes a space), and nothing beyond
    /// the longest length is taken, which the message says.
    fn type_in(&mut self, text: impl IntoIterator<Item = char>) -> (bool, Option<String>) {
        let mut room = self.max.saturating_sub(self.text.chars().count());
        let mut changed = false;
        let mut chars = text.into_iter().peekable();
        while let Some(c) = chars.next() {
            let c = match c {
                // A CR LF line break is one break.
                '\r' if chars.peek() == Some(&'\n') => continue,
                '\n' | '\r' | '\t' => ' ',
                c if c.is_control() => continue,
                c => c,
            };
            if room == 0 {
                let message = format!("{} takes at most {} characters; the rest was not taken", self.what, self.max);
                return (changed, Some(message));
            }
            self.text.push(c);
            room -= 1;
            changed = true;
        }
        (changed, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(input: &mut LineInput, text: &str) -> Edited {
        input.edit(&Action::InputText(text.into())).expect("an edit")
    }

    /// Found by the commands fuzz target: Ctrl-w after a word and a
    /// multi-byte space (U+2028, U+3000) cut the query inside a character.
    #[test]
    fn ctrl_w_after_a_wide_space_deletes_the_word_whole() {
        let mut q = LineInput::new(100, "the finder");
        typed(&mut q, "Астана\u{3000}Tol\u{2028}eg");
        q.edit(&Action::DeleteWord);
        assert_eq!(q.text(), "Астана\u{3000}Tol\u{2028}");
        q.edit(&Action::DeleteWord);
        assert_eq!(q.text(), "Астана\u{3000}");
        q.edit(&Action::DeleteWord);
        assert_eq!(q.text(), "");
    }

    #[test]
    fn a_paste_is_one_edit_cut_at_the_longest_length_without_controls() {
        let mut q = LineInput::new(5, "the finder");
        let e = typed(&mut q, "a\u{1b}b\r\nc\t");
        assert_eq!((q.text(), e.changed, e.message), ("ab c ", true, None));
        let e = typed(&mut q, "xyz");
        assert!(!e.changed);
        assert_eq!(e.message.as_deref(), Some("the finder takes at most 5 characters; the rest was not taken"));
        assert_eq!(q.edit(&Action::DeleteChar), Some(Edited { changed: true, message: None }));
        q.edit(&Action::ClearInput);
        assert!(q.is_empty());
        assert_eq!(q.edit(&Action::DeleteChar).map(|e| e.changed), Some(false));
        assert_eq!(q.edit(&Action::Activate), None);
    }
}
