//! A brat folder read from disk, where each pair is read by the thread that
//! read its files, gives what the same files give read from memory (where
//! no pair is read early): the same corpus, the same summary, the same
//! problems in the same order. The folders here are the ones where reading
//! a pair early could go wrong: a `.txt` or `.ann` that is WebAnno TSV, a
//! forced format, links, a file named twice, files large enough to be
//! mapped, broken pairs.

use std::fs;
use std::path::{Path, PathBuf};

use dossier::data::import::Format;
use dossier::data::load::{LoadOptions, Source, Timings, load_paths_timed, load_sources_as};
use dossier::data::write;

/// What a load comes to, as text to compare: the corpus written as
/// dossier/1 with its import summary, or every problem.
fn outcome(result: Result<dossier::data::model::Corpus, dossier::data::load::LoadFailure>) -> String {
    match result {
        Ok(corpus) => {
            let mut out = Vec::new();
            write::dossier::write(&corpus, &mut out).unwrap();
            format!("{:?}\n{}", corpus.imported(), String::from_utf8(out).unwrap())
        }
        Err(failure) => failure.problems.iter().map(|p| format!("{p}\n")).collect(),
    }
}

fn from_disk(paths: &[PathBuf], options: &LoadOptions) -> String {
    outcome(load_paths_timed(paths, options, &mut Timings::default()))
}

/// The folder's corpus files as a folder contributes them (name order, a
/// `.txt` only beside its `.ann`), read into memory first.
fn from_memory(dir: &Path, options: &LoadOptions) -> String {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    let has = |name: &str| names.iter().any(|n| n == name);
    let sources: Vec<Source> = names
        .iter()
        .filter(|n| !n.ends_with(".txt") || has(&n.replace(".txt", ".ann")))
        .map(|n| {
            let path = dir.join(n);
            let text = fs::read_to_string(&path).unwrap();
            Source::new(path.display().to_string(), text.strip_prefix('\u{feff}').unwrap_or(&text))
        })
        .collect();
    outcome(load_sources_as(sources, options, &dir.display().to_string()))
}

fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-brat-folders-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        fs::write(dir.join(file), text).unwrap();
    }
    dir
}

const TXT: &str = "Tolegenov met Nazarbayev in Astana.\n";
const ANN: &str = "T1\tPER 0 9\tTolegenov\nT2\tPER 14 24\tNazarbayev\nT3\tLOC 28 34\tAstana\nR1\tmet Arg1:T1 Arg2:T2\n";
const WEBANNO: &str = "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.Entity|value\n\n\n#Text=Tolegenov met\n1-1\t0-9\tTolegenov\tPER\n1-2\t10-13\tmet\t_\n";

