//! The index on disk: building, updating, opening.
//!
//! - [`update`] brings the index in line with the corpus: only files whose
//!   content changed are re-read, removed files' documents are deleted, and a
//!   change of analysis (settings, user dictionary, format) rebuilds
//!   everything into a new generation that replaces the old one atomically
//!   ([`UpdateReport::rebuilt`] says why).
//! - [`freshness`] is the cheap check (file list, sizes, modification times)
//!   that `search` runs before searching; [`exists`] says whether there is
//!   an index at all.
//! - [`watch`] keeps the index current while the corpus changes.
//! - [`check`] compares the index with its manifest, document by document.
//!
//! The layout on disk and the guarantees (atomic switch, one writer, what
//! survives a kill) are in docs/architecture.md, "The index".

mod apply;
mod changes;
mod check;
mod damage;
mod directory;
mod generation;
mod manifest;
mod merge;
mod report;
mod schema;
mod sections;
mod snapshot;
mod store;
mod stored;
mod update;
mod verified;
mod watch;
mod writer;

pub use changes::{Freshness, StaleReason, freshness};
pub use check::{CheckReport, Problem, check};
pub use report::{LockWait, NoProgress, Progress, RebuildReason, UpdateReport};
pub use update::update;
pub use watch::{WatchEvent, watch};

pub(crate) use damage::guarded;
pub(crate) use schema::{FieldName, Fields, StoredKind, dup_bucket};
pub(crate) use sections::{section_id, section_term};
pub(crate) use snapshot::Snapshot;
pub(crate) use stored::{from_stored, paragraphs_of, passages_of};

/// Is there an index (a published generation) in `dir`? It may still be
/// stale or damaged: [`freshness`] and opening a
/// [`Searcher`](crate::Searcher) tell.
pub fn exists(dir: impl AsRef<std::path::Path>) -> bool {
    store::Store::new(dir.as_ref()).has_current()
}
