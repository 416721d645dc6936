//! The built-in corpus's entity annotation, checked against its texts.
//!
//! The rules these tests enforce are written down in `assets/ANNOTATION.md`:
//! every mention is one of its entity's names (or a short, listed variant),
//! every whole-word occurrence of a name is a mention, every capitalised name
//! in the texts is covered by a mention, and the same referent in both texts
//! is one entity. Every allow-list below must be used, so none can go stale.

use std::collections::{BTreeMap, BTreeSet};

use dossier::data::model::{Corpus, DocIdx, EntityIdx, EntityKind, Mention};

fn corpus() -> Corpus {
    match dossier::data::load::builtin::load() {
        Ok(corpus) => corpus,
        Err(failure) => panic!("the built-in corpus does not load:\n{failure}"),
    }
}

fn doc(corpus: &Corpus, id: &str) -> DocIdx {
    corpus.doc_by_id(id).unwrap_or_else(|| panic!("no document {id:?}"))
}

fn entity(corpus: &Corpus, id: &str) -> EntityIdx {
    corpus.entity_by_id(id).unwrap_or_else(|| panic!("no entity {id:?}"))
}

fn entity_id(corpus: &Corpus, e: EntityIdx) -> &str {
    &corpus.entity(e).id
}

fn text_of<'c>(corpus: &'c Corpus, m: &Mention) -> &'c str {
    corpus.doc(m.doc).slice(m.span)
}

/// A word character, as in a regular expression's `\w`.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Byte ranges of the whole-word, case-sensitive occurrences of `needle` in `text`.
fn whole_word_occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(needle) {
        let start = from + i;
        let end = start + needle.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char) {
            found.push((start, end));
        }
        from = start + text[start..].chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// Up to `width` bytes of `text` before `at`, starting on a character boundary.
fn text_before(text: &str, at: usize, width: usize) -> &str {
    let mut start = at.saturating_sub(width);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..at]
}

/// The byte range of the `{braced}` part of `pattern`, which must occur exactly once in `text`.
fn locate(text: &str, pattern: &str) -> (usize, usize) {
    let open = pattern.find('{').expect("pattern has a {");
    let close = pattern.find('}').expect("pattern has a }");
    let plain = format!("{}{}{}", &pattern[..open], &pattern[open + 1..close], &pattern[close + 1..]);
    let hits: Vec<usize> = text.match_indices(plain.as_str()).map(|(i, _)| i).collect();
    assert_eq!(hits.len(), 1, "pattern {pattern:?} must occur exactly once, occurs {} times", hits.len());
    (hits[0] + open, hits[0] + close - 1)
}

// ---------------------------------------------------------------------------
// The lists of exceptions (see assets/ANNOTATION.md).
// ---------------------------------------------------------------------------

/// Mentions whose text is not a name or alias of their entity: nominal
/// singular demonyms ("a Kazakh"), bare language names ("Russian is an
/// official language"), the coordinated "Acts 174 and 180", lower-case forms
/// the text uses, and the standfirst's broken "Aslamo va". Each is listed by
/// its context and must be exactly one mention; no other mention may deviate.
const VARIANT_MENTIONS: &[(&str, &str, &str)] = &[
    ("analysis", "kazakhs", "if a {Kazakh} fights a Uyghur"),
    ("analysis", "kazakhs", "but if a {Kazakh} fights a Russian"),
    ("analysis", "kazakhs", "then the {Kazakh}’s Russian friends"),
    ("analysis", "kazakhs", "its citizens — {Kazakh}, Russian and others"),
    ("interview", "kazakhs", "he is a {Kazakh} who served"),
    ("analysis", "russians", "fights a {Russian}, then"),
    ("analysis", "russians", "as will the {Russian}’s Kazakh friends"),
    ("analysis", "russians", "— Kazakh, {Russian} and others"),
    ("analysis", "uyghurs", "fights a {Uyghur}"),
    ("analysis", "cossacks", "Pugachev, a {Cossack} who led"),
    ("analysis", "russian-language", "and {Russian} is an official language"),
    ("analysis", "russian-language", "elevation of {Russian} to state language"),
    ("analysis", "russian-language", "blending {Russian} and Kazakh"),
    ("analysis", "kazakh-language", "blending Russian and {Kazakh},"),
    ("analysis", "act-174", "{Acts 174} and 180:"),
    ("analysis", "act-180", "Acts 174 and {180}:"),
    ("analysis", "act-174", "both {acts 174} and 180"),
    ("analysis", "act-180", "acts 174 and {180} rose"),
    ("analysis", "russian-empire", "joining the {Russian empire}"),
    ("analysis", "telegram", "popular {telegram} channels"),
    ("interview", "knb", "head of the {security committee} department"),
    ("interview", "aslamova", "interview with {Dar'ya Aslamo va}, a reporter"),
];

