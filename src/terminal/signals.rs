//! Signals while the explorer runs: none may leave the terminal broken.
//!
//! - Every signal whose default is to end the process (SIGTERM, SIGHUP,
//!   SIGINT, SIGQUIT, SIGTRAP, SIGUSR1/2, the timers, SIGIO, SIGPWR, the
//!   real-time signals, ...):
//!   the terminal is restored and dossier exits with 128 + the signal's
//!   number, as a shell reports a death by that signal.
//! - SIGTSTP (Ctrl-z, or `kill -TSTP`): the terminal is restored and dossier
//!   stops as SIGTSTP's default would, so the shell says "Stopped"; when it
//!   runs again it takes the terminal over again and redraws everything.
//! - SIGCONT (after `fg`, also after a SIGSTOP, which cannot be caught, and
//!   which leaves the terminal in whatever mode the shell put back): the
//!   terminal is taken over again and everything redrawn.
//! - An abort (an allocation failure ends in one) and the synchronous faults
//!   (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGSYS), which are past saving: the
//!   terminal is restored from the handler itself, a line says why dossier
//!   stopped, and the signal's default action follows, so the process dies
//!   of it (a shell reports 134 for an abort).
//!
//! All but the last are handled on a thread of their own, which takes the
//! output lock first, so a restore never lands in the middle of a frame.
//! The main thread may be blocked reading input when the terminal is taken
//! over again; raising SIGWINCH wakes it (crossterm turns it into a Resize
//! event) and [`super::REDRAW`] makes the next frame a full one.

use std::io;
use std::sync::atomic::Ordering;

use libc::c_int;
use signal_hook::consts::*;

use super::{OUTPUT, REDRAW, tty};

/// The signals whose default action ends the process, other than the faults.
fn terminating() -> Vec<c_int> {
    let mut signals = vec![
        SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTRAP, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
        SIGIO,
    ];
    #[cfg(any(target_os = "linux", target_os = "android"))]
    signals.extend([libc::SIGPWR, libc::SIGSTKFLT]);
    // SIGRTMIN() is past the ones the C library keeps for itself.
    signals.extend(libc::SIGRTMIN()..=libc::SIGRTMAX());
    signals
}

/// The faults and the abort: handled in the handler itself, through
/// signal-hook-registry, after the handler that was there before (std's,
/// for SIGSEGV and SIGBUS: it reports a stack overflow and aborts, and for
/// any other fault puts the default action back). SIGBUS goes through the
/// loader's handler, which repairs faults in mapped corpus files and calls
/// [`die_of`] for any other.
pub const FAULTS: [c_int; 6] = [SIGABRT, SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGSYS];

/// Installs every handler. Call before the terminal is taken over.
pub(super) fn watch() -> io::Result<()> {
    watch_faults()?;
    let mut list = terminating();
    list.extend([SIGTSTP, SIGCONT]);
    let mut signals = signal_hook::iterator::Signals::new(list)?;
    std::thread::Builder::new().name("signals".into()).spawn(move || {
        for signal in signals.forever() {
            match signal {
                SIGTSTP => stop(),
                SIGCONT => resume(),
                _ => {
                    let _frame_done = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
                    tty::restore();
                    std::process::exit(128 + signal);
                }
            }
        }
    })?;
    Ok(())
}

/// SIGTSTP: give the terminal back and stop; on `fg`, take it over again.
fn stop() {
    let frame = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
    tty::restore();
    // Stop by SIGTSTP itself, with its default action put back for the
    // moment, so the shell reports "Stopped" (a SIGSTOP would read "Stopped
    // (signal)"). raise returns once dossier runs again, or at once where
    // the kernel discards the stop (an orphaned process group).
    // SAFETY: sigaction with valid structs; raise.
    unsafe {
        let mut default: libc::sigaction = std::mem::zeroed();
        default.sa_sigaction = libc::SIG_DFL;
        let mut ours: libc::sigaction = std::mem::zeroed();
        libc::sigaction(SIGTSTP, &default, &mut ours);
        libc::raise(SIGTSTP);
        libc::sigaction(SIGTSTP, &ours, std::ptr::null_mut());
    }
    take_back();
    drop(frame);
}

