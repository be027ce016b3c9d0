//! The library's error type.

use std::path::PathBuf;

/// Everything that can go wrong in the library, with the context a user needs
/// to act on it (which file, which line, which part of the query).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A corpus file could not be read as text.
    #[error("{}: {message}", path.display())]
    BadFile {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// The user dictionary or glossary has a malformed line.
    #[error("{}:{line}: {message}", path.display())]
    Dictionary {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The query cannot be searched.
    #[error("invalid query: {0}")]
    Query(String),
    /// The index does not exist yet.
    #[error("no index at {}: run `yuanwen index` first", path.display())]
    NoIndex {
        /// The index directory.
        path: PathBuf,
    },
    /// The index is damaged or was written by an incompatible version.
    #[error("the index at {} is damaged or unreadable ({message}); rebuild it with `yuanwen index --full`", path.display())]
    Damaged {
        /// The index directory.
        path: PathBuf,
        /// What was found.
        message: String,
    },
    /// Another process is writing the index.
    #[error("another `yuanwen index` is updating {} (lock held); try again when it finishes", path.display())]
    Locked {
        /// The index directory.
        path: PathBuf,
    },
    /// An error inside tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// The index folder is the corpus folder or inside it: its files would
    /// be written among the user's texts (and hide them from git).
    #[error(
        "the index folder {} is inside the corpus {}: its files would be written among your texts; \
         choose an --index outside the corpus (for example beside it)",
        index.display(),
        corpus.display()
    )]
    IndexInCorpus {
        /// The corpus directory.
        corpus: PathBuf,
        /// The index directory.
        index: PathBuf,
    },
    /// The index was built from another corpus folder, which still exists:
    /// updating would silently replace that corpus's index.
    #[error(
        "the index at {} was built from the corpus {built_from}, not {}: give another --index for this corpus, \
         or `yuanwen index --full` to replace it",
        index.display(),
        corpus.display()
    )]
    OtherCorpus {
        /// The index directory.
        index: PathBuf,
        /// The corpus it was built from (as its manifest records it).
        built_from: String,
        /// The corpus it was asked to index now.
        corpus: PathBuf,
    },
    /// A passage address that is not one ([`PassageId`](crate::search::PassageId)).
    #[error("`{id}` is not a passage id (16 hex digits, `-`, a passage number)")]
    BadPassageId {
        /// What was given (at most 80 characters of it).
        id: String,
    },
    /// The query is longer than a search accepts.
    #[error("the query is {bytes} bytes long; at most {max} are searched (a pasted passage of that size is plenty)")]
    QueryTooLong {
        /// Its length in bytes (UTF-8).
        bytes: usize,
        /// [`MAX_QUERY_BYTES`](crate::search::MAX_QUERY_BYTES).
        max: usize,
    },
}

impl Error {
    /// Wrap an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
