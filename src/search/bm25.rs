//! A term query scored with BM25 under our own `k1` and `b`.
//!
//! tantivy fixes BM25 at k1 = 1.2, b = 0.75. The word and bigram fields of
//! Chinese passages reward other values (see README, "Relevance"), so term
//! matches — the bulk of every query — are scored here; phrase queries keep
//! tantivy's scorer.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term};

/// BM25's two parameters.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Bm25 {
    /// Term-frequency saturation.
    pub k1: f32,
    /// Length normalisation (0: none, 1: full).
    pub b: f32,
}

impl Default for Bm25 {
    fn default() -> Self {
        Bm25 { k1: 1.2, b: 0.75 }
    }
}

/// A single term, BM25-scored with [`Bm25`].
#[derive(Clone, Debug)]
pub struct Bm25TermQuery {
    term: Term,
    params: Bm25,
}

impl Bm25TermQuery {
    /// Query `term` with `params`.
    pub fn new(term: Term, params: Bm25) -> Bm25TermQuery {
        Bm25TermQuery { term, params }
    }
}

impl Query for Bm25TermQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let (idf, avg) = match enable_scoring {
            EnableScoring::Enabled { statistics_provider: stats, .. } => {
                let n = stats.total_num_docs()?.max(1) as f32;
                let df = stats.doc_freq(&self.term)? as f32;
                let tokens = stats.total_num_tokens(self.term.field())? as f32;
                ((1.0 + (n - df + 0.5) / (df + 0.5)).ln(), (tokens / n).max(1.0))
            }
            EnableScoring::Disabled { .. } => (0.0, 1.0),
        };
        let Bm25 { k1, b } = self.params;
        // Score of a term frequency of 1..: idf·(k1+1)·tf / (tf + norm[len]).
        let mut norm = [0f32; 256];
        for (id, slot) in norm.iter_mut().enumerate() {
            let len = FieldNormReader::id_to_fieldnorm(id as u8) as f32;
            *slot = k1 * (1.0 - b + b * len / avg);
        }
        Ok(Box::new(Bm25TermWeight { term: self.term.clone(), weight: idf * (k1 + 1.0), norm }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.term, false);
    }
}

struct Bm25TermWeight {
    term: Term,
    weight: f32,
    norm: [f32; 256],
}

impl Bm25TermWeight {
    fn specialized(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Option<Bm25TermScorer>> {
        let field = self.term.field();
        let Some(postings) = reader.inverted_index(field)?.read_postings(&self.term, IndexRecordOption::WithFreqs)?
        else {
            return Ok(None);
        };
        let fieldnorms = reader.get_fieldnorms_reader(field)?;
        Ok(Some(Bm25TermScorer { postings, fieldnorms, weight: self.weight * boost, norm: self.norm }))
    }
}

impl Weight for Bm25TermWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(match self.specialized(reader, boost)? {
            Some(s) => Box::new(s),
            None => Box::new(EmptyScorer),
        })
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let Some(mut s) = self.specialized(reader, 1.0)? else {
            return Err(tantivy::TantivyError::InvalidArgument(format!("document {doc} does not match")));
        };
        if s.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!("document {doc} does not match")));
        }
        Ok(Explanation::new("bm25 (yuanwen k1/b)", s.score()))
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        let field = self.term.field();
        Ok(reader.inverted_index(field)?.doc_freq(&self.term)?)
    }
}

struct Bm25TermScorer {
    postings: SegmentPostings,
    fieldnorms: FieldNormReader,
    weight: f32,
    norm: [f32; 256],
}

impl DocSet for Bm25TermScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }
    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }
    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        self.postings.seek_danger(target)
    }
    fn doc(&self) -> DocId {
        self.postings.doc()
    }
    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for Bm25TermScorer {
    fn score(&mut self) -> Score {
        let tf = self.postings.term_freq() as f32;
        let id = self.fieldnorms.fieldnorm_id(self.postings.doc());
        self.weight * tf / (tf + self.norm[id as usize])
    }
}
