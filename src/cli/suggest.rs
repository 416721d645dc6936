//! "Did you mean `entities`?": `dossier PATH` opens a corpus, so a
//! mistyped command (`dossier entites`) reads as a file that is not there.
//! A word that names no existing path, looks like no file name (no `/`,
//! no `.`) and is a letter or two from a command's name is taken for that
//! command mistyped, and said so.

use std::ffi::OsStr;
use std::path::Path;

use clap::CommandFactory;

use super::{Cli, Error};
use crate::text::sanitize::display;

/// The command `word` (the first argument) looks like a typo of, if any.
pub fn mistyped_command(word: &OsStr) -> Option<String> {
    let text = word.to_str()?;
    let plain = !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !plain || text.starts_with('-') || Path::new(word).exists() {
        return None;
    }
    let typed = text.to_ascii_lowercase();
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .filter(|name| *name != typed)
        .map(|name| (strsim::damerau_levenshtein(&typed, &name), name))
        .filter(|(distance, name)| *distance <= if name.len() >= 5 { 2 } else { 1 })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, name)| name)
}

/// The error for a first argument that is a mistyped command, if it is one.
pub fn mistyped(first: &OsStr) -> Option<Error> {
    let name = mistyped_command(first)?;
    Some(Error::Usage(format!(
        "no file or command \"{}\": did you mean `{name}`? (dossier --help lists the commands)",
        display(&first.to_string_lossy())
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hint(word: &str) -> Option<String> {
        mistyped_command(OsStr::new(word))
    }

    #[test]
    fn a_word_near_a_command_is_taken_for_it() {
        assert_eq!(hint("entites").as_deref(), Some("entities"));
        assert_eq!(hint("Entites").as_deref(), Some("entities"));
        assert_eq!(hint("entitty").as_deref(), Some("entity"));
        assert_eq!(hint("chekc").as_deref(), Some("check"));
        assert_eq!(hint("serach").as_deref(), Some("search"));
        assert_eq!(hint("fnd").as_deref(), Some("find"));
    }

    #[test]
    fn paths_and_far_words_are_not() {
        assert_eq!(hint("entities"), None, "the command itself parses as one");
        assert_eq!(hint("corpus.json"), None);
        assert_eq!(hint("data/entites"), None);
        assert_eq!(hint("kazakhstan"), None);
        assert_eq!(hint("--json"), None);
    }
}
