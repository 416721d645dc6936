//! The mapping's tests: grouping, naming, links, claims, ids.

use super::text::{normalize, normalized};
use super::*;
use crate::data::import::ir::Link;
use crate::data::model::{ClaimKind, MentionIdx, RelationKind};

fn span(label: &str, text: &str, find: &str, nth: usize) -> SpanAnn {
    let start = text.match_indices(find).nth(nth).expect("in the text").0;
    let fragments = std::iter::once(start..start + find.len()).collect();
    SpanAnn { label: label.into(), fragments, ..SpanAnn::default() }
}

fn input(file: &str, docs: Vec<Doc>) -> ReadInput {
    ReadInput {
        file: file.into(),
        stem: file.split('.').next().unwrap().into(),
        format: Format::Brat,
        imported: Imported { documents: docs, ..Imported::default() },
    }
}

#[test]
fn spans_are_grouped_by_label_and_text_and_by_what_the_files_say() {
    let t1 = "Aslan Tolegenov was detained. TOLEGENOV denies it.";
    let t2 = "Tolegenov’s lawyer spoke in Kostanay.";
    let mut a = span("PER", t1, "Aslan Tolegenov", 0);
    a.same_as.push("equiv:a:1".into());
    let mut b = span("PER", t1, "TOLEGENOV", 0);
    b.same_as.push("equiv:a:1".into());
    let doc1 = Doc { id: "a".into(), text: t1.into(), spans: vec![a, b], ..Doc::default() };
    let c = span("PER", t2, "Tolegenov", 0);
    let d = span("LOC", t2, "Kostanay", 0);
    let doc2 = Doc { id: "b".into(), text: t2.into(), spans: vec![c, d], ..Doc::default() };
    let mut builder = CorpusBuilder::default();
    let problems =
        map_into(&mut builder, vec![input("a.ann", vec![doc1]), input("b.ann", vec![doc2])], &MapOptions::default());
    assert!(problems.is_empty(), "{problems:?}");
    let corpus = builder.finish();
    let names: Vec<(&str, &str, Vec<&str>)> = corpus
        .entities()
        .iter()
        .map(|e| (e.id.as_str(), e.kind.name(), e.aliases.iter().map(String::as_str).collect()))
        .collect();
    // "TOLEGENOV" and "Tolegenov" are one text ignoring case; the Equiv set joins the full name.
    assert_eq!(
        names,
        vec![("per-aslan-tolegenov", "person", vec!["TOLEGENOV", "Tolegenov"]), ("loc-kostanay", "place", vec![])]
    );
    assert_eq!(corpus.entity_label(EntityIdx(0)), Some("PER"));
    assert_eq!(corpus.mentions().len(), 4);
    let summary = corpus.imported().unwrap();
    assert_eq!((summary.spans, summary.entities, summary.claims), (4, 2, 0));
}

#[test]
fn spans_linked_to_a_knowledge_base_share_an_entity_with_their_text_only_when_linked_alike() {
    let text = "Astana, Astana, Astana, Astana, Nur-Sultan, astana and Astana.";
    let reference =
        |target: &str| crate::data::model::Reference { kind: "Reference".into(), target: target.into(), text: None };
    let linked = |nth: usize, find: &str, target: Option<&str>| {
        let mut s = span("LOC", text, find, nth);
        s.references.extend(target.map(reference));
        s
    };
    let mut spans = vec![
        linked(0, "Astana", Some("GeoNames:1526273")),
        linked(1, "Astana", Some("GeoNames:1526273")),
        linked(2, "Astana", Some("Wikipedia:FC_Astana")),
        linked(3, "Astana", None),
        linked(0, "Nur-Sultan", Some("GeoNames:1526273")),
        linked(0, "astana", None),
        // Two references: one entity with the spans of either.
        linked(4, "Astana", Some("Wikipedia:FC_Astana")),
    ];
    spans[6].references.push(reference("GeoNames:1526273"));
    let doc = Doc { id: "d".into(), text: text.into(), spans, ..Doc::default() };
    let mut builder = CorpusBuilder::default();
    let problems = map_into(&mut builder, vec![input("d.ann", vec![doc])], &MapOptions::default());
    assert!(problems.is_empty(), "{problems:?}");
    let corpus = builder.finish();
    let of: Vec<usize> = corpus.mentions().iter().map(|m| m.entity.index()).collect();
    // In text order: the three linked to the city and "Nur-Sultan" and the
    // span linked to both are one; the unlinked "Astana" and "astana" another.
    assert_eq!(of, [0, 0, 0, 1, 0, 1, 0]);
    assert_eq!(corpus.entities().len(), 2);
    // Without the span linked to both, the club's is an entity of its own.
    let mut builder = CorpusBuilder::default();
    let mut spans: Vec<SpanAnn> = (0..4)
        .map(|nth| linked(nth, "Astana", [Some("GeoNames:1526273"), Some("Wikipedia:FC_Astana"), None, None][nth]))
        .collect();
    spans.push(linked(0, "astana", None));
    let doc = Doc { id: "d".into(), text: text.into(), spans, ..Doc::default() };
    assert!(map_into(&mut builder, vec![input("d.ann", vec![doc])], &MapOptions::default()).is_empty());
    let corpus = builder.finish();
    let of: Vec<usize> = corpus.mentions().iter().map(|m| m.entity.index()).collect();
    assert_eq!(of, [0, 1, 2, 2, 2]);
}

