//! Cross-language query expansion: English words and expressions to the
//! Chinese they stand for (glossary first, then CC-CEDICT, then pinyin), and
//! Chinese words to English (for translations and English documents).
//!
//! Every alternative must occur in the corpus, and a word's dictionary
//! senses are pruned by how often they occur in it (CC-CEDICT's sense order is
//! not translation likelihood): the corpus decides what "union" means.

use super::english_key::key_word;
use super::glossary::Glossary;
use super::pinyin;
use super::tables::{EN_ZH, ZH_EN};
use crate::analysis::Normalized;
use serde::Serialize;
use std::ops::Range;

/// Where an alternative comes from (and so how much it is trusted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Source {
    /// The user's glossary.
    Glossary,
    /// CC-CEDICT.
    Dictionary,
    /// Pinyin reading of a Latin word.
    Pinyin,
}

/// Another way to find a concept.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Alternative {
    /// Canonical Chinese (for an English concept), or an English key of
    /// space-separated stems (for a Chinese concept).
    pub text: String,
    /// Where it comes from.
    pub source: Source,
}

impl Alternative {
    fn new(text: String, source: Source) -> Alternative {
        Alternative { text, source }
    }
}

/// What the index contains, for pruning alternatives.
pub(crate) trait Vocabulary {
    /// Documents that may contain canonical Han text `s` (0: none do).
    fn han_df(&self, s: &str) -> u64;
    /// Documents whose English field has the stem `stem`.
    fn english_df(&self, stem: &str) -> u64;
    /// Documents in the index.
    fn num_docs(&self) -> u64;
}

/// A run of query words that translates as a unit.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Span {
    /// The words it covers (indices into the words given).
    pub words: Range<usize>,
    /// Its translations.
    pub alternatives: Vec<Alternative>,
}

/// Finds alternatives for query words.
pub(crate) struct Expander<'a> {
    /// The user glossary.
    pub glossary: &'a Glossary,
    /// The index's vocabulary.
    pub vocabulary: &'a dyn Vocabulary,
    /// Most alternatives per concept.
    pub limit: usize,
}

/// Longest dictionary expression tried, in content words.
const MAX_EXPRESSION: usize = 5;

