//! Why dossier stops before it has done what it was asked: the one error
//! type of the commands and of the explorer's start, what each error says,
//! and the one place that turns an error into the exit code (ripgrep's way:
//! `main` reports the error and returns the code).
//!
//! Exit codes, as README.md documents them: 0 success (help, the version,
//! and output cut short by a reader that stopped reading); 1 an invalid
//! corpus, or output or a terminal that failed; 2 a usage error (an
//! argument clap refused, a path that does not exist, an unknown document,
//! entity or kind); `search` exits 1 when it finds nothing, as grep does.
//! A panic is 101 and a signal 128 + its number, both
//! decided in `terminal`.
//!
//! Every message is inert: what it quotes (paths, ids, arguments, corpus
//! text) is sanitized where the message is made.

use std::ffi::OsString;
use std::fmt;
use std::io::{self, Write};

use clap::Parser;

use super::Cli;
use crate::data::load::{LoadFailure, ProblemKind};
use crate::text::sanitize;

const SUCCESS: u8 = 0;
const FAILURE: u8 = 1;
const USAGE: u8 = 2;

/// Why a command, or the explorer before it takes the screen, stopped.
#[derive(Debug)]
pub enum Error {
    /// clap did not take the command line, or was asked for help or the
    /// version: its answer for the arguments made safe to show (see
    /// [`Error::command_line`]). clap prints it, in colour on a terminal,
    /// help and the version on stdout.
    CommandLine(clap::Error),
    /// The same when the arguments made safe parse, or fail otherwise
    /// (arguments that were not UTF-8): the original answer, sanitized,
    /// without clap's colours, on stderr.
    CommandLineAsText(clap::Error),
    /// A command's corpus did not load: every problem found.
    Corpus(LoadFailure),
    /// The same, the problems already written as JSON on stdout
    /// (`check --json`): stderr only says how many.
    ProblemsListed(LoadFailure),
    /// An argument that names nothing (an unknown document, entity or kind)
    /// or that the command refuses (a query longer than the finder matches).
    /// The message quotes what it names sanitized.
    Usage(String),
    /// The explorer's corpus did not load (see [`Error::in_explorer`]).
    ExplorerCorpus(LoadFailure),
    /// The explorer's config file has problems (or `--config` names no file).
    Config(LoadFailure),
    /// The explorer's `--doc` or `--entity` names nothing.
    ExplorerUsage(String),
    /// The explorer was started with stdin or stdout not a terminal: which.
    NoTerminal(&'static str),
    /// The explorer's terminal failed under it.
    Terminal(anyhow::Error),
    /// Writing a command's output failed.
    Output(io::Error),
    /// `dossier search` found nothing: exit 1 and say nothing, as grep does.
    NothingFound,
}

impl Error {
    /// What clap answered to a command line it did not take (`args` is that
    /// command line), made safe to show. The answer quotes the arguments it
    /// refused, which may hold anything (`--limit $'\e]0;T\a'` would set the
    /// window title), so the answer kept is the one clap gives for the
    /// arguments made safe, where the escape is `␛`.
    pub fn command_line(e: clap::Error, args: impl IntoIterator<Item = OsString>) -> Error {
        let safe: Vec<String> =
            args.into_iter().map(|a| sanitize::display(&a.to_string_lossy()).into_owned()).collect();
        match Cli::try_parse_from(&safe) {
            Err(same) if same.kind() == e.kind() => Error::CommandLine(same),
            _ => Error::CommandLineAsText(e),
        }
    }

    /// The error as the explorer shows it: an invalid corpus with its own
    /// last line, and a corpus's problems and an unknown `--doc` or
    /// `--entity` sanitized once more. The second pass is kept so that what
    /// the explorer says stays what it always said: sanitizing twice is not
    /// quite sanitizing once (a joiner kept between two letters is shown as
    /// a code point once a neighbour has become one).
    pub fn in_explorer(self) -> Error {
        match self {
            Error::Corpus(failure) => Error::ExplorerCorpus(failure),
            Error::Usage(message) => Error::ExplorerUsage(message),
            other => other,
        }
    }

