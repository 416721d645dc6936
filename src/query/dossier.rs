//! An entity's dossier: everything the corpus says about one entity — every
//! mention in context, the claims it makes, the claims about it grouped by
//! document with their relations — as rows, shared by the explorer's
//! dossier view and `dossier entity`.
//!
//! Rows are made when asked for: the mentions are a range, not a list of
//! formatted lines, so an entity with 50,000 mentions opens at once and a
//! screenful costs a screenful.

use crate::data::model::{ClaimIdx, Corpus, DocIdx, EntityIdx, MentionIdx, Span};

/// One row of a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DossierRow {
    /// A section heading: which section, and how many items it has.
    Heading(Section, usize),
    /// A mention, shown in context.
    Mention(MentionIdx),
    /// A document's name, over the claims in it.
    Document(DocIdx),
    /// A claim made by or about the entity.
    Claim(ClaimIdx),
    /// One of a claim's relations (its index in `Corpus::links`).
    Link(ClaimIdx, usize),
    /// A section with nothing in it.
    Empty,
    Blank,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Mentions,
    ClaimsBy,
    ClaimsAbout,
}

impl Section {
    pub fn title(self) -> &'static str {
        match self {
            Section::Mentions => "Mentions",
            Section::ClaimsBy => "Claims it makes",
            Section::ClaimsAbout => "Claims about it",
        }
    }
}

/// Where a row leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Mention(MentionIdx),
    Claim(ClaimIdx),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Rows(Vec<DossierRow>),
    /// The entity's mentions, one row each.
    Mentions(EntityIdx, usize),
}

impl Part {
    fn len(&self) -> usize {
        match self {
            Part::Rows(rows) => rows.len(),
            Part::Mentions(_, n) => *n,
        }
    }
}

/// The rows of one entity's dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    pub entity: EntityIdx,
    parts: Vec<Part>,
    len: usize,
}

/// Claims, grouped by document in corpus order, each followed by its relations.
fn claim_rows(corpus: &Corpus, claims: &[ClaimIdx]) -> Vec<DossierRow> {
    let mut rows = Vec::new();
    let mut last_doc = None;
    for &c in claims {
        let doc = corpus.claim(c).doc;
        if last_doc != Some(doc) {
            rows.push(DossierRow::Document(doc));
            last_doc = Some(doc);
        }
        rows.push(DossierRow::Claim(c));
        rows.extend((0..corpus.link_count(c)).map(|l| DossierRow::Link(c, l)));
    }
    rows
}