/// (inner, outer): an occurrence of a name of `inner` that lies inside a
/// longer name of `outer` and is, by the longest-name rule, not a mention of
/// `inner` ("Kazakhstan" in "North Kazakhstan Region").
const NESTED_NAMES: &[(&str, &str)] = &[
    ("astana", "akmola-region"),
    ("kazakhstan", "assembly-of-people-of-kazakhstan"),
    ("kazakhstan", "east-kazakhstan-region"),
    ("kazakhstan", "europe-plus-kazakhstan"),
    ("kazakhstan", "kazakhstan-moy-zheruik"),
    ("kazakhstan", "north-kazakhstan-region"),
    ("kazakhstan", "press-service-of-the-president"),
    ("moscow", "russian-orthodox-church"),
    ("oral", "uralsk-events"),
    ("oral", "west-kazakhstan-region"),
    ("pugachev", "pugachevs-rebellion"),
    ("russia", "how-to-build-russia"),
    ("russians", "bizdin-orystar"),
    ("russians", "yo-russians"),
    ("soviet-union", "second-soviet-union"),
    ("ukraine", "ocu"),
    ("virgin-lands-campaign", "tselinny-krai"),
];

/// Occurrences of a name that deliberately are not a mention of its entity.
const NOT_MENTIONS: &[(&str, &str, &str)] = &[
    // A hypothetical future civil war in Russia, not the Russian Civil War.
    ("interview", "russian-civil-war", "If {civil war} breaks out"),
];

/// The only mentions that contain other mentions: descriptive designations
/// of events whose inner names refer separately ("Russia’s invasion of
/// Ukraine" is the event, and "Russia" and "Ukraine" are the countries).
const DESCRIPTIVE_MENTIONS: &[&str] = &[
    "2014 annexation of Crimea",
    "Russian annexation of Crimea",
    "Soviet Union's dissolution",
    "dissolution of the Soviet Union",
    "fall of the Soviet Union",
    "mass starvation in Ukraine in the 1930’s",
    "Russia-Ukraine conflict",
    "Russia’s 2022 invasion of Ukraine",
    "Russia’s invasion of Ukraine",
    "war in Ukraine",
    "domestic unrest in Kazakhstan at the beginning of 2022",
    "Kenesary Qasymuly’s rebellion",
    "Nord Stream pipeline explosion",
    "2025 incident involving Colonel Alexander Prokhorenko",
    "assassination of the commander of the Russian radiation, chemical, and biological protection forces",
    "fighting in Donbas",
];

/// Lines that are headings or titles, written in title case.
const HEADINGS: &[(&str, &str)] = &[
    ("analysis", "Russian Separatist Movements in the Post-Independence Years"),
    ("analysis", "Historical Ties and Contemporary Claims"),
    ("analysis", "Acts 174 and 180: The Legal Edge of Kazakhstan’s Interethnic Policy"),
    ("analysis", "Managing Multiculturalism"),
    (
        "interview",
        "Idleness and Neighbors as Obstacles: Kazakhstan Will Not Become Russia's Ally, Nor Will It Side with Ukraine",
    ),
];

/// Runs of two or more capitalised words, not covered by any mention, that
/// are not names: a sentence-initial word before a month or a demonym,
/// titles, adjective pairs, and the self-description "Northern Kazakh".
const UNCOVERED_RUNS: &[(&str, &str)] = &[
    ("analysis", "Central Asian"),
    ("analysis", "Eastern Ukrainian"),
    ("analysis", "General Secretary"),
    ("analysis", "In April"),
    ("analysis", "In June"),
    ("analysis", "In September"),
    ("analysis", "Kazakhstani Russian"),
    ("analysis", "Police Chief"),
    ("analysis", "Russian TV"),
    ("analysis", "Senior Fellow"),
    ("analysis", "Soviet General Secretary"),
    ("interview", "But I"),
    ("interview", "Northern Kazakh"),
    ("interview", "The Azerbaijani"),
    ("interview", "The Kazakh"),
    ("interview", "The Russian-speaking"),
    ("interview", "Western European"),
];

