//! The document made of a pair's parsed lines. Text-bound annotations
//! become spans as they come (offsets turned into bytes, their text checked
//! against the `.txt`); normalizations and notes of spans already read land
//! on them at once (nearly all do: brat writes the `T` lines first). Every
//! other line waits until the whole file is read, because brat writes ids
//! in any order (an `E` before the `T` it names). Then, in three rounds:
//! events find their triggers; relations and event roles become links (an
//! argument that is an event stands for its trigger); attributes, the
//! normalizations and notes that waited, and `*` lines land on what they
//! name.
//!
//! Ids are found without hashing when they are a letter and a number as
//! brat writes them (`T12`), and a span written twice is looked for only
//! when a `T` line leaves text order (see [`Ids`] and `Builder::same`).

use std::collections::hash_map::Entry;
use std::ops::Range;

use super::parse::{self, Record, offset_in, quoted};
use crate::data::import::cursor::Cursor;
use crate::data::import::{Attribute, Doc, Few, Imported, Input, Link, Note, ReadResult, Reference, SpanAnn};
use crate::data::load::{Problem, ProblemKind};
use crate::support::hash::FxHashMap;

/// What an id stands for.
#[derive(Debug, Clone, Copy)]
pub(super) enum Target {
    Span(usize),
    /// An event or a relation: its index in `later`.
    Later(usize),
    /// An attribute, normalization or note: nothing may point at it.
    Unpointable(&'static str),
    /// Its line could not be read and is reported already.
    Broken,
}

/// What a reference lands on.
#[derive(Debug, Clone, Copy)]
enum Anchor {
    Span(usize),
    Link(usize),
}

/// Every id with the line it is defined on.
///
/// Nearly every id is a letter and a number without leading zeros (`T12`):
/// those stand in one table per letter, indexed by the number, and the map
/// holds the rest (`T01`, `TL1`, ...), so that finding one hashes nothing.
/// The tables together hold at most `room` entries, an eighth of the
/// `.ann`'s length and a few (a file numbering each letter's ids from 1
/// fits), so that a `T999999999` allocates nothing: a number they cannot
/// reach goes to the map. A table never grows to reach a number it sent there (the room it
/// lacked is spent for good), so a number below a table's length is looked
/// for in the table, any other in the map.
pub(super) struct Ids<'a> {
    tables: [Vec<Option<(Target, usize)>>; 7],
    /// The tables' lengths together.
    used: usize,
    room: usize,
    others: FxHashMap<&'a str, (Target, usize)>,
}

impl<'a> Ids<'a> {
    pub(super) fn new(room: usize) -> Ids<'a> {
        Ids { tables: Default::default(), used: 0, room, others: FxHashMap::default() }
    }

    /// The table and number of an id that may stand in a table.
    fn slot(&self, id: &str) -> Option<(usize, usize)> {
        let (&letter, digits) = id.as_bytes().split_first()?;
        let table = match letter {
            b'T' => 0,
            b'N' => 1,
            b'#' => 2,
            b'R' => 3,
            b'E' => 4,
            b'A' => 5,
            b'M' => 6,
            _ => return None,
        };
        if !matches!(digits.first(), Some(b'1'..=b'9')) {
            return None;
        }
        let mut n = 0usize;
        for &d in digits {
            if !d.is_ascii_digit() {
                return None;
            }
            // `n` stays below `room`, a fraction of a string's length: this
            // cannot overflow.
            n = n * 10 + usize::from(d - b'0');
            if n >= self.room {
                return None;
            }
        }
        Some((table, n))
    }

    pub(super) fn get(&self, id: &str) -> Option<(Target, usize)> {
        match self.slot(id) {
            Some((t, n)) if n < self.tables[t].len() => self.tables[t][n],
            _ => self.others.get(id).copied(),
        }
    }

    /// Defines `id` as `target` on line `no`, or gives the line it is
    /// defined on already.
    pub(super) fn define(&mut self, id: &'a str, target: Target, no: usize) -> Option<usize> {
        if let Some((t, n)) = self.slot(id) {
            let table = &mut self.tables[t];
            if n >= table.len() && self.used - table.len() + n < self.room {
                self.used += n + 1 - table.len();
                if table.capacity() == 0 {
                    // A letter in use has about as many ids as the file has
                    // spans: start at the guess `Builder::new` makes.
                    table.reserve(self.room / 8);
                }
                table.resize(n + 1, None);
            }
            if let Some(slot) = table.get_mut(n) {
                return match *slot {
                    Some((_, line)) => Some(line),
                    None => {
                        *slot = Some((target, no));
                        None
                    }
                };
            }
        }
        match self.others.entry(id) {
            Entry::Occupied(known) => Some(known.get().1),
            Entry::Vacant(slot) => {
                slot.insert((target, no));
                None
            }
        }
    }
}

