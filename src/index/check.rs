//! [`check`]: is the index what its manifest says it is?
//!
//! Reads every document of the live generation once and compares: each
//! file's passages with the count the manifest records, section documents
//! with the section titles of the passages, and no document of a file the
//! manifest does not know.

use super::damage::guarded;
use super::schema::{FieldName, StoredKind};
use super::sections::{section_id, section_term};
use super::snapshot::Snapshot;
use super::stored::{from_stored, stored_kind};
use crate::error::Result;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use tantivy::TantivyDocument;
use tantivy::collector::DocSetCollector;
use tantivy::columnar::Column;
use tantivy::query::AllQuery;
use tantivy::schema::Value;

/// One way the index differs from its manifest.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// Documents of a file the manifest does not list.
    Stray {
        /// The file.
        path: String,
    },
    /// A file has another number of passages than the manifest records.
    Count {
        /// The file.
        path: String,
        /// Passages the manifest records.
        manifest: u64,
        /// Passages in the index.
        index: u64,
    },
    /// A section title of a file has no section document, or several, or
    /// a section document has no passage under it.
    Section {
        /// The file.
        path: String,
        /// The title (`#` and its id for a section document alone).
        title: String,
        /// Section documents found for it.
        found: u64,
    },
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Stray { path } => write!(f, "{path} has documents but is not in the manifest"),
            Problem::Count { path, manifest, index } => {
                write!(f, "{path}: the manifest says {manifest} passages, the index has {index}")
            }
            Problem::Section { path, title, found } => {
                write!(f, "{path}: section {title:?} has {found} section documents, not 1")
            }
        }
    }
}

/// What [`check`] found.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct CheckReport {
    /// Files in the manifest.
    pub files: usize,
    /// Passages in the index.
    pub passages: u64,
    /// Every difference found (none: the index is consistent).
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// Is the index what its manifest says?
    pub fn is_consistent(&self) -> bool {
        self.problems.is_empty()
    }
}

/// One section of a file as the index has it.
#[derive(Default)]
struct Section {
    /// Its title (known from a passage under it).
    title: Option<String>,
    /// Passages under it.
    passages: u64,
    /// Section documents with its id.
    documents: u64,
}

/// Check the live index in `dir` against its manifest.
///
/// Damage (a checksum that fails, a panic in tantivy) is
/// [`Error::Damaged`](crate::Error::Damaged); every file's checksum is
/// checked, also those a writer checked before.
pub fn check(dir: impl AsRef<Path>) -> Result<CheckReport> {
    let dir = dir.as_ref();
    guarded(dir, || compare(dir))
}

fn compare(dir: &Path) -> Result<CheckReport> {
    let snap = Snapshot::open(dir)?;
    snap.generation.verify_all()?;
    let searcher = snap.searcher();
    let f = snap.generation.fields;
    // Section documents store no title, only its id (a fast field).
    let ids: Vec<Column<u64>> = searcher
        .segment_readers()
        .iter()
        .map(|r| r.fast_fields().u64(FieldName::SectionKey.as_str()))
        .collect::<tantivy::Result<_>>()?;
    let mut passages: BTreeMap<String, u64> = BTreeMap::new();
    let mut sections: BTreeMap<String, BTreeMap<u64, Section>> = BTreeMap::new();
    for addr in searcher.search(&AllQuery, &DocSetCollector)? {
        let t: TantivyDocument = searcher.doc(addr)?;
        if stored_kind(&t, &f) == StoredKind::Section {
            let path = t.get_first(f.path).and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let id = ids[addr.segment_ord as usize].first(addr.doc_id).unwrap_or(u64::MAX);
            sections.entry(path).or_default().entry(id).or_default().documents += 1;
            continue;
        }
        let d = from_stored(&t, &f);
        if let Some(title) = &d.section {
            let entry = sections.entry(d.path.clone()).or_default().entry(section_id(&d.path, title)).or_default();
            entry.title = Some(title.clone());
            entry.passages += 1;
        }
        *passages.entry(d.path).or_default() += 1;
    }
    let mut report =
        CheckReport { files: snap.manifest.files.len(), passages: passages.values().sum(), problems: Vec::new() };
    let known: BTreeSet<&String> = snap.manifest.files.keys().collect();
    for path in passages.keys().chain(sections.keys()).collect::<BTreeSet<_>>() {
        if !known.contains(path) {
            report.problems.push(Problem::Stray { path: path.clone() });
        }
    }
    for (path, state) in &snap.manifest.files {
        let index = passages.get(path).copied().unwrap_or(0);
        if index != state.documents {
            report.problems.push(Problem::Count { path: path.clone(), manifest: state.documents, index });
        }
    }
    for (path, ids) in sections {
        for (id, section) in ids {
            let found = section.documents;
            if (section.passages > 0 && found != 1) || (section.passages == 0 && found > 0) {
                let title = section.title.unwrap_or_else(|| format!("#{}", section_term(id)));
                report.problems.push(Problem::Section { path: path.clone(), title, found });
            }
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IndexOptions;
    use crate::index::{LockWait, NoProgress, update};

    #[test]
    fn a_fresh_index_is_consistent_and_a_stray_file_is_found() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        std::fs::write(corpus.join("a.txt"), "第一章 总则\n\n工会的权利。\n\n会员的义务。\n").unwrap();
        std::fs::write(corpus.join("b.txt"), "没有章节的段落。\n").unwrap();
        let opts = IndexOptions::new(&corpus, dir.path().join("index"));
        update(&opts, LockWait::Wait, &NoProgress).unwrap();
        let report = check(&opts.index).unwrap();
        assert!(report.is_consistent(), "{:?}", report.problems);
        assert_eq!((report.files, report.passages), (2, 4));
        // A document the manifest does not know of, written behind its back.
        let snap = Snapshot::open(&opts.index).unwrap();
        let f = snap.generation.fields;
        snap.generation.register(&crate::analysis::Analyzer::builtin());
        let mut w: tantivy::IndexWriter = snap.generation.index.writer_with_num_threads(1, 15_000_000).unwrap();
        let mut t = TantivyDocument::default();
        t.add_text(f.path, "ghost.txt");
        t.add_u64(f.kind, StoredKind::Paragraph.code());
        w.add_document(t).unwrap();
        // The same manifest as before, named by the new commit.
        let payload = snap.generation.index.load_metas().unwrap().payload.unwrap();
        let mut prepared = w.prepare_commit().unwrap();
        prepared.set_payload(&payload);
        prepared.commit().unwrap();
        let problems = check(&opts.index).unwrap().problems;
        assert_eq!(problems, [Problem::Stray { path: "ghost.txt".into() }]);
        assert_eq!(problems[0].to_string(), "ghost.txt has documents but is not in the manifest");
    }
}
