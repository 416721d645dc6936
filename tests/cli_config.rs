//! The config file from the command line (issue 15): `--print-config`
//! prints the defaults as a config file that reads back as the defaults,
//! the file is found where docs/config.md says, and its mistakes stop the
//! explorer before it needs a terminal, each named by file, line and column.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn dossier(args: &[&str], env: &[(&str, &Path)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command.args(args).stdin(Stdio::null()).env_remove("XDG_CONFIG_HOME");
    for (k, v) in env {
        command.env(k, v);
    }
    command.output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-cli-config-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const NEEDS_A_TERMINAL: &str = "the explorer needs a terminal";

#[test]
fn the_printed_defaults_are_a_config_file_of_the_defaults() {
    let o = dossier(&["--print-config"], &[]);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert_eq!(dossier::config::parse("printed", &text), Ok(dossier::config::Config::default()));
    for setting in ["theme = \"dark\"", "cursor = \"bar\"", "osc52 = true", "[entities]", "sort = \"count\"", "[keys]"]
    {
        assert!(text.contains(setting), "{setting} missing:\n{text}");
    }
    // And the explorer takes it (then wants a terminal, having none here).
    let dir = folder("printed");
    let file = dir.join("config.toml");
    std::fs::write(&file, &text).unwrap();
    let o = dossier(&["--config", file.to_str().unwrap()], &[]);
    assert!(stderr(&o).contains(NEEDS_A_TERMINAL), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_file_is_found_in_xdg_config_home_else_in_dot_config() {
    let bad = "theme = \"blue\"\n";
    let xdg = folder("xdg");
    std::fs::create_dir_all(xdg.join("dossier")).unwrap();
    std::fs::write(xdg.join("dossier/config.toml"), bad).unwrap();
    let o = dossier(&[], &[("XDG_CONFIG_HOME", &xdg)]);
    let err = stderr(&o);
    let shown = xdg.join("dossier/config.toml").display().to_string();
    assert!(err.starts_with(&format!("{shown}:1:9: theme: \"blue\" is not one of dark, light, none\n")), "{err}");
    assert!(err.contains("dossier: 1 problem in the config file"), "{err}");
    assert_eq!(o.status.code(), Some(1));

    let home = folder("home");
    std::fs::create_dir_all(home.join(".config/dossier")).unwrap();
    std::fs::write(home.join(".config/dossier/config.toml"), "[entities]\nsort = 1\n").unwrap();
    let err = stderr(&dossier(&[], &[("HOME", &home)]));
    assert!(err.contains(".config/dossier/config.toml:2:8: entities.sort: expected one of count, name"), "{err}");
    // No file at all: the defaults.
    let empty = folder("empty");
    let err = stderr(&dossier(&[], &[("HOME", &empty), ("XDG_CONFIG_HOME", &empty)]));
    assert!(err.contains(NEEDS_A_TERMINAL), "{err}");
    for dir in [xdg, home, empty] {
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

#[test]
fn a_named_file_must_exist_and_is_said_inert() {
    let o = dossier(&["--config", "no/such/config.toml"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("no/such/config.toml: cannot read the config file: "), "{}", stderr(&o));
    let dir = folder("inert");
    let file = dir.join("config.toml");
    // TOML's own escapes: the key holds ESC and BEL.
    std::fs::write(&file, "[keys]\n\"\\u001b]0;pwned\\u0007\" = \"x\"\n").unwrap();
    let err = stderr(&dossier(&["--config", file.to_str().unwrap()], &[]));
    assert!(err.contains(":2:1: keys.␛]0;pwned␇: unknown action"), "{err}");
    assert!(!err.contains('\u{1b}'));
    std::fs::remove_dir_all(&dir).unwrap();
}
