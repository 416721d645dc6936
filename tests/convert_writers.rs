//! The brat, doccano and W3C writers on the built-in corpus (every mention
//! and claim written, counted) and on random corpora full of what the
//! formats find awkward (line breaks, tabs, spaces and colons in names,
//! emoji, clashing ids, unsafe document ids, links across documents): no
//! panic, and what is written reads back by hand. Round trips through the
//! readers are tested where the readers are.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use dossier::data::model::{
    Attribute, Claim, ClaimIdx, ClaimKind, Corpus, CorpusBuilder, DocIdx, Document, Entity, EntityIdx, EntityKind,
    Mention, MentionDetail, Note, PendingLink, Reference, Relation, RelationKind, Span,
};
use dossier::data::write::{Report, brat, doccano, w3c};
use proptest::prelude::*;
use serde_json::Value;

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-convert-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Checks a brat folder by hand: each `.ann` beside its `.txt`, every `T`
/// line's char offsets slicing the text to its quote, ids unique, every line
/// pointing at ids of its file. Returns the `T` lines counted.
fn check_brat(dir: &Path) -> usize {
    let mut spans = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ann") {
            let text = std::fs::read_to_string(path.with_extension("txt")).unwrap();
            spans += check_ann(&std::fs::read_to_string(&path).unwrap(), &text);
        }
    }
    spans
}

fn check_ann(ann: &str, text: &str) -> usize {
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let mut ids = HashSet::new();
    let mut targets = Vec::new();
    let mut spans = 0;
    for line in ann.split_terminator('\n') {
        let fields: Vec<&str> = line.splitn(3, '\t').collect();
        assert!(fields.len() >= 2 && !line.contains('\r'), "{line:?}");
        assert!(ids.insert(fields[0]), "id twice: {line:?}");
        let words: Vec<&str> = fields[1].split(' ').collect();
        assert!(words.iter().all(|w| !w.is_empty()), "{line:?}");
        match &fields[0][..1] {
            "T" => {
                spans += 1;
                let offsets = fields[1].split_once(' ').unwrap().1;
                let quote: Vec<&str> = offsets
                    .split(';')
                    .map(|f| {
                        let (s, e) = f.split_once(' ').unwrap();
                        let (s, e): (usize, usize) = (s.parse().unwrap(), e.parse().unwrap());
                        assert!(s < e, "{line:?}");
                        &text[starts[s]..starts[e]]
                    })
                    .collect();
                assert_eq!(quote.join(" "), fields[2], "{line:?}");
            }
            "E" | "R" => {
                let args = if fields[0].starts_with('R') { &words[1..] } else { &words[..] };
                for a in args {
                    let parts: Vec<&str> = a.split(':').collect();
                    assert_eq!(parts.len(), 2, "{line:?}");
                    targets.push(parts[1]);
                }
            }
            "A" | "N" | "#" => targets.push(words[1]),
            _ => panic!("unknown line {line:?}"),
        }
    }
    for t in targets {
        assert!(ids.contains(t), "{t} is not in the file:\n{ann}");
    }
    spans
}

/// Checks doccano JSONL by hand: one record per document, its text the
/// document's, offsets inside it, relations between its entities. Returns
/// the entities counted.
fn check_doccano(out: &[u8], corpus: &Corpus) -> usize {
    let out = std::str::from_utf8(out).unwrap();
    let mut spans = 0;
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), corpus.documents().len());
    for (line, doc) in lines.iter().zip(corpus.documents()) {
        let record: Value = serde_json::from_str(line).unwrap();
        assert_eq!(record["id"], doc.id.as_str());
        assert_eq!(record["text"], doc.text.as_str());
        let entities = record["entities"].as_array().unwrap();
        let mut ids = HashSet::new();
        for e in entities {
            let (s, end) = (e["start_offset"].as_u64().unwrap(), e["end_offset"].as_u64().unwrap());
            assert!(s <= end && end as usize <= doc.chars, "{e}");
            assert!(ids.insert(e["id"].as_u64().unwrap()), "{e}");
        }
        let mut rel_ids = HashSet::new();
        for r in record["relations"].as_array().unwrap() {
            assert!(ids.contains(&r["from_id"].as_u64().unwrap()) && ids.contains(&r["to_id"].as_u64().unwrap()));
            assert!(rel_ids.insert(r["id"].as_u64().unwrap()), "{r}");
        }
        spans += entities.len();
    }
    spans
}

