//! Presentation: what a hit shows of a passage.
//!
//! - `highlight.rs` finds exactly the matched text of a passage (in its
//!   canonical form, mapped back to the original bytes);
//! - `snippet.rs` cuts the best-matching stretch around the matches,
//!   measured in characters and cut at clause ends ([`Snippet`]);
//! - `aligned.rs` picks the part of a translation a snippet stands for;
//! - `matched.rs` says how each query word matched a passage.

mod aligned;
mod highlight;
mod matched;
mod snippet;

pub(crate) use aligned::aligned_snippet;
pub(crate) use highlight::find_matches;
pub(crate) use matched::{WordCheck, expanded_share, matched};
pub use snippet::Snippet;
pub(crate) use snippet::{make_snippet, snippet_in};
