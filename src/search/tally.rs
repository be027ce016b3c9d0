//! Every match of a plan, counted: passages, places and occurrences, and
//! when asked, places per file and per section, and the places themselves
//! (for sorting by path).
//!
//! Counting reads the fast fields and the postings only; the stored text
//! is read only when the plan has text conditions (then each candidate is
//! checked, and its occurrences are counted on the text it shows).

use super::collect::Collection;
use super::planner::QueryPlan;
use super::present::find_matches;
use super::scoring::occurrences::SegmentOccurrences;
use crate::error::Result;
use crate::index::from_stored;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use tantivy::query::EnableScoring;
use tantivy::{DocAddress, DocId, Score, TantivyDocument};

/// What to gather besides the counts.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Want {
    /// Places per file and per section.
    pub facets: bool,
    /// Every place (address, score).
    pub places: bool,
}

/// One matching document.
#[derive(Clone, Copy, Debug)]
pub(super) struct Place {
    pub address: DocAddress,
    pub score: Score,
    pub dupkey: u64,
}

/// The counts of one plan.
#[derive(Debug, Default)]
pub(super) struct Tally {
    /// Matching documents (a passage's every copy).
    pub places: u64,
    /// Distinct passages among them.
    pub passages: u64,
    /// Occurrences of the query's words in them.
    pub occurrences: u64,
    /// Places per file, by path.
    pub files: BTreeMap<String, u64>,
    /// Places per file and section title.
    pub sections: BTreeMap<(String, String), u64>,
    /// Every place, in index order (when asked).
    pub matches: Vec<Place>,
}

/// Count every match of `plan`.
pub(super) fn tally(c: &Collection, plan: &QueryPlan, want: Want) -> Result<Tally> {
    let scoring = if want.places {
        EnableScoring::enabled_from_searcher(c.searcher)
    } else {
        EnableScoring::disabled_from_searcher(c.searcher)
    };
    let weight = plan.query.weight(scoring)?;
    let mut t = Tally::default();
    let mut keys: FxHashSet<u64> = FxHashSet::default();
    // (segment, path ordinal) → places; (segment, path ordinal, section id) → places, and a document to name it.
    let mut files: FxHashMap<(u32, u64), u64> = FxHashMap::default();
    let mut sections: FxHashMap<(u32, u64, u64), (u64, DocAddress)> = FxHashMap::default();
    for (ord, reader) in c.searcher.segment_readers().iter().enumerate() {
        let ord = ord as u32;
        let mut docs: Vec<(DocId, Score)> = Vec::new();
        let alive = reader.alive_bitset();
        weight.for_each(reader, &mut |doc, score| {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                docs.push((doc, score));
            }
        })?;
        let mut counter = match plan.filter.is_empty() {
            true => Some(SegmentOccurrences::new(reader, &c.fields, &plan.counted)?),
            false => None,
        };
        for (doc, score) in docs {
            let address = DocAddress::new(ord, doc);
            let occurrences = match &mut counter {
                Some(counter) => counter.count(doc),
                None => match checked_occurrences(c, plan, address)? {
                    Some(n) => n,
                    None => continue,
                },
            };
            let dupkey = c.columns.dupkey(address).unwrap_or(u64::from(doc) | 1 << 63);
            t.places += 1;
            t.occurrences += occurrences;
            keys.insert(dupkey);
            if want.facets {
                let path = c.columns.path_ord(address).unwrap_or(u64::MAX);
                *files.entry((ord, path)).or_default() += 1;
                if let Some(section) = c.columns.section_key(address) {
                    sections.entry((ord, path, section)).or_insert((0, address)).0 += 1;
                }
            }
            if want.places {
                t.matches.push(Place { address, score, dupkey });
            }
        }
    }
    t.passages = keys.len() as u64;
    for ((ord, path), n) in files {
        *t.files.entry(c.columns.path_of(ord, path)?).or_default() += n;
    }
    for ((ord, path, _), (n, address)) in sections {
        let d = from_stored(&c.searcher.doc::<TantivyDocument>(address)?, &c.fields);
        let title = d.section.unwrap_or_default();
        *t.sections.entry((c.columns.path_of(ord, path)?, title)).or_default() += n;
    }
    Ok(t)
}

/// A candidate checked on its text: its occurrences (as highlighted: the
/// query's own words, in the text, and English ones in the translation
/// too), or `None` if it does not meet the plan's text conditions.
fn checked_occurrences(c: &Collection, plan: &QueryPlan, address: DocAddress) -> Result<Option<u64>> {
    let d = from_stored(&c.searcher.doc::<TantivyDocument>(address)?, &c.fields);
    if !plan.filter.passes(&d) {
        return Ok(None);
    }
    let mut n = find_matches(&d.text, &plan.highlight).len();
    if let Some(t) = &d.translation {
        n += find_matches(t, &plan.highlight.in_translation()).len();
    }
    Ok(Some(n as u64))
}
