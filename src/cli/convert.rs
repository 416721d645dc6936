//! `dossier convert`: the corpus, read from any format dossier reads,
//! written in dossier/1, brat, doccano or W3C Web Annotation; what the
//! target format cannot hold is said on stderr.

use std::io::{self, Write};
use std::path::Path;

use super::error::Error;
use crate::data::model::Corpus;
use crate::data::write::{self, Report};
use crate::text::sanitize::display;

/// The formats `convert --to` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    Dossier,
    Brat,
    Doccano,
    W3c,
}

impl Target {
    fn name(self) -> &'static str {
        match self {
            Target::Dossier => "dossier/1",
            Target::Brat => "brat",
            Target::Doccano => "doccano",
            Target::W3c => "W3C Web Annotation",
        }
    }
}

pub(super) fn convert(
    corpus: &Corpus,
    to: Target,
    output: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), Error> {
    let written = |e: io::Error, what: &str| Error::Usage(format!("cannot write {what}: {}", display(&e.to_string())));
    let report = match (to, output) {
        (Target::Brat, None) => {
            return Err(Error::Usage(
                "convert --to brat writes a folder of .txt/.ann pairs: name it with -o DIR".into(),
            ));
        }
        (Target::Brat, Some(dir)) => {
            write::brat::write(corpus, dir).map_err(|e| written(e, &dir.display().to_string()))?
        }
        (_, Some(path)) => {
            let name = path.display().to_string();
            let file = std::fs::File::create(path).map_err(|e| written(e, &name))?;
            let mut file = io::BufWriter::with_capacity(1 << 20, file);
            let report = write_to(corpus, to, &mut file).map_err(|e| written(e, &name))?;
            file.flush().map_err(|e| written(e, &name))?;
            report
        }
        (_, None) => write_to(corpus, to, out).map_err(Error::Output)?,
    };
    let place = output.map_or("stdout".to_string(), |p| p.display().to_string());
    let plural = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let _ = writeln!(
        err,
        "convert: wrote {}, {}, {} as {} to {}",
        plural(report.documents, "document", "documents"),
        plural(report.spans, "span", "spans"),
        plural(report.relations, "relation", "relations"),
        to.name(),
        display(&place)
    );
    for (what, n) in &report.lossy {
        let _ = writeln!(err, "convert: {} cannot hold it: {n} {}", to.name(), display(what));
    }
    Ok(())
}

fn write_to(corpus: &Corpus, to: Target, out: &mut dyn Write) -> io::Result<Report> {
    let mut out = out;
    match to {
        Target::Dossier => {
            write::dossier::write(corpus, &mut out)?;
            Ok(Report {
                documents: corpus.documents().len(),
                spans: corpus.mentions().len() + corpus.claims().len(),
                relations: corpus.mention_links().len()
                    + corpus.claims().iter().map(|c| c.relations.len()).sum::<usize>(),
                lossy: Vec::new(),
            })
        }
        Target::Doccano => write::doccano::write(corpus, &mut out),
        Target::W3c => write::w3c::write(corpus, &mut out),
        Target::Brat => unreachable!("brat writes a folder"),
    }
}
