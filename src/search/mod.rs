//! Searching: from a query string to ranked hits with highlighted snippets.
//!
//! [`Searcher::search`] runs a query in stages, each in its own module:
//! - `query/`: the syntax (atoms, `OR`, exclusions, `file:`) and the
//!   concepts each atom asks for ([`Concept`]);
//! - `planner/`: the plan (the tantivy query, the text conditions, the
//!   re-ranking, the highlights, the [`Explanation`]);
//! - `scoring/`: the custom queries and collectors the plan is made of, and
//!   the second stage of a question;
//! - `collect.rs`, `places.rs`: the best passages, one per passage however
//!   many places it occurs in, and where else each occurs;
//! - `present/`: highlights and [`Snippet`]s.
//!
//! The result types ([`SearchOptions`], [`SearchResults`], [`Hit`],
//! [`Location`]) are in `results.rs`.

mod address;
mod collect;
mod concordance;
mod near;
mod order;
mod places;
mod planner;
mod present;
mod query;
mod results;
mod scoring;
mod searcher;
mod stats;
mod tally;
mod vocabulary;

pub use address::{PassageId, PassageInContext};
pub use concordance::{Concordance, FormCount, KwicLine, KwicSort};
pub use planner::{AtomExplanation, Explanation, Notice, QueryMode};
pub use present::Snippet;
pub use query::{Atom, Concept, ConceptKind, MAX_QUERY_BYTES};
pub use results::{
    Counts, Duplicate, Facets, FileCount, Hit, Location, MatchKind, Matched, SearchOptions, SearchResults,
    SectionCount, Sort, Summary,
};
pub use searcher::Searcher;
pub use stats::{FieldStats, IndexStats};
