//! The readers against the project's fixtures (one per shape and pitfall),
//! the real files of the shared corpus, and mangled input.

use super::*;
use crate::data::import::doccano::records;
use crate::data::import::{Attribute, Doc, Imported, Input, ReadResult, Reference};

type Reader = fn(Input) -> ReadResult;

fn read_fixture(reader: Reader, name: &str) -> ReadResult {
    let path = format!("{}/tests/fixtures/import/spacy/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let file = name.rsplit('/').next().unwrap_or(name);
    reader(Input { name: file, text: &text })
}

fn ok(reader: Reader, name: &str) -> Imported {
    read_fixture(reader, name)
        .unwrap_or_else(|p| panic!("{name}: {}", p.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")))
}

fn errors(reader: Reader, name: &str) -> Vec<String> {
    match read_fixture(reader, name) {
        Ok(_) => panic!("{name} read without problems"),
        Err(problems) => problems.iter().map(|p| p.to_string()).collect(),
    }
}

fn spans(doc: &Doc) -> Vec<(&str, &str)> {
    doc.spans.iter().map(|s| (s.label.as_str(), &doc.text[s.cover()])).collect()
}

fn counted(out: &Imported) -> Vec<(String, usize)> {
    let mut not = out.not_imported.clone();
    not.sort();
    not
}

fn pairs(list: &[(&str, usize)]) -> Vec<(String, usize)> {
    list.iter().map(|(w, n)| (w.to_string(), *n)).collect()
}

fn attribute(name: &str, value: &str) -> Attribute {
    Attribute { name: name.to_string(), value: Some(value.to_string()) }
}

#[test]
fn prodigy_spans_answers_and_duplicated_inputs() {
    let out = ok(read_prodigy, "prodigy/ner.jsonl");
    let ids: Vec<&str> = out.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["101", "line-4", "line-5", "line-7"]);
    let doc = &out.documents[0];
    assert_eq!(spans(doc), [("PERSON", "Ержан Тлеуов"), ("ORG", "KazMunayGas"), ("GPE", "Астана")]);
    // The oil-drum emoji is one character, four bytes.
    assert_eq!((doc.spans[2].fragments.len(), doc.spans[2].cover()), (1, 50..62));
    assert_eq!(doc.source.as_deref(), Some("Kazinform"));
    assert_eq!(doc.spans[0].attributes, [attribute("annotator", "news-aigerim")]);
    assert_eq!(
        doc.spans[1].attributes,
        [attribute("source", "en_core_web_sm"), attribute("annotator", "news-aigerim")]
    );
    assert_eq!(spans(&out.documents[1]), [("ORG", "Samruk-Kazyna"), ("ORG", "AIX")]);
    assert_eq!(spans(&out.documents[2]), [("ORG", "Samruk-Kazyna")]);
    assert!(out.documents[3].spans.is_empty());
    let warnings: Vec<String> = out.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        warnings,
        [
            "ner.jsonl:6:1: record 6: the record has no text (an image, audio or HTML task?): skipped",
            "ner.jsonl:4:1: _input_hash \"104\" is used by the records at lines 4, 5: they are named by their line \
             (line-N) instead",
        ]
    );
    let expected = [
        ("document labels (text classification)", 1),
        ("ignored records", 1),
        ("meta field \"section\"", 1),
        ("rejected records", 1),
    ];
    assert_eq!(counted(&out), pairs(&expected));
}

#[test]
fn prodigy_relations_join_spans_given_by_head_and_child_spans() {
    let out = ok(read_prodigy, "prodigy/relations.jsonl");
    let doc = &out.documents[0];
    // Смаилов is not among the spans: the relation brings it.
    assert_eq!(spans(doc), [("PERSON", "Тоқаев"), ("PERSON", "Смаилов")]);
    let links: Vec<_> = doc.links.iter().map(|l| (l.from, l.to, l.kind.as_str())).collect();
    assert_eq!(links, [(0, 1, "APPOINTED")]);
    // "LEADS" ends on an unlabelled token; "nsubj" joins two tokens by index,
    // one of them inside no labelled span: neither is a relation of mentions.
    assert_eq!(counted(&out), pairs(&[("relations between tokens no labelled span covers", 2)]));
}

#[test]
fn prodigy_entity_linking_puts_the_chosen_kb_id_on_the_span() {
    let out = ok(read_prodigy, "prodigy/nel.jsonl");
    let abai = &out.documents[0].spans[0];
    let reference = Reference {
        kind: "kb_id".into(),
        target: "Q310901".into(),
        text: Some("Q310901: Kazakh poet & philosopher".into()),
    };
    assert_eq!(abai.references, [reference]);
    let region = &out.documents[1].spans[0];
    assert!(region.references.is_empty());
    assert_eq!(region.attributes, [attribute("kb_id", "NIL_otherLink")]);
    assert_eq!(counted(&out), pairs(&[("options not chosen", 4)]));
}

#[test]
fn prodigy_span_text_must_match_the_offsets() {
    assert_eq!(
        errors(read_prodigy, "prodigy/quote_mismatch.jsonl"),
        ["quote_mismatch.jsonl:1:1: record 1, spans[1]: the span's text \"Mirziyoyev\" is not the text at 15..25, \
          \"irziyoyev.\""]
    );
}

#[test]
fn tuples_with_links_cats_and_span_groups() {
    let out = ok(read_tuples, "tuples/train.json");
    let ids: Vec<&str> = out.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["1", "2"]);
    let first = &out.documents[0];
    assert_eq!(spans(first), [("PERSON", "Қасым-Жомарт Тоқаев")]);
    assert_eq!(first.spans[0].references.iter().map(|r| r.target.as_str()).collect::<Vec<_>>(), ["Q27951"]);
    let second = &out.documents[1];
    assert_eq!(spans(second), [("GPE", "Алматы"), ("GPE", "Astana"), ("PLACES", "Алматы and Astana")]);
    assert_eq!(second.spans[2].attributes, [attribute("span group", "sc")]);
    assert_eq!(out.warnings.len(), 1, "Astana is given twice");
    let expected = [("document categories (cats)", 2), ("entity-link candidates below probability 1", 1)];
    assert_eq!(counted(&out), pairs(&expected));
}

