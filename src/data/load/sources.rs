//! Turning the paths a user named into texts to parse: a file is read as it
//! is (a brat `.ann` or `.txt` with the other half of its pair), a directory
//! contributes its corpus files — `.json`, `.jsonl`, `.ann` with its `.txt`,
//! `.conll`, `.iob`, `.bio`, `.tsv` — not recursively, in name order. Each
//! failure becomes a [`Problem`] naming the path. A directory's brat pairs
//! are read by their reader as soon as their files are, on the same thread
//! (see [`super::mixed::read_pair_now`]).
//!
//! A large file is mapped into memory rather than read: the system hands
//! over its cached pages instead of copying them into fresh ones, which
//! halves the time to have a 200 MB corpus in hand. The map lives only while
//! the corpus loads; nothing in a loaded corpus points into it. A file that
//! changes while it loads (truncated under the map, or rewritten) is
//! noticed ([`Source::changed`]) and refused, never read half old, half new.

use std::ffi::{OsStr, OsString};
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{ErrorKind, Read};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use super::mapped::Mapped;
use super::options::{LoadOptions, format_size};
use super::problem::{Problem, ProblemKind};
use super::text_position;
use crate::data::import::ReadResult;
use crate::support::hash::FxHashSet;

/// One corpus file's text and the name it is reported under.
pub struct Source {
    pub name: String,
    text: Text,
    /// A brat pair's annotations as their reader read them, when that was
    /// done by the thread that read the pair (see [`Reader::read_dir`]).
    read: Option<Box<ReadResult>>,
}

enum Text {
    Owned(String),
    /// A mapped file and where its text starts (after a byte-order mark),
    /// checked to be UTF-8 when it was mapped.
    Mapped(Mapped, usize),
    /// A text of this many bytes already read by its reader, and freed
    /// (or moved into its document) by the thread that read it.
    Spent(usize),
}

impl Source {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source { name: name.into(), text: Text::Owned(text.into()), read: None }
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
            Text::Spent(_) => "",
        }
    }

    /// How many bytes of text the file had, read or not yet.
    pub fn size(&self) -> usize {
        match &self.text {
            Text::Spent(size) => *size,
            _ => self.text().len(),
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

    /// The text, where it is held in memory (not mapped): moved out,
    /// leaving this source empty.
    pub fn take_owned_text(&mut self) -> Option<String> {
        match &mut self.text {
            Text::Owned(text) => Some(std::mem::take(text)),
            Text::Mapped(..) | Text::Spent(_) => None,
        }
    }

    /// The text, where it is held in memory, moved out for good: the
    /// source keeps only its size. A mapped text stays (its map is still
    /// to be checked for changes).
    pub(super) fn spend(&mut self) -> Option<String> {
        let Text::Owned(text) = &mut self.text else { return None };
        let text = std::mem::take(text);
        self.text = Text::Spent(text.len());
        Some(text)
    }

    /// What the file's reader read, when that was done as it was read.
    pub(super) fn take_read(&mut self) -> Option<ReadResult> {
        self.read.take().map(|read| *read)
    }

    pub(super) fn set_read(&mut self, read: ReadResult) {
        self.read = Some(Box::new(read));
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
        let how = match self.text {
            Text::Owned(_) => "in memory",
            Text::Mapped(..) => "mapped",
            Text::Spent(_) => "read by its reader",
        };
        f.debug_struct("Source").field("name", &self.name).field("bytes", &self.size()).field("text", &how).finish()
    }
}

/// The extensions of the files a directory contributes (a `.txt` only as
/// the text of an `.ann`).
const CORPUS_EXTENSIONS: [&str; 10] =
    ["json", "jsonl", "ndjson", "ann", "conll", "conllu", "iob", "bio", "bioes", "tsv"];

fn extension(path: &Path) -> String {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default()
}

/// Whether a file is to be refused unless it is a JSON object: what is
/// named as JSON, or as nothing known, and not forced to another format.
fn must_be_object(name: &str, options: &LoadOptions) -> bool {
    if options.from.is_some_and(|f| f != crate::data::import::Format::Dossier) {
        return false;
    }
    let ext = extension(Path::new(name));
    !(CORPUS_EXTENSIONS.contains(&ext.as_str()) && ext != "json") && ext != "txt"
}

/// Files at least this large are mapped rather than read.
const MAP_FROM: u64 = 1 << 20;

/// Reads every named path; returns what could be read and a problem for each failure.
pub fn read_paths(paths: &[PathBuf], options: &LoadOptions) -> (Vec<Source>, Vec<Problem>) {
    let mut reader = Reader { options, sources: Vec::new(), problems: Vec::new(), seen: FxHashSet::default() };
    for path in paths {
        reader.read_path(path, false);
    }
    (reader.sources, reader.problems)
}

struct Reader<'o> {
    options: &'o LoadOptions,
    sources: Vec<Source>,
    problems: Vec<Problem>,
    seen: FxHashSet<PathBuf>,
}

