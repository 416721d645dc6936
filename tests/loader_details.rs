//! A mention's details in dossier/1 (docs/format.md, "Mention details and
//! relations"): fragments, ids, label, attributes, references, notes and
//! relations to other mentions read exactly, every problem with them
//! reported in its place, and no input about them makes the loader panic.

use std::path::PathBuf;

use dossier::data::load::{Source, load_paths, load_sources};
use dossier::data::model::{Attribute, Corpus, MentionIdx, Note, Reference, Span};

const DIR: &str = "tests/fixtures/details";

fn load(files: &[&str]) -> Corpus {
    let paths: Vec<PathBuf> = files.iter().map(|f| PathBuf::from(format!("{DIR}/{f}"))).collect();
    match load_paths(&paths) {
        Ok(c) => c,
        Err(f) => panic!("{}", f.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")),
    }
}

fn problems(file: &str) -> Vec<String> {
    match load_paths(&[PathBuf::from(format!("{DIR}/{file}"))]) {
        Ok(_) => panic!("{file} loaded"),
        Err(f) => f.problems.iter().map(|p| p.to_string()).collect(),
    }
}

/// The mention of `entity` in `doc` whose text is `text`.
fn mention(c: &Corpus, entity: &str, doc: &str, text: &str) -> MentionIdx {
    let e = c.entity_by_id(entity).unwrap();
    let d = c.doc_by_id(doc).unwrap();
    let found: Vec<MentionIdx> =
        c.entity_mentions_in(e, d).iter().copied().filter(|&m| c.mention_text(m) == text).collect();
    assert_eq!(found.len(), 1, "{entity} {doc} {text}: {found:?}");
    found[0]
}

fn byte_span(c: &Corpus, doc: &str, text: &str) -> Span {
    let t = &c.doc(c.doc_by_id(doc).unwrap()).text;
    let at = t.find(text).unwrap();
    Span::new(at, at + text.len())
}

#[test]
fn every_detail_is_read_as_written() {
    let c = load(&["good.json", "good-extra.json"]);
    assert_eq!((c.documents().len(), c.entities().len(), c.mentions().len()), (2, 7, 11));

    // A discontinuous mention in a text with an emoji flag (two scalar values)
    // and Cyrillic: its fragments in bytes, its span their cover, its text
    // the fragments joined by a space.
    let m = mention(&c, "mirziyoyev", "summit", "Президенты Узбекистана");
    let (a, b) = (byte_span(&c, "summit", "Президенты"), byte_span(&c, "summit", "Узбекистана"));
    assert_eq!(c.mention_fragments(m), [a, b]);
    assert_eq!(c.mention(m).span, Span { start: a.start, end: b.end });
    let d = c.mention_detail(m).unwrap();
    assert_eq!(d.ids, ["T7", "E1"]);
    assert_eq!(d.label.as_deref(), Some("PER"));
    assert_eq!(d.fragments, [a, b]);

    // Fragments narrowed by a suffix, over a mention of another entity.
    let kb = mention(&c, "kazakh-border", "statement", "Kazakh border");
    assert_eq!(c.mention_fragments(kb), [Span::new(36, 42), Span::new(53, 59)]);
    let ub = mention(&c, "uzbek-border", "statement", "Uzbek border");
    assert_eq!(c.mention(ub).span, Span::new(47, 59));

    let t1 = mention(&c, "tokayev", "summit", "Токаев");
    let d = c.mention_detail(t1).unwrap();
    assert_eq!(
        d.references,
        [
            Reference {
                kind: "Reference".into(),
                target: "example-kb:tokayev".into(),
                text: Some("Kassym-Jomart Tokayev".into())
            },
            Reference { kind: "kb_id".into(), target: "K-17".into(), text: None },
        ]
    );
    assert_eq!(c.mention_fragments(t1), [c.mention(t1).span]);
    let astana = mention(&c, "astana", "summit", "Астане");
    assert_eq!(c.mention_detail(astana).unwrap().notes, [Note { kind: "Lemma".into(), text: "Астана".into() }]);
    let speaker = mention(&c, "tokayev", "statement", "Tokayev");
    assert_eq!(c.mention_detail(speaker).unwrap().attributes, [Attribute { name: "Speaker".into(), value: None }]);
    // A mention with relations only has no detail.
    let presidents = mention(&c, "tokayev", "summit", "Президенты Казахстана");
    assert_eq!(c.mention_detail(presidents), None);

    // Every link, by its ends' texts; ids are per document, so `T1` and
    // `T5` name different mentions in the two documents.
    let name = |m: MentionIdx| format!("{}:{}", c.doc(c.mention(m).doc).id, c.mention_text(m));
    let links: Vec<String> = c
        .mention_links()
        .iter()
        .map(|l| {
            format!(
                "{} -{}{}-> {}",
                name(l.from),
                l.kind,
                l.id.as_deref().map_or(String::new(), |i| format!(" {i}")),
                name(l.to)
            )
        })
        .collect();
    let mut sorted = links.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "statement:Astana -partner R2-> statement:Tashkent",
            "statement:Astana -partner R3-> statement:Tashkent",
            "statement:Astana -self-> statement:Astana",
            "statement:Tokayev -speaks_of-> statement:Kazakh border",
            "statement:Uzbek border -same_line R1-> statement:Kazakh border",
            "statement:treaty -announced_by R4-> statement:Tokayev",
            "statement:treaty -settles R5-> statement:Uzbek border",
            "summit:Президенты Казахстана -meets-> summit:Мирзиёев",
        ]
    );
    let partner = c.mention_links().iter().find(|l| l.id.as_deref() == Some("R2")).unwrap();
    assert_eq!(
        partner.attributes,
        [
            Attribute { name: "Confidence".into(), value: Some("High".into()) },
            Attribute { name: "Reciprocal".into(), value: None }
        ]
    );
    let same_line = c.mention_links().iter().find(|l| l.id.as_deref() == Some("R1")).unwrap();
    assert_eq!(same_line.notes, [Note { kind: "AnnotatorNotes".into(), text: "".into() }]);
    // Both ends know their links; a link to itself is counted once.
    let statement_astana = mention(&c, "astana", "statement", "Astana");
    assert_eq!(c.links_of_mention(statement_astana).count(), 3);
    assert_eq!(c.links_of_mention(mention(&c, "kazakh-border", "statement", "Kazakh border")).count(), 2);
}

