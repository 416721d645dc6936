//! The reader against the project's fixtures (one per shape and pitfall),
//! doccano's own example files, and mangled input.

use super::*;
use crate::data::import::{Attribute, Imported};

fn fixture(name: &str) -> (String, String) {
    let path = format!("{}/tests/fixtures/import/doccano/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    (name.to_string(), text)
}

fn read_fixture(name: &str) -> ReadResult {
    let (name, text) = fixture(name);
    read(Input { name: &name, text: &text })
}

fn ok(name: &str) -> Imported {
    read_fixture(name)
        .unwrap_or_else(|p| panic!("{name}: {}", p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")))
}

fn errors(name: &str) -> Vec<String> {
    match read_fixture(name) {
        Ok(_) => panic!("{name} read without problems"),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

/// `(label, quoted text)` of each span.
fn spans(doc: &Doc) -> Vec<(&str, &str)> {
    doc.spans.iter().map(|s| (s.label.as_str(), &doc.text[s.cover()])).collect()
}

#[test]
fn label_triples_in_chars_become_byte_ranges() {
    let out = ok("label.jsonl");
    assert_eq!(out.documents.len(), 2);
    let doc = &out.documents[0];
    assert_eq!(doc.id, "7");
    assert_eq!(doc.position, Some((1, 1)));
    assert_eq!(
        spans(doc),
        [("GPE", "Астана"), ("PER", "Тоқаев"), ("PER", "Ержан Тлеуов"), ("ORG", "KazMunayGas"), ("GPE", "Almaty")]
    );
    // "Астана 🇰🇿: " is 6 + 1 + 2 + 2 characters but 12 + 1 + 8 + 2 bytes.
    assert_eq!((doc.spans[1].fragments.len(), doc.spans[1].cover()), (1, 23..35));
    assert_eq!(out.documents[1].id, "8");
    assert_eq!(out.documents[1].position, Some((2, 1)));
    assert_eq!(spans(&out.documents[1]), [("ORG", "Samruk-Kazyna"), ("GPE", "Нұр-Сұлтан")]);
    assert!(out.warnings.is_empty() && out.not_imported.is_empty());
}

#[test]
fn labels_is_read_as_label() {
    let out = ok("labels.jsonl");
    assert_eq!(out.documents[0].id, "line-1");
    assert_eq!(spans(&out.documents[0]), [("ORG", "Samruk-Kazyna"), ("GPE", "Нұр-Сұлтан")]);
}

#[test]
fn entities_keep_their_ids_and_relations_become_links() {
    let out = ok("relations.jsonl");
    let doc = &out.documents[0];
    assert_eq!(doc.id, "1");
    assert_eq!(spans(doc), [("PER", "Ержан Тлеуов"), ("ORG", "KazMunayGas"), ("GPE", "Атырау")]);
    assert_eq!(doc.spans.iter().map(|s| s.ids.clone()).collect::<Vec<_>>(), [["10"], ["11"], ["12"]]);
    let links: Vec<_> = doc.links.iter().map(|l| (l.from, l.to, l.kind.as_str(), l.id.as_deref())).collect();
    assert_eq!(links, [(0, 1, "head_of", Some("5")), (0, 2, "visited", Some("6"))]);
}

#[test]
fn relations_without_ids_and_a_file_without_final_newline() {
    let out = ok("relations_without_ids.jsonl");
    let doc = &out.documents[0];
    assert_eq!(doc.links.len(), 1);
    assert_eq!((doc.links[0].from, doc.links[0].to, doc.links[0].id.as_deref()), (0, 1, None));
}

#[test]
fn numeric_labels_are_kept_as_written_with_the_user() {
    let out = ok("annotations_1x.jsonl");
    let doc = &out.documents[0];
    assert_eq!(spans(doc), [("3", "Тоқаев"), ("5", "Ақорда")]);
    assert_eq!(doc.spans[0].ids, ["41"]);
    let user = |v: &str| Attribute { name: "user".to_string(), value: Some(v.to_string()) };
    assert_eq!(doc.spans[0].attributes, [user("1")]);
    let prob = Attribute { name: "prob".to_string(), value: Some("0.9".to_string()) };
    assert_eq!(doc.spans[1].attributes, [prob, user("2")]);
    // The third annotation has no offsets: a label of the whole document.
    assert_eq!(out.not_imported, [("document labels (text classification)".to_string(), 1)]);
}

#[test]
fn one_pretty_printed_object_is_one_record() {
    let out = ok("pretty.jsonl");
    assert_eq!(out.documents.len(), 1);
    assert_eq!(out.documents[0].id, "kz-1");
    assert_eq!(spans(&out.documents[0]), [("ORG", "KEGOC"), ("GPE", "Шымкент")]);
}

#[test]
fn a_record_without_text_is_skipped_with_a_warning() {
    let out = ok("no_text.jsonl");
    assert_eq!(out.documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["line-1", "line-3"]);
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings, ["no_text.jsonl:2:1: record 2: the record has no text: skipped"]);
}

#[test]
fn empty_label_lists_make_documents_without_spans() {
    let out = ok("empty_labels.jsonl");
    assert_eq!(out.documents.len(), 2);
    assert!(out.documents.iter().all(|d| d.spans.is_empty()));
    assert!(out.warnings.is_empty());
}

#[test]
fn a_repeated_span_is_read_once_with_a_warning() {
    let out = ok("repeated_span.jsonl");
    let doc = &out.documents[0];
    assert_eq!(spans(doc), [("PER", "Тоқаев"), ("LOC", "Ақорда")]);
    let users: Vec<_> = doc.spans[0].attributes.iter().map(|a| a.value.as_deref().unwrap_or_default()).collect();
    assert_eq!(users, ["1", "2"]);
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "repeated_span.jsonl:1:1: record 1: 1 span(s) repeat another with the same label and offsets: each is read once"
        ]
    );
}

#[test]
fn text_under_data() {
    let out = ok("data_field.jsonl");
    assert_eq!(out.documents[0].id, "12");
    assert_eq!(spans(&out.documents[0]), [("GPE", "Шымкент")]);
}

#[test]
fn a_reused_id_falls_back_to_line_numbers() {
    let out = ok("reused_id.jsonl");
    assert_eq!(out.documents.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(), ["line-1", "2", "line-3"]);
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "reused_id.jsonl:1:1: id \"1\" is used by the records at lines 1, 3: they are named by their line (line-N) instead"
        ]
    );
}

