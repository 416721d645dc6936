//! `dossier relations`: every typed link between mentions (brat relations
//! and event roles, doccano, Label Studio, Prodigy and WebAnno relations),
//! one per line or as JSON, in corpus order.

use std::io::{self, Write};

use serde::Serialize;

use super::output::char_offsets;
use crate::data::model::{Corpus, MentionIdx, MentionLink};
use crate::text::sanitize::display;

#[derive(Serialize)]
struct End<'c> {
    entity: &'c str,
    name: &'c str,
    start: usize,
    end: usize,
    text: String,
}

#[derive(Serialize)]
struct RelationJson<'c> {
    document: &'c str,
    kind: &'c str,
    id: Option<&'c str>,
    from: End<'c>,
    to: End<'c>,
    attributes: Vec<serde_json::Value>,
    notes: Vec<serde_json::Value>,
}

/// The corpus's links between mentions, by document and then by where they start.
fn in_order(corpus: &Corpus) -> Vec<&MentionLink> {
    let mut links: Vec<&MentionLink> = corpus.mention_links().iter().collect();
    links.sort_by_key(|l| (l.from, l.to));
    links
}

pub(super) fn relations(corpus: &Corpus, json: bool, out: &mut dyn Write) -> io::Result<()> {
    let links = in_order(corpus);
    if !json {
        for l in &links {
            let end = |m: MentionIdx| {
                let entity = corpus.entity(corpus.mention(m).entity);
                format!("{} ({})", display(&corpus.mention_text(m)), display(&entity.name))
            };
            let doc = &corpus.doc(corpus.mention(l.from).doc).id;
            writeln!(out, "{}\t{} —{}→ {}", display(doc), end(l.from), display(&l.kind), end(l.to))?;
        }
        if links.is_empty() {
            writeln!(out, "no relations between mentions")?;
        }
        return Ok(());
    }
    // Character offsets, a document's ends at a time.
    let mut rows = Vec::with_capacity(links.len());
    let mut i = 0;
    while i < links.len() {
        let doc = corpus.mention(links[i].from).doc;
        let n = links[i..].iter().take_while(|l| corpus.mention(l.from).doc == doc).count();
        let here = &links[i..i + n];
        let mut bytes = Vec::with_capacity(n * 4);
        for l in here {
            for m in [l.from, l.to] {
                let span = corpus.mention(m).span;
                bytes.extend([span.start as usize, span.end as usize]);
            }
        }
        let chars = char_offsets(&corpus.doc(doc).text, &bytes);
        for (k, l) in here.iter().enumerate() {
            let end = |m: MentionIdx, at: usize| {
                let entity = corpus.entity(corpus.mention(m).entity);
                End {
                    entity: &entity.id,
                    name: &entity.name,
                    start: chars[at],
                    end: chars[at + 1],
                    text: corpus.mention_text(m).into_owned(),
                }
            };
            rows.push(RelationJson {
                document: &corpus.doc(doc).id,
                kind: &l.kind,
                id: l.id.as_deref(),
                from: end(l.from, k * 4),
                to: end(l.to, k * 4 + 2),
                attributes: l
                    .attributes
                    .iter()
                    .map(|a| serde_json::json!({"name": a.name, "value": a.value}))
                    .collect(),
                notes: l.notes.iter().map(|n| serde_json::json!({"kind": n.kind, "text": n.text})).collect(),
            });
        }
        i += n;
    }
    super::commands::write_json(out, &rows)
}
