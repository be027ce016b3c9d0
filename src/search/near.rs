//! Running a near-match plan: its best candidates by the bigrams they
//! share with the stretch, kept where the stretch aligns with at most the
//! allowed edits, fewest edits first.

use super::collect::{Collection, Found};
use super::planner::{QueryPlan, TextFilter};
use super::results::{Hit, SearchOptions};
use super::scoring::approximate::align;
use crate::analysis::Normalized;
use crate::error::Result;

/// Candidates checked, at most: near matches are a help, not a count.
const DEPTH: usize = 300;

/// Are near matches wanted: does no hit hold the near plan's stretch as
/// typed? (A passage holding it ranks first among a keyword query's hits,
/// in the as-typed tier: docs/relevance.md, "Keyword queries".)
pub(super) fn wanted(plan: &QueryPlan, hits: &[Hit]) -> bool {
    let Some((stretch, _)) = plan.highlight.groups.first().and_then(|g| g.approximately.as_ref()) else {
        return false;
    };
    !hits.iter().any(|h| Normalized::new(&h.document.text).text().contains(stretch.as_str()))
}

/// The near hits of `plan` (a near-match plan), best first.
pub(super) fn near_hits(c: &Collection, plan: &QueryPlan, opts: &SearchOptions) -> Result<Vec<Found>> {
    let Some((stretch, edits)) = plan.highlight.groups.first().and_then(|g| g.approximately.clone()) else {
        return Ok(Vec::new());
    };
    let pattern: Vec<char> = stretch.chars().collect();
    // Fewest edits first; among as many, a character substituted (the
    // window as long as the stretch: a variant or a slip) before one
    // missing or extra; then the index's score.
    let mut found: Vec<((usize, bool), Found)> = c
        .collect(plan.query.as_ref(), DEPTH, &TextFilter::default())?
        .into_iter()
        // The plan's text condition is this alignment: done once, here.
        .filter_map(|f| {
            let canonical: Vec<char> = Normalized::new(&f.document.text).text().chars().collect();
            align(&pattern, &canonical, edits).map(|a| ((a.distance, a.window.len() != pattern.len()), f))
        })
        .collect();
    found.sort_by(|(da, a), (db, b)| da.cmp(db).then_with(|| b.score.total_cmp(&a.score)));
    Ok(found.into_iter().map(|(_, f)| f).take(opts.limit().max(1)).collect())
}
