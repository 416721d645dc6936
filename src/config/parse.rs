//! A config file's TOML into a [`Config`], every fault a [`Problem`] at
//! its place: the toml crate's parser keeps the span of every key and
//! value, which become the line and column a problem names. Nothing is
//! skipped silently: an unknown key is as much a fault as a bad value, so
//! a misspelt setting never just does nothing.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::Config;
use crate::data::load::{LoadFailure, Problem, ProblemKind};
use crate::state::keys::Key;
use crate::state::look::{CursorStyle, Palette};
use crate::state::{Scope, Sort, rebind};

/// Reads the text of config file `file`.
pub fn parse(file: &str, text: &str) -> Result<Config, LoadFailure> {
    let mut reader = Reader { file, text, problems: Vec::new() };
    let config = match DeTable::parse(text) {
        Ok(table) => reader.top(table.get_ref()),
        Err(e) => {
            let at = e.span().map(|s| reader.position(s.start));
            let message = format!("not TOML: {}", e.message());
            reader.problems.push(Problem::new(ProblemKind::Syntax, file, message).at(at));
            Config::default()
        }
    };
    // The table's keys come sorted: the problems are told in the file's order.
    reader.problems.sort_by_key(|p| p.position);
    if reader.problems.is_empty() { Ok(config) } else { Err(LoadFailure { problems: reader.problems }) }
}

type TomlKey<'i> = Spanned<Cow<'i, str>>;
type Value<'i> = Spanned<DeValue<'i>>;

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    problems: Vec<Problem>,
}

const SETTINGS: &str = "theme, cursor, osc52, [entities] and [keys]";

