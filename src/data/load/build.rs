//! From parsed files to a checked corpus: merging entities across files,
//! anchoring spans, resolving ids, and collecting every problem on the way.

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock, PoisonError};

use crate::support::hash::FxHashMap;

use serde::Deserialize;
use serde_json::error::Category;
use serde_json::value::RawValue;

use super::anchor::{Anchorer, SpanSelector};
use super::plain;
use super::problem::{LoadFailure, Problem, ProblemKind, quoted};
use super::quick::{self, DocIds};
use super::raw::{RawClaim, RawDocument, RawEntity, RawFile, RawMention, RawPerson, Shape, file_json, parse_object};
use super::resolve::{Ordered, Resolved, Spans, resolve};
use super::sources::{Source, not_an_object};
use super::split;
use super::{FORMAT, floor_char_boundary};
use crate::data::model::{
    Claim, ClaimIdx, ClaimKind, Corpus, CorpusBuilder, DocIdx, Document, Entity, EntityIdx, EntityKind, Mention,
    Person, Relation, RelationKind, Span,
};

/// Where an item was written: a file and a byte offset in it.
#[derive(Debug, Clone, Copy)]
struct Origin {
    file: usize,
    offset: usize,
}

/// The files being loaded, with position indexes built only when a problem needs one.
struct Files<'s> {
    sources: &'s [Source],
    /// Each file's marks, made as far as a problem has needed them.
    marks: Vec<Mutex<Vec<Mark>>>,
}

/// A place in a file whose line and column are known: a position is counted
/// from the nearest mark before it, so a file written on one long line does
/// not cost a count from the line's start for every problem.
#[derive(Debug, Clone, Copy)]
struct Mark {
    byte: usize,
    line: usize,
    col: usize,
}

/// Marks are this many bytes apart (or nearer, to fall on a character
/// boundary): placing a problem counts at most this many bytes from a mark.
const MARK_EVERY: usize = 1 << 12;

impl<'s> Files<'s> {
    fn new(sources: &'s [Source]) -> Files<'s> {
        Files { sources, marks: sources.iter().map(|_| Mutex::new(Vec::new())).collect() }
    }

    fn name(&self, file: usize) -> &str {
        &self.sources[file].name
    }

    /// 1-based line and character column of a byte offset. The file is
    /// read only as far as the offset, and only once however many problems
    /// it has.
    fn position(&self, o: Origin) -> (usize, usize) {
        let text = self.sources[o.file].text();
        let offset = floor_char_boundary(text, o.offset.min(text.len()));
        let mark = {
            let mut marks = self.marks[o.file].lock().unwrap_or_else(PoisonError::into_inner);
            extend_marks(&mut marks, text, offset);
            marks[marks.partition_point(|m| m.byte <= offset) - 1]
        };
        advance(mark, &text[mark.byte..offset])
    }

    fn problem(&self, kind: ProblemKind, o: Origin, item: &str, message: impl Into<String>) -> Problem {
        Problem::new(kind, self.name(o.file), message).at(Some(self.position(o))).item(item)
    }

    fn describe(&self, o: Origin) -> String {
        let (line, col) = self.position(o);
        format!("{}:{line}:{col}", self.name(o.file))
    }

    /// Where each mention of the entity record at `record` was written,
    /// found by parsing the record again.
    fn mention_origins(&self, record: Origin) -> Vec<Origin> {
        let text = &self.sources[record.file].text()[record.offset..];
        let mut de = serde_json::Deserializer::from_str(text);
        RawEntity::deserialize(&mut de).map_or_else(
            |_| Vec::new(),
            |e| {
                e.mentions
                    .iter()
                    .map(|m| Origin { file: record.file, offset: self.offset_of(record.file, m.get()) })
                    .collect()
            },
        )
    }

    /// Where each relation of the claim record at `record` was written,
    /// found by parsing the record again.
    fn relation_origins(&self, record: Origin) -> Vec<Origin> {
        #[derive(Deserialize)]
        struct Relations<'a> {
            #[serde(default, borrow)]
            relations: Vec<&'a RawValue>,
        }
        let text = &self.sources[record.file].text()[record.offset..];
        let mut de = serde_json::Deserializer::from_str(text);
        Relations::deserialize(&mut de).map_or_else(
            |_| Vec::new(),
            |c| {
                c.relations
                    .iter()
                    .map(|r| Origin { file: record.file, offset: self.offset_of(record.file, r.get()) })
                    .collect()
            },
        )
    }

    /// Byte offset of a raw JSON value borrowed from file `file`.
    fn offset_of(&self, file: usize, raw: &str) -> usize {
        raw.as_ptr() as usize - self.sources[file].text().as_ptr() as usize
    }
}

/// Marks every [`MARK_EVERY`] bytes of a text from its start, as far as `upto`.
fn extend_marks(marks: &mut Vec<Mark>, text: &str, upto: usize) {
    if marks.is_empty() {
        marks.push(Mark { byte: 0, line: 1, col: 1 });
    }
    loop {
        let last = marks[marks.len() - 1];
        if last.byte + MARK_EVERY > upto {
            return;
        }
        let next = floor_char_boundary(text, last.byte + MARK_EVERY);
        let (line, col) = advance(last, &text[last.byte..next]);
        marks.push(Mark { byte: next, line, col });
    }
}

/// The line and column reached by reading `text` from `mark`.
fn advance(mark: Mark, text: &str) -> (usize, usize) {
    let lines = memchr::memchr_iter(b'\n', text.as_bytes()).count();
    match text.rfind('\n') {
        Some(last) => (mark.line + lines, text[last + 1..].chars().count() + 1),
        None => (mark.line, mark.col + text.chars().count()),
    }
}

/// A serde error's kind and byte offset within `text`.
fn serde_error(e: &serde_json::Error, text: &str) -> (ProblemKind, usize, String) {
    let kind = match e.classify() {
        Category::Syntax | Category::Eof => ProblemKind::Syntax,
        Category::Data => ProblemKind::Type,
        Category::Io => ProblemKind::Io,
    };
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = full.strip_suffix(&suffix).unwrap_or(&full).to_string();
    // serde_json's column counts bytes from the line start, ending just past the offending byte.
    let line_start =
        if e.line() <= 1 { 0 } else { text.match_indices('\n').nth(e.line() - 2).map_or(text.len(), |(i, _)| i + 1) };
    let offset = (line_start + e.column()).saturating_sub(1).min(text.len());
    match message.as_str() {
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => match surrogate(text, offset) {
            Some((at, message)) => (kind, at, message),
            None => (kind, offset, message),
        },
        _ => (kind, offset, message),
    }
}

/// Where the `\u` escape of a surrogate that serde refused starts, and what
/// is wrong with it, read from the escapes themselves: serde calls a lone
/// trailing surrogate "leading", and a leading one not followed by an
/// escape an "end".
fn surrogate(text: &str, offset: usize) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    // The last `\uXXXX` that ends by the error's position, and the one just before it.
    let escape_at = |end: usize| -> Option<u16> {
        let at = end.checked_sub(6)?;
        let e = bytes.get(at..end)?;
        (e.starts_with(b"\\u") && e[2..].iter().all(u8::is_ascii_hexdigit))
            .then(|| u16::from_str_radix(std::str::from_utf8(&e[2..]).ok()?, 16).ok())
            .flatten()
    };
    let end = (offset.saturating_sub(6)..=(offset + 1).min(bytes.len())).rev().find(|&end| escape_at(end).is_some())?;
    let last = escape_at(end)?;
    let high = |u: u16| (0xD800..=0xDBFF).contains(&u);
    let low = |u: u16| (0xDC00..=0xDFFF).contains(&u);
    let message = match escape_at(end - 6) {
        Some(first) if high(first) => {
            return Some((
                end - 12,
                format!(
                    "lone leading (high) surrogate \\u{first:04x}: it is followed by \\u{last:04x}, not by a trailing (low) \
             surrogate \\udc00 to \\udfff"
                ),
            ));
        }
        _ if low(last) => format!(
            "lone trailing (low) surrogate \\u{last:04x}: a trailing surrogate must follow a leading (high) one, \
             \\ud800 to \\udbff"
        ),
        _ if high(last) => format!(
            "lone leading (high) surrogate \\u{last:04x}: it must be followed by a trailing (low) surrogate, \
             \\udc00 to \\udfff"
        ),
        _ => return None,
    };
    Some((end - 6, message))
}

