//! What the corpus-wide search looks for, compiled once: a literal (the
//! default) or a regular expression, with smart case and with the folding
//! every search shares ([`crate::text::fold`]) built into the pattern, so
//! that it runs over the original text and its matches are the original's
//! byte offsets.
//!
//! Folding rewrites the pattern's syntax tree (regex-syntax's HIR, which
//! prints back as a regular expression for regex to compile): each quote
//! or dash in a literal becomes the class of its group (`'` and `’` become
//! `['‘’‚‛′＇]`), and a class that holds part of a group is given all of it
//! (`[’]`, `\W`), unless it holds most of the group but not its plain ASCII
//! member (a negated class: `[^']`), which leaves the whole group out.
//!
//! A match never spans a line break, as in grep: the search lists lines,
//! and goes through a long text a stretch of lines at a time. Line breaks
//! are taken out of every class (`\s`, `[^a]`, `(?s).`), and a pattern that
//! names one (`a\nb`) is refused with a message. Case is regex-syntax's own Unicode case folding. A literal
//! is escaped and goes the same way, so both kinds match alike; regex finds
//! either in time linear in the text (for literals with memchr and
//! aho-corasick prefilters).

use std::fmt;

use regex_syntax::ast::{self, Ast, ClassSetItem};
use regex_syntax::hir::{
    Capture, Class, ClassBytes, ClassBytesRange, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Repetition,
};

use crate::data::model::Span;
use crate::text::fold::{groups, wants_case};

/// How long a compiled pattern may get: a query is at most a few hundred
/// characters, and a Unicode class or a counted repetition is what makes
/// one big. Past this the pattern is refused with a message, not compiled.
const SIZE_LIMIT: usize = 8 << 20;

/// A pattern ready to search with.
#[derive(Clone)]
pub struct Pattern {
    regex: regex::Regex,
    /// What was typed.
    pub query: String,
    pub is_regex: bool,
    /// Whether case counts (smart case: the query has an upper-case letter).
    pub case_sensitive: bool,
}

impl fmt::Debug for Pattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pattern")
            .field("query", &self.query)
            .field("is_regex", &self.is_regex)
            .field("case_sensitive", &self.case_sensitive)
            .finish()
    }
}

/// Why a query is no pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternError {
    /// Nothing was typed.
    Empty,
    /// Not a regular expression regex takes: what is wrong, and where.
    Invalid(String),
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PatternError::Empty => write!(f, "nothing to search for"),
            PatternError::Invalid(why) => write!(f, "{why}"),
        }
    }
}

impl Pattern {
    /// `query` as a literal, or as a regular expression when `is_regex`.
    pub fn new(query: &str, is_regex: bool) -> Result<Pattern, PatternError> {
        if query.is_empty() {
            return Err(PatternError::Empty);
        }
        let source = if is_regex { query.to_string() } else { regex_syntax::escape(query) };
        let case_sensitive = if is_regex { regex_wants_case(&source)? } else { wants_case(query) };
        let hir = regex_syntax::ParserBuilder::new()
            .case_insensitive(!case_sensitive)
            .multi_line(true)
            .build()
            .parse(&source)
            .map_err(|e| PatternError::Invalid(syntax_error(&e)))?;
        let folded = fold_hir(hir).map_err(PatternError::Invalid)?.to_string();
        let regex = regex::RegexBuilder::new(&folded)
            .size_limit(SIZE_LIMIT)
            .dfa_size_limit(SIZE_LIMIT)
            .build()
            .map_err(|e| PatternError::Invalid(compile_error(&e)))?;
        Ok(Pattern { regex, query: query.to_string(), is_regex, case_sensitive })
    }

