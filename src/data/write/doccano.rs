//! doccano JSONL, in the shape of doccano's export of relation projects:
//! one record per document,
//! `{"id", "text", "entities": [{"id", "label", "start_offset", "end_offset"}],
//! "relations": [{"id", "from_id", "to_id", "type"}], "meta": {...}}`,
//! offsets in Unicode scalar values. docs/formats.md ("Converting") has the conventions:
//! - a mention is an entity labelled as its file labelled it, else by its
//!   entity's kind; a discontinuous one is written as its cover;
//! - a link between mentions is a relation (an event's roles too, as plain
//!   relations);
//! - a claim is an entity labelled `Claim-<kind>`, with relations
//!   `claimant` / `about` to the nearest mention of the entity and
//!   `supports` / `contradicts` / `elaborates` to other claims of the
//!   document;
//! - the document's metadata (title, url, authors, ...) goes under `meta`.
//!
//! Entity and relation ids are numbers unique within their record: the
//! file's own where it gave a number nobody else in the record has, else
//! fresh ones from 0. Everything else (entity identity beyond label and
//! text, attributes, normalizations, notes, claim ids, summaries and notes,
//! what has nothing to point to in the document) doccano cannot hold, and
//! is counted in the [`Report`].

use std::io::{self, BufWriter, Write};

use super::Report;
use super::brat::shared::{
    CharOffsets, Numbers, entities_without_mentions, label, links_by_doc, nearest_mention, numbered,
};
use crate::data::model::{Corpus, DocIdx, Document, MentionIdx};

/// Writes the corpus as doccano JSONL, one line per document.
pub fn write(corpus: &Corpus, out: &mut impl Write) -> io::Result<Report> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let mut report = Report::default();
    let links = links_by_doc(corpus, &mut report);
    for d in corpus.doc_indices() {
        record(corpus, d, &links[d.index()], &mut out, &mut report)?;
        report.documents += 1;
    }
    let mentioned = corpus.entities().len() - entities_without_mentions(corpus);
    report.lose("entity identities (doccano regroups mentions by label and text)", mentioned);
    report.lose(super::brat::shared::NO_MENTION, corpus.entities().len() - mentioned);
    out.flush()?;
    Ok(report)
}

/// A string as JSON, quoted and escaped.
pub(super) fn json_str<W: Write + ?Sized>(out: &mut W, s: &str) -> io::Result<()> {
    serde_json::to_writer(&mut *out, s).map_err(io::Error::from)
}

/// The number of a doccano id: its digits, as written, without leading zeros.
fn number(id: &str) -> Option<u32> {
    let canonical = !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) && (id == "0" || !id.starts_with('0'));
    if canonical { id.parse().ok() } else { None }
}

