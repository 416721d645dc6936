//! Regressions in the explorer, run in a pseudo-terminal: panics and aborts,
//! signals, Ctrl-z and SIGSTOP, pastes and bursts of keys. Where a test
//! runs dossier under `sh -c '...; echo "exit $?"'`, it is to read how it
//! died as a shell reports it (128 + the signal).

use std::process::Command;

use crossterm::event::Event;
use dossier::state::{Action, App, Mode, Screen, update};
use dossier::terminal::{ABORT_FOR_TEST, Burst, PANIC_FOR_TEST, action_for_event};

use super::common::*;
use crate::pty::{Session, wait_until};

use crate::sample::{SAMPLE, sample_app};
const BIN: &str = env!("CARGO_BIN_EXE_dossier");

/// A corpus of one document of `lines` numbered paragraphs, each one line
/// on screen, with a blank line between them.
fn long_corpus(dir: &TempDir, lines: usize) -> String {
    let text: Vec<String> = (1..=lines).map(|n| format!("Paragraph {n}.")).collect();
    let corpus = serde_json::json!({
        "format": "dossier/1",
        "documents": [{ "id": "long", "title": "The long one", "text": text.join("\n") }],
    });
    dir.write("long.json", corpus.to_string())
}

/// dossier on `args` under `sh -c`, which says how it ended.
fn under_sh(args: &str, env: &[(&str, &str)]) -> Session {
    Session::start_program("sh", &["-c", &format!("{BIN} {args}; echo \"exit $?\"")], 100, 30, env)
}

/// The process `parent` started (dossier under a shell), once it has.
fn child_of(parent: u32) -> i32 {
    let path = format!("/proc/{parent}/task/{parent}/children");
    let mut child = None;
    wait_until("the shell has started dossier", || {
        child = std::fs::read_to_string(&path).ok().and_then(|s| s.split_whitespace().next()?.parse().ok());
        child.is_some()
    });
    child.unwrap()
}

fn signal(pid: i32, signal: i32) {
    // SAFETY: kill(2) with a pid we started.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "kill -{signal} {pid}");
}

fn finder_query(app: &App) -> &str {
    match app.screens.top() {
        Some(Screen::Finder(f)) => f.query.text(),
        _ => panic!("the finder is not open"),
    }
}

/// A bracketed paste, written a kilobyte at a time: the terminal takes no
/// more than 4 KiB that dossier has not read yet.
fn paste(s: &mut Session, text: &str) {
    let all = format!("\u{1b}[200~{text}\u{1b}[201~");
    for chunk in all.as_bytes().chunks(1024) {
        s.send(std::str::from_utf8(chunk).expect("an ASCII paste"));
    }
}

// ---- 1. Panics

#[test]
fn a_panic_quoting_the_corpus_reaches_the_terminal_inert() {
    // The panic hook printed the message raw: a title with escapes set the window title.
    let dir = TempDir::new("panic-title");
    let corpus = serde_json::json!({
        "documents": [{ "id": "d", "title": "Title\u{1b}]0;PWNED\u{7}\u{1b}[2J", "text": "Plain text." }],
    });
    let path = dir.write("c.json", corpus.to_string());
    // No backtrace, so the message is still on the screen.
    let mut s = Session::start_with_env(&[&path], 100, 30, &[(PANIC_FOR_TEST, "1"), ("RUST_BACKTRACE", "0")]);
    assert_eq!(s.wait_exit(), 101);
    s.assert_restored();
    s.wait_for("deliberate panic for testing");
    s.wait_for("in `Title␛]0;PWNED␇␛[2J`");
    let r = s.requests();
    assert!(r.titles.is_empty() && r.icon_names.is_empty() && r.bells == 0, "{r:?}");
    assert!(!s.raw.lock().unwrap().windows(2).any(|w| w == b"\x1b]"), "an OSC sequence reached the terminal");
}

