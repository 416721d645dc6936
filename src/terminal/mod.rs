//! The edge: taking over the terminal, the event loop, and giving the
//! terminal back exactly as it was — on quit, on error, on panic, on every
//! signal that ends or stops dossier, and around Ctrl-z.
//!
//! - [`tty`]: the terminal's modes, taken and given back (also from a signal handler);
//! - [`signals`]: what each signal does to the terminal;
//! - [`input`]: whether input is waiting, and bursts of it applied as one;
//! - [`keys`]: crossterm's key events as dossier's keys;
//! - [`panic`]: the panic hook;
//! - [`effects`]: what the state asked for beyond a frame (OSC 52, a report written).
//!
//! The loop blocks on the next event and redraws only after one that
//! changed something, so an idle dossier uses no CPU; all input already
//! waiting is applied before the next frame, so a burst of keys costs one.
//! Only while work is under way (see `App::busy`) does it poll, advancing
//! the work in bounded steps between keystrokes. Nothing from the corpus is
//! ever written outside a frame but a quote the user copies (`y`, as base64
//! in OSC 52), and nothing goes to the window title.

mod effects;
mod input;
mod keys;
mod panic;
mod signals;
mod tty;

pub use effects::{osc52, report_dirs, write_report};
pub use input::Burst;
pub use panic::install_panic_hook;
pub use signals::{FAULTS, die_of};
pub use tty::{restore, restore_in_signal_handler};

use input::pending;

use std::io::{self, IsTerminal, Stdout};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result};
use crossterm::event::{self, Event, MouseButton, MouseEventKind};
use crossterm::execute;
use crossterm::terminal::{Clear, ClearType};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::state::{Action, App, Mode, MouseKind, action_for, update};
use crate::view;

/// Held while anything is written to the terminal, so that a signal's
/// restore never lands in the middle of a frame.
static OUTPUT: Mutex<()> = Mutex::new(());

/// Set when the terminal was taken over again (after Ctrl-z and `fg`, or a
/// SIGSTOP and SIGCONT): the next frame is drawn whole, on a cleared screen.
static REDRAW: AtomicBool = AtomicBool::new(false);

/// Set in tests to make the explorer panic after its first frame, to prove
/// that a panic restores the terminal. The message quotes the document's
/// title, as a slicing panic quotes the string it slices.
pub const PANIC_FOR_TEST: &str = "DOSSIER_PANIC_AFTER_FIRST_FRAME";

/// Set in tests to make the explorer fail an allocation after its first
/// frame (which aborts), to prove that an abort restores the terminal.
pub const ABORT_FOR_TEST: &str = "DOSSIER_ABORT_AFTER_FIRST_FRAME";

/// Set to leave the terminal's keyboard as it is: no kitty keyboard
/// protocol asked for even where the terminal has it (`Ctrl-i` is then `Tab`,
/// and `Ctrl-g` jumps forward), and no question asked of the terminal.
pub const NO_KEYBOARD_PROTOCOL: &str = "DOSSIER_NO_KEYBOARD_PROTOCOL";

/// Why the explorer cannot start here, or `None` when stdin and stdout are terminals.
pub fn not_a_terminal() -> Option<&'static str> {
    if !io::stdout().is_terminal() {
        Some("standard output is not a terminal")
    } else if !io::stdin().is_terminal() {
        Some("standard input is not a terminal")
    } else {
        None
    }
}

fn setup() -> Result<Terminal<CrosstermBackend<Stdout>>> {
    signals::watch().context("cannot install signal handlers")?;
    {
        let _frame = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
        tty::take_over().context("cannot set up the terminal")?;
    }
    // Asked without the lock: the answer may take a while to come, and a
    // signal must still be able to give the terminal back meanwhile.
    if std::env::var_os(NO_KEYBOARD_PROTOCOL).is_none() && tty::keyboard_enhancement_supported() {
        let _frame = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
        tty::enhance_keyboard().context("cannot set up the keyboard")?;
    }
    Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot size the terminal")
}

