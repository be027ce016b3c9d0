//! The tantivy queries a plan is built from.
//!
//! Term matches use tantivy's own `TermQuery`, whose scorer supports
//! block-max WAND: a query that is a union of terms (one word; a question)
//! finds its top hits without scoring every matching passage.

use crate::analysis::charclass::CharClass;
use crate::analysis::lang::chinese::is_question_char;
use crate::analysis::{Normalized, stem};
use crate::index::Fields;
use crate::search::query::{Concept, ConceptKind};
use crate::search::scoring::safe_seek::safe_seek;
use crate::search::scoring::substring::Substring;
use crate::translate::{Alternative, Source, Vocabulary};
use crate::tuning::Ranking;
use std::ops::Range;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, DisjunctionMaxQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

/// A BM25-scored term.
pub(super) fn term(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), IndexRecordOption::WithFreqs))
}

/// `q` weighted by `w`.
pub(super) fn boost(q: Box<dyn Query>, w: f32) -> Box<dyn Query> {
    if (w - 1.0).abs() < f32::EPSILON { q } else { Box::new(BoostQuery::new(q, w)) }
}

/// Every one of `parts`.
pub(super) fn all_of(parts: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(parts.into_iter().map(|p| (Occur::Must, p)).collect()))
}

/// Any of `parts` (scores add up).
pub(super) fn any_of(parts: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(parts.into_iter().map(|p| (Occur::Should, p)).collect()))
}

/// A concept that must be in the passage (keyword queries, exclusions):
/// itself, or any of its alternatives (one concept: the best of them
/// counts, as a disjunction, not each as a separate requirement).
///
/// Han text is present when its characters are (the substring decides);
/// the word adds score where it stands as a word. An English word is its
/// word or its stem; an expression is all its words.
///
/// A two-character word is its own bigram, so every passage with the word
/// has the bigram. `alone` (the whole query is this concept) makes the two a
/// union of terms, where block-max WAND finds the top hits without scoring
/// every match; among other required concepts the bigram is required and
/// the word optional, so that intersecting seeks through one posting list
/// instead of through a union of two.
pub(super) fn required_concept(c: &Concept, norm: &Normalized, f: &Fields, r: &Ranking, alone: bool) -> Box<dyn Query> {
    let direct = match c.kind {
        ConceptKind::Han => han_required(&c.text, Substring::new(norm, c.range.clone()), f, r, alone),
        ConceptKind::Latin | ConceptKind::Number => {
            all_of(c.english_words().into_iter().map(|w| english_word(w, f, r, 1.0)).collect())
        }
    };
    with_alternatives(direct, c, f, r, true)
}

fn han_required(text: &str, sub: Option<Substring>, f: &Fields, r: &Ranking, alone: bool) -> Box<dyn Query> {
    let word = boost(term(f.words, text), r.words);
    match sub {
        Some(sub) if alone && sub.is_one_bigram() => any_of(vec![boost(term(f.grams, &sub.terms[0].1), r.grams), word]),
        Some(sub) => {
            Box::new(BooleanQuery::new(vec![(Occur::Must, boost(sub.query(f.grams), r.grams)), (Occur::Should, word)]))
        }
        None => word,
    }
}

/// A required Han concept as flat terms (its word, and bigrams covering its
/// characters) for a union block-max WAND can prune, when those terms are
/// in every passage that has the concept: not for a lone character (it may
/// stand inside other words only), text with punctuation, or a concept with
/// translations. The same weights as [`required_concept`], but a phrase is
/// scored as the sum of its covering bigrams (each with its own frequency),
/// not by how often the phrase itself occurs (see `scoring/filtered_union.rs`).
pub(super) fn covering_terms(c: &Concept, norm: &Normalized, f: &Fields, r: &Ranking) -> Option<Vec<Box<dyn Query>>> {
    if !is_plain_han(c) {
        return None;
    }
    let sub = Substring::new(norm, c.range.clone())?;
    let mut terms = vec![boost(term(f.words, &c.text), r.words)];
    terms.extend(phrase_cover(&sub, f, r)?);
    Some(terms)
}

/// A quoted phrase as flat terms: the bigrams covering its characters, if
/// every passage with the phrase has them (not a lone character, which may
/// end a run as a unigram or start any bigram; not text with punctuation,
/// checked on the text).
pub(super) fn phrase_cover(sub: &Substring, f: &Fields, r: &Ranking) -> Option<Vec<Box<dyn Query>>> {
    (sub.single.is_none() && !sub.needs_verify).then(|| cover(sub, f, r))
}

