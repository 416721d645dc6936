//! Which spans are one entity. Each span's label is asked what it means
//! once per distinct label; each entity span's form (and, where it has no
//! references, its folded text) is hashed once, on both cores, into
//! [`Facts`]; the spans are then grouped by those facts alone (label and
//! text hash, knowledge-base link) and joined by what the files say are the
//! same thing (Equiv sets, chains, ids): the pairs sharing a key are found
//! on both cores, each for half of the keys, and joined after (sets do not
//! depend on the order of joining).
//!
//! Texts, reference targets and `same_as` keys are compared by 128-bit
//! hashes rather than in full: a million spans would otherwise each be
//! compared with the span that stands for their group, somewhere else in
//! memory. Two different names agreeing in 128 bits is not a thing that
//! happens. The facts also say what naming will need of a span's
//! references and notes, so that naming reads a span only for those.

use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

use foldhash::quality::FixedState;

use super::DOSSIER_REF;
use super::spans::Spans;
use super::text::{fold_into, form};
use crate::data::import::labels::{LabelMap, Target};
use crate::data::model::{Document, EntityKind};
use crate::support::hash::FxHashMap;

/// What a distinct label (as written in a file) means.
pub(super) struct Meaning {
    pub target: Target,
    /// The label as shown (after the label map's renaming).
    pub shown: String,
    /// The same number for labels shown the same.
    pub shown_id: u32,
}

impl Meaning {
    pub fn kind(&self) -> Option<&EntityKind> {
        match &self.target {
            Target::Entity(kind) => Some(kind),
            Target::Claim(_) => None,
        }
    }
}

/// What grouping and naming need of one span, worked out once, so that
/// neither goes back to the span (somewhere else in memory) but for the
/// few facts it cannot hold. 40 bytes: a million of them are made.
#[derive(Clone, Copy, Default)]
pub(super) struct Facts {
    /// The folded text's hash (entity spans without references only), in two halves.
    text: [u64; 2],
    /// The form's hash: spans of one entity spelt the same agree.
    pub form: u64,
    /// The hash of the one reference text (under [`Facts::REF_TEXT`]).
    pub ref_text: u64,
    /// Index into the distinct labels' [`Meaning`]s.
    pub label: u32,
    /// [`Facts::DOSSIER_REF`] and the others.
    pub flags: u8,
    /// Which reference has the text (under [`Facts::REF_TEXT`]).
    pub ref_at: u8,
}

impl Facts {
    /// A reference names a dossier entity (`convert` wrote it).
    pub const DOSSIER_REF: u8 = 1;
    /// One reference has a text (the name its knowledge base gives).
    pub const REF_TEXT: u8 = 2;
    /// More than one reference has a text (or one past the 256th): naming reads the span.
    pub const REF_TEXTS: u8 = 4;
    /// A `dossier:description` note.
    pub const DESCRIPTION: u8 = 8;
    /// A `dossier:alias` note.
    pub const ALIAS: u8 = 16;
    /// A reference that names no dossier entity (a mention's detail keeps it).
    pub const OTHER_REF: u8 = 32;

    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Whether the span has references of any kind (then its text is not hashed).
    fn linked(&self) -> bool {
        self.has(Facts::DOSSIER_REF | Facts::OTHER_REF)
    }

    fn text(&self) -> u128 {
        (u128::from(self.text[0]) << 64) | u128::from(self.text[1])
    }
}

/// A key for "the same thing as", by span: a hash of a reference target
/// or `same_as` key.
pub(super) type Key = (u32, [u64; 2]);

/// What every span's facts say, and the keys the files give for "the same
/// thing as", by span, in span order.
pub(super) struct AllFacts {
    pub meanings: Vec<Meaning>,
    pub facts: Vec<Facts>,
    /// Every `same_as` key, then every reference target, of each span. In
    /// parts, one after the other (each made on a core of its own: they are
    /// read in order, never joined).
    pub keys: Vec<Vec<Key>>,
}

/// A reference text that names: not blank.
pub(super) fn naming_text(r: &crate::data::import::ir::Reference) -> Option<&str> {
    r.text.as_deref().filter(|t| !t.trim().is_empty())
}