#[test]
fn metadata_fills_the_document_and_the_rest_is_counted() {
    let out = ok("metadata.jsonl");
    let doc = &out.documents[0];
    assert_eq!(doc.title.as_deref(), Some("Tariffs rise"));
    assert_eq!(doc.url.as_deref(), Some("https://example.kz/kegoc"));
    assert_eq!(doc.published.as_deref(), Some("2024-03-01"));
    assert_eq!(spans(doc), [("ORG", "KEGOC")]);
    let mut not: Vec<(String, usize)> = out.not_imported.clone();
    not.sort();
    let expected = [
        ("comments", 2),
        ("document categories (cats)", 1),
        ("document labels (text classification)", 1),
        ("meta field \"section\"", 1),
    ];
    assert_eq!(not, expected.map(|(w, n)| (w.to_string(), n)));
}

#[test]
fn every_bad_offset_and_dangling_relation_is_reported() {
    assert_eq!(
        errors("bad_offsets.jsonl"),
        [
            "bad_offsets.jsonl:1:1: record 1, label[1]: start 9 is after end 3",
            "bad_offsets.jsonl:2:1: record 2, label[0]: 4..4 is empty",
            "bad_offsets.jsonl:2:1: record 2, label[1]: end 40 is past the end of the text (16 long)",
            "bad_offsets.jsonl:2:1: record 2, label[2]: offsets -1, 2 are not both non-negative integers",
            "bad_offsets.jsonl:3:1: record 3, relations[0]: to_id 9 names no entity of this record",
        ]
    );
}

#[test]
fn a_syntax_error_is_placed_and_stops_the_reading() {
    let problems = errors("syntax_error.jsonl");
    assert_eq!(problems, ["syntax_error.jsonl:3:1: expected `,` or `]` (reading stops here)"]);
}