/// Capitalised words, not at the start of a sentence and not covered by any
/// mention, that are not names: adjectives (demonyms), titles, months, the
/// pronoun "I", and a few others.
const UNCOVERED_WORDS: &[&str] = &[
    "AI-generated",
    "American",
    "April",
    "Asian",
    "August",
    "Azerbaijani",
    "Central",
    "Chairman",
    "Chief",
    "Chinese",
    "Colonel",
    "Cossack",
    "Deputy",
    "Director",
    "Don't",
    "East",
    "Eastern",
    "European",
    "Fellow",
    "General",
    "I",
    "Islamic",
    "June",
    "Kazakh",
    "Kazakh-Russia",
    "Kazakh-speaking",
    "Kazakhstani",
    "Kazkh",
    "Northern",
    "Northwestern",
    "Police",
    "Polish",
    "President",
    "Russian",
    "Russian-Kazakh",
    "Russian-backed",
    "Russian-language",
    "Russian-speaking",
    "Russophobes",
    "Russophobia",
    "Secretary",
    "Senior",
    "September",
    "Soviet",
    "TV",
    "Thank",
    "Tsarist",
    "Ukrainian",
    "Ukrainian-Russian",
    "Western",
    "СИЗО",
];

// ---------------------------------------------------------------------------

/// Entities the text never names: the unnamed people and bodies who make
/// claims. They have no mentions; they exist to be claimants.
const UNNAMED_CLAIMANTS: &[&str] = &[
    "interview-editors",
    "europe-plus-director",
    "pregnant-teacher",
    "russian-media",
    "kazakhstani-political-scientists",
];

#[test]
fn unnamed_claimants_have_no_mentions_and_make_claims() {
    let corpus = corpus();
    for id in UNNAMED_CLAIMANTS {
        let e = entity(&corpus, id);
        assert_eq!(corpus.mention_count(e), 0, "{id} is named in the text after all");
        assert!(corpus.claims().iter().any(|c| c.claimant == Some(e)), "{id} makes no claim: it should not exist");
    }
}

#[test]
fn builtin_corpus_loads_with_its_entities() {
    let corpus = corpus();
    assert_eq!(corpus.documents().len(), 2);
    assert!(corpus.entities().len() >= 150, "only {} entities", corpus.entities().len());
    for e in corpus.entity_indices() {
        let entity = corpus.entity(e);
        let id = &entity.id;
        assert!(
            !id.is_empty()
                && id
                    .split('-')
                    .all(|part| !part.is_empty() && part.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())),
            "id {id:?} is not lowercase ASCII kebab-case"
        );
        assert!(EntityKind::KNOWN.contains(&entity.kind), "{id}: unknown kind {:?}", entity.kind);
        assert!(!entity.name.trim().is_empty(), "{id} has no name");
        assert!(entity.description.len() > 20, "{id} has no real description");
        assert!(corpus.mention_count(e) > 0 || UNNAMED_CLAIMANTS.contains(&id.as_str()), "{id} has no mention");
    }
}

#[test]
fn authors_are_linked_to_their_entities() {
    let corpus = corpus();
    let mut links = BTreeMap::new();
    for d in corpus.documents() {
        for person in &d.authors {
            let linked = person.entity.map(|e| entity_id(&corpus, e).to_string());
            links.insert(person.name.clone(), linked);
        }
    }
    for (name, id) in
        [("Joseph Epstein", "epstein"), ("Dar'ya Aslamova", "aslamova"), ("Vladislav Yuritsyn", "yuritsyn")]
    {
        assert_eq!(links.get(name), Some(&Some(id.to_string())), "author {name} must link to entity {id}");
        assert_eq!(corpus.entity(entity(&corpus, id)).kind, EntityKind::Person);
    }
}

#[test]
fn every_mention_is_a_name_or_a_listed_variant() {
    let corpus = corpus();
    let mut expected: BTreeSet<(DocIdx, usize, usize, EntityIdx)> = BTreeSet::new();
    for &(d, id, pattern) in VARIANT_MENTIONS {
        let d = doc(&corpus, d);
        let (start, end) = locate(&corpus.doc(d).text, pattern);
        assert!(expected.insert((d, start, end, entity(&corpus, id))), "{pattern:?} listed twice");
    }
    let mut deviating = BTreeSet::new();
    for m in corpus.mentions() {
        let text = text_of(&corpus, m);
        if !corpus.entity(m.entity).names().any(|n| n == text) {
            deviating.insert((m.doc, m.span.start as usize, m.span.end as usize, m.entity));
        }
    }
    let describe = |set: &BTreeSet<(DocIdx, usize, usize, EntityIdx)>| -> Vec<String> {
        set.iter()
            .map(|&(d, s, e, ent)| {
                format!("{} {}: {:?}", corpus.doc(d).id, entity_id(&corpus, ent), &corpus.doc(d).text[s..e])
            })
            .collect()
    };
    let unlisted: BTreeSet<_> = deviating.difference(&expected).copied().collect();
    let missing: BTreeSet<_> = expected.difference(&deviating).copied().collect();
    assert!(unlisted.is_empty(), "mentions that are not a name, alias or listed variant: {:#?}", describe(&unlisted));
    assert!(missing.is_empty(), "listed variants that are not mentions: {:#?}", describe(&missing));
}

