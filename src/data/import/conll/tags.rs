//! IOB tags and the schemes they are written in: telling IOB1, IOB2, BIOES
//! and BILUO apart from the tags a column holds (as seqeval does, from the
//! prefixes seen, but per column of one file), and turning a sentence's tags
//! into spans. An inconsistent sequence is decoded the way conlleval reads
//! it (an `I-X` that follows something else starts a span) and reported.

use std::ops::Range;

/// One tag: `O`, or a prefix and a type (`B-PER`; bare `B` has type "").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag<'a> {
    Outside,
    Inside(Prefix, &'a str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Prefix {
    Begin,
    Inside,
    /// `E-` (BIOES) or `L-` (BILUO): the last token of a span.
    End,
    /// `S-` (BIOES) or `U-` (BILUO): a span of one token.
    Single,
}

/// Reads a tag. Bare prefixes (`B`, `I`, keyphrase data writes them) are
/// tags of an untyped span; a lower-case `o` or `b-x` is not a tag, so a
/// column of words is never taken for one.
pub(super) fn parse(cell: &str) -> Option<Tag<'_>> {
    if cell == "O" {
        return Some(Tag::Outside);
    }
    let bytes = cell.as_bytes();
    let prefix = match bytes.first()? {
        b'B' => Prefix::Begin,
        b'I' => Prefix::Inside,
        b'E' | b'L' => Prefix::End,
        b'S' | b'U' => Prefix::Single,
        _ => return None,
    };
    match bytes.get(1) {
        None => Some(Tag::Inside(prefix, "")),
        Some(b'-') if bytes.len() > 2 => Some(Tag::Inside(prefix, &cell[2..])),
        _ => None,
    }
}

/// The scheme a column is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Scheme {
    /// `I-` starts a span; `B-` only where a span follows one of its type.
    Iob1,
    /// Every span starts with `B-`.
    Iob2,
    /// `B-`, `I-`, `E-`, `S-` (also read: IOE, with `E-` alone).
    Bioes,
    /// `B-`, `I-`, `L-`, `U-`.
    Biluo,
}

impl Scheme {
    pub(super) fn name(self) -> &'static str {
        match self {
            Scheme::Iob1 => "IOB1",
            Scheme::Iob2 => "IOB2",
            Scheme::Bioes => "BIOES",
            Scheme::Biluo => "BILUO",
        }
    }

    /// Whether spans must be closed by an end tag.
    fn closes(self) -> bool {
        matches!(self, Scheme::Bioes | Scheme::Biluo)
    }
}

/// What the tags of one column show, gathered sentence by sentence.
#[derive(Debug, Default)]
pub(super) struct Evidence {
    letters_lu: bool,
    letters_es: bool,
    /// A `B-X` that does not follow a span of type X: IOB1 never writes one.
    begin_after_other: bool,
    /// An `I-X` that does not follow a span of type X: IOB2 never writes one.
    inside_after_other: bool,
}

impl Evidence {
    /// Adds one sentence's cells (all of them tags).
    pub(super) fn add<'a>(&mut self, cells: impl Iterator<Item = &'a str>) {
        let mut prev: Option<&str> = None;
        for cell in cells {
            let Some(tag) = parse(cell) else { continue };
            match tag {
                Tag::Outside => {
                    prev = None;
                    continue;
                }
                Tag::Inside(prefix, ty) => {
                    let follows = prev == Some(ty);
                    match prefix {
                        Prefix::Begin => self.begin_after_other |= !follows,
                        Prefix::Inside => self.inside_after_other |= !follows,
                        Prefix::End | Prefix::Single => {}
                    }
                    let letter = cell.as_bytes()[0];
                    self.letters_lu |= matches!(letter, b'L' | b'U');
                    self.letters_es |= matches!(letter, b'E' | b'S');
                    prev = Some(ty);
                }
            }
        }
    }

    pub(super) fn scheme(&self) -> Scheme {
        if self.letters_lu {
            Scheme::Biluo
        } else if self.letters_es {
            Scheme::Bioes
        } else if self.inside_after_other && !self.begin_after_other {
            Scheme::Iob1
        } else {
            Scheme::Iob2
        }
    }
}

