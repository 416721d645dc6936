//! A load in which some files are in other tools' formats: each file's
//! reader chosen ([`crate::data::import::detect`]), dossier/1 files built
//! as always, the others read by their readers (on both cores), and
//! everything mapped into one corpus. Every problem of every part is
//! reported together; nothing half-read leaves here.

use std::path::Path;

use super::build;
use super::options::LoadOptions;
use super::problem::{LoadFailure, Problem, ProblemKind};
use super::sources::Source;
use crate::data::import::detect::{self, Role};
use crate::data::import::mapping::{self, MapOptions, ReadInput};
use crate::data::import::{Format, Input, ReadResult, brat, conll, doccano, label_studio, spacy, w3c, webanno};
use crate::data::model::{Corpus, CorpusBuilder};
use crate::support::timings::Timings;

/// The role of each source, when any of them is not dossier/1 (or cannot
/// be read as anything); `None` when all are, so the load goes as it always did.
pub(super) fn roles(sources: &[Source], options: &LoadOptions) -> Option<(Vec<Option<Role>>, Vec<Problem>)> {
    let files: Vec<(&str, &str)> = sources.iter().map(|s| (s.name.as_str(), s.text())).collect();
    let (roles, problems) = detect::classify(&files, options.from);
    let all_dossier = problems.is_empty() && roles.iter().all(|r| *r == Some(Role::Read(Format::Dossier)));
    (!all_dossier).then_some((roles, problems))
}

/// Loads a corpus whose files have these roles.
pub(super) fn load(
    mut sources: Vec<Source>,
    roles: Vec<Option<Role>>,
    mut problems: Vec<Problem>,
    options: &LoadOptions,
    label: &str,
    timings: &mut Timings,
) -> Result<Corpus, LoadFailure> {
    let mut dossier = Vec::new();
    let mut others: Vec<(usize, Format)> = Vec::new();
    for (i, role) in roles.iter().enumerate() {
        match role {
            Some(Role::Read(Format::Dossier)) => dossier.push(i),
            Some(Role::Read(format)) => others.push((i, *format)),
            _ => {}
        }
    }
    let mut texts = vec![None; roles.len()];
    for (i, role) in roles.iter().enumerate() {
        if let Some(Role::TextOf(ann)) = role {
            texts[*ann] = Some(i);
        }
    }
    let text_of = |ann: usize| texts[ann];
    // A brat pair read as its files were (see `read_pair_now`) is not read again.
    let mut early: Vec<(usize, Format, ReadResult)> = Vec::new();
    others.retain(|&(i, format)| match sources[i].take_read() {
        Some(result) => {
            early.push((i, format, result));
            false
        }
        None => true,
    });
    // Each file read by a reader is freed by the thread that read it, once
    // read (what it read is copied out): its memory is then taken again for
    // what later files are read into, rather than fresh pages for all. A
    // brat pair's `.txt` is moved into its document there (rather than
    // copied, where it is in memory), and every text's characters counted.
    let items: Vec<(usize, Format, Slot, Slot)> = others
        .iter()
        .map(|&(i, format)| {
            let text = text_of(i).and_then(|t| sources[t].take_owned_text());
            (i, format, Slot::new(sources[i].take_owned_text()), Slot::new(text))
        })
        .collect();
    let mut results: Vec<(usize, Format, ReadResult)> =
        crate::support::parallel::map_in_order(&items, |(i, format, owned, owned_text)| {
            let take = |slot: &Slot| slot.lock().ok().and_then(|mut text| text.take());
            let (mine, text) = (take(owned), take(owned_text));
            let input = Input { name: &sources[*i].name, text: mine.as_deref().unwrap_or_else(|| sources[*i].text()) };
            let txt = text_of(*i).map(|t| &sources[t]);
            let txt_input = txt.map(|s| Input { name: &s.name, text: text.as_deref().unwrap_or_else(|| s.text()) });
            let mut result = read(*format, input, txt_input);
            let brat_text = txt.filter(|_| *format == Format::Brat).map(|txt| (text, txt));
            complete(&mut result, brat_text);
            (*i, *format, result)
        });
    drop(items);
    if !early.is_empty() {
        results.extend(early);
        results.sort_by_key(|&(i, ..)| i);
    }
    timings.mark("import");

    // dossier/1 files are built as always; their sources are moved out for it.
    let mut all: Vec<Option<Source>> = sources.into_iter().map(Some).collect();
    let dossier_sources: Vec<Source> = dossier.iter().filter_map(|&i| all[i].take()).collect();
    let mut b = if dossier_sources.is_empty() {
        CorpusBuilder::default()
    } else {
        match build::build_parts(&dossier_sources, Vec::new(), label, timings, false) {
            Ok(b) => b,
            Err(failure) => {
                problems.extend(failure.problems);
                CorpusBuilder::default()
            }
        }
    };
    let mut inputs = Vec::new();
    for (i, format, result) in results {
        let name = all[i].as_ref().map(|s| s.name.clone()).unwrap_or_default();
        match result {
            Ok(imported) => inputs.push(ReadInput { stem: stem(&name), file: name, format, imported }),
            Err(found) => problems.extend(found),
        }
    }
    let changed: Vec<Problem> =
        all.iter().flatten().chain(dossier_sources.iter()).filter_map(Source::changed).collect();
    drop((all, dossier_sources));
    if !changed.is_empty() {
        return Err(LoadFailure { problems: changed });
    }
    let map_options = MapOptions { labels: options.labels.as_deref(), strict: options.strict };
    let (found, leftovers) = mapping::map_into_leaving(&mut b, inputs, &map_options);
    problems.extend(found);
    timings.mark("map");
    if problems.is_empty() && b.documents.is_empty() {
        problems.push(Problem::new(ProblemKind::Empty, label, "corpus has no documents"));
    }
    if !problems.is_empty() {
        leftovers.free_beside();
        return Err(LoadFailure { problems });
    }
    let corpus = b.finish();
    timings.mark("index");
    leftovers.free_beside();
    Ok(corpus)
}

