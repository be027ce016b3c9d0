//! yuanwen (原文): bilingual full-text search for source passages.
//!
//! A corpus folder of Chinese (Simplified or Traditional) and English texts
//! is cut into paragraph documents, analysed by one pipeline for documents
//! and queries alike ([`analysis`]: width/case folding, Traditional →
//! Simplified, jieba words, character bigrams, English stems), indexed with
//! tantivy ([`index`]), and searched with exact highlights and
//! character-measured snippets ([`search`]).
//!
//! The main types:
//! - [`IndexOptions`] + [`index::update`]: build or refresh an index;
//! - [`Searcher`] + [`SearchOptions`]: query it, getting [`SearchResults`]
//!   of [`Hit`]s, each a [`Document`] with its [`Snippet`];
//! - [`Error`]: everything that can fail, with the file/line/query concerned.
//!
//! The library never prints, never reads environment variables or
//! configuration files, and never exits; the `yuanwen` binary (feature
//! `cli`) is a thin front end over it. Use it with `default-features =
//! false` to leave the front end's dependencies out.
//!
//! ```
//! use yuanwen::{IndexOptions, SearchOptions, Searcher, index};
//! # let dir = tempfile::tempdir()?;
//! # let corpus = dir.path().join("corpus");
//! # std::fs::create_dir(&corpus)?;
//! std::fs::write(corpus.join("a.txt"), "中华全国总工会与国际劳工局合作。\n")?;
//! let opts = IndexOptions::new(&corpus, dir.path().join("index"));
//! index::update(&opts, index::LockWait::Wait, &index::NoProgress)?;
//! let results = Searcher::open(&opts.index)?.search("工会", &SearchOptions::default())?;
//! let hit = &results.hits[0];
//! assert_eq!((hit.document.path.as_str(), hit.document.line), ("a.txt", 1));
//! assert_eq!(hit.snippet.char_highlights(), [(5, 7)]); // 工会 inside 总工会
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]
#![doc(test(attr(deny(warnings))))]

pub mod analysis;
mod corpus;
mod error;
pub mod index;
mod options;
pub mod search;
mod translate;
pub mod tuning;

pub use corpus::{DocKind, Document, Warning};
pub use error::{Error, Result};
pub use options::IndexOptions;
pub use search::{Hit, Location, SearchOptions, SearchResults, Searcher, Snippet};
pub use translate::{Alternative, Glossary, Source};
