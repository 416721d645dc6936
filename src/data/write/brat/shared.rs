//! What the three writers share: the [`Report`] of what was written and
//! lost, char offsets per document counted in one pass, ids numbered around
//! those the file gave, a mention's label, the links of each document, the
//! mention of an entity nearest a claim, percent-encoding.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt::Write as _;
use std::hash::BuildHasherDefault;

use crate::data::model::{Corpus, DocIdx, EntityIdx, MentionIdx, Span};
use crate::support::hash::FxHasher;

/// What a writer wrote, and what the target format could not hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub documents: usize,
    /// Mentions and claims written as spans.
    pub spans: usize,
    /// Links between mentions, claimants, abouts and claim relations written.
    pub relations: usize,
    /// What was left out or changed, counted by what it is.
    pub lossy: Vec<(String, usize)>,
}

impl Report {
    pub fn lose(&mut self, what: &str, n: usize) {
        if n == 0 {
            return;
        }
        match self.lossy.iter_mut().find(|(w, _)| w == what) {
            Some((_, count)) => *count += n,
            None => self.lossy.push((what.to_string(), n)),
        }
    }

    /// How many of this sort were lost (0 when none).
    pub fn lost(&self, what: &str) -> usize {
        self.lossy.iter().find(|(w, _)| w == what).map_or(0, |(_, n)| *n)
    }
}

pub(in crate::data::write) const NO_MENTION: &str = "entities without a mention";
pub(in crate::data::write) const CROSS_DOC_LINKS: &str = "links between mentions of different documents";

/// `s` with every char `keep` refuses written as `%XX` per UTF-8 byte.
pub(in crate::data::write) fn percent_encode(s: &str, mut keep: impl FnMut(char) -> bool) -> Cow<'_, str> {
    let mut out = String::new();
    let mut done = 0;
    for (i, c) in s.char_indices() {
        if keep(c) {
            continue;
        }
        out.push_str(&s[done..i]);
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            let _ = write!(out, "%{b:02X}");
        }
        done = i + c.len_utf8();
    }
    if done == 0 && out.is_empty() {
        return Cow::Borrowed(s);
    }
    out.push_str(&s[done..]);
    Cow::Owned(out)
}

/// The entity's identity as a normalization target: `dossier:<id>`, with
/// `%`, whitespace and control characters percent-encoded since brat's
/// normalization is one `DB:ID` word.
pub(in crate::data::write) fn entity_ref(id: &str) -> String {
    let id = percent_encode(id, |c| c != '%' && !c.is_whitespace() && !c.is_control());
    format!("dossier:{id}")
}

pub(in crate::data::write) fn entities_without_mentions(corpus: &Corpus) -> usize {
    corpus.entity_indices().filter(|&e| corpus.mention_count(e) == 0).count()
}

/// The label a mention is written with: the file's, else its entity's
/// (as its tool gave it), else its entity's kind.
pub(in crate::data::write) fn label(corpus: &Corpus, m: MentionIdx) -> &str {
    let entity = corpus.mention(m).entity;
    match corpus.mention_detail(m).and_then(|d| d.label.as_deref()) {
        Some(label) => label,
        None => corpus.entity_label(entity).unwrap_or_else(|| corpus.entity(entity).kind.name()),
    }
}

/// The links of each document (both ends in it), as indices into
/// [`Corpus::mention_links`], in the order they were read; links across
/// documents are counted lost, since no format here can hold them.
pub(in crate::data::write) fn links_by_doc(corpus: &Corpus, report: &mut Report) -> Vec<Vec<u32>> {
    let mut by_doc = vec![Vec::new(); corpus.documents().len()];
    for (i, l) in corpus.mention_links().iter().enumerate() {
        let doc = corpus.mention(l.from).doc;
        if corpus.mention(l.to).doc == doc {
            by_doc[doc.index()].push(i as u32);
        } else {
            report.lose(CROSS_DOC_LINKS, 1);
        }
    }
    by_doc
}

/// The mention of `e` in `doc` nearest to `span` (the first overlapping it,
/// else the closest), among those `usable` accepts.
pub(in crate::data::write) fn nearest_mention(
    corpus: &Corpus,
    e: EntityIdx,
    doc: DocIdx,
    span: Span,
    usable: impl Fn(MentionIdx) -> bool,
) -> Option<MentionIdx> {
    let distance = |m: &MentionIdx| {
        let s = corpus.mention(*m).span;
        // Overlapping spans are 0 apart, and one of the two differences is.
        span.start.saturating_sub(s.end).max(s.start.saturating_sub(span.end))
    };
    corpus.entity_mentions_in(e, doc).iter().copied().filter(|&m| usable(m)).min_by_key(distance)
}

/// Char offsets of the byte positions one document's spans need, counted in
/// one pass over the text however many spans there are.
pub(in crate::data::write) struct CharOffsets {
    bytes: Vec<u32>,
    chars: Vec<usize>,
}

impl CharOffsets {
    pub(in crate::data::write) fn new(text: &str, mut positions: Vec<u32>) -> CharOffsets {
        positions.sort_unstable();
        positions.dedup();
        let mut chars = Vec::with_capacity(positions.len());
        let (mut at, mut count) = (0, 0);
        for &p in &positions {
            let p = (p as usize).min(text.len());
            count += count_chars(&text.as_bytes()[at..p]);
            at = p;
            chars.push(count);
        }
        CharOffsets { bytes: positions, chars }
    }

    /// The char offset of a byte position: one of those given, else counted
    /// from the nearest one given before it.
    pub(in crate::data::write) fn of(&self, text: &str, byte: u32) -> usize {
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.chars[i],
            Err(i) => {
                let (b, c) = if i == 0 { (0, 0) } else { (self.bytes[i - 1] as usize, self.chars[i - 1]) };
                let end = (byte as usize).min(text.len());
                c + count_chars(text.as_bytes().get(b..end).unwrap_or_default())
            }
        }
    }
}

/// Chars in a run of UTF-8: the bytes that are not continuation bytes.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The text of a span, or nothing if the span is not one of the text's (a
/// corpus built by hand may hold anything).
pub(in crate::data::write) fn slice(text: &str, span: Span) -> &str {
    text.get(span.range()).unwrap_or_default()
}

type Used = HashSet<u32, BuildHasherDefault<FxHasher>>;

/// Numbers for one sort of id in one scope (a `.ann`, a doccano record):
/// those the file's ids claim, first come first served, then fresh ones
/// around them.
pub(in crate::data::write) struct Numbers {
    used: Used,
    next: u32,
}

impl Numbers {
    /// Fresh numbers from `first` on.
    pub(in crate::data::write) fn from(first: u32) -> Numbers {
        Numbers { used: Used::default(), next: first }
    }

    /// `n`, if nothing has it yet.
    pub(in crate::data::write) fn claim(&mut self, n: Option<u32>) -> Option<u32> {
        n.filter(|&n| self.used.insert(n))
    }

    pub(in crate::data::write) fn fresh(&mut self) -> u32 {
        loop {
            let n = self.next;
            self.next = self.next.saturating_add(1);
            if self.used.insert(n) {
                return n;
            }
        }
    }
}

/// The number of a brat id with this prefix (`T12` → 12); `None` for any
/// other id, and for `T0` and `T012`, which a fresh number could not spell.
pub(in crate::data::write) fn numbered(id: &str, prefix: char) -> Option<u32> {
    let digits = id.strip_prefix(prefix)?;
    if digits.is_empty() || digits.starts_with('0') || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}
