//! Properties of the text layout and its highlighting, over text mixing
//! ASCII, Cyrillic, fullwidth and CJK, emoji, combining marks, tabs,
//! control and bidi characters, and the invisible characters that are kept
//! or flagged by their neighbours (joiners, selectors, tags, separators):
//! - every character of the text appears exactly once in the layout, in order;
//! - no line is wider than the pane;
//! - mention highlights land on exactly the cells that show the mention.

use dossier::data::load::{Source, load_sources};
use dossier::state::App;
use dossier::text::wrap::{TextLayout, cells, shown, trim_end};
use dossier::view;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;
use unicode_segmentation::UnicodeSegmentation;

/// Pieces of text: words of many scripts and widths, and the characters that
/// make layout hard.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,12}",
        2 => "[а-я]{1,10}",
        1 => "[一-龥]{1,4}",
        1 => Just("【top/down】".to_string()),
        1 => Just("👩‍👩‍👧".to_string()),
        1 => Just("e\u{301}".to_string()),
        1 => Just("\t".to_string()),
        1 => Just("\u{1b}[31m".to_string()),
        1 => Just("\u{202e}".to_string()),
        1 => Just("\u{200b}".to_string()),
        1 => Just("\u{200d}".to_string()),
        1 => Just("\u{fe0f}".to_string()),
        1 => Just("\u{e0041}".to_string()),
        1 => Just("\u{2028}".to_string()),
        1 => Just("\u{301}".to_string()),
        1 => Just("\u{115f}".to_string()),
        1 => Just("क्\u{200d}ष".to_string()),
        1 => Just("❤\u{fe0f}".to_string()),
        1 => Just("\r".to_string()),
        4 => Just(" ".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\u{a0}".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..80).prop_map(|v| v.concat()).prop_filter("not empty", |t| !t.is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_character_appears_exactly_once_in_order(text in text(), width in 2u16..60) {
        let layout = TextLayout::new(&text, width);
        // The lines tile the text: each starts where the last ended, and they end at its end.
        let mut pos = 0;
        for line in &layout.lines {
            prop_assert_eq!(line.start as usize, pos, "a gap or an overlap before {:?}", line);
            prop_assert!(line.end >= line.start);
            pos = line.end as usize;
        }
        prop_assert_eq!(pos, text.len());
        prop_assert!(layout.lines.windows(2).all(|w| w[0].start < w[1].start), "line starts increase");
    }

    #[test]
    fn no_line_is_wider_than_the_pane(text in text(), width in 8u16..60) {
        let layout = TextLayout::new(&text, width);
        for line in &layout.lines {
            // Measured in the whole text, as the pane draws it: whether a
            // joiner at a line's end is shown depends on what follows it.
            let visible = trim_end(&text[line.range()]);
            let mut w = 0;
            for (off, g) in visible.grapheme_indices(true) {
                w += shown(&text, line.start as usize + off, g, w).1;
            }
            // A grapheme shown as several code points can be wider than the
            // pane: it is alone on its line, and the pane's edge cuts it.
            let alone = trim_end(&text[line.range()]).graphemes(true).count() == 1;
            prop_assert!(w <= width as usize || alone, "{:?} is {} cells wide in {}", &text[line.range()], w, width);
        }
    }

    #[test]
    fn mention_highlights_land_on_the_cells_that_show_them(
        text in text(),
        picks in prop::collection::vec((0usize..1000, 1usize..6), 1..6),
        width in 70u16..130,
    ) {
        // A blank text is not a document the loader takes.
        prop_assume!(!text.trim().is_empty());
        // Mentions on grapheme boundaries, not overlapping.
        let graphemes: Vec<(usize, &str)> = text.grapheme_indices(true).collect();
        let mut spans: Vec<(usize, usize)> = Vec::new();
        for (at, len) in picks {
            let i = at % graphemes.len();
            let j = (i + len).min(graphemes.len());
            let (s, e) = (graphemes[i].0, graphemes.get(j).map_or(text.len(), |g| g.0));
            if spans.iter().all(|&(a, b)| e <= a || b <= s) && !text[s..e].contains('\n') {
                spans.push((s, e));
            }
        }
        let to_char = |b: usize| text[..b].chars().count();
        let mentions: Vec<_> = spans
            .iter()
            .map(|&(s, e)| serde_json::json!({"document": "d", "start": to_char(s), "end": to_char(e)}))
            .collect();
        let json = serde_json::json!({
            "documents": [{"id": "d", "text": text}],
            "entities": [{"id": "p", "name": "P", "kind": "person", "mentions": mentions}],
        });
        let corpus = load_sources(&[Source::new("t.json", json.to_string())], "t").unwrap();
        let app = App::new(corpus, width, 40);
        let mut terminal = Terminal::new(TestBackend::new(width, 40)).unwrap();
        terminal.draw(|f| view::draw(f, &app)).unwrap();
        let buffer = terminal.backend().buffer();
        let inner = app.derived.geometry.text_inner();
        let layout = app.layout().unwrap();
        for (row, line) in layout.lines.iter().take(inner.height as usize).enumerate() {
            let slice = &text[line.range()];
            let visible = trim_end(slice);
            let mut col = 0;
            for (off, g) in visible.grapheme_indices(true) {
                let byte = line.start as usize + off;
                let (s, w) = shown(&text, byte, g, col);
                if w > 0 {
                    let cell = &buffer[(inner.x + col as u16, inner.y + row as u16)];
                    let inside = spans.iter().any(|&(a, b)| a <= byte && byte < b);
                    let first: String = s.graphemes(true).next().unwrap_or_default().to_string();
                    prop_assert_eq!(cell.symbol(), first.as_str(), "cell of {:?}", g);
                    prop_assert_eq!(cell.fg == Color::Cyan, inside, "cell of {:?} at byte {}", g, byte);
                }
                col += w;
            }
            prop_assert!(cells(visible) <= inner.width as usize);
        }
    }
}