/// Han text without translations: its clauses are terms of the word and
/// bigram fields only (no disjunction of alternatives).
pub(super) fn is_plain_han(c: &Concept) -> bool {
    c.kind == ConceptKind::Han && c.alternatives.is_empty()
}

/// Is `c` alone a union of two terms ([`required_concept`] with `alone`):
/// a two-character word, its own bigram?
pub(super) fn is_bigram_word(c: &Concept, norm: &Normalized) -> bool {
    is_plain_han(c) && Substring::new(norm, c.range.clone()).is_some_and(|s| s.is_one_bigram())
}

/// Bigram terms of `sub` that cover every character (weighted as its phrase).
fn cover(sub: &Substring, f: &Fields, r: &Ranking) -> Vec<Box<dyn Query>> {
    sub.terms.iter().zip(&sub.sparse).filter(|t| *t.1).map(|((_, g), _)| boost(term(f.grams, g), r.grams)).collect()
}

/// An English word: as written in the text (words field), by its stem in
/// English text and in translations.
fn english_word(w: &str, f: &Fields, r: &Ranking, weight: f32) -> Box<dyn Query> {
    let s = stem(w);
    any_of(vec![
        boost(term(f.words, w), r.words * weight),
        boost(term(f.english, &s), r.english * weight),
        boost(term(f.translation_terms, &s), r.english * weight),
    ])
}

fn source_weight(s: Source, r: &Ranking) -> f32 {
    match s {
        Source::Glossary => r.glossary,
        Source::Dictionary => r.dictionary,
        Source::Pinyin => r.pinyin,
    }
}

/// The query for one alternative: Chinese text for an English concept, an
/// English key (stems) for a Chinese one.
fn alternative(a: &Alternative, of: ConceptKind, f: &Fields, r: &Ranking) -> Box<dyn Query> {
    let w = source_weight(a.source, r);
    if of == ConceptKind::Han {
        let stems: Vec<Box<dyn Query>> = a.text.split(' ').map(|s| boost(term(f.english, s), r.english * w)).collect();
        return all_of(stems);
    }
    let norm = Normalized::new(&a.text);
    let sub = Substring::new(&norm, 0..norm.len_chars());
    boost(han_required(norm.text(), sub, f, r, false), w)
}

fn with_alternatives(direct: Box<dyn Query>, c: &Concept, f: &Fields, r: &Ranking, required: bool) -> Box<dyn Query> {
    if c.alternatives.is_empty() {
        return direct;
    }
    let mut all = vec![direct];
    all.extend(c.alternatives.iter().map(|a| alternative(a, c.kind, f, r)));
    if required { Box::new(DisjunctionMaxQuery::with_tie_breaker(all, r.alternatives_tie)) } else { any_of(all) }
}

/// How a concept of a natural-language query scores (nothing is required:
/// the question's words are evidence, not conditions). A concept with
/// alternatives is one disjunction, so that two translations of one word
/// do not count twice; a plain word stays a union of terms, which block-max
/// WAND can prune.
pub(super) fn concept_terms(c: &Concept, f: &Fields, r: &Ranking) -> Vec<Box<dyn Query>> {
    let w = if c.function_word { r.function_word } else { 1.0 };
    let direct: Vec<Box<dyn Query>> = match c.kind {
        ConceptKind::Han => vec![boost(term(f.words, &c.text), r.words * w)],
        ConceptKind::Latin | ConceptKind::Number => {
            c.english_words().into_iter().map(|word| english_word(word, f, r, w)).collect()
        }
    };
    if c.alternatives.is_empty() {
        return direct;
    }
    let mut all = vec![any_of(direct)];
    all.extend(c.alternatives.iter().map(|a| boost(alternative(a, c.kind, f, r), w)));
    vec![Box::new(DisjunctionMaxQuery::with_tie_breaker(all, r.alternatives_tie))]
}

/// Every distinct Han bigram of the text (bigrams holding a question
/// character or a character of the `grammar` ranges are the question's
/// grammar, not its subject: `哪一`, `是谁`, `的规`; letter bigrams of English
/// words would match any English embedded in Chinese text).
pub(super) fn question_bigrams<'n>(norm: &'n Normalized, grammar: &[Range<usize>]) -> Vec<&'n str> {
    let mut seen = std::collections::HashSet::new();
    crate::analysis::bigrams(norm)
        .iter()
        .filter(|t| t.end - t.start == 2)
        .filter(|t| !grammar.iter().any(|g| t.chars().any(|i| g.contains(&i))))
        .filter(|t| t.chars().all(|i| norm.class_at(i) == CharClass::Han || norm.char_at(i).is_numeric()))
        .map(|t| t.text(norm))
        .filter(|t| !t.chars().any(is_question_char))
        .filter(|t| seen.insert(*t))
        .collect()
}