    /// The process's exit code for this error: the one place that decides it.
    pub fn exit_code(&self) -> u8 {
        match self {
            // clap's own rule: help and the version are no error.
            Error::CommandLine(e) | Error::CommandLineAsText(e) => {
                if e.use_stderr() {
                    USAGE
                } else {
                    SUCCESS
                }
            }
            Error::Corpus(failure)
            | Error::ExplorerCorpus(failure)
            | Error::ProblemsListed(failure)
            | Error::Config(failure) => {
                if failure.problems.iter().any(|p| p.kind == ProblemKind::NotFound) {
                    USAGE
                } else {
                    FAILURE
                }
            }
            Error::Usage(_) | Error::ExplorerUsage(_) | Error::NoTerminal(_) => USAGE,
            Error::Terminal(_) => FAILURE,
            // A closed pipe (`dossier claims --json | head -1`) only ends the output early.
            Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => SUCCESS,
            Error::Output(_) => FAILURE,
            Error::NothingFound => FAILURE,
        }
    }

    /// Tells the user, on `err` (clap writes its own answer): as far as it
    /// can be written, so that the exit code says how the run went whatever
    /// becomes of the message (`dossier check bad.json 2>&1 | head -1` still
    /// exits 1), and nothing for output cut short by its reader.
    pub fn report(&self, err: &mut dyn Write) {
        let _ = match self {
            Error::CommandLine(e) => e.print(),
            // clap's answer ends in a newline of its own.
            Error::CommandLineAsText(_) => write!(err, "{self}"),
            Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Error::NothingFound => Ok(()),
            _ => writeln!(err, "{self}"),
        };
    }
}

/// `1 problem`, `2 problems`.
fn problems(failure: &LoadFailure) -> String {
    let n = failure.problems.len();
    format!("{n} problem{}", if n == 1 { "" } else { "s" })
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::CommandLine(e) => write!(f, "{}", e.render()),
            Error::CommandLineAsText(e) => write!(f, "{}", sanitize::display_multiline(&e.render().to_string())),
            Error::Corpus(failure) => {
                write!(f, "{failure}\ndossier: {} found; the corpus was not loaded", problems(failure))
            }
            Error::ProblemsListed(failure) => {
                write!(f, "dossier: {} found; the corpus was not loaded", problems(failure))
            }
            Error::Usage(message) => write!(f, "dossier: {message}"),
            Error::ExplorerCorpus(failure) => write!(
                f,
                "{}\ndossier: cannot open the corpus: {} found",
                sanitize::display_multiline(&failure.to_string()),
                problems(failure)
            ),
            Error::Config(failure) => write!(
                f,
                "{failure}\ndossier: {} in the config file (docs/config.md; dossier --print-config shows the defaults)",
                problems(failure)
            ),
            Error::ExplorerUsage(message) => {
                write!(f, "{}", sanitize::display_multiline(&format!("dossier: {message}")))
            }
            Error::NoTerminal(why) => write!(
                f,
                "dossier: the explorer needs a terminal ({why}).\n\
                 For scripts, use: dossier {} (see dossier --help).",
                SCRIPT_COMMANDS.join(" | ")
            ),
            // The chain of causes may quote a path.
            Error::Terminal(e) => write!(f, "{}", sanitize::display_multiline(&format!("dossier: {e:#}"))),
            Error::Output(e) => write!(f, "dossier: cannot write output: {e}"),
            Error::NothingFound => write!(f, "dossier: nothing found"),
        }
    }
}

