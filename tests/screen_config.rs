//! The config file as the explorer takes it (issue 15): a rebound key does
//! its action and help shows it, the Entities pane starts in the order and
//! scope asked for, and the cursor styles and the light palette keep every
//! cell legible (no cell's text in its own background's colour).

use dossier::config::{Config, parse};
use dossier::state::keymap::{HelpLine, help_lines};
use dossier::state::look::{CursorStyle, Palette};
use dossier::state::{Action, App, Key, Mode, Pane, Screen, action_for, rebind, update};
use dossier::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

mod sample;
use sample::sample_app;

fn configured(text: &str, width: u16, height: u16) -> App {
    let mut app = sample_app(width, height);
    parse("config.toml", text).expect("a good config").apply(&mut app);
    app
}

fn drawn(app: &App) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal.backend().buffer().clone()
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal.backend().to_string()
}

/// Presses a key as the terminal would: through the keymap.
fn press(app: &mut App, key: Key) {
    let action = action_for(app.mode(), &key).unwrap_or_else(|| panic!("{key} does nothing in {:?}", app.mode()));
    update(app, action);
}

const REBOUND: &str = "[keys]\nfinder = [\"e\", \"Ctrl-e\"]\ndossier = \"D\"\ndocuments = \"Alt-d\"\n";

#[test]
fn a_rebound_key_does_its_action_and_the_old_key_no_longer_does() {
    let mut app = configured(REBOUND, 120, 40);
    assert_eq!(action_for(Mode::Normal, &Key::char('f')), None);
    press(&mut app, Key::char('e'));
    assert!(matches!(app.screens.top(), Some(Screen::Finder(_))), "e opens the finder");
    update(&mut app, Action::Back);
    press(&mut app, Key::ctrl('e'));
    assert!(matches!(app.screens.top(), Some(Screen::Finder(_))));
    update(&mut app, Action::Back);
    // D was the document picker's; now it is the dossier's, and the picker has Alt-d.
    assert_eq!(action_for(Mode::Normal, &Key::char('D')), Some(Action::OpenDossier));
    let alt_d: Key = "Alt-d".parse().unwrap();
    assert_eq!(action_for(Mode::Normal, &alt_d), Some(Action::OpenDocuments));
    // Keys of other screens are as they were: typing e in the finder types it.
    assert_eq!(action_for(Mode::Finder, &Key::char('e')), Some(Action::Input('e')));
    rebind::clear();
}

#[test]
fn help_shows_the_rebound_keys() {
    let _app = configured(REBOUND, 120, 40);
    let lines = help_lines();
    let label = |help: &str| {
        lines.iter().find_map(|l| match l {
            HelpLine::Key { label, help: h } if *h == help => Some(label.clone()),
            _ => None,
        })
    };
    assert_eq!(label("find an entity by name or alias").as_deref(), Some("e Ctrl-e"));
    assert_eq!(label("the entity's dossier: every mention and claim").as_deref(), Some("D"));
    // The finder's own Ctrl-d (its dossier key) is the finder's, not rebound.
    assert_eq!(label("its dossier: every mention and claim").as_deref(), Some("Ctrl-d"));
    for (width, height) in [(120, 40), (80, 24)] {
        let mut app = configured(REBOUND, width, height);
        update(&mut app, Action::OpenHelp);
        update(&mut app, Action::StartSearch);
        for c in "entity by name".chars() {
            update(&mut app, Action::Input(c));
        }
        update(&mut app, Action::Activate);
        let shown = screen(&app);
        assert!(shown.contains("e Ctrl-e"), "{shown}");
        insta::assert_snapshot!(format!("help_rebound_{width}x{height}"), shown);
    }
    rebind::clear();
}

