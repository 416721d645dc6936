//! The claims of the built-in corpus: that they load, cover both documents,
//! are attributed to whoever makes them, and link the two documents where
//! they meet.

use std::collections::HashSet;
use std::sync::OnceLock;

use dossier::data::model::{ClaimIdx, ClaimKind, Corpus, DocIdx, RelationKind};

fn corpus() -> &'static Corpus {
    static CORPUS: OnceLock<Corpus> = OnceLock::new();
    CORPUS.get_or_init(|| match dossier::data::load::builtin::load() {
        Ok(corpus) => corpus,
        Err(failure) => panic!("the built-in corpus does not load:\n{failure}"),
    })
}

fn claim(c: &Corpus, id: &str) -> ClaimIdx {
    c.claim_by_id(id).unwrap_or_else(|| panic!("no claim {id:?} in the built-in corpus"))
}

fn doc(c: &Corpus, id: &str) -> DocIdx {
    c.doc_by_id(id).unwrap_or_else(|| panic!("no document {id:?} in the built-in corpus"))
}

fn claimant_id(c: &Corpus, idx: ClaimIdx) -> Option<&str> {
    c.claim(idx).claimant.map(|e| c.entity(e).id.as_str())
}

fn doc_id(c: &Corpus, idx: ClaimIdx) -> &str {
    &c.doc(c.claim(idx).doc).id
}

/// The paragraph (line of the document's text) a claim's span starts in, 1-based, and its text.
fn paragraph(c: &Corpus, idx: ClaimIdx) -> (usize, &str) {
    let claim = c.claim(idx);
    let text = &c.doc(claim.doc).text;
    let start = claim.span.start as usize;
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    (text[..start].matches('\n').count() + 1, &text[line_start..line_end])
}

const ANALYSIS: &str = "analysis";
const INTERVIEW: &str = "interview";

#[test]
fn the_builtin_corpus_loads_with_both_documents() {
    let c = corpus();
    doc(c, ANALYSIS);
    doc(c, INTERVIEW);
    assert_eq!(c.documents().len(), 2);
}

#[test]
fn each_document_has_well_over_thirty_claims() {
    let c = corpus();
    for id in [ANALYSIS, INTERVIEW] {
        let n = c.doc_claims(doc(c, id)).len();
        assert!(n >= 60, "document {id} has only {n} claims");
    }
}

#[test]
fn every_claim_kind_occurs_in_each_document() {
    let c = corpus();
    for id in [ANALYSIS, INTERVIEW] {
        let kinds: HashSet<ClaimKind> = c.doc_claims(doc(c, id)).iter().map(|&i| c.claim(i).kind).collect();
        for kind in ClaimKind::ALL {
            assert!(kinds.contains(&kind), "no {kind} claim in document {id}");
        }
    }
}

#[test]
fn claim_ids_are_kebab_case_with_the_document_prefix() {
    let c = corpus();
    for (i, claim) in c.claims().iter().enumerate() {
        let prefix = match doc_id(c, ClaimIdx::from_index(i)) {
            ANALYSIS => "a-",
            INTERVIEW => "i-",
            other => panic!("claim {} is in unexpected document {other}", claim.id),
        };
        assert!(claim.id.starts_with(prefix), "claim {} should start with {prefix}", claim.id);
        assert!(
            claim.id.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
                && !claim.id.ends_with('-')
                && !claim.id.contains("--"),
            "claim id {:?} is not kebab-case",
            claim.id
        );
    }
}

#[test]
fn claim_spans_are_sentences_or_clauses_not_paragraphs() {
    let c = corpus();
    for (i, claim) in c.claims().iter().enumerate() {
        let text = c.claim_text(ClaimIdx::from_index(i));
        assert!(!text.contains('\n'), "claim {} spans several paragraphs", claim.id);
        assert_eq!(text, text.trim(), "claim {} starts or ends with white space", claim.id);
        assert!(text.chars().count() <= 400, "claim {} is too long for a claim ({} chars)", claim.id, text.len());
        let (_, para) = paragraph(c, ClaimIdx::from_index(i));
        if text == para {
            // Only a one-sentence paragraph may be a claim in full.
            let sentences = para.trim_end_matches('.').matches(". ").count();
            assert_eq!(sentences, 0, "claim {} covers a whole paragraph of several sentences", claim.id);
        }
    }
}

#[test]
fn summaries_are_single_lines() {
    let c = corpus();
    for claim in c.claims() {
        if let Some(summary) = &claim.summary {
            assert!(!summary.trim().is_empty(), "claim {} has an empty summary", claim.id);
            assert!(!summary.contains('\n'), "claim {}'s summary is not one line", claim.id);
            assert!(summary.chars().count() <= 200, "claim {}'s summary is too long", claim.id);
        }
    }
}

