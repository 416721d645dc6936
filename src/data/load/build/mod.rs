//! From parsed files to a checked corpus, in stages timed in this order
//! (the `--timings` phases): `documents` (each file split into raw items,
//! its documents parsed, see [`documents`]); `parse` (documents checked,
//! entities parsed, see [`entities`]); `entities` (merged across files, the
//! claims parsed); `mentions` (see [`mentions`]); `claims` (checked and
//! made, see [`claims`]); `anchor` (every span resolved, see [`spans`];
//! a mention's details and relations to others checked, see [`details`]);
//! `index` (the corpus's indexes). Every problem on the way is collected
//! ([`ctx`]), placed by line and column ([`files`]), and reported at the
//! end, sorted by file and place: nothing half-built leaves here.
//!
//! Fast readers are tried first, each falling back to a careful one that
//! says what is wrong: a file is split by [`super::split`] (where there are
//! two cores, its documents parsed on the second as the split finds them)
//! before serde's split, and since only a valid file is split the same way
//! by both, a corpus with any problem is built again with serde's; an
//! entity is read by [`super::plain`], then [`super::quick`], then the
//! careful way (see [`entities`]). A valid corpus is never split twice.

mod claims;
mod ctx;
mod details;
mod documents;
mod entities;
mod files;
mod mentions;
mod spans;

use ctx::Ctx;
use files::Files;
use spans::Anchorers;

use super::problem::{LoadFailure, Problem, ProblemKind};
use super::sources::Source;
use crate::data::model::{Corpus, CorpusBuilder, EntityIdx};
use crate::support::hash::FxHashMap;
use crate::support::parallel::beside;
use crate::support::timings::Timings;

pub(super) fn build(
    sources: &[Source],
    read_problems: Vec<Problem>,
    label_all: &str,
    timings: &mut Timings,
) -> Result<Corpus, LoadFailure> {
    let b = build_parts(sources, read_problems, label_all, timings, true)?;
    let corpus = b.finish();
    timings.mark("index");
    Ok(corpus)
}

/// [`build`] short of indexing, for files of other formats to be added;
/// `require_documents` is false when those may bring the documents.
pub(super) fn build_parts(
    sources: &[Source],
    read_problems: Vec<Problem>,
    label_all: &str,
    timings: &mut Timings,
    require_documents: bool,
) -> Result<CorpusBuilder, LoadFailure> {
    let before = timings.clone();
    match build_with(sources, read_problems.clone(), label_all, timings, true, require_documents) {
        Ok(corpus) => Ok(corpus),
        // Files split fast are split exactly as serde splits them only when
        // they are valid: the problems users see come from serde's split.
        // (The time of the first try is counted in the second's first phase.)
        Err((_, true)) => {
            *timings = before;
            build_with(sources, read_problems, label_all, timings, false, require_documents)
                .map_err(|(failure, _)| failure)
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
    timings: &mut Timings,
    fast: bool,
    require_documents: bool,
) -> Result<CorpusBuilder, (LoadFailure, bool)> {
    let files = Files::new(sources);
    let mut ctx = Ctx::new(&files);
    // Problems from reading come first, in the order the paths were named.
    let mut leading = read_problems;

    let (scanned, parsed_documents, split_fast) = documents::split_files(&mut ctx, sources, fast);
    timings.mark("documents");

    let mut b = CorpusBuilder::default();
    let (doc_ids, doc_people) = documents::check_documents(&mut ctx, parsed_documents, &mut b.documents);
    let mut parsed: Vec<_> =
        scanned.iter().map(|(i, raw)| entities::parse_entities(&mut ctx, *i, raw, &doc_ids)).collect();
    timings.mark("parse");

    let records;
    (b.entities, records) = entities::merge_entities(&mut ctx, &mut parsed);
    // The entities own their strings now: ids are looked up in them, and the
    // file's copy of the entities can go, as the documents' did.
    let entity_ids: FxHashMap<&str, EntityIdx> =
        b.entities.iter().enumerate().map(|(i, e)| (e.id.as_str(), EntityIdx::from_index(i))).collect();
    let (lists, mut runs) = mentions::take_lists(&mut parsed, records);
    for (file, raw) in &scanned {
        files.release(*file, &raw.entities);
    }
    // Claims parsed once the file's entities are out of memory.
    let claim_files: Vec<_> = scanned.iter().map(|(i, raw)| claims::parse_claims(&mut ctx, *i, raw, 1024)).collect();
    documents::credit_people(&mut ctx, doc_people, &entity_ids, &mut b.documents);
    timings.mark("entities");

    // Anchoring: the builder's documents are borrowed while mentions and claims are pushed.
    let mut anchorers = Anchorers::new(&b.documents);
    let (mentions, renumbering) =
        mentions::parse_mentions(&mut ctx, lists, &mut runs, &doc_ids, &b.entities, &mut anchorers);
    timings.mark("mentions");

    // Claims checked on this thread while the mention runs are renumbered on another.
    let (claim_spans, ()) = beside(
        &mut ctx,
        |ctx| claims::check_claims(ctx, &claim_files, &entity_ids, &doc_ids, &mut anchorers, &mut b.claims),
        |_| renumbering.apply(&mut runs),
    );
    drop((claim_files, parsed, renumbering));
    for (file, raw) in &scanned {
        files.release(*file, &raw.claims);
    }
    timings.mark("claims");

    let (made, chars) = spans::anchor(&mut ctx, anchorers, runs, mentions, &b.entities, &mut b.claims, claim_spans);
    for (doc, chars) in b.documents.iter_mut().zip(chars) {
        doc.chars = chars;
    }
    (b.mentions, b.details, b.links) = (made.mentions, made.details, made.links);

    if require_documents && b.documents.is_empty() && leading.is_empty() && ctx.problems.is_empty() {
        leading.push(Problem::new(ProblemKind::Empty, label_all, "corpus has no documents"));
    }

    if !leading.is_empty() || !ctx.problems.is_empty() {
        let mut found = ctx.problems;
        found.sort_by_key(|(file, p)| (*file, p.position));
        leading.extend(found.into_iter().map(|(_, p)| p));
        return Err((LoadFailure { problems: leading }, split_fast));
    }
    timings.mark("anchor");
    Ok(b)
}
