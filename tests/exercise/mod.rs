//! What the loader's fuzzing does with one input, shared by the cargo-fuzz
//! target (fuzz/fuzz_targets/load.rs) and its replay in tests/fuzz_loader.rs:
//! the bytes must load or be refused, never panic, and a corpus that loads
//! must render and take the keys a user presses.

use dossier::app::{Action, App, update};
use dossier::load::{decode, load_sources};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

pub fn exercise(data: &[u8]) {
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
}