#[test]
fn tuples_problems_are_all_reported() {
    assert_eq!(
        errors(read_tuples, "tuples/bad.json"),
        [
            "bad.json:1:2: record 1, entities[0]: end 99 is past the end of the text (27 long)",
            "bad.json:1:2: record 1, entities[1]: 3..3 is empty",
            "bad.json:1:83: record 2: expected [text, {\"entities\": [[start, end, label], ...]}] per record; found \
             an object",
            "bad.json:1:124: record 3, links[\"(0, 3)\"]: the link at \"(0, 3)\" has no entity at those offsets",
        ]
    );
}

#[test]
fn v2_tokens_are_found_in_raw_penn_quotes_and_brackets_too() {
    let out = ok(read_v2, "v2/raw.json");
    let doc = &out.documents[0];
    assert_eq!(doc.id, "5");
    assert_eq!(doc.text, "KazMunayGas said \"Тенгиз\" output rose (see Atyrau).\n\nАстана agreed.");
    assert_eq!(doc.note, None);
    assert_eq!(spans(doc), [("ORG", "KazMunayGas"), ("FAC", "Тенгиз\""), ("GPE", "Atyrau"), ("GPE", "Астана")]);
    let expected = [("POS tags", 2), ("brackets", 1), ("dependency arcs", 2), ("document categories (cats)", 1)];
    assert_eq!(counted(&out), pairs(&expected));
}

#[test]
fn v2_without_raw_rebuilds_the_text_and_says_so() {
    let out = ok(read_v2, "v2/no_raw.json");
    let doc = &out.documents[0];
    assert_eq!(doc.text, "Ержан Тлеуов, CEO\nHe left Атырау.");
    assert!(doc.note.as_deref().is_some_and(|n| n.starts_with("text rebuilt from the tokens")));
    assert_eq!(spans(doc), [("PERSON", "Ержан Тлеуов"), ("GPE", "Атырау")]);
}

