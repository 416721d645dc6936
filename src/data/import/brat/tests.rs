use super::*;
use crate::data::import::{Doc, Imported, SpanAnn};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/import/brat/");
const REAL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpora/real/brat/");

fn pair(dir: &str, name: &str) -> (String, String) {
    let read = |ext: &str| {
        let path = format!("{dir}{name}.{ext}");
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    (read("ann"), read("txt"))
}

fn import(dir: &str, name: &str) -> Result<Imported, Vec<String>> {
    let (ann, txt) = pair(dir, name);
    let base = name.rsplit('/').next().unwrap_or(name);
    let (ann_name, txt_name) = (format!("{base}.ann"), format!("{base}.txt"));
    read(Input { name: &ann_name, text: &ann }, Input { name: &txt_name, text: &txt }, base)
        .map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

fn doc(name: &str) -> Doc {
    let imported = import(FIXTURES, name).unwrap_or_else(|p| panic!("{name}: {p:#?}"));
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert!(imported.not_imported.is_empty(), "{:?}", imported.not_imported);
    let [doc] = <[Doc; 1]>::try_from(imported.documents).unwrap();
    doc
}

fn errors(name: &str) -> Vec<String> {
    import(FIXTURES, name).err().unwrap_or_else(|| panic!("{name} read without problems"))
}

/// A span as one line: ids, label, byte ranges, the text they hold, and
/// whatever is attached.
fn show_span(doc: &Doc, s: &SpanAnn) -> String {
    let ranges: Vec<String> = s.fragments.iter().map(|f| format!("{}..{}", f.start, f.end)).collect();
    let texts: Vec<&str> = s.fragments.iter().map(|f| &doc.text[f.clone()]).collect();
    let mut out = format!("{} {} {} {:?}", s.ids.join(","), s.label, ranges.join(","), texts.join(" "));
    for a in &s.attributes {
        out += &format!(" [{}={}]", a.name, a.value.as_deref().unwrap_or("-"));
    }
    for r in &s.references {
        out += &format!(" <{} {} {:?}>", r.kind, r.target, r.text.as_deref().unwrap_or(""));
    }
    for n in &s.notes {
        out += &format!(" #{}:{:?}", n.kind, n.text);
    }
    for k in &s.same_as {
        out += &format!(" ={k}");
    }
    out
}

fn show_link(doc: &Doc, l: &crate::data::import::Link) -> String {
    let name = |i: usize| doc.spans[i].ids[0].clone();
    let mut out = format!("{} -{}-> {} ({})", name(l.from), l.kind, name(l.to), l.id.as_deref().unwrap_or("-"));
    for a in &l.attributes {
        out += &format!(" [{}={}]", a.name, a.value.as_deref().unwrap_or("-"));
    }
    for n in &l.notes {
        out += &format!(" #{}:{:?}", n.kind, n.text);
    }
    out
}

fn spans(doc: &Doc) -> Vec<String> {
    doc.spans.iter().map(|s| show_span(doc, s)).collect()
}

fn links(doc: &Doc) -> Vec<String> {
    doc.links.iter().map(|l| show_link(doc, l)).collect()
}

#[test]
fn discontinuous_spans_have_a_byte_range_per_fragment() {
    let d = doc("discontinuous");
    assert_eq!(d.id, "discontinuous");
    assert_eq!(d.text, "Astana and Almaty airports reopened on Monday after the storm.\n");
    assert_eq!(
        d.spans[0],
        SpanAnn {
            ids: vec!["T1".into()].into(),
            label: "Facility".into(),
            fragments: vec![0..6, 18..26].into(),
            position: Some((1, 1)),
            ..SpanAnn::default()
        }
    );
    assert_eq!(
        spans(&d),
        [
            "T1 Facility 0..6,18..26 \"Astana airports\"",
            "T2 Facility 11..26 \"Almaty airports\"",
            "T3 Date 39..45 \"Monday\"",
            "T4 Event 27..35,46..51,56..61 \"reopened after storm\"",
        ]
    );
    assert!(d.links.is_empty());
}

#[test]
fn a_span_written_twice_is_one_span_with_both_ids() {
    let d = doc("duplicate");
    assert_eq!(
        spans(&d),
        [
            "T1,T3 GPE 0..9 \"Karaganda\"",
            "T2 Group 10..16 \"miners\"",
            "T4 GPE 37..46 \"Karaganda\"",
            "T5 Location 0..9 \"Karaganda\"",
        ]
    );
    assert_eq!(links(&d), ["T2 -Member-> T1 (R1)"]);
}

#[test]
fn events_link_their_trigger_to_each_argument() {
    let d = doc("events");
    assert_eq!(
        spans(&d),
        [
            "T1 Organization 4..12 \"ministry\"",
            "T2 Organization 54..65 \"KazMunayGas\"",
            "T3 Organization 80..93 \"Samruk-Kazyna\"",
            "T4,E1,E4 Approve 13..21 \"approved\"",
            "T5,E2 Request 66..75 \"requested\"",
            "T6,E3 Welcome 94..102 \"welcomed\"",
            "T7 Deal 26..32 \"merger\"",
            "T8 Plan 41..47 \"budget\"",
            "T9,E5,E6 Announce 120..129 \"announced\" [event type=Statement]",
        ]
    );
    assert_eq!(
        links(&d),
        [
            "T4 -Agent-> T1 (E1)",
            "T4 -Theme-> T7 (E1)",
            "T4 -Theme2-> T8 (E1)",
            // A nested event's argument is the inner event's trigger.
            "T5 -Agent-> T2 (E2)",
            "T5 -Theme-> T4 (E2)",
            "T6 -Agent-> T3 (E3)",
            "T6 -Theme-> T5 (E3)",
            "T4 -Theme-> T8 (E4)",
            "T9 -Agent-> T3 (E6)",
        ]
    );
    assert_eq!(d.links[0].position, Some((10, 15)));
}

#[test]
fn attributes_land_on_spans_triggers_and_links() {
    let d = doc("attributes");
    assert_eq!(
        spans(&d),
        [
            "T1 GPE 13..21 \"Shymkent\"",
            "T2 Person 54..61 \"Tokayev\" [Certain=-]",
            "T3 Person 0..9 \"Officials\" [Role=Local government]",
            "T4,E1 Confirm 30..37 \"confirm\" [Negation=-]",
            "T5,E2 Visit 67..72 \"visit\" [Confidence=Low] [Speculation=-]",
        ]
    );
    assert_eq!(
        links(&d),
        [
            "T4 -Agent-> T3 (E1)",
            "T5 -Visitor-> T2 (E2)",
            "T5 -Place-> T1 (E2)",
            "T3 -Located-> T1 (R1) [Speculated=-] [Source=Reuters]",
        ]
    );
}

#[test]
fn normalizations_become_references() {
    let d = doc("normalization");
    assert_eq!(
        spans(&d),
        [
            "T1 Person 0..21 \"Kassym-Jomart Tokayev\" <Reference Wikidata:Q3089212 \"Kassym-Jomart Tokayev\">",
            "T2 Person 26..44 \"Shavkat Mirziyoyev\" <Reference Wikidata:Q3089219 \"\">",
            "T3 GPE 48..56 \"Tashkent\" <Reference GeoNames:1512569 \"\"> <Reference Wikipedia:62626 \"Tashkent\">",
        ]
    );
    assert_eq!(d.spans[1].references[0].text, None);
}

#[test]
fn equiv_lines_give_their_members_one_key_and_other_sets_chain_links() {
    let d = doc("equiv");
    assert_eq!(
        spans(&d),
        [
            "T1 GPE 22..28 \"Astana\" =equiv:equiv.ann:6",
            "T2 GPE 41..51 \"Nur-Sultan\" =equiv:equiv.ann:6 =equiv:equiv.ann:7",
            "T3 GPE 64..72 \"the city\" =equiv:equiv.ann:6 =equiv:equiv.ann:7",
            "T4 GPE 0..10 \"Kazakhstan\"",
            "T5 Event 87..93 \"summit\"",
        ]
    );
    assert_eq!(links(&d), ["T1 -PartOf-> T4 (-)", "T4 -PartOf-> T5 (-)"]);
}

#[test]
fn notes_of_any_type_land_on_spans_triggers_and_links() {
    let d = doc("notes");
    assert_eq!(
        spans(&d),
        [
            "T1 Person 0..21 \"Zhaksylyk Ushkempirov\" #AnnotatorNotes:\"Greco-Roman wrestler\"",
            "T2 GPE 34..40 \"Moscow\" #AnnotatorNotes:\"\"",
            "T3,E1 Win 22..25 \"won\" #Lemma:\"win\" #AnnotatorNotes:\"Olympic final\"",
            "T4 Date 44..48 \"1980\"",
        ]
    );
    assert_eq!(
        links(&d),
        ["T3 -Winner-> T1 (E1)", "T3 -Place-> T2 (E1)", "T3 -When-> T4 (R1) #AnnotatorNotes:\"check the year\"",]
    );
}

#[test]
fn ids_may_be_used_before_they_are_defined() {
    let d = doc("out_of_order");
    assert_eq!(
        spans(&d),
        [
            "T3,E1 Link 21..26 \"links\" #AnnotatorNotes:\"pipeline route\"",
            "T10 Field 27..33 \"Tengiz\" =equiv:out_of_order.ann:5",
            "T1 Facility 4..20 \"Caspian pipeline\" [Main=-]",
            "T2 GPE 37..49 \"Novorossiysk\" =equiv:out_of_order.ann:5",
        ]
    );
    assert_eq!(links(&d), ["T3 -From-> T10 (E1)", "T3 -To-> T2 (E1)", "T10 -Part-> T1 (R1)"]);
}

#[test]
fn trailing_tabs_spaces_and_blank_lines_are_fine() {
    let d = doc("trailing_tabs");
    assert_eq!(
        spans(&d),
        [
            "T1 Facility 0..10 \"Aktau port\" [Confirmed=-]",
            "T2 GPE 28..32 \"Baku\" <Reference GeoNames:587084 \"Baku\">",
            "T3,E1 Load 11..17 \"loaded\"",
        ]
    );
    assert_eq!(links(&d), ["T1 -Destination-> T2 (R1)", "T3 -Place-> T1 (E1)"]);
}

#[test]
fn a_text_without_final_newline_ends_at_its_last_character() {
    let d = doc("no_final_newline");
    assert_eq!(d.text, "Talks in Bishkek ended without a deal");
    assert_eq!(spans(&d), ["T1 GPE 9..16 \"Bishkek\"", "T2 Event 33..37 \"deal\""]);
}

#[test]
fn offsets_count_characters_not_bytes() {
    let d = doc("emoji");
    assert_eq!(
        spans(&d),
        [
            "T1 GPE 0..12 \"Алматы\"",
            "T2 GPE 22..38 \"Жаңаөзен\"",
            "T3 Event 40..58 \"наразылық\"",
            "T4 GPE 93..111 \"Қазақстан\"",
            "T5 Flag 112..120 \"🇰🇿\"",
            "T6 Org 93..133 \"Қазақстан 🇰🇿 билігі\"",
        ]
    );
}

#[test]
fn a_crlf_text_counts_its_carriage_returns() {
    let d = doc("crlf");
    assert_eq!(spans(&d), ["T1 GPE 14..20 \"Atyrau\"", "T2 GPE 40..46 \"Aktobe\""]);
    assert_eq!(links(&d), ["T1 -Compare-> T2 (R1)"]);
}

#[test]
fn relation_roles_other_than_arg1_arg2_are_kept() {
    let d = doc("roles");
    assert_eq!(
        links(&d),
        [
            "T2 -Employer-> T1 (R1)",
            "T1 -Hires-> T2 (R2) [from role=Employer] [to role=Employee] [Reference=Rel:hire] #Reference:\"hiring\"",
        ]
    );
}

#[test]
fn the_pre_1_3_discontinuous_text_is_read_with_a_warning() {
    let imported = import(FIXTURES, "old_style").unwrap();
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["old_style.ann:1:25: T1: the text \"Semeydistricts\" joins the fragments without a space \
          (as brat did before 1.3); read by its offsets"]
    );
    assert_eq!(spans(&imported.documents[0]), ["T1 District 20..25,26..35 \"Semey districts\""]);
}

#[test]
fn text_that_disagrees_with_the_offsets_is_an_error() {
    assert_eq!(
        errors("broken_quote"),
        [
            "broken_quote.ann:2:14: T2: the text \"Kyzylorda region\" is not what the offsets 10 19 hold in \
             broken_quote.txt: \"Kyzylorda\"",
            "broken_quote.ann:3:21: T3: the text \"water  agreement\" is not what the offsets 31 36;37 46 hold in \
             broken_quote.txt: \"water agreement\"",
            "broken_quote.ann:4:12: T4: the text \"Тараз\" is not what the offsets 0 5 hold in broken_quote.txt: \
             \"Taraz\"",
        ]
    );
}

#[test]
fn every_broken_line_is_reported_with_its_place() {
    assert_eq!(
        errors("broken_lines"),
        [
            "broken_lines.ann:2:1: no tab after the annotation's id (fields separated by spaces instead of a tab?)",
            "broken_lines.ann:3:1: unknown annotation \"X1\" (brat ids start with T, R, E, A, M, N, # or *)",
            "broken_lines.ann:4:8: T3: expected \"START END\", not \"17\"",
            "broken_lines.ann:5:11: T4: offset \"x\" is not a number",
            "broken_lines.ann:6:8: T5: offsets 40 400: end 400 is past the end of the text (47 long)",
            "broken_lines.ann:7:8: T6: start 22 is after end 17",
            "broken_lines.ann:8:8: T7: the fragment 17 17 is empty",
            "broken_lines.ann:9:14: T8: the fragment 27 33 overlaps or comes before the one ending at 33",
            "broken_lines.ann:10:1: T1: T1 is already defined on line 1",
            "broken_lines.ann:11:4: R1: expected a type and two arguments (\"Type Arg1:T1 Arg2:T2\")",
            "broken_lines.ann:12:22: R2: no annotation \"T99\" in this file",
            "broken_lines.ann:13:12: E1: expected ROLE:ID, not \"Guest-T3\"",
            "broken_lines.ann:14:9: E2: no annotation \"T42\" in this file (the event's trigger)",
            "broken_lines.ann:15:9: E3: the trigger E2 is not a text-bound annotation (T)",
            "broken_lines.ann:16:13: A1: no annotation \"T77\" in this file",
            "broken_lines.ann:17:13: A2: A1 is an attribute; expected an entity, an event or a relation",
            "broken_lines.ann:18:19: M1: an M modifier has no value (use an A attribute)",
            "broken_lines.ann:19:17: N1: expected DB:ID, not \"Wikidata\"",
            "broken_lines.ann:20:4: #1: expected a type and a target (\"AnnotatorNotes T1<TAB>text\")",
            "broken_lines.ann:21:3: Equiv needs two or more members",
            "broken_lines.ann:22:12: R2 is a relation; expected an entity or an event",
        ]
    );
}

fn read_str(ann: &str, txt: &str) -> Result<Imported, Vec<String>> {
    read(Input { name: "x.ann", text: ann }, Input { name: "x.txt", text: txt }, "x")
        .map_err(|problems| problems.iter().map(ToString::to_string).collect())
}

#[test]
fn normalizations_and_notes_keep_their_line_order_whether_they_wait_or_not() {
    // Notes of spans already read land at once; once one has had to wait
    // (#1 names T2 before T2 is read), every later one waits behind it.
    let ann = "T1\tGPE 0 6\tAstana\n#1\tAnnotatorNotes T1\tcapital\nN1\tReference T1 Wikidata:Q1520\tAstana\n\
               #2\tAnnotatorNotes T2\tfirst\nT2\tGPE 11 17\tAlmaty\n#3\tAnnotatorNotes T2\tsecond\n\
               #4\tAnnotatorNotes T1\tthird\nN2\tReference T2 Wikidata:Q35493\tAlmaty\nN3\tReference T1 GeoNames:1526273\n";
    let imported = read_str(ann, "Astana and Almaty").unwrap();
    assert_eq!(
        spans(&imported.documents[0]),
        [
            "T1 GPE 0..6 \"Astana\" <Reference Wikidata:Q1520 \"Astana\"> <Reference GeoNames:1526273 \"\"> \
             #AnnotatorNotes:\"capital\" #AnnotatorNotes:\"third\"",
            "T2 GPE 11..17 \"Almaty\" <Reference Wikidata:Q35493 \"Almaty\"> #AnnotatorNotes:\"first\" \
             #AnnotatorNotes:\"second\"",
        ]
    );
    // A note of an id that is nowhere waits, and is reported at its line.
    let problems =
        read_str("T1\tGPE 0 6\n#1\tAnnotatorNotes T9\tlost\n#2\tAnnotatorNotes T1\tkept\n", "Astana").unwrap_err();
    assert_eq!(problems, ["x.ann:2:19: #1: no annotation \"T9\" in this file"]);
}

#[test]
fn a_crlf_ann_with_a_byte_order_mark_and_no_texts_reads() {
    let imported =
        read_str("\u{feff}T1\tGPE 0 6\r\nT2\tGPE 11 17\t\r\n\r\nR1\tNear Arg1:T1 Arg2:T2\r\n", "Astana and Almaty")
            .unwrap();
    let d = &imported.documents[0];
    assert_eq!(spans(d), ["T1 GPE 0..6 \"Astana\"", "T2 GPE 11..17 \"Almaty\""]);
    assert_eq!(links(d), ["T1 -Near-> T2 (R1)"]);
}

#[test]
fn text_after_the_fields_of_a_relation_is_counted_as_not_imported() {
    let imported = read_str(
        "T1\tGPE 0 6\nT2\tGPE 11 17\nR1\tNear Arg1:T1 Arg2:T2\tsee map\nA1\tBig T1\tyes\n",
        "Astana and Almaty",
    )
    .unwrap();
    assert_eq!(imported.not_imported, [("texts after the fields of brat R, E, A or M lines".to_string(), 2)]);
    assert_eq!(links(&imported.documents[0]), ["T1 -Near-> T2 (R1)"]);
}

#[test]
fn an_empty_ann_is_a_document_without_spans() {
    let imported = read_str("", "Nothing was annotated here.\n").unwrap();
    assert_eq!(imported.documents.len(), 1);
    assert_eq!(imported.documents[0].text, "Nothing was annotated here.\n");
    assert!(imported.documents[0].spans.is_empty());
}

#[test]
fn problems_come_in_line_order_whatever_round_found_them() {
    let problems = read_str("R1\tNear Arg1:T1 Arg2:T9\nT1\tGPE 0 99\n", "Astana").unwrap_err();
    assert_eq!(
        problems,
        [
            "x.ann:1:22: R1: no annotation \"T9\" in this file",
            "x.ann:2:8: T1: offsets 0 99: end 99 is past the end of the text (6 long)",
        ]
    );
}

#[test]
fn an_offset_inside_no_character_or_too_large_is_an_error() {
    let problems = read_str("T1\tGPE 0 99999999999999999999999\n", "Astana").unwrap_err();
    assert_eq!(problems, ["x.ann:1:10: T1: offset 99999999999999999999999 is too large"]);
}

const CITIES: &str = "Astana and Almaty and Aktobe are cities";

#[test]
fn a_span_written_twice_is_found_whether_the_t_lines_keep_text_order_or_not() {
    // T1-T3 ascend; T4 breaks the order (a second T2); T5 and T7 come
    // after the break, as do the second T10 and T13.
    let ann = "T1\tGPE 0 6\tAstana\nT2\tGPE 11 17\tAlmaty\nT3\tGPE 22 28\tAktobe\nT4\tGPE 11 17\tAlmaty\n\
               T5\tLOC 11 17\tAlmaty\nT6\tGPE 0 6\tAstana\nT7\tGPE 29 32\tare\nT8\tGPE 29 32\tare\n\
               T9\tLOC 11 17\tAlmaty\nT10\tGPE 0 3;4 6\tAst na\nT11\tGPE 0 3;4 6\tAst na\nT12\tGPE 0 6\tAstana\n\
               T13\tGPE 0 2;5 6\tAs a\nT14\tGPE 0 2;5 6\tAs a\nT15\tGPE 22 28\tAktobe\n";
    let imported = read_str(ann, CITIES).unwrap();
    assert_eq!(
        spans(&imported.documents[0]),
        [
            "T1,T6,T12 GPE 0..6 \"Astana\"",
            "T2,T4 GPE 11..17 \"Almaty\"",
            "T3,T15 GPE 22..28 \"Aktobe\"",
            "T5,T9 LOC 11..17 \"Almaty\"",
            "T7,T8 GPE 29..32 \"are\"",
            "T10,T11 GPE 0..3,4..6 \"Ast na\"",
            "T13,T14 GPE 0..2,5..6 \"As a\"",
        ]
    );
}

#[test]
fn ids_of_a_letter_and_a_number_and_other_ids_are_all_distinct() {
    let ann = "T1\tGPE 0 6\tAstana\nT01\tGPE 11 17\tAlmaty\nTL1\tGPE 22 28\tAktobe\nT\tGPE 29 32\tare\n\
               T0\tGPE 33 39\tcities\nN1\tReference T01 Wikidata:Q35493\tAlmaty\n#1\tAnnotatorNotes T1\tcapital\n\
               A1\tBig T\nA01\tSmall T0\nR1\tNear Arg1:T1 Arg2:T01\nR01\tNear Arg1:TL1 Arg2:T\nE1\tGPE:T1 Place:TL1\n\
               M1\tFlag R01\n";
    let imported = read_str(ann, CITIES).unwrap();
    let d = &imported.documents[0];
    assert_eq!(
        spans(d),
        [
            "T1,E1 GPE 0..6 \"Astana\" #AnnotatorNotes:\"capital\"",
            "T01 GPE 11..17 \"Almaty\" <Reference Wikidata:Q35493 \"Almaty\">",
            "TL1 GPE 22..28 \"Aktobe\"",
            "T GPE 29..32 \"are\" [Big=-]",
            "T0 GPE 33..39 \"cities\" [Small=-]",
        ]
    );
    assert_eq!(links(d), ["T1 -Near-> T01 (R1)", "TL1 -Near-> T (R01) [Flag=-]", "T1 -Place-> TL1 (E1)"]);
}

#[test]
fn duplicate_and_unknown_ids_are_told_apart_in_and_out_of_the_tables() {
    let ann = "T1\tGPE 0 6\nT01\tGPE 11 17\nT1\tLOC 22 28\nT01\tLOC 29 32\nT5\tGPE 0 99\n\
               R1\tNear Arg1:T5 Arg2:T3\nR2\tNear Arg1:T001 Arg2:T10\nN1\tReference T1 Wikidata:Q1\n\
               N1\tReference T01 Wikidata:Q2\n#1\tAnnotatorNotes N1\tx\nT5\tGPE 0 6\n";
    assert_eq!(
        read_str(ann, CITIES).unwrap_err(),
        [
            "x.ann:3:1: T1: T1 is already defined on line 1",
            "x.ann:4:1: T01: T01 is already defined on line 2",
            "x.ann:5:8: T5: offsets 0 99: end 99 is past the end of the text (39 long)",
            "x.ann:6:22: R1: no annotation \"T3\" in this file",
            "x.ann:7:14: R2: no annotation \"T001\" in this file",
            "x.ann:7:24: R2: no annotation \"T10\" in this file",
            "x.ann:9:1: N1: N1 is already defined on line 8",
            "x.ann:10:19: #1: N1 is a normalization; expected an entity, an event or a relation",
            "x.ann:11:1: T5: T5 is already defined on line 5",
        ]
    );
}

#[test]
fn huge_id_numbers_are_ids_like_any_other() {
    let ann = "T999999999999\tGPE 0 6\nT18446744073709551617\tGPE 11 17\nT1\tGPE 22 28\n\
               R1\tNear Arg1:T999999999999 Arg2:T18446744073709551617\nR999999999999\tNear Arg1:T1 Arg2:T999999999999\n";
    let imported = read_str(ann, CITIES).unwrap();
    assert_eq!(
        links(&imported.documents[0]),
        ["T999999999999 -Near-> T18446744073709551617 (R1)", "T1 -Near-> T999999999999 (R999999999999)"]
    );
    let problems =
        read_str(&format!("{ann}T999999999999\tLOC 29 32\nR2\tNear Arg1:T999999999998 Arg2:T1\n"), CITIES).unwrap_err();
    assert_eq!(
        problems,
        [
            "x.ann:6:1: T999999999999: T999999999999 is already defined on line 1",
            "x.ann:7:14: R2: no annotation \"T999999999998\" in this file",
        ]
    );
}

/// What a real file holds, counted by hand from its `.ann`.
#[derive(Debug, PartialEq, Eq)]
struct Counts {
    spans: usize,
    links: usize,
    ids: usize,
    span_attributes: usize,
    link_attributes: usize,
    references: usize,
    notes: usize,
    same_as_groups: usize,
    discontinuous: usize,
}

fn counts(d: &Doc) -> Counts {
    let mut groups: Vec<&String> = d.spans.iter().flat_map(|s| &s.same_as).collect();
    groups.sort();
    groups.dedup();
    Counts {
        spans: d.spans.len(),
        links: d.links.len(),
        ids: d.spans.iter().map(|s| s.ids.len()).sum(),
        span_attributes: d.spans.iter().map(|s| s.attributes.len()).sum(),
        link_attributes: d.links.iter().map(|l| l.attributes.len()).sum(),
        references: d.spans.iter().map(|s| s.references.len()).sum(),
        notes: d.spans.iter().map(|s| s.notes.len()).sum::<usize>()
            + d.links.iter().map(|l| l.notes.len()).sum::<usize>(),
        same_as_groups: groups.len(),
        discontinuous: d.spans.iter().filter(|s| s.fragments.len() > 1).count(),
    }
}

fn real(name: &str) -> Doc {
    let imported = import(REAL, name).unwrap_or_else(|p| panic!("{name}: {p:#?}"));
    assert!(imported.warnings.is_empty(), "{name}: {:?}", imported.warnings);
    assert!(imported.not_imported.is_empty(), "{name}: {:?}", imported.not_imported);
    let [doc] = <[Doc; 1]>::try_from(imported.documents).unwrap();
    doc
}

#[test]
fn brats_tutorial_document() {
    let d = real("nlplab-brat__tutorials-news/000-introduction");
    assert_eq!(d.id, "000-introduction");
    let expected = Counts {
        spans: 7,
        links: 6,
        ids: 8,
        span_attributes: 5,
        link_attributes: 0,
        references: 1,
        notes: 1,
        same_as_groups: 0,
        discontinuous: 0,
    };
    assert_eq!(counts(&d), expected);
    assert_eq!(
        links(&d),
        [
            "T3 -Giver-Arg-> T1 (E1)",
            "T3 -Money-Arg-> T2 (E1)",
            "T3 -Beneficiary-Arg-> T4 (E1)",
            "T3 -Recipient-Arg-> T6 (E1)",
            "T6 -Origin-> T7 (R2)",
            "T4 -Family-> T5 (R1)",
        ]
    );
    assert_eq!(
        spans(&d)[1..5],
        [
            "T2 Money 456..468 \"$100 million\" #AnnotatorNotes:\"100000000 USD\"",
            "T3,E1 Transfer-money 443..449 \"moving\" [Confidence=High]",
            "T4 Person 473..496 \"Raul Salinas de Gortari\" [Mention=Name] [Individual=-]",
            "T5 Person 511..535 \"former Mexican president\" [Mention=Nominal] [Individual=-] \
             <Reference Wikipedia:64488 \"Carlos Salinas de Gortari\">",
        ]
    );
}

#[test]
fn a_bionlp_genia_abstract_with_nested_events() {
    let d = real("nlplab-brat__BioNLP-ST_2011_GE/PMID-10438843");
    assert!(!d.text.ends_with('\n'));
    let expected = Counts {
        spans: 31,
        links: 12,
        ids: 40,
        span_attributes: 2,
        link_attributes: 0,
        references: 0,
        notes: 0,
        same_as_groups: 2,
        discontinuous: 0,
    };
    assert_eq!(counts(&d), expected);
    let shown = spans(&d);
    assert_eq!(shown[25], "T26,E3,E4 Positive_regulation 841..848 \"inducer\"");
    assert_eq!(shown[28], "T29,E7 Gene_expression 1182..1192 \"production\" [Negation=-]");
    assert_eq!(shown[7], "T8 Protein 675..679 \"IL-7\" =equiv:PMID-10438843.ann:25");
    // E5's Theme is the event E6: its trigger, T28.
    assert!(links(&d).contains(&"T27 -Theme-> T28 (E5)".to_string()));
}

#[test]
fn dkpros_non_adjacent_discontinuous_token() {
    let d = real("dkpro-core__io-brat/document0d");
    let expected = Counts {
        spans: 4,
        links: 0,
        ids: 8,
        span_attributes: 0,
        link_attributes: 0,
        references: 0,
        notes: 0,
        same_as_groups: 0,
        discontinuous: 1,
    };
    assert_eq!(counts(&d), expected);
    assert_eq!(spans(&d)[1], "T2,E2 Token 5..7,9..10 \"is n\"");
}

#[test]
fn pie_datasets_attribute_on_a_relation() {
    let d = real("pie-datasets__brat/2");
    let expected = Counts {
        spans: 2,
        links: 1,
        ids: 2,
        span_attributes: 1,
        link_attributes: 1,
        references: 0,
        notes: 0,
        same_as_groups: 0,
        discontinuous: 0,
    };
    assert_eq!(counts(&d), expected);
    assert_eq!(spans(&d), ["T1 city 0..7 \"Seattle\" [factuality=actual]", "T2 person 25..37 \"Jenny Durkan\""]);
    assert_eq!(links(&d), ["T2 -mayor_of-> T1 (R1) [statement=-]"]);
}

/// Every fixture and real pair, cut short and with one character dropped
/// at every place, and with its text cut: whatever comes of it, no panic.
#[test]
fn mangled_inputs_never_panic() {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(FIXTURES).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "ann") {
            let name = path.file_stem().unwrap().to_str().unwrap().to_string();
            pairs.push(pair(FIXTURES, &name));
        }
    }
    for name in
        ["dkpro-core__io-brat/document0d", "pie-datasets__brat/2", "nlplab-brat__tutorials-news/000-introduction"]
    {
        pairs.push(pair(REAL, name));
    }
    let manglers: [fn(&str, usize) -> String; 4] = [
        |s, i| s[..i].to_string(),
        |s, i| format!("{}{}", &s[..i], s[i..].chars().skip(1).collect::<String>()),
        |s, i| format!("{}\t{}", &s[..i], &s[i..]),
        |s, i| format!("{}😀 ;:*", &s[..i]) + &s[i..],
    ];
    for (ann, txt) in &pairs {
        for (i, _) in ann.char_indices() {
            for mangle in manglers {
                let _ = read_str(&mangle(ann, i), txt);
            }
        }
        for (i, _) in txt.char_indices().step_by(3) {
            let _ = read_str(ann, &txt[..i]);
            let _ = read_str(ann, &manglers[3](txt, i));
        }
    }
}

