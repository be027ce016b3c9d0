//! Plain option structs for the library's entry points (no CLI types here).

use crate::tuning::AnalysisSettings;
use std::path::PathBuf;

/// Where the corpus and index are, and how to build.
///
/// ```
/// let opts = yuanwen::IndexOptions::new("corpus", "index").with_full(true);
/// assert!(opts.full);
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
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
    /// Follow symbolic links that lead outside the corpus (off: they are
    /// reported and skipped, so a link cannot pull a file the user did not
    /// put in the corpus into results). Links inside it are always followed.
    pub follow_links: bool,
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
            follow_links: false,
        }
    }

    /// Rebuild everything even if the index is current.
    pub fn with_full(mut self, full: bool) -> IndexOptions {
        self.full = full;
        self
    }

    /// Indexing threads (0: one per core, at most 4).
    pub fn with_threads(mut self, threads: usize) -> IndexOptions {
        self.threads = threads;
        self
    }

    /// Writer memory budget in bytes, shared by the threads.
    pub fn with_memory_budget(mut self, bytes: usize) -> IndexOptions {
        self.memory_budget = bytes;
        self
    }

    /// How text is analysed (a tuning knob: changing it rebuilds the index).
    pub fn with_analysis(mut self, analysis: AnalysisSettings) -> IndexOptions {
        self.analysis = analysis;
        self
    }

    /// Follow symbolic links that lead outside the corpus too (by default
    /// they are reported and skipped).
    pub fn with_follow_links(mut self, follow: bool) -> IndexOptions {
        self.follow_links = follow;
        self
    }

    /// The number of indexing threads to use.
    pub(crate) fn thread_count(&self) -> usize {
        if self.threads > 0 {
            return self.threads;
        }
        std::thread::available_parallelism().map_or(1, |n| n.get()).min(4)
    }
}
