//! What fuzzing does with one input, shared by the cargo-fuzz targets
//! (fuzz/fuzz_targets/) and their replay in tests/fuzz_loader.rs:
//! - [`exercise`]: the bytes as a corpus file must load or be refused, never
//!   panic, and a corpus that loads must render and take the keys a user presses;
//! - [`exercise_generated`]: the bytes choose a *valid* corpus — nested and
//!   overlapping mentions, one span for several entities, stacked claims,
//!   relations across documents, hostile characters — which must load, and
//!   every command for scripts must run on it and succeed, with JSON that
//!   parses; then the explorer takes a sequence of actions the bytes choose.

#![allow(dead_code)]

use dossier::cli::{Command, run_on};
use dossier::data::load::{Source, decode, load_sources};
use dossier::data::model::Corpus;
use dossier::state::{Action, App, MouseKind, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::{Value, json};

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
        terminal.draw(|f| dossier::view::draw(f, &app)).unwrap();
    }
}

/// The fuzzer's bytes as a source of choices; zeros once they run out.
struct Choices<'a>(&'a [u8]);

impl Choices<'_> {
    fn byte(&mut self) -> u8 {
        match self.0.split_first() {
            Some((&b, rest)) => {
                self.0 = rest;
                b
            }
            None => 0,
        }
    }

    /// A number below `n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        let x = (self.byte() as usize) << 8 | self.byte() as usize;
        x % n
    }

    fn chance(&mut self, in_256: u8) -> bool {
        self.byte() < in_256
    }

    fn pick<'t, T>(&mut self, items: &'t [T]) -> &'t T {
        &items[self.below(items.len())]
    }
}

/// What texts and names are made of: scripts, wide and combining
/// characters, emoji, and the characters a sanitizer must catch.
const PIECES: &[&str] = &[
    "a",
    "b",
    "Tol",
    "egenov",
    " ",
    " ",
    ".",
    ", ",
    "\n",
    "\t",
    "Ж",
    "ё",
    "Қазақ",
    "日本",
    "【",
    "】",
    "e\u{301}",
    "🇰🇿",
    "👩\u{200d}👩\u{200d}👧",
    "\u{1b}[2J",
    "\u{1b}]0;T\u{7}",
    "\u{9b}",
    "\u{202e}",
    "\u{200b}",
    "\u{2028}",
    "\u{ad}",
    "\u{e0041}",
    "\u{fe0f}",
    "\u{200d}",
    "\u{0}",
    "\r",
    "\"",
    "\\",
    "مرحبا",
];

fn text(c: &mut Choices, max: usize) -> String {
    // Starts with a letter: a valid corpus has no blank texts or names.
    let mut s = String::from(*c.pick(&["A", "Б", "名", "x"]));
    for _ in 0..c.below(max) {
        s.push_str(c.pick::<&str>(PIECES));
    }
    s
}