#[test]
fn the_common_lines_are_read_the_fast_way_and_others_the_general_way() {
    use super::parse::{Record, common};
    let fast = [
        "T1\tPER 0 5\tAlice",
        "T12\tOrganization 10 17",
        "T3\tGPE 007 12\tAlmaty\t",
        "N1\tReference T1 Wikidata:Q1520\tAstana",
        "N2\tReference T1 dossier:e42",
        "#1\tAnnotatorNotes T1\tthe capital",
        "#2\tLemma T1",
    ];
    for line in fast {
        assert!(common(line).is_some(), "{line:?}");
    }
    let general = [
        "T1\tPER 0 5;6 9\tAl Bob",
        "T1\tPER  0 5",
        "T1\tPER 0 5 \tAlice",
        "T1\tPER 5 5",
        "T1\tPER 9 5",
        "T1\tPER 0 1234567890123456789",
        "T 1\tPER 0 5",
        "T1\tPER 0 5\u{a0}",
        "N1\tReference Annotation:T1 Referent:Wikidata:Q1",
        "N1\tReference T1 Q1520",
        "N1\tReference T1\u{c}x Wikidata:Q1",
        "#1\tAnnotatorNotes T1 extra\ttext",
        "R1\tNear Arg1:T1 Arg2:T2",
        "*\tEquiv T1 T2",
    ];
    for line in general {
        assert!(common(line).is_none(), "{line:?}");
    }
    let Some(Record::Text { fragments, offsets, quote, .. }) = common("T3\tGPE 007 12\tAlmaty\t") else { panic!() };
    assert_eq!((fragments.first(), fragments.len(), offsets, quote), (Some(&(7..12)), 1, "007 12", Some("Almaty\t")));
}