#[test]
fn about_lists_and_claimants_name_existing_entities() {
    let c = corpus();
    let entities = c.entities().len();
    for claim in c.claims() {
        assert!(!claim.about.is_empty(), "claim {} is about no entity", claim.id);
        let mut seen = HashSet::new();
        for &e in &claim.about {
            assert!(e.index() < entities, "claim {} is about a missing entity", claim.id);
            assert!(seen.insert(e), "claim {} lists {} twice in about", claim.id, c.entity(e).id);
        }
        if let Some(e) = claim.claimant {
            assert!(e.index() < entities, "claim {} has a missing claimant", claim.id);
        }
    }
    // A sample, by id.
    for (id, about) in [
        ("a-tolegenov-arrest", &["tolegenov", "act-174"][..]),
        ("i-tolegenov-detention", &["tolegenov", "knb"]),
        ("a-ensebek-act-174", &["ensebek", "act-174"]),
        ("i-aleyev-son-in-law", &["aliyev", "nazarbayev"]),
        ("i-csto-failed", &["csto"]),
        ("a-capital-move-1994", &["nazarbayev", "almaty", "astana"]),
    ] {
        let idx = claim(c, id);
        let ids: Vec<&str> = c.claim(idx).about.iter().map(|&e| c.entity(e).id.as_str()).collect();
        for want in about {
            assert!(ids.contains(want), "claim {id} should be about {want}; it is about {ids:?}");
        }
    }
}

/// The speaker of each paragraph of the interview: `Some(entity id)` in a turn,
/// `None` in the title, caption, standfirst and the closing source lines.
fn interview_speakers(c: &Corpus) -> Vec<Option<&'static str>> {
    let text = &c.doc(doc(c, INTERVIEW)).text;
    let mut speakers = Vec::new();
    let mut current: Option<&'static str> = None;
    for (n, line) in text.split('\n').enumerate() {
        if line.starts_with("Reporter:") {
            current = Some("aslamova");
        } else if line.starts_with("Yuritsyn:") {
            current = Some("yuritsyn");
        } else if line.starts_with("— ") {
            // From line 51 on, em-dash turns alternate between the two speakers.
            current = match current {
                Some("aslamova") => Some("yuritsyn"),
                Some("yuritsyn") => Some("aslamova"),
                other => panic!("an em-dash turn on line {} follows no speaker ({other:?})", n + 1),
            };
        } else if n < 3 || line.starts_with("Original:") || line.starts_with("Statement:") {
            current = None;
        }
        // Any other line continues the previous speaker's turn.
        speakers.push(current);
    }
    speakers
}

#[test]
fn em_dash_turns_alternate_from_the_reporter() {
    let c = corpus();
    let speakers = interview_speakers(c);
    let expected = [
        (50, "yuritsyn"),
        (51, "aslamova"),
        (52, "yuritsyn"),
        (53, "yuritsyn"),
        (54, "aslamova"),
        (55, "yuritsyn"),
        (56, "aslamova"),
        (57, "yuritsyn"),
        (58, "aslamova"),
        (59, "yuritsyn"),
        (60, "aslamova"),
        (61, "yuritsyn"),
        (62, "yuritsyn"),
    ];
    for (line, who) in expected {
        assert_eq!(speakers[line - 1], Some(who), "speaker of interview line {line}");
    }
}

/// Interview claims whose claimant is not the speaker of their turn: views the
/// reporter attributes to someone else ("As you often say", "He claimed").
const ATTRIBUTED_IN_TURN: &[(&str, &str)] = &[
    ("i-stable-surface", "yuritsyn"),
    ("i-russian-speakers-worry", "yuritsyn"),
    ("i-tolegenov-northern-kazakh", "tolegenov"),
    ("i-csto-eaeu-outdated", "kazakhstani-political-scientists"),
    ("i-visa-regime-friends", "kazakhstani-political-scientists"),
];

/// Bracketed translator's notes "(note: ...)" are the publication's words, not
/// the speaker's: like the title, caption and standfirst they are the editors'.
fn is_editorial_note(text: &str) -> bool {
    text.starts_with("(note:")
}

