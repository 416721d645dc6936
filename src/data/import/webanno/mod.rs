//! WebAnno / INCEpTION TSV 3.x files (`#FORMAT=WebAnno TSV 3.x`), read as
//! INCEpTION's own reader reads them ([`header`], [`body`], [`values`],
//! [`annotations`]); offsets are UTF-16 code units, converted to bytes.
//!
//! Mapped: every span annotation, of any span layer (`NamedEntity`, `POS`,
//! custom ones), is a span; its label is its first feature value (else the
//! layer's short name), its other values are attributes by feature name,
//! and the attribute `layer` names its layer's short name, so linguistic
//! layers can be told from entity layers. A disambiguation id (`PER[2]`) is
//! the span's id. Relation layers give links from governor to dependent
//! (the relation is written on the dependent's row; the `BT_` column holds
//! the governor's address): kind = the first feature value (`nsubj`), else
//! the layer's name, attributes `layer` and the other values. A relation on
//! a type the header does not declare (`Token`), and a DKPro `Dependency`
//! whose row has no annotation of its base layer, attaches to the token
//! itself: a span labelled `Token` (layer `Token`). Slot features give
//! links from the slot's owner to each target, kind = the role (attribute
//! `slot` = the feature). A chain layer's elements are spans (label = the
//! `referenceType`, else the layer's name) sharing the key
//! `chain:<stem>:<chain>`, each linked to the next by its
//! `referenceRelation` (else the layer's name); the last element's
//! relation, having no next, is its attribute.
//!
//! Not imported, counted: zero-length annotations (the model's spans are
//! never empty) and links to them, `#Sentence.id` lines and other sentence
//! header lines. Sentences themselves and token rows are structure, not
//! annotations. The file does not hold what lies between sentences: where
//! the text had to be padded the document's note says so.
//!
//! The document is `stem`. Every malformed line, offset that does not
//! match its token, and unresolved reference is a problem with file:line.

mod annotations;
mod body;
mod header;
mod values;

use std::collections::HashMap;

use compact_str::ToCompactString;
use thin_vec::thin_vec;

use super::ir::{Attribute, Doc, Imported, Link, SpanAnn};
use super::{Input, ReadResult};
use crate::data::load::{Problem, ProblemKind};
use annotations::Annotations;
use header::{ColumnKind, Schema};

/// The note on a document whose text had gaps between sentences.
pub const PADDED_NOTE: &str = "text rebuilt from the sentences' #Text= lines; what lies between sentences is not in the file (spaces stand for it)";

/// Reads one WebAnno TSV 3 file into one document, `stem`.
pub fn read(input: Input, stem: &str) -> ReadResult {
    let file = input.name;
    let mut problems = Vec::new();
    let mut lines =
        input.text.split('\n').enumerate().map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l))).peekable();
    let Some(schema) = header::read(&mut lines, file, &mut problems) else { return Err(problems) };
    if !problems.is_empty() {
        return Err(problems);
    }
    let body = body::read(lines, input.text, &schema, file, &mut problems);
    if body.units.is_empty() && problems.is_empty() {
        return Err(vec![Problem::new(ProblemKind::Empty, file, "no token rows")]);
    }
    let annotations = annotations::read(&schema, &body, input.text, file, &mut problems);
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut imported = Imported::default();
    imported.skip_n("sentence ids", body.sentence_ids);
    imported.skip_n("sentence header lines", body.other_headers);
    let doc = Doc {
        id: stem.to_string(),
        position: body.first_line.map(|l| (l, 1)),
        note: body.padded.then(|| PADDED_NOTE.to_string()),
        text: body.text,
        ..Doc::default()
    };
    let doc = document(doc, &schema, annotations, stem, &mut imported);
    imported.documents.push(doc);
    Ok(imported)
}

fn document(mut doc: Doc, schema: &Schema, annotations: Annotations, stem: &str, imported: &mut Imported) -> Doc {
    let Annotations { spans, links } = annotations;
    let last_elements: HashMap<u32, u32> =
        spans.iter().filter_map(|s| s.chain).fold(HashMap::new(), |mut m, (c, e)| {
            let last = m.entry(c).or_insert(e);
            *last = (*last).max(e);
            m
        });
    let mut index = vec![None; spans.len()];
    for (i, s) in spans.into_iter().enumerate() {
        if s.begin >= s.end {
            imported.skip("zero-length annotations");
            continue;
        }
        let mut attributes = Vec::new();
        let label = match s.layer {
            None => {
                attributes.push(attribute("layer", "Token"));
                "Token".to_string()
            }
            Some(layer) => {
                let short = schema.layers[layer].short;
                attributes.push(attribute("layer", short));
                let mut label = None;
                for (c, value) in &s.features {
                    let Some(value) = value else { continue };
                    match schema.columns[*c].kind {
                        // Only the last element's: the others' are links.
                        ColumnKind::ChainRelation
                            if s.chain.is_some_and(|(chain, e)| last_elements.get(&chain) == Some(&e)) =>
                        {
                            attributes.push(attribute("referenceRelation", value));
                        }
                        ColumnKind::ChainType if label.is_none() => label = Some(value.to_string()),
                        ColumnKind::Feature(_) if label.is_none() => label = Some(value.to_string()),
                        ColumnKind::Feature(name) => attributes.push(attribute(name, value)),
                        _ => {}
                    }
                }
                label.unwrap_or_else(|| short.to_string())
            }
        };
        index[i] = Some(doc.spans.len());
        doc.spans.push(SpanAnn {
            ids: s.id.map(|id| id.to_compact_string()).into_iter().collect(),
            label: label.into(),
            fragments: std::iter::once(s.begin..s.end).collect(),
            attributes: attributes.into(),
            same_as: s.chain.map(|(c, _)| thin_vec![format!("chain:{stem}:{c}")]).unwrap_or_default(),
            position: Some(s.position),
            ..SpanAnn::default()
        });
    }
    for link in links {
        let (Some(&Some(from)), Some(&Some(to))) = (index.get(link.from), index.get(link.to)) else {
            imported.skip("links to zero-length annotations");
            continue;
        };
        doc.links.push(Link {
            from,
            to,
            kind: link.kind.into_owned(),
            id: None,
            attributes: link.attributes.into_iter().map(|(n, v)| attribute(n, &v)).collect(),
            notes: Vec::new(),
            position: Some(link.position),
        });
    }
    doc
}

fn attribute(name: &str, value: &str) -> Attribute {
    Attribute { name: name.to_string(), value: Some(value.to_string()) }
}

/// A value from the file, quoted and shortened for a message.
fn quoted(s: &str) -> String {
    const MAX: usize = 40;
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() { format!("\"{head}…\"") } else { format!("\"{head}\"") }
}

/// The 1-based column (in characters) where `cell`, a slice of `text`,
/// starts on its line.
fn column(text: &str, cell: &str) -> usize {
    let at = (cell.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
    let Some(before) = text.get(..at) else { return 1 };
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before[line_start..].chars().count() + 1
}

#[cfg(test)]
mod tests;
