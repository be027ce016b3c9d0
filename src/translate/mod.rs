//! Crossing languages: English queries that find Chinese text, Chinese
//! queries that find English text, pinyin.
//!
//! - [`Glossary`]: the user's `corpus/glossary.tsv` (`english<TAB>chinese`),
//!   read at query time, first in precedence.
//! - CC-CEDICT (`data/cedict/`, CC BY-SA 4.0), compiled by `build.rs` into the
//!   tables of [`tables`].
//! - [`Expander`]: turns query words into [`Alternative`]s, keeping only
//!   those the corpus contains.

pub mod expand;
pub mod gloss;
pub mod glossary;
pub mod pinyin;
pub mod tables;

pub use expand::{Alternative, Expander, Source, Span, Vocabulary};
pub use glossary::Glossary;
