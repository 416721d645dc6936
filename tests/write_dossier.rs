//! The dossier/1 writer: a corpus written and read back is the same corpus,
//! item by item — the built-in one, one with discontinuous mentions,
//! details and relations, and one built in memory whose links point to
//! mentions without ids; and what the format cannot hold is refused.

use std::path::PathBuf;

use dossier::data::load::{Source, builtin, load_paths, load_sources};
use dossier::data::model::{
    Corpus, CorpusBuilder, DocIdx, Document, Entity, EntityIdx, EntityKind, Mention, MentionDetail, MentionIdx,
    PendingLink, Span,
};
use dossier::data::write::dossier::write;

fn written(corpus: &Corpus) -> String {
    let mut out = Vec::new();
    write(corpus, &mut out).expect("written");
    String::from_utf8(out).expect("UTF-8")
}

fn read_back(text: &str) -> Corpus {
    match load_sources(&[Source::new("written.json", text)], "written") {
        Ok(c) => c,
        Err(f) => panic!("{}\n{text}", f.problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")),
    }
}

/// The links of a corpus, each by its ends, sorted (their order is the
/// order they were read in, which a file written entity by entity changes).
fn links(c: &Corpus) -> Vec<String> {
    let mut all: Vec<String> = c.mention_links().iter().map(|l| format!("{l:?}")).collect();
    all.sort();
    all
}

/// Everything the model holds, compared item by item.
fn assert_same(a: &Corpus, b: &Corpus) {
    assert_eq!(a.documents(), b.documents());
    assert_eq!(a.entities(), b.entities());
    assert_eq!(a.mentions(), b.mentions());
    assert_eq!(a.claims(), b.claims());
    for m in 0..a.mentions().len() {
        let m = MentionIdx::from_index(m);
        assert_eq!(a.mention_detail(m), b.mention_detail(m), "mention {m:?}");
    }
    assert_eq!(links(a), links(b));
}

#[test]
fn the_builtin_corpus_written_and_read_back_is_the_same() {
    let corpus = builtin::load().expect("built-in corpus");
    let text = written(&corpus);
    let again = read_back(&text);
    assert_same(&corpus, &again);
    // Written again, it is the same file.
    assert_eq!(written(&again), text);
}

#[test]
fn a_corpus_with_fragments_details_and_relations_written_and_read_back_is_the_same() {
    let paths = ["good.json", "good-extra.json"].map(|f| PathBuf::from(format!("tests/fixtures/details/{f}")));
    let corpus = load_paths(&paths).expect("fixture");
    assert!(corpus.has_mention_annotations());
    let text = written(&corpus);
    assert_same(&corpus, &read_back(&text));
    // A discontinuous mention is written with fragments, each with offsets
    // in characters (an emoji flag is two) and its quote; one mention a line.
    let line = text.lines().find(|l| l.contains("\"T7\"")).expect("the mention");
    assert_eq!(
        line.trim().trim_end_matches(","),
        r#"{"document": "summit", "fragments": [{"start": 43, "end": 53, "quote": "Президенты"}, {"start": 67, "end": 78, "quote": "Узбекистана"}], "ids": ["T7", "E1"], "label": "PER"}"#
    );
    let line = text.lines().find(|l| l.contains("\"R2\"")).expect("the relation");
    assert_eq!(
        line.trim().trim_end_matches(","),
        r#"{"document": "statement", "start": 61, "end": 67, "quote": "Astana", "ids": ["T5"], "relations": [{"mention": "T6", "relation": "partner", "id": "R2", "attributes": [{"name": "Confidence", "value": "High"}, {"name": "Reciprocal"}]}, {"mention": "T6", "relation": "partner", "id": "R3"}, {"mention": "T5", "relation": "self"}]}"#
    );
}

#[test]
fn the_sample_corpus_written_and_read_back_is_the_same() {
    let corpus = load_paths(&[PathBuf::from("tests/fixtures/sample.json")]).expect("sample");
    assert_same(&corpus, &read_back(&written(&corpus)));
}

fn doc(id: &str, text: &str) -> Document {
    Document { id: id.into(), text: text.into(), chars: text.chars().count(), ..Default::default() }
}

fn entity(id: &str) -> Entity {
    Entity { id: id.into(), name: id.into(), kind: EntityKind::Place, aliases: vec![], description: String::new() }
}

fn link(from: Mention, to: Mention) -> PendingLink {
    PendingLink { from, to, kind: "near".into(), id: None, attributes: vec![], notes: vec![] }
}

/// Two documents, mentions of Astana and Almaty; `cross` links across them.
fn built(cross: bool) -> Corpus {
    let mut b = CorpusBuilder::default();
    b.documents.push(doc("d", "Astana — Almaty: _m1 road."));
    b.documents.push(doc("e", "Almaty."));
    b.entities.push(entity("astana"));
    b.entities.push(entity("almaty"));
    let m = |e, d, s, t| Mention { entity: EntityIdx(e), doc: DocIdx(d), span: Span::new(s, t) };
    let (astana, almaty, almaty_e) = (m(0, 0, 0, 6), m(1, 0, 11, 17), m(1, 1, 0, 6));
    b.mentions.extend([astana, almaty, almaty_e]);
    // A mention already called `_m1`: the id made for the other must differ.
    b.details.push((almaty, MentionDetail::default()));
    b.details.push((astana, MentionDetail { ids: vec!["_m1".into()], ..Default::default() }));
    b.links.push(link(astana, almaty));
    b.links.push(link(almaty, astana));
    if cross {
        b.links.push(link(astana, almaty_e));
    }
    b.finish()
}

#[test]
fn a_mention_a_relation_points_to_is_given_an_id_when_it_has_none() {
    let corpus = built(false);
    let text = written(&corpus);
    let again = read_back(&text);
    assert_eq!(again.mention_links().len(), 2);
    let almaty = again.entity_mentions(again.entity_by_id("almaty").unwrap())[0];
    assert_eq!(again.mention_detail(almaty).unwrap().ids, ["_m2"]);
    assert_eq!(links(&corpus).len(), links(&again).len());
    let ends: Vec<(&str, &str)> = again
        .mention_links()
        .iter()
        .map(|l| {
            (
                again.entity(again.mention(l.from).entity).id.as_str(),
                again.entity(again.mention(l.to).entity).id.as_str(),
            )
        })
        .collect();
    assert_eq!(ends, [("astana", "almaty"), ("almaty", "astana")]);
}

#[test]
fn a_link_across_documents_is_refused_before_anything_is_written() {
    let mut out = Vec::new();
    let err = write(&built(true), &mut out).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    assert!(err.to_string().contains("relates mentions within a document"), "{err}");
    assert!(out.is_empty());
}

#[test]
fn a_writer_that_fails_is_reported() {
    struct Full;
    impl std::io::Write for Full {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "disk full"))
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let corpus = builtin::load().unwrap();
    assert_eq!(write(&corpus, &mut Full).unwrap_err().kind(), std::io::ErrorKind::StorageFull);
}

/// A manual check on a large corpus: `DOSSIER_WRITE_LARGE=/tmp/large.json
/// cargo test --release --test write_dossier -- --ignored --nocapture`.
#[test]
#[ignore]
fn a_large_corpus_written_and_read_back_is_the_same() {
    let path = std::env::var("DOSSIER_WRITE_LARGE").expect("DOSSIER_WRITE_LARGE names a corpus");
    let t = std::time::Instant::now();
    let corpus = load_paths(&[PathBuf::from(&path)]).expect("corpus");
    eprintln!("loaded in {:?}", t.elapsed());
    let out_path = format!("{path}.written.json");
    let t = std::time::Instant::now();
    let mut out = std::fs::File::create(&out_path).unwrap();
    write(&corpus, &mut out).unwrap();
    drop(out);
    let size = std::fs::metadata(&out_path).unwrap().len();
    eprintln!("written in {:?}: {size} bytes to {out_path}", t.elapsed());
    let t = std::time::Instant::now();
    let again = load_paths(&[PathBuf::from(&out_path)]).expect("read back");
    eprintln!("read back in {:?}", t.elapsed());
    assert_same(&corpus, &again);
}
