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
    Claim, ClaimIdx, CorpusBuilder, DocIdx, Document, Entity, EntityIdx, EntityKind, ImportSummary, Mention,
    MentionDetail, PendingLink, Relation, SourceReport, Span,
};
use crate::support::hash::{FxHashMap, FxHashSet};

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
    let default_map = LabelMap::default();
    let labels = options.labels.unwrap_or(&default_map);
    let mut m = Mapper::new(b, labels);
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
    let (spans, entities, claims) = m.make(&mut reports);

    // A million spans' strings are freed on another thread while the
    // corpus is indexed on this one.
    let pending = std::mem::take(&mut m.spans);
    std::thread::spawn(move || drop(pending));
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
    problems
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

/// A span waiting to become a mention or a claim.
struct Pending {
    doc: DocIdx,
    span: SpanAnn,
    /// Whether a link starts or ends here (then its ids are kept).
    linked: bool,
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
    spans: Vec<Pending>,
    links: Vec<DocLinks>,
    problems: Vec<Problem>,
    warnings: Vec<(usize, Problem)>,
}

impl<'b> Mapper<'b> {
    fn new(b: &'b mut CorpusBuilder, labels: &'b LabelMap) -> Mapper<'b> {
        let doc_ids = b.documents.iter().map(|d| d.id.clone()).collect();
        Mapper { b, labels, doc_ids, spans: Vec::new(), links: Vec::new(), problems: Vec::new(), warnings: Vec::new() }
    }

    fn add_document(&mut self, file: usize, name: &str, stem: &str, mut doc: Doc, report: &mut SourceReport) {
        let place = doc.position;
        if doc.text.trim().is_empty() {
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
        for (span, linked) in doc.spans.drain(..).zip(linked) {
            self.spans.push(Pending { doc: d, span, linked });
        }
        if !doc.links.is_empty() {
            self.links.push(DocLinks { file, first, links: std::mem::take(&mut doc.links) });
        }
        self.b.documents.push(Document {
            id,
            title: doc.title.unwrap_or_default(),
            chars: doc.text.chars().count(),
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
        for (d, span) in found {
            self.spans.push(Pending { doc: DocIdx::from_index(d), span, linked: false });
        }
    }

    /// Entities, mentions, claims and links from every pending span;
    /// answers how many spans, entities and claims there were.
    fn make(&mut self, reports: &mut [SourceReport]) -> (usize, usize, usize) {
        let n = self.spans.len();
        // What each label means, asked once per label rather than per span.
        let meanings: Vec<Target>;
        let targets: Vec<&Target> = {
            let mut index: FxHashMap<&str, usize> = FxHashMap::default();
            let mut distinct = Vec::new();
            let which: Vec<usize> = self
                .spans
                .iter()
                .map(|p| {
                    *index.entry(p.span.label.as_str()).or_insert_with(|| {
                        distinct.push(self.labels.target(&p.span.label));
                        distinct.len() - 1
                    })
                })
                .collect();
            meanings = distinct;
            which.into_iter().map(|k| &meanings[k]).collect()
        };
        let mut groups = UnionFind::new(n);
        {
            // Spans are keyed by their label, a hash of their normalized
            // text and what they are linked to, and compared in full only
            // when the keys agree: no text is copied for the comparison.
            // Spans linked to a knowledge base are the same entity as
            // others of their text only when linked to the same thing.
            let mut by_text: FxHashMap<u64, Vec<(u32, Box<str>)>> = FxHashMap::default();
            let mut by_key: FxHashMap<&str, u32> = FxHashMap::default();
            let mut folded = String::new();
            for (i, p) in self.spans.iter().enumerate() {
                if !matches!(targets[i], Target::Entity(_)) {
                    continue;
                }
                let linked = p.span.references.iter().map(|r| r.target.as_str()).min().unwrap_or("");
                let text = self.b.documents[p.doc.index()].text.as_str();
                fold_into(&mut folded, p.span.fragments.iter().map(|f| text.get(f.clone()).unwrap_or_default()));
                let label = self.labels.label(&p.span.label);
                let key = {
                    use std::hash::{Hash, Hasher};
                    let mut h = crate::support::hash::FxHasher::default();
                    (label, linked, folded.as_str()).hash(&mut h);
                    h.finish()
                };
                // The texts are compared in full (with the label and link
                // of the span that stands for them) only when hashes agree.
                let same = by_text.entry(key).or_default();
                let found = same.iter().find(|(j, f)| {
                    let q = &self.spans[*j as usize].span;
                    **f == *folded
                        && self.labels.label(&q.label) == label
                        && q.references.iter().map(|r| r.target.as_str()).min().unwrap_or("") == linked
                });
                match found {
                    Some(&(j, _)) => groups.union(j, i as u32),
                    None => same.push((i as u32, folded.as_str().into())),
                }
                let keys = p
                    .span
                    .same_as
                    .iter()
                    .map(String::as_str)
                    .chain(p.span.references.iter().map(|r| r.target.as_str()));
                for key in keys {
                    match by_key.entry(key) {
                        Entry::Occupied(e) => groups.union(*e.get(), i as u32),
                        Entry::Vacant(e) => {
                            e.insert(i as u32);
                        }
                    }
                }
            }
        }

        // Entities, in the order their first span was read.
        let mut entity_of_root: FxHashMap<u32, EntityIdx> = FxHashMap::default();
        let mut members: Vec<Vec<u32>> = Vec::new();
        let mut entity_of = vec![EntityIdx(u32::MAX); n];
        for i in 0..n {
            if !matches!(targets[i], Target::Entity(_)) {
                continue;
            }
            let root = groups.find(i as u32);
            let e = *entity_of_root.entry(root).or_insert_with(|| {
                members.push(Vec::new());
                EntityIdx::from_index(members.len() - 1)
            });
            members[e.index()].push(i as u32);
            entity_of[i] = e;
        }
        let first_entity = self.b.entities.len();
        let mut ids: FxHashSet<String> = self.b.entities.iter().map(|e| e.id.clone()).collect();
        let mut entity_labels: Vec<Option<String>> = Vec::with_capacity(members.len());
        // Entities are made on both cores; their ids are made unique in order.
        let made = crate::support::parallel::map_in_order(&members, |list| self.entity(list, &targets));
        for (mut entity, label, given) in made {
            entity.id = match given.filter(|id| !ids.contains(id)) {
                Some(id) => id,
                None => unique(&ids, std::mem::take(&mut entity.id)),
            };
            ids.insert(entity.id.clone());
            let e = EntityIdx::from_index(self.b.entities.len());
            if let Some(label) = &label {
                self.b.entity_labels.push((e, label.clone()));
            }
            entity_labels.push(label);
            self.b.entities.push(entity);
        }
        let entity_of: Vec<EntityIdx> = entity_of
            .into_iter()
            .map(|e| if e.0 == u32::MAX { e } else { EntityIdx::from_index(first_entity + e.index()) })
            .collect();

        // Mentions (one per span, a span given twice kept once) and claims.
        let mut mention_of: Vec<Option<Mention>> = vec![None; n];
        let mut claim_of: Vec<Option<ClaimIdx>> = vec![None; n];
        // Each mention made, and the index of its detail, if it has one.
        let mut seen: FxHashMap<Mention, Option<usize>> = FxHashMap::default();
        let mut claim_ids: FxHashSet<String> = self.b.claims.iter().map(|c| c.id.clone()).collect();
        let mut claims = 0;
        for i in 0..n {
            let p = &mut self.spans[i];
            let cover = p.span.cover();
            let span = Span::new(cover.start, cover.end);
            match &targets[i] {
                Target::Entity(_) => {
                    let entity = entity_of[i];
                    let mention = Mention { entity, doc: p.doc, span };
                    mention_of[i] = Some(mention);
                    let entity_label = entity_labels[entity.index() - first_entity].as_deref();
                    let kind = &self.b.entities[entity.index()].kind;
                    let detail = detail(&mut p.span, self.labels, entity_label, kind, p.linked);
                    match seen.entry(mention) {
                        Entry::Occupied(mut e) => match (detail, *e.get()) {
                            (Some(detail), Some(d)) => merge_detail(&mut self.b.details[d].1, detail),
                            (Some(detail), None) => {
                                e.insert(Some(self.b.details.len()));
                                self.b.details.push((mention, detail));
                            }
                            (None, _) => {}
                        },
                        Entry::Vacant(e) => {
                            self.b.mentions.push(mention);
                            e.insert(detail.map(|detail| {
                                self.b.details.push((mention, detail));
                                self.b.details.len() - 1
                            }));
                        }
                    }
                }
                Target::Claim(kind) => {
                    let doc_id = &self.b.documents[p.doc.index()].id;
                    let id = claim_id(doc_id, &p.span, &mut claim_ids);
                    let (summary, note) = claim_notes(&p.span);
                    claim_of[i] = Some(ClaimIdx::from_index(self.b.claims.len()));
                    self.b.claims.push(Claim {
                        id,
                        doc: p.doc,
                        span,
                        claimant: None,
                        kind: *kind,
                        about: Vec::new(),
                        relations: Vec::new(),
                        summary,
                        note,
                    });
                    claims += 1;
                }
            }
        }
        self.claim_conventions(&claim_of);
        self.make_links(&mention_of, &claim_of, reports);
        (n, members.len(), claims)
    }

    /// The entity a group of spans is (its id not yet made unique: the
    /// id its dossier reference gives, else `None` and a base to make one
    /// of), and its label where that is not its kind's name.
    fn entity(&self, list: &[u32], targets: &[&Target]) -> (Entity, Option<String>, Option<String>) {
        let mut forms: Vec<(std::borrow::Cow<str>, usize)> = Vec::new();
        // Where each form is in `forms`: an entity may be spelt a thousand ways.
        let mut form_at: FxHashMap<std::borrow::Cow<str>, usize> = FxHashMap::default();
        let mut ref_names: Vec<(&str, usize)> = Vec::new();
        let mut labels: Vec<(&str, usize, &EntityKind)> = Vec::new();
        let mut dossier_id: Option<String> = None;
        let mut description = String::new();
        let mut noted_aliases: Vec<&str> = Vec::new();

        for &i in list {
            let p = &self.spans[i as usize];
            let f = form(&self.b.documents[p.doc.index()].text, &p.span);
            match form_at.entry(f) {
                Entry::Occupied(e) => forms[*e.get()].1 += 1,
                Entry::Vacant(e) => {
                    forms.push((e.key().clone(), 1));
                    e.insert(forms.len() - 1);
                }
            }
            for r in &p.span.references {
                if let Some(id) = r.target.strip_prefix(DOSSIER_REF) {
                    dossier_id.get_or_insert_with(|| percent_decoded(id.strip_prefix("entity/").unwrap_or(id)));
                }
                if let Some(t) = r.text.as_deref().filter(|t| !t.trim().is_empty()) {
                    match ref_names.iter_mut().find(|(x, _)| *x == t) {
                        Some((_, n)) => *n += 1,
                        None => ref_names.push((t, 1)),
                    }
                }
            }
            for note in &p.span.notes {
                match note.kind.as_str() {
                    "dossier:description" if description.is_empty() => description = note.text.clone(),
                    "dossier:alias" => noted_aliases.push(&note.text),
                    _ => {}
                }
            }
            let label = self.labels.label(&p.span.label);
            let Target::Entity(kind) = &targets[i as usize] else { continue };
            match labels.iter_mut().find(|(x, _, _)| *x == label) {
                Some((_, n, _)) => *n += 1,
                None => labels.push((label, 1, kind)),
            }
        }
        let most = |v: &[(std::borrow::Cow<str>, usize)]| {
            v.iter().enumerate().max_by_key(|(i, (_, n))| (*n, usize::MAX - i)).map(|(i, _)| i)
        };
        let name = match ref_names.iter().enumerate().max_by_key(|(i, (_, n))| (*n, usize::MAX - i)) {
            Some((_, (t, _))) => t.to_string(),
            None => most(&forms).map(|i| forms[i].0.to_string()).unwrap_or_default(),
        };
        let (label, _, kind) = labels
            .iter()
            .copied()
            .enumerate()
            .max_by_key(|(i, (_, n, _))| (*n, usize::MAX - i))
            .map(|(_, x)| x)
            .unwrap_or(("", 0, &EntityKind::Other));
        drop(form_at);
        forms.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        let mut aliases: Vec<String> = Vec::new();
        let mut seen: FxHashSet<String> = FxHashSet::default();
        let noted = noted_aliases.iter().map(|a| a.to_string());
        let forms = forms.into_iter().map(|(f, _)| f.into_owned());
        for form in forms.chain(ref_names.iter().map(|(t, _)| t.to_string())).chain(noted) {
            if form != name && !form.is_empty() && seen.insert(form.clone()) {
                aliases.push(form);
            }
        }
        let base = format!("{}-{}", slug(label), slug(&name));
        let label = (label != kind.name() && !label.is_empty()).then(|| label.to_string());
        (
            Entity { id: base, name, kind: kind.clone(), aliases, description },
            label,
            dossier_id.filter(|id| !id.is_empty()),
        )
    }

    /// Claimants, topics and relations that `convert` wrote as notes
    /// (`dossier:claimant ID`) where the format had no better place.
    fn claim_conventions(&mut self, claim_of: &[Option<ClaimIdx>]) {
        // Entities named nowhere in the text (`id | kind | name | description`).
        let mut known: FxHashSet<String> = self.b.entities.iter().map(|e| e.id.clone()).collect();
        for (i, c) in claim_of.iter().enumerate() {
            if c.is_none() {
                continue;
            }
            for note in self.spans[i].span.notes.iter().filter(|n| n.kind == "dossier:entity") {
                let mut parts = note.text.splitn(4, " | ");
                let (Some(id), Some(kind), Some(name)) = (parts.next(), parts.next(), parts.next()) else { continue };
                if id.is_empty() || !known.insert(id.to_string()) {
                    continue;
                }
                self.b.entities.push(Entity {
                    id: id.to_string(),
                    name: name.to_string(),
                    kind: EntityKind::parse(kind),
                    aliases: Vec::new(),
                    description: parts.next().unwrap_or_default().to_string(),
                });
            }
        }
        let entity_ids: FxHashMap<&str, EntityIdx> =
            self.b.entities.iter().enumerate().map(|(i, e)| (e.id.as_str(), EntityIdx::from_index(i))).collect();
        let claim_ids: FxHashMap<&str, ClaimIdx> =
            self.b.claims.iter().enumerate().map(|(i, c)| (c.id.as_str(), ClaimIdx::from_index(i))).collect();
        let mut changes: Vec<(ClaimIdx, &str, &str)> = Vec::new();
        for (i, c) in claim_of.iter().enumerate() {
            let Some(c) = c else { continue };
            for note in &self.spans[i].span.notes {
                if let Some(what) = note.kind.strip_prefix(DOSSIER_REF) {
                    changes.push((*c, what, note.text.as_str()));
                }
            }
        }
        enum Change {
            Claimant(ClaimIdx, EntityIdx),
            About(ClaimIdx, EntityIdx),
            Related(ClaimIdx, Relation),
        }
        let mut resolved = Vec::new();
        for (c, what, target) in changes {
            let target = target.trim();
            match what {
                "claimant" => resolved.extend(entity_ids.get(target).map(|&e| Change::Claimant(c, e))),
                "about" => resolved.extend(entity_ids.get(target).map(|&e| Change::About(c, e))),
                other => {
                    if let (Some(kind), Some(&t)) = (self.labels.relation(other), claim_ids.get(target)) {
                        resolved.push(Change::Related(c, Relation { target: t, kind, note: None }));
                    }
                }
            }
        }
        drop((entity_ids, claim_ids));
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

/// A span's text as a name: its fragments joined by a space, runs of white
/// space as one; borrowed from the text where it already is that.
fn form<'t>(text: &'t str, span: &SpanAnn) -> std::borrow::Cow<'t, str> {
    if let [one] = span.fragments.as_slice() {
        let s = text.get(one.clone()).unwrap_or_default();
        let plain = !s.starts_with(' ') && !s.ends_with(' ') && !s.contains("  ");
        if plain && !s.contains(|c: char| c.is_whitespace() && c != ' ') {
            return s.into();
        }
    }
    surface(text, span).split_whitespace().collect::<Vec<_>>().join(" ").into()
}

/// A span's text: its fragments joined by a space.
fn surface(text: &str, span: &SpanAnn) -> String {
    let mut out = String::new();
    for (i, f) in span.fragments.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(text.get(f.clone()).unwrap_or_default());
    }
    out
}

/// The characters text is compared by, its fragments joined by a space:
/// ignoring case, runs of white space, and the variants of quotes and
/// dashes that readers cannot tell apart.
fn normalized<'a>(fragments: impl Iterator<Item = &'a str> + 'a) -> impl Iterator<Item = char> + 'a {
    let mut chars = fragments.enumerate().flat_map(|(i, f)| if i > 0 { " " } else { "" }.chars().chain(f.chars()));
    let mut pending: Option<char> = None;
    let mut lower = None::<std::char::ToLowercase>;
    let mut started = false;
    std::iter::from_fn(move || {
        loop {
            if let Some(l) = lower.as_mut() {
                if let Some(c) = l.next() {
                    return Some(c);
                }
                lower = None;
            }
            if let Some(c) = pending.take() {
                lower = Some(c.to_lowercase());
                continue;
            }
            let mut c = chars.next()?;
            if c.is_whitespace() {
                // A run of white space is one space, and none at either end.
                loop {
                    match chars.next() {
                        Some(next) if next.is_whitespace() => {}
                        Some(next) => {
                            c = next;
                            break;
                        }
                        None => return None,
                    }
                }
                if started {
                    pending = Some(fold(c));
                    return Some(' ');
                }
            }
            started = true;
            lower = Some(fold(c).to_lowercase());
        }
    })
}

/// [`normalized`] into a buffer, reused from span to span; an ASCII text
/// (the most common) folded a byte at a time.
fn fold_into<'a>(out: &mut String, fragments: impl Iterator<Item = &'a str> + 'a) {
    out.clear();
    let mut fragments = fragments.peekable();
    let single = fragments.peek().is_some_and(|f| f.is_ascii());
    if single {
        let first = fragments.next().unwrap_or_default();
        if fragments.peek().is_none() {
            let mut space = false;
            for &b in first.as_bytes() {
                if (b as char).is_whitespace() {
                    space = !out.is_empty();
                    continue;
                }
                if space {
                    out.push(' ');
                    space = false;
                }
                out.push(b.to_ascii_lowercase() as char);
            }
            return;
        }
        out.extend(normalized(std::iter::once(first).chain(fragments)));
        return;
    }
    out.extend(normalized(fragments));
}

