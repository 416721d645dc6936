//! Regressions in what reaches the screen.

#[allow(unused_imports)]
use super::common::*;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use dossier::data::load::{Source, load_sources};
use dossier::state::{Action, App, Pane, update};
use dossier::text::sanitize::display;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

/// Counts the bytes each thread allocates, so a test can see what a frame
/// copies (tests run on threads of their own, so they do not see each
/// other's allocations).
struct Counting;

thread_local! {
    static ALLOCATED: Cell<usize> = const { Cell::new(0) };
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATED.with(|a| a.set(a.get() + layout.size()));
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATED.with(|a| a.set(a.get() + new_size));
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn allocated() -> usize {
    ALLOCATED.with(Cell::get)
}

fn corpus(json: serde_json::Value) -> dossier::data::model::Corpus {
    load_sources(&[Source::new("t.json", json.to_string())], "t").expect("a valid corpus")
}

/// One document, and one entity per name, each mentioned once in it.
fn named(text: &str, names: &[&str]) -> dossier::data::model::Corpus {
    let entities: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            serde_json::json!({"id": format!("e{i}"), "name": n, "kind": "person",
                "mentions": [{"document": "d", "start": 0, "end": 1}]})
        })
        .collect();
    corpus(serde_json::json!({"documents": [{"id": "d", "text": text}], "entities": entities}))
}

fn frame(app: &App) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).expect("a terminal");
    terminal.draw(|f| dossier::view::draw(f, app)).expect("drawn");
    terminal
}

fn screen(app: &App) -> String {
    frame(app).backend().to_string()
}

/// Invisible characters of every class the review found let through.
const INVISIBLE: [(char, &str); 16] = [
    ('\u{E0041}', "a tag character"),
    ('\u{E007F}', "a cancel tag"),
    ('\u{00AD}', "a soft hyphen"),
    ('\u{034F}', "the combining grapheme joiner"),
    ('\u{115F}', "a Hangul choseong filler"),
    ('\u{1160}', "a Hangul jungseong filler"),
    ('\u{3164}', "the Hangul filler"),
    ('\u{FFA0}', "the halfwidth Hangul filler"),
    ('\u{FE00}', "a variation selector"),
    ('\u{E0100}', "an ideographic variation selector"),
    ('\u{180B}', "a Mongolian free variation selector"),
    ('\u{1D173}', "a musical format character"),
    ('\u{1BCA0}', "a shorthand format control"),
    ('\u{13430}', "an Egyptian hieroglyph format control"),
    ('\u{200D}', "a zero-width joiner between Latin letters"),
    ('\u{200C}', "a zero-width non-joiner between Latin letters"),
];

#[test]
fn invisible_format_characters_are_shown_as_code_points_in_lists_and_text() {
    // These were written to the terminal raw: "Tole?genov" looked like "Tolegenov".
    for (c, what) in INVISIBLE {
        let name = format!("Tole{c}genov");
        let notation = format!("<U+{:04X}>", c as u32);
        assert_eq!(display(&name), format!("Tole{notation}genov"), "{what} in display");
        let mut app = App::new(named(&format!("x {name} y"), &[&name]), 120, 40);
        let e = app.corpus.entity_by_id("e0").expect("the entity");
        update(&mut app, Action::SelectEntity(e));
        let shown = screen(&app);
        // The list row, the detail, the text and the status line (the list row cut to fit).
        let rows = shown.lines().filter(|l| l.contains("Tole<U+")).count();
        assert!(rows >= 4, "{what}: {rows} rows show it\n{shown}");
        assert!(shown.contains(&format!("Tole{notation}genov")), "{what}\n{shown}");
        assert!(!shown.contains(c), "{what} is on screen raw");
    }
}

#[test]
fn emoji_sequences_conjuncts_and_variation_sequences_are_kept_as_they_are() {
    // The sanitizer must not break the scripts and emoji that need these characters.
    for kept in [
        "👩\u{200D}👩\u{200D}👧",
        "❤\u{FE0F}",
        "1\u{FE0F}\u{20E3}",
        "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
        "क्\u{200D}ष",
        "می\u{200C}خواهم",
        "葛\u{E0100}飾",
        "ᠠ\u{180B}",
        "\u{115F}\u{1161}",
        "\u{0600}١٢٣",
    ] {
        assert_eq!(display(kept), kept, "{kept:?}");
        let app = App::new(named(&format!("x {kept} y"), &[kept]), 120, 40);
        assert!(!screen(&app).contains("<U+"), "{kept:?} is flagged on screen");
    }
}

