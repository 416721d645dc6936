//! Reports in Markdown, shared by `dossier entity NAME --markdown` and the
//! explorer's `e`: an entity's dossier (who it is, every mention in its
//! sentence, the claims it makes and those about it, each with its
//! relations to other claims and their notes) and a comparison (both
//! passages in their paragraphs, the relation and the annotator's note).
//! Pure: writing the file is the caller's.
//!
//! Corpus text is made inert (controls and invisible characters shown as
//! the explorer shows them) and escaped, so a name with `*` or `[` in it
//! reads as itself when the report is rendered.

use std::fmt::Write as _;

use super::dossier::{Section, context};
use super::quote::{char_offset, claim_citation};
use crate::data::model::{ClaimIdx, Corpus, DocIdx, EntityIdx, Span};
use crate::text::sanitize;

/// How much of a comparison's paragraph is shown on each side of the claim, in characters.
const PARAGRAPH_CONTEXT: usize = 400;

/// The dossier of `e` as a Markdown document.
pub fn dossier(corpus: &Corpus, e: EntityIdx) -> String {
    let entity = corpus.entity(e);
    let mentions = corpus.entity_mentions(e);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", inline(&entity.name));
    let docs = corpus.entity_doc_count(e);
    let _ = writeln!(
        out,
        "{} · {} · {} in {}\n",
        inline(entity.kind.name()),
        code(&entity.id),
        count(mentions.len(), "mention"),
        count(docs, "document")
    );
    if !entity.aliases.is_empty() {
        let aliases: Vec<String> = entity.aliases.iter().map(|a| inline(a)).collect();
        let _ = writeln!(out, "Also named: {}\n", aliases.join(", "));
    }
    if !entity.description.trim().is_empty() {
        let _ = writeln!(out, "{}\n", block(&entity.description));
    }
    let _ = writeln!(out, "## {} ({})\n", Section::Mentions.title(), mentions.len());
    if mentions.is_empty() {
        out.push_str("None.\n\n");
    }
    let mut last_doc = None;
    // Offsets counted on from the mention before (mentions are in text
    // order): counting each from the start would be quadratic in a long document.
    let (mut at_byte, mut at_char) = (0, 0);
    for &m in mentions {
        let mention = corpus.mention(m);
        if last_doc != Some(mention.doc) {
            (at_byte, at_char) = (0, 0);
            if last_doc.is_some() {
                out.push('\n');
            }
            let _ = writeln!(out, "### {}\n", doc_name(corpus, mention.doc));
            last_doc = Some(mention.doc);
        }
        let text = &corpus.doc(mention.doc).text;
        let (before, it, after, cut_before, cut_after) = super::full_detail::sentence(text, mention.span);
        let start = mention.span.start as usize;
        if start < at_byte {
            (at_byte, at_char) = (0, 0);
        }
        at_char += char_offset(&text[at_byte..], start - at_byte);
        at_byte = start;
        let _ = writeln!(
            out,
            "- offset {at_char}: {}{}**{}**{}{}",
            if cut_before { "…" } else { "" },
            inline_keep_edges(before),
            inline(it),
            inline_keep_edges(after),
            if cut_after { "…" } else { "" }
        );
    }
    if last_doc.is_some() {
        out.push('\n');
    }
    let in_order = |mut claims: Vec<ClaimIdx>| {
        claims.sort_by_key(|&c| (corpus.claim(c).doc, corpus.claim(c).span.start, c));
        claims
    };
    let by = in_order(corpus.claims_by(e));
    let about = in_order(corpus.claims_about_by_others(e));
    for (section, claims) in [(Section::ClaimsBy, by), (Section::ClaimsAbout, about)] {
        let _ = writeln!(out, "## {} ({})\n", section.title(), claims.len());
        if claims.is_empty() {
            out.push_str("None.\n\n");
        }
        let mut last_doc = None;
        for &c in &claims {
            let doc = corpus.claim(c).doc;
            if last_doc != Some(doc) {
                let _ = writeln!(out, "### {}\n", doc_name(corpus, doc));
                last_doc = Some(doc);
            }
            claim_item(corpus, c, &mut out);
            out.push('\n');
        }
    }
    finish(out)
}

