//! The terminal's modes: taking it over (raw mode, the alternate screen,
//! mouse reporting, bracketed paste, a hidden cursor, and where the terminal
//! has it the kitty keyboard protocol's disambiguation, which tells Ctrl-i
//! from Tab) and giving it back — from ordinary code, and from a signal handler.
//!
//! What giving it back takes is prepared at take-over: the settings the
//! terminal had (from `tcgetattr`) and the escape bytes that undo the
//! modes. Restoring is then a `write(2)` and a `tcsetattr`, both
//! async-signal-safe, so an abort, a fault or a signal can restore the
//! terminal as surely as quitting does. Raw mode is set here rather than by
//! crossterm, whose saved settings sit behind a lock a handler cannot take.

use std::io::{self, Write};
use std::ptr;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicPtr, Ordering};

use crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, KeyboardEnhancementFlags,
    PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, queue};

/// Input: the explorer runs only with a terminal on standard input (see
/// `not_a_terminal`), which is also what crossterm reads.
const TTY: libc::c_int = libc::STDIN_FILENO;

/// Whether the terminal is taken over now; whoever swaps it to false restores.
static TAKEN_OVER: AtomicBool = AtomicBool::new(false);

/// The settings before the take-over. Each take-over leaks its copy (a few
/// dozen bytes, once per start or `fg`): a handler may be reading the last
/// one at any moment, so none is ever freed.
static SAVED: AtomicPtr<libc::termios> = AtomicPtr::new(ptr::null_mut());

/// The bytes that leave the modes, made at the first take-over.
static LEAVE: OnceLock<Vec<u8>> = OnceLock::new();

/// The same, after the keyboard flags were pushed: popped first, while
/// still on the alternate screen (kitty keeps a stack for each screen).
static LEAVE_ENHANCED: OnceLock<Vec<u8>> = OnceLock::new();

/// Whether the terminal said it has the kitty keyboard protocol and its
/// flags were pushed: they are pushed again at each take-over after that
/// (after `fg`) and popped at each restore.
static ENHANCED: AtomicBool = AtomicBool::new(false);

fn leave_bytes() -> &'static [u8] {
    let plain = LEAVE.get_or_init(|| {
        let mut bytes = Vec::new();
        // Writing to a Vec cannot fail.
        let _ = queue!(bytes, DisableBracketedPaste, DisableMouseCapture, LeaveAlternateScreen, cursor::Show);
        bytes
    });
    let enhanced = LEAVE_ENHANCED.get_or_init(|| {
        let mut bytes = Vec::new();
        let _ = queue!(bytes, PopKeyboardEnhancementFlags);
        bytes.extend_from_slice(plain);
        bytes
    });
    if ENHANCED.load(Ordering::Acquire) { enhanced } else { plain }
}

/// The flags asked for: only the disambiguation of keys that legacy
/// encodings confuse (Ctrl-i and Tab, Ctrl-m and Enter, Esc and Alt);
/// text still arrives as text and no release is reported.
fn push_keyboard_flags(out: &mut impl Write) -> io::Result<()> {
    queue!(out, PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES))
}

/// Whether the terminal can tell Ctrl-i from Tab (crossterm asks it, and
/// waits for its answer to a device-attributes query, at most two seconds
/// from a terminal that answers neither). Asked once, with the terminal taken over.
pub(super) fn keyboard_enhancement_supported() -> bool {
    crossterm::terminal::supports_keyboard_enhancement().unwrap_or(false)
}

/// Pushes the keyboard flags, from now on also at every take-over, and
/// pops them at every restore. With the output lock held.
pub(super) fn enhance_keyboard() -> io::Result<()> {
    if !taken_over() {
        return Ok(());
    }
    ENHANCED.store(true, Ordering::Release);
    let mut out = io::stdout().lock();
    push_keyboard_flags(&mut out)?;
    out.flush()
}

/// Whether the terminal is taken over (not before the explorer starts, nor
/// while it is suspended or in the background).
pub fn taken_over() -> bool {
    TAKEN_OVER.load(Ordering::Acquire)
}