/// The commands for scripts, as the explorer's "needs a terminal" names them.
pub const SCRIPT_COMMANDS: &[&str] =
    &["check", "documents", "entities", "entity", "claims", "relations", "find", "search", "convert"];

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::CommandLine(e) | Error::CommandLineAsText(e) => Some(e),
            Error::Corpus(failure)
            | Error::ExplorerCorpus(failure)
            | Error::ProblemsListed(failure)
            | Error::Config(failure) => Some(failure),
            Error::Terminal(e) => Some(e.as_ref()),
            Error::Output(e) => Some(e),
            Error::Usage(_) | Error::ExplorerUsage(_) | Error::NoTerminal(_) | Error::NothingFound => None,
        }
    }
}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Output(e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::load::Problem;

    fn failure(kinds: &[ProblemKind]) -> LoadFailure {
        LoadFailure { problems: kinds.iter().map(|&k| Problem::new(k, "c.json", "wrong")).collect() }
    }

    fn reported(e: &Error) -> String {
        let mut err = Vec::new();
        e.report(&mut err);
        String::from_utf8(err).unwrap()
    }

    #[test]
    fn an_invalid_corpus_is_1_and_a_missing_path_2_in_either_wording() {
        let one = failure(&[ProblemKind::Syntax]);
        let two = failure(&[ProblemKind::Syntax, ProblemKind::NotFound]);
        assert_eq!(Error::Corpus(one.clone()).exit_code(), 1);
        assert_eq!(Error::Corpus(two.clone()).exit_code(), 2);
        assert_eq!(Error::ExplorerCorpus(one.clone()).exit_code(), 1);
        assert_eq!(Error::ExplorerCorpus(two.clone()).exit_code(), 2);
        assert_eq!(
            reported(&Error::Corpus(one.clone())),
            "c.json: wrong\ndossier: 1 problem found; the corpus was not loaded\n"
        );
        assert_eq!(
            reported(&Error::Corpus(two).in_explorer()),
            "c.json: wrong\nc.json: wrong\ndossier: cannot open the corpus: 2 problems found\n"
        );
    }

    #[test]
    fn usage_errors_are_2() {
        for e in [Error::Usage("unknown kind".into()), Error::Usage("unknown kind".into()).in_explorer()] {
            assert_eq!(e.exit_code(), 2);
            assert_eq!(reported(&e), "dossier: unknown kind\n");
        }
        assert_eq!(Error::NoTerminal("standard input is not a terminal").exit_code(), 2);
    }

    #[test]
    fn a_closed_pipe_is_no_error_and_says_nothing() {
        let closed = Error::Output(io::Error::from(io::ErrorKind::BrokenPipe));
        assert_eq!((closed.exit_code(), reported(&closed).as_str()), (0, ""));
        let full = Error::Output(io::Error::other("the disk is full"));
        assert_eq!(
            (full.exit_code(), reported(&full).as_str()),
            (1, "dossier: cannot write output: the disk is full\n")
        );
    }

    #[test]
    fn a_refused_command_line_is_2_and_shown_inert_and_help_is_0() {
        let parse = |args: &[&str]| {
            let args: Vec<OsString> = args.iter().map(OsString::from).collect();
            Cli::try_parse_from(&args).map(|_| ()).map_err(|e| Error::command_line(e, args))
        };
        let refused = parse(&["dossier", "find", "--limit", "\u{1b}]0;T\u{7}", "q"]).unwrap_err();
        assert!(matches!(refused, Error::CommandLine(_)));
        assert_eq!(refused.exit_code(), 2);
        assert!(refused.to_string().contains("invalid value '␛]0;T␇' for '--limit <N>'"), "{refused}");
        assert_eq!(parse(&["dossier", "--help"]).unwrap_err().exit_code(), 0);
        assert_eq!(parse(&["dossier", "--version"]).unwrap_err().exit_code(), 0);
    }

    #[test]
    fn arguments_that_are_not_utf8_get_the_original_answer_sanitized() {
        use std::os::unix::ffi::OsStringExt;
        let args = vec![
            OsString::from("dossier"),
            OsString::from("find"),
            OsString::from("--limit"),
            OsString::from_vec(b"\xff\x1b]0;T\x07".to_vec()),
            OsString::from("q"),
        ];
        let e = Error::command_line(Cli::try_parse_from(&args).unwrap_err(), args);
        assert!(matches!(e, Error::CommandLineAsText(_)));
        assert_eq!(e.exit_code(), 2);
        let shown = reported(&e);
        assert!(shown.starts_with("error: invalid UTF-8 was detected"), "{shown}");
        assert!(!shown.contains('\u{1b}'), "{shown:?}");
    }
}
