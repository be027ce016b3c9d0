//! What role a character plays in analysis.
//!
//! Every character of a text falls into one [`CharClass`]. The class decides
//! whether the character is part of a searchable word, separates words, or is
//! dropped; tokenizers never look at raw characters again.

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// The role of one character in analysis.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CharClass {
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
    pub fn is_searchable(self) -> bool {
        matches!(self, CharClass::Han | CharClass::Word)
    }
}

/// Is `c` a Han ideograph (CJK Unified Ideographs, extensions B–H with the
/// supplementary compatibility ideographs, compatibility ideographs) or the
/// ideographic zero `〇`?
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{20000}'..='\u{323AF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{3007}')
}

/// Classify one character (before normalisation).
#[inline]
pub fn classify(c: char) -> CharClass {
    if c.is_ascii() {
        return if c.is_ascii_alphanumeric() {
            CharClass::Word
        } else if c.is_ascii_whitespace() || c == '\u{0B}' {
            CharClass::Space
        } else {
            CharClass::Separator
        };
    }
    if is_han(c) {
        return CharClass::Han;
    }
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
}
