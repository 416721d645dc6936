//! The dossier binary: parses the command line, then either runs a command
//! for scripts or opens the explorer — loading the corpus, taking over the
//! terminal, running the event loop and giving the terminal back.
//! Everything it writes to stderr passes through the sanitizer: messages
//! quote file names, ids and corpus text.

use std::io::Write;

use clap::Parser;
use dossier::cli::load_corpus;
use dossier::cli::{Cli, OpenArgs, resolve_doc, resolve_entity, run_command_with};
use dossier::data::load::LoadOptions;
use dossier::state::{Action, App, update};
use dossier::terminal;
use dossier::text::sanitize;

/// Set in tests to make a command panic before it runs, quoting its
/// arguments, to prove that the panic hook covers the commands too.
const PANIC_IN_COMMAND_FOR_TEST: &str = "DOSSIER_PANIC_BEFORE_COMMAND";

fn main() {
    terminal::install_panic_hook();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => std::process::exit(command_line_error(&e)),
    };
    let options = cli.load_options();
    let code = match cli.command {
        Some(command) => {
            if std::env::var_os(PANIC_IN_COMMAND_FOR_TEST).is_some() {
                let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
                panic!("deliberate panic for testing ({PANIC_IN_COMMAND_FOR_TEST} is set) in `{}`", args.join(" "));
            }
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let code = run_command_with(command, &options, &mut out, &mut std::io::stderr().lock());
            match out.flush() {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => 1,
                _ => code,
            }
        }
        None => open(cli.open, &options),
    };
    std::process::exit(code);
}

/// Prints clap's answer to a command line it did not take (help and the
/// version on stdout, errors on stderr) and returns the exit code. An error
/// quotes the arguments it refused, which may hold anything (`--limit
/// $'\e]0;T\a'` would set the window title), so the error shown is the one
/// clap gives for the arguments made safe to show, where the escape is `␛`.
fn command_line_error(e: &clap::Error) -> i32 {
    let safe: Vec<String> = std::env::args_os().map(|a| sanitize::display(&a.to_string_lossy()).into_owned()).collect();
    match Cli::try_parse_from(&safe) {
        Err(same) if same.kind() == e.kind() => {
            let _ = same.print();
            same.exit_code()
        }
        // Made safe, the arguments parse, or fail otherwise (arguments that
        // were not UTF-8): the original error, without clap's colours.
        _ => {
            eprint!("{}", sanitize::display_multiline(&e.render().to_string()));
            e.exit_code()
        }
    }
}

/// The explorer. Everything that can fail before the screen is taken over
/// (no terminal, a bad corpus, an unknown --doc or --entity) fails first,
/// with a plain message.
fn open(args: OpenArgs, options: &LoadOptions) -> i32 {
    if let Some(why) = terminal::not_a_terminal() {
        eprintln!(
            "dossier: the explorer needs a terminal ({why}).\n\
             For scripts, use: dossier check | documents | entities | claims | find (see dossier --help)."
        );
        return 2;
    }
    let corpus = match load_corpus(&args.paths, options) {
        Ok(corpus) => corpus,
        Err(failure) => {
            say(&failure.to_string());
            let n = failure.problems.len();
            eprintln!("dossier: cannot open the corpus: {n} problem{} found", if n == 1 { "" } else { "s" });
            return failure.exit_code();
        }
    };
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(corpus, width, height);
    app.settings.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if let Some(doc) = &args.doc {
        match resolve_doc(&app.corpus, doc) {
            Ok(d) => update(&mut app, Action::GotoDoc(d.index())),
            Err(usage) => {
                say(&format!("dossier: {}", usage.0));
                return 2;
            }
        }
    }
    if let Some(name) = &args.entity {
        match resolve_entity(&app.corpus, &app.finder, name) {
            Ok(e) => update(&mut app, Action::SelectEntity(e)),
            Err(usage) => {
                say(&format!("dossier: {}", usage.0));
                return 2;
            }
        }
    }
    match terminal::run(&mut app) {
        Ok(()) => 0,
        Err(e) => {
            say(&format!("dossier: {e:#}"));
            1
        }
    }
}

/// Writes a message to stderr, inert: it may quote a corpus or a path.
fn say(message: &str) {
    eprintln!("{}", sanitize::display_multiline(message));
}
