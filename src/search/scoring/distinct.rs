//! Top-k by score, one document per passage.
//!
//! A passage that occurs in several places (its duplicates share a
//! `dupkey`) is one result. Collecting plain top-k and dropping duplicates
//! afterwards needs a deeper k the more copies a corpus holds, and a deeper
//! k prunes worse; this collector keeps the best document of each passage
//! and prunes with block-max WAND against the k-th best *passage*.
//!
//! It can also scale the score of some documents (headings) down: the
//! pruning stays exact, as a scaled score never exceeds the raw one.
//!
//! Segments are searched one after another, and each starts from the
//! threshold the earlier ones reached: once k passages score at least `t`,
//! a document of a later segment scoring less than `t` cannot rank (one
//! scoring `t` still may: ties go to the lower passage key, so that they
//! break alike in every build of a corpus). Without it every segment would
//! score from zero, and a freshly updated index (several segments) searches
//! slower (docs/performance.md, "Decisions").

use std::sync::atomic::{AtomicU32, Ordering};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::Weight;
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// A scored document and its passage key.
pub(crate) type Candidate = (Score, DocAddress, u64);

/// The `k` best passages (best document of each), by score descending, then
/// by passage key (the first copy, by address, of a passage's best score).
pub(crate) struct DistinctTopDocs {
    k: usize,
    /// Each segment's passage keys.
    keys: Vec<Column<u64>>,
    scale: Option<Scale>,
    /// The best threshold a finished segment reached (`f32` bits).
    floor: AtomicU32,
}

/// Documents whose column value is `value` score `factor` (≤ 1) times.
struct Scale {
    columns: Vec<Column<u64>>,
    value: u64,
    factor: Score,
}

impl DistinctTopDocs {
    /// Top `k` passages, a passage being a key of `keys` (one u64 column per
    /// segment, by segment ordinal).
    pub(crate) fn new(k: usize, keys: Vec<Column<u64>>) -> DistinctTopDocs {
        DistinctTopDocs { k: k.max(1), keys, scale: None, floor: AtomicU32::new(Score::MIN.to_bits()) }
    }

    fn floor(&self) -> Score {
        Score::from_bits(self.floor.load(Ordering::Relaxed))
    }

    /// Raise the floor to `t` (segments may finish in any order).
    fn raise_floor(&self, t: Score) {
        let _ = self.floor.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |old| {
            (t > Score::from_bits(old)).then_some(t.to_bits())
        });
    }

    /// Multiply the score of documents whose value in `columns` (one per
    /// segment) is `value` by `factor` (clamped to 0..=1).
    pub(crate) fn scaling(mut self, columns: Vec<Column<u64>>, value: u64, factor: Score) -> DistinctTopDocs {
        self.scale = Some(Scale { columns, value, factor: factor.clamp(0.0, 1.0) });
        self
    }
}

/// The best document per key among the best `k` keys of one segment.
pub(crate) struct SegmentTop {
    k: usize,
    segment: SegmentOrdinal,
    keys: Column<u64>,
    scale: Option<(Column<u64>, u64, Score)>,
    top: Vec<(Score, DocId, u64)>,
}

impl SegmentTop {
    /// Offer a document; returns the score a document must beat now.
    fn offer(&mut self, doc: DocId, mut score: Score) -> Score {
        if let Some((col, value, factor)) = &self.scale
            && col.first(doc) == Some(*value)
        {
            score *= factor;
        }
        let key = self.keys.first(doc).unwrap_or(u64::from(doc) | 1 << 63);
        if let Some(e) = self.top.iter_mut().find(|e| e.2 == key) {
            if score > e.0 {
                *e = (score, doc, key);
            }
        } else if self.top.len() < self.k {
            self.top.push((score, doc, key));
        } else if let Some(worst) = self.top.iter_mut().min_by(|a, b| ranks(a.0, a.2, b.0, b.2))
            && ranks(score, key, worst.0, worst.2).is_gt()
        {
            *worst = (score, doc, key);
        }
        self.admits()
    }

    /// The k-th best score so far (the floor later segments start from).
    fn threshold(&self) -> Score {
        if self.top.len() < self.k {
            return Score::MIN;
        }
        self.top.iter().map(|e| e.0).fold(Score::MAX, Score::min)
    }

    /// The score a document must beat to be offered: just below the k-th
    /// best, since a passage tying it may still win on its key.
    fn admits(&self) -> Score {
        self.threshold().next_down()
    }
}

/// How passage (`score`, `key`) ranks against (`other`, `other_key`):
/// by score, then by the lower key. Keys hash the passage's text, so ties
/// break the same way whatever order the documents were indexed in (two
/// builds of one corpus, on two threads, order them differently).
fn ranks(score: Score, key: u64, other: Score, other_key: u64) -> std::cmp::Ordering {
    score.total_cmp(&other).then_with(|| other_key.cmp(&key))
}