#[test]
fn the_example_in_the_format_doc_loads_with_its_details() {
    let md = std::fs::read_to_string("docs/format.md").unwrap();
    let section = md.split("## Mention details and relations").nth(1).unwrap();
    let example = section.split("```json").nth(1).unwrap().split("```").next().unwrap();
    let c = load_sources(&[Source::new("docs/format.md details example", example)], "example").unwrap();
    let north = c.entity_mentions(c.entity_by_id("north-kazakhstan").unwrap())[0];
    assert_eq!(c.mention_text(north), "North Kazakhstan");
    assert_eq!(c.mention_fragments(north), [Span::new(11, 16), Span::new(27, 37)]);
    let kinds: Vec<&str> = c.mention_links().iter().map(|l| l.kind.as_str()).collect();
    assert_eq!(kinds, ["governs", "capital_of"]);
    assert!(c.mention_links().iter().all(|l| l.to == north));
}

#[test]
fn problems_with_fragments_are_each_reported_at_the_fragment() {
    let f = "tests/fixtures/details/bad-fragments.json";
    let want = [
        format!(
            "{f}:9:9: entity \"north\", mention 1: both fragments and span fields (start, end) are given: a discontinuous mention's places are its fragments only"
        ),
        format!(
            "{f}:10:9: entity \"north\", mention 2: 1 fragment is given: a discontinuous mention has two or more (a mention in one piece gives its span fields itself)"
        ),
        format!(
            "{f}:11:9: entity \"north\", mention 3: 0 fragments are given: a discontinuous mention has two or more (a mention in one piece gives its span fields itself)"
        ),
        format!(
            "{f}:12:69: entity \"north\", mention 4, fragment 2: fragment 2 (11..16) comes before fragment 1 (27..37): fragments are given in text order"
        ),
        format!(
            "{f}:13:70: entity \"north\", mention 5, fragment 2: fragment 2 (16..37) overlaps fragment 1 (11..20): fragments do not overlap"
        ),
        format!(
            "{f}:14:63: entity \"north\", mention 6, fragment 2: offsets 27..37 hold \"Kazakhstan\", not the quote \"Kazakstan\""
        ),
        format!("{f}:14:113: entity \"north\", mention 6, fragment 3: expected an object, found an array"),
        format!(
            "{f}:15:113: entity \"north\", mention 7, relation 1: points to unknown mention \"T1\": no mention of document \"d\" has that id"
        ),
    ];
    assert_eq!(problems("bad-fragments.json"), want);
}

#[test]
fn an_id_given_twice_in_a_document_names_both_places() {
    let f = "tests/fixtures/details/bad-ids.json";
    let want = [
        format!("{f}:12:9: entity \"astana\", mention 1: id \"T1\" is given twice"),
        format!("{f}:13:9: entity \"astana\", mention 2: id 2 is empty"),
        format!("{f}:13:9: entity \"astana\", mention 2: label is empty"),
        format!(
            "{f}:20:20: entity \"tashkent\", mention 1: id \"T1\" is also given to entity \"astana\", mention 1 (at {f}:12:9): a mention's ids are unique among the mentions of its document"
        ),
    ];
    assert_eq!(problems("bad-ids.json"), want);
}

