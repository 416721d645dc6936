//! The corpus at a glance: each document with its counts, the entities that
//! more than one document names (with their counts in each), and the
//! relations between claims of different documents, by kind. Every row
//! leads somewhere.

use crate::data::model::{ClaimIdx, Corpus, DocIdx, EntityIdx, RelationKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverviewRow {
    Heading(&'static str, usize),
    Document(DocIdx),
    /// An entity named in more than one document.
    Entity(EntityIdx),
    /// A relation declared by a claim (its index in the claim's relations)
    /// towards a claim in another document.
    Relation(ClaimIdx, usize),
    Empty,
    Blank,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub rows: Vec<OverviewRow>,
    /// Relations between claims of different documents, by kind (in
    /// `RelationKind::ALL` order), and relations within one document.
    pub across: [usize; 3],
    pub within: usize,
}

impl Overview {
    pub fn new(corpus: &Corpus) -> Overview {
        let mut rows = vec![OverviewRow::Heading("Documents", corpus.documents().len())];
        rows.extend(corpus.doc_indices().map(OverviewRow::Document));

        let mut shared: Vec<EntityIdx> = corpus.entity_indices().filter(|&e| corpus.entity_doc_count(e) > 1).collect();
        shared.sort_by(|&a, &b| {
            corpus
                .mention_count(b)
                .cmp(&corpus.mention_count(a))
                .then_with(|| corpus.entity(a).name.cmp(&corpus.entity(b).name))
        });
        rows.push(OverviewRow::Blank);
        rows.push(OverviewRow::Heading("Entities named in more than one document", shared.len()));
        if shared.is_empty() {
            rows.push(OverviewRow::Empty);
        }
        rows.extend(shared.into_iter().map(OverviewRow::Entity));

        let across: Vec<(ClaimIdx, usize, RelationKind)> = corpus
            .claims()
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                c.relations
                    .iter()
                    .enumerate()
                    .filter(move |(_, r)| corpus.claim(r.target).doc != c.doc)
                    .map(move |(k, r)| (ClaimIdx::from_index(i), k, r.kind))
            })
            .collect();
        let relations: usize = corpus.claims().iter().map(|c| c.relations.len()).sum();
        let mut by_kind = [0; 3];
        for &(_, _, kind) in &across {
            by_kind[RelationKind::ALL.iter().position(|k| *k == kind).unwrap_or(0)] += 1;
        }
        for (kind, title) in [
            (RelationKind::Contradicts, "Contradictions between documents"),
            (RelationKind::Supports, "Support between documents"),
            (RelationKind::Elaborates, "Elaborations between documents"),
        ] {
            let of_kind: Vec<OverviewRow> =
                across.iter().filter(|(_, _, k)| *k == kind).map(|&(c, r, _)| OverviewRow::Relation(c, r)).collect();
            rows.push(OverviewRow::Blank);
            rows.push(OverviewRow::Heading(title, of_kind.len()));
            if of_kind.is_empty() {
                rows.push(OverviewRow::Empty);
            }
            rows.extend(of_kind);
        }
        Overview { rows, across: by_kind, within: relations - across.len() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::fixture::sample_corpus;

    #[test]
    fn documents_shared_entities_and_cross_document_relations() {
        let c = sample_corpus();
        let o = Overview::new(&c);
        assert_eq!(o.rows[0], OverviewRow::Heading("Documents", 2));
        let shared: Vec<&str> = o
            .rows
            .iter()
            .filter_map(|r| match r {
                OverviewRow::Entity(e) => Some(c.entity(*e).id.as_str()),
                _ => None,
            })
            .collect();
        // By mentions (3, 3, 2), ties by name: "Aslan Tolegenov" before "National Security Committee".
        assert_eq!(shared, vec!["tolegenov", "knb", "kazakhstan"]);
        let relations: Vec<(&str, &str)> = o
            .rows
            .iter()
            .filter_map(|r| match r {
                OverviewRow::Relation(from, k) => {
                    let rel = &c.claim(*from).relations[*k];
                    Some((c.claim(*from).id.as_str(), rel.kind.name()))
                }
                _ => None,
            })
            .collect();
        assert_eq!(relations, vec![("a-arrest", "contradicts"), ("a-charges", "elaborates")]);
        assert!(o.rows.contains(&OverviewRow::Heading("Support between documents", 0)));
        assert_eq!((o.across, o.within), ([0, 1, 1], 0));
    }
}
