//! `dossier search PATTERN`: every hit of a literal (or, with `--regex`, a
//! regular expression) in the text of every document, as the explorer's
//! `F` finds them (smart case, quotes and dashes folded, never across a
//! line break), one a line or as JSON, in corpus order. Hits are written
//! as they are found, so a word in every sentence of 100 MB streams. Like
//! grep, it exits 1 when nothing matches.

use std::cell::RefCell;
use std::io::Write;

use serde::Serialize;
use serde::ser::Serializer;

use super::error::Error;
use crate::data::model::{Corpus, DocIdx};
use crate::query::corpus_search::{Hit, Pattern, PatternError, doc_hits, line_context};
use crate::text::sanitize::display;

/// Context shown on each side of a hit, in characters.
const CONTEXT: usize = 40;
const JSON_CONTEXT: usize = 60;

#[derive(Serialize)]
struct HitJson<'c> {
    /// The document's id, and its number from 1 (what `--doc` takes).
    document: &'c str,
    number: usize,
    title: &'c str,
    /// Characters of the text, as everywhere in dossier's JSON.
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
    line: u32,
    column: u32,
    text: &'c str,
    before: &'c str,
    after: &'c str,
}

/// A hit and where it is in characters.
struct Found {
    hit: Hit,
    start: usize,
    end: usize,
}

/// Every hit, in corpus order, with its offsets in characters, counted
/// as the text is walked (once per document).
fn every_hit<'a>(corpus: &'a Corpus, pattern: &'a Pattern) -> impl Iterator<Item = Found> + 'a {
    corpus.doc_indices().flat_map(move |d: DocIdx| {
        let text = &corpus.doc(d).text;
        let (mut byte, mut chars) = (0, 0);
        doc_hits(pattern, d, text).map(move |hit| {
            let (s, e) = (hit.span.start as usize, hit.span.end as usize);
            chars += text[byte..s].chars().count();
            let start = chars;
            chars += text[s..e].chars().count();
            byte = e;
            Found { hit, start, end: chars }
        })
    })
}

pub(super) fn search(corpus: &Corpus, query: &str, regex: bool, json: bool, out: &mut dyn Write) -> Result<(), Error> {
    let pattern = Pattern::new(query, regex).map_err(|e| {
        let what = if regex { "regular expression" } else { "search" };
        match e {
            PatternError::Empty => Error::Usage(format!("the {what} is empty: give something to search for")),
            PatternError::Invalid(why) => {
                Error::Usage(format!("the {what} \"{}\" is not valid: {}", display(query), display(&why)))
            }
        }
    })?;
    let any = if json { write_json(corpus, &pattern, out)? } else { write_lines(corpus, &pattern, out)? };
    if any { Ok(()) } else { Err(Error::NothingFound) }
}

/// `3⇥d2⇥12:5⇥1034⇥…what leads up to [the hit] and what follows…` (⇥ a tab):
/// the document's number and id, line:column, the byte offset, the hit in
/// its line. Tabs in the text are shown as spaces, so the fields stay four.
fn write_lines(corpus: &Corpus, pattern: &Pattern, out: &mut dyn Write) -> Result<bool, Error> {
    let mut any = false;
    for Found { hit, .. } in every_hit(corpus, pattern) {
        any = true;
        let doc = corpus.doc(hit.doc);
        let (before, it, after) = line_context(&doc.text, hit.span, CONTEXT, CONTEXT);
        let shown = |s: &str| display(&s.replace('\t', " ")).into_owned();
        writeln!(
            out,
            "{}\t{}\t{}:{}\t{}\t…{}[{}]{}…",
            hit.doc.index() + 1,
            display(&doc.id),
            hit.line,
            hit.column,
            hit.span.start,
            shown(before),
            shown(it),
            shown(after)
        )?;
    }
    Ok(any)
}

/// An array of hits (docs/format.md), streamed: it is serialized from the
/// search as the search goes.
fn write_json(corpus: &Corpus, pattern: &Pattern, out: &mut dyn Write) -> Result<bool, Error> {
    struct Stream<'a, I: Iterator<Item = Found>> {
        corpus: &'a Corpus,
        hits: RefCell<I>,
        any: &'a std::cell::Cell<bool>,
    }
    impl<I: Iterator<Item = Found>> Serialize for Stream<'_, I> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut hits = self.hits.borrow_mut();
            serializer.collect_seq(hits.by_ref().map(|Found { hit, start, end }| {
                self.any.set(true);
                let doc = self.corpus.doc(hit.doc);
                let (before, text, after) = line_context(&doc.text, hit.span, JSON_CONTEXT, JSON_CONTEXT);
                HitJson {
                    document: &doc.id,
                    number: hit.doc.index() + 1,
                    title: doc.display_title(),
                    start,
                    end,
                    byte_start: hit.span.start as usize,
                    byte_end: hit.span.end as usize,
                    line: hit.line,
                    column: hit.column,
                    text,
                    before,
                    after,
                }
            }))
        }
    }
    let any = std::cell::Cell::new(false);
    let stream = Stream { corpus, hits: RefCell::new(every_hit(corpus, pattern)), any: &any };
    super::commands::write_json(out, &stream)?;
    Ok(any.get())
}