/// Checks the W3C collection by hand: its total, unique ids, quotes equal
/// to the text at their positions. Returns the annotations that have text.
fn check_w3c(out: &[u8], corpus: &Corpus) -> usize {
    let collection: Value = serde_json::from_slice(out).unwrap();
    let items = collection["first"]["items"].as_array().unwrap();
    assert_eq!(collection["total"], items.len());
    let ids: HashSet<&str> = items.iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), items.len());
    let mut spans = 0;
    for item in items {
        if item["motivation"] == "linking" {
            assert!(ids.contains(item["target"].as_str().unwrap()));
            continue;
        }
        spans += 1;
        let targets = match &item["target"] {
            Value::Array(list) => list.clone(),
            one => vec![one.clone()],
        };
        for t in targets {
            let source = t["source"].as_str().unwrap();
            let doc = corpus.documents().iter().find(|d| d.url.as_deref() == Some(source) || d.id == source).unwrap();
            let chars: Vec<char> = doc.text.chars().collect();
            let (start, end) = (t["selector"][1]["start"].as_u64().unwrap(), t["selector"][1]["end"].as_u64().unwrap());
            let exact: String = chars[start as usize..end as usize].iter().collect();
            assert_eq!(t["selector"][0]["exact"], exact.as_str());
        }
    }
    spans
}

fn writes_everything(corpus: &Corpus, name: &str) -> [Report; 3] {
    let dir = temp_dir(name);
    let from_brat = brat::write(corpus, &dir).unwrap();
    assert_eq!(check_brat(&dir), from_brat.spans);
    std::fs::remove_dir_all(&dir).unwrap();
    let mut out = Vec::new();
    let from_doccano = doccano::write(corpus, &mut out).unwrap();
    assert_eq!(check_doccano(&out, corpus), from_doccano.spans);
    let mut out = Vec::new();
    let from_w3c = w3c::write(corpus, &mut out).unwrap();
    assert_eq!(check_w3c(&out, corpus), from_w3c.spans);
    [from_brat, from_doccano, from_w3c]
}

#[test]
fn the_built_in_corpus_is_written_whole_in_each_format() {
    let corpus = dossier::data::load::builtin::load().unwrap();
    let spans = corpus.mentions().len() + corpus.claims().len();
    let claim_links: usize =
        corpus.claims().iter().map(|c| usize::from(c.claimant.is_some()) + c.about.len() + c.relations.len()).sum();
    let [from_brat, from_doccano, from_w3c] = writes_everything(&corpus, "builtin");
    for (format, report) in [("brat", &from_brat), ("doccano", &from_doccano), ("w3c", &from_w3c)] {
        eprintln!("{format}: {report:?}");
        assert_eq!(report.documents, 2, "{format}");
        assert_eq!(report.spans, spans, "{format}: every mention and claim is a span");
    }
    // W3C links anything to anything; brat and doccano lose what has no
    // mention or claim to point to in the claim's document.
    assert_eq!(from_w3c.relations, claim_links);
    let unplaced = [
        "claimants and abouts not mentioned in the claim's document (written as notes)",
        "claim relations across documents (written as notes)",
    ];
    assert_eq!(from_brat.relations + unplaced.iter().map(|w| from_brat.lost(w)).sum::<usize>(), claim_links);
    let unplaced = ["claimants and abouts not mentioned in the claim's document", "claim relations across documents"];
    assert_eq!(from_doccano.relations + unplaced.iter().map(|w| from_doccano.lost(w)).sum::<usize>(), claim_links);
    // The five unnamed claimants (tests/builtin_entities.rs, UNNAMED_CLAIMANTS).
    assert_eq!(from_brat.lost("entities without a mention"), 5);
}

/// A tiny deterministic generator, so one seed is one corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.below(from.len())]
    }
    fn maybe(&mut self, from: &[&str]) -> Option<String> {
        if self.below(2) == 0 { None } else { Some(self.pick(from).to_string()) }
    }
    /// A byte span on char boundaries of `text`, possibly empty.
    fn span(&mut self, text: &str) -> Span {
        let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
        let a = self.below(bounds.len());
        let b = a + self.below(bounds.len() - a);
        Span::new(bounds[a], bounds[b])
    }
}

const AWKWARD: &[&str] = &["", "a b", "x:y", "line\nbreak", "tab\there", "\r", "Қазақ", "🙂", "%", "T1", "E2", "7"];

