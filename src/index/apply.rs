//! Applying an update's changes to a generation: deletions, then each file
//! read into documents, one commit that names the new manifest.
//!
//! A file is indexed whole or not at all: one that fails half-way has what
//! was added of it deleted again, and one that changed while it was read
//! gets its previous documents back (it is not recorded as read, so the next
//! update tries again).

use super::changes::Changes;
use super::generation::Generation;
use super::manifest::{FileState, Manifest, Stamp, hash_files};
use super::report::{Progress, UpdateReport};
use super::revise::Revision;
use super::schema::Fields;
use super::sections::SectionDocs;
use super::stored::{passages_of, to_tantivy};
use super::writer::{open_writer, wait_for_writer_threads};
use crate::analysis::{Analyzer, Normalized};
use crate::corpus::{CorpusFile, Document, Warning, read_documents};
use crate::error::Result;
use crate::options::IndexOptions;
use std::path::Path;
use tantivy::{IndexWriter, Term};

/// The warning for a file that changed while it was read.
const CHANGED_WHILE_READ: &str = "changed while being read; the previous version is kept, run `yuanwen index` again";

/// Apply `work` to `g`, counting in `report`, and commit. If that fails,
/// what it wrote goes ([`clean_up`]).
pub(super) fn apply(
    g: &Generation,
    opts: &IndexOptions,
    work: &mut Changes,
    report: &mut UpdateReport,
    progress: &dyn Progress,
) -> Result<()> {
    let written = write(g, opts, work, report, progress);
    if written.is_err() {
        clean_up(g);
    }
    written
}

/// After a failed update of `g` (a full disk, most often), delete what the
/// failed writer left: segment files and a manifest that no commit names.
/// tantivy would collect them only when the next writer opens, and a full
/// disk would stay full until then.
fn clean_up(g: &Generation) {
    wait_for_writer_threads(std::time::Duration::from_secs(10));
    // A new writer collects the garbage as it opens (`open_writer`). On a
    // new instance of the index: `g.index` tracks the failed writer's
    // segments for as long as something holds them, and tantivy keeps
    // what it tracks.
    if let Ok(index) = tantivy::Index::open_in_dir(&g.dir) {
        drop(open_writer(&index, 1, 15_000_000));
    }
    if let Ok(metas) = g.index.load_metas() {
        g.remove_old_manifests(&metas.payload.unwrap_or_default());
    }
}

fn write(
    g: &Generation,
    opts: &IndexOptions,
    work: &mut Changes,
    report: &mut UpdateReport,
    progress: &dyn Progress,
) -> Result<()> {
    let analyzer = analyzer_for(g, opts, &work.to_index);
    g.register(&analyzer);
    let threads = opts.thread_count();
    let budget = opts.memory_budget.max(threads * 16_000_000);
    let mut writer = open_writer(&g.index, threads, budget)?;
    let committed = add_and_commit(g, opts, &mut writer, work, report, progress);
    // Every thread of the writer ends here, after a failure too: a merge it
    // started would otherwise still be writing files while `clean_up`
    // collects them.
    let merged = writer.wait_merging_threads();
    let name = committed?;
    merged?;
    g.remove_old_manifests(&name);
    g.record_verified()
}

/// Delete, add every file's documents, commit; the new manifest's name.
fn add_and_commit(
    g: &Generation,
    opts: &IndexOptions,
    writer: &mut IndexWriter,
    work: &mut Changes,
    report: &mut UpdateReport,
    progress: &dyn Progress,
) -> Result<String> {
    for rel in &work.to_delete {
        writer.delete_term(Term::from_field_text(g.fields.path, rel));
    }
    // The documents as they were, to restore a file that fails half-way.
    let before = g.index.reader()?.searcher();
    let mut files =
        FileIndexer { writer: &*writer, fields: g.fields, corpus: &opts.corpus, before, scratch: String::new() };
    let bytes: u64 = work.to_index.iter().map(|f| f.size).sum();
    progress.begin(work.to_index.len() as u64, bytes);
    for file in std::mem::take(&mut work.to_index) {
        let outcome = match work.to_revise.contains_key(&file.rel) {
            true => files.revise(&file)?,
            false => files.index(&file)?,
        };
        progress.advance(file.size);
        report.bytes_read += file.size;
        record(&file, outcome, &mut work.manifest, report, work.to_revise.get(&file.rel));
    }
    progress.end();
    commit(g, writer, &work.manifest)
}

