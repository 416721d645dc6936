//! brat standoff: a folder holding `<doc id>.txt` (the text, verbatim) and
//! `<doc id>.ann` per document, written so that reading the folder back
//! (spans grouped into entities by label and text, merged by shared
//! normalizations) gives back the same corpus. docs/formats.md ("Converting") has the
//! conventions; in short, per document:
//! - a mention is a `T` line (the file's label, else the entity kind's name),
//!   its fragments split at line breaks, since a `.ann` line cannot quote
//!   one (brat does the same); its attributes `A`, normalizations `N`, notes
//!   `#`; every mention also gets `N… Reference T… dossier:<entity id>` named
//!   by the entity, and the entity's first mention its description and the
//!   aliases no mention spells;
//! - a link between mentions is an `R` line, or an event role: links whose
//!   id is `E<n>` are rebuilt into `E` lines, the trigger being their `from`;
//! - a claim is a `T` line labelled `Claim-<kind>` with `#` notes for its id,
//!   summary and note, `R` lines `claimant`/`about` to the nearest mention of
//!   the entity and `supports`/… to other claims of the document; what has
//!   no mention or claim to point to in the document becomes a `#` note.
//!
//! What brat cannot hold is counted in the [`Report`]: document metadata,
//! entities without mentions, links across documents, mentions that had to
//! be split at line breaks. [`shared`] keeps what the three writers share.

mod events;
pub(super) mod shared;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;
use std::ops::Range;
use std::path::Path;

use crate::data::model::{Attribute, ClaimIdx, Corpus, DocIdx, Document, MentionIdx, MentionLink, Span};
use events::Events;
pub use shared::Report;
use shared::{
    CharOffsets, NO_MENTION, Numbers, entities_without_mentions, entity_ref, label, links_by_doc, nearest_mention,
    numbered, percent_encode, slice,
};

/// Writes every document of the corpus as a `.txt`/`.ann` pair into `dir`
/// (created if missing; files of the same names are replaced).
pub fn write(corpus: &Corpus, dir: &Path) -> io::Result<Report> {
    std::fs::create_dir_all(dir)?;
    let mut report = Report::default();
    let links = links_by_doc(corpus, &mut report);
    for d in corpus.doc_indices() {
        let doc = corpus.doc(d);
        let ann = ann(corpus, d, &links[d.index()], &mut report);
        let name = file_name(&doc.id);
        std::fs::write(dir.join(format!("{name}.txt")), &doc.text)?;
        std::fs::write(dir.join(format!("{name}.ann")), ann)?;
        report.documents += 1;
        if has_metadata(doc) {
            report.lose("document metadata (title, url, authors, ...)", 1);
        }
    }
    report.lose(NO_MENTION, entities_without_mentions(corpus));
    Ok(report)
}

/// The file name (without extension) a document id is written under: the
/// id itself, with `%`, `/`, `\`, control characters and a leading `.`
/// written `%XX` (their UTF-8 bytes in hex), and the empty id as a lone `%`.
/// Since `%` itself is always escaped, decoding the `%XX` gives the id back.
pub fn file_name(id: &str) -> Cow<'_, str> {
    if id.is_empty() {
        return Cow::Borrowed("%");
    }
    let mut first = true;
    percent_encode(id, |c| {
        let leading_dot = first && c == '.';
        first = false;
        !leading_dot && !matches!(c, '%' | '/' | '\\') && !c.is_control()
    })
}

fn has_metadata(doc: &Document) -> bool {
    !doc.title.trim().is_empty()
        || !doc.authors.is_empty()
        || doc.source.is_some()
        || doc.url.is_some()
        || doc.published.is_some()
        || doc.language.is_some()
        || doc.genre.is_some()
        || doc.translated
        || doc.translated_from.is_some()
        || doc.note.is_some()
}

/// Pushes the pieces of `span` between line breaks (`\n`, `\r`), the empty
/// ones left out; says whether it had to cut.
fn split_at_line_breaks(text: &str, span: Span, out: &mut Vec<Span>) -> bool {
    let bytes = text.as_bytes().get(span.range()).unwrap_or_default();
    let mut start = 0;
    let mut cut = false;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        cut = true;
        if i > start {
            out.push(Span::new(span.start as usize + start, span.start as usize + i));
        }
        start = i + 1;
    }
    if start < bytes.len() {
        out.push(Span::new(span.start as usize + start, span.start as usize + bytes.len()));
    }
    cut
}

