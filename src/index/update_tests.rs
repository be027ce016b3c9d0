//! Tests of `update`: restores, section documents, killed writers, locking.

use super::*;
use crate::index::report::NoProgress;
use crate::index::schema::StoredKind;
use crate::index::stored::stored_kind;
use crate::{SearchOptions, Searcher};
use std::path::Path;
use tantivy::Term;

/// A temporary corpus of these files, and options to index it.
fn corpus_of(files: &[(&str, &str)]) -> (tempfile::TempDir, IndexOptions) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (name, text) in files {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let opts = IndexOptions::new(&corpus, dir.path().join("index"));
    (dir, opts)
}

fn hits(opts: &IndexOptions, q: &str) -> usize {
    Searcher::open(&opts.index).unwrap().search(q, &SearchOptions::default()).unwrap().hits.len()
}

#[test]
fn file_changed_while_read_keeps_its_previous_version() {
    let (dir, opts) = corpus_of(&[("a.txt", "旧的文本。\n"), ("b.txt", "别的文件。\n")]);
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    std::fs::write(dir.path().join("corpus/a.txt"), "新的文本，更长。\n").unwrap();
    // The scan saw a.txt at another size than it has when read.
    let report = update_with(&opts, LockWait::Wait, &NoProgress, &|scan| {
        scan.files.iter_mut().filter(|f| f.rel == "a.txt").for_each(|f| f.size += 1)
    })
    .unwrap();
    assert!(report.warnings.iter().any(|w| w.path == "a.txt" && w.message.contains("changed while being read")));
    assert_eq!(hits(&opts, "旧的文本"), 1, "the previous version is kept");
    assert_eq!(hits(&opts, "更长"), 0);
    assert_eq!(hits(&opts, "别的文件"), 1);
    // The next update picks the new version up.
    let report = update(&opts, LockWait::Wait, &NoProgress).unwrap();
    assert_eq!(report.changed, 1, "{report:?}");
    assert_eq!(hits(&opts, "旧的文本"), 0);
    assert_eq!(hits(&opts, "更长"), 1);
}

/// (All documents, section documents) of `path` in the live index.
fn section_docs(opts: &IndexOptions, path: &str) -> (usize, usize) {
    let snap = crate::index::Snapshot::open(&opts.index).unwrap();
    let (f, s) = (snap.generation.fields, snap.searcher());
    let q =
        tantivy::query::TermQuery::new(Term::from_field_text(f.path, path), tantivy::schema::IndexRecordOption::Basic);
    let docs = s.search(&q, &tantivy::collector::DocSetCollector).unwrap();
    let section = |a| stored_kind(&s.doc::<tantivy::TantivyDocument>(a).unwrap(), &f) == StoredKind::Section;
    (docs.len(), docs.into_iter().filter(|&a| section(a)).count())
}

#[test]
fn a_restored_file_keeps_one_section_document_per_title() {
    let text = "第一章 海员工会\n\n会员的权利。\n\n会员的义务。\n\n第二章 附则\n\n本法施行。\n";
    let (dir, opts) = corpus_of(&[("a.txt", text)]);
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    // Two headings, three paragraphs, two sections.
    assert_eq!(section_docs(&opts, "a.txt"), (7, 2));
    std::fs::write(dir.path().join("corpus/a.txt"), format!("{text}新增。\n")).unwrap();
    update_with(&opts, LockWait::Wait, &NoProgress, &|scan| scan.files.iter_mut().for_each(|f| f.size += 1)).unwrap();
    assert_eq!(section_docs(&opts, "a.txt"), (7, 2), "restored, not doubled or lost");
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    assert_eq!(section_docs(&opts, "a.txt"), (8, 2), "replaced");
    std::fs::remove_file(dir.path().join("corpus/a.txt")).unwrap();
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    assert_eq!(section_docs(&opts, "a.txt"), (0, 0), "deleted with the file");
}

/// A writer killed after writing a deletion file but before its commit
/// (the state the crash test reached): the next update reuses the same
/// operation number, hence the same file name, and must still succeed.
#[test]
fn update_after_a_writer_killed_before_its_commit() {
    // b.txt is long: deleting a.txt's one paragraph leaves a deletion file
    // rather than a merge (a segment that lost a quarter is rewritten).
    let long: String = (0..20).map(|i| format!("别的文件第{i}段。\n\n")).collect();
    let (dir, mut opts) = corpus_of(&[("a.txt", "旧的文本。\n"), ("b.txt", &long)]);
    opts.threads = 1; // one segment, which keeps b.txt when a.txt goes
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    let generation = Store::new(&opts.index).current().unwrap().unwrap();
    let committed: Vec<(std::path::PathBuf, Vec<u8>)> = std::fs::read_dir(&generation)
        .unwrap()
        .flatten()
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n == "meta.json" || n.starts_with(super::super::generation::MANIFEST_PREFIX)
        })
        .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
        .collect();
    std::fs::write(dir.path().join("corpus/a.txt"), "新的文本。\n").unwrap();
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    let del_files = |g: &Path| {
        std::fs::read_dir(g).unwrap().flatten().filter(|e| e.file_name().to_string_lossy().ends_with(".del")).count()
    };
    assert_eq!(del_files(&generation), 1, "the update deleted a.txt's paragraph");
    // Roll the commit back as a kill before it would have: the deletion
    // file stays behind, unreferenced.
    for (path, bytes) in &committed {
        std::fs::write(path, bytes).unwrap();
    }
    assert_eq!(hits(&opts, "旧的文本"), 1);
    let report = update(&opts, LockWait::Wait, &NoProgress).unwrap();
    assert_eq!(report.changed, 1, "{report:?}");
    assert_eq!(hits(&opts, "旧的文本"), 0);
    assert_eq!(hits(&opts, "新的文本"), 1);
    assert_eq!(hits(&opts, "\"别的文件第3段\""), 1);
}

