//! The index on disk: building, updating, opening.
//!
//! - [`update`] brings the index in line with the corpus: only files whose
//!   content changed are re-read, removed files' documents are deleted, and a
//!   change of analysis (settings, user dictionary, format) rebuilds
//!   everything into a new generation that replaces the old one atomically.
//! - [`freshness`] is the cheap check (file list, sizes, modification times)
//!   that `search` runs before searching.
//! - [`Snapshot`] is one consistent, read-only view of the live generation.

mod doc;
mod generation;
mod manifest;
mod merge;
mod plan;
mod schema;
mod sections;
mod snapshot;
mod store;
mod update;
mod watch;
mod writer;

pub use doc::{KIND_HEADING, KIND_PARAGRAPH, KIND_SECTION, from_stored, is_section, passage_key, to_tantivy};
pub use generation::{FORMAT_VERSION, Generation, GenerationMeta, fingerprint};
pub use manifest::{FileState, Manifest, Stamp, hash_files};
pub use plan::{Freshness, freshness};
pub use schema::{Fields, build_schema, dup_bucket};
pub use sections::{SectionDocs, section_id, section_term};
pub use snapshot::Snapshot;
pub use store::{Store, WriteLock, sync_dir, write_atomic};
pub use update::{LockWait, NoProgress, Progress, UpdateReport, update};
pub use watch::watch;
