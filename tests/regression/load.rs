//! Regressions in reading and checking corpora.

#[allow(unused_imports)]
use super::common::*;

use std::ffi::CString;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs dossier, killing it if it has not finished in a minute (a reader
/// that blocks would otherwise hang the suite; this is no measure of speed).
fn dossier_or_kill(args: &[&str]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let deadline = Instant::now() + Duration::from_secs(60);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("dossier {args:?} was still running after a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

/// `dossier check PATH [ARGS]`: the exit code and stderr, which must hold
/// exactly `lines` (then the count); nothing on stdout.
fn check_fails(path: &str, args: &[&str], lines: &[String]) {
    let mut all = vec!["check", path];
    all.extend(args);
    let o = dossier_or_kill(&all);
    let n = lines.len();
    let mut expected: Vec<String> = lines.to_vec();
    expected.push(format!("dossier: {n} problem{} found; the corpus was not loaded", if n == 1 { "" } else { "s" }));
    assert_eq!(stderr(&o).lines().collect::<Vec<_>>(), expected, "dossier check {path} {args:?}");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

fn mkfifo(path: &str) {
    let c = CString::new(path).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo {path}");
}

const VALID: &str = r#"{"documents": [{"id": "d", "text": "Aslan Tolegenov was detained."}]}"#;

/// A corpus with one document whose text is `text`, and `rest` after the documents.
fn corpus(text: &str, rest: &str) -> String {
    format!(r#"{{"documents": [{{"id": "d", "text": "{text}"}}]{rest}}}"#)
}

#[test]
fn a_fifo_as_the_corpus_is_refused_not_waited_on() {
    // The FIFO was read like a file: dossier blocked forever, waiting for a writer.
    let dir = TempDir::new("fifo");
    let fifo = dir.path("corpus.json");
    mkfifo(&fifo);
    check_fails(&fifo, &[], &[format!("{fifo}: not a regular file (a FIFO); dossier reads files and directories")]);
}

#[test]
fn a_character_device_as_the_corpus_is_refused_not_read() {
    // /dev/zero and /dev/urandom were read without end (and /dev/tty waited for typing).
    for device in ["/dev/zero", "/dev/urandom", "/dev/null"] {
        check_fails(
            device,
            &[],
            &[format!("{device}: not a regular file (a character device); dossier reads files and directories")],
        );
    }
}

#[test]
fn a_directory_reports_the_entries_it_cannot_read() {
    // Dangling links, link loops, FIFOs and directories named *.json were skipped in silence.
    let dir = TempDir::new("entries");
    let corpus = dir.path("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::write(format!("{corpus}/a.json"), VALID).unwrap();
    std::os::unix::fs::symlink("missing.json", format!("{corpus}/b.json")).unwrap();
    std::os::unix::fs::symlink("c.json", format!("{corpus}/c.json")).unwrap();
    mkfifo(&format!("{corpus}/d.json"));
    std::fs::create_dir(format!("{corpus}/e.json")).unwrap();
    std::fs::write(format!("{corpus}/notes.txt"), "not the corpus's").unwrap();
    check_fails(
        &corpus,
        &[],
        &[
            format!("{corpus}/b.json: dangling symbolic link: what it points to does not exist"),
            format!("{corpus}/c.json: symbolic link loop: following it never reaches a file"),
            format!("{corpus}/d.json: not a regular file (a FIFO); dossier reads files and directories"),
            format!("{corpus}/e.json: a directory inside a directory; directories are not read recursively"),
        ],
    );
}

#[test]
fn a_directory_holding_only_a_symlink_loop_is_not_ok() {
    // With its one entry skipped in silence, a second path's corpus checked "ok".
    let dir = TempDir::new("only-loop");
    let corpus = dir.path("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::os::unix::fs::symlink("loop.json", format!("{corpus}/loop.json")).unwrap();
    let valid = dir.write("valid.json", VALID);
    let o = dossier(&["check", &corpus, &valid]);
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    assert_eq!(
        stderr(&o).lines().next(),
        Some(format!("{corpus}/loop.json: symbolic link loop: following it never reaches a file").as_str())
    );
}

#[test]
fn a_file_larger_than_the_limit_is_refused_before_it_is_read() {
    // A 30 GB sparse file was checked to be UTF-8 and indexed by line (30 s, 22 GB) before "expected value".
    let dir = TempDir::new("huge");
    let huge = dir.path("huge.json");
    std::fs::File::create(&huge).unwrap().set_len(30 << 30).unwrap();
    check_fails(
        &huge,
        &[],
        &[format!(
            "{huge}: file is 30 GiB (32212254720 bytes), larger than the limit of 1 GiB; to read it, raise the limit \
             with --max-file-size 30G"
        )],
    );
}

#[test]
fn the_file_size_limit_can_be_lowered_and_raised() {
    // There was no limit at all, so none to set.
    let dir = TempDir::new("limit");
    let file = dir.write("corpus.json", VALID);
    check_fails(
        &file,
        &["--max-file-size", "20"],
        &[format!(
            "{file}: file is 69 bytes, larger than the limit of 20 bytes; to read it, raise the limit with \
             --max-file-size 69"
        )],
    );
    let o = dossier(&["check", &file, "--max-file-size", "1K"]);
    assert_eq!(stdout(&o), "ok: corpus: 1 documents, 0 entities, 0 mentions, 0 claims\n", "{}", stderr(&o));
    let o = dossier(&["entities", &file, "--max-file-size", "10"]);
    assert_eq!(o.status.code(), Some(1), "every command takes the limit");
}

#[test]
fn a_file_that_is_not_an_object_is_refused_at_its_first_byte() {
    // 1 GB of NUL bytes was checked to be UTF-8 in full before serde said "expected value".
    let dir = TempDir::new("garbage");
    let zeros = dir.path("zeros.json");
    std::fs::File::create(&zeros).unwrap().set_len(2 << 30).unwrap();
    check_fails(
        &zeros,
        &["--max-file-size", "3G"],
        &[format!(
            "{zeros}:1:1: expected an object such as {{\"format\": \"dossier/1\", \"documents\": [...], \"entities\": \
             [...], \"claims\": [...]}}, found byte 0x00"
        )],
    );
}

#[test]
fn a_top_level_array_is_called_an_array() {
    // `[]` said "no documents, entities or claims"; `[null, [...]]` loaded (serde's sequence form of a struct).
    let dir = TempDir::new("top-array");
    let shape = r#"{"format": "dossier/1", "documents": [...], "entities": [...], "claims": [...]}"#;
    let empty = dir.write("empty.json", "[]");
    check_fails(&empty, &[], &[format!("{empty}:1:1: expected an object such as {shape}, found an array")]);
    let seq = dir.write("seq.json", "\n  [null, [{\"id\": \"d\", \"text\": \"t\"}]]");
    check_fails(&seq, &[], &[format!("{seq}:2:3: expected an object such as {shape}, found an array")]);
}

#[test]
fn a_span_or_relation_given_as_an_array_is_refused() {
    // `"span": [0, 5]` and `"relations": [["c","supports","note"]]` loaded as if they were objects.
    let dir = TempDir::new("inner-array");
    let claims = r#", "claims": [
  {"id": "a", "document": "d", "kind": "fact", "span": [0, 5]},
  {"id": "b", "document": "d", "kind": "fact", "span": {"quote": "detained"}, "relations": [["a", "supports", "x"]]}
]"#;
    let file = dir.write("corpus.json", corpus("Aslan Tolegenov was detained.", claims));
    check_fails(
        &file,
        &[],
        &[
            format!(
                "{file}:2:56: claim \"a\": span: expected an object such as {{\"start\": 0, \"end\": 5, \"quote\": \
                 \"...\"}}, found an array"
            ),
            format!(
                "{file}:3:93: claim \"b\": relation 1: expected an object such as {{\"claim\": \"c2\", \"relation\": \
                 \"supports\"}}, found an array"
            ),
        ],
    );
}

#[test]
fn a_null_format_is_refused() {
    // `"format": null` was taken for no format at all, by serde and by the fast splitter alike.
    let dir = TempDir::new("null-format");
    let file = dir.write("corpus.json", r#"{"format": null, "documents": [{"id": "d", "text": "t"}]}"#);
    check_fails(&file, &[], &[format!("{file}:1:15: format: expected a string such as \"dossier/1\", found null")]);
}

#[test]
fn a_lone_trailing_surrogate_is_called_trailing() {
    // serde_json calls `\udc00` a "lone leading surrogate"; it is a trailing (low) one.
    let dir = TempDir::new("surrogate");
    let file = dir.write("corpus.json", corpus(r"ab\udc00", ""));
    check_fails(
        &file,
        &[],
        &[format!(
            "{file}:1:39: document \"d\": lone trailing (low) surrogate \\udc00: a trailing surrogate must follow a \
             leading (high) one, \\ud800 to \\udbff"
        )],
    );
    let file = dir.write("unpaired.json", corpus(r"ab\ud800\u0041", ""));
    check_fails(
        &file,
        &[],
        &[format!(
            "{file}:1:39: document \"d\": lone leading (high) surrogate \\ud800: it is followed by \\u0041, not by a \
             trailing (low) surrogate \\udc00 to \\udfff"
        )],
    );
}

#[test]
fn a_utf16_file_is_called_utf16() {
    // A UTF-16 file was reported as "not valid UTF-8: byte 0xFF at byte offset 0".
    let dir = TempDir::new("utf16");
    let utf16 = |big: bool, bom: bool| -> Vec<u8> {
        let units = bom.then_some(0xFEFF).into_iter().chain(VALID.encode_utf16());
        units.flat_map(|u| if big { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
    };
    for (name, big, bom) in [("le-bom", false, true), ("le", false, false), ("be-bom", true, true), ("be", true, false)]
    {
        let file = dir.write(&format!("{name}.json"), utf16(big, bom));
        let (order, label) = if big { ("big", "BE") } else { ("little", "LE") };
        check_fails(
            &file,
            &[],
            &[format!(
                "{file}: file is UTF-16 ({order}-endian), not UTF-8; convert it to UTF-8, e.g. with iconv -f \
                 UTF-16{label} -t UTF-8"
            )],
        );
    }
}

#[test]
fn a_count_written_as_minus_zero_or_with_a_fraction_says_what_to_write() {
    // `-0` was called `floating point -0.0`; `1.0` and `5e0` were called floats, not told to be whole numbers.
    let dir = TempDir::new("counts");
    let entity = |start: &str, end: &str| {
        format!(
            r#", "entities": [{{"id": "t", "name": "T", "kind": "person",
  "mentions": [{{"document": "d", "start": {start}, "end": {end}}}]}}]"#
        )
    };
    // serde places a value's fault at its end.
    let cases = [
        ("-0", "5", 44, "`-0` is not a count; write 0"),
        ("1.0", "5", 45, "`1.0` is not a count; write it as a whole number, 1"),
        ("0", "5e0", 56, "`5e0` is not a count; write it as a whole number, 5"),
        ("-2", "5", 44, "`-2` is negative; a count is a whole number, 0 or more"),
        ("0.5", "5", 45, "`0.5` is not a whole number; a count is a whole number, 0 or more"),
        ("\"0\"", "5", 45, "expected a whole number, 0 or more, found a string `\"0\"`"),
    ];
    for (start, end, col, message) in cases {
        let file = dir.write("corpus.json", corpus("Aslan Tolegenov was detained.", &entity(start, end)));
        check_fails(&file, &[], &[format!("{file}:2:{col}: entity \"t\", mention 1: {message}")]);
    }
}

#[test]
fn two_claims_are_related_at_most_once() {
    // `a supports b` twice, `a contradicts b` and `b supports a` were all accepted, and all shown.
    let dir = TempDir::new("relations");
    let claims = r#", "claims": [
  {"id": "a", "document": "d", "kind": "fact", "span": {"quote": "Aslan"},
   "relations": [{"claim": "b", "relation": "supports"}, {"claim": "b", "relation": "supports"}, {"claim": "b", "relation": "contradicts"}]},
  {"id": "b", "document": "d", "kind": "fact", "span": {"quote": "detained"},
   "relations": [{"claim": "a", "relation": "supports"}, {"claim": "c", "relation": "elaborates"}]},
  {"id": "c", "document": "d", "kind": "fact", "span": {"quote": "Tolegenov"}}
]"#;
    let file = dir.write("corpus.json", corpus("Aslan Tolegenov was detained.", claims));
    let first = format!("{file}:3:18");
    check_fails(
        &file,
        &[],
        &[
            format!("{file}:3:58: claim \"a\", relation 2: the same relation is given twice (first at {first})"),
            format!(
                "{file}:3:98: claim \"a\", relation 3: a second relation between claims \"a\" and \"b\" (the first, \
                 \"a\" supports \"b\", is at {first}); two claims are related at most once"
            ),
            format!(
                "{file}:5:18: claim \"b\", relation 1: a second relation between claims \"b\" and \"a\" (the first, \
                 \"a\" supports \"b\", is at {first}); two claims are related at most once"
            ),
        ],
    );
}

#[test]
fn a_date_that_does_not_exist_is_refused() {
    // 2025-02-31 passed: days were checked against 31 whatever the month.
    let dir = TempDir::new("dates");
    for (date, problem) in [
        ("2025-02-29", "published date \"2025-02-29\" does not exist: February 2025 has 28 days"),
        ("2025-02-31", "published date \"2025-02-31\" does not exist: February 2025 has 28 days"),
        ("1900-02-29", "published date \"1900-02-29\" does not exist: February 1900 has 28 days"),
        ("2025-04-31", "published date \"2025-04-31\" does not exist: April 2025 has 30 days"),
        ("2025-13-01", "published date \"2025-13-01\" is not YYYY, YYYY-MM or YYYY-MM-DD"),
    ] {
        let file = dir
            .write("corpus.json", format!(r#"{{"documents": [{{"id": "d", "text": "t", "published": "{date}"}}]}}"#));
        check_fails(&file, &[], &[format!("{file}:1:16: document \"d\": {problem}")]);
    }
    for date in ["2024-02-29", "2000-02-29", "2025-12-31", "2025-02", "2025"] {
        let file = dir
            .write("corpus.json", format!(r#"{{"documents": [{{"id": "d", "text": "t", "published": "{date}"}}]}}"#));
        assert_eq!(dossier(&["check", &file]).status.code(), Some(0), "{date}");
    }
}

#[test]
fn a_blank_text_is_refused_as_an_empty_one_is() {
    // A text of " " loaded (an empty document) while "" was refused.
    let dir = TempDir::new("blank");
    let file = dir.write("corpus.json", corpus(" \\n\\t ", ""));
    check_fails(&file, &[], &[format!("{file}:1:16: document \"d\": text is blank: it has only white space")]);
}

#[test]
fn empty_author_names_and_aliases_are_refused() {
    // An empty author and an empty alias loaded, and printed as `d — , `.
    let dir = TempDir::new("empty-names");
    let file = dir.write(
        "corpus.json",
        r#"{"documents": [{"id": "d", "text": "t", "authors": ["A. Writer", "", {"name": " "}]}],
 "entities": [{"id": "e", "name": "E", "kind": "person", "aliases": ["Ee", ""]}]}"#,
    );
    check_fails(
        &file,
        &[],
        &[
            format!("{file}:1:16: document \"d\": author 2: name is empty"),
            format!("{file}:1:16: document \"d\": author 3: name is empty"),
            format!("{file}:2:15: entity \"e\": alias 2 is empty"),
        ],
    );
}
