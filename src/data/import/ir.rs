//! What every reader of another tool's format hands over: documents with
//! their text, the spans annotated in them (one or several fragments each)
//! with everything the file says about them, and the links between spans.
//! One mapping (see [`super::mapping`]) turns this into the corpus model,
//! so grouping into entities, kinds and checks are the same for every
//! format. Offsets here are **byte** offsets into the document's text, on
//! char boundaries: each reader converts from its own unit (see
//! [`super::offsets`]) and checks any quote it is given on the way.

use std::ops::Range;

use thin_vec::ThinVec;

use crate::data::load::Problem;
// Shared with the model, which keeps them on the mention or link they belong to.
pub use crate::data::model::{Attribute, Note, Reference, Str};

/// The readers dossier has, as `--from` names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Dossier,
    Brat,
    Doccano,
    LabelStudio,
    Prodigy,
    SpacyTuples,
    SpacyV2,
    Conll,
    WebannoTsv,
    W3c,
}

impl Format {
    pub const ALL: [Format; 10] = [
        Format::Dossier,
        Format::Brat,
        Format::Doccano,
        Format::LabelStudio,
        Format::Prodigy,
        Format::SpacyTuples,
        Format::SpacyV2,
        Format::Conll,
        Format::WebannoTsv,
        Format::W3c,
    ];

    /// The name `--from` takes and `check` prints.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dossier => "dossier",
            Format::Brat => "brat",
            Format::Doccano => "doccano",
            Format::LabelStudio => "label-studio",
            Format::Prodigy => "prodigy",
            Format::SpacyTuples => "spacy",
            Format::SpacyV2 => "spacy-v2",
            Format::Conll => "conll",
            Format::WebannoTsv => "webanno-tsv",
            Format::W3c => "w3c",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name().eq_ignore_ascii_case(name))
    }
}

/// Everything one reader made of one input (a file, or a brat pair).
#[derive(Debug, Default)]
pub struct Imported {
    pub documents: Vec<Doc>,
    /// Annotations that carry no text of their own (W3C / Hypothesis): they
    /// are attached to documents of the whole corpus once it is read.
    pub attachments: Vec<Attachment>,
    /// What the reader saw and could not represent, counted by what it is
    /// (`"HTML results"`, `"ignored records"`): reported by `check`, and
    /// errors under `--strict`.
    pub not_imported: Vec<(String, usize)>,
    /// Faults that do not stop the import (a record without text, skipped):
    /// reported by `check`, and errors under `--strict`.
    pub warnings: Vec<Problem>,
}

impl Imported {
    /// Counts one more thing of this sort that was not imported.
    pub fn skip(&mut self, what: &str) {
        self.skip_n(what, 1);
    }

    pub fn skip_n(&mut self, what: &str, n: usize) {
        if n == 0 {
            return;
        }
        match self.not_imported.iter_mut().find(|(w, _)| w == what) {
            Some((_, count)) => *count += n,
            None => self.not_imported.push((what.to_string(), n)),
        }
    }
}

/// A document as read, with its annotations.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Doc {
    /// Unique within the input; the mapping reports clashes across inputs.
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    /// A note on the document, e.g. that its text was rebuilt from tokens.
    pub note: Option<String>,
    pub spans: Vec<SpanAnn>,
    pub links: Vec<Link>,
    /// The text's length in characters, where it was counted beside the
    /// reading (on the reader's core); else it is counted when mapped.
    pub chars: Option<usize>,
    /// Where the document starts in the file (line, column), for messages.
    pub position: Option<(usize, usize)>,
}

/// One annotated span: a mention of an entity (or, by the label map, a claim).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct SpanAnn {
    /// The ids the file gives this span (`T1`; an event `E1` whose trigger it
    /// is; a doccano entity id): what links refer to, and what a writer may
    /// give back.
    pub ids: Ids,
    /// The label as written (`PER`, `Protein`, `3`).
    pub label: Str,
    /// Byte ranges into the text, non-empty, in text order, not overlapping;
    /// more than one for a discontinuous span.
    pub fragments: Fragments,
    // The lists below are nearly always empty: each is one pointer.
    pub attributes: ThinVec<Attribute>,
    /// Normalizations / entity links: ids in a knowledge base.
    pub references: Few<Reference>,
    pub notes: ThinVec<Note>,
    /// Keys the file gives for "the same thing as": spans sharing a key are
    /// one entity (brat Equiv sets, coreference chains, a KB id). Readers
    /// make them unique to their scope (e.g. `equiv:doc:1`); references
    /// merge by themselves and need not be repeated here.
    pub same_as: ThinVec<String>,
    /// Where the span is written (line, column), for messages.
    pub position: Option<(usize, usize)>,
}

