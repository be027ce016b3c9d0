//! Bringing the index up to date with the corpus: incrementally when the
//! analysis is unchanged, as a fresh generation when it is not.

use super::doc::{from_stored, is_section, to_tantivy};
use super::generation::{FORMAT_VERSION, Generation, GenerationMeta, fingerprint};
use super::manifest::{FileState, Manifest, Stamp, hash_files};
use super::plan::{Work, corpus_id, plan};
use super::sections::SectionDocs;
use super::store::Store;
use super::writer::open_writer;
use crate::analysis::{Analyzer, Lexicon};
use crate::config::IndexOptions;
use crate::corpus::{CorpusFile, Scan, Warning, read_documents, scan};
use crate::error::{Error, Result};
use serde::Serialize;
use std::path::Path;
use std::time::{Duration, Instant};
use tantivy::{IndexWriter, Term};

/// Reports progress of a long update (the library never prints; a CLI draws
/// a bar from these calls).
pub trait Progress: Sync {
    /// Indexing starts: this many files and bytes to read.
    fn begin(&self, _files: u64, _bytes: u64) {}
    /// One more file read (of this many bytes).
    fn advance(&self, _bytes: u64) {}
    /// Indexing is over (committing follows).
    fn end(&self) {}
}

/// A [`Progress`] that reports nothing.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Whether to wait for another process that holds the writer lock.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockWait {
    /// Block until the other writer finishes.
    Wait,
    /// Fail with [`Error::Locked`].
    NoWait,
}

/// What an update did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct UpdateReport {
    /// Why everything was rebuilt (`None`: incremental).
    pub rebuilt: Option<String>,
    /// Files new to the index.
    pub added: usize,
    /// Files whose content changed.
    pub changed: usize,
    /// Files gone from the corpus.
    pub removed: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Documents added.
    pub documents_added: u64,
    /// Documents removed.
    pub documents_removed: u64,
    /// Files indexed in total, now.
    pub files: usize,
    /// Documents in the index, now.
    pub documents: u64,
    /// Bytes of corpus read.
    pub bytes_read: u64,
    /// Problems with files and lines (each skipped, nothing else affected).
    pub warnings: Vec<Warning>,
    /// Wall-clock time.
    #[serde(with = "millis")]
    pub elapsed: Duration,
}

mod millis {
    pub fn serialize<S: serde::Serializer>(d: &std::time::Duration, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(d.as_millis() as u64)
    }
}

impl UpdateReport {
    /// Did the update change the index?
    pub fn changed_anything(&self) -> bool {
        self.rebuilt.is_some() || self.added + self.changed + self.removed > 0
    }
}

/// Bring the index at `opts.index` up to date with `opts.corpus`.
pub fn update(opts: &IndexOptions, wait: LockWait, progress: &dyn Progress) -> Result<UpdateReport> {
    update_with(opts, wait, progress, &|_| {})
}

