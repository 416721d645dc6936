//! `dossier entity NAME` with the entities named with it: the `named_with`
//! field of `--json` and the section of the text output, run as a user runs
//! them.

use std::process::Command;

const SAMPLE: &str = "tests/fixtures/sample.json";

fn dossier(args: &[&str]) -> String {
    let o = Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).output().expect("the binary runs");
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn entity_json_lists_who_is_named_with_it_best_first() {
    let v: serde_json::Value = serde_json::from_str(&dossier(&["entity", "tolegenov", SAMPLE, "--json"])).unwrap();
    let named = v["named_with"].as_array().expect("a named_with array");
    assert_eq!(named.len(), 9, "{named:#?}");
    // The KNB is in both documents but in his paragraph only in the report.
    let knb = named.iter().find(|n| n["id"] == "knb").expect("the KNB");
    assert_eq!(
        knb,
        &serde_json::json!({
            "id": "knb", "name": "National Security Committee", "kind": "organization",
            "documents": 2, "paragraphs": 1,
        })
    );
    let almaty = named.iter().find(|n| n["id"] == "almaty").expect("Almaty");
    assert_eq!((almaty["documents"].as_u64(), almaty["paragraphs"].as_u64()), (Some(1), Some(0)));
    assert!(named.iter().all(|n| n["id"] != "tolegenov"), "not named with itself");
    let keys: Vec<(u64, u64)> =
        named.iter().map(|n| (n["paragraphs"].as_u64().unwrap(), n["documents"].as_u64().unwrap())).collect();
    assert!(keys.windows(2).all(|w| w[0] >= w[1]), "{keys:?}");
}

#[test]
fn entity_text_has_a_named_with_section_before_the_mentions() {
    let out = dossier(&["entity", "Kostanay", SAMPLE]);
    let section = out.split("Named with it · ").nth(1).expect("the section");
    let (head, rest) = section.split_once('\n').unwrap();
    let rows: Vec<&str> = rest.lines().take_while(|l| !l.is_empty()).collect();
    assert_eq!(rows.len().to_string(), head);
    assert!(rows.contains(&"  PER Aslan Tolegenov (tolegenov)  1 paragraph · 1 document"), "{rows:#?}");
    assert!(out.find("Named with it").unwrap() < out.find("Mentions · ").unwrap());
}
