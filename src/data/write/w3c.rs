//! W3C Web Annotation JSON-LD: one `AnnotationCollection` whose first (and
//! only) page holds every annotation, one per line. The annotations carry
//! no text: they point into the documents by `target.source` (the
//! document's url, else its id; the id too when two documents share a url)
//! and a selector list of a `TextQuoteSelector` (exact, with up to 32 chars
//! of prefix and suffix) and a `TextPositionSelector` (start/end in Unicode
//! scalars), which must select the same text. docs/formats.md ("Converting") has the
//! conventions:
//! - a mention is an `Annotation` (`dossier:mention/<doc>/<n>`, n its place
//!   in the document) whose bodies are a tagging `TextualBody` with its
//!   label, an identifying `SpecificResource` for its entity
//!   (`dossier:entity/<id>`) and one per normalization, a commenting body
//!   per note, and on the entity's first mention a describing body with the
//!   entity's description. A discontinuous mention has one target per
//!   fragment, in text order: a `refinedBy` narrows one segment and could
//!   not say "these two pieces";
//! - a claim is an `Annotation` (`dossier:claim/<id>`) tagged
//!   `Claim-<kind>`, with describing (summary) and commenting (note) bodies;
//! - every link — between mentions, a claim's claimant and abouts, between
//!   claims — is a `linking` `Annotation` whose target is the annotation it
//!   starts from and whose bodies are a tagging body naming the link and the
//!   IRI it points to (an annotation, or an entity), in any document.
//!
//! What W3C annotations cannot hold (the texts and metadata, attributes,
//! note types, names of normalizations, entity names and aliases, event
//! ids) is counted in the [`Report`].

use std::io::{self, BufWriter, Write};

use super::Report;
use super::brat::shared::{CharOffsets, entities_without_mentions, entity_ref, label, numbered, percent_encode, slice};
use super::doccano::json_str;
use crate::data::model::{Corpus, DocIdx, MentionIdx, Span};
use crate::support::hash::FxHashMap;

/// How many chars of context a quote selector carries on each side.
const CONTEXT: usize = 32;

/// Writes the corpus's annotations as one W3C `AnnotationCollection`.
pub fn write(corpus: &Corpus, out: &mut impl Write) -> io::Result<Report> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let mut report = Report::default();
    let claims = corpus.claims();
    let claim_links: usize =
        claims.iter().map(|c| usize::from(c.claimant.is_some()) + c.about.len() + c.relations.len()).sum();
    let total = corpus.mentions().len() + claims.len() + corpus.mention_links().len() + claim_links;
    writeln!(
        out,
        "{{\n  \"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n  \"id\": \"dossier:collection\",\n  \
         \"type\": \"AnnotationCollection\",\n  \"label\": \"dossier corpus\",\n  \"total\": {total},\n  \
         \"first\": {{\n    \"id\": \"dossier:collection/page/1\",\n    \"type\": \"AnnotationPage\",\n    \
         \"startIndex\": 0,\n    \"items\": ["
    )?;
    let mut items = Items { out: &mut out, first: true };
    let sources = Sources::new(corpus);
    for d in corpus.doc_indices() {
        document(corpus, d, sources.of(corpus, d), &mut items, &mut report)?;
        report.documents += 1;
    }
    links(corpus, &mut items, &mut report)?;
    out.write_all(b"\n    ]\n  }\n}\n")?;
    report.lose("document texts and metadata (W3C annotations only point to them)", corpus.documents().len());
    let mentioned = corpus.entities().len() - entities_without_mentions(corpus);
    report.lose("entity names and aliases (W3C names an entity by its IRI)", mentioned);
    report.lose(super::brat::shared::NO_MENTION, corpus.entities().len() - mentioned);
    out.flush()?;
    Ok(report)
}

/// The page's items, comma-separated, one per line.
struct Items<'w, W: Write> {
    out: &'w mut W,
    first: bool,
}

