//! The edge: taking over the terminal, the event loop, and giving the
//! terminal back exactly as it was — on quit, on error and on panic.
//!
//! The loop blocks on the next event and redraws only after one that
//! changed something, so an idle dossier uses no CPU.

use std::io::{self, IsTerminal, Stdout, Write};

use anyhow::{Context, Result};
use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event, MouseButton,
    MouseEventKind,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

use crate::app::{Action, App, Mode, MouseKind, action_for, update};
use crate::ui;

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
/// Safe to call more than once.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(out, DisableBracketedPaste, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

fn setup() -> Result<Terminal<CrosstermBackend<Stdout>>> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste, cursor::Hide)
        .context("cannot set up the terminal")?;
    Terminal::new(CrosstermBackend::new(out)).context("cannot size the terminal")
}

/// The action an event stands for, if any.
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
    loop {
        let size = terminal.size().context("cannot read the terminal size")?;
        if (size.width, size.height) != (app.area.width, app.area.height) {
            update(app, Action::Resize { width: size.width, height: size.height });
        }
        terminal.draw(|frame| ui::draw(frame, app)).context("cannot draw (has the terminal gone away?)")?;
        // Wait for an event that means something; mouse motion and the like cause no redraw.
        loop {
            let event = event::read().context("cannot read from the terminal")?;
            let actions = action_for_event(app.mode(), &event);
            if actions.is_empty() {
                continue;
            }
            for action in actions {
                update(app, action);
            }
            break;
        }
        if app.quit {
            return Ok(());
        }
    }
}
