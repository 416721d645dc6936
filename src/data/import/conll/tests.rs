use super::*;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/import/conll/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_str(name: &str, text: &str) -> ReadResult {
    let stem = name.split('.').next().unwrap_or(name);
    read(Input { name, text }, stem)
}

fn ok(name: &str) -> Imported {
    let text = fixture(name);
    match read_str(name, &text) {
        Ok(imported) => imported,
        Err(problems) => panic!("{name}: {}", problems.iter().map(|p| p.to_string()).collect::<Vec<_>>().join("\n")),
    }
}

/// Each span as (label, its text, its attributes as `name=value`).
fn spans(doc: &Doc) -> Vec<(&str, &str, Vec<String>)> {
    doc.spans
        .iter()
        .map(|s| {
            let r = s.cover();
            let attrs =
                s.attributes.iter().map(|a| format!("{}={}", a.name, a.value.as_deref().unwrap_or(""))).collect();
            (s.label.as_str(), &doc.text[r], attrs)
        })
        .collect()
}

fn plain(doc: &Doc) -> Vec<(&str, &str)> {
    spans(doc).into_iter().map(|(l, t, _)| (l, t)).collect()
}

fn messages(problems: &[Problem]) -> Vec<String> {
    problems.iter().map(|p| p.to_string()).collect()
}

#[test]
fn conll2003_four_columns_split_by_docstart_with_byte_offsets_in_rebuilt_text() {
    let imported = ok("conll2003.conll");
    let ids: Vec<&str> = imported.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["conll2003-1", "conll2003-2"]);
    let doc = &imported.documents[0];
    assert_eq!(doc.text, "Тоқаев visited Astana .\n“ KazMunayGas Holding grew ”");
    assert_eq!(doc.note.as_deref(), Some(NOTE));
    assert_eq!(doc.position, Some((1, 1)));
    assert!(doc.spans.iter().all(|s| s.fragments.len() == 1));
    let got: Vec<(&str, Range<usize>)> = doc.spans.iter().map(|s| (s.label.as_str(), s.cover())).collect();
    assert_eq!(got, [("PER", 0..12), ("LOC", 21..27), ("ORG", 34..53)]);
    assert_eq!(doc.spans[0].position, Some((3, 17)), "where the tag is written");
    assert_eq!(plain(&imported.documents[1]), [("LOC", "Almaty")]);
    assert_eq!(imported.documents[1].position, Some((14, 1)));
    assert_eq!(imported.not_imported, [("chunk tags".to_string(), 9), ("POS tags".to_string(), 12)]);
    assert!(imported.warnings.is_empty());
}

#[test]
fn iob1_spans_start_with_i_and_b_splits_two_of_a_type() {
    let imported = ok("iob1.conll");
    assert_eq!(imported.documents[0].id, "iob1");
    assert_eq!(
        plain(&imported.documents[0]),
        [
            ("PER", "Nursultan Nazarbayev"),
            ("PER", "Kassym-Jomart Tokayev"),
            ("PER", "Tokayev"),
            ("LOC", "Aktobe"),
            ("LOC", "Shymkent")
        ]
    );
    assert!(imported.warnings.is_empty(), "{:?}", messages(&imported.warnings));
}

#[test]
fn bioes_on_tabs_and_biluo_on_spaces() {
    let bioes = ok("bioes.tsv");
    assert_eq!(plain(&bioes.documents[0]), [("ORG", "Eurasian Development Bank"), ("LOC", "Taraz")]);
    let biluo = ok("biluo.bio");
    assert_eq!(plain(&biluo.documents[0]), [("ORG", "Samruk-Kazyna"), ("ORG", "Air Astana")]);
    assert!(bioes.warnings.is_empty() && biluo.warnings.is_empty());
    assert!(bioes.not_imported.is_empty() && biluo.not_imported.is_empty());
}

