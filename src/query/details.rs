//! What other tools' files said about an entity's mentions, gathered for
//! the entity: the labels the files gave it (where they say more than its
//! kind), attributes, normalizations and notes, each distinct one with the
//! number of mentions that carry it; and the typed links between its
//! mentions and others ("Partner → CNPC", "Agent ← signing"). Shared by the
//! Entities pane's detail, the dossier and `dossier entity`.
//!
//! Facts and links are kept as handles into the corpus (a mention and
//! which of its facts, a mention and which of its links), not as copies: an
//! entity with 50,000 mentions costs one pass when it is chosen, and a
//! frame draws what fits. A corpus without mention details (most of them)
//! costs nothing: [`EntityFacts::new`] returns at once.

use std::fmt;

use crate::data::model::{Attribute, Corpus, EntityIdx, MentionIdx, MentionLink, Note, Reference};
use crate::support::hash::FxHashMap;

/// One thing a file said about a mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fact<'c> {
    /// The label as the file wrote it (`Company`), where it is not the kind's name.
    Label(&'c str),
    Attribute(&'c Attribute),
    Reference(&'c Reference),
    Note(&'c Note),
}

/// How a fact reads, unsanitized: `label Company`, `Negation`, `Confidence:
/// High`, `Wikidata:Q42 Douglas Adams`, `AnnotatorNotes: ...`.
impl fmt::Display for Fact<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fact::Label(l) => write!(f, "label {l}"),
            Fact::Attribute(Attribute { name, value: None }) => write!(f, "{name}"),
            Fact::Attribute(Attribute { name, value: Some(v) }) => write!(f, "{name}: {v}"),
            Fact::Reference(Reference { target, text: None, .. }) => write!(f, "{target}"),
            Fact::Reference(Reference { target, text: Some(t), .. }) => write!(f, "{target} {t}"),
            Fact::Note(Note { kind, text }) => write!(f, "{kind}: {text}"),
        }
    }
}

/// Which of a mention's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    Label,
    Attribute(u32),
    Reference(u32),
    Note(u32),
}

/// A distinct fact of an entity's mentions: where it was first seen, and
/// on how many of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub mention: MentionIdx,
    pub which: Which,
    pub count: usize,
}

impl Tally {
    pub fn fact(self, corpus: &Corpus) -> Option<Fact<'_>> {
        fact_of(corpus, self.mention, self.which)
    }
}

fn fact_of(corpus: &Corpus, m: MentionIdx, which: Which) -> Option<Fact<'_>> {
    let d = corpus.mention_detail(m)?;
    Some(match which {
        Which::Label => Fact::Label(d.label.as_deref()?),
        Which::Attribute(i) => Fact::Attribute(d.attributes.get(i as usize)?),
        Which::Reference(i) => Fact::Reference(d.references.get(i as usize)?),
        Which::Note(i) => Fact::Note(d.notes.get(i as usize)?),
    })
}

/// Every fact of a mention, in the order shown: label, attributes, references, notes.
pub fn mention_facts(corpus: &Corpus, m: MentionIdx) -> impl Iterator<Item = Fact<'_>> {
    let e = corpus.mention(m).entity;
    let d = corpus.mention_detail(m);
    let kind = corpus.entity(e).kind.name();
    let label = d.and_then(|d| d.label.as_deref()).filter(|l| !l.eq_ignore_ascii_case(kind)).map(Fact::Label);
    let rest = d.into_iter().flat_map(|d| {
        let a = d.attributes.iter().map(Fact::Attribute);
        let r = d.references.iter().map(Fact::Reference);
        a.chain(r).chain(d.notes.iter().map(Fact::Note))
    });
    label.into_iter().chain(rest)
}

/// One link seen from one of the entity's mentions: the `k`-th of
/// [`Corpus::links_of_mention`] of `mention`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkEnd {
    pub mention: MentionIdx,
    pub k: u32,
}

impl LinkEnd {
    pub fn link(self, corpus: &Corpus) -> Option<&MentionLink> {
        corpus.links_of_mention(self.mention).nth(self.k as usize)
    }

    /// Whether the link starts at this end (a link to itself does too).
    pub fn outgoing(self, corpus: &Corpus) -> bool {
        self.link(corpus).is_none_or(|l| l.from == self.mention)
    }

    /// The mention at the other end.
    pub fn other(self, corpus: &Corpus) -> MentionIdx {
        match self.link(corpus) {
            Some(l) if l.from == self.mention => l.to,
            Some(l) => l.from,
            None => self.mention,
        }
    }

    /// The arrow that reads the link from this end: `→` out, `←` in.
    pub fn arrow(self, corpus: &Corpus) -> &'static str {
        if self.outgoing(corpus) { "→" } else { "←" }
    }
}

/// Links of the same kind, direction and other entity, counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkTally {
    /// The first of them.
    pub end: LinkEnd,
    pub other: EntityIdx,
    pub count: usize,
}

