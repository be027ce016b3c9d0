//! Near matches: when no passage holds a keyword stretch (`床前看月光`),
//! the passages holding it with a character substituted, missing or extra
//! (`床前明月光`), as a second plan the searcher runs only then. Its
//! candidates are the passages with most of the stretch's bigrams; each is
//! checked by alignment ([`align`](crate::search::scoring::approximate)).
//! Near hits are marked and never mixed with exact ones.

use super::clauses::term;
use super::explain::{HighlightGroup, HighlightTerms};
use super::{Context, Explanation, QueryPlan, TextFilter};
use crate::analysis::Normalized;
use crate::analysis::charclass::is_han;
use crate::search::query::{Atom, ParsedQuery};
use tantivy::query::{BooleanQuery, Occur, Query};

/// Stretches of these many characters get near matches (shorter ones,
/// with one character different, are another word; longer ones are
/// passages, with their own rule).
const LENGTHS: std::ops::RangeInclusive<usize> = 4..=40;

/// Characters that may differ: one, and one more every 12.
fn edits(len: usize) -> usize {
    1 + len / 12
}

/// The near-match plan of `q`, if it is one stretch of Han text (typed or
/// quoted) with no other condition.
pub(super) fn near_plan(q: &ParsedQuery, cx: &Context, explanation: &Explanation) -> Option<QueryPlan> {
    if cx.exact || !q.excluded.is_empty() || !q.files.is_empty() || !q.near.is_empty() {
        return None;
    }
    let [group] = q.groups.as_slice() else { return None };
    let [Atom::Text(t) | Atom::Phrase(t)] = group.as_slice() else { return None };
    let canonical: String = Normalized::new(t).text().chars().filter(|c| !c.is_whitespace()).collect();
    let len = canonical.chars().count();
    if !LENGTHS.contains(&len) || !canonical.chars().all(is_han) {
        return None;
    }
    let chars: Vec<char> = canonical.chars().collect();
    let bigrams: Vec<String> = chars.windows(2).map(|w| w.iter().collect()).collect();
    let edits = edits(len);
    // An edit takes at most two bigrams away.
    let least = bigrams.len().saturating_sub(2 * edits).max(1);
    let clauses: Vec<(Occur, Box<dyn Query>)> =
        bigrams.iter().map(|g| (Occur::Should, term(cx.fields.grams, g))).collect();
    let mut filter = TextFilter::default();
    filter.approximately(&canonical, edits);
    let group = HighlightGroup { approximately: Some((canonical, edits)), ..Default::default() };
    Some(QueryPlan {
        query: Box::new(BooleanQuery::with_minimum_required_clauses(clauses, least)),
        filter,
        rerank: None,
        highlight: HighlightTerms { groups: vec![group] },
        explanation: explanation.clone(),
        counted: Default::default(),
        checks: Vec::new(),
        passage: None,
        near: None,
    })
}