#[test]
fn second_writer_is_refused_or_waits() {
    let (_dir, opts) = corpus_of(&[("a.txt", "工会。\n")]);
    let held = Store::new(&opts.index).lock().unwrap();
    assert!(matches!(update(&opts, LockWait::NoWait, &NoProgress), Err(Error::Locked { .. })));
    let waiter = {
        let opts = opts.clone();
        std::thread::spawn(move || update(&opts, LockWait::Wait, &NoProgress))
    };
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!waiter.is_finished(), "the second writer waits for the first");
    drop(held);
    let report = waiter.join().unwrap().unwrap();
    assert_eq!(report.documents, 1);
}

#[test]
fn a_bad_dictionary_line_is_skipped_and_the_rest_applies() {
    let (_dir, opts) =
        corpus_of(&[("a.txt", "工会的国际劳工组织。\n"), ("dict.txt", "工会 -5\n劳工组织 500 nt\n词 x y z w\n")]);
    let report = update(&opts, LockWait::Wait, &NoProgress).unwrap();
    let bad: Vec<_> = report.warnings.iter().filter(|w| w.path == "dict.txt").map(|w| w.line).collect();
    assert_eq!(bad, [Some(1), Some(3)], "{:?}", report.warnings);
    assert_eq!(report.documents, 1);
    let snap = crate::index::Snapshot::open(&opts.index).unwrap();
    let words: Vec<_> = snap.generation.meta.user_dict.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(words, ["劳工组织"]);
}

/// The names under `dir`, recursively, with their sizes (to see that nothing
/// changed).
fn tree(dir: &Path) -> Vec<(String, u64)> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap())
        .map(|e| (e.path().display().to_string(), e.metadata().unwrap().len()))
        .collect();
    v.sort();
    v
}

#[test]
fn an_index_of_another_corpus_that_still_exists_is_refused() {
    let (dir, opts) = corpus_of(&[("a.txt", "甲的文本。\n")]);
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    let other = dir.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("b.txt"), "乙的文本。\n").unwrap();
    let before = tree(&opts.index);
    let second = IndexOptions::new(&other, &opts.index);
    let e = update(&second, LockWait::Wait, &NoProgress).unwrap_err();
    assert!(matches!(e, Error::OtherCorpus { .. }), "{e}");
    let msg = e.to_string();
    assert!(msg.contains(&corpus_id(&opts.corpus)) && msg.contains("other") && msg.contains("--full"), "{msg}");
    assert_eq!(tree(&opts.index), before, "nothing changed on disk");
    assert_eq!(hits(&opts, "甲的文本"), 1);
    // --full replaces it.
    let report = update(&second.with_full(true), LockWait::Wait, &NoProgress).unwrap();
    assert_eq!(report.rebuilt, Some(RebuildReason::Full));
    assert_eq!((hits(&opts, "甲的文本"), hits(&opts, "乙的文本")), (0, 1));
}

#[test]
fn an_index_follows_its_corpus_when_it_was_moved() {
    let (dir, opts) = corpus_of(&[("a.txt", "甲的文本。\n")]);
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    let moved = dir.path().join("moved");
    std::fs::rename(&opts.corpus, &moved).unwrap();
    let opts = IndexOptions::new(&moved, &opts.index);
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    assert_eq!(hits(&opts, "甲的文本"), 1);
    let snap = crate::index::Snapshot::open(&opts.index).unwrap();
    assert_eq!(snap.generation.manifest().unwrap().corpus, corpus_id(&moved), "the new path is recorded");
}

#[test]
fn the_file_counts_add_up() {
    let (dir, opts) = corpus_of(&[("a.txt", "甲。\n"), ("b.txt", "乙。\n"), ("paper.pdf", "%PDF")]);
    std::fs::write(dir.path().join("corpus/bin.txt"), b"\x00\x01binary").unwrap();
    let adds_up = |r: &UpdateReport| r.added + r.changed + r.unchanged == r.files + r.skipped;
    let r = update(&opts, LockWait::Wait, &NoProgress).unwrap();
    assert_eq!((r.added, r.files, r.skipped), (3, 2, 1), "{r:?}");
    assert!(adds_up(&r));
    std::fs::write(dir.path().join("corpus/b.txt"), "乙，改了。\n").unwrap();
    std::fs::write(dir.path().join("corpus/c.txt"), "丙。\n").unwrap();
    let r = update(&opts, LockWait::Wait, &NoProgress).unwrap();
    assert_eq!((r.added, r.changed, r.unchanged, r.files, r.skipped), (1, 1, 2, 3, 1), "{r:?}");
    assert!(adds_up(&r));
    assert!(r.warnings.iter().any(|w| w.path == "bin.txt"), "the skipped file is reported again");
}
