//! The substring field: character bigrams, so every substring is findable.
//!
//! Within a run of searchable characters (Han, letters, digits; a run ends at
//! punctuation, and at white space between two non-Han characters) each
//! character starts one token at its own position: the bigram of itself and
//! the next character, or, for the last character of a run, the character
//! alone. A string of two or more characters is then a phrase of bigrams, and
//! a single character is its unigram or any bigram it starts (a prefix
//! query), so `工会` inside `总工会`, `劳工` inside `国际劳工局` and `鸿` alone
//! are all found — with one token per character instead of the two that
//! unigrams-plus-bigrams cost (see README, "How the analysis works").

use super::{Normalized, Token};

/// Append the substring-field tokens of `n` to `out`.
///
/// Positions count searchable characters, so the token at position `p` always
/// starts with the `p`-th searchable character of the text.
pub(crate) fn gram_tokens(n: &Normalized, out: &mut Vec<Token>) {
    let len = n.len_chars();
    let mut position = 0u32;
    for i in 0..len {
        if !n.class_at(i).is_searchable() {
            continue;
        }
        let end = if i + 1 < len && n.class_at(i + 1).is_searchable() { i + 2 } else { i + 1 };
        out.push(Token { start: i as u32, end: end as u32, position });
        position += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grams(s: &str) -> Vec<(String, u32)> {
        let n = Normalized::new(s);
        let mut v = Vec::new();
        gram_tokens(&n, &mut v);
        v.iter().map(|t| (t.text(&n).to_string(), t.position)).collect()
    }

    #[test]
    fn bigrams_with_run_end_unigrams() {
        assert_eq!(grams("工会，与国"), [("工会".into(), 0), ("会".into(), 1), ("与国".into(), 2), ("国".into(), 3)]);
    }

    #[test]
    fn digits_and_han_join_across_space() {
        assert_eq!(grams("2000 年"), grams("2000年"));
        let g: Vec<_> = grams("2000 年").into_iter().map(|(t, _)| t).collect();
        assert_eq!(g, ["20", "00", "00", "0年", "年"]);
    }

    #[test]
    fn latin_words_are_separate_runs() {
        let g: Vec<_> = grams("Bill Jordan").into_iter().map(|(t, _)| t).collect();
        assert_eq!(g, ["bi", "il", "ll", "l", "jo", "or", "rd", "da", "an", "n"]);
    }

    #[test]
    fn offsets_on_char_boundaries() {
        let src = "中華 ＩＣＦＴＵ①與 2000 年。";
        let n = Normalized::new(src);
        let mut v = Vec::new();
        gram_tokens(&n, &mut v);
        for t in v {
            let r = t.source(&n);
            assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end), "{r:?}");
        }
    }
}
