//! Running the commands for scripts against a loaded corpus, writing to the
//! given streams so tests can read what a user would see. A command that
//! cannot do what it was asked ends in an [`Error`], which its caller
//! reports and turns into the exit code.

use std::io::{self, Write};

use super::Command;
use super::corpus::load_corpus_timed;
use super::error::Error;
use super::output::{
    char_spans, claim_json, claim_line, document_json, document_line, entity_json, entity_line, mention_details_json,
    mention_link_json,
};
use crate::data::load::{LoadOptions, Timings};
use crate::data::model::{ClaimIdx, Corpus, DocIdx, EntityIdx, EntityKind};
use crate::query::finder::{FinderIndex, MAX_QUERY, lookup};
use crate::text::sanitize::display;

/// Finds a document by id or by its number (from 1).
pub fn resolve_doc(corpus: &Corpus, wanted: &str) -> Result<DocIdx, Error> {
    if let Some(d) = corpus.doc_by_id(wanted) {
        return Ok(d);
    }
    if let Ok(n) = wanted.parse::<usize>() {
        if (1..=corpus.documents().len()).contains(&n) {
            return Ok(DocIdx::from_index(n - 1));
        }
    }
    let ids: Vec<String> = corpus.documents().iter().map(|d| display(&d.id).into_owned()).collect();
    Err(Error::Usage(format!(
        "unknown document \"{}\" (documents: {}; or a number from 1 to {})",
        display(wanted),
        ids.join(", "),
        ids.len()
    )))
}

/// Finds an entity by id, name or alias.
pub fn resolve_entity(corpus: &Corpus, index: &FinderIndex, wanted: &str) -> Result<EntityIdx, Error> {
    lookup(corpus, index, wanted)
        .map_err(|e| Error::Usage(format!("entity \"{}\": {}", display(wanted), display(&e.to_string()))))
}

/// Runs one command, loading its corpus with these options (what the binary
/// does once before it exits: the corpus is left for the exit to free). Only what goes
/// to `out` is the command's output; what goes to `err` (the timings) is
/// written as far as it can be.
pub fn run_command(
    command: Command,
    options: &LoadOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Error> {
    // What sets dossier up loads no corpus.
    match command {
        Command::Completions { shell } => return Ok(super::setup::completions(shell, out)?),
        Command::Man { dir } => return super::setup::man(dir.as_deref(), out),
        _ => {}
    }
    let show_timings = matches!(command, Command::Check { timings: true, .. } | Command::Find { timings: true, .. });
    // `check` is what one runs on a corpus too large to open quickly.
    let progress = matches!(command, Command::Check { .. })
        .then(|| super::progress::LoadProgress::start(&super::corpus::described(paths_of(&command))));
    let mut timings = progress.as_ref().map_or_else(Timings::default, |p| p.timings());
    let loaded = load_corpus_timed(paths_of(&command), options, &mut timings);
    if let Some(progress) = progress {
        progress.finish();
    }
    if show_timings {
        let _ = writeln!(err, "timings: load: {}", timings.line());
    }
    let corpus = match (loaded, &command) {
        (Ok(corpus), _) => corpus,
        (Err(failure), Command::Check { json: true, .. }) => {
            super::check::problems_json(&failure, out)?;
            return Err(Error::ProblemsListed(failure));
        }
        (Err(failure), _) => return Err(Error::Corpus(failure)),
    };
    let ran = run_loaded(&corpus, command, out, err);
    // The binary exits next, which frees everything at once: freeing a
    // million mentions' allocations one by one would add most of a second.
    std::mem::forget(corpus);
    ran
}

fn paths_of(command: &Command) -> &[std::path::PathBuf] {
    match command {
        Command::Check { paths, .. }
        | Command::Documents { paths, .. }
        | Command::Entities { paths, .. }
        | Command::Claims { paths, .. }
        | Command::Entity { paths, .. }
        | Command::Find { paths, .. }
        | Command::Relations { paths, .. }
        | Command::Search { paths, .. }
        | Command::Convert { paths, .. } => paths,
        Command::Completions { .. } | Command::Man { .. } => &[],
    }
}

/// Runs one command on a corpus already loaded (the fuzz target and the
/// benches drive the commands this way): the exit code, with the message
/// of a failed command written to `err`, or the error writing to `out`.
pub fn run_on(corpus: &Corpus, command: Command, out: &mut dyn Write, err: &mut dyn Write) -> io::Result<i32> {
    match run_loaded(corpus, command, out, err) {
        Ok(()) => Ok(0),
        Err(Error::Output(e)) => Err(e),
        Err(e) => {
            e.report(err);
            Ok(i32::from(e.exit_code()))
        }
    }
}

fn run_loaded(corpus: &Corpus, command: Command, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), Error> {
    match command {
        Command::Check { paths, json, .. } => super::check::summary(corpus, paths.is_empty(), json, out),
        Command::Documents { json, .. } => documents(corpus, json, out),
        Command::Convert { to, output, .. } => super::convert::convert(corpus, to, output.as_deref(), out, err),
        Command::Relations { json, .. } => Ok(super::relations::relations(corpus, json, out)?),
        Command::Entities { json, kind, doc, .. } => entities(corpus, json, kind.as_deref(), doc.as_deref(), out),
        Command::Claims { json, entity, doc, .. } => claims(corpus, json, entity.as_deref(), doc.as_deref(), out),
        Command::Find { query, limit, json, timings: show, .. } => find(corpus, &query, limit, json, show, out, err),
        Command::Entity { name, markdown: true, .. } => {
            let e = resolve_entity(corpus, &FinderIndex::new(corpus), &name)?;
            Ok(out.write_all(crate::query::report::dossier(corpus, e).as_bytes())?)
        }
        Command::Entity { name, json, .. } => entity(corpus, &name, json, out),
        Command::Search { pattern, regex, json, .. } => super::search::search(corpus, &pattern, regex, json, out),
        Command::Completions { shell } => Ok(super::setup::completions(shell, out)?),
        Command::Man { dir } => super::setup::man(dir.as_deref(), out),
    }
}

/// Pretty JSON, with what the sanitizer would not show as itself escaped
/// (see [`super::output::Escaping`]), streamed to `out`.
pub(super) fn write_json<T: serde::Serialize>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(&mut *out, super::output::Escaping::default());
    // A closed pipe stays one, so `dossier entities --json | head` is no error.
    value.serialize(&mut serializer).map_err(|e| match e.io_error_kind() {
        Some(kind) => io::Error::new(kind, e),
        None => io::Error::other(e),
    })?;
    writeln!(out)
}