mod props {
    use proptest::prelude::*;

    proptest! {
        /// Whatever the fast way reads, the general way reads the same.
        #[test]
        fn the_fast_way_reads_what_the_general_way_reads(
            line in "[TN#R][0-9a-zA-Z ]{0,3}\t[A-Za-z:\u{a0} ]{0,6}( [0-9]{0,3}| T[0-9]| [a-z]{0,3}:[A-Za-z0-9]{0,3}|[ \u{b}\u{c}\r]){0,4}(\t[ a-zA-Z\t\u{a0}]{0,5})?",
        ) {
            if let Some(record) = super::super::parse::common(&line) {
                let general = super::super::parse::general(&line);
                prop_assert_eq!(general, Ok(super::super::parse::Parsed { record, extra_text: false }));
            }
        }
    }

    proptest! {
        /// The tables and the map of ids answer as one map would, however
        /// little room the tables have.
        #[test]
        fn ids_answer_as_one_map(
            room in 0usize..40,
            ops in proptest::collection::vec(("[TN]0?[0-9]{0,2}|#[0-9]", any::<bool>()), 0..60),
        ) {
            use super::super::build::{Ids, Target};
            let mut ids = Ids::new(room);
            let mut model = std::collections::HashMap::new();
            for (no, (id, define)) in ops.iter().enumerate() {
                let known = model.get(id.as_str()).copied();
                if *define {
                    model.entry(id.as_str()).or_insert(no);
                    prop_assert_eq!(ids.define(id, Target::Broken, no), known);
                } else {
                    prop_assert_eq!(ids.get(id).map(|(_, line)| line), known);
                }
            }
            for (id, &no) in &model {
                prop_assert_eq!(ids.get(id).map(|(_, line)| line), Some(no));
            }
        }
    }

    proptest! {
        #[test]
        fn any_text_reads_or_fails_without_panic(
            ann in "([TREAMN#*X][0-9]?[\t ]?([A-Za-z:]{0,4}[ ;\t]?[0-9]{0,3}){0,5}\r?\n?){0,8}",
            txt in "\\PC{0,30}",
        ) {
            let _ = super::read_str(&ann, &txt);
        }
    }
}
