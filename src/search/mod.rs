//! Searching: query syntax, query plans, highlights and snippets.
//!
//! [`Searcher::search`] parses the query ([`parse_query`]), analyses it with
//! the index's own dictionary, builds a tantivy query ([`plan`]), collects
//! hits, folds duplicate passages into one, and cuts a [`Snippet`] with exact
//! highlights for each.

mod columns;
mod concepts;
mod distinct;
pub(crate) mod guard;
mod highlight;
mod plan;
mod raised;
mod rerank;
mod searcher;
mod sections;
mod snippet;
mod substring;
mod syntax;
mod verified;

pub use concepts::{
    CHINESE_GRAMMAR_WORDS, Concept, ConceptKind, QUESTION_WORDS, concepts, is_function_word, is_question_word,
    merge_single_characters, translate_concepts,
};
pub use highlight::{Match, find_matches, merge};
pub use plan::{
    AtomExplanation, Explanation, HighlightGroup, HighlightTerms, QueryPlan, Ranking, is_question_char, path_matches,
    plan,
};
pub use searcher::{Hit, Location, SearchOptions, SearchResults, Searcher};
pub use snippet::{Snippet, make_snippet};
pub use substring::Substring;
pub use syntax::{Atom, KNOWN_FIELDS, ParsedQuery, parse_query};
