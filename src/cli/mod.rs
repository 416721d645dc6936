//! The command line: the explorer (`dossier [PATH]...`) and the commands for
//! scripts (`check`, `documents`, `entities`, `claims`, `find`). Every command
//! loads the corpus the same way and validates it the same way, and every
//! way of stopping early is one [`Error`], which decides the exit code.

mod check;
mod commands;
mod convert;
mod corpus;
mod error;
pub(crate) mod output;
pub mod progress;
mod relations;
mod search;
mod setup;
pub mod suggest;

pub use commands::{resolve_doc, resolve_entity, run_command, run_on};
pub use corpus::{described, load_corpus, load_corpus_timed};
pub use error::Error;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// The explorer's own arguments; also accepted by `dossier open`.
#[derive(Debug, Clone, Default, Args, PartialEq, Eq)]
pub struct OpenArgs {
    /// Corpus files or directories (dossier/1, brat, doccano, Label Studio, spaCy, Prodigy, CoNLL, WebAnno TSV, W3C); the built-in corpus when none are given.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Open with this entity selected (an id, a name or an alias).
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// Open this document (an id, or its number from 1).
    #[arg(long, value_name = "ID")]
    pub doc: Option<String>,
}

#[derive(Debug, Parser)]
#[command(
    name = "dossier",
    version,
    about = "Explore annotated articles in the terminal: who is named, what is claimed, by whom, and where sources agree or disagree.",
    long_about = None,
    args_conflicts_with_subcommands = true,
    after_help = "With no PATH, dossier opens its built-in corpus. Its own format is documented in docs/format.md, the other tools' formats it reads and writes in docs/formats.md."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub open: OpenArgs,
    /// Refuse corpus files larger than SIZE: bytes, or a number with K, M, G or T (500M, 2G).
    #[arg(long, global = true, value_name = "SIZE", default_value = "1G", value_parser = crate::data::load::parse_size)]
    pub max_file_size: u64,
    /// Read every file as this format rather than guessing from its name and content:
    /// dossier, brat, doccano, label-studio, prodigy, spacy, spacy-v2, conll, webanno-tsv, w3c.
    #[arg(long, global = true, value_name = "FORMAT", value_parser = parse_format)]
    pub from: Option<crate::data::import::Format>,
    /// A JSON file saying what other tools' labels mean: kinds, new names, claims (docs/formats.md).
    #[arg(long, global = true, value_name = "MAP")]
    pub labels: Option<PathBuf>,
    /// Refuse a corpus when anything in it cannot be imported, and on every warning.
    #[arg(long, global = true)]
    pub strict: bool,
    /// The explorer's config file (default: $XDG_CONFIG_HOME/dossier/config.toml, else ~/.config/dossier/config.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Print the default settings as a config file (docs/config.md), and exit.
    #[arg(long)]
    pub print_config: bool,
}

fn parse_format(name: &str) -> Result<crate::data::import::Format, String> {
    crate::data::import::Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = crate::data::import::Format::ALL.iter().map(|f| f.name()).collect();
        format!("{name:?} is not a format dossier reads; it reads {}", names.join(", "))
    })
}

impl Cli {
    /// The process's command line, or clap's answer to it made safe to show.
    pub fn from_args() -> Result<Cli, Error> {
        // A mistyped command (`dossier entites`, `dossier entites --json`)
        // reads as a path to open: said as what it likely is instead.
        let first = std::env::args_os().nth(1);
        let mistyped = || first.as_deref().and_then(suggest::mistyped);
        let cli =
            Cli::try_parse().map_err(|e| mistyped().unwrap_or_else(|| Error::command_line(e, std::env::args_os())))?;
        match mistyped() {
            Some(e) if cli.command.is_none() && cli.open.paths.first().map(|p| p.as_os_str()) == first.as_deref() => {
                Err(e)
            }
            _ => Ok(cli),
        }
    }

