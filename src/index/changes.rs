//! Comparing the corpus with the index's manifest: the cheap freshness check
//! (file list, sizes, modification times) and the changes an update must
//! make (which files to read, which documents go).

use super::generation::{FORMAT_VERSION, Generation};
use super::manifest::{FileState, Manifest, Stamp, hash_files};
use super::report::UpdateReport;
use super::revise::MAX_REVISED_BYTES;
use super::store::Store;
use crate::corpus::{CorpusFile, Scan, scan};
use crate::error::Result;
use crate::options::IndexOptions;
use std::path::Path;

/// Is the index current? The cheap check: file list, sizes, modification
/// times and the user dictionary's stamp.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Freshness {
    /// No index yet.
    Missing,
    /// The index matches the corpus.
    Fresh,
    /// The corpus changed since (the reason names one change).
    Stale(StaleReason),
}

/// The first difference the freshness check found between the corpus and
/// the index.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StaleReason {
    /// The index was written by another version of yuanwen.
    OtherVersion,
    /// The index was built from another corpus folder (this one).
    OtherCorpus(String),
    /// The user dictionary changed, appeared or went.
    UserDictionary,
    /// The number of files changed.
    FileCount,
    /// This file is new.
    New(String),
    /// This file's size or modification time changed.
    Changed(String),
    /// This file could not be read last time: it is tried again.
    Unread(String),
}

impl std::fmt::Display for StaleReason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StaleReason::OtherVersion => f.write_str("the index was written by another version of yuanwen"),
            StaleReason::OtherCorpus(c) => write!(f, "the index was built from {c}"),
            StaleReason::UserDictionary => f.write_str("the user dictionary changed"),
            StaleReason::FileCount => f.write_str("files were added or removed"),
            StaleReason::New(p) => write!(f, "{p} is new"),
            StaleReason::Changed(p) => write!(f, "{p} changed"),
            StaleReason::Unread(p) => write!(f, "{p} could not be read last time"),
        }
    }
}

/// Compare the corpus with the index's manifest (stat only, no reading).
pub fn freshness(opts: &IndexOptions) -> Result<Freshness> {
    refuse_index_in_corpus(opts)?;
    let store = Store::new(&opts.index);
    let Some(dir) = store.current()? else {
        return Ok(Freshness::Missing);
    };
    if Generation::format_of(&dir).is_some_and(|v| v != FORMAT_VERSION) {
        return Ok(Freshness::Stale(StaleReason::OtherVersion));
    }
    let generation = Generation::open(&dir)?;
    let manifest = generation.manifest()?;
    let scan = scan(&opts.corpus, std::slice::from_ref(&opts.index), opts.follow_links)?;
    Ok(match stale_reason(&manifest, &scan, &opts.corpus) {
        Some(r) => Freshness::Stale(r),
        None => Freshness::Fresh,
    })
}

/// Refuse an index folder that is the corpus or inside it, before anything
/// is created: the store would write `CURRENT`, `LOCK`, generations and a
/// `.gitignore` among the user's texts (and the walk, which skips the index,
/// would find nothing). The default layout, index beside corpus, passes.
pub(super) fn refuse_index_in_corpus(opts: &IndexOptions) -> Result<()> {
    let Ok(corpus) = opts.corpus.canonicalize() else {
        // A missing corpus is reported by the scan.
        return Ok(());
    };
    let index = resolve(&opts.index);
    if index.starts_with(&corpus) {
        return Err(crate::Error::IndexInCorpus { corpus, index });
    }
    Ok(())
}

/// `path` made absolute with its links resolved, also when it does not exist
/// yet: its nearest existing ancestor canonicalised, the rest appended.
fn resolve(path: &Path) -> std::path::PathBuf {
    let abs = match std::env::current_dir() {
        Ok(cwd) if path.is_relative() => cwd.join(path),
        _ => path.to_path_buf(),
    };
    let mut tail = Vec::new();
    let mut at = abs.as_path();
    loop {
        if let Ok(mut real) = at.canonicalize() {
            real.extend(tail.iter().rev());
            return real;
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                tail.push(name);
                at = parent;
            }
            _ => return abs,
        }
    }
}

/// The corpus folder as the manifest records it (absolute).
pub(super) fn corpus_id(corpus: &Path) -> String {
    corpus.canonicalize().unwrap_or_else(|_| corpus.to_path_buf()).to_string_lossy().into_owned()
}

fn stale_reason(manifest: &Manifest, scan: &Scan, corpus: &Path) -> Option<StaleReason> {
    if manifest.corpus != corpus_id(corpus) {
        return Some(StaleReason::OtherCorpus(manifest.corpus.clone()));
    }
    if Stamp::of(scan.user_dict.as_deref()) != manifest.user_dict {
        return Some(StaleReason::UserDictionary);
    }
    if scan.files.len() != manifest.files.len() {
        return Some(StaleReason::FileCount);
    }
    for f in &scan.files {
        match manifest.files.get(&f.rel) {
            None => return Some(StaleReason::New(f.rel.clone())),
            Some(s) if !s.same_stat(f) => return Some(StaleReason::Changed(f.rel.clone())),
            Some(s) if s.read_failed() => return Some(StaleReason::Unread(f.rel.clone())),
            Some(_) => {}
        }
    }
    None
}

/// What an update has to do.
pub(super) struct Changes {
    /// Files to (re)index.
    pub to_index: Vec<CorpusFile>,
    /// Paths whose documents go.
    pub to_delete: Vec<String>,
    /// Files to index that keep their unchanged passages
    /// ([`revise`](super::revise)), with what the manifest had of them.
    pub to_revise: std::collections::HashMap<String, FileState>,
    /// The manifest after the update (entries of files to index are filled in
    /// as they are read).
    pub manifest: Manifest,
}

