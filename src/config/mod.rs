//! The explorer's config file (docs/config.md): where it is, what it may
//! say, and the defaults `dossier --print-config` prints.
//!
//! `$XDG_CONFIG_HOME/dossier/config.toml`, else `~/.config/dossier/config.toml`,
//! or the file `--config` names. A missing default file is no error (every
//! setting has a default); a named one must exist. What the file says is
//! checked as a corpus is: every unknown key and every bad value is a
//! [`Problem`] naming the file, line and column, and the explorer does
//! not start with any of them.
//!
//! - [`parse`]: the TOML, with its spans, into a [`Config`];
//! - [`defaults`]: the defaults written as a config file.

mod defaults;
mod parse;

pub use defaults::defaults_text;
pub use parse::parse;

use std::path::{Path, PathBuf};

use crate::data::load::{LoadFailure, Problem, ProblemKind};
use crate::state::keys::Key;
use crate::state::{Action, App, Scope, Settings, Sort, rebind};

/// What a config file sets, each setting its default when it is not there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The theme (`no_color` for `theme = "none"`), the cursor style, OSC 52.
    pub settings: Settings,
    /// The Entities pane's order and scope to start with.
    pub sort: Sort,
    pub scope: Scope,
    /// The main screen's actions given other keys than the keymap's.
    pub keys: Vec<(Action, Vec<Key>)>,
}

impl Default for Config {
    fn default() -> Self {
        Config { settings: Settings::default(), sort: Sort::Count, scope: Scope::Document, keys: Vec::new() }
    }
}

impl Config {
    /// Sets the explorer up as the file says: its settings, the Entities
    /// pane's order and scope, and the keys (for this thread's keymap).
    pub fn apply(self, app: &mut App) {
        rebind::install(&self.keys);
        app.configure(self.settings, self.sort, self.scope);
    }
}

/// Where the config file is looked for when `--config` names none.
pub fn default_path() -> Option<PathBuf> {
    let var = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
    // The XDG spec ignores a relative XDG_CONFIG_HOME.
    let base = var("XDG_CONFIG_HOME").filter(|p| p.is_absolute()).or_else(|| var("HOME").map(|h| h.join(".config")))?;
    Some(base.join("dossier").join("config.toml"))
}

/// The config: from the file `named`, else from the default place if a
/// file is there, else the defaults.
pub fn load(named: Option<&Path>) -> Result<Config, LoadFailure> {
    let (path, must_exist) = match named {
        Some(path) => (path.to_path_buf(), true),
        None => match default_path() {
            Some(path) => (path, false),
            None => return Ok(Config::default()),
        },
    };
    let name = path.display().to_string();
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => return Ok(Config::default()),
        Err(e) => {
            let kind = if e.kind() == std::io::ErrorKind::NotFound { ProblemKind::NotFound } else { ProblemKind::Io };
            let problem = Problem::new(kind, name, format!("cannot read the config file: {e}"));
            return Err(LoadFailure { problems: vec![problem] });
        }
    };
    parse(&name, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_default_file_is_the_defaults_and_a_missing_named_one_an_error() {
        let dir = std::env::temp_dir().join(format!("dossier-config-missing-{}", std::process::id()));
        let missing = dir.join("config.toml");
        let failure = load(Some(&missing)).unwrap_err();
        assert_eq!(failure.problems[0].kind, ProblemKind::NotFound);
        assert!(failure.to_string().contains("cannot read the config file"), "{failure}");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(&missing, "theme = \"light\"\n").unwrap();
        let config = load(Some(&missing)).unwrap();
        assert_eq!(config.settings.palette, crate::state::look::Palette::Light);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