/// A line of the `.ann`, for positions in messages.
#[derive(Debug, Clone, Copy)]
struct Place<'a> {
    no: usize,
    line: &'a str,
}

impl Place<'_> {
    /// Line and 1-based column (in characters) of `part`, a slice of the line.
    fn of(&self, part: &str) -> Option<(usize, usize)> {
        let before = self.line.get(..offset_in(self.line, part)).unwrap_or("");
        Some((self.no, before.chars().count() + 1))
    }
}

pub(super) struct Builder<'a> {
    ann: Input<'a>,
    text: &'a str,
    txt_name: &'a str,
    offsets: Cursor<'a>,
    spans: Vec<SpanAnn>,
    links: Vec<Link>,
    ids: Ids<'a>,
    /// How many spans, from the first, have covers in strictly ascending
    /// order (brat writes the `T` lines in text order): no two of them
    /// share a cover, and one is found by a binary search.
    ascending: usize,
    /// The spans after those, by (label, start, end), to find a T written
    /// twice.
    extents: FxHashMap<(&'a str, usize, usize), usize>,
    later: Vec<(Place<'a>, Record<'a>)>,
    /// Whether a normalization or note is waiting in `later` (for an id
    /// further down, or a link's): every one after it waits too, so that
    /// each span's references and notes keep the order of their lines.
    waited: bool,
    /// For `later[i]`: an event's trigger span, a relation's link.
    resolved: Vec<Option<usize>>,
    problems: Vec<Problem>,
    imported: Imported,
}

