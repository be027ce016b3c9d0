//! Keeping the index in few segments.
//!
//! Every search pays per segment: each term is looked up in every segment's
//! dictionary, twice (statistics, then postings): a few small segments left
//! by one-file updates make every search measurably slower.
//!
//! Each update therefore merges the small segments it leaves ([`Compact`]):
//! a segment under an eighth of the largest is merged with the other small
//! ones, a segment that has lost a quarter of its documents to deletions
//! is rewritten without them, and beyond [`MAX_SEGMENTS`] the smallest are
//! merged. A full build is *not* merged into one segment: that costs a
//! third more build time for a few percent of search time (the figures are
//! in docs/performance.md, "Decisions").

use tantivy::SegmentMeta;
use tantivy::indexer::{MergeCandidate, MergePolicy};

/// The merge policy of every writer: see the module documentation.
#[derive(Debug, Default)]
pub(crate) struct Compact;

/// A segment this much smaller than the largest is small.
const SMALL_FRACTION: u32 = 8;

/// A segment with at least this share of deleted documents is rewritten.
const DELETED_SHARE: f64 = 0.25;

/// Most segments left after merging: a large corpus flushes one segment per
/// indexing thread every time the writer's memory budget fills (7 for four
/// copies of laws-prc); beyond this many, the smallest are merged.
const MAX_SEGMENTS: usize = 8;

impl MergePolicy for Compact {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let largest = segments.iter().map(SegmentMeta::num_docs).max().unwrap_or(0);
        let small = |s: &SegmentMeta| s.num_docs().saturating_mul(SMALL_FRACTION) < largest;
        let deleted = |s: &SegmentMeta| s.num_deleted_docs() as f64 >= DELETED_SHARE * f64::from(s.max_doc().max(1));
        let mut chosen: Vec<&SegmentMeta> = segments.iter().filter(|s| small(s) || deleted(s)).collect();
        if segments.len() > MAX_SEGMENTS {
            let mut by_size: Vec<&SegmentMeta> = segments.iter().collect();
            by_size.sort_by_key(|s| s.num_docs());
            for s in by_size.into_iter().take(segments.len() - MAX_SEGMENTS + 1) {
                if !chosen.iter().any(|c| c.id() == s.id()) {
                    chosen.push(s);
                }
            }
        }
        // One small segment without deletions is already as good as it gets.
        if chosen.len() < 2 && !chosen.iter().any(|s| deleted(s)) {
            return Vec::new();
        }
        vec![MergeCandidate(chosen.iter().map(|s| s.id()).collect())]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::schema::{STRING, Schema};
    use tantivy::{Index, IndexWriter, Term, doc};

    /// An index with one segment per entry of `sizes` (documents `k0`, `k1`…).
    fn segments(sizes: &[usize]) -> (Index, tantivy::schema::Field) {
        let mut b = Schema::builder();
        let key = b.add_text_field("key", STRING);
        let index = Index::create_in_ram(b.build());
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let mut n = 0;
        for &size in sizes {
            for _ in 0..size {
                w.add_document(doc!(key => format!("k{n}"))).expect("add");
                n += 1;
            }
            w.commit().expect("commit");
        }
        (index, key)
    }

    fn plan(index: &Index) -> Vec<usize> {
        let metas = index.searchable_segment_metas().expect("metas");
        let mut sizes: Vec<usize> = Compact
            .compute_merge_candidates(&metas)
            .into_iter()
            .map(|c| c.0.iter().map(|id| metas.iter().find(|m| m.id() == *id).expect("meta").num_docs() as usize).sum())
            .collect();
        sizes.sort_unstable();
        sizes
    }

    #[test]
    fn small_segments_are_merged_together_big_ones_are_left() {
        let (index, _) = segments(&[1000, 900, 10, 20]);
        assert_eq!(plan(&index), [30], "the two small ones, into one");
        let (index, _) = segments(&[1000, 900, 10]);
        assert!(plan(&index).is_empty(), "one small segment alone stays");
        let (index, _) = segments(&[1000, 900]);
        assert!(plan(&index).is_empty());
    }

    #[test]
    fn no_more_than_eight_segments_stay() {
        let (index, _) = segments(&[100; 10]);
        assert_eq!(plan(&index), [300], "the three smallest into one: eight are left");
        let (index, _) = segments(&[100; 8]);
        assert!(plan(&index).is_empty());
    }

    #[test]
    fn a_segment_with_many_deletions_is_rewritten() {
        let (index, key) = segments(&[100, 100]);
        let mut w: IndexWriter = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        w.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for n in 0..30 {
            w.delete_term(Term::from_field_text(key, &format!("k{n}")));
        }
        w.commit().expect("commit");
        assert_eq!(plan(&index), [70], "the first segment, without its 30 deleted documents");
    }
}