#[test]
fn fragments_links_and_claims_by_the_label_map() {
    let text = "Kazakh and Russian officials met. Tokayev said ties are strong. Critics disagree.";
    let mut frag = span("NORP", text, "Kazakh", 0);
    let off = span("NORP", text, "officials", 0).fragments[0].clone();
    frag.fragments.push(off);
    frag.attributes.push(crate::data::model::Attribute { name: "Negation".into(), value: None });
    let tok = span("PER", text, "Tokayev", 0);
    let c1 = span("own_claim", text, "ties are strong", 0);
    let c2 = span("own_claim", text, "Critics disagree", 0);
    let links = vec![
        Link { from: 2, to: 3, kind: "claimant".into(), ..Link::default() },
        Link { from: 3, to: 2, kind: "claimant".into(), ..Link::default() },
        Link { from: 4, to: 2, kind: "attacks".into(), ..Link::default() },
        Link { from: 1, to: 0, kind: "meets".into(), id: Some("R1".into()), ..Link::default() },
    ];
    let russian = span("NORP", text, "Russian", 0);
    let doc =
        Doc { id: "d".into(), text: text.into(), spans: vec![frag, russian, c1, tok, c2], links, ..Doc::default() };
    let map = LabelMap::parse("m.json", r#"{"labels": {"own_claim": {"claim": "opinion"}}}"#).unwrap();
    let mut builder = CorpusBuilder::default();
    let options = MapOptions { labels: Some(&map), strict: false };
    let problems = map_into(&mut builder, vec![input("d.ann", vec![doc])], &options);
    assert!(problems.is_empty(), "{problems:?}");
    let corpus = builder.finish();
    let kazakh = MentionIdx::from_index(0);
    assert_eq!(corpus.mention_text(kazakh), "Kazakh officials");
    assert_eq!(corpus.mention_fragments(kazakh).len(), 2);
    assert_eq!(corpus.mention_detail(kazakh).unwrap().attributes[0].name, "Negation");
    let links = corpus.mention_links();
    assert_eq!(links.len(), 1);
    assert_eq!((corpus.mention_text(links[0].from).as_ref(), links[0].kind.as_str()), ("Russian", "meets"));
    assert_eq!(corpus.mention_detail(links[0].from).unwrap().ids, Vec::<String>::new());
    let claims = corpus.claims();
    assert_eq!(claims.len(), 2);
    assert_eq!(claims[0].kind, ClaimKind::Opinion);
    assert_eq!(corpus.claimant_name(ClaimIdx(0)), "Tokayev");
    assert_eq!(claims[1].relations[0].kind, RelationKind::Contradicts);
    let summary = corpus.imported().unwrap();
    assert_eq!(summary.sources[0].not_imported, vec![("links from a mention to a claim".to_string(), 1)]);
}

#[test]
fn text_is_compared_folded() {
    assert_eq!(normalize("  Tolegenov’s\n\t LAWYER — ҚАЗАҚ "), "tolegenov's lawyer - қазақ");
    assert_eq!(normalize(""), "");
    let two = SpanAnn { fragments: vec![0..3, 5..8].into(), ..SpanAnn::default() };
    assert_eq!(normalized(two.fragments.iter().map(|f| &"Abc  Def"[f.clone()])).collect::<String>(), "abc def");
}

#[test]
fn a_document_id_used_twice_is_prefixed_then_refused() {
    let doc = |id: &str| Doc { id: id.into(), text: "Astana.".into(), ..Doc::default() };
    let mut builder = CorpusBuilder::default();
    let problems = map_into(
        &mut builder,
        vec![input("x.jsonl", vec![doc("1")]), input("y.jsonl", vec![doc("1")]), input("y.jsonl", vec![doc("1")])],
        &MapOptions::default(),
    );
    let ids: Vec<&str> = builder.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, vec!["1", "y/1"]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].to_string(), "y.jsonl: document id \"1\" is used by another file too");
}