#[test]
fn every_occurrence_of_a_name_is_a_mention() {
    let corpus = corpus();
    let nested: BTreeSet<(EntityIdx, EntityIdx)> =
        NESTED_NAMES.iter().map(|&(inner, outer)| (entity(&corpus, inner), entity(&corpus, outer))).collect();
    let mut not_mentions: BTreeMap<(DocIdx, usize, usize, EntityIdx), &str> = BTreeMap::new();
    for &(d, id, pattern) in NOT_MENTIONS {
        let d = doc(&corpus, d);
        let (start, end) = locate(&corpus.doc(d).text, pattern);
        not_mentions.insert((d, start, end, entity(&corpus, id)), pattern);
    }
    let mut used_nested = BTreeSet::new();
    let mut used_not = BTreeSet::new();
    let mut uncovered = Vec::new();
    for e in corpus.entity_indices() {
        let names: BTreeSet<&str> = corpus.entity(e).names().collect();
        for d in corpus.doc_indices() {
            let text = &corpus.doc(d).text;
            let mentions = corpus.doc_mentions(d);
            for name in &names {
                for (start, end) in whole_word_occurrences(text, name) {
                    let within = |m: &&Mention| (m.span.start as usize) <= start && end <= m.span.end as usize;
                    if mentions.iter().filter(within).any(|m| m.entity == e) {
                        continue;
                    }
                    if let Some(outer) = mentions.iter().filter(within).find(|m| nested.contains(&(e, m.entity))) {
                        used_nested.insert((e, outer.entity));
                        continue;
                    }
                    if not_mentions.contains_key(&(d, start, end, e)) {
                        used_not.insert((d, start, end, e));
                        continue;
                    }
                    let line = text[..start].matches('\n').count() + 1;
                    uncovered.push(format!(
                        "{} line {line}: {:?} ({}) not marked after {:?}",
                        corpus.doc(d).id,
                        name,
                        corpus.entity(e).id,
                        text_before(text, start, 40)
                    ));
                }
            }
        }
    }
    assert!(uncovered.is_empty(), "occurrences of names that are not mentions: {uncovered:#?}");
    for &(inner, outer) in &nested {
        assert!(
            used_nested.contains(&(inner, outer)),
            "NESTED_NAMES entry ({}, {}) is unused",
            entity_id(&corpus, inner),
            entity_id(&corpus, outer)
        );
    }
    for (key, pattern) in &not_mentions {
        assert!(used_not.contains(key), "NOT_MENTIONS entry {pattern:?} is unused (is it a mention now?)");
    }
}

#[test]
fn mentions_overlap_only_in_descriptive_event_designations() {
    let corpus = corpus();
    let mut outers = BTreeSet::new();
    for d in corpus.doc_indices() {
        let mentions = corpus.doc_mentions(d);
        for a in mentions {
            for b in mentions {
                if std::ptr::eq(a, b) || !a.span.overlaps(b.span.range()) {
                    continue;
                }
                let (outer, inner) = if a.span.len() >= b.span.len() { (a, b) } else { (b, a) };
                assert!(
                    outer.span.start <= inner.span.start && inner.span.end <= outer.span.end,
                    "mentions {:?} and {:?} cross",
                    text_of(&corpus, a),
                    text_of(&corpus, b)
                );
                assert_ne!(outer.span, inner.span, "the same span marks two entities: {:?}", text_of(&corpus, a));
                assert_eq!(corpus.entity(outer.entity).kind, EntityKind::Event, "{:?}", text_of(&corpus, outer));
                outers.insert(text_of(&corpus, outer));
            }
        }
    }
    let listed: BTreeSet<&str> = DESCRIPTIVE_MENTIONS.iter().copied().collect();
    assert_eq!(outers, listed, "mentions containing other mentions differ from DESCRIPTIVE_MENTIONS");
}

