//! One `.ann` line as written: its id, what kind of annotation it is and
//! its fields, borrowed from the line. Nothing here knows the text or the
//! other lines; offsets stay in characters, ids stay unresolved (a line may
//! name an id defined further down). A fault names the byte in the line
//! where it starts, so the caller can give a column.

use crate::data::import::Fragments;
use crate::data::load::ProblemKind;

/// One annotation line, its fields borrowed from the line.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Record<'a> {
    /// `T1<TAB>Label 0 5;10 15<TAB>text`: fragments in characters, as written.
    /// `offsets` is the field as written, for messages.
    Text { id: &'a str, label: &'a str, fragments: Fragments, offsets: &'a str, quote: Option<&'a str> },
    /// `R1<TAB>Type Arg1:T1 Arg2:T2`: `args` are (role, id) in written order.
    Relation { id: &'a str, kind: &'a str, args: [(&'a str, &'a str); 2] },
    /// `E1<TAB>Type:T3 Role:T1 Role2:E2`.
    Event { id: &'a str, kind: &'a str, trigger: &'a str, args: Vec<(&'a str, &'a str)> },
    /// `A1<TAB>Name T1 [Value]` and the older `M1<TAB>Name T1`.
    Attribute { id: &'a str, name: &'a str, target: &'a str, value: Option<&'a str> },
    /// `N1<TAB>Type T1 DB:ID<TAB>text`.
    Normalization { id: &'a str, kind: &'a str, target: &'a str, reference: &'a str, text: Option<&'a str> },
    /// `#1<TAB>Type T1<TAB>text`.
    Note { id: &'a str, kind: &'a str, target: &'a str, text: &'a str },
    /// `*<TAB>Type T1 T2 ...` (no id).
    Equiv { kind: &'a str, members: Vec<&'a str> },
}

/// What a line held besides its annotation: text after a tab where the
/// format expects none (brat keeps it as an opaque "tail").
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Parsed<'a> {
    pub record: Record<'a>,
    pub extra_text: bool,
}

/// Why a line could not be read, and where in the line.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Fault<'a> {
    pub kind: ProblemKind,
    /// The line's id when it has one: the item problems name.
    pub id: Option<&'a str>,
    /// Byte offset in the line where the fault is.
    pub at: usize,
    pub message: String,
}

/// The byte offset of `part` (a slice of `line`) in `line`.
pub(super) fn offset_in(line: &str, part: &str) -> usize {
    (part.as_ptr() as usize).checked_sub(line.as_ptr() as usize).filter(|&o| o <= line.len()).unwrap_or(0)
}

struct Line<'a> {
    text: &'a str,
    id: Option<&'a str>,
}

impl<'a> Line<'a> {
    fn fault(&self, part: &str, message: impl Into<String>) -> Fault<'a> {
        Fault { kind: ProblemKind::Syntax, id: self.id, at: offset_in(self.text, part), message: message.into() }
    }

    fn span_fault(&self, part: &str, message: impl Into<String>) -> Fault<'a> {
        Fault { kind: ProblemKind::Span, ..self.fault(part, message) }
    }
}

/// Reads one line (without its line break; not blank).
pub(super) fn line(text: &str) -> Result<Parsed<'_>, Fault<'_>> {
    match common(text) {
        Some(record) => Ok(Parsed { record, extra_text: false }),
        None => general(text),
    }
}