#[test]
fn a_panic_in_a_command_is_reported_inert() {
    // Only the explorer had a panic hook; a command's panic message went out raw.
    let o = Command::new(BIN)
        .args(["check", "evil\u{1b}]0;PWNED\u{7}.json"])
        .env("DOSSIER_PANIC_BEFORE_COMMAND", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(101));
    let err = stderr(&o);
    assert!(err.contains("deliberate panic for testing"), "{err}");
    assert!(err.contains("check evil␛]0;PWNED␇.json`"), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}

#[test]
fn a_panic_in_a_worker_thread_of_a_command_is_reported_not_hung() {
    // A command held stderr from start to end; a worker thread's panic
    // report waited for it, the command waited for the worker: a silent hang.
    if std::thread::available_parallelism().map_or(1, |n| n.get()) < 2 {
        return; // One core: the work is not shared, there is no worker thread.
    }
    let mut child = Command::new(BIN)
        .args(["check", concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/brat")])
        .env("DOSSIER_PANIC_IN_WORKER", "1")
        .env("RUST_BACKTRACE", "0")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("dossier check hung after a worker thread panicked");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(101));
    let err = stderr(&o);
    assert!(err.contains("deliberate panic for testing (DOSSIER_PANIC_IN_WORKER is set) in a worker thread"), "{err}");
}

// ---- 3. Aborts and faults

#[test]
fn an_allocation_failure_restores_the_terminal_and_dies_of_sigabrt() {
    // An abort went past the panic hook: raw mode, the alternate screen, the mouse and a hidden cursor stayed.
    let s = under_sh(SAMPLE, &[(ABORT_FOR_TEST, "1")]);
    s.wait_for("exit 134");
    s.assert_restored();
    s.wait_for("dossier: stopped by SIGABRT (aborted, e.g. out of memory)");
}

#[test]
fn a_fault_signal_restores_the_terminal_and_dossier_dies_of_it() {
    // SIGSEGV, SIGBUS and the like killed dossier with the terminal still taken over.
    for (sig, name, line) in [
        (libc::SIGSEGV, "SIGSEGV", "invalid memory access"),
        (libc::SIGBUS, "SIGBUS", "bus error, e.g. a mapped file was cut short"),
        (libc::SIGILL, "SIGILL", "illegal instruction"),
        (libc::SIGFPE, "SIGFPE", "arithmetic fault"),
        (libc::SIGSYS, "SIGSYS", "bad system call"),
        (libc::SIGABRT, "SIGABRT", "aborted, e.g. out of memory"),
    ] {
        let mut s = under_sh(SAMPLE, &[]);
        s.wait_for("Blogger detained in Kostanay");
        signal(child_of(s.pid()), sig);
        s.wait_for(&format!("exit {}", 128 + sig));
        s.assert_restored();
        s.wait_for(&format!("dossier: stopped by {name} ({line})"));
        assert_eq!(s.wait_exit(), 0);
    }
}

// ---- 6. Pastes

#[test]
fn a_paste_is_one_edit_not_one_per_character() {
    // Each pasted character was its own Action::Input, each re-folding the query and restarting the search.
    let text = "Tolegenov ".repeat(10_000);
    for mode in [Mode::Finder, Mode::Search] {
        assert_eq!(action_for_event(mode, &Event::Paste(text.clone())), [Action::InputText(text.clone())]);
    }
}

#[test]
fn a_paste_beyond_the_longest_query_is_cut_and_the_status_line_says_so() {
    // A query had no maximum length: a 100 kB paste became a 100 kB query, folded again on every key.
    let mut app = sample_app(120, 40);
    update(&mut app, Action::OpenFinder);
    update(&mut app, Action::InputText("x".repeat(100_000)));
    assert_eq!(finder_query(&app), "x".repeat(128));
    assert_eq!(app.message.as_deref(), Some("the finder takes at most 128 characters; the rest was not taken"));
    update(&mut app, Action::Input('y'));
    assert_eq!(finder_query(&app), "x".repeat(128));
    update(&mut app, Action::Back);
    update(&mut app, Action::StartSearch);
    update(&mut app, Action::InputText("court ".repeat(100)));
    let Some(Screen::SearchPrompt(prompt)) = app.screens.top() else { panic!("the search line is not open") };
    assert_eq!(prompt.query.text().chars().count(), 256);
    assert_eq!(app.message.as_deref(), Some("a search takes at most 256 characters; the rest was not taken"));
}

#[test]
fn control_characters_in_a_paste_become_nothing_and_line_breaks_a_space() {
    // Line breaks were dropped, joining the words either side.
    let mut app = sample_app(120, 40);
    update(&mut app, Action::OpenFinder);
    update(&mut app, Action::InputText("Aslan\r\nTolegenov\tKNB\n\u{1b}[31mred\u{7}\u{9b}!".into()));
    assert_eq!(finder_query(&app), "Aslan Tolegenov KNB [31mred!");
}

#[test]
fn a_100_kb_paste_into_the_finder_leaves_it_answering() {
    // A 100 kB paste froze the finder for seconds, and Ctrl-C waited behind it.
    let mut s = Session::start(&[SAMPLE], 120, 40);
    s.wait_for("Blogger detained in Kostanay");
    s.send("f");
    s.wait_for("Find an entity");
    paste(&mut s, &"Tolegenov\n".repeat(10_000));
    s.wait_for("the finder takes at most 128 characters; the rest was not taken");
    s.wait_for("Tolegenov Tolegenov Tolegenov");
    s.send("\u{3}");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_paste_into_the_search_line_is_cut_and_the_status_line_says_so() {
    // The search line took any length, and had nowhere to say it did not.
    let mut s = Session::start(&[SAMPLE], 120, 40);
    s.wait_for("Blogger detained in Kostanay");
    s.send("/");
    paste(&mut s, &"court ".repeat(1000));
    s.wait_for("a search takes at most 256 characters; the rest was not taken");
    s.send("\u{1b}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

// ---- 7. Bursts of keys

#[test]
fn a_burst_of_3000_keys_is_read_to_the_end_without_another_key() {
    // The edge-triggered event source read 1024 bytes per wake-up: 3,000 j scrolled to line 1025 and stopped.
    let dir = TempDir::new("burst");
    let corpus = long_corpus(&dir, 5000);
    let mut s = Session::start(&[&corpus], 100, 30);
    s.wait_for("line 1/9999");
    s.send(&"j".repeat(3000));
    s.wait_for("line 3001/9999");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_burst_of_typing_is_one_edit_that_ranks_as_typing_key_by_key() {
    // Each typed character restarted the search; a burst now merges into one edit with the same result.
    let keys: Vec<Action> = "tolegenov".chars().map(Action::Input).collect();
    let mut one_by_one = sample_app(120, 40);
    update(&mut one_by_one, Action::OpenFinder);
    for a in keys.clone() {
        update(&mut one_by_one, a);
    }
    let mut burst_app = sample_app(120, 40);
    update(&mut burst_app, Action::OpenFinder);
    let mut applied = Vec::new();
    let mut burst = Burst::default();
    for a in keys {
        burst.push(a, &mut |a| applied.push(a));
    }
    burst.finish(&mut |a| applied.push(a));
    assert_eq!(applied, [Action::InputText("tolegenov".into())]);
    for a in applied {
        update(&mut burst_app, a);
    }
    let hits = |app: &App| match app.screens.top() {
        Some(Screen::Finder(f)) => f.hits().iter().map(|h| h.entity).collect::<Vec<_>>(),
        _ => panic!("the finder is not open"),
    };
    assert_eq!(finder_query(&burst_app), "tolegenov");
    assert_eq!(hits(&burst_app), hits(&one_by_one));
}

// ---- 9. Signals

#[test]
fn every_terminating_signal_restores_the_terminal_and_exits_128_plus_n() {
    // Only SIGTERM, SIGHUP and SIGINT were handled: the others left -icanon -echo, the alternate screen and the mouse.
    let mut signals = vec![
        libc::SIGQUIT,
        libc::SIGTRAP,
        libc::SIGUSR1,
        libc::SIGUSR2,
        libc::SIGALRM,
        libc::SIGVTALRM,
        libc::SIGPROF,
        libc::SIGXCPU,
        libc::SIGXFSZ,
        libc::SIGIO,
        libc::SIGPWR,
        libc::SIGSTKFLT,
    ];
    signals.extend([libc::SIGRTMIN(), libc::SIGRTMIN() + 1, libc::SIGRTMAX()]);
    for sig in signals {
        let mut s = Session::start(&[SAMPLE], 100, 30);
        s.wait_for("Blogger detained in Kostanay");
        signal(s.pid() as i32, sig);
        assert_eq!(s.wait_exit(), 128 + sig as u32, "signal {sig}");
        s.assert_restored();
    }
}

/// dossier in an interactive shell, on its first screen; and its pid.
fn dossier_in_a_shell() -> (Session, i32) {
    let mut s = Session::start_shell(100, 30);
    s.wait_for("$ ");
    s.send(&format!("{BIN} {SAMPLE}\r"));
    s.wait_for("Blogger detained in Kostanay");
    let pid = child_of(s.pid());
    (s, pid)
}

/// After `fg`: keys reach dossier one by one (raw mode) and are not echoed.
fn keys_reach_dossier_unechoed(s: &mut Session) {
    s.send("xzxzxz");
    s.send("]");
    s.wait_for("Text · “No one knows the charges”");
    assert!(!s.screen().contains("xzxzxz"), "keys were echoed:\n{}", s.screen());
    s.send("q");
    wait_until("the shell is back", || s.with_screen(|screen| !screen.alternate_screen()));
    s.send("exit\r");
    s.wait_exit();
    s.assert_restored();
}

#[test]
fn an_external_sigtstp_restores_the_terminal_and_fg_resumes() {
    // kill -TSTP stopped dossier without restoring; after fg, keys echoed and never reached it.
    let (mut s, pid) = dossier_in_a_shell();
    signal(pid, libc::SIGTSTP);
    s.wait_for("Stopped");
    s.with_screen(|screen| {
        assert!(!screen.alternate_screen(), "stopped on the alternate screen");
        assert!(!screen.hide_cursor(), "stopped with the cursor hidden");
        assert_eq!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None, "stopped with the mouse on");
    });
    s.send("fg\r");
    wait_until("dossier is back on the alternate screen", || s.with_screen(|screen| screen.alternate_screen()));
    s.wait_for("Blogger detained in Kostanay");
    keys_reach_dossier_unechoed(&mut s);
}

#[test]
fn after_sigstop_and_fg_dossier_takes_the_terminal_back_and_redraws() {
    // After SIGSTOP (which cannot be caught) and fg, the shell had put the terminal back in cooked mode.
    let (mut s, pid) = dossier_in_a_shell();
    signal(pid, libc::SIGSTOP);
    s.wait_for("Stopped");
    s.send("fg\r");
    // The shell wrote over the screen; dossier draws all of it again.
    s.wait_gone("Stopped");
    s.wait_for("Blogger detained in Kostanay");
    keys_reach_dossier_unechoed(&mut s);
}
