//! A union of terms, scored with block-max WAND, that keeps only the
//! documents a second query matches (a phrase of the bigram field).
//!
//! A phrase query scores every document that holds all its bigrams: for a
//! common word such as `人民政府` that is tens of thousands of passages, each
//! with its positions read. Scored instead as a union of terms (the word,
//! and bigrams covering the characters), block-max WAND skips every passage
//! that cannot reach the top, and the phrase is checked only for the
//! passages that could (an order of magnitude faster: docs/performance.md,
//! "Decisions"). The matches are the same,
//! the phrase's; only documents the phrase accepts reach the collector, so
//! the pruning threshold is theirs too.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, Term};

/// `scoring`'s scores, on the documents both `scoring` and `filter` match.
/// `filter` must match only documents `scoring` matches for the pruning
/// to find all of them (true of a phrase and terms covering its characters).
pub(crate) fn filtered_union(scoring: Box<dyn Query>, filter: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(FilteredUnion { scoring, filter })
}

#[derive(Debug)]
struct FilteredUnion {
    scoring: Box<dyn Query>,
    filter: Box<dyn Query>,
}

impl Clone for FilteredUnion {
    fn clone(&self) -> Self {
        FilteredUnion { scoring: self.scoring.box_clone(), filter: self.filter.box_clone() }
    }
}

impl Query for FilteredUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let filter_scoring = match enable_scoring.searcher() {
            Some(searcher) => EnableScoring::disabled_from_searcher(searcher),
            None => EnableScoring::disabled_from_schema(enable_scoring.schema()),
        };
        Ok(Box::new(FilteredUnionWeight {
            scoring: self.scoring.weight(enable_scoring)?,
            filter: self.filter.weight(filter_scoring)?,
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.scoring.query_terms(visitor);
        self.filter.query_terms(visitor);
    }
}

struct FilteredUnionWeight {
    scoring: Box<dyn Weight>,
    filter: Box<dyn Weight>,
}

impl Weight for FilteredUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut s = FilteredUnionScorer {
            scoring: self.scoring.scorer(reader, boost)?,
            filter: self.filter.scorer(reader, 1.0)?,
        };
        s.align();
        Ok(Box::new(s))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut filter = self.filter.scorer(reader, 1.0)?;
        // A fresh scorer may already be past `doc`: never seek backwards.
        if filter.doc() > doc || filter.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!("document {doc} does not match")));
        }
        self.scoring.explain(reader, doc)
    }

    /// The scoring query's block-max WAND; a document goes on to `callback`
    /// only if the filter has it (documents come in increasing order, so
    /// the filter only ever moves forward).
    fn for_each_pruning(
        &self,
        threshold: Score,
        reader: &SegmentReader,
        callback: &mut dyn FnMut(DocId, Score) -> Score,
    ) -> tantivy::Result<()> {
        let mut filter = self.filter.scorer(reader, 1.0)?;
        let mut current = threshold;
        self.scoring.for_each_pruning(threshold, reader, &mut |doc, score| {
            if filter.doc() < doc {
                filter.seek(doc);
            }
            match filter.doc() {
                d if d == doc => current = callback(doc, score),
                // No document left can pass: a threshold nothing beats
                // ends the union's walk.
                TERMINATED => return Score::MAX,
                _ => {}
            }
            current
        })
    }
}

/// The intersection, scored by the scoring side alone.
struct FilteredUnionScorer {
    scoring: Box<dyn Scorer>,
    filter: Box<dyn Scorer>,
}

impl FilteredUnionScorer {
    /// Move to the first document at or after the current one that both match.
    fn align(&mut self) -> DocId {
        loop {
            let doc = self.scoring.doc();
            if doc == TERMINATED {
                return doc;
            }
            if self.filter.doc() < doc {
                self.filter.seek(doc);
            }
            match self.filter.doc() {
                f if f == doc => return doc,
                TERMINATED => return self.scoring.seek(TERMINATED),
                f => {
                    self.scoring.seek(f);
                }
            }
        }
    }
}

impl DocSet for FilteredUnionScorer {
    fn advance(&mut self) -> DocId {
        self.scoring.advance();
        self.align()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.scoring.doc() < target {
            self.scoring.seek(target);
        }
        self.align()
    }

