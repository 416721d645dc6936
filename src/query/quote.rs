//! What `y` copies: a passage of a document with its citation (the
//! document's title and the passage's offset in characters, the unit of the
//! format's offsets), ready to paste — a mention in its sentence, a claim's
//! text with who claims it, or two related claims with the relation and the
//! annotator's note. Made inert on the way: a quote must not carry control
//! or invisible characters to wherever it is pasted (a shell, say).

use crate::data::model::{ClaimIdx, Corpus, DocIdx, MentionIdx, Span};
use crate::text::sanitize;

/// The most a quote carries, in bytes: a passage or two, with room to spare
/// (a hostile corpus's claim may be megabytes long; terminals cap what
/// they take through OSC 52 at about this).
pub const MAX_QUOTE: usize = 64 * 1024;

/// A quote to copy, and how the status line says what was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// What goes to the clipboard: the passage, then its citation.
    pub text: String,
    /// The same on one line, for "copied: …".
    pub summary: String,
}

/// Where a passage starts, in characters from the start of its document.
pub fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].chars().count()
}

/// `Title, offset 1234`: where a passage is, to cite it.
pub fn citation(corpus: &Corpus, doc: DocIdx, byte: usize) -> String {
    let d = corpus.doc(doc);
    format!("{}, offset {}", d.display_title(), char_offset(&d.text, byte))
}

/// The sentence around a mention, as far as [`super::full_detail::sentence`]
/// reaches, `…` where it is cut, and the byte it starts at.
pub fn mention_passage(corpus: &Corpus, m: MentionIdx) -> (String, usize) {
    let mention = corpus.mention(m);
    let text = &corpus.doc(mention.doc).text;
    passage(text, mention.span)
}

fn passage(text: &str, span: Span) -> (String, usize) {
    let (before, it, after, cut_before, cut_after) = super::full_detail::sentence(text, span);
    let start = span.start as usize - before.len();
    let mut s = String::new();
    if cut_before {
        s.push('…');
    }
    s.push_str(before);
    s.push_str(it);
    s.push_str(after);
    if cut_after {
        s.push('…');
    }
    (s, start)
}

/// A mention in its sentence.
pub fn of_mention(corpus: &Corpus, m: MentionIdx) -> Quote {
    let (passage, start) = mention_passage(corpus, m);
    let doc = corpus.mention(m).doc;
    quote(&passage, &citation(corpus, doc, start))
}

/// Who claims it and what kind of claim it is, then where: `Aslan
/// Tolegenov (quote), Idleness and Neighbors…, offset 4321`.
pub fn claim_citation(corpus: &Corpus, c: ClaimIdx) -> String {
    let claim = corpus.claim(c);
    format!("{} ({}), {}", corpus.claimant_name(c), claim.kind, citation(corpus, claim.doc, claim.span.start as usize))
}

/// A claim's text, with who claims it.
pub fn of_claim(corpus: &Corpus, c: ClaimIdx) -> Quote {
    quote(corpus.claim_text(c), &claim_citation(corpus, c))
}

/// Two related claims, each with its citation, the relation between them
/// (as seen from the first, e.g. "contradicts") and the annotator's note.
pub fn of_comparison(corpus: &Corpus, left: ClaimIdx, right: ClaimIdx, label: &str, note: Option<&str>) -> Quote {
    let (a, b) = (of_claim(corpus, left), of_claim(corpus, right));
    let mut text = format!("{}\n\n{label}\n\n{}", a.text, b.text);
    if let Some(note) = note {
        text.push_str(&format!("\n\nNote: {}", clean(note)));
    }
    Quote { text: cap(text), summary: format!("{} · {label} · {}", a.summary, b.summary) }
}

fn quote(passage: &str, citation: &str) -> Quote {
    let passage = clean(passage.trim());
    let text = cap(format!("“{passage}”\n— {}", clean(citation)));
    Quote { summary: one_line(&text), text }
}

/// Corpus text as it may be pasted: line breaks kept, every control or
/// invisible character shown as the explorer shows it.
fn clean(s: &str) -> String {
    sanitize::display_multiline(&s.replace("\r\n", "\n")).into_owned()
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most [`MAX_QUOTE`] bytes, cut at a character with `…`.
fn cap(mut s: String) -> String {
    if s.len() > MAX_QUOTE {
        let mut end = MAX_QUOTE - '…'.len_utf8();
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::fixture::sample_corpus as sample;

    #[test]
    fn a_mention_is_quoted_in_its_sentence_with_the_title_and_its_offset() {
        let c = sample();
        let t = c.entity_by_id("tolegenov").unwrap();
        let m = c.entity_mentions(t)[0];
        let q = of_mention(&c, m);
        let doc = c.doc(c.mention(m).doc);
        let (passage, start) = mention_passage(&c, m);
        assert!(passage.contains(&*c.mention_text(m)), "{passage}");
        assert!(doc.text[start..].starts_with(passage.trim_start_matches('…')));
        let offset = doc.text[..start].chars().count();
        assert_eq!(q.text, format!("“{}”\n— {}, offset {offset}", passage.trim(), doc.display_title()));
        assert!(!q.summary.contains('\n'));
    }

    #[test]
    fn a_claim_is_quoted_with_who_claims_it() {
        let c = sample();
        let arrest = c.claim_by_id("a-arrest").unwrap();
        let q = of_claim(&c, arrest);
        let claim = c.claim(arrest);
        let doc = c.doc(claim.doc);
        let offset = doc.text[..claim.span.start as usize].chars().count();
        assert_eq!(
            q.text,
            format!(
                "“{}”\n— {} (fact), {}, offset {offset}",
                c.claim_text(arrest).trim(),
                c.claimant_name(arrest),
                doc.display_title()
            )
        );
    }

    #[test]
    fn a_comparison_quotes_both_claims_the_relation_and_the_note() {
        let c = sample();
        let (a, b) = (c.claim_by_id("a-arrest").unwrap(), c.claim_by_id("i-detention").unwrap());
        let q = of_comparison(&c, a, b, "contradicts", Some("Ten days here."));
        assert_eq!(
            q.text,
            format!("{}\n\ncontradicts\n\n{}\n\nNote: Ten days here.", of_claim(&c, a).text, of_claim(&c, b).text)
        );
        assert!(q.summary.contains(" · contradicts · "));
    }

    #[test]
    fn what_is_copied_is_inert_and_bounded() {
        let q = quote("rm -rf \u{1b}[31m\u{202e}x", "T, offset 0");
        assert!(!q.text.contains('\u{1b}') && !q.text.contains('\u{202e}'), "{:?}", q.text);
        let long = quote(&"ж".repeat(MAX_QUOTE), "T, offset 0");
        assert!(long.text.len() <= MAX_QUOTE && long.text.ends_with('…'));
        assert_eq!(char_offset("жж", 2), 1);
        assert_eq!(char_offset("ab", 10), 2);
    }
}
