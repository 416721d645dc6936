//! The dossier binary: parses arguments and hands over to the library.

use std::io::Write;

use clap::Parser;
use dossier::cli::{Cli, run_command};

fn main() {
    let cli = Cli::parse();
    let code = match cli.command {
        Some(command) => {
            let stdout = std::io::stdout();
            let stderr = std::io::stderr();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let code = run_command(command, &mut out, &mut stderr.lock());
            match out.flush() {
                Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => 1,
                _ => code,
            }
        }
        None => {
            eprintln!("dossier: the explorer is not built yet");
            1
        }
    };
    std::process::exit(code);
}