fn documents(corpus: &Corpus, json: bool, out: &mut dyn Write) -> Result<(), Error> {
    if json {
        let all: Vec<_> = corpus.doc_indices().map(|d| document_json(corpus, d)).collect();
        write_json(out, &all)?;
    } else {
        for d in corpus.doc_indices() {
            writeln!(out, "{}", document_line(corpus, d))?;
        }
    }
    Ok(())
}

/// Entities sorted by mention count (most first), then name.
fn by_mentions(corpus: &Corpus, mut list: Vec<EntityIdx>) -> Vec<EntityIdx> {
    list.sort_by(|&a, &b| {
        corpus
            .mention_count(b)
            .cmp(&corpus.mention_count(a))
            .then_with(|| corpus.entity(a).name.cmp(&corpus.entity(b).name))
    });
    list
}

fn entities(
    corpus: &Corpus,
    json: bool,
    kind: Option<&str>,
    doc: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let doc = doc.map(|d| resolve_doc(corpus, d)).transpose()?;
    let kind = kind.map(EntityKind::parse);
    if let Some(EntityKind::Unknown(k)) = &kind {
        if !corpus.entities().iter().any(|e| e.kind.name() == k) {
            let known: Vec<&str> = EntityKind::KNOWN.iter().map(EntityKind::name).collect();
            return Err(Error::Usage(format!("unknown kind \"{}\" (kinds: {})", display(k), known.join(", "))));
        }
    }
    let list: Vec<EntityIdx> = corpus
        .entity_indices()
        .filter(|&e| kind.as_ref().is_none_or(|k| corpus.entity(e).kind == *k))
        .filter(|&e| doc.is_none_or(|d| !corpus.entity_mentions_in(e, d).is_empty()))
        .collect();
    let list = by_mentions(corpus, list);
    if json {
        let all: Vec<_> = list.iter().map(|&e| entity_json(corpus, e, None)).collect();
        write_json(out, &all)?;
    } else {
        for e in list {
            writeln!(out, "{}", entity_line(corpus, e, None))?;
        }
    }
    Ok(())
}

fn claims(
    corpus: &Corpus,
    json: bool,
    entity: Option<&str>,
    doc: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), Error> {
    let doc = doc.map(|d| resolve_doc(corpus, d)).transpose()?;
    let entity = match entity {
        Some(name) => Some(resolve_entity(corpus, &FinderIndex::new(corpus), name)?),
        None => None,
    };
    let list: Vec<ClaimIdx> = corpus
        .doc_indices()
        .filter(|&d| doc.is_none_or(|want| want == d))
        .flat_map(|d| corpus.doc_claims(d).iter().copied())
        .filter(|&c| entity.is_none_or(|e| corpus.claim_involves(c, e)))
        .collect();
    if json {
        let all: Vec<_> = list.iter().map(|&c| claim_json(corpus, c)).collect();
        write_json(out, &all)?;
    } else {
        for c in list {
            writeln!(out, "{}", claim_line(corpus, c))?;
        }
    }
    Ok(())
}