#[test]
fn another_tools_shape_is_refused_clearly() {
    assert_eq!(
        errors("label_studio_task.json"),
        ["label_studio_task.json:2:3: record 1: expected a JSON object per record with \"text\" and \"label\", \
             \"labels\", \"entities\" or \"annotations\"; \"data\" is an object (a Label Studio task?)"]
    );
    let tuples = read(Input { name: "t.json", text: "[[\"Астана\", {\"entities\": []}]]" });
    let problems = tuples.unwrap_err();
    assert!(problems[0].message.ends_with("; found a list"), "{}", problems[0]);
    let empty = read(Input { name: "e.jsonl", text: " \n" }).unwrap_err();
    assert_eq!(empty[0].to_string(), "e.jsonl: no records: the file is empty");
}

/// doccano's own examples, read from the shared corpus (never copied here).
fn real(path: &str) -> Imported {
    let full = format!("{}/../shared/corpora/real/doccano/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    read(Input { name: path, text: &text }).unwrap_or_else(|p| panic!("{path}: {p:?}"))
}

#[test]
fn doccano_examples() {
    for path in
        ["doccano__export-relation_extraction/example.jsonl", "doccano__import-relation_extraction/example.jsonl"]
    {
        let out = real(path);
        assert_eq!(out.documents.len(), 1, "{path}");
        let doc = &out.documents[0];
        assert_eq!(
            spans(doc),
            [("ORG", "Google"), ("DATE", "September 4, 1998"), ("PERSON", "Larry Page"), ("PERSON", "Sergey Brin")]
        );
        let links: Vec<_> = doc.links.iter().map(|l| (l.from, l.to, l.kind.as_str())).collect();
        assert_eq!(links, [(0, 1, "foundedAt"), (0, 2, "foundedBy"), (0, 3, "foundedBy")], "{path}");
        assert!(out.warnings.is_empty() && out.not_imported.is_empty(), "{path}");
    }
    let out = real("doccano__export-sequence_labeling/example.jsonl");
    let all: Vec<Vec<(&str, &str)>> = out.documents.iter().map(spans).collect();
    assert_eq!(
        all,
        [vec![("ORG", "EU"), ("MISC", "German")], vec![("PERSON", "Peter Blackburn")], vec![("PERSON", "Obama")]]
    );

    let out = real("doccano__import-tests-sequence_labeling/example.jsonl");
    assert_eq!(out.documents.len(), 2);
    assert_eq!(spans(&out.documents[0]), [("LOC", "e")]);
    assert!(out.documents[1].spans.is_empty());
    assert_eq!(out.warnings.len(), 1);
    assert_eq!(out.warnings[0].position, Some((3, 1)));
    assert_eq!(out.not_imported, [("meta field \"wikiPageID\"".to_string(), 2)]);
}

/// Every fixture cut short, with bytes dropped or swapped: never a panic.
#[test]
fn mangled_fixtures_never_panic() {
    let dir = format!("{}/tests/fixtures/import/doccano", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(&dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for variant in records::mangled(&text) {
            let _ = read(Input { name: "m", text: &variant });
        }
    }
}

/// The plain shape is read without a JSON value; the careful way must make
/// the same of it.
#[test]
fn the_fast_path_and_the_careful_one_agree() {
    let (_, text) = fixture("label.jsonl");
    let careful = text.replace("{\"id\"", "{\"unread\": null, \"id\"");
    let fast = read(Input { name: "f", text: &text }).unwrap();
    let slow = read(Input { name: "f", text: &careful }).unwrap();
    assert_eq!(fast.documents, slow.documents);
    let (_, text) = fixture("bad_offsets.jsonl");
    let careful = text.replace("{\"text\"", "{\"unread\": null, \"text\"");
    let errors = |t: &str| read(Input { name: "f", text: t }).unwrap_err();
    assert_eq!(errors(&text), errors(&careful));
}

/// Records in the shape `convert --to doccano` writes (claims after the
/// mentions, from the start of the text again; `meta` with fields dossier
/// keeps and fields it does not), with what the fast way must read as the
/// careful way does: escapes, an emoji, string ids, a null id, a repeated
/// span, both `label` and `entities`, a reused document id.
const WRITTEN: &str = concat!(
    r#"{"id":"d0","text":"Астана 🇰🇿: Тоқаев met KEGOC \"board\" in Almaty","entities":[{"id":0,"label":"GPE","start_offset":0,"end_offset":6},{"id":1,"label":"PER","start_offset":11,"end_offset":17},{"id":2,"label":"ORG","start_offset":22,"end_offset":27},{"id":3,"label":"GPE","start_offset":39,"end_offset":45},{"id":4,"label":"Claim-statement","start_offset":11,"end_offset":27}],"relations":[{"id":0,"from_id":4,"to_id":1,"type":"claimant"},{"id":1,"from_id":4,"to_id":2,"type":"about"}],"meta":{"title":"Tariffs","language":"kk","genre":"article","authors":[{"name":"A. Writer"}]}}"#,
    "\n",
    r#"{"id":"d\u0031","text":"Samruk-Kazyna\nsaid: \"Нұр-Сұлтан\" caf\u00e9 😀 Ақорда","entities":[{"id":"e1","label":"ORG","start_offset":0,"end_offset":13},{"id":"e2","label":"GPE","start_offset":21,"end_offset":31},{"id":null,"label":"MISC","start_offset":33,"end_offset":37},{"id":"e4","label":"LOC","start_offset":40,"end_offset":46},{"id":"e5","label":"ORG","start_offset":0,"end_offset":13}],"relations":[{"from_id":"e5","to_id":"e4","type":"based_in"},{"id":"r\"2","from_id":"e2","to_id":"e1","type":"home_of"}]}"#,
    "\n",
    r#"{"text":"Астана","entities":[],"relations":[],"meta":null}"#,
    "\n",
    r#"{"id":7,"text":"Тоқаев in Астана","label":[[10,16,"GPE"]],"entities":[{"id":9,"label":"PER","start_offset":0,"end_offset":6}],"meta":{"date":"2024-03-01","published":"2024-03-02","url":"https://example.kz/1","genre":"news"}}"#,
    "\n",
    r#"{"id":"d0","text":"KEGOC","entities":[{"id":0,"label":"ORG","start_offset":0,"end_offset":5}],"relations":[{"id":0,"from_id":0,"to_id":0,"type":"self"}],"meta":{"authors":[],"genre":"brief"}}"#,
    "\n",
);

/// The same shape with faults: each must be told as the careful way tells it.
const WRITTEN_WRONG: &str = concat!(
    r#"{"id":1,"text":"Тоқаев","entities":[{"id":0,"label":"PER","start_offset":0,"end_offset":6}],"relations":[{"id":0,"from_id":0,"to_id":9,"type":"about"},{"id":1,"from_id":8,"to_id":0,"type":"about"}]}"#,
    "\n",
    r#"{"id":2,"text":"Астана 🇰🇿","entities":[{"id":0,"label":"GPE","start_offset":0,"end_offset":60},{"id":1,"label":"GPE","start_offset":3,"end_offset":3},{"id":2,"label":"GPE","start_offset":5,"end_offset":2}],"meta":{"genre":"news"}}"#,
    "\n",
    r#"{"id":3,"text":"Almaty","label":[[0,6,"GPE"],[2,9,"GPE"]],"entities":[{"id":0,"label":"GPE","start_offset":0,"end_offset":7}]}"#,
    "\n",
);

/// Each record with a field only the careful way reads (a blank one, which
/// it ignores).
fn careful(text: &str) -> String {
    text.lines().map(|line| line.replacen('{', "{\"unread\":null,", 1) + "\n").collect()
}

/// Both results the same, item by item.
fn same(a: &ReadResult, b: &ReadResult, what: &str) {
    match (a, b) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a.documents, b.documents, "{what}");
            assert_eq!(a.not_imported, b.not_imported, "{what}");
            assert_eq!(a.warnings, b.warnings, "{what}");
            assert_eq!(a.attachments, b.attachments, "{what}");
        }
        (Err(a), Err(b)) => assert_eq!(a, b, "{what}"),
        (a, b) => panic!("{what}: {:?} / {:?}", a.as_ref().err(), b.as_ref().err()),
    }
}

