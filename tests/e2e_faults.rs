//! Hostile corpora and terminal faults, end to end in a pseudo-terminal:
//! escape sequences shown inert, the emulator's title, modes and clipboard
//! untouched; panics, signals, Ctrl-z, a vanishing terminal and absurd sizes
//! all leave the terminal as it was.

mod pty;

use std::time::Duration;

use pty::{Session, kill, wait_until};

const SAMPLE: &str = "tests/fixtures/sample.json";
const HOSTILE: &str = "tests/fixtures/hostile.json";

#[test]
fn a_hostile_corpus_is_shown_inert_and_touches_nothing() {
    let mut s = Session::start(&[HOSTILE], 120, 40);
    s.wait_for("Plain start.");
    // Every escape is visible as text.
    s.wait_for("␛]52;c;ZXZpbCBjbGlwYm9hcmQ=␇");
    s.wait_for("␛]8;;https://evil.example/␛\\click");
    s.wait_for("Mode changes ␛[?1049l␛[?25h␛[?1000l here");
    s.wait_for("<U+009B>31mred");
    s.wait_for("abc<U+202E>dcba<U+2066>x<U+2069>");
    s.wait_for("zero<U+200B>width<U+FEFF>bom");
    s.wait_for("nul␀del␡bel␇cr␍bs␈");
    s.wait_for("Title␛]0;PWNED-TITLE␇");
    // The entity, its aliases and description, through the finder and the detail.
    s.send("f");
    s.send("evil");
    s.wait_for("Evil<U+202E>liveE␛[31m");
    s.send("\r");
    s.wait_for("Alias␛]52;c;QUxJQVM=␇");
    // The claim and its note.
    s.send("\t");
    s.send("\r");
    s.wait_for("Note ␛[?1049l ␇<U+202E>eton");
    s.send("?");
    s.wait_for("Help · j/k scroll");
    s.send("\u{1b}");
    s.wait_gone("Help · j/k scroll");
    // Still on the alternate screen, cursor hidden, mouse on: nothing in the corpus changed a mode.
    s.with_screen(|screen| {
        assert!(screen.alternate_screen());
        assert!(screen.hide_cursor());
        assert_ne!(screen.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    });
    let r = s.requests();
    assert!(r.titles.is_empty() && r.icon_names.is_empty(), "title requests: {r:?}");
    assert!(r.clipboard.is_empty(), "clipboard writes: {r:?}");
    assert_eq!((r.bells, r.unhandled_osc), (0, 0), "{r:?}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let raw = s.raw.lock().unwrap().clone();
    assert!(!raw.contains(&0x07), "a BEL reached the terminal");
    assert!(!raw.windows(2).any(|w| w == b"\x1b]"), "an OSC sequence reached the terminal");
}

#[test]
fn wide_and_combining_characters_leave_no_residue_after_scrolling_or_resizing() {
    // A narrow text pane, so the hostile text wraps over many lines.
    let mut s = Session::start(&[HOSTILE], 80, 12);
    s.wait_for("Plain start.");
    // Scroll to where the fullwidth brackets, CJK, emoji and combining marks are.
    s.send("/top/down\r");
    s.wait_for("【top/down】");
    s.wait_for("漢字");
    // Everything but the status line, whose messages come and go with each key.
    let panes = |s: &Session| {
        let screen = s.screen();
        let lines: Vec<&str> = screen.lines().collect();
        lines[..lines.len() - 1].join("\n")
    };
    let before = panes(&s);
    for key in ["j", "j", "j", "k", "k", "k", "G", "g"] {
        s.send(key);
    }
    s.send("/top/down\r");
    wait_until("the view is back where it was", || panes(&s) == before);
    for (cols, rows) in [(100, 20), (61, 12), (120, 40), (80, 12)] {
        s.resize(cols, rows);
        std::thread::sleep(Duration::from_millis(50));
    }
    wait_until("the screen is as it was", || panes(&s) == before);
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_panic_restores_the_terminal_and_exits_101() {
    let mut s = Session::start_with_env(&[SAMPLE], 100, 30, &[(dossier::terminal::PANIC_FOR_TEST, "1")]);
    assert_eq!(s.wait_exit(), 101);
    s.assert_restored();
    s.wait_for("deliberate panic for testing");
}

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal_and_exit_128_plus_n() {
    for (signal, code) in [("TERM", 143), ("HUP", 129), ("INT", 130)] {
        let mut s = Session::start(&[SAMPLE], 100, 30);
        s.wait_for("Blogger detained in Kostanay");
        kill(s.pid(), signal);
        assert_eq!(s.wait_exit(), code, "SIG{signal}");
        s.assert_restored();
    }
}

#[test]
fn ctrl_z_suspends_with_the_terminal_restored_and_fg_resumes() {
    let bin = env!("CARGO_BIN_EXE_dossier");
    let mut s = Session::start_shell(100, 30);
    s.wait_for("$ ");
    s.send(&format!("{bin} {SAMPLE}\r"));
    s.wait_for("Blogger detained in Kostanay");
    s.send("\u{1a}");
    s.wait_for("Stopped");
    s.with_screen(|screen| {
        assert!(!screen.alternate_screen(), "suspended on the alternate screen");
        assert!(!screen.hide_cursor());
    });
    s.send("fg\r");
    wait_until("dossier is back on the alternate screen", || s.with_screen(|screen| screen.alternate_screen()));
    s.wait_for("Blogger detained in Kostanay");
    s.send("]");
    s.wait_for("Text · “No one knows the charges”");
    s.send("q");
    wait_until("the shell is back", || s.with_screen(|screen| !screen.alternate_screen()));
    s.send("exit\r");
    s.wait_exit();
    s.assert_restored();
}

#[test]
fn the_terminal_going_away_ends_dossier() {
    let mut s = Session::start(&[SAMPLE], 100, 30);
    s.wait_for("Blogger detained in Kostanay");
    let pid = s.pid();
    s.hang_up();
    wait_until("dossier exits after its terminal is gone", || s.exited().is_some());
    let code = s.exited().unwrap();
    assert!(code == 129 || code == 1, "exit code {code} (pid {pid})");
}

#[test]
fn any_size_down_to_1x1_and_rapid_resizing() {
    let mut s = Session::start(&[SAMPLE], 1, 1);
    std::thread::sleep(Duration::from_millis(300));
    for (cols, rows) in [(2, 2), (200, 60), (10, 3), (80, 24), (3, 1), (1, 40), (300, 2), (59, 11), (60, 12), (120, 40)]
    {
        s.resize(cols, rows);
        std::thread::sleep(Duration::from_millis(15));
    }
    s.wait_for("Entities · this doc");
    s.resize(40, 10);
    s.wait_for("Terminal too small (40x10)");
    s.resize(80, 24);
    s.wait_for("Blogger detained in Kostanay");
    s.send("q");
    assert_eq!(s.wait_exit(), 0, "{}", s.screen());
    s.assert_restored();
}

#[test]
fn no_controlling_terminal_is_refused_without_escape_codes() {
    let o = std::process::Command::new("setsid")
        .args(["-w", env!("CARGO_BIN_EXE_dossier"), SAMPLE])
        .stdin(std::process::Stdio::null())
        .output()
        .expect("setsid runs");
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    let err = String::from_utf8(o.stderr).unwrap();
    assert!(err.contains("the explorer needs a terminal"), "{err}");
    assert!(!err.contains('\u{1b}'));
}
