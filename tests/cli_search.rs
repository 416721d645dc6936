//! `dossier search`, run as a user runs it: the real binary, its output,
//! its exit code (0 hits found, 1 none, 2 a pattern it cannot take).

use std::process::{Command, Output};

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const SAMPLE: &str = "tests/fixtures/sample.json";

#[test]
fn each_hit_is_a_line_of_document_place_offset_and_context() {
    let o = dossier(&["search", "kazakh", SAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert_eq!(
        lines[0],
        "1\treport\t1:109\t108\t…ative arrest for ten days, the court in [Kazakh]stan said on Monday.…"
    );
    assert!(
        lines[3].starts_with("2\tinterview\t3:31\t228\t…Reporter: Is the situation in [Kazakh]stan"),
        "{}",
        lines[3]
    );
    for line in &lines {
        assert_eq!(line.split('\t').count(), 5, "{line}");
    }
}

/// Issue 13: the analysis writes `didn’t`, which `didn't` must find.
#[test]
fn quotes_fold_in_the_builtin_corpus_and_a_capital_makes_case_count() {
    let o = dossier(&["search", "didn't"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("[didn’t]"), "{}", stdout(&o));
    let lower = dossier(&["search", "knb", SAMPLE]);
    let upper = dossier(&["search", "Knb", SAMPLE]);
    assert_eq!(stdout(&lower).lines().count(), 1);
    assert_eq!(upper.status.code(), Some(1), "Knb as written is not in the text");
}

#[test]
fn json_has_the_document_offsets_in_characters_and_bytes_and_the_context() {
    let o = dossier(&["search", "--regex", r"КНБ|Tolegenov\b", SAMPLE, "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let hits = v.as_array().unwrap();
    assert_eq!(hits.iter().map(|h| h["text"].as_str().unwrap()).collect::<Vec<_>>(), ["Tolegenov", "Tolegenov", "КНБ"]);
    let knb = &hits[2];
    assert_eq!((knb["document"].as_str(), knb["number"].as_u64()), (Some("interview"), Some(2)));
    assert_eq!(knb["title"], "“No one knows the charges”: an interview");
    let text = serde_json::from_str::<serde_json::Value>(include_str!("fixtures/sample.json")).unwrap()["documents"][1]
        ["text"]
        .as_str()
        .unwrap()
        .to_string();
    let byte = text.find("КНБ").unwrap();
    let chars = text[..byte].chars().count();
    assert_eq!((knb["byte_start"].as_u64(), knb["byte_end"].as_u64()), (Some(byte as u64), Some(byte as u64 + 6)));
    assert_eq!((knb["start"].as_u64(), knb["end"].as_u64()), (Some(chars as u64), Some(chars as u64 + 3)));
    assert_eq!((knb["line"].as_u64(), knb["column"].as_u64()), (Some(2), Some(107)));
    assert!(knb["before"].as_str().unwrap().ends_with("detention center of the "));
    assert_eq!(knb["after"], ". No one knows the charges.");
    // Nothing found: an empty array, and exit 1.
    let o = dossier(&["search", "zzzz", SAMPLE, "--json"]);
    assert_eq!((o.status.code(), stdout(&o).trim()), (Some(1), "[]"));
}

#[test]
fn exit_codes_are_greps() {
    let none = dossier(&["search", "no such words anywhere", SAMPLE]);
    assert_eq!((none.status.code(), stdout(&none).as_str(), stderr(&none).as_str()), (Some(1), "", ""));
    let bad = dossier(&["search", "--regex", "a(b", SAMPLE]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(stderr(&bad), "dossier: the regular expression \"a(b\" is not valid: unclosed group at character 2\n");
    // The same as a literal is just characters.
    assert_eq!(dossier(&["search", "a(b", SAMPLE]).status.code(), Some(1));
    let lines = dossier(&["search", "--regex", r"a\nb", SAMPLE]);
    assert_eq!(lines.status.code(), Some(2));
    assert!(stderr(&lines).contains("a match cannot span lines"), "{}", stderr(&lines));
    let empty = dossier(&["search", "", SAMPLE]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(stderr(&empty).contains("is empty"), "{}", stderr(&empty));
    assert_eq!(dossier(&["search", "x", "no/such/file.json"]).status.code(), Some(2));
    assert_eq!(dossier(&["search", "x", "tests/fixtures/broken/many-problems.json"]).status.code(), Some(1));
}

#[test]
fn what_the_corpus_holds_is_shown_inert() {
    let o = dossier(&["search", "--regex", r"\x{1b}", "tests/fixtures/hostile.json"]);
    assert_eq!(o.status.code(), Some(0), "the fixture's text has escapes");
    assert!(!o.stdout.contains(&0x1b), "an escape reached the output");
    assert!(stdout(&o).contains("[␛]"), "{}", stdout(&o));
    let o = dossier(&["search", "--regex", r"\x{1b}", "tests/fixtures/hostile.json", "--json"]);
    assert!(!o.stdout.contains(&0x1b));
}