impl Changes {
    /// Nothing to index and nothing to delete.
    pub(super) fn is_empty(&self) -> bool {
        self.to_index.is_empty() && self.to_delete.is_empty()
    }
}

/// The changes that bring an index described by `old` in line with `scan`
/// of `corpus`, counted in `report`. A file whose size or time moved is
/// hashed: only a changed content re-reads it.
pub(super) fn changes(old: &Manifest, scan: &Scan, corpus: &Path, report: &mut UpdateReport) -> Changes {
    let mut work = Changes {
        to_index: Vec::new(),
        to_delete: Vec::new(),
        to_revise: Default::default(),
        manifest: Manifest::default(),
    };
    let same_corpus = old.corpus == corpus_id(corpus);
    for f in &scan.files {
        match old.files.get(&f.rel).filter(|_| same_corpus) {
            Some(s) if s.same_stat(f) && !s.read_failed() => {
                report.unchanged += 1;
                work.manifest.files.insert(f.rel.clone(), s.clone());
            }
            Some(s) => {
                // Size or time moved: the content decides.
                match hash_files(corpus, &f.rel, f.translation.as_deref()) {
                    Ok(h) if h == s.hash && s.skipped.is_none() => {
                        report.unchanged += 1;
                        let mut s = s.clone();
                        s.size = f.size;
                        s.mtime_ns = f.mtime_ns;
                        work.manifest.files.insert(f.rel.clone(), s);
                    }
                    _ => {
                        report.changed += 1;
                        // A file indexed before keeps its unchanged passages.
                        if s.skipped.is_none() && s.documents > 0 && f.size <= MAX_REVISED_BYTES {
                            work.to_revise.insert(f.rel.clone(), s.clone());
                        } else {
                            work.to_delete.push(f.rel.clone());
                        }
                        work.to_index.push(f.clone());
                    }
                }
            }
            None => {
                report.added += 1;
                if old.files.contains_key(&f.rel) {
                    work.to_delete.push(f.rel.clone());
                }
                work.to_index.push(f.clone());
            }
        }
    }
    let present: std::collections::HashSet<&str> = scan.files.iter().map(|f| f.rel.as_str()).collect();
    for (rel, _) in old.files.iter().filter(|(rel, _)| !work.manifest.files.contains_key(*rel)) {
        if !present.contains(rel.as_str()) {
            report.removed += 1;
            work.to_delete.push(rel.clone());
        }
    }
    report.documents_removed = work.to_delete.iter().filter_map(|p| old.files.get(p)).map(|s| s.documents).sum();
    work
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::FileFormat;
    use crate::index::manifest::FileState;

    fn file(rel: &str, size: u64) -> CorpusFile {
        CorpusFile { rel: rel.into(), format: FileFormat::Text, translation: None, size, mtime_ns: 7 }
    }

    fn state(size: u64, documents: u64) -> FileState {
        FileState { size, mtime_ns: 7, hash: "h".into(), translation: None, documents, skipped: None }
    }

    #[test]
    fn a_stale_index_names_its_first_difference() {
        let dir = tempfile::tempdir().unwrap();
        let mut m = Manifest { corpus: corpus_id(dir.path()), ..Default::default() };
        m.files.insert("a.txt".into(), state(3, 1));
        let scan = |files: Vec<CorpusFile>| Scan { files, ..Default::default() };
        assert_eq!(stale_reason(&m, &scan(vec![file("a.txt", 3)]), dir.path()), None);
        assert_eq!(
            stale_reason(&m, &scan(vec![file("a.txt", 4)]), dir.path()),
            Some(StaleReason::Changed("a.txt".into()))
        );
        assert_eq!(stale_reason(&m, &scan(vec![file("b.txt", 3)]), dir.path()), Some(StaleReason::New("b.txt".into())));
        assert_eq!(stale_reason(&m, &scan(vec![]), dir.path()), Some(StaleReason::FileCount));
        m.files.get_mut("a.txt").unwrap().skipped = Some("cannot read: Permission denied; skipped".into());
        assert_eq!(
            stale_reason(&m, &scan(vec![file("a.txt", 3)]), dir.path()),
            Some(StaleReason::Unread("a.txt".into())),
            "a file that failed to read is retried though its stamp is the same"
        );
        m.files.get_mut("a.txt").unwrap().skipped = None;
        let other = tempfile::tempdir().unwrap();
        assert!(matches!(stale_reason(&m, &scan(vec![]), other.path()), Some(StaleReason::OtherCorpus(_))));
        assert_eq!(StaleReason::New("b.txt".into()).to_string(), "b.txt is new");
    }

    #[test]
    fn changes_count_added_removed_and_unchanged_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "x").unwrap();
        let mut old = Manifest { corpus: corpus_id(dir.path()), ..Default::default() };
        old.files.insert("a.txt".into(), state(1, 2));
        old.files.insert("gone.txt".into(), state(1, 5));
        let scan = Scan { files: vec![file("a.txt", 1), file("new.txt", 1)], ..Default::default() };
        let mut report = UpdateReport::default();
        let c = changes(&old, &scan, dir.path(), &mut report);
        assert_eq!((report.added, report.removed, report.unchanged, report.changed), (1, 1, 1, 0));
        assert_eq!(report.documents_removed, 5);
        assert_eq!(c.to_index.iter().map(|f| f.rel.as_str()).collect::<Vec<_>>(), ["new.txt"]);
        assert_eq!(c.to_delete, ["gone.txt"]);
        assert!(!c.is_empty());
    }
}
