//! The commands for scripts, run as a user runs them: the real binary,
//! its output, its exit code.

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
const BROKEN: &str = "tests/fixtures/broken/many-problems.json";

#[test]
fn check_passes_the_builtin_and_the_sample() {
    let o = dossier(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("ok: built-in corpus: 2 documents, "), "{}", stdout(&o));
    let o = dossier(&["check", SAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "ok: corpus: 2 documents, 10 entities, 17 mentions, 6 claims\n");
}

#[test]
fn check_reports_every_problem_with_file_position_and_item() {
    let o = dossier(&["check", BROKEN]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let f = BROKEN;
    let expected = [
        format!("{f}:4:5: document \"d\": duplicate document id (first defined at {f}:3:5)"),
        format!("{f}:5:12: document #3: invalid type: integer `5`, expected a string"),
        format!(
            "{f}:9:7: entity \"t\", mention 1: quote \"Tolegenov\" is ambiguous: it occurs 2 times in document \"d\"; add a prefix, a suffix or an occurrence number, or give offsets"
        ),
        format!("{f}:10:7: entity \"t\", mention 2: span is reversed: start 9 is after end 3"),
        format!("{f}:11:7: entity \"t\", mention 3: unknown document \"nowhere\""),
        format!(
            "{f}:12:63: entity \"t\", mention 4: `100000000000000000000000000000` is too large for a count (at most 18446744073709551615)"
        ),
        format!("{f}:13:7: entity \"t\", mention 5: quote \"Tokayev\" is not in document \"d\""),
        format!(
            "{f}:14:7: entity \"t\", mention 6: offsets 0..5 hold \"Aslan\", not the quote \"Tolegenov\"; the quote is at 6..15 (nearest of 2 places)"
        ),
        format!("{f}:16:5: entity \"t\": entity id defined twice in this file (first at {f}:8:5)"),
        format!(
            "{f}:19:5: claim \"c1\": unknown claim kind \"rumour\" (expected one of: fact, statistic, quote, opinion, allegation, prediction)"
        ),
        format!("{f}:19:5: claim \"c1\": claimant refers to unknown entity \"nobody\""),
        format!("{f}:19:5: claim \"c1\", relation 1: points to unknown claim \"missing\""),
        format!("{f}:21:5: claim \"c1\": duplicate claim id (first defined at {f}:19:5)"),
        format!(
            "{f}:22:5: claim \"c2\", relation 1: unknown relation \"agrees\" (expected one of: supports, contradicts, elaborates)"
        ),
        format!("{f}:22:5: claim \"c2\", relation 1: a claim cannot relate to itself"),
        format!("{f}:22:5: claim \"c2\", span: span 40..99 runs past the end of document \"d\" (42 characters)"),
        "dossier: 16 problems found; the corpus was not loaded".to_string(),
    ];
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines, expected.iter().map(String::as_str).collect::<Vec<_>>());
}

#[test]
fn syntax_errors_and_missing_files() {
    let o = dossier(&["check", "tests/fixtures/broken/truncated.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("tests/fixtures/broken/truncated.json:1:41: EOF while parsing a list"),
        "{}",
        stderr(&o)
    );
    let o = dossier(&["check", "no/such/file.json"]);
    assert_eq!(o.status.code(), Some(2), "a path that does not exist is a usage error");
    assert!(stderr(&o).starts_with("no/such/file.json: no such file or directory"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(dossier(&["entities", "--bogus"]).status.code(), Some(2));
    let o = dossier(&["claims", SAMPLE, "--entity", "nobody at all"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("dossier: entity \"nobody at all\": no entity has that id, name or alias"),
        "{}",
        stderr(&o)
    );
    let o = dossier(&["entities", SAMPLE, "--doc", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "dossier: unknown document \"nope\" (documents: report, interview; or a number from 1 to 2)\n"
    );
    let o = dossier(&["entities", SAMPLE, "--kind", "persn"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn documents_lists_counts_and_json_fields() {
    let o = dossier(&["documents", SAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("1  report  "), "{out}");
    assert_eq!(out.lines().count(), 2);
    let o = dossier(&["documents", SAMPLE, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let first = &v[0];
    assert_eq!(first["id"], "report");
    assert_eq!(first["title"], "Blogger detained in Kostanay");
    assert_eq!(first["author"], "A. Writer");
    assert_eq!(first["claims"], 4);
    assert_eq!(first["entities"], 8);
    assert!(first["chars"].as_u64().unwrap() > 500);
    assert_eq!(v[1]["author"], "B. Reporter", "an interviewee is not an author");
    for key in ["id", "title", "author", "source", "chars", "entities", "claims"] {
        assert!(first.get(key).is_some(), "documents JSON lacks {key}");
    }
}

#[test]
fn entities_filter_by_kind_and_document() {
    let o = dossier(&["entities", SAMPLE, "--json", "--kind", "place"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v.as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["kazakhstan", "kostanay", "almaty"]);
    let o = dossier(&["entities", SAMPLE, "--json", "--doc", "interview"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let t = v.as_array().unwrap().iter().find(|e| e["id"] == "tolegenov").unwrap();
    assert_eq!(t["mentions"], 3);
    assert_eq!(t["documents"], serde_json::json!(["report", "interview"]));
    assert_eq!(t["aliases"], serde_json::json!(["Tolegenov", "Аслан Толегенов"]));
    assert_eq!(t["kind"], "person");
    assert!(v.as_array().unwrap().iter().all(|e| e["id"] != "almaty"), "almaty is not in the interview");
    let plain = stdout(&dossier(&["entities", SAMPLE, "--doc", "2"]));
    assert!(plain.lines().any(|l| l.contains("tolegenov  Aslan Tolegenov  (Tolegenov, Аслан Толегенов)")), "{plain}");
}

#[test]
fn claims_by_entity_across_documents_with_relations() {
    let o = dossier(&["claims", SAMPLE, "--json", "--entity", "Аслан Толегенов"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = v.as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["a-arrest", "a-charges", "i-detention"]);
    let arrest = &v[0];
    assert_eq!(arrest["claimant"], serde_json::Value::Null);
    assert_eq!(arrest["claimant_name"], "A. Writer");
    assert_eq!(
        arrest["text"],
        "Aslan Tolegenov, a blogger from Kostanay, was placed under administrative arrest for ten days"
    );
    assert_eq!(arrest["relations"][0]["claim"], "i-detention");
    assert_eq!(arrest["relations"][0]["relation"], "contradicts");
    assert_eq!(v[2]["claimant"], "yuritsyn");
    assert_eq!(v[2]["claimant_name"], "Vladislav Yuritsyn");
    assert_eq!(v[1]["note"], "Annotator's note: the posts are not identified.");
    let plain = stdout(&dossier(&["claims", SAMPLE, "--doc", "report"]));
    assert_eq!(plain.lines().count(), 4);
    assert!(plain.contains("[contradicts i-detention]"));
}

#[test]
fn find_ranks_best_first_and_respects_limit() {
    let o = dossier(&["find", "толег", SAMPLE]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 1);
    assert!(out.contains("tolegenov  Aslan Tolegenov  (as Аслан Толегенов)"), "{out}");
    let o = dossier(&["find", "k", SAMPLE, "--limit", "2", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert!(v[0]["score"].as_i64().unwrap() >= v[1]["score"].as_i64().unwrap());
    assert!(v[0]["matched"].is_string());
}

#[test]
fn the_explorer_refuses_without_a_terminal_and_writes_no_escape_codes() {
    let o = dossier(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty(), "nothing on stdout");
    let err = stderr(&o);
    assert!(err.contains("the explorer needs a terminal"), "{err}");
    assert!(
        err.contains("dossier check | documents | entities | entity | claims | relations | find | search | convert")
    );
    assert!(!err.contains('\u{1b}'));
}

#[test]
fn output_to_a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["entities"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    assert_eq!(status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
}

/// A pipe whose reading end is already closed, to stand for `| head` having exited.
fn closed_pipe() -> std::process::Stdio {
    use std::os::fd::{FromRawFd, OwnedFd};
    let mut fds = [0; 2];
    // SAFETY: pipe(2) fills both descriptors; we own them from here on.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    std::process::Stdio::from(write)
}

/// `dossier claims --json | head -1`: a reader that stops reading ends the
/// output early, and that is no error, wherever the write fails: in the
/// last flush (`check`, a line), in a listing (`entities`, 12 KB), in the
/// middle of JSON (`claims --json`, 155 KB).
#[test]
fn every_command_cut_short_by_a_closed_pipe_exits_0_silently() {
    for args in [
        &["check"][..],
        &["documents"],
        &["documents", "--json"],
        &["entities"],
        &["entities", "--json"],
        &["claims"],
        &["claims", "--json"],
        &["entity", "Tolegenov"],
        &["entity", "Tolegenov", "--json"],
        &["find", "a"],
        &["find", "a", "--json"],
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .stdout(closed_pipe())
            .stderr(std::process::Stdio::piped())
            .output()
            .expect("the binary runs");
        assert_eq!(o.status.code(), Some(0), "dossier {args:?}: {}", stderr(&o));
        assert!(o.stderr.is_empty(), "dossier {args:?}: {}", stderr(&o));
    }
}

/// Output that cannot be written is an error (exit 1) that says so, wherever
/// the write fails (in `check`, only when the output is flushed at the end).
#[test]
fn output_that_cannot_be_written_is_reported() {
    for args in [&["check"][..], &["documents"], &["entities"], &["claims", "--json"]] {
        let full = std::fs::File::options().write(true).open("/dev/full").expect("/dev/full");
        let o = Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).stdout(full).output().expect("the binary runs");
        assert_eq!(o.status.code(), Some(1), "dossier {args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "dossier: cannot write output: No space left on device (os error 28)\n", "{args:?}");
    }
}

/// The explorer refused with its exit code when nobody reads why
/// (`dossier 2>&1 | true`), instead of panicking on its message (101).
#[test]
fn the_explorer_refuses_with_its_exit_code_whatever_becomes_of_its_message() {
    for args in [&[][..], &["no/such/file.json"]] {
        let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(args)
            .stdout(closed_pipe())
            .stderr(closed_pipe())
            .status()
            .expect("the binary runs");
        assert_eq!(status.code(), Some(2), "dossier {args:?}");
    }
}

#[test]
fn untrusted_strings_are_printed_inert() {
    let dir = std::env::temp_dir().join(format!("dossier-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("evil.json");
    std::fs::write(
        &path,
        r#"{"documents": [{"id": "d\u001b]0;pwned\u0007", "title": "t\u001b[2J\u202e", "text": "x"}],
            "claims": [{"id": "c", "document": "d", "span": {"quote": "x"}, "kind": "\u001b[31mred"}]}"#,
    )
    .unwrap();
    let o = dossier(&["check", path.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("unknown claim kind \"␛[31mred\""), "{err}");
    assert!(err.contains("unknown document \"d\""), "{err}");
    std::fs::write(&path, r#"{"documents": [{"id": "d", "title": "t\u001b[2J\u202e", "text": "x"}]}"#).unwrap();
    let out = stdout(&dossier(&["documents", path.to_str().unwrap()]));
    assert!(out.contains("t␛[2J<U+202E>"), "{out}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn entity_prints_the_dossier_and_its_json() {
    let o = dossier(&["entity", "Аслан Толегенов", SAMPLE]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "Aslan Tolegenov (tolegenov) · person · 3 mentions in 2 documents");
    assert_eq!(lines[1], "aka Tolegenov, Аслан Толегенов");
    assert!(out.contains("Mentions · 3\n  [1] report:0  …[Aslan Tolegenov], a blogger"), "{out}");
    assert!(out.contains("  [2] interview:27  …Reporter: What happened to [Аслан Толегенов]?…"), "{out}");
    assert!(out.contains("Claims it makes · 1"));
    assert!(out.contains("      contradicts → i-detention: Ten days here;"), "{out}");
    let o = dossier(&["entity", "tolegenov", SAMPLE, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["id"], "tolegenov");
    assert_eq!(
        v["documents"],
        serde_json::json!([{"id": "report", "mentions": 2}, {"id": "interview", "mentions": 1}])
    );
    let m = &v["mentions"][2];
    assert_eq!(
        (m["document"].as_str(), m["start"].as_u64(), m["end"].as_u64()),
        (Some("interview"), Some(27), Some(42))
    );
    assert_eq!(m["text"], "Аслан Толегенов");
    assert_eq!(m["before"], "Reporter: What happened to ");
    assert_eq!(v["claims_by"][0]["id"], "a-charges");
    let about: Vec<&str> = v["claims_about"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(about, vec!["a-arrest", "i-detention"]);
    // The interview's claim declares no relation; the report's claims declare two towards it.
    let detention = &v["claims_about"][1];
    assert_eq!(detention["relations"], serde_json::json!([]));
    assert_eq!(detention["links"][0]["claim"], "a-arrest");
    assert_eq!(detention["links"][0]["document"], "report");
    assert_eq!(detention["links"][0]["relation"], "contradicts");
    assert_eq!(detention["links"][0]["label"], "contradicted by");
    assert_eq!(detention["links"][0]["incoming"], true);
    assert_eq!(detention["links"].as_array().unwrap().len(), 2);
    assert_eq!(dossier(&["entity", "nobody", SAMPLE]).status.code(), Some(2));
}