/// The lines nearly every file is made of, read a byte at a time: a `T`
/// of one fragment, an `N` and a `#`, each written exactly as brat writes
/// them (one space between fields, nothing to trim). `None` for anything
/// else, read then by [`general`], which makes the same of these lines
/// (a test holds the two together) and can say what is wrong with others.
pub(super) fn common(text: &str) -> Option<Record<'_>> {
    let bytes = text.as_bytes();
    let tab = memchr::memchr(b'\t', bytes)?;
    let id = &text[..tab];
    if id.len() < 2 || !id.as_bytes()[1..].iter().all(u8::is_ascii_alphanumeric) {
        return None;
    }
    let rest = &text[tab + 1..];
    let (data, tail) = match memchr::memchr(b'\t', rest.as_bytes()) {
        Some(at) => (&rest[..at], Some(&rest[at + 1..])),
        None => (rest, None),
    };
    // Nothing for `trim_end` to take (which takes a vertical tab too).
    let last = *data.as_bytes().last()?;
    if !last.is_ascii() || char::from(last).is_whitespace() {
        return None;
    }
    match bytes[0] {
        b'T' => {
            let (label, offsets) = at_space(data)?;
            let (start, end) = at_space(offsets)?;
            let (start, end) = (digits(start)?, digits(end)?);
            if label.is_empty() || start >= end {
                return None;
            }
            Some(Record::Text { id, label, fragments: Fragments::from(start..end), offsets, quote: tail })
        }
        b'N' => {
            let (kind, rest) = at_space(data)?;
            let (target, reference) = at_space(rest)?;
            // A plain word has no space: there is no fourth.
            if [kind, target, reference].iter().any(|w| !plain_word(w)) {
                return None;
            }
            // BioNLP's `Annotation:T1 Referent:DB:ID` form goes the general way.
            let colon = |s: &str| memchr::memchr(b':', s.as_bytes());
            if colon(target).is_some() || !colon(reference).is_some_and(|at| at > 0 && at + 1 < reference.len()) {
                return None;
            }
            let text = tail.map(str::trim_end).filter(|t| !t.is_empty());
            Some(Record::Normalization { id, kind, target, reference, text })
        }
        b'#' => {
            let (kind, target) = at_space(data)?;
            // A plain word has no space: there is no third.
            if !plain_word(kind) || !plain_word(target) {
                return None;
            }
            Some(Record::Note { id, kind, target, text: tail.map_or("", str::trim_end) })
        }
        _ => None,
    }
}

/// `s` cut at its first space (a byte search, as the tabs are).
fn at_space(s: &str) -> Option<(&str, &str)> {
    let at = memchr::memchr(b' ', s.as_bytes())?;
    Some((&s[..at], &s[at + 1..]))
}

/// A field between single spaces: not empty, no ASCII white space in it.
fn plain_word(word: &str) -> bool {
    !word.is_empty() && !word.bytes().any(|b| b.is_ascii_whitespace())
}

/// An offset of at most 18 digits (so that it cannot overflow).
fn digits(s: &str) -> Option<usize> {
    if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(s.bytes().fold(0, |n, b| n * 10 + usize::from(b - b'0')))
}

/// Any line, as [`line`] reads it, or why it cannot be read.
pub(super) fn general(text: &str) -> Result<Parsed<'_>, Fault<'_>> {
    let mut line = Line { text, id: None };
    let Some((id, rest)) = text.split_once('\t') else {
        let hint = if text.contains(' ') { " (fields separated by spaces instead of a tab?)" } else { "" };
        return Err(line.fault(text, format!("no tab after the annotation's id{hint}")));
    };
    let kind = id.chars().next().unwrap_or(' ');
    if !matches!(kind, 'T' | 'R' | 'E' | 'A' | 'M' | 'N' | '#' | '*') || id.contains(char::is_whitespace) {
        return Err(
            line.fault(id, format!("unknown annotation {} (brat ids start with T, R, E, A, M, N, # or *)", quoted(id)))
        );
    }
    if kind != '*' {
        line.id = Some(id);
    }
    // The data ends at the next tab; after it comes the text (T, N, #) or,
    // for the others, a tail brat keeps but gives no meaning.
    let (data, tail) = match rest.split_once('\t') {
        Some((data, tail)) => (data.trim_end(), Some(tail)),
        None => (rest.trim_end(), None),
    };
    let blank_tail = tail.is_none_or(|t| t.trim().is_empty());
    let record = match kind {
        'T' => return text_bound(&line, id, data, tail).map(|record| Parsed { record, extra_text: false }),
        'R' => relation(&line, id, data)?,
        'E' => event(&line, id, data)?,
        'A' | 'M' => attribute(&line, id, data, kind == 'M')?,
        'N' => return normalization(&line, id, data, tail).map(|record| Parsed { record, extra_text: false }),
        '#' => return note(&line, id, data, tail).map(|record| Parsed { record, extra_text: false }),
        _ => equiv(&line, data)?,
    };
    Ok(Parsed { record, extra_text: !blank_tail })
}