fn fold(c: char) -> char {
    match c {
        '‘' | '’' | '‛' | 'ʼ' | '′' => '\'',
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => '"',
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' => '-',
        c => c,
    }
}

/// What [`normalized`] yields, as a string (for tests).
#[cfg(test)]
fn normalize(s: &str) -> String {
    normalized(std::iter::once(s)).collect()
}

/// `%XX` escapes (what `convert` writes for spaces in ids) decoded.
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// An id from a name: lower-case letters and digits, other runs as `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.len() > 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() { "x".to_string() } else { out.to_string() }
}

fn unique(ids: &FxHashSet<String>, base: String) -> String {
    if !ids.contains(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|id| !ids.contains(id)).expect("some number is free")
}

/// What a span says beyond its entity and cover; `None` when nothing.
fn detail(
    span: &mut SpanAnn,
    labels: &LabelMap,
    entity_label: Option<&str>,
    kind: &EntityKind,
    linked: bool,
) -> Option<MentionDetail> {
    let label = labels.label(&span.label);
    let label = (label != entity_label.unwrap_or(kind.name())).then(|| label.to_string());
    let fragments = if span.fragments.len() > 1 {
        span.fragments.iter().map(|f| Span::new(f.start, f.end)).collect()
    } else {
        Vec::new()
    };
    let references: Vec<_> =
        std::mem::take(&mut span.references).into_iter().filter(|r| !r.target.starts_with(DOSSIER_REF)).collect();
    let d = MentionDetail {
        ids: Vec::new(),
        label,
        fragments,
        attributes: std::mem::take(&mut span.attributes),
        references,
        notes: std::mem::take(&mut span.notes).into_iter().filter(|n| !n.kind.starts_with(DOSSIER_REF)).collect(),
    };
    let empty = d == MentionDetail::default();
    if empty && !linked {
        return None;
    }
    Some(MentionDetail { ids: std::mem::take(&mut span.ids), ..d })
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

/// A claim's id: the one `convert` wrote, else its document's id and the
/// file's id for the span, else a number.
fn claim_id(doc: &str, span: &SpanAnn, taken: &mut FxHashSet<String>) -> String {
    let written = span.notes.iter().find(|n| n.kind == "dossier:id").map(|n| n.text.trim().to_string());
    let id = match written.filter(|id| !id.is_empty() && !taken.contains(id)) {
        Some(id) => id,
        None => match span.ids.first() {
            Some(own) => unique(taken, format!("{doc}:{own}")),
            None => unique(taken, format!("{doc}:claim")),
        },
    };
    taken.insert(id.clone());
    id
}

/// A claim's summary (a `Summary` note) and note (every other note and
/// attribute, which a claim has no other place for).
fn claim_notes(span: &SpanAnn) -> (Option<String>, Option<String>) {
    let summary = span.notes.iter().find(|n| n.kind.eq_ignore_ascii_case("summary")).map(|n| n.text.clone());
    let mut parts: Vec<String> = span
        .notes
        .iter()
        .filter(|n| !n.kind.eq_ignore_ascii_case("summary") && !n.kind.starts_with(DOSSIER_REF))
        .map(|n| if n.kind == "AnnotatorNotes" { n.text.clone() } else { format!("{}: {}", n.kind, n.text) })
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

/// Disjoint sets of spans, joined by what says they are the same entity.
struct UnionFind {
    parent: Vec<u32>,
}

impl UnionFind {
    fn new(n: usize) -> UnionFind {
        UnionFind { parent: (0..n as u32).collect() }
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parent[x as usize] != x {
            let up = self.parent[self.parent[x as usize] as usize];
            self.parent[x as usize] = up;
            x = up;
        }
        x
    }

    /// Joins two sets; the smaller index stays the root, so entities come in reading order.
    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            let (keep, child) = if a < b { (a, b) } else { (b, a) };
            self.parent[child as usize] = keep;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::import::ir::Link;
    use crate::data::model::{ClaimKind, MentionIdx, RelationKind};

    fn span(label: &str, text: &str, find: &str, nth: usize) -> SpanAnn {
        let start = text.match_indices(find).nth(nth).expect("in the text").0;
        let fragments = std::iter::once(start..start + find.len()).collect();
        SpanAnn { label: label.into(), fragments, ..SpanAnn::default() }
    }

    fn input(file: &str, docs: Vec<Doc>) -> ReadInput {
        ReadInput {
            file: file.into(),
            stem: file.split('.').next().unwrap().into(),
            format: Format::Brat,
            imported: Imported { documents: docs, ..Imported::default() },
        }
    }

    #[test]
    fn spans_are_grouped_by_label_and_text_and_by_what_the_files_say() {
        let t1 = "Aslan Tolegenov was detained. TOLEGENOV denies it.";
        let t2 = "Tolegenov’s lawyer spoke in Kostanay.";
        let mut a = span("PER", t1, "Aslan Tolegenov", 0);
        a.same_as.push("equiv:a:1".into());
        let mut b = span("PER", t1, "TOLEGENOV", 0);
        b.same_as.push("equiv:a:1".into());
        let doc1 = Doc { id: "a".into(), text: t1.into(), spans: vec![a, b], ..Doc::default() };
        let c = span("PER", t2, "Tolegenov", 0);
        let d = span("LOC", t2, "Kostanay", 0);
        let doc2 = Doc { id: "b".into(), text: t2.into(), spans: vec![c, d], ..Doc::default() };
        let mut builder = CorpusBuilder::default();
        let problems = map_into(
            &mut builder,
            vec![input("a.ann", vec![doc1]), input("b.ann", vec![doc2])],
            &MapOptions::default(),
        );
        assert!(problems.is_empty(), "{problems:?}");
        let corpus = builder.finish();
        let names: Vec<(&str, &str, Vec<&str>)> = corpus
            .entities()
            .iter()
            .map(|e| (e.id.as_str(), e.kind.name(), e.aliases.iter().map(String::as_str).collect()))
            .collect();
        // "TOLEGENOV" and "Tolegenov" are one text ignoring case; the Equiv set joins the full name.
        assert_eq!(
            names,
            vec![("per-aslan-tolegenov", "person", vec!["TOLEGENOV", "Tolegenov"]), ("loc-kostanay", "place", vec![])]
        );
        assert_eq!(corpus.entity_label(EntityIdx(0)), Some("PER"));
        assert_eq!(corpus.mentions().len(), 4);
        let summary = corpus.imported().unwrap();
        assert_eq!((summary.spans, summary.entities, summary.claims), (4, 2, 0));
    }

    #[test]
    fn fragments_links_and_claims_by_the_label_map() {
        let text = "Kazakh and Russian officials met. Tokayev said ties are strong. Critics disagree.";
        let mut frag = span("NORP", text, "Kazakh", 0);
        let off = span("NORP", text, "officials", 0).fragments[0].clone();
        frag.fragments.push(off);
        frag.attributes.push(crate::data::model::Attribute { name: "Negation".into(), value: None });
        let tok = span("PER", text, "Tokayev", 0);
        let c1 = span("own_claim", text, "ties are strong", 0);
        let c2 = span("own_claim", text, "Critics disagree", 0);
        let links = vec![
            Link { from: 2, to: 3, kind: "claimant".into(), ..Link::default() },
            Link { from: 3, to: 2, kind: "claimant".into(), ..Link::default() },
            Link { from: 4, to: 2, kind: "attacks".into(), ..Link::default() },
            Link { from: 1, to: 0, kind: "meets".into(), id: Some("R1".into()), ..Link::default() },
        ];
        let russian = span("NORP", text, "Russian", 0);
        let doc =
            Doc { id: "d".into(), text: text.into(), spans: vec![frag, russian, c1, tok, c2], links, ..Doc::default() };
        let map = LabelMap::parse("m.json", r#"{"labels": {"own_claim": {"claim": "opinion"}}}"#).unwrap();
        let mut builder = CorpusBuilder::default();
        let options = MapOptions { labels: Some(&map), strict: false };
        let problems = map_into(&mut builder, vec![input("d.ann", vec![doc])], &options);
        assert!(problems.is_empty(), "{problems:?}");
        let corpus = builder.finish();
        let kazakh = MentionIdx::from_index(0);
        assert_eq!(corpus.mention_text(kazakh), "Kazakh officials");
        assert_eq!(corpus.mention_fragments(kazakh).len(), 2);
        assert_eq!(corpus.mention_detail(kazakh).unwrap().attributes[0].name, "Negation");
        let links = corpus.mention_links();
        assert_eq!(links.len(), 1);
        assert_eq!((corpus.mention_text(links[0].from).as_ref(), links[0].kind.as_str()), ("Russian", "meets"));
        assert_eq!(corpus.mention_detail(links[0].from).unwrap().ids, Vec::<String>::new());
        let claims = corpus.claims();
        assert_eq!(claims.len(), 2);
        assert_eq!(claims[0].kind, ClaimKind::Opinion);
        assert_eq!(corpus.claimant_name(ClaimIdx(0)), "Tokayev");
        assert_eq!(claims[1].relations[0].kind, RelationKind::Contradicts);
        let summary = corpus.imported().unwrap();
        assert_eq!(summary.sources[0].not_imported, vec![("links from a mention to a claim".to_string(), 1)]);
    }

    #[test]
    fn text_is_compared_folded() {
        assert_eq!(normalize("  Tolegenov’s\n\t LAWYER — ҚАЗАҚ "), "tolegenov's lawyer - қазақ");
        assert_eq!(normalize(""), "");
        let two = SpanAnn { fragments: vec![0..3, 5..8], ..SpanAnn::default() };
        assert_eq!(normalized(two.fragments.iter().map(|f| &"Abc  Def"[f.clone()])).collect::<String>(), "abc def");
    }

    #[test]
    fn a_document_id_used_twice_is_prefixed_then_refused() {
        let doc = |id: &str| Doc { id: id.into(), text: "Astana.".into(), ..Doc::default() };
        let mut builder = CorpusBuilder::default();
        let problems = map_into(
            &mut builder,
            vec![input("x.jsonl", vec![doc("1")]), input("y.jsonl", vec![doc("1")]), input("y.jsonl", vec![doc("1")])],
            &MapOptions::default(),
        );
        let ids: Vec<&str> = builder.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, vec!["1", "y/1"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].to_string(), "y.jsonl: document id \"1\" is used by another file too");
    }

    #[test]
    fn strict_refuses_what_was_not_imported() {
        let mut imported = Imported {
            documents: vec![Doc { id: "d".into(), text: "x".into(), ..Doc::default() }],
            ..Imported::default()
        };
        imported.skip_n("HTML results", 3);
        let read = ReadInput { file: "t.json".into(), stem: "t".into(), format: Format::LabelStudio, imported };
        let mut builder = CorpusBuilder::default();
        let problems = map_into(&mut builder, vec![read], &MapOptions { labels: None, strict: true });
        assert_eq!(
            problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            vec!["t.json: not imported: 3 HTML results (--strict refuses what cannot be imported)"]
        );
    }
}