#[test]
fn interview_claims_are_attributed_to_the_speaker_of_their_turn() {
    let c = corpus();
    let speakers = interview_speakers(c);
    let mut checked = 0;
    for &idx in c.doc_claims(doc(c, INTERVIEW)) {
        let claim = c.claim(idx);
        let (line, _) = paragraph(c, idx);
        let text = c.claim_text(idx);
        let expected = if is_editorial_note(text) {
            Some(EDITORS)
        } else if let Some(&(_, who)) = ATTRIBUTED_IN_TURN.iter().find(|(id, _)| *id == claim.id) {
            Some(who)
        } else {
            // Outside the turns (title, caption, standfirst, source lines) the editors speak.
            speakers[line - 1].or(Some(EDITORS))
        };
        assert_eq!(claimant_id(c, idx), expected, "claimant of {} (interview line {line}): {text:?}", claim.id);
        if expected != Some(EDITORS) {
            checked += 1;
        }
    }
    assert!(checked >= 100, "only {checked} interview claims are in turns");
}

#[test]
fn a_sample_of_turns_has_the_right_claimant() {
    let c = corpus();
    // (claim, claimant, how the claim's paragraph begins)
    let sample = [
        ("i-official-equal-rights", "aslamova", "Reporter:"),
        ("i-tolegenov-detained-friendship", "aslamova", "Reporter:"),
        ("i-three-sentenced", "aslamova", "Reporter:"),
        ("i-russia-quelled-2022", "aslamova", "Reporter:"),
        ("i-smo-rear-ally", "aslamova", "Reporter:"),
        ("i-great-famine", "aslamova", "Reporter:"),
        ("i-tolegenov-detention", "yuritsyn", "Later, someone"),
        ("i-tolegenov-blogger-kostanay", "yuritsyn", "Yuritsyn:"),
        ("i-dissolution-negates-independence", "yuritsyn", "Yuritsyn:"),
        ("i-russian-souls", "yuritsyn", "We can say"),
        ("i-packing-and-going", "aslamova", "— So, on one hand"),
        ("i-kazakhstan-stable", "yuritsyn", "— Indeed."),
        ("i-7500-border", "yuritsyn", "Gray customs"),
        ("i-csto-eaeu-outdated", "kazakhstani-political-scientists", "— In Kazakhstan, I have encountered"),
        ("i-visa-regime-friends", "kazakhstani-political-scientists", "— In Kazakhstan, I have encountered"),
        ("i-csto-failed", "yuritsyn", "— The Collective Security Treaty Organization has failed"),
        ("i-eaeu-defunct", "yuritsyn", "— The Eurasian Economic Union (EAES)"),
        ("i-implicit-system", "yuritsyn", "— Whether to implement"),
        ("i-second-ussr-dreams", "aslamova", "— Have all the dreams"),
        ("i-soviet-projects", "yuritsyn", "— I wouldn't say"),
        ("i-cheap-labor", "yuritsyn", "Now, the diaspora"),
    ];
    for (id, who, opening) in sample {
        let idx = claim(c, id);
        assert_eq!(doc_id(c, idx), INTERVIEW, "{id} should be in the interview");
        assert_eq!(claimant_id(c, idx), Some(who), "claimant of {id}");
        let (line, para) = paragraph(c, idx);
        assert!(para.starts_with(opening), "{id} should be in the paragraph opening {opening:?}, not line {line}");
    }
}

/// The unnamed editors and translator of the interview.
const EDITORS: &str = "interview-editors";

#[test]
fn editorial_text_in_the_interview_is_the_editors_and_nothing_else_is() {
    let c = corpus();
    let mut editorial = 0;
    for &idx in c.doc_claims(doc(c, INTERVIEW)) {
        let (line, _) = paragraph(c, idx);
        let text = c.claim_text(idx);
        let is_editorial = line <= 3 || is_editorial_note(text);
        let id = &c.claim(idx).id;
        assert!(c.claim(idx).claimant.is_some(), "interview claim {id} has no claimant: the interview has no narrator");
        assert_eq!(claimant_id(c, idx) == Some(EDITORS), is_editorial, "claim {id} on line {line}: {text:?}");
        editorial += usize::from(is_editorial);
    }
    assert!(editorial >= 8, "the title, caption, standfirst and bracketed notes: {editorial}");
}

