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

/// Wrap `query` (used for every phrase query of the bigram and English
/// fields).
pub(crate) fn safe_seek(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(SafeSeek(query))
}

#[derive(Debug)]
struct SafeSeek(Box<dyn Query>);

impl Clone for SafeSeek {
    fn clone(&self) -> Self {
        SafeSeek(self.0.box_clone())
    }
}

impl Query for SafeSeek {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(SafeSeekWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.0.query_terms(visitor)
    }
}

struct SafeSeekWeight(Box<dyn Weight>);

impl Weight for SafeSeekWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(SafeSeekScorer { inner: self.0.scorer(reader, boost)?, valid: true, lower_bound: 0 }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }
}

struct SafeSeekScorer {
    inner: Box<dyn Scorer>,
    /// False after a `seek_danger` miss, when `doc()` must not be asked.
    valid: bool,
    /// After a miss: no document of the set lies below this.
    lower_bound: DocId,
}

impl DocSet for SafeSeekScorer {
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

impl Scorer for SafeSeekScorer {
    fn score(&mut self) -> Score {
        self.inner.score()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::query::PhraseQuery;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::{Index, Term, doc};

    /// A phrase scorer on its first match, document 2, of a small index.
    fn phrase_scorer(wrap: bool) -> Box<dyn Scorer> {
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        for t in ["a", "b a", "a b", "x", "a b c"] {
            w.add_document(doc!(text => t)).expect("add");
        }
        w.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let phrase: Box<dyn Query> =
            Box::new(PhraseQuery::new(vec![Term::from_field_text(text, "a"), Term::from_field_text(text, "b")]));
        let query = if wrap { safe_seek(phrase) } else { phrase };
        let weight = query.weight(EnableScoring::enabled_from_searcher(&searcher)).expect("weight");
        let scorer = weight.scorer(&searcher.segment_readers()[0], 1.0).expect("scorer");
        assert_eq!(scorer.doc(), 2, "the first document with `a b`");
        scorer
    }

    #[test]
    fn a_backward_seek_danger_is_answered_without_asking_the_phrase() {
        let mut s = phrase_scorer(true);
        assert!(matches!(s.seek_danger(1), SeekDangerResult::SeekLowerBound(2)));
        assert!(matches!(s.seek_danger(2), SeekDangerResult::Found));
        let SeekDangerResult::SeekLowerBound(bound) = s.seek_danger(3) else { panic!("3 has no `a b`") };
        assert!(bound > 3);
        // After a miss the scorer's position is unknown: an earlier target
        // gets the bound the miss gave, without asking the phrase.
        assert!(matches!(s.seek_danger(3), SeekDangerResult::SeekLowerBound(b) if b == bound));
    }

    /// The upstream behaviour this wrapper exists for (debug builds only:
    /// it is a `debug_assert!`). When this stops panicking, tantivy has
    /// fixed quickwit-oss/tantivy#2811 and the wrapper can go.
    #[cfg(debug_assertions)]
    #[test]
    fn tantivys_phrase_scorer_asserts_on_a_backward_seek_danger() {
        let mut raw = phrase_scorer(false);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || raw.seek_danger(1)));
        assert!(outcome.is_err(), "tantivy#2811 seems fixed: the safe_seek wrapper may be removed");
    }
}
