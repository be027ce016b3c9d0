//! The index directory: generations, the `CURRENT` pointer, and the writer
//! lock.
//!
//! ```text
//! index/
//!   .gitignore     keeps the directory in git, its contents out
//!   LOCK           held (flock) by the one process that writes
//!   CURRENT        names the live generation, replaced atomically (rename)
//!   gen-000007/    a tantivy index + yuanwen.json (settings) + manifest-*.json
//! ```
//!
//! Incremental updates commit into the live generation (tantivy commits are
//! atomic). A full rebuild writes a new generation beside it and switches
//! `CURRENT` only once the new one is committed and synced, so readers see the
//! old index or the new one, never a mix, and a killed rebuild leaves the old
//! one live.

use crate::error::{Error, Result};
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

const CURRENT: &str = "CURRENT";
const LOCK: &str = "LOCK";
const GEN_PREFIX: &str = "gen-";

/// The index directory.
#[derive(Clone, Debug)]
pub(crate) struct Store {
    root: PathBuf,
}

/// Exclusive right to write the index, released on drop.
#[derive(Debug)]
pub(crate) struct WriteLock {
    _file: File,
}

impl Store {
    /// The store at `root` (nothing is created yet).
    pub(crate) fn new(root: impl Into<PathBuf>) -> Store {
        Store { root: root.into() }
    }

    /// Create the directory (and its `.gitignore`) if needed.
    pub(crate) fn ensure(&self) -> Result<()> {
        fs::create_dir_all(&self.root).map_err(|e| Error::io(&self.root, e))?;
        let gi = self.root.join(".gitignore");
        if !gi.exists() {
            fs::write(&gi, "# The index is built from corpus/ by `yuanwen index`; never commit it.\n*\n!.gitignore\n")
                .map_err(|e| Error::io(&gi, e))?;
        }
        Ok(())
    }

    /// Take the writer lock without waiting; `Ok(None)` if another process
    /// holds it.
    pub(crate) fn try_lock(&self) -> Result<Option<WriteLock>> {
        self.ensure()?;
        let path = self.root.join(LOCK);
        let file =
            OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(WriteLock { _file: file })),
            Err(fs::TryLockError::WouldBlock) => Ok(None),
            Err(fs::TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }

    /// Take the writer lock, waiting for another writer to finish.
    pub(crate) fn lock(&self) -> Result<WriteLock> {
        self.ensure()?;
        let path = self.root.join(LOCK);
        let file =
            OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| Error::io(&path, e))?;
        file.lock().map_err(|e| Error::io(&path, e))?;
        Ok(WriteLock { _file: file })
    }

    /// Has a generation been published (is there a `CURRENT`)?
    pub(crate) fn has_current(&self) -> bool {
        self.root.join(CURRENT).exists()
    }

    /// The live generation's directory, if there is one.
    pub(crate) fn current(&self) -> Result<Option<PathBuf>> {
        let path = self.root.join(CURRENT);
        match fs::read_to_string(&path) {
            Ok(name) => {
                let name = name.trim();
                if !name.starts_with(GEN_PREFIX) || name.contains(['/', '\\']) {
                    return Err(Error::Damaged { path: self.root.clone(), message: format!("CURRENT names {name:?}") });
                }
                Ok(Some(self.root.join(name)))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::io(&path, e)),
        }
    }

    /// Directory for a new generation (numbered after every existing one).
    pub(crate) fn new_generation(&self, _lock: &WriteLock) -> Result<PathBuf> {
        let next = self.generations()?.iter().filter_map(|p| gen_number(p)).max().map_or(1, |n| n + 1);
        let dir = self.root.join(format!("{GEN_PREFIX}{next:06}"));
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(dir)
    }

    /// Make `dir` the live generation (atomically), then delete every other
    /// generation.
    pub(crate) fn publish(&self, dir: &Path, lock: &WriteLock) -> Result<()> {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let tmp = self.root.join("CURRENT.tmp");
        let write = || -> std::io::Result<()> {
            let mut f = File::create(&tmp)?;
            f.write_all(name.as_bytes())?;
            f.sync_all()?;
            fs::rename(&tmp, self.root.join(CURRENT))?;
            sync_dir(&self.root)
        };
        write().map_err(|e| Error::io(self.root.join(CURRENT), e))?;
        self.remove_stale(lock)
    }

    /// Delete generations other than the live one (left by a full rebuild
    /// that was interrupted, or replaced by a newer one).
    pub(crate) fn remove_stale(&self, _lock: &WriteLock) -> Result<()> {
        let live = self.current()?;
        for g in self.generations()? {
            if Some(&g) != live.as_ref() {
                // A reader may still have it open; on Unix its files stay
                // readable until closed.
                let _ = fs::remove_dir_all(&g);
            }
        }
        Ok(())
    }

    fn generations(&self) -> Result<Vec<PathBuf>> {
        let rd = match fs::read_dir(&self.root) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&self.root, e)),
        };
        Ok(rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| gen_number(p).is_some()).collect())
    }
}

fn gen_number(p: &Path) -> Option<u64> {
    p.file_name()?.to_str()?.strip_prefix(GEN_PREFIX)?.parse().ok()
}

/// fsync a directory so a rename in it is durable.
pub(crate) fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Write `bytes` to `path` atomically and durably (temp file, fsync, rename).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = path.with_extension("tmp");
    let w = || -> std::io::Result<()> {
        let mut f = File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    };
    w().map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_writer_at_a_time() {
        let d = tempfile::tempdir().unwrap();
        let s = Store::new(d.path().join("index"));
        let held = s.try_lock().unwrap().expect("first lock");
        assert!(s.try_lock().unwrap().is_none());
        drop(held);
        assert!(s.try_lock().unwrap().is_some());
        assert!(d.path().join("index/.gitignore").exists());
    }

    #[test]
    fn publish_switches_and_cleans() {
        let d = tempfile::tempdir().unwrap();
        let s = Store::new(d.path());
        let lock = s.lock().unwrap();
        let g1 = s.new_generation(&lock).unwrap();
        s.publish(&g1, &lock).unwrap();
        assert_eq!(s.current().unwrap(), Some(g1.clone()));
        let g2 = s.new_generation(&lock).unwrap();
        assert_ne!(g1, g2);
        s.publish(&g2, &lock).unwrap();
        assert_eq!(s.current().unwrap(), Some(g2));
        assert!(!g1.exists());
    }
}
