use super::*;
use crate::data::import::{Attachment, Note, Selector, Str};

const SUMMIT: &str =
    "The summit opened in Astana on Monday. Tokayev welcomed the delegations; Astana 🎉 will host the next one too.";
const PORT: &str = "Aktau port reopened after the storm. The port of Aktau handles grain.";

fn docs() -> Vec<DocText<'static>> {
    vec![
        DocText { id: "summit", url: Some("https://example.kz/news/astana-summit"), text: SUMMIT },
        DocText { id: "port", url: Some("https://example.kz/news/aktau-port"), text: PORT },
    ]
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/import/w3c/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_fixture(name: &str) -> ReadResult {
    read(Input { name, text: &fixture(name) })
}

fn note(kind: &str, text: &str) -> Note {
    Note { kind: kind.into(), text: text.into() }
}

fn quote(exact: &str, prefix: Option<&str>, suffix: Option<&str>) -> Selector {
    let owned = |s: Option<&str>| s.map(str::to_string);
    Selector::Quote { exact: exact.to_string(), prefix: owned(prefix), suffix: owned(suffix), refined: None }
}

fn position(start: usize, end: usize) -> Selector {
    Selector::Position { start, end, refined: None }
}

fn attachment(source: &str, selectors: Vec<Selector>) -> Attachment {
    Attachment {
        source: source.to_string(),
        selectors,
        id: Some("a1".to_string()),
        label: "annotation".to_string(),
        notes: Vec::new(),
        position: Some((3, 5)),
    }
}

/// What attaching makes of attachments: each span's document and text, or
/// the problems.
fn placed(attachments: &[Attachment], docs: &[DocText]) -> Result<Vec<(String, String)>, Vec<String>> {
    let (spans, problems) = attach(attachments, "notes.json", docs);
    if !problems.is_empty() {
        return Err(problems.iter().map(ToString::to_string).collect());
    }
    Ok(spans.iter().map(|(d, s)| (docs[*d].id.to_string(), docs[*d].text[s.cover()].to_string())).collect())
}

fn pair(doc: &str, text: &str) -> (String, String) {
    (doc.to_string(), text.to_string())
}

#[test]
fn a_quote_with_tags_bodies_and_creator() {
    let imported = read_fixture("quote.json").unwrap();
    let expected = Attachment {
        source: "https://example.kz/news/astana-summit".to_string(),
        selectors: vec![quote("Tokayev", Some("on Monday. "), Some(" welcomed"))],
        id: Some("https://example.kz/anno/1".to_string()),
        label: "PER".to_string(),
        notes: vec![
            note("tag", "head-of-state"),
            note("describing", "President of Kazakhstan"),
            note("creator", "Aigul"),
        ],
        position: Some((1, 1)),
    };
    assert_eq!(imported.attachments, [expected]);
    let (spans, problems) = attach(&imported.attachments, "quote.json", &docs());
    assert!(problems.is_empty());
    let [(0, span)] = &spans[..] else { panic!("{spans:?}") };
    assert_eq!(
        (span.ids.to_vec(), span.label.as_str(), span.cover(), span.fragments.len()),
        (vec![Str::from("https://example.kz/anno/1")], "PER", 39..46, 1)
    );
    assert_eq!(span.notes, imported.attachments[0].notes);
}

#[test]
fn positions_count_code_points_past_an_emoji() {
    let imported = read_fixture("position.json").unwrap();
    assert_eq!(imported.attachments[0].selectors, [position(96, 104)]);
    assert_eq!(imported.attachments[0].notes, [note("body", "https://example.kz/notes/2")]);
    assert_eq!(placed(&imported.attachments, &docs()), Ok(vec![pair("summit", "next one")]));
}

#[test]
fn a_collection_reads_its_embedded_pages_and_counts_what_selects_no_text() {
    let imported = read_fixture("collection.json").unwrap();
    assert_eq!(
        imported.not_imported,
        [
            ("CssSelector targets".to_string(), 1),
            ("targets without a selector".to_string(), 2),
            ("FragmentSelector targets".to_string(), 1)
        ]
    );
    let labels: Vec<(&str, &str)> =
        imported.attachments.iter().map(|a| (a.id.as_deref().unwrap(), a.label.as_str())).collect();
    assert_eq!(
        labels,
        [
            ("https://example.kz/anno/10", "LOC"),
            ("https://example.kz/anno/11", "annotation"),
            ("https://example.kz/anno/15", "https://www.wikidata.org/wiki/Q184616"),
            ("https://example.kz/anno/16", "annotation"),
        ]
    );
    // A fragment refined by a quote: the quote, searched in the whole text.
    assert_eq!(imported.attachments[1].selectors, [quote("storm", Some("the "), Some("."))]);
    assert_eq!(imported.attachments[1].notes, [note("comment", "which storm?")]);
    assert_eq!(
        placed(&imported.attachments, &docs()),
        Ok(vec![pair("port", "Aktau"), pair("port", "storm"), pair("port", "Aktau port"), pair("summit", "summit")])
    );
    let (spans, _) = attach(&imported.attachments, "c.json", &docs());
    assert_eq!(spans[0].1.cover(), 49..54, "the second Aktau, where position and quote agree");
}

