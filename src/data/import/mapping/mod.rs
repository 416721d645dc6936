//! From what the readers read to the corpus model, the same way for every
//! format: documents added (an id another input already uses is prefixed
//! with the file's name), W3C annotations attached to their documents, each
//! label mapped to an entity kind or a claim kind ([`super::labels`]), spans
//! grouped into entities, links turned into relations between mentions (or,
//! between claims, into claim relations), and what was not imported counted.
//!
//! **Grouping.** Spans with the same label and the same text (compared
//! ignoring case, white space, and the quote and dash variants) are one
//! entity, across the whole corpus; so are spans the files say are the same
//! thing: one brat Equiv set, one coreference chain (`same_as` keys), one
//! normalization or knowledge-base id (`references`). An entity is named by
//! the name its knowledge base gives it, where a reference gives one, else by
//! its most frequent form; its other forms are its aliases. Its kind is its
//! most frequent label's.

use std::collections::hash_map::Entry;

use super::ir::{Doc, Format, Imported, SpanAnn};
use super::labels::{LabelMap, Target};
use super::w3c;
use crate::data::load::{Problem, ProblemKind};
use crate::data::model::{
    Claim, ClaimIdx, ClaimKind, CorpusBuilder, DocIdx, Document, Entity, EntityIdx, EntityKind, ImportSummary, Mention,
    MentionDetail, PendingLink, Relation, SourceReport, Span,
};
use crate::support::hash::{FxHashMap, FxHashSet};
use spans::Spans;
use text::unique;

mod group;
mod naming;
mod spans;
#[cfg(test)]
mod tests;
mod text;

/// One input as its reader read it.
#[derive(Debug)]
pub struct ReadInput {
    /// The file as the user named it (a brat pair by its `.ann`).
    pub file: String,
    /// The file's name without its extension: the prefix that tells apart
    /// documents of two inputs with the same id.
    pub stem: String,
    pub format: Format,
    pub imported: Imported,
}

/// How imported spans are interpreted.
#[derive(Debug, Clone, Default)]
pub struct MapOptions<'a> {
    pub labels: Option<&'a LabelMap>,
    /// Whether what is not imported, and every warning, is an error.
    pub strict: bool,
}

/// The prefix of a reference that names a dossier entity (`convert` writes them).
const DOSSIER_REF: &str = "dossier:";

/// Adds every input to the builder (which may already hold a corpus in
/// dossier's own format); returns the problems that stop the load.
pub fn map_into(b: &mut CorpusBuilder, inputs: Vec<ReadInput>, options: &MapOptions) -> Vec<Problem> {
    map_into_leaving(b, inputs, options).0
}

/// What the mapping read and built on the way (a million spans, with their
/// strings, and tables of a million rows), for the caller to free once the
/// corpus is indexed: freeing it beside the indexing took a core from it.
pub struct Leftovers {
    _held: Box<dyn Send>,
}

impl Leftovers {
    /// Frees it all on a thread of its own.
    pub fn free_beside(self) {
        std::thread::spawn(move || drop(self));
    }
}