#[test]
fn germeval_index_column_nested_entities_and_source_comments() {
    let imported = ok("germeval.tsv");
    let doc = &imported.documents[0];
    assert_eq!(doc.id, "germeval");
    assert_eq!(doc.text, "Baikonur Cosmodrome lies near Kazakhstani steppe\nAral-Sea shrank");
    let col = |n: &str| vec![format!("column={n}")];
    assert_eq!(
        spans(doc),
        [
            ("LOC", "Baikonur Cosmodrome", col("3")),
            ("LOCderiv", "Kazakhstani", col("3")),
            ("LOC", "Kazakhstani", col("4")),
            ("LOCpart", "Aral-Sea", col("3")),
            ("LOC", "Aral-Sea", col("4")),
        ]
    );
    assert_eq!(
        doc.note.as_deref(),
        Some(
            "text rebuilt from tokens: one sentence per line, tokens separated by spaces\n\
             #\thttps://kk.example.org/wiki/Baikonur [2021-04-12]\n\
             #\thttps://kk.example.org/wiki/Aral [2021-04-13]"
        )
    );
    assert_eq!(doc.position, Some((2, 1)));
    assert!(imported.not_imported.is_empty(), "the token numbers hold nothing to import");
}

#[test]
fn sentence_per_line_items_with_a_bar_in_the_token() {
    let imported = ok("sent.iob");
    let doc = &imported.documents[0];
    assert_eq!(doc.text, "Dariga Nazarbayeva spoke in 2019\nАқорда said |a|b| so");
    assert_eq!(plain(doc), [("PERSON", "Dariga Nazarbayeva"), ("DATE", "2019"), ("FAC", "Ақорда")]);
    assert_eq!(doc.spans[2].position, Some((2, 12)), "where the tag is written");
    assert_eq!(imported.not_imported, [("POS tags".to_string(), 9)]);
}

#[test]
fn an_i_after_o_in_iob2_starts_a_span_with_a_warning() {
    let imported = ok("inconsistent-iob2.conll");
    assert_eq!(plain(&imported.documents[0]), [("GPE", "Kazakhstan"), ("GPE", "Kyrgyzstan"), ("GPE", "Turkestan")]);
    assert_eq!(
        messages(&imported.warnings),
        [
            "inconsistent-iob2.conll:3:12: column 2: I-GPE after O starts a span (IOB2 data starts spans with B-GPE)",
            "inconsistent-iob2.conll:7:11: column 2: I-GPE after O starts a span (IOB2 data starts spans with B-GPE)",
        ]
    );
}

#[test]
fn an_unclosed_bioes_span_ends_where_the_next_starts_with_a_warning() {
    let imported = ok("inconsistent-bioes.conll");
    assert_eq!(plain(&imported.documents[0]), [("LOC", "Baikal"), ("LOC", "Aral Sea")]);
    assert_eq!(
        messages(&imported.warnings),
        ["inconsistent-bioes.conll:2:6: column 2: a span of LOC is not closed by E-LOC (BIOES data); it ends here"]
    );
}

#[test]
fn every_malformed_line_is_a_problem() {
    let text = fixture("malformed.conll");
    let problems = read_str("malformed.conll", &text).unwrap_err();
    assert_eq!(
        messages(&problems),
        [
            "malformed.conll:2:1: the line has 2 columns, where the first token (line 1) has 3",
            "malformed.conll:3:9: column 3: \"Q-LOC\" is not an IOB tag (O, or B-, I-, E-, S-, L-, U- and a type)",
        ]
    );
}

#[test]
fn hash_lines_that_read_as_tokens_are_tokens_the_rest_comments() {
    let imported = ok("hash-token.tsv");
    let doc = &imported.documents[0];
    assert_eq!(doc.text, "# Astana # rocks");
    assert_eq!(plain(doc), [("LOC", "Astana"), ("TAG", "#")]);
    assert_eq!(doc.note.as_deref().map(|n| n.ends_with("\n#\ta comment here")), Some(true));
}

#[test]
fn other_files_are_refused_clearly() {
    let json = r#"{"text": "Astana", "label": [[0, 6, "LOC"]]}"#;
    assert_eq!(
        messages(&read_str("x.conll", json).unwrap_err()),
        ["x.conll:1:37: no IOB tags: the last column should hold O, B-TYPE, I-TYPE... but holds \"\"LOC\"]]}\"; \
          is this a CoNLL/IOB file?"]
    );
    assert_eq!(
        messages(&read_str("w.conll", "Astana\nAlmaty\n").unwrap_err()),
        ["w.conll:1:1: one column only: a CoNLL/IOB file has a token and a tag on each line"]
    );
    assert_eq!(
        messages(&read_str("e.conll", "\n\n").unwrap_err()),
        ["e.conll: no tokens: a CoNLL/IOB file has a token and its tag on each line"]
    );
}

