//! What a newcomer tripped on (issue 15's defects), each checked on the
//! built-in corpus where they were seen, through the same actions the keys
//! send and the screen they draw.

use dossier::data::model::{ClaimIdx, Corpus};
use dossier::state::{Action, App, update};
use dossier::view;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn corpus() -> Corpus {
    dossier::data::load::builtin::load().expect("the built-in corpus loads")
}

fn app(width: u16, height: u16) -> App {
    App::new(corpus(), width, height)
}

fn act(app: &mut App, actions: &[Action]) {
    for a in actions {
        update(app, a.clone());
    }
}

fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.area.width, app.area.height)).unwrap();
    terminal.draw(|f| view::draw(f, app)).unwrap();
    terminal.backend().to_string()
}

/// `f putn` Enter: Putin selected, as a user gets there.
fn find(app: &mut App, query: &str) {
    act(app, &[Action::OpenFinder, Action::InputText(query.into()), Action::Activate]);
}

#[test]
fn the_claims_list_never_names_a_claimant_by_another_entitys_name() {
    let mut app = app(120, 40);
    find(&mut app, "putn");
    let shown = screen(&app);
    assert!(shown.contains("Director of Europe Plu"), "{shown}");
    assert!(!shown.contains("QUO ⇄ Kazakhstan") && !shown.contains("QUO   Kazakhstan"), "{shown}");
    // Every claim of the corpus: its short claimant is its full name, or a
    // word that is no other entity's name or alias.
    let corpus = &app.corpus;
    for i in 0..corpus.claims().len() {
        let c = ClaimIdx::from_index(i);
        let short = app.claimants.short(corpus, c);
        if short == corpus.claimant_name(c) {
            continue;
        }
        let owner = corpus.claim(c).claimant;
        for (k, e) in corpus.entities().iter().enumerate() {
            // The claimant itself (an author who is also an entity: by name).
            if Some(k) != owner.map(|o| o.index()) && e.name != corpus.claimant_name(c) {
                assert!(!e.names().any(|n| n.eq_ignore_ascii_case(&short)), "{short:?} names {}", e.id);
            }
        }
        assert!(!short.chars().next().is_some_and(char::is_lowercase), "{short:?} for {}", corpus.claim(c).id);
    }
}

/// Every cell whose colours are both set shows them different, on the
/// screens with cursor rows (focused and not), the finder's matches on its
/// selected row, the dossier, the overview, the picker and help.
#[test]
fn no_styled_cell_has_its_foreground_equal_to_its_background() {
    use dossier::state::Pane;
    use ratatui::style::Color;
    let cases: Vec<(&str, Vec<Action>)> = vec![
        ("entities focused", vec![Action::Focus(Pane::Entities), Action::Move(2)]),
        (
            "claims focused, entities not",
            vec![Action::Focus(Pane::Entities), Action::Move(2), Action::Focus(Pane::Claims)],
        ),
        ("finder", vec![Action::OpenFinder, Action::InputText("tok".into())]),
        (
            "dossier",
            vec![Action::OpenFinder, Action::InputText("tolegenov".into()), Action::Activate, Action::OpenDossier],
        ),
        ("overview", vec![Action::OpenOverview, Action::Move(3)]),
        ("documents", vec![Action::OpenDocuments]),
        ("help", vec![Action::OpenHelp]),
    ];
    for (width, height) in [(120, 40), (80, 24)] {
        for (what, actions) in &cases {
            let mut app = app(width, height);
            act(&mut app, actions);
            let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
            terminal.draw(|f| view::draw(f, &app)).unwrap();
            let buffer = terminal.backend().buffer();
            for y in 0..height {
                for x in 0..width {
                    let cell = &buffer[(x, y)];
                    if cell.fg != Color::Reset && cell.bg != Color::Reset {
                        assert_ne!(cell.fg, cell.bg, "{what} at {width}x{height}: cell ({x}, {y}) {:?}", cell.symbol());
                    }
                }
            }
        }
    }
}

