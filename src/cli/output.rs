//! What the commands for scripts print: the JSON records (documented in
//! docs/format.md) and the plain one-line-per-item text, sanitized.

use serde::Serialize;

use crate::finder::Hit;
use crate::model::{ClaimIdx, Corpus, DocIdx, EntityIdx};
use crate::sanitize::display;

#[derive(Serialize)]
pub struct DocumentJson<'c> {
    pub id: &'c str,
    pub title: &'c str,
    pub author: Option<String>,
    pub source: Option<&'c str>,
    pub url: Option<&'c str>,
    pub published: Option<&'c str>,
    pub language: Option<&'c str>,
    pub genre: Option<&'c str>,
    pub chars: usize,
    pub entities: usize,
    pub mentions: usize,
    pub claims: usize,
}

#[derive(Serialize)]
pub struct EntityJson<'c> {
    pub id: &'c str,
    pub name: &'c str,
    pub kind: &'c str,
    pub aliases: &'c [String],
    pub description: &'c str,
    pub mentions: usize,
    pub documents: Vec<&'c str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<&'c str>,
}

#[derive(Serialize)]
pub struct RelationJson<'c> {
    pub claim: &'c str,
    pub relation: &'static str,
    pub note: Option<&'c str>,
}

#[derive(Serialize)]
pub struct ClaimJson<'c> {
    pub id: &'c str,
    pub document: &'c str,
    pub text: &'c str,
    pub summary: Option<&'c str>,
    pub claimant: Option<&'c str>,
    pub claimant_name: String,
    pub kind: &'static str,
    pub about: Vec<&'c str>,
    pub relations: Vec<RelationJson<'c>>,
    pub note: Option<&'c str>,
}

/// Distinct entities mentioned in a document.
pub fn entities_in(corpus: &Corpus, d: DocIdx) -> usize {
    let mut seen: Vec<EntityIdx> = corpus.doc_mentions(d).iter().map(|m| m.entity).collect();
    seen.sort_unstable();
    seen.dedup();
    seen.len()
}

pub fn document_json(corpus: &Corpus, d: DocIdx) -> DocumentJson<'_> {
    let doc = corpus.doc(d);
    let author = doc.author_names();
    DocumentJson {
        id: &doc.id,
        title: doc.display_title(),
        author: (!author.is_empty()).then_some(author),
        source: doc.source.as_deref(),
        url: doc.url.as_deref(),
        published: doc.published.as_deref(),
        language: doc.language.as_deref(),
        genre: doc.genre.as_deref(),
        chars: doc.chars,
        entities: entities_in(corpus, d),
        mentions: corpus.doc_mentions(d).len(),
        claims: corpus.doc_claims(d).len(),
    }
}

pub fn entity_json<'c>(corpus: &'c Corpus, e: EntityIdx, hit: Option<&Hit>) -> EntityJson<'c> {
    let entity = corpus.entity(e);
    EntityJson {
        id: &entity.id,
        name: &entity.name,
        kind: entity.kind.name(),
        aliases: &entity.aliases,
        description: &entity.description,
        mentions: corpus.mention_count(e),
        documents: corpus.entity_documents(e).into_iter().map(|d| corpus.doc(d).id.as_str()).collect(),
        score: hit.map(|h| h.score),
        matched: hit.map(|h| h.matched(corpus)),
    }
}

pub fn claim_json(corpus: &Corpus, c: ClaimIdx) -> ClaimJson<'_> {
    let claim = corpus.claim(c);
    ClaimJson {
        id: &claim.id,
        document: &corpus.doc(claim.doc).id,
        text: corpus.claim_text(c),
        summary: claim.summary.as_deref(),
        claimant: claim.claimant.map(|e| corpus.entity(e).id.as_str()),
        claimant_name: corpus.claimant_name(c),
        kind: claim.kind.name(),
        about: claim.about.iter().map(|&e| corpus.entity(e).id.as_str()).collect(),
        relations: claim
            .relations
            .iter()
            .map(|r| RelationJson {
                claim: &corpus.claim(r.target).id,
                relation: r.kind.name(),
                note: r.note.as_deref(),
            })
            .collect(),
        note: claim.note.as_deref(),
    }
}

/// At most `max` characters of `s` on one line, with an ellipsis when cut.
pub fn shorten(s: &str, max: usize) -> String {
    let one_line = display(s);
    let mut chars = one_line.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() { format!("{head}…") } else { head }
}

pub fn document_line(corpus: &Corpus, d: DocIdx) -> String {
    let j = document_json(corpus, d);
    let mut line = format!(
        "{}  {}  {} chars, {} entities, {} mentions, {} claims  {}",
        d.index() + 1,
        display(j.id),
        j.chars,
        j.entities,
        j.mentions,
        j.claims,
        display(j.title)
    );
    if let Some(author) = &j.author {
        line.push_str(&format!(" — {}", display(author)));
    }
    line
}

pub fn entity_line(corpus: &Corpus, e: EntityIdx, hit: Option<&Hit>) -> String {
    let entity = corpus.entity(e);
    let mut line = String::new();
    if let Some(h) = hit {
        line.push_str(&format!("{:>4}  ", h.score));
    }
    line.push_str(&format!(
        "{:<12}  {:>4}  {}  {}",
        display(entity.kind.name()),
        corpus.mention_count(e),
        display(&entity.id),
        display(&entity.name)
    ));
    match hit {
        Some(h) if h.which > 0 => line.push_str(&format!("  (as {})", display(h.matched(corpus)))),
        _ if !entity.aliases.is_empty() => {
            let aliases: Vec<String> = entity.aliases.iter().map(|a| display(a).into_owned()).collect();
            line.push_str(&format!("  ({})", aliases.join(", ")));
        }
        _ => {}
    }
    line
}

pub fn claim_line(corpus: &Corpus, c: ClaimIdx) -> String {
    let claim = corpus.claim(c);
    let mut line = format!(
        "{}  {}  {}  {}: {}",
        display(&corpus.doc(claim.doc).id),
        display(&claim.id),
        claim.kind,
        display(&corpus.claimant_name(c)),
        shorten(corpus.claim_text(c), 100)
    );
    for r in &claim.relations {
        line.push_str(&format!("  [{} {}]", r.kind, display(&corpus.claim(r.target).id)));
    }
    line
}
