use super::*;
use crate::data::import::Doc;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/import/webanno/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn real(path: &str) -> String {
    let path = format!("{}/../shared/corpora/real/webanno-tsv/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_str(name: &str, text: &str) -> ReadResult {
    read(Input { name, text }, name.trim_end_matches(".tsv"))
}

fn ok(name: &str, text: &str) -> Imported {
    match read_str(name, text) {
        Ok(imported) => imported,
        Err(problems) => panic!("{name}:\n{}", messages(&problems).join("\n")),
    }
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| p.to_string()).collect()
}

/// Each span as `label "text" attr=value...`.
fn spans(doc: &Doc) -> Vec<String> {
    doc.spans
        .iter()
        .map(|s| {
            let mut out = format!("{} {:?}", s.label, &doc.text[s.cover()]);
            for a in &s.attributes {
                out.push_str(&format!(" {}={}", a.name, a.value.as_deref().unwrap_or("")));
            }
            for k in s.ids.iter().map(|i| format!(" #{i}")).chain(s.same_as.iter().map(|k| format!(" ={k}"))) {
                out.push_str(&k);
            }
            out
        })
        .collect()
}

/// Each link as `from-text -kind-> to-text`.
fn links(doc: &Doc) -> Vec<String> {
    let text = |i: usize| &doc.text[doc.spans[i].cover()];
    doc.links.iter().map(|l| format!("{} -{}-> {}", text(l.from), l.kind, text(l.to))).collect()
}

#[test]
fn spans_relations_and_emoji_shifted_utf16_offsets() {
    let imported = ok("ner-dependency.tsv", &fixture("ner-dependency.tsv"));
    let doc = &imported.documents[0];
    assert_eq!(doc.id, "ner-dependency");
    assert_eq!(doc.text, "Тоқаев 👍 met Samruk Kazyna .\nAstana 😀 hosts KEGOC .\n");
    assert_eq!(doc.note, None);
    let ne: Vec<String> = spans(doc).into_iter().filter(|s| s.contains("layer=NamedEntity")).collect();
    assert_eq!(
        ne,
        [
            "PER \"Тоқаев\" layer=NamedEntity identifier=Q1",
            "ORG \"Samruk Kazyna\" layer=NamedEntity #1",
            "LOC \"Astana\" layer=NamedEntity #2",
            "GPE \"Astana\" layer=NamedEntity identifier=Q2 #3",
            "ORG \"KEGOC\" layer=NamedEntity",
        ]
    );
    assert_eq!(doc.spans.len(), 16, "11 POS and 5 NamedEntity spans");
    // The emoji counts two UTF-16 units: 7-9 and 10-13 are these bytes.
    assert_eq!((doc.spans[2].fragments.len(), doc.spans[2].cover()), (1, 13..17));
    assert_eq!((doc.spans[3].fragments.len(), doc.spans[3].cover()), (1, 18..21));
    assert_eq!(doc.spans[3].position, Some((10, 15)));
    assert_eq!(
        links(doc),
        [
            "met -NSUBJ-> Тоқаев",
            "met -DEP-> 👍",
            "met -ROOT-> met",
            ". -P-> met",
            "met -OBJ-> Samruk",
            "Samruk -FLAT-> Kazyna",
            "hosts -NSUBJ-> Astana",
            "hosts -ROOT-> hosts",
            "hosts -OBJ-> KEGOC",
            "hosts -P-> .",
        ]
    );
    // Dependencies link POS spans, governor to dependent.
    let first = &doc.links[0];
    assert_eq!((doc.spans[first.from].label.as_str(), doc.spans[first.to].label.as_str()), ("VBD", "NNP"));
    assert_eq!(first.attributes, [Attribute { name: "layer".into(), value: Some("Dependency".into()) }]);
    assert_eq!(first.position, Some((8, 27)));
    assert!(imported.not_imported.is_empty() && imported.warnings.is_empty());
}

#[test]
fn a_sentence_over_two_text_lines_escapes_and_a_padded_gap() {
    let imported = ok("multiline.tsv", &fixture("multiline.tsv"));
    let doc = &imported.documents[0];
    assert_eq!(doc.text, "Almaty,\nthe south\\capital\n   Tab\there\n");
    assert_eq!(doc.note.as_deref(), Some(PADDED_NOTE));
    assert_eq!(spans(doc), ["Almaty \"Almaty\" layer=Place", "Place \"south\\\\capital\" layer=Place"]);
}