#[test]
fn problems_with_relations_are_each_reported_at_the_relation() {
    let f = "tests/fixtures/details/bad-relations.json";
    let r = |n: usize, line: usize, col: usize, msg: &str| {
        format!("{f}:{line}:{col}: entity \"astana\", mention 1, relation {n}: {msg}")
    };
    let want = [
        r(2, 16, 13, "points to unknown mention \"T9\": no mention of document \"d\" has that id"),
        r(
            3,
            17,
            13,
            "points to unknown mention \"T3\": no mention of document \"d\" has that id (document \"e\" has one; relations stay within a document)",
        ),
        r(4, 18, 13, "mention is empty"),
        r(4, 18, 13, "relation is empty"),
        r(4, 18, 13, "id is empty"),
        r(5, 19, 31, "missing field `relation`"),
        r(6, 20, 62, "unknown field `weight`, expected one of `mention`, `relation`, `id`, `attributes`, `notes`"),
        r(7, 21, 13, "expected an object, found a string"),
    ];
    assert_eq!(problems("bad-relations.json"), want);
}

#[test]
fn problems_with_attributes_references_and_notes() {
    let f = "tests/fixtures/details/bad-fields.json";
    let m =
        |n: usize, line: usize, col: usize, msg: &str| format!("{f}:{line}:{col}: entity \"astana\", mention {n}{msg}");
    let want = [
        m(1, 9, 99, ": missing field `name`"),
        m(2, 10, 9, ", reference 1: target is empty"),
        m(2, 10, 9, ", note 1: kind is empty"),
        m(3, 11, 60, ": invalid type: string \"T1\", expected a sequence"),
        m(
            4,
            12,
            65,
            ": attribute 1: expected an object such as {\"name\": \"Confidence\", \"value\": \"High\"}, found an array",
        ),
        m(5, 13, 87, ": missing field `text`"),
    ];
    assert_eq!(problems("bad-fields.json"), want);
}

/// Versions of a text made wrong in many small ways: cut short, a byte
/// changed, a span of bytes removed, fields' values swapped for others.
fn mangled(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    for at in (0..bytes.len()).step_by(7) {
        out.push(String::from_utf8_lossy(&bytes[..at]).into_owned());
        for b in [b'"', b'{', b']', b'0', b'9', b',', b'x'] {
            let mut changed = bytes.to_vec();
            changed[at] = b;
            out.push(String::from_utf8_lossy(&changed).into_owned());
        }
        let mut cut = bytes[..at].to_vec();
        cut.extend_from_slice(&bytes[(at + 11).min(bytes.len())..]);
        out.push(String::from_utf8_lossy(&cut).into_owned());
    }
    let swaps = [
        ("\"fragments\": [", "\"fragments\": [{\"start\": 4294967295, \"end\": 4294967296}, "),
        ("\"start\": 67", "\"start\": 18446744073709551615"),
        ("\"ids\": [\"T1\"]", "\"ids\": [\"T6\"]"),
        ("\"mention\": \"T3\"", "\"mention\": \"\\ud800\""),
        ("\"relations\": [", "\"relations\": [{\"mention\": \"T1\", \"relation\": \"x\"}, "),
        ("\"quote\": \"Президенты\"", "\"quote\": \"🇰\""),
        ("{ \"quote\": \"Kazakh\", \"suffix\": \" and\" }", "{ \"quote\": \"Kazakh\", \"prefix\": \"zz\" }"),
    ];
    for (from, to) in swaps {
        for (i, _) in text.match_indices(from) {
            out.push(format!("{}{to}{}", &text[..i], &text[i + from.len()..]));
        }
    }
    out
}

#[test]
fn no_mangled_version_of_the_fixtures_makes_the_loader_panic() {
    let good = std::fs::read_to_string(format!("{DIR}/good.json")).unwrap();
    let extra = std::fs::read_to_string(format!("{DIR}/good-extra.json")).unwrap();
    let mut tried = 0;
    for text in mangled(&good) {
        let sources = [Source::new("good.json", text), Source::new("good-extra.json", extra.as_str())];
        // Ok or a list of problems; a panic fails the test.
        let _ = load_sources(&sources, "mangled");
        tried += 1;
    }
    for text in mangled(&extra) {
        let sources = [Source::new("good.json", good.as_str()), Source::new("good-extra.json", text)];
        let _ = load_sources(&sources, "mangled");
        tried += 1;
    }
    assert!(tried > 5000, "{tried}");
}