#[test]
fn the_kind_filter_title_never_cuts_two_kinds_to_one_letter() {
    use dossier::state::Pane;
    for width in [120, 80, 200] {
        let mut app = app(width, 40);
        act(&mut app, &[Action::Focus(Pane::Entities)]);
        let mut seen = Vec::new();
        for _ in 0..app.derived.kinds.len() {
            update(&mut app, Action::CycleKind);
            let shown = screen(&app);
            let title = shown.lines().find(|l| l.contains("Entities ·")).expect("the Entities pane").to_string();
            let kind = app.reader.entity_options.kind.clone().expect("a kind");
            assert!(title.contains(kind.name()) || title.contains(kind.tag()), "{width}: {title}");
            seen.push(kind);
        }
        assert!(seen.len() >= 4, "the built-in corpus has persons, places, organizations, groups...");
    }
}

#[test]
fn sort_and_kind_keys_say_what_they_changed_when_the_entities_pane_is_not_focused() {
    use dossier::state::Pane;
    let mut app = app(80, 24);
    act(&mut app, &[Action::Focus(Pane::Claims), Action::CycleSort]);
    assert_eq!(app.message.as_deref(), Some("Entities pane: every kind, by name"));
    assert!(screen(&app).contains("Entities pane: every kind, by name"));
    act(&mut app, &[Action::Focus(Pane::Text), Action::CycleKind]);
    let first = app.derived.kinds[0].name().to_string();
    assert_eq!(app.message, Some(format!("Entities pane: only {first}, by name")));
    // Focused, the pane's own title says it.
    act(&mut app, &[Action::Focus(Pane::Entities), Action::CycleSort]);
    assert_eq!(app.message, None);
}

/// Help scrolled from top to bottom at `width`x`height`: the text of its
/// rows, each trimmed, joined by spaces.
fn help_read_through(width: u16, height: u16) -> String {
    let mut app = app(width, height);
    act(&mut app, &[Action::OpenHelp]);
    let inner = dossier::state::geometry::inner(dossier::state::geometry::help(app.area));
    let mut rows: Vec<String> = Vec::new();
    let mut last_top = None;
    loop {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|f| view::draw(f, &app)).unwrap();
        let buffer = terminal.backend().buffer();
        let top = match app.screens.top() {
            Some(dossier::state::Screen::Help(h)) => h.top(),
            _ => panic!("help closed"),
        };
        if last_top == Some(top) {
            break;
        }
        // Only the rows this page adds to what was read.
        let skip = last_top.map_or(0, |t| (t + inner.height as usize).saturating_sub(top));
        for y in inner.y + skip as u16..inner.y + inner.height {
            let row: String = (inner.x..inner.x + inner.width).map(|x| buffer[(x, y)].symbol()).collect();
            rows.push(row.trim().to_string());
        }
        last_top = Some(top);
        update(&mut app, Action::Page(1));
    }
    rows.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn help_wraps_to_its_width_scrolls_to_its_end_and_lists_the_claim_kinds() {
    use dossier::state::keymap::{HelpLine, help_lines};
    for (width, height) in [(120, 40), (80, 24), (60, 20)] {
        let read = help_read_through(width, height);
        for line in help_lines() {
            let text = match line {
                HelpLine::Key { help, .. } => help,
                HelpLine::Text(t) => t,
                _ => continue,
            };
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(read.contains(&text), "{width}x{height}: help lost {text:?}");
        }
        for kind in dossier::data::model::ClaimKind::ALL {
            assert!(read.contains(&format!("{} {}:", kind.tag(), kind.name())), "{width}: {kind:?}");
        }
        assert!(read.contains("STA statistic: a number"), "{read}");
    }
}