impl Dossier {
    pub fn new(corpus: &Corpus, entity: EntityIdx) -> Dossier {
        let mentions = corpus.mention_count(entity);
        let in_order = |mut claims: Vec<ClaimIdx>| {
            claims.sort_by_key(|&c| (corpus.claim(c).doc, corpus.claim(c).span.start, c));
            claims
        };
        let by = in_order(corpus.claims_by(entity));
        let about = in_order(corpus.claims_about_by_others(entity));
        let mut parts = vec![Part::Rows(vec![DossierRow::Heading(Section::Mentions, mentions)])];
        parts.push(if mentions == 0 { Part::Rows(vec![DossierRow::Empty]) } else { Part::Mentions(entity, mentions) });
        for (section, claims) in [(Section::ClaimsBy, by), (Section::ClaimsAbout, about)] {
            let mut rows = vec![DossierRow::Blank, DossierRow::Heading(section, claims.len())];
            if claims.is_empty() {
                rows.push(DossierRow::Empty);
            }
            rows.extend(claim_rows(corpus, &claims));
            parts.push(Part::Rows(rows));
        }
        let len = parts.iter().map(Part::len).sum();
        Dossier { entity, parts, len }
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// DossierRow `i` (from 0), or `None` past the end.
    pub fn row(&self, corpus: &Corpus, mut i: usize) -> Option<DossierRow> {
        for part in &self.parts {
            if i < part.len() {
                return Some(match part {
                    Part::Rows(rows) => rows[i],
                    Part::Mentions(e, _) => DossierRow::Mention(corpus.entity_mentions(*e)[i]),
                });
            }
            i -= part.len();
        }
        None
    }

    /// Rows `range` (clipped to the dossier).
    pub fn rows(&self, corpus: &Corpus, range: std::ops::Range<usize>) -> Vec<DossierRow> {
        range.map_while(|i| self.row(corpus, i)).collect()
    }

    /// Where row `i` leads, if anywhere.
    pub fn target(&self, corpus: &Corpus, i: usize) -> Option<Target> {
        match self.row(corpus, i)? {
            DossierRow::Mention(m) => Some(Target::Mention(m)),
            DossierRow::Claim(c) => Some(Target::Claim(c)),
            DossierRow::Link(c, l) => Some(Target::Claim(corpus.link(c, l).other)),
            DossierRow::Heading(..) | DossierRow::Document(_) | DossierRow::Empty | DossierRow::Blank => None,
        }
    }

    /// The first row that leads somewhere (where the cursor starts when
    /// there is no current mention to start on).
    pub fn first_target(&self, corpus: &Corpus) -> Option<usize> {
        (0..self.len()).find(|&i| self.target(corpus, i).is_some())
    }

    /// The row showing a mention (for putting the cursor on the current one).
    pub fn row_of_mention(&self, corpus: &Corpus, m: MentionIdx) -> Option<usize> {
        let mut start = 0;
        for part in &self.parts {
            if let Part::Mentions(e, _) = part {
                return corpus.entity_mentions(*e).binary_search(&m).ok().map(|k| start + k);
            }
            start += part.len();
        }
        None
    }
}

/// A mention in context: the text before it (at most `before` characters),
/// the mention, and the text after it (at most `after`), within its
/// paragraph, on one line. Untrusted text is left as it is: callers show it
/// through the sanitizer.
pub fn context(text: &str, span: Span, before: usize, after: usize) -> (&str, &str, &str) {
    let (s, e) = (span.start as usize, span.end as usize);
    let para_start = text[..s].rfind('\n').map_or(0, |i| i + 1);
    let para_end = text[e..].find('\n').map_or(text.len(), |i| e + i);
    let left = &text[para_start..s];
    let left_start = match before {
        0 => s,
        n => left.char_indices().rev().nth(n - 1).map_or(para_start, |(i, _)| para_start + i),
    };
    let right_end = text[e..para_end].char_indices().nth(after).map_or(para_end, |(i, _)| e + i);
    (&text[left_start..s], &text[s..e], &text[e..right_end])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::fixture::sample_corpus as sample;

    #[test]
    fn rows_list_mentions_then_claims_by_and_about_grouped_by_document() {
        let c = sample();
        let e = c.entity_by_id("tolegenov").unwrap();
        let d = Dossier::new(&c, e);
        let rows = d.rows(&c, 0..d.len());
        assert_eq!(rows[0], DossierRow::Heading(Section::Mentions, 3));
        assert!(matches!(rows[1], DossierRow::Mention(_)) && matches!(rows[3], DossierRow::Mention(_)));
        let by = rows.iter().position(|r| *r == DossierRow::Heading(Section::ClaimsBy, 1)).unwrap();
        let about = rows.iter().position(|r| *r == DossierRow::Heading(Section::ClaimsAbout, 2)).unwrap();
        assert!(by < about);
        // a-charges is Tolegenov's own claim: under "by", not repeated under "about".
        let charges = c.claim_by_id("a-charges").unwrap();
        assert_eq!(rows.iter().filter(|r| **r == DossierRow::Claim(charges)).count(), 1);
        // About: a-arrest in the report, i-detention in the interview, each under its document.
        let about_rows = &rows[about..];
        let report = about_rows.iter().position(|r| *r == DossierRow::Document(crate::data::model::DocIdx(0))).unwrap();
        let interview =
            about_rows.iter().position(|r| *r == DossierRow::Document(crate::data::model::DocIdx(1))).unwrap();
        assert!(report < interview);
        let arrest = c.claim_by_id("a-arrest").unwrap();
        assert_eq!(about_rows[report + 1], DossierRow::Claim(arrest));
        assert_eq!(about_rows[report + 2], DossierRow::Link(arrest, 0), "its relation follows it");
        assert_eq!(d.target(&c, about + report + 2), Some(Target::Claim(c.claim_by_id("i-detention").unwrap())));
        assert_eq!(d.row(&c, d.len()), None);
    }

    #[test]
    fn mention_rows_are_made_on_demand() {
        let c = sample();
        let e = c.entity_by_id("tolegenov").unwrap();
        let d = Dossier::new(&c, e);
        let third = c.entity_mentions(e)[2];
        assert_eq!(d.row(&c, 3), Some(DossierRow::Mention(third)));
        assert_eq!(d.row_of_mention(&c, third), Some(3));
        assert_eq!(d.target(&c, 3), Some(Target::Mention(third)));
    }

    #[test]
    fn context_stays_in_the_paragraph() {
        let text = "First para.\nAslan Tolegenov, a blogger from Kostanay, was placed\nLast.";
        let s = text.find("blogger").unwrap();
        let (l, m, r) = context(text, Span::new(s, s + 7), 10, 6);
        assert_eq!((l, m, r), ("egenov, a ", "blogger", " from "));
        let (l, _, r) = context(text, Span::new(12, 17), 40, 400);
        assert_eq!(l, "");
        assert_eq!(r, " Tolegenov, a blogger from Kostanay, was placed");
    }
}
