//! What role a character plays in analysis.
//!
//! Every character of a text falls into one [`CharClass`]. The class decides
//! whether the character is part of a searchable word, separates words, or is
//! dropped; tokenizers never look at raw characters again.

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// The role of one character in analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum CharClass {
    /// A Han ideograph (or `〇`): segmented by jieba, written without spaces.
    Han,
    /// A letter, decimal digit or combining mark of any other script.
    Word,
    /// White space; significant only between two non-Han characters.
    Space,
    /// Punctuation, symbols, footnote markers (`①`), other numbers (`²`).
    Separator,
    /// Format characters (zero-width space, BOM, bidi controls, soft hyphen):
    /// invisible, so removed as if they were not there.
    Ignore,
}

impl CharClass {
    /// Letters, digits and Han: the characters a search can match.
    #[inline]
    pub(crate) fn is_searchable(self) -> bool {
        matches!(self, CharClass::Han | CharClass::Word)
    }
}

/// Is `c` a Han ideograph (CJK Unified Ideographs, extensions B–H with the
/// supplementary compatibility ideographs, compatibility ideographs) or the
/// ideographic zero `〇`?
#[inline]
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{20000}'..='\u{323AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{3007}')
}

/// Is `c` one of the punctuation marks of Chinese text that NFKC leaves
/// as they are: `、。〃`, the brackets and marks U+3008–3011 and
/// U+3014–301F (`《》「」【】〔〕〜`…), `–—`, `‘’“”` and `·`? They are
/// separators, found without a look-up in the Unicode tables (a test checks
/// both against those tables).
#[inline]
pub(crate) fn is_plain_cjk_punctuation(c: char) -> bool {
    matches!(c,
        '\u{3001}'..='\u{3003}'
        | '\u{3008}'..='\u{3011}'
        | '\u{3014}'..='\u{301F}'
        | '\u{2013}'..='\u{2014}'
        | '\u{2018}'..='\u{2019}'
        | '\u{201C}'..='\u{201D}'
        | '\u{00B7}')
}

/// The ASCII character a full-width form (U+FF01–FF5E, `，；（）０Ａａ`)
/// stands for: NFKC's mapping, written out.
#[inline]
pub(crate) fn from_full_width(c: char) -> Option<char> {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

#[inline]
fn classify_ascii(c: char) -> CharClass {
    if c.is_ascii_alphanumeric() {
        CharClass::Word
    } else if c.is_ascii_whitespace() || c == '\u{0B}' {
        CharClass::Space
    } else {
        CharClass::Separator
    }
}

/// Classify one character (before normalisation).
#[inline]
pub(crate) fn classify(c: char) -> CharClass {
    if c.is_ascii() {
        return classify_ascii(c);
    }
    if is_han(c) {
        return CharClass::Han;
    }
    // Full-width ASCII (`，；：（）０-９Ａ-Ｚ`) is in the class of its ASCII
    // form.
    if let Some(a) = from_full_width(c) {
        return classify_ascii(a);
    }
    if is_plain_cjk_punctuation(c) {
        return CharClass::Separator;
    }
    classify_by_category(c)
}

/// [`classify`] from the Unicode general category alone.
fn classify_by_category(c: char) -> CharClass {
    match c.general_category_group() {
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark => CharClass::Word,
        GeneralCategoryGroup::Number => match c.general_category() {
            GeneralCategory::DecimalNumber | GeneralCategory::LetterNumber => CharClass::Word,
            _ => CharClass::Separator,
        },
        GeneralCategoryGroup::Separator => CharClass::Space,
        GeneralCategoryGroup::Other => match c.general_category() {
            GeneralCategory::Format => CharClass::Ignore,
            _ if c.is_whitespace() => CharClass::Space,
            _ => CharClass::Separator,
        },
        GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Symbol => CharClass::Separator,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_mixed_text() {
        let cases = [
            ('工', CharClass::Han),
            ('會', CharClass::Han),
            ('〇', CharClass::Han),
            ('𠀀', CharClass::Han),
            ('a', CharClass::Word),
            ('Ｉ', CharClass::Word),
            ('２', CharClass::Word),
            ('é', CharClass::Word),
            ('\u{301}', CharClass::Word),
            ('ア', CharClass::Word),
            ('①', CharClass::Separator),
            ('²', CharClass::Separator),
            ('，', CharClass::Separator),
            ('。', CharClass::Separator),
            (':', CharClass::Separator),
            ('“', CharClass::Separator),
            ('·', CharClass::Separator),
            (' ', CharClass::Space),
            ('\u{3000}', CharClass::Space),
            ('\u{A0}', CharClass::Space),
            ('\n', CharClass::Space),
            ('\u{200B}', CharClass::Ignore),
            ('\u{FEFF}', CharClass::Ignore),
            ('\u{202E}', CharClass::Ignore),
            ('\u{7}', CharClass::Separator),
        ];
        for (c, want) in cases {
            assert_eq!(classify(c), want, "class of {c:?} (U+{:04X})", c as u32);
        }
    }

    #[test]
    fn shortcuts_agree_with_the_unicode_tables() {
        use unicode_normalization::UnicodeNormalization;
        for c in ('\u{80}'..='\u{FFFF}').filter(|c| !is_han(*c)) {
            assert_eq!(classify(c), classify_by_category(c), "class of {c:?} (U+{:04X})", c as u32);
        }
        let plain: Vec<char> = ('\u{80}'..='\u{FFFF}').filter(|c| is_plain_cjk_punctuation(*c)).collect();
        assert_eq!(plain.len(), 32);
        for c in plain {
            assert_eq!(classify_by_category(c), CharClass::Separator, "{c:?}");
            assert_eq!(std::iter::once(c).nfkc().collect::<String>(), c.to_string(), "NFKC keeps {c:?}");
        }
    }
}