/// A valid corpus chosen by the bytes, as JSON.
fn corpus_json(c: &mut Choices) -> Value {
    let docs: Vec<String> = (0..1 + c.below(3)).map(|_| text(c, 40)).collect();
    let lengths: Vec<usize> = docs.iter().map(|t| t.chars().count()).collect();
    let slice =
        |d: usize, start: usize, end: usize| -> String { docs[d].chars().skip(start).take(end - start).collect() };
    // A span: offsets within the document, perhaps with the quote they hold.
    let span = |c: &mut Choices, d: usize| -> Value {
        let n = lengths[d];
        let start = c.below(n);
        let end = start + 1 + c.below(n - start);
        if c.chance(128) {
            json!({"start": start, "end": end, "quote": slice(d, start, end)})
        } else {
            json!({"start": start, "end": end})
        }
    };
    let documents: Vec<Value> = docs
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut d = json!({"id": format!("d{i}"), "text": t});
            if c.chance(100) {
                d["title"] = json!(text(c, 6));
            }
            if c.chance(60) {
                d["authors"] = json!([text(c, 3), {"name": text(c, 3), "role": "interviewee"}]);
            }
            if c.chance(60) {
                d["published"] = json!(*c.pick(&["2024", "2024-02", "2024-02-29", "1999-12-31"]));
            }
            d
        })
        .collect();
    let kinds = ["person", "organization", "place", "group", "event", "law", "work", "other", "custom kind"];
    let n_entities = 1 + c.below(5);
    let entities: Vec<Value> = (0..n_entities)
        .map(|i| {
            let mut mentions: Vec<Value> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for _ in 0..c.below(7) {
                let d = c.below(docs.len());
                let s = span(c, d);
                // The same span twice for one entity is an error; for two entities it is not.
                if seen.insert((d, s["start"].as_u64(), s["end"].as_u64())) {
                    let mut m = json!({"document": format!("d{d}")});
                    for (k, v) in s.as_object().unwrap() {
                        m[k] = v.clone();
                    }
                    mentions.push(m);
                }
            }
            let aliases: Vec<String> = (0..c.below(3)).map(|_| text(c, 4)).collect();
            json!({
                "id": format!("e{i}"), "name": text(c, 5), "kind": *c.pick(&kinds),
                "aliases": aliases, "description": text(c, 8), "mentions": mentions,
            })
        })
        .collect();
    let claim_kinds = ["fact", "statistic", "quote", "opinion", "allegation", "prediction"];
    let relation_kinds = ["supports", "contradicts", "elaborates"];
    let n_claims = c.below(6);
    let mut related = std::collections::HashSet::new();
    let claims: Vec<Value> = (0..n_claims)
        .map(|i| {
            let d = c.below(docs.len());
            let mut claim = json!({
                "id": format!("c{i}"), "document": format!("d{d}"), "span": span(c, d),
                "kind": *c.pick(&claim_kinds),
                "about": (0..c.below(3)).map(|_| format!("e{}", c.below(n_entities))).collect::<Vec<_>>(),
            });
            if c.chance(150) {
                claim["claimant"] = json!(format!("e{}", c.below(n_entities)));
            }
            if c.chance(80) {
                claim["summary"] = json!(text(c, 5));
            }
            // Relations to earlier claims, one per pair of claims.
            let mut relations = Vec::new();
            for _ in 0..c.below(3) {
                if i == 0 {
                    break;
                }
                let other = c.below(i);
                if related.insert((other, i)) {
                    relations.push(json!({
                        "claim": format!("c{other}"), "relation": *c.pick(&relation_kinds), "note": text(c, 3)}));
                }
            }
            claim["relations"] = json!(relations);
            claim
        })
        .collect();
    json!({"format": "dossier/1", "documents": documents, "entities": entities, "claims": claims})
}

/// Runs a command on the corpus: it must succeed, and its JSON must parse.
fn command(corpus: &Corpus, command: Command, json: bool) {
    let what = format!("{command:?}");
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_on(corpus, command, &mut out, &mut err).expect("writing to memory");
    assert_eq!(code, 0, "{what}: {}", String::from_utf8_lossy(&err));
    if json {
        serde_json::from_slice::<Value>(&out).unwrap_or_else(|e| panic!("{what}: not JSON ({e})"));
    }
}