#[test]
fn v2_tag_sequences_that_are_not_biluo_are_errors() {
    assert_eq!(
        errors(read_v2, "v2/bad_biluo.json"),
        [
            "bad_biluo.json:1:2: record 1, paragraph 1, token 0: I-ORG opens no entity (a BILUO entity starts with \
             B- or U-)",
            "bad_biluo.json:1:2: record 1, paragraph 1, token 3: B-ORG is not closed by L-ORG before \"O\" (IOB tags? \
             this format uses BILUO)",
            "bad_biluo.json:1:2: record 1, paragraph 1: B-GPE is not closed by L-GPE before the paragraph ends",
        ]
    );
    assert_eq!(
        errors(read_v2, "v2/raw_mismatch.json"),
        ["raw_mismatch.json:1:2: record 1, paragraph 1, token 1: token \"lifted\" is not the next word of \"raw\" \
          (found \"raised\"): the tokens must be the raw text's, in order"]
    );
}

#[test]
fn each_reader_refuses_the_others_shapes() {
    let prodigy = "{\"text\": \"Астана\", \"spans\": []}";
    let tuples = "[[\"Астана\", {\"entities\": [[0, 6, \"GPE\"]]}]]";
    let v2 = "[{\"id\": 1, \"paragraphs\": []}]";
    let first = |r: ReadResult| r.map(|_| ()).unwrap_err()[0].message.clone();
    assert!(first(read_prodigy(Input { name: "t", text: tuples })).starts_with("expected a JSON object per record"));
    assert!(first(read_tuples(Input { name: "p", text: prodigy })).starts_with("expected [text, {"));
    assert!(first(read_v2(Input { name: "t", text: tuples })).starts_with("expected a JSON object per document"));
    assert!(first(read_v2(Input { name: "p", text: prodigy })).ends_with("found an object with fields spans, text"));
    assert!(read_v2(Input { name: "v", text: v2 }).is_ok());
}

fn real(reader: Reader, path: &str) -> Imported {
    let full = format!("{}/../shared/corpora/real/spacy/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}"));
    reader(Input { name: path, text: &text }).unwrap_or_else(|p| panic!("{path}: {p:?}"))
}

#[test]
fn the_real_files() {
    let nel = real(read_prodigy, "projects__nel_emerson/emerson_annotated_text.jsonl");
    assert_eq!(nel.documents.len(), 30);
    assert!(nel.documents.iter().all(|d| d.spans.len() == 1 && d.spans[0].references.len() == 1));
    assert!(nel.documents.iter().all(|d| &d.text[d.spans[0].cover()] == "Emerson"));
    let first = &nel.documents[0].spans[0].references[0];
    assert_eq!((first.target.as_str(), first.text.as_deref()), ("Q312545", Some("Q312545: Australian tennis player")));
    assert_eq!(counted(&nel), pairs(&[("meta field \"score\"", 30), ("options not chosen", 120)]));
    assert!(nel.warnings.is_empty());

    let demo = real(read_tuples, "projects__ner_demo/train.json");
    let all: Vec<Vec<(&str, &str)>> = demo.documents.iter().map(spans).collect();
    assert_eq!(all, [vec![("PERSON", "Shaka Khan")], vec![("LOC", "London"), ("LOC", "Berlin")]]);

    let v2 = real(read_v2, "spaCy__extra-example_data/training-data.json");
    assert_eq!(v2.documents.len(), 1);
    let doc = &v2.documents[0];
    assert_eq!(doc.id, "42");
    assert_eq!(doc.spans.len(), 11);
    assert_eq!(spans(doc)[1], ("WORK_OF_ART", "The Misanthrope"));
    assert_eq!(spans(doc)[4], ("WORK_OF_ART", "Revitalized Classics Take the Stage in Windy City"));
    assert_eq!(counted(&v2), pairs(&[("POS tags", 54), ("brackets", 37), ("dependency arcs", 54)]));
}

#[test]
fn mangled_fixtures_never_panic() {
    let dir = format!("{}/tests/fixtures/import/spacy", env!("CARGO_MANIFEST_DIR"));
    for sub in ["prodigy", "tuples", "v2"] {
        for entry in std::fs::read_dir(format!("{dir}/{sub}")).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for variant in records::mangled(&text) {
                let input = Input { name: "m", text: &variant };
                let _ = (read_prodigy(input), read_tuples(input), read_v2(input));
            }
        }
    }
}
