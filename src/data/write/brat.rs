//! brat standoff: a folder holding `<doc id>.txt` (the text, verbatim) and
//! `<doc id>.ann` per document, written so that reading the folder back
//! (spans grouped into entities by label and text, merged by shared
//! normalizations) gives back the same corpus. docs/convert.md has the
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
//! be split at line breaks. This file also keeps what the three writers
//! share: the report, char offsets per document, labels, nearest mentions.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::hash::BuildHasherDefault;
use std::io;
use std::ops::Range;
use std::path::Path;

use crate::data::model::{
    Attribute, ClaimIdx, Corpus, DocIdx, Document, EntityIdx, MentionIdx, MentionLink, Note, Span,
};
use crate::support::hash::{FxHashMap, FxHasher};

/// What a writer wrote, and what the target format could not hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub documents: usize,
    /// Mentions and claims written as spans.
    pub spans: usize,
    /// Links between mentions, claimants, abouts and claim relations written.
    pub relations: usize,
    /// What was left out or changed, counted by what it is.
    pub lossy: Vec<(String, usize)>,
}

impl Report {
    pub fn lose(&mut self, what: &str, n: usize) {
        if n == 0 {
            return;
        }
        match self.lossy.iter_mut().find(|(w, _)| w == what) {
            Some((_, count)) => *count += n,
            None => self.lossy.push((what.to_string(), n)),
        }
    }

    /// How many of this sort were lost (0 when none).
    pub fn lost(&self, what: &str) -> usize {
        self.lossy.iter().find(|(w, _)| w == what).map_or(0, |(_, n)| *n)
    }
}

pub(super) const NO_MENTION: &str = "entities without a mention";
pub(super) const CROSS_DOC_LINKS: &str = "links between mentions of different documents";

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

/// `s` with every char `keep` refuses written as `%XX` per UTF-8 byte.
pub(super) fn percent_encode(s: &str, mut keep: impl FnMut(char) -> bool) -> Cow<'_, str> {
    let mut out = String::new();
    let mut done = 0;
    for (i, c) in s.char_indices() {
        if keep(c) {
            continue;
        }
        out.push_str(&s[done..i]);
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            let _ = write!(out, "%{b:02X}");
        }
        done = i + c.len_utf8();
    }
    if done == 0 && out.is_empty() {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[done..]);
    Cow::Owned(out)
}