/// The meaning of every distinct label, and each span's facts.
pub(super) fn facts<'s>(spans: &'s Spans, docs: &[Document], labels: &LabelMap) -> AllFacts {
    // Whole documents in two halves of about as many spans, each half's
    // facts made on a core of its own (none is written twice, as a table
    // made beforehand for both would be), with the labels it meets
    // numbered on its own (see `Labels`) and joined after.
    let (half, split) = Spans::halves(&spans.chunks, spans.len());
    let (first_chunks, second_chunks) = spans.chunks.split_at(half);
    // The second half's list starts with room for the first's (`head`
    // slots, written on that core beside the first half's work), which is
    // copied in after: into pages already there, where appending the
    // second half to the first wrote half a table into fresh pages on one core.
    let fill = |chunks: &'s [super::spans::Chunk], head: usize| {
        let mut out: Vec<Facts> = Vec::with_capacity(head + Spans::count(chunks));
        out.resize(head, Facts::default());
        let mut folded = String::new();
        let mut keys = Vec::new();
        let mut met = Labels::default();
        for chunk in chunks {
            let text = docs[chunk.doc.index()].text.as_str();
            for (j, span) in chunk.spans.iter().enumerate() {
                let i = chunk.first + j;
                let (label, entity) = met.number(span.label.as_str(), labels);
                out.push(Facts { label, ..Facts::default() });
                if !entity {
                    continue;
                }
                let f = out.last_mut().expect("just pushed");
                f.form = hash64(&form(text, span));
                for (k, r) in span.references.iter().enumerate() {
                    f.flags |= if r.target.starts_with(DOSSIER_REF) { Facts::DOSSIER_REF } else { Facts::OTHER_REF };
                    if let Some(t) = naming_text(r) {
                        // One text, among the first 256 references, is held here.
                        f.flags |= match u8::try_from(k) {
                            Ok(k) if !f.has(Facts::REF_TEXT) => {
                                f.ref_at = k;
                                Facts::REF_TEXT
                            }
                            _ => Facts::REF_TEXTS,
                        };
                        f.ref_text = hash64(t);
                    }
                }
                // Only a span without references is grouped by its text
                // (see `joined`): the folded text of the others is not needed.
                if span.references.is_empty() {
                    fold_into(&mut folded, span.fragments.iter().map(|f| text.get(f.clone()).unwrap_or_default()));
                    f.text = hash128(folded.as_str());
                }
                for note in &span.notes {
                    match note.kind.as_str() {
                        "dossier:description" => f.flags |= Facts::DESCRIPTION,
                        "dossier:alias" => f.flags |= Facts::ALIAS,
                        _ => {}
                    }
                }
                let named =
                    span.same_as.iter().map(String::as_str).chain(span.references.iter().map(|r| r.target.as_str()));
                keys.extend(named.map(|key| (i as u32, hash128(key))));
            }
        }
        (out, keys, met)
    };
    let ((facts, keys, mut met), (mut second_facts, more_keys, more_met)) = if crate::support::parallel::two_cores() {
        crate::support::parallel::both(
            "a thread hashing spans panicked",
            || fill(first_chunks, 0),
            || fill(second_chunks, split),
        )
    } else {
        (fill(first_chunks, 0), fill(second_chunks, split))
    };
    let keys = vec![keys, more_keys];
    // The second half's labels, numbered as the whole corpus numbers them:
    // in the order they are first met, the first half's first.
    let renumber: Vec<u32> = more_met.order.into_iter().map(|(label, target)| met.add(label, target)).collect();
    if renumber.iter().enumerate().any(|(local, &global)| local as u32 != global) {
        for f in &mut second_facts[split..] {
            f.label = renumber[f.label as usize];
        }
    }
    second_facts[..split].copy_from_slice(&facts);
    let facts = second_facts;
    let mut shown_ids: FxHashMap<String, u32> = FxHashMap::default();
    let meanings = met
        .order
        .into_iter()
        .map(|(label, target)| {
            let shown = labels.label(label).to_string();
            let next = shown_ids.len() as u32;
            let shown_id = *shown_ids.entry(shown.clone()).or_insert(next);
            Meaning { target, shown, shown_id }
        })
        .collect();
    AllFacts { meanings, facts, keys }
}

