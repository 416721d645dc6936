//! Bad corpora get clear errors, never panics: one test per fault, each
//! checking the exit code and that the message names the file and the problem.

use std::process::{Command, Output};

fn check(path: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier")).args(["check", path]).output().expect("the binary runs")
}

/// Runs `dossier check` on a fixture and returns its first message line.
fn fails(fixture: &str, code: i32) -> String {
    let path = format!("tests/fixtures/bad/{fixture}");
    let o = check(&path);
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(code), "{fixture}: {err}");
    let first = err.lines().next().unwrap_or_default().to_string();
    assert!(first.starts_with(&path), "{fixture}: the message does not name the file: {first}");
    assert!(o.stdout.is_empty(), "{fixture}: an invalid corpus prints nothing on stdout");
    first
}

fn assert_says(line: &str, what: &str) {
    assert!(line.contains(what), "expected {what:?} in: {line}");
}

#[test]
fn truncated_json() {
    assert_says(&fails("truncated.json", 1), ":1:41: EOF while parsing a list");
}

#[test]
fn wrong_types() {
    assert_says(&fails("wrong-types.json", 1), ":2:38: document \"d\": invalid type: integer `42`, expected a string");
}

#[test]
fn a_leading_bom_is_accepted() {
    let o = check("tests/fixtures/bad/bom.json");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(String::from_utf8(o.stdout).unwrap(), "ok: corpus: 1 documents, 0 entities, 0 mentions, 0 claims\n");
}

#[test]
fn invalid_utf8() {
    assert_says(&fails("invalid-utf8.json", 1), ":1:40: not valid UTF-8: byte 0xE9 at byte offset 39");
}

#[test]
fn nesting_far_deeper_than_the_recursion_limit() {
    assert_says(&fails("deep-nesting.json", 1), ":1:16: document #1: expected an object, found an array");
}

#[test]
fn a_thirty_digit_offset() {
    assert_says(
        &fails("huge-number.json", 1),
        ":4:61: entity \"t\", mention 1: `123456789012345678901234567890` is too large for a count (at most 18446744073709551615)",
    );
}

#[test]
fn a_reversed_span() {
    assert_says(&fails("reversed-span.json", 1), "mention 1: span is reversed: start 9 is after end 3");
}

#[test]
fn a_span_past_the_end() {
    assert_says(&fails("past-end-span.json", 1), "span 30..400 runs past the end of document \"d\" (42 characters)");
}

#[test]
fn an_empty_span() {
    assert_says(&fails("empty-span.json", 1), "span is empty: start and end are both 5");
}

#[test]
fn an_absent_quote() {
    assert_says(&fails("absent-quote.json", 1), "quote \"Tokayev\" is not in document \"d\"");
}

#[test]
fn an_ambiguous_quote() {
    assert_says(&fails("ambiguous-quote.json", 1), "quote \"Tolegenov\" is ambiguous: it occurs 2 times");
}

#[test]
fn dangling_ids() {
    let o = check("tests/fixtures/bad/dangling-ids.json");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_says(&err, "dangling-ids.json:3:72: entity \"t\", mention 1: unknown document \"elsewhere\"");
    assert_says(&err, "claim \"c\": claimant refers to unknown entity \"nobody\"");
    assert_says(&err, "claim \"c\": about refers to unknown entity \"ghost\"");
}

#[test]
fn duplicate_ids() {
    let o = check("tests/fixtures/bad/duplicate-ids.json");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8(o.stderr).unwrap();
    assert_says(
        &err,
        "document \"d\": duplicate document id (first defined at tests/fixtures/bad/duplicate-ids.json:2:17)",
    );
    assert_says(&err, "claim \"c\": duplicate claim id (first defined at tests/fixtures/bad/duplicate-ids.json:4:5)");
}

#[test]
fn a_relation_to_nowhere() {
    assert_says(&fails("relation-to-nowhere.json", 1), "claim \"c\", relation 1: points to unknown claim \"missing\"");
}

#[test]
fn an_empty_file() {
    assert_says(&fails("empty.json", 1), "empty.json: file is empty");
}

#[test]
fn an_empty_object() {
    assert_says(&fails("empty-object.json", 1), "empty-object.json: file has no documents, entities or claims");
}

#[test]
fn a_corpus_with_no_documents() {
    assert_says(&fails("no-documents.json", 1), "no-documents.json: corpus has no documents");
}

#[test]
fn a_document_with_empty_text() {
    assert_says(&fails("empty-text.json", 1), ":1:16: document \"d\": text is empty");
}

#[test]
fn a_directory_with_no_json_files() {
    assert_says(
        &fails("no-json-dir", 1),
        "no-json-dir: directory has no corpus files (.json, .jsonl, .ann with its .txt, .conll, .iob, .bio, .tsv)",
    );
}

#[test]
fn a_path_that_does_not_exist() {
    let o = check("tests/fixtures/bad/not-there.json");
    assert_eq!(o.status.code(), Some(2), "a missing path is a usage error");
    assert_says(&String::from_utf8(o.stderr).unwrap(), "tests/fixtures/bad/not-there.json: no such file or directory");
}

#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("dossier-unreadable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("locked.json");
    std::fs::write(&path, "{}").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Permissions do not stop root; a file the kernel refuses to read does.
    let path = if std::fs::read(&path).is_ok() { "/proc/self/mem".into() } else { path };
    let o = check(path.to_str().unwrap());
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.starts_with(&format!("{}: cannot read: ", path.display())), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_top_level_array() {
    assert_says(
        &fails("top-level-array.json", 1),
        ":1:1: expected an object such as {\"format\": \"dossier/1\", \"documents\": [...], \"entities\": [...], \
         \"claims\": [...]}, found an array",
    );
}

#[test]
fn a_utf16_file() {
    assert_says(
        &fails("utf16.json", 1),
        "utf16.json: file is UTF-16 (little-endian), not UTF-8; convert it to UTF-8, e.g. with iconv -f UTF-16LE -t UTF-8",
    );
}

#[test]
fn a_date_that_does_not_exist() {
    assert_says(
        &fails("impossible-date.json", 1),
        ":1:16: document \"d\": published date \"2025-02-31\" does not exist: February 2025 has 28 days",
    );
}

#[test]
fn two_claims_related_from_both_ends() {
    assert_says(
        &fails("related-twice.json", 1),
        ":7:20: claim \"b\", relation 1: a second relation between claims \"b\" and \"a\" (the first, \"a\" contradicts \
         \"b\", is at tests/fixtures/bad/related-twice.json:5:20); two claims are related at most once",
    );
}
