//! Turning the paths a user named into texts to parse: a file is read as it
//! is, a directory contributes its `.json` files (not recursively, in name
//! order). Each failure becomes a [`Problem`] naming the path.
//!
//! A large file is mapped into memory rather than read: the system hands
//! over its cached pages instead of copying them into fresh ones, which
//! halves the time to have a 200 MB corpus in hand. The map lives only while
//! the corpus loads; nothing in a loaded corpus points into it. A file that
//! changes while it loads (truncated under the map, or rewritten) is
//! noticed ([`Source::changed`]) and refused, never read half old, half new.

use std::collections::HashSet;
use std::fmt;
use std::fs::{self, File};
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::mapped::Mapped;
use super::problem::{Problem, ProblemKind};
use super::text_position;

/// One corpus file's text and the name it is reported under.
pub struct Source {
    pub name: String,
    text: Text,
}

enum Text {
    Owned(String),
    /// A mapped file and where its text starts (after a byte-order mark),
    /// checked to be UTF-8 when it was mapped.
    Mapped(Mapped, usize),
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source { name: name.into(), text: Text::Owned(text.into()) }
    }

    /// The file's text.
    pub fn text(&self) -> &str {
        match &self.text {
            Text::Owned(text) => text,
            // SAFETY: `map` checked the bytes after `start` to be UTF-8, and a
            // read-only map cannot be changed through this process. Should the
            // file be cut short under it, the whole map turns to NUL bytes
            // (see `mapped`), which are UTF-8 too; any change is reported by
            // `changed`, and the load refused.
            Text::Mapped(map, start) => unsafe { std::str::from_utf8_unchecked(&map.bytes()[*start..]) },
        }
    }
}

impl Source {
    /// Lets the system take back the memory of a part of a mapped file that
    /// has been parsed. Nothing changes for the reader: should the part be
    /// read again, the system reads it from the file (or its cache) again.
    pub(super) fn release(&self, range: std::ops::Range<usize>) {
        let Text::Mapped(map, start) = &self.text else { return };
        const PAGE: usize = 4096;
        let from = (start + range.start).next_multiple_of(PAGE);
        let to = (start + range.end.min(map.bytes().len() - start)) / PAGE * PAGE;
        if from < to {
            map.release(from, to - from);
        }
    }

    /// What became of the file while it was read, if it changed: a problem
    /// to refuse it with (whatever else its text seemed to say).
    pub fn changed(&self) -> Option<Problem> {
        let Text::Mapped(map, _) = &self.text else { return None };
        map.changed().map(|why| Problem::new(ProblemKind::Io, self.name.clone(), why))
    }
}

impl fmt::Debug for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let how = if matches!(self.text, Text::Mapped(..)) { "mapped" } else { "in memory" };
        f.debug_struct("Source")
            .field("name", &self.name)
            .field("bytes", &self.text().len())
            .field("text", &how)
            .finish()
    }
}

/// Files at least this large are mapped rather than read.
const MAP_FROM: u64 = 1 << 20;

/// Reads every named path; returns what could be read and a problem for each failure.
pub fn read_paths(paths: &[PathBuf]) -> (Vec<Source>, Vec<Problem>) {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for path in paths {
        let name = path.display().to_string();
        match fs::metadata(path) {
            Err(e) if e.kind() == ErrorKind::NotFound => {
                problems.push(Problem::new(ProblemKind::NotFound, name, "no such file or directory"));
            }
            Err(e) => problems.push(Problem::new(ProblemKind::Io, name, format!("cannot read: {e}"))),
            Ok(meta) if meta.is_dir() => {
                read_dir(path, &mut seen, &mut sources, &mut problems);
            }
            Ok(_) => {
                if first_time(&mut seen, path) {
                    read_file(path, &mut sources, &mut problems);
                }
            }
        }
    }
    (sources, problems)
}

/// Skips a file named twice (directly or through a directory), which would
/// otherwise report every id in it as a duplicate of itself.
fn first_time(seen: &mut HashSet<PathBuf>, path: &Path) -> bool {
    seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

fn read_dir(dir: &Path, seen: &mut HashSet<PathBuf>, sources: &mut Vec<Source>, problems: &mut Vec<Problem>) {
    let name = dir.display().to_string();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(Problem::new(ProblemKind::Io, name, format!("cannot read directory: {e}")));
            return;
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|p| p.extension().is_some_and(|ext| ext.eq_ignore_ascii_case("json")) && p.is_file())
        .collect();
    if files.is_empty() {
        problems.push(Problem::new(ProblemKind::Empty, name, "directory has no .json files"));
        return;
    }
    files.sort();
    for file in files {
        if first_time(seen, &file) {
            read_file(&file, sources, problems);
        }
    }
}