/// The distinct labels (as written) that some spans have, numbered in the
/// order they are first met, each with what it means.
#[derive(Default)]
struct Labels<'a> {
    index: FxHashMap<&'a str, u32>,
    order: Vec<(&'a str, Target)>,
    /// Most spans have the label of the one before or one of a handful:
    /// the last few labels are compared before any is hashed.
    recent: [(&'a str, u32); 4],
}

impl<'a> Labels<'a> {
    /// A span's label's number, and whether it names an entity (not a claim).
    fn number(&mut self, label: &'a str, labels: &LabelMap) -> (u32, bool) {
        let m = match self.recent.iter().find(|(known, m)| *m != 0 && *known == label) {
            Some(&(_, m)) => m - 1,
            None => {
                let m = match self.index.get(label) {
                    Some(&m) => m,
                    None => self.add(label, labels.target(label)),
                };
                self.recent.rotate_right(1);
                self.recent[0] = (label, m + 1);
                m
            }
        };
        (m, matches!(self.order[m as usize].1, Target::Entity(_)))
    }

    /// The number of a label, met for the first time here unless it was before.
    fn add(&mut self, label: &'a str, target: Target) -> u32 {
        let next = self.order.len() as u32;
        *self.index.entry(label).or_insert_with(|| {
            self.order.push((label, target));
            next
        })
    }
}

/// The hashes texts and keys are compared by: one seed for 64 bits, a
/// second for the other half of 128.
const FIRST: FixedState = FixedState::with_seed(0x243f_6a88_85a3_08d3);
const SECOND: FixedState = FixedState::with_seed(0x1319_8a2e_0370_7344);

pub(super) fn hash64(s: &str) -> u64 {
    FIRST.hash_one(s)
}

fn hash128(s: &str) -> [u64; 2] {
    [FIRST.hash_one(s), SECOND.hash_one(s)]
}

/// The spans of each entity, in one list: entity `e`'s are
/// `spans[starts[e]..starts[e + 1]]`.
pub(super) struct Members {
    starts: Vec<u32>,
    spans: Vec<u32>,
}

impl Members {
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Every entity's spans, in entity order.
    pub fn lists(&self) -> Vec<&[u32]> {
        self.starts.windows(2).map(|w| &self.spans[w[0] as usize..w[1] as usize]).collect()
    }
}

/// The groups of spans that are one entity: each entity's spans in reading
/// order, entities in the order of their first span, and the entity (an
/// index into the groups) of every entity span (`u32::MAX` for the rest).
pub(super) fn group(all: &AllFacts) -> (Members, Vec<u32>) {
    grouped(all, crate::support::parallel::two_cores() && all.facts.len() >= 1 << 16)
}

/// [`group`], on two threads or one.
fn grouped(all: &AllFacts, on_two: bool) -> (Members, Vec<u32>) {
    let AllFacts { meanings, facts, .. } = all;
    let n = facts.len();
    // Which spans are one set does not depend on the order they are joined
    // in (and the smallest of each stays its root): the pairs to join are
    // found on two threads, each for the keys of one half of the hashes.
    let pairs = if on_two {
        let (mut a, b) = crate::support::parallel::both(
            "a thread grouping spans panicked",
            || joined(all, |hash| hash & 1 == 0),
            || joined(all, |hash| hash & 1 == 1),
        );
        a.extend(b);
        a
    } else {
        joined(all, |_| true)
    };
    let mut sets = UnionFind::new(n);
    for (a, b) in pairs {
        sets.union(a, b);
    }
    // Entities numbered in the order of their first span (their root, the
    // smallest index of the set, comes first), then their spans counted
    // and laid out in one list.
    let mut entity_of = vec![u32::MAX; n];
    let mut sizes: Vec<u32> = Vec::new();
    for (i, f) in facts.iter().enumerate() {
        if meanings[f.label as usize].kind().is_none() {
            continue;
        }
        let root = sets.find(i as u32) as usize;
        let e = if root == i {
            sizes.push(0);
            sizes.len() as u32 - 1
        } else {
            entity_of[root]
        };
        sizes[e as usize] += 1;
        entity_of[i] = e;
    }
    let mut starts = Vec::with_capacity(sizes.len() + 1);
    let mut total = 0u32;
    starts.push(0);
    for size in &sizes {
        total += size;
        starts.push(total);
    }
    let mut fill: Vec<u32> = starts[..sizes.len()].to_vec();
    let mut spans = vec![0u32; total as usize];
    for (i, &e) in entity_of.iter().enumerate() {
        if e != u32::MAX {
            let slot = &mut fill[e as usize];
            spans[*slot as usize] = i as u32;
            *slot += 1;
        }
    }
    (Members { starts, spans }, entity_of)
}

/// The pairs of entity spans that are one entity by a key whose hash
/// `mine` takes: a reference target or `same_as` key, or, for spans without
/// references, the same label and text. Spans linked to a knowledge base
/// are one entity with others of their text only when linked alike, and
/// then they share the reference: their text adds nothing, and is not
/// looked at (nor folded and hashed, see [`facts`]).
/// Each span is paired with the first that had the key.
fn joined(all: &AllFacts, mine: impl Fn(u64) -> bool) -> Vec<(u32, u32)> {
    let AllFacts { meanings, facts, keys: named } = all;
    let mut pairs = Vec::new();
    // Sized for a corpus whose entities have some sixteen mentions each
    // (half of them each, on two threads), rather than grown to it.
    let room = facts.len() / 32;
    let mut first_with_key: FxHashMap<[u64; 2], u32> = FxHashMap::default();
    first_with_key.reserve(if named.iter().all(Vec::is_empty) { 0 } else { room });
    let mut by_text: FxHashMap<(u32, u128), u32> = FxHashMap::default();
    by_text.reserve(room);
    let mut named = named.iter().flatten().peekable();
    for (i, f) in facts.iter().enumerate() {
        let meaning = &meanings[f.label as usize];
        if meaning.kind().is_none() {
            continue;
        }
        let i = i as u32;
        if !f.linked() && mine(f.text[0]) {
            match by_text.entry((meaning.shown_id, f.text())) {
                Entry::Occupied(e) => pairs.push((*e.get(), i)),
                Entry::Vacant(e) => {
                    e.insert(i);
                }
            }
        }
        while let Some(&(_, key)) = named.next_if(|(at, _)| *at == i) {
            if mine(key[0]) {
                match first_with_key.entry(key) {
                    Entry::Occupied(e) => pairs.push((*e.get(), i)),
                    Entry::Vacant(e) => {
                        e.insert(i);
                    }
                }
            }
        }
    }
    pairs
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
    use crate::data::model::ClaimKind;

    /// Spans with texts, references and `same_as` keys drawn from small
    /// sets, so that they join into sets of all sizes across the whole list.
    fn drawn(n: usize) -> AllFacts {
        let meanings = vec![
            Meaning { target: Target::Entity(EntityKind::Person), shown: "PER".into(), shown_id: 0 },
            Meaning { target: Target::Entity(EntityKind::Place), shown: "LOC".into(), shown_id: 1 },
            Meaning { target: Target::Claim(ClaimKind::Quote), shown: "Claim".into(), shown_id: 2 },
        ];
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        let mut draw = |below: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % below
        };
        let mut all = AllFacts { meanings, facts: Vec::new(), keys: vec![Vec::new()] };
        for i in 0..n as u32 {
            let text = draw(n as u64 / 3);
            let f = Facts { text: [text, text.rotate_left(17)], label: draw(3) as u32, ..Facts::default() };
            all.facts.push(f);
            if f.label == 2 {
                continue;
            }
            if draw(4) == 0 {
                let target = draw(n as u64 / 2_000);
                all.facts[i as usize].flags |= Facts::OTHER_REF;
                all.keys[0].push((i, [target, 1]));
            }
            if draw(50) == 0 {
                all.keys[0].push((i, [draw(n as u64 / 1_000), 2]));
            }
        }
        all
    }

    #[test]
    fn spans_are_grouped_alike_on_two_threads_and_on_one() {
        let all = drawn(100_000);
        let (one, entity_of_one) = grouped(&all, false);
        let (two, entity_of_two) = grouped(&all, true);
        assert_eq!(entity_of_one, entity_of_two);
        assert_eq!((&one.starts, &one.spans), (&two.starts, &two.spans));
        // The draw makes sets of every size, joined by texts and by keys.
        let sizes: Vec<u32> = one.starts.windows(2).map(|w| w[1] - w[0]).collect();
        assert!(sizes.contains(&1) && sizes.iter().any(|&s| s > 20), "{:?}", &sizes[..20]);
        assert!(one.len() > 1_000 && one.len() < 60_000, "{}", one.len());
    }
}