#[test]
fn the_entities_pane_starts_in_the_order_and_scope_asked_for() {
    let app = configured("[entities]\nsort = \"name\"\nscope = \"corpus\"\n", 120, 40);
    let names: Vec<&str> = app.derived.entity_rows.iter().map(|r| app.corpus.entity(r.entity).name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(names, sorted, "by name");
    assert_eq!(app.derived.entity_rows.len(), app.corpus.entities().len(), "every document's entities");
    insta::assert_snapshot!("entities_by_name_in_the_corpus", screen(&app));
}

/// Cells whose text is drawn in its own background's colour.
fn illegible(buffer: &Buffer) -> Vec<(u16, u16, String)> {
    let mut found = Vec::new();
    for y in 0..buffer.area.height {
        for x in 0..buffer.area.width {
            let cell = &buffer[(x, y)];
            if cell.symbol().trim().is_empty() {
                continue;
            }
            if cell.fg == cell.bg && cell.fg != Color::Reset {
                found.push((x, y, format!("{:?} on {:?}: {}", cell.fg, cell.bg, cell.symbol())));
            }
        }
    }
    found
}

#[test]
fn the_cursor_styles_keep_every_cell_legible_in_both_palettes() {
    for theme in ["dark", "light"] {
        for cursor in ["bar", "reverse", "underline"] {
            for focus in [Pane::Entities, Pane::Claims] {
                let text = format!("theme = \"{theme}\"\ncursor = \"{cursor}\"\n");
                let mut app = configured(&text, 120, 40);
                let e = app.corpus.entity_by_id("tolegenov").unwrap();
                update(&mut app, Action::SelectEntity(e));
                update(&mut app, Action::Focus(focus));
                let buffer = drawn(&app);
                assert_eq!(illegible(&buffer), Vec::new(), "{theme}, {cursor}, {focus:?}");
            }
        }
    }
}

#[test]
fn underline_keeps_the_cursor_rows_colours_and_light_darkens_them() {
    let mut app = configured("cursor = \"underline\"\n", 120, 40);
    update(&mut app, Action::Focus(Pane::Entities));
    let buffer = drawn(&app);
    let row = (0..buffer.area.height)
        .find(|&y| (0..40).any(|x| buffer[(x, y)].modifier.contains(Modifier::UNDERLINED | Modifier::BOLD)))
        .expect("an underlined cursor row");
    assert!((0..40).all(|x| buffer[(x, row)].bg == Color::Reset), "no bar behind the row");

    let app = configured("theme = \"light\"\n", 120, 40);
    assert_eq!(app.settings.palette, Palette::Light);
    assert_eq!(app.settings.cursor, CursorStyle::Bar);
    let buffer = drawn(&app);
    let named = |c: Color| !matches!(c, Color::Reset | Color::Indexed(_) | Color::Rgb(..));
    assert!(buffer.content.iter().all(|c| !named(c.fg) && !named(c.bg)), "every colour is the light palette's");
    assert!(buffer.content.iter().any(|c| matches!(c.fg, Color::Indexed(_))));
    // No colour at all: the config's "none" as NO_COLOR.
    let app = configured("theme = \"none\"\n", 120, 40);
    let buffer = drawn(&app);
    assert!(buffer.content.iter().all(|c| c.fg == Color::Reset && c.bg == Color::Reset));
}

#[test]
fn the_defaults_change_nothing() {
    let app = configured(&dossier::config::defaults_text(), 120, 40);
    assert_eq!(screen(&app), screen(&sample_app(120, 40)));
    assert_eq!(parse("c", &dossier::config::defaults_text()).unwrap(), Config::default());
}

#[test]
fn the_entities_list_starts_at_its_top_in_the_order_asked_for() {
    // The built-in corpus: more entities than the pane shows.
    let mut app = App::new(dossier::data::load::builtin::load().unwrap(), 120, 40);
    parse("config.toml", "[entities]\nsort = \"name\"\nscope = \"corpus\"\n").unwrap().apply(&mut app);
    let first = app.derived.entity_rows[0].entity;
    let shown = screen(&app);
    let row = shown.lines().nth(2).unwrap();
    assert!(row.contains(&app.corpus.entity(first).name[..5]), "the first by name on the first row: {row}");
}
