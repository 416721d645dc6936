//! A file's top level split into items without parsing them: where each
//! item of each list begins and ends, found by skipping strings with memchr
//! and counting brackets. Each item is parsed (and so checked) later, on its
//! own; the top level itself is held to JSON's grammar here.
//!
//! Only a valid file is split the same way serde would split it. So when a
//! file split here turns out to have any problem at all, the loader loads it
//! again with serde's split, whose messages are the ones users see
//! ([`super::build`]). A valid corpus, the case worth being fast, is never
//! split twice.
//!
//! Tried first where there are two cores, before serde's split
//! ([`super::raw::file_json`]): what it gains is the documents parsed on the
//! second core as soon as their list is split, while it splits the rest. A
//! property test holds it to serde's split on valid files.

use super::raw::RawFile;

/// The top level of `text`, or `None` where it is not plainly a JSON object
/// of the known lists (serde then splits it and says what is wrong).
#[cfg(test)]
pub(super) fn split(text: &str) -> Option<RawFile<'_>> {
    let mut documents = Vec::new();
    let mut file = split_with(text, |d| documents = d)?;
    file.documents = documents;
    Some(file)
}

/// [`split`], the documents handed to `on_documents` as soon as their list
/// is split (so they can be parsed while the rest is split), not kept.
pub(super) fn split_with<'s>(text: &'s str, mut on_documents: impl FnMut(Vec<&'s str>)) -> Option<RawFile<'s>> {
    let mut s = Splitter { text, at: 0 };
    let mut file = RawFile::default();
    let (mut format, mut documents, mut entities, mut claims) = (false, false, false, false);
    s.expect(b'{')?;
    if !s.eat(b'}') {
        loop {
            let key = s.key()?;
            s.expect(b':')?;
            let (seen, list) = match key {
                "documents" => (&mut documents, &mut file.documents),
                "entities" => (&mut entities, &mut file.entities),
                "claims" => (&mut claims, &mut file.claims),
                "format" if !format => {
                    format = true;
                    s.space();
                    let value = s.value()?;
                    // A format is a string; anything else (null too) is for serde to name.
                    file.format = Some(serde_json::from_str::<String>(value).ok()?);
                    if s.eat(b'}') {
                        break;
                    }
                    s.expect(b',')?;
                    continue;
                }
                _ => return None,
            };
            if std::mem::replace(seen, true) {
                return None;
            }
            s.list(list)?;
            if key == "documents" {
                on_documents(std::mem::take(list));
            }
            if s.eat(b'}') {
                break;
            }
            s.expect(b',')?;
        }
    }
    s.space();
    (s.at == text.len()).then_some(file)
}

struct Splitter<'s> {
    text: &'s str,
    at: usize,
}

impl<'s> Splitter<'s> {
    fn bytes(&self) -> &'s [u8] {
        self.text.as_bytes()
    }

    fn space(&mut self) {
        while matches!(self.bytes().get(self.at), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.bytes().get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// A key, written without escapes.
    fn key(&mut self) -> Option<&'s str> {
        self.space();
        let start = self.at;
        self.at = string_end(self.bytes(), start)?;
        let key = &self.text[start + 1..self.at - 1];
        (!key.contains('\\')).then_some(key)
    }

    /// A list's items, each as the text of its value.
    fn list(&mut self, items: &mut Vec<&'s str>) -> Option<()> {
        self.expect(b'[')?;
        if self.eat(b']') {
            return Some(());
        }
        loop {
            self.space();
            items.push(self.value()?);
            if self.eat(b']') {
                return Some(());
            }
            self.expect(b',')?;
        }
    }

    /// The text of the value that starts here.
    fn value(&mut self) -> Option<&'s str> {
        let start = self.at;
        self.at = value_end(self.bytes(), start)?;
        Some(&self.text[start..self.at])
    }
}

/// Just past the string that starts (with its `"`) at `start`.
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    if bytes.get(start) != Some(&b'"') {
        return None;
    }
    let mut at = start + 1;
    loop {
        let found = at + memchr::memchr2(b'"', b'\\', &bytes[at..])?;
        if bytes[found] == b'"' {
            return Some(found + 1);
        }
        // An escape: the next byte is escaped, whatever it is.
        at = found + 2;
        if at > bytes.len() {
            return None;
        }
    }
}