#[test]
fn coreference_chains_share_a_key_and_link_in_order() {
    let imported = ok("chain.tsv", &fixture("chain.tsv"));
    let doc = &imported.documents[0];
    assert_eq!(
        spans(doc),
        [
            "nam \"Nazarbayev\" layer=CoreferenceLink =chain:chain:1",
            "pro \"he\" layer=CoreferenceLink =chain:chain:1",
            "nam \"Aktau\" layer=CoreferenceLink =chain:chain:2",
            "nom \"The former president\" layer=CoreferenceLink referenceRelation=anaphoric =chain:chain:1",
            "nom \"the port city\" layer=CoreferenceLink =chain:chain:2",
        ]
    );
    assert_eq!(
        links(doc),
        ["Nazarbayev -coref-> he", "he -coref-> The former president", "Aktau -CoreferenceLink-> the port city"]
    );
}

#[test]
fn sub_tokens_have_their_own_offsets_and_zero_length_ones_are_counted() {
    let imported = ok("subtoken.tsv", &fixture("subtoken.tsv"));
    let doc = &imported.documents[0];
    assert_eq!(spans(doc), ["STEM \"Qazaqstan\" layer=Morph", "LOC \"da\" layer=Morph"]);
    assert_eq!(imported.not_imported, [("zero-length annotations".to_string(), 1)]);
}

#[test]
fn a_span_may_cross_sentences() {
    let imported = ok("cross-sentence.tsv", &fixture("cross-sentence.tsv"));
    assert_eq!(spans(&imported.documents[0]), ["Quote \"rose .\\nTenge fell\" layer=Quote #1"]);
}

#[test]
fn relations_by_disambiguation_ids_and_on_tokens() {
    let imported = ok("relations.tsv", &fixture("relations.tsv"));
    let doc = &imported.documents[0];
    assert_eq!(
        spans(doc),
        [
            "PER \"Beibut Atamkulov\" layer=NamedEntity #1",
            "ORG \"ministry\" layer=NamedEntity",
            "ROLE \"ministry\" layer=NamedEntity #2",
            "Token \"Atamkulov\" layer=Token",
            "Token \"heads\" layer=Token",
        ]
    );
    assert_eq!(links(doc), ["Atamkulov -nsubj-> heads", "Beibut Atamkulov -head-of-> ministry"]);
    assert_eq!(doc.links[1].to, 2, "[1_2] names the stacked ROLE, not the ORG");
}

#[test]
fn slot_features_link_their_owner_to_each_target() {
    let imported = ok("slots.tsv", &fixture("slots.tsv"));
    let doc = &imported.documents[0];
    assert_eq!(
        spans(doc),
        ["Arg \"KazAtomProm\" layer=Arg", "deal \"signed\" layer=Event", "Arg \"Cameco\" layer=Arg"]
    );
    assert_eq!(links(doc), ["signed -buyer-> KazAtomProm", "signed -seller-> Cameco"]);
    assert_eq!(doc.links[0].attributes, [Attribute { name: "slot".into(), value: Some("args".into()) }]);
}

#[test]
fn escaped_values_are_unescaped() {
    let imported = ok("escapes.tsv", &fixture("escapes.tsv"));
    let labels: Vec<&str> = imported.documents[0].spans.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(labels, ["lang|code", "R_2[x]", "a->b;c*"]);
}

#[test]
fn every_fault_is_a_problem_with_its_line() {
    let problems = read_str("malformed.tsv", &fixture("malformed.tsv")).unwrap_err();
    assert_eq!(
        messages(&problems),
        [
            "malformed.tsv:8:18: the cell of column 6 is empty (a cell that holds nothing is _)",
            "malformed.tsv:10:5: \"18-x\" is not begin-end offsets",
            "malformed.tsv:11:9: 1-5: the token is \"Astana\" but the text at 0-5 is \"Astan\"",
            "malformed.tsv:7:16: 1-1: \"x\" is not a disambiguation id (a number in brackets)",
            "malformed.tsv:9:27: 1-3: the relation's governor: no row has the address \"1-9\"",
        ]
    );
    let json = r#"{"text": "Astana"}"#;
    assert_eq!(
        messages(&read_str("x.tsv", json).unwrap_err()),
        [
            "x.tsv:1:1: not a WebAnno TSV 3 file: the first line should be #FORMAT=WebAnno TSV 3.x, not \"{\"text\": \"Astana\"}\""
        ]
    );
    let header_only = "#FORMAT=WebAnno TSV 3.3\n#T_RL=webanno.custom.R|value\n\n\n";
    assert_eq!(
        messages(&read_str("h.tsv", header_only).unwrap_err()),
        ["h.tsv:2:1: the relation layer webanno.custom.R has no BT_ column naming the type it links"]
    );
    assert_eq!(messages(&read_str("e.tsv", "#FORMAT=WebAnno TSV 3.2\n\n\n").unwrap_err()), ["e.tsv: no token rows"]);
    let far = "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.S|\n\n\n#Text=a\n1-1\t99999999999-99999999999\ta\t*\t\n";
    assert_eq!(
        messages(&read_str("f.tsv", far).unwrap_err()),
        [
            "f.tsv:6:5: the sentence of line 5 starts at 99999999999, far past the text before it (0 long)",
            "f.tsv:6:29: 1-1: end 99999999999 is past the end of the text (2 long)"
        ]
    );
}