#[test]
fn strict_refuses_what_was_not_imported() {
    let mut imported =
        Imported { documents: vec![Doc { id: "d".into(), text: "x".into(), ..Doc::default() }], ..Imported::default() };
    imported.skip_n("HTML results", 3);
    let read = ReadInput { file: "t.json".into(), stem: "t".into(), format: Format::LabelStudio, imported };
    let mut builder = CorpusBuilder::default();
    let problems = map_into(&mut builder, vec![read], &MapOptions { labels: None, strict: true });
    assert_eq!(
        problems.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
        vec!["t.json: not imported: 3 HTML results (--strict refuses what cannot be imported)"]
    );
}

#[test]
fn a_form_is_borrowed_exactly_when_its_white_space_is_single_spaces() {
    // The byte scan against the definition it stands for, on every string
    // of up to five of these characters.
    let old = |s: &str| {
        !s.starts_with(' ')
            && !s.ends_with(' ')
            && !s.contains("  ")
            && !s.contains(|c: char| c.is_whitespace() && c != ' ')
    };
    let alphabet = ['a', ' ', '\t', '\n', '\u{a0}', 'я', '\u{2003}', '\u{1f}'];
    let mut strings = vec![String::new()];
    for _ in 0..5 {
        let longer: Vec<String> =
            strings.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
        for s in &longer {
            assert_eq!(super::text::spaced_once(s), old(s), "{s:?}");
        }
        strings = longer;
    }
}

#[test]
fn every_character_folds_into_a_buffer_as_the_folded_iterator_folds_it() {
    // Past ASCII, the first few thousand characters are folded by a table.
    let mut out = String::new();
    for c in (0..0x3000).filter_map(char::from_u32) {
        let s = format!("a{c}");
        super::text::fold_into(&mut out, std::iter::once(s.as_str()));
        assert_eq!(out, normalize(&s), "U+{:04X}", c as u32);
    }
}

#[test]
fn folding_into_a_buffer_is_the_folded_iterator() {
    // Every string of up to four of these characters, whole and cut into
    // two fragments at every character.
    let alphabet = ['A', 'я', 'Σ', 'İ', ' ', '\t', '\u{a0}', '\u{2028}', '’', '«', '—', 'ß'];
    let mut strings = vec![String::new()];
    let mut out = String::new();
    for _ in 0..4 {
        let longer: Vec<String> =
            strings.iter().flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}"))).collect();
        for s in &longer {
            super::text::fold_into(&mut out, std::iter::once(s.as_str()));
            assert_eq!(out, normalize(s), "{s:?}");
            for (cut, _) in s.char_indices().skip(1) {
                let parts = [&s[..cut], &s[cut..]];
                super::text::fold_into(&mut out, parts.into_iter());
                assert_eq!(out, normalized(parts.into_iter()).collect::<String>(), "{parts:?}");
            }
        }
        strings = longer;
    }
}

