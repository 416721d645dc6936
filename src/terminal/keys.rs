//! crossterm's key events as dossier's [`Key`]s: the one place that knows
//! both. A release is no key press; keys no table can bind (F1, Insert, …)
//! are none either.

use crossterm::event::{KeyCode as Code, KeyEvent, KeyEventKind, KeyModifiers};

use crate::state::{Key, KeyCode, Mods};

/// The key pressed, if the event is a press (or a repeat) of a key dossier knows.
pub fn key_of(event: &KeyEvent) -> Option<Key> {
    if event.kind == KeyEventKind::Release {
        return None;
    }
    let code = match event.code {
        Code::Char(ch) => KeyCode::Char(ch),
        Code::Enter => KeyCode::Enter,
        Code::Esc => KeyCode::Esc,
        Code::Tab => KeyCode::Tab,
        Code::BackTab => KeyCode::BackTab,
        Code::Backspace => KeyCode::Backspace,
        Code::Up => KeyCode::Up,
        Code::Down => KeyCode::Down,
        Code::Left => KeyCode::Left,
        Code::Right => KeyCode::Right,
        Code::PageUp => KeyCode::PageUp,
        Code::PageDown => KeyCode::PageDown,
        Code::Home => KeyCode::Home,
        Code::End => KeyCode::End,
        _ => return None,
    };
    // Shift is part of the character (G) or the key (BackTab).
    let m = event.modifiers;
    let mods = Mods {
        ctrl: m.contains(KeyModifiers::CONTROL),
        alt: m.contains(KeyModifiers::ALT),
        other: m.intersects(KeyModifiers::SUPER | KeyModifiers::HYPER | KeyModifiers::META),
    };
    // Ctrl-/ reaches a terminal as the byte 0x1f (as Ctrl-_ and Ctrl-7 do),
    // which crossterm reads as Ctrl-7: it is taken for the key people press.
    let code = if mods.ctrl && code == KeyCode::Char('7') { KeyCode::Char('/') } else { code };
    Some(Key { code, mods })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_is_in_the_character_and_a_release_is_nothing() {
        let press = |code, mods| key_of(&KeyEvent::new(code, mods));
        assert_eq!(press(Code::Char('G'), KeyModifiers::SHIFT), Some(Key::char('G')));
        assert_eq!(press(Code::BackTab, KeyModifiers::SHIFT), Some(Key::plain(KeyCode::BackTab)));
        assert_eq!(press(Code::Char('p'), KeyModifiers::CONTROL), Some(Key::ctrl('p')));
        assert_eq!(press(Code::F(1), KeyModifiers::NONE), None);
        // Ctrl-/ as a terminal sends it (crossterm's Ctrl-7), and as the kitty protocol does.
        assert_eq!(press(Code::Char('7'), KeyModifiers::CONTROL), Some(Key::ctrl('/')));
        assert_eq!(press(Code::Char('/'), KeyModifiers::CONTROL), Some(Key::ctrl('/')));
        assert_eq!(press(Code::Char('7'), KeyModifiers::NONE), Some(Key::char('7')));
        let mut release = KeyEvent::new(Code::Char('q'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(key_of(&release), None);
    }
}