/// [`update`], with a hook that may alter the scan (tests use it to make a
/// file look changed while it is read).
fn update_with(
    opts: &IndexOptions,
    wait: LockWait,
    progress: &dyn Progress,
    adjust: &dyn Fn(&mut Scan),
) -> Result<UpdateReport> {
    let started = Instant::now();
    let store = Store::new(&opts.index);
    let lock = match wait {
        LockWait::Wait => store.lock()?,
        LockWait::NoWait => store.try_lock()?.ok_or_else(|| Error::Locked { path: opts.index.clone() })?,
    };
    let mut scan = scan(&opts.corpus, std::slice::from_ref(&opts.index))?;
    adjust(&mut scan);
    let user_dict = match &scan.user_dict {
        Some(p) => Some(std::fs::read(p).map_err(|e| Error::io(p, e))?),
        None => None,
    };
    let want = fingerprint(&opts.analysis, user_dict.as_deref());
    let mut report = UpdateReport { warnings: scan.warnings.clone(), ..Default::default() };

    // `--full` never opens the old generation: it may be damaged.
    let mut outdated = None;
    let current = match store.current()? {
        None => None,
        Some(_) if opts.full => None,
        Some(dir) => match Generation::format_of(&dir) {
            Some(v) if v != FORMAT_VERSION => {
                outdated = Some(v);
                None
            }
            _ => {
                let g = Generation::open(&dir)?;
                // Opening every segment finds truncated or missing files now,
                // rather than in the next search.
                g.validate()?;
                Some(g)
            }
        },
    };
    let reason = match &current {
        _ if opts.full => Some("--full was given".to_string()),
        None if outdated.is_some() => Some("it was written by another version of yuanwen".to_string()),
        None => Some("there was no index".to_string()),
        Some(g) if g.meta.fingerprint != want => Some("the analysis settings or user dictionary changed".to_string()),
        Some(_) => None,
    };
    let (generation, old_manifest, fresh_gen) = match (reason, current) {
        (None, Some(g)) => {
            let m = g.manifest()?;
            (g, m, false)
        }
        (reason, _) => {
            report.rebuilt = reason;
            let lexicon = resolve_lexicon(&scan, user_dict.as_deref())?;
            let meta = GenerationMeta {
                format: FORMAT_VERSION,
                engine: env!("CARGO_PKG_VERSION").to_string(),
                fingerprint: want,
                settings: opts.analysis,
                user_dict: lexicon.user_entries(),
            };
            store.remove_stale(&lock)?;
            let dir = store.new_generation(&lock)?;
            (Generation::create(&dir, meta)?, Manifest::default(), true)
        }
    };
    let mut work = plan(&old_manifest, &scan, &opts.corpus, &mut report)?;
    work.manifest.corpus = corpus_id(&opts.corpus);
    work.manifest.user_dict = Stamp::of(scan.user_dict.as_deref());

    if work.to_index.is_empty() && work.to_delete.is_empty() && !fresh_gen {
        if work.manifest != old_manifest {
            // Only modification times moved: record them.
            commit_manifest_only(&generation, &work.manifest)?;
        }
    } else {
        write(&generation, opts, &mut work, &mut report, progress)?;
    }
    if fresh_gen {
        store.publish(&generation.dir, &lock)?;
    }
    report.files = work.manifest.files.values().filter(|f| f.skipped.is_none()).count();
    report.documents = work.manifest.documents();
    // Files skipped in an earlier run are reported again, once.
    let again: Vec<Warning> = work
        .manifest
        .files
        .iter()
        .filter(|(p, _)| !report.warnings.iter().any(|w| &w.path == *p))
        .filter_map(|(p, f)| f.skipped.as_ref().map(|why| Warning::new(p, None, why.clone())))
        .collect();
    report.warnings.extend(again);
    report.elapsed = started.elapsed();
    drop(lock);
    Ok(report)
}

fn resolve_lexicon(scan: &Scan, user_dict: Option<&[u8]>) -> Result<Lexicon> {
    match (&scan.user_dict, user_dict) {
        (Some(path), Some(bytes)) => {
            let text = String::from_utf8_lossy(bytes);
            Lexicon::with_user_dict(&text, path)
        }
        _ => Ok(Lexicon::builtin()),
    }
}

fn commit_manifest_only(g: &Generation, manifest: &Manifest) -> Result<()> {
    let mut writer = open_writer(&g.index, 1, 15_000_000)?;
    // Recording modification times starts no merge (one would be cut off
    // when the writer is dropped, its files left for the next writer).
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let name = g.write_manifest(manifest)?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&name);
    prepared.commit()?;
    g.remove_old_manifests(&name);
    Ok(())
}

fn write(
    g: &Generation,
    opts: &IndexOptions,
    work: &mut Work,
    report: &mut UpdateReport,
    progress: &dyn Progress,
) -> Result<()> {
    let analyzer = analyzer_for(g, opts, &work.to_index);
    g.register(&analyzer);
    let threads = opts.thread_count();
    let budget = opts.memory_budget.max(threads * 16_000_000);
    let mut writer = open_writer(&g.index, threads, budget)?;
    let f = g.fields;
    for rel in &work.to_delete {
        writer.delete_term(Term::from_field_text(f.path, rel));
    }
    // The documents as they were, to restore a file that fails half-way.
    let reader = g.index.reader()?;
    let before = reader.searcher();

    let bytes: u64 = work.to_index.iter().map(|f| f.size).sum();
    progress.begin(work.to_index.len() as u64, bytes);
    let mut scratch = String::new();
    for file in std::mem::take(&mut work.to_index) {
        let hash = hash_files(&opts.corpus, &file.rel, file.translation.as_deref());
        let mut added = 0u64;
        let mut sections = SectionDocs::default();
        let mut sink = |d: crate::corpus::Document| {
            added += 1;
            // A send error means the indexing threads died: surfaced by commit.
            if let Some(s) = sections.first_of(&d, &f) {
                let _ = writer.add_document(s);
            }
            let _ = writer.add_document(to_tantivy(&d, &f, &mut scratch));
        };
        let outcome = read_documents(&opts.corpus, &file.rel, file.format, file.translation.as_deref(), &mut sink);
        progress.advance(file.size);
        report.bytes_read += file.size;
        let changed_while_reading = still_same(&opts.corpus, &file).is_none_or(|same| !same);
        match (outcome, hash) {
            (Ok(warnings), Ok(hash)) if !changed_while_reading => {
                report.warnings.extend(warnings);
                report.documents_added += added;
                let state = FileState {
                    size: file.size,
                    mtime_ns: file.mtime_ns,
                    hash,
                    translation: file.translation.clone(),
                    documents: added,
                    skipped: None,
                };
                work.manifest.files.insert(file.rel.clone(), state);
            }
            (outcome, hash) => {
                // Whatever of this file was added goes again.
                writer.delete_term(Term::from_field_text(f.path, &file.rel));
                let reason = match (&outcome, changed_while_reading) {
                    (_, true) => {
                        "changed while being read; the previous version is kept, run `yuanwen index` again".to_string()
                    }
                    (Err(w), _) => w.message.clone(),
                    (Ok(_), _) => hash.err().map_or_else(String::new, |e| format!("cannot read: {e}; skipped")),
                };
                report.warnings.push(Warning::new(&file.rel, None, reason.clone()));
                if changed_while_reading {
                    // Put back the documents it had; it is not recorded as
                    // read, so the next update tries again.
                    if let Some(old) = restore(&before, &f, &file.rel, &writer, &mut scratch)? {
                        report.documents_removed -= old.documents.min(report.documents_removed);
                        work.manifest.files.insert(file.rel.clone(), old);
                    }
                } else {
                    // A file that cannot be read has no documents; it is
                    // recorded so that it is not retried until it changes.
                    let state = FileState {
                        size: file.size,
                        mtime_ns: file.mtime_ns,
                        hash: String::new(),
                        translation: file.translation.clone(),
                        documents: 0,
                        skipped: Some(reason),
                    };
                    work.manifest.files.insert(file.rel.clone(), state);
                }
            }
        }
    }
    progress.end();
    let name = g.write_manifest(&work.manifest)?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&name);
    prepared.commit()?;
    writer.wait_merging_threads()?;
    g.remove_old_manifests(&name);
    Ok(())
}