#[test]
#[allow(clippy::single_range_in_vec_init)] // a list of one range is the point
fn fragments_held_inline_or_in_a_list_are_the_same_ranges() {
    use crate::data::import::Fragments;
    let mut pushed = Fragments::default();
    assert!(pushed.is_empty());
    pushed.push(0..3);
    assert!(matches!(pushed, Fragments::One(_)));
    assert_eq!(Fragments::Many(vec![0..3]), pushed);
    pushed.push(5..8);
    assert_eq!(pushed.as_slice(), &[0..3, 5..8]);
    assert_eq!(pushed, vec![0..3, 5..8]);
    assert_eq!(Fragments::from(vec![4..9]), Fragments::from(4..9));
    assert_eq!([1..2, 3..4].into_iter().collect::<Fragments>(), vec![1..2, 3..4]);
    assert_eq!(format!("{pushed:?}"), "[0..3, 5..8]");
    let mut ids: crate::data::import::Ids = ["T1".into()].into_iter().collect();
    assert_eq!(ids, ["T1"]);
    ids.extend(["E1".into(), "E2".into()]);
    assert_eq!(ids.clone().into_vec(), ["T1", "E1", "E2"]);
    assert_eq!(ids.into_iter().last().as_deref(), Some("E2"));
}

#[test]
fn a_span_given_twice_is_one_mention_whichever_way_its_document_is_read() {
    use crate::data::import::ir::{Attachment, Note, Selector};
    let text = "Astana and Almaty. Astana again.";
    let note = |text: &str| Note { kind: "AnnotatorNotes".into(), text: text.into() };
    // Spans in text order (none can repeat another), a span given twice
    // out of order, and a W3C annotation of the same span after the corpus is read.
    let ordered = vec![span("LOC", text, "Astana", 0), span("LOC", text, "Almaty", 0), span("LOC", text, "Astana", 1)];
    let mut again = span("LOC", text, "Astana", 0);
    again.notes.push(note("capital"));
    let twice = vec![span("LOC", text, "Astana", 0), span("LOC", text, "Almaty", 0), again];
    let doc = |id: &str, spans: Vec<SpanAnn>| Doc {
        id: id.into(),
        text: text.into(),
        url: Some(format!("https://example.org/{id}")),
        spans,
        ..Doc::default()
    };
    let attached = Attachment {
        source: "https://example.org/c".into(),
        selectors: vec![Selector::Position { start: 11, end: 17, refined: None }],
        id: Some("a1".into()),
        label: "LOC".into(),
        notes: vec![note("second city")],
        position: None,
    };
    let w3c = ReadInput {
        file: "notes.json".into(),
        stem: "notes".into(),
        format: Format::W3c,
        imported: Imported { attachments: vec![attached], ..Imported::default() },
    };
    let inputs = vec![
        input("a.ann", vec![doc("a", ordered)]),
        input("b.ann", vec![doc("b", twice)]),
        input("c.ann", vec![doc("c", vec![span("LOC", text, "Almaty", 0)])]),
        w3c,
    ];
    let mut builder = CorpusBuilder::default();
    let problems = map_into(&mut builder, inputs, &MapOptions::default());
    assert!(problems.is_empty(), "{problems:?}");
    let corpus = builder.finish();
    let per_doc: Vec<usize> = (0..3).map(|d| corpus.mentions().iter().filter(|m| m.doc == DocIdx(d)).count()).collect();
    assert_eq!(per_doc, [3, 2, 1]);
    let notes = |d: u32| -> Vec<String> {
        (0..corpus.mentions().len())
            .filter(|&m| corpus.mentions()[m].doc == DocIdx(d))
            .filter_map(|m| corpus.mention_detail(MentionIdx::from_index(m)))
            .flat_map(|detail| detail.notes.iter().map(|n| n.text.to_string()))
            .collect()
    };
    assert_eq!(notes(1), ["capital"]);
    assert_eq!(notes(2), ["second city"]);
}

#[test]
fn labels_are_told_apart_however_many_an_input_has() {
    // Past a few labels an input's are looked up in a table rather than a list.
    let labels: Vec<String> = (0..40).map(|k| format!("L{k}")).collect();
    let text = "Astana ".repeat(80);
    let mut spans = Vec::new();
    for round in 0..2 {
        for (k, label) in labels.iter().enumerate() {
            spans.push(span(label, &text, "Astana", round * 40 + k));
        }
    }
    let doc = Doc { id: "d".into(), text: text.clone(), spans, ..Doc::default() };
    let mut builder = CorpusBuilder::default();
    let problems = map_into(&mut builder, vec![input("d.ann", vec![doc])], &MapOptions::default());
    assert!(problems.is_empty(), "{problems:?}");
    let corpus = builder.finish();
    // One entity a label, each mentioned in both rounds, in the order first seen.
    assert_eq!(corpus.entities().len(), 40);
    for (k, label) in labels.iter().enumerate() {
        // A label of no known set is a kind of its own.
        assert_eq!(corpus.entities()[k].kind.name(), label);
        let mentions = corpus.mentions().iter().filter(|m| m.entity == EntityIdx(k as u32)).count();
        assert_eq!(mentions, 2, "{label}");
    }
}