fn record(corpus: &Corpus, d: DocIdx, links: &[u32], out: &mut impl Write, report: &mut Report) -> io::Result<()> {
    let doc = corpus.doc(d);
    let text = doc.text.as_str();
    let range = corpus.doc_mention_range(d);
    let claims = corpus.doc_claims(d);
    let mentions = &corpus.mentions()[range.clone()];
    let positions = mentions.iter().map(|m| m.span).chain(claims.iter().map(|&c| corpus.claim(c).span));
    let offsets = CharOffsets::new(text, positions.flat_map(|s| [s.start, s.end]).collect());

    let mut ids = Numbers::from(0);
    let claimed: Vec<Option<u32>> = range
        .clone()
        .map(|m| {
            let detail = corpus.mention_detail(MentionIdx::from_index(m));
            ids.claim(detail.and_then(|x| x.ids.iter().find_map(|id| number(id))))
        })
        .collect();
    let entity_ids: Vec<u32> = claimed.into_iter().map(|n| n.unwrap_or_else(|| ids.fresh())).collect();
    let claim_ids: Vec<u32> = claims.iter().map(|_| ids.fresh()).collect();
    let mut by_idx: Vec<_> = claims.iter().copied().zip(claim_ids.iter().copied()).collect();
    by_idx.sort_unstable();
    let id_of = |m: MentionIdx| entity_ids.get(m.index().checked_sub(range.start)?).copied();

    out.write_all(b"{\"id\":")?;
    json_str(out, &doc.id)?;
    out.write_all(b",\"text\":")?;
    json_str(out, text)?;
    out.write_all(b",\"entities\":[")?;
    let mut first = true;
    let mut entity = |out: &mut dyn Write, id: u32, label: &str, span: crate::data::model::Span| {
        out.write_all(if first { b"{\"id\":" } else { b",{\"id\":" })?;
        first = false;
        write!(out, "{id},\"label\":")?;
        json_str(out, label)?;
        let (start, end) = (offsets.of(text, span.start), offsets.of(text, span.end));
        write!(out, ",\"start_offset\":{start},\"end_offset\":{end}}}")
    };
    for (i, m) in mentions.iter().enumerate() {
        let mi = MentionIdx::from_index(range.start + i);
        entity(out, entity_ids[i], label(corpus, mi), m.span)?;
        report.spans += 1;
        lose_detail(corpus, mi, report);
    }
    for (&c, &id) in claims.iter().zip(&claim_ids) {
        let claim = corpus.claim(c);
        entity(out, id, &format!("Claim-{}", claim.kind.name()), claim.span)?;
        report.spans += 1;
        report.lose("claim ids", 1);
        report.lose("claim summaries", usize::from(claim.summary.is_some()));
        report.lose("claim notes", usize::from(claim.note.is_some()));
    }

    out.write_all(b"],\"relations\":[")?;
    let mut rel_ids = Numbers::from(0);
    let all = corpus.mention_links();
    let claimed: Vec<Option<u32>> =
        links.iter().map(|&l| rel_ids.claim(all[l as usize].id.as_deref().and_then(number))).collect();
    let mut first = true;
    let mut relation = |out: &mut dyn Write, id: Option<u32>, from: u32, to: u32, kind: &str| {
        let id = id.unwrap_or_else(|| rel_ids.fresh());
        out.write_all(if first { b"{\"id\":" } else { b",{\"id\":" })?;
        first = false;
        write!(out, "{id},\"from_id\":{from},\"to_id\":{to},\"type\":")?;
        json_str(out, kind)?;
        out.write_all(b"}")
    };
    for (&l, id) in links.iter().zip(claimed) {
        let link = &all[l as usize];
        let (Some(from), Some(to)) = (id_of(link.from), id_of(link.to)) else { continue };
        relation(out, id, from, to, &link.kind)?;
        report.relations += 1;
        let event = link.id.as_deref().and_then(|id| numbered(id, 'E')).is_some();
        report.lose("event ids (their roles written as plain relations)", usize::from(event));
        report.lose("attributes", link.attributes.len());
        report.lose("notes", link.notes.len());
    }
    for (&c, &from) in claims.iter().zip(&claim_ids) {
        let claim = corpus.claim(c);
        let about = claim.about.iter().map(|&e| ("about", e));
        for (role, e) in claim.claimant.map(|e| ("claimant", e)).into_iter().chain(about) {
            match nearest_mention(corpus, e, d, claim.span, |_| true).and_then(id_of) {
                Some(to) => {
                    relation(out, None, from, to, role)?;
                    report.relations += 1;
                }
                None => report.lose("claimants and abouts not mentioned in the claim's document", 1),
            }
        }
        for rel in &claim.relations {
            let to = by_idx.binary_search_by_key(&rel.target, |&(x, _)| x).ok().map(|i| by_idx[i].1);
            match to {
                Some(to) => {
                    relation(out, None, from, to, rel.kind.name())?;
                    report.relations += 1;
                }
                None => report.lose("claim relations across documents", 1),
            }
            report.lose("notes of claim relations", usize::from(rel.note.is_some()));
        }
    }
    out.write_all(b"]")?;
    meta(doc, corpus, out)?;
    out.write_all(b"}\n")
}

