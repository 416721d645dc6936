//! What a row of the dossier or the overview says, as plain text, for `/`
//! to filter by ([`super::row_match`]): the words the row shows, taken from
//! the corpus as they are (nothing is drawn from them).

use std::borrow::Cow;

use super::dossier::{Dossier, DossierRow, context};
use super::overview::OverviewRow;
use crate::data::model::{ClaimIdx, Corpus};

/// Characters of a mention's context on each side that a filter looks at:
/// about as many as its row shows on a wide screen (what the row does not
/// show, a filter should not find it by).
const CONTEXT: usize = 100;

/// The same in bytes, for mentions' rows (a Cyrillic line is two bytes a letter).
const CONTEXT_BYTES: usize = 2 * CONTEXT;

/// A claim as its rows show it: kind, claimant, id, summary or text.
fn claim_text(corpus: &Corpus, c: ClaimIdx) -> String {
    let claim = corpus.claim(c);
    let gist = claim.summary.as_deref().unwrap_or_else(|| corpus.claim_text(c));
    format!("{} {} {} {gist}", claim.kind.name(), corpus.claimant_name(c), claim.id)
}

/// The text of dossier row `i`: a mention's row is borrowed from the
/// document (its context is one stretch of the text), so filtering 80,000
/// of them copies nothing.
pub fn dossier_row<'c>(corpus: &'c Corpus, dossier: &Dossier, i: usize) -> Cow<'c, str> {
    let Some(row) = dossier.row(corpus, i) else { return Cow::Borrowed("") };
    if let DossierRow::Mention(m) = row {
        if super::details::mention_facts(corpus, m).next().is_none() {
            let mention = corpus.mention(m);
            return Cow::Borrowed(around(&corpus.doc(mention.doc).text, mention.span));
        }
    }
    Cow::Owned(owned_row(corpus, dossier, row))
}

/// The stretch of `text` around `span` within its paragraph, at most
/// [`CONTEXT_BYTES`] either side (as much as a row shows, measured in bytes
/// so no character is walked).
fn around(text: &str, span: crate::data::model::Span) -> &str {
    let (s, e) = (span.start as usize, span.end as usize);
    let mut lo = s.saturating_sub(CONTEXT_BYTES);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (e + CONTEXT_BYTES).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let start = memchr::memrchr(b'\n', &text.as_bytes()[lo..s]).map_or(lo, |i| lo + i + 1);
    let end = memchr::memchr(b'\n', &text.as_bytes()[e..hi]).map_or(hi, |i| e + i);
    &text[start..end]
}

fn owned_row(corpus: &Corpus, dossier: &Dossier, row: DossierRow) -> String {
    match row {
        DossierRow::Heading(section, n) => format!("{} {n}", section.title()),
        DossierRow::Fact(k) => {
            dossier.facts.tallies.get(k).and_then(|t| t.fact(corpus)).map(|f| f.to_string()).unwrap_or_default()
        }
        DossierRow::Mention(m) | DossierRow::MentionFacts(m) => {
            let mention = corpus.mention(m);
            let (before, it, after) = context(&corpus.doc(mention.doc).text, mention.span, CONTEXT, CONTEXT);
            let facts: Vec<String> = super::details::mention_facts(corpus, m).map(|f| f.to_string()).collect();
            format!("{before}{it}{after} {}", facts.join(" "))
        }
        DossierRow::Relation(end) | DossierRow::RelationFacts(end) => {
            let other = end.other(corpus);
            let kind = end.link(corpus).map_or("", |l| l.kind.as_str());
            let mention = corpus.mention(other);
            let (before, it, after) = context(&corpus.doc(mention.doc).text, mention.span, CONTEXT, CONTEXT);
            format!("{kind} {} {before}{it}{after}", corpus.entity(mention.entity).name)
        }
        DossierRow::Document(d) => format!("{} {}", corpus.doc(d).display_title(), corpus.doc(d).id),
        DossierRow::NamedWith(k) => dossier.together.get(k).map_or(String::new(), |t| {
            let entity = corpus.entity(t.entity);
            format!("{} {}", entity.name, entity.kind.name())
        }),
        // What is not yet counted, or not listed, holds nothing to find.
        DossierRow::More(_) | DossierRow::Counting => String::new(),
        DossierRow::Claim(c) => claim_text(corpus, c),
        DossierRow::Link(c, l) => {
            let link = corpus.link(c, l);
            format!("{} {} {}", link.label(), claim_text(corpus, link.other), link.note.unwrap_or(""))
        }
        DossierRow::Empty | DossierRow::Blank => String::new(),
    }
}

/// The text of an overview row.
pub fn overview_row(corpus: &Corpus, row: &OverviewRow) -> String {
    match *row {
        OverviewRow::Heading(title, n) => format!("{title} {n}"),
        OverviewRow::Document(d) => format!("{} {}", corpus.doc(d).display_title(), corpus.doc(d).id),
        OverviewRow::Entity(e) => {
            let entity = corpus.entity(e);
            format!("{} {}", entity.kind.name(), entity.names().collect::<Vec<_>>().join(" "))
        }
        OverviewRow::Relation(from, k) => {
            let claim = corpus.claim(from);
            let rel = &claim.relations[k];
            let to = corpus.claim(rel.target);
            format!("{} {} {} {}", claim.id, rel.kind.name(), to.id, rel.note.as_deref().unwrap_or(""))
        }
        OverviewRow::Empty | OverviewRow::Blank => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::fixture::sample_corpus;

    #[test]
    fn rows_read_as_they_show() {
        let c = sample_corpus();
        let t = c.entity_by_id("tolegenov").unwrap();
        let d = Dossier::new(&c, t);
        assert_eq!(dossier_row(&c, &d, 0), "Named with it 9");
        assert!(!dossier_row(&c, &d, 1).is_empty(), "a named-with row reads as its entity");
        let mentions = (0..d.len()).find(|&i| dossier_row(&c, &d, i) == "Mentions 3").expect("the mentions heading");
        assert!(dossier_row(&c, &d, mentions + 1).contains("Tolegenov"));
        let o = super::super::overview::Overview::new(&c);
        assert_eq!(overview_row(&c, &o.rows[0]), "Documents 2");
        // A mention's row is its paragraph around it, borrowed.
        let text = "one\ntwo Аслан three\nfour";
        let at = text.find("Аслан").unwrap();
        assert_eq!(around(text, crate::data::model::Span::new(at, at + "Аслан".len())), "two Аслан three");
    }
}
