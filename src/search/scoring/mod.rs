//! Scoring: the custom tantivy queries and collectors a plan is made of,
//! and the second stage that re-ranks a question's candidates.
//!
//! - `substring.rs`: an exact substring as a phrase of bigrams (or a
//!   range of terms for one character);
//! - `safe_seek.rs`: a wrapper that answers backward `seek_danger` calls
//!   (the quickwit-oss/tantivy#2811 workaround);
//! - `offset_score.rs`: a wrapper that adds a constant to a query's scores
//!   (the tier of a keyword stretch found as typed);
//! - `filtered_union.rs`: a union of terms, pruned by block-max WAND, that
//!   keeps only the documents a second query (a phrase) matches;
//! - `distinct.rs`: the top-k collector that keeps one document per passage;
//! - `columns.rs`: the fast-field columns a search reads per candidate;
//! - `rerank.rs`: coverage and proximity for a question's best candidates;
//! - `containment.rs`: how much of a passage a pasted text holds;
//! - `approximate.rs`: where a stretch stands with a character or two
//!   different (near matches).

pub(crate) mod approximate;
pub(crate) mod columns;
pub(crate) mod containment;
pub(crate) mod distinct;
pub(crate) mod filtered_union;
pub(crate) mod occurrences;
pub(crate) mod offset_score;
pub(crate) mod rerank;
pub(crate) mod safe_seek;
pub(crate) mod substring;
