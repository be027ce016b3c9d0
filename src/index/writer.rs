//! Opening a tantivy writer safely on an index another writer may have left
//! half-done (killed), and ending a failed one — three workarounds for
//! tantivy 0.27.

use crate::error::Result;
use tantivy::query::EmptyQuery;
use tantivy::{Index, IndexWriter};

/// A writer on `index`, ready for deletes and additions.
///
/// 1. **Leftovers of a killed writer.** A writer killed before its commit
///    leaves files the committed state does not use. Most have fresh names,
///    but a deletion file is named after its segment and operation number,
///    which the next writer reuses: tantivy would refuse to create it
///    (`FileAlreadyExists`) and the update would fail until `--full`.
///    Collecting the garbage first (tantivy does it only after a commit)
///    removes them; the files of the committed state stay.
/// 2. **The first operation's stamp.** A new writer stamps its first
///    operation with the opstamp of the last commit. A merge of committed
///    segments that starts during the update (when a new segment is added)
///    applies deletes up to that same opstamp, skips segments whose deletes
///    are already at it, and continues from the first segment's position in
///    the delete queue — so a first `delete_term` can be consumed without
///    reaching the documents of a skipped segment, and a changed file's old
///    paragraphs survive beside the new ones. A no-op delete takes that stamp
///    instead, and every real operation comes after the commit point.
///
/// Its merge policy is [`Compact`](super::merge::Compact).
pub(crate) fn open_writer(index: &Index, threads: usize, budget: usize) -> Result<IndexWriter> {
    let writer: IndexWriter = index.writer_with_num_threads(threads, budget)?;
    writer.set_merge_policy(Box::new(super::merge::Compact));
    writer.garbage_collect_files().wait()?;
    writer.delete_query(Box::new(EmptyQuery))?;
    Ok(writer)
}

/// Wait (at most `limit`) until no thread of a dropped tantivy writer is
/// left in this process.
///
/// 3. **Threads that outlive a failed writer.** `prepare_commit` and
///    `wait_merging_threads` return at the first indexing thread that
///    failed (a full disk) without joining the others, and dropping the
///    writer then joins none: those go on serialising their segment, and
///    merges may be running. Files they create after the failed update
///    collected its garbage would stay until the next writer. tantivy
///    names its threads, so they can be seen in `/proc/self/task` (Linux;
///    elsewhere this returns at once): indexing threads, and the merge
///    pool and segment updater, which end when the last thread holding
///    them does. Only called after a failure, holding the writer lock, so
///    no other writer of ours runs.
pub(crate) fn wait_for_writer_threads(limit: std::time::Duration) {
    let started = std::time::Instant::now();
    while writer_threads_alive() && started.elapsed() < limit {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

fn writer_threads_alive() -> bool {
    // Thread names are cut to 15 bytes in `comm`.
    const NAMES: [&str; 3] = ["thrd-tantivy-in", "merge_thread_", "segment_updater"];
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return false;
    };
    tasks
        .flatten()
        .any(|t| std::fs::read_to_string(t.path().join("comm")).is_ok_and(|c| NAMES.iter().any(|n| c.starts_with(n))))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::Count;
    use tantivy::indexer::{MergeCandidate, MergePolicy};
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, STRING, Schema};
    use tantivy::{SegmentMeta, Term, doc};

    /// Merges the committed segments as soon as one has deletes and another
    /// has none, the one without deletes first: the order in which tantivy
    /// takes the merged segment's place in the delete queue from it.
    #[derive(Debug)]
    struct MergeMixed;

    impl MergePolicy for MergeMixed {
        fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
            let with = segments.iter().filter(|s| s.has_deletes()).count();
            if with == 0 || with == segments.len() {
                return Vec::new();
            }
            let mut ordered: Vec<&SegmentMeta> = segments.iter().collect();
            ordered.sort_by_key(|s| s.num_deleted_docs());
            vec![MergeCandidate(ordered.iter().map(|s| s.id()).collect())]
        }
    }

    #[test]
    fn a_first_delete_survives_a_merge_that_starts_during_the_update() {
        let mut schema = Schema::builder();
        let id = schema.add_text_field("id", STRING);
        let index = Index::create_in_ram(schema.build());
        let count = |value: &str| {
            let reader = index.reader().unwrap();
            let query = TermQuery::new(Term::from_field_text(id, value), IndexRecordOption::Basic);
            reader.searcher().search(&query, &Count).unwrap()
        };
        // Segment A, then segment B and a delete in A: A's deletes are now
        // at the committed opstamp, B has none.
        let mut w = open_writer(&index, 1, 15_000_000).unwrap();
        for v in ["x", "y", "gone"] {
            w.add_document(doc!(id => v)).unwrap();
        }
        w.commit().unwrap();
        w.add_document(doc!(id => "b")).unwrap();
        w.delete_term(Term::from_field_text(id, "gone"));
        w.commit().unwrap();
        drop(w);
        // The update: x is deleted first, then a document is added — its
        // segment triggers the merge of A and B before the commit.
        let mut w = open_writer(&index, 1, 15_000_000).unwrap();
        w.set_merge_policy(Box::new(MergeMixed));
        w.delete_term(Term::from_field_text(id, "x"));
        w.add_document(doc!(id => "new")).unwrap();
        w.commit().unwrap();
        w.wait_merging_threads().unwrap();
        assert_eq!(count("x"), 0, "the deleted document stays deleted");
        assert_eq!((count("y"), count("b"), count("new"), count("gone")), (1, 1, 1, 0));
        let merged = index.searchable_segment_metas().unwrap();
        assert_eq!(merged.len(), 1, "A and B were merged: {merged:?}");
    }
}
