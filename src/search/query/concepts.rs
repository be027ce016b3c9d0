//! From typed text to concepts: the words a query asks for.
//!
//! Each unquoted atom is normalised like documents are, then cut into
//! concepts: jieba's default-mode words for Han text (segmented by the same
//! dictionary as the documents), Unicode words for everything else. A
//! concept is found in a document by its words-field term, and, for Han text,
//! by its characters anywhere (the bigram field), so `工会` matches inside
//! `总工会` too.

use crate::analysis::charclass::CharClass;
use crate::analysis::lang::{chinese, english};
use crate::analysis::{Analyzer, Normalized};
use crate::translate::{Alternative, Expander};
use serde::Serialize;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// What sort of word a concept is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ConceptKind {
    /// Han characters: matched as a substring too.
    Han,
    /// A word of another script: matched as a whole word (or its stem).
    Latin,
    /// Digits.
    Number,
}

/// One thing the query asks for.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Concept {
    /// Canonical text.
    pub text: String,
    /// Its kind.
    pub kind: ConceptKind,
    /// A function or question word (的, 是, 什么, 谁, `the`): weighted down
    /// and never required while the query has other words.
    pub function_word: bool,
    /// Canonical character range in the atom.
    #[serde(skip)]
    pub(crate) range: Range<usize>,
    /// An English expression's words (`trade union` → `trade`, `union`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
    /// Other ways to find it: translations, pinyin readings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<Alternative>,
}

impl Concept {
    /// Canonical strings whose presence in a passage shows the concept:
    /// itself (or an expression's words) and its translations.
    pub(crate) fn forms(&self) -> Vec<String> {
        let mut v: Vec<String> = match self.kind {
            ConceptKind::Han => vec![self.text.clone()],
            _ => vec![self.english_words().join(" ")],
        };
        v.extend(self.alternatives.iter().map(|a| a.text.clone()));
        v
    }

    /// The English words to find (an expression's, or the word itself).
    pub(crate) fn english_words(&self) -> Vec<&str> {
        if self.words.is_empty() { vec![self.text.as_str()] } else { self.words.iter().map(String::as_str).collect() }
    }
}