/// An item's label for messages: its id if it has one, else its position in its list.
fn label(what: &str, index: usize, id: Option<&str>) -> String {
    match id {
        Some(id) => format!("{what} {}", quoted(id)),
        None => format!("{what} #{}", index + 1),
    }
}

fn id_of(raw: &str) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct JustId {
        id: Option<String>,
    }
    serde_json::from_str::<JustId>(raw).ok().and_then(|j| j.id)
}

/// Where problems are collected: one per thread, all sharing the files.
struct Ctx<'f, 's> {
    files: &'f Files<'s>,
    problems: Vec<(usize, Problem)>,
}

impl<'f, 's> Ctx<'f, 's> {
    fn report(&mut self, file: usize, p: Problem) {
        self.problems.push((file, p));
    }

    fn at(&mut self, kind: ProblemKind, o: Origin, item: &str, message: impl Into<String>) {
        let p = self.files.problem(kind, o, item, message);
        self.problems.push((o.file, p));
    }

    /// Parses one item; a failure is reported at its absolute position.
    fn item<'r, T: Deserialize<'r> + Shape>(
        &mut self,
        file: usize,
        raw: &'r str,
        item: impl Fn() -> String,
    ) -> Option<T> {
        if !self.is_object(file, raw, &item) {
            return None;
        }
        match parse_object::<T>(raw) {
            Ok(v) => Some(v),
            Err(e) => {
                let (kind, rel, message) = serde_error(&e, raw);
                let o = Origin { file, offset: self.files.offset_of(file, raw) + rel };
                let item = item();
                self.at(kind, o, &item, message);
                None
            }
        }
    }
}

impl Ctx<'_, '_> {
    /// Items are JSON objects; anything else is named for what it is.
    fn is_object(&mut self, file: usize, raw: &str, item: &dyn Fn() -> String) -> bool {
        let found = match raw.trim_start().as_bytes().first() {
            Some(b'{') => return true,
            Some(b'[') => "an array",
            Some(b'"') => "a string",
            Some(b't' | b'f') => "a boolean",
            Some(b'n') => "null",
            _ => "a number",
        };
        let o = Origin { file, offset: self.files.offset_of(file, raw) };
        let what = item();
        self.at(ProblemKind::Type, o, &what, format!("expected an object, found {found}"));
        false
    }
}

struct ParsedFile<'s> {
    file: usize,
    entities: Vec<EntityRecord<'s>>,
    /// The mentions of entities parsed in one pass, a run per thread, in
    /// text order; each with the index of its first record in `entities`.
    /// A mention's `entity` is its record's index from there, and its `seq`
    /// its place among the record's mentions.
    runs: Vec<(Spans, u32)>,
}

/// An entity as written, and where its mentions are: raw in the record
/// (parsed the careful way), or already spans (so many) in its file's runs.
struct EntityRecord<'s> {
    raw: RawEntity<'s>,
    origin: Origin,
    quick: Option<usize>,
}

/// The file's top level: its format, and its lists as raw items.
/// Given `on_documents`, the file is split by [`split`], which hands it the
/// documents as soon as it has them, and `None` is returned where that split
/// fails; otherwise serde splits it, and says what is wrong.
fn scan_file<'s>(
    ctx: &mut Ctx<'_, 's>,
    file: usize,
    source: &'s Source,
    on_documents: Option<&mut dyn FnMut(Vec<&'s str>)>,
) -> Option<RawFile<'s>> {
    let name = ctx.files.name(file).to_string();
    if source.text().trim().is_empty() {
        ctx.report(file, Problem::new(ProblemKind::Empty, name, "file is empty"));
        return None;
    }
    if let Some((offset, message)) = not_an_object(source.text().as_bytes()) {
        let p = Problem::new(ProblemKind::Syntax, name, message).at(Some(ctx.files.position(Origin { file, offset })));
        ctx.report(file, p);
        return None;
    }
    let split_documents = on_documents.is_some();
    let raw = match on_documents {
        Some(on_documents) => Ok(split::split_with(source.text(), on_documents)?),
        None => file_json(source.text()).map(RawFile::from),
    };
    let raw: RawFile<'s> = match raw {
        Ok(raw) => raw,
        Err(e) => {
            let (kind, offset, message) = serde_error(&e, source.text());
            let o = Origin { file, offset };
            let p = Problem::new(kind, name, message).at(Some(ctx.files.position(o)));
            ctx.report(file, p);
            return None;
        }
    };
    if let Some(format) = &raw.format {
        if format != FORMAT {
            ctx.report(
                file,
                Problem::new(
                    ProblemKind::Value,
                    name.clone(),
                    format!("unknown format {}; this version reads {}", quoted(format), quoted(FORMAT)),
                ),
            );
        }
    }
    if raw.documents.is_empty() && raw.entities.is_empty() && raw.claims.is_empty() && !split_documents {
        ctx.report(file, Problem::new(ProblemKind::Empty, name, "file has no documents, entities or claims"));
        return None;
    }
    Some(raw)
}

/// A file's documents, each parsed on its own.
fn parse_documents<'s>(ctx: &mut Ctx<'_, 's>, file: usize, raw: &RawFile<'s>) -> Vec<(RawDocument, Origin)> {
    let (documents, _) =
        in_halves(ctx, &raw.documents, 64, |ctx, _: &mut (), _, i, r| document(ctx, file, i, r), |_| {});
    release_items(ctx, file, &raw.documents);
    documents
}

fn document<'s>(ctx: &mut Ctx<'_, 's>, file: usize, i: usize, r: &'s str) -> Option<(RawDocument, Origin)> {
    let o = Origin { file, offset: ctx.files.offset_of(file, r) };
    ctx.item::<RawDocument>(file, r, || label("document", i, id_of(r).as_deref())).map(|d| (d, o))
}

/// Once what was parsed from a list of items owns its strings, the file's
/// copy of the items need not stay in memory (it is read again only to
/// place a problem).
fn release_items(ctx: &Ctx, file: usize, items: &[&str]) {
    if let (Some(first), Some(last)) = (items.first(), items.last()) {
        let start = ctx.files.offset_of(file, first);
        ctx.files.sources[file].release(start..ctx.files.offset_of(file, last) + last.len());
    }
}

