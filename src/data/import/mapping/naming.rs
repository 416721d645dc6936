//! An entity made of a group of spans: its name (the one its knowledge
//! base gives, else its most frequent form), its other forms as aliases,
//! its kind (its most frequent label's), and what `convert` noted of it.
//!
//! Forms are counted by the hashes [`super::group::facts`] made, so a
//! span's text is read again only for the forms that become a name or an
//! alias, and a span's references and notes only where it has some.

use std::borrow::Cow;
use std::collections::hash_map::Entry;

use super::group::{Facts, Meaning};
use super::text::{form, percent_decoded, slug};
use super::{DOSSIER_REF, Pending};
use crate::data::model::{Document, Entity, EntityKind};
use crate::support::hash::{FxHashMap, FxHashSet};

/// The entity the spans `list` are (its id not yet made unique: the id its
/// dossier reference gives, else `None` and a base to make one of), and
/// its label where that is not its kind's name.
pub(super) fn entity(
    list: &[u32],
    spans: &[Pending],
    docs: &[Document],
    meanings: &[Meaning],
    facts: &[Facts],
) -> (Entity, Option<String>, Option<String>) {
    // Each form by its hash: the first span spelt so, and how many are.
    let mut forms: Vec<(u32, usize)> = Vec::new();
    let mut form_at: FxHashMap<u64, usize> = FxHashMap::default();
    let mut ref_names: Vec<(&str, usize)> = Vec::new();
    let mut labels: Vec<(u32, usize, &Meaning)> = Vec::new();
    let mut dossier_id: Option<String> = None;
    let mut description = String::new();
    let mut noted_aliases: Vec<&str> = Vec::new();

    for &i in list {
        let f = &facts[i as usize];
        match form_at.entry(f.form) {
            Entry::Occupied(e) => forms[*e.get()].1 += 1,
            Entry::Vacant(e) => {
                forms.push((i, 1));
                e.insert(forms.len() - 1);
            }
        }
        let meaning = &meanings[f.label as usize];
        match labels.iter_mut().find(|(x, _, _)| *x == meaning.shown_id) {
            Some((_, n, _)) => *n += 1,
            None => labels.push((meaning.shown_id, 1, meaning)),
        }
        if !f.extra {
            continue;
        }
        let p = &spans[i as usize];
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
    }
    drop(form_at);
    let text_of = |i: u32| -> Cow<str> {
        let p = &spans[i as usize];
        form(&docs[p.doc.index()].text, &p.span)
    };
    let most = forms.iter().enumerate().max_by_key(|(i, (_, n))| (*n, usize::MAX - i)).map(|(_, (first, _))| *first);
    let name = match ref_names.iter().enumerate().max_by_key(|(i, (_, n))| (*n, usize::MAX - i)) {
        Some((_, (t, _))) => t.to_string(),
        None => most.map(|first| text_of(first).into_owned()).unwrap_or_default(),
    };
    let (label, kind) = labels
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, n, _))| (*n, usize::MAX - i))
        .and_then(|(_, (_, _, m))| Some((m.shown.as_str(), m.kind()?)))
        .unwrap_or(("", &EntityKind::Other));
    forms.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let mut aliases: Vec<String> = Vec::new();
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let noted = noted_aliases.iter().map(|a| a.to_string());
    let forms = forms.into_iter().map(|(first, _)| text_of(first).into_owned());
    for form in forms.chain(ref_names.iter().map(|(t, _)| t.to_string())).chain(noted) {
        if form != name && !form.is_empty() && seen.insert(form.clone()) {
            aliases.push(form);
        }
    }
    let base = format!("{}-{}", slug(label), slug(&name));
    let label = (label != kind.name() && !label.is_empty()).then(|| label.to_string());
    (Entity { id: base, name, kind: kind.clone(), aliases, description }, label, dossier_id.filter(|id| !id.is_empty()))
}
