//! Input as it arrives: whether more is waiting, and a burst of it (a held
//! key, a paste without bracketed paste, keys typed while a frame was
//! drawn) applied as one, so it costs one frame.
//!
//! crossterm's event source (its `use-dev-tty` one, on poll(2)) reads the
//! terminal 1 KiB at a time and keeps what it parsed beyond the event it
//! hands out; `event::poll(Duration::ZERO)` looks at neither those events
//! nor the terminal (its loop does not run with no time left). So "is more
//! waiting?" asks the terminal itself, with a zero-timeout poll(2), and then
//! crossterm with a timeout short enough that its poll(2) does not wait
//! (its timeout is counted in whole milliseconds).

use std::io;
use std::time::Duration;

use crossterm::event;

use crate::state::Action;

/// Long enough for crossterm's loop to look at what it has parsed, too
/// short for its poll(2) to wait (it rounds down to milliseconds).
const PARSED_WAIT: Duration = Duration::from_micros(50);

/// Typed text merged beyond this many bytes is applied in pieces: more than
/// a query takes, and a flood of keys holds no unbounded string.
const MERGE_LIMIT: usize = 4096;

/// Whether input is waiting: bytes not yet read from the terminal, or
/// events crossterm has parsed but not handed out. Never blocks.
pub fn pending() -> io::Result<bool> {
    let mut fd = libc::pollfd { fd: libc::STDIN_FILENO, events: libc::POLLIN, revents: 0 };
    // SAFETY: one valid pollfd.
    let ready = unsafe { libc::poll(&mut fd, 1, 0) };
    if ready > 0 {
        // Readable, or hung up or failing: `event::read` returns either way.
        return Ok(true);
    }
    event::poll(PARSED_WAIT)
}

/// A burst of actions on their way to `update`, applied in order, except
/// that consecutive scrolls the same way add up to one, and characters typed
/// or pasted one after another become one edit. Only actions that cannot
/// change the mode are held back, so the next event can be mapped in the
/// mode the ones before it leave.
#[derive(Debug, Default)]
pub struct Burst {
    held: Option<Action>,
}

impl Burst {
    /// Takes the next action: merged with the one held back, or held back
    /// itself once that one is passed to `apply`, or passed on at once.
    pub fn push(&mut self, action: Action, apply: &mut impl FnMut(Action)) {
        let action = match self.held.take() {
            None => action,
            Some(held) => match merge(held, action) {
                Ok(merged) => merged,
                Err((held, action)) => {
                    apply(held);
                    action
                }
            },
        };
        if is_mergeable(&action) {
            self.held = Some(action);
        } else {
            apply(action);
        }
    }

    /// The end of the burst: passes on what is held back.
    pub fn finish(&mut self, apply: &mut impl FnMut(Action)) {
        if let Some(held) = self.held.take() {
            apply(held);
        }
    }
}

fn is_mergeable(action: &Action) -> bool {
    matches!(action, Action::Move(_)) || is_text(action)
}

/// One action that does what `a` then `b` do, or both back when there is none.
fn merge(a: Action, b: Action) -> Result<Action, (Action, Action)> {
    match (a, b) {
        (Action::Move(x), Action::Move(y)) if x.signum() == y.signum() => Ok(Action::Move(x.saturating_add(y))),
        (a, b) if is_text(&a) && is_text(&b) && !matches!(&a, Action::InputText(s) if s.len() >= MERGE_LIMIT) => {
            let mut text = String::new();
            for action in [a, b] {
                match action {
                    Action::Input(c) => text.push(c),
                    Action::InputText(s) => text.push_str(&s),
                    _ => {}
                }
            }
            Ok(Action::InputText(text))
        }
        (a, b) => Err((a, b)),
    }
}

fn is_text(action: &Action) -> bool {
    matches!(action, Action::Input(_) | Action::InputText(_))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn applied(actions: Vec<Action>) -> Vec<Action> {
        let mut out = Vec::new();
        let mut burst = Burst::default();
        for a in actions {
            burst.push(a, &mut |a| out.push(a));
        }
        burst.finish(&mut |a| out.push(a));
        out
    }

    #[test]
    fn scrolls_the_same_way_add_up_and_the_other_way_do_not() {
        let burst = [vec![Action::Move(1); 3000], vec![Action::Move(-1); 2], vec![Action::Move(1)]].concat();
        assert_eq!(applied(burst), [Action::Move(3000), Action::Move(-2), Action::Move(1)]);
    }

    #[test]
    fn typed_and_pasted_text_becomes_one_edit() {
        let burst = vec![
            Action::Input('a'),
            Action::InputText("bc".into()),
            Action::Input('d'),
            Action::DeleteChar,
            Action::Input('e'),
        ];
        assert_eq!(applied(burst), [Action::InputText("abcd".into()), Action::DeleteChar, Action::Input('e')]);
    }

    #[test]
    fn anything_else_keeps_its_place_between_merged_runs() {
        let burst = vec![Action::Move(1), Action::Move(1), Action::OpenFinder, Action::Input('x'), Action::Quit];
        assert_eq!(applied(burst), [Action::Move(2), Action::OpenFinder, Action::Input('x'), Action::Quit]);
        let burst = vec![Action::Input('x'), Action::Move(1), Action::Input('y')];
        assert_eq!(applied(burst), [Action::Input('x'), Action::Move(1), Action::Input('y')]);
    }

    #[test]
    fn a_flood_of_keys_is_applied_in_bounded_pieces() {
        let out = applied(vec![Action::Input('x'); 3 * MERGE_LIMIT]);
        assert!(out.len() >= 3, "{}", out.len());
        let total: usize = out
            .iter()
            .map(|a| match a {
                Action::InputText(s) => s.chars().count(),
                Action::Input(_) => 1,
                other => panic!("{other:?}"),
            })
            .sum();
        assert_eq!(total, 3 * MERGE_LIMIT);
    }
}
