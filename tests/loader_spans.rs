//! Spans in every shape the format allows resolve to the same text, in
//! corpus order across files; a span that fails is reported where it was
//! written. The loader takes the common shape (offsets, perhaps a quote) by a
//! fast walk and everything else by the anchorer; these tests hold both ways
//! to the same results.

use dossier::data::load::{Source, load_sources};
use dossier::data::model::Corpus;

const TEXT: &str = "Токаев met \\\"Putin\\\" in Astana; Astana was cold. Tokayev smiled.";

fn corpus_file(mentions: &str, claims: &str) -> String {
    format!(
        r#"{{"documents": [{{"id": "d", "text": "{TEXT}"}}, {{"id": "e", "text": "Plain ASCII, Astana again."}}],
 "entities": [
  {{"id": "tokaev", "name": "Kassym-Jomart Tokayev", "kind": "person", "mentions": [{mentions}]}},
  {{"id": "astana", "name": "Astana", "kind": "place", "mentions": [
     {{"document": "e", "start": 13, "end": 19, "quote": "Astana"}},
     {{"document": "d", "quote": "Astana", "occurrence": 2}},
     {{"document": "d", "start": 22, "end": 28}}]}},
  {{"id": "putin", "name": "Vladimir Putin", "kind": "person", "mentions": [
     {{"document": "d", "start": 11, "end": 18, "quote": "\"Putin\""}}]}}],
 "claims": [{claims}]}}"#
    )
}

fn load(text: &str) -> Result<Corpus, String> {
    load_sources(&[Source::new("spans.json", text)], "spans.json").map_err(|f| f.to_string())
}

/// Every mention as `document entity: text`, in the corpus's order.
fn mentions(c: &Corpus) -> Vec<String> {
    c.mentions()
        .iter()
        .map(|m| {
            let d = c.doc(m.doc);
            format!("{} {}: {}", d.id, c.entity(m.entity).id, &d.text[m.span.range()])
        })
        .collect()
}

#[test]
fn offsets_quotes_escapes_and_occurrences_agree() {
    let c = load(&corpus_file(
        r#"{"document": "d", "start": 47, "end": 54, "quote": "Tokayev"},
           {"document": "d", "start": 0, "end": 6}"#,
        r#"{"id": "c1", "document": "d", "kind": "fact", "span": {"start": 22, "end": 46, "quote": "Astana; Astana was cold."}},
           {"id": "c2", "document": "e", "kind": "fact", "span": {"quote": "Plain ASCII"}},
           {"id": "c3", "document": "d", "kind": "quote", "span": {"start": 11, "end": 18, "quote": "\"Putin\""}}"#,
    ))
    .unwrap();
    assert_eq!(
        mentions(&c),
        [
            "d tokaev: Токаев",
            "d putin: \"Putin\"",
            "d astana: Astana",
            "d astana: Astana",
            "d tokaev: Tokayev",
            "e astana: Astana",
        ]
    );
    let claims: Vec<&str> = c.claims().iter().map(|cl| &c.doc(cl.doc).text[cl.span.range()]).collect();
    assert_eq!(claims, ["Astana; Astana was cold.", "Plain ASCII", "\"Putin\""]);
    let chars: Vec<usize> = c.documents().iter().map(|d| d.chars).collect();
    assert_eq!(chars, [c.documents()[0].text.chars().count(), 26]);
}

#[test]
fn the_same_mention_twice_is_reported_at_the_second_with_the_first() {
    let e = load(&corpus_file(
        r#"{"document": "d", "start": 0, "end": 6},
           {"document": "d", "quote": "Токаев"}"#,
        "",
    ))
    .unwrap_err();
    assert!(
        e.contains(
            "spans.json:4:12: entity \"tokaev\", mention 2: the same mention is given twice (also at spans.json:3:84)"
        ),
        "{e}"
    );
}

#[test]
fn offsets_that_disagree_with_the_quote_are_reported_by_the_anchorer() {
    let e = load(&corpus_file(
        r#"{"document": "d", "start": 1, "end": 7, "quote": "Токаев"}"#,
        r#"{"id": "c1", "document": "e", "kind": "fact", "span": {"start": 0, "end": 99}}"#,
    ))
    .unwrap_err();
    let lines: Vec<&str> = e.lines().collect();
    assert_eq!(lines.len(), 2, "{e}");
    assert!(lines[0].contains("entity \"tokaev\", mention 1: "), "{e}");
    assert!(lines[0].contains("\"Токаев\""), "{e}");
    assert!(
        lines[1].contains("claim \"c1\", span: span 0..99 runs past the end of document \"e\" (26 characters)"),
        "{e}"
    );
}

fn load_files(files: &[(&str, &str)]) -> Result<Corpus, String> {
    let sources: Vec<Source> = files.iter().map(|(name, text)| Source::new(*name, *text)).collect();
    load_sources(&sources, "corpus").map_err(|f| f.to_string())
}

const FIRST: &str = r#"{"documents": [{"id": "d1", "text": "Tokayev went to Moscow."}],
 "entities": [{"id": "t", "name": "Kassym-Jomart Tokayev", "kind": "person", "aliases": ["Tokayev"],
   "mentions": [{"document": "d2", "start": 0, "end": 6}, {"document": "d1", "start": 0, "end": 7}]}]}"#;

#[test]
fn an_entity_in_two_files_is_one_entity_with_the_mentions_of_both() {
    let second = r#"{"documents": [{"id": "d2", "text": "Токаев said no."}],
     "entities": [{"id": "t", "aliases": ["Токаев", "Tokayev"], "mentions": [{"document": "d2", "quote": "said"}]},
                  {"id": "m", "name": "Moscow", "kind": "place", "mentions": [{"document": "d1", "start": 16, "end": 22}]}]}"#;
    let c = load_files(&[("a.json", FIRST), ("b.json", second)]).unwrap();
    assert_eq!(mentions(&c), ["d1 t: Tokayev", "d1 m: Moscow", "d2 t: Токаев", "d2 t: said"]);
    let t = c.entity(c.entity_by_id("t").unwrap());
    assert_eq!(
        (t.name.as_str(), t.aliases.clone()),
        ("Kassym-Jomart Tokayev", vec!["Tokayev".to_string(), "Токаев".into()])
    );
}

#[test]
fn files_that_disagree_about_an_entity_are_each_named() {
    let second = r#"{"documents": [{"id": "d2", "text": "Токаев said no."}],
     "entities": [{"id": "t", "kind": "place", "mentions": []}, {"id": "t", "name": "Again", "kind": "person"}]}"#;
    let e = load_files(&[("a.json", FIRST), ("b.json", second)]).unwrap_err();
    assert_eq!(
        e,
        "b.json:2:19: entity \"t\": kind \"place\" differs from \"person\" given at a.json:2:15\n\
         b.json:2:65: entity \"t\": entity id defined twice in this file (first at b.json:2:19)"
    );
}

#[test]
fn the_lists_may_come_in_any_order() {
    let text = r#"{"claims": [{"id": "c", "document": "d1", "kind": "fact", "span": {"start": 0, "end": 7}}],
      "entities": [{"id": "t", "name": "Tokayev", "kind": "person", "mentions": [{"document": "d1", "start": 0, "end": 7}]}],
      "format": "dossier/1",
      "documents": [{"id": "d1", "text": "Tokayev went to Moscow."}]}"#;
    let c = load(text).unwrap();
    assert_eq!(mentions(&c), ["d1 t: Tokayev"]);
    assert_eq!(c.claims().len(), 1);
}
