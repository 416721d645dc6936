//! A corpus as another tool's file makes one (brat, say): two short news
//! items with a discontinuous mention ("Kazakh … governments"), the file's
//! ids and labels, attributes, a normalization, a note, a relation and an
//! event's roles. Built with `CorpusBuilder`, so it needs no reader. One
//! file for both sides of the crate boundary: the library's tests include
//! it by path, the tests that drive the explorer as a module; each names
//! the model `super::model`.

use super::model::{
    Attribute, Corpus, CorpusBuilder, DocIdx, Document, Entity, EntityIdx, EntityKind, Mention, MentionDetail, Note,
    PendingLink, Reference, Span,
};

/// The first news item's text.
pub const DEAL: &str = "Kazakhstan's state oil company KazMunayGas and China's CNPC signed a deal in Astana on Monday.\n\
Tokayev said the Kazakh and Russian governments had not been consulted.";

/// The second one's.
pub const SHARES: &str = "Shares of KazMunayGas rose in Almaty after the deal.";

fn doc(id: &str, title: &str, text: &str) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        text: text.into(),
        chars: text.chars().count(),
        language: Some("en".into()),
        ..Default::default()
    }
}

fn entity(id: &str, name: &str, kind: EntityKind) -> Entity {
    Entity { id: id.into(), name: name.into(), kind, aliases: vec![], description: String::new() }
}

/// The byte span of the `nth` (from 0) occurrence of `needle` in `text`.
fn find(text: &str, needle: &str, nth: usize) -> Span {
    let start = text.match_indices(needle).nth(nth).map(|(i, _)| i).expect("the fixture's text has it");
    Span::new(start, start + needle.len())
}

fn attribute(name: &str, value: Option<&str>) -> Attribute {
    Attribute { name: name.into(), value: value.map(Into::into) }
}

fn ids(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// The annotated corpus: entity ids are `kazakhstan`, `kmg`, `china`,
/// `cnpc`, `signing`, `astana`, `tokayev`, `kz-gov`, `ru-gov`, `almaty`.
pub fn annotated_corpus() -> Corpus {
    let mut b = CorpusBuilder::default();
    b.documents.push(doc("deal", "KazMunayGas and CNPC sign in Astana", DEAL));
    b.documents.push(doc("shares", "KazMunayGas shares rise", SHARES));
    let kinds = [
        ("kazakhstan", "Kazakhstan", EntityKind::Place),
        ("kmg", "KazMunayGas", EntityKind::Organization),
        ("china", "China", EntityKind::Place),
        ("cnpc", "CNPC", EntityKind::Organization),
        ("signing", "signing of the deal", EntityKind::Event),
        ("astana", "Astana", EntityKind::Place),
        ("tokayev", "Kassym-Jomart Tokayev", EntityKind::Person),
        ("kz-gov", "Government of Kazakhstan", EntityKind::Organization),
        ("ru-gov", "Government of Russia", EntityKind::Organization),
        ("almaty", "Almaty", EntityKind::Place),
    ];
    for (id, name, kind) in &kinds {
        b.entities.push(entity(id, name, kind.clone()));
    }
    let e = |id: &str| EntityIdx::from_index(kinds.iter().position(|k| k.0 == id).expect("a fixture entity"));
    let (deal, shares) = (DocIdx(0), DocIdx(1));
    let at = |entity: &str, doc: DocIdx, span: Span| Mention { entity: e(entity), doc, span };

    let kazakhstan = at("kazakhstan", deal, find(DEAL, "Kazakhstan", 0));
    let kmg = at("kmg", deal, find(DEAL, "KazMunayGas", 0));
    let cnpc = at("cnpc", deal, find(DEAL, "CNPC", 0));
    let signed = at("signing", deal, find(DEAL, "signed", 0));
    let astana = at("astana", deal, find(DEAL, "Astana", 0));
    // "Kazakh … governments": the fragments, and the span that covers them.
    let (kazakh, governments) = (find(DEAL, "Kazakh ", 0), find(DEAL, "governments", 0));
    let kazakh = Span { end: kazakh.end - 1, ..kazakh };
    let kz_gov = at("kz-gov", deal, Span { start: kazakh.start, end: governments.end });
    let ru_gov = at("ru-gov", deal, find(DEAL, "Russian governments", 0));
    let kmg_shares = at("kmg", shares, find(SHARES, "KazMunayGas", 0));
    b.mentions.extend([
        kazakhstan,
        kmg,
        at("china", deal, find(DEAL, "China", 0)),
        cnpc,
        signed,
        astana,
        at("tokayev", deal, find(DEAL, "Tokayev", 0)),
        kz_gov,
        ru_gov,
        kmg_shares,
        at("almaty", shares, find(SHARES, "Almaty", 0)),
    ]);

    b.details.push((
        kmg,
        MentionDetail {
            ids: ids(&["T2"]),
            label: Some("Company".into()),
            attributes: vec![attribute("Confidence", Some("High"))],
            references: vec![Reference {
                kind: "Reference".into(),
                target: "Wikidata:Q1125773".into(),
                text: Some("KazMunayGas".into()),
            }],
            notes: vec![Note { kind: "AnnotatorNotes".into(), text: "state-owned since 2002".into() }],
            ..Default::default()
        },
    ));
    b.details.push((
        kmg_shares,
        MentionDetail {
            ids: ids(&["T1"]),
            label: Some("Company".into()),
            attributes: vec![attribute("Confidence", Some("Low"))],
            references: vec![Reference {
                kind: "Reference".into(),
                target: "Wikidata:Q1125773".into(),
                text: Some("KazMunayGas".into()),
            }],
            ..Default::default()
        },
    ));
    b.details
        .push((signed, MentionDetail { ids: ids(&["T5", "E1"]), label: Some("Signing".into()), ..Default::default() }));
    b.details.push((
        kz_gov,
        MentionDetail {
            ids: ids(&["T8"]),
            label: Some("Government".into()),
            fragments: vec![kazakh, governments],
            attributes: vec![attribute("Negation", None)],
            ..Default::default()
        },
    ));

    let link = |from: Mention, to: Mention, kind: &str, id: &str| PendingLink {
        from,
        to,
        kind: kind.into(),
        id: Some(id.into()),
        attributes: vec![],
        notes: vec![],
    };
    let mut partner = link(kmg, cnpc, "Partner", "R1");
    partner.notes.push(Note { kind: "AnnotatorNotes".into(), text: "a joint venture".into() });
    b.links.extend([partner, link(signed, kmg, "Agent", "E1"), link(signed, astana, "Place", "E1")]);
    b.finish()
}