#[test]
fn the_written_shape_is_read_the_fast_way() {
    for line in WRITTEN.lines().chain(WRITTEN_WRONG.lines()) {
        assert!(serde_json::from_str::<Fast>(line).is_ok(), "{line}");
    }
    for line in careful(WRITTEN).lines() {
        assert!(serde_json::from_str::<Fast>(line).is_err(), "{line}");
    }
}

#[test]
fn the_written_shape_read_the_fast_way_is_as_read_the_careful_way() {
    let read_text = |text: &str| read(Input { name: "w.jsonl", text });
    same(&read_text(WRITTEN), &read_text(&careful(WRITTEN)), "written");
    same(&read_text(WRITTEN_WRONG), &read_text(&careful(WRITTEN_WRONG)), "written wrong");
    for name in ["relations.jsonl", "relations_without_ids.jsonl", "label.jsonl", "bad_offsets.jsonl"] {
        let (_, text) = fixture(name);
        same(&read_text(&text), &read_text(&careful(&text)), name);
    }
}

#[test]
fn the_written_shape_exactly() {
    let out = read(Input { name: "w.jsonl", text: WRITTEN }).unwrap();
    let ids: Vec<&str> = out.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["line-1", "d1", "line-3", "7", "line-5"]);
    let doc = &out.documents[0];
    assert_eq!(
        spans(doc),
        [
            ("GPE", "Астана"),
            ("PER", "Тоқаев"),
            ("ORG", "KEGOC"),
            ("GPE", "Almaty"),
            ("Claim-statement", "Тоқаев met KEGOC")
        ]
    );
    // "Астана 🇰🇿: " is 11 characters, 12 + 1 + 8 + 2 = 23 bytes.
    assert_eq!((doc.spans[1].fragments.len(), doc.spans[1].cover()), (1, 23..35));
    assert_eq!((doc.spans[4].fragments.len(), doc.spans[4].cover()), (1, 23..45));
    let links: Vec<_> = doc.links.iter().map(|l| (l.from, l.to, l.kind.as_str(), l.id.as_deref())).collect();
    assert_eq!(links, [(4, 1, "claimant", Some("0")), (4, 2, "about", Some("1"))]);
    assert_eq!((doc.title.as_deref(), doc.language.as_deref()), (Some("Tariffs"), Some("kk")));

    let doc = &out.documents[1];
    assert_eq!(spans(doc), [("ORG", "Samruk-Kazyna"), ("GPE", "Нұр-Сұлтан"), ("MISC", "café"), ("LOC", "Ақорда")]);
    assert_eq!(doc.spans[0].ids, ["e1", "e5"]);
    assert!(doc.spans[2].ids.is_empty());
    let links: Vec<_> = doc.links.iter().map(|l| (l.from, l.to, l.kind.as_str(), l.id.as_deref())).collect();
    assert_eq!(links, [(0, 3, "based_in", None), (1, 0, "home_of", Some("r\"2"))]);

    let doc = &out.documents[3];
    assert_eq!(spans(doc), [("PER", "Тоқаев"), ("GPE", "Астана")]);
    assert_eq!(doc.published.as_deref(), Some("2024-03-01"));
    assert_eq!(doc.url.as_deref(), Some("https://example.kz/1"));
    let not: Vec<(&str, usize)> = out.not_imported.iter().map(|(w, n)| (w.as_str(), *n)).collect();
    assert_eq!(not, [("meta field \"authors\"", 1), ("meta field \"genre\"", 3), ("meta field \"published\"", 1)]);
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "w.jsonl:2:1: record 2: 1 span(s) repeat another with the same label and offsets: each is read once",
            "w.jsonl:1:1: id \"d0\" is used by the records at lines 1, 5: they are named by their line (line-N) instead",
        ]
    );
}