impl<W: Write> Items<'_, W> {
    /// Starts an item: `{"id":<id>,"type":"Annotation","motivation":<m>,"body":[`.
    fn start(&mut self, id: &str, motivation: &str) -> io::Result<&mut W> {
        self.out.write_all(if self.first { b"      {\"id\":" } else { b",\n      {\"id\":" })?;
        self.first = false;
        json_str(self.out, id)?;
        write!(self.out, ",\"type\":\"Annotation\",\"motivation\":\"{motivation}\",\"body\":[")?;
        Ok(self.out)
    }
}

/// A body: `{"type":"TextualBody","purpose":<p>,"value":<v>}`, comma first unless `first`.
fn textual(out: &mut impl Write, first: bool, purpose: &str, value: &str) -> io::Result<()> {
    let comma = if first { "" } else { "," };
    write!(out, "{comma}{{\"type\":\"TextualBody\",\"purpose\":\"{purpose}\",\"value\":")?;
    json_str(out, value)?;
    out.write_all(b"}")
}

fn identifying(out: &mut impl Write, source: &str) -> io::Result<()> {
    out.write_all(b",{\"type\":\"SpecificResource\",\"purpose\":\"identifying\",\"source\":")?;
    json_str(out, source)?;
    out.write_all(b"}")
}

/// An IRI's segment: the chars an IRI path may hold, the rest (`/`, `%`,
/// `?`, `#`, spaces, ...) percent-encoded.
fn segment(s: &str) -> std::borrow::Cow<'_, str> {
    percent_encode(s, |c| c.is_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c))
}

pub(super) fn entity_iri(id: &str) -> String {
    format!("dossier:entity/{}", segment(id))
}

fn mention_iri(corpus: &Corpus, m: MentionIdx) -> String {
    let doc = corpus.mention(m).doc;
    let n = m.index() - corpus.doc_mention_range(doc).start;
    format!("dossier:mention/{}/{n}", segment(&corpus.doc(doc).id))
}

fn claim_iri(id: &str) -> String {
    format!("dossier:claim/{}", segment(id))
}

/// What targets name each document by: its url, unless another document has the same.
struct Sources<'c> {
    urls: FxHashMap<&'c str, usize>,
}

impl<'c> Sources<'c> {
    fn new(corpus: &'c Corpus) -> Sources<'c> {
        let mut urls = FxHashMap::default();
        for url in corpus.documents().iter().filter_map(|d| d.url.as_deref()) {
            *urls.entry(url).or_insert(0) += 1;
        }
        Sources { urls }
    }

    fn of<'a>(&self, corpus: &'a Corpus, d: DocIdx) -> &'a str {
        let doc = corpus.doc(d);
        match doc.url.as_deref() {
            Some(url) if self.urls.get(url) == Some(&1) => url,
            _ => &doc.id,
        }
    }
}

