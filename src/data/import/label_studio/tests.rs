use super::*;
use crate::data::import::{Attribute, Fragments, Link, Note, SpanAnn};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/import/label-studio/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read_fixture(name: &str) -> ReadResult {
    read(Input { name, text: &fixture(name) })
}

fn problems(name: &str) -> Vec<String> {
    match read_fixture(name) {
        Ok(imported) => panic!("{name} was read: {imported:?}"),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

fn attr(name: &str, value: Option<&str>) -> Attribute {
    Attribute { name: name.to_string(), value: value.map(str::to_string) }
}

fn span(
    id: &str,
    label: &str,
    range: std::ops::Range<usize>,
    attributes: Vec<Attribute>,
    at: (usize, usize),
) -> SpanAnn {
    SpanAnn {
        ids: vec![id.into()].into(),
        label: label.into(),
        fragments: Fragments::from(range),
        attributes: attributes.into(),
        position: Some(at),
        ..SpanAnn::default()
    }
}

fn link(from: usize, to: usize, kind: &str, attributes: Vec<Attribute>, at: (usize, usize)) -> Link {
    Link { from, to, kind: kind.to_string(), attributes, position: Some(at), ..Link::default() }
}

#[test]
fn tasks_give_spans_per_label_links_by_direction_and_per_region_results() {
    let imported = read_fixture("tasks.json").unwrap();
    assert_eq!(
        imported.not_imported,
        [("choices results".to_string(), 1), ("cancelled annotations".to_string(), 1), ("drafts".to_string(), 1)]
    );
    assert!(imported.warnings.is_empty());
    assert_eq!(imported.documents.len(), 2);

    let doc = &imported.documents[0];
    assert_eq!((doc.id.as_str(), doc.title.as_deref()), ("101", Some("Блогер задержан")));
    assert_eq!((doc.url.as_deref(), doc.language.as_deref()), (Some("https://example.kz/news/101"), Some("ru")));
    assert_eq!(doc.position, Some((2, 3)));
    let by =
        || vec![attr("source", Some("annotation 1001")), attr("completed_by", Some("7")), attr("ground_truth", None)];
    let mut r1 = span("r1", "PER", 0..29, by(), (19, 11));
    r1.attributes.push(attr("role", Some("blogger")));
    let mut r2 = span("r2", "LOC", 49..65, by(), (33, 11));
    r2.notes.push(Note { kind: "note".into(), text: "областной центр".into() });
    let predicted = vec![
        attr("source", Some("prediction 55")),
        attr("model_version", Some("ner-kz 2")),
        attr("score", Some("0.8")),
    ];
    let expected = [
        r1,
        r2,
        span("r3", "LOC", 87..99, by(), (47, 11)),
        span("r3", "GPE", 87..99, by(), (47, 11)),
        span("p1", "PER", 101..119, predicted, (154, 11)),
    ];
    assert_eq!(doc.spans, expected);
    assert_eq!(&doc.text[doc.spans[4].cover()], "Толегенов");
    let mut bi = by();
    bi.push(attr("direction", Some("bi")));
    let links = [
        link(0, 1, "родом из", by(), (62, 11)),
        link(0, 2, "задержан в", by(), (71, 11)),
        link(0, 2, "relation", bi, (80, 11)),
    ];
    assert_eq!(doc.links, links);

    let doc = &imported.documents[1];
    assert_eq!(doc.id, "2", "no id: the task's position");
    let by = || vec![attr("source", Some("annotation 1")), attr("completed_by", Some("ana@example.kz"))];
    assert_eq!(doc.spans, [span("a", "ORG", 13..31, by(), (204, 11)), span("b", "ORG", 36..47, by(), (218, 11))]);
    assert_eq!(doc.links, [link(0, 1, "relation", by(), (232, 11))]);
}

#[test]
fn one_task_object_with_legacy_completions() {
    let imported = read_fixture("single-task.json").unwrap();
    let [doc] = &imported.documents[..] else { panic!("{imported:?}") };
    assert_eq!(doc.id, "1");
    let source = || vec![attr("source", Some("completion 25001"))];
    assert_eq!(doc.spans, [span("k1", "PER", 0..12, source(), (10, 9)), span("k2", "LOC", 28..42, source(), (24, 9))]);
}

#[test]
fn offsets_count_code_points_past_emoji() {
    let imported = read_fixture("emoji.json").unwrap();
    let doc = &imported.documents[0];
    let texts: Vec<&str> = doc.spans.iter().map(|s| &doc.text[s.cover()]).collect();
    assert_eq!(texts, ["Astana", "Almaty", "😀"]);
    assert_eq!((doc.spans[1].fragments.len(), doc.spans[1].cover()), (1, 39..45));
}

#[test]
fn utf16_offsets_of_an_old_export_are_reported_with_their_cause() {
    assert_eq!(
        problems("emoji-utf16.json"),
        [
            "emoji-utf16.json:11:11: task e2, annotation 1, result \"s2\": `value.text` \"Almaty\" is not the text at 33..39, \
          \"aty 😀 \" (counted in UTF-16 code units, as Label Studio before 1.x counted them after an emoji, the offsets \
          would fit)"
        ]
    );
}

#[test]
fn a_quote_that_disagrees_is_a_problem_naming_file_line_and_task() {
    assert_eq!(
        problems("quote-mismatch.json"),
        [
            "quote-mismatch.json:25:11: task 7, annotation 70, result \"q2\": `value.text` \"Актобе\" is not the text at 27..33, \" Актау\""
        ]
    );
}

#[test]
fn html_and_other_results_are_counted() {
    let imported = read_fixture("html.json").unwrap();
    assert_eq!(
        imported.not_imported,
        [
            ("HTML results".to_string(), 2),
            ("rating results".to_string(), 1),
            ("relations to results not imported".to_string(), 1)
        ]
    );
    let [doc] = &imported.documents[..] else { panic!() };
    assert_eq!((doc.id.as_str(), doc.text.as_str()), ("8", "<p>Astana is the capital.</p>"));
    assert!(doc.spans.is_empty() && doc.links.is_empty());
}

#[test]
fn the_text_is_the_field_the_results_name() {
    let imported = read_fixture("fields.json").unwrap();
    assert_eq!(imported.not_imported, [("relations across text fields".to_string(), 1)]);
    let ids: Vec<(&str, &str)> = imported.documents.iter().map(|d| (d.id.as_str(), d.text.as_str())).collect();
    assert_eq!(
        ids,
        [
            ("9/title", "Mazhilis approves the budget"),
            ("9/body", "The Mazhilis approved the 2025 budget on Wednesday, Astana said."),
            ("10", "The port of Aktau reopened."),
        ]
    );
    assert_eq!(imported.documents[0].title, None, "the title is a labelled text here");
    let labels: Vec<(&str, &str)> = imported
        .documents
        .iter()
        .flat_map(|d| d.spans.iter().map(|s| (&d.text[s.cover()], s.label.as_str())))
        .collect();
    assert_eq!(labels, [("Mazhilis", "ORG"), ("Mazhilis", "ORG"), ("Astana", "GPE"), ("Aktau", "LOC")]);
}

#[test]
fn every_problem_is_reported_in_its_place() {
    assert_eq!(
        problems("problems.json"),
        [
            "problems.json:11:11: task 11, annotation 110, result \"b1\": end 99 is past the end of the text (23 long)",
            "problems.json:25:11: task 11, annotation 110, result \"b2\": an empty span (5..5)",
            "problems.json:38:11: task 11, annotation 110, result \"b3\": `start` and `end` must be whole numbers, not -1 and 7",
            "problems.json:51:11: task 11, annotation 110, result \"b4\": start 9 is after end 3",
            "problems.json:89:11: task 11, annotation 110, result \"b6\": a result without a `type`",
            "problems.json:78:11: task 11, annotation 110, result 6: the relation's end \"zz\" is no result of this annotation",
            "problems.json:83:11: task 11, annotation 110, result 7: direction \"up\" is none of right, left, bi",
            "problems.json:107:3: task 12: no text: `data` has no `text` field and not exactly one string field",
            "problems.json:119:25: task 13: invalid type: string \"none\", expected a sequence",
        ]
    );
}

#[test]
fn a_reused_task_id_is_made_unique_with_a_warning() {
    let text = r#"[{"id": 5, "data": {"text": "a"}}, {"id": 5, "data": {"text": "b"}}]"#;
    let imported = read(Input { name: "dup.json", text }).unwrap();
    let ids: Vec<&str> = imported.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["5", "5#2"]);
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(warnings, ["dup.json:1:36: an earlier task has the id \"5\": this one is read as \"5#2\""]);
}

#[test]
fn other_shapes_are_refused_clearly() {
    let cases = [
        ("", "x:1:1: the file is empty"),
        ("[]", "x:1:1: the list of tasks is empty"),
        ("\"text\"", "x:1:1: not a Label Studio export: expected a list of tasks or one task object"),
        (
            r#"{"format": "dossier/1", "documents": []}"#,
            "x:1:1: not a Label Studio export: no `data` field (a task's text is under `data`)",
        ),
        (
            r#"[{"text": "a", "label": [[0, 1, "X"]]}, {"text": "b"}]"#,
            "x:1:1: not a Label Studio export: none of the items has a `data` field (a task's text is under `data`)",
        ),
        ("[{\"data\": {\"text\": \"a\"}},\n {\"data\": ", "x:2:10: EOF while parsing a value"),
    ];
    for (text, expected) in cases {
        let got: Vec<String> = read(Input { name: "x", text }).unwrap_err().iter().map(ToString::to_string).collect();
        assert_eq!(got, [expected], "{text}");
    }
}

/// The real exports in ../shared (PROVENANCE.md there): read as the file says.
#[test]
fn real_label_studio_frontend_examples() {
    let real = |path: &str| {
        let path = format!(
            "{}/../shared/corpora/real/label-studio/ls-frontend__named_entity/{path}",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        read(Input { name: &path, text: &text }).unwrap()
    };
    let tasks = real("tasks.json");
    let [doc] = &tasks.documents[..] else { panic!("{tasks:?}") };
    assert_eq!(doc.id, "1");
    let [span] = &doc.spans[..] else { panic!("{doc:?}") };
    assert_eq!((span.label.as_str(), &doc.text[span.cover()]), ("Date", "February 22"));
    assert_eq!(span.attributes, [attr("source", Some("prediction 1")), attr("model_version", Some("model 1"))]);
    assert!(tasks.not_imported.is_empty() && doc.links.is_empty());

    let one = real("annotations/1.json");
    let [doc] = &one.documents[..] else { panic!("{one:?}") };
    assert_eq!(doc.id, "1");
    let [span] = &doc.spans[..] else { panic!("{doc:?}") };
    assert_eq!((span.label.as_str(), span.fragments.len(), span.cover()), ("Date", 1, 343..354));
    assert_eq!(span.attributes, [attr("source", Some("annotation 1001"))]);
}

/// Mangled versions of every fixture: cut short anywhere, or with one byte
/// replaced by another that JSON gives a meaning. Whatever comes of them,
/// nothing panics.
#[test]
fn mangled_fixtures_never_panic() {
    let names = [
        "tasks.json",
        "single-task.json",
        "emoji.json",
        "emoji-utf16.json",
        "quote-mismatch.json",
        "html.json",
        "fields.json",
        "problems.json",
    ];
    for name in names {
        let text = fixture(name);
        for cut in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let _ = read(Input { name, text: &text[..cut] });
        }
        let bytes = text.as_bytes();
        for i in (0..bytes.len()).step_by(5) {
            for b in [b'0', b'9', b'-', b'"', b'[', b'{', b'}', b']', b',', b'n'] {
                let mut mangled = bytes.to_vec();
                mangled[i] = b;
                if let Ok(mangled) = std::str::from_utf8(&mangled) {
                    let _ = read(Input { name, text: mangled });
                }
            }
        }
    }
}

/// `cargo test --release --lib label_studio::tests::large -- --ignored --nocapture`:
/// 10,000 tasks of 100 spans each, timed.
#[test]
#[ignore]
fn large_export_reads_fast() {
    let text = "Аслан Толегенов, блогер из Костаная, задержан в Астане. ".repeat(100);
    let mut json = String::from("[");
    for t in 0..10_000 {
        if t > 0 {
            json.push(',');
        }
        json.push_str(&format!(
            "{{\"id\":{t},\"data\":{{\"text\":\"{text}\"}},\"annotations\":[{{\"id\":{t},\"result\":["
        ));
        for r in 0..100 {
            let start = r * 56;
            if r > 0 {
                json.push(',');
            }
            json.push_str(&format!(
                "{{\"id\":\"r{r}\",\"from_name\":\"ner\",\"to_name\":\"text\",\"type\":\"labels\",\"origin\":\"manual\",\
                 \"value\":{{\"start\":{start},\"end\":{},\"text\":\"Аслан Толегенов\",\"labels\":[\"PER\"]}}}}",
                start + 15
            ));
        }
        json.push_str("]}]}");
    }
    json.push(']');
    // CPU time, not wall time: the machine may be shared.
    let cpu = || {
        let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: clock_gettime writes the timespec it is given.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
        std::time::Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
    };
    let (started, wall) = (cpu(), std::time::Instant::now());
    let imported = read(Input { name: "large.json", text: &json }).unwrap();
    let spans: usize = imported.documents.iter().map(|d| d.spans.len()).sum();
    let mb = json.len() / 1_000_000;
    println!("{mb} MB, {spans} spans in {:?} of CPU ({:?} wall)", cpu() - started, wall.elapsed());
    drop(imported);
    let started = cpu();
    let value = serde_json::from_str::<serde_json::Value>(&json).unwrap();
    println!("a serde_json::Value parse of the same bytes: {:?} of CPU", cpu() - started);
    drop(value);
    assert_eq!(spans, 1_000_000);
}
