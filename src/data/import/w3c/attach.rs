//! Placing W3C / Hypothesis attachments in the corpus's documents, once
//! all of them are known (from any reader).
//!
//! - **The document**: the one whose `url` is the target's `source`,
//!   exactly; else the one whose id it is. A source that is the url of
//!   several documents names none of them for sure: a problem.
//! - **The place**: a position counts code points of the document's text;
//!   a quote is found where its `exact` text stands between its `prefix`
//!   and `suffix` (a text that starts or ends inside the prefix or suffix
//!   fits: the annotated page may have had more around the article). When
//!   a position and a quote are both given and the position's text is the
//!   quote, the position is the place; else the quote is searched for,
//!   since a page's positions often count text the document lacks.
//!   `refinedBy` looks within the place found. Further alternatives must
//!   agree with the place.
//! - A quote that is nowhere, or fits several places, a position past the
//!   end: a problem naming the file, the annotation's line and its id.
//!   Never a guess.

use std::ops::Range;

use super::super::label_studio::quoted;
use crate::data::import::{Attachment, Fragments, Offsets, Selector, SpanAnn, Str, Unit};
use crate::data::load::{Problem, ProblemKind};
use crate::support::hash::FxHashMap;

/// A document of the corpus, as attaching needs it.
#[derive(Debug, Clone, Copy)]
pub struct DocText<'a> {
    pub id: &'a str,
    pub url: Option<&'a str>,
    pub text: &'a str,
}

type Fail = (ProblemKind, String);

/// Each attachment's span in its document (an index into `docs`), or the
/// problem that keeps it from one.
pub fn attach(attachments: &[Attachment], file: &str, docs: &[DocText]) -> (Vec<(usize, SpanAnn)>, Vec<Problem>) {
    let mut by_url: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut by_id: FxHashMap<&str, usize> = FxHashMap::default();
    for (i, doc) in docs.iter().enumerate() {
        if let Some(url) = doc.url {
            by_url.entry(url).or_default().push(i);
        }
        by_id.entry(doc.id).or_insert(i);
    }
    let mut offsets: FxHashMap<usize, Offsets> = FxHashMap::default();
    let mut spans = Vec::new();
    let mut problems = Vec::new();
    for a in attachments {
        let item = a.id.as_deref().map_or_else(|| "annotation".to_string(), |id| format!("annotation {}", quoted(id)));
        let problem = |(kind, message): Fail| Problem::new(kind, file, message).at(a.position).item(item.clone());
        let doc = match by_url.get(a.source.as_str()).map(Vec::as_slice) {
            Some(&[one]) => one,
            Some(several) => {
                let ids: Vec<String> = several.iter().map(|&d| quoted(docs[d].id)).collect();
                let message = format!("{} is the url of several documents ({})", quoted(&a.source), ids.join(", "));
                problems.push(problem((ProblemKind::Conflict, message)));
                continue;
            }
            None => match by_id.get(a.source.as_str()) {
                Some(&doc) => doc,
                None => {
                    let message = format!("no document has the url or id {}", quoted(&a.source));
                    problems.push(problem((ProblemKind::UnknownId, message)));
                    continue;
                }
            },
        };
        let text = docs[doc].text;
        let offsets = offsets.entry(doc).or_insert_with(|| Offsets::new(text, Unit::Chars));
        match place(&a.selectors, text, offsets) {
            Ok(range) => spans.push((
                doc,
                SpanAnn {
                    ids: a.id.iter().map(|id| Str::from(id.as_str())).collect(),
                    label: a.label.as_str().into(),
                    fragments: Fragments::from(range),
                    notes: a.notes.as_slice().into(),
                    position: a.position,
                    ..SpanAnn::default()
                },
            )),
            Err((kind, message)) => {
                problems.push(problem((kind, format!("in document {}: {message}", quoted(docs[doc].id)))));
            }
        }
    }
    (spans, problems)
}