fn text_bound<'a>(line: &Line<'a>, id: &'a str, data: &'a str, tail: Option<&'a str>) -> Result<Record<'a>, Fault<'a>> {
    let Some((label, offsets)) = data.split_once(' ').filter(|(l, _)| !l.is_empty()) else {
        return Err(line.fault(data, "expected a label and offsets (\"Label START END\")"));
    };
    let mut fragments = Fragments::default();
    let mut previous_end = 0;
    for part in offsets.split(';') {
        let mut numbers = part.split_ascii_whitespace();
        let (Some(start), Some(end), None) = (numbers.next(), numbers.next(), numbers.next()) else {
            return Err(line.fault(part, format!("expected \"START END\", not {}", quoted(part))));
        };
        let start_n = number(line, start)?;
        let end_n = number(line, end)?;
        if start_n > end_n {
            return Err(line.span_fault(start, format!("start {start_n} is after end {end_n}")));
        }
        if start_n == end_n {
            return Err(line.span_fault(start, format!("the fragment {start_n} {end_n} is empty")));
        }
        if start_n < previous_end {
            return Err(line.span_fault(
                start,
                format!("the fragment {start_n} {end_n} overlaps or comes before the one ending at {previous_end}"),
            ));
        }
        previous_end = end_n;
        fragments.push(start_n..end_n);
    }
    Ok(Record::Text { id, label, fragments, offsets: offsets.trim_start(), quote: tail })
}

fn number<'a>(line: &Line<'a>, digits: &'a str) -> Result<usize, Fault<'a>> {
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(line.fault(digits, format!("offset {} is not a number", quoted(digits))));
    }
    digits.parse().map_err(|_| line.span_fault(digits, format!("offset {digits} is too large")))
}

/// `Role:ID`, or why not.
fn argument<'a>(line: &Line<'a>, arg: &'a str) -> Result<(&'a str, &'a str), Fault<'a>> {
    match arg.split_once(':') {
        Some((role, id)) if !role.is_empty() && !id.is_empty() && !id.contains(':') => Ok((role, id)),
        _ => Err(line.fault(arg, format!("expected ROLE:ID, not {}", quoted(arg)))),
    }
}

fn relation<'a>(line: &Line<'a>, id: &'a str, data: &'a str) -> Result<Record<'a>, Fault<'a>> {
    let mut words = data.split_ascii_whitespace();
    let (Some(kind), Some(a), Some(b)) = (words.next(), words.next(), words.next()) else {
        return Err(line.fault(data, "expected a type and two arguments (\"Type Arg1:T1 Arg2:T2\")"));
    };
    if let Some(extra) = words.next() {
        return Err(line.fault(extra, "a relation has exactly two arguments"));
    }
    let args = [argument(line, a)?, argument(line, b)?];
    if args[0].0 == args[1].0 {
        return Err(line.fault(b, format!("both arguments are {}", args[0].0)));
    }
    Ok(Record::Relation { id, kind, args })
}

fn event<'a>(line: &Line<'a>, id: &'a str, data: &'a str) -> Result<Record<'a>, Fault<'a>> {
    let mut words = data.split_ascii_whitespace();
    let Some(head) = words.next() else {
        return Err(line.fault(data, "expected a type and its trigger (\"Type:T1 Role:T2 ...\")"));
    };
    let (kind, trigger) = argument(line, head)?;
    let args = words.map(|arg| argument(line, arg)).collect::<Result<Vec<_>, _>>()?;
    Ok(Record::Event { id, kind, trigger, args })
}