pub fn exercise_generated(data: &[u8]) {
    let mut c = Choices(data);
    let json = corpus_json(&mut c).to_string();
    let corpus = match load_sources(&[Source::new("generated.json", json.clone())], "generated.json") {
        Ok(corpus) => corpus,
        Err(failure) => panic!("a valid corpus was refused:\n{failure}\n{json}"),
    };
    for e in corpus.entities() {
        for json in [false, true] {
            command(&corpus, Command::Entity { name: e.id.clone(), paths: vec![], json, markdown: false }, json);
            let claims = Command::Claims { paths: vec![], json, entity: Some(e.id.clone()), doc: None };
            command(&corpus, claims, json);
        }
    }
    for e in corpus.entities() {
        let report = Command::Entity { name: e.id.clone(), paths: vec![], json: false, markdown: true };
        command(&corpus, report, false);
    }
    for d in 1..=corpus.documents().len() {
        let claims = Command::Claims { paths: vec![], json: true, entity: None, doc: Some(d.to_string()) };
        command(&corpus, claims, true);
        let entities = Command::Entities { paths: vec![], json: false, kind: None, doc: Some(d.to_string()) };
        command(&corpus, entities, false);
    }
    for json in [false, true] {
        command(&corpus, Command::Documents { paths: vec![], json }, json);
        let kind = Some(corpus.entity(dossier::data::model::EntityIdx(0)).kind.name().to_string());
        command(&corpus, Command::Entities { paths: vec![], json, kind, doc: None }, json);
        let query: String = (0..c.below(4)).map(|_| *c.pick(PIECES)).collect();
        let find = Command::Find { query, paths: vec![], limit: 1 + c.below(5), json, timings: false };
        command(&corpus, find, json);
    }
    command(&corpus, Command::Check { paths: vec![], timings: false, json: false }, false);

    // The explorer, driven by the rest of the bytes.
    // Small screens: drawing is most of the work, and the narrow layouts are the ones that break.
    let (width, height) = (60 + c.below(60) as u16, 12 + c.below(20) as u16);
    let mut app = App::new(corpus, width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    for _ in 0..24 {
        let action = match c.below(24) {
            0 => Action::Move(c.below(7) as i32 - 3),
            1 => Action::Page(1),
            2 => Action::Bottom,
            3 => Action::Top,
            4 => Action::FocusNext,
            5 => Action::Activate,
            6 => Action::Next,
            7 => Action::Prev,
            8 => Action::NextDoc,
            9 => Action::OpenFinder,
            10 => Action::Input(c.pick(PIECES).chars().next().unwrap_or('a')),
            11 => Action::Back,
            12 => Action::FollowRelation,
            13 => Action::OpenCompare,
            14 => Action::OpenDossier,
            15 => Action::OpenOverview,
            16 => Action::JumpBack,
            17 => Action::JumpForward,
            18 => Action::ToggleScope,
            19 => Action::CycleKind,
            20 => Action::StartSearch,
            21 => Action::DeleteWord,
            22 => Action::Mouse {
                kind: *c.pick(&[MouseKind::Click, MouseKind::ScrollDown, MouseKind::ScrollUp]),
                column: c.below(width as usize) as u16,
                row: c.below(height as usize) as u16,
            },
            _ => Action::HalfPage(1),
        };
        update(&mut app, action);
        terminal.draw(|f| dossier::view::draw(f, &app)).unwrap();
    }
    // The corpus-wide search (chosen after the rest, so what the bytes
    // chose before stays as it was): exit 1 when nothing matches, as grep
    // does, 2 for a regex it cannot take or a line break it cannot match.
    let pattern: String = (0..1 + c.below(3)).map(|_| *c.pick(PIECES)).collect();
    for (json, regex) in [(false, false), (true, false), (true, true)] {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let search = Command::Search { pattern: pattern.clone(), paths: vec![], regex, json };
        let code = run_on(&app.corpus, search, &mut out, &mut err).expect("writing to memory");
        let refused = code == 2 && (regex || pattern.contains('\n'));
        assert!(code == 0 || code == 1 || refused, "search {pattern:?}: {}", String::from_utf8_lossy(&err));
        if json && !refused {
            serde_json::from_slice::<Value>(&out).unwrap_or_else(|e| panic!("search {pattern:?}: not JSON ({e})"));
        }
    }
    // In the explorer, over what the actions left: a hit, stepped through.
    update(&mut app, Action::Back);
    update(&mut app, Action::Back);
    if app.mode() == dossier::state::Mode::Normal {
        update(&mut app, Action::OpenCorpusSearch);
        update(&mut app, Action::InputText(pattern));
        while app.busy() {
            update(&mut app, Action::Tick);
        }
        for action in [Action::Move(1), Action::Activate, Action::Next, Action::Prev, Action::JumpBack] {
            update(&mut app, action);
            terminal.draw(|f| dossier::view::draw(f, &app)).unwrap();
        }
    }
}

/// The bytes as a file of another tool's format, the first byte choosing
/// which (and, for brat, the second where the `.txt` ends and the `.ann`
/// begins): reading must import it or refuse it with problems, never
/// panic, and what imports must render and take keys.
pub fn exercise_import(data: &[u8]) {
    use dossier::data::import::Format;
    use dossier::data::load::{LoadOptions, load_sources_as};
    let Some((&choice, rest)) = data.split_first() else { return };
    let format = Format::ALL[choice as usize % Format::ALL.len()];
    let name = match format {
        Format::Brat => "f.ann",
        Format::Conll => "f.conll",
        Format::WebannoTsv => "f.tsv",
        Format::Doccano | Format::Prodigy => "f.jsonl",
        _ => "f.json",
    };
    let sources = if format == Format::Brat {
        let cut = rest.first().map_or(0, |&b| b as usize * rest.len() / 256).min(rest.len());
        let (txt, ann) = rest.split_at(cut);
        vec![
            Source::new("f.ann", String::from_utf8_lossy(ann).into_owned()),
            Source::new("f.txt", String::from_utf8_lossy(txt).into_owned()),
        ]
    } else {
        vec![Source::new(name, String::from_utf8_lossy(rest).into_owned())]
    };
    let options = LoadOptions { from: Some(format), ..LoadOptions::default() };
    let Ok(corpus) = load_sources_as(sources, &options, name) else { return };
    let mut app = App::new(corpus, 80, 24);
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    for action in
        [Action::Bottom, Action::Next, Action::FocusNext, Action::Activate, Action::Resize { width: 50, height: 10 }]
    {
        update(&mut app, action);
        terminal.draw(|f| dossier::view::draw(f, &app)).unwrap();
    }
}
