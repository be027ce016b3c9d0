//! Exact substring matching on the bigram field.
//!
//! A canonical string becomes a phrase of the bigrams its runs of searchable
//! characters produce (every one: a bigram is what says two characters are
//! adjacent, with no punctuation between them), with the run-end unigram of every run but the last, at the positions the document
//! side gives them (one per searchable character). A single character is its
//! unigram or any bigram it starts. When the string holds punctuation or
//! spaces, or ends in a one-character run, the index can only narrow the
//! candidates, and [`Substring::needs_verify`] says the stored text must be
//! checked.

use super::safe_seek::safe_seek;
use crate::analysis::Normalized;
use std::ops::{Bound, Range};
use tantivy::Term;
use tantivy::query::{PhraseQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};

/// An exact-substring requirement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Substring {
    /// The canonical text that must occur.
    pub canonical: String,
    /// (offset, bigram or unigram) terms that must line up.
    pub terms: Vec<(usize, String)>,
    /// Which of `terms` still cover every character when taken alone (every
    /// other bigram of a run, its last, the unigrams): enough for a score
    /// bonus, not for a condition.
    pub sparse: Vec<bool>,
    /// A lone character: matched by its unigram or bigrams it starts.
    pub single: Option<char>,
    /// The index match is only a candidate; check the text.
    pub needs_verify: bool,
}

impl Substring {
    /// The substring `range` (canonical characters) of `norm`; `None` if it
    /// holds no searchable character.
    pub(crate) fn new(norm: &Normalized, range: Range<usize>) -> Option<Substring> {
        let mut runs: Vec<Vec<usize>> = Vec::new();
        let mut prev_searchable = false;
        let mut has_other = false;
        for i in range.clone() {
            if norm.class_at(i).is_searchable() {
                if !prev_searchable {
                    runs.push(Vec::new());
                }
                runs.last_mut().expect("pushed").push(i);
                prev_searchable = true;
            } else {
                has_other = true;
                prev_searchable = false;
            }
        }
        if runs.is_empty() {
            return None;
        }
        let text = norm.text();
        let slice = |a: usize, b: usize| text[norm.byte_of(a)..norm.byte_of(b)].to_string();
        let canonical = slice(range.start, range.end);
        let (mut terms, mut sparse) = (Vec::new(), Vec::new());
        let mut pos = 0;
        let last_run = runs.len() - 1;
        for (k, run) in runs.iter().enumerate() {
            let len = run.len();
            // Every bigram of the run. Positions skip punctuation, so
            // every other bigram would let 代表大会 match 代表，大会: only
            // the bigram 表大 tells them apart.
            for (j, &c) in run.iter().enumerate().take(len.saturating_sub(1)) {
                terms.push((pos + j, slice(c, c + 2)));
                sparse.push(j % 2 == 0 || j + 2 == len);
            }
            if k < last_run {
                terms.push((pos + len - 1, slice(run[len - 1], run[len - 1] + 1)));
                sparse.push(true);
            }
            pos += len;
        }
        let single = (runs.len() == 1 && runs[0].len() == 1).then(|| norm.char_at(runs[0][0]));
        let needs_verify = has_other || (runs.len() > 1 && runs[last_run].len() == 1);
        Some(Substring { canonical, terms, sparse, single, needs_verify })
    }

    /// Is it exactly one bigram (two adjacent characters, nothing else)?
    pub(crate) fn is_one_bigram(&self) -> bool {
        self.terms.len() == 1 && self.single.is_none() && !self.needs_verify
    }

    /// The index query for this substring on the bigram `field`: exactly
    /// the passages that contain it (unless [`Substring::needs_verify`]).
    pub(crate) fn query(&self, field: Field) -> Box<dyn Query> {
        if let Some(c) = self.single {
            return single_char_query(c, field);
        }
        let mut terms: Vec<(usize, Term)> =
            self.terms.iter().map(|(o, t)| (*o, Term::from_field_text(field, t))).collect();
        if terms.len() == 1 {
            let (_, t) = terms.pop().expect("one term");
            return Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs));
        }
        safe_seek(Box::new(PhraseQuery::new_with_offset(terms)))
    }
}

/// A character alone: its run-end unigram or any bigram it starts, that is
/// every term from `c` up to (not including) the next character — a range
/// of the term dictionary, with no automaton to build.
fn single_char_query(c: char, field: Field) -> Box<dyn Query> {
    let lower = Bound::Included(Term::from_field_text(field, c.encode_utf8(&mut [0; 4])));
    let upper = match next_char(c) {
        Some(n) => Bound::Excluded(Term::from_field_text(field, n.encode_utf8(&mut [0; 4]))),
        None => Bound::Unbounded,
    };
    Box::new(RangeQuery::new(lower, upper))
}

/// The character after `c` in code point (= UTF-8 byte) order.
pub(crate) fn next_char(c: char) -> Option<char> {
    let mut n = c as u32 + 1;
    if (0xD800..0xE000).contains(&n) {
        n = 0xE000;
    }
    char::from_u32(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(s: &str) -> Substring {
        let n = Normalized::new(s);
        Substring::new(&n, 0..n.len_chars()).expect("searchable")
    }

    #[test]
    fn bigram_cover() {
        let s = sub("会与国");
        assert_eq!(s.terms, [(0, "会与".into()), (1, "与国".into())]);
        assert!(!s.needs_verify && s.single.is_none());
        let s = sub("国际劳工局");
        assert_eq!(s.terms, [(0, "国际".into()), (1, "际劳".into()), (2, "劳工".into()), (3, "工局".into())]);
        assert_eq!(s.sparse, [true, false, true, true]);
        assert_eq!(sub("工会").terms, [(0, "工会".into())]);
    }

    #[test]
    fn spaces_between_digits_and_han_vanish() {
        assert_eq!(sub("2000 年"), sub("2000年"));
        assert!(!sub("2000年").needs_verify);
    }

    #[test]
    fn punctuation_needs_verification() {
        let s = sub("会，与国");
        assert_eq!(s.terms, [(0, "会".into()), (1, "与国".into())]);
        assert!(s.needs_verify);
        assert_eq!(s.canonical, "会,与国");
        let s = sub("bill j");
        assert_eq!(s.terms, [(0, "bi".into()), (1, "il".into()), (2, "ll".into()), (3, "l".into())]);
        assert!(s.needs_verify);
    }

    #[test]
    fn single_characters() {
        assert_eq!(sub("鸿").single, Some('鸿'));
        assert_eq!(sub("，鸿。").single, Some('鸿'));
        assert!(sub("，鸿。").needs_verify);
        let n = Normalized::new("，。");
        assert!(Substring::new(&n, 0..n.len_chars()).is_none());
    }

    #[test]
    fn next_character_skips_surrogates() {
        assert_eq!(next_char('交'), Some('亥'));
        assert_eq!(next_char('\u{D7FF}'), Some('\u{E000}'));
        assert_eq!(next_char(char::MAX), None);
        // The range [c, next) holds c's unigram and every bigram it starts.
        assert!("交" < "交通" && "交通" < "亥" && "交\u{10FFFF}" < "亥");
    }
}
