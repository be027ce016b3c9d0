//! One generation of the index: a tantivy index plus `yuanwen.json`, which
//! records how it was analysed, and the manifest its last commit names.

use super::damage::guarded;
use super::directory::ReaderDirectory;
use super::manifest::Manifest;
use super::schema::{Fields, build_schema};
use super::store::{Store, write_atomic};
use super::verified::{verify, verify_all, verify_and_record};
use crate::analysis::{Analyzer, Lexicon};
use crate::error::{Error, Result};
use crate::tuning::AnalysisSettings;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tantivy::store::Compressor;
use tantivy::{Index, IndexSettings};

/// Bumped whenever the schema or analysis changes in a way old indexes
/// cannot serve; part of the fingerprint.
pub(crate) const FORMAT_VERSION: u32 = 6;

const META_FILE: &str = "yuanwen.json";
pub(crate) const MANIFEST_PREFIX: &str = "manifest-";

/// How a generation was built (immutable for its lifetime).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct GenerationMeta {
    /// [`FORMAT_VERSION`] of the writer.
    pub format: u32,
    /// Version of yuanwen that created it.
    pub engine: String,
    /// Fingerprint of everything that changes analysis.
    pub fingerprint: String,
    /// Analysis settings.
    pub settings: AnalysisSettings,
    /// Resolved user dictionary entries (word, frequency).
    pub user_dict: Vec<(String, u64)>,
}

impl GenerationMeta {
    /// The lexicon the generation was analysed with.
    pub(crate) fn lexicon(&self) -> Lexicon {
        Lexicon::from_user_entries(&self.user_dict)
    }
}

/// Fingerprint of the analysis: format, settings and the user dictionary's
/// bytes.
pub(crate) fn fingerprint(settings: &AnalysisSettings, user_dict: Option<&[u8]>) -> String {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&FORMAT_VERSION.to_le_bytes());
    h.update(serde_json::to_string(settings).unwrap_or_default().as_bytes());
    h.update(&[user_dict.is_some() as u8]);
    h.update(user_dict.unwrap_or_default());
    format!("{:032x}", h.digest128())
}

/// An open generation.
pub(crate) struct Generation {
    /// Its directory.
    pub dir: PathBuf,
    /// The tantivy index.
    pub index: Index,
    /// Resolved fields.
    pub fields: Fields,
    /// How it was built.
    pub meta: GenerationMeta,
    /// Made by [`Generation::create`] in this process: deleted on drop
    /// unless published by then.
    created: bool,
}

fn damaged(dir: &Path, message: impl std::fmt::Display) -> Error {
    Error::Damaged { path: dir.to_path_buf(), message: message.to_string() }
}

impl Generation {
    /// Create an empty generation in `dir`, a new directory
    /// ([`Store::new_generation`]). Dropped before it is published, it is
    /// deleted (see `Drop`); if creating it fails, so is the directory.
    pub(crate) fn create(dir: &Path, meta: GenerationMeta) -> Result<Generation> {
        let created = Generation::create_in(dir, meta);
        if created.is_err() && !dir.join(META_FILE).exists() {
            let _ = std::fs::remove_dir_all(dir);
        }
        created
    }

    fn create_in(dir: &Path, meta: GenerationMeta) -> Result<Generation> {
        // Stored text in LZ4 blocks of 8 KiB. zstd stores less, but every
        // block it decompresses first builds a decompression context (with
        // a CPUID probe that traps in a VM), which cost more than the search
        // itself; smaller blocks read less per hit, down to 8 KiB
        // (docs/performance.md, "Decisions"). The bytes LZ4 adds were found
        // in the postings (`schema.rs`).
        let settings = IndexSettings {
            docstore_compression: Compressor::Lz4,
            docstore_blocksize: 8 * 1024,
            ..IndexSettings::default()
        };
        let index = Index::builder().schema(build_schema()).settings(settings).create_in_dir(dir)?;
        let bytes = serde_json::to_vec_pretty(&meta).expect("meta serialises");
        write_atomic(&dir.join(META_FILE), &bytes)?;
        let fields = Fields::of(&index.schema())?;
        Ok(Generation { dir: dir.to_path_buf(), index, fields, meta, created: true })
    }

    /// Open the generation in `dir` (for writing: tantivy's own directory,
    /// with its locks).
    pub(crate) fn open(dir: &Path) -> Result<Generation> {
        Generation::open_with(dir, |dir: &Path| Index::open_in_dir(dir))
    }

    /// Open the generation in `dir` for reading: one the process may not
    /// write (another user's, a read-only mount) opens too
    /// ([`ReaderDirectory`]).
    pub(crate) fn open_read(dir: &Path) -> Result<Generation> {
        Generation::open_with(dir, |dir: &Path| Index::open(ReaderDirectory::open(dir)?))
    }

