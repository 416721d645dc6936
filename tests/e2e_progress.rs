//! Progress on long loads (issue 15): a large generated corpus shows a
//! progress line on stderr when stderr is a terminal — for `check` and
//! before the explorer takes the screen, the line cleared first — and
//! nothing at all when stderr is a pipe.

mod pty;

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use pty::Session;

/// Shown sooner than the 300 ms a user waits, so a fast machine's load still shows it.
const SOON: (&str, &str) = ("DOSSIER_PROGRESS_AFTER_MS", "20");

/// A corpus of 20,000 short documents with a mention each (~4 MB), written once.
fn large_corpus() -> PathBuf {
    static CORPUS: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    CORPUS.get_or_init(write_large_corpus).clone()
}

fn write_large_corpus() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-e2e-progress-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join("large.json");
    let mut docs = String::new();
    let mut mentions = String::new();
    for n in 0..20_000 {
        let sep = if n > 0 { "," } else { "" };
        write!(
            docs,
            "{sep}{{\"id\":\"d{n}\",\"title\":\"Report {n}\",\"text\":\"Aslan Tolegenov spoke in Kostanay about the grain harvest, report {n}.\"}}"
        )
        .unwrap();
        write!(mentions, "{sep}{{\"document\":\"d{n}\",\"start\":0,\"end\":15}}").unwrap();
    }
    let json = format!(
        "{{\"format\":\"dossier/1\",\"documents\":[{docs}],\"entities\":[{{\"id\":\"t\",\"name\":\"Aslan Tolegenov\",\"kind\":\"person\",\"mentions\":[{mentions}]}}]}}"
    );
    std::fs::write(&path, json).expect("the corpus written");
    path
}

fn raw(s: &Session) -> String {
    String::from_utf8_lossy(&s.raw.lock().unwrap()).into_owned()
}

#[test]
fn check_on_a_terminal_shows_progress_then_clears_it() {
    let corpus = large_corpus();
    let mut s = Session::start_with_env(&["check", corpus.to_str().unwrap()], 100, 10, &[SOON]);
    assert_eq!(s.wait_exit(), 0);
    let out = raw(&s);
    let shown = out.find("dossier: loading ").unwrap_or_else(|| panic!("no progress:\n{out:?}"));
    assert!(out[shown..].contains("1 file, "), "what is read, in bytes: {out:?}");
    assert!(out.contains(" done · "), "which phase ended: {out:?}");
    let ok = out.find("ok: corpus: 20000 documents").expect("the answer");
    let cleared = out[..ok].rfind("\r\x1b[2K").expect("the line cleared");
    assert!(cleared > shown && !out[cleared..ok].contains("dossier: loading"), "cleared before the answer: {out:?}");
    // What the terminal shows in the end: the answer alone.
    assert!(s.screen().starts_with("ok: corpus: 20000 documents"), "{}", s.screen());
}

#[test]
fn the_explorer_shows_progress_before_it_takes_the_screen() {
    let corpus = large_corpus();
    let mut s = Session::start_with_env(&[corpus.to_str().unwrap()], 100, 30, &[SOON]);
    s.wait_for("Report 0");
    let out = raw(&s);
    let shown = out.find("dossier: loading ").unwrap_or_else(|| panic!("no progress:\n{out:?}"));
    let screen = out.find("\x1b[?1049h").expect("the alternate screen");
    let cleared = out[..screen].rfind("\r\x1b[2K").expect("the line cleared");
    assert!(shown < cleared && cleared < screen, "progress, cleared, then the screen: {out:?}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    assert!(!s.screen().contains("dossier: loading"), "nothing left behind:\n{}", s.screen());
}

#[test]
fn a_pipe_gets_no_progress() {
    let corpus = large_corpus();
    let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["check", corpus.to_str().unwrap()])
        .env(SOON.0, "0")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stderr.is_empty(), "{:?}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("ok: corpus: 20000 documents"));
}