/// [`map_into`], handing back what is left of the inputs to be freed.
pub fn map_into_leaving(
    b: &mut CorpusBuilder,
    inputs: Vec<ReadInput>,
    options: &MapOptions,
) -> (Vec<Problem>, Leftovers) {
    let default_map = LabelMap::default();
    let labels = options.labels.unwrap_or(&default_map);
    let mut m = Mapper::new(b, labels);
    // Room for every document and span at once: the tables grown a
    // document at a time were copied over and over.
    let (docs, spans) = inputs
        .iter()
        .flat_map(|input| &input.imported.documents)
        .fold((0, 0), |(docs, spans), doc| (docs + 1, spans + doc.spans.len()));
    m.reserve(docs, spans);
    let mut reports = Vec::with_capacity(inputs.len());
    let mut attachments = Vec::new();
    for (file, input) in inputs.into_iter().enumerate() {
        let ReadInput { file: name, stem, format, imported } = input;
        let Imported { documents, attachments: attach, not_imported, warnings } = imported;
        let mut report = SourceReport {
            file: name.clone(),
            reader: format.name().to_string(),
            documents: documents.len(),
            spans: documents.iter().map(|d| d.spans.len()).sum::<usize>() + attach.len(),
            links: documents.iter().map(|d| d.links.len()).sum(),
            not_imported,
            warnings: Vec::new(),
        };
        m.warnings.extend(warnings.into_iter().map(|w| (file, w)));
        for doc in documents {
            m.add_document(file, &name, &stem, doc, &mut report);
        }
        if !attach.is_empty() {
            attachments.push((file, name, attach));
        }
        reports.push(report);
    }
    m.attach(attachments);
    let ((spans, entities, claims), leftovers) = m.make(&mut reports);
    let mut problems = std::mem::take(&mut m.problems);
    for (file, w) in std::mem::take(&mut m.warnings) {
        if options.strict {
            problems.push(w.item_prefix("--strict"));
        } else {
            reports[file].warnings.push(w.to_string());
        }
    }
    if options.strict {
        for r in &reports {
            for (what, n) in &r.not_imported {
                problems.push(Problem::new(
                    ProblemKind::Value,
                    r.file.clone(),
                    format!("not imported: {n} {what} (--strict refuses what cannot be imported)"),
                ));
            }
        }
    }
    b.imported = Some(ImportSummary { sources: reports, spans, entities, claims });
    (problems, leftovers)
}

trait ItemPrefix {
    fn item_prefix(self, prefix: &str) -> Problem;
}

impl ItemPrefix for Problem {
    /// A warning made an error: says why it is one now.
    fn item_prefix(mut self, why: &str) -> Problem {
        self.kind = ProblemKind::Value;
        self.message = format!("{} ({why} makes this an error)", self.message);
        self
    }
}

/// A document's links, by index into its spans (which are `first..` of `spans`).
struct DocLinks {
    file: usize,
    first: usize,
    links: Vec<super::ir::Link>,
}

struct Mapper<'b> {
    b: &'b mut CorpusBuilder,
    labels: &'b LabelMap,
    doc_ids: FxHashSet<String>,
    spans: Spans,
    links: Vec<DocLinks>,
    problems: Vec<Problem>,
    warnings: Vec<(usize, Problem)>,
}

