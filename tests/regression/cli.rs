//! Regressions in the commands for scripts.

use std::os::fd::{FromRawFd, OwnedFd};
use std::process::{Command, Stdio};
use std::time::Duration;

use super::common::*;

/// Runs the binary, killing it if it has not finished within `limit`: a
/// watchdog for work that used to be quadratic, with a margin of a hundred
/// times what it costs now, so it only fires on a hang.
fn dossier_within(args: &[&str], limit: Duration) -> std::process::Output {
    let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let pid = child.id();
    let watchdog = std::thread::spawn(move || {
        std::thread::sleep(limit);
        // SAFETY: a plain kill(2) of our own child's pid; harmless if it has exited.
        unsafe { libc::kill(pid as i32, libc::SIGKILL) };
    });
    let out = child.wait_with_output().expect("the binary runs");
    assert!(out.status.code().is_some(), "dossier {args:?} took longer than {limit:?} (killed)");
    drop(watchdog);
    out
}

/// Issue 10, item 1: `dossier entity` panicked (`begin > end (11 > 2) when
/// slicing`) when one entity's mentions nest in one document: the offset
/// walk assumed span boundaries only move forward.
#[test]
fn entity_with_nested_mentions_prints_their_offsets() {
    let dir = TempDir::new("nested");
    let corpus = dir.write(
        "nested.json",
        r#"{"documents": [{"id": "d", "text": "Hello world. Hello again."}],
            "entities": [{"id": "h", "name": "Hello", "kind": "other", "mentions": [
              {"document": "d", "start": 0, "end": 11}, {"document": "d", "start": 2, "end": 5},
              {"document": "d", "start": 13, "end": 24}, {"document": "d", "start": 4, "end": 18}]}]}"#,
    );
    let o = dossier(&["entity", "h", &corpus]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for line in [
        "[1] d:0  …[Hello world]. Hello again.…",
        "[1] d:2  …He[llo] world.",
        "[1] d:4  …Hell[o world. Hello] again.…",
        "[1] d:13  …Hello world. [Hello again]",
    ] {
        assert!(text.contains(line), "{line:?} not in:\n{text}");
    }
    let o = dossier(&["entity", "h", &corpus, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let spans: Vec<(u64, u64)> = json["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["start"].as_u64().unwrap(), m["end"].as_u64().unwrap()))
        .collect();
    assert_eq!(spans, [(0, 11), (2, 5), (4, 18), (13, 24)]);
}

/// Issue 10, item 10: clap's error messages echoed the refused argument raw,
/// so `find --limit $'\e]0;T\a' x` set the terminal's title.
#[test]
fn a_refused_argument_is_shown_inert() {
    let o = dossier(&["find", "--limit", "\u{1b}]0;T\u{7}", "x"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("invalid value '␛]0;T␇' for '--limit <N>'"), "{err}");
    assert!(!o.stderr.iter().any(|&b| b == 0x1b || b == 0x07), "raw escape on stderr: {err:?}");
    let o = dossier(&["entities", "--\u{9b}31m"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("'--<U+009B>31m'"), "{}", stderr(&o));
}

/// A pipe whose reading end is already closed, to stand for `| head` having exited.
fn closed_pipe() -> Stdio {
    let mut fds = [0; 2];
    // SAFETY: pipe(2) fills both descriptors; we own them from here on.
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    let (read, write) = unsafe { (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1])) };
    drop(read);
    Stdio::from(write)
}

/// Issue 10, item 14: a failed `check` piped into `head` exited 0: the broken
/// pipe on stderr was taken for the closed stdout of `dossier entities | head`.
#[test]
fn a_failed_check_fails_whatever_becomes_of_its_messages() {
    let dir = TempDir::new("closed-pipe");
    let bad = dir.write("bad.json", r#"{"documents": [{"id": "d", "text": ""}]}"#);
    let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", &bad])
        .stdout(Stdio::null())
        .stderr(closed_pipe())
        .status()
        .expect("the binary runs");
    assert_eq!(status.code(), Some(1));
    // An unknown entity is a usage error, however its message fares.
    let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["entity", "nobody-at-all"])
        .stdout(closed_pipe())
        .stderr(closed_pipe())
        .status()
        .expect("the binary runs");
    assert_eq!(status.code(), Some(2));
    // A listing cut short by its reader is still a success.
    let status = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["entities"])
        .stdout(closed_pipe())
        .stderr(Stdio::null())
        .status()
        .expect("the binary runs");
    assert_eq!(status.code(), Some(0));
}

/// Issue 10, quadratic work: `dossier entity X`, where 100,000 claims relate
/// to one claim about X, rebuilt the claim's 100,000 relations for each of
/// its 100,000 relation rows (99.5 s).
#[test]
fn entity_whose_claim_has_a_hundred_thousand_relations_finishes() {
    let n = 100_000;
    let mut claims = vec![serde_json::json!({
        "id": "hub", "document": "d", "span": {"start": 0, "end": 4}, "kind": "fact", "about": ["x"]})];
    for i in 0..n {
        claims.push(serde_json::json!({
            "id": format!("c{i}"), "document": "d", "span": {"start": 5, "end": 9}, "kind": "opinion",
            "relations": [{"claim": "hub", "relation": "supports"}]}));
    }
    let corpus = serde_json::json!({
        "documents": [{"id": "d", "text": "Xeno said so."}],
        "entities": [{"id": "x", "name": "Xeno", "kind": "person", "mentions": [{"document": "d", "start": 0, "end": 4}]}],
        "claims": claims,
    });
    let dir = TempDir::new("hub");
    let path = dir.write("hub.json", corpus.to_string());
    let o = dossier_within(&["entity", "x", &path], Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    assert_eq!(text.matches("supported by → c").count(), n);
    assert!(text.contains("      supported by → c99999\n"), "the last relation row");
}

/// Issue 10, quadratic work: `find` with a 5,000-character query over 2,000
/// names of 5,000 characters matched every pair of characters (66.7 s); a
/// query is now at most `finder::MAX_QUERY` characters, and a name is
/// matched on its first `finder::MAX_NAME`.
#[test]
fn find_refuses_a_query_longer_than_it_matches_and_long_names_cost_little() {
    let letters = b"abcdefghij";
    let mut x = 0x2545_f491u32;
    let mut word = |n: usize| -> String {
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 17;
                x ^= x << 5;
                letters[(x % 10) as usize] as char
            })
            .collect()
    };
    let entities: Vec<serde_json::Value> =
        (0..2000).map(|i| serde_json::json!({"id": format!("e{i}"), "name": word(5000), "kind": "person"})).collect();
    let corpus = serde_json::json!({"documents": [{"id": "d", "text": "x"}], "entities": entities});
    let dir = TempDir::new("long-names");
    let path = dir.write("names.json", corpus.to_string());
    let long = word(5000);
    let o = dossier_within(&["find", &long, &path], Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o), "dossier: the query is 5000 characters long; the finder matches queries of up to 128\n");
    let o = dossier_within(&["find", &long[..128], &path, "--limit", "3"], Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// A valid corpus of about `mb` megabytes: one long document and many
/// entities mentioned in it, written the way a generator writes them.
fn big_corpus(mb: usize) -> String {
    let words = ["Astana", "Almaty", "Kostanay", "Tolegenov", "Moscow", "Kyiv"];
    let text: String = (0..mb * 12_000).map(|i| format!("{} ", words[i % words.len()])).collect();
    let mut out = format!(r#"{{"documents": [{{"id": "d", "text": "{text}"}}], "entities": ["#);
    let mut at = 0;
    for i in 0..mb * 6_000 {
        let w = words[i % words.len()];
        let end = at + w.chars().count();
        if i > 0 {
            out.push(',');
        }
        out.push_str(&format!(
            r#"{{"id": "e{i}", "name": "{w} {i}", "kind": "place", "mentions": [{{"document": "d", "start": {at}, "end": {end}, "quote": "{w}"}}]}}"#
        ));
        at = end + 1;
    }
    out.push_str("]}");
    out
}

/// Issue 10, item 2: a corpus of 1 MiB or more is mapped, and one truncated
/// while it loads (`cp` or `>` over a file a scraper is rewriting) killed
/// dossier with SIGBUS: exit 135, no message. Now the load ends in a clear
/// message naming the file, or (when the truncation came after the load) in
/// the corpus it read.
#[test]
fn a_corpus_truncated_while_it_loads_gets_a_message_not_sigbus() {
    let dir = TempDir::new("truncated-under-load");
    let corpus = big_corpus(12);
    let path = dir.write("big.json", &corpus);
    let started = std::time::Instant::now();
    let o = dossier(&["check", &path]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let load = started.elapsed();
    let mut told = 0;
    // Rounds until one truncation has landed while the file was being read
    // (a loaded machine stretches and shifts the load; each round cuts at a
    // different point of it).
    for round in 0..40u32 {
        if told > 0 && round >= 6 {
            break;
        }
        std::fs::write(&path, &corpus).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .args(["check", &path])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        std::thread::sleep(load * (round % 8 + 1) / 10);
        std::fs::File::options().write(true).open(&path).unwrap().set_len(0).unwrap();
        let o = child.wait_with_output().unwrap();
        let err = stderr(&o);
        assert!(o.status.code().is_some(), "round {round}: killed by a signal ({:?}); stderr: {err}", o.status);
        if o.status.code() != Some(0) {
            assert_eq!(o.status.code(), Some(1), "round {round}: {err}");
            assert!(err.starts_with(&path), "round {round}: the message names the file: {err}");
            told += usize::from(err.contains("changed while it was read"));
        }
    }
    assert!(told > 0, "no round truncated the file while it was loading");
}
