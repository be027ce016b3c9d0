//! Toneless pinyin (`gonghui`, `laogongju`, `zhang junjiu`) to the Chinese
//! the corpus actually contains.
//!
//! A Latin word is read as pinyin only when it splits entirely into pinyin
//! syllables and is not an English word; the Chinese it may stand for are
//! the dictionary words with that reading, then character compositions,
//! and every candidate must occur in the index (each of its bigrams), so
//! homophones absent from the corpus never reach the query.

use super::tables::{PINYIN_CHARS, PINYIN_WORDS};
use std::collections::HashSet;
use std::sync::LazyLock;

static SYLLABLES: LazyLock<HashSet<String>> = LazyLock::new(|| PINYIN_CHARS.keys().into_iter().collect());

/// Longest pinyin syllable, in letters (`zhuang`).
const MAX_SYLLABLE: usize = 6;

/// Longer words are not read as pinyin: a phrase typed without spaces
/// (`zhonghuaquanguozonggonghui`, 26 letters) fits well inside, and the
/// bound keeps the search for splits shallow whatever the input (a query of
/// 47,200 `a`s once overflowed the stack here).
const MAX_PINYIN_LETTERS: usize = 64;

/// The ways `word` (lower-case ASCII) splits into pinyin syllables, fewest
/// syllables first (at most `limit`).
pub(crate) fn segmentations(word: &str, limit: usize) -> Vec<Vec<String>> {
    if word.is_empty() || word.len() > MAX_PINYIN_LETTERS || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    // `viable[i]`: `word[i..]` splits into syllables (so no branch is
    // explored that cannot end in a split).
    let n = word.len();
    let mut viable = vec![false; n + 1];
    viable[n] = true;
    for i in (0..n).rev() {
        viable[i] = (1..=MAX_SYLLABLE.min(n - i)).any(|len| viable[i + len] && SYLLABLES.contains(&word[i..i + len]));
    }
    if !viable[0] {
        return Vec::new();
    }
    fn go(word: &str, at: usize, viable: &[bool], acc: &mut Vec<String>, out: &mut Vec<Vec<String>>, limit: usize) {
        if out.len() >= limit * 4 {
            return;
        }
        if at == word.len() {
            out.push(acc.clone());
            return;
        }
        for len in (1..=MAX_SYLLABLE.min(word.len() - at)).rev() {
            let syllable = &word[at..at + len];
            if viable[at + len] && SYLLABLES.contains(syllable) {
                acc.push(syllable.to_string());
                go(word, at + len, viable, acc, out, limit);
                acc.pop();
            }
        }
    }
    let mut out = Vec::new();
    go(word, 0, &viable, &mut Vec::new(), &mut out, limit);
    out.sort_by_key(Vec::len);
    out.truncate(limit);
    out
}

/// Chinese strings read as `syllables` that occur in the corpus, best first.
/// `df` gives a canonical string's document frequency in the index (0:
/// absent); at most `limit` are returned.
pub(crate) fn candidates(syllables: &[String], df: &dyn Fn(&str) -> u64, limit: usize) -> Vec<String> {
    let mut found: Vec<(String, u64)> = Vec::new();
    let whole: String = syllables.concat();
    for w in PINYIN_WORDS.get(&whole) {
        let n = df(w);
        if n > 0 && !found.iter().any(|(f, _)| f == w) {
            found.push((w.to_string(), n));
        }
    }
    if found.is_empty() && syllables.len() >= 2 {
        found = compose(syllables, df);
    }
    found.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    found.truncate(limit);
    found.into_iter().map(|(s, _)| s).collect()
}

/// Character by character, keeping only strings whose every bigram is in
/// the corpus (a beam of the most frequent).
fn compose(syllables: &[String], df: &dyn Fn(&str) -> u64) -> Vec<(String, u64)> {
    const BEAM: usize = 12;
    let mut beam: Vec<(String, u64)> = PINYIN_CHARS.get(&syllables[0]).map(|c| (c.to_string(), u64::MAX)).collect();
    for s in &syllables[1..] {
        let mut next: Vec<(String, u64)> = Vec::new();
        for (prefix, score) in &beam {
            let last = prefix.chars().last().expect("non-empty");
            for c in PINYIN_CHARS.get(s) {
                let n = df(&format!("{last}{c}"));
                if n > 0 {
                    next.push((format!("{prefix}{c}"), (*score).min(n)));
                }
            }
        }
        next.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        next.truncate(BEAM);
        beam = next;
        if beam.is_empty() {
            break;
        }
    }
    beam.into_iter().filter(|(s, _)| s.chars().count() == syllables.len()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_into_syllables() {
        assert_eq!(segmentations("gonghui", 3)[0], ["gong", "hui"]);
        assert_eq!(segmentations("zhangjunjiu", 3)[0], ["zhang", "jun", "jiu"]);
        assert!(segmentations("xian", 5).iter().any(|s| s == &["xi", "an"]));
        assert!(segmentations("trade", 3).is_empty());
        assert!(segmentations("ICFTU", 3).is_empty());
        assert!(segmentations(&"a".repeat(65), 3).is_empty(), "too long to be pinyin");
        assert_eq!(segmentations(&"a".repeat(64), 3)[0].len(), 64);
        // Dead ends are not explored: this returns at once.
        assert!(segmentations(&format!("{}q", "a".repeat(63)), 3).is_empty());
    }

    #[test]
    fn only_what_the_corpus_has() {
        let corpus = ["工会", "劳工", "工局", "张俊", "俊九"];
        let df =
            |s: &str| corpus.iter().filter(|w| w.contains(s) || s.contains(*w) && s.chars().count() > 2).count() as u64;
        let df = |s: &str| if s.chars().count() == 2 { corpus.contains(&s) as u64 } else { df(s) };
        assert_eq!(candidates(&["gong".into(), "hui".into()], &df, 3), ["工会"]);
        let c = candidates(
            &["lao".into(), "gong".into(), "ju".into()],
            &|s| {
                if s.chars().count() == 2 { corpus.contains(&s) as u64 } else { 0 }
            },
            3,
        );
        assert_eq!(c, ["劳工局"]);
        let c = candidates(&["zhang".into(), "jun".into(), "jiu".into()], &|s| corpus.contains(&s) as u64, 3);
        assert_eq!(c, ["张俊九"]);
    }
}
