//! The invisible characters that legitimate text needs, kept where their
//! neighbours show they do their job: joiners in emoji sequences and between
//! letters of scripts that join, variation selectors after the bases they
//! select a form of, a flag's tag sequence, Hangul fillers inside a jamo
//! syllable, and the prepended concatenation marks (format characters that
//! are drawn). Anywhere else the same character is a way to make two
//! strings look alike, and is shown as its code point.
//!
//! Every look at the neighbours is bounded, so a run of a million marks
//! costs what a handful does.

use icu_properties::props::{
    BinaryProperty, Emoji, EmojiModifier, EnumeratedProperty, ExtendedPictographic, GeneralCategory,
    GeneralCategoryGroup, HangulSyllableType, Ideographic, IndicSyllabicCategory, JoinControl, JoiningType,
    PrependedConcatenationMark, Script, VariationSelector,
};

const ZWJ: char = '\u{200D}';
const VS15: char = '\u{FE0E}';
const VS16: char = '\u{FE0F}';
const MONGOLIAN_VOWEL_SEPARATOR: char = '\u{180E}';
const HANGUL_FILLERS: [char; 2] = ['\u{115F}', '\u{1160}'];
const BLACK_FLAG: char = '\u{1F3F4}';
const CANCEL_TAG: char = '\u{E007F}';

/// How far a rule looks past its character: more than any real sequence
/// needs (marks on a letter before a joiner, an emoji's modifiers, a
/// subdivision flag's tags).
const LOOK: usize = 8;

/// Whether `c`, a format or default-ignorable character at byte `i` of
/// `s`, does a job there that its neighbours need.
pub fn kept(s: &str, i: usize, c: char) -> bool {
    let before = s[..i].chars().rev();
    let after = s[i + c.len_utf8()..].chars();
    if JoinControl::for_char(c) {
        (c == ZWJ && in_emoji_sequence(before.clone(), after.clone())) || between_joining_letters(before, after)
    } else if VariationSelector::for_char(c) {
        before.clone().next().is_some_and(|base| selects_a_form_of(c, base))
    } else if c == MONGOLIAN_VOWEL_SEPARATOR {
        // Between a stem and its final vowel.
        let mongolian = |c: Option<char>| c.is_some_and(|c| is_letter(c) && Script::for_char(c) == Script::Mongolian);
        mongolian(before.clone().next()) && mongolian(after.clone().next())
    } else if HANGUL_FILLERS.contains(&c) {
        in_jamo_syllable(c, before, after)
    } else if is_tag(c) {
        in_flag_tag_sequence(s, i, c)
    } else {
        PrependedConcatenationMark::for_char(c)
    }
}

fn is_letter(c: char) -> bool {
    GeneralCategoryGroup::Letter.contains(GeneralCategory::for_char(c))
}

fn is_mark(c: char) -> bool {
    GeneralCategoryGroup::Mark.contains(GeneralCategory::for_char(c))
}

/// A ZWJ joining two emoji: a pictograph (with its modifier or
/// presentation selector) before it, another after it.
fn in_emoji_sequence(before: impl Iterator<Item = char>, mut after: impl Iterator<Item = char>) -> bool {
    let mut before = before.take(LOOK).skip_while(|&c| c == VS16 || EmojiModifier::for_char(c));
    before.next().is_some_and(ExtendedPictographic::for_char)
        && after.next().is_some_and(ExtendedPictographic::for_char)
}

/// A letter of a script whose shaping joiners control: a cursive script
/// (Arabic, Syriac, Mongolian, N'Ko, ...: letters that join their
/// neighbours) or a Brahmic one (Devanagari, Bengali, Sinhala, ...: letters
/// with an Indic syllabic role, where joiners choose conjunct forms).
fn uses_joiners(c: char) -> bool {
    let joins = matches!(
        JoiningType::for_char(c),
        JoiningType::DualJoining | JoiningType::LeftJoining | JoiningType::RightJoining | JoiningType::JoinCausing
    );
    let indic = !matches!(
        IndicSyllabicCategory::for_char(c),
        IndicSyllabicCategory::Other
            | IndicSyllabicCategory::Number
            | IndicSyllabicCategory::ConsonantPlaceholder
            | IndicSyllabicCategory::Joiner
            | IndicSyllabicCategory::NonJoiner
    );
    (joins || indic) && is_letter(c)
}

