//! Comparing the corpus with the index's manifest: the cheap freshness check
//! (file list, sizes, modification times) and the plan of an update (which
//! files to read, which documents go).

use super::generation::{FORMAT_VERSION, Generation};
use super::manifest::{Manifest, Stamp, hash_files};
use super::store::Store;
use super::update::UpdateReport;
use crate::config::IndexOptions;
use crate::corpus::{CorpusFile, Scan, scan};
use crate::error::Result;
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
    Stale(String),
}

/// Compare the corpus with the index's manifest (stat only, no reading).
pub fn freshness(opts: &IndexOptions) -> Result<Freshness> {
    let store = Store::new(&opts.index);
    let Some(dir) = store.current()? else {
        return Ok(Freshness::Missing);
    };
    if Generation::format_of(&dir).is_some_and(|v| v != FORMAT_VERSION) {
        return Ok(Freshness::Stale("the index was written by another version of yuanwen".into()));
    }
    let generation = Generation::open(&dir)?;
    let manifest = generation.manifest()?;
    let scan = scan(&opts.corpus, std::slice::from_ref(&opts.index))?;
    Ok(match stale_reason(&manifest, &scan, &opts.corpus) {
        Some(r) => Freshness::Stale(r),
        None => Freshness::Fresh,
    })
}

pub(super) fn corpus_id(corpus: &Path) -> String {
    corpus.canonicalize().unwrap_or_else(|_| corpus.to_path_buf()).to_string_lossy().into_owned()
}

fn stale_reason(manifest: &Manifest, scan: &Scan, corpus: &Path) -> Option<String> {
    if manifest.corpus != corpus_id(corpus) {
        return Some(format!("the index was built from {}", manifest.corpus));
    }
    if Stamp::of(scan.user_dict.as_deref()) != manifest.user_dict {
        return Some("the user dictionary changed".into());
    }
    if scan.files.len() != manifest.files.len() {
        return Some("files were added or removed".into());
    }
    for f in &scan.files {
        match manifest.files.get(&f.rel) {
            None => return Some(format!("{} is new", f.rel)),
            Some(s) if !s.same_stat(f) => return Some(format!("{} changed", f.rel)),
            Some(_) => {}
        }
    }
    None
}

/// What an update has to do.
pub(super) struct Work {
    /// Files to (re)index.
    pub to_index: Vec<CorpusFile>,
    /// Paths whose documents go.
    pub to_delete: Vec<String>,
    /// The manifest after the update (entries of files to index are filled in
    /// as they are read).
    pub manifest: Manifest,
}

pub(super) fn plan(old: &Manifest, scan: &Scan, corpus: &Path, report: &mut UpdateReport) -> Result<Work> {
    let mut work = Work { to_index: Vec::new(), to_delete: Vec::new(), manifest: Manifest::default() };
    let same_corpus = old.corpus == corpus_id(corpus);
    for f in &scan.files {
        match old.files.get(&f.rel).filter(|_| same_corpus) {
            Some(s) if s.same_stat(f) => {
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
                        work.to_delete.push(f.rel.clone());
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
    Ok(work)
}