#[test]
fn a_page_that_only_links_the_next_and_a_plain_list() {
    let page = read_fixture("page.json").unwrap();
    assert_eq!(page.not_imported, [("annotation pages not embedded".to_string(), 1)]);
    assert_eq!(page.attachments.len(), 1);
    let list = read_fixture("list.json").unwrap();
    assert_eq!(placed(&list.attachments, &docs()), Ok(vec![pair("summit", "Tokayev"), pair("summit", "next one")]));
    assert_eq!(list.attachments[1].position, Some((39, 3)));
}

#[test]
fn hypothesis_rows_with_replies_page_notes_and_a_partial_total() {
    let imported = read_fixture("hypothesis-rows.json").unwrap();
    assert_eq!(imported.not_imported, [("replies".to_string(), 1), ("targets without a selector".to_string(), 1)]);
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["hypothesis-rows.json:1:1: the export holds 3 of the search's 5 annotations (one page of it)"]
    );
    let [a] = &imported.attachments[..] else { panic!() };
    assert_eq!((a.id.as_deref(), a.label.as_str(), a.position), (Some("hA1"), "LOC", Some((4, 5))));
    assert_eq!(
        a.notes,
        [note("tag", "capital"), note("comment", "The capital again."), note("creator", "acct:dana@hypothes.is")]
    );
    assert_eq!(a.selectors, [position(113, 119), quote("Astana", Some("delegations; "), Some(" 🎉 will"))]);
    // The position counts the page's text, not the article's: the quote decides.
    let (spans, problems) = attach(&imported.attachments, "h.json", &docs());
    assert!(problems.is_empty());
    assert_eq!((spans[0].0, spans[0].1.cover()), (0, 73..79));

    let list = read_fixture("hypothesis-list.json").unwrap();
    assert_eq!(placed(&list.attachments, &docs()), Ok(vec![pair("summit", "Monday")]));
}

#[test]
fn every_fault_of_the_file_is_reported() {
    let problems: Vec<String> = read_fixture("problems.json").unwrap_err().iter().map(ToString::to_string).collect();
    assert_eq!(
        problems,
        [
            "problems.json:2:3: annotation \"https://example.kz/anno/90\": the TextPositionSelector 9..3 ends before it starts",
            "problems.json:14:3: annotation \"https://example.kz/anno/91\": an empty `exact` quote",
            "problems.json:25:3: annotation \"https://example.kz/anno/92\": an annotation without a `target`",
            "problems.json:30:3: annotation \"https://example.kz/anno/93\": a selector without a `type`",
            "problems.json:40:3: annotation \"https://example.kz/anno/94\": a TextPositionSelector needs whole, non-negative `start` and `end`",
            "problems.json:52:3: annotation \"https://example.kz/anno/95\": a target with a selector but no `source`",
            "problems.json:62:3: annotation: an annotation must be an object",
        ]
    );
}

#[test]
fn other_shapes_are_refused_clearly() {
    let cases = [
        ("  ", "x:1:1: the file is empty"),
        ("[]", "x:1:1: the list is empty"),
        ("3", "x:1:1: not a W3C Web Annotation: expected an annotation, a collection, a page or a list"),
        (
            r#"{"format": "dossier/1", "documents": []}"#,
            "x:1:1: not a W3C Web Annotation: no `type` Annotation, AnnotationCollection or AnnotationPage, no `target`, no Hypothesis `rows`",
        ),
        (
            r#"[{"data": {"text": "a"}, "annotations": []}]"#,
            "x:1:1: not W3C Web Annotations: no item has a `target` (nor a Hypothesis `uri`)",
        ),
        ("{\"type\": \"Annotation\",\n \"target\": }", "x:2:12: expected value"),
    ];
    for (text, expected) in cases {
        let got: Vec<String> = read(Input { name: "x", text }).unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(got, [expected], "{text}");
    }
}

