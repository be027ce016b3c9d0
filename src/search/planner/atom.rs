//! One typed atom, analysed: its canonical text, its concepts and, for
//! text with searchable characters, the whole atom as an exact substring.

use super::Context;
use super::clauses::{all_of, boost, required_concept};
use super::explain::{AtomExplanation, HighlightGroup};
use crate::analysis::Normalized;
use crate::index::Fields;
use crate::search::query::{Atom, Concept, concepts, merge_single_characters, translate_concepts};
use crate::search::scoring::substring::Substring;
use crate::tuning::Ranking;
use tantivy::query::Query;

/// One typed atom, analysed.
pub(super) struct Analysed<'q> {
    pub atom: &'q Atom,
    pub norm: Normalized,
    pub concepts: Vec<Concept>,
    /// The whole atom as an exact substring (if it has searchable characters).
    pub whole: Option<Substring>,
}

impl<'q> Analysed<'q> {
    /// `atom` analysed for a question (`question`) or a keyword query;
    /// `None` if nothing in it is searchable.
    pub fn new(atom: &'q Atom, cx: &Context, question: bool) -> Option<Analysed<'q>> {
        let norm = Normalized::new(atom.text());
        let whole = Substring::new(&norm, 0..norm.len_chars());
        let concepts = match atom {
            Atom::Phrase(_) => Vec::new(),
            Atom::Text(_) => {
                let cs = concepts(&norm, cx.analyzer);
                translate_concepts(if question { cs } else { merge_single_characters(cs) }, cx.expander)
            }
        };
        let empty = match atom {
            Atom::Phrase(_) => whole.is_none(),
            Atom::Text(_) => concepts.is_empty(),
        };
        (!empty).then_some(Analysed { atom, norm, concepts, whole })
    }

    pub fn is_text(&self) -> bool {
        matches!(self.atom, Atom::Text(_))
    }

    pub fn explain(&self) -> AtomExplanation {
        AtomExplanation {
            atom: self.atom.clone(),
            canonical: self.norm.text().to_string(),
            concepts: self.concepts.clone(),
        }
    }

    /// What to highlight for it: the whole atom where it occurs (a phrase,
    /// or text of several words), else its content words.
    pub fn highlight(&self) -> HighlightGroup {
        let mut g = HighlightGroup::default();
        let several = self.concepts.len() >= 2 || self.concepts.iter().any(|c| c.words.len() > 1);
        if matches!(self.atom, Atom::Phrase(_)) || several {
            g.whole = self.whole.as_ref().map(|s| s.canonical.clone());
        }
        let all_function = self.concepts.iter().all(|c| c.function_word);
        for c in self.concepts.iter().filter(|c| !c.function_word || all_function) {
            g.add(c);
        }
        g
    }

    /// The atom as one required condition (a phrase, or one alternative of
    /// an OR group): all its content words.
    pub fn condition(&self, f: &Fields, r: &Ranking) -> Box<dyn Query> {
        match (self.atom, &self.whole) {
            (Atom::Phrase(_), Some(sub)) => boost(sub.query(f.grams), r.grams),
            _ => {
                let content: Vec<&Concept> = self.concepts.iter().filter(|c| !c.function_word).collect();
                let chosen = if content.is_empty() { self.concepts.iter().collect() } else { content };
                all_of(chosen.into_iter().map(|c| required_concept(c, &self.norm, f, r, false)).collect())
            }
        }
    }
}