#[test]
fn enter_on_a_claim_brings_the_whole_claim_into_view_where_it_fits() {
    use dossier::state::Pane;
    for (width, height, putin) in [(120, 40, true), (120, 40, false), (80, 24, false)] {
        let mut app = app(width, height);
        // As the issue found it: `f putn` Enter, then his claims; then every claim.
        if putin {
            find(&mut app, "putn");
        }
        let mut checked = 0;
        for doc in 0..app.corpus.documents().len() {
            act(&mut app, &[Action::GotoDoc(doc), Action::Focus(Pane::Claims), Action::Top]);
            let rows = app.derived.claim_rows.len();
            for i in 0..rows {
                act(
                    &mut app,
                    &[Action::GotoDoc(doc), Action::Focus(Pane::Claims), Action::Top, Action::Move(i as i32)],
                );
                let c = app.view().claims.item.expect("a claim under the cursor");
                act(&mut app, &[Action::Activate]);
                let span = app.corpus.claim(c).span;
                let layout = app.layout().expect("laid out");
                let (first, last) = (layout.line_of(span.start as usize), layout.line_of(span.end as usize - 1));
                let (top, shown) = (app.top_line(), app.text_height());
                if last - first < shown {
                    assert!(
                        first >= top && last < top + shown,
                        "{width}x{height}: {} on lines {first}–{last}, shown {top}–{}",
                        app.corpus.claim(c).id,
                        top + shown - 1
                    );
                } else {
                    assert!(
                        first >= top && first < top + shown / 3 + 1,
                        "{width}x{height}: a long claim's start in the top third"
                    );
                }
                checked += 1;
            }
        }
        assert!(checked >= if putin { 5 } else { 250 }, "{checked} claims");
    }
}

#[test]
fn after_following_a_relation_the_entities_detail_shows_the_selected_entity() {
    // `f tolegenov` Enter, `l l r` Enter: into the interview, Tolegenov still selected.
    let mut app = app(120, 40);
    find(&mut app, "tolegenov");
    act(&mut app, &[Action::FocusRight, Action::FocusRight, Action::FollowRelation, Action::Activate]);
    assert_eq!(app.reader.doc.index(), 1, "followed into the interview");
    let tolegenov = app.corpus.entity_by_id("tolegenov").unwrap();
    assert_eq!(app.reader.entity, Some(tolegenov));
    assert_eq!(app.view().entities.item, Some(tolegenov), "the list's cursor, and so its detail");
    let shown = screen(&app);
    let detail = shown.lines().skip_while(|l| !l.contains("─ detail ─")).nth(1).unwrap_or_default().to_string();
    assert!(detail.contains("Aslan Tolegenov"), "{detail}");
}

#[test]
fn a_resize_keeps_the_selected_mention_in_view() {
    fn shown(app: &App) -> bool {
        let m = app.corpus.mention(app.reader.mention.expect("a mention selected"));
        let line = app.layout().expect("laid out").line_of(m.span.start as usize);
        line >= app.top_line() && line < app.top_line() + app.text_height()
    }
    for name in ["tolegenov", "putin", "kazakhstan"] {
        let mut app = app(120, 40);
        find(&mut app, name);
        for _ in 0..6 {
            act(&mut app, &[Action::Next]);
            assert!(shown(&app));
            for (w, h) in [(60, 12), (120, 40), (80, 24), (200, 60), (61, 13)] {
                act(&mut app, &[Action::Resize { width: w, height: h }]);
                assert!(shown(&app), "{name}: lost at {w}x{h}");
            }
        }
    }
}

