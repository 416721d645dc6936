//! Script folding: every name, alias and query is also compared in a
//! common Latin form, word by word, so `астана` finds Astana, `Юрицин`
//! finds Yuritsyn and `Oskemen` finds `Öskemen`.
//!
//! Two steps. First [`any_ascii`] romanizes each word (Cyrillic, Kazakh
//! letters, Greek, diacritics: `Қостанай` → `qostanay`, `Хрущёв` →
//! `khrushchev`). Then the spellings romanization systems disagree on are
//! made one, on both sides alike: `y`/`i`/`j`, `zh`/`j`, `kh`/`h`/`ch`,
//! `q`/`k`, `ts`/`c`, `x`/`ks`, `ph`/`f`, doubled letters, a `y` between
//! vowels (`Tokayev`/`Tokaev`), `ye-`/`e-` at the start, `-off`/`-ov` and
//! `-iy`/`-y`/`-i` at the end, and the soft and hard signs (`Dar'ya`/`Darya`).
//! The result is not meant to be read, only compared: `Zhirinovsky`,
//! `Jirinovski` and `Жириновский` all become `irinovski`.

/// Whether `c` belongs to a word: letters, digits, combining marks (a
/// decomposed accent stays with its letter) and the apostrophes that stand
/// for a soft sign inside a transliterated word (`Dar'ya`, folded to `'`).
fn in_word(c: char) -> bool {
    c.is_alphanumeric()
        || c == '\''
        || c == 'ʼ'
        || matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// The words of `folded` (a name or query already folded by
/// [`crate::text::fold`]): each word's range in characters, in order.
pub(crate) fn word_ranges(folded: &str) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, c) in folded.chars().enumerate() {
        match (in_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                ranges.push(s..i);
                start = None;
            }
            _ => {}
        }
        n = i + 1;
    }
    if let Some(s) = start {
        ranges.push(s..n);
    }
    ranges
}

/// The words of `folded` in their common Latin form, one per word of
/// [`word_ranges`] (a word of nothing but signs or symbols is empty).
pub(crate) fn latin_words(folded: &str) -> Vec<String> {
    let mut words = Vec::new();
    Latin::default().each_word(folded, |w| words.push(w.to_string()));
    words
}

/// Buffers reused from word to word (the word index romanizes a few
/// hundred thousand names).
#[derive(Default)]
pub(crate) struct Latin {
    raw: String,
    word: String,
    mapped: Vec<u8>,
    kept: Vec<u8>,
}

impl Latin {
    /// Calls `f` with each word of `folded` in its common Latin form, as [`latin_words`].
    pub(crate) fn each_word(&mut self, folded: &str, mut f: impl FnMut(&str)) {
        let mut inside = false;
        for c in folded.chars().chain(std::iter::once(' ')) {
            if in_word(c) {
                inside = true;
                if c.is_ascii() {
                    self.raw.push(c.to_ascii_lowercase());
                } else {
                    self.raw.extend(any_ascii::any_ascii_char(c).chars().map(|c| c.to_ascii_lowercase()));
                }
            } else if inside {
                inside = false;
                self.word.clear();
                normalize_into(&self.raw, &mut self.word, &mut self.mapped, &mut self.kept);
                f(&self.word);
                self.raw.clear();
            }
        }
    }
}

fn vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'o' | b'u')
}