impl<'b> Mapper<'b> {
    fn new(b: &'b mut CorpusBuilder, labels: &'b LabelMap) -> Mapper<'b> {
        let doc_ids = b.documents.iter().map(|d| d.id.clone()).collect();
        Mapper {
            b,
            labels,
            doc_ids,
            spans: Spans::default(),
            links: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Room for this many more documents and spans.
    fn reserve(&mut self, docs: usize, spans: usize) {
        self.b.documents.reserve(docs);
        self.doc_ids.reserve(docs);
        self.spans.reserve(docs, spans);
    }

    fn add_document(&mut self, file: usize, name: &str, stem: &str, mut doc: Doc, report: &mut SourceReport) {
        let place = doc.position;
        // Read from the start only: the end of ten thousand texts is ten
        // thousand pages not otherwise touched here.
        if doc.text.chars().all(char::is_whitespace) {
            self.warnings.push((
                file,
                Problem::new(ProblemKind::Empty, name, "document has no text; skipped")
                    .at(place)
                    .item(format!("document {:?}", doc.id)),
            ));
            report.documents -= 1;
            let spans = doc.spans.len();
            if spans > 0 {
                count_skipped(&mut report.not_imported, "spans of documents without text", spans);
            }
            return;
        }
        let mut id = std::mem::take(&mut doc.id);
        if self.doc_ids.contains(&id) {
            let prefixed = format!("{stem}/{id}");
            if self.doc_ids.contains(&prefixed) {
                self.problems.push(
                    Problem::new(
                        ProblemKind::DuplicateId,
                        name,
                        format!("document id {id:?} is used by another file too"),
                    )
                    .at(place),
                );
                return;
            }
            id = prefixed;
        }
        self.doc_ids.insert(id.clone());
        let d = DocIdx::from_index(self.b.documents.len());
        let first = self.spans.len();
        let mut linked = vec![false; doc.spans.len()];
        for l in &doc.links {
            if let Some(x) = linked.get_mut(l.from) {
                *x = true;
            }
            if let Some(x) = linked.get_mut(l.to) {
                *x = true;
            }
        }
        self.spans.push(d, std::mem::take(&mut doc.spans), linked);
        if !doc.links.is_empty() {
            self.links.push(DocLinks { file, first, links: std::mem::take(&mut doc.links) });
        }
        self.b.documents.push(Document {
            id,
            title: doc.title.unwrap_or_default(),
            chars: doc.chars.unwrap_or_else(|| doc.text.chars().count()),
            text: doc.text,
            url: doc.url,
            source: doc.source,
            published: doc.published,
            language: doc.language,
            note: doc.note,
            ..Document::default()
        });
    }

    /// W3C annotations, attached to documents of the whole corpus.
    fn attach(&mut self, attachments: Vec<(usize, String, Vec<super::ir::Attachment>)>) {
        if attachments.is_empty() {
            return;
        }
        let docs: Vec<w3c::DocText> =
            self.b.documents.iter().map(|d| w3c::DocText { id: &d.id, url: d.url.as_deref(), text: &d.text }).collect();
        let mut found = Vec::new();
        for (_, name, list) in &attachments {
            let (spans, problems) = w3c::attach(list, name, &docs);
            found.extend(spans);
            self.problems.extend(problems);
        }
        drop(docs);
        // Consecutive annotations of one document make one chunk.
        let mut found = found.into_iter().peekable();
        while let Some((d, span)) = found.next() {
            let mut list = vec![span];
            while let Some((_, span)) = found.next_if(|(next, _)| *next == d) {
                list.push(span);
            }
            let linked = vec![false; list.len()];
            self.spans.push(DocIdx::from_index(d), list, linked);
        }
    }

    /// Entities, mentions, claims and links from every pending span;
    /// answers how many spans, entities and claims there were, and hands
    /// back the spans and the tables it made them with, for the caller to free.
    fn make(&mut self, reports: &mut [SourceReport]) -> ((usize, usize, usize), Leftovers) {
        let n = self.spans.len();
        let all = group::facts(&self.spans, &self.b.documents, self.labels);
        // Claims need nothing of entities: they are made on one core while
        // spans are grouped on the other.
        let claim_spans: Vec<(usize, ClaimKind)> = all
            .facts
            .iter()
            .enumerate()
            .filter_map(|(i, f)| match all.meanings[f.label as usize].target {
                Target::Claim(kind) => Some((i, kind)),
                Target::Entity(_) => None,
            })
            .collect();
        let taken: FxHashMap<String, ClaimIdx> =
            self.b.claims.iter().enumerate().map(|(i, c)| (c.id.clone(), ClaimIdx::from_index(i))).collect();
        let (spans, docs) = (&self.spans, &self.b.documents);
        let first_claim = self.b.claims.len();
        let make_claims = || claims(spans, docs, &claim_spans, first_claim, taken);
        let ((members, entity_of), (new_claims, claim_ids)) = if crate::support::parallel::two_cores() {
            crate::support::parallel::both("a thread making claims panicked", || group::group(&all), make_claims)
        } else {
            (group::group(&all), make_claims())
        };
        let group::AllFacts { meanings, facts, keys } = all;
        drop(keys);
        let first_entity = self.b.entities.len();
        // Every entity's id, which the claim conventions look entities up by.
        let mut ids: FxHashMap<String, EntityIdx> =
            self.b.entities.iter().enumerate().map(|(i, e)| (e.id.clone(), EntityIdx::from_index(i))).collect();
        // Entities are made on both cores; their ids are made unique in order.
        let (spans, docs) = (&self.spans, &self.b.documents);
        let made = crate::support::parallel::map_in_order(&members.lists(), |list| {
            naming::entity(list, spans, docs, &meanings, &facts)
        });
        // A mention's label is kept where it is not the one its entity is
        // shown by (the entity's label, else its kind's name).
        let expected: Vec<&str> = made.iter().map(|named| shown_by(named.meaning, &meanings)).collect();
        let entity_of: Vec<EntityIdx> = entity_of
            .into_iter()
            .map(|e| if e == u32::MAX { EntityIdx(e) } else { EntityIdx::from_index(first_entity + e as usize) })
            .collect();
        let (entities, entity_labels) = (&mut self.b.entities, &mut self.b.entity_labels);
        let make_entities = || {
            entities.reserve(made.len());
            ids.reserve(made.len());
            for naming::Named { mut entity, label, given_id, meaning } in made {
                entity.id = match given_id.filter(|id| !ids.contains_key(id)) {
                    Some(id) => id,
                    // Naming made no id for one given, and the one given is another's.
                    None if entity.id.is_empty() => {
                        unique(&ids, naming::base_id(naming::naming_label(meaning, &meanings), &entity.name))
                    }
                    None => unique(&ids, std::mem::take(&mut entity.id)),
                };
                let e = EntityIdx::from_index(entities.len());
                ids.insert(entity.id.clone(), e);
                if let Some(label) = label {
                    entity_labels.push((e, label));
                }
                entities.push(entity);
            }
            ids
        };

        // Mentions: one per span, a span given twice kept once.
        let shared = MentionFacts {
            meanings: &meanings,
            facts: &facts,
            entity_of: &entity_of,
            expected: &expected,
            first_entity,
        };
        // Spans come a document at a time (W3C annotations, attached after,
        // may not): a span can then only repeat one of its own document's,
        // the mentions seen are those of one document, and the documents
        // can be shared between two threads.
        let one_doc_at_a_time = self.spans.in_document_order();
        let mut chunks = std::mem::take(&mut self.spans.chunks);
        let (made, mut ids) = if one_doc_at_a_time && n >= 1 << 16 && crate::support::parallel::two_cores() {
            // Mentions need nothing of the entities but their numbers: the
            // entities are made on one core beside the later documents'
            // mentions, and that core makes fewer mentions for it.
            let (first, split) = Spans::cut(&chunks, n, n * 3 / 8);
            let (first_chunks, second_chunks) = chunks.split_at_mut(first);
            // The first part's lists of mentions have room for the second's,
            // appended after; the second part's list of each span's mention
            // starts with room for the first part's (written on its core),
            // copied in after.
            let ((mut a, ids), mut b) = crate::support::parallel::both(
                "a thread making mentions panicked",
                || {
                    let ids = make_entities();
                    (mentions(first_chunks, n, 0, &shared, true), ids)
                },
                || mentions(second_chunks, n - split, split, &shared, true),
            );
            a.mentions.append(&mut b.mentions);
            a.details.append(&mut b.details);
            b.mention_of[..split].copy_from_slice(&a.mention_of);
            a.mention_of = b.mention_of;
            (a, ids)
        } else {
            let ids = make_entities();
            (mentions(&mut chunks, n, 0, &shared, one_doc_at_a_time), ids)
        };
        let mention_of = made.mention_of;
        drop(expected);
        self.spans.chunks = chunks;
        append_moving(&mut self.b.mentions, made.mentions);
        append_moving(&mut self.b.details, made.details);
        let mut claim_of: Vec<Option<ClaimIdx>> = vec![None; n];
        for (k, &(i, _)) in claim_spans.iter().enumerate() {
            claim_of[i] = Some(ClaimIdx::from_index(first_claim + k));
        }
        let claims = new_claims.len();
        append_moving(&mut self.b.claims, new_claims);
        self.claim_conventions(&claim_spans, first_claim, &mut ids, &claim_ids);
        self.make_links(&mention_of, &claim_of, reports);
        let counts = (n, members.len(), claims);
        let spans = std::mem::take(&mut self.spans);
        let doc_ids = std::mem::take(&mut self.doc_ids);
        let held =
            Box::new((spans, mention_of, claim_of, members, entity_of, facts, meanings, ids, claim_ids, doc_ids));
        (counts, Leftovers { _held: held })
    }

    /// Claimants, topics and relations that `convert` wrote as notes
    /// (`dossier:claimant ID`) where the format had no better place;
    /// entities and claims are found by the ids in `entity_ids` and `claim_ids`.
    fn claim_conventions(
        &mut self,
        claims: &[(usize, ClaimKind)],
        first_claim: usize,
        entity_ids: &mut FxHashMap<String, EntityIdx>,
        claim_ids: &FxHashMap<String, ClaimIdx>,
    ) {
        let claim_spans: Vec<(ClaimIdx, &SpanAnn)> = claims
            .iter()
            .enumerate()
            .map(|(k, &(i, _))| (ClaimIdx::from_index(first_claim + k), self.spans.span(i)))
            .collect();
        if claim_spans.iter().all(|(_, s)| s.notes.iter().all(|n| !n.kind.starts_with(DOSSIER_REF))) {
            return;
        }
        // Entities named nowhere in the text (`id | kind | name | description`).
        for (_, span) in &claim_spans {
            for note in span.notes.iter().filter(|n| n.kind == "dossier:entity") {
                let mut parts = note.text.splitn(4, " | ");
                let (Some(id), Some(kind), Some(name)) = (parts.next(), parts.next(), parts.next()) else { continue };
                if id.is_empty() || entity_ids.contains_key(id) {
                    continue;
                }
                entity_ids.insert(id.to_string(), EntityIdx::from_index(self.b.entities.len()));
                self.b.entities.push(Entity {
                    id: id.to_string(),
                    name: name.to_string(),
                    kind: EntityKind::parse(kind),
                    aliases: Vec::new(),
                    description: parts.next().unwrap_or_default().to_string(),
                });
            }
        }
        // Each claim's notes looked up on both cores (tens of thousands of
        // lookups in tables of as many ids), applied in order after.
        let labels = self.labels;
        let entity_ids = &*entity_ids;
        let resolve = |part: &[(ClaimIdx, &SpanAnn)]| {
            let mut resolved = Vec::new();
            for &(c, span) in part {
                for note in &span.notes {
                    let Some(what) = note.kind.strip_prefix(DOSSIER_REF) else { continue };
                    let target = note.text.trim();
                    match what {
                        "claimant" => resolved.extend(entity_ids.get(target).map(|&e| Change::Claimant(c, e))),
                        "about" => resolved.extend(entity_ids.get(target).map(|&e| Change::About(c, e))),
                        other => {
                            if let (Some(kind), Some(&t)) = (labels.relation(other), claim_ids.get(target)) {
                                resolved.push(Change::Related(c, Relation { target: t, kind, note: None }));
                            }
                        }
                    }
                }
            }
            resolved
        };
        let resolved = if claim_spans.len() >= 1 << 12 && crate::support::parallel::two_cores() {
            let (first, second) = claim_spans.split_at(claim_spans.len() / 2);
            let (mut a, b) = crate::support::parallel::both(
                "a thread reading claim notes panicked",
                || resolve(first),
                || resolve(second),
            );
            a.extend(b);
            a
        } else {
            resolve(&claim_spans)
        };
        for change in resolved {
            match change {
                Change::Claimant(c, e) => self.b.claims[c.index()].claimant = Some(e),
                Change::About(c, e) => self.b.claims[c.index()].about.push(e),
                Change::Related(c, r) => self.b.claims[c.index()].relations.push(r),
            }
        }
    }

    fn make_links(
        &mut self,
        mention_of: &[Option<Mention>],
        claim_of: &[Option<ClaimIdx>],
        reports: &mut [SourceReport],
    ) {
        let mut related: FxHashSet<(ClaimIdx, ClaimIdx)> = FxHashSet::default();
        for DocLinks { file, first, links } in std::mem::take(&mut self.links) {
            let skip =
                |reports: &mut [SourceReport], what: &str| count_skipped(&mut reports[file].not_imported, what, 1);
            for l in links {
                let (from, to) = (first + l.from, first + l.to);
                if from >= mention_of.len() || to >= mention_of.len() {
                    continue;
                }
                match ((mention_of[from], claim_of[from]), (mention_of[to], claim_of[to])) {
                    ((Some(a), _), (Some(b), _)) => self.b.links.push(PendingLink {
                        from: a,
                        to: b,
                        kind: l.kind,
                        id: l.id,
                        attributes: l.attributes,
                        notes: l.notes,
                    }),
                    ((_, Some(a)), (_, Some(b))) => match self.labels.relation(&l.kind) {
                        Some(kind) if a != b && related.insert((a.min(b), a.max(b))) => {
                            let note = (!l.notes.is_empty())
                                .then(|| l.notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join("; "));
                            self.b.claims[a.index()].relations.push(Relation { target: b, kind, note });
                        }
                        Some(_) => skip(reports, "repeated relations between two claims"),
                        None => skip(reports, "relations between claims of no claim relation type"),
                    },
                    ((_, Some(c)), (Some(m), _)) => match l.kind.to_ascii_lowercase().as_str() {
                        "claimant" | "source" | "speaker" => self.b.claims[c.index()].claimant = Some(m.entity),
                        _ => {
                            let about = &mut self.b.claims[c.index()].about;
                            if !about.contains(&m.entity) {
                                about.push(m.entity);
                            }
                        }
                    },
                    _ => skip(reports, "links from a mention to a claim"),
                }
            }
        }
    }
}

/// The label an entity named by this meaning (its most frequent label's)
/// is shown by: that label, else its kind's name.
fn shown_by(meaning: Option<u32>, meanings: &[group::Meaning]) -> &str {
    match meaning.map(|m| &meanings[m as usize]) {
        Some(m) if !m.shown.is_empty() => m.shown.as_str(),
        Some(m) => m.kind().map_or(EntityKind::Other.name(), EntityKind::name),
        None => EntityKind::Other.name(),
    }
}

/// What a claim's `dossier:` note says of it.
enum Change {
    Claimant(ClaimIdx, EntityIdx),
    About(ClaimIdx, EntityIdx),
    Related(ClaimIdx, Relation),
}

/// What making a mention of an entity span needs to know.
struct MentionFacts<'a> {
    meanings: &'a [group::Meaning],
    facts: &'a [group::Facts],
    entity_of: &'a [EntityIdx],
    /// The label each new entity is shown by.
    expected: &'a [&'a str],
    first_entity: usize,
}