#[test]
fn the_written_shape_with_faults_tells_each() {
    let problems: Vec<String> =
        read(Input { name: "w.jsonl", text: WRITTEN_WRONG }).unwrap_err().iter().map(|p| p.to_string()).collect();
    assert_eq!(
        problems,
        [
            "w.jsonl:1:1: record 1, relations[0]: to_id 9 names no entity of this record",
            "w.jsonl:1:1: record 1, relations[1]: from_id 8 names no entity of this record",
            "w.jsonl:2:1: record 2, entities[0]: end 60 is past the end of the text (9 long)",
            "w.jsonl:2:1: record 2, entities[1]: 3..3 is empty",
            "w.jsonl:2:1: record 2, entities[2]: start 5 is after end 2",
            "w.jsonl:3:1: record 3, entities[0]: end 7 is past the end of the text (6 long)",
            "w.jsonl:3:1: record 3, label[1]: end 9 is past the end of the text (6 long)",
        ]
    );
}

/// Texts whose lines are not one record each, to cut anywhere.
const UNEVEN: [&str; 6] = [
    "{\"text\": \"Астана\", \"label\": [[0, 6, \"GPE\"]]}\r\n\r\n  \n{\"text\": \"KEGOC\", \"label\": [[0, 5, \"ORG\"]]}\r\n{\"text\": \"x\"}\n",
    "{\"text\": \"Астана\",\n \"label\": [[0, 6, \"GPE\"]]}\n{\"text\": \"KEGOC\",\n\"label\": []}\n",
    "{\"text\": \"a\", \"label\": []} {\"text\": \"b\", \"label\": []}\n{\"text\": \"c\", \"label\": []}\n{\"text\": \"d\"}\n",
    "{\"text\": \"a\", \"label\": []}\n{\"text\": \"b\", \"label\": [}\n{\"text\": \"c\", \"label\": []}\n",
    "{\"text\": \"a\", \"label\": [[0, 1, \"X\"]]}\n{\"text\": \"b\", \"label\": []}\n{\"text\": \"c\", \"label\": ]}\n",
    "{\"id\": 1, \"text\": \"a\", \"cats\": [\"x\"]}\n[{\"id\": 1, \"text\": \"b\"},\n{\"text\": \"c\", \"label\": [[0, 2, \"X\"]]}]\n{\"text\": \"d\", \"Comments\": [\"y\"]}\n",
];

