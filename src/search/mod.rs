//! Searching: query syntax, query plans, highlights and snippets.
//!
//! [`Searcher::search`] parses the query ([`parse_query`]), analyses it with
//! the index's own dictionary, builds a tantivy query ([`plan`]), collects
//! hits, folds duplicate passages into one, and cuts a [`Snippet`] with exact
//! highlights for each.

mod bm25;
mod concepts;
mod guard;
mod highlight;
mod plan;
mod rerank;
mod searcher;
mod snippet;
mod substring;
mod syntax;

pub use bm25::{Bm25, Bm25TermQuery};
pub use concepts::{
    CHINESE_FUNCTION_WORDS, Concept, ConceptKind, QUESTION_WORDS, concepts, is_function_word, is_question_word,
    merge_single_characters,
};
pub use highlight::{Match, find_matches, merge};
pub use plan::{AtomExplanation, Explanation, HighlightGroup, HighlightTerms, QueryPlan, Ranking, path_matches, plan};
pub use searcher::{Hit, Location, SearchOptions, SearchResults, Searcher};
pub use snippet::{Snippet, make_snippet};
pub use substring::Substring;
pub use syntax::{Atom, KNOWN_FIELDS, ParsedQuery, parse_query};