    fn doc(&self) -> DocId {
        self.scoring.doc()
    }

    fn size_hint(&self) -> u32 {
        self.filter.size_hint().min(self.scoring.size_hint())
    }
}

impl Scorer for FilteredUnionScorer {
    fn score(&mut self) -> Score {
        self.scoring.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::scoring::distinct::DistinctTopDocs;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, PhraseQuery, TermQuery};
    use tantivy::schema::{FAST, IndexRecordOption, Schema, TEXT};
    use tantivy::{Index, doc};

    /// Many documents with `a`, `b` and `c`; only some have the phrase `a b`.
    fn index() -> (Index, tantivy::schema::Field) {
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT);
        let key = b.add_u64_field("key", FAST);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        for i in 0..3000u64 {
            let body = match i % 7 {
                0 => "a b c".to_string(),
                1 => format!("b a {}", "c ".repeat((i % 5) as usize)),
                2 => format!("{} a b", "a ".repeat((i % 4) as usize)),
                3 => "c c c".to_string(),
                _ => format!("b {} a", "x ".repeat((i % 3) as usize)),
            };
            w.add_document(doc!(text => body, key => i)).expect("add");
            if i % 1000 == 999 {
                w.commit().expect("commit");
            }
        }
        w.commit().expect("commit");
        (index, text)
    }

    #[test]
    fn the_top_documents_are_those_of_the_plain_intersection() {
        let (index, text) = index();
        let searcher = index.reader().expect("reader").searcher();
        let t = |s: &str| Term::from_field_text(text, s);
        let terms = || -> Box<dyn Query> {
            Box::new(BooleanQuery::new(
                ["a", "b"]
                    .iter()
                    .map(|s| {
                        (Occur::Should, Box::new(TermQuery::new(t(s), IndexRecordOption::WithFreqs)) as Box<dyn Query>)
                    })
                    .collect(),
            ))
        };
        let phrase = || -> Box<dyn Query> { Box::new(PhraseQuery::new(vec![t("a"), t("b")])) };
        let q = filtered_union(terms(), phrase());
        // Same set as the phrase.
        assert_eq!(searcher.search(&q, &Count).expect("count"), searcher.search(&phrase(), &Count).expect("count"));
        // Same top scores as the intersection scored by the terms alone.
        let plain = BooleanQuery::new(vec![
            (Occur::Must, terms()),
            (Occur::Must, Box::new(tantivy::query::ConstScoreQuery::new(phrase(), 0.0)) as Box<dyn Query>),
        ]);
        let keys: Vec<_> =
            searcher.segment_readers().iter().map(|r| r.fast_fields().u64("key").expect("key")).collect();
        // Explaining a document: a match explains, a non-match is an error,
        // whichever side of the filter's first match it lies.
        let weight = q.weight(EnableScoring::enabled_from_searcher(&searcher)).expect("weight");
        // The second segment starts at document 1000: its first document
        // (1000 % 7 = 6) lies before the filter's first match.
        let reader = searcher
            .segment_readers()
            .iter()
            .find(|r| r.fast_fields().u64("key").expect("key").first(0) == Some(1000))
            .expect("the segment of documents 1000…");
        let matches = |d: DocId| weight.explain(reader, d).is_ok();
        assert!(!matches(0) && matches(1) && !matches(2) && matches(3), "1001 and 1003 hold `a b`, 1000 and 1002 not");
        for k in [1, 10, 100] {
            let want = searcher.search(&plain, &TopDocs::with_limit(k).order_by_score()).expect("plain");
            let got = searcher.search(&q, &DistinctTopDocs::new(k, keys.clone())).expect("verified");
            let w: Vec<Score> = want.iter().map(|x| x.0).collect();
            let g: Vec<Score> = got.iter().map(|x| x.0).collect();
            assert_eq!(g.len(), w.len(), "k = {k}");
            for (a, b) in g.iter().zip(&w) {
                assert!((a - b).abs() < 1e-4, "k = {k}: {g:?} vs {w:?}");
            }
        }
    }
}