impl Reader<'_> {
    /// 1-based line and column (in characters) of a byte offset.
    fn position(&self, offset: usize) -> (usize, usize) {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }

    fn problem(&mut self, kind: ProblemKind, span: Range<usize>, item: &str, message: String) {
        let at = self.position(span.start);
        self.problems.push(Problem::new(kind, self.file, message).at(Some(at)).item(item));
    }

    fn top(&mut self, table: &DeTable) -> Config {
        let mut config = Config::default();
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            match name {
                "theme" => {
                    if let Some(theme) = self.choice(value, name, &[("dark", 0), ("light", 1), ("none", 2)]) {
                        config.settings.palette = if theme == 1 { Palette::Light } else { Palette::Dark };
                        config.settings.no_color = theme == 2;
                    }
                }
                "cursor" => {
                    let styles: Vec<(&str, CursorStyle)> = CursorStyle::ALL.iter().map(|&c| (c.name(), c)).collect();
                    if let Some(style) = self.choice(value, name, &styles) {
                        config.settings.cursor = style;
                    }
                }
                "osc52" => match value.get_ref() {
                    DeValue::Boolean(on) => config.settings.osc52 = *on,
                    _ => self.problem(ProblemKind::Type, value.span(), name, "expected true or false".into()),
                },
                "entities" => {
                    if let Some(table) = self.table(value, name) {
                        self.entities(table, &mut config);
                    }
                }
                "keys" => {
                    if let Some(table) = self.table(value, name) {
                        self.keys(table, &mut config);
                    }
                }
                _ => self.unknown(key, name, SETTINGS),
            }
        }
        config
    }

    fn entities(&mut self, table: &DeTable, config: &mut Config) {
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let item = format!("entities.{name}");
            match name {
                "sort" => {
                    if let Some(sort) = self.choice(value, &item, &[("count", Sort::Count), ("name", Sort::Name)]) {
                        config.sort = sort;
                    }
                }
                "scope" => {
                    let scopes = [("document", Scope::Document), ("corpus", Scope::Corpus)];
                    if let Some(scope) = self.choice(value, &item, &scopes) {
                        config.scope = scope;
                    }
                }
                _ => self.unknown(key, &item, "sort and scope"),
            }
        }
    }

    fn keys(&mut self, table: &DeTable, config: &mut Config) {
        let mut spans = Vec::new();
        for (key, value) in table.iter() {
            let name = key.get_ref().as_ref();
            let item = format!("keys.{name}");
            let Some(action) = rebind::action_named(name) else {
                let message = format!("unknown action \"{name}\" (dossier --print-config lists them with their keys)");
                self.problem(ProblemKind::Value, key.span(), &item, message);
                continue;
            };
            let written: Vec<&Value> = match value.get_ref() {
                DeValue::String(_) => vec![value],
                DeValue::Array(array) => array.iter().collect(),
                _ => {
                    let message = "expected a key (\"f\") or a list of keys ([\"f\", \"Ctrl-p\"])".into();
                    self.problem(ProblemKind::Type, value.span(), &item, message);
                    continue;
                }
            };
            if written.is_empty() {
                self.problem(ProblemKind::Value, value.span(), &item, "give at least one key".into());
                continue;
            }
            let mut keys = Vec::new();
            for one in written {
                match one.get_ref() {
                    DeValue::String(s) => match read_key(s) {
                        Ok(k) if keys.contains(&k) => {
                            self.problem(ProblemKind::Value, one.span(), &item, format!("{k} is given twice"));
                        }
                        Ok(k) => keys.push(k),
                        Err(e) => self.problem(ProblemKind::Value, one.span(), &item, e.to_string()),
                    },
                    _ => self.problem(ProblemKind::Type, one.span(), &item, "expected a key, as a string".into()),
                }
            }
            if keys.as_slice() != rebind::default_keys(action) {
                spans.push(value.span());
                config.keys.push((action.clone(), keys));
            }
        }
        if let Some((key, first, second)) = rebind::clash(&config.keys) {
            // Said where the file gives the key to one of the two.
            let at = config.keys.iter().position(|(_, keys)| keys.contains(&key)).map_or(0..0, |i| spans[i].clone());
            let message = format!("{key} would be the key of both {first} and {second}; give one of them other keys");
            self.problem(ProblemKind::Conflict, at, "keys", message);
        }
    }

    /// A string value that must be one of `choices`.
    fn choice<T: Copy>(&mut self, value: &Value, item: &str, choices: &[(&str, T)]) -> Option<T> {
        let names: Vec<&str> = choices.iter().map(|(n, _)| *n).collect();
        match value.get_ref() {
            DeValue::String(s) => {
                let found = choices.iter().find(|(n, _)| *n == s.as_ref()).map(|(_, t)| *t);
                if found.is_none() {
                    let message = format!("{} is not one of {}", quoted(s), names.join(", "));
                    self.problem(ProblemKind::Value, value.span(), item, message);
                }
                found
            }
            _ => {
                let message = format!("expected one of {}, as a string", names.join(", "));
                self.problem(ProblemKind::Type, value.span(), item, message);
                None
            }
        }
    }

    fn table<'t, 'i>(&mut self, value: &'t Value<'i>, item: &str) -> Option<&'t DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            _ => {
                self.problem(ProblemKind::Type, value.span(), item, format!("expected a table: [{item}]"));
                None
            }
        }
    }

    fn unknown(&mut self, key: &TomlKey, item: &str, known: &str) {
        self.problem(ProblemKind::Value, key.span(), item, format!("unknown setting (the settings here are {known})"));
    }
}

fn quoted(s: &str) -> String {
    format!("\"{s}\"")
}