/// The actions an event stands for (none for events that change nothing).
pub fn action_for_event(mode: Mode, event: &Event) -> Vec<Action> {
    match event {
        Event::Key(key) => keys::key_of(key).and_then(|key| action_for(mode, &key)).into_iter().collect(),
        Event::Mouse(m) => {
            let kind = match m.kind {
                MouseEventKind::Down(MouseButton::Left) => MouseKind::Click,
                MouseEventKind::ScrollUp => MouseKind::ScrollUp,
                MouseEventKind::ScrollDown => MouseKind::ScrollDown,
                _ => return Vec::new(),
            };
            vec![Action::Mouse { kind, column: m.column, row: m.row }]
        }
        Event::Resize(width, height) => vec![Action::Resize { width: *width, height: *height }],
        // A paste goes into the finder or the search line as one edit.
        Event::Paste(text) if mode.types() => vec![Action::InputText(text.clone())],
        _ => Vec::new(),
    }
}

/// Runs the explorer until the user quits. The terminal is restored whatever happens.
pub fn run(app: &mut App) -> Result<()> {
    let result = setup().and_then(|mut terminal| event_loop(&mut terminal, app));
    let _frame = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
    tty::restore();
    result
}

fn event_loop(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &mut App) -> Result<()> {
    let panic_for_test = std::env::var_os(PANIC_FOR_TEST).is_some();
    let abort_for_test = std::env::var_os(ABORT_FOR_TEST).is_some();
    loop {
        let size = terminal.size().context("cannot read the terminal size")?;
        if (size.width, size.height) != (app.area.width, app.area.height) {
            update(app, Action::Resize { width: size.width, height: size.height });
        }
        draw(terminal, app)?;
        if panic_for_test {
            let title = &app.corpus.doc(app.reader.doc).title;
            panic!("deliberate panic for testing ({PANIC_FOR_TEST} is set) in `{title}`");
        }
        if abort_for_test {
            std::alloc::handle_alloc_error(std::alloc::Layout::from_size_align(isize::MAX as usize / 2, 1)?);
        }
        next_input(app)?;
        effects::carry_out(app);
        if app.quit {
            return Ok(());
        }
    }
}

/// One frame, while the terminal is dossier's (not while it is suspended or
/// in the background); a whole one after the terminal was taken over again.
fn draw(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &App) -> Result<()> {
    let _frame = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
    if !tty::taken_over() {
        return Ok(());
    }
    if REDRAW.swap(false, Ordering::AcqRel) {
        // A fresh Terminal redraws everything; `Terminal::clear` would ask
        // the terminal where its cursor is, which not every terminal answers.
        execute!(io::stdout(), Clear(ClearType::All)).context("cannot redraw")?;
        *terminal = Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot size the terminal")?;
    }
    terminal.draw(|frame| view::draw(frame, app)).context("cannot draw (has the terminal gone away?)")?;
    Ok(())
}

/// Waits for input that means something and applies it, with everything
/// else already waiting. With work under way (a search over a large
/// corpus), input comes first and the work advances a bounded step when
/// there is none. Otherwise it blocks: mouse motion and the like cause no
/// redraw, and an idle dossier uses no CPU.
fn next_input(app: &mut App) -> Result<()> {
    loop {
        if app.busy() && !pending().context("cannot read from the terminal")? {
            update(app, Action::Tick);
            return Ok(());
        }
        if apply_waiting(app)? {
            return Ok(());
        }
    }
}

/// Reads the next event (waiting for it) and then every one already
/// waiting, and applies them as one burst. Whether any meant something.
fn apply_waiting(app: &mut App) -> Result<bool> {
    let mut burst = Burst::default();
    let mut any = false;
    loop {
        let event = event::read().context("cannot read from the terminal")?;
        // Mapped in the mode the events before it left (they are applied,
        // or held back only when they cannot change it).
        for action in action_for_event(app.mode(), &event) {
            any = true;
            if action == Action::Suspend {
                burst.finish(&mut |a| update(app, a));
                suspend()?;
                return Ok(true);
            }
            burst.push(action, &mut |a| update(app, a));
            if app.quit {
                return Ok(true);
            }
        }
        if !pending().context("cannot read from the terminal")? {
            break;
        }
    }
    burst.finish(&mut |a| update(app, a));
    Ok(any)
}

/// Ctrl-z: the same path as a SIGTSTP from outside (see [`signals`]).
fn suspend() -> Result<()> {
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP).context("cannot suspend")
}