fn random_corpus(seed: u64) -> Corpus {
    let mut rng = Rng(seed | 1);
    let mut b = CorpusBuilder::default();
    let pieces = ["a", "é", "🙂", "\n", "\r\n", " ", "Қ", "\t", "Astana", "🇰🇿"];
    let bases = ["", "..", ".", "a/b", "%", "\\", "nul\0", "x"];
    for i in 0..1 + rng.below(3) {
        let text: String = (0..rng.below(40)).map(|_| rng.pick(&pieces)).collect();
        let base = rng.pick(&bases);
        let id = if i == 0 { base.to_string() } else { format!("{base}{i}") };
        let url = if rng.below(3) == 0 { Some("https://example.kz/same".to_string()) } else { None };
        let title = rng.pick(AWKWARD).to_string();
        b.documents.push(Document { id, title, chars: text.chars().count(), text, url, ..Default::default() });
    }
    for i in 0..1 + rng.below(4) {
        let kind = if rng.below(2) == 0 { EntityKind::Person } else { EntityKind::Unknown(rng.pick(AWKWARD).into()) };
        b.entities.push(Entity {
            id: format!("e{i}{}", rng.pick(AWKWARD)),
            name: rng.pick(AWKWARD).into(),
            kind,
            aliases: (0..rng.below(3)).map(|_| rng.pick(AWKWARD).to_string()).collect(),
            description: rng.pick(AWKWARD).into(),
        });
    }
    let (docs, entities) = (b.documents.len(), b.entities.len());
    for _ in 0..rng.below(12) {
        let d = rng.below(docs);
        let span = rng.span(&b.documents[d].text);
        let m = Mention { entity: EntityIdx(rng.below(entities) as u32), doc: DocIdx(d as u32), span };
        if b.mentions.contains(&m) {
            continue;
        }
        b.mentions.push(m);
        if rng.below(2) == 0 {
            let text = &b.documents[d].text[span.range()];
            let mut fragments = Vec::new();
            if rng.below(2) == 0 && text.len() > 1 {
                let inner = rng.span(text);
                if !inner.is_empty() && inner.start > 0 {
                    fragments = vec![
                        Span::new(span.start as usize, span.start as usize + inner.start as usize),
                        Span::new(span.start as usize + inner.end as usize, span.end as usize),
                    ];
                    fragments.retain(|f| !f.is_empty());
                }
            }
            let detail = MentionDetail {
                ids: (0..rng.below(3))
                    .map(|_| rng.pick(&["T1", "T2", "E1", "E2", "R1", "0", "3", "T01"]).into())
                    .collect(),
                label: rng.maybe(AWKWARD),
                fragments,
                attributes: vec![Attribute { name: rng.pick(AWKWARD).into(), value: rng.maybe(AWKWARD) }],
                references: vec![Reference {
                    kind: rng.pick(AWKWARD).into(),
                    target: rng.pick(AWKWARD).into(),
                    text: rng.maybe(AWKWARD).map(Into::into),
                }],
                notes: vec![Note { kind: rng.pick(AWKWARD).into(), text: rng.pick(AWKWARD).into() }],
            };
            b.details.push((m, detail));
        }
    }
    let mentions = b.mentions.clone();
    for _ in 0..rng.below(8) {
        if mentions.is_empty() {
            break;
        }
        let (from, to) = (mentions[rng.below(mentions.len())], mentions[rng.below(mentions.len())]);
        b.links.push(PendingLink {
            from,
            to,
            kind: rng.pick(AWKWARD).into(),
            id: rng.maybe(&["E1", "E2", "R1", "R2", "4", "x"]),
            attributes: vec![Attribute { name: rng.pick(AWKWARD).into(), value: None }],
            notes: vec![Note { kind: "AnnotatorNotes".into(), text: rng.pick(AWKWARD).into() }],
        });
    }
    let claims = rng.below(5);
    for i in 0..claims {
        let d = rng.below(docs);
        let span = rng.span(&b.documents[d].text);
        b.claims.push(Claim {
            id: format!("c{i}{}", rng.pick(AWKWARD)),
            doc: DocIdx(d as u32),
            span,
            claimant: (rng.below(2) == 0).then(|| EntityIdx(rng.below(entities) as u32)),
            kind: ClaimKind::ALL[rng.below(ClaimKind::ALL.len())],
            about: (0..rng.below(3)).map(|_| EntityIdx(rng.below(entities) as u32)).collect(),
            relations: (0..rng.below(3))
                .map(|_| Relation {
                    target: ClaimIdx(rng.below(claims) as u32),
                    kind: RelationKind::ALL[rng.below(3)],
                    note: rng.maybe(AWKWARD),
                })
                .collect(),
            summary: rng.maybe(AWKWARD),
            note: rng.maybe(AWKWARD),
        });
    }
    b.finish()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn awkward_corpora_are_written_readably_without_panics(seed in any::<u64>()) {
        let corpus = random_corpus(seed);
        let reports = writes_everything(&corpus, &format!("random-{seed}"));
        let mentions = corpus.mentions().len();
        // brat leaves out what has no text once line breaks are cut out.
        let blank = reports[0].lost("mentions with no text but line breaks (a .ann line cannot quote them)")
            + reports[0].lost("claims with no text but line breaks (a .ann line cannot quote them)");
        prop_assert_eq!(reports[0].spans + blank, mentions + corpus.claims().len());
        prop_assert_eq!(reports[1].spans, mentions + corpus.claims().len());
        prop_assert_eq!(reports[2].spans, mentions + corpus.claims().len());
    }
}