/// Capitalised words and runs of them that no mention covers and no
/// allow-list explains, ignoring the mentions of `without` (to show that the
/// check notices a missing entity). Descriptive event designations do not
/// count as covering the names inside them.
fn unexplained_names(corpus: &Corpus, without: Option<EntityIdx>) -> (Vec<String>, BTreeSet<String>) {
    let runs_allowed: BTreeSet<(&str, &str)> = UNCOVERED_RUNS.iter().copied().collect();
    let words_allowed: BTreeSet<&str> = UNCOVERED_WORDS.iter().copied().collect();
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    for d in corpus.doc_indices() {
        let document = corpus.doc(d);
        let text = &document.text;
        let cover: Vec<(usize, usize)> = corpus
            .doc_mentions(d)
            .iter()
            .filter(|m| Some(m.entity) != without && !DESCRIPTIVE_MENTIONS.contains(&text_of(corpus, m)))
            .map(|m| (m.span.start as usize, m.span.end as usize))
            .collect();
        let covered = |at: usize| cover.iter().any(|&(s, e)| s <= at && at < e);
        let mut offset = 0;
        for line in text.split('\n') {
            let base = offset;
            offset += line.len() + 1;
            if HEADINGS.iter().any(|&(hd, h)| hd == document.id && h == line) {
                continue;
            }
            // Words: runs of letters and digits, with inner apostrophes and hyphens.
            let chars: Vec<(usize, char)> = line.char_indices().collect();
            let mut words: Vec<(usize, usize)> = Vec::new();
            let mut i = 0;
            while i < chars.len() {
                if !chars[i].1.is_alphanumeric() {
                    i += 1;
                    continue;
                }
                let mut j = i;
                while j < chars.len()
                    && (chars[j].1.is_alphanumeric()
                        || ("'’-".contains(chars[j].1) && chars.get(j + 1).is_some_and(|c| c.1.is_alphanumeric())))
                {
                    j += 1;
                }
                let end = chars.get(j).map_or(line.len(), |c| c.0);
                words.push((chars[i].0, end));
                i = j;
            }
            let capital = |w: &(usize, usize)| line[w.0..].chars().next().is_some_and(char::is_uppercase);
            // Runs of two or more capitalised words separated by single spaces.
            let mut runs: Vec<Vec<(usize, usize)>> = Vec::new();
            let mut current: Vec<(usize, usize)> = Vec::new();
            for w in &words {
                let joins = current.last().is_some_and(|last| &line[last.1..w.0] == " ");
                if capital(w) && joins {
                    current.push(*w);
                } else {
                    if current.len() >= 2 {
                        runs.push(std::mem::take(&mut current));
                    }
                    current = if capital(w) { vec![*w] } else { Vec::new() };
                }
            }
            if current.len() >= 2 {
                runs.push(current);
            }
            for run in runs {
                let mut fragment: Vec<(usize, usize)> = Vec::new();
                for w in run.iter().map(Some).chain(std::iter::once(None)) {
                    if let Some(w) = w.filter(|w| !covered(base + w.0)) {
                        fragment.push(*w);
                        continue;
                    }
                    if fragment.len() >= 2 {
                        let words = &line[fragment[0].0..fragment[fragment.len() - 1].1];
                        if runs_allowed.contains(&(document.id.as_str(), words)) {
                            used.insert(format!("run {}: {words}", document.id));
                        } else {
                            problems.push(format!("{}: {words:?}", document.id));
                        }
                    }
                    fragment.clear();
                }
            }
            // Single capitalised words that do not start a sentence.
            for w in words.iter().filter(|w| capital(w) && !covered(base + w.0)) {
                let before = line[..w.0].trim_end_matches(|c: char| " \"“”‘’'()[]【】".contains(c));
                if before.is_empty() || before.ends_with(['.', '?', '!', ':', '—']) {
                    continue;
                }
                let word = &line[w.0..w.1];
                if words_allowed.contains(word) {
                    used.insert(format!("word {word}"));
                } else {
                    problems.push(format!("{}: {word:?} after {:?}", document.id, text_before(line, w.0, 30)));
                }
            }
        }
    }
    (problems, used)
}

#[test]
fn every_capitalised_name_is_covered_by_a_mention() {
    let corpus = corpus();
    let (problems, used) = unexplained_names(&corpus, None);
    assert!(problems.is_empty(), "capitalised names with no entity: {problems:#?}");
    for (d, run) in UNCOVERED_RUNS {
        assert!(used.contains(&format!("run {d}: {run}")), "UNCOVERED_RUNS entry {run:?} is unused");
    }
    for word in UNCOVERED_WORDS {
        assert!(used.contains(&format!("word {word}")), "UNCOVERED_WORDS entry {word:?} is unused");
    }
    for &(d, heading) in HEADINGS {
        assert!(corpus.doc(doc(&corpus, d)).text.split('\n').any(|l| l == heading), "heading {heading:?} not found");
    }
}