#[test]
fn four_lookalike_tolegenovs_render_differently() {
    // Four entities all appeared as "Tolegenov" in the entity list.
    let names = ["Tolegenov", "Tole\u{00AD}genov", "Tolegenov\u{E0020}", "Tol\u{034F}egenov"];
    let app = App::new(named("x", &names), 120, 40);
    let shown = screen(&app);
    let rows: Vec<&str> = shown.lines().filter(|l| l.contains("PER ")).collect();
    assert_eq!(rows.len(), 4, "{shown}");
    // What a reader sees of each row: the cells' invisible characters are no help.
    let visible = |row: &str| -> String {
        let name = row.split("PER ").nth(1).unwrap_or_default();
        name.chars().filter(|c| c.is_alphanumeric() || c.is_ascii_punctuation() || *c == '…').collect()
    };
    let mut seen: Vec<String> = rows.iter().map(|r| visible(r)).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 4, "{rows:#?}");
}

#[test]
fn a_line_separator_at_a_wrap_point_is_shown_not_dropped() {
    // U+2028 counted as a space to break at, and the line's end was trimmed: it vanished.
    let app = App::new(named("x", &["x"]), 80, 24);
    let width = app.derived.geometry.text_inner().width as usize;
    let text = format!("{}\u{2028}tail", "a".repeat(width - 3));
    let app = App::new(named(&text, &["x"]), 80, 24);
    assert!(screen(&app).contains("<U+2028>"), "{}", screen(&app));
}

#[test]
fn a_grapheme_of_a_million_combining_marks_makes_a_small_frame() {
    // The whole grapheme was put in one cell and sent to the terminal each frame (40 MB a draw).
    let zalgo = format!("Tole{}genov", "\u{0301}".repeat(1_000_000));
    let app = App::new(named(&format!("x {zalgo} y"), &[&zalgo]), 120, 40);
    let terminal = frame(&app);
    let bytes: usize = terminal.backend().buffer().content().iter().map(|c| c.symbol().len()).sum();
    assert!(bytes < 20_000, "a frame holds {bytes} bytes of symbols");
    assert!(terminal.backend().to_string().contains("marks>"), "what was dropped is not shown");
}

#[test]
fn json_output_holds_no_raw_bidi_or_c1_and_parses_back() {
    // serde_json escapes only C0, `"` and `\`: U+202E and U+009B reached the terminal raw.
    let hostile = "\u{202E}evil\u{9B}31m Tole\u{200D}genov\u{E0041}\u{7F}";
    let dir = TempDir::new("json-escapes");
    let json = serde_json::json!({
        "documents": [{"id": "d", "text": format!("x {hostile} y")}],
        "entities": [{"id": "e", "name": hostile, "kind": "person", "aliases": [hostile], "description": hostile,
            "mentions": [{"document": "d", "start": 0, "end": 1}]}],
    });
    let file = dir.write("hostile.json", json.to_string());
    for args in [&["entities", "--json", &file][..], &["entity", "e", "--json", &file], &["documents", "--json", &file]]
    {
        let out = dossier(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        let text = stdout(&out);
        for raw in ['\u{202E}', '\u{9B}', '\u{200D}', '\u{E0041}', '\u{7F}'] {
            assert!(!text.contains(raw), "{args:?}: {raw:?} is raw in\n{text}");
        }
        let parsed: serde_json::Value = serde_json::from_str(&text).expect("the output parses");
        let strings = serde_json::to_string(&parsed).unwrap();
        if args[0] != "documents" {
            assert!(strings.contains(&serde_json::to_string(hostile).unwrap()), "{args:?}: {strings}");
        }
    }
}

#[test]
fn a_frame_with_a_ten_megabyte_name_does_not_copy_it() {
    // A 10 MB name was sanitized, copied and wrapped whole by every view, every frame (0.35-0.9 s a key).
    let name = "Tolegenov ".repeat(1_000_000);
    let mut app = App::new(named("x Tolegenov y", &[&name]), 120, 40);
    let e = app.corpus.entity_by_id("e0").expect("the entity");
    update(&mut app, Action::SelectEntity(e));
    update(&mut app, Action::Focus(Pane::Entities));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("a terminal");
    terminal.draw(|f| dossier::view::draw(f, &app)).expect("drawn");
    let before = allocated();
    terminal.draw(|f| dossier::view::draw(f, &app)).expect("drawn");
    let copied = allocated() - before;
    assert!(copied < name.len() / 10, "a frame allocated {copied} bytes");
    update(&mut app, Action::OpenDossier);
    let before = allocated();
    terminal.draw(|f| dossier::view::draw(f, &app)).expect("drawn");
    let copied = allocated() - before;
    assert!(copied < name.len() / 10, "the dossier's frame allocated {copied} bytes");
}
