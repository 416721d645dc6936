//! A key as dossier knows it, apart from any terminal library: what the
//! keymap binds, what help and every hint write (its [`Display`] form, e.g.
//! `Ctrl-p`, `PgDn`, `↓`), and what that form reads back as ([`FromStr`]), so
//! the README's key table can be checked against the keymap. The terminal
//! edge turns crossterm's key events into these.

use std::fmt;
use std::str::FromStr;

/// Which key, leaving out the modifiers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyCode {
    /// A character; an upper-case letter implies Shift.
    Char(char),
    Enter,
    Esc,
    Tab,
    /// Shift-Tab.
    BackTab,
    Backspace,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
}

/// The modifiers that change what a key means. Shift is not among them: it
/// is part of the character (`G`) or of the key (`BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Mods {
    pub ctrl: bool,
    pub alt: bool,
    /// Super, Hyper or Meta: no binding uses them, so a key with one held
    /// matches nothing (though a character with one is still typed).
    pub other: bool,
}

/// A key press: a key and the modifiers held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: Mods,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, mods: Mods { ctrl: false, alt: false, other: false } }
    }

    pub const fn char(ch: char) -> Key {
        Key::plain(KeyCode::Char(ch))
    }

    pub const fn ctrl(ch: char) -> Key {
        Key { code: KeyCode::Char(ch), mods: Mods { ctrl: true, alt: false, other: false } }
    }

    /// The character this key types into a line, if it types one: Ctrl and
    /// Alt make a key a command, never text.
    pub fn typed(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(ch) if !self.mods.ctrl && !self.mods.alt => Some(ch),
            _ => None,
        }
    }
}

/// Names of the keys that are not written as themselves.
const NAMES: &[(KeyCode, &str)] = &[
    (KeyCode::Char(' '), "Space"),
    (KeyCode::Enter, "Enter"),
    (KeyCode::Esc, "Esc"),
    (KeyCode::Tab, "Tab"),
    (KeyCode::BackTab, "Shift-Tab"),
    (KeyCode::Backspace, "Backspace"),
    (KeyCode::Up, "↑"),
    (KeyCode::Down, "↓"),
    (KeyCode::Left, "←"),
    (KeyCode::Right, "→"),
    (KeyCode::PageUp, "PgUp"),
    (KeyCode::PageDown, "PgDn"),
    (KeyCode::Home, "Home"),
    (KeyCode::End, "End"),
];

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.mods.alt {
            f.write_str("Alt-")?;
        }
        match NAMES.iter().find(|(code, _)| *code == self.code) {
            Some((_, name)) => f.write_str(name),
            None => match self.code {
                KeyCode::Char(ch) => write!(f, "{ch}"),
                // Every other code has a name above.
                _ => Ok(()),
            },
        }
    }
}

/// A key's written form that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAKey(pub String);

impl fmt::Display for NotAKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\"{}\" is not a key (keys are written like j, G, Ctrl-p, Alt-x, PgDn, Space, ↓)", self.0)
    }
}

impl std::error::Error for NotAKey {}

impl FromStr for Key {
    type Err = NotAKey;

    /// Reads a key as [`Display`] writes it.
    fn from_str(s: &str) -> Result<Key, NotAKey> {
        let mut mods = Mods::default();
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("Ctrl-").filter(|r| !r.is_empty()) {
                (mods.ctrl, rest) = (true, r);
            } else if let Some(r) = rest.strip_prefix("Alt-").filter(|r| !r.is_empty()) {
                (mods.alt, rest) = (true, r);
            } else {
                break;
            }
        }
        let code = match NAMES.iter().find(|(_, name)| *name == rest) {
            Some((code, _)) => *code,
            None => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(ch), None) if !ch.is_control() => KeyCode::Char(ch),
                    _ => return Err(NotAKey(s.to_string())),
                }
            }
        };
        Ok(Key { code, mods })
    }
}

/// Keys written one after another with spaces, as help lists them: `j ↓`.
pub fn written(keys: &[Key]) -> String {
    keys.iter().map(Key::to_string).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_reads_back_as_it_is_written() {
        let mut keys: Vec<Key> = NAMES.iter().map(|(code, _)| Key::plain(*code)).collect();
        keys.extend(['j', 'G', '/', '?', ']', '-', 'ж'].map(Key::char));
        keys.extend(['p', 'w', ' '].map(Key::ctrl));
        keys.push(Key { code: KeyCode::Char('x'), mods: Mods { ctrl: true, alt: true, other: false } });
        for key in keys {
            assert_eq!(key.to_string().parse::<Key>(), Ok(key), "{key}");
        }
        assert_eq!(Key::ctrl('p').to_string(), "Ctrl-p");
        assert_eq!(Key::char(' ').to_string(), "Space");
        assert_eq!(Key::plain(KeyCode::BackTab).to_string(), "Shift-Tab");
        // A lone "-" is the minus key, "Ctrl--" Ctrl with it.
        assert_eq!("Ctrl--".parse::<Key>(), Ok(Key::ctrl('-')));
        for bad in ["", "Ctrl-", "jk", "Ctrl-PgDown", "\u{7}"] {
            assert!(bad.parse::<Key>().is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_command_key_types_nothing() {
        assert_eq!(Key::char('q').typed(), Some('q'));
        assert_eq!(Key::ctrl('w').typed(), None);
        assert_eq!(Key::plain(KeyCode::Enter).typed(), None);
    }
}
