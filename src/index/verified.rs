//! Checksums: which segment files were checked, so that a reader checks
//! only what changed since.
//!
//! Every file tantivy writes ends with a CRC32 of its contents, and
//! checking it catches any flipped bit. That matters: tantivy trusts the
//! lengths and offsets it reads, and a damaged `.term`, `.fast` or `.store`
//! file makes it panic or ask for petabytes of memory — an abort, which no
//! boundary catches ([`guarded`] catches the panics). Checking every file
//! reads the whole index: 0.2 ms for the shipped corpus's 67 KB, but 18-25
//! ms for the 116 MB index of the 57 MB laws-prc corpus with its pages
//! cached (55 ms the first time), where a whole search takes 6.5 ms.
//!
//! Segment files are written once and never change, though. So a writer
//! checks each file once and records its identity (size, modification and
//! status-change times, inode) in `verified.json`; a reader stats the live
//! files (microseconds) and checks only those the record does not vouch
//! for: every file of a generation no writer recorded (an older index, a
//! copy), and any file written to since (a write moves its times, and the
//! status-change time cannot be set back).

use super::damage::{damaged, guarded};
use super::store::write_atomic;
use crate::error::Result;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;
use tantivy::Directory;
use tantivy::directory::META_LOCK;
use tantivy::{Index, TantivyError};

/// The record, in the generation's directory.
const RECORD: &str = "verified.json";

/// What a file was when its checksum was checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Identity {
    len: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    inode: u64,
}

impl Identity {
    fn of(path: &Path) -> Option<Identity> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
            Some(Identity {
                len: m.len(),
                mtime_ns: ns(m.mtime(), m.mtime_nsec()),
                ctime_ns: ns(m.ctime(), m.ctime_nsec()),
                inode: m.ino(),
            })
        }
        #[cfg(not(unix))]
        {
            let mtime = m.modified().ok()?.duration_since(std::time::UNIX_EPOCH).ok()?;
            Some(Identity { len: m.len(), mtime_ns: mtime.as_nanos() as i128, ctime_ns: 0, inode: 0 })
        }
    }
}

/// Checked files (names relative to the generation) and their identity.
type Record = BTreeMap<String, Identity>;

fn load(dir: &Path) -> Record {
    std::fs::read(dir.join(RECORD)).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or_default()
}

/// Check the checksum of every live segment file of `index` (in `dir`)
/// that the record does not vouch for; [`Error::Damaged`] names the first
/// that fails.
///
/// [`Error::Damaged`]: crate::Error::Damaged
pub(crate) fn verify(dir: &Path, index: &Index) -> Result<()> {
    check(dir, index, &load(dir)).map(drop)
}

/// Check the checksum of every live segment file, whatever the record
/// says (what [`check`](super::check()) does: it reads everything anyway).
pub(crate) fn verify_all(dir: &Path, index: &Index) -> Result<()> {
    check(dir, index, &Record::new()).map(drop)
}

/// [`verify`], then record every live file as checked. For writers (who
/// hold the lock); a record that cannot be written only means that readers
/// check again.
pub(crate) fn verify_and_record(dir: &Path, index: &Index) -> Result<()> {
    let old = load(dir);
    let now = check(dir, index, &old)?;
    if now != old {
        let bytes = serde_json::to_vec(&now).expect("record serialises");
        let _ = write_atomic(&dir.join(RECORD), &bytes);
    }
    Ok(())
}

/// Check what `old` does not vouch for; the record of the live files.
fn check(dir: &Path, index: &Index, old: &Record) -> Result<Record> {
    guarded(dir, || {
        // tantivy's meta lock, as its reader takes it: a writer's garbage
        // collection deletes no file of the segments listed meanwhile.
        let _lock = index.directory().acquire_lock(&META_LOCK).map_err(|e| TantivyError::LockFailure(e, None))?;
        let metas = index.load_metas()?;
        let managed = index.directory().list_managed_files();
        let mut files: Vec<_> = metas.list_segment_files().into_iter().filter(|p| managed.contains(p)).collect();
        files.sort();
        let mut now = Record::new();
        for path in files {
            let name = path.to_string_lossy().into_owned();
            let id = Identity::of(&dir.join(&path));
            let vouched = id.is_some() && old.get(&name) == id.as_ref();
            // A missing file fails to open here.
            if !vouched && !index.directory().validate_checksum(&path).map_err(TantivyError::from)? {
                return Err(damaged(dir, format!("{name} fails its checksum")));
            }
            now.extend(id.map(|id| (name, id)));
        }
        Ok(now)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IndexOptions;
    use crate::error::Error;
    use crate::index::store::Store;
    use crate::index::{LockWait, NoProgress, update};

    #[test]
    fn a_writer_records_what_it_checked_and_a_reader_rechecks_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join("a.txt"), "工会的权利。\n\n会员的义务。\n").unwrap();
        let opts = IndexOptions::new(&corpus, dir.path().join("index"));
        update(&opts, LockWait::Wait, &NoProgress).unwrap();
        let generation = Store::new(&opts.index).current().unwrap().unwrap();
        let index = Index::open_in_dir(&generation).unwrap();
        let record = load(&generation);
        let managed = index.directory().list_managed_files();
        let live = index.load_metas().unwrap().list_segment_files();
        let live: Vec<String> =
            live.iter().filter(|p| managed.contains(*p)).map(|p| p.to_string_lossy().into_owned()).collect();
        assert_eq!(record.keys().collect::<std::collections::BTreeSet<_>>(), live.iter().collect());
        verify(&generation, &index).unwrap();
        // One bit flipped by writing the file: its identity moved, so it
        // is checked again, and fails.
        let term = record.keys().find(|n| n.ends_with(".term")).unwrap();
        let path = generation.join(term);
        let pristine = std::fs::read(&path).unwrap();
        let mut bytes = pristine.clone();
        bytes[pristine.len() / 2] ^= 0x20;
        std::fs::write(&path, &bytes).unwrap();
        match verify(&generation, &index) {
            Err(Error::Damaged { message, .. }) => assert!(message.contains(term.as_str()), "{message}"),
            other => panic!("{other:?}"),
        }
        std::fs::write(&path, &pristine).unwrap();
        verify(&generation, &index).unwrap();
    }
}
