//! One typed atom, analysed: its canonical text, its concepts and, for
//! text with searchable characters, the whole atom as an exact substring.

use super::Context;
use super::clauses::{all_of, any_of, boost, english_atom, required_concept};
use super::explain::{AtomExplanation, HighlightGroup};
use super::filter::{Fold, Needle, Scope};
use super::prefix::PrefixTerms;
use crate::analysis::charclass::is_han;
use crate::analysis::{Normalized, literal_form, stem};
use crate::index::Fields;
use crate::search::present::WordCheck;
use crate::search::query::{Atom, Concept, ConceptKind, concepts, merge_single_characters, translate_concepts};
use crate::search::scoring::occurrences::Counted;
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
    /// Matched as written (`="…"`, or every atom with `--exact`): no
    /// expansions, and verified on the text.
    pub literal: bool,
    /// A `prefix*`: the query of the words it begins.
    pub prefix: Option<Box<dyn Query>>,
}

impl<'q> Analysed<'q> {
    /// `atom` analysed for a question (`question`) or a keyword query;
    /// `None` if nothing in it is searchable.
    pub fn new(atom: &'q Atom, cx: &Context, question: bool) -> Option<Analysed<'q>> {
        let norm = Normalized::new(atom.text());
        let whole = Substring::new(&norm, 0..norm.len_chars());
        let literal = cx.exact || matches!(atom, Atom::Literal(_));
        let concepts = match atom {
            Atom::Text(_) => {
                let cs = concepts(&norm, cx.analyzer);
                let cs = if question { cs } else { merge_single_characters(cs) };
                if literal { cs } else { translate_concepts(cs, cx.expander) }
            }
            _ => Vec::new(),
        };
        let empty = match atom {
            Atom::Text(_) => concepts.is_empty(),
            Atom::Prefix(p) => !p.chars().any(char::is_alphanumeric),
            _ => whole.is_none(),
        };
        (!empty).then_some(Analysed { atom, norm, concepts, whole, literal, prefix: None })
    }

    /// With the terms its prefix reaches (a `prefix*` atom).
    pub fn with_prefix(mut self, terms: Option<&PrefixTerms>, cx: &Context) -> Analysed<'q> {
        self.prefix = terms.map(|t| t.query(cx));
        self
    }

    pub fn is_text(&self) -> bool {
        matches!(self.atom, Atom::Text(_))
    }

    /// Letters and no Han character: English (or another Latin-script
    /// language), found in translations too. Digits alone are not.
    fn is_english(&self) -> bool {
        let t = self.atom.text();
        !t.chars().any(is_han) && t.chars().any(char::is_alphabetic)
    }

    fn scope(&self) -> Scope {
        if self.is_english() { Scope::TextOrTranslation } else { Scope::Text }
    }

    /// The concept as typed (its characters in the query).
    fn typed(&self, c: &Concept) -> &str {
        let bytes = self.norm.source_of_chars(c.range.clone());
        &self.atom.text()[bytes]
    }

    /// The concepts a hit must contain: the content words, or all of them
    /// if they are all function words.
    pub fn required_concepts(&self) -> Vec<&Concept> {
        let content: Vec<&Concept> = self.concepts.iter().filter(|c| !c.function_word).collect();
        if content.is_empty() { self.concepts.iter().collect() } else { content }
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
        let mut g = HighlightGroup { counts_in_translation: self.is_english(), ..Default::default() };
        if let Atom::Prefix(_) = self.atom {
            g.prefixes.push(self.norm.text().to_string());
            return g;
        }
        let several = self.concepts.len() >= 2 || self.concepts.iter().any(|c| c.words.len() > 1);
        if self.atom.is_quoted() || several {
            g.whole = self.whole.as_ref().map(|s| s.canonical.clone());
            g.literal_whole = self.literal.then(|| literal_form(self.atom.text()));
        }
        let all_function = self.concepts.iter().all(|c| c.function_word);
        for c in self.concepts.iter().filter(|c| !c.function_word || all_function) {
            g.add(c);
            if self.literal
                && c.kind == ConceptKind::Han
                && let Some(last) = g.literal_substrings.last_mut()
            {
                *last = Some(literal_form(self.typed(c)));
            }
        }
        if self.literal {
            // Literal English words match as written, not by their stems.
            g.stems.iter_mut().for_each(|s| s.clear());
        }
        g
    }