#[test]
fn an_empty_docstart_is_skipped_with_a_warning() {
    let text = "-DOCSTART- O\n\nAstana B-LOC\n\n-DOCSTART- O\n\n-DOCSTART- O\nAlmaty B-LOC\n";
    let imported = read_str("d.conll", text).unwrap();
    let ids: Vec<&str> = imported.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["d-1", "d-2"]);
    assert_eq!(messages(&imported.warnings), ["d.conll:5:1: -DOCSTART- is followed by no tokens: no document here"]);
}

#[test]
fn real_spacy_example_files() {
    let dir = format!("{}/../shared/corpora/real/conll/spaCy__ner_example_data", env!("CARGO_MANIFEST_DIR"));
    let read_real = |name: &str| {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap_or_else(|e| panic!("{dir}/{name}: {e}"));
        let stem = name.trim_end_matches(".iob");
        read(Input { name, text: &text }, stem).unwrap_or_else(|p| panic!("{}", messages(&p).join("\n")))
    };
    let tokens = read_real("ner-token-per-line-conll2003.iob");
    assert_eq!(tokens.documents.len(), 1);
    let doc = &tokens.documents[0];
    assert_eq!(doc.id, "ner-token-per-line-conll2003-1");
    assert!(doc.text.starts_with("When Sebastian Thrun started working on self - driving cars at Google in 2007 ,"));
    assert!(doc.text.contains("\n“ I can tell you"));
    let first: Vec<(&str, &str)> = plain(doc).into_iter().take(4).collect();
    assert_eq!(first, [("PERSON", "Sebastian Thrun"), ("ORG", "Google"), ("DATE", "2007"), ("NORP", "American")]);
    assert_eq!(doc.spans.len(), 7);
    assert_eq!(tokens.not_imported, [("POS tags".to_string(), 66)]);
    assert!(tokens.warnings.is_empty());

    let sentences = read_real("ner-sent-per-line.iob");
    let doc = &sentences.documents[0];
    assert_eq!(doc.id, "ner-sent-per-line");
    assert_eq!(doc.text.lines().count(), 2);
    assert_eq!(plain(doc).last(), Some(&("DATE", "earlier this week")));
    assert_eq!(doc.spans.len(), 7);
    assert_eq!(sentences.not_imported, [("POS tags".to_string(), 66)]);
}

/// Every span on char boundaries, in range, non-empty.
fn assert_sound(imported: &Imported) {
    for doc in &imported.documents {
        for span in &doc.spans {
            for f in &span.fragments {
                assert!(f.start < f.end && doc.text.get(f.clone()).is_some(), "{f:?} in {:?}", doc.text);
            }
        }
    }
}

#[test]
fn mangled_fixtures_never_panic() {
    let names = [
        "conll2003.conll",
        "iob1.conll",
        "bioes.tsv",
        "biluo.bio",
        "germeval.tsv",
        "sent.iob",
        "inconsistent-iob2.conll",
        "inconsistent-bioes.conll",
        "malformed.conll",
        "hash-token.tsv",
    ];
    for name in names {
        let text = fixture(name);
        let cuts = text.char_indices().map(|(i, _)| i);
        for (n, i) in cuts.enumerate() {
            if let Ok(imported) = read_str(name, &text[..i]) {
                assert_sound(&imported);
            }
            for with in ["\t", " ", "|", "#", "\n", "B-", "I", "-DOCSTART-", "1", "é😀"] {
                if n % 3 != 0 {
                    continue;
                }
                let mut mangled = text.clone();
                let end = text[i..].chars().next().map_or(i, |c| i + c.len_utf8());
                mangled.replace_range(i..end, with);
                if let Ok(imported) = read_str(name, &mangled) {
                    assert_sound(&imported);
                }
            }
        }
    }
}
