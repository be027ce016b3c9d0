//! Which passages a page of results shows, in which order: by relevance
//! (the best, re-ranked for a question), or in corpus order.

use super::collect::{Collection, Found};
use super::planner::QueryPlan;
use super::present::expanded_share;
use super::results::SearchOptions;
use super::scoring::containment::Containment;
use super::scoring::rerank::Reranker;
use super::tally::Place;
use crate::error::Result;
use crate::index::from_stored;
use rustc_hash::FxHashMap;
use tantivy::TantivyDocument;

/// Candidates of a pasted passage re-ranked by how much of it they hold.
const PASSAGE_DEPTH: usize = 500;

/// The page `opts` asks for, best first; and whether any of it has fewer
/// of a question's words than the minimum-match rule asks.
pub(super) fn by_relevance(c: &Collection, plan: &QueryPlan, opts: &SearchOptions) -> Result<(Vec<Found>, bool)> {
    let ranking = opts.ranking();
    let (limit, offset) = (opts.limit().max(1), opts.offset());
    let reranker = plan.rerank.as_ref().map(|r| (Reranker::new(&r.concepts, c.searcher, &c.fields), r));
    // No fixed cap on limit or offset (a streamed listing may ask for
    // everything), but never more than the index holds.
    let wanted = offset.saturating_add(limit).min(c.searcher.num_docs() as usize).max(1);
    let depth = match (&reranker, &plan.passage) {
        // A pasted passage's keys are many and rare: the index's best are
        // not yet the passages it holds most of.
        (_, Some(_)) => wanted.max(PASSAGE_DEPTH),
        (Some(_), None) => wanted.max(ranking.rerank_depth),
        (None, None) => wanted,
    };
    let mut found = c.collect(plan.query.as_ref(), depth, &plan.filter)?;
    if let Some((reranker, spec)) = &reranker {
        rerank(&mut found, reranker, spec.min_should_match, opts);
    }
    if let Some(passage) = &plan.passage {
        by_containment(&mut found, passage);
    }
    as_written_first(&mut found, plan, ranking.expanded);
    found.sort_by(|a, b| {
        a.short
            .cmp(&b.short)
            .then_with(|| b.score.total_cmp(&a.score))
            .then_with(|| (&a.document.path, a.document.line).cmp(&(&b.document.path, b.document.line)))
    });
    let found: Vec<Found> = found.into_iter().skip(offset).take(limit).collect();
    let relaxed = found.iter().any(|h| h.short);
    Ok((found, relaxed))
}

/// A question's second stage: coverage and proximity added to the
/// normalised score, and the minimum-match rule (too few of the question's
/// words ranks after every passage that has enough).
fn rerank(found: &mut [Found], reranker: &Reranker, min_should_match: usize, opts: &SearchOptions) {
    let max = found.iter().map(|h| h.score).fold(0.0, f32::max);
    for h in found {
        // A passage and its translation are one text to the question.
        let text = match &h.document.translation {
            Some(t) => std::borrow::Cow::Owned(format!("{}\n{t}", h.document.text)),
            None => std::borrow::Cow::Borrowed(h.document.text.as_str()),
        };
        let (score, present) = reranker.combined(h.score, max, &text, opts.ranking());
        h.score = score;
        h.short = present < min_should_match;
    }
}

/// A pasted passage's candidates: the more of the paste a passage holds
/// (keys found, times the share of the passage they are), the better; the
/// index's score only breaks ties.
fn by_containment(found: &mut [Found], passage: &Containment) {
    let max = found.iter().map(|h| h.score).fold(0.0, f32::max).max(f32::MIN_POSITIVE);
    for h in found {
        let own = passage.shared(&h.document.text);
        let shared = match &h.document.translation {
            Some(t) => {
                let t = passage.shared(t);
                if t.found as f32 * t.share() > own.found as f32 * own.share() { t } else { own }
            }
            None => own,
        };
        h.score = shared.found as f32 * shared.share() + 0.01 * h.score / max;
    }
}

/// A match as typed weighs more than one through folding or an expansion:
/// each word found only so takes `weight` of its share off the score, so
/// that on otherwise equal evidence the passage holding the query as typed
/// ranks first (a weight, not a tier).
fn as_written_first(found: &mut [Found], plan: &QueryPlan, weight: f32) {
    if weight <= 0.0 || plan.checks.is_empty() {
        return;
    }
    for h in found {
        let share = expanded_share(&h.document, &plan.checks);
        h.score *= 1.0 - weight * share;
    }
}

/// The page `opts` asks for, in corpus order: every matching passage at its
/// first place (by path, then line).
pub(super) fn by_path(c: &Collection, places: &[Place], opts: &SearchOptions) -> Result<Vec<Found>> {
    let mut first: FxHashMap<u64, ((String, u64), Place)> = FxHashMap::default();
    for p in places {
        let loc = c.columns.location(p.address)?;
        let at = (loc.path, loc.line);
        match first.get_mut(&p.dupkey) {
            Some(e) if e.0 <= at => {}
            Some(e) => *e = (at, *p),
            None => {
                first.insert(p.dupkey, (at, *p));
            }
        }
    }
    let mut ordered: Vec<((String, u64), Place)> = first.into_values().collect();
    ordered.sort_by(|a, b| a.0.cmp(&b.0));
    let mut found = Vec::new();
    for (_, p) in ordered.into_iter().skip(opts.offset()).take(opts.limit().max(1)) {
        let document = from_stored(&c.searcher.doc::<TantivyDocument>(p.address)?, &c.fields);
        found.push(Found { address: p.address, score: p.score, short: false, dupkey: p.dupkey, document });
    }
    Ok(found)
}