/// The mentions and claims of one document.
fn document<W: Write>(
    corpus: &Corpus,
    d: DocIdx,
    source: &str,
    items: &mut Items<'_, W>,
    report: &mut Report,
) -> io::Result<()> {
    let text = corpus.doc(d).text.as_str();
    let range = corpus.doc_mention_range(d);
    let frags = range.clone().flat_map(|m| corpus.mention_fragments(MentionIdx::from_index(m)).iter().copied());
    let claim_spans = corpus.doc_claims(d).iter().map(|&c| corpus.claim(c).span);
    let offsets = CharOffsets::new(text, frags.chain(claim_spans).flat_map(|s| [s.start, s.end]).collect());
    let target = Target { text, source, offsets: &offsets };
    for m in range.map(MentionIdx::from_index) {
        let e = corpus.mention(m).entity;
        let entity = corpus.entity(e);
        let out = items.start(&mention_iri(corpus, m), "identifying")?;
        textual(out, true, "tagging", label(corpus, m))?;
        identifying(out, &entity_iri(&entity.id))?;
        if corpus.entity_mentions(e).first() == Some(&m) && !entity.description.is_empty() {
            textual(out, false, "describing", &entity.description)?;
        }
        if let Some(detail) = corpus.mention_detail(m) {
            // brat's file names the entity by a normalization of its own.
            let brat_identity = entity_ref(&entity.id);
            for r in detail.references.iter().filter(|r| r.target != brat_identity) {
                identifying(out, &r.target)?;
                let named = r.text.is_some() || r.kind != "Reference";
                report.lose("normalization kinds and names (W3C identifies by IRI alone)", usize::from(named));
            }
            for note in &detail.notes {
                textual(out, false, "commenting", &note.text)?;
                let typed = note.kind != "AnnotatorNotes";
                report.lose("note types (a W3C comment has none)", usize::from(typed));
            }
            report.lose("attributes", detail.attributes.len());
        }
        target.write(out, corpus.mention_fragments(m))?;
        report.spans += 1;
    }
    for &c in corpus.doc_claims(d) {
        let claim = corpus.claim(c);
        let out = items.start(&claim_iri(&claim.id), "classifying")?;
        textual(out, true, "tagging", &format!("Claim-{}", claim.kind.name()))?;
        if let Some(summary) = &claim.summary {
            textual(out, false, "describing", summary)?;
        }
        if let Some(note) = &claim.note {
            textual(out, false, "commenting", note)?;
        }
        target.write(out, std::slice::from_ref(&claim.span))?;
        report.spans += 1;
    }
    Ok(())
}

/// Where in which document an annotation points.
struct Target<'a> {
    text: &'a str,
    source: &'a str,
    offsets: &'a CharOffsets,
}

impl Target<'_> {
    /// `],"target":...}`: one target per fragment, an array when there are several.
    fn write(&self, out: &mut impl Write, fragments: &[Span]) -> io::Result<()> {
        out.write_all(b"],\"target\":")?;
        if fragments.len() > 1 {
            out.write_all(b"[")?;
        }
        for (i, &f) in fragments.iter().enumerate() {
            out.write_all(if i == 0 { b"{\"source\":" } else { b",{\"source\":" })?;
            json_str(out, self.source)?;
            out.write_all(b",\"selector\":[{\"type\":\"TextQuoteSelector\",\"exact\":")?;
            json_str(out, slice(self.text, f))?;
            let prefix = before(self.text, f.start as usize, CONTEXT);
            if !prefix.is_empty() {
                out.write_all(b",\"prefix\":")?;
                json_str(out, prefix)?;
            }
            let suffix = after(self.text, f.end as usize, CONTEXT);
            if !suffix.is_empty() {
                out.write_all(b",\"suffix\":")?;
                json_str(out, suffix)?;
            }
            let (start, end) = (self.offsets.of(self.text, f.start), self.offsets.of(self.text, f.end));
            write!(out, "}},{{\"type\":\"TextPositionSelector\",\"start\":{start},\"end\":{end}}}]}}")?;
        }
        if fragments.len() > 1 {
            out.write_all(b"]")?;
        }
        out.write_all(b"}")
    }
}

/// Up to `n` chars of `text` before byte `at`.
fn before(text: &str, at: usize, n: usize) -> &str {
    let head = text.get(..at).unwrap_or_default();
    let Some(last) = n.checked_sub(1) else { return "" };
    let start = head.char_indices().rev().nth(last).map_or(0, |(i, _)| i);
    &head[start..]
}

/// Up to `n` chars of `text` from byte `at`.
fn after(text: &str, at: usize, n: usize) -> &str {
    let tail = text.get(at..).unwrap_or_default();
    let end = tail.char_indices().nth(n).map_or(tail.len(), |(i, _)| i);
    &tail[..end]
}

