//! The English field: Unicode words, lower case, stop words out, Snowball
//! (Porter 2) stems.

use super::charclass::CharClass;
use super::lang::english::is_stop_word;
use super::{Normalized, Token};
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

static STEMMER: LazyLock<frostem::Stemmer> = LazyLock::new(|| frostem::Stemmer::new(frostem::Algorithm::English));

thread_local! {
    /// Stems already computed on this thread (English vocabulary is small
    /// next to English text).
    static STEMS: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, Box<str>>> = Default::default();
}

/// The stem of one lower-case word (a possessive `'s` is dropped first).
pub(crate) fn stem(word: &str) -> String {
    STEMS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if let Some(s) = cache.get(word) {
            return s.to_string();
        }
        let bare = word.strip_suffix("'s").or_else(|| word.strip_suffix("’s")).unwrap_or(word);
        let s = STEMMER.stem(bare).into_owned();
        if cache.len() > 100_000 {
            cache.clear();
        }
        cache.insert(word.into(), s.as_str().into());
        s
    })
}

/// Append the English tokens of `n` to `out`, and their stems to `stems`
/// (one per token). Han text is skipped: it belongs to the other fields.
/// Positions count stop words too, so phrases keep their gaps.
pub(crate) fn english_tokens(n: &Normalized, out: &mut Vec<Token>, stems: &mut Vec<String>) {
    let len = n.len_chars();
    let text = n.text();
    let mut position = 0u32;
    let mut i = 0;
    while i < len {
        if n.class_at(i) == CharClass::Han {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < len && n.class_at(end) != CharClass::Han {
            end += 1;
        }
        let base = n.byte_of(i);
        let mut cursor = i;
        for (at, word) in text[base..n.byte_of(end)].split_word_bound_indices() {
            if word.len() > super::words::MAX_WORD_BYTES || !word.chars().any(char::is_alphanumeric) {
                continue;
            }
            if !is_stop_word(word) {
                let start = n.char_index_from(cursor, base + at);
                cursor = start;
                let count = word.chars().count();
                out.push(Token { start: start as u32, end: (start + count) as u32, position });
                stems.push(stem(word));
            }
            position += 1;
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_and_stop_words() {
        let n = Normalized::new("The Trade Unions of Norway's seafarers");
        let (mut toks, mut stems) = (Vec::new(), Vec::new());
        english_tokens(&n, &mut toks, &mut stems);
        assert_eq!(stems, ["trade", "union", "norway", "seafar"]);
        assert_eq!(toks.iter().map(|t| t.position).collect::<Vec<_>>(), [1, 2, 4, 5]);
        assert_eq!(toks[3].text(&n), "seafarers");
    }

    #[test]
    fn skips_han() {
        let n = Normalized::new("ICFTU 国际自由工联 leader");
        let (mut toks, mut stems) = (Vec::new(), Vec::new());
        english_tokens(&n, &mut toks, &mut stems);
        assert_eq!(stems, ["icftu", "leader"]);
    }
}
