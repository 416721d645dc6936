//! docs/format.md stays true: its complete example loads, and every field
//! the loader accepts is documented there.

use dossier::data::load::{Source, load_sources};

fn json_blocks(md: &str) -> Vec<String> {
    md.split("```json").skip(1).map(|rest| rest.split("```").next().unwrap().to_string()).collect()
}

#[test]
fn the_complete_example_loads() {
    let md = std::fs::read_to_string("docs/format.md").unwrap();
    let example = &json_blocks(&md)[0];
    let corpus = load_sources(&[Source::new("docs/format.md example", example.as_str())], "example").unwrap();
    assert_eq!(corpus.documents().len(), 1);
    assert_eq!(corpus.entities().len(), 2);
    assert_eq!(corpus.mentions().len(), 3);
    assert_eq!(corpus.claims().len(), 2);
    let denial = corpus.claim_by_id("denial").unwrap();
    assert_eq!(corpus.links(denial)[0].label(), "elaborates");
}

#[test]
fn every_field_is_documented() {
    let md = std::fs::read_to_string("docs/format.md").unwrap();
    let fields = [
        "format",
        "documents",
        "entities",
        "claims",
        "id",
        "text",
        "title",
        "authors",
        "role",
        "affiliation",
        "entity",
        "source",
        "url",
        "published",
        "language",
        "genre",
        "translated",
        "translated_from",
        "note",
        "name",
        "kind",
        "aliases",
        "description",
        "mentions",
        "document",
        "span",
        "claimant",
        "about",
        "relations",
        "claim",
        "relation",
        "summary",
        "start",
        "end",
        "quote",
        "prefix",
        "suffix",
        "occurrence",
        "fragments",
        "ids",
        "label",
        "attributes",
        "references",
        "value",
        "target",
        "notes",
        "mention",
    ];
    for f in fields {
        assert!(md.contains(&format!("`{f}`")), "docs/format.md does not document `{f}`");
    }
}
