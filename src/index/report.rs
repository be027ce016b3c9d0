//! What an update reports: its outcome ([`UpdateReport`], [`RebuildReason`])
//! and its progress ([`Progress`]).

use crate::corpus::Warning;
use serde::Serialize;
use std::time::Duration;

/// Reports progress of a long update (the library never prints; a CLI draws
/// a bar from these calls).
pub trait Progress: Sync {
    /// Indexing starts: this many files and bytes to read.
    fn begin(&self, _files: u64, _bytes: u64) {}
    /// One more file read (of this many bytes).
    fn advance(&self, _bytes: u64) {}
    /// Indexing is over (committing follows).
    fn end(&self) {}
}

/// A [`Progress`] that reports nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;
impl Progress for NoProgress {}

/// Whether to wait for another process that holds the writer lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockWait {
    /// Block until the other writer finishes.
    Wait,
    /// Fail with [`Error::Locked`](crate::Error::Locked).
    NoWait,
}

/// Why an update rebuilt the whole index instead of updating it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RebuildReason {
    /// [`IndexOptions::full`](crate::IndexOptions::full) asked for it.
    Full,
    /// There was no index yet.
    NoIndex,
    /// The index was written by another version of yuanwen (another index
    /// format).
    OtherVersion,
    /// The analysis settings or the user dictionary changed.
    AnalysisChanged,
}

impl std::fmt::Display for RebuildReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            RebuildReason::Full => "--full was given",
            RebuildReason::NoIndex => "there was no index",
            RebuildReason::OtherVersion => "it was written by another version of yuanwen",
            RebuildReason::AnalysisChanged => "the analysis settings or user dictionary changed",
        })
    }
}

/// In JSON, the sentence `Display` gives.
impl Serialize for RebuildReason {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What an update did.
///
/// The file counts add up: every corpus file the scan found (a `.txt`,
/// `.md` or `.jsonl`; a translation counts with its source) is exactly one
/// of `added`, `changed` or `unchanged`, and after the update exactly one of
/// `files` (indexed) or `skipped` (not indexed: unreadable, binary, not
/// text, or changed while read), so `added + changed + unchanged == files +
/// skipped`. `removed` files are gone from the corpus and counted in
/// neither. Files that are not corpus files (a `.pdf`, a hidden file, a link
/// out of the corpus) are only in `warnings`.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct UpdateReport {
    /// Why everything was rebuilt (`None`: incremental).
    pub rebuilt: Option<RebuildReason>,
    /// Corpus files new to the index (read now, whether or not they could be
    /// indexed).
    pub added: usize,
    /// Corpus files whose content changed, or that failed to read last time
    /// (read again now).
    pub changed: usize,
    /// Files gone from the corpus (their documents removed).
    pub removed: usize,
    /// Corpus files left as they were (not read).
    pub unchanged: usize,
    /// Documents added.
    pub documents_added: u64,
    /// Documents removed.
    pub documents_removed: u64,
    /// Corpus files indexed, now (each has its documents in the index).
    pub files: usize,
    /// Corpus files found but not indexed, now (each has a warning saying
    /// why; one skipped in an earlier run is reported again).
    pub skipped: usize,
    /// Documents in the index, now.
    pub documents: u64,
    /// Bytes of corpus read.
    pub bytes_read: u64,
    /// Problems with files and lines (each skipped, nothing else affected).
    pub warnings: Vec<Warning>,
    /// Wall-clock time.
    #[serde(serialize_with = "millis")]
    pub elapsed: Duration,
}

fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_millis() as u64)
}

impl UpdateReport {
    /// Did the update change the index?
    pub fn changed_anything(&self) -> bool {
        self.rebuilt.is_some() || self.added + self.changed + self.removed > 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_serialise_as_their_sentence() {
        let r = UpdateReport { rebuilt: Some(RebuildReason::NoIndex), ..Default::default() };
        let v = serde_json::to_value(&r).expect("json");
        assert_eq!(v["rebuilt"], "there was no index");
        assert_eq!(v["elapsed"], 0);
        assert!(r.changed_anything());
        assert!(!UpdateReport::default().changed_anything());
    }
}