#[test]
fn pairs_read_early_give_what_reading_from_memory_gives() {
    let dir = folder(
        "plain",
        &[
            ("a.ann", ANN),
            ("a.txt", TXT),
            // A discontinuous span, a BOM, no final newline.
            ("b.ann", "\u{feff}T1\tPER 0 9;14 24\tTolegenov Nazarbayev\n#1\tAnnotatorNotes T1\ttwo men"),
            ("b.txt", TXT.trim_end()),
            // `a.b.ann` sorts between `a.ann` and `a.txt`.
            ("a.b.ann", "T1\tLOC 28 34\tAstana\n"),
            ("a.b.txt", TXT),
            ("c.jsonl", "{\"text\": \"Astana\", \"label\": [[0, 6, \"LOC\"]]}\n"),
        ],
    );
    let options = LoadOptions::default();
    let disk = from_disk(std::slice::from_ref(&dir), &options);
    assert!(disk.contains("Tolegenov"), "{disk}");
    assert_eq!(disk, from_memory(&dir, &options));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn broken_pairs_report_the_same_problems_in_the_same_order() {
    let dir = folder(
        "broken",
        &[
            ("a.ann", "T1\tPER 0 9\tTolegenov\nT1\tPER 0 9\tTolegenov\nX9\tnonsense\n"),
            ("a.txt", TXT),
            ("b.ann", "T1\tPER 0 99\tTolegenov\n"),
            ("b.txt", TXT),
            ("c.ann", ANN),
            ("d.txt", TXT),
            // Two annotation files for one text: detection gives it to one.
            ("f.ANN", "T1\tLOC 28 34\tAstana\n"),
            ("f.ann", ANN),
            ("f.txt", TXT),
            ("e.json", "{\"documents\": 3}"),
        ],
    );
    let options = LoadOptions::default();
    let disk = from_disk(std::slice::from_ref(&dir), &options);
    assert!(disk.contains("a.ann:2"), "{disk}");
    assert!(disk.contains("c.txt beside them"), "{disk}");
    assert_eq!(disk, from_memory(&dir, &options));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_pair_holding_webanno_tsv_is_read_as_detection_says() {
    // A `.txt` that is WebAnno TSV is read as such (and its `.ann` is then
    // without a text); an `.ann` that is WebAnno TSV is read as such too.
    let dir = folder(
        "webanno",
        &[("a.ann", ANN), ("a.txt", WEBANNO), ("b.ann", WEBANNO), ("b.txt", TXT), ("c.ann", ANN), ("c.txt", TXT)],
    );
    let options = LoadOptions::default();
    let disk = from_disk(std::slice::from_ref(&dir), &options);
    assert!(disk.contains("a.ann: brat annotations without their .txt"), "{disk}");
    assert_eq!(disk, from_memory(&dir, &options));
    // Without `a` and `b.txt`, the rest loads: b.ann as WebAnno TSV, c as brat.
    for name in ["a.ann", "a.txt", "b.txt"] {
        fs::remove_file(dir.join(name)).unwrap();
    }
    let disk = from_disk(std::slice::from_ref(&dir), &options);
    assert!(disk.starts_with("Some(ImportSummary"), "{disk}");
    assert!(
        disk.contains("reader: \"webanno-tsv\"") && disk.contains("reader: \"brat\""),
        "{}",
        disk.lines().next().unwrap()
    );
    assert_eq!(disk, from_memory(&dir, &options));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_forced_format_reads_pairs_as_it_says() {
    let dir = folder("forced", &[("a.ann", ANN), ("a.txt", TXT), ("b.ann", WEBANNO), ("b.txt", TXT)]);
    for from in [Format::Brat, Format::WebannoTsv, Format::Conll] {
        let options = LoadOptions { from: Some(from), ..LoadOptions::default() };
        assert_eq!(from_disk(std::slice::from_ref(&dir), &options), from_memory(&dir, &options), "--from {from:?}");
    }
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn large_pairs_that_are_mapped_load_as_small_ones() {
    // Both halves past the size from which files are mapped (1 MiB).
    let n = 40_000;
    let txt = TXT.repeat(n);
    let mut ann = String::new();
    for i in 0..n {
        let at = i * TXT.len();
        ann.push_str(&format!("T{}\tPER {} {}\tTolegenov\n", i + 1, at, at + 9));
    }
    assert!(txt.len() > 1 << 20 && ann.len() > 1 << 20);
    let dir = folder("mapped", &[("big.ann", &ann), ("big.txt", &txt), ("small.ann", ANN), ("small.txt", TXT)]);
    let options = LoadOptions::default();
    let disk = from_disk(std::slice::from_ref(&dir), &options);
    assert!(disk.contains("spans: 40003"), "{}", &disk[..disk.len().min(400)]);
    assert_eq!(disk, from_memory(&dir, &options));
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_pair_named_before_its_folder_is_read_once() {
    let dir = folder("twice", &[("a.ann", ANN), ("a.txt", TXT), ("b.ann", ANN), ("b.txt", TXT)]);
    let options = LoadOptions::default();
    // Named by its .txt first, `b` is read then, as the pair it is, and not
    // again with the folder; `a.ann` named after it is not read again either.
    let paths = [dir.join("b.txt"), dir.clone(), dir.join("a.ann")];
    let corpus = load_paths_timed(&paths, &options, &mut Timings::default()).unwrap();
    let ids: Vec<&str> = corpus.documents().iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["b", "a"]);
    assert_eq!(corpus.mentions().len(), 6);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn links_in_a_folder_are_taken_as_before() {
    // `z.ann` is a link to `a.ann`: the file is read once, under the name
    // that sorts first, so `z.txt` is a text without its annotations.
    let dir = folder("links", &[("a.ann", ANN), ("a.txt", TXT), ("z.txt", TXT), ("m.ann", ANN), ("m.txt", TXT)]);
    std::os::unix::fs::symlink("a.ann", dir.join("z.ann")).unwrap();
    // `b.txt` links to `m.txt`, and sorts first: `m.txt` is then not read.
    std::os::unix::fs::symlink("m.txt", dir.join("b.txt")).unwrap();
    fs::write(dir.join("b.ann"), ANN).unwrap();
    let disk = from_disk(std::slice::from_ref(&dir), &LoadOptions::default());
    let inside = format!("{}/", dir.display());
    let problems: Vec<String> = disk.lines().map(|l| l.replace(&inside, "")).collect();
    assert_eq!(
        problems,
        [
            "m.ann: brat annotations without their text: no m.txt beside them",
            "z.txt: a .txt is read as the text of a brat pair, and there is no z.ann beside it",
        ],
        "{disk}"
    );
    fs::remove_dir_all(&dir).unwrap();
}
