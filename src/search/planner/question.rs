//! A natural-language atom (a question, a pasted passage): a union of its
//! words and of every two-character stretch of it, none required.

use super::Planner;
use super::atom::Analysed;
use super::clauses::{boost, concept_terms, is_plain_han, question_bigrams, rare_bigrams, term};

impl Planner<'_> {
    pub(super) fn question_atom(&mut self, a: &Analysed) {
        let (f, r) = (self.cx.fields, self.cx.ranking);
        self.union.give_up();
        // Function words (的, 是) add next to nothing to a question's score
        // and cost block-max WAND the most: left out while it has other
        // words, as are the bigrams holding them that are looked for in
        // section titles (dropping such bigrams of the text as well is faster
        // still, but loses relevance: docs/relevance.md, "Questions").
        let all_function = a.concepts.iter().all(|c| c.function_word);
        let all_bigrams = question_bigrams(&a.norm, &[]);
        let bigrams = rare_bigrams(all_bigrams.clone(), self.cx.expander.vocabulary, r);
        let mut grammar = Vec::new();
        let mut word_bigrams = Vec::new();
        for c in &a.concepts {
            if c.function_word && !all_function {
                grammar.push(c.range.clone());
                continue;
            }
            if !c.function_word {
                self.rerank.push(c.forms());
            }
            // A two-character word is one of the bigrams already: one term
            // (weighted up) scores as well as two, and a third faster
            // (docs/relevance.md, "Questions").
            let is_bigram = is_plain_han(c) && !c.function_word;
            let word = c.text.as_str();
            if is_bigram && bigrams.contains(&word) {
                word_bigrams.push(word);
            } else if is_bigram && all_bigrams.contains(&word) {
                // A common bigram, left out: so is the word (as common; in
                // the re-ranking still).
            } else {
                self.optional.extend(concept_terms(c, f, r));
            }
        }
        self.optional.extend(bigrams.into_iter().map(|g| {
            let w = if word_bigrams.contains(&g) { r.word_bigram } else { 1.0 };
            boost(term(f.grams, g), r.question_bigrams * w)
        }));
        self.section_bigrams.extend(question_bigrams(&a.norm, &grammar).into_iter().map(str::to_string));
    }
}
