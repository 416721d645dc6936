//! The command line's conveniences and its small slips (issue 15, item 11),
//! run as a user runs them: `find --limit 0`, `--timings` said once, every
//! argument described in `--help`, `check --json`, "did you mean" for a
//! mistyped command, the commands the explorer's refusal names, and the
//! completion scripts and manual page made from the same definitions.

use std::process::{Command, Output, Stdio};

use clap::CommandFactory;

fn dossier(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier")).args(args).stdin(Stdio::null()).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

const SAMPLE: &str = "tests/fixtures/sample.json";
const BROKEN: &str = "tests/fixtures/broken/many-problems.json";

/// The commands of `dossier --help`.
fn command_names() -> Vec<String> {
    dossier::cli::Cli::command().get_subcommands().map(|c| c.get_name().to_string()).collect()
}

#[test]
fn find_with_limit_0_lists_every_match() {
    let all = stdout(&dossier(&["find", "kaz", "--limit", "0"]));
    let some = stdout(&dossier(&["find", "kaz", "--limit", "3"]));
    let twenty = stdout(&dossier(&["find", "kaz"]));
    assert_eq!(some.lines().count(), 3);
    assert!(all.lines().count() > twenty.lines().count(), "0 is no limit:\n{all}");
    assert!(all.starts_with(&some), "the same ranking, only longer");
    let json: serde_json::Value =
        serde_json::from_slice(&dossier(&["find", "kaz", "--limit", "0", "--json"]).stdout).expect("JSON");
    assert_eq!(json.as_array().unwrap().len(), all.lines().count());
}

#[test]
fn timings_are_printed_once() {
    for args in [&["check", SAMPLE, "--timings"][..], &["find", "tol", SAMPLE, "--timings"]] {
        let o = dossier(args);
        assert_eq!(o.status.code(), Some(0));
        let err = stderr(&o);
        let load: Vec<&str> = err.lines().filter(|l| l.starts_with("timings: load: ")).collect();
        assert_eq!(load.len(), 1, "{err}");
        assert!(load[0].contains(" · read ") || load[0].contains("load: read "), "{err}");
        assert!(err.lines().all(|l| l.starts_with("timings: ")), "nothing but the timings lines:\n{err}");
    }
}

#[test]
fn every_argument_of_every_command_is_described_in_its_help() {
    for name in command_names() {
        let o = dossier(&[&name, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{name}");
        let help = stdout(&o);
        for line in help.lines() {
            let line = line.trim_start();
            let described = |flag: &str| {
                !line.starts_with(flag) || line[flag.len()..].trim().chars().next().is_some_and(char::is_alphabetic)
            };
            assert!(described("[PATH]..."), "`{name} --help` leaves PATH undescribed:\n{help}");
            assert!(described("--json"), "`{name} --help` leaves --json undescribed:\n{help}");
        }
    }
    let mut cli = dossier::cli::Cli::command();
    cli.build();
    for command in cli.get_subcommands() {
        for arg in command.get_arguments() {
            assert!(arg.get_help().is_some(), "`{} {}` has no description", command.get_name(), arg.get_id());
        }
    }
}

#[test]
fn check_json_lists_every_problem_with_its_place_and_kind() {
    let o = dossier(&["check", BROKEN, "--json"]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert_eq!(v["ok"], false);
    let problems = v["problems"].as_array().unwrap();
    // As many as the lines `check` prints.
    let lines = stderr(&dossier(&["check", BROKEN])).lines().count() - 1;
    assert_eq!(problems.len(), lines);
    assert_eq!(
        problems[0],
        serde_json::json!({
            "file": BROKEN, "line": 4, "column": 5, "item": "document \"d\"",
            "message": format!("duplicate document id (first defined at {BROKEN}:3:5)"),
            "kind": "duplicate_id",
        })
    );
    assert!(problems.iter().any(|p| p["kind"] == "span" && p["line"] == 10));
    assert_eq!(stderr(&o), format!("dossier: {} problems found; the corpus was not loaded\n", problems.len()));
    // A missing file: no place, a usage error as without --json.
    let o = dossier(&["check", "no/such.json", "--json"]);
    assert_eq!(o.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["problems"][0]["kind"], "not_found");
    assert_eq!(v["problems"][0]["line"], serde_json::Value::Null);
    // A corpus that loads: its counts, no problems.
    let o = dossier(&["check", SAMPLE, "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((v["ok"].as_bool(), v["documents"].as_u64(), v["claims"].as_u64()), (Some(true), Some(2), Some(6)));
    assert_eq!(v["problems"], serde_json::json!([]));
}

#[test]
fn a_mistyped_command_is_named() {
    for args in [&["entites"][..], &["entites", "--json"], &["chekc", SAMPLE]] {
        let o = dossier(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = stderr(&o);
        let meant = if args[0] == "entites" { "entities" } else { "check" };
        assert!(err.contains(&format!("did you mean `{meant}`?")), "{args:?}: {err}");
        assert!(!err.contains("no such file or directory"), "{err}");
    }
    // A path, or a word far from every command, is still a path.
    for word in ["corpus.json", "kazakhstan", "./entites"] {
        let err = stderr(&dossier(&[word]));
        assert!(err.contains("the explorer needs a terminal"), "{word}: {err}");
        assert!(!err.contains("did you mean"), "{word}: {err}");
        let err = stderr(&dossier(&["check", word]));
        assert!(err.contains("no such file or directory"), "{word}: {err}");
    }
    // A file of that name is opened, not second-guessed.
    let dir = std::env::temp_dir().join(format!("dossier-mistyped-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(SAMPLE, dir.join("entites")).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .arg("entites")
        .current_dir(&dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(err.contains("the explorer needs a terminal"), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_explorer_without_a_terminal_names_every_command_for_scripts() {
    let err = stderr(&dossier(&[SAMPLE]));
    let hint = err.lines().find(|l| l.starts_with("For scripts, use:")).expect("the hint");
    for name in command_names() {
        if name == "completions" || name == "man" {
            continue;
        }
        assert!(hint.contains(&format!(" {name} ")), "the hint omits {name}: {hint}");
    }
}

#[test]
fn completion_scripts_name_every_command() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = dossier(&["completions", shell]);
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", stderr(&o));
        let script = stdout(&o);
        for name in command_names() {
            assert!(script.contains(&name), "the {shell} script omits {name}");
        }
        assert!(script.contains("max-file-size") && script.contains("print-config"), "{shell}");
    }
    let o = dossier(&["completions", "tcsh"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn the_manual_page_has_name_synopsis_and_the_commands() {
    let o = dossier(&["man"]);
    assert_eq!(o.status.code(), Some(0));
    let page = stdout(&o);
    assert!(page.contains(".TH dossier 1"), "{page}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH OPTIONS", ".SH SUBCOMMANDS"] {
        assert!(page.contains(section), "{section} missing");
    }
    for name in command_names() {
        assert!(page.contains(&format!("dossier\\-{name}(1)")), "the page omits {name}");
    }
    // One page per command in a folder.
    let dir = std::env::temp_dir().join(format!("dossier-man-{}", std::process::id()));
    let o = dossier(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let check = std::fs::read_to_string(dir.join("dossier-check.1")).unwrap();
    assert!(check.contains(".SH NAME") && check.contains("\\-\\-json"), "{check}");
    assert!(dir.join("dossier.1").exists() && dir.join("dossier-entities.1").exists());
    std::fs::remove_dir_all(&dir).unwrap();
}