impl<'a> Builder<'a> {
    pub(super) fn new(ann: Input<'a>, txt: Input<'a>, offsets: Cursor<'a>) -> Builder<'a> {
        // About one span per 50 to 100 bytes of .ann in real files.
        let guess = ann.text.len() / 64;
        Builder {
            ann,
            text: txt.text,
            txt_name: txt.name,
            offsets,
            spans: Vec::with_capacity(guess),
            links: Vec::new(),
            ids: Ids::new(ann.text.len() / 8 + 64),
            ascending: 0,
            extents: FxHashMap::default(),
            later: Vec::new(),
            waited: false,
            resolved: Vec::new(),
            problems: Vec::new(),
            imported: Imported::default(),
        }
    }

    fn problem(&mut self, kind: ProblemKind, place: Place<'_>, part: &str, item: Option<&str>, message: String) {
        let mut p = Problem::new(kind, self.ann.name, message).at(place.of(part));
        if let Some(item) = item {
            p = p.item(item);
        }
        self.problems.push(p);
    }

    /// Reads one non-blank line (without its line break).
    pub(super) fn line(&mut self, no: usize, line: &'a str) {
        let place = Place { no, line };
        match parse::line(line) {
            Ok(parsed) => {
                if parsed.extra_text {
                    self.imported.skip("texts after the fields of brat R, E, A or M lines");
                }
                self.record(place, parsed.record);
            }
            Err(fault) => {
                if let Some(id) = fault.id {
                    self.ids.define(id, Target::Broken, no);
                }
                let at = line.get(fault.at..).unwrap_or("");
                self.problem(fault.kind, place, at, fault.id, fault.message);
            }
        }
    }

    fn define(&mut self, place: Place<'_>, id: &'a str, target: Target) {
        if let Some(line) = self.ids.define(id, target, place.no) {
            let message = format!("{id} is already defined on line {line}");
            self.problem(ProblemKind::DuplicateId, place, id, Some(id), message);
        }
    }

    fn record(&mut self, place: Place<'a>, record: Record<'a>) {
        let target = match &record {
            Record::Text { .. } => return self.text_bound(place, record),
            Record::Equiv { .. } => None,
            Record::Relation { id, .. } | Record::Event { id, .. } => Some((*id, Target::Later(self.later.len()))),
            Record::Attribute { id, .. } => Some((*id, Target::Unpointable("an attribute"))),
            Record::Normalization { id, .. } => Some((*id, Target::Unpointable("a normalization"))),
            Record::Note { id, .. } => Some((*id, Target::Unpointable("a note"))),
        };
        if let Some((id, target)) = target {
            self.define(place, id, target);
        }
        // A normalization or note of a span already read lands now, as it
        // would after reading: nothing written before it can come after it
        // on its span while none has waited.
        if let Record::Normalization { target, .. } | Record::Note { target, .. } = record {
            if !self.waited && matches!(self.ids.get(target), Some((Target::Span(_), _))) {
                return self.modifier(&[], place, &record);
            }
            self.waited = true;
        }
        self.later.push((place, record));
    }

    fn text_bound(&mut self, place: Place<'a>, record: Record<'a>) {
        let Record::Text { id, label, mut fragments, offsets, quote } = record else { return };
        for fragment in fragments.iter_mut() {
            match self.offsets.range(fragment.start, fragment.end) {
                Ok(bytes) => *fragment = bytes,
                Err(why) => {
                    let message = format!("offsets {offsets}: {why}");
                    self.ids.define(id, Target::Broken, place.no);
                    return self.problem(ProblemKind::Span, place, offsets, Some(id), message);
                }
            }
        }
        if let Some(quote) = quote.filter(|q| !q.trim().is_empty()) {
            match check_quote(self.text, &fragments, quote) {
                Quote::Same => {}
                Quote::Joined => {
                    let message = format!(
                        "the text {} joins the fragments without a space (as brat did before 1.3); read by its offsets",
                        quoted(quote.trim_end())
                    );
                    let w = Problem::new(ProblemKind::Span, self.ann.name, message).at(place.of(quote)).item(id);
                    self.imported.warnings.push(w);
                }
                Quote::Differs => {
                    let held = joined(self.text, &fragments);
                    let message = format!(
                        "the text {} is not what the offsets {offsets} hold in {}: {}",
                        quoted(quote.trim_end()),
                        self.txt_name,
                        quoted(&held)
                    );
                    self.ids.define(id, Target::Broken, place.no);
                    return self.problem(ProblemKind::Span, place, quote, Some(id), message);
                }
            }
        }
        let (start, end) = match (fragments.first(), fragments.last()) {
            (Some(first), Some(last)) => (first.start, last.end),
            _ => return,
        };
        if let Some(i) = self.same(label, &fragments, (start, end)) {
            self.define(place, id, Target::Span(i));
            if !self.spans[i].ids.iter().any(|known| known == id) {
                self.spans[i].ids.push(id.into());
            }
            return;
        }
        let index = self.spans.len();
        self.define(place, id, Target::Span(index));
        if self.ascending == index && self.spans.last().is_none_or(|s| cover(s) < (start, end)) {
            self.ascending += 1;
        } else {
            self.extents.entry((label, start, end)).or_insert(index);
        }
        self.spans.push(SpanAnn {
            ids: Few::One(id.into()),
            label: label.into(),
            fragments,
            position: Some((place.no, 1)),
            ..SpanAnn::default()
        });
    }

    /// The span read already with this label and these fragments (there is
    /// at most one: a second is never made).
    fn same(&self, label: &str, fragments: &[Range<usize>], extent: (usize, usize)) -> Option<usize> {
        let sorted = &self.spans[..self.ascending];
        // Nothing to search for after them all (as every span is while the
        // `T` lines keep text order).
        if sorted.last().is_some_and(|s| cover(s) >= extent) {
            let i = sorted.partition_point(|s| cover(s) < extent);
            let s = &sorted[i];
            if cover(s) == extent && s.label == label && s.fragments.as_slice() == fragments {
                return Some(i);
            }
        }
        match self.extents.get(&(label, extent.0, extent.1)) {
            Some(&i) if self.spans[i].fragments.as_slice() == fragments => Some(i),
            // Same cover, other fragments: rare enough to look through all.
            Some(_) => self.spans.iter().position(|s| s.label == label && s.fragments.as_slice() == fragments),
            None => None,
        }
    }

    /// What `id` (named at `part` of the line at `place`) lands on, or
    /// `None` (reported, unless its own line was).
    fn anchor(
        &mut self,
        later: &[(Place<'a>, Record<'a>)],
        place: Place<'_>,
        item: Option<&str>,
        id: &str,
        links_too: bool,
    ) -> Option<Anchor> {
        let what = match self.ids.get(id).map(|(t, _)| t) {
            None => {
                let message = format!("no annotation {} in this file", quoted(id));
                self.problem(ProblemKind::UnknownId, place, id, item, message);
                return None;
            }
            Some(Target::Broken) => return None,
            Some(Target::Span(i)) => return Some(Anchor::Span(i)),
            Some(Target::Later(j)) => match later.get(j).map(|(_, r)| r) {
                Some(Record::Event { .. }) => return self.resolved.get(j).copied().flatten().map(Anchor::Span),
                _ if links_too => return self.resolved.get(j).copied().flatten().map(Anchor::Link),
                _ => "a relation",
            },
            Some(Target::Unpointable(what)) => what,
        };
        let expected = if links_too { "an entity, an event or a relation" } else { "an entity or an event" };
        let message = format!("{id} is {what}; expected {expected}");
        self.problem(ProblemKind::UnknownId, place, id, item, message);
        None
    }

    fn span(
        &mut self,
        later: &[(Place<'a>, Record<'a>)],
        place: Place<'_>,
        item: Option<&str>,
        id: &str,
    ) -> Option<usize> {
        match self.anchor(later, place, item, id, false) {
            Some(Anchor::Span(i)) => Some(i),
            _ => None,
        }
    }

    /// Resolves what waited for every id, and hands over the document.
    pub(super) fn finish(mut self, doc_id: &str) -> ReadResult {
        let later = std::mem::take(&mut self.later);
        self.resolved = vec![None; later.len()];
        for (j, (place, record)) in later.iter().enumerate() {
            if let Record::Event { id, kind, trigger, .. } = record {
                self.trigger(j, *place, id, kind, trigger);
            }
        }
        for (j, (place, record)) in later.iter().enumerate() {
            match record {
                Record::Relation { id, kind, args } => self.relation(&later, j, *place, id, kind, args),
                Record::Event { id, args, .. } => self.roles(&later, j, *place, id, args),
                _ => {}
            }
        }
        for (place, record) in &later {
            self.modifier(&later, *place, record);
        }
        if !self.problems.is_empty() {
            // Ids are resolved after reading: put the problems back in line order.
            self.problems.sort_by_key(|p| p.position);
            return Err(self.problems);
        }
        let doc = Doc {
            id: doc_id.to_string(),
            // The caller gives the document its text (see `read`).
            text: String::new(),
            spans: self.spans,
            links: self.links,
            ..Doc::default()
        };
        self.imported.documents.push(doc);
        Ok(self.imported)
    }

    fn trigger(&mut self, j: usize, place: Place<'_>, id: &str, kind: &str, trigger: &str) {
        let found = self.ids.get(trigger).map(|(t, _)| t);
        let i = match found {
            Some(Target::Span(i)) => i,
            Some(Target::Broken) => return,
            None => {
                let message = format!("no annotation {} in this file (the event's trigger)", quoted(trigger));
                return self.problem(ProblemKind::UnknownId, place, trigger, Some(id), message);
            }
            Some(_) => {
                let message = format!("the trigger {trigger} is not a text-bound annotation (T)");
                return self.problem(ProblemKind::UnknownId, place, trigger, Some(id), message);
            }
        };
        self.resolved[j] = Some(i);
        let span = &mut self.spans[i];
        span.ids.push(id.into());
        // brat requires an event's type to be its trigger's label; a file
        // that differs keeps both.
        if span.label != kind
            && !span.attributes.iter().any(|a| a.name == "event type" && a.value.as_deref() == Some(kind))
        {
            span.attributes.push(Attribute { name: "event type".to_string(), value: Some(kind.to_string()) });
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn relation(
        &mut self,
        later: &[(Place<'a>, Record<'a>)],
        j: usize,
        place: Place<'_>,
        id: &str,
        kind: &str,
        args: &[(&str, &str); 2],
    ) {
        // Arg1 -> Arg2 whichever is written first; other role names are
        // kept as written, first -> second.
        let [mut first, mut second] = *args;
        if first.0 == "Arg2" && second.0 == "Arg1" {
            (first, second) = (second, first);
        }
        let from = self.span(later, place, Some(id), first.1);
        let to = self.span(later, place, Some(id), second.1);
        let (Some(from), Some(to)) = (from, to) else { return };
        let mut attributes = Vec::new();
        if (first.0, second.0) != ("Arg1", "Arg2") {
            attributes.push(Attribute { name: "from role".to_string(), value: Some(first.0.to_string()) });
            attributes.push(Attribute { name: "to role".to_string(), value: Some(second.0.to_string()) });
        }
        self.resolved[j] = Some(self.links.len());
        self.links.push(Link {
            from,
            to,
            kind: kind.to_string(),
            id: Some(id.to_string()),
            attributes,
            notes: Vec::new(),
            position: place.of(args[0].1).map(|(line, _)| (line, 1)),
        });
    }

    fn roles(
        &mut self,
        later: &[(Place<'a>, Record<'a>)],
        j: usize,
        place: Place<'_>,
        id: &str,
        args: &[(&str, &str)],
    ) {
        let Some(trigger) = self.resolved[j] else { return };
        for &(role, arg) in args {
            if let Some(to) = self.span(later, place, Some(id), arg) {
                self.links.push(Link {
                    from: trigger,
                    to,
                    kind: role.to_string(),
                    id: Some(id.to_string()),
                    position: place.of(role),
                    ..Link::default()
                });
            }
        }
    }

    /// Attributes, normalizations, notes and `*` lines.
    fn modifier(&mut self, later: &[(Place<'a>, Record<'a>)], place: Place<'_>, record: &Record<'a>) {
        match *record {
            Record::Attribute { id, name, target, value } => {
                let attribute = Attribute { name: name.to_string(), value: value.map(str::to_string) };
                match self.anchor(later, place, Some(id), target, true) {
                    Some(Anchor::Span(i)) => self.spans[i].attributes.push(attribute),
                    Some(Anchor::Link(i)) => self.links[i].attributes.push(attribute),
                    None => {}
                }
            }
            Record::Normalization { id, kind, target, reference, text } => {
                match self.anchor(later, place, Some(id), target, true) {
                    Some(Anchor::Span(i)) => self.spans[i].references.push(Reference {
                        kind: kind.into(),
                        target: reference.into(),
                        text: text.map(Into::into),
                    }),
                    // A link has no references: the id is kept as an
                    // attribute, the resource's name as a note.
                    Some(Anchor::Link(i)) => {
                        let link = &mut self.links[i];
                        link.attributes.push(Attribute { name: kind.to_string(), value: Some(reference.to_string()) });
                        if let Some(text) = text {
                            link.notes.push(Note { kind: kind.into(), text: text.into() });
                        }
                    }
                    None => {}
                }
            }
            Record::Note { id, kind, target, text } => {
                let note = Note { kind: kind.into(), text: text.into() };
                match self.anchor(later, place, Some(id), target, true) {
                    Some(Anchor::Span(i)) => self.spans[i].notes.push(note),
                    Some(Anchor::Link(i)) => self.links[i].notes.push(note),
                    None => {}
                }
            }
            Record::Equiv { kind, ref members } => self.equiv(later, place, kind, members),
            _ => {}
        }
    }

    fn equiv(&mut self, later: &[(Place<'a>, Record<'a>)], place: Place<'_>, kind: &str, members: &[&str]) {
        let spans: Vec<(usize, &str)> =
            members.iter().filter_map(|&m| self.span(later, place, None, m).map(|i| (i, m))).collect();
        if kind == "Equiv" {
            let key = format!("equiv:{}:{}", self.ann.name, place.no);
            for &(i, _) in &spans {
                if !self.spans[i].same_as.contains(&key) {
                    self.spans[i].same_as.push(key.clone());
                }
            }
            return;
        }
        // Another type of id-less set: a chain of links, in written order.
        for pair in spans.windows(2) {
            self.links.push(Link {
                from: pair[0].0,
                to: pair[1].0,
                kind: kind.to_string(),
                position: place.of(pair[1].1),
                ..Link::default()
            });
        }
    }
}

/// A span's first start and last end.
fn cover(span: &SpanAnn) -> (usize, usize) {
    let cover = span.cover();
    (cover.start, cover.end)
}

enum Quote {
    Same,
    /// The fragments' texts run together (brat before 1.3 wrote them so).
    Joined,
    Differs,
}

/// Whether `quote` is the fragments' texts joined by a space, followed by
/// nothing but white space (a trailing tab or `\r`).
fn check_quote(text: &str, fragments: &[Range<usize>], quote: &str) -> Quote {
    let follows = |separator: &str| {
        let mut rest = quote;
        for (k, fragment) in fragments.iter().enumerate() {
            if k > 0 {
                let Some(r) = rest.strip_prefix(separator) else { return false };
                rest = r;
            }
            let Some(r) = text.get(fragment.clone()).and_then(|piece| rest.strip_prefix(piece)) else { return false };
            rest = r;
        }
        rest.trim().is_empty()
    };
    if follows(" ") {
        Quote::Same
    } else if fragments.len() > 1 && follows("") {
        Quote::Joined
    } else {
        Quote::Differs
    }
}

/// The fragments' texts joined by a space, as brat quotes them.
fn joined(text: &str, fragments: &[Range<usize>]) -> String {
    let pieces: Vec<&str> = fragments.iter().map(|f| text.get(f.clone()).unwrap_or("")).collect();
    pieces.join(" ")
}