#[test]
fn quotations_and_reported_statements_belong_to_whoever_makes_them() {
    let c = corpus();
    let expected = [
        ("a-putin-statehood", "putin"),
        ("a-pannier-quote", "pannier"),
        ("a-nikonov-gift", "nikonov"),
        ("a-satpayev-fate", "satpayev"),
        ("a-satpayev-quote", "satpayev"),
        ("a-satpayev-balance", "satpayev"),
        ("a-abdrakhmanov-notion", "abdrakhmanov"),
        ("a-niyazov-scuffle", "niyazov"),
        ("a-zhakibaev-training", "zhakibaev"),
        ("a-eskaliev-tanks", "eskaliev"),
        ("a-zharasbaev-cases-rose", "zharasbaev"),
        ("a-abishev-warns", "abishev"),
        ("a-agrotech-estimate", "kazakh-agrotechnical-university"),
        ("a-solzhenitsyn-essay", "solzhenitsyn"),
        ("a-zhirinovsky-annex", "zhirinovsky"),
        ("a-zyuganov-claim", "zyuganov"),
        ("i-tolegenov-northern-kazakh", "tolegenov"),
        ("i-csto-eaeu-outdated", "kazakhstani-political-scientists"),
    ];
    for (id, who) in expected {
        assert_eq!(claimant_id(c, claim(c, id)), Some(who), "claimant of {id}");
    }
    // Where the author merely reports, the claim is the author's.
    for id in ["a-ensebek-sentence", "a-tolegenov-arrest", "a-capital-move-1994", "a-gru-documents"] {
        assert_eq!(claimant_id(c, claim(c, id)), None, "{id} is the author's own claim");
    }
}

/// Quoted speakers the text does not name: their entities have no mentions, so
/// the paragraph cannot name them; the claim must still be theirs.
const UNNAMED_SPEAKERS: &[(&str, &str)] = &[
    ("a-europe-plus-post", "europe-plus-director"),
    ("a-teacher-tiktok-quote", "pregnant-teacher"),
    ("a-russophobes-accusation", "russian-media"),
];

#[test]
fn every_quotation_in_the_analysis_has_its_speaker_as_claimant() {
    let c = corpus();
    let reporting = ["according to", " said ", " warns ", " estimates ", " noted", " notes ", " cautions ", " wrote "];
    for &idx in c.doc_claims(doc(c, ANALYSIS)) {
        let claim = c.claim(idx);
        if let Some(&(_, who)) = UNNAMED_SPEAKERS.iter().find(|(id, _)| *id == claim.id) {
            assert_eq!(claimant_id(c, idx), Some(who), "claimant of {}", claim.id);
            continue;
        }
        let text = c.claim_text(idx);
        let lower = text.to_lowercase();
        let quoted = claim.kind == ClaimKind::Quote || text.starts_with(['“', '"']);
        let reported = reporting.iter().any(|r| lower.contains(r));
        if quoted || reported {
            let Some(e) = claim.claimant else {
                panic!("claim {} quotes or reports someone but has no claimant", claim.id)
            };
            // The claimant is named in the claim's paragraph.
            let (_, para) = paragraph(c, idx);
            let entity = c.entity(e);
            assert!(
                entity.names().any(|n| para.contains(n)),
                "claim {}'s claimant {} is not named in its paragraph",
                claim.id,
                entity.id
            );
        }
    }
}

#[test]
fn annotators_notes_are_marked_and_cover_the_known_errors() {
    let c = corpus();
    for claim in c.claims() {
        if let Some(note) = &claim.note {
            assert!(
                note.starts_with("Annotator's note: "),
                "claim {}'s note is not marked as the annotator's",
                claim.id
            );
        }
    }
    let expected = [
        ("i-tolegenov-blogger-kostanay", &["Kostanay Region", "Akmola Region"][..]),
        ("i-nur-sultan-note", &["2019", "September 2022", "Astana"]),
        ("i-caption-tokayev", &["Kassym-Jomart Tokayev"]),
        ("i-standfirst-related-countries", &["China"]),
        ("i-related-countries-influence", &["China"]),
        ("i-prokhorenko-note", &["Igor Kirillov", "December 2024", "2016"]),
        ("i-soviet-projects", &["Magnitogorsk"]),
        ("i-aleyev-son-in-law", &["Rakhat Aliyev", "Dariga Nazarbayeva"]),
        ("a-khrushchev-tseliny", &["Russian Soviet Federative Socialist Republic"]),
        ("a-capital-move-1994", &["1997"]),
        ("a-kssr-1925", &["1936"]),
        ("i-donbas-note", &["Russia-backed", "2014", "2022"]),
        ("i-church-ukraine", &["autocephal", "2019"]),
        ("a-kazakh-share-44-66", &["70 percent", "2021 census"]),
    ];
    for (id, needles) in expected {
        let idx = claim(c, id);
        let note = c.claim(idx).note.as_deref().unwrap_or_else(|| panic!("claim {id} has no annotator's note"));
        for needle in needles {
            assert!(note.contains(needle), "claim {id}'s note should mention {needle:?}: {note}");
        }
    }
}

