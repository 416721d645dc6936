//! Which reader reads a file: by extension and content, or as `--from`
//! says. A JSON file is dossier/1, Label Studio, spaCy, Prodigy, doccano or
//! W3C by its shape (its first key, or its first record); `.ann` is brat
//! (its text is the `.txt` beside it); a `#FORMAT=WebAnno TSV 3` header is
//! WebAnno; `.conll`, `.iob`, `.bio` and other `.tsv` are token files;
//! `.jsonl` is doccano or Prodigy by its first record. What is recognized as
//! nothing is read as dossier/1, whose messages say what is wrong.

use serde_json::Value;

use super::ir::Format;
use crate::data::load::{Problem, ProblemKind};

/// How one file is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Read(Format),
    /// The `.txt` of the brat pair whose `.ann` is at this index.
    TextOf(usize),
}

/// The dossier/1 top-level fields: a JSON object starting with one is dossier's.
const DOSSIER_KEYS: [&str; 4] = ["format", "documents", "entities", "claims"];

/// A role for each file (`names[i]`, `texts[i]`), or a problem where a file
/// cannot be read as anything (a `.txt` without its `.ann`).
pub fn classify<'f>(files: &[(&'f str, &str)], forced: Option<Format>) -> (Vec<Option<Role>>, Vec<Problem>) {
    let mut roles: Vec<Option<Role>> = vec![None; files.len()];
    let mut problems = Vec::new();
    let stem_of = |name: &'f str| name.rsplit_once('.').map_or(name, |(s, _)| s);
    let mut by_name: crate::support::hash::FxHashMap<&str, usize> = Default::default();
    by_name.reserve(files.len());
    by_name.extend(files.iter().enumerate().map(|(i, (n, _))| (*n, i)));
    // The name of a brat pair's text, made in one buffer for the thousands of pairs.
    let mut txt = String::new();
    for (i, (name, text)) in files.iter().enumerate() {
        let ext = extension(name);
        // A .txt is the text of a brat pair, unless it is a WebAnno TSV.
        if ext == "txt" && (forced.is_some() || sniff(&ext, text) != Format::WebannoTsv) {
            continue;
        }
        let format = match forced {
            Some(Format::Brat) if ext != "ann" => {
                problems.push(Problem::new(
                    ProblemKind::Value,
                    *name,
                    "--from brat reads brat's .ann files (each with its .txt beside it), and this is not one",
                ));
                continue;
            }
            Some(f) => f,
            None => sniff(&ext, text),
        };
        if format == Format::Brat {
            txt.clear();
            txt.push_str(stem_of(name));
            txt.push_str(".txt");
            match by_name.get(txt.as_str()).copied() {
                Some(t) => roles[t] = Some(Role::TextOf(i)),
                None => {
                    problems.push(Problem::new(
                        ProblemKind::NotFound,
                        *name,
                        format!("brat annotations without their text: no {txt} beside them"),
                    ));
                    continue;
                }
            }
        }
        roles[i] = Some(Role::Read(format));
    }
    for (i, (name, _)) in files.iter().enumerate() {
        if roles[i].is_none() && extension(name) == "txt" {
            match forced {
                Some(f) if f != Format::Brat => roles[i] = Some(Role::Read(f)),
                _ => problems.push(Problem::new(
                    ProblemKind::Value,
                    *name,
                    format!(
                        "a .txt is read as the text of a brat pair, and there is no {}.ann beside it",
                        stem_of(name)
                    ),
                )),
            }
        }
    }
    (roles, problems)
}

/// A file name's extension in lower case (borrowed where it already is).
fn extension(name: &str) -> std::borrow::Cow<'_, str> {
    let file = name.rsplit('/').next().unwrap_or(name);
    match file.rsplit_once('.') {
        Some((_, e)) if e.bytes().any(|b| b.is_ascii_uppercase()) => e.to_ascii_lowercase().into(),
        Some((_, e)) => e.into(),
        None => "".into(),
    }
}

/// The format a file's extension and first bytes say it is in.
pub fn sniff(ext: &str, text: &str) -> Format {
    let start = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if start.starts_with("#FORMAT=WebAnno TSV 3") {
        return Format::WebannoTsv;
    }
    match ext {
        "ann" => return Format::Brat,
        "conll" | "conllu" | "iob" | "iob2" | "bio" | "bioes" | "tsv" => return Format::Conll,
        "jsonl" | "ndjson" => {
            return match first_value(start) {
                Some(v) if is_prodigy(&v) => Format::Prodigy,
                _ => Format::Doccano,
            };
        }
        _ => {}
    }
    match start.as_bytes().first() {
        Some(b'{') => {
            if first_key(start).is_some_and(|k| DOSSIER_KEYS.contains(&k.as_str())) {
                return Format::Dossier;
            }
            match first_value(start) {
                Some(v) => object_format(&v).unwrap_or(Format::Dossier),
                None => Format::Dossier,
            }
        }
        Some(b'[') => match first_value(start[1..].trim_start()) {
            Some(Value::Array(_)) => Format::SpacyTuples,
            Some(v @ Value::Object(_)) => {
                if v.get("paragraphs").is_some() {
                    Format::SpacyV2
                } else {
                    object_format(&v).unwrap_or(Format::Dossier)
                }
            }
            _ => Format::Dossier,
        },
        _ => Format::Dossier,
    }
}

