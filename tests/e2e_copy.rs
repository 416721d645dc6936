//! Copy, export and the keys of habit, end to end: the real binary in a
//! pseudo-terminal. `y` writes the quote as OSC 52; `e` writes a report in
//! the directory dossier was started in; Ctrl-f / Ctrl-b page; where the
//! terminal speaks the kitty keyboard protocol its flags are pushed, Ctrl-i
//! jumps forward while Tab still focuses, and the flags are popped however
//! dossier ends.

mod pty;

use dossier::data::model::Corpus;
use dossier::query::{quote, report};
use pty::{Session, kill, wait_until};

fn builtin() -> Corpus {
    dossier::data::load::builtin::load().expect("the built-in corpus loads")
}

/// Standard base64 decoded (the test's own, not dossier's encoder).
fn unbase64(s: &[u8]) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let digits: Vec<u8> = s.iter().copied().filter(|&c| c != b'=').map(value).collect();
    let mut out = Vec::new();
    for chunk in digits.chunks(4) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &d)| n | u32::from(d) << (18 - 6 * i));
        out.extend(n.to_be_bytes()[1..chunk.len()].iter());
    }
    out
}

/// The texts of every OSC 52 the program wrote, decoded.
fn clipboard_writes(raw: &[u8]) -> Vec<String> {
    let start = b"\x1b]52;c;";
    let mut found = Vec::new();
    let mut rest = raw;
    while let Some(i) = rest.windows(start.len()).position(|w| w == start) {
        let body = &rest[i + start.len()..];
        let end = body.iter().position(|&b| b == 0x07).expect("the sequence ends with BEL");
        found.push(String::from_utf8(unbase64(&body[..end])).expect("UTF-8"));
        rest = &body[end..];
    }
    found
}

fn count(raw: &[u8], seq: &[u8]) -> usize {
    raw.windows(seq.len()).filter(|w| *w == seq).count()
}

fn last(raw: &[u8], seq: &[u8]) -> Option<usize> {
    raw.windows(seq.len()).rposition(|w| w == seq)
}

const PUSH: &[u8] = b"\x1b[>1u";
const POP: &[u8] = b"\x1b[<1u";
const LEAVE_ALTERNATE: &[u8] = b"\x1b[?1049l";

#[test]
fn y_writes_the_quote_and_its_citation_as_osc_52() {
    let c = builtin();
    let t = c.entity_by_id("tolegenov").unwrap();
    let mention = quote::of_mention(&c, c.entity_mentions(t)[0]).text;
    let mut s = Session::start(&["--entity", "Tolegenov"], 120, 40);
    s.wait_for("mention 1/6");
    s.send("y");
    s.wait_for("copied: “Just a month earlier, Aslan Tolegenov");
    // In the Claims pane, the claim under the cursor.
    s.send("\t");
    s.wait_for(" Claims  1/");
    s.send("y");
    s.wait_for("copied: “Aslan Tolegenov, an ethnic Kazakh blogger");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw.lock().unwrap().clone();
    let written = clipboard_writes(&raw);
    assert_eq!(written.len(), 2, "{written:?}");
    assert_eq!(written[0], mention);
    assert!(written[0].ends_with("\n— Our Russians or Moscow’s Russians: Kazakhstan’s balancing act, offset 12841"));
    let arrest = c.claim_by_id("a-tolegenov-arrest").unwrap();
    assert_eq!(written[1], quote::of_claim(&c, arrest).text);
    // The emulator took them as clipboard writes, base64 and all.
    let requests = s.requests();
    assert_eq!(requests.clipboard.len(), 2, "{requests:?}");
    assert_eq!(unbase64(requests.clipboard[0].as_bytes()), mention.as_bytes());
}