/// A joiner inside a word of a script that uses joiners: after one of its
/// letters (and the marks on it, a virama for instance), before another.
fn between_joining_letters(before: impl Iterator<Item = char>, mut after: impl Iterator<Item = char>) -> bool {
    let mut before = before.take(LOOK).skip_while(|&c| is_mark(c));
    before.next().is_some_and(uses_joiners) && after.next().is_some_and(uses_joiners)
}

/// Whether variation selector `vs` right after `base` selects one of its
/// forms: text or emoji presentation after an emoji, an ideographic
/// variation after a Han (or other ideographic) character, a Mongolian free
/// variation after a Mongolian letter, and the standardized variants of
/// mathematical symbols and of the Myanmar, Phags-pa and Manichaean letters.
fn selects_a_form_of(vs: char, base: char) -> bool {
    match vs {
        VS15 | VS16 => Emoji::for_char(base),
        '\u{180B}'..='\u{180F}' => is_letter(base) && Script::for_char(base) == Script::Mongolian,
        '\u{FE00}'..='\u{FE0D}' if GeneralCategory::for_char(base) == GeneralCategory::MathSymbol => true,
        '\u{FE00}'..='\u{FE0D}' if is_letter(base) => {
            Ideographic::for_char(base)
                || matches!(Script::for_char(base), Script::Myanmar | Script::PhagsPa | Script::Manichaean)
        }
        _ => Ideographic::for_char(base),
    }
}

/// A Hangul filler that stands in for the missing part of a syllable of
/// conjoining jamo: the leading consonant's before a real vowel, the
/// vowel's after a real leading consonant. A filler with nothing drawn
/// around it hides.
fn in_jamo_syllable(
    filler: char,
    mut before: impl Iterator<Item = char>,
    mut after: impl Iterator<Item = char>,
) -> bool {
    let real =
        |c: char, kind: HangulSyllableType| !HANGUL_FILLERS.contains(&c) && HangulSyllableType::for_char(c) == kind;
    if filler == HANGUL_FILLERS[0] {
        after.next().is_some_and(|c| real(c, HangulSyllableType::VowelJamo))
    } else {
        before.next().is_some_and(|c| real(c, HangulSyllableType::LeadingJamo))
    }
}

fn is_tag(c: char) -> bool {
    ('\u{E0020}'..=CANCEL_TAG).contains(&c)
}

