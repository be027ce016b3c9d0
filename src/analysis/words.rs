//! The word field: jieba words for Han text, Unicode words for the rest.

use super::charclass::CharClass;
use super::{Normalized, Token};
use jieba_rs::Jieba;
use unicode_segmentation::UnicodeSegmentation;

/// Longest word token kept, in bytes (longer "words" are binary junk or
/// base64; tantivy refuses terms over 64 KiB).
pub(crate) const MAX_WORD_BYTES: usize = 200;

/// How Han text is cut into words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct WordSettings {
    /// Also emit the dictionary 2- and 3-character words inside each longer
    /// word (jieba's search mode), at the position of the whole word.
    pub search_mode: bool,
    /// Let jieba's HMM join unknown characters into new words.
    pub hmm: bool,
    /// Shortest Han word indexed, in characters. Shorter ones are found
    /// through the bigram field anyway.
    #[serde(default = "one")]
    pub min_han_chars: u8,
}

fn one() -> u8 {
    1
}

impl Default for WordSettings {
    fn default() -> Self {
        // Measured on CMRC/DRCD (docs/relevance.md): search mode adds
        // nothing to relevance (the bigram field already finds words inside
        // words) and costs tokens; the HMM's new words (names) add a little.
        WordSettings { search_mode: false, hmm: true, min_han_chars: 1 }
    }
}

/// Append the word tokens of `n` to `out`, segmenting Han runs with `jieba`.
///
/// Each word gets the next ordinal position; in search mode the sub-words of a
/// long word share its position, so a phrase of words still lines up.
pub(crate) fn word_tokens(n: &Normalized, jieba: &Jieba, settings: WordSettings, out: &mut Vec<Token>) {
    let len = n.len_chars();
    let text = n.text();
    let mut position = 0u32;
    let mut i = 0;
    while i < len {
        let han = n.class_at(i) == CharClass::Han;
        let mut end = i + 1;
        while end < len && (n.class_at(end) == CharClass::Han) == han {
            end += 1;
        }
        let slice = &text[n.byte_of(i)..n.byte_of(end)];
        if han {
            for t in jieba.cut(slice, settings.hmm) {
                let start = (i + t.start) as u32;
                let count = t.end - t.start;
                if settings.search_mode && count > 2 {
                    push_subwords(jieba, t.word, start, count, position, out);
                }
                if count >= settings.min_han_chars as usize {
                    out.push(Token { start, end: start + count as u32, position });
                }
                position += 1;
            }
        } else {
            let mut cursor = i;
            for (at, word) in slice.split_word_bound_indices() {
                if word.len() > MAX_WORD_BYTES || !word.chars().any(|c| c.is_alphanumeric()) {
                    continue;
                }
                let start = n.char_index_from(cursor, n.byte_of(i) + at);
                cursor = start;
                let count = word.chars().count();
                out.push(Token { start: start as u32, end: (start + count) as u32, position });
                position += 1;
            }
        }
        i = end;
    }
}

/// jieba's search mode: the dictionary 2-grams, then 3-grams, of a word of
/// `count` characters starting at canonical character `start`.
fn push_subwords(jieba: &Jieba, word: &str, start: u32, count: usize, position: u32, out: &mut Vec<Token>) {
    let bounds: Vec<usize> = word.char_indices().map(|(b, _)| b).chain([word.len()]).collect();
    for size in [2, 3] {
        if count <= size {
            continue;
        }
        for k in 0..=count - size {
            if jieba.has_word(&word[bounds[k]..bounds[k + size]]) {
                let s = start + k as u32;
                out.push(Token { start: s, end: s + size as u32, position });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Lexicon;
    use std::sync::LazyLock;

    static JIEBA: LazyLock<Jieba> = LazyLock::new(|| Lexicon::builtin().full_jieba());

    fn words(s: &str, search_mode: bool) -> Vec<(String, u32)> {
        let n = Normalized::new(s);
        let mut v = Vec::new();
        word_tokens(&n, &JIEBA, WordSettings { search_mode, hmm: false, min_han_chars: 1 }, &mut v);
        v.iter().map(|t| (t.text(&n).to_string(), t.position)).collect()
    }

    #[test]
    fn mixed_chinese_english_digits() {
        let w: Vec<_> = words("2000年ICFTU首次访华, Bill Jordan's visit", false).into_iter().map(|x| x.0).collect();
        assert_eq!(w, ["2000", "年", "icftu", "首次", "访华", "bill", "jordan's", "visit"]);
        assert_eq!(words("2000 年", false), words("2000年", false));
    }

    #[test]
    fn search_mode_subwords_share_position() {
        let w = words("中华全国总工会", true);
        let whole = w.iter().find(|(t, _)| t == "中华全国总工会").expect("whole word");
        assert!(w.iter().any(|(t, p)| t == "总工会" && *p == whole.1), "{w:?}");
        assert!(w.iter().any(|(t, p)| t == "全国" && *p == whole.1), "{w:?}");
    }

    #[test]
    fn traditional_segments_like_simplified() {
        assert_eq!(words("國際勞工局與外國工會", true), words("国际劳工局与外国工会", true));
    }

    #[test]
    fn offsets_on_char_boundaries_and_in_order() {
        let src = "（一） 與國際勞工局ＡＢＣ和外國工會的關係①，2000 年";
        let n = Normalized::new(src);
        let mut v = Vec::new();
        word_tokens(&n, &JIEBA, WordSettings::default(), &mut v);
        let mut last = 0;
        for t in &v {
            let r = t.source(&n);
            assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
            assert!(t.position >= last);
            last = t.position;
        }
    }
}
