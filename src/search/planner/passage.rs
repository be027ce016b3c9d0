//! A pasted passage (hundreds or thousands of characters whose source,
//! 出处, is sought): a bounded sample of its rarest keys finds candidates,
//! and a candidate is a hit when at least [`MIN_SHARE`] of it is in the
//! pasted text ([`Containment`]), ranked by how much of the paste it holds.
//!
//! A question's plan (every word and bigram, each a term of one union)
//! grows with the text: 3,000 characters took 14 s on laws-prc. This plan
//! reads the text once (linear), looks up at most [`MAX_LOOKUPS`] document
//! frequencies and queries at most [`MAX_KEYS`] terms, whatever its length.
//! Counts are of the passages found through the sampled keys: for a paste
//! that spans many passages, those holding a sampled key.

use super::clauses::{boost, term};
use super::explain::{AtomExplanation, HighlightGroup};
use super::{Notice, Planner, QueryMode};
use crate::analysis::charclass::CharClass;
use crate::analysis::{Normalized, bigrams, english};
use crate::search::query::{Atom, ParsedQuery};
use crate::search::scoring::containment::Containment;
use std::sync::Arc;

/// Searchable characters from which a query is read as a passage: longer
/// than any question (CMRC and DRCD questions stay under 60).
pub(crate) const PASSAGE_MIN_CHARS: usize = 120;

/// A hit holds at least this share of its keys in the pasted text.
pub(crate) const MIN_SHARE: f32 = 0.5;

/// And at least this many of them (a heading such as `第二章 法律责任` is
/// in every long paste of a law, and is not its source).
pub(crate) const MIN_FOUND: usize = 6;

/// Keys sampled for the tantivy query: one per stretch of the text.
const MAX_KEYS: usize = 256;

/// Keys looked at per stretch (the rarest of them is taken).
const PER_STRETCH: usize = 6;

/// Document frequencies looked up, at most.
const MAX_LOOKUPS: usize = MAX_KEYS * PER_STRETCH;

/// Characters of the passage kept in the explanation (and in every JSON
/// hit's `query`).
const EXPLAINED_CHARS: usize = 60;

/// The text of a query that is a pasted passage: only unquoted text (and
/// exclusions or `file:` filters), and at least [`PASSAGE_MIN_CHARS`]
/// searchable characters.
pub(super) fn passage_text(q: &ParsedQuery) -> Option<String> {
    let texts: Option<Vec<&str>> = q
        .groups
        .iter()
        .map(|g| match g.as_slice() {
            [Atom::Text(t)] => Some(t.as_str()),
            _ => None,
        })
        .collect();
    let texts = texts.filter(|_| q.near.is_empty())?;
    let searchable: usize = texts.iter().map(|t| t.chars().filter(|c| c.is_alphanumeric()).count()).sum();
    (searchable >= PASSAGE_MIN_CHARS).then(|| texts.join(" "))
}

impl Planner<'_> {
    /// The plan of a pasted passage.
    pub(super) fn passage(&mut self, text: &str) {
        let norm = Normalized::new(text);
        let containment = Arc::new(Containment::of(&norm));
        let (f, r) = (self.cx.fields, self.cx.ranking);
        self.union.give_up();
        let (han, stems) = sample(&norm, self.cx.expander.vocabulary);
        self.optional.extend(han.iter().map(|g| boost(term(f.grams, g), r.grams)));
        for s in &stems {
            self.optional.push(boost(term(f.english, s), r.english));
            self.optional.push(boost(term(f.translation_terms, s), r.english));
        }
        self.filter.contained(containment.clone(), MIN_SHARE, MIN_FOUND);
        self.highlight.groups.push(HighlightGroup { passage: Some(containment.clone()), ..Default::default() });
        self.passage = Some(containment);
        let shown: String = text.chars().take(EXPLAINED_CHARS).collect();
        let shown = if shown.len() < text.len() { format!("{shown}…") } else { shown };
        let canonical = Normalized::new(&shown).text().to_string();
        self.explanation.groups.push(vec![AtomExplanation {
            atom: Atom::Text(shown),
            canonical,
            concepts: Vec::new(),
        }]);
        self.explanation.mode = QueryMode::Passage;
        let chars = norm.len_chars();
        let min_share = (MIN_SHARE * 100.0).round() as u32;
        self.explanation.notices.push(Notice::Passage { chars, keys: han.len() + stems.len(), min_share });
    }
}

