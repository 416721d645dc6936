//! The events of a `.ann`: links whose id is `E<n>` gathered by trigger
//! into `E` lines, numbered by the file's number where it is free.

use std::fmt::Write as _;

use super::shared::{Numbers, Report, label, numbered};
use super::{DocAnn, Lines, word};
use crate::data::model::{Attribute, MentionIdx, MentionLink, Note};
use crate::support::hash::FxHashMap;

/// The events of one document: a trigger mention and the number its file
/// gave the event, the number written, and the links that are its roles.
pub(super) struct Events<'l> {
    list: Vec<(MentionIdx, u32, u32)>,
    roles: Vec<Vec<&'l MentionLink>>,
    /// The first event each trigger has, by mention.
    first: FxHashMap<MentionIdx, u32>,
}

impl<'l> Events<'l> {
    /// Every event a trigger's ids or a link's id names, in the order first
    /// named, with the links that are its roles; numbered by the file's
    /// number where it is free.
    pub(super) fn gather(doc: &DocAnn<'_>, roles: &[&'l MentionLink]) -> Events<'l> {
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

    pub(super) fn write(&self, doc: &DocAnn<'_>, lines: &mut Lines, report: &mut Report) {
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