/// The place the alternatives select (see the module comment).
fn place(selectors: &[Selector], text: &str, offsets: &Offsets) -> Result<Range<usize>, Fail> {
    let is_position = |s: &&Selector| matches!(s, Selector::Position { .. });
    let position = selectors.iter().find(is_position);
    let quote = selectors.iter().find(|s| !is_position(s));
    let whole = 0..text.len();
    let range = match (position, quote) {
        (Some(p), Some(q)) => {
            let at = within(p, text, whole.clone(), Some(offsets));
            let fits = match (&at, q) {
                (Ok(r), Selector::Quote { exact, refined: None, .. }) => text.get(r.clone()) == Some(exact.as_str()),
                _ => false,
            };
            if fits { at? } else { within(q, text, whole.clone(), Some(offsets))? }
        }
        (Some(only), None) | (None, Some(only)) => within(only, text, whole.clone(), Some(offsets))?,
        (None, None) => return Err((ProblemKind::Type, "no text selector".to_string())),
    };
    let first =
        |s: &Selector| position.is_some_and(|p| std::ptr::eq(s, p)) || quote.is_some_and(|q| std::ptr::eq(s, q));
    for other in selectors.iter().filter(|s| !first(s)) {
        match within(other, text, whole.clone(), Some(offsets)) {
            Ok(r) if r != range => {
                let message = format!(
                    "its selectors disagree: {}..{} and {}..{} (bytes)",
                    range.start, range.end, r.start, r.end
                );
                return Err((ProblemKind::Span, message));
            }
            _ => {}
        }
    }
    Ok(range)
}

/// Where a selector (and its refinements) falls within `window` of the
/// text; `offsets` is the whole text's, when the window is the whole.
fn within(
    selector: &Selector,
    text: &str,
    window: Range<usize>,
    offsets: Option<&Offsets>,
) -> Result<Range<usize>, Fail> {
    let part = text.get(window.clone()).unwrap_or_default();
    let (found, refined) = match selector {
        Selector::Position { start, end, refined } => {
            let local;
            let offsets = match offsets {
                Some(o) => o,
                None => {
                    local = Offsets::new(part, Unit::Chars);
                    &local
                }
            };
            let found = offsets
                .range(*start, *end)
                .map_err(|m| (ProblemKind::Span, format!("the TextPositionSelector {start}..{end}: {m}")))?;
            (found, refined)
        }
        Selector::Quote { exact, prefix, suffix, refined } => {
            (find_quote(part, exact, prefix.as_deref(), suffix.as_deref())?, refined)
        }
    };
    if found.is_empty() {
        return Err((ProblemKind::Span, "the selector selects no text".to_string()));
    }
    let found = window.start + found.start..window.start + found.end;
    match refined {
        Some(inner) => within(inner, text, found, None),
        None => Ok(found),
    }
}

/// The one place where `exact` stands between `prefix` and `suffix`.
fn find_quote(hay: &str, exact: &str, prefix: Option<&str>, suffix: Option<&str>) -> Result<Range<usize>, Fail> {
    if exact.is_empty() {
        return Err((ProblemKind::Quote, "an empty quote".to_string()));
    }
    let (mut seen, mut fitting, mut first) = (0usize, 0usize, None);
    let mut from = 0;
    while let Some(i) = hay.get(from..).and_then(|rest| rest.find(exact)) {
        let start = from + i;
        let end = start + exact.len();
        seen += 1;
        if fits_before(&hay[..start], prefix) && fits_after(&hay[end..], suffix) {
            fitting += 1;
            first.get_or_insert(start..end);
        }
        // Overlapping places count: "aa" is twice in "aaa".
        from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
    }
    let context = || match (prefix, suffix) {
        (Some(p), Some(s)) => format!("between {} and {}", quoted(p), quoted(s)),
        (Some(p), None) => format!("after {}", quoted(p)),
        (None, Some(s)) => format!("before {}", quoted(s)),
        (None, None) => String::new(),
    };
    match (seen, fitting, first) {
        (0, _, _) => Err((ProblemKind::Quote, format!("the quote {} is nowhere in its text", quoted(exact)))),
        (_, 1, Some(range)) => Ok(range),
        (n, 0, _) => {
            let message = format!("the quote {} is in its text {n} time(s), never {}", quoted(exact), context());
            Err((ProblemKind::Quote, message))
        }
        (_, n, _) => {
            let with = if prefix.is_some() || suffix.is_some() { format!(" {}", context()) } else { String::new() };
            let message = format!("the quote {}{with} fits {n} places: which one is meant is not known", quoted(exact));
            Err((ProblemKind::Quote, message))
        }
    }
}

/// Whether the text before a place ends with the prefix, or is the end of
/// it (the text starts inside the prefix).
fn fits_before(before: &str, prefix: Option<&str>) -> bool {
    prefix.is_none_or(|p| before.ends_with(p) || (before.len() < p.len() && p.ends_with(before)))
}

fn fits_after(after: &str, suffix: Option<&str>) -> bool {
    suffix.is_none_or(|s| after.starts_with(s) || (after.len() < s.len() && s.starts_with(after)))
}