/// Commit what `writer` holds, naming `manifest` in the commit; the
/// manifest's name.
fn commit(g: &Generation, writer: &mut IndexWriter, manifest: &Manifest) -> Result<String> {
    let name = g.write_manifest(manifest)?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&name);
    prepared.commit()?;
    Ok(name)
}

/// Commit only a new manifest (modification times that moved).
pub(super) fn commit_manifest_only(g: &Generation, manifest: &Manifest) -> Result<()> {
    let written = write_manifest_only(g, manifest);
    if written.is_err() {
        clean_up(g);
    }
    written
}

fn write_manifest_only(g: &Generation, manifest: &Manifest) -> Result<()> {
    let mut writer = open_writer(&g.index, 1, 15_000_000)?;
    // Recording modification times starts no merge (one would be cut off
    // when the writer is dropped, its files left for the next writer).
    writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
    let name = g.write_manifest(manifest)?;
    let mut prepared = writer.prepare_commit()?;
    prepared.set_payload(&name);
    prepared.commit()?;
    g.remove_old_manifests(&name);
    g.record_verified()
}

/// What became of one file.
enum Outcome {
    /// Read whole: its documents are in (`added` of them new, `removed` of
    /// its old ones gone besides those the update deleted up front).
    Indexed { documents: u64, added: u64, removed: u64, hash: String, warnings: Vec<Warning> },
    /// It changed while being read: its previous documents are back (the
    /// state they had, if it had any).
    Restored(Option<FileState>),
    /// It could not be read (the reason): it has no documents.
    Skipped(String),
    /// A revised file changed while being read: nothing of it was
    /// touched; its manifest entry stays as it was.
    Kept,
    /// A revised file could not be read: its `removed` documents went.
    SkippedRevised { reason: String, removed: u64 },
}

/// Record `outcome` for `file` in the new manifest and the report.
/// (`old_state`: a revised file's entry before the update.)
fn record(
    file: &CorpusFile,
    outcome: Outcome,
    manifest: &mut Manifest,
    report: &mut UpdateReport,
    old_state: Option<&FileState>,
) {
    let state = |hash: String, documents: u64, skipped: Option<String>| FileState {
        size: file.size,
        mtime_ns: file.mtime_ns,
        hash,
        translation: file.translation.clone(),
        documents,
        skipped,
    };
    match outcome {
        Outcome::Indexed { documents, added, removed, hash, warnings } => {
            report.warnings.extend(warnings);
            report.documents_added += added;
            report.documents_removed += removed;
            manifest.files.insert(file.rel.clone(), state(hash, documents, None));
        }
        Outcome::Restored(old) => {
            report.warnings.push(Warning::new(&file.rel, None, CHANGED_WHILE_READ.to_string()));
            if let Some(old) = old {
                report.documents_removed -= old.documents.min(report.documents_removed);
                manifest.files.insert(file.rel.clone(), old);
            }
        }
        Outcome::Kept => {
            report.warnings.push(Warning::new(&file.rel, None, CHANGED_WHILE_READ.to_string()));
            if let Some(old) = old_state {
                manifest.files.insert(file.rel.clone(), old.clone());
            }
        }
        Outcome::SkippedRevised { reason, removed } => {
            report.documents_removed += removed;
            record(file, Outcome::Skipped(reason), manifest, report, None);
        }
        Outcome::Skipped(reason) => {
            report.warnings.push(Warning::new(&file.rel, None, reason.clone()));
            // Recorded, so that it is not retried until it changes.
            manifest.files.insert(file.rel.clone(), state(String::new(), 0, Some(reason)));
        }
    }
}

/// Adds files' documents to one writer.
struct FileIndexer<'a> {
    writer: &'a IndexWriter,
    fields: Fields,
    corpus: &'a Path,
    /// The index before this update.
    before: tantivy::Searcher,
    scratch: String,
}