/// Up to this many bytes to (re)index, a compact dictionary of just the
/// words in them is built (milliseconds) instead of loading the whole one
/// (~150 ms): an edit to one file is indexed in a few milliseconds.
const COMPACT_DICTIONARY_BYTES: u64 = 2 << 20;

/// The analyzer for indexing `files`: with the whole dictionary, or, for a
/// small update, one that segments exactly those texts as the whole would.
fn analyzer_for(g: &Generation, opts: &IndexOptions, files: &[CorpusFile]) -> Analyzer {
    let lexicon = g.meta.lexicon();
    let settings = g.meta.settings.words;
    if files.iter().map(|f| f.size).sum::<u64>() > COMPACT_DICTIONARY_BYTES {
        return Analyzer::full(&lexicon, settings);
    }
    let mut text = String::new();
    for f in files {
        let mut sink = |d: crate::corpus::Document| {
            text.push_str(&d.text);
            text.push('\n');
        };
        // A file that fails here fails again when indexed, and is reported then.
        let _ = read_documents(&opts.corpus, &f.rel, f.format, None, &mut sink);
    }
    Analyzer::for_text(&lexicon, settings, &crate::analysis::Normalized::new(&text))
}

/// Is the file still as the scan saw it? `None` if it vanished.
fn still_same(root: &Path, f: &CorpusFile) -> Option<bool> {
    let mut size = 0;
    let mut mtime = 0;
    for p in std::iter::once(&f.rel).chain(f.translation.as_ref()) {
        let s = Stamp::of(Some(&root.join(p)))?;
        size += s.size;
        mtime = mtime.max(s.mtime_ns);
    }
    Some(size == f.size && mtime == f.mtime_ns)
}

/// Re-add the documents `path` had in `before`; returns a manifest entry
/// describing them, if there were any.
fn restore(
    before: &tantivy::Searcher,
    f: &super::schema::Fields,
    path: &str,
    writer: &IndexWriter,
    scratch: &mut String,
) -> Result<Option<FileState>> {
    let q =
        tantivy::query::TermQuery::new(Term::from_field_text(f.path, path), tantivy::schema::IndexRecordOption::Basic);
    let hits = before.search(&q, &tantivy::collector::DocSetCollector)?;
    if hits.is_empty() {
        return Ok(None);
    }
    let mut docs = Vec::with_capacity(hits.len());
    for addr in hits {
        let t: tantivy::TantivyDocument = before.doc(addr)?;
        // Section documents are made again from the passages.
        if !is_section(&t, f) {
            docs.push(from_stored(&t, f));
        }
    }
    docs.sort_by_key(|d| d.paragraph);
    let n = docs.len() as u64;
    let mut sections = SectionDocs::default();
    for d in &docs {
        if let Some(s) = sections.first_of(d, f) {
            let _ = writer.add_document(s);
        }
        let _ = writer.add_document(to_tantivy(d, f, scratch));
    }
    Ok(Some(FileState { size: 0, mtime_ns: 0, hash: String::new(), translation: None, documents: n, skipped: None }))
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