/// A file split (fast, see [`split`]) on this thread while its documents are
/// parsed on another as soon as the split has them; this thread joins in
/// once the split is done, the two taking a few documents at a time. `None`
/// where the fast split fails (nothing of this try is kept then).
fn split_and_parse_documents<'s>(
    ctx: &mut Ctx<'_, 's>,
    file: usize,
    source: &'s Source,
) -> Option<(RawFile<'s>, Vec<(RawDocument, Origin)>)> {
    const CHUNK: usize = 8;
    let documents: OnceLock<Vec<&'s str>> = OnceLock::new();
    let next = AtomicUsize::new(0);
    let chunks = |ctx: &mut Ctx<'_, 's>| {
        let Some(documents) = documents.get() else { return Vec::new() };
        let mut done = Vec::new();
        loop {
            let chunk = next.fetch_add(1, Ordering::Relaxed);
            let Some(items) = documents.get(chunk * CHUNK..).filter(|rest| !rest.is_empty()) else { return done };
            let items = &items[..items.len().min(CHUNK)];
            let parsed: Vec<_> =
                items.iter().enumerate().filter_map(|(i, r)| document(ctx, file, chunk * CHUNK + i, r)).collect();
            done.push((chunk, parsed));
        }
    };
    let files = ctx.files;
    let mut mine = Ctx { files, problems: Vec::new() };
    let (raw, mut parsed, problems) = std::thread::scope(|s| {
        let (ready, wait) = std::sync::mpsc::channel();
        let chunks = &chunks;
        let other = s.spawn(move || {
            let mut theirs = Ctx { files, problems: Vec::new() };
            let done = if wait.recv().is_ok() { chunks(&mut theirs) } else { Vec::new() };
            (done, theirs.problems)
        });
        let mut hand_over = |list: Vec<&'s str>| {
            let _ = documents.set(list);
            let _ = ready.send(());
        };
        let raw = scan_file(&mut mine, file, source, Some(&mut hand_over));
        drop(ready);
        let mut parsed = chunks(&mut mine);
        let (theirs, problems) = other.join().expect("a loading thread panicked");
        parsed.extend(theirs);
        (raw, parsed, problems)
    });
    let mut raw = raw?;
    ctx.problems.extend(mine.problems);
    ctx.problems.extend(problems);
    parsed.sort_unstable_by_key(|(chunk, _)| *chunk);
    raw.documents = documents.into_inner().unwrap_or_default();
    release_items(ctx, file, &raw.documents);
    if raw.documents.is_empty() && raw.entities.is_empty() && raw.claims.is_empty() {
        let name = ctx.files.name(file).to_string();
        ctx.report(file, Problem::new(ProblemKind::Empty, name, "file has no documents, entities or claims"));
        return Some((RawFile::default(), Vec::new()));
    }
    Some((raw, parsed.into_iter().flat_map(|(_, d)| d).collect()))
}

/// A file's entities, each parsed on its own; one in the common shape in one
/// pass, with its mentions (see [`quick`]).
fn parse_entities<'s>(ctx: &mut Ctx<'_, 's>, file: usize, raw: &RawFile<'s>, docs: &DocIds<Origin>) -> ParsedFile<'s> {
    let parse = |ctx: &mut Ctx<'_, 's>, part: &mut Part, i, r: &'s str| {
        let origin = Origin { file, offset: ctx.files.offset_of(file, r) };
        if !ctx.is_object(file, r, &|| label("entity", i, None)) {
            return None;
        }
        let start = part.run.len();
        let quick = plain::parse_entity(r, docs, &mut part.run).or_else(|| quick::parse_entity(r, docs, &mut part.run));
        let record = if let Some((raw, n)) = quick {
            // Which record and which of its mentions, until the entity and the mention's number are known.
            for (k, o) in part.run.items[start..].iter_mut().enumerate() {
                (o.entity, o.seq) = (EntityIdx(part.records), k as u32);
            }
            EntityRecord { raw, origin, quick: Some(n) }
        } else {
            // The careful way: entities borrow their mention list from the file, so they are parsed with `from_str` directly.
            match parse_object::<RawEntity<'s>>(r) {
                Ok(raw) => EntityRecord { raw, origin, quick: None },
                Err(e) => {
                    let (kind, rel, message) = serde_error(&e, r);
                    let o = Origin { file, offset: origin.offset + rel };
                    ctx.at(kind, o, &label("entity", i, id_of(r).as_deref()), message);
                    return None;
                }
            }
        };
        part.records += 1;
        Some(record)
    };
    // Each thread sorts its own run into text order.
    let (entities, parts) =
        in_halves(ctx, &raw.entities, 1024, |ctx, part, _, i, r| parse(ctx, part, i, r), |part| part.run.sort());
    let mut base = 0;
    let runs = parts
        .into_iter()
        .map(|part| {
            base += part.records;
            (part.run, base - part.records)
        })
        .collect();
    ParsedFile { file, entities, runs }
}

/// What one thread makes of its half of a file's entities: the mentions
/// parsed with them, and how many records it made.
#[derive(Default)]
struct Part {
    run: Spans,
    records: u32,
}

/// A file's claims, each parsed on its own (on two threads from `min` claims).
fn parse_claims<'s>(ctx: &mut Ctx<'_, 's>, file: usize, raw: &RawFile<'s>, min: usize) -> Vec<(RawClaim<'s>, Origin)> {
    let (claims, _) = in_halves(
        ctx,
        &raw.claims,
        min,
        |ctx, _: &mut (), _, i, r| {
            let o = Origin { file, offset: ctx.files.offset_of(file, r) };
            ctx.item::<RawClaim>(file, r, || label("claim", i, id_of(r).as_deref())).map(|c| (c, o))
        },
        |_| {},
    );
    claims
}