#[test]
fn the_name_check_notices_any_missing_person() {
    let corpus = corpus();
    let mut unnoticed = Vec::new();
    let named_persons = corpus.entity_indices().filter(|&e| {
        corpus.entity(e).kind == EntityKind::Person && !UNNAMED_CLAIMANTS.contains(&entity_id(&corpus, e))
    });
    for e in named_persons {
        let (problems, _) = unexplained_names(&corpus, Some(e));
        if problems.is_empty() {
            unnoticed.push(corpus.entity(e).id.clone());
        }
    }
    assert!(corpus.entities().iter().filter(|e| e.kind == EntityKind::Person).count() >= 30);
    assert!(unnoticed.is_empty(), "deleting these persons would go unnoticed: {unnoticed:?}");
}

#[test]
fn every_document_has_mentions() {
    let corpus = corpus();
    for d in corpus.doc_indices() {
        let count = corpus.doc_mentions(d).len();
        assert!(count >= 200, "document {} has only {count} mentions", corpus.doc(d).id);
        let distinct: BTreeSet<EntityIdx> = corpus.doc_mentions(d).iter().map(|m| m.entity).collect();
        assert!(distinct.len() >= 60, "document {} names only {} entities", corpus.doc(d).id, distinct.len());
    }
}

#[test]
fn one_entity_per_referent_across_both_documents() {
    let corpus = corpus();
    let both = [doc(&corpus, "analysis"), doc(&corpus, "interview")];
    for id in [
        "nazarbayev",
        "putin",
        "stalin",
        "tolegenov",
        "almaty",
        "astana",
        "kazakhstan",
        "russia",
        "ukraine",
        "soviet-union",
        "azerbaijan",
        "united-states",
        "russians",
        "kazakhs",
        "uzbeks",
        "invasion-of-ukraine",
        "dissolution-of-the-soviet-union",
        "holodomor",
    ] {
        assert_eq!(corpus.entity_documents(entity(&corpus, id)), both, "{id} must be mentioned in both documents");
    }
    // No two entities share a name: one referent, one entity.
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    for entity in corpus.entities() {
        if let Some(other) = names.insert(entity.name.as_str(), entity.id.as_str()) {
            panic!("{} and {} are both named {:?}", other, entity.id, entity.name);
        }
    }
    // The interview's and the analysis's names for the same events.
    let names_in = |id: &str, d: &str| -> BTreeSet<String> {
        let (e, d) = (entity(&corpus, id), doc(&corpus, d));
        corpus.entity_mentions_in(e, d).iter().map(|&m| corpus.mention_text(m).into_owned()).collect()
    };
    assert!(names_in("invasion-of-ukraine", "analysis").contains("Russia’s invasion of Ukraine"));
    assert!(names_in("invasion-of-ukraine", "interview").contains("special military operation"));
    assert!(names_in("invasion-of-ukraine", "interview").contains("СВО"));
    assert!(names_in("holodomor", "interview").contains("Great Famine"));
    let january = names_in("january-2022", "interview");
    for name in ["events of January 2022", "2022 unrest", "unrest and attempted coup"] {
        assert!(january.contains(name), "{name:?} is not a mention of january-2022");
    }
    assert_eq!(
        names_in("tokayev", "interview"),
        BTreeSet::from(["Qasym-Malik Tokaev".to_string(), "Tokaev".to_string()])
    );
}

