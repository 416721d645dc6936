//! The documents stage: each file's top level split into raw items, its
//! documents parsed (while the split goes on, where a file is split fast)
//! and checked, before any entity: an entity's mentions are matched to
//! documents as they are parsed. Also the people documents credit, who may
//! stand for entities once those are known.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::ctx::{Ctx, check_id, id_of, label, serde_error};
use super::files::Origin;
use crate::data::load::FORMAT;
use crate::data::load::problem::{Problem, ProblemKind, quoted};
use crate::data::load::quick::DocIds;
use crate::data::load::raw::{RawDocument, RawFile, RawPerson, file_json};
use crate::data::load::sources::{Source, not_an_object};
use crate::data::load::split;
use crate::data::model::{DocIdx, Document, EntityIdx, Person};
use crate::support::hash::FxHashMap;
use crate::support::parallel::{self, Fork, in_halves};

/// Every file split into its lists of raw items, with its documents parsed:
/// fast (see [`split`]) where `fast` says to try and there are two cores,
/// else by serde. Also says whether any file was split fast.
#[allow(clippy::type_complexity)]
pub(super) fn split_files<'s>(
    ctx: &mut Ctx<'_, 's>,
    sources: &'s [Source],
    fast: bool,
) -> (Vec<(usize, RawFile<'s>)>, Vec<Vec<(RawDocument, Origin)>>, bool) {
    let mut scanned: Vec<(usize, RawFile)> = Vec::new();
    let mut parsed_documents: Vec<Vec<(RawDocument, Origin)>> = Vec::new();
    let mut split_fast = false;
    for (i, source) in sources.iter().enumerate() {
        let fast = if fast && parallel::two_cores() { split_and_parse_documents(ctx, i, source) } else { None };
        split_fast |= fast.is_some();
        let split = fast.or_else(|| {
            let raw = scan_file(ctx, i, source, None)?;
            let documents = parse_documents(ctx, i, &raw);
            Some((raw, documents))
        });
        if let Some((raw, documents)) = split {
            scanned.push((i, raw));
            parsed_documents.push(documents);
        }
    }
    (scanned, parsed_documents, split_fast)
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
    let (documents, _) = in_halves(ctx, &raw.documents, 64, |ctx, _: &mut (), i, r| document(ctx, file, i, r), |_| {});
    ctx.files.release(file, &raw.documents);
    documents
}

fn document<'s>(ctx: &mut Ctx<'_, 's>, file: usize, i: usize, r: &'s str) -> Option<(RawDocument, Origin)> {
    let o = Origin { file, offset: ctx.files.offset_of(file, r) };
    ctx.item::<RawDocument>(file, r, || label("document", i, id_of(r).as_deref())).map(|d| (d, o))
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
    // Nothing of this try is kept where the fast split fails.
    let mut attempt = ctx.fork();
    let (ready, wait) = std::sync::mpsc::channel();
    let chunks = &chunks;
    let ((raw, mut parsed), theirs) = parallel::beside(
        &mut attempt,
        |mine| {
            let mut hand_over = |list: Vec<&'s str>| {
                let _ = documents.set(list);
                let _ = ready.send(());
            };
            let raw = scan_file(mine, file, source, Some(&mut hand_over));
            drop(ready);
            (raw, chunks(mine))
        },
        move |theirs| if wait.recv().is_ok() { chunks(theirs) } else { Vec::new() },
    );
    parsed.extend(theirs);
    let mut raw = raw?;
    ctx.join(attempt);
    parsed.sort_unstable_by_key(|(chunk, _)| *chunk);
    raw.documents = documents.into_inner().unwrap_or_default();
    ctx.files.release(file, &raw.documents);
    if raw.documents.is_empty() && raw.entities.is_empty() && raw.claims.is_empty() {
        let name = ctx.files.name(file).to_string();
        ctx.report(file, Problem::new(ProblemKind::Empty, name, "file has no documents, entities or claims"));
        return Some((RawFile::default(), Vec::new()));
    }
    Some((raw, parsed.into_iter().flat_map(|(_, d)| d).collect()))
}

/// The documents checked and added to `documents`, each id once. Returns
/// their ids, and the people each credits (with where it was written), for
/// [`credit_people`] once the entities are known.
pub(super) fn check_documents(
    ctx: &mut Ctx,
    parsed_documents: Vec<Vec<(RawDocument, Origin)>>,
    documents: &mut Vec<Document>,
) -> (DocIds<Origin>, Vec<(Vec<RawPerson>, Origin)>) {
    let mut doc_ids: DocIds<Origin> = FxHashMap::default();
    let mut doc_people: Vec<(Vec<RawPerson>, Origin)> = Vec::new();
    for parsed in parsed_documents {
        for (i, (d, o)) in parsed.into_iter().enumerate() {
            let item = label("document", i, Some(&d.id));
            if !check_id(ctx, "document", i, &d.id, o) {
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
            doc_ids.insert(d.id.clone(), (DocIdx::from_index(documents.len()), o));
            doc_people.push((d.authors, o));
            documents.push(Document {
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
    (doc_ids, doc_people)
}

/// People credited on documents may stand for entities.
pub(super) fn credit_people(
    ctx: &mut Ctx,
    doc_people: Vec<(Vec<RawPerson>, Origin)>,
    entity_ids: &FxHashMap<&str, EntityIdx>,
    documents: &mut [Document],
) {
    for (d, (people, o)) in doc_people.into_iter().enumerate() {
        for p in people {
            let entity = match &p.entity {
                Some(id) => match entity_ids.get(id.as_str()) {
                    Some(&e) => Some(e),
                    None => {
                        let item = label("document", 0, Some(&documents[d].id));
                        let msg = format!("author {} refers to unknown entity {}", quoted(&p.name), quoted(id));
                        ctx.at(ProblemKind::UnknownId, o, &item, msg);
                        None
                    }
                },
                None => None,
            };
            documents[d].authors.push(Person { name: p.name, role: p.role, affiliation: p.affiliation, entity });
        }
    }
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