/// Entities merged by id across files: their strings move into the merged
/// entity (the records keep only their mentions, for anchoring later).
/// Returns the entities, their ids, and for each merged record its entity,
/// its file's place in `parsed` and its place in that file.
#[allow(clippy::type_complexity)]
fn merge_entities<'s>(
    ctx: &mut Ctx<'_, 's>,
    parsed: &mut [ParsedFile<'s>],
) -> (Vec<Entity>, FxHashMap<Cow<'s, str>, EntityIdx>, Vec<(EntityIdx, u32, u32)>) {
    let records_given: usize = parsed.iter().map(|pf| pf.entities.len()).sum();
    let mut entity_ids: FxHashMap<Cow<'_, str>, EntityIdx> =
        FxHashMap::with_capacity_and_hasher(records_given, Default::default());
    // The entities as they will be, and beside them what merging needs to know.
    let mut entities: Vec<Entity> = Vec::with_capacity(records_given);
    let mut merging: Vec<Merging> = Vec::with_capacity(records_given);
    // Each record merged: its entity, its file's place in `parsed` and its place in that file.
    let mut records: Vec<(EntityIdx, u32, u32)> = Vec::with_capacity(records_given);
    let record_of = |records: &[(EntityIdx, u32, u32)], r: u32| {
        let (_, pfi, i) = records[r as usize];
        (pfi as usize, i as usize)
    };
    let origin = |parsed: &[ParsedFile<'s>], records: &[(EntityIdx, u32, u32)], r: u32| -> Origin {
        let (pfi, i) = record_of(records, r);
        parsed[pfi].entities[i].origin
    };
    for pfi in 0..parsed.len() {
        let file = parsed[pfi].file;
        for i in 0..parsed[pfi].entities.len() {
            let EntityRecord { raw, origin: o, .. } = &parsed[pfi].entities[i];
            let (o, id) = (*o, raw.id.clone());
            if !check_id(ctx, "entity", i, &id, o) {
                continue;
            }
            let item = || label("entity", i, Some(&id));
            // This record's number in `records`.
            let r = records.len() as u32;
            let idx = match entity_ids.get(&id) {
                Some(&idx) => {
                    let first_in_file = origin(parsed, &records, merging[idx.index()].first_in_file);
                    if first_in_file.file == file {
                        let first = ctx.files.describe(first_in_file);
                        let msg = format!("entity id defined twice in this file (first at {first})");
                        ctx.at(ProblemKind::DuplicateId, o, &item(), msg);
                        continue;
                    }
                    merging[idx.index()].first_in_file = r;
                    idx
                }
                None => {
                    let idx = EntityIdx::from_index(entities.len());
                    entities.push(Entity {
                        id: id.to_string(),
                        name: String::new(),
                        kind: EntityKind::Other,
                        aliases: Vec::new(),
                        description: String::new(),
                    });
                    entity_ids.insert(id.clone(), idx);
                    merging.push(Merging { first: r, first_in_file: r, name: NONE, description: NONE, kind: NONE });
                    idx
                }
            };
            // The first name, description and kind given stay; a file that gives another is in conflict.
            let m = merging[idx.index()];
            let entity = &mut entities[idx.index()];
            let e = &parsed[pfi].entities[i].raw;
            let first_kind = (m.kind != NONE).then(|| {
                let (kpfi, ki) = record_of(&records, m.kind);
                parsed[kpfi].entities[ki].raw.kind.as_deref().unwrap_or_default()
            });
            let fields = [
                ("name", e.name.as_deref(), m.name, (m.name != NONE).then_some(entity.name.as_str())),
                ("kind", e.kind.as_deref(), m.kind, first_kind),
                (
                    "description",
                    e.description.as_deref(),
                    m.description,
                    (m.description != NONE).then_some(entity.description.as_str()),
                ),
            ];
            let mut set = [false; 3];
            for (k, (field, value, first, existing)) in fields.into_iter().enumerate() {
                match (value, existing) {
                    (Some(value), Some(existing)) if value != existing => {
                        let at = ctx.files.describe(origin(parsed, &records, first));
                        let msg = format!("{field} {} differs from {} given at {at}", quoted(value), quoted(existing));
                        ctx.at(ProblemKind::Conflict, o, &item(), msg);
                    }
                    (Some(_), None) => set[k] = true,
                    _ => {}
                }
            }
            let m = &mut merging[idx.index()];
            let e = &mut parsed[pfi].entities[i].raw;
            if set[0] {
                entity.name = e.name.take().map(Cow::into_owned).unwrap_or_default();
                m.name = r;
            }
            if set[1] {
                // The kind stays in its record, read once every file is merged.
                m.kind = r;
            }
            if set[2] {
                entity.description = e.description.take().map(Cow::into_owned).unwrap_or_default();
                m.description = r;
            }
            for (k, alias) in std::mem::take(&mut e.aliases).into_iter().enumerate() {
                if alias.trim().is_empty() {
                    ctx.at(ProblemKind::Value, o, &item(), format!("alias {} is empty", k + 1));
                } else {
                    // Repeats are dropped once every file is merged (see `distinct`).
                    entity.aliases.push(alias.into_owned());
                }
            }
            records.push((idx, pfi as u32, i as u32));
        }
    }
    for (entity, m) in entities.iter_mut().zip(merging) {
        let item = || label("entity", 0, Some(&entity.id));
        let at = |r: u32| origin(parsed, &records, r);
        match m.name {
            NONE => ctx.at(ProblemKind::Type, at(m.first), &item(), "no name is given in any of its files"),
            r if entity.name.trim().is_empty() => ctx.at(ProblemKind::Value, at(r), &item(), "name is empty"),
            _ => {}
        }
        match m.kind {
            NONE => ctx.at(ProblemKind::Type, at(m.first), &item(), "no kind is given in any of its files"),
            r => {
                let (pfi, i) = record_of(&records, r);
                let kind = parsed[pfi].entities[i].raw.kind.as_deref().unwrap_or_default();
                if kind.trim().is_empty() {
                    ctx.at(ProblemKind::Value, at(r), &item(), "kind is empty");
                }
                entity.kind = EntityKind::parse(kind);
            }
        }
        if !entity.aliases.is_empty() {
            entity.aliases = distinct(std::mem::take(&mut entity.aliases), &entity.name);
        }
    }
    (entities, entity_ids, records)
}

/// What merging an entity from every file that names its id needs to know
/// besides the entity itself: records, by their number in the merge's list
/// (each record knows where it was written), 20 bytes an entity.
#[derive(Debug, Clone, Copy)]
struct Merging {
    /// The entity's first record, and its first in the file being merged
    /// (to catch a second definition in one file).
    first: u32,
    first_in_file: u32,
    /// The records that first gave the name, the description and the kind
    /// (`NONE` until one does). The kind stays in its record until the end.
    name: u32,
    description: u32,
    kind: u32,
}

/// No record (yet).
const NONE: u32 = u32::MAX;

/// Aliases in the order first given, each once and none the same as the name.
fn distinct(aliases: Vec<String>, name: &str) -> Vec<String> {
    first_of_each(aliases, |a| a == name)
}

/// Each item once, where first given, less those `drop` says to leave out.
/// Few items are compared one by one; many (an entity may have 100,000
/// aliases, a claim be about as many entities) are told apart by a set.
fn first_of_each<T: Eq + std::hash::Hash>(mut items: Vec<T>, drop: impl Fn(&T) -> bool) -> Vec<T> {
    let keep: Vec<bool> = if items.len() <= 8 {
        (0..items.len()).map(|i| !drop(&items[i]) && !items[..i].contains(&items[i])).collect()
    } else {
        let mut seen: FxHashMap<&T, ()> = FxHashMap::default();
        items.iter().map(|item| !drop(item) && seen.insert(item, ()).is_none()).collect()
    };
    let mut keep = keep.into_iter();
    items.retain(|_| keep.next().unwrap_or(false));
    items
}