/// A key as help writes it (`f`, `Ctrl-p`, `PgDn`, `↓`), or with the
/// arrows' and pages' names spelt out (`Down`, `PageDown`).
pub fn read_key(written: &str) -> Result<Key, crate::state::keys::NotAKey> {
    const SPELT: &[(&str, &str)] =
        &[("Up", "↑"), ("Down", "↓"), ("Left", "←"), ("Right", "→"), ("PageUp", "PgUp"), ("PageDown", "PgDn")];
    let (mods, name) = match written.rfind('-') {
        Some(i) if i + 1 < written.len() => written.split_at(i + 1),
        _ => ("", written),
    };
    match SPELT.iter().find(|(spelt, _)| *spelt == name) {
        Some((_, key)) => format!("{mods}{key}").parse(),
        None => written.parse(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Action;

    fn problems(text: &str) -> Vec<String> {
        parse("c.toml", text).unwrap_err().problems.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse("c.toml", "").unwrap(), Config::default());
        assert_eq!(parse("c.toml", "# nothing but a comment\n").unwrap(), Config::default());
    }

    #[test]
    fn every_setting_is_read() {
        let text = "theme = \"light\"\ncursor = \"underline\"\nosc52 = false\n\n[entities]\nsort = \"name\"\nscope = \"corpus\"\n\n[keys]\nfinder = \"e\"\nquit = [\"Q\", \"Ctrl-c\"]\ndown = [\"j\", \"Down\"]\n";
        let config = parse("c.toml", text).unwrap();
        assert_eq!(config.settings.palette, Palette::Light);
        assert!(!config.settings.no_color);
        assert_eq!(config.settings.cursor, CursorStyle::Underline);
        assert!(!config.settings.osc52);
        assert_eq!((config.sort, config.scope), (Sort::Name, Scope::Corpus));
        // `down` is given its own keys again (`Down` is `↓`): no rebinding.
        assert_eq!(
            config.keys,
            vec![(Action::OpenFinder, vec![Key::char('e')]), (Action::Quit, vec![Key::char('Q'), Key::ctrl('c')]),]
        );
        let none = parse("c.toml", "theme = \"none\"").unwrap();
        assert!(none.settings.no_color);
    }

    #[test]
    fn unknown_keys_and_bad_values_name_file_line_and_column() {
        let text = "theme = \"blue\"\ncolour = 3\nosc52 = \"yes\"\n[entities]\nsort = \"size\"\nfilter = 1\n[keys]\nfindr = \"e\"\nfinder = \"Ctrl-\"\nhelp = []\ntop = 7\n";
        assert_eq!(
            problems(text),
            [
                "c.toml:1:9: theme: \"blue\" is not one of dark, light, none",
                "c.toml:2:1: colour: unknown setting (the settings here are theme, cursor, osc52, [entities] and [keys])",
                "c.toml:3:9: osc52: expected true or false",
                "c.toml:5:8: entities.sort: \"size\" is not one of count, name",
                "c.toml:6:1: entities.filter: unknown setting (the settings here are sort and scope)",
                "c.toml:8:1: keys.findr: unknown action \"findr\" (dossier --print-config lists them with their keys)",
                "c.toml:9:10: keys.finder: \"Ctrl-\" is not a key (keys are written like j, G, Ctrl-p, Alt-x, PgDn, Space, ↓)",
                "c.toml:10:8: keys.help: give at least one key",
                "c.toml:11:7: keys.top: expected a key (\"f\") or a list of keys ([\"f\", \"Ctrl-p\"])",
            ]
        );
    }

    #[test]
    fn a_key_given_to_two_actions_is_refused_where_it_is_given() {
        assert_eq!(
            problems("[keys]\nquit = \"q\"\nfinder = [\"f\", \"F\"]\n"),
            ["c.toml:3:10: keys: F would be the key of both finder and corpus-search; give one of them other keys"]
        );
        assert_eq!(problems("[keys]\nfinder = [\"e\", \"e\"]")[0], "c.toml:2:16: keys.finder: e is given twice");
        // Swapping two actions' keys is fine.
        let swapped = parse("c.toml", "[keys]\nnext = \"N\"\nprevious = \"n\"\n").unwrap();
        assert_eq!(swapped.keys, vec![(Action::Next, vec![Key::char('N')]), (Action::Prev, vec![Key::char('n')])]);
    }

    #[test]
    fn toml_that_is_not_toml_is_one_problem_at_its_place() {
        let p = parse("c.toml", "theme = \"dark\"\ncursor = \n").unwrap_err().problems;
        assert_eq!(p.len(), 1);
        assert_eq!((p[0].kind, p[0].position.map(|(line, _)| line)), (ProblemKind::Syntax, Some(2)));
        assert!(p[0].message.starts_with("not TOML: "), "{}", p[0].message);
    }

    #[test]
    fn keys_read_as_help_writes_them_or_spelt_out() {
        assert_eq!(read_key("Down"), Ok(Key::plain(crate::state::KeyCode::Down)));
        assert_eq!(read_key("Ctrl-PageDown"), "Ctrl-PgDn".parse());
        assert_eq!(read_key("-"), Ok(Key::char('-')));
        assert_eq!(read_key("Ctrl-p"), Ok(Key::ctrl('p')));
        assert!(read_key("Hyper-x").is_err());
    }
}