impl SpanAnn {
    /// The byte range from the first fragment's start to the last one's end.
    pub fn cover(&self) -> Range<usize> {
        let start = self.fragments.first().map_or(0, |f| f.start);
        let end = self.fragments.last().map_or(0, |f| f.end);
        start..end
    }
}

/// A list that nearly always holds one item, held inline then (a million
/// spans' one fragment and one id would otherwise be two million small
/// allocations), or in a vector. Read as a slice.
#[derive(Clone)]
pub enum Few<T> {
    One(T),
    Many(Vec<T>),
}

/// A span's byte ranges.
pub type Fragments = Few<Range<usize>>;

/// The ids a file gives a span.
pub type Ids = Few<Str>;

impl<T> Few<T> {
    pub fn as_slice(&self) -> &[T] {
        self
    }

    pub fn push(&mut self, item: T) {
        match self {
            Few::Many(list) if list.is_empty() => *self = Few::One(item),
            Few::Many(list) => list.push(item),
            Few::One(_) => {
                let Few::One(first) = std::mem::take(self) else { unreachable!("matched above") };
                *self = Few::Many(vec![first, item]);
            }
        }
    }

    pub fn into_vec(self) -> Vec<T> {
        match self {
            Few::One(item) => vec![item],
            Few::Many(list) => list,
        }
    }
}

impl<T> Default for Few<T> {
    fn default() -> Few<T> {
        Few::Many(Vec::new())
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Few<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T> std::ops::Deref for Few<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        match self {
            Few::One(item) => std::slice::from_ref(item),
            Few::Many(list) => list,
        }
    }
}

impl<T> std::ops::DerefMut for Few<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        match self {
            Few::One(item) => std::slice::from_mut(item),
            Few::Many(list) => list,
        }
    }
}

impl From<Range<usize>> for Fragments {
    fn from(range: Range<usize>) -> Fragments {
        Few::One(range)
    }
}

impl<T> From<Vec<T>> for Few<T> {
    fn from(mut list: Vec<T>) -> Few<T> {
        match list.pop() {
            Some(only) if list.is_empty() => Few::One(only),
            Some(last) => {
                list.push(last);
                Few::Many(list)
            }
            None => Few::Many(list),
        }
    }
}

impl<T> FromIterator<T> for Few<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Few<T> {
        let mut out = Few::default();
        out.extend(iter);
        out
    }
}

impl<T> Extend<T> for Few<T> {
    fn extend<I: IntoIterator<Item = T>>(&mut self, iter: I) {
        for item in iter {
            self.push(item);
        }
    }
}

impl<'a, T> IntoIterator for &'a Few<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T> IntoIterator for Few<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.into_vec().into_iter()
    }
}

/// Equal when their items are, however they are held.
impl<T: PartialEq> PartialEq for Few<T> {
    fn eq(&self, other: &Few<T>) -> bool {
        **self == **other
    }
}

impl<T: Eq> Eq for Few<T> {}

impl<T: PartialEq<U>, U, const N: usize> PartialEq<[U; N]> for Few<T> {
    fn eq(&self, other: &[U; N]) -> bool {
        self.as_slice() == other
    }
}

impl<T: PartialEq> PartialEq<Vec<T>> for Few<T> {
    fn eq(&self, other: &Vec<T>) -> bool {
        **self == **other
    }
}

/// A typed, directed link from one span to another of the same document
/// (brat `R` and event roles, doccano / Label Studio / Prodigy relations,
/// WebAnno relation layers).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Link {
    /// Indices into the document's `spans`.
    pub from: usize,
    pub to: usize,
    /// The relation's type or the event's role (`Origin`, `Theme`, `lieu`).
    pub kind: String,
    /// The file's id for it (`R1`; for an event's roles, the event's id).
    pub id: Option<String>,
    pub attributes: Vec<Attribute>,
    pub notes: Vec<Note>,
    pub position: Option<(usize, usize)>,
}

/// A W3C Web Annotation / Hypothesis annotation waiting for its document.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// `target.source`: matched against documents' `url`, then their id.
    pub source: String,
    /// Alternatives: the first that resolves wins; all of them must agree.
    pub selectors: Vec<Selector>,
    /// The annotation's id, for messages and writers.
    pub id: Option<String>,
    /// Its tag or purpose-classified body, used as the label.
    pub label: String,
    /// Body text (comments): kept as notes.
    pub notes: Vec<Note>,
    pub position: Option<(usize, usize)>,
}

/// How a W3C annotation picks its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selector {
    /// Offsets in Unicode scalar values; `refined` narrows within them.
    Position {
        start: usize,
        end: usize,
        refined: Option<Box<Selector>>,
    },
    Quote {
        exact: String,
        prefix: Option<String>,
        suffix: Option<String>,
        refined: Option<Box<Selector>>,
    },
}
