//! The edge: taking over the terminal, the event loop, and giving the
//! terminal back exactly as it was — on quit, on error, on panic, on
//! SIGTERM/SIGHUP/SIGINT, and around Ctrl-z.
//!
//! The loop blocks on the next event and redraws only after one that
//! changed something, so an idle dossier uses no CPU. Only while work is
//! under way (see `App::busy`) does it poll, advancing the work in bounded
//! steps between keystrokes. Nothing from the
//! corpus is ever written outside a frame, and nothing goes to the window
//! title.

use std::io::{self, IsTerminal, Stdout, Write};
use std::sync::Mutex;
use std::time::Duration;

use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, MouseButton,
    MouseEventKind,
};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};

use crate::app::{Action, App, Mode, MouseKind, action_for, update};
use crate::ui;

/// Held while anything is written to the terminal, so that a signal's
/// restore never lands in the middle of a frame.
static OUTPUT: Mutex<()> = Mutex::new(());

/// Set in tests to make the explorer panic after its first frame, to prove
/// that a panic restores the terminal.
pub const PANIC_FOR_TEST: &str = "DOSSIER_PANIC_AFTER_FIRST_FRAME";

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

/// Gives the terminal back: mouse off, main screen, cooked mode, cursor shown.
/// Safe to call more than once, and when the terminal is gone.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableBracketedPaste, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn take_over() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste, cursor::Hide)
}

fn setup() -> Result<Terminal<CrosstermBackend<Stdout>>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    watch_signals().context("cannot install signal handlers")?;
    take_over().context("cannot set up the terminal")?;
    Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot size the terminal")
}

/// SIGTERM, SIGHUP and SIGINT from outside: restore the terminal and exit
/// with 128 + the signal's number, as a shell would report it.
fn watch_signals() -> io::Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _frame_done = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
            restore();
            std::process::exit(128 + signal);
        }
    })?;
    Ok(())
}

/// Ctrl-z: give the terminal back, stop, and take it over again on `fg`.
fn suspend(terminal: &mut Terminal<CrosstermBackend<Stdout>>) -> Result<()> {
    {
        let _frame = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
        restore();
    }
    signal_hook::low_level::raise(SIGTSTP).context("cannot suspend")?;
    // Running again. A fresh Terminal redraws everything on the next frame;
    // `Terminal::clear` would ask the terminal where its cursor is, which not
    // every terminal answers.
    take_over().context("cannot set up the terminal again")?;
    execute!(io::stdout(), Clear(ClearType::All)).context("cannot redraw")?;
    *terminal = Terminal::new(CrosstermBackend::new(io::stdout())).context("cannot size the terminal")?;
    Ok(())
}

/// The actions an event stands for (none for events that change nothing).
pub fn action_for_event(mode: Mode, event: &Event) -> Vec<Action> {
    match event {
        Event::Key(key) => action_for(mode, key).into_iter().collect(),
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
        // Pasted text goes into the finder or the search line as if typed.
        Event::Paste(text) if matches!(mode, Mode::Finder | Mode::Search) => {
            text.chars().filter(|c| !c.is_control()).map(Action::Input).collect()
        }
        _ => Vec::new(),
    }
}

/// Runs the explorer until the user quits. The terminal is restored whatever happens.
pub fn run(app: &mut App) -> Result<()> {
    let mut terminal = setup()?;
    let result = event_loop(&mut terminal, app);
    restore();
    result
}

fn event_loop(terminal: &mut Terminal<CrosstermBackend<Stdout>>, app: &mut App) -> Result<()> {
    let panic_for_test = std::env::var_os(PANIC_FOR_TEST).is_some();
    loop {
        let size = terminal.size().context("cannot read the terminal size")?;
        if (size.width, size.height) != (app.area.width, app.area.height) {
            update(app, Action::Resize { width: size.width, height: size.height });
        }
        {
            let _frame = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
            terminal.draw(|frame| ui::draw(frame, app)).context("cannot draw (has the terminal gone away?)")?;
        }
        if panic_for_test {
            panic!("deliberate panic for testing ({PANIC_FOR_TEST} is set)");
        }
        // With work under way (a search over a large corpus), input comes
        // first and the work advances a bounded step when there is none.
        // Otherwise wait for an event that means something: mouse motion and
        // the like cause no redraw, and an idle dossier uses no CPU.
        loop {
            if app.busy() && !event::poll(Duration::ZERO).context("cannot read from the terminal")? {
                update(app, Action::Tick);
                break;
            }
            let event = event::read().context("cannot read from the terminal")?;
            let actions = action_for_event(app.mode(), &event);
            if actions.is_empty() {
                continue;
            }
            for action in actions {
                if action == Action::Suspend {
                    suspend(terminal)?;
                } else {
                    update(app, action);
                }
            }
            break;
        }
        if app.quit {
            return Ok(());
        }
    }
}