/// Claims checked and made: ids first, so relations can point forwards.
/// Spans in the common shape are left to be resolved in text order (the
/// claims come back with an empty span for them); the rest are resolved now.
/// Returns those spans, and where each claim was written.
fn check_claims<'s>(
    ctx: &mut Ctx<'_, 's>,
    claim_files: &[Vec<(RawClaim<'s>, Origin)>],
    entity_ids: &FxHashMap<&str, EntityIdx>,
    doc_ids: &DocIds<Origin>,
    anchorers: &mut Anchorers,
    claims: &mut Vec<Claim>,
) -> (Spans, Vec<Origin>) {
    // Claims: ids first, so relations can point forwards.
    let mut claim_ids: FxHashMap<Cow<'s, str>, (ClaimIdx, Origin)> = FxHashMap::default();
    let mut claims_in_order = Spans::default();
    let mut claim_sources: Vec<(&RawClaim, Origin)> = Vec::new();
    for claims in claim_files {
        for (i, (c, o)) in claims.iter().enumerate() {
            if !check_id(ctx, "claim", i, &c.id, *o) {
                continue;
            }
            if let Some((_, first)) = claim_ids.get(c.id.as_ref()) {
                let msg = format!("duplicate claim id (first defined at {})", ctx.files.describe(*first));
                ctx.at(ProblemKind::DuplicateId, *o, &label("claim", i, Some(&c.id)), msg);
                continue;
            }
            claim_ids.insert(c.id.clone(), (ClaimIdx::from_index(claim_sources.len()), *o));
            claim_sources.push((c, *o));
        }
    }
    let mut related = Related::default();
    // Claims whose spans the anchorer resolves, and their documents.
    let mut by_anchorer: Vec<(usize, DocIdx)> = Vec::new();
    // Labels for messages are made only for a problem.
    let entity_ref =
        |ctx: &mut Ctx, id: &str, o: Origin, item: &dyn Fn() -> String, role: &str| match entity_ids.get(id) {
            Some(&e) => Some(e),
            None => {
                ctx.at(ProblemKind::UnknownId, o, &item(), format!("{role} refers to unknown entity {}", quoted(id)));
                None
            }
        };
    for (idx, (c, o)) in claim_sources.iter().enumerate() {
        let item = || label("claim", 0, Some(&c.id));
        let mut ok = true;
        let kind = ClaimKind::parse(&c.kind);
        if kind.is_none() {
            let names: Vec<&str> = ClaimKind::ALL.iter().map(|k| k.name()).collect();
            let msg = format!("unknown claim kind {} (expected one of: {})", quoted(&c.kind), names.join(", "));
            ctx.at(ProblemKind::Value, *o, &item(), msg);
            ok = false;
        }
        let claimant = match &c.claimant {
            Some(id) => {
                let e = entity_ref(ctx, id, *o, &item, "claimant");
                ok &= e.is_some();
                e
            }
            None => None,
        };
        let mut about = Vec::with_capacity(c.about.len());
        for id in &c.about {
            match entity_ref(ctx, id, *o, &item, "about") {
                Some(e) => about.push(e),
                None => ok = false,
            }
        }
        let about = first_of_each(about, |_| false);
        let mut relations = Vec::new();
        for (r, rel) in c.relations.iter().enumerate() {
            let rel_item = || format!("{}, relation {}", item(), r + 1);
            let kind = RelationKind::parse(&rel.relation);
            if kind.is_none() {
                let names: Vec<&str> = RelationKind::ALL.iter().map(|k| k.name()).collect();
                let msg = format!("unknown relation {} (expected one of: {})", quoted(&rel.relation), names.join(", "));
                ctx.at(ProblemKind::Value, *o, &rel_item(), msg);
            }
            let target = claim_ids.get(rel.claim.as_ref()).map(|&(t, _)| t);
            match target {
                None => {
                    ctx.at(
                        ProblemKind::UnknownId,
                        *o,
                        &rel_item(),
                        format!("points to unknown claim {}", quoted(&rel.claim)),
                    );
                }
                Some(t) if t.index() == idx => {
                    ctx.at(ProblemKind::Value, *o, &rel_item(), "a claim cannot relate to itself");
                }
                Some(_) => {}
            }
            match (target, kind) {
                (Some(target), Some(kind)) if target.index() != idx => {
                    let from = ClaimIdx::from_index(idx);
                    if related.relate(ctx, &claim_sources, (from, r), target, kind) {
                        relations.push(Relation { target, kind, note: rel.note.as_deref().map(str::to_string) });
                    } else {
                        ok = false;
                    }
                }
                _ => ok = false,
            }
        }
        let span = match doc_ids.get(c.document.as_ref()) {
            None => {
                ctx.at(ProblemKind::UnknownId, *o, &item(), format!("unknown document {}", quoted(&c.document)));
                None
            }
            Some(&(doc, _)) => {
                let ordered = common_shape(doc, &c.span.selector())
                    .and_then(|(o, quote)| claims_in_order.push(Ordered { seq: idx as u32, ..o }, quote));
                if ordered.is_none() {
                    // Resolved once every claim is seen, a document's all at once.
                    by_anchorer.push((idx, doc));
                }
                // The span is filled in once resolved, with the mentions' or by the anchorer.
                Some((doc, Span::new(0, 0)))
            }
        };
        let (Some((doc, span)), Some(kind), true) = (span, kind, ok) else {
            // Keep indices aligned with `claim_ids`; the corpus is not built when anything failed.
            claims.push(placeholder_claim(c));
            continue;
        };
        claims.push(Claim {
            id: c.id.to_string(),
            doc,
            span,
            claimant,
            kind,
            about,
            relations,
            summary: c.summary.as_deref().map(str::to_string),
            note: c.note.as_deref().map(str::to_string),
        });
    }

    anchorers.prepare(by_anchorer.iter().map(|&(idx, doc)| (doc, claim_sources[idx].0.span.selector())));
    for (idx, doc) in by_anchorer {
        let (c, o) = claim_sources[idx];
        match anchorers.get(doc).resolve(&c.span.selector()) {
            Ok(span) => claims[idx].span = span,
            Err(e) => ctx.at(e.kind, o, &format!("{}, span", label("claim", 0, Some(&c.id))), e.message),
        }
    }

    let claim_origins: Vec<Origin> = claim_sources.iter().map(|&(_, o)| o).collect();
    (claims_in_order, claim_origins)
}

/// The relations declared so far, by the pair of claims they relate: two
/// claims are related at most once, by one relation declared on one of them.
#[derive(Default)]
struct Related {
    /// For each pair (the lower index first): the claim that declared the
    /// relation, the relation's number among its relations, and its kind.
    pairs: FxHashMap<(ClaimIdx, ClaimIdx), (ClaimIdx, usize, RelationKind)>,
    /// Where each relation of a claim was written, found again (once per
    /// claim) when a problem needs it.
    places: FxHashMap<ClaimIdx, Vec<Origin>>,
}

impl Related {
    /// Records relation `r` of claim `from`, or reports why it cannot be
    /// (the same relation twice, or a second one between the pair).
    fn relate(
        &mut self,
        ctx: &mut Ctx,
        claims: &[(&RawClaim, Origin)],
        (from, r): (ClaimIdx, usize),
        target: ClaimIdx,
        kind: RelationKind,
    ) -> bool {
        let pair = (from.min(target), from.max(target));
        let Some(&(first, first_r, first_kind)) = self.pairs.get(&pair) else {
            self.pairs.insert(pair, (from, r, kind));
            return true;
        };
        let id = |c: ClaimIdx| claims[c.index()].0.id.as_ref();
        let first_at = ctx.files.describe(self.place(ctx.files, claims, first, first_r));
        let (problem, msg) = if first == from && first_kind == kind {
            (ProblemKind::DuplicateId, format!("the same relation is given twice (first at {first_at})"))
        } else {
            let first_target = if first == pair.0 { pair.1 } else { pair.0 };
            let msg = format!(
                "a second relation between claims {} and {} (the first, {} {} {}, is at {first_at}); \
                 two claims are related at most once",
                quoted(id(from)),
                quoted(id(target)),
                quoted(id(first)),
                first_kind.name(),
                quoted(id(first_target)),
            );
            (ProblemKind::Conflict, msg)
        };
        let at = self.place(ctx.files, claims, from, r);
        ctx.at(problem, at, &format!("{}, relation {}", label("claim", 0, Some(id(from))), r + 1), msg);
        false
    }

    /// Where relation `r` of claim `c` was written (the claim's own place if it cannot be found).
    fn place(&mut self, files: &Files, claims: &[(&RawClaim, Origin)], c: ClaimIdx, r: usize) -> Origin {
        let claim = claims[c.index()].1;
        self.places.entry(c).or_insert_with(|| files.relation_origins(claim)).get(r).copied().unwrap_or(claim)
    }
}

fn check_id(ctx: &mut Ctx, what: &str, index: usize, id: &str, o: Origin) -> bool {
    if id.trim().is_empty() {
        ctx.at(ProblemKind::Value, o, &label(what, index, None), "id is empty");
        return false;
    }
    true
}

/// A published date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, of a day that exists.
fn check_date(s: &str) -> Result<(), String> {
    let shape = || format!("published date {} is not YYYY, YYYY-MM or YYYY-MM-DD", quoted(s));
    let parts: Vec<&str> = s.split('-').collect();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let number = |p: &str| p.parse::<u32>().unwrap_or(0);
    let ok = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&number(m)),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2) && (1..=12).contains(&number(m)) && number(d) >= 1,
        _ => false,
    };
    if !ok {
        return Err(shape());
    }
    if let [y, m, d] = parts.as_slice() {
        let (year, month) = (number(y), number(m));
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if number(d) > days {
            const MONTHS: [&str; 12] = [
                "January",
                "February",
                "March",
                "April",
                "May",
                "June",
                "July",
                "August",
                "September",
                "October",
                "November",
                "December",
            ];
            let month = MONTHS[month as usize - 1];
            return Err(format!("published date {} does not exist: {month} {y} has {days} days", quoted(s)));
        }
    }
    Ok(())
}

pub(super) fn build(
    sources: &[Source],
    read_problems: Vec<Problem>,
    label_all: &str,
    timings: &mut super::Timings,
) -> Result<Corpus, LoadFailure> {
    let before = timings.clone();
    match build_with(sources, read_problems.clone(), label_all, timings, true) {
        Ok(corpus) => Ok(corpus),
        // Files split fast are split exactly as serde splits them only when
        // they are valid: the problems users see come from serde's split.
        // (The time of the first try is counted in the second's first phase.)
        Err((_, true)) => {
            *timings = before;
            build_with(sources, read_problems, label_all, timings, false).map_err(|(failure, _)| failure)
        }
        Err((failure, false)) => Err(failure),
    }
}