/// `more` after what `list` holds: moved in whole where the list is empty
/// (as it is unless dossier/1 files came with these), not copied over.
fn append_moving<T>(list: &mut Vec<T>, mut more: Vec<T>) {
    if list.is_empty() {
        *list = more;
    } else {
        list.append(&mut more);
    }
}

/// Mentions and their details made of some documents' spans.
struct MadeMentions {
    mentions: Vec<Mention>,
    details: Vec<(Mention, MentionDetail)>,
    /// Each span's mention (none for a claim's span).
    mention_of: Vec<Option<Mention>>,
}

/// The mentions of `chunks` (a list made with `room` for as many), and
/// each span's mention after `head` empty slots. A span given twice is one
/// mention, its details merged; with `one_doc`, spans are compared within
/// their document only.
fn mentions(chunks: &mut [spans::Chunk], room: usize, head: usize, m: &MentionFacts, one_doc: bool) -> MadeMentions {
    let mut made = MadeMentions {
        mentions: Vec::with_capacity(room),
        details: Vec::new(),
        mention_of: Vec::with_capacity(head + Spans::count(chunks)),
    };
    made.mention_of.resize(head, None);
    // Each mention made, and the index of its detail, if it has one.
    let mut seen: FxHashMap<Mention, Option<usize>> = FxHashMap::default();
    let mut doc = None;
    // Documents with more than one chunk (W3C annotations attached to them).
    let shared: FxHashSet<DocIdx> = chunks.windows(2).filter(|w| w[0].doc == w[1].doc).map(|w| w[0].doc).collect();
    for chunk in chunks {
        let d = chunk.doc;
        if one_doc && doc != Some(d) {
            doc = Some(d);
            // A long document's table is not cleared for every short one after it.
            if seen.capacity() > 4096 {
                seen = FxHashMap::default();
            } else {
                seen.clear();
            }
        }
        // Where no two spans of a document have one cover (as where each
        // starts after the one before), none repeats another: nothing
        // need be looked up.
        let distinct = one_doc && !shared.contains(&d) && covers_ascend(&chunk.spans);
        for (j, (ann, &linked)) in chunk.spans.iter_mut().zip(&chunk.linked).enumerate() {
            let i = chunk.first + j;
            let meaning = &m.meanings[m.facts[i].label as usize];
            let entity = match &meaning.target {
                Target::Entity(_) => m.entity_of[i],
                Target::Claim(_) => {
                    made.mention_of.push(None);
                    continue;
                }
            };
            let cover = ann.cover();
            let mention = Mention { entity, doc: d, span: Span::new(cover.start, cover.end) };
            made.mention_of.push(Some(mention));
            let own_label = (meaning.shown != m.expected[entity.index() - m.first_entity]).then_some(&meaning.shown);
            let detail = detail(ann, &m.facts[i], own_label, linked);
            if distinct {
                made.mentions.push(mention);
                if let Some(detail) = detail {
                    made.details.push((mention, detail));
                }
                continue;
            }
            match seen.entry(mention) {
                Entry::Occupied(mut e) => match (detail, *e.get()) {
                    (Some(detail), Some(at)) => merge_detail(&mut made.details[at].1, detail),
                    (Some(detail), None) => {
                        e.insert(Some(made.details.len()));
                        made.details.push((mention, detail));
                    }
                    (None, _) => {}
                },
                Entry::Vacant(e) => {
                    made.mentions.push(mention);
                    e.insert(detail.map(|detail| {
                        made.details.push((mention, detail));
                        made.details.len() - 1
                    }));
                }
            }
        }
    }
    made
}