impl FileIndexer<'_> {
    /// Read `file` and add its documents (its old ones are deleted already).
    fn index(&mut self, file: &CorpusFile) -> Result<Outcome> {
        let hash = hash_files(self.corpus, &file.rel, file.translation.as_deref());
        let mut added = 0u64;
        let mut sections = SectionDocs::default();
        let (writer, f, scratch) = (self.writer, self.fields, &mut self.scratch);
        let mut sink = |d: Document| {
            added += 1;
            // A send error means the indexing threads died: surfaced by commit.
            if let Some(s) = sections.first_of(&d, &f) {
                let _ = writer.add_document(s);
            }
            let _ = writer.add_document(to_tantivy(&d, &f, scratch));
        };
        let read = read_documents(self.corpus, &file.rel, file.format, file.translation.as_deref(), &mut sink);
        let changed_while_reading = still_same(self.corpus, file).is_none_or(|same| !same);
        match (read, hash) {
            (Ok(warnings), Ok(hash)) if !changed_while_reading => {
                Ok(Outcome::Indexed { documents: added, added, removed: 0, hash, warnings })
            }
            (read, hash) => {
                // Whatever of this file was added goes again.
                self.writer.delete_term(Term::from_field_text(self.fields.path, &file.rel));
                if changed_while_reading {
                    return Ok(Outcome::Restored(self.restore(&file.rel)?));
                }
                let reason = match (read, hash) {
                    (Err(w), _) => w.message,
                    (Ok(_), hash) => hash.err().map_or_else(String::new, |e| format!("cannot read: {e}; skipped")),
                };
                Ok(Outcome::Skipped(reason))
            }
        }
    }

    /// Read `file`, which the index has, and replace only the passages
    /// that changed ([`Revision`]). If it cannot be read as it was
    /// scanned, nothing was written yet: it keeps what it had.
    fn revise(&mut self, file: &CorpusFile) -> Result<Outcome> {
        let hash = hash_files(self.corpus, &file.rel, file.translation.as_deref());
        let mut revision = Revision::new(&self.before, &self.fields, &file.rel)?;
        let f = self.fields;
        let read = read_documents(self.corpus, &file.rel, file.format, file.translation.as_deref(), &mut |d| {
            revision.offer(d, &f)
        });
        let changed_while_reading = still_same(self.corpus, file).is_none_or(|same| !same);
        match (read, hash) {
            (Ok(warnings), Ok(hash)) if !changed_while_reading => {
                let documents = revision.read;
                let (added, removed) = revision.apply(self.writer, &f, &mut self.scratch);
                Ok(Outcome::Indexed { documents, added, removed, hash, warnings })
            }
            (_, _) if changed_while_reading => Ok(Outcome::Kept),
            (read, hash) => {
                self.writer.delete_term(Term::from_field_text(f.path, &file.rel));
                let reason = match (read, hash) {
                    (Err(w), _) => w.message,
                    (Ok(_), hash) => hash.err().map_or_else(String::new, |e| format!("cannot read: {e}; skipped")),
                };
                Ok(Outcome::SkippedRevised { reason, removed: revision.old_count() })
            }
        }
    }

    /// Re-add the documents `path` had before the update; returns a
    /// manifest entry describing them, if there were any.
    fn restore(&mut self, path: &str) -> Result<Option<FileState>> {
        let f = &self.fields;
        // Section documents are made again from the passages.
        let docs = passages_of(&self.before, f, path)?;
        if docs.is_empty() {
            return Ok(None);
        }
        let n = docs.len() as u64;
        let mut sections = SectionDocs::default();
        for d in &docs {
            if let Some(s) = sections.first_of(d, f) {
                let _ = self.writer.add_document(s);
            }
            let _ = self.writer.add_document(to_tantivy(d, f, &mut self.scratch));
        }
        Ok(Some(FileState {
            size: 0,
            mtime_ns: 0,
            hash: String::new(),
            translation: None,
            documents: n,
            skipped: None,
        }))
    }
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
        let mut sink = |d: Document| {
            text.push_str(&d.text);
            text.push('\n');
        };
        // A file that fails here fails again when indexed, and is reported then.
        let _ = read_documents(&opts.corpus, &f.rel, f.format, None, &mut sink);
    }
    Analyzer::for_text(&lexicon, settings, &Normalized::new(&text))
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
