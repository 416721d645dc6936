//! What a row of the dossier or the overview says, as plain text, for `/`
//! to filter by ([`super::row_match`]): the words the row shows, taken from
//! the corpus as they are (nothing is drawn from them).

use super::dossier::{Dossier, DossierRow, context};
use super::overview::OverviewRow;
use crate::data::model::{ClaimIdx, Corpus};

/// Characters of a mention's context on each side that a filter looks at:
/// as many as its row can show.
const CONTEXT: usize = 200;

/// A claim as its rows show it: kind, claimant, id, summary or text.
fn claim_text(corpus: &Corpus, c: ClaimIdx) -> String {
    let claim = corpus.claim(c);
    let gist = claim.summary.as_deref().unwrap_or_else(|| corpus.claim_text(c));
    format!("{} {} {} {gist}", claim.kind.name(), corpus.claimant_name(c), claim.id)
}

/// The text of dossier row `i`.
pub fn dossier_row(corpus: &Corpus, dossier: &Dossier, i: usize) -> String {
    let Some(row) = dossier.row(corpus, i) else { return String::new() };
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
        assert_eq!(dossier_row(&c, &d, 0), "Mentions 3");
        assert!(dossier_row(&c, &d, 1).contains("Tolegenov"));
        let o = super::super::overview::Overview::new(&c);
        assert_eq!(overview_row(&c, &o.rows[0]), "Documents 2");
    }
}