#[test]
fn small_slips_counts_read_as_words_and_one_line_rows_have_no_line_break_marks() {
    use dossier::state::Pane;
    // The overview: thousands separators, one space before each `·`.
    let mut overview = app(120, 40);
    act(&mut overview, &[Action::OpenOverview]);
    let shown = screen(&overview);
    let row = shown.lines().find(|l| l.contains(" chars · ")).expect("a document row").to_string();
    assert!(!row.contains("  ·"), "{row}");
    let chars = row.split(" chars").next().unwrap().rsplit(' ').next().unwrap().to_string();
    assert!(chars.contains(','), "{row}: {chars}");
    // A claim across a line break, without a summary: its row reads the break as a space.
    let json = serde_json::json!({
        "format": "dossier/1",
        "documents": [{"id": "d", "title": "D", "text": "The court said so.\nIt ruled on Monday."}],
        "entities": [],
        "claims": [{"id": "c", "document": "d", "span": {"quote": "said so.\nIt ruled"}, "kind": "fact"}]
    });
    let source = dossier::data::load::Source::new("d.json", json.to_string());
    let corpus = dossier::data::load::load_sources(&[source], "d.json").expect("valid");
    let mut one = App::new(corpus, 120, 40);
    act(&mut one, &[Action::Focus(Pane::Claims)]);
    let shown = screen(&one);
    assert!(shown.contains("said so. It ruled") && !shown.contains('␊'), "{shown}");
    // An entity named once says so in the singular.
    let mut app = self::app(120, 40);
    let once = (0..app.corpus.entities().len())
        .map(dossier::data::model::EntityIdx::from_index)
        .find(|&e| app.corpus.mention_count(e) == 1)
        .expect("an entity named once");
    act(&mut app, &[Action::SelectEntity(once), Action::OpenDossier]);
    let shown = screen(&app);
    assert!(shown.contains("· 1 mention in 1 document"), "{shown}");
}

#[test]
fn g_in_the_overview_lands_on_a_row_enter_opens() {
    let mut app = app(120, 40);
    act(&mut app, &[Action::OpenOverview, Action::Bottom, Action::Top]);
    let Some(dossier::state::Screen::Overview(o)) = app.screens.top() else { panic!("no overview") };
    let row = &o.overview.rows[o.shown_row(o.list.cursor)];
    assert!(matches!(row, dossier::query::overview::OverviewRow::Document(_)), "{row:?}");
    act(&mut app, &[Action::Move(1), Action::Activate]);
    assert!(app.screens.is_empty(), "Enter on a document opens it");
    assert_eq!(app.reader.doc.index(), 1);
}

#[test]
fn finder_rows_keep_their_counts_in_one_column_when_an_alias_is_cut() {
    for width in [80, 120] {
        let mut app = app(width, 40);
        act(&mut app, &[Action::OpenFinder, Action::InputText("tok".into())]);
        let shown = screen(&app);
        let rows: Vec<&str> = shown.lines().filter(|l| l.contains(" mention")).collect();
        assert!(rows.iter().any(|r| r.contains("← ") && r.contains('…')), "an alias cut: {shown}");
        // Each row's count ends one cell before the finder's border.
        let end = |r: &str| {
            let at = r.rfind(" doc").expect("a count");
            let after = &r[at + 4..];
            r[..at].chars().count() + 4 + usize::from(after.starts_with('s'))
        };
        let ends: Vec<usize> = rows.iter().map(|r| end(r)).collect();
        assert!(ends.windows(2).all(|w| w[0] == w[1]), "{width}: {ends:?}\n{}", rows.join("\n"));
        for r in &rows {
            assert!(!r.contains("doc│") && !r.contains("docs│"), "{width}: touches the border: {r}");
        }
    }
}

#[test]
fn the_thin_claim_bar_marks_only_claims_about_the_selected_entity() {
    let mut app = app(120, 40);
    let bars = |app: &App| screen(app).lines().filter(|l| l.contains("││▏") || l.starts_with("│▏")).count();
    assert_eq!(bars(&app), 0, "no entity selected: no thin bars");
    find(&mut app, "tolegenov");
    assert!(bars(&app) > 0, "his claims' lines are marked");
    let t = app.corpus.entity_by_id("tolegenov").unwrap();
    let about: Vec<_> =
        app.corpus.doc_claims(app.reader.doc).iter().filter(|&&c| app.corpus.claim(c).about.contains(&t)).collect();
    assert!(!about.is_empty());
}
