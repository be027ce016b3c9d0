//! A consistent read-only view of the live index.

use super::damage::guarded;
use super::generation::Generation;
use super::manifest::Manifest;
use super::store::Store;
use crate::error::{Error, Result};
use std::path::Path;
use tantivy::{IndexReader, ReloadPolicy, Searcher};

/// The live generation, opened for searching: its searcher sees one commit
/// for as long as the snapshot lives, whatever writers do meanwhile.
pub(crate) struct Snapshot {
    /// The generation.
    pub generation: Generation,
    /// Its manifest at the commit the searcher sees.
    pub manifest: Manifest,
    reader: IndexReader,
}

impl Snapshot {
    /// Open the live generation of the index at `dir`.
    pub(crate) fn open(dir: &Path) -> Result<Snapshot> {
        let store = Store::new(dir);
        // A full rebuild may replace the generation between reading CURRENT
        // and opening it: read CURRENT again then.
        let mut last_err = None;
        for _ in 0..5 {
            let Some(gen_dir) = store.current()? else {
                return Err(Error::NoIndex { path: dir.to_path_buf() });
            };
            match Generation::open_read(&gen_dir) {
                Ok(generation) => {
                    // A damaged segment can abort the process (an
                    // allocation of petabytes), which no boundary catches:
                    // check the files before reading them.
                    generation.verify()?;
                    let reader = guarded(&gen_dir, || {
                        let builder = generation.index.reader_builder().reload_policy(ReloadPolicy::Manual);
                        builder.try_into().map_err(|e| Error::Damaged { path: gen_dir.clone(), message: e.to_string() })
                    })?;
                    let manifest = generation.manifest()?;
                    return Ok(Snapshot { generation, manifest, reader });
                }
                // Gone: replaced by a rebuild since CURRENT was read?
                Err(e) if !gen_dir.exists() => last_err = Some(e),
                Err(e) => return Err(e),
            }
        }
        Err(last_err.unwrap_or(Error::NoIndex { path: dir.to_path_buf() }))
    }

    /// The searcher.
    pub(crate) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }
}