/// Whether each span's cover comes after the one before it, ordered by
/// start then end (so no two are the same).
fn covers_ascend(spans: &[SpanAnn]) -> bool {
    let mut last: Option<(usize, usize)> = None;
    for span in spans {
        let cover = span.cover();
        let this = Some((cover.start, cover.end));
        if this <= last {
            return false;
        }
        last = this;
    }
    true
}

/// What an entity span (with these facts) says beyond its entity and
/// cover (`label`: its own, where that is not its entity's); `None` when nothing.
fn detail(span: &mut SpanAnn, facts: &group::Facts, label: Option<&String>, linked: bool) -> Option<MentionDetail> {
    // Most spans say nothing more: they are told so before anything is
    // moved, and by their facts rather than their references' targets
    // (strings of their own, elsewhere in memory).
    let nothing = label.is_none()
        && span.fragments.len() < 2
        && span.attributes.is_empty()
        && !facts.has(group::Facts::OTHER_REF)
        && span.notes.iter().all(|n| n.kind.starts_with(DOSSIER_REF));
    if nothing && !linked {
        return None;
    }
    let fragments = if span.fragments.len() > 1 {
        span.fragments.iter().map(|f| Span::new(f.start, f.end)).collect()
    } else {
        Vec::new()
    };
    let references: Vec<_> =
        std::mem::take(&mut span.references).into_iter().filter(|r| !r.target.starts_with(DOSSIER_REF)).collect();
    Some(MentionDetail {
        ids: std::mem::take(&mut span.ids).into_vec().into_iter().map(String::from).collect(),
        label: label.cloned(),
        fragments,
        attributes: std::mem::take(&mut span.attributes).into(),
        references,
        notes: std::mem::take(&mut span.notes).into_iter().filter(|n| !n.kind.starts_with(DOSSIER_REF)).collect(),
    })
}

