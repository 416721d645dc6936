//! What sets dossier up in a shell, made from the command line's own
//! definitions so it never drifts from them: completion scripts
//! (`dossier completions bash|zsh|fish|…`, clap_complete) and the manual
//! page (`dossier man`, clap_mangen), both written to stdout.

use std::io::{self, Write};
use std::path::Path;

use clap::CommandFactory;

use super::{Cli, Error};
use crate::text::sanitize::display;

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn Write) -> io::Result<()> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "dossier", out);
    Ok(())
}

/// The manual page, in roff (NAME, SYNOPSIS, DESCRIPTION, OPTIONS, the
/// subcommands, the version), to `out`; or, given a folder, that page and
/// one per command written there as `dossier.1`, `dossier-check.1`, ….
pub fn man(dir: Option<&Path>, out: &mut dyn Write) -> Result<(), Error> {
    let Some(dir) = dir else { return Ok(clap_mangen::Man::new(Cli::command()).render(out)?) };
    let cannot = |e: io::Error| {
        Error::Usage(format!("cannot write the manual pages to {}: {e}", display(&dir.display().to_string())))
    };
    std::fs::create_dir_all(dir).map_err(cannot)?;
    // As it is: a command built beforehand would grow pages for `help`.
    clap_mangen::generate_to(Cli::command(), dir).map_err(cannot)?;
    writeln!(out, "wrote the manual pages to {}", display(&dir.display().to_string()))?;
    Ok(())
}
