//! Corpus → documents.
//!
//! - [`scan`] walks the corpus directory and lists the files to index
//!   ([`CorpusFile`]), pairing `NAME.en.txt` translations with `NAME.txt`.
//! - [`read_documents`] streams one file into [`Document`]s: paragraphs of
//!   `.txt`/`.md` files (one per line, or per blank-line block when lines are
//!   wrapped), headings as their own documents that also name the section of
//!   what follows, and the records of `.jsonl` files.
//! - Bytes become text through [`decode`]: UTF-8 (BOM or not), UTF-16 with a
//!   BOM, GB18030/GBK and Big5; binary and undecodable files are reported
//!   ([`Warning`]) and skipped.

mod align;
pub(crate) mod decode;
mod document;
mod file;
mod heading;
mod jsonl;
mod lines;
mod paragraph;
mod title;
pub(crate) mod user_dict;
mod walk;

pub use document::{DocKind, Document};
#[cfg(test)]
pub(crate) use file::FileFormat;
pub(crate) use file::{CANNOT_READ, read_documents};
#[cfg(test)]
pub(crate) use heading::heading;
pub(crate) use walk::{CorpusFile, GLOSSARY_FILE, Scan, USER_DICT_FILE, scan};

use serde::Serialize;

/// Something about the corpus the user should know: a file skipped, a line
/// ignored. Never fatal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Warning {
    /// File, relative to the corpus root.
    pub path: String,
    /// 1-based line, when the problem is on one line.
    pub line: Option<usize>,
    /// What happened.
    pub message: String,
}

impl Warning {
    /// A warning about `path` (and `line`).
    pub(crate) fn new(path: &str, line: Option<usize>, message: String) -> Warning {
        Warning { path: path.to_string(), line, message }
    }
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}