/// Counts what a mention carries beyond its label and cover.
fn lose_detail(corpus: &Corpus, m: MentionIdx, report: &mut Report) {
    let Some(detail) = corpus.mention_detail(m) else { return };
    report.lose("discontinuous mentions (written as their cover)", usize::from(!detail.fragments.is_empty()));
    report.lose("attributes", detail.attributes.len());
    report.lose("normalizations", detail.references.len());
    report.lose("notes", detail.notes.len());
}

/// `,"meta":{...}` with the document's metadata, when it has any.
fn meta(doc: &Document, corpus: &Corpus, out: &mut impl Write) -> io::Result<()> {
    let mut first = true;
    let mut key = |out: &mut dyn Write, k: &str| -> io::Result<()> {
        out.write_all(if first { b",\"meta\":{" } else { b"," })?;
        first = false;
        json_str(out, k)?;
        out.write_all(b":")
    };
    if !doc.title.is_empty() {
        key(out, "title")?;
        json_str(out, &doc.title)?;
    }
    let fields = [
        ("source", &doc.source),
        ("url", &doc.url),
        ("published", &doc.published),
        ("language", &doc.language),
        ("genre", &doc.genre),
        ("translated_from", &doc.translated_from),
        ("note", &doc.note),
    ];
    for (k, v) in fields {
        if let Some(v) = v {
            key(out, k)?;
            json_str(out, v)?;
        }
    }
    if doc.translated {
        key(out, "translated")?;
        out.write_all(b"true")?;
    }
    if !doc.authors.is_empty() {
        key(out, "authors")?;
        for (i, p) in doc.authors.iter().enumerate() {
            out.write_all(if i == 0 { b"[{\"name\":" } else { b",{\"name\":" })?;
            json_str(out, &p.name)?;
            let entity = p.entity.map(|e| &corpus.entity(e).id);
            for (k, v) in [("role", p.role.as_ref()), ("affiliation", p.affiliation.as_ref()), ("entity", entity)] {
                if let Some(v) = v {
                    write!(out, ",\"{k}\":")?;
                    json_str(out, v)?;
                }
            }
            out.write_all(b"}")?;
        }
        out.write_all(b"]")?;
    }
    if !first {
        out.write_all(b"}")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::write::brat::tests::{TEXT0, TEXT1, corpus};
    use serde_json::Value;

    const LINE0: &str = concat!(
        r#"{"id":"kz/astana","text":"🇰🇿 Қазақстан: Тоқаев met Mirziyoyev in Astana.\nThe Astana\nsummit ended. Тоқаев spoke.\n","#,
        r#""entities":[{"id":0,"label":"PER","start_offset":14,"end_offset":20},"#,
        r#"{"id":1,"label":"Meet","start_offset":21,"end_offset":24},"#,
        r#"{"id":2,"label":"person","start_offset":25,"end_offset":35},"#,
        r#"{"id":3,"label":"place","start_offset":39,"end_offset":45},"#,
        r#"{"id":4,"label":"EVT","start_offset":47,"end_offset":64},"#,
        r#"{"id":5,"label":"place","start_offset":51,"end_offset":57},"#,
        r#"{"id":6,"label":"summit name","start_offset":51,"end_offset":64},"#,
        r#"{"id":7,"label":"person","start_offset":72,"end_offset":78},"#,
        r#"{"id":8,"label":"Claim-fact","start_offset":14,"end_offset":46},"#,
        r#"{"id":9,"label":"Claim-fact","start_offset":47,"end_offset":71}],"#,
        r#""relations":[{"id":0,"from_id":1,"to_id":0,"type":"Participant"},"#,
        r#"{"id":1,"from_id":1,"to_id":2,"type":"Participant2"},"#,
        r#"{"id":2,"from_id":1,"to_id":3,"type":"Place"},"#,
        r#"{"id":3,"from_id":2,"to_id":0,"type":"Counterpart"},"#,
        r#"{"id":4,"from_id":6,"to_id":5,"type":"Located in"},"#,
        r#"{"id":5,"from_id":8,"to_id":0,"type":"about"},"#,
        r#"{"id":6,"from_id":8,"to_id":2,"type":"about"},"#,
        r#"{"id":7,"from_id":9,"to_id":7,"type":"claimant"},"#,
        r#"{"id":8,"from_id":9,"to_id":8,"type":"supports"}],"#,
        r#""meta":{"title":"Astana talks","url":"https://example.kz/astana"}}"#,
    );
    const LINE1: &str = concat!(
        r#"{"id":"ru/moscow","text":"Москва 🙂 welcomed Тоқаев.","#,
        r#""entities":[{"id":0,"label":"person","start_offset":18,"end_offset":24},"#,
        r#"{"id":1,"label":"Claim-quote","start_offset":0,"end_offset":25}],"#,
        r#""relations":[{"id":0,"from_id":1,"to_id":0,"type":"claimant"}]}"#,
    );

    fn written() -> (String, Report) {
        let mut out = Vec::new();
        let report = write(&corpus(), &mut out).unwrap();
        (String::from_utf8(out).unwrap(), report)
    }

    #[test]
    fn one_record_per_document_in_doccanos_relation_shape() {
        let (out, report) = written();
        assert_eq!(out, format!("{LINE0}\n{LINE1}\n"));
        assert_eq!((report.documents, report.spans, report.relations), (2, 12, 10));
        let lossy: Vec<(&str, usize)> = report.lossy.iter().map(|(w, n)| (w.as_str(), *n)).collect();
        assert_eq!(
            lossy,
            [
                ("links between mentions of different documents", 1),
                ("normalizations", 1),
                ("notes", 3),
                ("attributes", 3),
                ("discontinuous mentions (written as their cover)", 1),
                ("claim ids", 3),
                ("claim summaries", 1),
                ("event ids (their roles written as plain relations)", 3),
                ("claimants and abouts not mentioned in the claim's document", 1),
                ("notes of claim relations", 1),
                ("claim relations across documents", 1),
                ("claim notes", 1),
                ("entity identities (doccano regroups mentions by label and text)", 6),
                ("entities without a mention", 1),
            ]
        );
    }

    /// Every record parsed back: offsets slice the text to the corpus's
    /// mentions and claims, relations join entities of the record.
    #[test]
    fn offsets_slice_the_text_to_the_spans() {
        let corpus = corpus();
        let (out, _) = written();
        for (line, (d, text)) in out.lines().zip([(0, TEXT0), (1, TEXT1)]) {
            let record: Value = serde_json::from_str(line).unwrap();
            assert_eq!(record["text"], text);
            let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let d = DocIdx(d);
            let mut expected: Vec<&str> = corpus.doc_mentions(d).iter().map(|m| corpus.doc(d).slice(m.span)).collect();
            expected.extend(corpus.doc_claims(d).iter().map(|&c| corpus.claim_text(c)));
            let entities = record["entities"].as_array().unwrap();
            let sliced: Vec<&str> = entities
                .iter()
                .map(|e| {
                    &text[chars[e["start_offset"].as_u64().unwrap() as usize]
                        ..chars[e["end_offset"].as_u64().unwrap() as usize]]
                })
                .collect();
            assert_eq!(sliced, expected);
            let ids: Vec<&Value> = entities.iter().map(|e| &e["id"]).collect();
            for r in record["relations"].as_array().unwrap() {
                assert!(ids.contains(&&r["from_id"]) && ids.contains(&&r["to_id"]), "{r}");
            }
        }
    }

    #[test]
    fn numeric_ids_of_the_file_are_kept_when_free() {
        assert_eq!(
            [number("0"), number("17"), number("017"), number("T1"), number("")],
            [Some(0), Some(17), None, None, None]
        );
    }
}