/// [`build`], the files split fast where they can be (or not); a failure
/// says whether any file was.
fn build_with(
    sources: &[Source],
    read_problems: Vec<Problem>,
    label_all: &str,
    timings: &mut super::Timings,
    fast: bool,
) -> Result<Corpus, (LoadFailure, bool)> {
    let files = Files::new(sources);
    let mut ctx = Ctx { files: &files, problems: Vec::new() };
    // Problems from reading come first, in the order the paths were named.
    let mut leading = read_problems;

    // Documents, from every file before any entity: an entity's mentions
    // are matched to documents as they are parsed.
    let mut scanned: Vec<(usize, RawFile)> = Vec::new();
    let mut parsed_documents: Vec<Vec<(RawDocument, Origin)>> = Vec::new();
    let mut split_fast = false;
    for (i, source) in sources.iter().enumerate() {
        let fast = if fast && two_cores() { split_and_parse_documents(&mut ctx, i, source) } else { None };
        split_fast |= fast.is_some();
        let split = fast.or_else(|| {
            let raw = scan_file(&mut ctx, i, source, None)?;
            let documents = parse_documents(&mut ctx, i, &raw);
            Some((raw, documents))
        });
        if let Some((raw, documents)) = split {
            scanned.push((i, raw));
            parsed_documents.push(documents);
        }
    }
    timings.mark("documents");
    let mut b = CorpusBuilder::default();
    let mut doc_ids: DocIds<Origin> = FxHashMap::default();
    let mut doc_people: Vec<(Vec<RawPerson>, Origin)> = Vec::new();
    for documents in parsed_documents {
        for (i, (d, o)) in documents.into_iter().enumerate() {
            let item = label("document", i, Some(&d.id));
            if !check_id(&mut ctx, "document", i, &d.id, o) {
                continue;
            }
            if let Some((_, first)) = doc_ids.get(&d.id) {
                let msg = format!("duplicate document id (first defined at {})", ctx.files.describe(*first));
                ctx.at(ProblemKind::DuplicateId, o, &item, msg);
                continue;
            }
            if d.text.is_empty() {
                ctx.at(ProblemKind::Empty, o, &item, "text is empty");
                continue;
            }
            if d.text.len() > u32::MAX as usize {
                ctx.at(ProblemKind::Value, o, &item, "text is longer than 4 GiB");
                continue;
            }
            if d.text.trim().is_empty() {
                ctx.at(ProblemKind::Empty, o, &item, "text is blank: it has only white space");
                continue;
            }
            if let Some(Err(msg)) = d.published.as_deref().map(check_date) {
                ctx.at(ProblemKind::Value, o, &item, msg);
            }
            for (k, author) in d.authors.iter().enumerate() {
                if author.name.trim().is_empty() {
                    ctx.at(ProblemKind::Value, o, &item, format!("author {}: name is empty", k + 1));
                }
            }
            doc_ids.insert(d.id.clone(), (DocIdx::from_index(b.documents.len()), o));
            doc_people.push((d.authors, o));
            b.documents.push(Document {
                id: d.id,
                title: d.title.unwrap_or_default(),
                text: d.text,
                chars: 0,
                authors: Vec::new(),
                source: d.source,
                url: d.url,
                published: d.published,
                language: d.language,
                genre: d.genre,
                translated: d.translated || d.translated_from.is_some(),
                translated_from: d.translated_from,
                note: d.note,
            });
        }
    }

    let mut parsed: Vec<ParsedFile> =
        scanned.iter().map(|(i, raw)| parse_entities(&mut ctx, *i, raw, &doc_ids)).collect();

    timings.mark("parse");

    let (entities, entity_ids, records) = merge_entities(&mut ctx, &mut parsed);
    b.entities = entities;
    // The entities own their strings now: ids are looked up in them, and the
    // file's copy of the entities can go, as the documents' did.
    drop(entity_ids);
    let entity_ids: FxHashMap<&str, EntityIdx> =
        b.entities.iter().enumerate().map(|(i, e)| (e.id.as_str(), EntityIdx::from_index(i))).collect();
    // Each record's mentions, a list per record: spans already in a run, or
    // a raw list taken out of the record (parsed below, then dropped). The
    // records go; a list is known by its entity and the place of its record.
    let mut list_entity: Vec<(EntityIdx, Origin)> = Vec::with_capacity(records.len());
    let mut mention_lists: Vec<Vec<&RawValue>> = Vec::with_capacity(records.len());
    let mut quick_lists: Vec<Option<usize>> = Vec::with_capacity(records.len());
    // For each file, each record's list (`NO_LIST` for a record refused).
    let mut list_of: Vec<Vec<u32>> = parsed.iter().map(|pf| vec![NO_LIST; pf.entities.len()]).collect();
    for (list, &(idx, pfi, i)) in records.iter().enumerate() {
        let (pfi, i) = (pfi as usize, i as usize);
        let record = &mut parsed[pfi].entities[i];
        list_entity.push((idx, record.origin));
        mention_lists.push(std::mem::take(&mut record.raw.mentions));
        quick_lists.push(record.quick);
        list_of[pfi][i] = list as u32;
    }
    // The runs, each with its file's index in `parsed` and its first record's index.
    let mut runs: Vec<(Spans, usize, u32)> = Vec::new();
    for (pfi, pf) in parsed.iter_mut().enumerate() {
        runs.extend(std::mem::take(&mut pf.runs).into_iter().map(|(run, base)| (run, pfi, base)));
    }
    drop(records);
    for pf in &mut parsed {
        pf.entities = Vec::new();
    }
    for (file, raw) in &scanned {
        release_items(&ctx, *file, &raw.entities);
    }
    // Claims parsed once the file's entities are out of memory.
    let claim_files: Vec<_> = scanned.iter().map(|(i, raw)| parse_claims(&mut ctx, *i, raw, 1024)).collect();

    // People credited on documents may stand for entities.
    for (d, (people, o)) in doc_people.into_iter().enumerate() {
        for p in people {
            let entity = match &p.entity {
                Some(id) => match entity_ids.get(id.as_str()) {
                    Some(&e) => Some(e),
                    None => {
                        let item = label("document", 0, Some(&b.documents[d].id));
                        let msg = format!("author {} refers to unknown entity {}", quoted(&p.name), quoted(id));
                        ctx.at(ProblemKind::UnknownId, o, &item, msg);
                        None
                    }
                },
                None => None,
            };
            b.documents[d].authors.push(Person { name: p.name, role: p.role, affiliation: p.affiliation, entity });
        }
    }

    timings.mark("entities");

    // Anchoring: the builder's documents are borrowed while mentions and claims are pushed.
    let mut anchorers = Anchorers::new(&b.documents);

    // Mentions. Each is numbered in the order written (`seq`), which leads
    // back to its place in the file when a problem needs one.
    let list_len = |list: usize| quick_lists[list].unwrap_or(mention_lists[list].len());
    let list_starts: Vec<u32> = (0..mention_lists.len())
        .scan(0u32, |acc, list| {
            let start = *acc;
            *acc += list_len(list) as u32;
            Some(start)
        })
        .collect();
    let locate = |seq: u32| {
        let list = list_starts.partition_point(|&s| s <= seq) - 1;
        (list, (seq - list_starts[list]) as usize)
    };
    let entities = &b.entities;
    let mention_label = |list: usize, k: usize| {
        let id = &entities[list_entity[list].0.index()].id;
        format!("{}, mention {}", label("entity", 0, Some(id)), k + 1)
    };
    // Mentions parsed with their entity: now their entity and number are
    // known. A refused record's mentions go (its problem is reported).
    // For each file, by record: its entity and its first mention's number.
    let fix: Vec<Vec<(EntityIdx, u32)>> = list_of
        .iter()
        .map(|lists| {
            let found = |list: u32| (list_entity[list as usize].0, list_starts[list as usize]);
            lists.iter().map(|&list| if list == NO_LIST { (EntityIdx(NO_LIST), 0) } else { found(list) }).collect()
        })
        .collect();
    drop(list_of);
    let fix_runs = |runs: &mut [(Spans, usize, u32)]| {
        for (run, pfi, base) in runs {
            let mut refused = false;
            for o in run.items.iter_mut() {
                let (entity, first) = fix[*pfi][(*base + o.entity.0) as usize];
                refused |= entity.0 == NO_LIST;
                (o.entity, o.seq) = (entity, first + o.seq);
            }
            if refused {
                run.items.retain(|o| o.entity.0 != NO_LIST);
            }
        }
    };
    // The rest are parsed here, item by item.
    let total_mentions = mention_lists.iter().map(Vec::len).sum::<usize>();
    let slow_starts: Vec<usize> = mention_lists
        .iter()
        .scan(0, |acc, list| {
            let start = *acc;
            *acc += list.len();
            Some(start)
        })
        .collect();
    // Parsing a mention and looking up its document, on two threads, each
    // taking about half of the mentions: the common shape waits (sorted on
    // the same thread) to be resolved in text order; the rest goes to the
    // document's anchorer.
    let parse_lists = |ctx: &mut Ctx, lists: std::ops::Range<usize>| {
        let mut in_order = Spans::default();
        let mut by_anchorer: Vec<(u32, DocIdx, RawMention)> = Vec::new();
        for list in lists {
            let (entity, Origin { file, .. }) = list_entity[list];
            for (k, raw) in mention_lists[list].iter().enumerate() {
                let seq = list_starts[list] + k as u32;
                let Some(m) = ctx.item::<RawMention>(file, raw.get(), || mention_label(list, k)) else {
                    continue;
                };
                let Some(&(doc, _)) = doc_ids.get(m.document.as_ref()) else {
                    let o = Origin { file, offset: ctx.files.offset_of(file, raw.get()) };
                    let msg = format!("unknown document {}", quoted(&m.document));
                    ctx.at(ProblemKind::UnknownId, o, &mention_label(list, k), msg);
                    continue;
                };
                let common = common_shape(doc, &m.selector())
                    .and_then(|(o, quote)| in_order.push(Ordered { entity, seq, ..o }, quote));
                if common.is_none() {
                    by_anchorer.push((seq, doc, m));
                }
            }
        }
        in_order.sort();
        (in_order, by_anchorer)
    };
    let split = slow_starts.partition_point(|&s| s < total_mentions / 2);
    let (first, second, problems) = if total_mentions >= 4096 && two_cores() {
        let files = ctx.files;
        let (first, (second, problems)) = std::thread::scope(|s| {
            let other = s.spawn(|| {
                let mut theirs = Ctx { files, problems: Vec::new() };
                (parse_lists(&mut theirs, split..mention_lists.len()), theirs.problems)
            });
            (parse_lists(&mut ctx, 0..split), other.join().expect("a loading thread panicked"))
        });
        (first, second, problems)
    } else {
        (parse_lists(&mut ctx, 0..mention_lists.len()), (Spans::default(), Vec::new()), Vec::new())
    };
    ctx.problems.extend(problems);
    let ((in_order_a, by_anchorer_a), (in_order_b, by_anchorer_b)) = (first, second);
    // Mentions in other shapes, resolved now; they join the others in corpus order below.
    let mut other_shapes: Vec<(Mention, u32)> = Vec::new();
    anchorers.prepare(by_anchorer_a.iter().chain(&by_anchorer_b).map(|(_, doc, m)| (*doc, m.selector())));
    for (seq, doc, m) in by_anchorer_a.into_iter().chain(by_anchorer_b) {
        let (list, k) = locate(seq);
        let (entity, Origin { file, .. }) = list_entity[list];
        match anchorers.get(doc).resolve(&m.selector()) {
            Ok(span) => other_shapes.push((Mention { entity, doc, span }, seq)),
            Err(err) => {
                let o = Origin { file, offset: ctx.files.offset_of(file, mention_lists[list][k].get()) };
                ctx.at(err.kind, o, &mention_label(list, k), err.message);
            }
        }
    }

    drop(mention_lists);
    // Where a mention was written, when a problem needs it: found again from its entity's record.
    let mut places: FxHashMap<usize, Vec<Origin>> = FxHashMap::default();
    let mut place = |list: usize, k: usize| -> Origin {
        let record = list_entity[list].1;
        places.entry(list).or_insert_with(|| files.mention_origins(record)).get(k).copied().unwrap_or(record)
    };

    timings.mark("mentions");

    // Claims checked on this thread while the mention runs are fixed on another.
    let ((mut claims_in_order, claim_origins), ()) = beside(
        &mut ctx,
        |ctx| check_claims(ctx, &claim_files, &entity_ids, &doc_ids, &mut anchorers, &mut b.claims),
        |_| fix_runs(&mut runs),
    );
    drop((claim_files, parsed, fix));
    for (file, raw) in &scanned {
        release_items(&ctx, *file, &raw.claims);
    }

    timings.mark("claims");

    // Every span in the common shape, in one walk through the texts.
    claims_in_order.sort();
    let mut mention_runs: Vec<&Spans> = runs.iter().map(|(run, _, _)| run).collect();
    mention_runs.extend([&in_order_a, &in_order_b]);
    let resolved = resolve(&b.documents, &mention_runs, &claims_in_order, two_cores());
    drop(mention_runs);
    drop((runs, in_order_a, in_order_b, claims_in_order));
    // What failed the walk goes to the anchorer, which says why.
    let failed = resolved.failed_mentions.iter().chain(&resolved.failed_claims);
    anchorers.prepare(failed.map(|(o, quote)| (o.doc, o.selector(quote.as_deref()))));
    for (o, quote) in &resolved.failed_mentions {
        let (list, k) = locate(o.seq);
        let entity = list_entity[list].0;
        match anchorers.get(o.doc).resolve(&o.selector(quote.as_deref())) {
            Ok(span) => other_shapes.push((Mention { entity, doc: o.doc, span }, o.seq)),
            Err(err) => {
                ctx.at(err.kind, place(list, k), &mention_label(list, k), err.message);
            }
        }
    }
    for (o, quote) in &resolved.failed_claims {
        let (idx, at) = (o.seq as usize, claim_origins[o.seq as usize]);
        match anchorers.get(o.doc).resolve(&o.selector(quote.as_deref())) {
            Ok(span) => b.claims[idx].span = span,
            Err(e) => ctx.at(e.kind, at, &format!("{}, span", label("claim", 0, Some(&b.claims[idx].id))), e.message),
        }
    }
    drop(anchorers);
    for &(idx, span) in &resolved.claims {
        b.claims[idx as usize].span = span;
    }
    let Resolved { mut mentions, mut seqs, chars, .. } = resolved;
    for (doc, chars) in b.documents.iter_mut().zip(chars) {
        doc.chars = chars;
    }
    let key = |m: &Mention| (m.doc, m.span.start, m.span.end, m.entity);
    if !other_shapes.is_empty() {
        let mut all: Vec<(Mention, u32)> = mentions.into_iter().zip(seqs).chain(other_shapes).collect();
        all.sort_unstable_by_key(|(m, seq)| (key(m), *seq));
        (mentions, seqs) = all.into_iter().unzip();
    }
    // Sorted, the same span given twice for one entity sits side by side.
    for i in 1..mentions.len() {
        if key(&mentions[i - 1]) == key(&mentions[i]) {
            let ((first_list, first_k), (list, k)) = (locate(seqs[i - 1]), locate(seqs[i]));
            let (first, o) = (place(first_list, first_k), place(list, k));
            let msg = format!("the same mention is given twice (also at {})", ctx.files.describe(first));
            ctx.at(ProblemKind::DuplicateId, o, &mention_label(list, k), msg);
        }
    }
    b.mentions = mentions;

    if b.documents.is_empty() && leading.is_empty() && ctx.problems.is_empty() {
        leading.push(Problem::new(ProblemKind::Empty, label_all, "corpus has no documents"));
    }

    if !leading.is_empty() || !ctx.problems.is_empty() {
        let mut found = ctx.problems;
        found.sort_by_key(|(file, p)| (*file, p.position));
        leading.extend(found.into_iter().map(|(_, p)| p));
        return Err((LoadFailure { problems: leading }, split_fast));
    }
    timings.mark("anchor");
    let corpus = b.finish();
    timings.mark("index");
    Ok(corpus)
}

