//! Collecting a plan's best passages: one candidate per passage (however
//! many places it occurs in), each meeting the plan's text conditions.

use super::planner::TextFilter;
use super::scoring::columns::Columns;
use super::scoring::distinct::DistinctTopDocs;
use crate::corpus::Document;
use crate::error::Result;
use crate::index::{Fields, StoredKind, from_stored};
use tantivy::query::Query;
use tantivy::{DocAddress, TantivyDocument};

/// A passage found.
pub(super) struct Found {
    pub address: DocAddress,
    pub score: f32,
    /// Has fewer of a question's words than the minimum-match rule asks.
    pub short: bool,
    pub dupkey: u64,
    pub document: Document,
}

/// The index a collection reads.
pub(super) struct Collection<'a> {
    pub searcher: &'a tantivy::Searcher,
    pub columns: &'a Columns,
    pub fields: Fields,
    /// Score factor of headings.
    pub heading: f32,
}

impl Collection<'_> {
    /// The best `limit` passages of `query` (one hit per passage, however
    /// many places it occurs in) whose text meets `filter`.
    pub fn collect(&self, query: &dyn Query, limit: usize, filter: &TextFilter) -> Result<Vec<Found>> {
        // Every candidate is a distinct passage, scored as it ranks: only
        // text conditions call for a margin.
        let mut fetch = if filter.is_empty() { limit } else { limit + limit / 2 + 5 };
        let mut hits = Vec::new();
        let mut done = 0;
        loop {
            let top = DistinctTopDocs::new(fetch, self.columns.dupkeys()).scaling(
                self.columns.kinds(),
                StoredKind::Heading.code(),
                self.heading,
            );
            let scored = self.searcher.search(query, &top)?;
            let exhausted = scored.len() < fetch;
            for (score, address, dupkey) in scored.into_iter().skip(done) {
                done += 1;
                let t: TantivyDocument = self.searcher.doc(address)?;
                let mut found = (address, from_stored(&t, &self.fields));
                if !filter.passes(&found.1) {
                    // The collector keeps one copy of a passage; a
                    // near-identical copy may meet the condition instead.
                    match self.passing_copy(dupkey, address, filter)? {
                        Some(copy) => found = copy,
                        None => continue,
                    }
                }
                let (address, document) = found;
                hits.push(Found { address, score, short: false, dupkey, document });
                if hits.len() >= limit {
                    break;
                }
            }
            if hits.len() >= limit || exhausted {
                return Ok(hits);
            }
            fetch *= 4;
        }
    }

    /// The first copy (in index order) of passage `dupkey`, other than
    /// `skip`, whose text meets `filter`.
    fn passing_copy(
        &self,
        dupkey: u64,
        skip: DocAddress,
        filter: &TextFilter,
    ) -> Result<Option<(DocAddress, Document)>> {
        for addr in self.columns.copies(self.searcher, &self.fields, dupkey)?.into_iter().filter(|&a| a != skip) {
            let d = from_stored(&self.searcher.doc::<TantivyDocument>(addr)?, &self.fields);
            if filter.passes(&d) {
                return Ok(Some((addr, d)));
            }
        }
        Ok(None)
    }
}