/// Reads a brat pair in the thread that has just read its files, where
/// detection will read them as one (no other format forced, neither file
/// WebAnno TSV): the annotations are freed there, and the text moved into
/// the document. What was read waits on the `.ann`'s source for [`load`].
pub(super) fn read_pair_now(ann: &mut Source, txt: &mut Source, options: &LoadOptions) {
    let webanno = |ext: &str, source: &Source| detect::sniff(ext, source.text()) == Format::WebannoTsv;
    let brat = match options.from {
        None => !webanno("ann", ann) && !webanno("txt", txt),
        Some(format) => format == Format::Brat,
    };
    if !brat {
        return;
    }
    let mut result = brat::read_leaving_text(
        Input { name: &ann.name, text: ann.text() },
        Input { name: &txt.name, text: txt.text() },
        &stem(&ann.name),
    );
    drop(ann.spend());
    let text = txt.spend();
    complete(&mut result, Some((text, txt)));
    ann.set_read(result);
}

/// What a reader read, made whole: a brat document's text moved in (the
/// `.txt`'s text where it was held, else copied from its source), and
/// every document's characters counted.
fn complete(result: &mut ReadResult, brat_text: Option<(Option<String>, &Source)>) {
    let Ok(imported) = result else { return };
    if let (Some((text, txt)), Some(doc)) = (brat_text, imported.documents.first_mut()) {
        doc.text = text.unwrap_or_else(|| txt.text().to_string());
    }
    for doc in &mut imported.documents {
        doc.chars = Some(doc.text.chars().count());
    }
}

/// A file's text, held until the thread that reads it takes it.
type Slot = std::sync::Mutex<Option<String>>;

/// One file read by its reader (`text`: a brat pair's `.txt`).
fn read(format: Format, input: Input, text: Option<Input>) -> ReadResult {
    let stem = stem(input.name);
    match format {
        Format::Brat => match text {
            // The text is moved in after (see `load`).
            Some(txt) => brat::read_leaving_text(input, txt, &stem),
            None => Err(vec![Problem::new(ProblemKind::NotFound, input.name, "brat annotations without their .txt")]),
        },
        Format::Doccano => doccano::read(input),
        Format::LabelStudio => label_studio::read(input),
        Format::Prodigy => spacy::read_prodigy(input),
        Format::SpacyTuples => spacy::read_tuples(input),
        Format::SpacyV2 => spacy::read_v2(input),
        Format::Conll => conll::read(input, &stem),
        Format::WebannoTsv => webanno::read(input, &stem),
        Format::W3c => w3c::read(input),
        Format::Dossier => unreachable!("dossier/1 files are built by the loader"),
    }
}

/// A file's name without its directory and extension: a brat document's id.
fn stem(name: &str) -> String {
    Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_else(|| name.to_string())
}