/// A claim as a list item (its kind, id, claimant, offset and text), with
/// its relations under it.
fn claim_item(corpus: &Corpus, c: ClaimIdx, out: &mut String) {
    let claim = corpus.claim(c);
    let text = &corpus.doc(claim.doc).text;
    let _ = writeln!(
        out,
        "- **{}** {} by {}, offset {}: “{}”",
        claim.kind,
        code(&claim.id),
        inline(&corpus.claimant_name(c)),
        char_offset(text, claim.span.start as usize),
        inline(corpus.claim_text(c))
    );
    for link in corpus.links(c) {
        let other = corpus.claim(link.other);
        let _ = writeln!(
            out,
            "  - *{}* → {} {} by {}: “{}”",
            link.label(),
            doc_tag(other.doc),
            code(&other.id),
            inline(&corpus.claimant_name(link.other)),
            inline(corpus.claim_text(link.other))
        );
        if let Some(note) = link.note {
            let _ = writeln!(out, "    - note: {}", inline(note));
        }
    }
    if let Some(note) = &claim.note {
        let _ = writeln!(out, "  - annotator's note: {}", inline(note));
    }
}

/// Two related claims side by side, as the comparison shows them: each in
/// its paragraph with the claim in bold, the relation as seen from the
/// first (`label`), and the annotator's note.
pub fn comparison(corpus: &Corpus, left: ClaimIdx, right: ClaimIdx, label: &str, note: Option<&str>) -> String {
    let mut out = String::new();
    let (l, r) = (corpus.claim(left), corpus.claim(right));
    let _ = writeln!(out, "# {} {} {}\n", code(&l.id), inline(label), code(&r.id));
    for c in [left, right] {
        let claim = corpus.claim(c);
        let _ = writeln!(out, "## {} {}\n", doc_tag(claim.doc), code(&claim.id));
        let _ = writeln!(out, "{}\n", inline(&claim_citation(corpus, c)));
        let _ = writeln!(out, "> {}\n", in_paragraph(&corpus.doc(claim.doc).text, claim.span));
    }
    let _ = writeln!(out, "## Note\n");
    match note {
        Some(note) if !note.trim().is_empty() => {
            let _ = writeln!(out, "{}\n", block(note));
        }
        _ => out.push_str("None.\n\n"),
    }
    finish(out)
}

/// A claim in its paragraph (as far as [`PARAGRAPH_CONTEXT`] reaches on
/// each side, `…` where that is cut), the claim in bold.
fn in_paragraph(text: &str, span: Span) -> String {
    let (before, it, after) = context(text, span, PARAGRAPH_CONTEXT, PARAGRAPH_CONTEXT);
    let (s, e) = (span.start as usize, span.end as usize);
    let cut_before = s - before.len() > 0 && !text[..s - before.len()].ends_with('\n');
    let end = e + after.len();
    let cut_after = end < text.len() && !text[end..].starts_with('\n');
    format!(
        "{}{}**{}**{}{}",
        if cut_before { "…" } else { "" },
        inline_keep_edges(before),
        inline(it),
        inline_keep_edges(after),
        if cut_after { "…" } else { "" }
    )
}

/// `[2] Idleness and Neighbors as Obstacles…`: a document's number and title.
fn doc_name(corpus: &Corpus, d: DocIdx) -> String {
    format!("{} {}", doc_tag(d), inline(corpus.doc(d).display_title()))
}

fn doc_tag(d: DocIdx) -> String {
    format!("\\[{}\\]", d.index() + 1)
}

fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// One trailing newline.
fn finish(mut out: String) -> String {
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// An id in backticks, as code (a backtick in it widens the fence).
fn code(s: &str) -> String {
    let s = sanitize::display(s);
    let fence = if s.contains('`') { "``" } else { "`" };
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Corpus text on one line (white space runs folded to a space, trimmed),
/// inert and escaped.
fn inline(s: &str) -> String {
    escape(fold(s).trim())
}

/// As [`inline`], but a space at either end is kept (the text around a
/// mention or a claim, which joins it).
fn inline_keep_edges(s: &str) -> String {
    escape(&fold(s))
}

/// A paragraph of corpus text (a description, a note): lines kept, inert
/// and escaped, a line that would start a list, a heading or a quote
/// escaped at its start.
fn block(s: &str) -> String {
    let lines: Vec<String> = s
        .trim()
        .lines()
        .map(|line| {
            let line = escape(fold(line).trim());
            // `#`, `>` and `|` are escaped wherever they are.
            let numbered = line.find(['.', ')']).filter(|&i| i > 0 && line[..i].bytes().all(|b| b.is_ascii_digit()));
            match numbered {
                Some(i) => format!("{}\\{}", &line[..i], &line[i..]),
                None if line.starts_with(['-', '+', '=']) => format!("\\{line}"),
                None => line,
            }
        })
        .collect();
    lines.join("  \n")
}

fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if ch.is_whitespace() && ch != '\u{a0}' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(ch);
            space = false;
        }
    }
    out
}

/// Inert (see [`sanitize::display`]) and with Markdown's inline marks escaped.
fn escape(s: &str) -> String {
    let shown = sanitize::display(s);
    let mut out = String::with_capacity(shown.len());
    for ch in shown.chars() {
        if matches!(ch, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::fixture::sample_corpus as sample;

    #[test]
    fn a_dossier_lists_every_mention_and_both_kinds_of_claims_with_their_relations() {
        let c = sample();
        let t = c.entity_by_id("tolegenov").unwrap();
        let md = dossier(&c, t);
        assert!(md.starts_with("# Aslan Tolegenov\n"), "{md}");
        assert_eq!(md.matches("\n- offset ").count(), c.mention_count(t), "{md}");
        let by = md.find("## Claims it makes (1)").unwrap();
        let about = md.find("## Claims about it (2)").unwrap();
        assert!(by < about);
        assert!(md[about..].contains("*contradicts* → \\[2\\] `i-detention`"), "{md}");
        assert!(md.ends_with('\n') && !md.ends_with("\n\n"));
    }

    #[test]
    fn corpus_text_is_escaped_and_inert() {
        assert_eq!(inline("a *b* [c](d)\n  e"), "a \\*b\\* \\[c\\](d) e");
        assert_eq!(escape("\u{1b}[2J"), "␛\\[2J");
        assert_eq!(
            block("# not a heading\n12. not a list\n- nor this\nplain"),
            "\\# not a heading  \n12\\. not a list  \n\\- nor this  \nplain"
        );
        assert_eq!(code("a`b"), "``a`b``");
    }

    #[test]
    fn an_entity_never_mentioned_says_so() {
        use crate::data::model::{CorpusBuilder, Document, Entity, EntityKind};
        let mut b = CorpusBuilder::default();
        b.documents.push(Document { id: "d".into(), text: "x".into(), chars: 1, ..Default::default() });
        b.entities.push(Entity {
            id: "e".into(),
            name: "Nobody *special*".into(),
            kind: EntityKind::Other,
            aliases: vec![],
            description: String::new(),
        });
        let c = b.finish();
        let md = dossier(&c, EntityIdx(0));
        assert_eq!(
            md,
            "# Nobody \\*special\\*\n\nother · `e` · 0 mentions in 0 documents\n\n## Mentions (0)\n\nNone.\n\n\
             ## Claims it makes (0)\n\nNone.\n\n## Claims about it (0)\n\nNone.\n"
        );
    }

    #[test]
    fn a_comparison_shows_both_passages_and_the_note() {
        let c = sample();
        let (a, b) = (c.claim_by_id("a-arrest").unwrap(), c.claim_by_id("i-detention").unwrap());
        let md = comparison(&c, a, b, "contradicts", Some("Ten days here."));
        assert!(md.starts_with("# `a-arrest` contradicts `i-detention`\n"), "{md}");
        assert_eq!(md.matches("\n> ").count(), 2, "{md}");
        assert!(md.contains(&format!("**{}**", inline(c.claim_text(a)))), "{md}");
        assert!(md.ends_with("## Note\n\nTen days here.\n"), "{md}");
        assert!(comparison(&c, a, b, "contradicts", None).ends_with("## Note\n\nNone.\n"));
    }
}
