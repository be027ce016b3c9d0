//! A query wrapper whose scorer tolerates `seek_danger` targets behind its
//! current document.
//!
//! tantivy 0.27's exclusion and intersection code may ask a freshly created
//! scorer whether it contains a document *before* the one it already sits
//! on. `PhraseScorer::seek_danger` `debug_assert!`s against that
//! (quickwit-oss/tantivy#2811), so debug builds panic on `工会 -总工会`.
//! The answer is known without seeking: a forward-only scorer positioned on
//! `doc` cannot contain any earlier target. This wrapper gives it, and passes
//! everything else through.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader};

/// Wrap `query` (used for every phrase query of the substring field).
pub fn guarded(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(Guarded(query))
}

#[derive(Debug)]
struct Guarded(Box<dyn Query>);

impl Clone for Guarded {
    fn clone(&self) -> Self {
        Guarded(self.0.box_clone())
    }
}

impl Query for Guarded {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(GuardedWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.0.query_terms(visitor)
    }
}

struct GuardedWeight(Box<dyn Weight>);

impl Weight for GuardedWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(GuardedScorer { inner: self.0.scorer(reader, boost)?, valid: true, lower_bound: 0 }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct GuardedScorer {
    inner: Box<dyn Scorer>,
    /// False after a `seek_danger` miss, when `doc()` must not be asked.
    valid: bool,
    /// After a miss: no document of the set lies below this.
    lower_bound: DocId,
}

impl DocSet for GuardedScorer {
    fn advance(&mut self) -> DocId {
        self.valid = true;
        self.inner.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.valid = true;
        if self.inner.doc() >= target {
            return self.inner.doc();
        }
        self.inner.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        if self.valid {
            let doc = self.inner.doc();
            if target == doc {
                return SeekDangerResult::Found;
            }
            if target < doc {
                return SeekDangerResult::SeekLowerBound(doc);
            }
        } else if target < self.lower_bound {
            return SeekDangerResult::SeekLowerBound(self.lower_bound);
        }
        let r = self.inner.seek_danger(target);
        match r {
            SeekDangerResult::Found => self.valid = true,
            SeekDangerResult::SeekLowerBound(bound) => {
                self.valid = false;
                self.lower_bound = bound;
            }
        }
        r
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
}

impl Scorer for GuardedScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}