/// A span given twice: what the second says is added to the first's detail.
fn merge_detail(d: &mut MentionDetail, more: MentionDetail) {
    fn add<T: PartialEq>(to: &mut Vec<T>, more: Vec<T>) {
        for x in more {
            if !to.contains(&x) {
                to.push(x);
            }
        }
    }
    add(&mut d.ids, more.ids);
    add(&mut d.attributes, more.attributes);
    add(&mut d.references, more.references);
    add(&mut d.notes, more.notes);
}

/// The claims of these spans (numbers in reading order, with their kinds),
/// numbered from `first`, their ids made unique among `taken` and each
/// other; and every claim by its id after.
fn claims(
    spans: &Spans,
    docs: &[Document],
    claim_spans: &[(usize, ClaimKind)],
    first: usize,
    mut taken: FxHashMap<String, ClaimIdx>,
) -> (Vec<Claim>, FxHashMap<String, ClaimIdx>) {
    let mut made = Vec::with_capacity(claim_spans.len());
    taken.reserve(claim_spans.len());
    for (k, &(i, kind)) in claim_spans.iter().enumerate() {
        let (d, ann) = spans.get(i);
        let id = claim_id(&docs[d.index()].id, ann, &taken);
        taken.insert(id.clone(), ClaimIdx::from_index(first + k));
        let (summary, note) = claim_notes(ann);
        let cover = ann.cover();
        made.push(Claim {
            id,
            doc: d,
            span: Span::new(cover.start, cover.end),
            claimant: None,
            kind,
            about: Vec::new(),
            relations: Vec::new(),
            summary,
            note,
        });
    }
    (made, taken)
}