impl Expander<'_> {
    /// Translate a sequence of English words (lower case): the longest
    /// glossary or dictionary expressions, left to right; words no entry
    /// covers may be pinyin.
    pub(crate) fn english(&self, words: &[&str]) -> Vec<Span> {
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        let keys: Vec<Option<String>> = words.iter().map(|w| key_word(w, &stemmer)).collect();
        let longest = MAX_EXPRESSION.max(self.glossary.max_words());
        let mut spans = Vec::new();
        let mut i = 0;
        while i < words.len() {
            if keys[i].is_none() {
                i += 1;
                continue;
            }
            let mut found = None;
            for j in (i + 1..=words.len().min(i + longest + 2)).rev() {
                if keys[j - 1].is_none() {
                    continue;
                }
                let key: Vec<&str> = keys[i..j].iter().flatten().map(String::as_str).collect();
                if key.len() > longest {
                    continue;
                }
                let key = key.join(" ");
                let alternatives = self.translate_key(&key);
                if !alternatives.is_empty() {
                    found = Some((j, alternatives));
                    break;
                }
            }
            match found {
                Some((j, alternatives)) => {
                    spans.push(Span { words: i..j, alternatives });
                    i = j;
                }
                None => i += 1,
            }
        }
        spans.extend(self.pinyin_runs(words, &keys, &spans));
        spans.sort_by_key(|s| s.words.start);
        spans
    }

    fn translate_key(&self, key: &str) -> Vec<Alternative> {
        let glossary = self.glossary.chinese_by_key(key);
        if !glossary.is_empty() {
            return glossary.iter().map(|t| Alternative::new(t.clone(), Source::Glossary)).collect();
        }
        let mut found: Vec<(String, u64)> = Vec::new();
        for w in EN_ZH.get(key) {
            let canonical = Normalized::new(w).text().to_string();
            // One character is too ambiguous to stand for an English word.
            if canonical.chars().count() < 2 {
                continue;
            }
            let df = self.vocabulary.han_df(&canonical);
            if df > 0 && !found.iter().any(|(f, _)| *f == canonical) {
                found.push((canonical, df));
            }
        }
        found.sort_by_key(|(_, df)| std::cmp::Reverse(*df));
        found.truncate(self.limit);
        found.into_iter().map(|(text, _)| Alternative::new(text, Source::Dictionary)).collect()
    }

    /// Runs of words outside `spans` that read as pinyin (and are not all
    /// English words): `gonghui`, `zhang junjiu`.
    fn pinyin_runs(&self, words: &[&str], keys: &[Option<String>], spans: &[Span]) -> Vec<Span> {
        let covered = |i: usize| spans.iter().any(|s| s.words.contains(&i));
        let mut out = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let readable =
                |k: usize| !covered(k) && keys[k].is_some() && !pinyin::segmentations(words[k], 1).is_empty();
            if !readable(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j < words.len() && readable(j) {
                j += 1;
            }
            let english = (i..j).all(|k| keys[k].as_deref().is_some_and(|key| EN_ZH.contains(key)));
            let syllables: Vec<String> = (i..j).flat_map(|k| pinyin::segmentations(words[k], 1).remove(0)).collect();
            if !english && syllables.len() >= 2 {
                let df = |s: &str| self.vocabulary.han_df(s);
                let found = pinyin::candidates(&syllables, &df, self.limit.min(3));
                if !found.is_empty() {
                    let alternatives = found.into_iter().map(|text| Alternative::new(text, Source::Pinyin)).collect();
                    out.push(Span { words: i..j, alternatives });
                }
            }
            i = j;
        }
        out
    }

    /// English for a Chinese word (canonical): glossary terms, else
    /// dictionary glosses whose words the corpus's English text has.
    pub(crate) fn chinese(&self, word: &str) -> Vec<Alternative> {
        let glossary = self.glossary.english_keys(word);
        if !glossary.is_empty() {
            return glossary.iter().map(|k| Alternative::new(k.clone(), Source::Glossary)).collect();
        }
        // A single character has too many senses to stand for any of them.
        if word.chars().count() < 2 {
            return Vec::new();
        }
        ZH_EN
            .get(word)
            .filter(|key| key.split(' ').all(|stem| self.vocabulary.english_df(stem) > 0))
            .take(self.limit.min(4))
            .map(|key| Alternative::new(key.to_string(), Source::Dictionary))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Corpus(&'static [&'static str], &'static [&'static str]);
    impl Vocabulary for Corpus {
        fn han_df(&self, s: &str) -> u64 {
            self.0.iter().filter(|t| t.contains(s)).count() as u64
        }
        fn english_df(&self, stem: &str) -> u64 {
            self.1.contains(&stem) as u64
        }
        fn num_docs(&self) -> u64 {
            self.0.len() as u64
        }
    }

    const CORPUS: Corpus =
        Corpus(&["中国工会与挪威总工会", "国际自由工联总书记比尔·乔丹", "海员工会"], &["trade", "union"]);

    fn expand(g: &Glossary, words: &[&str]) -> Vec<(Range<usize>, Vec<String>)> {
        let e = Expander { glossary: g, vocabulary: &CORPUS, limit: 8 };
        e.english(words).into_iter().map(|s| (s.words, s.alternatives.into_iter().map(|a| a.text).collect())).collect()
    }

    #[test]
    fn expressions_and_pruning() {
        let g = Glossary::default();
        assert_eq!(expand(&g, &["trade", "unions"]), [(0..2, vec!["工会".to_string()])]);
        assert_eq!(expand(&g, &["norway"]), [(0..1, vec!["挪威".to_string()])]);
        // "seaman"/"sailor" senses that the corpus lacks are pruned.
        let sea = expand(&g, &["seafarers"]);
        assert!(sea.iter().all(|(_, alts)| alts.iter().all(|a| CORPUS.han_df(a) > 0)), "{sea:?}");
    }

    #[test]
    fn glossary_first() {
        let g = Glossary::parse("ICFTU\t国际自由工联\nBill Jordan\t比尔·乔丹\n", "g.tsv").unwrap();
        assert_eq!(expand(&g, &["icftu"]), [(0..1, vec!["国际自由工联".to_string()])]);
        assert_eq!(expand(&g, &["bill", "jordan"]), [(0..2, vec!["比尔·乔丹".to_string()])]);
    }

    #[test]
    fn pinyin_only_for_non_english() {
        let g = Glossary::default();
        assert_eq!(expand(&g, &["gonghui"]), [(0..1, vec!["工会".to_string()])]);
        // An English word is never read as pinyin (its senses are not in the corpus).
        assert!(expand(&g, &["long"]).is_empty());
    }

    #[test]
    fn chinese_to_english() {
        let g = Glossary::default();
        let e = Expander { glossary: &g, vocabulary: &CORPUS, limit: 8 };
        assert!(e.chinese("工会").iter().any(|a| a.text == "trade union"));
    }
}