/// The entity's identity as a normalization target: `dossier:<id>`, with
/// `%`, whitespace and control characters percent-encoded since brat's
/// normalization is one `DB:ID` word.
pub(super) fn entity_ref(id: &str) -> String {
    let id = percent_encode(id, |c| c != '%' && !c.is_whitespace() && !c.is_control());
    format!("dossier:{id}")
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

pub(super) fn entities_without_mentions(corpus: &Corpus) -> usize {
    corpus.entity_indices().filter(|&e| corpus.mention_count(e) == 0).count()
}

/// The label a mention is written with: the file's, else its entity's kind.
pub(super) fn label(corpus: &Corpus, m: MentionIdx) -> &str {
    match corpus.mention_detail(m).and_then(|d| d.label.as_deref()) {
        Some(label) => label,
        None => corpus.entity(corpus.mention(m).entity).kind.name(),
    }
}

/// The links of each document (both ends in it), as indices into
/// [`Corpus::mention_links`], in the order they were read; links across
/// documents are counted lost, since no format here can hold them.
pub(super) fn links_by_doc(corpus: &Corpus, report: &mut Report) -> Vec<Vec<u32>> {
    let mut by_doc = vec![Vec::new(); corpus.documents().len()];
    for (i, l) in corpus.mention_links().iter().enumerate() {
        let doc = corpus.mention(l.from).doc;
        if corpus.mention(l.to).doc == doc {
            by_doc[doc.index()].push(i as u32);
        } else {
            report.lose(CROSS_DOC_LINKS, 1);
        }
    }
    by_doc
}

/// The mention of `e` in `doc` nearest to `span` (the first overlapping it,
/// else the closest), among those `usable` accepts.
pub(super) fn nearest_mention(
    corpus: &Corpus,
    e: EntityIdx,
    doc: DocIdx,
    span: Span,
    usable: impl Fn(MentionIdx) -> bool,
) -> Option<MentionIdx> {
    let distance = |m: &MentionIdx| {
        let s = corpus.mention(*m).span;
        if s.end <= span.start {
            span.start - s.end
        } else if span.end <= s.start {
            s.start - span.end
        } else {
            0
        }
    };
    corpus.entity_mentions_in(e, doc).iter().copied().filter(|&m| usable(m)).min_by_key(distance)
}

/// Char offsets of the byte positions one document's spans need, counted in
/// one pass over the text however many spans there are.
pub(super) struct CharOffsets {
    bytes: Vec<u32>,
    chars: Vec<usize>,
}

impl CharOffsets {
    pub(super) fn new(text: &str, mut positions: Vec<u32>) -> CharOffsets {
        positions.sort_unstable();
        positions.dedup();
        let mut chars = Vec::with_capacity(positions.len());
        let (mut at, mut count) = (0, 0);
        for &p in &positions {
            let p = (p as usize).min(text.len());
            count += count_chars(&text.as_bytes()[at..p]);
            at = p;
            chars.push(count);
        }
        CharOffsets { bytes: positions, chars }
    }

    /// The char offset of a byte position: one of those given, else counted
    /// from the nearest one given before it.
    pub(super) fn of(&self, text: &str, byte: u32) -> usize {
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.chars[i],
            Err(i) => {
                let (b, c) = if i == 0 { (0, 0) } else { (self.bytes[i - 1] as usize, self.chars[i - 1]) };
                let end = (byte as usize).min(text.len());
                c + count_chars(text.as_bytes().get(b..end).unwrap_or_default())
            }
        }
    }
}

