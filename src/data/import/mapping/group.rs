//! Which spans are one entity. Each span's label is asked what it means
//! once per distinct label; each entity span's folded text and form are
//! hashed once, on both cores, into [`Facts`]; the spans are then grouped
//! by those facts alone (label, text hash, knowledge-base link) and joined
//! by what the files say are the same thing (Equiv sets, chains, ids), in
//! reading order.
//!
//! Texts are compared by a 128-bit hash of their folded form rather than
//! in full: a million spans would otherwise each be compared with the
//! span that stands for their group, somewhere else in memory. Two
//! different names agreeing in 128 bits is not a thing that happens.

use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};
use std::ops::Range;

use super::Pending;
use super::text::{fold_into, form};
use crate::data::import::labels::{LabelMap, Target};
use crate::data::model::{Document, EntityKind};
use crate::support::hash::{FxHashMap, FxHasher};

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

/// What grouping and naming need of one span, worked out once.
#[derive(Clone, Copy, Default)]
pub(super) struct Facts {
    /// Index into the distinct labels' [`Meaning`]s.
    pub label: u32,
    /// The folded text's hash (entity spans only).
    pub text: u128,
    /// The form's hash: spans of one entity spelt the same agree.
    pub form: u64,
    /// Whether the span has references or notes (naming reads them).
    pub extra: bool,
}

/// The meaning of every distinct label, and each span's facts.
pub(super) fn facts(spans: &[Pending], docs: &[Document], labels: &LabelMap) -> (Vec<Meaning>, Vec<Facts>) {
    let mut index: FxHashMap<&str, u32> = FxHashMap::default();
    let mut shown_ids: FxHashMap<String, u32> = FxHashMap::default();
    let mut meanings: Vec<Meaning> = Vec::new();
    let which: Vec<u32> = spans
        .iter()
        .map(|p| {
            *index.entry(p.span.label.as_str()).or_insert_with(|| {
                let shown = labels.label(&p.span.label).to_string();
                let next = shown_ids.len() as u32;
                let shown_id = *shown_ids.entry(shown.clone()).or_insert(next);
                meanings.push(Meaning { target: labels.target(&p.span.label), shown, shown_id });
                meanings.len() as u32 - 1
            })
        })
        .collect();
    // Pieces small enough that both cores get an even share of the text.
    const PIECE: usize = 16 * 1024;
    let pieces: Vec<Range<usize>> = (0..spans.len()).step_by(PIECE).map(|s| s..(s + PIECE).min(spans.len())).collect();
    let hashed = crate::support::parallel::map_in_order(&pieces, |piece| {
        let mut folded = String::new();
        piece
            .clone()
            .map(|i| {
                let label = which[i];
                let p = &spans[i];
                if meanings[label as usize].kind().is_none() {
                    return Facts { label, ..Facts::default() };
                }
                let text = docs[p.doc.index()].text.as_str();
                fold_into(&mut folded, p.span.fragments.iter().map(|f| text.get(f.clone()).unwrap_or_default()));
                Facts {
                    label,
                    text: hash128(folded.as_str()),
                    form: hash64(&form(text, &p.span)),
                    extra: !p.span.references.is_empty() || !p.span.notes.is_empty(),
                }
            })
            .collect::<Vec<Facts>>()
    });
    (meanings, hashed.into_iter().flatten().collect())
}

fn hash64(s: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

fn hash128(s: &str) -> u128 {
    let mut fx = FxHasher::default();
    s.hash(&mut fx);
    (u128::from(hash64(s)) << 64) | u128::from(fx.finish())
}

/// The groups of spans that are one entity: each entity's spans in reading
/// order, entities in the order of their first span, and the entity (an
/// index into the groups) of every entity span (`u32::MAX` for the rest).
pub(super) fn group(spans: &[Pending], meanings: &[Meaning], facts: &[Facts]) -> (Vec<Vec<u32>>, Vec<u32>) {
    let n = spans.len();
    let mut sets = UnionFind::new(n);
    // Reference targets and `same_as` keys, one number each; and the
    // first span that named each.
    let mut keys: FxHashMap<&str, u32> = FxHashMap::default();
    let mut first_with_key: Vec<u32> = Vec::new();
    let mut by_text: FxHashMap<(u32, u32, u128), u32> = FxHashMap::default();
    for (i, (p, f)) in spans.iter().zip(facts).enumerate() {
        let meaning = &meanings[f.label as usize];
        if meaning.kind().is_none() {
            continue;
        }
        let i = i as u32;
        // Spans linked to a knowledge base are the same entity as others
        // of their text only when linked to the same thing.
        let linked = match p.span.references.iter().map(|r| r.target.as_str()).min() {
            None => 0,
            Some(target) => 1 + intern(&mut keys, &mut first_with_key, target, i, &mut sets),
        };
        match by_text.entry((meaning.shown_id, linked, f.text)) {
            Entry::Occupied(e) => sets.union(*e.get(), i),
            Entry::Vacant(e) => {
                e.insert(i);
            }
        }
        let named =
            p.span.same_as.iter().map(String::as_str).chain(p.span.references.iter().map(|r| r.target.as_str()));
        for key in named {
            intern(&mut keys, &mut first_with_key, key, i, &mut sets);
        }
    }
    let mut entity_of_root: FxHashMap<u32, u32> = FxHashMap::default();
    let mut members: Vec<Vec<u32>> = Vec::new();
    let mut entity_of = vec![u32::MAX; n];
    for (i, f) in facts.iter().enumerate() {
        if meanings[f.label as usize].kind().is_none() {
            continue;
        }
        let root = sets.find(i as u32);
        let e = *entity_of_root.entry(root).or_insert_with(|| {
            members.push(Vec::new());
            members.len() as u32 - 1
        });
        members[e as usize].push(i as u32);
        entity_of[i] = e;
    }
    (members, entity_of)
}

/// The number of `key`, joining span `i` to the first span that named it.
fn intern<'a>(
    keys: &mut FxHashMap<&'a str, u32>,
    first: &mut Vec<u32>,
    key: &'a str,
    i: u32,
    sets: &mut UnionFind,
) -> u32 {
    match keys.entry(key) {
        Entry::Occupied(e) => {
            let k = *e.get();
            sets.union(first[k as usize], i);
            k
        }
        Entry::Vacant(e) => {
            first.push(i);
            *e.insert(first.len() as u32 - 1)
        }
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