impl SegmentCollector for SegmentTop {
    type Fruit = Vec<Candidate>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.offer(doc, score);
    }

    fn harvest(self) -> Vec<Candidate> {
        self.top.into_iter().map(|(s, d, key)| (s, DocAddress::new(self.segment, d), key)).collect()
    }
}

impl Collector for DistinctTopDocs {
    type Fruit = Vec<Candidate>;
    type Child = SegmentTop;

    fn for_segment(&self, segment: SegmentOrdinal, _: &SegmentReader) -> tantivy::Result<SegmentTop> {
        let column = |cols: &[Column<u64>]| {
            cols.get(segment as usize)
                .cloned()
                .ok_or_else(|| tantivy::TantivyError::InvalidArgument(format!("no column for segment {segment}")))
        };
        let keys = column(&self.keys)?;
        let scale = match &self.scale {
            Some(s) => Some((column(&s.columns)?, s.value, s.factor)),
            None => None,
        };
        Ok(SegmentTop { k: self.k, segment, keys, scale, top: Vec::with_capacity(self.k) })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    /// Block-max WAND: only documents that beat the k-th best passage so far
    /// are scored in full.
    fn collect_segment(
        &self,
        weight: &dyn Weight,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<Vec<Candidate>> {
        let mut top = self.for_segment(segment, reader)?;
        let alive = reader.alive_bitset();
        // Just below the floor: a document scoring exactly the floor stays
        // (its passage may win the tie on its key).
        let floor = self.floor().next_down();
        weight.for_each_pruning(floor, reader, &mut |doc, score| {
            if alive.is_some_and(|a| a.is_deleted(doc)) {
                return top.admits().max(floor);
            }
            top.offer(doc, score).max(floor)
        })?;
        self.raise_floor(top.threshold());
        Ok(top.harvest())
    }

    fn merge_fruits(&self, segments: Vec<Vec<Candidate>>) -> tantivy::Result<Vec<Candidate>> {
        let mut all: Vec<Candidate> = segments.into_iter().flatten().collect();
        all.sort_by(|a, b| ranks(b.0, b.2, a.0, a.2).then_with(|| a.1.cmp(&b.1)));
        let mut seen = std::collections::HashSet::new();
        all.retain(|c| seen.insert(c.2));
        all.truncate(self.k);
        Ok(all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::schema::{FAST, INDEXED, Schema, TEXT};
    use tantivy::{Index, doc};

    fn columns(searcher: &tantivy::Searcher, field: &str) -> Vec<Column<u64>> {
        searcher.segment_readers().iter().map(|r| r.fast_fields().u64(field).expect("column")).collect()
    }

    /// An index of `(text, key)` documents; `kind` 1 for keys over 100.
    fn index(docs: &[(&str, u64)]) -> (Index, tantivy::schema::Field) {
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT);
        let key = b.add_u64_field("key", INDEXED | FAST);
        let kind = b.add_u64_field("kind", FAST);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        for (t, k) in docs {
            w.add_document(doc!(text => *t, key => *k, kind => u64::from(*k > 100))).expect("add");
        }
        w.commit().expect("commit");
        (index, text)
    }

    #[test]
    fn one_result_per_key_best_first() {
        let (index, text) = index(&[
            ("apple apple apple", 1),
            ("apple apple apple", 1),
            ("apple", 2),
            ("apple apple", 3),
            ("apple apple apple", 1),
            ("pear", 4),
        ]);
        let searcher = index.reader().expect("reader").searcher();
        let q = QueryParser::for_index(&index, vec![text]).parse_query("apple").expect("query");
        let top = searcher.search(&q, &DistinctTopDocs::new(10, columns(&searcher, "key"))).expect("search");
        let keys: Vec<u64> = top.iter().map(|c| c.2).collect();
        assert_eq!(keys, [1, 3, 2]);
        // The first of equal copies, as plain top-k orders them.
        assert_eq!(top[0].1.doc_id, 0);
        let two = searcher.search(&q, &DistinctTopDocs::new(2, columns(&searcher, "key"))).expect("search");
        assert_eq!(two.iter().map(|c| c.2).collect::<Vec<_>>(), [1, 3]);
        // Same scores as plain top-k.
        let plain = searcher.search(&q, &TopDocs::with_limit(1).order_by_score()).expect("search");
        assert_eq!(plain[0].0, top[0].0);
    }

    #[test]
    fn later_segments_start_from_the_threshold_of_earlier_ones_and_lose_nothing() {
        // Four segments; keys repeat across them (copies of a passage in
        // different segments), scores vary with the number of `apple`s.
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT);
        let key = b.add_u64_field("key", INDEXED | FAST);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        let mut expected: Vec<(usize, u64)> = Vec::new();
        for seg in 0..4u64 {
            for i in 0..60u64 {
                let k = (i * 7 + seg * 13) % 90;
                let n = 1 + ((i * 31 + seg * 17) % 9) as usize;
                let body = format!("{} pear {}", "apple ".repeat(n), "pear ".repeat((i % 5) as usize));
                w.add_document(doc!(text => body.as_str(), key => k)).expect("add");
                expected.push((n, k));
            }
            w.commit().expect("commit");
        }
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 4);
        let q = QueryParser::for_index(&index, vec![text]).parse_query("apple").expect("query");
        // The reference: plain top-k of every document, first copy of each key.
        let all = searcher.search(&q, &TopDocs::with_limit(1000).order_by_score()).expect("search");
        let mut seen = std::collections::HashSet::new();
        let keys_col = columns(&searcher, "key");
        let reference: Vec<(Score, u64)> = all
            .iter()
            .map(|(s, a)| (*s, keys_col[a.segment_ord as usize].first(a.doc_id).expect("key")))
            .filter(|(_, k)| seen.insert(*k))
            .collect();
        for k in [1, 3, 10, 40] {
            let top = searcher.search(&q, &DistinctTopDocs::new(k, columns(&searcher, "key"))).expect("search");
            let got: Vec<u64> = top.iter().map(|c| c.2).collect();
            let want: Vec<u64> = reference.iter().take(k).map(|r| r.1).collect();
            let got_scores: Vec<Score> = top.iter().map(|c| c.0).collect();
            let want_scores: Vec<Score> = reference.iter().take(k).map(|r| r.0).collect();
            assert_eq!(got_scores, want_scores, "k = {k}");
            assert_eq!(got.len(), want.len(), "k = {k}");
            // Equal scores may list different keys only among ties.
            for (g, w) in top.iter().zip(reference.iter()) {
                assert!(g.2 == w.1 || g.0 == w.0, "k = {k}: {got:?} vs {want:?}");
            }
        }
    }

    #[test]
    fn ties_go_to_the_lower_key_whatever_the_order_of_the_documents() {
        let docs: [(&str, u64); 5] =
            [("apple pear", 5), ("apple pear", 3), ("apple apple", 8), ("apple pear", 9), ("apple pear", 4)];
        let mut reversed = docs;
        reversed.reverse();
        for order in [&docs, &reversed] {
            // All in one segment, and one segment per document.
            for per_segment in [false, true] {
                let mut b = Schema::builder();
                let text = b.add_text_field("text", TEXT);
                let key = b.add_u64_field("key", INDEXED | FAST);
                let index = Index::create_in_ram(b.build());
                let mut w = index.writer_with_num_threads(1, 15_000_000).expect("writer");
                for (t, k) in order.iter() {
                    w.add_document(doc!(text => *t, key => *k)).expect("add");
                    if per_segment {
                        w.commit().expect("commit");
                    }
                }
                w.commit().expect("commit");
                let searcher = index.reader().expect("reader").searcher();
                let q = QueryParser::for_index(&index, vec![text]).parse_query("apple").expect("query");
                let keys = |k: usize| -> Vec<u64> {
                    let top = searcher.search(&q, &DistinctTopDocs::new(k, columns(&searcher, "key"))).expect("search");
                    top.iter().map(|c| c.2).collect()
                };
                assert_eq!(keys(1), [8], "{order:?} {per_segment}");
                assert_eq!(keys(2), [8, 3], "{order:?} {per_segment}");
                assert_eq!(keys(3), [8, 3, 4], "{order:?} {per_segment}");
                assert_eq!(keys(10), [8, 3, 4, 5, 9], "{order:?} {per_segment}");
            }
        }
    }

    #[test]
    fn scaled_documents_rank_by_their_scaled_score() {
        let (index, text) = index(&[("apple apple apple", 101), ("apple apple", 2), ("apple", 3)]);
        let searcher = index.reader().expect("reader").searcher();
        let q = QueryParser::for_index(&index, vec![text]).parse_query("apple").expect("query");
        let raw = searcher.search(&q, &DistinctTopDocs::new(3, columns(&searcher, "key"))).expect("search");
        assert_eq!(raw.iter().map(|c| c.2).collect::<Vec<_>>(), [101, 2, 3]);
        let scaled = searcher
            .search(&q, &DistinctTopDocs::new(3, columns(&searcher, "key")).scaling(columns(&searcher, "kind"), 1, 0.1))
            .expect("search");
        assert_eq!(scaled.iter().map(|c| c.2).collect::<Vec<_>>(), [2, 3, 101]);
        assert!((scaled[2].0 - raw[0].0 * 0.1).abs() < 1e-6);
        // With k = 1 the pruning must not lose the unscaled winner.
        let one = searcher
            .search(&q, &DistinctTopDocs::new(1, columns(&searcher, "key")).scaling(columns(&searcher, "kind"), 1, 0.1))
            .expect("search");
        assert_eq!(one[0].2, 2);
    }
}