/// A span decoded from one sentence: token indices (end exclusive), its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Decoded<'a> {
    pub tokens: Range<usize>,
    pub ty: &'a str,
}

/// An oddity in a sentence's tags: at which token, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Oddity {
    pub token: usize,
    pub message: String,
}

/// Decodes one sentence's tags (`tags[k]` is token `k`'s, each a valid tag)
/// into spans, reporting every inconsistent step. Spans never cross the
/// sentence: one still open at its end is closed there.
pub(super) fn decode<'a>(
    tags: impl Iterator<Item = Tag<'a>>,
    scheme: Scheme,
    spans: &mut Vec<Decoded<'a>>,
    odd: &mut Vec<Oddity>,
) {
    let mut open: Option<(&'a str, usize)> = None;
    let mut last = 0;
    for (k, tag) in tags.enumerate() {
        last = k + 1;
        let Tag::Inside(prefix, ty) = tag else {
            if let Some((t, start)) = open.take() {
                if scheme.closes() {
                    odd.push(unclosed(k, t, scheme));
                }
                spans.push(Decoded { tokens: start..k, ty: t });
            }
            continue;
        };
        let continues = open.is_some_and(|(t, _)| t == ty);
        match prefix {
            Prefix::Inside if continues => {}
            Prefix::End if continues => {
                if let Some((t, start)) = open.take() {
                    spans.push(Decoded { tokens: start..k + 1, ty: t });
                }
            }
            _ => {
                let context = match open {
                    Some((t, _)) => format!("after a span of {}", shown(t)),
                    None if k == 0 => "at the start of a sentence".to_string(),
                    None => "after O".to_string(),
                };
                if let Some((t, start)) = open.take() {
                    if scheme.closes() {
                        odd.push(unclosed(k, t, scheme));
                    }
                    spans.push(Decoded { tokens: start..k, ty: t });
                }
                match prefix {
                    Prefix::Begin => open = Some((ty, k)),
                    Prefix::Inside => {
                        if scheme != Scheme::Iob1 {
                            odd.push(Oddity {
                                token: k,
                                message: format!(
                                    "{} {context} starts a span ({} data starts spans with {})",
                                    written(Prefix::Inside, ty, scheme),
                                    scheme.name(),
                                    written(Prefix::Begin, ty, scheme),
                                ),
                            });
                        }
                        open = Some((ty, k));
                    }
                    Prefix::End => {
                        odd.push(Oddity {
                            token: k,
                            message: format!(
                                "{} ends a span that {} did not start; read as a span of one token",
                                written(Prefix::End, ty, scheme),
                                written(Prefix::Begin, ty, scheme),
                            ),
                        });
                        spans.push(Decoded { tokens: k..k + 1, ty });
                    }
                    Prefix::Single => spans.push(Decoded { tokens: k..k + 1, ty }),
                }
            }
        }
    }
    if let Some((t, start)) = open {
        if scheme.closes() {
            odd.push(unclosed(last - 1, t, scheme));
        }
        spans.push(Decoded { tokens: start..last, ty: t });
    }
}

fn unclosed(token: usize, ty: &str, scheme: Scheme) -> Oddity {
    Oddity {
        token,
        message: format!(
            "a span of {} is not closed by {} ({} data); it ends here",
            shown(ty),
            written(Prefix::End, ty, scheme),
            scheme.name()
        ),
    }
}

/// The tag as this scheme writes it, for messages.
fn written(prefix: Prefix, ty: &str, scheme: Scheme) -> String {
    let letter = match (prefix, scheme) {
        (Prefix::Begin, _) => 'B',
        (Prefix::Inside, _) => 'I',
        (Prefix::End, Scheme::Biluo) => 'L',
        (Prefix::End, _) => 'E',
        (Prefix::Single, Scheme::Biluo) => 'U',
        (Prefix::Single, _) => 'S',
    };
    if ty.is_empty() { letter.to_string() } else { format!("{letter}-{ty}") }
}

fn shown(ty: &str) -> &str {
    if ty.is_empty() { "no type" } else { ty }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scheme_of(sentences: &[&str]) -> Scheme {
        let mut e = Evidence::default();
        for s in sentences {
            e.add(s.split(' '));
        }
        e.scheme()
    }

    type Spans = Vec<(Range<usize>, String)>;

    fn run(tags: &str, scheme: Scheme) -> (Spans, Vec<(usize, String)>) {
        let (mut spans, mut odd) = (Vec::new(), Vec::new());
        decode(tags.split(' ').map(|t| parse(t).expect("a tag")), scheme, &mut spans, &mut odd);
        (
            spans.into_iter().map(|d| (d.tokens, d.ty.to_string())).collect(),
            odd.into_iter().map(|o| (o.token, o.message)).collect(),
        )
    }

    #[test]
    fn tags_are_o_or_a_prefix_and_a_type() {
        assert_eq!(parse("O"), Some(Tag::Outside));
        assert_eq!(parse("B-PER"), Some(Tag::Inside(Prefix::Begin, "PER")));
        assert_eq!(parse("I-LOCderiv"), Some(Tag::Inside(Prefix::Inside, "LOCderiv")));
        assert_eq!(parse("L-ORG"), Some(Tag::Inside(Prefix::End, "ORG")));
        assert_eq!(parse("U-ORG"), Some(Tag::Inside(Prefix::Single, "ORG")));
        assert_eq!(parse("B"), Some(Tag::Inside(Prefix::Begin, "")));
        for not in ["", "o", "B-", "BX", "NNP", "_", "b-per", "X-PER", "Ö"] {
            assert_eq!(parse(not), None, "{not:?}");
        }
    }

    #[test]
    fn schemes_are_told_apart_by_what_the_tags_show() {
        assert_eq!(scheme_of(&["B-PER I-PER O B-LOC"]), Scheme::Iob2);
        assert_eq!(scheme_of(&["I-PER I-PER O I-LOC", "I-LOC B-LOC O"]), Scheme::Iob1);
        assert_eq!(scheme_of(&["I-PER O B-LOC"]), Scheme::Iob2, "B- after O is not IOB1");
        assert_eq!(scheme_of(&["B-PER E-PER S-LOC"]), Scheme::Bioes);
        assert_eq!(scheme_of(&["B-PER L-PER U-LOC"]), Scheme::Biluo);
        assert_eq!(scheme_of(&["O O"]), Scheme::Iob2);
    }

    #[test]
    fn iob1_starts_spans_with_i_and_splits_them_with_b() {
        let (spans, odd) = run("I-LOC I-LOC B-LOC O I-PER I-ORG", Scheme::Iob1);
        assert_eq!(spans, [(0..2, "LOC".into()), (2..3, "LOC".into()), (4..5, "PER".into()), (5..6, "ORG".into())]);
        assert!(odd.is_empty());
    }

    #[test]
    fn iob2_reads_a_stray_i_as_a_start_and_says_so() {
        let (spans, odd) = run("B-PER I-PER O I-LOC I-LOC", Scheme::Iob2);
        assert_eq!(spans, [(0..2, "PER".into()), (3..5, "LOC".into())]);
        assert_eq!(odd, [(3, "I-LOC after O starts a span (IOB2 data starts spans with B-LOC)".into())]);
    }

    #[test]
    fn bioes_and_biluo_close_spans_and_report_the_unclosed() {
        let (spans, odd) = run("B-ORG I-ORG E-ORG S-LOC B-PER", Scheme::Bioes);
        assert_eq!(spans, [(0..3, "ORG".into()), (3..4, "LOC".into()), (4..5, "PER".into())]);
        assert_eq!(odd, [(4, "a span of PER is not closed by E-PER (BIOES data); it ends here".into())]);
        let (spans, odd) = run("U-ORG B-PER L-PER L-LOC", Scheme::Biluo);
        assert_eq!(spans, [(0..1, "ORG".into()), (1..3, "PER".into()), (3..4, "LOC".into())]);
        assert_eq!(odd.len(), 1);
        assert!(odd[0].1.starts_with("L-LOC ends a span that B-LOC did not start"), "{odd:?}");
    }
}
