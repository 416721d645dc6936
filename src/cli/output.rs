//! What the commands for scripts print: the JSON records (documented in
//! docs/format.md), written with every character the sanitizer would not
//! show as itself escaped, and the plain one-line-per-item text, sanitized.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::data::model::{ClaimIdx, Corpus, DocIdx, EntityIdx, MentionIdx, Span};
use crate::query::details::LinkEnd;
use crate::query::finder::Hit;
use crate::text::sanitize::display;

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
    /// How it matched: `exact`, `subsequence`, `folded` or `typo`.
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    pub tier: Option<&'static str>,
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
        tier: hit.map(|h| h.tier.name()),
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

/// The character offsets of byte offsets (on character boundaries) in one
/// text, in the order given. The offsets are visited in ascending order, so
/// the text is walked once however the spans nest or overlap.
pub(super) fn char_offsets(text: &str, bytes: &[usize]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bytes.len()).collect();
    order.sort_unstable_by_key(|&i| bytes[i]);
    let mut out = vec![0; bytes.len()];
    let (mut byte, mut chars) = (0, 0);
    for i in order {
        let b = bytes[i];
        chars += text[byte..b].chars().count();
        byte = b;
        out[i] = chars;
    }
    out
}

/// The character offsets of byte spans, each in its document: each
/// document's text is walked once, however many spans lie in it.
pub fn char_spans(corpus: &Corpus, spans: &[(DocIdx, Span)]) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].0);
    let mut out = vec![(0, 0); spans.len()];
    for group in order.chunk_by(|&a, &b| spans[a].0 == spans[b].0) {
        let text = &corpus.doc(spans[group[0]].0).text;
        let bytes: Vec<usize> =
            group.iter().flat_map(|&i| [spans[i].1.start as usize, spans[i].1.end as usize]).collect();
        let chars = char_offsets(text, &bytes);
        for (&i, c) in group.iter().zip(chars.chunks(2)) {
            out[i] = (c[0], c[1]);
        }
    }
    out
}

/// What a mention's file said beyond its span, as keys to add to its JSON
/// record (`ids`, `label`, `fragments` in characters, `attributes`,
/// `references`, `notes`); `None` when it said nothing more.
pub fn mention_details_json(corpus: &Corpus, m: MentionIdx) -> Option<serde_json::Map<String, serde_json::Value>> {
    use serde_json::json;
    let d = corpus.mention_detail(m)?;
    let mut v = serde_json::Map::new();
    v.insert("ids".into(), json!(d.ids));
    v.insert("label".into(), json!(d.label));
    if d.fragments.len() > 1 {
        let doc = corpus.mention(m).doc;
        let spans: Vec<_> = d.fragments.iter().map(|&f| (doc, f)).collect();
        let chars: Vec<[usize; 2]> = char_spans(corpus, &spans).into_iter().map(|(s, e)| [s, e]).collect();
        v.insert("fragments".into(), json!(chars));
    }
    let attributes: Vec<_> = d.attributes.iter().map(|a| json!({"name": a.name, "value": a.value})).collect();
    v.insert("attributes".into(), attributes.into());
    let references: Vec<_> =
        d.references.iter().map(|r| json!({"kind": r.kind, "target": r.target, "text": r.text})).collect();
    v.insert("references".into(), references.into());
    let notes: Vec<_> = d.notes.iter().map(|n| json!({"kind": n.kind, "text": n.text})).collect();
    v.insert("notes".into(), notes.into());
    Some(v)
}

/// A link from one of an entity's mentions (number `mention` of its
/// mentions), read from that end, the other end at `other` (characters).
pub fn mention_link_json(
    corpus: &Corpus,
    end: LinkEnd,
    mention: usize,
    (start, end_char): (usize, usize),
) -> Option<serde_json::Value> {
    let link = end.link(corpus)?;
    let other = end.other(corpus);
    let m = corpus.mention(other);
    Some(serde_json::json!({
        "kind": link.kind,
        "direction": if end.outgoing(corpus) { "out" } else { "in" },
        "id": link.id,
        "mention": mention,
        "other": {
            "entity": corpus.entity(m.entity).id,
            "document": corpus.doc(m.doc).id,
            "start": start, "end": end_char,
            "text": corpus.mention_text(other),
        },
        "attributes": link.attributes.iter().map(|a| serde_json::json!({"name": a.name, "value": a.value})).collect::<Vec<_>>(),
        "notes": link.notes.iter().map(|n| serde_json::json!({"kind": n.kind, "text": n.text})).collect::<Vec<_>>(),
    }))
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
    // Found in another spelling or despite a typo: say so.
    if let Some(h) = hit.filter(|h| h.tier.mark().is_some()) {
        line.push_str(&format!("  [{}]", h.tier.name()));
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

/// serde_json's pretty printing, with every character that the sanitizer
/// would not show as itself written as a `\u202e` escape (UTF-16 surrogate
/// pairs above the BMP): serde_json escapes only C0 controls, `"` and `\`,
/// so a C1 control, a bidi control or an invisible format character would
/// reach a terminal that `dossier ... --json` is read on. The JSON parses to
/// the same strings. Strings are escaped piece by piece as serde_json hands
/// them over, so output of any size streams.
#[derive(Default)]
pub struct Escaping(PrettyFormatter<'static>);

impl Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + io::Write>(&mut self, w: &mut W, fragment: &str) -> io::Result<()> {
        if fragment.bytes().all(|b| b < 0x7f) {
            return w.write_all(fragment.as_bytes());
        }
        // A fragment ends where serde_json writes an escape of its own (a
        // quote, a backslash, a C0 control): none of them is a letter or an
        // emoji, so the fragment is all the context the sanitizer needs.
        let (mut raw_from, mut at) = (0, 0);
        for (c, itself) in crate::text::sanitize::each_char(fragment) {
            if !itself {
                w.write_all(&fragment.as_bytes()[raw_from..at])?;
                for unit in c.encode_utf16(&mut [0; 2]) {
                    write!(w, "\\u{unit:04x}")?;
                }
                raw_from = at + c.len_utf8();
            }
            at += c.len_utf8();
        }
        w.write_all(&fragment.as_bytes()[raw_from..])
    }

    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }

    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }

    fn begin_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }

    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }

    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }

    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }

    fn begin_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }

    fn end_object_key<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_key(w)
    }

    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }

    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_of_nested_and_overlapping_spans() {
        let text = "Привет world. Hello again.";
        // Spans 0..13 and 2..5, then 7..12 overlapping 10..20 (in bytes), as pairs.
        let bytes = [0, text.find('.').unwrap(), 4, 10, 13, 18, 17, 28];
        let expected: Vec<usize> = bytes.iter().map(|&b| text[..b].chars().count()).collect();
        assert_eq!(char_offsets(text, &bytes), expected);
    }

    fn escaped(value: &serde_json::Value) -> String {
        let mut out = Vec::new();
        value.serialize(&mut serde_json::Serializer::with_formatter(&mut out, Escaping::default())).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn what_the_sanitizer_flags_is_escaped_and_parses_back() {
        let s = "\u{202E}evil\u{9b}\u{7f} Tole\u{200D}genov \u{E0041} 👩\u{200D}👧 \"q\"\n";
        let json = escaped(&serde_json::json!({ "name": s }));
        assert_eq!(
            json,
            "{\n  \"name\": \"\\u202eevil\\u009b\\u007f Tole\\u200dgenov \\udb40\\udc41 👩\u{200D}👧 \\\"q\\\"\\n\"\n}"
        );
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["name"], s);
    }
}