fn find(
    corpus: &Corpus,
    query: &str,
    limit: usize,
    json: bool,
    show_timings: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Error> {
    let chars = query.trim().chars().count();
    if chars > MAX_QUERY {
        let msg = format!("the query is {chars} characters long; the finder matches queries of up to {MAX_QUERY}");
        return Err(Error::Usage(msg));
    }
    // 0 is no limit: every entity that matches.
    let limit = if limit == 0 { corpus.entities().len() } else { limit };
    let mut timings = Timings::default();
    let index = FinderIndex::new(corpus);
    timings.mark("index names");
    let mut search = index.start_keeping(query, None, limit);
    while !search.step(&index, usize::MAX) {}
    timings.mark("match");
    if show_timings {
        let (found, total) = (search.count(), corpus.entities().len());
        let _ = writeln!(err, "timings: find: {} ({found} of {total} entities match)", timings.line());
    }
    let hits = search.hits();
    if json {
        let all: Vec<_> = hits.iter().map(|h| entity_json(corpus, h.entity, Some(h))).collect();
        write_json(out, &all)?;
    } else {
        for h in hits {
            writeln!(out, "{}", entity_line(corpus, h.entity, Some(h)))?;
        }
    }
    Ok(())
}

fn entity(corpus: &Corpus, name: &str, json: bool, out: &mut dyn Write) -> Result<(), Error> {
    use crate::query::details::Fact;
    use crate::query::dossier::{Dossier, DossierRow, context};
    let e = resolve_entity(corpus, &FinderIndex::new(corpus), name)?;
    let entity = corpus.entity(e);
    let claims_by = corpus.claims_by(e);
    let claims_about = corpus.claims_about_by_others(e);
    // Mention offsets in characters.
    let mentions = corpus.entity_mentions(e);
    let spans: Vec<_> = mentions.iter().map(|&m| (corpus.mention(m).doc, corpus.mention(m).span)).collect();
    let offsets = char_spans(corpus, &spans);
    let facts = crate::query::details::EntityFacts::new(corpus, e);
    if json {
        let mention_json: Vec<serde_json::Value> = mentions
            .iter()
            .zip(&offsets)
            .map(|(&m, &(start, end))| {
                let mention = corpus.mention(m);
                let (before, it, after) = context(&corpus.doc(mention.doc).text, mention.span, 60, 60);
                let mut v = serde_json::json!({
                    "document": corpus.doc(mention.doc).id,
                    "start": start, "end": end,
                    "text": it, "before": before, "after": after,
                });
                if let Some(details) = mention_details_json(corpus, m) {
                    v.as_object_mut().expect("an object").extend(details);
                }
                v
            })
            .collect();
        let others: Vec<_> = facts
            .links
            .iter()
            .map(|end| {
                let other = corpus.mention(end.other(corpus));
                (other.doc, other.span)
            })
            .collect();
        let other_offsets = char_spans(corpus, &others);
        let relations: Vec<serde_json::Value> = facts
            .links
            .iter()
            .zip(other_offsets)
            .filter_map(|(&end, at)| {
                let k = mentions.binary_search(&end.mention).ok()?;
                mention_link_json(corpus, end, k, at)
            })
            .collect();
        let documents: Vec<serde_json::Value> = corpus
            .entity_doc_counts(e)
            .map(|(d, n)| serde_json::json!({"id": corpus.doc(d).id, "mentions": n}))
            .collect();
        // As in the text form, each claim carries every relation it takes
        // part in, the ones other claims declare towards it included.
        let with_links = |c: ClaimIdx| -> serde_json::Value {
            let mut v = serde_json::to_value(claim_json(corpus, c)).expect("plain data");
            let links: Vec<serde_json::Value> = corpus
                .links(c)
                .iter()
                .map(|l| {
                    serde_json::json!({
                        "claim": corpus.claim(l.other).id,
                        "document": corpus.doc(corpus.claim(l.other).doc).id,
                        "relation": l.kind.name(),
                        "label": l.label(),
                        "incoming": l.incoming,
                        "note": l.note,
                    })
                })
                .collect();
            v["links"] = links.into();
            v
        };
        let value = serde_json::json!({
            "id": entity.id,
            "name": entity.name,
            "kind": entity.kind.name(),
            "aliases": entity.aliases,
            "description": entity.description,
            "documents": documents,
            "mentions": mention_json,
            "relations": relations,
            "claims_by": claims_by.iter().map(|&c| with_links(c)).collect::<Vec<_>>(),
            "claims_about": claims_about.iter().map(|&c| with_links(c)).collect::<Vec<_>>(),
            "named_with": named_with_json(corpus, e),
        });
        write_json(out, &value)?;
        return Ok(());
    }
    writeln!(
        out,
        "{} ({}) · {} · {} mentions in {} documents",
        display(&entity.name),
        display(&entity.id),
        display(entity.kind.name()),
        mentions.len(),
        corpus.entity_doc_count(e)
    )?;
    if !entity.aliases.is_empty() {
        writeln!(out, "aka {}", display(&entity.aliases.join(", ")))?;
    }
    if !entity.description.is_empty() {
        writeln!(out, "{}", display(&entity.description))?;
    }
    let per_doc: Vec<String> = corpus
        .entity_doc_counts(e)
        .map(|(d, n)| format!("[{}] {} {n}", d.index() + 1, display(&corpus.doc(d).id)))
        .collect();
    if per_doc.is_empty() {
        writeln!(out, "named in no document")?;
    } else {
        writeln!(out, "per document: {}", per_doc.join(" · "))?;
    }
    let dossier = Dossier::new(corpus, e);
    let mut mention_number = 0;
    for i in 0..dossier.len() {
        match dossier.row(corpus, i).expect("in range") {
            DossierRow::Heading(section, n) => writeln!(out, "{} · {n}", section.title())?,
            DossierRow::Mention(m) => {
                let mention = corpus.mention(m);
                let (before, it, after) = context(&corpus.doc(mention.doc).text, mention.span, 50, 50);
                let (start, _) = offsets[mention_number];
                mention_number += 1;
                writeln!(
                    out,
                    "  [{}] {}:{start}  …{}[{}]{}…",
                    mention.doc.index() + 1,
                    display(&corpus.doc(mention.doc).id),
                    display(before),
                    display(it),
                    display(after)
                )?;
            }
            DossierRow::Fact(i) => {
                if let Some(t) = facts.tallies.get(i) {
                    let fact = t.fact(corpus).map(|f| f.to_string()).unwrap_or_default();
                    writeln!(out, "  {} ×{}", display(&fact), t.count)?;
                }
            }
            DossierRow::MentionFacts(m) => writeln!(out, "        {}", display(&mention_summary(corpus, m)))?,
            DossierRow::Relation(end) => {
                let (Some(link), other) = (end.link(corpus), end.other(corpus)) else { continue };
                let mention = corpus.mention(other);
                let (before, it, after) = context(&corpus.doc(mention.doc).text, mention.span, 50, 50);
                writeln!(
                    out,
                    "  {} {} {}  [{}] {}  …{}[{}]{}…",
                    display(&link.kind),
                    end.arrow(corpus),
                    display(&corpus.entity(mention.entity).name),
                    mention.doc.index() + 1,
                    display(&corpus.doc(mention.doc).id),
                    display(before),
                    display(it),
                    display(after)
                )?;
            }
            DossierRow::RelationFacts(end) => {
                let Some(link) = end.link(corpus) else { continue };
                let facts = link.attributes.iter().map(Fact::Attribute).chain(link.notes.iter().map(Fact::Note));
                let parts: Vec<String> = link.id.iter().cloned().chain(facts.map(|f| f.to_string())).collect();
                writeln!(out, "        {}", display(&parts.join(" · ")))?;
            }
            DossierRow::Document(d) => writeln!(out, "  [{}] {}", d.index() + 1, display(&corpus.doc(d).id))?,
            DossierRow::Claim(c) => {
                let claim = corpus.claim(c);
                let text = crate::cli::output::shorten(corpus.claim_text(c), 100);
                let who = display(&corpus.claimant_name(c)).into_owned();
                writeln!(out, "    {}  {}  {who}: {text}", claim.kind, display(&claim.id))?;
            }
            DossierRow::Link(c, l) => {
                let link = corpus.link(c, l);
                let note = link.note.map(|n| format!(": {}", display(n))).unwrap_or_default();
                writeln!(out, "      {} → {}{note}", link.label(), display(&corpus.claim(link.other).id))?;
            }
            DossierRow::NamedWith(k) => {
                let t = dossier.together[k];
                let other = corpus.entity(t.entity);
                writeln!(
                    out,
                    "  {} {} ({})  {}",
                    other.kind.tag(),
                    display(&other.name),
                    display(&other.id),
                    crate::query::dossier::in_common(&t)
                )?;
            }
            DossierRow::More(n) => writeln!(out, "  … {n} more")?,
            DossierRow::Counting => {}
            DossierRow::Empty => writeln!(out, "  none")?,
            DossierRow::Blank => writeln!(out)?,
        }
    }
    Ok(())
}

/// `entity --json`'s `named_with`: the entities most often named with it,
/// best first, with the paragraphs and documents they share with it.
fn named_with_json(corpus: &Corpus, e: EntityIdx) -> Vec<serde_json::Value> {
    let (together, _) = crate::query::together::named_with(corpus, e, NAMED_WITH_JSON);
    together
        .iter()
        .map(|t| {
            let other = corpus.entity(t.entity);
            serde_json::json!({
                "id": other.id,
                "name": other.name,
                "kind": other.kind.name(),
                "documents": t.documents,
                "paragraphs": t.paragraphs,
            })
        })
        .collect()
}

/// How many entities `entity --json` lists as named with it.
const NAMED_WITH_JSON: usize = 20;

/// A mention's ids, fragment count and facts on one line, as the dossier shows them.
fn mention_summary(corpus: &Corpus, m: crate::data::model::MentionIdx) -> String {
    let mut parts: Vec<String> = corpus.mention_detail(m).map(|d| d.ids.clone()).unwrap_or_default();
    let n = corpus.mention_fragments(m).len();
    if n > 1 {
        parts.push(format!("{n} fragments"));
    }
    parts.extend(crate::query::details::mention_facts(corpus, m).map(|f| f.to_string()));
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use crate::query::annotated_fixture::annotated_corpus;

    fn entity(name: &str, json: bool) -> String {
        let mut out = Vec::new();
        super::entity(&annotated_corpus(), name, json, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn entity_json_has_its_mentions_details_and_relations() {
        let v: serde_json::Value = serde_json::from_str(&entity("kmg", true)).unwrap();
        let m = &v["mentions"][0];
        assert_eq!(m["ids"], serde_json::json!(["T2"]));
        assert_eq!(m["label"], "Company");
        assert_eq!(m["attributes"], serde_json::json!([{"name": "Confidence", "value": "High"}]));
        assert_eq!(
            m["references"],
            serde_json::json!([{"kind": "Reference", "target": "Wikidata:Q1125773", "text": "KazMunayGas"}])
        );
        assert_eq!(m["notes"][0]["kind"], "AnnotatorNotes");
        assert!(m.get("fragments").is_none(), "a continuous mention has none");
        let relations = v["relations"].as_array().unwrap();
        assert_eq!(relations.len(), 2);
        assert_eq!(relations[0]["kind"], "Partner");
        assert_eq!(relations[0]["direction"], "out");
        assert_eq!(relations[0]["id"], "R1");
        assert_eq!(relations[0]["mention"], 0);
        assert_eq!(relations[0]["notes"][0]["text"], "a joint venture");
        let text = crate::query::annotated_fixture::DEAL;
        let start = text[..text.find("CNPC").unwrap()].chars().count();
        assert_eq!(
            relations[0]["other"],
            serde_json::json!({"entity": "cnpc", "document": "deal", "start": start, "end": start + 4, "text": "CNPC"})
        );
        assert_eq!((relations[1]["kind"].as_str(), relations[1]["direction"].as_str()), (Some("Agent"), Some("in")));
        assert_eq!(relations[1]["other"]["text"], "signed");
        // A discontinuous mention: its fragments in characters.
        let v: serde_json::Value = serde_json::from_str(&entity("kz-gov", true)).unwrap();
        let kazakh = text.find("Kazakh and").unwrap();
        let governments = text.find("governments").unwrap();
        assert_eq!(
            v["mentions"][0]["fragments"],
            serde_json::json!([[kazakh, kazakh + 6], [governments, governments + 11]])
        );
        assert_eq!(v["relations"], serde_json::json!([]));
    }

    #[test]
    fn entity_text_lists_details_and_relations() {
        let out = entity("kmg", false);
        assert!(out.contains("Details · 5\n  label Company ×2\n  Confidence: High ×1\n"), "{out}");
        assert!(out.contains("        T2 · label Company · Confidence: High · Wikidata:Q1125773 KazMunayGas"), "{out}");
        assert!(out.contains("Relations · 2\n  Partner → CNPC  [1] deal  …"), "{out}");
        assert!(out.contains("        R1 · AnnotatorNotes: a joint venture\n"), "{out}");
        assert!(out.contains("  Agent ← signing of the deal  [1] deal  …"), "{out}");
    }
}