/// `f` over every item of `items` in order, the first half (by size) on
/// this thread and the second on another when there are at least `min`
/// items; each thread collects its own problems, added to `ctx`'s in order.
/// Each half has a state of its own for `f` (given with the half's number),
/// handed to `finish` on the same thread and returned in order.
fn in_halves<'f, 's, T: Send, S: Default + Send>(
    ctx: &mut Ctx<'f, 's>,
    items: &[&'s str],
    min: usize,
    f: impl Fn(&mut Ctx<'f, 's>, &mut S, usize, usize, &'s str) -> Option<T> + Sync,
    finish: impl Fn(&mut S) + Sync,
) -> (Vec<T>, Vec<S>) {
    let run = |ctx: &mut Ctx<'f, 's>, part: usize, from: usize, items: &[&'s str]| -> (Vec<T>, S) {
        let mut state = S::default();
        let out = items.iter().enumerate().filter_map(|(i, item)| f(ctx, &mut state, part, from + i, item)).collect();
        finish(&mut state);
        (out, state)
    };
    if items.len() < min || !two_cores() {
        let (out, state) = run(ctx, 0, 0, items);
        return (out, vec![state]);
    }
    // Items differ in size by orders of magnitude (a 5 MB document, an
    // entity with 80,000 mentions): halves are made by bytes, not by count.
    let total: usize = items.iter().map(|r| r.len()).sum();
    let mut seen = 0;
    let mid = items
        .iter()
        .position(|r| {
            seen += r.len();
            seen >= total / 2
        })
        .map_or(items.len(), |i| i + 1)
        .min(items.len() - 1);
    let files = ctx.files;
    let ((mut first, mine), ((second, theirs), problems)) = std::thread::scope(|s| {
        let other = s.spawn(|| {
            let mut theirs = Ctx { files, problems: Vec::new() };
            let out = run(&mut theirs, 1, mid, &items[mid..]);
            (out, theirs.problems)
        });
        let mine = run(ctx, 0, 0, &items[..mid]);
        (mine, other.join().expect("a loading thread panicked"))
    });
    first.extend(second);
    ctx.problems.extend(problems);
    (first, vec![mine, theirs])
}

/// `mine` on this thread and `theirs` on another (one after the other on one
/// core), each with its own problems, added to `ctx`'s.
fn beside<'f, 's, A, B: Send>(
    ctx: &mut Ctx<'f, 's>,
    mine: impl FnOnce(&mut Ctx<'f, 's>) -> A,
    theirs: impl FnOnce(&mut Ctx<'f, 's>) -> B + Send,
) -> (A, B) {
    if !two_cores() {
        let a = mine(ctx);
        return (a, theirs(ctx));
    }
    let files = ctx.files;
    let (a, (b, problems)) = std::thread::scope(|s| {
        let other = s.spawn(move || {
            let mut their_ctx = Ctx { files, problems: Vec::new() };
            (theirs(&mut their_ctx), their_ctx.problems)
        });
        (mine(ctx), other.join().expect("a loading thread panicked"))
    });
    ctx.problems.extend(problems);
    (a, b)
}

/// An entity record that was refused (its problem is reported), or a
/// mention of it.
const NO_LIST: u32 = u32::MAX;

/// Whether there is more than one core to share work with.
fn two_cores() -> bool {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get())) > 1
}