/// An entity's facts and links, gathered from its mentions.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EntityFacts {
    /// Distinct facts, labels first, then attributes, references and notes,
    /// each group in the order first seen.
    pub tallies: Vec<Tally>,
    /// Every link at one of its mentions, in corpus order of the mentions.
    /// A link between two of its own mentions is listed once, from its start.
    pub links: Vec<LinkEnd>,
    /// The links grouped by kind, direction and other entity, in order first seen.
    pub link_tallies: Vec<LinkTally>,
    /// Whether any of its mentions has details of its own.
    pub any_detail: bool,
}

impl EntityFacts {
    pub fn new(corpus: &Corpus, e: EntityIdx) -> EntityFacts {
        let mut facts = EntityFacts::default();
        if !corpus.has_mention_annotations() {
            return facts;
        }
        let mut seen: FxHashMap<Fact, usize> = FxHashMap::default();
        let mut tallies: Vec<(u8, Tally)> = Vec::new();
        let mut grouped: FxHashMap<(&str, bool, EntityIdx), usize> = FxHashMap::default();
        let kind = corpus.entity(e).kind.name();
        for &m in corpus.entity_mentions(e) {
            if let Some(d) = corpus.mention_detail(m) {
                facts.any_detail = true;
                let label = d.label.as_deref().filter(|l| !l.eq_ignore_ascii_case(kind)).map(|_| (0, Which::Label));
                let numbered = |group, n: usize, which: fn(u32) -> Which| {
                    (0..n).map(move |i| (group, which(u32::try_from(i).unwrap_or(u32::MAX))))
                };
                let all = label
                    .into_iter()
                    .chain(numbered(1, d.attributes.len(), Which::Attribute))
                    .chain(numbered(2, d.references.len(), Which::Reference))
                    .chain(numbered(3, d.notes.len(), Which::Note));
                for (group, which) in all {
                    let Some(fact) = fact_of(corpus, m, which) else { continue };
                    match seen.get(&fact) {
                        Some(&i) => tallies[i].1.count += 1,
                        None => {
                            seen.insert(fact, tallies.len());
                            tallies.push((group, Tally { mention: m, which, count: 1 }));
                        }
                    }
                }
            }
            for (k, link) in corpus.links_of_mention(m).enumerate() {
                let outgoing = link.from == m;
                let other = if outgoing { link.to } else { link.from };
                let other_entity = corpus.mention(other).entity;
                if !outgoing && other_entity == e {
                    continue;
                }
                let end = LinkEnd { mention: m, k: u32::try_from(k).unwrap_or(u32::MAX) };
                facts.links.push(end);
                match grouped.get(&(link.kind.as_str(), outgoing, other_entity)) {
                    Some(&i) => facts.link_tallies[i].count += 1,
                    None => {
                        grouped.insert((link.kind.as_str(), outgoing, other_entity), facts.link_tallies.len());
                        facts.link_tallies.push(LinkTally { end, other: other_entity, count: 1 });
                    }
                }
            }
        }
        // Stable: each group keeps the order its facts were first seen in.
        tallies.sort_by_key(|(group, _)| *group);
        facts.tallies = tallies.into_iter().map(|(_, t)| t).collect();
        facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::annotated_fixture::annotated_corpus;

    fn shown(c: &Corpus, f: &EntityFacts) -> Vec<String> {
        f.tallies.iter().map(|t| format!("{} ×{}", t.fact(c).unwrap(), t.count)).collect()
    }

    #[test]
    fn an_entitys_facts_are_counted_by_distinct_value() {
        let c = annotated_corpus();
        let kmg = c.entity_by_id("kmg").unwrap();
        let f = EntityFacts::new(&c, kmg);
        assert!(f.any_detail);
        assert_eq!(
            shown(&c, &f),
            [
                "label Company ×2",
                "Confidence: High ×1",
                "Confidence: Low ×1",
                "Wikidata:Q1125773 KazMunayGas ×2",
                "AnnotatorNotes: state-owned since 2002 ×1"
            ]
        );
        let first = c.entity_mentions(kmg)[0];
        let each: Vec<String> = mention_facts(&c, first).map(|f| f.to_string()).collect();
        assert_eq!(each.len(), 4);
        assert_eq!(each[1], "Confidence: High");
    }

    #[test]
    fn links_read_from_either_end() {
        let c = annotated_corpus();
        let kmg = EntityFacts::new(&c, c.entity_by_id("kmg").unwrap());
        let read: Vec<String> = kmg
            .link_tallies
            .iter()
            .map(|t| {
                let l = t.end.link(&c).unwrap();
                format!("{} {} {}", l.kind, t.end.arrow(&c), c.entity(t.other).name)
            })
            .collect();
        assert_eq!(read, ["Partner → CNPC", "Agent ← signing of the deal"]);
        let signing = EntityFacts::new(&c, c.entity_by_id("signing").unwrap());
        assert_eq!(signing.links.len(), 2);
        let astana = signing.links[1].other(&c);
        assert_eq!(c.mention_text(astana), "Astana");
        // A label that is the kind's name says nothing more.
        assert!(EntityFacts::new(&c, c.entity_by_id("astana").unwrap()).tallies.is_empty());
    }

    #[test]
    fn a_corpus_without_details_costs_nothing() {
        let c = crate::data::fixture::sample_corpus();
        let f = EntityFacts::new(&c, c.entity_by_id("tolegenov").unwrap());
        assert_eq!(f, EntityFacts::default());
    }
}
