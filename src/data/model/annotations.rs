//! What other annotation tools say about a mention beyond "this span names
//! that entity": its fragments when it is discontinuous, the ids and label
//! the file gave it, attributes, normalizations, notes — and the typed,
//! directed links between mentions (brat relations and event roles, doccano,
//! Label Studio, Prodigy and WebAnno relations). Most corpora have none of
//! these, so they live beside the mentions, not in them: a mention stays 16
//! bytes, and a corpus without details pays for an empty vector.

use super::{EntityIdx, Mention, MentionIdx, Span};

/// A string held inline when short (up to 24 bytes), on the heap only when
/// longer: imports make a million spans' ids, labels, reference targets
/// and note kinds (`T1`, `PER`, `Q42`, `AnnotatorNotes`), which then cost
/// no allocation at all.
pub type Str = compact_str::CompactString;

/// An attribute: binary (`Negation`, no value) or valued (`Confidence` = `High`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Attribute {
    pub name: String,
    pub value: Option<String>,
}

/// A normalization: `Reference` to `Wikipedia:64488`, optionally with the
/// name the resource gives it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Reference {
    /// The kind of link as the file names it (`Reference`, `kb_id`).
    pub kind: Str,
    /// `Wikipedia:64488`, `Q42`.
    pub target: Str,
    pub text: Option<Str>,
}

/// A note of any type (`AnnotatorNotes`, `Lemma`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Note {
    pub kind: Str,
    pub text: Str,
}

/// Everything known about one mention beyond its entity and covering span.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MentionDetail {
    /// The ids its file gave it (`T1`, an event `E1` it triggers).
    pub ids: Vec<String>,
    /// The label as its file wrote it (`PER`), when it says more than the entity's kind.
    pub label: Option<String>,
    /// Two or more byte ranges, in text order, when the mention is
    /// discontinuous; the mention's span covers them all. Empty otherwise.
    pub fragments: Vec<Span>,
    pub attributes: Vec<Attribute>,
    pub references: Vec<Reference>,
    pub notes: Vec<Note>,
}

/// A typed, directed link from one mention to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionLink {
    pub from: MentionIdx,
    pub to: MentionIdx,
    /// The relation's type or the event's role (`Origin`, `Theme`, `lieu`).
    pub kind: String,
    /// The file's id for it (`R1`; for an event's roles, the event's id).
    pub id: Option<String>,
    pub attributes: Vec<Attribute>,
    pub notes: Vec<Note>,
}

/// A link as the builder collects it: its ends named by the mentions
/// themselves, since mentions are numbered only once they are sorted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingLink {
    pub from: Mention,
    pub to: Mention,
    pub kind: String,
    pub id: Option<String>,
    pub attributes: Vec<Attribute>,
    pub notes: Vec<Note>,
}

/// The details and links of a corpus, by mention.
#[derive(Debug, Default)]
pub(super) struct Annotations {
    /// Sorted by mention.
    details: Vec<(MentionIdx, MentionDetail)>,
    links: Vec<MentionLink>,
    /// Link indices per mention, outgoing and incoming, sorted by mention.
    by_mention: Vec<(MentionIdx, u32)>,
    /// Sorted by entity.
    entity_labels: Vec<(EntityIdx, String)>,
}

impl Annotations {
    /// Numbers details and links by the mentions' final order. A detail or
    /// link whose mention is not in `mentions` is a bug of whoever built the
    /// corpus, and is dropped.
    pub(super) fn new(
        mentions: &[Mention],
        details: Vec<(Mention, MentionDetail)>,
        pending: Vec<PendingLink>,
        mut entity_labels: Vec<(EntityIdx, String)>,
    ) -> Annotations {
        entity_labels.sort_unstable_by_key(|(e, _)| *e);
        if details.is_empty() && pending.is_empty() {
            return Annotations { entity_labels, ..Annotations::default() };
        }
        let find = |m: &Mention| {
            mentions
                .binary_search_by_key(&(m.doc, m.span.start, m.span.end, m.entity), |x| {
                    (x.doc, x.span.start, x.span.end, x.entity)
                })
                .ok()
                .map(MentionIdx::from_index)
        };
        let mut details: Vec<_> = details.into_iter().filter_map(|(m, d)| Some((find(&m)?, d))).collect();
        details.sort_by_key(|(m, _)| *m);
        let links: Vec<MentionLink> = pending
            .into_iter()
            .filter_map(|p| {
                Some(MentionLink {
                    from: find(&p.from)?,
                    to: find(&p.to)?,
                    kind: p.kind,
                    id: p.id,
                    attributes: p.attributes,
                    notes: p.notes,
                })
            })
            .collect();
        let mut by_mention: Vec<(MentionIdx, u32)> = Vec::with_capacity(links.len() * 2);
        for (i, l) in links.iter().enumerate() {
            by_mention.push((l.from, i as u32));
            if l.to != l.from {
                by_mention.push((l.to, i as u32));
            }
        }
        by_mention.sort_unstable();
        Annotations { details, links, by_mention, entity_labels }
    }

    pub(super) fn detail(&self, m: MentionIdx) -> Option<&MentionDetail> {
        let i = self.details.binary_search_by_key(&m, |(x, _)| *x).ok()?;
        Some(&self.details[i].1)
    }

    pub(super) fn links(&self) -> &[MentionLink] {
        &self.links
    }

    pub(super) fn links_of(&self, m: MentionIdx) -> impl Iterator<Item = &MentionLink> {
        let a = self.by_mention.partition_point(|(x, _)| *x < m);
        let b = self.by_mention.partition_point(|(x, _)| *x <= m);
        self.by_mention[a..b].iter().map(|&(_, l)| &self.links[l as usize])
    }

    pub(super) fn entity_label(&self, e: EntityIdx) -> Option<&str> {
        let i = self.entity_labels.binary_search_by_key(&e, |(x, _)| *x).ok()?;
        Some(&self.entity_labels[i].1)
    }

    pub(super) fn has_any(&self) -> bool {
        !self.details.is_empty() || !self.links.is_empty()
    }
}

/// The fragments of a mention: its span, or its discontinuous pieces.
pub fn fragments<'a>(span: &'a Span, detail: Option<&'a MentionDetail>) -> &'a [Span] {
    match detail {
        Some(d) if !d.fragments.is_empty() => &d.fragments,
        _ => std::slice::from_ref(span),
    }
}

/// How one input of another tool's format was read, for `check` to tell.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SourceReport {
    /// The file (or brat pair, named by its `.ann`) as the user named it.
    pub file: String,
    /// The reader's name, as `--from` takes it.
    pub reader: String,
    pub documents: usize,
    pub spans: usize,
    pub links: usize,
    /// What was seen and not represented, counted by what it is.
    pub not_imported: Vec<(String, usize)>,
    /// Faults that did not stop the import, each `file:line: message`.
    pub warnings: Vec<String>,
}

/// What importing made of the inputs of other formats, as a whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub sources: Vec<SourceReport>,
    /// Spans read, and the entities and claims they became.
    pub spans: usize,
    pub entities: usize,
    pub claims: usize,
}