/// A directory found in a directory the user named.
fn nested_directory(name: String) -> Problem {
    Problem::new(ProblemKind::Io, name, "a directory inside a directory; directories are not read recursively")
}

/// A directory's entry, read.
enum Entry {
    /// A file, by its real path (to skip one seen before), as read.
    File {
        real: PathBuf,
        read: Result<Source, Problem>,
    },
    Problem(Problem),
}

/// What a path turned out to be, judged on the open handle.
enum Opened {
    File(File, u64),
    Directory,
}

impl Reader<'_> {
    /// A path named by the user, or (`in_directory`) a `.json` entry of a
    /// directory they named.
    fn read_path(&mut self, path: &Path, in_directory: bool) {
        let name = path.display().to_string();
        match open(path) {
            Ok(Opened::File(file, len)) => {
                if first_time(&mut self.seen, path) {
                    match read_file(self.options, &name, file, len) {
                        Ok(source) => self.sources.push(source),
                        Err(problem) => self.problems.push(problem),
                    }
                }
                // A brat pair is named by either half.
                if !in_directory {
                    let other = match extension(path).as_str() {
                        "ann" => Some("txt"),
                        "txt" => Some("ann"),
                        _ => None,
                    };
                    if let Some(other) = other.map(|ext| path.with_extension(ext)).filter(|p| p.is_file()) {
                        self.read_path(&other, true);
                    }
                }
            }
            Ok(Opened::Directory) if in_directory => self.problems.push(nested_directory(name)),
            Ok(Opened::Directory) => self.read_dir(path),
            Err(problem) => self.problems.push(problem.named(name, in_directory)),
        }
    }

    fn read_dir(&mut self, dir: &Path) {
        let name = dir.display().to_string();
        let entries = match fs::read_dir(dir) {
            Ok(entries) => entries,
            Err(e) => {
                self.problems.push(Problem::new(ProblemKind::Io, name, format!("cannot read directory: {e}")));
                return;
            }
        };
        // Every entry with a corpus file's name is read or reported (a link
        // that leads nowhere, a FIFO, a directory); other names are not the
        // corpus's, nor is a `.txt` that is not the text of a brat `.ann`.
        // With each entry, whether it is a symbolic link (told by the
        // listing itself, without a call per entry). Entries are held by
        // their names alone, compared as bytes: in one directory that is
        // the order of their paths, and a brat folder has thousands.
        let all: Vec<(OsString, bool)> = entries
            .filter_map(Result::ok)
            .map(|entry| {
                let link = entry.file_type().map_or(true, |t| t.is_symlink());
                (entry.file_name(), link)
            })
            .collect();
        let anns: FxHashSet<&OsStr> =
            all.iter().filter(|(n, _)| has_extension(n, "ann")).filter_map(|(n, _)| Path::new(n).file_stem()).collect();
        let mut files: Vec<&(OsString, bool)> = all
            .iter()
            .filter(|(n, _)| {
                CORPUS_EXTENSIONS.iter().any(|ext| has_extension(n, ext))
                    || (has_extension(n, "txt") && Path::new(n).file_stem().is_some_and(|stem| anns.contains(stem)))
            })
            .collect();
        if files.is_empty() {
            self.problems.push(Problem::new(
                ProblemKind::Empty,
                name,
                "directory has no corpus files (.json, .jsonl, .ann with its .txt, .conll, .iob, .bio, .tsv)",
            ));
            return;
        }
        files.sort_unstable_by(|(a, _), (b, _)| a.as_encoded_bytes().cmp(b.as_encoded_bytes()));
        // The files are opened and read on both cores (a brat folder is
        // thousands of small files), then taken in name order, each only
        // the first time it is seen. A brat pair is read by one thread,
        // which also reads its annotations while they are in cache, and
        // frees them there for the next files it reads.
        let canonical_dir = fs::canonicalize(dir).ok();
        let work = work_items(&files);
        let options = self.options;
        let read_one = |i: usize| {
            let (file_name, link) = files[i];
            read_entry(dir, canonical_dir.as_deref(), options, file_name, *link)
        };
        let read = crate::support::parallel::map_in_order(&work, |&(i, txt)| {
            let mut first = read_one(i);
            let second = txt.map(|t| {
                let mut second = read_one(t);
                if let (Entry::File { read: Ok(ann), .. }, Entry::File { read: Ok(txt), .. }) =
                    (&mut first, &mut second)
                {
                    super::mixed::read_pair_now(ann, txt, options);
                }
                (t, second)
            });
            (first, second)
        });
        // A pair's text goes back to its place in name order.
        let mut entries: Vec<Option<Entry>> = Vec::with_capacity(files.len());
        entries.resize_with(files.len(), || None);
        for ((i, _), (first, second)) in work.iter().zip(read) {
            entries[*i] = Some(first);
            if let Some((t, second)) = second {
                entries[t] = Some(second);
            }
        }
        self.seen.reserve(entries.len());
        self.sources.reserve(entries.len());
        for entry in entries.into_iter().flatten() {
            match entry {
                Entry::File { real, read } => {
                    if self.seen.insert(real) {
                        match read {
                            Ok(source) => self.sources.push(source),
                            Err(problem) => self.problems.push(problem),
                        }
                    }
                }
                Entry::Problem(problem) => self.problems.push(problem),
            }
        }
    }
}