/// The format of a record or top-level object, when it is one of the JSON ones.
fn object_format(v: &Value) -> Option<Format> {
    let has = |k: &str| v.get(k).is_some();
    if has("@context") || has("rows") || has("target") || has("uri") {
        return Some(Format::W3c);
    }
    if let Some(t) = v.get("type").and_then(Value::as_str) {
        if matches!(t, "Annotation" | "AnnotationCollection" | "AnnotationPage") {
            return Some(Format::W3c);
        }
    }
    if has("data") && (has("annotations") || has("predictions") || has("completions")) {
        return Some(Format::LabelStudio);
    }
    if has("data") && v.get("data").is_some_and(Value::is_object) {
        return Some(Format::LabelStudio);
    }
    if is_prodigy(v) {
        return Some(Format::Prodigy);
    }
    if (has("text") || has("data"))
        && (has("label") || has("labels") || has("entities") || has("annotations") || has("relations"))
    {
        return Some(Format::Doccano);
    }
    None
}

fn is_prodigy(v: &Value) -> bool {
    v.get("spans").is_some() || v.get("_input_hash").is_some() || v.get("answer").is_some()
}

/// The first JSON value in `text`, if it parses.
fn first_value(text: &str) -> Option<Value> {
    serde_json::Deserializer::from_str(text).into_iter::<Value>().next()?.ok()
}

/// The first key of the object `text` starts with, read without parsing the rest.
fn first_key(text: &str) -> Option<String> {
    let rest = text.strip_prefix('{')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(rest[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_files_are_told_apart_by_shape() {
        assert_eq!(sniff("json", r#"{"format": "dossier/1"}"#), Format::Dossier);
        assert_eq!(sniff("json", r#"{"documents": []}"#), Format::Dossier);
        assert_eq!(sniff("json", r#"[{"id": 1, "data": {"text": "x"}, "annotations": []}]"#), Format::LabelStudio);
        assert_eq!(sniff("json", r#"{"id": 1, "data": {"text": "x"}, "predictions": []}"#), Format::LabelStudio);
        assert_eq!(sniff("json", r#"[["text", {"entities": []}]]"#), Format::SpacyTuples);
        assert_eq!(sniff("json", r#"[{"id": 0, "paragraphs": []}]"#), Format::SpacyV2);
        assert_eq!(
            sniff("json", r#"{"@context": "http://www.w3.org/ns/anno.jsonld", "type": "Annotation"}"#),
            Format::W3c
        );
        assert_eq!(sniff("json", r#"{"rows": [], "total": 0}"#), Format::W3c);
        assert_eq!(sniff("json", r#"{"text": "x", "entities": [], "relations": []}"#), Format::Doccano);
        assert_eq!(sniff("json", "[]"), Format::Dossier);
        assert_eq!(sniff("json", "[null, []]"), Format::Dossier);
        assert_eq!(sniff("json", r#"{"bogus": 1}"#), Format::Dossier);
        assert_eq!(sniff("json", "garbage"), Format::Dossier);
    }

    #[test]
    fn token_files_jsonl_and_brat_by_extension_and_header() {
        assert_eq!(sniff("tsv", "#FORMAT=WebAnno TSV 3.3\n"), Format::WebannoTsv);
        assert_eq!(sniff("txt", "\u{feff}#FORMAT=WebAnno TSV 3.2\n"), Format::WebannoTsv);
        assert_eq!(sniff("tsv", "EU B-ORG\n"), Format::Conll);
        assert_eq!(sniff("iob", "EU|NNP|B-ORG\n"), Format::Conll);
        assert_eq!(sniff("jsonl", r#"{"text": "x", "label": [[0, 1, "A"]]}"#), Format::Doccano);
        assert_eq!(sniff("jsonl", r#"{"text": "x", "spans": [], "_input_hash": 1}"#), Format::Prodigy);
        assert_eq!(sniff("ann", "T1\tPER 0 3\tAnn\n"), Format::Brat);
    }

    #[test]
    fn a_brat_pair_is_found_and_a_lone_txt_refused() {
        let files = [("d/a.ann", ""), ("d/a.txt", "x"), ("d/b.txt", "y")];
        let (roles, problems) = classify(&files, None);
        assert_eq!(roles, vec![Some(Role::Read(Format::Brat)), Some(Role::TextOf(0)), None]);
        assert_eq!(
            problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            vec!["d/b.txt: a .txt is read as the text of a brat pair, and there is no d/b.ann beside it"]
        );
        let (_, problems) = classify(&[("c.ann", "")], None);
        assert_eq!(problems[0].to_string(), "c.ann: brat annotations without their text: no c.txt beside them");
    }
}