/// Just past the JSON value that starts at `start`: a string, an object or
/// array (brackets counted, strings skipped), or a number or literal (up to
/// the next delimiter). Only the extent is found; the value is not checked.
fn value_end(bytes: &[u8], start: usize) -> Option<usize> {
    match bytes.get(start)? {
        b'"' => string_end(bytes, start),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut at = start;
            loop {
                match *bytes.get(at)? {
                    b'"' => {
                        at = string_end(bytes, at)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(at + 1);
                        }
                    }
                    _ => {}
                }
                at += 1;
            }
        }
        _ => {
            let len = bytes[start..]
                .iter()
                .position(|b| matches!(b, b',' | b']' | b'}' | b' ' | b'\n' | b'\r' | b'\t'))
                .unwrap_or(bytes.len() - start);
            (len > 0).then_some(start + len)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn serde_split(text: &str) -> Option<RawFile<'_>> {
        super::super::raw::file_json(text).ok().map(RawFile::from)
    }

    fn same(a: &Option<RawFile>, b: &Option<RawFile>) -> bool {
        match (a, b) {
            (Some(a), Some(b)) => {
                a.format == b.format && a.documents == b.documents && a.entities == b.entities && a.claims == b.claims
            }
            _ => false,
        }
    }

    #[test]
    fn a_file_is_split_as_serde_splits_it() {
        let text = r#" {"format": "dossier/1", "documents": [{"id": "d", "text": "a \"quoted\" [bracket} \\"}, 42 ,"x"],
            "entities":[ ], "claims": [[1, {"a": [true, null]}], -1.5e3]} "#;
        let split = split(text);
        assert!(split.is_some());
        assert!(same(&split, &serde_split(text)));
    }

    #[test]
    fn what_is_not_plain_is_left_to_serde() {
        for text in [
            r#"{"documents": [], "documents": []}"#,
            r#"{"colour": []}"#,
            r#"{"docu\u006dents": []}"#,
            r#"{"documents": [1,]}"#,
            r#"{"documents": [{"id": "d"}"#,
            r#"{"documents": []} x"#,
            r#"{"documents": [] "claims": []}"#,
            r#"{"format": 1}"#,
            r#"{"format": null, "documents": []}"#,
            r#"{"documents": ["unterminated]}"#,
            r#"[]"#,
        ] {
            assert!(split(text).is_none(), "{text}");
        }
    }

    /// Any JSON value, nested a little, in pieces that stress the splitter:
    /// escapes, brackets inside strings, numbers against delimiters.
    fn json() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("\"plain\"".to_string()),
            Just(r#""with \" quote and \\ and } ] {""#.to_string()),
            Just(r#""\u00e9\n""#.to_string()),
            Just("0".to_string()),
            Just("-12.5e+3".to_string()),
            Just("true".to_string()),
            Just("null".to_string()),
        ];
        leaf.prop_recursive(3, 16, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
                prop::collection::vec(inner, 0..4).prop_map(|v| {
                    let members: Vec<String> = v.iter().enumerate().map(|(i, x)| format!("\"k{i}\" :{x}")).collect();
                    format!("{{ {} }}", members.join(",\n"))
                }),
            ]
        })
    }

    proptest! {
        #[test]
        fn valid_files_are_split_as_serde_splits_them(
            documents in prop::collection::vec(json(), 0..4),
            claims in prop::collection::vec(json(), 0..3),
            cut in 0usize..400,
        ) {
            let text = format!(
                "{{\"documents\": [{}],\n \"claims\":[{}] , \"format\": \"dossier/1\"}}",
                documents.join(","),
                claims.join(" , ")
            );
            prop_assert!(same(&split(&text), &serde_split(&text)), "{}", text);
            // A file cut short is never split at all.
            let cut = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len() / 2);
            prop_assert!(split(&text[..cut]).is_none() || serde_split(&text[..cut]).is_some(), "{}", &text[..cut]);
        }
    }
}
