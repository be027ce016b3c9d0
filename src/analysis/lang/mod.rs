//! Language data: the words each language's analysis treats specially, one
//! list each, beside the stage that uses them.
//!
//! - [`chinese`]: function words (particles, prepositions) and question words;
//! - [`english`]: stop words and question words.

pub(crate) mod chinese;
pub(crate) mod english;
