//! An entity made of a group of spans: its name (the one its knowledge
//! base gives, else its most frequent form), its other forms as aliases,
//! its kind (its most frequent label's), and what `convert` noted of it.
//!
//! Forms and reference names are counted by the hashes
//! [`super::group::facts`] made, so a span is read again only for the
//! forms and names that become a name or an alias, the first dossier
//! reference and description, and `dossier:alias` notes.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use super::DOSSIER_REF;
use super::group::{Facts, Meaning, hash64, naming_text};
use super::spans::Spans;
use super::text::{form, percent_decoded, slug};
use crate::data::model::{Document, Entity, EntityKind};
use crate::support::hash::{FxHashMap, FxHashSet};

/// The entity the spans `list` are: see [`Named`].
pub(super) fn entity(list: &[u32], spans: &Spans, docs: &[Document], meanings: &[Meaning], facts: &[Facts]) -> Named {
    // Each form by its hash: the first span spelt so, and how many are.
    // Most entities have a form or two: they are looked up in a list, and
    // in a table only once there are many.
    let mut forms: Vec<(u32, usize)> = Vec::new();
    let mut form_hashes: Vec<u64> = Vec::new();
    let mut form_at: FxHashMap<u64, usize> = FxHashMap::default();
    // Each reference text by its hash: the span and reference that first
    // gave it, and how many did.
    let mut ref_names: Vec<(u64, u32, usize, usize)> = Vec::new();
    let mut labels: Vec<(u32, usize, u32)> = Vec::new();
    let mut dossier_id: Option<String> = None;
    let mut description = String::new();
    let mut noted_aliases: Vec<&str> = Vec::new();
    let mut count_name = |hash: u64, i: u32, k: usize| match ref_names.iter_mut().find(|(h, ..)| *h == hash) {
        Some((.., n)) => *n += 1,
        None => ref_names.push((hash, i, k, 1)),
    };

    // The spans' facts, far apart in memory, are fetched first, all at
    // once (no fetch waits on another), then counted in order.
    let mine: Vec<Facts> = list.iter().map(|&i| facts[i as usize]).collect();
    for (&i, f) in list.iter().zip(&mine) {
        const LIST: usize = 16;
        if forms.len() < LIST {
            match form_hashes.iter().position(|&h| h == f.form) {
                Some(at) => forms[at].1 += 1,
                None => {
                    forms.push((i, 1));
                    form_hashes.push(f.form);
                }
            }
        } else {
            if form_at.is_empty() {
                form_at.extend(form_hashes.iter().enumerate().map(|(at, &h)| (h, at)));
            }
            match form_at.entry(f.form) {
                Entry::Occupied(e) => forms[*e.get()].1 += 1,
                Entry::Vacant(e) => {
                    forms.push((i, 1));
                    e.insert(forms.len() - 1);
                }
            }
        }
        let meaning = &meanings[f.label as usize];
        match labels.iter_mut().find(|(x, _, _)| *x == meaning.shown_id) {
            Some((_, n, _)) => *n += 1,
            None => labels.push((meaning.shown_id, 1, f.label)),
        }
        if f.flags == 0 {
            continue;
        }
        // Only what the facts cannot say sends us to the span itself.
        let span = || spans.span(i as usize);
        if f.has(Facts::DOSSIER_REF) && dossier_id.is_none() {
            for r in &span().references {
                if let Some(id) = r.target.strip_prefix(DOSSIER_REF) {
                    dossier_id.get_or_insert_with(|| percent_decoded(id.strip_prefix("entity/").unwrap_or(id)));
                }
            }
        }
        if f.has(Facts::REF_TEXTS) {
            for (k, r) in span().references.iter().enumerate() {
                if let Some(t) = naming_text(r) {
                    count_name(hash64(t), i, k);
                }
            }
        } else if f.has(Facts::REF_TEXT) {
            count_name(f.ref_text, i, f.ref_at as usize);
        }
        // Of descriptions, the first is kept; every alias note counts.
        if (f.has(Facts::DESCRIPTION) && description.is_empty()) || f.has(Facts::ALIAS) {
            for note in &span().notes {
                match note.kind.as_str() {
                    "dossier:description" if description.is_empty() => description = note.text.to_string(),
                    "dossier:alias" => noted_aliases.push(&note.text),
                    _ => {}
                }
            }
        }
    }
    drop((form_at, form_hashes));
    let text_of = |i: u32| -> Cow<str> {
        let (d, span) = spans.get(i as usize);
        form(&docs[d.index()].text, span)
    };
    let ref_name = |i: u32, k: usize| -> &str {
        spans.span(i as usize).references.get(k).and_then(|r| r.text.as_deref()).unwrap_or_default()
    };
    let most = forms.iter().enumerate().max_by_key(|(i, (_, n))| (*n, usize::MAX - i)).map(|(_, (first, _))| *first);
    let name = match ref_names.iter().enumerate().max_by_key(|(i, (.., n))| (*n, usize::MAX - i)) {
        Some((_, &(_, i, k, _))) => ref_name(i, k).to_string(),
        None => most.map(|first| text_of(first).into_owned()).unwrap_or_default(),
    };
    let winner = labels.iter().enumerate().max_by_key(|(i, (_, n, _))| (*n, usize::MAX - i)).map(|(_, &(.., m))| m);
    let label = naming_label(winner, meanings);
    let kind = winner.and_then(|m| meanings[m as usize].kind()).unwrap_or(&EntityKind::Other);
    forms.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let mut aliases: Vec<String> = Vec::new();
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let noted = noted_aliases.iter().map(|a| a.to_string());
    let forms = forms.into_iter().map(|(first, _)| text_of(first).into_owned());
    let names = ref_names.iter().map(|&(_, i, k, _)| ref_name(i, k).to_string());
    for form in forms.chain(names).chain(noted) {
        if form != name && !form.is_empty() && seen.insert(form.clone()) {
            aliases.push(form);
        }
    }
    let given_id = dossier_id.filter(|id| !id.is_empty());
    // An id of its own is made where none is given (see `Named::entity`).
    let id = if given_id.is_some() { String::new() } else { base_id(label, &name) };
    let shown = (label != kind.name() && !label.is_empty()).then(|| label.to_string());
    Named {
        entity: Entity { id, name, kind: kind.clone(), aliases, description },
        label: shown,
        given_id,
        meaning: winner,
    }
}

/// The id an entity is given by its label (the one it is named by, as
/// shown) and name, where the files give it none (before it is made unique).
pub(super) fn base_id(label: &str, name: &str) -> String {
    format!("{}-{}", slug(label), slug(name))
}

/// The label an entity of this meaning (its most frequent label's) is named by.
pub(super) fn naming_label(meaning: Option<u32>, meanings: &[Meaning]) -> &str {
    meaning.map(|m| &meanings[m as usize]).filter(|m| m.kind().is_some()).map_or("", |m| m.shown.as_str())
}

/// An entity made of spans, with what the mapping needs to know of how.
pub(super) struct Named {
    /// Its id not yet made unique: empty where a dossier reference gives
    /// one, made of its label and name ([`base_id`]) should that be taken.
    pub entity: Entity,
    /// Its label where that is not its kind's name.
    pub label: Option<String>,
    /// The id its dossier reference gives.
    pub given_id: Option<String>,
    /// Its most frequent label's meaning (the one it is named by).
    pub meaning: Option<u32>,
}