#[test]
fn e_in_the_dossier_and_the_comparison_writes_reports_where_dossier_was_started() {
    let dir = std::env::temp_dir().join(format!("dossier-e2e-export-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut s = Session::start_in(&dir, &["--entity", "Tolegenov"], 120, 40);
    s.wait_for("mention 1/6");
    s.send("d");
    s.wait_for("Dossier · Aslan Tolegenov");
    s.send("e");
    let path = dir.join("dossier-tolegenov.md");
    s.wait_for(&format!("report written to {}", path.display()));
    let c = builtin();
    let t = c.entity_by_id("tolegenov").unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), report::dossier(&c, t));
    // Again: a new file, the first kept.
    s.send("e");
    s.wait_for("dossier-tolegenov-2.md");
    // The comparison of the Claims pane's first claim and its first relation.
    s.send("\u{1b}");
    s.wait_gone("Dossier · Aslan Tolegenov");
    s.send("\t");
    s.wait_for(" Claims  1/");
    s.send("c");
    s.wait_for("Relations of");
    s.send("\r");
    s.wait_for("Comparing · elaborates");
    s.send("e");
    let path = dir.join("comparison-a-tolegenov-arrest-i-tolegenov-detention.md");
    s.wait_for("report written to");
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.starts_with("# `a-tolegenov-arrest` elaborates `i-tolegenov-detention`\n"), "{written}");
    assert!(written.contains("## Note\n\nThe lengths differ in detail"), "{written}");
    s.send("q");
    s.send("q");
    let mut names: Vec<String> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    assert_eq!(
        names,
        ["comparison-a-tolegenov-arrest-i-tolegenov-detention.md", "dossier-tolegenov-2.md", "dossier-tolegenov.md"]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ctrl_f_and_ctrl_b_page_the_text_and_no_keyboard_protocol_is_asked_of_a_terminal_without_it() {
    let mut s = Session::start(&["--entity", "Tolegenov"], 120, 40);
    s.wait_for(" Text  line 285/422");
    s.send("\u{6}"); // Ctrl-f
    s.wait_for(" Text  line 320/422");
    s.send("\u{2}\u{2}"); // Ctrl-b twice
    s.wait_for(" Text  line 250/422");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw.lock().unwrap().clone();
    assert!(last(&raw, b"\x1b[?u").is_some(), "the terminal was asked");
    assert_eq!((last(&raw, PUSH), last(&raw, POP)), (None, None), "nothing pushed where it has no protocol");
    s.assert_restored();
}

#[test]
fn with_the_kitty_keyboard_protocol_ctrl_i_jumps_forward_tab_focuses_and_the_flags_are_popped_on_quit() {
    let mut s = Session::start_kitty(&["--entity", "Tolegenov"], 120, 40, &[]);
    s.wait_for("mention 1/6");
    wait_until("the flags are pushed", || last(&s.raw.lock().unwrap(), PUSH).is_some());
    s.send("n");
    s.wait_for("mention 2/6");
    s.send("\u{f}"); // Ctrl-o
    s.wait_for("back · 1 back, 1 forward");
    s.send("\u{1b}[105;5u"); // Ctrl-i, as the protocol sends it
    s.wait_for("forward · 2 back, 0 forward");
    s.send("\t");
    s.wait_for(" Claims  1/");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let raw = s.raw.lock().unwrap().clone();
    let (push, pop, left) = (last(&raw, PUSH), last(&raw, POP), last(&raw, LEAVE_ALTERNATE));
    assert!(push < pop && pop < left, "popped after the push, on the alternate screen: {push:?} {pop:?} {left:?}");
    s.assert_restored();
}

#[test]
fn the_kitty_keyboard_flags_are_popped_on_a_stop_pushed_again_on_taking_over_and_popped_when_a_signal_ends_dossier() {
    let mut s = Session::start_kitty(&["--entity", "Tolegenov"], 120, 40, &[]);
    s.wait_for("mention 1/6");
    wait_until("the flags are pushed", || last(&s.raw.lock().unwrap(), PUSH).is_some());
    let pid = s.pid();
    // Started by no shell, dossier's process group is orphaned: the stop is
    // discarded at once, so the terminal is given back and taken over again
    // (as after fg) straight away.
    kill(pid, "TSTP");
    wait_until("the flags are popped and pushed again", || {
        let raw = s.raw.lock().unwrap();
        (count(&raw, POP), count(&raw, PUSH)) == (1, 2) && last(&raw, PUSH) > last(&raw, POP)
    });
    kill(pid, "TERM");
    s.wait_exit();
    let raw = s.raw.lock().unwrap().clone();
    let (push, pop, left) = (last(&raw, PUSH), last(&raw, POP), last(&raw, LEAVE_ALTERNATE));
    assert!(push < pop && pop < left, "{push:?} {pop:?} {left:?}");
    s.assert_restored();
}

#[test]
fn the_kitty_keyboard_flags_are_popped_when_dossier_panics() {
    let env = [("DOSSIER_PANIC_AFTER_FIRST_FRAME", "1"), ("RUST_BACKTRACE", "0")];
    let mut s = Session::start_kitty(&[], 100, 30, &env);
    assert_ne!(s.wait_exit(), 0);
    let raw = s.raw.lock().unwrap().clone();
    let (push, pop, left) = (last(&raw, PUSH), last(&raw, POP), last(&raw, LEAVE_ALTERNATE));
    assert!(push.is_some() && push < pop && pop < left, "{push:?} {pop:?} {left:?}");
    s.assert_restored();
}