#[test]
fn relations_have_notes_and_are_declared_once() {
    let c = corpus();
    let mut pairs = HashSet::new();
    let mut cross = 0;
    for (i, claim) in c.claims().iter().enumerate() {
        let from = ClaimIdx::from_index(i);
        for rel in &claim.relations {
            assert_ne!(rel.target, from, "claim {} relates to itself", claim.id);
            let note = rel.note.as_deref().unwrap_or("");
            assert!(
                note.len() >= 30,
                "relation {} → {} needs a note saying how they meet",
                claim.id,
                c.claim(rel.target).id
            );
            let pair = if from < rel.target { (from, rel.target) } else { (rel.target, from) };
            assert!(pairs.insert(pair), "relation {} – {} is declared twice", claim.id, c.claim(rel.target).id);
            if c.claim(rel.target).doc != claim.doc {
                cross += 1;
                let mut docs = [doc_id(c, from), doc_id(c, rel.target)];
                docs.sort_unstable();
                assert_eq!(docs, [ANALYSIS, INTERVIEW], "relation {} → {}", claim.id, c.claim(rel.target).id);
            }
        }
    }
    assert!(cross >= 40, "only {cross} cross-document relations");
}

/// Relations that must exist between the two documents, in either direction.
const KNOWN_RELATIONS: &[(&str, &str, RelationKind)] = &[
    ("a-tolegenov-arrest", "i-tolegenov-detention", RelationKind::Elaborates),
    ("a-tolegenov-arrest", "i-tolegenov-detained-friendship", RelationKind::Contradicts),
    ("a-tolegenov-arrest", "i-tolegenov-blogger-kostanay", RelationKind::Supports),
    ("a-discussions-generated", "i-tolegenov-fate-unknown", RelationKind::Elaborates),
    ("a-capital-move-1994", "i-nur-sultan-note", RelationKind::Contradicts),
    ("a-zharasbaev-cases-rose", "i-three-sentenced", RelationKind::Elaborates),
    ("a-act-180-definition", "i-separatism-charge", RelationKind::Elaborates),
    ("a-not-one-sided", "i-patrols-dealt-with", RelationKind::Supports),
    ("a-pregnant-teacher", "i-kuzayev", RelationKind::Elaborates),
    ("a-ukraine-invasion-2022", "i-smo-rear-ally", RelationKind::Contradicts),
    ("a-relations-stable", "i-kazakhstan-stable", RelationKind::Supports),
    ("a-pushback", "i-russian-speakers-worry", RelationKind::Contradicts),
    ("a-gru-strategies", "i-bot-farms", RelationKind::Elaborates),
    ("a-aharshylyq", "i-great-famine", RelationKind::Elaborates),
    ("a-holodomor", "i-great-famine", RelationKind::Elaborates),
    ("a-russophobes-accusation", "i-soviet-repression", RelationKind::Supports),
    ("a-northern-emigration", "i-ready-to-pack", RelationKind::Elaborates),
    ("a-abishev-warns", "i-related-countries-influence", RelationKind::Elaborates),
    ("a-china-us-guarantees", "i-related-countries-influence", RelationKind::Elaborates),
    ("a-ots-relations", "i-csto-failed-agreements", RelationKind::Supports),
    ("a-putin-statehood", "i-dissolution-negates-independence", RelationKind::Elaborates),
    ("a-satpayev-fate", "i-same-pattern-different-results", RelationKind::Elaborates),
    ("a-distinct-identity", "i-russian-souls", RelationKind::Contradicts),
    ("a-bizdin-orystar", "i-russian-souls", RelationKind::Contradicts),
    ("a-border-undefended", "i-7500-border", RelationKind::Supports),
    // The 1994 demand for dual citizenship; dual citizenship still illegal.
    ("a-oskemen-1994", "i-wagner-sentenced", RelationKind::Elaborates),
    // An ethnic Kazakh blogger who calls himself a "Northern Kazakh".
    ("a-tolegenov-arrest", "i-tolegenov-northern-kazakh", RelationKind::Supports),
    // A grassroots Crimea scenario diminishing; no such group in Kazakhstan.
    ("a-crimea-scenario-diminishing", "i-no-such-group", RelationKind::Elaborates),
];

/// Links the expert review found padding (their own notes admitted they were
/// weak): they must not come back.
const REMOVED_RELATIONS: &[(&str, &str)] =
    &[("a-europe-plus-post", "i-tokayev-called-putin"), ("a-nazarbayev-demographics", "i-aleyev-son-in-law")];

