//! The tantivy directory readers open a generation with: one that can read
//! an index it may not write (another user's, a read-only mount).
//!
//! tantivy takes its meta lock (an exclusive `flock` on
//! `.tantivy-meta.lock`, opened for writing) every time a reader opens the
//! segments, so that a writer's garbage collection cannot delete a file
//! between reading `meta.json` and opening it. Without write permission the
//! lock file cannot be opened and tantivy fails with "Failed to acquire
//! Lockfile", so a read-only index could not be searched at all. Here the
//! lock is still taken where it can be (it protects a reader racing a
//! writer), and skipped where it cannot: no lock file can be opened for
//! writing there, so no yuanwen writer can be writing either. Everything
//! else is the plain [`MmapDirectory`].

use std::io;
use std::path::Path;
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, META_LOCK, MmapDirectory, WatchCallback, WatchHandle, WritePtr,
};

/// [`MmapDirectory`] whose meta lock is skipped when it cannot be taken for
/// want of write permission.
#[derive(Clone, Debug)]
pub(crate) struct ReaderDirectory {
    inner: MmapDirectory,
}

impl ReaderDirectory {
    /// The directory at `dir`.
    pub(crate) fn open(dir: &Path) -> Result<ReaderDirectory, OpenDirectoryError> {
        Ok(ReaderDirectory { inner: MmapDirectory::open(dir)? })
    }
}

/// Could the lock file not be opened for want of permission (a read-only
/// file, directory or mount)?
fn unwritable(e: &LockError) -> bool {
    match e {
        LockError::IoError(e) => {
            matches!(e.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem)
        }
        LockError::LockBusy => false,
    }
}

impl Directory for ReaderDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.inner.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.inner.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.inner.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.inner.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.inner.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.inner.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.inner.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.inner.acquire_lock(lock) {
            Err(e) if lock.filepath == META_LOCK.filepath && unwritable(&e) => {
                // Nothing to release: no lock was taken.
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.inner.watch(watch_callback)
    }
}
