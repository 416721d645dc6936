//! The explorer end to end: the built binary in a pseudo-terminal, keys
//! sent as a user types them, the screen read through a terminal emulator.

mod pty;

use pty::Session;

const SAMPLE: &str = "tests/fixtures/sample.json";

#[test]
fn open_fuzzy_jump_step_across_documents_and_quit() {
    let mut s = Session::start(&[SAMPLE], 120, 40);
    s.wait_for("Blogger detained in Kostanay");
    s.wait_for("Entities · this doc");
    s.wait_for("Claims · this doc");
    // Fuzzy jump through the Cyrillic alias.
    s.send("f");
    s.wait_for("Find an entity");
    s.send("толег");
    s.wait_for("Aslan Tolegenov ← Аслан Толегенов");
    s.send("\r");
    s.wait_gone("Find an entity");
    s.wait_for("Aslan Tolegenov · mention 1/3 · document 1/2");
    s.wait_for("Claims · all docs · Aslan Tole");
    // Step through the mentions, into the second document and around.
    s.send("n");
    s.wait_for("mention 2/3 · document 1/2");
    s.send("n");
    s.wait_for("mention 3/3 · document 2/2");
    s.wait_for("Text · “No one knows the charges”");
    s.send("n");
    s.wait_for("mention 1/3 · document 1/2 · wrapped to the first");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn documents_focus_search_help_and_resize() {
    let mut s = Session::start(&[SAMPLE], 120, 40);
    s.wait_for("Blogger detained in Kostanay");
    s.send("]");
    s.wait_for("Text · “No one knows the charges”");
    // A count then Enter goes to that document.
    s.send("1");
    s.wait_for("1 — ]/[ move 1 document · Enter goes to document 1");
    s.send("\r");
    s.wait_for("Text · Blogger detained in Kostanay");
    // Tab moves the focus to the Claims pane.
    s.send("\t");
    s.wait_for(" Claims  1/4");
    // In a list, / filters it; with the text focused, it searches the document.
    s.send("/court");
    s.wait_for("Claims · this doc · /court");
    s.send("\u{1b}");
    s.wait_gone("/court");
    s.send("h");
    s.wait_for(" Text  line");
    s.send("/court\r");
    s.wait_for("match 1/4 for \"court\"");
    s.send("n");
    s.wait_for("match 2/4 for \"court\"");
    s.send("?");
    s.wait_for("Help · j/k scroll · Esc closes");
    s.send("\u{1b}");
    s.wait_gone("Help · j/k scroll");
    // Narrow: text and one side pane; tiny: a notice; and back.
    s.resize(80, 24);
    s.wait_for("Claims · this");
    s.resize(30, 8);
    s.wait_for("Terminal too small");
    s.resize(120, 40);
    s.wait_for("Entities · this doc");
    s.send("\u{3}");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn builtin_corpus_opens_with_an_entity_selected() {
    let mut s = Session::start(&["--entity", "Tolegenov"], 80, 24);
    s.wait_for("Aslan Tolegenov · mention 1/");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn a_bad_corpus_is_refused_before_the_screen_is_taken() {
    let mut s = Session::start(&["tests/fixtures/broken/truncated.json"], 80, 24);
    assert_eq!(s.wait_exit(), 1);
    s.wait_for("truncated.json:1:41: EOF while parsing a list");
    let raw = s.raw.lock().unwrap().clone();
    assert!(!String::from_utf8_lossy(&raw).contains("\u{1b}[?1049h"), "the alternate screen was entered");
}

#[test]
fn the_builtin_corpus_at_80x24_focus_find_step_switch_search_help_quit() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for("Text · Our Russians or Moscow’s Russians");
    s.wait_for("Entities · this doc");
    // Narrow: Tab brings the Claims pane in place of the Entities pane.
    s.send("\t");
    s.wait_for("Claims · this doc");
    s.send("\t");
    s.wait_for("Entities · this doc");
    s.send("\t");
    s.wait_for(" Text  line 1/");
    s.send("\u{10}"); // Ctrl-p
    s.wait_for("Find an entity");
    s.send("nazarb");
    s.wait_for("Nursultan Nazarbayev");
    s.send("\r");
    s.wait_for("Nursultan Nazarbayev · mention 1/");
    s.send("n");
    s.wait_for("Nursultan Nazarbayev · mention 2/");
    s.send("G");
    s.send("n");
    s.wait_for("document 2/2");
    s.send("[");
    s.wait_for("Text · Our Russians or Moscow’s Russians");
    s.send("/Uralsk\r");
    s.wait_for("for \"Uralsk\"");
    s.send("?");
    s.wait_for("Help · j/k scroll");
    s.send("q");
    s.wait_gone("Help · j/k scroll");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn dossier_relation_jump_back_forward_and_comparison() {
    let mut s = Session::start(&[SAMPLE], 120, 40);
    s.wait_for("Blogger detained in Kostanay");
    s.send("f");
    s.wait_for("Find an entity");
    s.send("tolegenov\r");
    s.wait_for("Aslan Tolegenov · mention 1/3 · document 1/2");
    // The dossier: every mention in context, the claims by and about him.
    s.send("d");
    s.wait_for("Dossier · Aslan Tolegenov");
    s.wait_for("per document: [1] report 2 · [2] interview 1");
    s.wait_for("Claims it makes · 1");
    s.wait_for("contradicted by → [1] a-arrest");
    // Down to the mention in the interview and go there.
    s.send("jj\r");
    s.wait_gone("Dossier · Aslan Tolegenov");
    s.wait_for("mention 3/3 · document 2/2");
    s.wait_for("Text · “No one knows the charges”");
    // Back where the jump left from.
    s.send("\u{f}"); // Ctrl-o
    s.wait_for("Text · Blogger detained in Kostanay");
    // Follow the first claim's relation into the other document.
    s.send("\t");
    s.wait_for(" Claims  1/");
    s.send("r");
    s.wait_for("followed \"contradicts\" to claim i-detention");
    s.wait_for("Text · “No one knows the charges”");
    s.send("\u{f}");
    s.wait_for("Text · Blogger detained in Kostanay");
    s.send("\u{7}"); // Ctrl-g: forward (Ctrl-i is Tab to a terminal without the kitty keyboard protocol)
    s.wait_for("Text · “No one knows the charges”");
    s.send("\u{f}");
    s.wait_for("Text · Blogger detained in Kostanay");
    // The two claims side by side.
    s.send("c");
    s.wait_for("Comparing · contradicts");
    s.wait_for("fact by A. Writer · a-arrest");
    s.wait_for("fact by Vladislav Yuritsyn · i-detention");
    s.wait_for("Ten days here; 10 to 15 days and then pre-trial detention in the interview.");
    // Enter on the right-hand claim goes to it.
    s.send("l\r");
    s.wait_gone("Comparing · contradicts");
    s.wait_for("Text · “No one knows the charges”");
    // From the dossier's last line, a relation, c compares; Esc walks back.
    s.send("d");
    s.wait_for("Dossier · Aslan Tolegenov");
    s.send("G");
    s.send("c");
    s.wait_for("Comparing · elaborated by");
    s.wait_for("Esc back to the dossier");
    s.send("\u{1b}");
    s.wait_for("Dossier · Aslan Tolegenov");
    s.send("q");
    s.wait_gone("Dossier · Aslan Tolegenov");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}

#[test]
fn the_builtin_overview_at_80x24_leads_to_a_dossier_and_a_mention() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for("Text · Our Russians or Moscow’s Russians");
    s.send("O");
    s.wait_for("Corpus overview");
    s.wait_for("2 documents · 171 entities · 530 mentions · 297 claims");
    s.wait_for("Entities named in more than one document");
    // The first shared entity, the most mentioned: Kazakhstan.
    s.send("jjjjj");
    s.send("d");
    s.wait_for("Dossier · Kazakhstan");
    s.wait_for("per document: [1] analysis 38 · [2] interview 42");
    s.wait_for("Esc back to the overview");
    // Esc returns to the overview, q from there closes it; O reopens it
    // on the same row, where d opens the same dossier.
    s.send("\u{1b}");
    s.wait_for("Corpus overview");
    s.send("q");
    s.wait_gone("Corpus overview");
    s.send("O");
    s.wait_for("Corpus overview");
    s.send("d");
    s.wait_for("Dossier · Kazakhstan");
    s.send("\r");
    s.wait_gone("Dossier · Kazakhstan");
    s.wait_for("Kazakhstan · mention 1/80 · document 1/2");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
}