#[test]
fn distinct_referents_stay_distinct() {
    let corpus = corpus();
    let owner = |d: &str, pattern: &str| -> Vec<&str> {
        let d = doc(&corpus, d);
        let (start, end) = locate(&corpus.doc(d).text, pattern);
        corpus
            .doc_mentions(d)
            .iter()
            .filter(|m| m.span.start as usize == start && m.span.end as usize == end)
            .map(|m| entity_id(&corpus, m.entity))
            .collect()
    };
    // The city once called Akmola, not the Akmola Region.
    assert_eq!(owner("analysis", "northern steppe of {Akmola}"), ["astana"]);
    assert_eq!(owner("interview", "the capital of {Akmola region}"), ["akmola-region"]);
    // A city and the region named after it.
    assert_eq!(owner("analysis", "then-leader of the {Oral region}"), ["west-kazakhstan-region"]);
    assert_eq!(owner("analysis", "tensions in {Oral}"), ["oral"]);
    assert_eq!(owner("analysis", "also known as {Uralsk}"), ["oral"]);
    // Country and Soviet republic; Russia and its predecessors.
    assert_eq!(owner("analysis", "the {Kazakh Soviet Socialist Republic} ("), ["kazakh-ssr"]);
    assert_eq!(owner("analysis", "into the {Russian Soviet Socialist Republic}"), ["rsfsr"]);
    assert_eq!(owner("analysis", "After the {Russian Empire}"), ["russian-empire"]);
    assert_eq!(owner("analysis", "independence from the {Soviet Union}"), ["soviet-union"]);
    // The 18th-century rebel and the 1999 plot named after him.
    assert_eq!(owner("analysis", "honor of {Emilian Pugachev}"), ["pugachev"]);
    assert_eq!(owner("analysis", "masterminds of {Pugachev’s Rebellion}"), ["pugachevs-rebellion"]);
    // Nested names: the longest name only.
    assert_eq!(owner("analysis", "residents in the {North Kazakhstan Region}"), ["north-kazakhstan-region"]);
    assert_eq!(owner("analysis", "residents in the North {Kazakhstan} Region"), Vec::<&str>::new());
    let ids: BTreeSet<&str> =
        ["kazakhstan", "kazakh-ssr", "russia", "russian-empire", "soviet-union", "rsfsr", "astana", "akmola-region"]
            .into_iter()
            .collect();
    assert_eq!(ids.len(), 8);
    for id in ids {
        entity(&corpus, id);
    }
}

#[test]
fn related_countries_is_not_marked() {
    let corpus = corpus();
    let d = doc(&corpus, "interview");
    let text = &corpus.doc(d).text;
    let occurrences: Vec<(usize, usize)> =
        ["related countries", "Related countries"].iter().flat_map(|n| whole_word_occurrences(text, n)).collect();
    assert!(occurrences.len() >= 10, "expected the interview's many “related countries”");
    for (start, end) in occurrences {
        let marked: Vec<&str> = corpus
            .doc_mentions(d)
            .iter()
            .filter(|m| m.span.overlaps(start..end))
            .map(|m| entity_id(&corpus, m.entity))
            .collect();
        assert!(marked.is_empty(), "“related countries” at {start} is marked as {marked:?}");
    }
    assert!(corpus.entity_mentions_in(entity(&corpus, "china"), d).is_empty(), "China is not named in the interview");
}

#[test]
fn adjectives_are_not_mentions() {
    // Derived adjectives ("Kazakh language", "Russian tanks", "Kazakhstani law",
    // "Soviet power") mark no group or country: only the listed nominal uses of
    // "Kazakh" and "Russian" are mentions, and these words never mark a country.
    let corpus = corpus();
    let listed = |word: &str| VARIANT_MENTIONS.iter().filter(|(_, _, p)| p.contains(&format!("{{{word}}}"))).count();
    for word in
        ["Kazakh", "Russian", "Kazakhstani", "Soviet", "Ukrainian", "Uzbek", "Azerbaijani", "American", "Chinese"]
    {
        let marked = corpus.mentions().iter().filter(|m| text_of(&corpus, m) == word).count();
        assert_eq!(marked, listed(word), "{word:?} is marked {marked} times, listed {} times", listed(word));
    }
    for id in ["kazakhstan", "russia", "ukraine", "soviet-union"] {
        let e = entity(&corpus, id);
        for &m in corpus.entity_mentions(e) {
            let text = corpus.mention_text(m);
            assert!(corpus.entity(e).names().any(|n| n == text), "{id} mention {text:?} is not one of its names");
        }
    }
}

/// The annotation rules, as the tests read them.
const ANNOTATION_MD: &str = include_str!("../assets/ANNOTATION.md");

/// Backticked words of ANNOTATION.md that are not entity ids: kinds, fields,
/// claim kinds and relations.
const NOT_IDS: &[&str] = &[
    "person",
    "organization",
    "place",
    "group",
    "event",
    "law",
    "work",
    "other",
    "claimant",
    "occurrence",
    "prefix",
    "about",
    "summary",
    "quote",
    "fact",
    "statistic",
    "allegation",
    "prediction",
    "opinion",
    "supports",
    "contradicts",
    "elaborates",
];

