//! Where else a found passage occurs: its duplicates, and which of its
//! places a hit shows (the first in corpus order).

use super::collect::{Collection, Found};
use super::planner::{HighlightTerms, TextFilter};
use super::present::find_matches;
use super::results::{Duplicate, Location};
use crate::corpus::Document;
use crate::error::Result;
use crate::index::from_stored;
use std::collections::BTreeSet;
use tantivy::{DocAddress, TantivyDocument};

/// A place of the passage, and its translation when it was read.
type Place = (Location, DocAddress, Option<Option<String>>);

/// The document a hit shows for `found` and the other places of the same
/// passage.
///
/// A place with the very same text needs only its location (from the fast
/// fields) — unless the passage has a translation, which a copy may render
/// otherwise (then it is read, and a different translation is given with
/// it). Near-identical is not identical (punctuation, a character the
/// converter reads differently): such a place is listed only if it matches
/// the query as well as the hit does, and meets the text conditions.
///
/// With `file:` restrictions (`files`: the paths they allow), only places
/// in those files are shown or listed: the hit never shows a copy the
/// query excluded.
pub(super) fn places(
    c: &Collection,
    found: Found,
    terms: &HighlightTerms,
    filter: &TextFilter,
    files: Option<&[String]>,
) -> Result<(Document, Vec<Duplicate>)> {
    let allowed: Option<rustc_hash::FxHashSet<&str>> = files.map(|f| f.iter().map(String::as_str).collect());
    let allowed = |path: &str| allowed.as_ref().is_none_or(|a| a.contains(path));
    let cols = c.columns;
    let own_hash = cols.texthash(found.address);
    let translated = found.document.translation.is_some();
    let mut own_terms: Option<BTreeSet<usize>> = None;
    let own = Location { path: found.document.path.clone(), line: found.document.line };
    let mut places: Vec<Place> = vec![(own, found.address, Some(found.document.translation.clone()))];
    for addr in cols.copies(c.searcher, &c.fields, found.dupkey)? {
        if addr == found.address {
            continue;
        }
        if filter.is_empty() && !translated && cols.texthash(addr) == own_hash {
            let location = cols.location(addr)?;
            if allowed(&location.path) {
                places.push((location, addr, None));
            }
            continue;
        }
        let d = from_stored(&c.searcher.doc::<TantivyDocument>(addr)?, &c.fields);
        if !allowed(&d.path) {
            continue;
        }
        let identical = cols.texthash(addr) == own_hash && filter.is_empty();
        let own = own_terms.get_or_insert_with(|| matched_terms(&found.document.text, terms));
        if identical || (filter.passes(&d) && own.is_subset(&matched_terms(&d.text, terms))) {
            places.push((Location { path: d.path, line: d.line }, addr, Some(d.translation)));
        }
    }
    places.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let mut places = places.into_iter();
    let (_, first, _) = places.next().expect("the hit itself");
    let document = if first == found.address {
        found.document
    } else {
        from_stored(&c.searcher.doc::<TantivyDocument>(first)?, &c.fields)
    };
    let duplicates = places
        .map(|(l, _, translation)| Duplicate {
            path: l.path,
            line: l.line,
            translation: translation.flatten().filter(|t| Some(t) != document.translation.as_ref()),
        })
        .collect();
    Ok((document, duplicates))
}

/// The query terms `text` matches.
fn matched_terms(text: &str, terms: &HighlightTerms) -> BTreeSet<usize> {
    find_matches(text, terms).into_iter().map(|m| m.term).collect()
}