/// `s` as one word of a `.ann` line: whitespace (and, where brat splits on
/// it, `:`) written `_`, the empty word `_`.
fn word<'a>(s: &'a str, colon: bool, report: &mut Report) -> Cow<'a, str> {
    let bad = |c: char| c.is_whitespace() || (colon && c == ':');
    if !s.is_empty() && !s.contains(bad) {
        return Cow::Borrowed(s);
    }
    report.lose("labels and names with spaces or nothing (written with _)", 1);
    if s.is_empty() { Cow::Borrowed("_") } else { Cow::Owned(s.replace(bad, "_")) }
}

/// `s` as the tail of a `.ann` line, which ends at a line break: breaks written as spaces.
fn one_line<'a>(s: &'a str, report: &mut Report) -> Cow<'a, str> {
    if !s.contains(['\n', '\r']) {
        return Cow::Borrowed(s);
    }
    report.lose("line breaks in notes and names (written as spaces)", 1);
    Cow::Owned(s.replace(['\n', '\r'], " "))
}

/// The lines of one `.ann`, by sort, joined in brat's usual order at the end.
#[derive(Default)]
struct Lines {
    t: String,
    e: String,
    r: String,
    a: String,
    n: String,
    notes: String,
    a_count: u32,
    n_count: u32,
    note_count: u32,
}

impl Lines {
    fn attribute(&mut self, target: &str, a: &Attribute, report: &mut Report) {
        self.a_count += 1;
        let _ = write!(self.a, "A{}\t{} {target}", self.a_count, word(&a.name, false, report));
        if let Some(v) = &a.value {
            // brat's values are words of its configuration; an empty one would not parse.
            let _ = write!(self.a, " {}", word(v, false, report));
        }
        self.a.push('\n');
    }

    fn normalization(&mut self, target: &str, kind: &str, to: &str, text: Option<&str>, report: &mut Report) {
        self.n_count += 1;
        let (kind, to) = (word(kind, false, report), word(to, false, report));
        let _ = write!(self.n, "N{}\t{kind} {target} {to}", self.n_count);
        if let Some(text) = text {
            let _ = write!(self.n, "\t{}", one_line(text, report));
        }
        self.n.push('\n');
    }

    fn note(&mut self, target: &str, kind: &str, text: &str, report: &mut Report) {
        self.note_count += 1;
        let kind = word(kind, false, report);
        let _ = writeln!(self.notes, "#{}\t{kind} {target}\t{}", self.note_count, one_line(text, report));
    }

    fn finish(self) -> String {
        [self.t, self.e, self.r, self.a, self.n, self.notes].concat()
    }
}

/// One document's annotations, numbered: mentions (in text order) first,
/// then claims; each with its pieces and the number of its `T` line.
struct Spans {
    pieces: Vec<Span>,
    /// `pieces[starts[i]..starts[i + 1]]` are annotation `i`'s.
    starts: Vec<u32>,
    t: Vec<Option<u32>>,
}