/// The backticked ids in the parenthesis that follows `lead` in ANNOTATION.md.
fn listed_after(lead: &str) -> Vec<&'static str> {
    let at = ANNOTATION_MD.find(lead).unwrap_or_else(|| panic!("ANNOTATION.md no longer says {lead:?}"));
    let rest = &ANNOTATION_MD[at + lead.len()..];
    let open = rest.find('(').expect("a parenthesised list");
    let close = rest[open..].find(')').expect("a closed list") + open;
    rest[open..close].split('`').skip(1).step_by(2).collect()
}

#[test]
fn the_ids_annotation_md_names_exist_with_the_kinds_it_gives() {
    let corpus = corpus();
    let mut named = 0;
    for word in ANNOTATION_MD.split('`').skip(1).step_by(2) {
        let kebab = !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if kebab && !NOT_IDS.contains(&word) {
            if corpus.doc_by_id(word).is_some() {
                continue;
            }
            assert!(corpus.entity_by_id(word).is_some(), "ANNOTATION.md names `{word}`, which is no entity");
            named += 1;
        }
    }
    assert!(named >= 20, "only {named} ids named in ANNOTATION.md");
    for (lead, kind) in [
        ("persons by surname ", EntityKind::Person),
        ("organizations by their usual English abbreviation where there is one ", EntityKind::Organization),
    ] {
        let ids = listed_after(lead);
        assert!(ids.len() >= 3, "the list after {lead:?} is too short: {ids:?}");
        for id in ids {
            assert_eq!(corpus.entity(entity(&corpus, id)).kind, kind, "ANNOTATION.md lists `{id}` as a {kind:?}");
        }
    }
}

#[test]
fn railway_lines_and_tunnels_are_places() {
    // The rules file physical infrastructure (a tunnel, a pipeline, a railway line) as places.
    let corpus = corpus();
    let mut checked = 0;
    for e in corpus.entities() {
        let lower = e.name.to_lowercase();
        if ["railway", "mainline", "tunnel", "pipeline"].iter().any(|w| lower.contains(w))
            && e.kind != EntityKind::Event
        {
            checked += 1;
            assert_eq!(e.kind, EntityKind::Place, "{} ({}) is infrastructure: a place", e.id, e.name);
        }
    }
    assert!(checked >= 3, "only {checked} railways and tunnels");
}

#[test]
fn descriptions_agree_with_the_annotators_notes() {
    let corpus = corpus();
    // The Kazakhs' share of the population: one sourced figure, the 2021 census's.
    let kazakhs = &corpus.entity(entity(&corpus, "kazakhs")).description;
    let share = corpus.claim(corpus.claim_by_id("a-kazakh-share-44-66").expect("claim a-kazakh-share-44-66"));
    let note = share.note.as_deref().expect("the share has an annotator's note");
    for figure in ["70 percent", "2021 census"] {
        assert!(note.contains(figure), "the note on the Kazakhs' share should give {figure:?}: {note}");
        assert!(kazakhs.contains(figure), "the Kazakhs' description should give the note's {figure:?}: {kazakhs}");
    }
    assert!(!kazakhs.contains("66"), "the Kazakhs' description still has the text's 66%: {kazakhs}");
    // The Orthodox Church of Ukraine is autocephalous, under no other church's jurisdiction.
    let ocu = &corpus.entity(entity(&corpus, "ocu")).description;
    assert!(ocu.contains("autocephalous") && ocu.contains("2019"), "{ocu}");
    for id in ["ocu", "ecumenical-patriarchate"] {
        let description = &corpus.entity(entity(&corpus, id)).description;
        for clause in description.split([';', '.']) {
            assert!(
                !(clause.contains("jurisdiction") && clause.contains("Ukrain")) || clause.contains("not under"),
                "{id}'s description puts the Ukrainian church under Constantinople: {clause}"
            );
        }
    }
}

#[test]
fn each_group_description_covers_every_mention() {
    // A group's description must cover each referent its mentions have: the
    // Cossacks include Pugachev, an 18th-century Cossack, not only Kazakhstan's.
    let corpus = corpus();
    let cossacks = entity(&corpus, "cossacks");
    let d = doc(&corpus, "analysis");
    let (start, _) = locate(&corpus.doc(d).text, "Pugachev, a {Cossack} who led");
    assert!(
        corpus.entity_mentions(cossacks).iter().any(|&m| corpus.mention(m).span.start as usize == start),
        "Pugachev's “Cossack” is a mention of cossacks"
    );
    let description = &corpus.entity(cossacks).description;
    for needle in ["Uralsk Events", "18th", "Pugachev"] {
        assert!(description.contains(needle), "the Cossacks' description should cover {needle:?}: {description}");
    }
}
