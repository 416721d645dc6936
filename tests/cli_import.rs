//! The commands on files of other tools, run as a user runs them: `check`
//! saying which reader read each file, `relations`, `convert` and its round
//! trip, `--from`, `--labels` and `--strict`.

use std::process::{Command, Output};

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const EVENTS: &str = "tests/fixtures/import/brat/events.ann";

#[test]
fn check_names_the_reader_and_what_the_spans_became() {
    let o = dossier(&["check", EVENTS]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "ok: corpus: 1 documents, 9 entities, 9 mentions, 0 claims\n  9 relations between mentions\n  \
         tests/fixtures/import/brat/events.ann: read as brat: 1 document, 9 spans, 9 links\n  9 spans → 9 entities\n"
    );
    // Naming the .txt names the pair.
    let o = dossier(&["check", "tests/fixtures/import/brat/events.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn relations_lists_every_link_between_mentions() {
    let o = dossier(&["relations", EVENTS]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(out.lines().count(), 9);
    assert!(out.contains("events\trequested (requested) —Theme→ approved (approved)\n"), "{out}");
    let o = dossier(&["relations", EVENTS, "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let first = &json[0];
    assert_eq!(first["document"], "events");
    assert_eq!(first["kind"], "Agent");
    assert_eq!(first["id"], "E1");
    assert_eq!((first["from"]["text"].as_str(), first["from"]["start"].as_u64()), (Some("approved"), Some(13)));
    assert_eq!(first["to"]["text"], "ministry");
    let o = dossier(&["relations"]);
    assert_eq!(stdout(&o), "no relations between mentions\n");
}

#[test]
fn convert_writes_each_format_and_reads_back() {
    let dir = std::env::temp_dir().join(format!("dossier-cli-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let brat = dir.join("brat");
    let o = dossier(&["convert", EVENTS, "--to", "brat", "-o", brat.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).starts_with("convert: wrote 1 document, 9 spans, 9 relations as brat to "), "{}", stderr(&o));
    let o = dossier(&["check", brat.to_str().unwrap()]);
    assert!(stdout(&o).contains("9 spans → 9 entities"), "{}", stdout(&o));
    for (to, file) in [("dossier", "c.json"), ("doccano", "c.jsonl"), ("w3c", "c.w3c.json")] {
        let path = dir.join(file);
        let o = dossier(&["convert", EVENTS, "--to", to, "-o", path.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(0), "{to}: {}", stderr(&o));
        assert!(path.metadata().unwrap().len() > 0);
    }
    let o = dossier(&["relations", dir.join("c.json").to_str().unwrap()]);
    assert_eq!(stdout(&o).lines().count(), 9, "{}", stdout(&o));
    // To stdout, and brat without a folder refused as a usage error.
    let o = dossier(&["convert", EVENTS, "--to", "doccano"]);
    assert_eq!(stdout(&o).lines().count(), 1);
    let o = dossier(&["convert", EVENTS, "--to", "brat"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("convert --to brat writes a folder of .txt/.ann pairs: name it with -o DIR"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn from_forces_a_reader_and_names_what_it_reads() {
    let o = dossier(&["check", "--from", "brat", "tests/fixtures/sample.json"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("tests/fixtures/sample.json: --from brat reads brat's .ann files"),
        "{}",
        stderr(&o)
    );
    let o = dossier(&["check", "--from", "nonsense", EVENTS]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("\"nonsense\" is not a format dossier reads; it reads dossier, brat, doccano"),
        "{}",
        stderr(&o)
    );
    let o = dossier(&["check", "--from", "conll", "tests/fixtures/import/conll/conll2003.conll"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn strict_refuses_what_was_not_imported() {
    let file = "tests/fixtures/import/conll/conll2003.conll";
    let o = dossier(&["check", file]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("not imported: "), "{}", stdout(&o));
    let o = dossier(&["check", "--strict", file]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("(--strict refuses what cannot be imported)"), "{}", stderr(&o));
}

#[test]
fn a_label_map_names_kinds_and_claims() {
    let dir = std::env::temp_dir().join(format!("dossier-labels-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let map = dir.join("map.json");
    std::fs::write(&map, r#"{"labels": {"Approve": {"claim": "fact"}, "Organization": {"label": "ORG"}}}"#).unwrap();
    let o = dossier(&["check", "--labels", map.to_str().unwrap(), EVENTS]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("9 spans → 8 entities and 1 claim"), "{}", stdout(&o));
    let o = dossier(&["entities", "--labels", map.to_str().unwrap(), EVENTS]);
    assert!(stdout(&o).contains("organization"), "{}", stdout(&o));
    std::fs::write(&map, r#"{"labels": {"x": {"claim": "rumour"}}}"#).unwrap();
    let o = dossier(&["check", "--labels", map.to_str().unwrap(), EVENTS]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("\"rumour\" is not a claim kind"), "{}", stderr(&o));
    let o = dossier(&["check", "--labels", "/nonexistent/map.json", EVENTS]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let _ = std::fs::remove_dir_all(&dir);
}
