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
pub(crate) struct FileState {
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
    pub(crate) fn same_stat(&self, f: &CorpusFile) -> bool {
        self.size == f.size && self.mtime_ns == f.mtime_ns && self.translation == f.translation
    }

    /// Was it skipped because reading it failed (permissions, an I/O error)?
    /// Such a file is read again on the next run: `chmod` moves neither its
    /// size nor its modification time, so the cheap check cannot see it
    /// become readable.
    pub(crate) fn read_failed(&self) -> bool {
        self.skipped.as_deref().is_some_and(|why| why.starts_with(crate::corpus::CANNOT_READ))
    }
}

/// A config file (user dictionary, glossary) as last seen.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Stamp {
    /// Bytes.
    pub size: u64,
    /// Modification time, ns since the epoch.
    pub mtime_ns: u64,
}

impl Stamp {
    /// The stamp of `path`, if it exists.
    pub(crate) fn of(path: Option<&Path>) -> Option<Stamp> {
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
pub(crate) struct Manifest {
    /// The corpus directory (absolute).
    pub corpus: String,
    /// Files by path relative to the corpus.
    pub files: BTreeMap<String, FileState>,
    /// The user dictionary when the index was built.
    pub user_dict: Option<Stamp>,
}

impl Manifest {
    /// Number of documents in the index.
    pub(crate) fn documents(&self) -> u64 {
        self.files.values().map(|f| f.documents).sum()
    }
}

/// Content hash of a file and its translation, streamed.
pub(crate) fn hash_files(root: &Path, rel: &str, translation: Option<&str>) -> std::io::Result<String> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::FileFormat;

    fn state(size: u64, mtime_ns: u64, translation: Option<&str>) -> FileState {
        FileState {
            size,
            mtime_ns,
            hash: "h".into(),
            translation: translation.map(str::to_string),
            documents: 3,
            skipped: None,
        }
    }

    #[test]
    fn the_cheap_check_compares_size_time_and_translation() {
        let f = CorpusFile { rel: "a.txt".into(), format: FileFormat::Text, translation: None, size: 10, mtime_ns: 5 };
        assert!(state(10, 5, None).same_stat(&f));
        assert!(!state(11, 5, None).same_stat(&f));
        assert!(!state(10, 6, None).same_stat(&f));
        assert!(!state(10, 5, Some("a.en.txt")).same_stat(&f), "a translation that appeared");
        let unread =
            FileState { skipped: Some("cannot read: Permission denied; skipped".into()), ..state(10, 5, None) };
        assert!(unread.read_failed());
        let binary =
            FileState { skipped: Some("binary file (contains NUL bytes), skipped".into()), ..state(10, 5, None) };
        assert!(!binary.read_failed() && !state(10, 5, None).read_failed());
    }

    #[test]
    fn the_hash_sees_bytes_moved_between_a_file_and_its_translation() {
        let dir = tempfile::tempdir().unwrap();
        let write = |a: &str, b: &str| {
            std::fs::write(dir.path().join("a.txt"), a).unwrap();
            std::fs::write(dir.path().join("a.en.txt"), b).unwrap();
            hash_files(dir.path(), "a.txt", Some("a.en.txt")).unwrap()
        };
        let one = write("工会\n", "union\n");
        assert_eq!(one, write("工会\n", "union\n"), "the same bytes, the same hash");
        assert_ne!(one, write("工会\nu", "nion\n"));
        assert_eq!(one.len(), 32);
        assert!(hash_files(dir.path(), "missing.txt", None).is_err());
        assert!(Stamp::of(Some(&dir.path().join("missing.txt"))).is_none());
        assert_eq!(Stamp::of(Some(&dir.path().join("a.txt"))).map(|s| s.size), Some(8));
        assert!(Stamp::of(None).is_none());
    }

    #[test]
    fn a_manifest_counts_documents_and_round_trips_through_json() {
        let mut m = Manifest { corpus: "/c".into(), ..Default::default() };
        m.files.insert("a.txt".into(), state(1, 2, Some("a.en.txt")));
        m.files.insert("b.txt".into(), FileState { skipped: Some("binary".into()), documents: 0, ..state(1, 2, None) });
        assert_eq!(m.documents(), 3);
        let json = serde_json::to_string(&m).unwrap();
        assert!(!json.contains("\"skipped\":null") && !json.contains("\"translation\":null"), "{json}");
        let back: Manifest = serde_json::from_str(&json).unwrap();
        assert_eq!(back, m);
    }
}