/// Chars in a run of UTF-8: the bytes that are not continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The text of a span, or nothing if the span is not one of the text's (a
/// corpus built by hand may hold anything).
pub(super) fn slice(text: &str, span: Span) -> &str {
    text.get(span.range()).unwrap_or_default()
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

type Used = HashSet<u32, BuildHasherDefault<FxHasher>>;

/// Numbers for one sort of id in one scope (a `.ann`, a doccano record):
/// those the file's ids claim, first come first served, then fresh ones
/// around them.
pub(super) struct Numbers {
    used: Used,
    next: u32,
}

impl Numbers {
    /// Fresh numbers from `first` on.
    pub(super) fn from(first: u32) -> Numbers {
        Numbers { used: Used::default(), next: first }
    }

    /// `n`, if nothing has it yet.
    pub(super) fn claim(&mut self, n: Option<u32>) -> Option<u32> {
        n.filter(|&n| self.used.insert(n))
    }

    pub(super) fn fresh(&mut self) -> u32 {
        loop {
            let n = self.next;
            self.next = self.next.saturating_add(1);
            if self.used.insert(n) {
                return n;
            }
        }
    }
}

/// The number of a brat id with this prefix (`T12` → 12); `None` for any
/// other id, and for `T0` and `T012`, which a fresh number could not spell.
pub(super) fn numbered(id: &str, prefix: char) -> Option<u32> {
    let digits = id.strip_prefix(prefix)?;
    if digits.is_empty() || digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
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
            let _ = write!(self.a, " {}", one_line(v, report));
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
    report.lose("mentions of line breaks alone (a .ann line cannot quote them)", blank);
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
                said.push(("AnnotatorNotes", &entity.description));
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
            report.lose("claims of line breaks alone (a .ann line cannot quote them)", 1);
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
                    lines.note(&target, &format!("dossier:{role}"), &corpus.entity(e).id, report);
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

/// The events of one document: a trigger mention and the number its file
/// gave the event, the number written, and the links that are its roles.
struct Events<'l> {
    list: Vec<(MentionIdx, u32, u32)>,
    roles: Vec<Vec<&'l MentionLink>>,
    /// The first event each trigger has, by mention.
    first: FxHashMap<MentionIdx, u32>,
}

impl<'l> Events<'l> {
    /// Every event a trigger's ids or a link's id names, in the order first
    /// named, with the links that are its roles; numbered by the file's
    /// number where it is free.
    fn gather(doc: &DocAnn<'_>, roles: &[&'l MentionLink]) -> Events<'l> {
        let mut events = Events { list: Vec::new(), roles: Vec::new(), first: FxHashMap::default() };
        let mut index: FxHashMap<(MentionIdx, u32), usize> = FxHashMap::default();
        let mut add = |events: &mut Events<'l>, m: MentionIdx, n: u32| {
            *index.entry((m, n)).or_insert_with(|| {
                events.list.push((m, n, 0));
                events.roles.push(Vec::new());
                events.list.len() - 1
            })
        };
        for local in 0..doc.range.len() {
            let m = MentionIdx::from_index(doc.range.start + local);
            if doc.spans.t[local].is_none() {
                continue;
            }
            for id in doc.corpus.mention_detail(m).map(|x| x.ids.as_slice()).unwrap_or_default() {
                if let Some(n) = numbered(id, 'E') {
                    add(&mut events, m, n);
                }
            }
        }
        for &l in roles {
            if let Some(n) = l.id.as_deref().and_then(|id| numbered(id, 'E')) {
                let i = add(&mut events, l.from, n);
                events.roles[i].push(l);
            }
        }
        let mut numbers = Numbers::from(1);
        let claimed: Vec<_> = events.list.iter().map(|&(_, n, _)| numbers.claim(Some(n))).collect();
        for (e, k) in events.list.iter_mut().zip(claimed) {
            e.2 = k.unwrap_or_else(|| numbers.fresh());
            events.first.entry(e.0).or_insert(e.2);
        }
        events
    }

    /// How an argument is written: as the first event the mention triggers,
    /// since brat's arguments name events, not their triggers.
    fn argument(&self, doc: &DocAnn<'_>, m: MentionIdx, trigger: MentionIdx) -> String {
        match self.first.get(&m) {
            Some(k) if m != trigger => format!("E{k}"),
            _ => format!("T{}", doc.t_of(m).unwrap_or_default()),
        }
    }

    fn write(&self, doc: &DocAnn<'_>, lines: &mut Lines, report: &mut Report) {
        for (&(trigger, _, k), roles) in self.list.iter().zip(&self.roles) {
            let Some(t) = doc.t_of(trigger) else { continue };
            let kind = word(label(doc.corpus, trigger), true, report).into_owned();
            let _ = write!(lines.e, "E{k}\t{kind}:T{t}");
            for l in roles {
                let _ = write!(lines.e, " {}:{}", word(&l.kind, true, report), self.argument(doc, l.to, trigger));
                report.relations += 1;
            }
            lines.e.push('\n');
            // A reader hands the event's attributes and notes to each of its
            // roles: said once here.
            let target = format!("E{k}");
            let mut said_a: Vec<&Attribute> = Vec::new();
            let mut said_n: Vec<&Note> = Vec::new();
            for l in roles {
                for a in &l.attributes {
                    if !said_a.contains(&a) {
                        said_a.push(a);
                        lines.attribute(&target, a, report);
                    }
                }
                for note in &l.notes {
                    if !said_n.contains(&note) {
                        said_n.push(note);
                        lines.note(&target, &note.kind, &note.text, report);
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
        Claim, ClaimKind, CorpusBuilder, Entity, EntityKind, Mention, MentionDetail, Note, PendingLink, Reference,
        Relation, RelationKind,
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

    #[test]
    fn prints() {
        let dir = std::env::temp_dir().join(format!("dossier-brat-{}", std::process::id()));
        let report = write(&corpus(), &dir).unwrap();
        for name in ["kz%2Fastana.ann", "ru%2Fmoscow.ann"] {
            println!("{}", std::fs::read_to_string(dir.join(name)).unwrap());
        }
        println!("{report:#?}");
    }
}