    /// The needles that check it on the text (empty: the index decides).
    pub fn needles(&self) -> Vec<Needle> {
        let t = self.atom.text();
        match self.atom {
            Atom::Prefix(_) => {
                let fold = if self.literal { Fold::Literal } else { Fold::Canonical };
                vec![Needle::word_start(t, fold, Scope::TextOrTranslation)]
            }
            _ if self.literal && self.atom.is_quoted() => vec![Needle::of(t, Fold::Literal, self.scope(), false)],
            Atom::Text(_) if self.literal => self
                .required_concepts()
                .into_iter()
                .map(|c| Needle::of(self.typed(c), Fold::Literal, self.scope(), c.kind != ConceptKind::Han))
                .collect(),
            Atom::Phrase(_) if self.is_english() && self.english_words() => {
                vec![Needle::of(t, Fold::Canonical, Scope::TextOrTranslation, false)]
            }
            Atom::Phrase(_) if self.whole.as_ref().is_some_and(|s| s.needs_verify) => {
                vec![Needle::of(t, Fold::Canonical, Scope::Text, false)]
            }
            _ => Vec::new(),
        }
    }

    /// The needles that check it as one alternative of an OR group: a
    /// quoted atom always has one (its whole text), so that an alternative
    /// the index matched exactly is not taken for any text; `None` for
    /// unquoted text, whose expansions no needle can stand for.
    pub fn strict_needles(&self) -> Option<Vec<Needle>> {
        match self.needles() {
            n if !n.is_empty() => Some(n),
            _ if self.atom.is_quoted() => {
                Some(vec![Needle::of(self.atom.text(), Fold::Canonical, self.scope(), false)])
            }
            _ => None,
        }
    }

    /// Add what its occurrences are counted by: its own words (content
    /// words as substrings, English words by word and stem), not their
    /// translations.
    pub fn count_into(&self, counted: &mut Counted) {
        if let Atom::Prefix(_) = self.atom {
            // Not counted by occurrence: its words are many, its stems
            // reach words it does not begin (passages and places are
            // counted as for any atom).
            return;
        }
        if self.atom.is_quoted() {
            counted.substrings.extend(self.whole.clone());
            return;
        }
        for c in self.required_concepts() {
            match c.kind {
                ConceptKind::Latin => {
                    counted.english.extend(c.english_words().into_iter().map(|w| (w.to_string(), stem(w))));
                }
                _ => counted.substrings.extend(Substring::new(&self.norm, c.range.clone())),
            }
        }
    }

    /// Its words as a hit's `matched` reports them.
    pub fn checks(&self) -> Vec<WordCheck> {
        if let Atom::Prefix(_) = self.atom {
            return Vec::new();
        }
        if self.atom.is_quoted() {
            let literal = literal_form(self.atom.text());
            // A quoted phrase of English words is looked for as words, in
            // the text and then in the translation.
            let english = self.english_words() && !self.norm.text().chars().any(crate::analysis::charclass::is_han);
            return vec![WordCheck { word: self.norm.text().to_string(), literal, english, alternatives: Vec::new() }];
        }
        self.required_concepts()
            .into_iter()
            .map(|c| WordCheck {
                word: match c.kind {
                    ConceptKind::Latin => c.english_words().join(" "),
                    _ => c.text.clone(),
                },
                literal: literal_form(self.typed(c)),
                english: c.kind == ConceptKind::Latin,
                alternatives: c.alternatives.iter().map(|a| (a.text.clone(), a.source)).collect(),
            })
            .collect()
    }

    /// Does it hold English words (not only stop words)?
    fn english_words(&self) -> bool {
        !crate::analysis::english(&self.norm).0.is_empty()
    }

    /// The atom as one required condition (a phrase, or one alternative of
    /// an OR group): all its content words.
    pub fn condition(&self, f: &Fields, r: &Ranking) -> Box<dyn Query> {
        if let Some(q) = &self.prefix {
            return q.box_clone();
        }
        match (self.atom, &self.whole) {
            (Atom::Text(_), _) | (_, None) => all_of(
                self.required_concepts().into_iter().map(|c| required_concept(c, &self.norm, f, r, false)).collect(),
            ),
            (_, Some(sub)) => {
                let own = boost(sub.query(f.grams), r.grams);
                match english_atom(&self.norm, f, r.english).filter(|_| self.is_english()) {
                    // English quoted: in the text, or in the translation.
                    Some(english) => any_of(vec![own, english]),
                    None => own,
                }
            }
        }
    }
}