/// What each thread reading a directory's files (sorted by name) reads at a
/// time: a file, and, for a brat `.ann`, the `.txt` of its pair — the name
/// detection pairs it with (its stem and `.txt`, in lower case), which is
/// then not read on its own. A pair read early keeps what was read on its
/// `.ann`'s source, which is only read as brat with the `.txt` of that name:
/// the one read with it. Should either file be one read before (named twice,
/// or through a link), it is dropped as it always is, and what was read with it.
/// Of `x.ann` and `x.ANN`, detection gives `x.txt` to the last in name order.
fn work_items(files: &[&(OsString, bool)]) -> Vec<(usize, Option<usize>)> {
    let mut pairs = vec![None; files.len()];
    let mut taken = vec![false; files.len()];
    let mut txt = Vec::new();
    for (i, (name, _)) in files.iter().enumerate().rev() {
        let Some(stem) = Path::new(name).file_stem().filter(|_| has_extension(name, "ann")) else { continue };
        txt.clear();
        txt.extend_from_slice(stem.as_encoded_bytes());
        txt.extend_from_slice(b".txt");
        if let Ok(t) = files.binary_search_by(|(n, _)| n.as_encoded_bytes().cmp(&txt)) {
            if !std::mem::replace(&mut taken[t], true) {
                pairs[i] = Some(t);
            }
        }
    }
    (0..files.len()).filter(|&i| !taken[i]).map(|i| (i, pairs[i])).collect()
}

/// One of a directory's entries, opened and read.
fn read_entry(dir: &Path, canonical_dir: Option<&Path>, options: &LoadOptions, file_name: &OsStr, link: bool) -> Entry {
    let path = dir.join(file_name);
    let name = path.display().to_string();
    match open(&path) {
        Ok(Opened::File(file, len)) => {
            // An entry that is no link is its directory's real path
            // and its name: one call for the folder, not one per file.
            let real = match canonical_dir {
                Some(dir) if !link => dir.join(file_name),
                _ => fs::canonicalize(&path).unwrap_or(path),
            };
            Entry::File { real, read: read_file(options, &name, file, len) }
        }
        Ok(Opened::Directory) => Entry::Problem(nested_directory(name)),
        Err(problem) => Entry::Problem(problem.named(name, true)),
    }
}

