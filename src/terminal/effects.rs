//! Carrying out what the state asked for (see `state::effects`): a quote
//! to the clipboard as OSC 52 (`ESC ] 52 ; c ; <base64> BEL`, which tmux,
//! kitty, iTerm2, WezTerm, foot and xterm take), written between frames and
//! only while dossier has the terminal; a report to a new file in the
//! current directory (else the temporary directory), its path told back to
//! the state. The one deliberate write to the terminal besides frames: the
//! text is base64, so nothing in it can reach the terminal as a command.

use std::fs::OpenOptions;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{OUTPUT, tty};
use crate::state::{Action, App, Effect, update};

/// Does what the actions applied so far left to do.
pub(super) fn carry_out(app: &mut App) {
    for effect in app.take_effects() {
        match effect {
            Effect::Copy(text) => {
                let _frame = OUTPUT.lock().unwrap_or_else(|e| e.into_inner());
                if tty::taken_over() {
                    let mut out = io::stdout().lock();
                    // A terminal gone away is found out by the next frame.
                    let _ = out.write_all(&osc52(&text)).and_then(|()| out.flush());
                }
            }
            Effect::Export { name, markdown } => {
                let written = write_report(&report_dirs(), &name, &markdown);
                update(app, Action::Exported(written.map(|p| p.display().to_string())));
            }
        }
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> Vec<u8> {
    let mut bytes = b"\x1b]52;c;".to_vec();
    bytes.extend_from_slice(base64(text.as_bytes()).as_bytes());
    bytes.push(0x07);
    bytes
}

/// Standard base64, padded (RFC 4648 §4).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Where reports go: the current directory, where the user started dossier
/// and will look; the temporary directory when that cannot be written.
pub fn report_dirs() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::current_dir().into_iter().collect();
    dirs.push(std::env::temp_dir());
    dirs
}

/// Writes `contents` to a new file `name.md` in the first of `dirs` that
/// takes it (`name-2.md`, `name-3.md`, … when there is one already: nothing
/// is ever overwritten); its path, or why no directory took it.
pub fn write_report(dirs: &[PathBuf], name: &str, contents: &str) -> Result<PathBuf, String> {
    let mut last = String::from("no directory to write to");
    for dir in dirs {
        match write_new(dir, name, contents) {
            Ok(path) => return Ok(path),
            Err(e) => last = format!("{}: {e}", dir.display()),
        }
    }
    Err(last)
}

fn write_new(dir: &Path, name: &str, contents: &str) -> io::Result<PathBuf> {
    for n in 1..=999 {
        let file = if n == 1 { format!("{name}.md") } else { format!("{name}-{n}.md") };
        let path = dir.join(file);
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(mut f) => {
                let written = f.write_all(contents.as_bytes()).and_then(|()| f.sync_data());
                return match written {
                    Ok(()) => Ok(path),
                    Err(e) => {
                        // Half a report is no report.
                        let _ = std::fs::remove_file(&path);
                        Err(e)
                    }
                };
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::new(io::ErrorKind::AlreadyExists, format!("{name}.md to {name}-999.md all exist")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_rfc_4648() {
        for (plain, coded) in
            [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE=")]
        {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain}");
        }
        assert_eq!(base64("“ж”".as_bytes()), "4oCc0LbigJ0=");
        assert_eq!(osc52("foo"), b"\x1b]52;c;Zm9v\x07");
    }

    #[test]
    fn a_report_never_overwrites_and_falls_back_to_the_next_directory() {
        let dir = std::env::temp_dir().join(format!("dossier-report-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let first = write_report(std::slice::from_ref(&dir), "dossier-x", "one").unwrap();
        let second = write_report(std::slice::from_ref(&dir), "dossier-x", "two").unwrap();
        assert_eq!(
            (first.file_name().unwrap(), second.file_name().unwrap()),
            ("dossier-x.md".as_ref(), "dossier-x-2.md".as_ref())
        );
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
        assert_eq!(std::fs::read_to_string(&second).unwrap(), "two");
        let missing = dir.join("no such directory");
        let fell_back = write_report(&[missing.clone(), dir.clone()], "dossier-y", "three").unwrap();
        assert_eq!(fell_back.parent(), Some(dir.as_path()));
        let err = write_report(&[missing], "dossier-z", "four").unwrap_err();
        assert!(err.contains("no such directory"), "{err}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
