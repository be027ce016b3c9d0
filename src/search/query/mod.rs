//! What the user typed: query syntax ([`Atom`]s in groups, exclusions,
//! `file:` filters) and the concepts each atom asks for ([`Concept`]).

mod atom;
mod concepts;
mod lexer;
mod syntax;

pub use atom::Atom;
#[cfg(test)]
pub(crate) use concepts::is_function_word;
pub use concepts::{Concept, ConceptKind};
pub(crate) use concepts::{concepts, is_question_word, merge_single_characters, translate_concepts};
pub use syntax::MAX_QUERY_BYTES;
pub(crate) use syntax::{Near, ParsedQuery, parse_query};
