//! The dossier binary: parses the command line, then either runs a command
//! for scripts or opens the explorer — loading the corpus, taking over the
//! terminal, running the event loop and giving the terminal back. Whatever
//! stops it early is a `cli::Error`, reported here once and turned into the
//! exit code; its messages are sanitized where they are made, since they
//! quote file names, ids and corpus text.

use std::io::Write;
use std::process::ExitCode;

use dossier::cli::progress::LoadProgress;
use dossier::cli::{Cli, Error, OpenArgs, described, load_corpus_timed, resolve_doc, resolve_entity, run_command};
use dossier::data::load::LoadOptions;
use dossier::state::{Action, App, update};
use dossier::terminal;

/// Set in tests to make a command panic before it runs, quoting its
/// arguments, to prove that the panic hook covers the commands too.
const PANIC_IN_COMMAND_FOR_TEST: &str = "DOSSIER_PANIC_BEFORE_COMMAND";

fn main() -> ExitCode {
    terminal::install_panic_hook();
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            e.report(&mut std::io::stderr().lock());
            ExitCode::from(e.exit_code())
        }
    }
}

fn run() -> Result<(), Error> {
    let cli = Cli::from_args()?;
    if cli.print_config {
        print!("{}", dossier::config::defaults_text());
        return Ok(());
    }
    let options = cli.load_options()?;
    match cli.command {
        Some(command) => {
            if std::env::var_os(PANIC_IN_COMMAND_FOR_TEST).is_some() {
                let args: Vec<String> = std::env::args_os().map(|a| a.to_string_lossy().into_owned()).collect();
                panic!("deliberate panic for testing ({PANIC_IN_COMMAND_FOR_TEST} is set) in `{}`", args.join(" "));
            }
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            // stderr is not held for the whole command: a worker thread's
            // panic report takes it, and held here it waited for the command,
            // which waited for that thread — a hang, with nothing said.
            let ran = run_command(command, &options, &mut out, &mut std::io::stderr());
            // The last of the output is written here: the command's own
            // error, if it had one, came first.
            let flushed = out.flush().map_err(Error::Output);
            ran.and(flushed)
        }
        None => open(cli.open, &options, cli.config.as_deref()).map_err(Error::in_explorer),
    }
}

/// The explorer. Everything that can fail before the screen is taken over
/// (no terminal, a bad corpus, an unknown --doc or --entity) fails first,
/// with a plain message.
fn open(args: OpenArgs, options: &LoadOptions, config: Option<&std::path::Path>) -> Result<(), Error> {
    // The config file first: its mistakes are said without a terminal too.
    let config = dossier::config::load(config).map_err(Error::Config)?;
    if let Some(why) = terminal::not_a_terminal() {
        return Err(Error::NoTerminal(why));
    }
    // Progress on stderr while a long load runs, cleared before the screen is taken.
    let progress = LoadProgress::start(&described(&args.paths));
    let corpus = load_corpus_timed(&args.paths, options, &mut progress.timings()).map_err(Error::Corpus)?;
    let (width, height) = crossterm::terminal::size().unwrap_or((80, 24));
    let mut app = App::new(corpus, width, height);
    progress.finish();
    config.apply(&mut app);
    // NO_COLOR=1 wins over the config's theme.
    app.settings.no_color |= std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    if let Some(doc) = &args.doc {
        let d = resolve_doc(&app.corpus, doc)?;
        update(&mut app, Action::GotoDoc(d.index()));
    }
    if let Some(name) = &args.entity {
        let e = resolve_entity(&app.corpus, &app.finder, name)?;
        update(&mut app, Action::SelectEntity(e));
    }
    let ran = terminal::run(&mut app).map_err(Error::Terminal);
    // The terminal is given back; the process's exit frees the corpus at
    // once, where freeing it piece by piece would keep the shell waiting.
    std::mem::forget(app);
    ran
}