#[test]
fn the_document_is_the_one_with_the_url_else_the_id_and_never_a_guess() {
    let by_id = attachment("port", vec![quote("grain", None, None)]);
    assert_eq!(placed(&[by_id], &docs()), Ok(vec![pair("port", "grain")]));
    let nowhere = attachment("https://example.kz/news/other", vec![quote("grain", None, None)]);
    assert_eq!(
        placed(&[nowhere], &docs()),
        Err(vec![
            "notes.json:3:5: annotation \"a1\": no document has the url or id \"https://example.kz/news/other\""
                .to_string()
        ])
    );
    let mut twice = docs();
    twice[1].url = twice[0].url;
    let which = attachment("https://example.kz/news/astana-summit", vec![quote("Astana", None, None)]);
    assert_eq!(
        placed(&[which], &twice),
        Err(vec![
            "notes.json:3:5: annotation \"a1\": \"https://example.kz/news/astana-summit\" is the url of several documents \
             (\"summit\", \"port\")"
                .to_string()
        ])
    );
}

#[test]
fn quotes_are_found_once_or_reported() {
    let summit = "https://example.kz/news/astana-summit";
    let cases: [(Selector, Result<&str, &str>); 7] = [
        (quote("Astana", None, None), Err("the quote \"Astana\" fits 2 places: which one is meant is not known")),
        (quote("Astana", None, Some(" on")), Ok("Astana")),
        (
            quote("Astana", Some("in "), Some(" 🎉")),
            Err("the quote \"Astana\" is in its text 2 time(s), never between \"in \" and \" 🎉\""),
        ),
        (quote("Astanna", None, None), Err("the quote \"Astanna\" is nowhere in its text")),
        // The text begins inside the prefix, ends inside the suffix.
        (quote("The summit", Some("Home | News | "), None), Ok("The summit")),
        (quote("one too.", None, Some(" Share this")), Ok("one too.")),
        (
            quote("e", Some("th"), Some(" ")),
            Err("the quote \"e\" between \"th\" and \" \" fits 2 places: which one is meant is not known"),
        ),
    ];
    for (selector, expected) in cases {
        let got = placed(&[attachment(summit, vec![selector.clone()])], &docs());
        let expected = expected
            .map(|text| vec![pair("summit", text)])
            .map_err(|m| vec![format!("notes.json:3:5: annotation \"a1\": in document \"summit\": {m}")]);
        assert_eq!(got, expected, "{selector:?}");
    }
    let overlapping = [DocText { id: "d", url: None, text: "aaa" }];
    assert_eq!(
        placed(&[attachment("d", vec![quote("aa", None, None)])], &overlapping),
        Err(vec!["notes.json:3:5: annotation \"a1\": in document \"d\": the quote \"aa\" fits 2 places: which one is meant is not known".to_string()])
    );
}

#[test]
fn positions_quotes_and_refinements_together() {
    let summit = "https://example.kz/news/astana-summit";
    // Position and quote agree: the position places an ambiguous quote.
    let both = attachment(summit, vec![position(73, 79), quote("Astana", None, None)]);
    assert_eq!(placed(&[both], &docs()), Ok(vec![pair("summit", "Astana")]));
    // They disagree: the quote is searched for.
    let moved = attachment(summit, vec![position(0, 6), quote("Tokayev", None, None)]);
    assert_eq!(placed(&[moved], &docs()), Ok(vec![pair("summit", "Tokayev")]));
    // A position past the end.
    let past = attachment(summit, vec![position(100, 200)]);
    assert_eq!(
        placed(&[past], &docs()),
        Err(vec![
            "notes.json:3:5: annotation \"a1\": in document \"summit\": the TextPositionSelector 100..200: end 200 is past \
             the end of the text (109 long)"
                .to_string()
        ])
    );
    // Refined: a quote within a position, a position within a quote.
    let inner = Selector::Position { start: 72, end: 109, refined: Some(Box::new(quote("Astana", None, None))) };
    assert_eq!(placed(&[attachment(summit, vec![inner])], &docs()), Ok(vec![pair("summit", "Astana")]));
    let inner = Selector::Quote {
        exact: "Tokayev welcomed".to_string(),
        prefix: None,
        suffix: None,
        refined: Some(Box::new(position(8, 16))),
    };
    assert_eq!(placed(&[attachment(summit, vec![inner])], &docs()), Ok(vec![pair("summit", "welcomed")]));
    // Alternatives beyond the first position and quote must agree.
    let odd = attachment(summit, vec![position(4, 10), position(11, 17)]);
    assert_eq!(
        placed(&[odd], &docs()),
        Err(vec!["notes.json:3:5: annotation \"a1\": in document \"summit\": its selectors disagree: 4..10 and 11..17 (bytes)".to_string()])
    );
}

