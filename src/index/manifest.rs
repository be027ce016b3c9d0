//! What the index was built from: per file its size, modification time and
//! content hash, and how many documents it gave.
//!
//! The manifest is written to its own file before the tantivy commit that
//! refers to it (by name, in the commit payload), so the manifest a reader
//! finds always describes exactly the committed documents.

use crate::corpus::CorpusFile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// The state of one corpus file in the index.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileState {
    /// Bytes (file plus translation).
    pub size: u64,
    /// Modification time, ns since the epoch (latest of file and translation).
    pub mtime_ns: u64,
    /// xxh3-128 of the file's bytes (and its translation's), hex.
    pub hash: String,
    /// The translation file, if paired.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
    /// Documents indexed from it.
    pub documents: u64,
    /// Why it was skipped (it then has no documents).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

impl FileState {
    /// Does the cheap check (size, mtime, translation) say `f` is unchanged?
    pub fn same_stat(&self, f: &CorpusFile) -> bool {
        self.size == f.size && self.mtime_ns == f.mtime_ns && self.translation == f.translation
    }
}

/// A config file (user dictionary, glossary) as last seen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Bytes.
    pub size: u64,
    /// Modification time, ns since the epoch.
    pub mtime_ns: u64,
}

impl Stamp {
    /// The stamp of `path`, if it exists.
    pub fn of(path: Option<&Path>) -> Option<Stamp> {
        let m = std::fs::metadata(path?).ok()?;
        let mtime_ns = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_nanos() as u64);
        Some(Stamp { size: m.len(), mtime_ns })
    }
}

/// Everything the index was built from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// The corpus directory (absolute).
    pub corpus: String,
    /// Files by path relative to the corpus.
    pub files: BTreeMap<String, FileState>,
    /// The user dictionary when the index was built.
    pub user_dict: Option<Stamp>,
}

impl Manifest {
    /// Number of documents in the index.
    pub fn documents(&self) -> u64 {
        self.files.values().map(|f| f.documents).sum()
    }
}

/// Content hash of a file and its translation, streamed.
pub fn hash_files(root: &Path, rel: &str, translation: Option<&str>) -> std::io::Result<String> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; 256 * 1024];
    for p in std::iter::once(rel).chain(translation) {
        let mut f = std::fs::File::open(root.join(p))?;
        loop {
            let n = f.read(&mut buf)?;
            if n == 0 {
                break;
            }
            h.update(&buf[..n]);
        }
        // Separate the two files so moving bytes between them changes the hash.
        h.update(&[0xFF, 0x00]);
    }
    Ok(format!("{:032x}", h.digest128()))
}
