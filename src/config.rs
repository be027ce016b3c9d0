//! Plain option structs for the library's entry points (no CLI types here).

use crate::analysis::WordSettings;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Everything that changes how text is analysed; part of the index's
/// fingerprint, so changing it forces a full rebuild.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalysisSettings {
    /// How Han text becomes words.
    pub words: WordSettings,
}

/// Where the corpus and index are, and how to build.
#[derive(Clone, Debug)]
pub struct IndexOptions {
    /// The corpus directory.
    pub corpus: PathBuf,
    /// The index directory.
    pub index: PathBuf,
    /// Rebuild everything even if the index is current.
    pub full: bool,
    /// Indexing threads (0: one per core, at most 4).
    pub threads: usize,
    /// Writer memory budget in bytes, shared by the threads.
    pub memory_budget: usize,
    /// Analysis settings.
    pub analysis: AnalysisSettings,
}

impl IndexOptions {
    /// Options for `corpus` and `index` with defaults for the rest.
    pub fn new(corpus: impl Into<PathBuf>, index: impl Into<PathBuf>) -> IndexOptions {
        IndexOptions {
            corpus: corpus.into(),
            index: index.into(),
            full: false,
            threads: 0,
            memory_budget: 256 << 20,
            analysis: AnalysisSettings::default(),
        }
    }

    /// The number of indexing threads to use.
    pub fn thread_count(&self) -> usize {
        if self.threads > 0 {
            return self.threads;
        }
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(4)
    }
}
