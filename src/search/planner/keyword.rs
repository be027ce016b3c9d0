//! A keyword atom: every content word required, as a substring (the recall
//! guarantee) scored on its word and bigrams; a stretch typed without
//! spaces ranks the passages holding it as typed first.

use super::Planner;
use super::atom::Analysed;
use super::clauses::{boost, concept_terms, is_bigram_word, required_concept};
use crate::search::scoring::offset_score::offset_score;

impl Planner<'_> {
    pub(super) fn keyword_atom(&mut self, a: &Analysed) {
        let (f, r) = (self.cx.fields, self.cx.ranking);
        for c in &a.concepts {
            if c.function_word && self.content_words > 0 {
                // Not required, so no substring for recall: its range of
                // bigrams (的…) would span most passages.
                let terms = concept_terms(c, f, r);
                self.union.add_optional(c, &terms);
                self.optional.extend(terms);
            } else {
                if self.required.is_empty() {
                    self.alone.query = Some(required_concept(c, &a.norm, f, r, true));
                    // A two-character word alone is a union of two terms already.
                    self.alone.is_union = is_bigram_word(c, &a.norm);
                }
                self.required.push(required_concept(c, &a.norm, f, r, false));
                self.union.require(c, &a.norm, f, r);
            }
        }
        if (2..=4).contains(&a.concepts.len())
            && let Some(sub) = &a.whole
        {
            // Typed without spaces, the stretch is one thing: passages
            // holding it exactly come first (docs/relevance.md, "Keyword
            // queries"). Words typed apart, or a stretch the index cannot
            // match exactly, only score for standing together.
            let apart = a.atom.text().chars().any(char::is_whitespace);
            let tier = if apart || sub.needs_verify { 0.0 } else { r.as_typed };
            self.optional.push(offset_score(boost(sub.query(f.grams), r.adjacency), tier));
            self.union.give_up();
        }
    }
}