/// Takes the terminal over, or (when it already is, after `fg`) puts its
/// modes back, which the shell or whoever stopped dossier may have changed.
pub(super) fn take_over() -> io::Result<()> {
    leave_bytes();
    let mut saved = SAVED.load(Ordering::Acquire);
    if !taken_over() || saved.is_null() {
        // SAFETY: tcgetattr writes a whole termios on success.
        let current = unsafe {
            let mut t = std::mem::MaybeUninit::<libc::termios>::uninit();
            if libc::tcgetattr(TTY, t.as_mut_ptr()) != 0 {
                return Err(io::Error::last_os_error());
            }
            t.assume_init()
        };
        saved = Box::into_raw(Box::new(current));
        SAVED.store(saved, Ordering::Release);
    }
    // SAFETY: `saved` points to a leaked termios that is never freed.
    let mut raw = unsafe { *saved };
    // SAFETY: cfmakeraw only changes the struct it is given.
    unsafe { libc::cfmakeraw(&mut raw) };
    // SAFETY: a valid fd and termios.
    if unsafe { libc::tcsetattr(TTY, libc::TCSANOW, &raw) } != 0 {
        return Err(io::Error::last_os_error());
    }
    // From here on anything that stops dossier restores.
    TAKEN_OVER.store(true, Ordering::Release);
    let mut out = io::stdout().lock();
    queue!(out, EnterAlternateScreen, EnableMouseCapture, EnableBracketedPaste, cursor::Hide)?;
    if ENHANCED.load(Ordering::Acquire) {
        push_keyboard_flags(&mut out)?;
    }
    out.flush()
}

/// Gives the terminal back: the keyboard flags popped, mouse and paste
/// reporting off, main screen, cursor shown, the settings it had. Does nothing when it is not taken over,
/// so it is safe to call more than once and when the terminal is gone.
pub fn restore() {
    if !TAKEN_OVER.swap(false, Ordering::AcqRel) {
        return;
    }
    // After anything buffered, so a frame cut short is finished first.
    let mut out = io::stdout().lock();
    let _ = out.write_all(leave_bytes());
    let _ = out.flush();
    drop(out);
    put_back_settings();
}

/// [`restore`] for a signal handler: only async-signal-safe calls (atomics,
/// `write(2)`, `tcsetattr`), no lock, no allocation; bytes buffered for a
/// frame are left where they are. Returns whether there was anything to
/// restore. For a SIGBUS handler, say, that repairs faults in mapped files
/// and must give the terminal back on any other.
pub fn restore_in_signal_handler() -> bool {
    if !TAKEN_OVER.swap(false, Ordering::AcqRel) {
        return false;
    }
    let leave = if ENHANCED.load(Ordering::Acquire) { LEAVE_ENHANCED.get() } else { LEAVE.get() };
    if let Some(bytes) = leave {
        write_fd(libc::STDOUT_FILENO, bytes);
    }
    put_back_settings();
    true
}

fn put_back_settings() {
    let saved = SAVED.load(Ordering::Acquire);
    if !saved.is_null() {
        // SAFETY: `saved` points to a leaked termios that is never freed.
        unsafe { libc::tcsetattr(TTY, libc::TCSANOW, saved) };
    }
}

/// Writes all of `bytes` to `fd` with `write(2)` alone (async-signal-safe);
/// gives up on an error other than EINTR.
pub(super) fn write_fd(fd: libc::c_int, mut bytes: &[u8]) {
    while !bytes.is_empty() {
        // SAFETY: the pointer and length describe a live slice.
        let n = unsafe { libc::write(fd, bytes.as_ptr().cast(), bytes.len()) };
        if n > 0 {
            bytes = &bytes[n as usize..];
        } else if n == 0 || io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            return;
        }
    }
}

/// Whether dossier's process group owns the terminal (it is not in the
/// background after `bg`, where taking the terminal would stop it again).
pub(super) fn in_foreground() -> bool {
    // SAFETY: plain queries.
    unsafe { libc::tcgetpgrp(TTY) == libc::getpgrp() }
}
