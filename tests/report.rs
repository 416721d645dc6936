//! The Markdown reports: an entity's dossier from the built-in corpus as a
//! snapshot, the comparison's, and `dossier entity NAME --markdown`
//! printing the same report as `e` writes from the explorer.

use std::process::Command;

use dossier::data::model::Corpus;
use dossier::query::report;

fn builtin() -> Corpus {
    dossier::data::load::builtin::load().expect("the built-in corpus loads")
}

#[test]
fn the_dossier_of_a_builtin_entity() {
    let c = builtin();
    let e = c.entity_by_id("tolegenov").unwrap();
    insta::assert_snapshot!(report::dossier(&c, e));
}

#[test]
fn the_comparison_of_two_builtin_claims() {
    let c = builtin();
    let (a, b) =
        (c.claim_by_id("a-tolegenov-arrest").unwrap(), c.claim_by_id("i-tolegenov-detained-friendship").unwrap());
    let link = c.links(a).into_iter().find(|l| l.other == b).expect("related");
    insta::assert_snapshot!(report::comparison(&c, a, b, link.label(), link.note));
}

#[test]
fn entity_markdown_prints_the_report_and_refuses_json_with_it() {
    let dossier = |args: &[&str]| Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().unwrap();
    let o = dossier(&["entity", "Tolegenov", "--markdown"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let c = builtin();
    let e = c.entity_by_id("tolegenov").unwrap();
    assert_eq!(String::from_utf8(o.stdout).unwrap(), report::dossier(&c, e));
    let o = dossier(&["entity", "Tolegenov", "--markdown", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("cannot be used with"),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let o = dossier(&["entity", "nobody at all", "--markdown"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
}
