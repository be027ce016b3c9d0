//! A question's section titles: the first step of a question.
//!
//! Titles are indexed once each, on section documents (see
//! `index::sections`). The sections whose titles hold the question's
//! bigrams become clauses of the question's union of terms: the section's
//! id, which every passage under it carries, weighted so that it scores the
//! title's BM25 for the question times
//! [`Ranking::section`](crate::tuning::Ranking::section). Being plain
//! terms, they keep block-max WAND working on the whole union.

use super::Context;
use crate::error::Result;
use crate::index::section_term;
use crate::search::scoring::distinct::DistinctTopDocs;
use std::collections::BTreeMap;
use tantivy::query::{Bm25Weight, BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Score, Term};

/// Sections kept: the best ones by title score.
const MAX_SECTIONS: usize = 10;

/// The clauses for the sections whose titles hold any of `bigrams`.
pub(super) fn section_clauses(cx: &Context, bigrams: &[String]) -> Result<Vec<Box<dyn Query>>> {
    let (searcher, fields, columns, weight) = (cx.searcher, cx.fields, cx.columns, cx.ranking.section);
    if bigrams.is_empty() || weight <= 0.0 {
        return Ok(Vec::new());
    }
    let terms: Vec<(Occur, Box<dyn Query>)> = bigrams
        .iter()
        .map(|g| {
            let t = TermQuery::new(Term::from_field_text(fields.section_terms, g), IndexRecordOption::WithFreqs);
            (Occur::Should, Box::new(t) as Box<dyn Query>)
        })
        .collect();
    // One per section id, ties to the lower id: the same sections in every
    // build of a corpus (many titles are alike: `第一章 总则`).
    let top =
        searcher.search(&BooleanQuery::new(terms), &DistinctTopDocs::new(MAX_SECTIONS, columns.section_keys()))?;
    // By id: the clauses (and so the float sums of scores) come in the same
    // order in every process. The collector already kept one per id.
    let best: BTreeMap<u64, Score> =
        top.into_iter().filter_map(|(score, addr, _)| columns.section_key(addr).map(|id| (id, score))).collect();
    let mut clauses = Vec::with_capacity(best.len());
    for (id, score) in best {
        let term = Term::from_field_text(fields.section_id, &section_term(id));
        // What the id term scores by itself (tf 1, no field norms), so that
        // the boost makes it score `weight × score`.
        let unit = Bm25Weight::for_terms(searcher, std::slice::from_ref(&term))?.score(1, 1);
        if unit > 0.0 {
            let q = TermQuery::new(term, IndexRecordOption::WithFreqs);
            clauses.push(Box::new(BoostQuery::new(Box::new(q), weight * score / unit)) as Box<dyn Query>);
        }
    }
    Ok(clauses)
}
