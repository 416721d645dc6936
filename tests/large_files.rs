//! Files of a megabyte or more are mapped into memory rather than read; they
//! must load, and fail, exactly as small files do: same texts, same spans,
//! same positions in messages, a byte-order mark skipped.

use std::path::PathBuf;

use dossier::data::load::load_paths;

/// A corpus file with one document of about 1.2 MB, a mention near its end
/// (moved `shift` characters on) and `tail` added at the end of the document.
fn write_corpus(name: &str, bom: bool, tail: &[u8], shift: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dossier-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let filler = "Астана и Алматы. ".repeat(40_000);
    let start = filler.chars().count() + shift;
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(b"\xEF\xBB\xBF");
    }
    bytes.extend_from_slice(b"{\"documents\": [{\"id\": \"d\", \"text\": \"");
    bytes.extend_from_slice(filler.as_bytes());
    bytes.extend_from_slice("Tokayev\\nsaid.".as_bytes());
    bytes.extend_from_slice(tail);
    bytes.extend_from_slice(
        format!(
            "\"}}],\n\"entities\": [{{\"id\": \"t\", \"name\": \"Tokayev\", \"kind\": \"person\", \"mentions\": [\n  \
             {{\"document\": \"d\", \"start\": {start}, \"end\": {}, \"quote\": \"Tokayev\"}}]}}]}}",
            start + 7
        )
        .as_bytes(),
    );
    assert!(bytes.len() > 1 << 20);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_mapped_file_loads_like_a_read_one() {
    for bom in [false, true] {
        let path = write_corpus(&format!("ok-{bom}.json"), bom, b"", 0);
        let corpus = load_paths(std::slice::from_ref(&path)).unwrap_or_else(|e| panic!("{e}"));
        let doc = &corpus.documents()[0];
        assert!(doc.text.ends_with("Tokayev\nsaid."));
        assert_eq!(doc.chars, doc.text.chars().count());
        let m = corpus.mentions()[0];
        assert_eq!(&doc.text[m.span.range()], "Tokayev");
        std::fs::remove_file(path).unwrap();
    }
}

#[test]
fn problems_in_a_mapped_file_have_the_same_positions() {
    let path = write_corpus("bad-utf8.json", true, b" caf\xE9", 0);
    let e = load_paths(std::slice::from_ref(&path)).unwrap_err().to_string();
    // Positions count from after the byte-order mark, as for a file that is read.
    let offset = 36 + "Астана и Алматы. ".len() * 40_000 + "Tokayev\\nsaid. caf".len();
    assert!(
        e.ends_with(&format!(":1:{}: not valid UTF-8: byte 0xE9 at byte offset {offset}", 36 + 17 * 40_000 + 19)),
        "{e}"
    );
    std::fs::remove_file(path).unwrap();

    let path = write_corpus("bad-mention.json", true, b"", 1);
    let e = load_paths(std::slice::from_ref(&path)).unwrap_err().to_string();
    assert!(e.contains(":3:3: entity \"t\", mention 1: offsets"), "{e}");
    std::fs::remove_file(path).unwrap();
}