fn attribute<'a>(line: &Line<'a>, id: &'a str, data: &'a str, modifier: bool) -> Result<Record<'a>, Fault<'a>> {
    let mut words = data.splitn(3, ' ');
    let (Some(name), Some(target)) = (words.next(), words.next()) else {
        return Err(line.fault(data, "expected a name and a target (\"Name T1 [Value]\")"));
    };
    if name.is_empty() || target.is_empty() {
        return Err(line.fault(data, "expected a name and a target (\"Name T1 [Value]\")"));
    }
    let value = words.next().map(str::trim).filter(|v| !v.is_empty());
    if let (true, Some(value)) = (modifier, value) {
        return Err(line.fault(value, "an M modifier has no value (use an A attribute)"));
    }
    Ok(Record::Attribute { id, name, target, value })
}

fn normalization<'a>(
    line: &Line<'a>,
    id: &'a str,
    data: &'a str,
    tail: Option<&'a str>,
) -> Result<Record<'a>, Fault<'a>> {
    let mut words = data.split_ascii_whitespace();
    let (Some(kind), Some(mut target), Some(mut reference)) = (words.next(), words.next(), words.next()) else {
        return Err(line.fault(data, "expected a type, a target and a DB:ID (\"Reference T1 Wikipedia:534366\")"));
    };
    if let Some(extra) = words.next() {
        return Err(line.fault(extra, "unexpected text after the normalization's DB:ID"));
    }
    // BioNLP ST 2013 writes `Reference Annotation:T1 Referent:DB:ID`, either way round.
    if let (Some(t), Some(r)) = (target.strip_prefix("Annotation:"), reference.strip_prefix("Referent:")) {
        (target, reference) = (t, r);
    } else if let (Some(r), Some(t)) = (target.strip_prefix("Referent:"), reference.strip_prefix("Annotation:")) {
        (target, reference) = (t, r);
    }
    if !reference.split_once(':').is_some_and(|(db, key)| !db.is_empty() && !key.is_empty()) {
        return Err(line.fault(reference, format!("expected DB:ID, not {}", quoted(reference))));
    }
    let text = tail.map(str::trim_end).filter(|t| !t.is_empty());
    Ok(Record::Normalization { id, kind, target, reference, text })
}

fn note<'a>(line: &Line<'a>, id: &'a str, data: &'a str, tail: Option<&'a str>) -> Result<Record<'a>, Fault<'a>> {
    let mut words = data.split_ascii_whitespace();
    let (Some(kind), Some(target), None) = (words.next(), words.next(), words.next()) else {
        return Err(line.fault(data, "expected a type and a target (\"AnnotatorNotes T1<TAB>text\")"));
    };
    Ok(Record::Note { id, kind, target, text: tail.map_or("", str::trim_end) })
}

fn equiv<'a>(line: &Line<'a>, data: &'a str) -> Result<Record<'a>, Fault<'a>> {
    let mut words = data.split_ascii_whitespace();
    let Some(kind) = words.next() else {
        return Err(line.fault(data, "expected a type and its members (\"Equiv T1 T2\")"));
    };
    let members: Vec<&str> = words.collect();
    if members.len() < 2 {
        return Err(line.fault(data, format!("{kind} needs two or more members")));
    }
    Ok(Record::Equiv { kind, members })
}

/// A string from the file for a message, shortened to keep lines readable.
pub(super) fn quoted(s: &str) -> String {
    const MAX: usize = 60;
    let mut chars = s.chars();
    let head: String = chars.by_ref().take(MAX).collect();
    if chars.next().is_some() { format!("\"{head}…\"") } else { format!("\"{head}\"") }
}
