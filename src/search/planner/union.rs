//! A keyword query of common Han words as one union of terms.
//!
//! A keyword query requires its words as substrings: phrases of bigrams,
//! which tantivy scores on every passage that holds all their bigrams. When
//! the query is only Han words (and function words), it can instead be
//! scored as one union of the words and the bigrams covering them, which
//! block-max WAND prunes, with the required clauses checked only where a
//! passage could rank (`scoring/filtered_union.rs`). That pays when every word is common;
//! an intersection led by a rare word is faster. A query of one word takes
//! the union from [`Ranking::union_min_df`] passages on.

use super::clauses::{any_of, covering_terms, is_plain_han, phrase_cover};
use crate::analysis::Normalized;
use crate::index::Fields;
use crate::search::query::Concept;
use crate::search::scoring::filtered_union::filtered_union;
use crate::search::scoring::substring::Substring;
use crate::translate::Expander;
use crate::tuning::Ranking;
use tantivy::query::{BooleanQuery, Occur, Query};

/// The union is used when each word is in at least one passage in this
/// many: for common words it is several times faster, for a rare one the
/// intersection it leads is (docs/performance.md, "Decisions").
const COMMON: u64 = 25;

/// The union of terms being gathered while a plan is built; `None` once
/// the query holds something a union cannot stand for.
pub(super) struct TermUnion {
    terms: Option<Vec<Box<dyn Query>>>,
    /// The required words, whose frequencies decide.
    words: Vec<String>,
}

impl Default for TermUnion {
    fn default() -> Self {
        TermUnion { terms: Some(Vec::new()), words: Vec::new() }
    }
}

impl TermUnion {
    /// The query holds a clause the union cannot stand for.
    pub(super) fn give_up(&mut self) {
        self.terms = None;
    }

    /// A required concept: its word and covering bigrams.
    pub(super) fn require(&mut self, c: &Concept, norm: &Normalized, f: &Fields, r: &Ranking) {
        self.add_required(&c.text, covering_terms(c, norm, f, r));
    }

    /// A required quoted phrase: the bigrams covering it.
    pub(super) fn require_phrase(&mut self, sub: &Substring, f: &Fields, r: &Ranking) {
        self.add_required(&sub.canonical, phrase_cover(sub, f, r));
    }

    /// Required `text`, as `cover` (`None`: no union can stand for it).
    fn add_required(&mut self, text: &str, cover: Option<Vec<Box<dyn Query>>>) {
        match (&mut self.terms, cover) {
            (Some(terms), Some(cover)) => {
                terms.extend(cover);
                self.words.push(text.to_string());
            }
            _ => self.give_up(),
        }
    }

    /// An optional concept's `terms` (a function word's).
    pub(super) fn add_optional(&mut self, c: &Concept, terms: &[Box<dyn Query>]) {
        if !is_plain_han(c) {
            self.give_up();
        }
        if let Some(all) = &mut self.terms {
            all.extend(terms.iter().map(|t| t.box_clone()));
        }
    }

    /// The whole query as the union, checked against `required`, if that
    /// pays: one word (or phrase) in [`Ranking::union_min_df`] passages or
    /// more, several words each in one passage in [`COMMON`] or more.
    pub(super) fn query(self, required: &[Box<dyn Query>], expander: &Expander, r: &Ranking) -> Option<Box<dyn Query>> {
        let terms = self.terms.filter(|_| !required.is_empty())?;
        let v = expander.vocabulary;
        let union_pays = match self.words.as_slice() {
            [word] => v.han_df(word) >= r.union_min_df,
            words => words.iter().all(|w| v.han_df(w).saturating_mul(COMMON) >= v.num_docs()),
        };
        if !union_pays {
            return None;
        }
        let all = required.iter().map(|q| (Occur::Must, q.box_clone())).collect();
        Some(filtered_union(any_of(terms), Box::new(BooleanQuery::new(all))))
    }
}