#[test]
fn padding_relations_stay_removed() {
    let c = corpus();
    for &(a, b) in REMOVED_RELATIONS {
        let (ia, ib) = (claim(c, a), claim(c, b));
        assert!(c.links(ia).into_iter().all(|l| l.other != ib), "{a} and {b} are related again");
    }
}

/// Phrases by which a relation's note admits that the link is weak.
const WEAK_LINK: &[&str] =
    &["does not itself make", "does not make this connection", "tenuous", "only loosely", "weak link", "in passing"];

/// Phrases by which a note says the two claims speak of different things,
/// stages or people: then they do not contradict each other.
const DIFFERENT_THINGS: &[&str] = &[
    "speaks of",
    "speak of different",
    "different stage",
    "different things",
    "different question",
    "different people",
    "different matter",
];

#[test]
fn no_relation_note_undercuts_its_relation() {
    let c = corpus();
    for claim in c.claims() {
        for rel in &claim.relations {
            let note = rel.note.as_deref().unwrap_or("").to_lowercase();
            let target = &c.claim(rel.target).id;
            for phrase in WEAK_LINK {
                assert!(
                    !note.contains(phrase),
                    "{} → {target}: the note admits the link is weak ({phrase:?})",
                    claim.id
                );
            }
            if rel.kind == RelationKind::Contradicts {
                for phrase in DIFFERENT_THINGS {
                    assert!(
                        !note.contains(phrase),
                        "{} contradicts {target}, yet the note says they speak of different things ({phrase:?})",
                        claim.id
                    );
                }
            }
        }
    }
}

/// The only relations between claims of one document: an answer that agrees
/// with the question it answers, a speaker confirming what was attributed to
/// him, a case of a rule stated in the same turn, a detail of the reporter's
/// point (see ANNOTATION.md, "Relations").
const WITHIN_ONE_DOCUMENT: &[(&str, &str, RelationKind)] = &[
    ("i-wait-and-see-yes", "i-wait-and-see-question", RelationKind::Supports),
    ("i-kazakhstan-stable", "i-stable-surface", RelationKind::Supports),
    ("i-fighters-for-russia-jailed", "i-wagner-sentenced", RelationKind::Supports),
    ("i-tokayev-called-putin", "i-russia-quelled-2022", RelationKind::Elaborates),
];

#[test]
fn relations_within_one_document_are_the_listed_replies() {
    let c = corpus();
    let mut found = Vec::new();
    for (i, claim) in c.claims().iter().enumerate() {
        for rel in &claim.relations {
            if c.claim(rel.target).doc == c.claim(ClaimIdx::from_index(i)).doc {
                found.push((claim.id.as_str(), c.claim(rel.target).id.as_str(), rel.kind));
            }
        }
    }
    found.sort_unstable_by_key(|&(a, b, _)| (a, b));
    let mut listed = WITHIN_ONE_DOCUMENT.to_vec();
    listed.sort_unstable_by_key(|&(a, b, _)| (a, b));
    assert_eq!(found, listed, "relations within one document differ from WITHIN_ONE_DOCUMENT");
}

#[test]
fn the_known_cross_document_relations_exist() {
    let c = corpus();
    for &(a, b, kind) in KNOWN_RELATIONS {
        let (ia, ib) = (claim(c, a), claim(c, b));
        assert_ne!(c.claim(ia).doc, c.claim(ib).doc, "{a} and {b} should be in different documents");
        let found = c.links(ia).into_iter().find(|l| l.other == ib);
        let link = found.unwrap_or_else(|| panic!("no relation between {a} and {b}"));
        assert_eq!(link.kind, kind, "relation between {a} and {b}");
        // Seen from the other side, too.
        let back = c.links(ib).into_iter().find(|l| l.other == ia).expect("relations are shown on both claims");
        assert_eq!(back.kind, kind);
        assert_ne!(back.incoming, link.incoming);
    }
}

