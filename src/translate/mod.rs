//! Crossing languages: English queries that find Chinese text, Chinese
//! queries that find English text, pinyin.
//!
//! - [`Glossary`]: the user's `corpus/glossary.tsv` (`english<TAB>chinese`),
//!   read at query time, first in precedence.
//! - CC-CEDICT (`data/cedict/`, CC BY-SA 4.0), compiled by `build.rs` into the
//!   tables of `tables.rs`, with English read by the rules of
//!   `english_key.rs` on both sides.
//! - `Expander`: turns query words into [`Alternative`]s, keeping only
//!   those the corpus contains.

mod english_key;
mod expand;
mod glossary;
mod pinyin;
mod tables;

pub use expand::{Alternative, Source};
pub(crate) use expand::{Expander, Vocabulary};
pub use glossary::Glossary;