/// A regular file, open, `len` bytes long when it was opened: its text,
/// or the problem that stops it being read.
fn read_file(options: &LoadOptions, name: &str, file: File, len: u64) -> Result<Source, Problem> {
    let limit = options.max_file_size;
    if len > limit {
        return Err(too_large(name, Some(len), limit));
    }
    let object = must_be_object(name, options);
    if len >= MAP_FROM {
        if let Some(source) = map(name, &file, len, object)? {
            return Ok(source);
        }
    }
    // No more than the limit is read, even of a file that grows meanwhile.
    let mut bytes = Vec::with_capacity(len as usize);
    if let Err(e) = (&file).take(limit.saturating_add(1)).read_to_end(&mut bytes) {
        return Err(Problem::new(ProblemKind::Io, name, format!("cannot read: {e}")));
    }
    if bytes.len() as u64 > limit {
        return Err(too_large(name, None, limit));
    }
    decode_as(name, bytes, object)
}

/// Whether a file's name has this extension (given in lower case), in
/// any case: what [`extension`] says, without making a string of it.
fn has_extension(name: &OsStr, ext: &str) -> bool {
    Path::new(name).extension().is_some_and(|e| e.as_encoded_bytes().eq_ignore_ascii_case(ext.as_bytes()))
}

/// A file of `len` bytes (`None`: one that grew past the limit while it
/// was read) refused for its size.
fn too_large(name: &str, len: Option<u64>, limit: u64) -> Problem {
    let limit_text = format_size(limit);
    let message = match len {
        Some(len) => {
            // A size that reads the file, in the unit the user would write.
            let raise = match len {
                len if len > 1 << 30 => format!("{}G", len.div_ceil(1 << 30)),
                len if len > 1 << 20 => format!("{}M", len.div_ceil(1 << 20)),
                len => len.to_string(),
            };
            let size = match format_size(len) {
                size if len < 1 << 10 => size,
                size => format!("{size} ({len} bytes)"),
            };
            format!(
                "file is {size}, larger than the limit of {limit_text}; to read it, raise the limit with --max-file-size {raise}"
            )
        }
        None => format!("file grew past the limit of {limit_text} while it was read"),
    };
    Problem::new(ProblemKind::TooLarge, name, message)
}

/// Why a path could not be opened, before it is known whether the user
/// named it or found it in a directory.
struct Unopened {
    kind: ProblemKind,
    message: String,
}

impl Unopened {
    fn named(self, name: String, in_directory: bool) -> Problem {
        // A link to nothing that the user named is a path that does not
        // exist (a usage error); found in a directory, it is a fault of the corpus.
        let kind = if in_directory && self.kind == ProblemKind::NotFound { ProblemKind::Io } else { self.kind };
        Problem::new(kind, name, self.message)
    }
}

/// Opens a path and tells what it is from the open handle (fstat), so a
/// path swapped between a look and the open cannot mislead: the open itself
/// never blocks (`O_NONBLOCK`: a FIFO with no writer, a terminal) nor makes
/// a terminal dossier's own (`O_NOCTTY`), and only a regular file is read.
fn open(path: &Path) -> Result<Opened, Unopened> {
    let opened = OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY).open(path);
    let file = opened.map_err(|e| unopened(path, &e))?;
    let meta = file.metadata().map_err(|e| Unopened { kind: ProblemKind::Io, message: format!("cannot read: {e}") })?;
    let kind = meta.file_type();
    if kind.is_file() {
        Ok(Opened::File(file, meta.len()))
    } else if kind.is_dir() {
        Ok(Opened::Directory)
    } else {
        Err(Unopened { kind: ProblemKind::Io, message: not_regular(kind) })
    }
}

fn not_regular(kind: fs::FileType) -> String {
    let what = if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "an unknown kind of file"
    };
    format!("not a regular file ({what}); dossier reads files and directories")
}