#[test]
fn real_inception_and_dkpro_files() {
    let imported = ok("example2.tsv", &real("inception__tsv3/example2.tsv"));
    let doc = &imported.documents[0];
    assert_eq!(doc.id, "example2");
    assert!(doc.text.starts_with("Ms. Haag plays Elianti .\nRolls-Royce Motor Cars Inc. said"));
    let ne: Vec<String> = spans(doc).into_iter().filter(|s| s.contains("layer=NamedEntity")).collect();
    assert_eq!(
        ne,
        [
            "PER \"Ms. Haag\" layer=NamedEntity #2",
            "OTH \"Elianti\" layer=NamedEntity",
            "ORG \"Rolls-Royce Motor\" layer=NamedEntity #4",
            "LOC \"U.S.\" layer=NamedEntity",
            "LOC \"U.S.\" layer=NamedEntity",
            "ORG \"BELL INDUSTRIES Inc.\" layer=NamedEntity #7",
            "PER \"BELL\" layer=NamedEntity #8",
            "ORG \"Bell\" layer=NamedEntity",
            "LOC \"Los Angeles\" layer=NamedEntity #10",
        ]
    );
    let pos = doc.spans.iter().filter(|s| s.attributes[0].value.as_deref() == Some("POS")).count();
    assert_eq!(pos, 86, "one POS span per token");
    assert_eq!(doc.links.len(), LINKS_IN_EXAMPLE2);
    let stacked: Vec<String> = links(doc).into_iter().take(4).collect();
    assert_eq!(stacked, ["plays -SUBJ-> Ms.", "plays -SBJ-> Haag", ". -P-> plays", "plays -ROOT-> plays"]);
    assert!(imported.not_imported.is_empty());

    let rel =
        ok("reference.tsv", &real("dkpro-core__tsv3-suite/testSingleTokenRelationWithFeatureValue/reference.tsv"));
    let doc = &rel.documents[0];
    assert_eq!(spans(doc), ["Token \"This\" layer=Token", "Token \".\" layer=Token"]);
    assert_eq!(links(doc), ["This -nsubj-> ."]);

    let lines = ok("reference.tsv", &real("dkpro-core__tsv3-suite/testSentenceWithLineBreak/reference.tsv"));
    let doc = &lines.documents[0];
    assert_eq!(doc.text, "This is\na test .\n");
    assert_eq!(spans(doc), ["Span \"This\" layer=Span"]);
}

/// 86 dependency values: 3 rows have none, 3 have two stacked.
const LINKS_IN_EXAMPLE2: usize = 86;

/// Every span on char boundaries, in range, non-empty; every link in range.
fn assert_sound(imported: &Imported) {
    for doc in &imported.documents {
        for span in &doc.spans {
            for f in &span.fragments {
                assert!(f.start < f.end && doc.text.get(f.clone()).is_some(), "{f:?} in {:?}", doc.text);
            }
        }
        assert!(doc.links.iter().all(|l| l.from < doc.spans.len() && l.to < doc.spans.len()));
    }
}

#[test]
fn mangled_fixtures_never_panic() {
    let names = [
        "ner-dependency.tsv",
        "multiline.tsv",
        "chain.tsv",
        "subtoken.tsv",
        "cross-sentence.tsv",
        "relations.tsv",
        "slots.tsv",
        "escapes.tsv",
        "malformed.tsv",
    ];
    for name in names {
        let text = fixture(name);
        for (n, (i, c)) in text.char_indices().enumerate() {
            if let Ok(imported) = read_str(name, &text[..i]) {
                assert_sound(&imported);
            }
            if n % 2 != 0 {
                continue;
            }
            for with in ["\t", "|", "[", "]", "_", "*", "\\", "\n", "-", "9", "😀", "->1-1", "[0_9]"] {
                let mut mangled = text.clone();
                mangled.replace_range(i..i + c.len_utf8(), with);
                if let Ok(imported) = read_str(name, &mangled) {
                    assert_sound(&imported);
                }
            }
        }
    }
}