    /// How every command and the explorer load the corpus; the label map,
    /// if one is named, is read here.
    pub fn load_options(&self) -> Result<crate::data::load::LoadOptions, Error> {
        let labels = match &self.labels {
            None => None,
            Some(path) => {
                let name = path.display().to_string();
                let text = std::fs::read_to_string(path).map_err(|e| {
                    let kind = if e.kind() == std::io::ErrorKind::NotFound {
                        crate::data::load::ProblemKind::NotFound
                    } else {
                        crate::data::load::ProblemKind::Io
                    };
                    let problem =
                        crate::data::load::Problem::new(kind, &name, format!("cannot read the label map: {e}"));
                    Error::Corpus(crate::data::load::LoadFailure { problems: vec![problem] })
                })?;
                let map = crate::data::import::labels::LabelMap::parse(&name, &text)
                    .map_err(|p| Error::Corpus(crate::data::load::LoadFailure { problems: vec![p] }))?;
                Some(std::sync::Arc::new(map))
            }
        };
        Ok(crate::data::load::LoadOptions {
            max_file_size: self.max_file_size,
            from: self.from,
            labels,
            strict: self.strict,
        })
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check a corpus: a one-line summary, or every problem, one per line (exit 1).
    Check {
        #[arg(value_name = "PATH", help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        /// Print how long each phase of the load took, on stderr.
        #[arg(long)]
        timings: bool,
        /// Print the summary, or every problem (file, line, column, item, message, kind), as JSON on stdout (README.md says its shape).
        #[arg(long)]
        json: bool,
    },
    /// List the documents.
    Documents {
        #[arg(value_name = "PATH", help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        #[arg(long, help = JSON_HELP)]
        json: bool,
    },
    /// List the entities, most mentioned first.
    Entities {
        #[arg(value_name = "PATH", help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        #[arg(long, help = JSON_HELP)]
        json: bool,
        /// Only entities of this kind (person, organization, place, group, event, law, work, other, ...).
        #[arg(long, value_name = "K")]
        kind: Option<String>,
        /// Only entities mentioned in this document (id or number); counts are for that document.
        #[arg(long, value_name = "ID")]
        doc: Option<String>,
    },
    /// List the claims, in document and text order.
    Claims {
        #[arg(value_name = "PATH", help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        #[arg(long, help = JSON_HELP)]
        json: bool,
        /// Only claims made by or about this entity (an id, a name or an alias).
        #[arg(long, value_name = "NAME")]
        entity: Option<String>,
        /// Only claims in this document (id or number).
        #[arg(long, value_name = "ID")]
        doc: Option<String>,
    },
    /// An entity's dossier: every mention in context, the claims it makes and the claims about it.
    Entity {
        /// The entity: an id, a name or an alias.
        name: String,
        #[arg(value_name = "PATH", help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        #[arg(long, help = JSON_HELP)]
        json: bool,
        /// Print the dossier as a Markdown report: mentions in context, the claims it makes and those about it, with their relations (what `e` writes in the explorer).
        #[arg(long, conflicts_with = "json")]
        markdown: bool,
    },
    /// Write the corpus in another format: dossier/1, brat (a folder of .txt/.ann pairs), doccano JSONL or W3C Web Annotation.
    Convert {
        #[arg(value_name = "PATH", help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        /// The format to write.
        #[arg(long, value_enum, value_name = "FORMAT")]
        to: convert::Target,
        /// Where to write: a file (stdout when not given), or for brat a folder.
        #[arg(short, long, value_name = "OUT")]
        output: Option<PathBuf>,
    },
    /// List the relations between mentions (brat relations and event roles, doccano, Label Studio, WebAnno ...).
    Relations {
        #[arg(value_name = "PATH", help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        #[arg(long, help = JSON_HELP)]
        json: bool,
    },
    /// Rank entities by fuzzy match against their names and aliases, as the finder does.
    Find {
        /// What to look for.
        query: String,
        #[arg(value_name = "PATH", help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        /// Show at most N entities (0: every entity that matches).
        #[arg(long, value_name = "N", default_value_t = 20)]
        limit: usize,
        #[arg(long, help = JSON_HELP)]
        json: bool,
        /// Print how long each phase (loading, matching) took, on stderr.
        #[arg(long)]
        timings: bool,
    },
    /// Search the text of every document: each hit with its document, line:column, byte offset and context (exit 1 when none).
    Search {
        /// A literal (smart case: a capital letter makes case count; straight and curly quotes, and dashes, are alike).
        pattern: String,
        #[arg(value_name = "PATH", help = PATHS_HELP)]
        paths: Vec<PathBuf>,
        /// PATTERN is a regular expression (Rust's regex syntax); a match never spans lines.
        #[arg(long)]
        regex: bool,
        #[arg(long, help = JSON_HELP)]
        json: bool,
    },
    /// Print a completion script for a shell: bash, zsh, fish, elvish or powershell (README says where to put it).
    Completions {
        /// The shell.
        #[arg(value_enum, value_name = "SHELL")]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), or with --dir write it and one page per command there.
    Man {
        /// Write dossier.1 and dossier-COMMAND.1 into this folder (made if missing), e.g. ~/.local/share/man/man1.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

/// What `[PATH]...` means in every command.
const PATHS_HELP: &str =
    "Corpus files or directories, of any format dossier reads; the built-in corpus when none are given";
/// What `--json` means in every command.
const JSON_HELP: &str = "Print JSON instead of lines (the fields are documented in docs/format.md)";

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn paths_without_subcommand_open_the_explorer() {
        let cli = Cli::try_parse_from(["dossier", "a.json", "--entity", "Putin"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.open.paths, vec![PathBuf::from("a.json")]);
        assert_eq!(cli.open.entity.as_deref(), Some("Putin"));
    }

    #[test]
    fn subcommands_parse_their_flags() {
        let cli = Cli::try_parse_from(["dossier", "find", "tol", "x.json", "--limit", "3", "--json"]).unwrap();
        match cli.command {
            Some(Command::Find { query, paths, limit, json, .. }) => {
                assert_eq!((query.as_str(), paths.len(), limit, json), ("tol", 1, 3, true));
            }
            other => panic!("parsed as {other:?}"),
        }
        assert!(Cli::try_parse_from(["dossier", "entities", "--bogus"]).is_err());
    }

    #[test]
    fn the_file_size_limit_is_one_flag_for_every_command_and_the_explorer() {
        let limit = |args: &[&str]| Cli::try_parse_from(args).map(|cli| cli.load_options().unwrap().max_file_size);
        assert_eq!(limit(&["dossier", "check", "x.json"]).unwrap(), 1 << 30);
        assert_eq!(limit(&["dossier", "check", "x.json", "--max-file-size", "2G"]).unwrap(), 2 << 30);
        assert_eq!(limit(&["dossier", "find", "q", "--max-file-size", "500M"]).unwrap(), 500 << 20);
        assert_eq!(limit(&["dossier", "x.json", "--max-file-size", "1000"]).unwrap(), 1000);
        assert!(limit(&["dossier", "check", "--max-file-size", "lots"]).is_err());
    }
}