/// The rarest key of each stretch of the text, among those the corpus
/// holds: Han bigrams, or English stems for a text with too few of them.
fn sample(norm: &Normalized, vocabulary: &dyn crate::translate::Vocabulary) -> (Vec<String>, Vec<String>) {
    let mut seen = rustc_hash::FxHashSet::default();
    let han: Vec<&str> = bigrams(norm)
        .into_iter()
        .filter(|t| t.chars().len() == 2 && t.chars().all(|i| norm.class_at(i) == CharClass::Han))
        .map(|t| t.text(norm))
        .filter(|g| seen.insert(*g))
        .collect();
    let han = rarest(&han, &|g| vocabulary.han_df(g));
    if han.len() >= MAX_KEYS / 4 {
        return (han, Vec::new());
    }
    let (_, stems) = english(norm);
    let mut seen = rustc_hash::FxHashSet::default();
    let stems: Vec<&str> = stems.iter().map(String::as_str).filter(|s| !s.is_empty() && seen.insert(*s)).collect();
    (han, rarest(&stems, &|s| vocabulary.english_df(s)))
}

/// `keys` cut into at most [`MAX_KEYS`] stretches: from each, the key of
/// least document frequency above 0 among [`PER_STRETCH`] evenly spaced.
fn rarest(keys: &[&str], df: &dyn Fn(&str) -> u64) -> Vec<String> {
    if keys.is_empty() {
        return Vec::new();
    }
    // One key of every PER_STRETCH: a short text gets its rarest few, not
    // all of its keys (the common ones would make every passage a candidate).
    let stretches = (keys.len() / PER_STRETCH).clamp(1, MAX_KEYS);
    let mut out = Vec::with_capacity(stretches);
    for s in 0..stretches {
        let (lo, hi) = (s * keys.len() / stretches, (s + 1) * keys.len() / stretches);
        let step = (hi - lo).div_ceil(PER_STRETCH).max(1);
        let best =
            (lo..hi).step_by(step).take(PER_STRETCH).map(|k| (df(keys[k]), keys[k])).filter(|(n, _)| *n > 0).min();
        if let Some((_, key)) = best {
            out.push(key.to_string());
        }
    }
    debug_assert!(stretches * PER_STRETCH <= MAX_LOOKUPS);
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::parse_query;

    #[test]
    fn long_unquoted_text_is_a_passage_and_short_or_quoted_text_is_not() {
        let long = "为了保障工会在国家政治、经济和社会生活中的地位".repeat(6);
        assert!(passage_text(&parse_query(&long).unwrap()).is_some());
        assert!(passage_text(&parse_query(&format!("{long} -总工会 file:a")).unwrap()).is_some());
        assert!(passage_text(&parse_query("赵鹏的职业是什么？").unwrap()).is_none());
        assert!(passage_text(&parse_query(&format!("\"{long}\"")).unwrap()).is_none(), "a phrase is exact");
        let words = "工会 ".repeat(70);
        assert!(passage_text(&parse_query(&words).unwrap()).is_some(), "words typed apart count together");
    }

    #[test]
    fn the_sample_is_bounded_and_takes_the_rarest() {
        let keys: Vec<String> = (0..10_000).map(|i| format!("k{i}")).collect();
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let lookups = std::cell::Cell::new(0);
        let df = |k: &str| {
            lookups.set(lookups.get() + 1);
            k[1..].parse::<u64>().unwrap() % 7
        };
        let got = rarest(&refs, &df);
        assert!(got.len() <= MAX_KEYS && lookups.get() <= MAX_LOOKUPS, "{} {}", got.len(), lookups.get());
        assert!(got.iter().all(|k| df(k) > 0));
    }
}
