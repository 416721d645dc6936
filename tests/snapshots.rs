//! Rendering snapshots: the screen, drawn into ratatui's TestBackend, for
//! the main layouts and every screen. The fixture corpus keeps these
//! stable while the built-in annotation evolves.

use dossier::state::{Action, App, Pane, update};
use dossier::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

mod sample;
use sample::sample_app as sample;

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal.backend().to_string()
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        update(app, Action::Input(c));
    }
}

#[test]
fn main_screen_wide() {
    let app = sample(120, 40);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn main_screen_narrow() {
    let app = sample(80, 24);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn narrow_with_claims_focused() {
    let mut app = sample(80, 24);
    update(&mut app, Action::Focus(Pane::Claims));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn entity_selected_with_claim_marked_and_relations() {
    let mut app = sample(120, 40);
    let e = app.corpus.entity_by_id("tolegenov").unwrap();
    update(&mut app, Action::SelectEntity(e));
    update(&mut app, Action::Focus(Pane::Claims));
    update(&mut app, Action::Activate);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn finder_with_a_cyrillic_query() {
    let mut app = sample(120, 40);
    update(&mut app, Action::OpenFinder);
    type_text(&mut app, "толег");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn finder_empty_query_lists_everything() {
    let mut app = sample(80, 24);
    update(&mut app, Action::OpenFinder);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn help_overlay() {
    let mut app = sample(120, 40);
    update(&mut app, Action::OpenHelp);
    insta::assert_snapshot!(screen(&app));
}

/// The keys of the finder, the search line and the popups, written from
/// the keys themselves (Ctrl-j/k, Space, Home/End and ? were once missing).
#[test]
fn help_further_down() {
    let mut app = sample(120, 40);
    update(&mut app, Action::OpenHelp);
    update(&mut app, Action::Page(1));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn relation_chooser() {
    let mut app = sample(120, 40);
    let c = app.corpus.claim_by_id("i-detention").unwrap();
    update(&mut app, Action::GotoDoc(1));
    update(&mut app, Action::Focus(Pane::Claims));
    app.reader.views[1].claims.item = Some(c);
    update(&mut app, Action::FollowRelation);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn search_typing_and_matches() {
    let mut app = sample(120, 40);
    update(&mut app, Action::StartSearch);
    type_text(&mut app, "court");
    let typing = screen(&app);
    update(&mut app, Action::Activate);
    insta::assert_snapshot!("search_typing", typing);
    insta::assert_snapshot!("search_done", screen(&app));
}

#[test]
fn too_small() {
    let app = sample(50, 10);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn every_size_renders_without_panic() {
    for (w, h) in
        [(1, 1), (2, 1), (1, 2), (10, 3), (59, 11), (60, 12), (61, 13), (79, 23), (119, 39), (120, 12), (300, 100)]
    {
        let mut app = sample(w, h);
        screen(&app);
        update(&mut app, Action::OpenFinder);
        screen(&app);
        update(&mut app, Action::Back);
        update(&mut app, Action::OpenHelp);
        screen(&app);
    }
}

#[test]
fn builtin_corpus_main_screen() {
    let corpus = dossier::data::load::builtin::load().unwrap();
    let app = App::new(corpus, 120, 40);
    insta::assert_snapshot!(screen(&app));
}

/// Where the first character of `needle` is shown in the text pane.
fn position_of(buffer: &ratatui::buffer::Buffer, app: &App, needle: &str) -> (u16, u16) {
    let text = app.derived.geometry.text_inner();
    for y in text.top()..text.bottom() {
        let row: String = (text.left()..text.right()).map(|x| buffer[(x, y)].symbol().to_string()).collect();
        if let Some(i) = row.find(needle) {
            return (text.left() + row[..i].chars().count() as u16, y);
        }
    }
    panic!("{needle:?} is not on screen");
}

/// The cell showing the first character of `needle` in the text pane.
fn cell_of(app: &App, needle: &str) -> ratatui::buffer::Cell {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let text = app.derived.geometry.text_inner();
    for y in text.top()..text.bottom() {
        let row: String = (text.left()..text.right()).map(|x| buffer[(x, y)].symbol().to_string()).collect();
        if let Some(i) = row.find(needle) {
            let x = text.left() + row[..i].chars().count() as u16;
            return buffer[(x, y)].clone();
        }
    }
    panic!("{needle:?} is not on screen");
}

#[test]
fn mentions_are_coloured_by_kind_and_the_selection_stands_out() {
    use ratatui::style::{Color, Modifier};
    let mut app = sample(120, 40);
    assert_eq!(cell_of(&app, "Almaty").fg, Color::Green, "places are green");
    assert_eq!(cell_of(&app, "Aslan").fg, Color::Cyan, "persons are cyan");
    assert_eq!(cell_of(&app, "Act 174").fg, Color::LightBlue, "laws are light blue");
    assert_eq!(cell_of(&app, "court").fg, Color::Reset, "plain text is plain");
    let e = app.corpus.entity_by_id("tolegenov").unwrap();
    update(&mut app, Action::SelectEntity(e));
    let selected = cell_of(&app, "Aslan");
    assert_eq!((selected.fg, selected.bg), (Color::Black, Color::Cyan));
    assert!(selected.modifier.contains(Modifier::BOLD));
    // The marked claim's span is underlined.
    update(&mut app, Action::Focus(Pane::Claims));
    update(&mut app, Action::Activate);
    assert!(cell_of(&app, "placed").modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn no_color_uses_modifiers_only() {
    use ratatui::style::{Color, Modifier};
    let mut app = sample(120, 40);
    app.settings.no_color = true;
    let e = app.corpus.entity_by_id("tolegenov").unwrap();
    update(&mut app, Action::SelectEntity(e));
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| view::draw(f, &app)).unwrap();
    for cell in terminal.backend().buffer().content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "a colour is used under NO_COLOR: {cell:?}");
    }
    assert!(cell_of(&app, "Aslan").modifier.contains(Modifier::REVERSED));
    assert!(cell_of(&app, "Almaty").modifier.contains(Modifier::BOLD));
}

fn dossier_of(app: &mut App, id: &str) {
    let e = app.corpus.entity_by_id(id).unwrap();
    update(app, Action::SelectEntity(e));
    update(app, Action::OpenDossier);
}

fn compare_detention(app: &mut App) {
    update(app, Action::GotoDoc(1));
    update(app, Action::Focus(Pane::Claims));
    app.reader.views[1].claims.item = app.corpus.claim_by_id("i-detention");
    update(app, Action::OpenCompare);
    update(app, Action::Activate);
}

#[test]
fn dossier_wide() {
    let mut app = sample(120, 40);
    dossier_of(&mut app, "tolegenov");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn dossier_narrow() {
    let mut app = sample(80, 24);
    dossier_of(&mut app, "tolegenov");
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn comparison_wide() {
    let mut app = sample(120, 40);
    compare_detention(&mut app);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn comparison_narrow() {
    let mut app = sample(80, 24);
    compare_detention(&mut app);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn a_long_paragraph_in_the_comparison_keeps_the_whole_claim_in_view() {
    // The built-in analysis's claim sits mid-paragraph in a long paragraph:
    // at 80x24 the comparison shows all of the claimed span, with "…" where
    // the paragraph goes on before and after.
    let mut app = App::new(dossier::data::load::builtin::load().unwrap(), 80, 24);
    update(&mut app, Action::Focus(Pane::Claims));
    app.reader.views[0].claims.item = app.corpus.claim_by_id("a-tolegenov-arrest");
    update(&mut app, Action::OpenCompare);
    let Some(dossier::state::Screen::Relations(dossier::state::RelationChooser { choices, .. })) = app.screens.top()
    else {
        panic!("no chooser")
    };
    let k = choices.iter().position(|c| app.corpus.claim(c.other).id == "i-tolegenov-detention").unwrap();
    update(&mut app, Action::Move(k as i32));
    update(&mut app, Action::Activate);
    let shown = screen(&app);
    let left: String =
        shown.lines().filter_map(|l| l.split("││").nth(1)).map(|cell| cell.trim_end().to_string() + " ").collect();
    assert!(left.contains("…Just a month earlier, Aslan Tolegenov,"), "{shown}");
    assert!(left.contains("was placed under administrative arrest for 10 days under the same law. …"), "{shown}");
}

#[test]
fn overview_wide() {
    let mut app = sample(120, 40);
    update(&mut app, Action::OpenOverview);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn overview_narrow() {
    let mut app = sample(80, 24);
    update(&mut app, Action::OpenOverview);
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn scrollbar_marks_where_the_entity_is_mentioned() {
    let mut app = sample(80, 14);
    let k = app.corpus.entity_by_id("kostanay").unwrap();
    update(&mut app, Action::SelectEntity(k));
    let mut terminal = Terminal::new(TestBackend::new(80, 14)).unwrap();
    terminal.draw(|f| view::draw(f, &app)).unwrap();
    let buffer = terminal.backend().buffer();
    let x = app.derived.geometry.text.right() - 1;
    let marks = (app.derived.geometry.text.top()..app.derived.geometry.text.bottom())
        .filter(|&y| buffer[(x, y)].symbol() == "◆")
        .count();
    assert_eq!(marks, 2, "{}", terminal.backend());
}

/// The annotated corpus (tests/sample/annotated.rs): what other tools'
/// files say about a mention, and relations between mentions.
mod annotated {
    use super::{cell_of, screen, update};
    use crate::sample::annotated_app;
    use dossier::state::{Action, App, Pane};
    use ratatui::style::{Color, Modifier};

    fn select(app: &mut App, id: &str) {
        let e = app.corpus.entity_by_id(id).unwrap();
        update(app, Action::SelectEntity(e));
    }

    /// Whether every cell showing `needle` in the text pane has `bg` (and, for text, `fg`).
    fn colours_of(app: &App, needle: &str) -> Vec<(Color, Color)> {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(app.area.width, app.area.height)).unwrap();
        terminal.draw(|f| dossier::view::draw(f, app)).unwrap();
        let buffer = terminal.backend().buffer();
        let (x, y) = super::position_of(buffer, app, needle);
        (x..x + needle.chars().count() as u16).map(|x| (buffer[(x, y)].fg, buffer[(x, y)].bg)).collect()
    }

    #[test]
    fn a_discontinuous_mention_highlights_its_fragments_and_not_the_gap() {
        let plain = (Color::Reset, Color::Reset);
        let (org, selected) = ((Color::Yellow, Color::Reset), (Color::Black, Color::Yellow));
        for (w, h) in [(120, 40), (80, 24)] {
            let mut app = annotated_app(w, h);
            // "Kazakh" and "governments" are one mention; " and " between them is not.
            let phrase = "Kazakh and Russian";
            let all = |app: &App, needle: &str, cells: std::ops::Range<usize>, colours| {
                colours_of(app, needle)[cells].iter().all(|&c| c == colours)
            };
            assert!(all(&app, phrase, 0..6, org), "a fragment, coloured as an organization");
            assert!(all(&app, phrase, 6..11, plain), "the gap is plain text");
            assert!(all(&app, "governments", 0..11, org));
            select(&mut app, "kz-gov");
            assert!(all(&app, phrase, 0..6, selected), "the selected entity's fragments stand out");
            assert!(all(&app, phrase, 6..11, plain));
            assert!(all(&app, phrase, 11..18, org), "the other government, not selected");
            assert!(all(&app, "governments", 0..11, selected));
            assert!(cell_of(&app, "governments").modifier.contains(Modifier::BOLD));
            // Without colour: the fragments inverted, the gap as it is.
            app.settings.no_color = true;
            let phrase_cell = |k: usize| {
                let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
                terminal.draw(|f| dossier::view::draw(f, &app)).unwrap();
                let (x, y) = super::position_of(terminal.backend().buffer(), &app, phrase);
                terminal.backend().buffer()[(x + k as u16, y)].modifier
            };
            assert!(phrase_cell(0).contains(Modifier::REVERSED));
            assert!(!phrase_cell(7).contains(Modifier::REVERSED), "{:?}", phrase_cell(7));
            app.settings.no_color = false;
            if w == 120 {
                insta::assert_snapshot!("discontinuous_mention_selected_wide", screen(&app));
            } else {
                insta::assert_snapshot!("discontinuous_mention_selected_narrow", screen(&app));
            }
        }
    }

    #[test]
    fn entity_detail_with_its_facts_and_relations() {
        let mut app = annotated_app(120, 40);
        select(&mut app, "kmg");
        update(&mut app, Action::Focus(Pane::Entities));
        insta::assert_snapshot!("entity_detail_wide", screen(&app));
        let mut app = annotated_app(80, 24);
        select(&mut app, "kmg");
        update(&mut app, Action::Focus(Pane::Entities));
        insta::assert_snapshot!("entity_detail_narrow", screen(&app));
    }

    #[test]
    fn dossier_with_details_and_relations() {
        for (w, h, name) in [(120, 40, "dossier_wide"), (80, 24, "dossier_narrow")] {
            let mut app = annotated_app(w, h);
            select(&mut app, "kmg");
            update(&mut app, Action::OpenDossier);
            insta::assert_snapshot!(name, screen(&app));
        }
        let mut app = annotated_app(120, 40);
        select(&mut app, "kz-gov");
        update(&mut app, Action::OpenDossier);
        insta::assert_snapshot!("dossier_discontinuous", screen(&app));
    }

    #[test]
    fn every_size_renders_the_details_without_panic() {
        for (w, h) in [(1, 1), (10, 3), (59, 11), (60, 12), (61, 13), (79, 23), (120, 12), (300, 100)] {
            let mut app = annotated_app(w, h);
            for id in ["kmg", "kz-gov", "signing"] {
                select(&mut app, id);
                update(&mut app, Action::Focus(Pane::Entities));
                screen(&app);
                update(&mut app, Action::OpenDossier);
                screen(&app);
                update(&mut app, Action::Bottom);
                screen(&app);
                update(&mut app, Action::Back);
            }
        }
    }
}
