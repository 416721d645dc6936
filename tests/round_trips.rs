//! Round trips through the writers and the readers: what `convert` writes
//! reads back as the same spans, labels and relations (brat → dossier →
//! brat, doccano → dossier → doccano), and the built-in corpus written as
//! brat reads back with every mention, entity and relation.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use dossier::data::load::{builtin, load_paths};
use dossier::data::model::Corpus;

fn real(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/real").join(path)
}

/// A fresh directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/round-trips").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

type Spans = BTreeSet<(String, String, String)>;
type Links = BTreeSet<(String, String, String, String)>;

/// Every mention as (document, text, label), and every link as (document,
/// from text, kind, to text): what a round trip must keep.
fn spans_and_links(c: &Corpus) -> (Spans, Links) {
    let mut spans = BTreeSet::new();
    for (i, m) in c.mentions().iter().enumerate() {
        let m_idx = dossier::data::model::MentionIdx::from_index(i);
        let label = c
            .mention_detail(m_idx)
            .and_then(|d| d.label.clone())
            .or_else(|| c.entity_label(m.entity).map(str::to_string))
            .unwrap_or_else(|| c.entity(m.entity).kind.name().to_string());
        spans.insert((c.doc(m.doc).id.clone(), c.mention_text(m_idx).into_owned(), label));
    }
    let links = c
        .mention_links()
        .iter()
        .map(|l| {
            (
                c.doc(c.mention(l.from).doc).id.clone(),
                c.mention_text(l.from).into_owned(),
                l.kind.clone(),
                c.mention_text(l.to).into_owned(),
            )
        })
        .collect();
    (spans, links)
}

fn brat_again(corpus: &Corpus, name: &str) -> Corpus {
    let dir = scratch(name);
    dossier::data::write::brat::write(corpus, &dir).expect("written");
    load_paths(&[dir]).unwrap_or_else(|f| panic!("{f}"))
}

/// The corpus written as one dossier/1 file and read back.
fn through_dossier(corpus: &Corpus, name: &str) -> Corpus {
    let path = scratch(name).join("corpus.json");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    dossier::data::write::dossier::write(corpus, &mut out).expect("written");
    drop(out);
    load_paths(&[path]).unwrap_or_else(|f| panic!("{f}"))
}

fn doccano_again(corpus: &Corpus, name: &str) -> Corpus {
    let path = scratch(name).join("corpus.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    dossier::data::write::doccano::write(corpus, &mut out).expect("written");
    drop(out);
    load_paths(&[path]).unwrap_or_else(|f| panic!("{f}"))
}

/// Doccano keeps only spans, labels and relations: those, by document text.
fn doccano_view(c: &Corpus) -> (Spans, Links) {
    let (spans, links) = spans_and_links(c);
    let text_of = |id: &str| c.doc(c.doc_by_id(id).unwrap()).text.clone();
    (
        spans.into_iter().map(|(d, t, l)| (text_of(&d), t, l)).collect(),
        links.into_iter().map(|(d, a, k, b)| (text_of(&d), a, k, b)).collect(),
    )
}

#[test]
fn doccano_to_dossier_to_doccano_keeps_spans_labels_and_relations() {
    let files = [
        real("doccano/doccano__export-relation_extraction/example.jsonl"),
        real("doccano/doccano__export-sequence_labeling/example.jsonl"),
    ]
    .into_iter()
    .chain(
        [
            "relations.jsonl",
            "relations_without_ids.jsonl",
            "label.jsonl",
            "labels.jsonl",
            "annotations_1x.jsonl",
            "pretty.jsonl",
        ]
        .map(|f| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/doccano").join(f)),
    );
    for file in files {
        let first = load_paths(std::slice::from_ref(&file)).unwrap_or_else(|f| panic!("{f}"));
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let middle = through_dossier(&first, &format!("doccano-{name}"));
        let again = doccano_again(&middle, &format!("doccano-{name}-again"));
        assert_eq!(doccano_view(&first), doccano_view(&again), "{}", file.display());
    }
}

#[test]
fn brat_to_brat_keeps_spans_labels_and_relations() {
    for pair in [
        "brat/nlplab-brat__tutorials-news/000-introduction.ann",
        "brat/nlplab-brat__BioNLP-ST_2011_GE/PMID-10438843.ann",
        "brat/dkpro-core__io-brat/document0d.ann",
        "brat/pie-datasets__brat/2.ann",
    ] {
        let first = load_paths(&[real(pair)]).unwrap_or_else(|f| panic!("{f}"));
        let name = pair.split('/').nth(1).unwrap();
        let middle = through_dossier(&first, &format!("{name}-dossier"));
        let again = brat_again(&middle, name);
        assert_eq!(spans_and_links(&first), spans_and_links(&again), "{pair}");
        assert_eq!(first.entities().len(), again.entities().len(), "{pair}");
    }
}

#[test]
fn the_built_in_corpus_through_brat_keeps_every_mention_entity_and_relation() {
    let builtin = builtin::load().expect("built-in");
    let again = brat_again(&builtin, "builtin");
    assert_eq!(again.documents().len(), builtin.documents().len());
    assert_eq!(again.mentions().len(), builtin.mentions().len());
    assert_eq!(again.claims().len(), builtin.claims().len());
    assert_eq!(again.entities().len(), builtin.entities().len());
    // Entities with mentions keep their ids, names and mentions.
    for e in builtin.entity_indices().filter(|&e| builtin.mention_count(e) > 0) {
        let entity = builtin.entity(e);
        let back = again.entity_by_id(&entity.id).unwrap_or_else(|| panic!("entity {} lost", entity.id));
        assert_eq!(again.entity(back).name, entity.name);
        assert_eq!(again.entity(back).kind, entity.kind);
        assert_eq!(again.mention_count(back), builtin.mention_count(e), "{}", entity.id);
        assert_eq!(again.entity(back).description, entity.description, "{}", entity.id);
        let aliases = |e: &dossier::data::model::Entity| e.aliases.iter().cloned().collect::<BTreeSet<_>>();
        // Every alias comes back; forms the text spells but the entity did not list join them.
        assert!(aliases(again.entity(back)).is_superset(&aliases(entity)), "aliases of {}", entity.id);
    }
    // Claims keep their ids, kinds, claimants, topics and relations.
    for c in builtin.claims() {
        let back = again.claim(again.claim_by_id(&c.id).unwrap_or_else(|| panic!("claim {} lost", c.id)));
        assert_eq!(back.kind, c.kind, "{}", c.id);
        let name = |corpus: &Corpus, e: Option<dossier::data::model::EntityIdx>| e.map(|e| corpus.entity(e).id.clone());
        assert_eq!(name(&again, back.claimant), name(&builtin, c.claimant), "claimant of {}", c.id);
        let about = |corpus: &Corpus, list: &[dossier::data::model::EntityIdx]| {
            list.iter().map(|&e| corpus.entity(e).id.clone()).collect::<BTreeSet<_>>()
        };
        assert_eq!(about(&again, &back.about), about(&builtin, &c.about), "about of {}", c.id);
        let rels = |corpus: &Corpus, claim: &dossier::data::model::Claim| {
            claim.relations.iter().map(|r| (corpus.claim(r.target).id.clone(), r.kind.name())).collect::<BTreeSet<_>>()
        };
        assert_eq!(rels(&again, back), rels(&builtin, c), "relations of {}", c.id);
        assert_eq!(back.summary, c.summary, "summary of {}", c.id);
    }
}