fn read_file(path: &Path, sources: &mut Vec<Source>, problems: &mut Vec<Problem>) {
    let name = path.display().to_string();
    if fs::metadata(path).is_ok_and(|m| m.len() >= MAP_FROM) {
        match map(&name, path) {
            Ok(Some(source)) => return sources.push(source),
            Ok(None) => {}
            Err(problem) => return problems.push(problem),
        }
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            problems.push(Problem::new(ProblemKind::Io, name, format!("cannot read: {e}")));
            return;
        }
    };
    match decode(&name, bytes) {
        Ok(source) => sources.push(source),
        Err(problem) => problems.push(problem),
    }
}

/// Maps a file, or says it cannot be mapped (then it is read instead).
fn map(name: &str, path: &Path) -> Result<Option<Source>, Problem> {
    let Ok(file) = File::open(path) else { return Ok(None) };
    let Ok(Some(map)) = Mapped::new(file) else { return Ok(None) };
    let start = bom_length(map.bytes());
    if !is_utf8_in_halves(&map.bytes()[start..]) {
        check_utf8(name, &map.bytes()[start..])?;
    }
    Ok(Some(Source { name: name.to_string(), text: Text::Mapped(map, start) }))
}

/// The length of a leading byte-order mark: editors on some systems write
/// one; it carries no meaning in UTF-8.
fn bom_length(bytes: &[u8]) -> usize {
    if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 }
}

/// UTF-8 text with a leading byte-order mark dropped.
pub fn decode(name: &str, mut bytes: Vec<u8>) -> Result<Source, Problem> {
    bytes.drain(..bom_length(&bytes));
    check_utf8(name, &bytes)?;
    Ok(Source::new(name, String::from_utf8(bytes).expect("checked to be UTF-8")))
}

/// Whether bytes are UTF-8, checked in two halves on two threads (split
/// where a character starts, so each half stands on its own).
fn is_utf8_in_halves(bytes: &[u8]) -> bool {
    let mut mid = bytes.len() / 2;
    while mid < bytes.len() && (bytes[mid] & 0xC0) == 0x80 {
        mid += 1;
    }
    let (first, second) = bytes.split_at(mid);
    std::thread::scope(|s| {
        let other = s.spawn(|| std::str::from_utf8(second).is_ok());
        std::str::from_utf8(first).is_ok() & other.join().unwrap_or(false)
    })
}

/// Says where bytes stop being UTF-8, by line, column and byte offset.
fn check_utf8(name: &str, bytes: &[u8]) -> Result<(), Problem> {
    let Err(e) = std::str::from_utf8(bytes) else { return Ok(()) };
    let at = e.valid_up_to();
    let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    Err(Problem::new(
        ProblemKind::Encoding,
        name,
        format!("not valid UTF-8: byte 0x{:02X} at byte offset {at}", bytes[at]),
    )
    .at(Some(text_position(valid, at))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        let s = decode("f.json", b"\xEF\xBB\xBF{}".to_vec()).unwrap();
        assert_eq!(s.text(), "{}");
    }

    #[test]
    fn invalid_utf8_names_line_column_and_byte() {
        let p = decode("f.json", b"{\n  \"a\": \"\xFF\"}".to_vec()).unwrap_err();
        assert_eq!(p.kind, ProblemKind::Encoding);
        assert_eq!(p.to_string(), "f.json:2:9: not valid UTF-8: byte 0xFF at byte offset 10");
    }

    #[test]
    fn missing_paths_and_empty_directories_are_reported() {
        let dir = std::env::temp_dir().join(format!("dossier-sources-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let missing = dir.join("nope.json");
        let (sources, problems) = read_paths(&[missing, dir.clone()]);
        assert!(sources.is_empty());
        assert_eq!(problems[0].kind, ProblemKind::NotFound);
        assert!(problems[0].to_string().ends_with("nope.json: no such file or directory"));
        assert_eq!(problems[1].kind, ProblemKind::Empty);
        assert!(problems[1].to_string().ends_with(": directory has no .json files"));
        fs::remove_dir_all(&dir).unwrap();
    }
}
