//! The defaults written as a config file, for `dossier --print-config`:
//! every setting with its default value and a line saying what it does,
//! and every rebindable action with the keymap's keys. What it prints
//! parses back to the defaults (a test holds it to that).

use std::fmt::Write as _;

use crate::state::keymap::NORMAL;
use crate::state::rebind;

/// The default settings as the text of a config file.
pub fn defaults_text() -> String {
    let mut out = String::from(
        "# dossier's settings (docs/config.md). dossier reads them from\n\
         # $XDG_CONFIG_HOME/dossier/config.toml, else ~/.config/dossier/config.toml,\n\
         # or the file --config names. These are the defaults: a file needs only\n\
         # the lines it changes.\n\
         \n\
         # Colours for a dark terminal background, a light one, or none at all\n\
         # (\"none\", as NO_COLOR=1 does: bold, underline and inverse only).\n\
         theme = \"dark\"\n\
         # How a list's cursor row stands out: \"bar\" (a coloured bar), \"reverse\"\n\
         # (each cell's colours swapped) or \"underline\" (the colours kept).\n\
         cursor = \"bar\"\n\
         # Whether copying may set the terminal's clipboard with an OSC 52 sequence.\n\
         osc52 = true\n\
         \n\
         [entities]\n\
         # The Entities pane's order to start with: \"count\" or \"name\" (o switches).\n\
         sort = \"count\"\n\
         # Its list to start with: \"document\" (this document) or \"corpus\" (s switches).\n\
         scope = \"document\"\n\
         \n\
         [keys]\n\
         # The main screen's keys: an action = a key or a list of keys, written as\n\
         # help writes them (j, G, Ctrl-p, Alt-x, Space, Enter, Esc, Tab, PgDn, Home,\n\
         # ↓ or Down). A key may do one thing only: give the action that had it\n\
         # another key too.\n",
    );
    for (heading, table) in NORMAL {
        let named: Vec<_> = table.iter().filter_map(|b| rebind::name_of(&b.action).map(|n| (n, b))).collect();
        if named.is_empty() {
            continue;
        }
        let _ = writeln!(out, "# {heading}");
        for (name, binding) in named {
            let keys: Vec<String> = binding.keys.iter().map(|k| toml_string(&k.to_string())).collect();
            let _ = writeln!(out, "{name} = [{}]  # {}", keys.join(", "), binding.help);
        }
    }
    out
}

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, parse};

    #[test]
    fn the_printed_defaults_parse_back_to_the_defaults() {
        let text = defaults_text();
        assert_eq!(parse("defaults", &text).unwrap(), Config::default());
        // Every rebindable action is there, with its keys.
        let keys = &text[text.find("[keys]").unwrap()..];
        for (name, action) in rebind::ACTIONS {
            let line = keys.lines().find(|l| l.starts_with(&format!("{name} = "))).expect(name);
            assert!(line.contains(&format!("\"{}\"", rebind::default_keys(action)[0])), "{line}");
        }
        assert!(text.contains("finder = [\"f\", \"Ctrl-p\"]"), "{text}");
    }

    #[test]
    fn strings_are_quoted_for_toml() {
        assert_eq!(toml_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