/// A span in the common shape (offsets, perhaps a quote), ready for the walk.
fn common_shape<'q>(doc: DocIdx, sel: &SpanSelector<'q>) -> Option<(Ordered, Option<&'q str>)> {
    if sel.prefix.is_some() || sel.suffix.is_some() || sel.occurrence.is_some() {
        return None;
    }
    Some((Ordered::new(doc, sel.start, sel.end)?, sel.quote))
}

/// One anchorer per document, made when a span in it is first resolved.
struct Anchorers<'d> {
    documents: &'d [Document],
    slots: Vec<Option<Anchorer<'d>>>,
}

impl<'d> Anchorers<'d> {
    fn new(documents: &'d [Document]) -> Anchorers<'d> {
        Anchorers { documents, slots: documents.iter().map(|_| None).collect() }
    }

    fn get(&mut self, doc: DocIdx) -> &mut Anchorer<'d> {
        let d = &self.documents[doc.index()];
        self.slots[doc.index()].get_or_insert_with(|| Anchorer::new(&d.id, &d.text))
    }

    /// Prepares each document's anchorer for the selectors it is about to
    /// resolve (see [`Anchorer::prepare`]): one pass over each text.
    fn prepare<'q>(&mut self, selectors: impl Iterator<Item = (DocIdx, SpanSelector<'q>)>) {
        let mut by_doc: FxHashMap<DocIdx, Vec<SpanSelector<'q>>> = FxHashMap::default();
        for (doc, sel) in selectors {
            by_doc.entry(doc).or_default().push(sel);
        }
        for (doc, selectors) in by_doc {
            self.get(doc).prepare(selectors);
        }
    }
}

/// Stands in for a claim that failed to check, so later claims keep their indices.
fn placeholder_claim(c: &RawClaim) -> Claim {
    Claim {
        id: c.id.to_string(),
        doc: DocIdx(0),
        span: Span::new(0, 0),
        claimant: None,
        kind: ClaimKind::Fact,
        about: Vec::new(),
        relations: Vec::new(),
        summary: None,
        note: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_near_the_start_of_a_big_file_reads_the_file_only_that_far() {
        // Placing one problem made marks for the whole file: a problem in a 1 GB file cost a read of all of it.
        let text = "ab\n".repeat(1 << 20);
        let sources = [Source::new("t.json", text)];
        let files = Files::new(&sources);
        assert_eq!(files.position(Origin { file: 0, offset: 3 * 9 + 1 }), (10, 2));
        assert_eq!(files.marks[0].lock().unwrap().len(), 1);
        assert_eq!(files.position(Origin { file: 0, offset: 3 * MARK_EVERY }), (MARK_EVERY + 1, 1));
        assert_eq!(files.marks[0].lock().unwrap().len(), 4);
    }

    #[test]
    fn positions_counted_from_marks_agree_with_counting_from_the_start() {
        // Long lines of mixed scripts, and a line far longer than the distance between marks.
        let mut text = "Астана, Almaty\nΕλλάδα 日本\n".repeat(5000);
        text.push_str(&"Қазақстан ".repeat(30_000));
        text.push_str("\nend");
        let sources = [Source::new("t.json", text.clone())];
        let files = Files::new(&sources);
        for offset in (0..text.len()).step_by(997).chain([0, text.len(), text.len() - 1]) {
            let at = floor_char_boundary(&text, offset);
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let col = before[before.rfind('\n').map_or(0, |i| i + 1)..].chars().count() + 1;
            assert_eq!(files.position(Origin { file: 0, offset }), (line, col), "offset {offset}");
        }
    }
}
