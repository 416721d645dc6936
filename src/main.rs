//! The dossier binary: parses the command line, then either runs a command
//! for scripts or opens the explorer — loading the corpus, taking over the
//! terminal, running the event loop and giving the terminal back.

use std::io::Write;

use clap::Parser;
use dossier::app::{Action, App, update};
use dossier::cli::{Cli, OpenArgs, resolve_doc, resolve_entity, run_command_with};
use dossier::load::{LoadOptions, load_or_builtin};
use dossier::terminal;

fn main() {
    let cli = Cli::parse();
    let options = cli.load_options();
    let code = match cli.command {
        Some(command) => {
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
    let corpus = match load_or_builtin(&args.paths, options) {
        Ok(corpus) => corpus,
        Err(failure) => {
            eprintln!("{failure}");
            let n = failure.problems.len();
            eprintln!("dossier: cannot open the corpus: {n} problem{} found", if n == 1 { "" } else { "s" });
            return failure.exit_code();
        }
    };
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(corpus, width, height);
    app.no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if let Some(doc) = &args.doc {
        match resolve_doc(&app.corpus, doc) {
            Ok(d) => update(&mut app, Action::GotoDoc(d.index())),
            Err(usage) => {
                eprintln!("dossier: {}", usage.0);
                return 2;
            }
        }
    }
    if let Some(name) = &args.entity {
        match resolve_entity(&app.corpus, &app.finder, name) {
            Ok(e) => update(&mut app, Action::SelectEntity(e)),
            Err(usage) => {
                eprintln!("dossier: {}", usage.0);
                return 2;
            }
        }
    }
    match terminal::run(&mut app) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("dossier: {e:#}");
            1
        }
    }
}