/// Attach translations to concepts: consecutive English words become
/// expressions where the glossary or the dictionary has them (`trade union`
/// → 工会), pinyin gets its Chinese readings, Chinese words get their English.
pub(crate) fn translate_concepts(cs: Vec<Concept>, expander: &Expander) -> Vec<Concept> {
    let mut out: Vec<Concept> = Vec::with_capacity(cs.len());
    let mut i = 0;
    while i < cs.len() {
        if cs[i].kind != ConceptKind::Latin {
            let mut c = cs[i].clone();
            if c.kind == ConceptKind::Han && !c.function_word {
                c.alternatives = expander.chinese(&c.text);
            }
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < cs.len() && cs[j].kind == ConceptKind::Latin {
            j += 1;
        }
        let run = &cs[i..j];
        let words: Vec<&str> = run.iter().map(|c| c.text.as_str()).collect();
        let spans = expander.english(&words);
        let mut k = 0;
        while k < run.len() {
            match spans.iter().find(|s| s.words.start == k) {
                Some(span) => {
                    let part = &run[span.words.clone()];
                    let content: Vec<String> =
                        part.iter().filter(|c| !c.function_word).map(|c| c.text.clone()).collect();
                    out.push(Concept {
                        text: part.iter().map(|c| c.text.as_str()).collect::<Vec<_>>().join(" "),
                        kind: ConceptKind::Latin,
                        function_word: false,
                        range: part[0].range.start..part[part.len() - 1].range.end,
                        words: if part.len() > 1 { content } else { Vec::new() },
                        alternatives: span.alternatives.clone(),
                    });
                    k = span.words.end;
                }
                None => {
                    out.push(run[k].clone());
                    k += 1;
                }
            }
        }
        i = j;
    }
    out
}

/// Does `word` (canonical) ask a question?
pub(crate) fn is_question_word(word: &str) -> bool {
    chinese::QUESTION_WORDS.contains(&word) || english::QUESTION_WORDS.contains(&word)
}

/// Is `word` (canonical) a function word?
pub(crate) fn is_function_word(word: &str, kind: ConceptKind) -> bool {
    match kind {
        ConceptKind::Han => chinese::GRAMMAR_WORDS.contains(&word) || chinese::QUESTION_WORDS.contains(&word),
        ConceptKind::Latin => english::is_stop_word(word) || english::QUESTION_WORDS.contains(&word),
        ConceptKind::Number => false,
    }
}

/// Cut a normalised atom into concepts.
pub(crate) fn concepts(norm: &Normalized, analyzer: &Analyzer) -> Vec<Concept> {
    let mut out = Vec::new();
    let text = norm.text();
    let n = norm.len_chars();
    let mut i = 0;
    while i < n {
        let han = norm.class_at(i) == CharClass::Han;
        let mut end = i + 1;
        while end < n && (norm.class_at(end) == CharClass::Han) == han {
            end += 1;
        }
        let base = norm.byte_of(i);
        let slice = &text[base..norm.byte_of(end)];
        if han {
            let mut at = i;
            for w in analyzer.cut(slice) {
                let len = w.chars().count();
                push(&mut out, w, ConceptKind::Han, at..at + len);
                at += len;
            }
        } else {
            for (b, w) in slice.split_word_bound_indices() {
                if !w.chars().any(char::is_alphanumeric) {
                    continue;
                }
                let start = norm.char_index_of_byte(base + b);
                let kind = if w.chars().all(|c| c.is_ascii_digit()) { ConceptKind::Number } else { ConceptKind::Latin };
                push(&mut out, w.to_string(), kind, start..start + w.chars().count());
            }
        }
        i = end;
    }
    out
}

/// jieba leaves names and words it does not know as single characters
/// (`两多`, `张俊九`): in a keyword query, a run of two or more adjacent
/// single Han characters that are not function words is one concept, found
/// contiguously. (A question keeps them apart: there a verb often follows a
/// name, `硕塞卒于…`, and its bigrams rank adjacency anyway.)
pub(crate) fn merge_single_characters(cs: Vec<Concept>) -> Vec<Concept> {
    let mut out: Vec<Concept> = Vec::with_capacity(cs.len());
    let mut run = 0usize;
    for c in cs {
        let single = c.kind == ConceptKind::Han && !c.function_word && c.range.len() == 1;
        if single {
            if let Some(last) = out.last_mut().filter(|l| run > 0 && l.range.end == c.range.start) {
                last.text.push_str(&c.text);
                last.range.end = c.range.end;
                last.function_word = false;
                run += 1;
                continue;
            }
            run = 1;
        } else {
            run = 0;
        }
        out.push(c);
    }
    out
}

fn push(out: &mut Vec<Concept>, text: String, kind: ConceptKind, range: Range<usize>) {
    let function_word = is_function_word(&text, kind);
    out.push(Concept { text, kind, function_word, range, words: Vec::new(), alternatives: Vec::new() });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Lexicon;

    fn cs(q: &str) -> Vec<(String, ConceptKind, bool)> {
        let n = Normalized::new(q);
        let a = Analyzer::for_text(&Lexicon::builtin(), Default::default(), &n);
        concepts(&n, &a).into_iter().map(|c| (c.text, c.kind, c.function_word)).collect()
    }

    #[test]
    fn mixed_query() {
        let c = cs("2000年ICFTU的代表团");
        let texts: Vec<_> = c.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(texts, ["2000", "年", "icftu", "的", "代表团"]);
        assert_eq!(c[0].1, ConceptKind::Number);
        assert_eq!(c[2].1, ConceptKind::Latin);
        assert!(c[3].2, "的 is a function word");
    }

    #[test]
    fn traditional_query_is_simplified() {
        let texts: Vec<_> = cs("國際勞工局").into_iter().map(|x| x.0).collect();
        assert_eq!(texts.concat(), "国际劳工局");
    }

    #[test]
    fn unknown_strings_stay_whole() {
        let merged = |q: &str| {
            let n = Normalized::new(q);
            let a = Analyzer::for_text(&Lexicon::builtin(), Default::default(), &n);
            merge_single_characters(concepts(&n, &a)).into_iter().map(|c| c.text).collect::<Vec<_>>()
        };
        assert_eq!(merged("两多"), ["两多"]);
        assert_eq!(merged("谁是张俊九").last().map(String::as_str), Some("张俊九"));
        assert_eq!(merged("是两多的"), ["是", "两多", "的"]);
    }

    #[test]
    fn question_words_are_function_words() {
        for w in ["什么", "哪一年", "谁", "的", "是"] {
            assert!(is_function_word(w, ConceptKind::Han), "{w}");
        }
        assert!(is_question_word("什么") && !is_question_word("的"));
        assert!(!is_function_word("工会", ConceptKind::Han));
        assert!(is_function_word("which", ConceptKind::Latin) && is_function_word("the", ConceptKind::Latin));
        assert!(!chinese::GRAMMAR_WORDS.iter().any(|w| chinese::QUESTION_WORDS.contains(w)), "one list per word");
    }

    #[test]
    fn punctuation_only_has_no_concepts() {
        assert!(cs("，。！？…").is_empty());
    }
}