/// A claim's id: the one `convert` wrote, else its document's id and the
/// file's id for the span, else a number.
fn claim_id(doc: &str, span: &SpanAnn, taken: &FxHashMap<String, ClaimIdx>) -> String {
    let written = span.notes.iter().find(|n| n.kind == "dossier:id").map(|n| n.text.trim().to_string());
    match written.filter(|id| !id.is_empty() && !taken.contains_key(id)) {
        Some(id) => id,
        None => match span.ids.first() {
            Some(own) => unique(taken, format!("{doc}:{own}")),
            None => unique(taken, format!("{doc}:claim")),
        },
    }
}

/// A claim's summary (a `Summary` note) and note (every other note and
/// attribute, which a claim has no other place for).
fn claim_notes(span: &SpanAnn) -> (Option<String>, Option<String>) {
    let summary = span.notes.iter().find(|n| n.kind.eq_ignore_ascii_case("summary")).map(|n| n.text.to_string());
    let mut parts: Vec<String> = span
        .notes
        .iter()
        .filter(|n| !n.kind.eq_ignore_ascii_case("summary") && !n.kind.starts_with(DOSSIER_REF))
        .map(|n| if n.kind == "AnnotatorNotes" { n.text.to_string() } else { format!("{}: {}", n.kind, n.text) })
        .collect();
    parts.extend(span.attributes.iter().map(|a| match &a.value {
        Some(v) => format!("{}: {v}", a.name),
        None => a.name.clone(),
    }));
    (summary, (!parts.is_empty()).then(|| parts.join("; ")))
}

/// Counts `n` more things of one sort that were not imported.
fn count_skipped(list: &mut Vec<(String, usize)>, what: &str, n: usize) {
    match list.iter_mut().find(|(w, _)| w == what) {
        Some((_, count)) => *count += n,
        None => list.push((what.to_string(), n)),
    }
}
