//! Progress on stderr while a long load runs: after [`SHOW_AFTER`] with
//! nothing done, one line, redrawn in place, says what is read (files and
//! bytes), which phase last ended and how long it has taken; it is cleared
//! when the load ends, before anything else is written (the explorer's
//! screen, `check`'s answer, `--timings`). Nothing is written when stderr
//! is not a terminal, so scripts and pipes see no difference.
//!
//! The loader knows nothing of this: it marks its phases on a
//! [`Timings`], and the reporter is the [`PhaseObserver`] behind them.
//! The line is drawn by a thread of its own, so it moves on while a phase
//! keeps the loading thread busy.

use std::io::{IsTerminal, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::data::load::format_size;
use crate::support::timings::{PhaseObserver, Timings};
use crate::text::sanitize::display;

/// How long a load runs before it is shown: shorter loads pass unseen.
pub const SHOW_AFTER: Duration = Duration::from_millis(300);

/// How often the line is redrawn (it also is at the end of each phase).
const TICK: Duration = Duration::from_millis(100);

/// Set (to milliseconds) in tests to show progress sooner than [`SHOW_AFTER`].
pub const SHOW_AFTER_FOR_TEST: &str = "DOSSIER_PROGRESS_AFTER_MS";

const SPINNER: [char; 4] = ['|', '/', '-', '\\'];

/// What the drawing thread shows.
#[derive(Debug, Default)]
struct State {
    files: Option<(usize, u64)>,
    last_phase: Option<&'static str>,
    /// Set when the load is over: the thread clears its line and ends.
    finished: bool,
}

#[derive(Debug)]
struct Shared {
    what: String,
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl PhaseObserver for Shared {
    fn input(&self, files: usize, bytes: u64) {
        self.lock().files = Some((files, bytes));
        self.changed.notify_all();
    }

    fn phase_done(&self, phase: &'static str) {
        self.lock().last_phase = Some(phase);
        self.changed.notify_all();
    }
}

/// A load's progress line; [`LoadProgress::finish`] (or dropping it) clears it.
#[derive(Debug)]
pub struct LoadProgress {
    shared: Option<Arc<Shared>>,
    thread: Option<JoinHandle<()>>,
}

impl LoadProgress {
    /// Progress for loading `what` (e.g. the file named), shown on stderr
    /// if stderr is a terminal and the load takes long enough.
    pub fn start(what: &str) -> LoadProgress {
        if !std::io::stderr().is_terminal() {
            return LoadProgress { shared: None, thread: None };
        }
        let after = std::env::var(SHOW_AFTER_FOR_TEST)
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(SHOW_AFTER, Duration::from_millis);
        let shared =
            Arc::new(Shared { what: display(what).into_owned(), state: Mutex::default(), changed: Condvar::new() });
        let drawing = shared.clone();
        let thread = std::thread::Builder::new()
            .name("progress".into())
            .spawn(move || draw_until_finished(&drawing, after, &mut unlocked_stderr()))
            .ok();
        LoadProgress { shared: Some(shared), thread }
    }

    /// Timings whose phases this progress follows.
    pub fn timings(&self) -> Timings {
        match &self.shared {
            Some(shared) => Timings::observed(shared.clone()),
            None => Timings::default(),
        }
    }

    /// Says that `phase` (work after the load, such as indexing for the
    /// explorer) has ended.
    pub fn phase_done(&self, phase: &'static str) {
        if let Some(shared) = &self.shared {
            shared.phase_done(phase);
        }
    }

    /// Ends the progress, its line cleared once this returns.
    pub fn finish(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(shared) = self.shared.take() {
            shared.lock().finished = true;
            shared.changed.notify_all();
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for LoadProgress {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Standard error without its lock: the thread that loads may hold
/// `Stderr`'s lock throughout (the commands are handed it locked), and
/// writes nothing to it before the progress is over, so the two never mix.
fn unlocked_stderr() -> UnlockedStderr {
    use std::os::fd::FromRawFd;
    // SAFETY: fd 2 is open for the whole process; ManuallyDrop never closes it.
    UnlockedStderr(std::mem::ManuallyDrop::new(unsafe { std::fs::File::from_raw_fd(2) }))
}

struct UnlockedStderr(std::mem::ManuallyDrop<std::fs::File>);

impl Write for UnlockedStderr {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        (&*self.0).write(bytes)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The drawing thread: waits until the load has taken `after`, then
/// redraws the line each tick and after each phase, and clears it at the end.
fn draw_until_finished(shared: &Shared, after: Duration, err: &mut dyn Write) {
    let started = Instant::now();
    let width = crossterm::terminal::size().map_or(80, |(w, _)| usize::from(w));
    let mut state = shared.lock();
    let mut shown = false;
    let mut ticks = 0;
    while !state.finished {
        let elapsed = started.elapsed();
        if elapsed >= after {
            let line = progress_line(&shared.what, &state, elapsed, SPINNER[ticks % SPINNER.len()]);
            ticks += 1;
            // Drawn without the lock, so the loader never waits on the terminal.
            drop(state);
            let _ = write!(err, "\r\x1b[2K{}", fit(&line, width.saturating_sub(1)));
            let _ = err.flush();
            shown = true;
            state = shared.lock();
        }
        let wait = if elapsed >= after { TICK } else { after - elapsed };
        state = shared.changed.wait_timeout(state, wait).unwrap_or_else(|e| e.into_inner()).0;
    }
    if shown {
        let _ = write!(err, "\r\x1b[2K");
        let _ = err.flush();
    }
}

/// `dossier: loading big.json · 1 file, 312.4 MB · parse done · 0.9 s |`.
fn progress_line(what: &str, state: &State, elapsed: Duration, spinner: char) -> String {
    let mut line = format!("dossier: loading {what}");
    if let Some((files, bytes)) = state.files {
        let s = if files == 1 { "" } else { "s" };
        line.push_str(&format!(" · {files} file{s}, {}", format_size(bytes)));
    }
    match state.last_phase {
        Some(phase) => line.push_str(&format!(" · {phase} done")),
        None => line.push_str(" · reading"),
    }
    line.push_str(&format!(" · {:.1} s {spinner}", elapsed.as_secs_f64()));
    line
}

/// The line cut to `width` columns (with `…`), so it never wraps: a
/// wrapped line could not be redrawn in place.
fn fit(line: &str, width: usize) -> String {
    if crate::text::wrap::cells(line) <= width {
        return line.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in line.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_says_what_is_read_and_which_phase_ended() {
        let mut state = State::default();
        let at = Duration::from_millis(900);
        assert_eq!(progress_line("big.json", &state, at, '|'), "dossier: loading big.json · reading · 0.9 s |");
        state.files = Some((1, 312 << 20));
        state.last_phase = Some("parse");
        assert_eq!(
            progress_line("big.json", &state, at, '/'),
            "dossier: loading big.json · 1 file, 312 MiB · parse done · 0.9 s /"
        );
    }

    #[test]
    fn a_long_line_is_cut_to_the_width() {
        assert_eq!(fit("abcdef", 6), "abcdef");
        assert_eq!(fit("abcdefgh", 6), "abcde…");
    }

    /// The thread draws nothing for a short load, and clears what it drew for a long one.
    #[test]
    fn short_loads_show_nothing_and_long_ones_are_cleared() {
        let shared = |what: &str| Shared { what: what.into(), state: Mutex::default(), changed: Condvar::new() };
        let quick = shared("quick");
        quick.lock().finished = true;
        let mut out = Vec::new();
        draw_until_finished(&quick, Duration::from_secs(10), &mut out);
        assert!(out.is_empty());

        let slow = Arc::new(shared("slow"));
        let finisher = slow.clone();
        let stop = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(150));
            finisher.phase_done("read");
            std::thread::sleep(Duration::from_millis(150));
            finisher.lock().finished = true;
            finisher.changed.notify_all();
        });
        let mut out = Vec::new();
        draw_until_finished(&slow, Duration::from_millis(10), &mut out);
        stop.join().unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.starts_with("\r\x1b[2Kdossier: loading slow · reading"), "{out:?}");
        assert!(out.contains("read done"), "{out:?}");
        assert!(out.ends_with("\r\x1b[2K"), "{out:?}");
    }
}