/// `bigrams` without the common ones (see [`Ranking::common_bigram`]),
/// unless none of the others is in the corpus.
pub(super) fn rare_bigrams<'n>(bigrams: Vec<&'n str>, vocabulary: &dyn Vocabulary, r: &Ranking) -> Vec<&'n str> {
    let share = (vocabulary.num_docs() as f64 * f64::from(r.common_bigram)) as u64;
    let most = share.max(r.common_min_df);
    let dfs: Vec<u64> = bigrams.iter().map(|g| vocabulary.han_df(g)).collect();
    if !dfs.iter().any(|&df| df > 0 && df <= most) {
        return bigrams;
    }
    bigrams.into_iter().zip(dfs).filter(|&(_, df)| df <= most).map(|(g, _)| g).collect()
}

/// The English words of the text as an exact phrase of the English text or
/// of the translation (stop words keep their places), if it has two or more.
pub(super) fn english_phrase(norm: &Normalized, f: &Fields, weight: f32) -> Option<Box<dyn Query>> {
    english_in_order(norm, f, weight, 2)
}

/// The English words of a quoted atom in the English text or the
/// translation: its word, or its words as a phrase; `None` without any.
pub(super) fn english_atom(norm: &Normalized, f: &Fields, weight: f32) -> Option<Box<dyn Query>> {
    english_in_order(norm, f, weight, 1)
}

fn english_in_order(norm: &Normalized, f: &Fields, weight: f32, least: usize) -> Option<Box<dyn Query>> {
    let (toks, stems) = crate::analysis::english(norm);
    if toks.len() < least.max(1) {
        return None;
    }
    let first = toks[0].position as usize;
    let phrase = |field: Field| -> Box<dyn Query> {
        if let [stem] = stems.as_slice() {
            return term(field, stem);
        }
        let terms: Vec<(usize, Term)> = toks
            .iter()
            .zip(&stems)
            .map(|(t, s)| (t.position as usize - first, Term::from_field_text(field, s)))
            .collect();
        safe_seek(Box::new(tantivy::query::PhraseQuery::new_with_offset(terms)))
    };
    Some(boost(any_of(vec![phrase(f.english), phrase(f.translation_terms)]), weight))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Passages as strings: a bigram's frequency is the passages holding it.
    struct Passages(&'static [&'static str]);

    impl Vocabulary for Passages {
        fn han_df(&self, s: &str) -> u64 {
            self.0.iter().filter(|p| p.contains(s)).count() as u64
        }
        fn english_df(&self, _: &str) -> u64 {
            0
        }
        fn num_docs(&self) -> u64 {
            self.0.len() as u64
        }
    }

    #[test]
    fn common_bigrams_are_left_out_unless_all_are_common() {
        let v = Passages(&["工会的规定", "海关的规定", "税收的规定", "港口的规定", "工会会员"]);
        let norm = Normalized::new("工会的规定是什么？");
        let all = question_bigrams(&norm, &[]);
        assert_eq!(all, ["工会", "会的", "的规", "规定", "定是"]);
        let r = |share, min_df| Ranking { common_bigram: share, common_min_df: min_df, ..Ranking::default() };
        // 的规 and 规定 are in 4 of 5 passages, 工会 in 2, 会的 in 1, 定是 in none.
        assert_eq!(rare_bigrams(all.clone(), &v, &r(0.5, 0)), ["工会", "会的", "定是"]);
        assert_eq!(rare_bigrams(all.clone(), &v, &r(1.0, 0)), all);
        // Nothing is common in too few passages.
        assert_eq!(rare_bigrams(all.clone(), &v, &r(0.5, 4)), all);
        let common = Normalized::new("的规定");
        assert_eq!(rare_bigrams(question_bigrams(&common, &[]), &v, &r(0.5, 0)), ["的规", "规定"]);
        // 定是 is in no passage: not a rarer bigram to keep instead.
        let absent = Normalized::new("的规定是");
        assert_eq!(rare_bigrams(question_bigrams(&absent, &[]), &v, &r(0.5, 0)), ["的规", "规定", "定是"]);
    }
}