#[test]
fn the_tolegenov_detention_is_told_in_more_detail_by_the_interview() {
    let c = corpus();
    let arrest = claim(c, "a-tolegenov-arrest");
    let detention = claim(c, "i-tolegenov-detention");
    assert!(c.claim_text(arrest).contains("administrative arrest for 10 days"));
    assert!(c.claim_text(detention).contains("10 to 15 days"));
    // Ten days falls within "10 to 15 days", and the KNB's pre-trial detention
    // is a later stage the analysis does not cover: no contradiction.
    let link = c.links(detention).into_iter().find(|l| l.other == arrest).expect("the two detentions are related");
    assert_eq!(link.label(), if link.incoming { "elaborated by" } else { "elaborates" });
    let note = link.note.expect("the relation has a note");
    assert!(note.contains("10 days") && note.contains("10 to 15"), "the note should give both lengths: {note}");
    assert!(note.contains("different stages"), "the note should flag the stages: {note}");
    // The motive stays a contradiction.
    let friendship = claim(c, "i-tolegenov-detained-friendship");
    let motive = c.links(friendship).into_iter().find(|l| l.other == arrest).expect("arrest and motive are related");
    assert_eq!(motive.kind, RelationKind::Contradicts);

    let tolegenov = c.entity_by_id("tolegenov").expect("entity tolegenov");
    for id in [ANALYSIS, INTERVIEW] {
        let n = c.doc_claims(doc(c, id)).iter().filter(|&&i| c.claim_involves(i, tolegenov)).count();
        assert!(n >= 2, "only {n} claims involve Tolegenov in {id}");
    }
}

/// Byte ranges of `needle` in `text`, case-sensitive.
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle).map(|(i, m)| (i, i + m.len())).collect()
}

/// The claims of document `d` whose span contains the byte range.
fn claims_covering(c: &Corpus, d: DocIdx, (start, end): (usize, usize)) -> Vec<ClaimIdx> {
    c.doc_claims(d)
        .iter()
        .copied()
        .filter(|&i| {
            let span = c.claim(i).span;
            span.start as usize <= start && end <= span.end as usize
        })
        .collect()
}

#[test]
fn every_related_countries_claim_carries_the_annotators_note() {
    // The rules: the full note on the first occurrence, a short self-contained
    // one (naming China) on every other claim that says "related countries".
    let c = corpus();
    let d = doc(c, INTERVIEW);
    let text = &c.doc(d).text;
    let mut found: Vec<(usize, usize)> =
        ["related countries", "Related countries"].iter().flat_map(|n| occurrences(text, n)).collect();
    found.sort_unstable();
    assert_eq!(found.len(), 14, "the interview says “related countries” 14 times");
    for (n, &at) in found.iter().enumerate() {
        let line = text[..at.0].matches('\n').count() + 1;
        let covering = claims_covering(c, d, at);
        assert!(!covering.is_empty(), "“related countries” no. {} (line {line}) is in no claim", n + 1);
        for idx in covering {
            let claim = c.claim(idx);
            let note = claim.note.as_deref().unwrap_or_else(|| {
                panic!("claim {} says “related countries” (line {line}) but has no annotator's note", claim.id)
            });
            assert!(
                note.starts_with("Annotator's note: “related countries”") && note.contains("China"),
                "claim {}'s note should say what “related countries” stands for: {note}",
                claim.id
            );
            if n == 0 {
                for detail in ["Lenin", "largest trading partner", "Turkmen"] {
                    assert!(note.contains(detail), "the first note ({}) should give the evidence: {detail}", claim.id);
                }
            }
        }
    }
}

/// The byte ranges of the bracketed editors' glosses "(note: …)" in `text`,
/// brackets included (a gloss may quote, but not nest brackets).
fn glosses(text: &str) -> Vec<(usize, usize)> {
    occurrences(text, "(note:")
        .into_iter()
        .map(|(start, _)| {
            let close = text[start..].find(')').unwrap_or_else(|| panic!("a “(note:” at {start} is never closed"));
            (start, start + close + 1)
        })
        .collect()
}

#[test]
fn every_gloss_in_the_interview_is_its_own_editors_claim() {
    let c = corpus();
    let d = doc(c, INTERVIEW);
    let text = &c.doc(d).text;
    let glosses = glosses(text);
    assert!(glosses.len() >= 9, "only {} “(note: …)” glosses found", glosses.len());
    for &(start, end) in &glosses {
        let gloss = &text[start..end];
        let own: Vec<ClaimIdx> = c.doc_claims(d).iter().copied().filter(|&i| c.claim_text(i) == gloss).collect();
        assert_eq!(own.len(), 1, "the gloss {gloss:?} should be exactly one claim of its own");
        assert_eq!(claimant_id(c, own[0]), Some(EDITORS), "the gloss {gloss:?} is the editors'");
    }
    // The speakers' claims span only the speakers' words.
    for &idx in c.doc_claims(d) {
        if claimant_id(c, idx) != Some(EDITORS) {
            let text = c.claim_text(idx);
            assert!(!text.contains("(note:"), "{}'s span takes in an editors' gloss: {text:?}", c.claim(idx).id);
        }
    }
    // The gloss that translates "на чемоданах" is one of them.
    let suitcases = occurrences(text, "на чемоданах");
    assert_eq!(suitcases.len(), 1);
    assert!(glosses.iter().any(|&(s, e)| s <= suitcases[0].0 && suitcases[0].1 <= e));
    for idx in claims_covering(c, d, suitcases[0]) {
        assert_eq!(claimant_id(c, idx), Some(EDITORS), "{} contains the editors' gloss", c.claim(idx).id);
    }
}

