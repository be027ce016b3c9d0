//! A query wrapper that adds a constant to every score of its query.
//!
//! A keyword stretch found as typed puts its passages in a tier above all
//! the others ([`Ranking::as_typed`](crate::tuning::Ranking::as_typed)), ordered
//! within the tier by the stretch's own phrase score (the adjacency bonus).
//! One wrapped query does both: a constant-score copy of the phrase beside
//! the boosted one would match the phrase's positions twice (measured in
//! docs/relevance.md, "What was measured and not kept"). A score is
//! `(inner + add) × boost` for the boost of an enclosing
//! [`BoostQuery`](tantivy::query::BoostQuery); everything but the score is
//! the inner query's, as with tantivy's own boost.

use tantivy::fastfield::AliveBitSet;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{COLLECT_BLOCK_BUFFER_LEN, DocId, DocSet, Score, SeekDangerResult, SegmentReader};

/// `query`, with `add` added to the score of every document it matches
/// (`query` itself when `add` is 0).
pub(crate) fn offset_score(query: Box<dyn Query>, add: Score) -> Box<dyn Query> {
    if add == 0.0 { query } else { Box::new(OffsetScore { query, add }) }
}

#[derive(Debug)]
struct OffsetScore {
    query: Box<dyn Query>,
    add: Score,
}

impl Clone for OffsetScore {
    fn clone(&self) -> Self {
        OffsetScore { query: self.query.box_clone(), add: self.add }
    }
}

impl Query for OffsetScore {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = self.query.weight(enable_scoring)?;
        if !enable_scoring.is_scoring_enabled() {
            return Ok(inner);
        }
        Ok(Box::new(OffsetScoreWeight { inner, add: self.add }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.query.query_terms(visitor)
    }
}

struct OffsetScoreWeight {
    inner: Box<dyn Weight>,
    add: Score,
}

impl Weight for OffsetScoreWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(OffsetScoreScorer { inner: self.inner.scorer(reader, boost)?, add: self.add * boost }))
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        let (found, inner) = self.inner.scorer_danger(reader, target, boost)?;
        Ok((found, Box::new(OffsetScoreScorer { inner, add: self.add * boost })))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let inner = self.inner.explain(reader, doc)?;
        let mut e = Explanation::new("offset: score + constant", inner.value() + self.add);
        e.add_const("constant", self.add);
        e.add_detail(inner);
        Ok(e)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.inner.count(reader)
    }
}

struct OffsetScoreScorer {
    inner: Box<dyn Scorer>,
    add: Score,
}

impl DocSet for OffsetScoreScorer {
    fn advance(&mut self) -> DocId {
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.inner.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        self.inner.seek_danger(target)
    }

    fn fill_buffer(&mut self, buffer: &mut [DocId; COLLECT_BLOCK_BUFFER_LEN]) -> usize {
        self.inner.fill_buffer(buffer)
    }

    fn doc(&self) -> DocId {
        self.inner.doc()
    }

    fn size_hint(&self) -> u32 {
        self.inner.size_hint()
    }

    fn cost(&self) -> u64 {
        self.inner.cost()
    }

    fn count(&mut self, alive_bitset: &AliveBitSet) -> u32 {
        self.inner.count(alive_bitset)
    }

    fn count_including_deleted(&mut self) -> u32 {
        self.inner.count_including_deleted()
    }
}

impl Scorer for OffsetScoreScorer {
    fn score(&mut self) -> Score {
        self.inner.score() + self.add
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BoostQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, STRING, Schema};
    use tantivy::{Index, Term, doc};

    #[test]
    fn adds_the_constant_to_each_score_and_matches_the_same_documents() {
        let mut schema = Schema::builder();
        let f = schema.add_text_field("f", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for v in ["a", "b", "a", "c"] {
            w.add_document(doc!(f => v)).unwrap();
        }
        w.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let q = || Box::new(TermQuery::new(Term::from_field_text(f, "a"), IndexRecordOption::WithFreqs));
        let top = || TopDocs::with_limit(10).order_by_score();
        let plain = searcher.search(&*q(), &top()).unwrap();
        assert_eq!(plain.len(), 2);
        // Alone, and under a boost of 2: (score + 100) × 2.
        let alone = offset_score(q(), 100.0);
        let boosted: Box<dyn Query> = Box::new(BoostQuery::new(offset_score(q(), 100.0), 2.0));
        for (query, add, factor) in [(&alone, 100.0, 1.0), (&boosted, 100.0, 2.0)] {
            let up = searcher.search(&**query, &top()).unwrap();
            assert_eq!(up.len(), plain.len(), "the same documents");
            for ((s, d), (s2, d2)) in plain.iter().zip(&up) {
                assert_eq!(d, d2);
                assert!((s2 - (s + add) * factor).abs() < 1e-3, "{s} {s2}");
                let e = query.explain(&searcher, *d).unwrap();
                assert!((e.value() - s2).abs() < 1e-3, "explained {} for {s2}", e.value());
            }
        }
        assert_eq!(searcher.search(&*offset_score(q(), 100.0), &Count).unwrap(), 2);
        assert!(format!("{:?}", offset_score(q(), 0.0)).starts_with("TermQuery"), "0 adds no wrapper");
    }
}