#[test]
fn labels_met_in_another_order_later_in_the_corpus_keep_their_meaning() {
    // The corpus's two halves number the labels they meet on their own,
    // and the second half's are renumbered after: here it meets D first.
    let text = "Astana Astana Astana";
    let doc = |id: &str, labels: [&str; 3]| Doc {
        id: id.into(),
        text: text.into(),
        spans: labels.iter().enumerate().map(|(k, label)| span(label, text, "Astana", k)).collect(),
        ..Doc::default()
    };
    let docs = vec![doc("a", ["A", "B", "C"]), doc("b", ["D", "C", "A"])];
    let mut builder = CorpusBuilder::default();
    let problems = map_into(&mut builder, vec![input("a.ann", docs)], &MapOptions::default());
    assert!(problems.is_empty(), "{problems:?}");
    let corpus = builder.finish();
    let kinds: Vec<&str> = corpus.entities().iter().map(|e| e.kind.name()).collect();
    assert_eq!(kinds, ["A", "B", "C", "D"]);
    let of = |doc: u32| -> Vec<&str> {
        corpus
            .mentions()
            .iter()
            .filter(|m| m.doc == DocIdx(doc))
            .map(|m| corpus.entities()[m.entity.index()].kind.name())
            .collect()
    };
    assert_eq!((of(0), of(1)), (vec!["A", "B", "C"], vec!["D", "C", "A"]));
}

#[test]
fn a_mention_keeps_its_references_to_anything_but_a_dossier_entity() {
    let text = "Astana and Almaty and Oral";
    let reference =
        |target: &str| crate::data::model::Reference { kind: "Reference".into(), target: target.into(), text: None };
    let mut linked = span("LOC", text, "Astana", 0);
    linked.references.push(reference("Wikipedia:64488"));
    let mut both = span("LOC", text, "Almaty", 0);
    both.references.push(reference("dossier:almaty"));
    both.references.push(reference("GeoNames:1526384"));
    let mut dossier_only = span("LOC", text, "Oral", 0);
    dossier_only.references.push(reference("dossier:oral"));
    let doc = Doc { id: "d".into(), text: text.into(), spans: vec![linked, both, dossier_only], ..Doc::default() };
    let mut builder = CorpusBuilder::default();
    let problems = map_into(&mut builder, vec![input("d.ann", vec![doc])], &MapOptions::default());
    assert!(problems.is_empty(), "{problems:?}");
    let corpus = builder.finish();
    let kept: Vec<Vec<&str>> = (0..3)
        .map(|m| {
            let detail = corpus.mention_detail(MentionIdx::from_index(m));
            detail.map(|d| d.references.iter().map(|r| r.target.as_str()).collect()).unwrap_or_default()
        })
        .collect();
    assert_eq!(kept, [vec!["Wikipedia:64488"], vec!["GeoNames:1526384"], vec![]]);
    assert!(corpus.mention_detail(MentionIdx::from_index(2)).is_none());
}

#[test]
fn an_entity_whose_given_id_is_taken_gets_one_of_its_label_and_name() {
    let text = "Almaty is large.";
    let mut almaty = span("LOC", text, "Almaty", 0);
    almaty.references.push(crate::data::model::Reference {
        kind: "Reference".into(),
        target: "dossier:almaty".into(),
        text: None,
    });
    let doc = Doc { id: "d".into(), text: text.into(), spans: vec![almaty], ..Doc::default() };
    let mut builder = CorpusBuilder::default();
    // A corpus already holds an entity of that id (a dossier/1 file loaded beside).
    builder.entities.push(Entity {
        id: "almaty".into(),
        name: "Almaty".into(),
        kind: EntityKind::Place,
        aliases: Vec::new(),
        description: String::new(),
    });
    let problems = map_into(&mut builder, vec![input("d.ann", vec![doc])], &MapOptions::default());
    assert!(problems.is_empty(), "{problems:?}");
    let ids: Vec<&str> = builder.entities.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["almaty", "loc-almaty"]);
}
