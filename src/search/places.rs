//! Where else a found passage occurs: its duplicates, and which of its
//! places a hit shows (the first in corpus order).

use super::collect::{Collection, Found};
use super::planner::{HighlightTerms, TextFilter};
use super::present::find_matches;
use super::results::Location;
use crate::corpus::Document;
use crate::error::Result;
use crate::index::from_stored;
use std::collections::BTreeSet;
use tantivy::TantivyDocument;

/// The document a hit shows for `found` and the other places of the same
/// passage.
///
/// A place with the very same text needs only its location (from the fast
/// fields). Near-identical is not identical (punctuation, a character the
/// converter reads differently): such a place is listed only if it matches
/// the query as well as the hit does, and meets the text conditions (a
/// quoted phrase with punctuation).
pub(super) fn places(
    c: &Collection,
    found: Found,
    terms: &HighlightTerms,
    filter: &TextFilter,
) -> Result<(Document, Vec<Location>)> {
    let cols = c.columns;
    let own_hash = cols.texthash(found.address);
    let mut own_terms: Option<BTreeSet<usize>> = None;
    let mut places = vec![(Location { path: found.document.path.clone(), line: found.document.line }, found.address)];
    for addr in cols.copies(c.searcher, &c.fields, found.dupkey)? {
        if addr == found.address {
            continue;
        }
        if filter.is_empty() && cols.texthash(addr) == own_hash {
            places.push((cols.location(addr)?, addr));
            continue;
        }
        let d = from_stored(&c.searcher.doc::<TantivyDocument>(addr)?, &c.fields);
        let own = own_terms.get_or_insert_with(|| matched_terms(&found.document.text, terms));
        if filter.passes(&d.text) && own.is_subset(&matched_terms(&d.text, terms)) {
            places.push((Location { path: d.path, line: d.line }, addr));
        }
    }
    places.sort();
    let mut places = places.into_iter();
    let (_, first) = places.next().expect("the hit itself");
    let document = if first == found.address {
        found.document
    } else {
        from_stored(&c.searcher.doc::<TantivyDocument>(first)?, &c.fields)
    };
    Ok((document, places.map(|(l, _)| l).collect()))
}

/// The query terms `text` matches.
fn matched_terms(text: &str, terms: &HighlightTerms) -> BTreeSet<usize> {
    find_matches(text, terms).into_iter().map(|m| m.term).collect()
}