/// What went wrong opening a path, said in the user's terms.
fn unopened(path: &Path, e: &std::io::Error) -> Unopened {
    let io = |message: String| Unopened { kind: ProblemKind::Io, message };
    match e.raw_os_error() {
        Some(libc::ELOOP) => return io("symbolic link loop: following it never reaches a file".to_string()),
        // Sockets, and terminals that are not there, cannot be opened at all.
        Some(libc::ENXIO) => {
            if let Ok(meta) = fs::metadata(path) {
                return io(not_regular(meta.file_type()));
            }
        }
        _ => {}
    }
    if e.kind() == ErrorKind::NotFound {
        let message = match fs::symlink_metadata(path) {
            Ok(meta) if meta.file_type().is_symlink() => "dangling symbolic link: what it points to does not exist",
            _ => "no such file or directory",
        };
        return Unopened { kind: ProblemKind::NotFound, message: message.to_string() };
    }
    io(format!("cannot read: {e}"))
}

/// Skips a file named twice (directly or through a directory), which would
/// otherwise report every id in it as a duplicate of itself.
fn first_time(seen: &mut FxHashSet<PathBuf>, path: &Path) -> bool {
    seen.insert(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// Maps `len` bytes of an open file, or says it cannot be mapped (then it is read instead).
fn map(name: &str, file: &File, len: u64, object: bool) -> Result<Option<Source>, Problem> {
    let Ok(len) = usize::try_from(len) else { return Ok(None) };
    let Ok(Some(map)) = Mapped::new(file, len) else { return Ok(None) };
    check_start(name, map.bytes(), object)?;
    let start = bom_length(map.bytes());
    if !is_utf8_in_halves(&map.bytes()[start..]) {
        check_utf8(name, &map.bytes()[start..])?;
    }
    Ok(Some(Source { name: name.to_string(), text: Text::Mapped(map, start), read: None }))
}

/// The length of a leading byte-order mark: editors on some systems write
/// one; it carries no meaning in UTF-8.
fn bom_length(bytes: &[u8]) -> usize {
    if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 }
}

/// Refuses, from its first bytes, a file that cannot be a corpus: UTF-16
/// text, or (`object`: a file to be read as JSON) anything that does not
/// start with `{` or `[` (a corpus is an object; other tools write arrays,
/// which are told apart later). A gigabyte of garbage is refused at once,
/// not checked to be UTF-8 first.
pub(super) fn check_start(name: &str, bytes: &[u8], object: bool) -> Result<(), Problem> {
    if let Some(order) = utf16(bytes) {
        return Err(Problem::new(
            ProblemKind::Encoding,
            name,
            format!(
                "file is UTF-16 ({order}-endian), not UTF-8; convert it to UTF-8, e.g. with iconv -f UTF-16{} -t UTF-8",
                if order == "little" { "LE" } else { "BE" }
            ),
        ));
    }
    let bytes = &bytes[bom_length(bytes)..];
    let first = bytes.iter().find(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'));
    if !object || first == Some(&b'[') {
        return Ok(());
    }
    match not_an_object(bytes) {
        Some((at, message)) => {
            let before = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            Err(Problem::new(ProblemKind::Syntax, name, message).at(Some(text_position(before, at))))
        }
        None => Ok(()),
    }
}

/// `little` or `big` when bytes are UTF-16: a byte-order mark, or the NUL
/// bytes that UTF-16 puts beside each ASCII character (`{` is `7B 00`).
fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => return Some("little"),
        [0xFE, 0xFF, ..] => return Some("big"),
        _ => {}
    }
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(4).collect();
    let all = |f: fn(&[u8]) -> bool| !pairs.is_empty() && pairs.iter().all(|p| f(p));
    if all(|p| p[0] != 0 && p[0] < 0x80 && p[1] == 0) {
        Some("little")
    } else if all(|p| p[0] == 0 && p[1] != 0 && p[1] < 0x80) {
        Some("big")
    } else {
        None
    }
}

