//! Snapshots of the finder's rows from each tier (issue 14): an exact
//! name, a subsequence, a name typed in another script or spelling
//! (`translit.`) and one with a typo (`≈`), through a name and through an
//! alias — on the sample corpus, at 120x40 and 80x24.

use dossier::query::finder::Tier;
use dossier::state::{Action, App, Screen, update};
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

/// The finder open over the sample at this size with `query` typed; the
/// first hit's entity and tier.
fn finder(width: u16, height: u16, query: &str) -> (App, String, Tier) {
    let mut app = sample(width, height);
    update(&mut app, Action::OpenFinder);
    for c in query.chars() {
        update(&mut app, Action::Input(c));
    }
    let Some(Screen::Finder(f)) = app.screens.top() else { panic!("the finder is not open") };
    assert!(f.ranking.is_done());
    let first = f.hits().first().expect("a hit");
    let (id, tier) = (app.corpus.entity(first.entity).id.clone(), first.tier);
    (app, id, tier)
}

#[test]
fn exact_name_unmarked_wide() {
    let (app, id, tier) = finder(120, 40, "almaty");
    assert_eq!((id.as_str(), tier), ("almaty", Tier::Exact));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn subsequence_unmarked_narrow() {
    let (app, id, tier) = finder(80, 24, "nsc");
    assert_eq!((id.as_str(), tier), ("knb", Tier::Subsequence));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn cyrillic_query_for_a_latin_name_wide() {
    let (app, id, tier) = finder(120, 40, "Костанай");
    assert_eq!((id.as_str(), tier), ("kostanay", Tier::Folded));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn cyrillic_query_for_a_latin_name_narrow() {
    let (app, id, tier) = finder(80, 24, "Костанай");
    assert_eq!((id.as_str(), tier), ("kostanay", Tier::Folded));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn another_transliteration_through_an_alias_narrow() {
    let (app, id, tier) = finder(80, 24, "yuritsin");
    assert_eq!((id.as_str(), tier), ("yuritsyn", Tier::Folded));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn typo_through_an_alias_wide() {
    let (app, id, tier) = finder(120, 40, "tolegnov");
    assert_eq!((id.as_str(), tier), ("tolegenov", Tier::Typo));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn typo_through_an_alias_narrow() {
    let (app, id, tier) = finder(80, 24, "tolegnov");
    assert_eq!((id.as_str(), tier), ("tolegenov", Tier::Typo));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn typo_in_a_name_wide() {
    let (app, id, tier) = finder(120, 40, "Kazakstan");
    assert_eq!((id.as_str(), tier), ("kazakhstan", Tier::Typo));
    insta::assert_snapshot!(screen(&app));
}

#[test]
fn nothing_forgiven_says_so_narrow() {
    let mut app = sample(80, 24);
    update(&mut app, Action::OpenFinder);
    for c in "zqxwv".chars() {
        update(&mut app, Action::Input(c));
    }
    let Some(Screen::Finder(f)) = app.screens.top() else { panic!("the finder is not open") };
    assert!(f.hits().is_empty());
    let s = screen(&app);
    assert!(s.contains("no entity matches"), "{s}");
}