/// Every link as a `linking` annotation from one IRI to another.
fn links<W: Write>(corpus: &Corpus, items: &mut Items<'_, W>, report: &mut Report) -> io::Result<()> {
    let mut n = 0usize;
    let mut link = |items: &mut Items<'_, W>, from: &str, kind: &str, to: &str, notes: &[&str]| {
        n += 1;
        let out = items.start(&format!("dossier:link/{n}"), "linking")?;
        textual(out, true, "tagging", kind)?;
        out.write_all(b",")?;
        json_str(out, to)?;
        for note in notes {
            textual(out, false, "commenting", note)?;
        }
        out.write_all(b"],\"target\":")?;
        json_str(out, from)?;
        out.write_all(b"}")
    };
    for l in corpus.mention_links() {
        let notes: Vec<&str> = l.notes.iter().map(|x| x.text.as_str()).collect();
        link(items, &mention_iri(corpus, l.from), &l.kind, &mention_iri(corpus, l.to), &notes)?;
        report.relations += 1;
        let event = l.id.as_deref().and_then(|id| numbered(id, 'E')).is_some();
        report.lose("event ids (their roles written as plain links)", usize::from(event));
        report.lose("attributes", l.attributes.len());
        report
            .lose("note types (a W3C comment has none)", l.notes.iter().filter(|x| x.kind != "AnnotatorNotes").count());
    }
    for claim in corpus.claims() {
        let from = claim_iri(&claim.id);
        let about = claim.about.iter().map(|&e| ("about", e));
        for (role, e) in claim.claimant.map(|e| ("claimant", e)).into_iter().chain(about) {
            link(items, &from, role, &entity_iri(&corpus.entity(e).id), &[])?;
            report.relations += 1;
        }
        for rel in &claim.relations {
            let note: Vec<&str> = rel.note.as_deref().into_iter().collect();
            link(items, &from, rel.kind.name(), &claim_iri(&corpus.claim(rel.target).id), &note)?;
            report.relations += 1;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::write::brat::tests::{TEXT0, TEXT1, corpus};
    use serde_json::Value;

    fn written() -> (String, Report) {
        let mut out = Vec::new();
        let report = write(&corpus(), &mut out).unwrap();
        (String::from_utf8(out).unwrap(), report)
    }

    #[test]
    fn a_collection_with_one_annotation_per_mention_claim_and_link() {
        let (out, report) = written();
        let first = concat!(
            r#"      {"id":"dossier:mention/kz%2Fastana/0","type":"Annotation","motivation":"identifying","body":["#,
            r#"{"type":"TextualBody","purpose":"tagging","value":"PER"},"#,
            r#"{"type":"SpecificResource","purpose":"identifying","source":"dossier:entity/tokayev"},"#,
            r#"{"type":"TextualBody","purpose":"describing","value":"President of Kazakhstan"},"#,
            r#"{"type":"SpecificResource","purpose":"identifying","source":"Wikidata:Q312340"},"#,
            r#"{"type":"TextualBody","purpose":"commenting","value":"тоқаев"}],"#,
            r#""target":{"source":"https://example.kz/astana","selector":["#,
            r#"{"type":"TextQuoteSelector","exact":"Тоқаев","prefix":"🇰🇿 Қазақстан: ","suffix":" met Mirziyoyev in Astana.\nThe A"},"#,
            r#"{"type":"TextPositionSelector","start":14,"end":20}]}},"#,
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[11], first);
        let discontinuous = concat!(
            r#""target":[{"source":"https://example.kz/astana","selector":[{"type":"TextQuoteSelector","exact":"The","#,
            r#""prefix":"оқаев met Mirziyoyev in Astana.\n","suffix":" Astana\nsummit ended. Тоқаев spo"},"#,
            r#"{"type":"TextPositionSelector","start":47,"end":50}]},{"source":"https://example.kz/astana","#,
            r#""selector":[{"type":"TextQuoteSelector","exact":"summit","prefix":"irziyoyev in Astana.\nThe Astana\n","#,
            r#""suffix":" ended. Тоқаев spoke.\n"},{"type":"TextPositionSelector","start":58,"end":64}]}]},"#,
        );
        assert!(lines[15].ends_with(discontinuous), "{}", lines[15]);
        let link = concat!(
            r#"      {"id":"dossier:link/11","type":"Annotation","motivation":"linking","body":["#,
            r#"{"type":"TextualBody","purpose":"tagging","value":"supports"},"dossier:claim/c-meet","#,
            r#"{"type":"TextualBody","purpose":"commenting","value":"same day"}],"target":"dossier:claim/c-summit"},"#,
        );
        assert!(lines.contains(&link));

        assert_eq!((report.documents, report.spans, report.relations), (2, 12, 13));
        let lossy: Vec<(&str, usize)> = report.lossy.iter().map(|(w, n)| (w.as_str(), *n)).collect();
        assert_eq!(
            lossy,
            [
                ("normalization kinds and names (W3C identifies by IRI alone)", 1),
                ("note types (a W3C comment has none)", 1),
                ("attributes", 3),
                ("event ids (their roles written as plain links)", 3),
                ("document texts and metadata (W3C annotations only point to them)", 2),
                ("entity names and aliases (W3C names an entity by its IRI)", 6),
                ("entities without a mention", 1),
            ]
        );
    }

    /// The collection parsed back: every quote is the text at its position,
    /// its prefix and suffix the text around it; every link joins ids the
    /// collection has, or entities.
    #[test]
    fn selectors_agree_with_the_text_and_links_with_the_items() {
        let (out, _) = written();
        let collection: Value = serde_json::from_str(&out).unwrap();
        assert_eq!(collection["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(collection["type"], "AnnotationCollection");
        let items = collection["first"]["items"].as_array().unwrap();
        assert_eq!(collection["total"], items.len());
        let ids: Vec<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
        assert_eq!(ids.iter().collect::<std::collections::HashSet<_>>().len(), ids.len());
        let mut quotes = 0;
        for item in items {
            if item["motivation"] == "linking" {
                assert!(ids.contains(&item["target"].as_str().unwrap()));
                let to = item["body"][1].as_str().unwrap();
                assert!(ids.contains(&to) || to.starts_with("dossier:entity/"), "{to}");
                continue;
            }
            let targets = match &item["target"] {
                Value::Array(list) => list.clone(),
                one => vec![one.clone()],
            };
            for t in targets {
                let text = if t["source"] == "ru/moscow" { TEXT1 } else { TEXT0 };
                let chars: Vec<char> = text.chars().collect();
                let (quote, position) = (&t["selector"][0], &t["selector"][1]);
                let start = position["start"].as_u64().unwrap() as usize;
                let end = position["end"].as_u64().unwrap() as usize;
                assert_eq!(quote["exact"], chars[start..end].iter().collect::<String>());
                let prefix = chars[start.saturating_sub(CONTEXT)..start].iter().collect::<String>();
                assert_eq!(quote["prefix"].as_str().unwrap_or_default(), prefix);
                let suffix = chars[end..(end + CONTEXT).min(chars.len())].iter().collect::<String>();
                assert_eq!(quote["suffix"].as_str().unwrap_or_default(), suffix);
                quotes += 1;
            }
        }
        // 9 mentions, one of them in two fragments, and 3 claims.
        assert_eq!(quotes, 13);
    }

    #[test]
    fn iri_segments_are_percent_encoded() {
        assert_eq!(entity_iri("astana summit"), "dossier:entity/astana%20summit");
        assert_eq!(entity_iri("a/b?c#d%"), "dossier:entity/a%2Fb%3Fc%23d%25");
        assert_eq!(entity_iri("Тоқаев"), "dossier:entity/Тоқаев");
        assert_eq!(before("aé🙂b", 7, 2), "é🙂");
        assert_eq!(before("ab", 2, 0), "");
        assert_eq!(after("aé🙂b", 1, 2), "é🙂");
        assert_eq!(after("ab", 9, 2), "");
    }
}