/// Read in two halves, cut at the start of any line, the file is what it
/// is read as one: when the cut falls between records and when it does not.
#[test]
fn halves_cut_at_any_line_read_as_the_whole() {
    let mut texts: Vec<String> = vec![WRITTEN.to_string(), WRITTEN_WRONG.to_string(), careful(WRITTEN)];
    texts.extend(UNEVEN.iter().map(|t| t.to_string()));
    let dir = format!("{}/tests/fixtures/import/doccano", env!("CARGO_MANIFEST_DIR"));
    for entry in std::fs::read_dir(&dir).unwrap() {
        texts.push(std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    for text in &texts {
        let input = Input { name: "h.jsonl", text };
        let whole = read_cut(input, None);
        for (cut, _) in text.match_indices('\n') {
            same(&read_cut(input, Some(cut + 1)), &whole, &format!("cut at {}: {text}", cut + 1));
        }
        // Not at the start of a line: not cut.
        same(&read_cut(input, Some(1)), &whole, text);
    }
}

/// A big file of the written shape is cut in two, and read as when read as one.
#[test]
fn a_big_file_is_cut_between_records() {
    let text = WRITTEN.repeat(100);
    let cut = halves::cut(&text).expect("a cut");
    assert_eq!(text.as_bytes()[cut - 1], b'\n');
    assert_eq!(halves::second(&text, cut).index, text[..cut].lines().count());
    let input = Input { name: "big.jsonl", text: &text };
    // The first half reads to its end, as many records as lines: the cut holds.
    let first = Part::read(input, Stretch { from: 0, to: cut, line: 1, index: 0 });
    assert_eq!(first.read, Some(halves::second(&text, cut).index));
    let out = read_cut(input, Some(cut));
    same(&out, &read_cut(input, None), "big");
    assert_eq!(out.unwrap().documents.len(), 500);
    assert_eq!(halves::cut(&format!("[{text}]")), None);
}

/// Mangled fixtures, cut at every line: never a panic, and as read whole.
#[test]
fn mangled_fixtures_read_in_halves_as_whole() {
    for text in [WRITTEN, WRITTEN_WRONG, UNEVEN[0], UNEVEN[5]] {
        for variant in records::mangled(text).iter().step_by(7) {
            let input = Input { name: "m", text: variant };
            let whole = read_cut(input, None);
            for (cut, _) in variant.match_indices('\n') {
                same(&read_cut(input, Some(cut + 1)), &whole, variant);
            }
        }
    }
}