    fn open_with(dir: &Path, open_index: impl FnOnce(&Path) -> tantivy::Result<Index>) -> Result<Generation> {
        let meta_path = dir.join(META_FILE);
        let bytes = match std::fs::read(&meta_path) {
            Ok(b) => b,
            Err(_) if !dir.exists() => return Err(damaged(dir, "CURRENT names it, but it does not exist")),
            Err(e) => return Err(damaged(dir, format!("{META_FILE}: {e}"))),
        };
        let meta: GenerationMeta =
            serde_json::from_slice(&bytes).map_err(|e| damaged(dir, format!("{META_FILE}: {e}")))?;
        if meta.format != FORMAT_VERSION {
            return Err(damaged(dir, format!("written by index format {} (this is {FORMAT_VERSION})", meta.format)));
        }
        let index = guarded(dir, || open_index(dir).map_err(|e| damaged(dir, e)))?;
        let fields = Fields::of(&index.schema()).map_err(|e| damaged(dir, e))?;
        Ok(Generation { dir: dir.to_path_buf(), index, fields, meta, created: false })
    }

    /// The format version recorded in `dir`, if readable.
    pub(crate) fn format_of(dir: &Path) -> Option<u32> {
        let bytes = std::fs::read(dir.join(META_FILE)).ok()?;
        let v: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
        v.get("format")?.as_u64().map(|f| f as u32)
    }

    /// Check the checksum of every segment file no writer checked yet (a
    /// flipped bit fails here, [`verified`](super::verified)), record them
    /// as checked, and open every segment (truncated or missing files fail
    /// here). What `index` does before it trusts the live generation.
    pub(crate) fn validate(&self) -> Result<()> {
        verify_and_record(&self.dir, &self.index)?;
        guarded(&self.dir, || self.index.reader().map(drop).map_err(|e| damaged(&self.dir, e)))
    }

    /// Check the checksum of every segment file no writer checked, for a
    /// reader about to open them.
    pub(crate) fn verify(&self) -> Result<()> {
        verify(&self.dir, &self.index)
    }

    /// Check the checksum of every segment file, whatever the record says.
    pub(crate) fn verify_all(&self) -> Result<()> {
        verify_all(&self.dir, &self.index)
    }

    /// Record the files of the last commit as checked (for the writer that
    /// made it).
    pub(crate) fn record_verified(&self) -> Result<()> {
        verify_and_record(&self.dir, &self.index)
    }

    /// Register the analysis tokenizers on the index.
    pub(crate) fn register(&self, analyzer: &Analyzer) {
        analyzer.register(&self.index);
    }

    /// The manifest named by the last commit (empty for a new generation).
    pub(crate) fn manifest(&self) -> Result<Manifest> {
        let metas = self.index.load_metas().map_err(|e| damaged(&self.dir, e))?;
        let Some(name) = metas.payload else {
            return Ok(Manifest::default());
        };
        let path = self.dir.join(&name);
        let bytes = std::fs::read(&path).map_err(|e| damaged(&self.dir, format!("{name}: {e}")))?;
        serde_json::from_slice(&bytes).map_err(|e| damaged(&self.dir, format!("{name}: {e}")))
    }

    /// Write `manifest` to a new file and return its name (for the payload
    /// of the commit that it describes).
    pub(crate) fn write_manifest(&self, manifest: &Manifest) -> Result<String> {
        let nonce = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let name = format!("{MANIFEST_PREFIX}{nonce:x}-{}.json", std::process::id());
        let bytes = serde_json::to_vec(manifest).expect("manifest serialises");
        write_atomic(&self.dir.join(&name), &bytes)?;
        Ok(name)
    }

    /// Delete manifests other than `keep`.
    pub(crate) fn remove_old_manifests(&self, keep: &str) {
        if let Ok(rd) = std::fs::read_dir(&self.dir) {
            for e in rd.flatten() {
                let name = e.file_name();
                let name = name.to_string_lossy();
                if name.starts_with(MANIFEST_PREFIX) && name != keep {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
}

/// A generation built by this process and dropped before `CURRENT` named it
/// is one whose build failed (a full disk, a bad file, an error in
/// tantivy): its half-written directory goes with it, rather than take up
/// space until a later rebuild. An update drops it holding the writer
/// lock, so no other writer is building into it; no reader ever opened it.
impl Drop for Generation {
    fn drop(&mut self) {
        if !self.created {
            return;
        }
        let Some(root) = self.dir.parent() else {
            return;
        };
        if Store::new(root).current().ok().flatten().as_deref() != Some(self.dir.as_path()) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}