impl Spans {
    fn pieces(&self, i: usize) -> &[Span] {
        &self.pieces[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// The `.ann` of one document.
fn ann(corpus: &Corpus, d: DocIdx, links: &[u32], report: &mut Report) -> String {
    let text = &corpus.doc(d).text;
    let range = corpus.doc_mention_range(d);
    let claims = corpus.doc_claims(d);
    let mut spans = Spans { pieces: Vec::new(), starts: vec![0], t: Vec::new() };
    let mut split = 0;
    for m in range.clone() {
        for &f in corpus.mention_fragments(MentionIdx::from_index(m)) {
            split += usize::from(split_at_line_breaks(text, f, &mut spans.pieces));
        }
        spans.starts.push(spans.pieces.len() as u32);
    }
    report.lose("mentions split at line breaks (a .ann line cannot quote one)", split);
    for &c in claims {
        split_at_line_breaks(text, corpus.claim(c).span, &mut spans.pieces);
        spans.starts.push(spans.pieces.len() as u32);
    }
    let offsets = CharOffsets::new(text, spans.pieces.iter().flat_map(|p| [p.start, p.end]).collect());

    let mut t = Numbers::from(1);
    for m in range.clone() {
        let ids = corpus.mention_detail(MentionIdx::from_index(m)).map(|x| x.ids.as_slice()).unwrap_or_default();
        let n = if spans.pieces(m - range.start).is_empty() {
            None
        } else {
            t.claim(ids.iter().find_map(|id| numbered(id, 'T'))).or(Some(0))
        };
        spans.t.push(n);
    }
    let blank = spans.t.iter().filter(|n| n.is_none()).count();
    report.lose("mentions with no text but line breaks (a .ann line cannot quote them)", blank);
    for i in 0..spans.t.len() {
        if spans.t[i] == Some(0) {
            spans.t[i] = Some(t.fresh());
        }
    }
    for i in 0..claims.len() {
        let n = (!spans.pieces(range.len() + i).is_empty()).then(|| t.fresh());
        spans.t.push(n);
    }

    let mut lines = Lines::default();
    let mut by_idx: Vec<_> = claims.iter().enumerate().map(|(i, &c)| (c, i)).collect();
    by_idx.sort_unstable();
    let doc = DocAnn { corpus, d, text, range, spans: &spans, offsets: &offsets, claims: by_idx };
    for i in 0..doc.range.len() {
        doc.mention(i, &mut lines, report);
    }
    let mut r = Numbers::from(1);
    doc.links(links, &mut r, &mut lines, report);
    for (i, &c) in claims.iter().enumerate() {
        doc.claim(c, doc.range.len() + i, &mut r, &mut lines, report);
    }
    lines.finish()
}

struct DocAnn<'a> {
    corpus: &'a Corpus,
    d: DocIdx,
    text: &'a str,
    range: Range<usize>,
    spans: &'a Spans,
    offsets: &'a CharOffsets,
    /// The document's claims by index, each with its place in text order.
    claims: Vec<(ClaimIdx, usize)>,
}

impl DocAnn<'_> {
    /// The `T` number of a mention of this document, if it was written.
    fn t_of(&self, m: MentionIdx) -> Option<u32> {
        let local = m.index().checked_sub(self.range.start).filter(|&i| i < self.range.len())?;
        self.spans.t[local]
    }

    fn claim_t(&self, c: ClaimIdx) -> Option<u32> {
        let i = self.claims.binary_search_by_key(&c, |&(x, _)| x).ok()?;
        self.spans.t[self.range.len() + self.claims[i].1]
    }

    fn t_line(&self, i: usize, n: u32, label: &str, lines: &mut Lines) {
        let _ = write!(lines.t, "T{n}\t{label} ");
        let pieces = self.spans.pieces(i);
        for (k, p) in pieces.iter().enumerate() {
            let sep = if k == 0 { "" } else { ";" };
            let _ =
                write!(lines.t, "{sep}{} {}", self.offsets.of(self.text, p.start), self.offsets.of(self.text, p.end));
        }
        lines.t.push('\t');
        for (k, p) in pieces.iter().enumerate() {
            if k > 0 {
                lines.t.push(' ');
            }
            lines.t.push_str(slice(self.text, *p));
        }
        lines.t.push('\n');
    }

    fn mention(&self, i: usize, lines: &mut Lines, report: &mut Report) {
        let Some(n) = self.spans.t[i] else { return };
        let corpus = self.corpus;
        let m = MentionIdx::from_index(self.range.start + i);
        let e = corpus.mention(m).entity;
        let entity = corpus.entity(e);
        self.t_line(i, n, &word(label(corpus, m), false, report), lines);
        report.spans += 1;
        let target = format!("T{n}");
        let identity = entity_ref(&entity.id);
        lines.normalization(&target, "Reference", &identity, Some(&entity.name), report);
        // What the entity says once, on its first mention; a note the
        // mention holds already (read back from such a file) is not doubled.
        let mut said: Vec<(&str, &str)> = Vec::new();
        if corpus.entity_mentions(e).first() == Some(&m) {
            if !entity.description.is_empty() {
                said.push(("dossier:description", &entity.description));
            }
            for alias in &entity.aliases {
                let spelled = corpus.entity_mentions(e).iter().any(|&x| corpus.mention_text(x) == alias.as_str());
                if !spelled {
                    said.push(("dossier:alias", alias));
                }
            }
            for (kind, text) in &said {
                lines.note(&target, kind, text, report);
            }
        }
        let Some(detail) = corpus.mention_detail(m) else { return };
        for a in &detail.attributes {
            lines.attribute(&target, a, report);
        }
        for r in detail.references.iter().filter(|r| r.target != identity) {
            lines.normalization(&target, &r.kind, &r.target, r.text.as_deref(), report);
        }
        for note in &detail.notes {
            if !said.contains(&(note.kind.as_str(), note.text.as_str())) {
                lines.note(&target, &note.kind, &note.text, report);
            }
        }
    }

    /// The document's links: `R` lines, and `E` lines for the links whose id is `E<n>`.
    fn links(&self, links: &[u32], r: &mut Numbers, lines: &mut Lines, report: &mut Report) {
        let all = self.corpus.mention_links();
        let ends = |l: &MentionLink| Some((self.t_of(l.from)?, self.t_of(l.to)?));
        let written: Vec<_> = links.iter().map(|&i| &all[i as usize]).filter(|l| ends(l).is_some()).collect();
        report.lose("links to mentions not written", links.len() - written.len());
        let (roles, plain): (Vec<_>, Vec<_>) =
            written.into_iter().partition(|l| l.id.as_deref().and_then(|id| numbered(id, 'E')).is_some());
        Events::gather(self, &roles).write(self, lines, report);
        let numbers: Vec<_> = plain.iter().map(|l| r.claim(l.id.as_deref().and_then(|id| numbered(id, 'R')))).collect();
        for (l, n) in plain.iter().zip(numbers) {
            let n = n.unwrap_or_else(|| r.fresh());
            let Some((a, b)) = ends(l) else { continue };
            let _ = writeln!(lines.r, "R{n}\t{} Arg1:T{a} Arg2:T{b}", word(&l.kind, false, report));
            report.relations += 1;
            let target = format!("R{n}");
            for at in &l.attributes {
                lines.attribute(&target, at, report);
            }
            for note in &l.notes {
                lines.note(&target, &note.kind, &note.text, report);
            }
        }
    }

    fn claim(&self, c: ClaimIdx, i: usize, r: &mut Numbers, lines: &mut Lines, report: &mut Report) {
        let Some(n) = self.spans.t[i] else {
            report.lose("claims with no text but line breaks (a .ann line cannot quote them)", 1);
            return;
        };
        let corpus = self.corpus;
        let claim = corpus.claim(c);
        self.t_line(i, n, &format!("Claim-{}", claim.kind.name()), lines);
        report.spans += 1;
        let target = format!("T{n}");
        lines.note(&target, "dossier:id", &claim.id, report);
        if let Some(summary) = &claim.summary {
            lines.note(&target, "Summary", summary, report);
        }
        if let Some(note) = &claim.note {
            lines.note(&target, "AnnotatorNotes", note, report);
        }
        let about = claim.about.iter().map(|&e| ("about", e));
        for (role, e) in claim.claimant.map(|e| ("claimant", e)).into_iter().chain(about) {
            let near = nearest_mention(corpus, e, self.d, claim.span, |m| self.t_of(m).is_some());
            match near.and_then(|m| self.t_of(m)) {
                Some(k) => {
                    let _ = writeln!(lines.r, "R{}\t{role} Arg1:{target} Arg2:T{k}", r.fresh());
                    report.relations += 1;
                }
                None => {
                    let entity = corpus.entity(e);
                    lines.note(&target, &format!("dossier:{role}"), &entity.id, report);
                    // An entity named nowhere comes back from its note alone.
                    if corpus.mention_count(e) == 0 {
                        let mut about = format!("{} | {} | {}", entity.id, entity.kind.name(), entity.name);
                        if !entity.description.is_empty() {
                            about = format!("{about} | {}", entity.description);
                        }
                        lines.note(&target, "dossier:entity", &about, report);
                    }
                    report.lose("claimants and abouts not mentioned in the claim's document (written as notes)", 1);
                }
            }
        }
        for rel in &claim.relations {
            let other = corpus.claim(rel.target);
            let k = if other.doc == self.d { self.claim_t(rel.target) } else { None };
            match k {
                Some(k) => {
                    let rn = r.fresh();
                    let _ = writeln!(lines.r, "R{rn}\t{} Arg1:{target} Arg2:T{k}", rel.kind.name());
                    report.relations += 1;
                    if let Some(note) = &rel.note {
                        lines.note(&format!("R{rn}"), "AnnotatorNotes", note, report);
                    }
                }
                None => {
                    lines.note(&target, &format!("dossier:{}", rel.kind.name()), &other.id, report);
                    report.lose("claim relations across documents (written as notes)", 1);
                    if rel.note.is_some() {
                        report.lose("notes of claim relations across documents", 1);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::data::model::{
        Claim, ClaimKind, CorpusBuilder, Entity, EntityIdx, EntityKind, Mention, MentionDetail, Note, PendingLink,
        Reference, Relation, RelationKind,
    };

    pub(crate) const TEXT0: &str =
        "🇰🇿 Қазақстан: Тоқаев met Mirziyoyev in Astana.\nThe Astana\nsummit ended. Тоқаев spoke.\n";
    pub(crate) const TEXT1: &str = "Москва 🙂 welcomed Тоқаев.";

    /// The byte span of the `nth` (from 0) occurrence of `needle`.
    pub(crate) fn at(text: &str, needle: &str, nth: usize) -> Span {
        let start = text.match_indices(needle).nth(nth).expect("needle in text").0;
        Span::new(start, start + needle.len())
    }

    fn entity(id: &str, name: &str, kind: EntityKind) -> Entity {
        Entity { id: id.into(), name: name.into(), kind, aliases: vec![], description: String::new() }
    }

    /// Two documents on a meeting in Astana: an event, a discontinuous
    /// mention, a mention across a line break, attributes, normalizations,
    /// notes, clashing ids, claims related within and across documents, an
    /// entity without mentions, non-ASCII text and emoji before the spans.
    pub(crate) fn corpus() -> Corpus {
        let mut b = CorpusBuilder::default();
        b.documents.push(Document {
            id: "kz/astana".into(),
            title: "Astana talks".into(),
            text: TEXT0.into(),
            chars: TEXT0.chars().count(),
            url: Some("https://example.kz/astana".into()),
            ..Default::default()
        });
        b.documents.push(Document {
            id: "ru/moscow".into(),
            text: TEXT1.into(),
            chars: TEXT1.chars().count(),
            ..Default::default()
        });
        let mut tokayev = entity("tokayev", "Kassym-Jomart Tokayev", EntityKind::Person);
        tokayev.aliases = vec!["Тоқаев".into(), "Tokayev".into()];
        tokayev.description = "President of Kazakhstan".into();
        let mut astana = entity("astana", "Astana", EntityKind::Place);
        astana.aliases = vec!["Nur-Sultan".into()];
        b.entities.extend([
            tokayev,
            entity("mirziyoyev", "Shavkat Mirziyoyev", EntityKind::Person),
            astana,
            entity("summit", "The summit", EntityKind::Event),
            entity("nobody", "Nobody", EntityKind::Organization),
            entity("meeting", "meeting", EntityKind::Event),
            entity("astana summit", "Astana summit", EntityKind::Unknown("summit name".into())),
        ]);
        let m = |e: u32, d: u32, span: Span| Mention { entity: EntityIdx(e), doc: DocIdx(d), span };
        let a = m(0, 0, at(TEXT0, "Тоқаев", 0));
        let met = m(5, 0, at(TEXT0, "met", 0));
        let c = m(1, 0, at(TEXT0, "Mirziyoyev", 0));
        let d = m(2, 0, at(TEXT0, "Astana", 0));
        let the = at(TEXT0, "The", 0);
        let summit = at(TEXT0, "summit", 0);
        let e = m(3, 0, Span { start: the.start, end: summit.end });
        let f = m(2, 0, at(TEXT0, "Astana", 1));
        let g = m(6, 0, at(TEXT0, "Astana\nsummit", 0));
        let h = m(0, 0, at(TEXT0, "Тоқаев", 1));
        let x = m(0, 1, at(TEXT1, "Тоқаев", 0));
        b.mentions.extend([a, met, c, d, e, f, g, h, x]);
        b.details.push((
            a,
            MentionDetail {
                ids: vec!["T7".into()],
                label: Some("PER".into()),
                references: vec![Reference {
                    kind: "Reference".into(),
                    target: "Wikidata:Q312340".into(),
                    text: Some("Kassym-Jomart Tokayev".into()),
                }],
                notes: vec![Note { kind: "Lemma".into(), text: "тоқаев".into() }],
                ..Default::default()
            },
        ));
        b.details.push((
            met,
            MentionDetail { ids: vec!["T3".into(), "E1".into()], label: Some("Meet".into()), ..Default::default() },
        ));
        b.details.push((
            d,
            MentionDetail {
                ids: vec!["T7".into()],
                attributes: vec![
                    Attribute { name: "Confidence".into(), value: Some("High".into()) },
                    Attribute { name: "Capital".into(), value: None },
                ],
                ..Default::default()
            },
        ));
        b.details
            .push((e, MentionDetail { fragments: vec![the, summit], label: Some("EVT".into()), ..Default::default() }));
        let link = |from, to, kind: &str, id: Option<&str>| PendingLink {
            from,
            to,
            kind: kind.into(),
            id: id.map(Into::into),
            attributes: vec![],
            notes: vec![],
        };
        let mut place = link(met, d, "Place", Some("E1"));
        place.attributes.push(Attribute { name: "Speculation".into(), value: None });
        place.notes.push(Note { kind: "AnnotatorNotes".into(), text: "reported".into() });
        let mut counterpart = link(c, a, "Counterpart", Some("R5"));
        counterpart.notes.push(Note { kind: "AnnotatorNotes".into(), text: "host\nand guest".into() });
        b.links.extend([
            link(met, a, "Participant", Some("E1")),
            link(met, c, "Participant2", Some("E1")),
            place,
            counterpart,
            link(g, f, "Located in", Some("R5")),
            link(x, c, "met", None),
        ]);
        let claim = |id: &str, doc: u32, span: Span, kind| Claim {
            id: id.into(),
            doc: DocIdx(doc),
            span,
            claimant: None,
            kind,
            about: vec![],
            relations: vec![],
            summary: None,
            note: None,
        };
        let mut c0 = claim("c-meet", 0, at(TEXT0, "Тоқаев met Mirziyoyev in Astana.", 0), ClaimKind::Fact);
        c0.about = vec![EntityIdx(0), EntityIdx(1)];
        c0.summary = Some("Tokayev met Mirziyoyev".into());
        let mut c1 = claim("c-summit", 0, at(TEXT0, "The Astana\nsummit ended.", 0), ClaimKind::Fact);
        c1.claimant = Some(EntityIdx(0));
        c1.about = vec![EntityIdx(4)];
        c1.relations = vec![
            Relation { target: ClaimIdx(0), kind: RelationKind::Supports, note: Some("same day".into()) },
            Relation { target: ClaimIdx(2), kind: RelationKind::Elaborates, note: None },
        ];
        let mut c2 = claim("c-moscow", 1, Span::new(0, TEXT1.len()), ClaimKind::Quote);
        c2.claimant = Some(EntityIdx(0));
        c2.note = Some("translated".into());
        b.claims.extend([c0, c1, c2]);
        b.finish()
    }

    const ANN0: &str = "\
T7	PER 14 20	Тоқаев
T3	Meet 21 24	met
T1	person 25 35	Mirziyoyev
T2	place 39 45	Astana
T4	EVT 47 50;58 64	The summit
T5	place 51 57	Astana
T6	summit_name 51 57;58 64	Astana summit
T8	person 72 78	Тоқаев
T9	Claim-fact 14 46	Тоқаев met Mirziyoyev in Astana.
T10	Claim-fact 47 57;58 71	The Astana summit ended.
E1	Meet:T3 Participant:T7 Participant2:T1 Place:T2
R5	Counterpart Arg1:T1 Arg2:T7
R1	Located_in Arg1:T6 Arg2:T5
R2	about Arg1:T9 Arg2:T7
R3	about Arg1:T9 Arg2:T1
R4	claimant Arg1:T10 Arg2:T8
R6	supports Arg1:T10 Arg2:T9
A1	Confidence T2 High
A2	Capital T2
A3	Speculation E1
N1	Reference T7 dossier:tokayev	Kassym-Jomart Tokayev
N2	Reference T7 Wikidata:Q312340	Kassym-Jomart Tokayev
N3	Reference T3 dossier:meeting	meeting
N4	Reference T1 dossier:mirziyoyev	Shavkat Mirziyoyev
N5	Reference T2 dossier:astana	Astana
N6	Reference T4 dossier:summit	The summit
N7	Reference T5 dossier:astana	Astana
N8	Reference T6 dossier:astana%20summit	Astana summit
N9	Reference T8 dossier:tokayev	Kassym-Jomart Tokayev
#1	dossier:description T7	President of Kazakhstan
#2	dossier:alias T7	Tokayev
#3	Lemma T7	тоқаев
#4	dossier:alias T2	Nur-Sultan
#5	AnnotatorNotes E1	reported
#6	AnnotatorNotes R5	host and guest
#7	dossier:id T9	c-meet
#8	Summary T9	Tokayev met Mirziyoyev
#9	dossier:id T10	c-summit
#10	dossier:about T10	nobody
#11	dossier:entity T10	nobody | organization | Nobody
#12	AnnotatorNotes R6	same day
#13	dossier:elaborates T10	c-moscow
";

    const ANN1: &str = "\
T1	person 18 24	Тоқаев
T2	Claim-quote 0 25	Москва 🙂 welcomed Тоқаев.
R1	claimant Arg1:T2 Arg2:T1
N1	Reference T1 dossier:tokayev	Kassym-Jomart Tokayev
#1	dossier:id T2	c-moscow
#2	AnnotatorNotes T2	translated
";

    fn written(name: &str) -> (std::path::PathBuf, Report) {
        let dir = std::env::temp_dir().join(format!("dossier-brat-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let report = write(&corpus(), &dir).unwrap();
        (dir, report)
    }

    fn read(dir: &Path, name: &str) -> String {
        std::fs::read_to_string(dir.join(name)).unwrap()
    }

    #[test]
    fn each_document_is_a_pair_with_every_annotation_in_its_lines() {
        let (dir, report) = written("exact");
        assert_eq!(read(&dir, "kz%2Fastana.txt"), TEXT0);
        assert_eq!(read(&dir, "ru%2Fmoscow.txt"), TEXT1);
        assert_eq!(read(&dir, "kz%2Fastana.ann"), ANN0);
        assert_eq!(read(&dir, "ru%2Fmoscow.ann"), ANN1);
        let mut names: Vec<_> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["kz%2Fastana.ann", "kz%2Fastana.txt", "ru%2Fmoscow.ann", "ru%2Fmoscow.txt"]);
        std::fs::remove_dir_all(&dir).unwrap();

        // 9 mentions and 3 claims; 4 event roles, 2 links, 3 abouts and claimants, 1 relation in the
        // first document, 1 claimant in the second.
        assert_eq!((report.documents, report.spans, report.relations), (2, 12, 10));
        let lossy: Vec<(&str, usize)> = report.lossy.iter().map(|(w, n)| (w.as_str(), *n)).collect();
        assert_eq!(
            lossy,
            [
                ("links between mentions of different documents", 1),
                ("mentions split at line breaks (a .ann line cannot quote one)", 1),
                ("labels and names with spaces or nothing (written with _)", 2),
                ("line breaks in notes and names (written as spaces)", 1),
                ("claimants and abouts not mentioned in the claim's document (written as notes)", 1),
                ("claim relations across documents (written as notes)", 1),
                ("document metadata (title, url, authors, ...)", 1),
                ("entities without a mention", 1),
            ]
        );
    }

    /// Checks a `.ann` by hand against its text: every `T` line's char
    /// offsets slice the text to its quote (fragments joined by a space),
    /// ids are unique, and every line points at ids the file has.
    pub(crate) fn check_ann(ann: &str, text: &str) -> usize {
        let byte_of = |c: usize| text.char_indices().nth(c).map_or(text.len(), |(i, _)| i);
        let mut ids = std::collections::HashSet::new();
        let mut targets = Vec::new();
        let mut spans = 0;
        for line in ann.lines() {
            let fields: Vec<&str> = line.splitn(3, '\t').collect();
            assert!(fields.len() >= 2, "{line:?}");
            assert!(ids.insert(fields[0].to_string()), "id twice: {line:?}");
            let words: Vec<&str> = fields[1].split(' ').collect();
            match &fields[0][..1] {
                "T" => {
                    spans += 1;
                    let (_, offsets) = fields[1].split_once(' ').unwrap();
                    let quote: Vec<&str> = offsets
                        .split(';')
                        .map(|f| {
                            let (s, e) = f.split_once(' ').unwrap();
                            let (s, e) = (byte_of(s.parse().unwrap()), byte_of(e.parse().unwrap()));
                            assert!(s < e, "{line:?}");
                            &text[s..e]
                        })
                        .collect();
                    assert_eq!(quote.join(" "), fields[2], "{line:?}");
                    assert!(!fields[2].contains(['\n', '\r']));
                }
                // An event's first word is `Type:T<n>`, a relation's its type alone.
                "E" | "R" => {
                    let args = if fields[0].starts_with('R') { &words[1..] } else { &words[..] };
                    assert!(args.iter().all(|w| w.split(':').count() == 2), "{line:?}");
                    targets.extend(args.iter().map(|w| w.rsplit(':').next().unwrap().to_string()));
                }
                "A" | "N" | "#" => targets.push(words[1].to_string()),
                _ => panic!("unknown line {line:?}"),
            }
        }
        for t in targets {
            assert!(ids.contains(&t), "{t} is not in the file:\n{ann}");
        }
        spans
    }

    #[test]
    fn offsets_slice_the_text_to_the_quotes() {
        let (dir, _) = written("offsets");
        assert_eq!(check_ann(&read(&dir, "kz%2Fastana.ann"), TEXT0), 10);
        assert_eq!(check_ann(&read(&dir, "ru%2Fmoscow.ann"), TEXT1), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The inverse of [`file_name`], as a reader would apply it.
    fn decode(name: &str) -> String {
        if name == "%" {
            return String::new();
        }
        let mut bytes = Vec::new();
        let mut rest = name.as_bytes();
        while let Some((&b, tail)) = rest.split_first() {
            if b == b'%' {
                bytes.push(u8::from_str_radix(std::str::from_utf8(&tail[..2]).unwrap(), 16).unwrap());
                rest = &tail[2..];
            } else {
                bytes.push(b);
                rest = tail;
            }
        }
        String::from_utf8(bytes).unwrap()
    }

    #[test]
    fn unsafe_document_ids_are_escaped_reversibly() {
        let cases = [
            ("report", "report"),
            ("kz/astana", "kz%2Fastana"),
            ("..", "%2E."),
            (".", "%2E"),
            (".hidden", "%2Ehidden"),
            ("a..b", "a..b"),
            ("", "%"),
            ("100%", "100%25"),
            ("a\\b", "a%5Cb"),
            ("nul\0here", "nul%00here"),
            ("Алматы 🙂", "Алматы 🙂"),
        ];
        for (id, name) in cases {
            assert_eq!(file_name(id), name, "{id:?}");
            assert_eq!(decode(name), id);
            assert!(!name.contains(['/', '\0']) && name != "." && name != "..");
        }
    }

    #[test]
    fn numbers_keep_the_files_ids_and_go_around_them() {
        let mut n = Numbers::from(1);
        assert_eq!(n.claim(Some(3)), Some(3));
        assert_eq!(n.claim(Some(3)), None);
        assert_eq!([n.fresh(), n.fresh(), n.fresh()], [1, 2, 4]);
        assert_eq!(numbered("T12", 'T'), Some(12));
        for not in ["T0", "T012", "T", "R1", "T1a", "Tx", "T99999999999"] {
            assert_eq!(numbered(not, 'T'), None, "{not}");
        }
    }

    #[test]
    fn char_offsets_count_scalars_before_each_position() {
        let text = "🇰🇿 é a";
        let positions = vec![0, 8, 9, 11, 12, 13];
        let offsets = CharOffsets::new(text, positions.clone());
        let expected: Vec<usize> = positions.iter().map(|&p| text[..p as usize].chars().count()).collect();
        assert_eq!(positions.iter().map(|&p| offsets.of(text, p)).collect::<Vec<_>>(), expected);
        // A position not asked for is counted from the one before; past the end, clamped.
        assert_eq!(offsets.of(text, 4), 1);
        assert_eq!(offsets.of(text, 400), 6);
    }
}
