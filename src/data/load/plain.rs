//! The plainest form of an entity read straight from its bytes: the way
//! most corpora are written (and the way dossier's generator writes them),
//! four times faster than through serde. The first of the loader's three
//! entity readers to be tried (see [`super::build`]), for that speed on the
//! entities most corpora are made of.
//!
//! Plain means: the entity's known fields, each once; strings with no
//! escapes; numbers as bare digits; every mention with a known document,
//! offsets `start < end` and perhaps a quote. This reader refuses anything
//! else, and the entity is read again by [`super::quick`] (which takes
//! escapes) or the careful way. What it accepts, serde would accept too,
//! with the same values: a property test holds it to [`super::quick`]'s
//! reading, itself the careful way's.

use std::borrow::Cow;

use super::quick::DocIds;
use super::raw::RawEntity;
use super::resolve::{Ordered, Spans};
use crate::data::model::DocIdx;

/// Reads the entity in `json`, pushing its mentions onto `out` as
/// [`super::quick::parse_entity`] does; `None` (with `out` as it was) when
/// it is not plain.
pub(super) fn parse_entity<'s, T>(json: &'s str, docs: &DocIds<T>, out: &mut Spans) -> Option<(RawEntity<'s>, usize)> {
    let before = out.mark();
    let mut r = Reader { text: json, at: 0 };
    let entity = r.entity(docs, out).filter(|_| {
        r.space();
        r.at == json.len()
    });
    match entity {
        Some(e) => Some((e, out.items.len() - before.items())),
        None => {
            out.rewind(before);
            None
        }
    }
}

struct Reader<'s> {
    text: &'s str,
    at: usize,
}

/// Whether a key is `want`, compared as a fixed-size array: a million
/// mentions have four keys each, and a call to compare each is felt.
fn is<const N: usize>(key: &[u8], want: &[u8; N]) -> bool {
    <&[u8; N]>::try_from(key).is_ok_and(|key| key == want)
}

/// Sets a field once; a second time is not plain.
fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.is_none().then(|| *slot = Some(value))
}

