//! The index directory: generations, the `CURRENT` pointer, and the writer
//! lock.
//!
//! ```text
//! index/
//!   .gitignore     keeps the directory in git, its contents out (only in
//!                  a directory the store created)
//!   LOCK           held (flock) by the one process that writes
//!   CURRENT        names the live generation, replaced atomically (rename)
//!   gen-000007/    a tantivy index + yuanwen.json (settings) + manifest-*.json
//!                  + verified.json (files whose checksums were checked)
//! ```
//!
//! Only what it made is the store's: it deletes nothing but directories
//! named like its generations, and a damaged `CURRENT` never stops a full
//! rebuild from writing a new generation and replacing it.
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

    /// Create the directory if needed, with a `.gitignore` that keeps the
    /// index out of git — only in a directory this call created: one that
    /// existed is the user's (a folder given as `--index`, perhaps in a
    /// repository), and what git sees there is theirs to decide.
    pub(crate) fn ensure(&self) -> Result<()> {
        if self.root.is_dir() {
            return Ok(());
        }
        if let Some(parent) = self.root.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        match fs::create_dir(&self.root) {
            Ok(()) => {}
            // Another process created it first: it writes the `.gitignore`.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && self.root.is_dir() => return Ok(()),
            Err(e) => return Err(Error::io(&self.root, e)),
        }
        let gi = self.root.join(".gitignore");
        fs::write(&gi, "# The index is built from corpus/ by `yuanwen index`; never commit it.\n*\n!.gitignore\n")
            .map_err(|e| Error::io(&gi, e))
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

    /// The live generation's directory, if there is one. A `CURRENT` that
    /// does not hold exactly a generation's name (empty, cut short, a bit
    /// flipped, bytes appended, not text) is [`Error::Damaged`]: only the
    /// writer's atomic rename ever puts anything there. A well-formed name
    /// whose directory is missing is returned as it is: opening it tells,
    /// and a reader racing a rebuild reads `CURRENT` again then.
    pub(crate) fn current(&self) -> Result<Option<PathBuf>> {
        let path = self.root.join(CURRENT);
        let bytes = match fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(Error::io(&path, e)),
        };
        match std::str::from_utf8(&bytes).map(str::trim) {
            Ok(name) if is_generation_name(name) => Ok(Some(self.root.join(name))),
            _ => Err(Error::Damaged {
                path: self.root.clone(),
                message: format!("{CURRENT} holds {:?}, not a generation's name", String::from_utf8_lossy(&bytes)),
            }),
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
    /// that was interrupted or failed, or replaced by a newer one). With a
    /// damaged `CURRENT` nothing is deleted: which one is live is unknown,
    /// and a rebuild publishing a new `CURRENT` deletes them after.
    pub(crate) fn remove_stale(&self, _lock: &WriteLock) -> Result<()> {
        let Ok(live) = self.current() else {
            return Ok(());
        };
        for g in self.generations()? {
            if Some(&g) != live.as_ref() {
                // A reader may still have it open; on Unix its files stay
                // readable until closed.
                let _ = fs::remove_dir_all(&g);
            }
        }
        Ok(())
    }

    /// The generation directories: only what is recognisably the writer's
    /// own (a real directory named `gen-` and six or more digits) is ever
    /// counted, and so ever deleted.
    fn generations(&self) -> Result<Vec<PathBuf>> {
        let rd = match fs::read_dir(&self.root) {
            Ok(rd) => rd,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(Error::io(&self.root, e)),
        };
        Ok(rd
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
            .map(|e| e.path())
            .filter(|p| gen_number(p).is_some())
            .collect())
    }
}

/// Is `name` a generation's name as [`Store::new_generation`] makes them?
fn is_generation_name(name: &str) -> bool {
    name.strip_prefix(GEN_PREFIX).is_some_and(|n| n.len() >= 6 && n.bytes().all(|b| b.is_ascii_digit()))
}

fn gen_number(p: &Path) -> Option<u64> {
    let name = p.file_name()?.to_str()?;
    if !is_generation_name(name) {
        return None;
    }
    name.strip_prefix(GEN_PREFIX)?.parse().ok()
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

    // See: issue 19, "a `.gitignore` containing `*` into the user's texts".
    #[test]
    fn a_gitignore_only_in_a_folder_the_store_created() {
        let d = tempfile::tempdir().unwrap();
        let made = Store::new(d.path().join("deep/index"));
        drop(made.lock().unwrap());
        assert!(d.path().join("deep/index/.gitignore").exists());
        assert!(!d.path().join("deep/.gitignore").exists(), "not in the parents it made");
        let existing = d.path().join("mine");
        fs::create_dir(&existing).unwrap();
        let given = Store::new(&existing);
        drop(given.lock().unwrap());
        assert!(existing.join(LOCK).exists());
        assert!(!existing.join(".gitignore").exists(), "an existing folder gets none");
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

    /// A state of `CURRENT`: its name, its bytes (`None`: no file), and what
    /// `current` says of it (`None`: no index, `Some(true)`: a generation,
    /// `Some(false)`: damaged).
    type CurrentState = (&'static str, Option<&'static [u8]>, Option<bool>);

    /// The seven states of `CURRENT` a repair met (issue 19).
    fn corruptions() -> [CurrentState; 7] {
        [
            ("empty", Some(b""), Some(false)),
            ("truncated", Some(b"gen-000"), Some(false)),
            ("bit-flipped", Some(b"gen,000001"), Some(false)),
            ("appended", Some(b"gen-000001\x00\x01garbage"), Some(false)),
            ("random", Some(&[0x9f, 0x12, 0xff, 0xfe, 0x00, 0x80, 0x41]), Some(false)),
            ("missing", None, None),
            ("names a missing generation", Some(b"gen-000042"), Some(true)),
        ]
    }

    #[test]
    fn a_rebuild_repairs_any_current_and_deletes_only_its_own() {
        for (what, bytes, reading) in corruptions() {
            let d = tempfile::tempdir().unwrap();
            let s = Store::new(d.path());
            let lock = s.lock().unwrap();
            let g1 = s.new_generation(&lock).unwrap();
            s.publish(&g1, &lock).unwrap();
            assert!(g1.exists());
            // Not the store's: a user's files beside it.
            let foreign = ["notes.txt", "gen-1", "gen-000007.txt", "gen-notes", "gen-0000x1"];
            for (i, name) in foreign.iter().enumerate() {
                match i % 2 {
                    0 => fs::write(d.path().join(name), "mine").unwrap(),
                    _ => fs::create_dir(d.path().join(name)).unwrap(),
                }
            }
            match bytes {
                Some(b) => fs::write(d.path().join(CURRENT), b).unwrap(),
                None => fs::remove_file(d.path().join(CURRENT)).unwrap(),
            }
            let got = match s.current() {
                Ok(live) => live.map(|_| true),
                Err(Error::Damaged { .. }) => Some(false),
                Err(e) => panic!("{what}: {e}"),
            };
            assert_eq!(got, reading, "{what}");
            // What `index --full` does: clean, build beside, publish.
            s.remove_stale(&lock).unwrap();
            let g2 = s.new_generation(&lock).unwrap();
            s.publish(&g2, &lock).unwrap();
            assert_eq!(s.current().unwrap(), Some(g2.clone()), "{what}");
            assert_eq!(s.generations().unwrap(), [g2], "{what}: the replaced generation is deleted");
            for name in foreign {
                assert!(d.path().join(name).exists(), "{what}: {name} is kept");
            }
        }
    }
}
