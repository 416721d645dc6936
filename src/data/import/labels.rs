//! What a label means: the built-in table of the common label sets (CoNLL,
//! OntoNotes / spaCy, GermEval, brat's examples) mapping them to dossier's
//! entity kinds, and the user's `--labels MAP` file, which renames labels
//! (doccano 1.x writes numbers), maps them to kinds, declares that a label
//! is a claim of some kind, and maps relation types to claim relations.
//! Anything neither names is kept as written.

use serde::Deserialize;
use std::collections::HashMap;

use crate::data::load::{Problem, ProblemKind};
use crate::data::model::{ClaimKind, EntityKind, RelationKind};

/// What a span with some label becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Entity(EntityKind),
    Claim(ClaimKind),
}

/// The labels as the user's map (if any) and the built-in table read them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LabelMap {
    labels: HashMap<String, LabelRule>,
    relations: HashMap<String, RelationKind>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct LabelRule {
    rename: Option<String>,
    target: Option<Target>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MapFile {
    #[serde(default)]
    labels: HashMap<String, RuleFile>,
    #[serde(default)]
    relations: HashMap<String, String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RuleFile {
    Kind(String),
    Full(FullRule),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FullRule {
    label: Option<String>,
    kind: Option<String>,
    claim: Option<String>,
}

impl LabelMap {
    /// Reads a map file's text; `file` names it in problems.
    pub fn parse(file: &str, text: &str) -> Result<LabelMap, Problem> {
        let bad = |message: String| Problem::new(ProblemKind::Value, file, message);
        let raw: MapFile = serde_json::from_str(text).map_err(|e| {
            Problem::new(ProblemKind::Syntax, file, format!("not a label map: {e}; expected {EXAMPLE}"))
                .at(Some((e.line(), e.column())))
        })?;
        let mut map = LabelMap::default();
        for (label, rule) in raw.labels {
            let rule = match rule {
                RuleFile::Kind(kind) => {
                    LabelRule { rename: None, target: Some(Target::Entity(EntityKind::parse(&kind))) }
                }
                RuleFile::Full(FullRule { label: rename, kind, claim }) => {
                    let target = match (kind, claim) {
                        (Some(_), Some(_)) => {
                            return Err(bad(format!("label {label:?}: give a kind or a claim, not both")));
                        }
                        (Some(kind), None) => Some(Target::Entity(EntityKind::parse(&kind))),
                        (None, Some(claim)) => Some(Target::Claim(ClaimKind::parse(&claim).ok_or_else(|| {
                            bad(format!(
                                "label {label:?}: {claim:?} is not a claim kind (fact, statistic, quote, opinion, allegation, prediction)"
                            ))
                        })?)),
                        (None, None) => None,
                    };
                    LabelRule { rename, target }
                }
            };
            map.labels.insert(label, rule);
        }
        for (relation, kind) in raw.relations {
            let kind = RelationKind::parse(&kind).ok_or_else(|| {
                bad(format!(
                    "relation {relation:?}: {kind:?} is not a claim relation (supports, contradicts, elaborates)"
                ))
            })?;
            map.relations.insert(relation, kind);
        }
        Ok(map)
    }

    /// The label as it is shown: renamed by the map, else as written.
    pub fn label<'a>(&'a self, label: &'a str) -> &'a str {
        self.labels.get(label).and_then(|r| r.rename.as_deref()).unwrap_or(label)
    }

    /// What a span labelled `label` (as written in the file) becomes.
    pub fn target(&self, label: &str) -> Target {
        if let Some(target) = self.labels.get(label).and_then(|r| r.target.clone()) {
            return target;
        }
        let shown = self.label(label);
        if let Some(target) = self.labels.get(shown).and_then(|r| r.target.clone()) {
            return target;
        }
        builtin(shown)
    }

    /// The claim relation a link of this type between two claims is.
    pub fn relation(&self, kind: &str) -> Option<RelationKind> {
        self.relations.get(kind).copied().or_else(|| RelationKind::parse(kind)).or_else(|| {
            match kind.to_ascii_lowercase().as_str() {
                "support" | "supported_by" => Some(RelationKind::Supports),
                "attack" | "attacks" | "contradict" | "contradiction" => Some(RelationKind::Contradicts),
                "elaborate" | "elaboration" => Some(RelationKind::Elaborates),
                _ => None,
            }
        })
    }
}

const EXAMPLE: &str = r#"{"labels": {"PER": "person", "3": {"label": "ORG"}, "own_claim": {"claim": "opinion"}}, "relations": {"attacks": "contradicts"}}"#;

/// The built-in table: the label sets of CoNLL, OntoNotes / spaCy,
/// GermEval 2014 and brat's examples, matched ignoring case; dossier's own
/// kind names; `Claim-<kind>` for claims (what `convert --to brat` writes).
pub fn builtin(label: &str) -> Target {
    let lower = label.to_ascii_lowercase();
    if let Some(kind) = lower.strip_prefix("claim-").and_then(ClaimKind::parse) {
        return Target::Claim(kind);
    }
    // GermEval: `LOCderiv` (a word derived from a place: "russische") names
    // a group of people more often than the place; `PERpart` (part of a
    // token: "Putin-Regierung") names the base kind.
    let (base, deriv) = match lower.strip_suffix("deriv") {
        Some(base) => (base, true),
        None => (lower.strip_suffix("part").unwrap_or(&lower), false),
    };
    let kind = match base {
        "per" | "person" | "persons" | "people" | "pers" => EntityKind::Person,
        "org" | "organization" | "organisation" | "company" | "corporation" => EntityKind::Organization,
        "loc" | "location" | "gpe" | "fac" | "facility" | "place" | "geo" | "city" | "country" => EntityKind::Place,
        "norp" | "group" | "nationality" => EntityKind::Group,
        "event" | "evt" => EntityKind::Event,
        "law" => EntityKind::Law,
        "work_of_art" | "work" | "creative_work" => EntityKind::Work,
        "misc" | "oth" | "other" | "product" | "language" => EntityKind::Other,
        _ => EntityKind::Unknown(label.to_string()),
    };
    let kind = match (deriv, kind) {
        (true, EntityKind::Place) => EntityKind::Group,
        (true, EntityKind::Unknown(_)) => EntityKind::Unknown(label.to_string()),
        (true, _) => EntityKind::Other,
        (false, kind) => kind,
    };
    Target::Entity(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_label_sets_map_to_kinds() {
        let kind = |l: &str| match builtin(l) {
            Target::Entity(k) => k,
            Target::Claim(_) => panic!("{l} is no claim"),
        };
        assert_eq!(kind("PER"), EntityKind::Person);
        assert_eq!(kind("PERSON"), EntityKind::Person);
        assert_eq!(kind("GPE"), EntityKind::Place);
        assert_eq!(kind("NORP"), EntityKind::Group);
        assert_eq!(kind("WORK_OF_ART"), EntityKind::Work);
        assert_eq!(kind("MISC"), EntityKind::Other);
        assert_eq!(kind("LOCderiv"), EntityKind::Group);
        assert_eq!(kind("PERpart"), EntityKind::Person);
        assert_eq!(kind("ORGderiv"), EntityKind::Other);
        assert_eq!(kind("DATE"), EntityKind::Unknown("DATE".into()));
        assert_eq!(kind("Protein"), EntityKind::Unknown("Protein".into()));
        assert_eq!(builtin("Claim-quote"), Target::Claim(ClaimKind::Quote));
    }

    #[test]
    fn a_map_renames_maps_and_declares_claims() {
        let map = LabelMap::parse(
            "map.json",
            r#"{"labels": {"3": {"label": "ORG"}, "own_claim": {"claim": "opinion"}, "Protein": "other"},
                "relations": {"attacks": "contradicts"}}"#,
        )
        .unwrap();
        assert_eq!(map.label("3"), "ORG");
        assert_eq!(map.target("3"), Target::Entity(EntityKind::Organization));
        assert_eq!(map.target("own_claim"), Target::Claim(ClaimKind::Opinion));
        assert_eq!(map.target("Protein"), Target::Entity(EntityKind::Other));
        assert_eq!(map.relation("attacks"), Some(RelationKind::Contradicts));
        assert_eq!(map.relation("supports"), Some(RelationKind::Supports));
        assert_eq!(map.relation("lieu"), None);
        let bad = LabelMap::parse("m.json", r#"{"labels": {"x": {"claim": "rumour"}}}"#).unwrap_err();
        assert_eq!(
            bad.to_string(),
            "m.json: label \"x\": \"rumour\" is not a claim kind (fact, statistic, quote, opinion, allegation, prediction)"
        );
        assert!(LabelMap::parse("m.json", r#"{"label": {}}"#).unwrap_err().to_string().starts_with("m.json:1:"));
    }
}
