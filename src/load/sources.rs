//! Turning the paths a user named into texts to parse: a file is read as it
//! is, a directory contributes its `.json` files (not recursively, in name
//! order). Each failure becomes a [`Problem`] naming the path.

use std::collections::HashSet;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use super::problem::{Problem, ProblemKind};
use super::text_position;

/// One corpus file's text and the name it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    pub text: String,
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source { name: name.into(), text: text.into() }
    }
}

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

/// UTF-8 text with a leading byte-order mark dropped (editors on some
/// systems write one; it carries no meaning in UTF-8).
pub fn decode(name: &str, mut bytes: Vec<u8>) -> Result<Source, Problem> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            Err(Problem::new(
                ProblemKind::Encoding,
                name,
                format!("not valid UTF-8: byte 0x{:02X} at byte offset {at}", bytes[at]),
            )
            .at(Some(text_position(valid, at))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_dropped() {
        let s = decode("f.json", b"\xEF\xBB\xBF{}".to_vec()).unwrap();
        assert_eq!(s.text, "{}");
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