impl<'s> Reader<'s> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    /// Skips white space, then takes `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        self.space();
        let found = self.peek() == Some(byte);
        self.at += usize::from(found);
        found
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        self.eat(byte).then_some(())
    }

    /// A string without escapes or control characters.
    fn string(&mut self) -> Option<&'s str> {
        self.expect(b'"')?;
        let bytes = &self.text.as_bytes()[self.at..];
        let len = memchr::memchr2(b'"', b'\\', bytes)?;
        if bytes[len] != b'"' || bytes[..len].iter().any(|&b| b < 0x20) {
            return None;
        }
        // Both ends are at a `"`, so on character boundaries.
        let s = &self.text[self.at..self.at + len];
        self.at += len + 1;
        Some(s)
    }

    fn null(&mut self) -> bool {
        self.space();
        let found = self.text.as_bytes()[self.at..].starts_with(b"null");
        self.at += if found { 4 } else { 0 };
        found
    }

    fn string_or_null(&mut self) -> Option<Option<&'s str>> {
        if self.null() { Some(None) } else { self.string().map(Some) }
    }

    /// A whole number written as JSON writes one: `0`, or digits not
    /// starting with 0; a sign, a fraction or an exponent is not plain.
    fn count(&mut self) -> Option<u64> {
        self.space();
        let digits = self.text.as_bytes()[self.at..].iter().take_while(|b| b.is_ascii_digit()).count();
        let s = &self.text[self.at..self.at + digits];
        if digits == 0 || (digits > 1 && s.starts_with('0')) {
            return None;
        }
        self.at += digits;
        if matches!(self.peek(), Some(b'.' | b'e' | b'E')) {
            return None;
        }
        s.parse().ok()
    }

    /// `open`, then items by `item` separated by commas, then `close`.
    fn list(&mut self, open: u8, close: u8, mut item: impl FnMut(&mut Self) -> Option<()>) -> Option<()> {
        self.expect(open)?;
        if self.eat(close) {
            return Some(());
        }
        loop {
            item(self)?;
            if self.eat(close) {
                return Some(());
            }
            self.expect(b',')?;
        }
    }

    /// An object's members: a key, a colon, and what `value` reads for it.
    fn object(&mut self, mut value: impl FnMut(&mut Self, &'s str) -> Option<()>) -> Option<()> {
        self.list(b'{', b'}', |r| {
            let key = r.string()?;
            r.expect(b':')?;
            value(r, key)
        })
    }

    fn entity<T>(&mut self, docs: &DocIds<T>, out: &mut Spans) -> Option<RawEntity<'s>> {
        let mut id = None;
        let (mut name, mut kind, mut description) = (None, None, None);
        let (mut aliases, mut mentions) = (None, None);
        self.object(|r, key| match key.as_bytes() {
            k if is(k, b"id") => once(&mut id, r.string()?),
            k if is(k, b"name") => once(&mut name, r.string_or_null()?),
            k if is(k, b"kind") => once(&mut kind, r.string_or_null()?),
            k if is(k, b"description") => once(&mut description, r.string_or_null()?),
            k if is(k, b"aliases") => {
                let mut list = Vec::new();
                r.list(b'[', b']', |r| {
                    list.push(Cow::Borrowed(r.string()?));
                    Some(())
                })?;
                once(&mut aliases, list)
            }
            k if is(k, b"mentions") => {
                r.list(b'[', b']', |r| {
                    let (mention, quote) = r.mention(docs)?;
                    out.push(mention, quote)
                })?;
                once(&mut mentions, ())
            }
            _ => None,
        })?;
        Some(RawEntity {
            id: Cow::Borrowed(id?),
            name: name.flatten().map(Cow::Borrowed),
            kind: kind.flatten().map(Cow::Borrowed),
            aliases: aliases.unwrap_or_default(),
            description: description.flatten().map(Cow::Borrowed),
            mentions: Vec::new(),
        })
    }

    fn mention<T>(&mut self, docs: &DocIds<T>) -> Option<(Ordered, Option<&'s str>)> {
        let (mut doc, mut start, mut end, mut quote) = (None, None, None, None);
        self.object(|r, key| match key.as_bytes() {
            k if is(k, b"document") => once(&mut doc, docs.get(r.string()?)?.0),
            k if is(k, b"start") => once(&mut start, r.count()?),
            k if is(k, b"end") => once(&mut end, r.count()?),
            k if is(k, b"quote") => once(&mut quote, r.string_or_null()?),
            _ => None,
        })?;
        let doc: DocIdx = doc?;
        Some((Ordered::new(doc, start, end)?, quote.flatten()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::model::DocIdx;
    use proptest::prelude::*;

    fn docs() -> DocIds<()> {
        [("d".to_string(), (DocIdx(0), ())), ("e".to_string(), (DocIdx(1), ()))].into_iter().collect()
    }

    /// What a reader (this one, or serde's) made of an entity, to compare the two.
    fn summary(json: &str, plain: bool) -> Option<String> {
        let mut out = Spans::default();
        let (entity, n) = if plain {
            parse_entity(json, &docs(), &mut out)?
        } else {
            super::super::quick::parse_entity(json, &docs(), &mut out)?
        };
        let spans: Vec<_> = out.items.iter().map(|o| (o.doc.0, o.start, o.end, out.quote(o))).collect();
        Some(format!("{entity:?} {n} {spans:?}"))
    }

    #[test]
    fn the_plain_form_is_read() {
        let json = r#"{"id":"t","name":"Tokayev","kind":"person","aliases":["Токаев"],"description":null,
            "mentions":[{"document":"e","start":3,"end":9,"quote":"Tokaye"},{ "end" : 2 , "start" : 0 , "document" : "d" }]}"#;
        let got = summary(json, true).expect("plain");
        assert_eq!(Some(got), summary(json, false));
    }

    /// Pieces of entities, mostly plain: the two readers must agree on
    /// every entity the plain one accepts.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => prop::collection::vec(mention(), 0..4).prop_map(|m| format!(r#""mentions": [{}]"#, m.join(","))),
            1 => Just(r#""name": null"#.to_string()),
            1 => Just(r#""name": "Na me""#.to_string()),
            1 => Just(r#""kind":"person""#.to_string()),
            1 => Just(r#""aliases": ["a", "Ä"]"#.to_string()),
            1 => Just(r#""aliases": []"#.to_string()),
            1 => Just(r#""description": "x""#.to_string()),
            1 => Just(r#""id": "u""#.to_string()),
            1 => Just(r#""id":"t\u0041""#.to_string()),
            1 => Just("\"name\": \"Na\tme\"".to_string()),
            1 => Just(r#""aliases": [1]"#.to_string()),
            1 => Just(r#""colour": "red""#.to_string()),
        ]
    }

    /// A mention: mostly a plain one, now and then with a field changed or added.
    fn mention() -> impl Strategy<Value = String> {
        let odd = prop_oneof![
            Just(r#""document": "x""#),
            Just(r#""document":"e""#),
            Just(r#""start": 03"#),
            Just(r#""start": -1"#),
            Just(r#""start": 1.0"#),
            Just(r#""start": 1e2"#),
            Just(r#""start": 9"#),
            Just(r#""end": 18446744073709551616"#),
            Just(r#""end": 4294967296"#),
            Just(r#""end": 0"#),
            Just(r#""quote": null"#),
            Just(r#""quote": "a\"b""#),
            Just(r#""occurrence": 1"#),
        ];
        let quote = prop_oneof![Just(""), Just(r#", "quote": "ab""#)];
        (prop::option::weighted(0.3, odd), any::<bool>(), quote).prop_map(|(odd, first, quote)| {
            let plain = format!(r#""document": "d", "start": 3, "end": 5{quote}"#);
            match (odd, first) {
                (None, _) => format!("{{{plain}}}"),
                (Some(odd), true) => format!("{{{odd}, {plain}}}"),
                (Some(odd), false) => format!("{{{plain}, {odd}}}"),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]
        #[test]
        fn what_the_plain_reader_accepts_serde_reads_the_same(
            pieces in prop::collection::vec(piece(), 0..4),
            space in prop_oneof![Just(""), Just(" "), Just("\n\t")],
            tail in prop_oneof![4 => Just(""), 1 => Just(" "), 1 => Just(","), 1 => Just("}")],
        ) {
            let fields = std::iter::once(r#""id": "t""#.to_string()).chain(pieces).collect::<Vec<_>>();
            let json = format!("{space}{{{}}}{space}{tail}", fields.join(&format!(",{space}")));
            let json = json.trim_start();
            if let Some(got) = summary(json, true) {
                prop_assert_eq!(Some(got), summary(json, false), "{}", json);
            }
        }
    }
}
