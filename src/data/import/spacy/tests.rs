use super::*;
use crate::data::import::Input;

#[test]
fn dump_real() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora/real/");
    for (path, f) in [
        ("spacy/projects__nel_emerson/emerson_annotated_text.jsonl", read_prodigy as fn(Input) -> _),
        ("spacy/projects__ner_demo/train.json", read_tuples),
        ("spacy/spaCy__extra-example_data/training-data.json", read_v2),
        ("doccano/doccano__export-relation_extraction/example.jsonl", crate::data::import::doccano::read),
        ("doccano/doccano__export-sequence_labeling/example.jsonl", crate::data::import::doccano::read),
        ("doccano/doccano__import-relation_extraction/example.jsonl", crate::data::import::doccano::read),
        ("doccano/doccano__import-tests-sequence_labeling/example.jsonl", crate::data::import::doccano::read),
    ] {
        let text = std::fs::read_to_string(format!("{root}{path}")).unwrap();
        let r = f(Input { name: path, text: &text });
        match r {
            Ok(i) => {
                println!(
                    "{path}: docs {} spans {} links {} not {:?}",
                    i.documents.len(),
                    i.documents.iter().map(|d| d.spans.len()).sum::<usize>(),
                    i.documents.iter().map(|d| d.links.len()).sum::<usize>(),
                    i.not_imported
                );
                for w in &i.warnings {
                    println!("  W {w}");
                }
                for d in i.documents.iter().take(3) {
                    println!("  doc {} {:?} note {:?}", d.id, d.position, d.note);
                    for s in &d.spans {
                        println!(
                            "    {:?} {:?} {:?} {:?} {:?}",
                            s.ids,
                            s.label,
                            s.fragments.iter().map(|f| &d.text[f.clone()]).collect::<Vec<_>>(),
                            s.attributes,
                            s.references
                        );
                    }
                    for l in &d.links {
                        println!("    link {:?}", l);
                    }
                }
            }
            Err(p) => {
                for p in p {
                    println!("{path}: E {p}");
                }
            }
        }
    }
}