    /// The first non-empty match at or after byte `at` (a character
    /// boundary) of `text`; what comes before `at` still counts for `^`,
    /// `\b` and the like.
    pub fn find_at(&self, text: &str, mut at: usize) -> Option<Span> {
        while at <= text.len() {
            let m = self.regex.find_at(text, at)?;
            if m.end() > m.start() {
                return Some(Span::new(m.start(), m.end()));
            }
            // An empty match (`a*`, `^`) is no hit: look on from the next character.
            at = m.end() + text[m.end()..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// Every non-empty, non-overlapping match in `text`, in order.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Span> + 'a {
        let mut at = 0;
        std::iter::from_fn(move || {
            let span = self.find_at(text, at)?;
            at = span.end as usize;
            Some(span)
        })
    }
}

/// Smart case for a regular expression: whether a character it matches
/// literally (alone or in a class) is upper case. `\W`, `\S` and `\p{Lu}`
/// are upper-case letters that are not literals, and do not count.
fn regex_wants_case(source: &str) -> Result<bool, PatternError> {
    struct Upper(bool);
    impl ast::Visitor for Upper {
        type Output = bool;
        type Err = ();
        fn finish(self) -> Result<bool, ()> {
            Ok(self.0)
        }
        fn visit_pre(&mut self, ast: &Ast) -> Result<(), ()> {
            if let Ast::Literal(l) = ast {
                self.0 |= l.c.is_uppercase();
            }
            Ok(())
        }
        fn visit_class_set_item_pre(&mut self, item: &ClassSetItem) -> Result<(), ()> {
            match item {
                ClassSetItem::Literal(l) => self.0 |= l.c.is_uppercase(),
                ClassSetItem::Range(r) => self.0 |= r.start.c.is_uppercase() || r.end.c.is_uppercase(),
                _ => {}
            }
            Ok(())
        }
    }
    let ast = ast::parse::Parser::new().parse(source).map_err(|e| PatternError::Invalid(ast_error(&e)))?;
    Ok(ast::visit(&ast, Upper(false)).unwrap_or(false))
}

/// "unclosed group at character 3": regex-syntax's own words for what is
/// wrong, on one line, with where.
fn ast_error(e: &ast::Error) -> String {
    format!("{} at character {}", e.kind(), e.span().start.column)
}

fn syntax_error(e: &regex_syntax::Error) -> String {
    match e {
        regex_syntax::Error::Parse(e) => ast_error(e),
        regex_syntax::Error::Translate(e) => format!("{} at character {}", e.kind(), e.span().start.column),
        other => other.to_string().lines().last().unwrap_or_default().to_string(),
    }
}

fn compile_error(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(_) => "the pattern is too big to search with: make it shorter".to_string(),
        other => other.to_string().lines().last().unwrap_or_default().trim_start_matches("error: ").to_string(),
    }
}

/// The class of one group of folded characters.
fn group_class(group: &[char]) -> ClassUnicode {
    ClassUnicode::new(group.iter().map(|&c| ClassUnicodeRange::new(c, c)))
}

fn class_has(class: &ClassUnicode, c: char) -> bool {
    class.ranges().iter().any(|r| r.start() <= c && c <= r.end())
}

/// A pattern that names a line break: what is said of it.
const NAMES_A_LINE_BREAK: &str = "a match cannot span lines: the pattern names a line break (\\n)";

/// The pattern with its quotes and dashes folded and its line breaks
/// taken out (see the module's comment).
fn fold_hir(hir: Hir) -> Result<Hir, String> {
    Ok(match hir.into_kind() {
        HirKind::Literal(lit) if lit.0.contains(&b'\n') => return Err(NAMES_A_LINE_BREAK.into()),
        HirKind::Literal(lit) => match std::str::from_utf8(&lit.0) {
            Ok(s) => {
                let mut parts = Vec::new();
                let mut run = String::new();
                for c in s.chars() {
                    match groups().iter().find(|g| g.contains(&c)) {
                        Some(g) => {
                            if !run.is_empty() {
                                parts.push(Hir::literal(std::mem::take(&mut run).into_bytes()));
                            }
                            parts.push(Hir::class(Class::Unicode(group_class(g))));
                        }
                        None => run.push(c),
                    }
                }
                if !run.is_empty() {
                    parts.push(Hir::literal(run.into_bytes()));
                }
                Hir::concat(parts)
            }
            Err(_) => Hir::literal(lit.0),
        },
        HirKind::Class(Class::Unicode(mut class)) => {
            if class.ranges() == [ClassUnicodeRange::new('\n', '\n')] {
                return Err(NAMES_A_LINE_BREAK.into());
            }
            class.difference(&ClassUnicode::new([ClassUnicodeRange::new('\n', '\n')]));
            for g in groups() {
                let held = g.iter().filter(|&&c| class_has(&class, c)).count();
                if held == 0 || held == g.len() {
                    continue;
                }
                let all = group_class(g);
                if class_has(&class, g[0]) || held * 2 <= g.len() {
                    class.union(&all);
                } else {
                    class.difference(&all);
                }
            }
            Hir::class(Class::Unicode(class))
        }
        HirKind::Class(Class::Bytes(mut class)) => {
            class.difference(&ClassBytes::new([ClassBytesRange::new(b'\n', b'\n')]));
            Hir::class(Class::Bytes(class))
        }
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(fold_hir(*r.sub)?), ..r }),
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(fold_hir(*c.sub)?), ..c }),
        HirKind::Concat(all) => Hir::concat(all.into_iter().map(fold_hir).collect::<Result<_, _>>()?),
        HirKind::Alternation(all) => Hir::alternation(all.into_iter().map(fold_hir).collect::<Result<_, _>>()?),
        HirKind::Empty => Hir::empty(),
        HirKind::Look(look) => Hir::look(look),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found<'t>(text: &'t str, query: &str, is_regex: bool) -> Vec<&'t str> {
        let p = Pattern::new(query, is_regex).unwrap();
        p.find_iter(text).map(|s| &text[s.range()]).collect()
    }

    const TEXT: &str = "Kazakhs “didn’t have writing” — Russia’s 10–15 days. DIDN'T\nthe end";

    #[test]
    fn a_literal_folds_quotes_dashes_and_case() {
        assert_eq!(found(TEXT, "didn't", false), vec!["didn’t", "DIDN'T"]);
        assert_eq!(found(TEXT, "10-15", false), vec!["10–15"]);
        assert_eq!(found(TEXT, "\"didn", false), vec!["“didn"]);
        assert_eq!(found(TEXT, "writing\"", false), vec!["writing”"]);
        // Smart case: an upper-case letter makes case count; quotes still fold.
        assert_eq!(found(TEXT, "Russia's", false), vec!["Russia’s"]);
        assert!(found(TEXT, "russia'S", false).is_empty());
        assert_eq!(found(TEXT, "DIDN’T", false), vec!["DIDN'T"]);
        // Regex syntax in a literal is just characters.
        assert!(found(TEXT, "d.dn", false).is_empty());
        assert_eq!(found("a+b (c)", "a+b (c)", false), vec!["a+b (c)"]);
    }

    #[test]
    fn a_regex_folds_too_and_smart_case_looks_at_literals_only() {
        assert_eq!(found(TEXT, r"didn't \w+", true), vec!["didn’t have"]);
        assert_eq!(found(TEXT, r"didn't\s+\w+", true), vec!["didn’t have"], "\\s takes no line break");
        assert_eq!(found(TEXT, r"\d+-\d+", true), vec!["10–15"]);
        assert_eq!(found(TEXT, r"[-‐]\s", true), vec!["— "]);
        // A negated class leaves the whole group out.
        assert_eq!(found(TEXT, r"didn[^']t", true), Vec::<&str>::new());
        assert_eq!(found(TEXT, r"n[^x]t", true), vec!["n’t", "N'T"]);
        assert_eq!(
            found(TEXT, r"n[’]t", true),
            vec!["n’t", "N'T"],
            "a class of one curly quote takes the straight one"
        );
        assert_eq!(found("don’t", r"\w+", true), vec!["don", "t"], "an apostrophe is no word character");
        // \W and \S are no upper-case letters: still case-insensitive.
        assert_eq!(found(TEXT, r"didn\Wt\S", true), Vec::<&str>::new());
        assert_eq!(found(TEXT, r"didn\Wt", true), vec!["didn’t", "DIDN'T"]);
        assert_eq!(found(TEXT, r"DIDN\Wt", true), Vec::<&str>::new(), "an upper-case literal: case counts");
        assert_eq!(found(TEXT, r"[A-Z]{4}", true), vec!["DIDN"]);
        // ^ and $ are at lines.
        assert_eq!(found(TEXT, r"^the", true), vec!["the"]);
        assert_eq!(found(TEXT, r"T$", true), vec!["T"]);
    }

    #[test]
    fn an_invalid_regex_says_what_is_wrong_and_where() {
        let err = |q: &str| match Pattern::new(q, true) {
            Err(PatternError::Invalid(why)) => why,
            other => panic!("{q:?} gave {other:?}"),
        };
        assert_eq!(err("a(b"), "unclosed group at character 2");
        assert_eq!(err("x{2,1}"), "invalid repetition count range, the start must be <= the end at character 2");
        assert!(err(r"\p{Nonsense}").starts_with("Unicode property not found"), "{}", err(r"\p{Nonsense}"));
        assert!(err("a{1000}{1000}").contains("too big"), "{}", err("a{1000}{1000}"));
        assert_eq!(Pattern::new("", false).unwrap_err(), PatternError::Empty);
        // A match never spans lines.
        assert_eq!(err(r"T\nthe"), "a match cannot span lines: the pattern names a line break (\\n)");
        assert_eq!(err(r"T[\n]the"), "a match cannot span lines: the pattern names a line break (\\n)");
        assert!(found(TEXT, r"T[^x]the", true).is_empty());
        assert!(found(TEXT, r"(?s)T.the", true).is_empty());
        // The same text as a literal is fine.
        assert_eq!(found("f(a(b", "a(b", false), vec!["a(b"]);
    }

    #[test]
    fn empty_matches_are_skipped_and_offsets_are_on_the_originals_boundaries() {
        let text = "ёж’ — ёжик";
        assert_eq!(found(text, "x*", true), Vec::<&str>::new());
        assert_eq!(found(text, "ж'?", true), vec!["ж’", "ж"]);
        let p = Pattern::new("’", false).unwrap();
        let spans: Vec<Span> = p.find_iter(text).collect();
        assert_eq!(spans, vec![Span::new(4, 7)]);
        for q in ["-", "ёж", "'"] {
            for s in Pattern::new(q, false).unwrap().find_iter(text) {
                assert!(text.is_char_boundary(s.start as usize) && text.is_char_boundary(s.end as usize));
            }
        }
    }

    #[test]
    fn upper_case_cyrillic_makes_case_count_and_lower_case_ignores_it() {
        let text = "КНБ and кнб";
        assert_eq!(found(text, "кнб", false), vec!["КНБ", "кнб"]);
        assert_eq!(found(text, "КНБ", false), vec!["КНБ"]);
    }
}
