//! The corpus-wide search (`F`) drawn into ratatui's TestBackend, at
//! 120x40 and 80x24: the hits grouped by document, a regular expression
//! and what is wrong with one, nothing found, and the text after Enter with
//! the hit marked and the status line saying where it is among the hits.

use dossier::state::{Action, App, update};
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

/// Applies the actions, then ticks until the search is done.
fn after(mut app: App, actions: &[Action]) -> App {
    for a in actions {
        update(&mut app, a.clone());
    }
    while app.busy() {
        update(&mut app, Action::Tick);
    }
    app
}

fn typed(query: &str) -> Vec<Action> {
    vec![Action::OpenCorpusSearch, Action::InputText(query.into())]
}

#[test]
fn hits_grouped_by_document_wide() {
    let app = after(sample(120, 40), &typed("the"));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn hits_grouped_by_document_narrow() {
    let app = after(sample(80, 24), &[typed("kazakh"), vec![Action::Move(2)]].concat());
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn a_regular_expression_wide() {
    let app = after(sample(120, 40), &[typed(r"\b[A-Z]{3}\b"), vec![Action::ToggleRegex]].concat());
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn an_invalid_regular_expression_narrow() {
    let app = after(
        sample(80, 24),
        &[vec![Action::OpenCorpusSearch, Action::ToggleRegex], typed("(kaz")[1..].to_vec()].concat(),
    );
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn nothing_typed_and_nothing_found() {
    let empty = after(sample(80, 24), &[Action::OpenCorpusSearch]);
    let none = after(sample(120, 40), &typed("zzzz"));
    insta::assert_snapshot!(format!("{}\n{}", screen(&empty), screen(&none)));
}

#[test]
fn the_text_after_going_to_a_hit_wide() {
    let app =
        after(sample(120, 40), &[typed("kazakh"), vec![Action::FocusNext, Action::Move(1), Action::Activate]].concat());
    insta::assert_snapshot!(screen(&app));
}

/// The hits in the text are drawn as `/` matches are, the current one apart.
#[test]
fn the_hits_are_marked_in_the_text_and_the_current_one_stands_out() {
    let app = after(sample(120, 40), &[typed("court"), vec![Action::Activate, Action::Next]].concat());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| view::draw(f, &app)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let theme = dossier::view::theme::Theme { no_color: false, ..Default::default() };
    let mut current = 0;
    let mut others = 0;
    let area = buffer.area;
    for y in 0..area.height {
        let row: String = (0..area.width).map(|x| buffer[(x, y)].symbol().to_string()).collect();
        for (i, _) in row.match_indices("court") {
            let x = row[..i].chars().count() as u16;
            let style = buffer[(x, y)].style();
            if style.bg == theme.search_current().bg {
                current += 1;
            } else if style.bg == theme.search_match().bg {
                others += 1;
            }
        }
    }
    assert_eq!((current, others), (1, 3), "the second hit is the current one, the other three are marked");
}

#[test]
fn the_text_after_stepping_to_the_next_hit_narrow() {
    let app = after(
        sample(80, 24),
        &[typed("court"), vec![Action::Activate, Action::Next, Action::Resize { width: 80, height: 24 }]].concat(),
    );
    insta::assert_snapshot!(screen(&app));
}

/// Found on the large corpus: the cursor moved down a tall window, then the
/// window shrank (a resize is no action of the screen's): the cursor's row
/// was drawn below the list, out of sight.
#[test]
fn the_cursor_stays_in_sight_when_the_window_shrinks() {
    let mut app = after(sample(120, 40), &[typed("e"), vec![Action::Move(30)]].concat());
    update(&mut app, Action::Resize { width: 80, height: 24 });
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    terminal.draw(|f| view::draw(f, &app)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let cursor = dossier::view::theme::Theme { no_color: false, ..Default::default() }.cursor(true).bg;
    // The list: inside the frame, under the query line and the rule.
    let rows: Vec<u16> = (3..22).filter(|&y| buffer[(5, y)].style().bg == cursor).collect();
    assert_eq!(rows.len(), 1, "the cursor's row, in sight: {rows:?}");
}