/// SIGCONT: dossier runs again, perhaps after a SIGSTOP that gave it no
/// chance to restore, with the terminal as the shell left it.
fn resume() {
    let _frame = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
    take_back();
}

/// Takes the terminal over again and redraws everything; with the output
/// lock held. Not in the background (after `bg`): the SIGCONT of `fg` will.
fn take_back() {
    if !tty::in_foreground() {
        return;
    }
    // If the terminal is gone the main thread finds out on its next frame.
    if tty::take_over().is_ok() {
        REDRAW.store(true, Ordering::Release);
        // SAFETY: raise is always safe to call.
        unsafe { libc::raise(SIGWINCH) };
    }
}

fn watch_faults() -> io::Result<()> {
    for signal in FAULTS {
        if signal == SIGBUS {
            // The loader's handler repairs a fault in a mapped corpus file
            // and hands any other SIGBUS here.
            crate::data::load::on_other_fault(|| die_of(SIGBUS))?;
            continue;
        }
        // SIGSEGV, SIGILL and SIGFPE are refused by `register`: a handler for
        // a fault must not return into the fault, and this one does not.
        // SAFETY: the action is async-signal-safe (see `die_of`).
        unsafe { signal_hook_registry::register_unchecked(signal, move |_| die_of(signal)) }?;
        // On the alternate stack std sets up, so a handler can still run
        // when the stack is what overflowed (std's own handler, chained
        // before this one, reports that and aborts).
        // SAFETY: reading and rewriting the handler the registry installed.
        unsafe {
            let mut action: libc::sigaction = std::mem::zeroed();
            if libc::sigaction(signal, std::ptr::null(), &mut action) == 0 {
                action.sa_flags |= libc::SA_ONSTACK;
                libc::sigaction(signal, &action, std::ptr::null_mut());
            }
        }
    }
    Ok(())
}

/// For a handler of one of [`FAULTS`]: restores the terminal, says why
/// dossier stopped, and lets the signal's default action happen, so the
/// process dies of it — also when the handler returns to a faulting
/// instruction, and when the signal came from `kill`. Async-signal-safe.
pub fn die_of(signal: c_int) {
    tty::restore_in_signal_handler();
    tty::write_fd(libc::STDERR_FILENO, stopped_line(signal));
    // SAFETY: signal and raise are async-signal-safe. The signal is blocked
    // while its handler runs; raised now, it is taken with the default
    // action as the handler returns.
    unsafe {
        libc::signal(signal, libc::SIG_DFL);
        libc::raise(signal);
    }
}

/// The fixed line written as dossier dies of a fault (no allocation).
fn stopped_line(signal: c_int) -> &'static [u8] {
    match signal {
        SIGABRT => b"dossier: stopped by SIGABRT (aborted, e.g. out of memory)\n",
        SIGSEGV => b"dossier: stopped by SIGSEGV (invalid memory access)\n",
        SIGBUS => b"dossier: stopped by SIGBUS (bus error, e.g. a mapped file was cut short)\n",
        SIGILL => b"dossier: stopped by SIGILL (illegal instruction)\n",
        SIGFPE => b"dossier: stopped by SIGFPE (arithmetic fault)\n",
        SIGSYS => b"dossier: stopped by SIGSYS (bad system call)\n",
        _ => b"dossier: stopped by a signal\n",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminating_signals_leave_out_the_faults_and_the_stops() {
        let t = terminating();
        for s in FAULTS.iter().chain(&[SIGTSTP, SIGCONT, SIGSTOP, SIGKILL, SIGWINCH, SIGCHLD, SIGPIPE]) {
            assert!(!t.contains(s), "{s}");
        }
        assert!(t.contains(&SIGQUIT) && t.contains(&libc::SIGRTMAX()));
    }
}