/// The W3C test suite's samples in ../shared (PROVENANCE.md there).
#[test]
fn real_w3c_samples() {
    let real = |name: &str| {
        let path = format!(
            "{}/../shared/corpora/real/w3c-annotation/w3c-web-annotation-tests__samples/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        read(Input { name, text: &text }).unwrap()
    };
    // anno26: its exact is misspelt; a page that spells it right has no place for it.
    let anno26 = real("anno26.json");
    assert_eq!(anno26.attachments.len(), 1);
    let right = [DocText {
        id: "p",
        url: Some("http://example.org/page1"),
        text: "So this is an annotation that has some text.",
    }];
    assert_eq!(
        placed(&anno26.attachments, &right),
        Err(vec![
            "notes.json:1:1: annotation \"http://example.org/anno26\": in document \"p\": the quote \"anotation\" is nowhere in its text"
                .to_string()
        ])
    );
    let as_written = [DocText {
        id: "p",
        url: Some("http://example.org/page1"),
        text: "So this is an anotation that has some text.",
    }];
    assert_eq!(placed(&anno26.attachments, &as_written), Ok(vec![pair("p", "anotation")]));

    // anno27: a position only, 412..795, in code points.
    let anno27 = real("anno27.json");
    let book = format!("{}{}{}", "Ä".repeat(412), "x".repeat(383), "ö".repeat(10));
    let ebook = [DocText { id: "b", url: Some("http://example.org/ebook1"), text: &book }];
    let (spans, problems) = attach(&anno27.attachments, "anno27.json", &ebook);
    assert!(problems.is_empty());
    assert_eq!(spans[0].1.cover(), 824..1207);
    let short = [DocText { id: "b", url: Some("http://example.org/ebook1"), text: "too short" }];
    assert_eq!(attach(&anno27.attachments, "anno27.json", &short).1.len(), 1);

    // collection1: the 41 examples of the spec; three select text.
    let all = real("collection1.json");
    let ids: Vec<&str> = all.attachments.iter().map(|a| a.id.as_deref().unwrap()).collect();
    assert_eq!(ids, ["http://example.org/anno26", "http://example.org/anno27", "http://example.org/anno32"]);
    let counted = |what: &str| all.not_imported.iter().find(|(w, _)| w == what).map(|(_, n)| *n);
    assert_eq!(counted("targets without a selector"), Some(38));
    assert_eq!(counted("FragmentSelector targets"), Some(1), "anno41: a position within an XPointer fragment");
    assert_eq!(all.not_imported.iter().map(|(_, n)| n).sum::<usize>(), 47);
}

/// Mangled fixtures read without a panic, and whatever they attach to
/// attaches without one too.
#[test]
fn mangled_fixtures_never_panic() {
    let names = [
        "quote.json",
        "position.json",
        "collection.json",
        "page.json",
        "list.json",
        "hypothesis-rows.json",
        "hypothesis-list.json",
        "problems.json",
    ];
    let docs = docs();
    for name in names {
        let text = fixture(name);
        let check = |text: &str| {
            if let Ok(imported) = read(Input { name, text }) {
                let _ = attach(&imported.attachments, name, &docs);
            }
        };
        for cut in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            check(&text[..cut]);
        }
        let bytes = text.as_bytes();
        for i in (0..bytes.len()).step_by(5) {
            for b in [b'0', b'9', b'-', b'"', b'[', b'{', b'}', b']', b',', b'n'] {
                let mut mangled = bytes.to_vec();
                mangled[i] = b;
                if let Ok(mangled) = std::str::from_utf8(&mangled) {
                    check(mangled);
                }
            }
        }
    }
}

/// Every position and every quote (with every context) of a text with
/// emoji and accents: attaching never panics, and what it places is the
/// quote.
#[test]
fn every_selector_of_a_small_text_attaches_or_is_reported() {
    let text = "Ақтау 🎉 aa aaa Ақтау.";
    let docs = [DocText { id: "d", url: None, text }];
    let chars: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
    let n = chars.len() + 1;
    for start in 0..n {
        for end in 0..n {
            let _ = attach(&[attachment("d", vec![position(start, end)])], "f", &docs);
            let (Some(&s), Some(&e)) = (chars.get(start), chars.get(end)) else { continue };
            if s >= e {
                continue;
            }
            let exact = &text[s..e];
            for (prefix, suffix) in
                [(None, None), (Some(&text[..s]), None), (None, Some(&text[e..])), (Some("x"), Some("y"))]
            {
                let (spans, _) = attach(&[attachment("d", vec![quote(exact, prefix, suffix)])], "f", &docs);
                for (_, span) in spans {
                    assert_eq!(&text[span.cover()], exact);
                }
            }
        }
    }
}
