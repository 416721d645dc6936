//! `dossier check`: what it says of a corpus that loaded (a one-line
//! summary, and what became of other tools' files), and, with `--json`,
//! the same or every problem as one JSON object on stdout, for CI jobs:
//!
//! ```json
//! {"ok": false, "problems": [{"file": "c.json", "line": 19, "column": 5,
//!   "item": "claim \"c1\"", "message": "…", "kind": "unknown_id"}]}
//! ```
//!
//! `line`, `column` and `item` are `null` where a problem has none.

use std::io::{self, Write};

use serde::Serialize;

use super::commands::write_json;
use crate::data::load::{LoadFailure, Problem, ProblemKind};
use crate::data::model::Corpus;
use crate::text::sanitize::display;

/// `check`'s answer for a corpus that loaded.
pub(super) fn summary(corpus: &Corpus, builtin: bool, json: bool, out: &mut dyn Write) -> Result<(), super::Error> {
    if json {
        let warnings: Vec<&String> =
            corpus.imported().iter().flat_map(|i| &i.sources).flat_map(|r| &r.warnings).collect();
        let value = serde_json::json!({
            "ok": true,
            "corpus": if builtin { "built-in" } else { "files" },
            "documents": corpus.documents().len(),
            "entities": corpus.entities().len(),
            "mentions": corpus.mentions().len(),
            "claims": corpus.claims().len(),
            "relations": corpus.mention_links().len(),
            "warnings": warnings,
            "problems": [],
        });
        write_json(out, &value)?;
        return Ok(());
    }
    let what = if builtin { "built-in corpus" } else { "corpus" };
    writeln!(
        out,
        "ok: {what}: {} documents, {} entities, {} mentions, {} claims",
        corpus.documents().len(),
        corpus.entities().len(),
        corpus.mentions().len(),
        corpus.claims().len()
    )?;
    if !corpus.mention_links().is_empty() {
        writeln!(out, "  {} relations between mentions", corpus.mention_links().len())?;
    }
    if let Some(imported) = corpus.imported() {
        write_import_summary(imported, out)?;
    }
    Ok(())
}

/// One problem as `check --json` lists it.
#[derive(Debug, Serialize)]
struct ProblemJson<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    item: Option<&'a str>,
    message: &'a str,
    kind: &'static str,
}

impl<'a> From<&'a Problem> for ProblemJson<'a> {
    fn from(p: &'a Problem) -> Self {
        ProblemJson {
            file: &p.file,
            line: p.position.map(|(line, _)| line),
            column: p.position.map(|(_, column)| column),
            item: p.item.as_deref(),
            message: &p.message,
            kind: kind_name(p.kind),
        }
    }
}

/// `check --json`'s answer for a corpus that did not load: every problem.
pub(super) fn problems_json(failure: &LoadFailure, out: &mut dyn Write) -> io::Result<()> {
    let problems: Vec<ProblemJson> = failure.problems.iter().map(ProblemJson::from).collect();
    write_json(out, &serde_json::json!({ "ok": false, "problems": problems }))
}

/// How `check --json` names a problem's kind.
pub fn kind_name(kind: ProblemKind) -> &'static str {
    match kind {
        ProblemKind::NotFound => "not_found",
        ProblemKind::Io => "io",
        ProblemKind::TooLarge => "too_large",
        ProblemKind::Encoding => "encoding",
        ProblemKind::Syntax => "syntax",
        ProblemKind::Type => "type",
        ProblemKind::Empty => "empty",
        ProblemKind::DuplicateId => "duplicate_id",
        ProblemKind::UnknownId => "unknown_id",
        ProblemKind::Span => "span",
        ProblemKind::Quote => "quote",
        ProblemKind::Conflict => "conflict",
        ProblemKind::Value => "value",
    }
}

/// What `check` says of the files of other formats: which reader read
/// each, what it held, what it could not import, and what the spans became.
/// Past [`FILES_LISTED`] files, the files of each reader are summed.
fn write_import_summary(imported: &crate::data::model::ImportSummary, out: &mut dyn Write) -> io::Result<()> {
    use crate::data::model::SourceReport;
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let line = |out: &mut dyn Write, what: &str, r: &SourceReport| -> io::Result<()> {
        write!(
            out,
            "  {what}: read as {}: {}, {}, {}",
            r.reader,
            plural(r.documents, "document", "documents"),
            plural(r.spans, "span", "spans"),
            plural(r.links, "link", "links"),
        )?;
        if !r.not_imported.is_empty() {
            let parts: Vec<String> = r.not_imported.iter().map(|(what, n)| format!("{n} {what}")).collect();
            write!(out, "; not imported: {}", display(&parts.join(", ")))?;
        }
        writeln!(out)
    };
    if imported.sources.len() <= FILES_LISTED {
        for r in &imported.sources {
            line(out, &display(&r.file), r)?;
        }
    } else {
        let mut by_reader: Vec<(SourceReport, usize)> = Vec::new();
        for r in &imported.sources {
            let sum = match by_reader.iter_mut().find(|(s, _)| s.reader == r.reader) {
                Some(found) => found,
                None => {
                    by_reader.push((SourceReport { reader: r.reader.clone(), ..SourceReport::default() }, 0));
                    by_reader.last_mut().expect("just pushed")
                }
            };
            sum.1 += 1;
            sum.0.documents += r.documents;
            sum.0.spans += r.spans;
            sum.0.links += r.links;
            for (what, n) in &r.not_imported {
                match sum.0.not_imported.iter_mut().find(|(w, _)| w == what) {
                    Some((_, count)) => *count += n,
                    None => sum.0.not_imported.push((what.clone(), *n)),
                }
            }
        }
        for (sum, files) in &by_reader {
            line(out, &plural(*files, "file", "files"), sum)?;
        }
    }
    let warnings: Vec<&String> = imported.sources.iter().flat_map(|r| &r.warnings).collect();
    for w in warnings.iter().take(WARNINGS_LISTED) {
        writeln!(out, "    warning: {}", display(w))?;
    }
    if warnings.len() > WARNINGS_LISTED {
        writeln!(out, "    … and {} more warnings", warnings.len() - WARNINGS_LISTED)?;
    }
    let mut made = plural(imported.entities, "entity", "entities");
    if imported.claims > 0 {
        made = format!("{made} and {}", plural(imported.claims, "claim", "claims"));
    }
    writeln!(out, "  {} → {made}", plural(imported.spans, "span", "spans"))
}

/// How many files of other formats `check` names one by one.
const FILES_LISTED: usize = 20;
/// How many warnings `check` lists.
const WARNINGS_LISTED: usize = 50;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_as_json_name_file_place_item_message_and_kind() {
        let failure = LoadFailure {
            problems: vec![
                Problem::new(ProblemKind::UnknownId, "c.json", "claimant refers to unknown entity \"nobody\"")
                    .at(Some((19, 5)))
                    .item("claim \"c1\""),
                Problem::new(ProblemKind::NotFound, "gone.json", "no such file or directory"),
            ],
        };
        let mut out = Vec::new();
        problems_json(&failure, &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"ok": false, "problems": [
                {"file": "c.json", "line": 19, "column": 5, "item": "claim \"c1\"",
                 "message": "claimant refers to unknown entity \"nobody\"", "kind": "unknown_id"},
                {"file": "gone.json", "line": null, "column": null, "item": null,
                 "message": "no such file or directory", "kind": "not_found"},
            ]})
        );
    }
}