/// Words that make a number in a claim's quote.
const NUMBER_WORDS: &str = "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty \
                            hundred hundreds thousand thousands million half third quarter dozen dozens";

#[test]
fn statistics_have_a_number_in_their_quote() {
    let c = corpus();
    let mut statistics = 0;
    for (i, claim) in c.claims().iter().enumerate() {
        if claim.kind != ClaimKind::Statistic {
            continue;
        }
        statistics += 1;
        let text = c.claim_text(ClaimIdx::from_index(i));
        // The numbers in names ("Act 174") are not figures: blank the mentions out.
        let mut bytes = text.as_bytes().to_vec();
        for m in c.doc_mentions(claim.doc) {
            if claim.span.start <= m.span.start && m.span.end <= claim.span.end {
                let at = (m.span.start - claim.span.start) as usize..(m.span.end - claim.span.start) as usize;
                bytes[at].fill(b' ');
            }
        }
        // Mentions start and end on character boundaries, so this is still UTF-8.
        let lower = String::from_utf8_lossy(&bytes).to_lowercase();
        let words: Vec<&str> = lower.split(|ch: char| !ch.is_alphanumeric()).collect();
        // A year dates the claim; it is not the number a statistic is about.
        let year = |w: &str| w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1000..2100).contains(&y));
        let figure = |w: &&str| w.starts_with(|ch: char| ch.is_ascii_digit()) && !year(w);
        let numbered = words.iter().any(figure) || words.iter().any(|w| NUMBER_WORDS.split(' ').any(|n| n == *w));
        assert!(numbered, "statistic {} has no number in it (a fact?): {text:?}", claim.id);
    }
    assert!(statistics >= 10, "only {statistics} statistics");
}

#[test]
fn russian_citizens_are_of_russia_not_the_ethnic_group() {
    // "Russian citizens" are citizens of the country; `russians` is the ethnic group.
    let c = corpus();
    let russia = c.entity_by_id("russia").expect("entity russia");
    let russians = c.entity_by_id("russians").expect("entity russians");
    let mut checked = 0;
    for (i, claim) in c.claims().iter().enumerate() {
        let text = c.claim_text(ClaimIdx::from_index(i));
        if text.contains("Russian citizens") && !text.contains("Russians") {
            checked += 1;
            assert!(!claim.about.contains(&russians), "{} speaks of Russian citizens, not ethnic Russians", claim.id);
        }
    }
    assert!(checked >= 2, "only {checked} claims speak of Russian citizens");
    assert!(c.claim(claim(c, "i-bank-accounts")).about.contains(&russia), "i-bank-accounts is about Russia's citizens");
}

/// Assertions of the interview the review found unclaimed: each is now in a
/// claim of the given claimant and kind.
const ONCE_UNCLAIMED: &[(&str, &str, ClaimKind)] = &[
    ("They live like they are playing drone computer games", "yuritsyn", ClaimKind::Opinion),
    ("I also know some Kazakhs who have Russian souls.", "yuritsyn", ClaimKind::Opinion),
    ("Kazakhstan dare not say \"it's none of your business.\"", "yuritsyn", ClaimKind::Opinion),
    ("to have a \"Maidan,\" you need passionate enthusiasm", "aslamova", ClaimKind::Opinion),
    ("No one knew the real thoughts of these young people.", "yuritsyn", ClaimKind::Fact),
];

#[test]
fn the_reviewed_assertions_of_the_interview_are_claimed() {
    let c = corpus();
    let d = doc(c, INTERVIEW);
    let text = &c.doc(d).text;
    for &(words, who, kind) in ONCE_UNCLAIMED {
        let at = occurrences(text, words);
        assert_eq!(at.len(), 1, "{words:?} should occur once in the interview");
        let covering = claims_covering(c, d, at[0]);
        assert_eq!(covering.len(), 1, "{words:?} should be in exactly one claim");
        let idx = covering[0];
        assert_eq!(claimant_id(c, idx), Some(who), "claimant of {}", c.claim(idx).id);
        assert_eq!(c.claim(idx).kind, kind, "kind of {}", c.claim(idx).id);
    }
}
