//! The tuning surface: ranking weights and analysis settings.
//!
//! **Unstable.** These knobs exist so that `examples/lab/eval.rs` can
//! measure each choice (docs/relevance.md, "How to reproduce"); the defaults
//! are what docs/relevance.md reports. They may change, appear or go in any
//! release. A program that only searches never needs them:
//! [`SearchOptions::default`](crate::SearchOptions::default) uses
//! [`Ranking::default`].
//!
//! ```
//! use yuanwen::{SearchOptions, tuning::Ranking};
//! let mut ranking = Ranking::default();
//! ranking.as_typed = 0.0; // no tier for a stretch found as typed
//! let opts = SearchOptions::default().with_ranking(ranking);
//! # let _ = opts;
//! ```

pub use crate::analysis::words::WordSettings;

use serde::{Deserialize, Serialize};

/// Everything that changes how text is analysed; part of the index's
/// fingerprint, so changing it forces a full rebuild. The defaults are
/// what docs/relevance.md measures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AnalysisSettings {
    /// How Han text becomes words.
    pub words: WordSettings,
}

/// Ranking weights and rules, tuned on the CMRC 2018 and DRCD dev sets (see
/// docs/relevance.md for the figures behind each choice).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Ranking {
    /// Weight of a words-field match.
    pub words: f32,
    /// Weight of a bigram-field (substring) match.
    pub grams: f32,
    /// Weight of an English-field match.
    pub english: f32,
    /// Weight of a keyword atom's phrase score (all its characters as
    /// typed) among the passages that hold it: with [`Ranking::as_typed`],
    /// it orders the passages holding the stretch as typed (docs/relevance.md,
    /// "Keyword queries").
    pub adjacency: f32,
    /// Score added to a passage holding a keyword stretch typed without
    /// spaces and cut into 2–4 words exactly as typed, so that those rank
    /// first whatever jieba made of the query (`人民政` is cut 人 + 民政 but
    /// stands in 人民政府). It has to exceed all the rest a keyword query
    /// can score: each BM25 term scores below 2.2 × ln(1 + passages), under
    /// 40 up to 100 M passages; a keyword query has at most
    /// [`Ranking::keyword_max`] atoms of a few words, each scored on two or
    /// three fields and by its phrase (× [`Ranking::adjacency`], over up to
    /// a few dozen bigrams): far below 100,000 (where an `f32` still tells
    /// scores 0.01 apart). Headings score half of everything, this too.
    pub as_typed: f32,
    /// Multiplier for function words.
    pub function_word: f32,
    /// Share of the score a hit loses for each query word it holds only
    /// through folding or an expansion (a variant, a dictionary sense, a
    /// reading), scaled by the share of such words: the passage holding the
    /// query as typed ranks first on otherwise equal evidence.
    pub expanded: f32,
    /// Score multiplier for headings (they are short, so BM25 favours them).
    pub heading: f32,
    /// Queries with at most this many content words require all of them.
    pub keyword_max: usize,
    /// Questions with up to this many content words require only one.
    pub min_match_from: usize,
    /// Share of the content words beyond [`Ranking::min_match_from`] that a
    /// longer query requires.
    pub min_match: f32,
    /// Weight of each bigram of a natural-language query, matched on its own
    /// (robust to segmentation differences between question and passage).
    pub question_bigrams: f32,
    /// Multiplier of [`Ranking::question_bigrams`] for a bigram that is a
    /// two-character word of the question (whose word term is then left
    /// out: the one term stands for both).
    pub word_bigram: f32,
    /// A question's bigram found in more than this share of the passages
    /// (and in more than [`Ranking::common_min_df`]) is left out of its
    /// union of terms, with the two-character word it may be, if the
    /// question has rarer ones: it adds little to any score and costs
    /// block-max WAND the most (`的规`, `规定` of every `……的规定是什么？` on
    /// laws-prc).
    pub common_bigram: f32,
    /// Passages a bigram must be in before it can be too common: a short
    /// list costs nothing to walk.
    pub common_min_df: u64,
    /// A keyword query of one Han word (and function words), or of one
    /// quoted phrase, is scored as a union of terms checked against the
    /// phrase when its rarest bigram is in at least this many passages,
    /// however many passages there are: the phrase reads the positions of
    /// every passage holding all its bigrams, a cost that grows with the
    /// corpus, where block-max WAND stops once the best passages are found
    /// (docs/performance.md, "Decisions"). Below some 1,000 passages the two
    /// cost the same.
    pub union_min_df: u64,
    /// Question candidates re-ranked by coverage and proximity (0: none).
    pub rerank_depth: usize,
    /// Weight of coverage (IDF share of the question's words present).
    pub coverage: f32,
    /// Weight of proximity (IDF share found within one window).
    pub proximity: f32,
    /// Proximity window, in characters.
    pub proximity_window: usize,
    /// Weight of the BM25 of the question's words as exact substrings.
    pub concept_bm25: f32,
    /// Weight of the BM25 of the question's bigrams in the title of the
    /// passage's section (or its `.jsonl` title): the context a passage is
    /// read in.
    pub section: f32,
    /// Weight of a query's English words found in the same order.
    pub english_phrase: f32,
    /// Weight of a glossary translation (relative to the word itself).
    pub glossary: f32,
    /// Weight of a dictionary translation.
    pub dictionary: f32,
    /// Weight of a pinyin reading.
    pub pinyin: f32,
    /// Share of the other alternatives' scores added to the best one's.
    pub alternatives_tie: f32,
    /// Most alternatives per concept.
    pub max_alternatives: usize,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            words: 2.0,
            grams: 0.5,
            english: 1.0,
            adjacency: 10.0,
            as_typed: 100_000.0,
            function_word: 0.1,
            expanded: 0.02,
            heading: 0.5,
            keyword_max: 4,
            min_match_from: 6,
            min_match: 0.25,
            question_bigrams: 2.0,
            word_bigram: 1.5,
            common_bigram: 0.05,
            common_min_df: 10_000,
            union_min_df: 1_500,
            rerank_depth: 30,
            coverage: 0.3,
            proximity: 1.2,
            proximity_window: 25,
            concept_bm25: 0.0,
            section: 2.0,
            english_phrase: 2.0,
            glossary: 0.8,
            dictionary: 0.5,
            pinyin: 0.3,
            alternatives_tie: 0.2,
            max_alternatives: 8,
        }
    }
}

impl Ranking {
    /// Content words a natural-language query of `content` words requires:
    /// one for up to [`Ranking::min_match_from`] words (a question is
    /// answered in other words than it asks in: requiring more loses answers,
    /// see README), then the share [`Ranking::min_match`] of the rest — a
    /// pasted paragraph is matched by passages sharing a good part of it.
    pub fn min_should_match(&self, content: usize) -> usize {
        if content <= self.min_match_from {
            return 1;
        }
        1 + ((content - self.min_match_from) as f32 * self.min_match).ceil() as usize
    }
}
