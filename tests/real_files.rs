//! Every real file other tools wrote (in ../shared/corpora/real, see its
//! PROVENANCE.md) opens: the reader chosen for it, and the documents,
//! spans, entities and relations it became — counted by hand from each file.
//! A file missing from ../shared fails, never skips.

use std::path::{Path, PathBuf};

use dossier::data::load::load_paths;

fn real(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/real").join(path)
}

struct Expected {
    paths: &'static [&'static str],
    reader: &'static str,
    documents: usize,
    spans: usize,
    entities: usize,
    links: usize,
    not_imported: &'static [(&'static str, usize)],
}

const PAGES: &str = "tests/fixtures/import/w3c/pages.json";

#[rustfmt::skip]
const FILES: &[Expected] = &[
    Expected { paths: &["brat/nlplab-brat__tutorials-news/000-introduction.ann"], reader: "brat", documents: 1, spans: 7, entities: 7, links: 6, not_imported: &[] },
    Expected { paths: &["brat/nlplab-brat__BioNLP-ST_2011_GE/PMID-10438843.txt"], reader: "brat", documents: 1, spans: 31, entities: 13, links: 12, not_imported: &[] },
    Expected { paths: &["brat/dkpro-core__io-brat/"], reader: "brat", documents: 1, spans: 4, entities: 4, links: 0, not_imported: &[] },
    Expected { paths: &["brat/pie-datasets__brat/2.ann"], reader: "brat", documents: 1, spans: 2, entities: 2, links: 1, not_imported: &[] },
    Expected { paths: &["doccano/doccano__export-relation_extraction/example.jsonl"], reader: "doccano", documents: 1, spans: 4, entities: 4, links: 3, not_imported: &[] },
    Expected { paths: &["doccano/doccano__import-relation_extraction/example.jsonl"], reader: "doccano", documents: 1, spans: 4, entities: 4, links: 3, not_imported: &[] },
    Expected { paths: &["doccano/doccano__export-sequence_labeling/example.jsonl"], reader: "doccano", documents: 3, spans: 4, entities: 4, links: 0, not_imported: &[] },
    Expected { paths: &["doccano/doccano__import-tests-sequence_labeling/example.jsonl"], reader: "doccano", documents: 2, spans: 1, entities: 1, links: 0, not_imported: &[("meta field \"wikiPageID\"", 2)] },
    Expected { paths: &["label-studio/ls-frontend__named_entity/tasks.json"], reader: "label-studio", documents: 1, spans: 1, entities: 1, links: 0, not_imported: &[] },
    Expected { paths: &["label-studio/ls-frontend__named_entity/annotations/1.json"], reader: "label-studio", documents: 1, spans: 1, entities: 1, links: 0, not_imported: &[] },
    Expected { paths: &["spacy/projects__nel_emerson/emerson_annotated_text.jsonl"], reader: "prodigy", documents: 30, spans: 30, entities: 3, links: 0, not_imported: &[("meta field \"score\"", 30), ("options not chosen", 120)] },
    Expected { paths: &["spacy/projects__ner_demo/train.json"], reader: "spacy", documents: 2, spans: 3, entities: 3, links: 0, not_imported: &[] },
    Expected { paths: &["spacy/spaCy__extra-example_data/training-data.json"], reader: "spacy-v2", documents: 1, spans: 11, entities: 11, links: 0, not_imported: &[("brackets", 37), ("dependency arcs", 54), ("POS tags", 54)] },
    Expected { paths: &["conll/spaCy__ner_example_data/ner-token-per-line-conll2003.iob"], reader: "conll", documents: 1, spans: 7, entities: 7, links: 0, not_imported: &[("POS tags", 66)] },
    Expected { paths: &["conll/spaCy__ner_example_data/ner-sent-per-line.iob"], reader: "conll", documents: 1, spans: 7, entities: 7, links: 0, not_imported: &[("POS tags", 66)] },
    Expected { paths: &["webanno-tsv/inception__tsv3/example2.tsv"], reader: "webanno-tsv", documents: 1, spans: 95, entities: 74, links: 86, not_imported: &[] },
    Expected { paths: &["webanno-tsv/dkpro-core__tsv3-suite/testSingleTokenRelationWithFeatureValue/reference.tsv"], reader: "webanno-tsv", documents: 1, spans: 2, entities: 2, links: 1, not_imported: &[] },
    Expected { paths: &["webanno-tsv/dkpro-core__tsv3-suite/testSentenceWithLineBreak/reference.tsv"], reader: "webanno-tsv", documents: 1, spans: 1, entities: 1, links: 0, not_imported: &[] },
    Expected { paths: &[PAGES, "w3c-annotation/w3c-web-annotation-tests__samples/anno26.json"], reader: "w3c", documents: 2, spans: 1, entities: 1, links: 0, not_imported: &[] },
    Expected { paths: &[PAGES, "w3c-annotation/w3c-web-annotation-tests__samples/anno27.json"], reader: "w3c", documents: 2, spans: 1, entities: 1, links: 0, not_imported: &[] },
    Expected {
        paths: &[PAGES, "w3c-annotation/w3c-web-annotation-tests__samples/collection1.json"], reader: "w3c", documents: 2, spans: 3, entities: 3, links: 0,
        not_imported: &[("targets without a selector", 38), ("selectors given by IRI", 2), ("CssSelector targets", 1), ("XPathSelector targets", 1), ("DataPositionSelector targets", 1), ("SvgSelector targets", 2), ("RangeSelector targets", 1), ("FragmentSelector targets", 1)],
    },
];

#[test]
fn every_real_file_opens_with_the_counts_it_holds() {
    for e in FILES {
        let paths: Vec<PathBuf> = e
            .paths
            .iter()
            .map(|p| if *p == PAGES { Path::new(env!("CARGO_MANIFEST_DIR")).join(p) } else { real(p) })
            .collect();
        let name = e.paths.last().unwrap();
        let corpus = load_paths(&paths).unwrap_or_else(|f| panic!("{name}: {f}"));
        let imported = corpus.imported().expect("imported");
        let source = imported.sources.last().expect("one source");
        let not_imported: Vec<(&str, usize)> = source.not_imported.iter().map(|(w, n)| (w.as_str(), *n)).collect();
        assert_eq!(
            (
                source.reader.as_str(),
                corpus.documents().len(),
                imported.spans,
                corpus.entities().len(),
                corpus.mention_links().len()
            ),
            (e.reader, e.documents, e.spans, e.entities, e.links),
            "{name}"
        );
        assert_eq!(not_imported, e.not_imported, "{name}");
    }
}