/// `word` (ASCII, lower case) with the spellings transliterations disagree
/// on made one, appended to `out`; anything but letters and digits dropped.
/// `mapped` and `kept` are scratch space.
fn normalize_into(word: &str, out: &mut String, mapped: &mut Vec<u8>, kept: &mut Vec<u8>) {
    let b = word.as_bytes();
    // Letters and digraphs, left to right.
    mapped.clear();
    let mut i = 0;
    while i < b.len() {
        let next = b.get(i + 1).copied();
        let (to, used): (&[u8], usize) = match (b[i], next) {
            (c, _) if !c.is_ascii_alphanumeric() => (b"", 1),
            (b'z', Some(b'h')) => (b"i", 2),
            (b'k' | b'c', Some(b'h')) => (b"h", 2),
            (b'g', Some(b'h')) => (b"g", 2),
            (b'p', Some(b'h')) => (b"f", 2),
            (b't', Some(b's')) => (b"c", 2),
            (b'y' | b'j', _) => (b"i", 1),
            (b'q', _) => (b"k", 1),
            (b'x', _) => (b"ks", 1),
            _ => (std::slice::from_ref(&b[i]), 1),
        };
        mapped.extend_from_slice(to);
        i += used;
    }
    // A y between vowels (Tokayev, Nazarbayev) is how one system writes
    // what another leaves out (Tokaev).
    kept.clear();
    for (i, &c) in mapped.iter().enumerate() {
        let between = i > 0 && i + 1 < mapped.len() && vowel(mapped[i - 1]) && vowel(mapped[i + 1]);
        if !(c == b'i' && between) {
            kept.push(c);
        }
    }
    // A doubled letter: Kassym/Kasym, Gennady/Genadii, -iy/-ii/-i (not
    // digits, nor a letter held down: `qqqq` is no name).
    let mut i = 0;
    while i + 1 < kept.len() {
        let doubled = kept[i] == kept[i + 1] && kept[i].is_ascii_alphabetic() && kept.get(i + 2) != Some(&kept[i]);
        let run = i > 0 && kept[i - 1] == kept[i];
        if doubled && !run {
            kept.remove(i);
        }
        i += 1;
    }
    // ye- / e- at the start.
    let from = if kept.starts_with(b"ie") { 1 } else { 0 };
    // -off / -ov, -ow / -ov, -eff / -ev at the end.
    if let [.., v, last] = kept.as_mut_slice() {
        if (*v == b'o' || *v == b'e') && (*last == b'f' || *last == b'w') {
            *last = b'v';
        }
    }
    out.extend(kept[from..].iter().map(|&c| c as char));
}

/// The common Latin form of one ASCII word (for tests and the documentation).
#[cfg(test)]
pub(crate) fn normalize(word: &str) -> String {
    let mut out = String::new();
    normalize_into(&word.to_ascii_lowercase(), &mut out, &mut Vec::new(), &mut Vec::new());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold::fold;

    fn latin(s: &str) -> String {
        latin_words(&fold(s)).join(" ")
    }

    #[test]
    fn spellings_of_one_name_meet() {
        let same = [
            &["Tokayev", "Tokaev", "Токаев", "Toqayev"][..],
            &["Kostanay", "Qostanay", "Kostanai", "Костанай", "Қостанай"],
            &["Khrushchev", "Khruschev", "Хрущёв", "Хрущев"],
            &["Zhirinovsky", "Jirinovski", "Zhirinovskiy", "Жириновский"],
            &["Yuritsyn", "Yuritsin", "Iuritsyn", "Юрицын", "Юрицин"],
            &["Nazarbayev", "Nazarbaev", "Назарбаев"],
            &["Limonov", "Limonoff", "Limonow", "Лимонов"],
            &["Oskemen", "Öskemen", "Өскемен"],
            &["Yemelyan", "Emelyan", "Емельян"],
            &["Dar'ya", "Darya", "Dar’ya", "Дарья", "Daria"],
            &["Gennady", "Genadii", "Геннадий"],
            &["Aleksandr", "Alexandr", "Александр"],
            &["Astana", "Астана"],
            &["Qasym-Jomart", "Kassym-Zhomart", "Қасым-Жомарт"],
        ];
        for group in same {
            let first = latin(group[0]);
            for s in &group[1..] {
                assert_eq!(latin(s), first, "{s} and {}", group[0]);
            }
        }
    }

    #[test]
    fn different_names_stay_apart() {
        for (a, b) in
            [("Putin", "Pugachev"), ("Astana", "Almaty"), ("Moscow", "Oskemen"), ("Oral", "Ural"), ("Lenin", "Limonov")]
        {
            assert_ne!(latin(a), latin(b));
        }
    }

    #[test]
    fn words_keep_their_places() {
        let f = fold("Kassym-Jomart  Tokayev (KJT)");
        let ranges = word_ranges(&f);
        assert_eq!(ranges, vec![0..6, 7..13, 15..22, 24..27]);
        assert_eq!(latin_words(&f), vec!["kasim", "iomart", "tokaev", "kit"]);
        // A word of symbols alone has no Latin form, but keeps its place.
        let f = fold("a ♯ b");
        assert_eq!(word_ranges(&f).len(), 2, "♯ is not a word");
        assert_eq!(latin_words("дарья асламова"), vec!["daria", "aslamova"]);
        assert_eq!(normalize("Solzhenitsyn"), normalize("solzhenitsin"));
        assert_eq!(latin_words(""), Vec::<String>::new());
    }
}