/// Where a top level that is not an object starts, and what it is instead
/// (`None` for an object, or for nothing but white space).
pub(super) fn not_an_object(bytes: &[u8]) -> Option<(usize, String)> {
    let at = bytes.iter().position(|b| !matches!(b, b' ' | b'\n' | b'\r' | b'\t'))?;
    let rest = &bytes[at..];
    let found = match rest[0] {
        b'{' => return None,
        b'[' => "an array".to_string(),
        b'"' => "a string".to_string(),
        b'-' | b'0'..=b'9' => "a number".to_string(),
        _ if rest.starts_with(b"true") || rest.starts_with(b"false") => "a boolean".to_string(),
        _ if rest.starts_with(b"null") => "null".to_string(),
        _ => {
            let head = &rest[..rest.len().min(4)];
            let valid = match std::str::from_utf8(head) {
                Ok(s) => s,
                Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or_default(),
            };
            match valid.chars().next() {
                Some(c) if !c.is_control() => super::problem::quoted(&c.to_string()),
                _ => format!("byte 0x{:02X}", rest[0]),
            }
        }
    };
    Some((at, format!("expected an object such as {}, found {found}", super::raw::FILE_SHAPE)))
}

/// UTF-8 text with a leading byte-order mark dropped.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<Source, Problem> {
    decode_as(name, bytes, true)
}

/// [`decode`], refusing what is not a JSON object or array when `object`.
fn decode_as(name: &str, mut bytes: Vec<u8>, object: bool) -> Result<Source, Problem> {
    check_start(name, &bytes, object)?;
    bytes.drain(..bom_length(&bytes));
    // Validated once: only a file that is not UTF-8 is read again, for where.
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(name, text)),
        Err(e) => Err(not_utf8(name, e.as_bytes(), e.utf8_error().valid_up_to())),
    }
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

/// Bytes that are UTF-8, or a problem saying where they stop being it.
fn check_utf8(name: &str, bytes: &[u8]) -> Result<(), Problem> {
    match std::str::from_utf8(bytes) {
        Ok(_) => Ok(()),
        Err(e) => Err(not_utf8(name, bytes, e.valid_up_to())),
    }
}

/// Bytes that stop being UTF-8 at `at`, said by line, column and byte offset.
fn not_utf8(name: &str, bytes: &[u8], at: usize) -> Problem {
    let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
    Problem::new(ProblemKind::Encoding, name, format!("not valid UTF-8: byte 0x{:02X} at byte offset {at}", bytes[at]))
        .at(Some(text_position(valid, at)))
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
        let (sources, problems) = read_paths(&[missing, dir.clone()], &LoadOptions::default());
        assert!(sources.is_empty());
        assert_eq!(problems[0].kind, ProblemKind::NotFound);
        assert!(problems[0].to_string().ends_with("nope.json: no such file or directory"));
        assert_eq!(problems[1].kind, ProblemKind::Empty);
        assert!(problems[1].to_string().ends_with(
            ": directory has no corpus files (.json, .jsonl, .ann with its .txt, .conll, .iob, .bio, .tsv)"
        ));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_file_named_twice_is_read_once_and_a_folder_keeps_its_order() {
        // Read on both cores, taken back in name order: a link to a file
        // of the folder, and the file named again, are the same file.
        let dir = std::env::temp_dir().join(format!("dossier-sources-twice-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub.json")).unwrap();
        for i in 0..40 {
            fs::write(dir.join(format!("f{i:02}.json")), format!("{{\"n\": {i}}}")).unwrap();
        }
        std::os::unix::fs::symlink("f03.json", dir.join("link.json")).unwrap();
        let (sources, problems) = read_paths(&[dir.clone(), dir.join("f07.json")], &LoadOptions::default());
        let names: Vec<String> = sources.iter().map(|s| s.name.rsplit('/').next().unwrap().to_string()).collect();
        let expected: Vec<String> = (0..40).map(|i| format!("f{i:02}.json")).collect();
        assert_eq!(names, expected);
        assert_eq!(sources[5].text(), "{\"n\": 5}");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0]
                .to_string()
                .ends_with("sub.json: a directory inside a directory; directories are not read recursively")
        );
        fs::remove_dir_all(&dir).unwrap();
    }
}
