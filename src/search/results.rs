//! What a search takes and gives: [`SearchOptions`], [`SearchResults`],
//! [`Hit`], [`Location`].

use super::planner::Explanation;
use super::present::Snippet;
use crate::corpus::Document;
use crate::tuning::Ranking;
use serde::Serialize;

/// How to search: built from [`SearchOptions::default`] with the `with_*`
/// setters, so that new options never break a caller.
///
/// ```
/// let opts = yuanwen::SearchOptions::default().with_limit(5).with_width(60);
/// assert_eq!((opts.limit(), opts.width()), (5, 60));
/// ```
#[derive(Clone, Debug)]
pub struct SearchOptions {
    limit: usize,
    width: usize,
    ranking: Ranking,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 10, width: 100, ranking: Ranking::default() }
    }
}

impl SearchOptions {
    /// Hits to return (at least 1; default 10).
    pub fn with_limit(mut self, limit: usize) -> SearchOptions {
        self.limit = limit;
        self
    }

    /// Snippet width in characters (default 100; a translation's snippet
    /// gets twice as many).
    pub fn with_width(mut self, width: usize) -> SearchOptions {
        self.width = width;
        self
    }

    /// Ranking weights (the [`tuning`](crate::tuning) surface; default
    /// [`Ranking::default`]).
    pub fn with_ranking(mut self, ranking: Ranking) -> SearchOptions {
        self.ranking = ranking;
        self
    }

    /// Hits to return.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Snippet width in characters.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Ranking weights.
    pub fn ranking(&self) -> &Ranking {
        &self.ranking
    }
}

/// Where a passage is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct Location {
    /// File, relative to the corpus.
    pub path: String,
    /// 1-based line.
    pub line: u64,
}

/// One result.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// Relevance score (higher is better; comparable within one query).
    pub score: f32,
    /// The passage.
    pub document: Document,
    /// The best-matching stretch of the passage.
    pub snippet: Snippet,
    /// The same for its translation, if it has one.
    pub translation_snippet: Option<Snippet>,
    /// Other places where the same passage occurs.
    pub duplicates: Vec<Location>,
}

/// The outcome of a search.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct SearchResults {
    /// Hits, best first.
    pub hits: Vec<Hit>,
    /// How the query was understood.
    pub query: Explanation,
}
