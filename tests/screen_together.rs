//! Snapshots of issue 13's §3 and §4 on the sample corpus, at 120x40 and
//! 80x24: the dossier's entities named with it, the Claims pane narrowed
//! by its filters (title, and what an empty list says), and the status line
//! with pins.

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

fn act(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
    }
}

/// Tolegenov's dossier: the KNB, Kazakhstan, Kostanay... named with him.
fn dossier(width: u16, height: u16) -> App {
    let mut app = sample(width, height);
    let t = app.corpus.entity_by_id("tolegenov").unwrap();
    act(&mut app, &[Action::SelectEntity(t), Action::OpenDossier]);
    app
}

#[test]
fn dossier_named_with_wide() {
    let app = dossier(120, 40);
    let shown = screen(&app);
    assert!(shown.contains("Named with it · 9"), "{shown}");
    assert!(shown.contains("National Security Committee") && shown.contains("1 paragraph · 2 documents"));
    insta::assert_snapshot!(shown);
}

#[test]
fn dossier_named_with_narrow() {
    let mut app = dossier(80, 24);
    // The first row named with him, pinned: the row says so.
    act(&mut app, &[Action::Top, Action::Move(1), Action::TogglePin]);
    let shown = screen(&app);
    assert!(shown.contains("(pinned)"), "{shown}");
    insta::assert_snapshot!(shown);
}

/// All documents' claims, only the facts, only those with relations.
fn filtered(width: u16, height: u16) -> App {
    let mut app = sample(width, height);
    act(&mut app, &[Action::Focus(Pane::Claims), Action::ToggleScope, Action::CycleKind, Action::CycleRelated]);
    app
}

#[test]
fn claims_filtered_wide() {
    let app = filtered(120, 40);
    let shown = screen(&app);
    assert!(shown.contains("Claims · fact · related only ·"), "{shown}");
    assert!(shown.contains("└ fact · related only ─"), "the title is cut: the filters along the bottom too: {shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn claims_filtered_narrow() {
    let app = filtered(80, 24);
    let shown = screen(&app);
    assert!(shown.contains("Claims · fact · related o"), "{shown}");
    assert!(shown.contains("└ fact · related only ─"), "{shown}");
    insta::assert_snapshot!(shown);
}

/// Claims by the report's author that are contradicted, in this document:
/// none; the pane says so and how to widen it.
fn empty(width: u16, height: u16) -> App {
    let mut app = sample(width, height);
    act(&mut app, &[Action::Focus(Pane::Claims), Action::Top]);
    let by_author = app.derived.claim_rows.iter().position(|&c| app.corpus.claim(c).claimant.is_none()).unwrap();
    act(&mut app, &[Action::Move(by_author as i32), Action::FilterClaimant]);
    // Cycle to contradicted only, then to a kind the author has none of.
    act(&mut app, &[Action::CycleRelated, Action::CycleRelated]);
    while !app.derived.claim_rows.is_empty() {
        update(&mut app, Action::CycleKind);
    }
    assert!(app.reader.claim_filter.kind.is_some(), "some kind leaves nothing");
    app
}

#[test]
fn claims_empty_says_how_to_widen_wide() {
    let app = empty(120, 40);
    let shown = screen(&app);
    assert!(shown.contains("C clears the filters"), "{shown}");
    assert!(shown.contains("s shows all documents"), "{shown}");
    assert!(shown.contains("by A. Writer"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn claims_empty_says_how_to_widen_narrow() {
    let mut app = empty(80, 24);
    let shown = screen(&app);
    assert!(shown.contains("C clears the filters"), "{shown}");
    insta::assert_snapshot!(shown);
    update(&mut app, Action::ClearClaimFilters);
    assert!(!screen(&app).contains("C clears the filters"));
}

/// Tolegenov and Kostanay pinned: only the report names both.
fn pinned(width: u16, height: u16) -> App {
    let mut app = sample(width, height);
    let t = app.corpus.entity_by_id("tolegenov").unwrap();
    let k = app.corpus.entity_by_id("kostanay").unwrap();
    act(
        &mut app,
        &[
            Action::SelectEntity(t),
            Action::TogglePin,
            Action::SelectEntity(k),
            Action::TogglePin,
            Action::Back,
            Action::Focus(Pane::Entities),
            Action::ToggleScope,
        ],
    );
    app
}

#[test]
fn pins_in_the_status_line_wide() {
    let app = pinned(120, 40);
    let shown = screen(&app);
    assert!(shown.contains("pinned: Aslan Tolegenov, Kostanay · 1 doc — p unpins, Esc clears"), "{shown}");
    assert!(shown.contains("Entities · pinned docs"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn pins_in_the_status_line_narrow() {
    let app = pinned(80, 24);
    let shown = screen(&app);
    assert!(shown.contains("pinned: Aslan Tolegenov, Kostanay"), "{shown}");
    insta::assert_snapshot!(shown);
}

#[test]
fn pins_give_their_keys_up_before_the_mention_is_cut() {
    // The text focused on a mention of a pinned entity: the status line
    // says where the mention is; what does not fit is cut with `…`, the
    // pins' keys left out first.
    let mut app = sample(80, 24);
    let t = app.corpus.entity_by_id("tolegenov").unwrap();
    act(&mut app, &[Action::SelectEntity(t), Action::TogglePin, Action::Focus(Pane::Text), Action::Next]);
    let shown = screen(&app);
    let status = shown.lines().last().expect("the status line").to_string();
    assert!(
        status.contains("pinned: Aslan Tolegenov · 2 docs") && status.contains("mention") && status.ends_with("…\""),
        "{status}"
    );
    assert!(!status.contains("unpins"), "{status}");
    insta::assert_snapshot!(status);
}