/// A tag character in a subdivision flag: 🏴, a region and subdivision
/// code in tag letters and digits (`gbsct` for Scotland), the cancel tag.
fn in_flag_tag_sequence(s: &str, i: usize, c: char) -> bool {
    let spec = |c: &char| matches!(c, '\u{E0030}'..='\u{E0039}' | '\u{E0061}'..='\u{E007A}');
    // The code's letters before this tag, and what comes before them.
    let mut before = s[..i].chars().rev().take(LOOK);
    let code_before = before.by_ref().take_while(spec).count();
    let base = s[..i].chars().rev().nth(code_before);
    if base != Some(BLACK_FLAG) {
        return false;
    }
    let mut code = code_before;
    if c != CANCEL_TAG {
        if !spec(&c) {
            return false;
        }
        let mut after = s[i + c.len_utf8()..].chars().take(LOOK);
        let code_after = after.by_ref().take_while(spec).count();
        code += 1 + code_after;
        let end = s[i + c.len_utf8()..].chars().nth(code_after);
        if end != Some(CANCEL_TAG) {
            return false;
        }
    }
    // A region (two letters or three digits) and one to four more.
    (3..=7).contains(&code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept_in(s: &str, c: char) -> bool {
        let i = s.find(c).expect("the character is in the string");
        kept(s, i, c)
    }

    #[test]
    fn joiners_are_kept_in_emoji_and_between_letters_that_join() {
        assert!(kept_in("👩\u{200D}👩\u{200D}👧", ZWJ));
        assert!(kept_in("👩🏽\u{200D}💻", ZWJ), "after a skin tone");
        assert!(kept_in("🏳\u{FE0F}\u{200D}🌈", ZWJ), "after an emoji presentation selector");
        assert!(kept_in("क्\u{200D}ष", ZWJ), "Devanagari, after a virama");
        assert!(kept_in("می\u{200C}خواهم", '\u{200C}'), "Persian");
        assert!(kept_in("ශ්\u{200D}රී", ZWJ), "Sinhala");
        assert!(!kept_in("Tole\u{200D}genov", ZWJ), "Latin");
        assert!(!kept_in("Толе\u{200C}генов", '\u{200C}'), "Cyrillic");
        assert!(!kept_in("می\u{200C}", '\u{200C}'), "at a word's end");
        assert!(!kept_in("\u{200D}👩", ZWJ), "at the start");
        assert!(!kept_in("a\u{200D}👩", ZWJ), "after a letter, before an emoji");
    }

    #[test]
    fn variation_selectors_are_kept_after_the_bases_they_vary() {
        assert!(kept_in("❤\u{FE0F}", VS16));
        assert!(kept_in("1\u{FE0F}\u{20E3}", VS16), "a keycap");
        assert!(kept_in("☺\u{FE0E}", VS15));
        assert!(kept_in("葛\u{E0100}飾", '\u{E0100}'), "an ideographic variation sequence");
        assert!(kept_in("ᠠ\u{180B}", '\u{180B}'), "a Mongolian free variation selector");
        assert!(kept_in("∩\u{FE00}", '\u{FE00}'), "a mathematical variant");
        assert!(!kept_in("o\u{FE00}", '\u{FE00}'));
        assert!(!kept_in("Tolegenov\u{FE0F}", VS16));
        assert!(!kept_in("a\u{E0100}", '\u{E0100}'));
        let twice = "❤\u{FE0F}\u{FE0F}";
        assert!(!kept(twice, twice.len() - 3, VS16), "the second selector has a selector for a base");
    }

    #[test]
    fn flags_keep_their_tags_and_stray_tags_do_not() {
        let scotland = "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}";
        for (i, c) in scotland.char_indices().skip(1) {
            assert!(kept(scotland, i, c), "{c:?}");
        }
        let hidden = "Tolegenov\u{E0067}\u{E0062}\u{E007F}";
        assert!(hidden.char_indices().filter(|&(_, c)| is_tag(c)).all(|(i, c)| !kept(hidden, i, c)));
        let unterminated = "🏴\u{E0067}\u{E0062}\u{E0073}";
        assert!(unterminated.char_indices().skip(1).all(|(i, c)| !kept(unterminated, i, c)));
        let long = format!("🏴{}\u{E007F}", "\u{E0061}".repeat(20));
        assert!(long.char_indices().skip(1).all(|(i, c)| !kept(&long, i, c)), "a hidden message, not a code");
    }

    #[test]
    fn hangul_fillers_are_kept_only_with_a_real_jamo() {
        assert!(kept_in("\u{115F}\u{1161}", '\u{115F}'), "a vowel-only syllable");
        assert!(kept_in("\u{1100}\u{1160}", '\u{1160}'), "a consonant-only syllable");
        assert!(!kept_in("\u{115F}\u{1160}", '\u{115F}'), "nothing but fillers");
        assert!(!kept_in("a\u{115F}b", '\u{115F}'));
        assert!(!kept_in("\u{115F}가", '\u{115F}'), "before a precomposed syllable");
        assert!(!kept_in("\u{1160}\u{1161}", '\u{1160}'), "vowels with no consonant draw nothing");
    }

    #[test]
    fn the_mongolian_vowel_separator_is_kept_before_a_final_vowel() {
        assert!(kept_in("ᠬᠠᠳ\u{180E}ᠠ", MONGOLIAN_VOWEL_SEPARATOR));
        assert!(!kept_in("Tole\u{180E}genov", MONGOLIAN_VOWEL_SEPARATOR));
    }

    #[test]
    fn prepended_concatenation_marks_are_drawn() {
        assert!(kept_in("\u{0600}١٢٣", '\u{0600}'));
        assert!(kept_in("\u{06DD}١", '\u{06DD}'));
    }
}
