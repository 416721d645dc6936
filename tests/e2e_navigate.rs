//! Finding one's way through ten thousand documents, driven through the
//! real binary in a pseudo-terminal: the document picker, the corpus-wide
//! search stepping from one document into another, and back with Ctrl-o.

mod pty;

use std::fmt::Write as _;
use std::path::PathBuf;

use pty::Session;

const PLACES: &[&str] = &["Kostanay", "Almaty", "Astana", "Pavlodar", "Oskemen", "Shymkent", "Aktobe", "Semey"];
const PEOPLE: &[&str] = &["Aslan Tolegenov", "Dana Serikova", "Ivan Petrov", "Aigerim Nurlanova", "Oleg Sidorov"];
const TOPICS: &[&str] = &["grain harvest", "border trade", "rail freight", "school reform", "water tariffs"];

fn quoted(s: &str) -> String {
    serde_json::to_string(s).expect("a string")
}

/// A corpus of 10,000 short documents, each naming a place and a person,
/// with titles of their own; the rare word "saxaul" appears in documents
/// 5,000 and 7,321 only, and document 5,000 alone has "Ishim bridge" in its title.
fn many_documents() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-e2e-navigate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join("many.json");
    let mut docs = String::new();
    let mut mentions: Vec<Vec<String>> = vec![Vec::new(); PLACES.len() + PEOPLE.len()];
    for n in 1..=10_000usize {
        let place = n % PLACES.len();
        let person = (n / PLACES.len()) % PEOPLE.len();
        let topic = TOPICS[n % TOPICS.len()];
        let title = if n == 5_000 {
            "Flood closes the Ishim bridge".to_string()
        } else {
            format!("{} in {}, report {n}", capitalised(topic), PLACES[place])
        };
        let mut text = format!("{} spoke about the {topic} in {}.", PEOPLE[person], PLACES[place]);
        let person_at = (0, PEOPLE[person].chars().count());
        let place_start = text.chars().count() - PLACES[place].chars().count() - 1;
        let place_at = (place_start, place_start + PLACES[place].chars().count());
        if n == 5_000 || n == 7_321 {
            text.push_str(" Volunteers planted saxaul along the road.");
        }
        text.push_str(" The regional office said more would follow next month.");
        if n > 1 {
            docs.push(',');
        }
        let id = format!("doc-{n:05}");
        write!(
            docs,
            "{{\"id\":{},\"title\":{},\"text\":{},\"published\":\"2025-{:02}-{:02}\"}}",
            quoted(&id),
            quoted(&title),
            quoted(&text),
            1 + n % 12,
            1 + n % 28
        )
        .unwrap();
        mentions[place].push(format!(
            "{{\"document\":{},\"start\":{},\"end\":{}}}",
            quoted(&id),
            place_at.0,
            place_at.1
        ));
        mentions[PLACES.len() + person].push(format!(
            "{{\"document\":{},\"start\":{},\"end\":{}}}",
            quoted(&id),
            person_at.0,
            person_at.1
        ));
    }
    let mut entities = String::new();
    for (i, name) in PLACES.iter().chain(PEOPLE).enumerate() {
        if i > 0 {
            entities.push(',');
        }
        let kind = if i < PLACES.len() { "place" } else { "person" };
        write!(
            entities,
            "{{\"id\":\"e{i}\",\"name\":{},\"kind\":\"{kind}\",\"mentions\":[{}]}}",
            quoted(name),
            mentions[i].join(",")
        )
        .unwrap();
    }
    let json = format!("{{\"format\":\"dossier/1\",\"documents\":[{docs}],\"entities\":[{entities}]}}");
    std::fs::write(&path, json).expect("the corpus written");
    path
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[test]
fn ten_thousand_documents_picker_search_across_documents_and_back() {
    let corpus = many_documents();
    let mut s = Session::start(&[corpus.to_str().unwrap()], 120, 40);
    s.wait_for("Border trade in Almaty, report 1");
    // The picker: a fragment of a title, and Enter opens that document.
    s.send("D");
    s.wait_for("Documents · 10,000 of 10,000");
    s.send("ishim bri");
    s.wait_for("Documents · 1 of 10,000");
    s.wait_for("5000  Flood closes the Ishim bridge");
    s.send("\r");
    s.wait_for("Text · Flood closes the Ishim bridge");
    s.wait_for("5,000 of 10,000");
    // Back to the first document by number, then a search of every document.
    s.send("1\r");
    s.wait_for("Text · Border trade in Almaty, report 1");
    s.send("F");
    s.wait_for("Search every document");
    s.send("saxaul");
    s.wait_for("2 hits in 2 documents");
    s.send("\r");
    s.wait_for("Text · Flood closes the Ishim bridge");
    s.wait_for("hit 1 of 2");
    // n steps into the other document; Ctrl-o goes back where it left from.
    s.send("n");
    s.wait_for("Text · Border trade in Almaty, report 7321");
    s.wait_for("hit 2 of 2");
    s.send("\u{f}");
    s.wait_for("Text · Flood closes the Ishim bridge");
    s.send("\u{f}");
    s.wait_for("Text · Border trade in Almaty, report 1");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    s.assert_restored();
    let _ = std::fs::remove_dir_all(corpus.parent().unwrap());
}
