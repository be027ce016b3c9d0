//! Bringing the index up to date with the corpus: incrementally when the
//! analysis is unchanged, as a fresh generation when it is not.
//!
//! [`update`] takes the writer lock, scans the corpus, chooses the
//! generation to write ([`choose_generation`]: the live one, or a new one
//! and why), works out the [changes](super::changes) and applies them
//! ([`apply`](super::apply)), then publishes a new generation.

use super::apply::{apply, commit_manifest_only};
use super::changes::{changes, corpus_id, refuse_index_in_corpus};
use super::generation::{FORMAT_VERSION, Generation, GenerationMeta, fingerprint};
use super::manifest::{Manifest, Stamp};
use super::report::{LockWait, Progress, RebuildReason, UpdateReport};
use super::store::{Store, WriteLock};
use crate::analysis::Lexicon;
use crate::corpus::{Scan, USER_DICT_FILE, Warning, scan};
use crate::error::{Error, Result};
use crate::options::IndexOptions;
use std::time::Instant;

/// Bring the index at `opts.index` up to date with `opts.corpus`.
pub fn update(opts: &IndexOptions, wait: LockWait, progress: &dyn Progress) -> Result<UpdateReport> {
    update_with(opts, wait, progress, &|_| {})
}

/// [`update`], with a hook that may alter the scan (tests use it to make a
/// file look changed while it is read).
pub(super) fn update_with(
    opts: &IndexOptions,
    wait: LockWait,
    progress: &dyn Progress,
    adjust: &dyn Fn(&mut Scan),
) -> Result<UpdateReport> {
    let started = Instant::now();
    refuse_index_in_corpus(opts)?;
    let store = Store::new(&opts.index);
    let lock = match wait {
        LockWait::Wait => store.lock()?,
        LockWait::NoWait => store.try_lock()?.ok_or_else(|| Error::Locked { path: opts.index.clone() })?,
    };
    let mut scan = scan(&opts.corpus, std::slice::from_ref(&opts.index), opts.follow_links)?;
    adjust(&mut scan);
    let user_dict = match &scan.user_dict {
        Some(p) => Some(std::fs::read(p).map_err(|e| Error::io(p, e))?),
        None => None,
    };
    let mut report = UpdateReport { warnings: scan.warnings.clone(), ..Default::default() };
    let target = choose_generation(&store, &lock, opts, &scan, user_dict.as_deref())?;
    report.rebuilt = target.rebuilt;
    report.warnings.extend(target.warnings.iter().cloned());
    let mut work = changes(&target.manifest, &scan, &opts.corpus, &mut report);
    work.manifest.corpus = corpus_id(&opts.corpus);
    work.manifest.user_dict = Stamp::of(scan.user_dict.as_deref());

    let fresh = target.rebuilt.is_some();
    if work.is_empty() && !fresh {
        if work.manifest != target.manifest {
            // Only modification times moved: record them.
            commit_manifest_only(&target.generation, &work.manifest)?;
        }
    } else {
        apply(&target.generation, opts, &mut work, &mut report, progress)?;
    }
    if fresh {
        store.publish(&target.generation.dir, &lock)?;
    }
    finish(&mut report, &work.manifest, scan.files.len());
    report.elapsed = started.elapsed();
    drop(lock);
    Ok(report)
}

/// The generation an update writes, and what it holds now.
struct Target {
    generation: Generation,
    /// Its manifest (empty for a new generation).
    manifest: Manifest,
    /// Why a new generation was made (`None`: the live one is updated).
    rebuilt: Option<RebuildReason>,
    /// About the user dictionary (its bad lines, skipped), when read.
    warnings: Vec<Warning>,
}

/// The live generation if it can be updated; otherwise a new, empty one
/// beside it, with the reason. `--full` never opens the old generation: it
/// may be damaged.
fn choose_generation(
    store: &Store,
    lock: &WriteLock,
    opts: &IndexOptions,
    scan: &Scan,
    user_dict: Option<&[u8]>,
) -> Result<Target> {
    let want = fingerprint(&opts.analysis, user_dict);
    // `--full` never reads CURRENT: whatever state it is in, the rebuild
    // goes beside it and replaces it.
    let current = if opts.full { None } else { store.current()? };
    let reason = match current {
        _ if opts.full => RebuildReason::Full,
        None => RebuildReason::NoIndex,
        Some(dir) if Generation::format_of(&dir).is_some_and(|v| v != FORMAT_VERSION) => RebuildReason::OtherVersion,
        Some(dir) => {
            let generation = Generation::open(&dir)?;
            // Opening every segment finds truncated or missing files now,
            // rather than in the next search.
            generation.validate()?;
            let manifest = generation.manifest()?;
            refuse_other_corpus(&manifest, opts)?;
            if generation.meta.fingerprint != want {
                RebuildReason::AnalysisChanged
            } else {
                return Ok(Target { generation, manifest, rebuilt: None, warnings: Vec::new() });
            }
        }
    };
    let (lexicon, warnings) = resolve_lexicon(scan, user_dict);
    let meta = GenerationMeta {
        format: FORMAT_VERSION,
        engine: env!("CARGO_PKG_VERSION").to_string(),
        fingerprint: want,
        settings: opts.analysis,
        user_dict: lexicon.user_entries(),
    };
    store.remove_stale(lock)?;
    let dir = store.new_generation(lock)?;
    let generation = Generation::create(&dir, meta)?;
    Ok(Target { generation, manifest: Manifest::default(), rebuilt: Some(reason), warnings })
}

/// An index built from another corpus that still exists is that corpus's
/// index: reusing one `--index` for a second corpus would silently replace
/// it (issue 18). A recorded corpus that no longer exists was moved or
/// renamed: the index follows it. `--full` never gets here.
fn refuse_other_corpus(manifest: &Manifest, opts: &IndexOptions) -> Result<()> {
    let built_from = &manifest.corpus;
    if !built_from.is_empty() && *built_from != corpus_id(&opts.corpus) && std::path::Path::new(built_from).is_dir() {
        return Err(Error::OtherCorpus {
            index: opts.index.clone(),
            built_from: built_from.clone(),
            corpus: opts.corpus.clone(),
        });
    }
    Ok(())
}

/// The dictionary to index with; a malformed line of the user dictionary is
/// skipped with a warning rather than stopping all indexing.
fn resolve_lexicon(scan: &Scan, user_dict: Option<&[u8]>) -> (Lexicon, Vec<Warning>) {
    match (&scan.user_dict, user_dict) {
        (Some(_), Some(bytes)) => {
            let text = String::from_utf8_lossy(bytes);
            Lexicon::with_user_dict_skipping(&text, USER_DICT_FILE)
        }
        _ => (Lexicon::builtin(), Vec::new()),
    }
}

/// The totals after the update, and the files skipped in an earlier run
/// reported again, once. `found` corpus files were each added, changed or
/// unchanged; those not indexed now are `skipped` (also one that changed
/// while read and has no earlier version, which the manifest leaves out),
/// so the counts add up.
fn finish(report: &mut UpdateReport, manifest: &Manifest, found: usize) {
    report.files = manifest.files.values().filter(|f| f.skipped.is_none()).count();
    report.skipped = found - report.files.min(found);
    report.documents = manifest.documents();
    let again: Vec<Warning> = manifest
        .files
        .iter()
        .filter(|(p, _)| !report.warnings.iter().any(|w| &w.path == *p))
        .filter_map(|(p, f)| f.skipped.as_ref().map(|why| Warning::new(p, None, why.clone())))
        .collect();
    report.warnings.extend(again);
}

#[cfg(test)]
#[path = "update_tests.rs"]
mod tests;
