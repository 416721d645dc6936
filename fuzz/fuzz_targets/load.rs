//! Arbitrary bytes as a corpus file: loading must return a corpus or
//! problems, never panic; a corpus that loads must render and survive the
//! keys a user presses.
#![no_main]

use dossier::app::{Action, App, update};
use dossier::load::{decode, load_sources};
use libfuzzer_sys::fuzz_target;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = decode("fuzz.json", data.to_vec()) else { return };
    let Ok(corpus) = load_sources(&[source], "fuzz.json") else { return };
    let mut app = App::new(corpus, 80, 24);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let actions = [
        Action::Bottom,
        Action::OpenFinder,
        Action::Input('a'),
        Action::Activate,
        Action::Next,
        Action::FocusNext,
        Action::Activate,
        Action::FollowRelation,
        Action::Activate,
        Action::Resize { width: 61, height: 12 },
        Action::NextDoc,
    ];
    for action in actions {
        update(&mut app, action);
        terminal.draw(|f| dossier::ui::draw(f, &app)).unwrap();
    }
});
