//! Text conditions: what the index can only approximate, checked on a
//! candidate's stored text (and translation).
//!
//! The index matches folded text (width, case, script, variants): a quoted
//! phrase with punctuation inside, an English phrase matched by its stems,
//! or a literal atom (`="裡"`, `--exact`) only narrows the candidates, and
//! each condition here decides.

use crate::analysis::{Normalized, literal_form};
use crate::corpus::Document;
use crate::search::scoring::containment::Containment;
use std::sync::Arc;

/// How a needle reads the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fold {
    /// The canonical form (all of analysis's folding).
    Canonical,
    /// As written: only width and case folded.
    Literal,
}

/// Where a needle is looked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The passage's own text.
    Text,
    /// The passage's text or its translation.
    TextOrTranslation,
}

/// One string that must be in a passage (in the form `fold` gives it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Needle {
    pub form: String,
    pub fold: Fold,
    pub scope: Scope,
    /// Found only as whole words (an English word in literal mode: `union`
    /// is not in `unions`).
    pub whole_words: bool,
    /// Found only at the start of a word (`labo*`: `labour`, not
    /// `collaboration`).
    pub word_start: bool,
}

impl Needle {
    /// A needle of the query text `typed`, folded as `fold` asks.
    pub(crate) fn of(typed: &str, fold: Fold, scope: Scope, whole_words: bool) -> Needle {
        let form = match fold {
            Fold::Canonical => Normalized::new(typed).text().to_string(),
            Fold::Literal => literal_form(typed),
        };
        Needle { form, fold, scope, whole_words, word_start: false }
    }

    /// A needle found at the start of a word (a `prefix*`).
    pub(crate) fn word_start(typed: &str, fold: Fold, scope: Scope) -> Needle {
        Needle { word_start: true, ..Needle::of(typed, fold, scope, false) }
    }

    /// Where it occurs in `hay` (byte ranges), as its edges ask.
    fn occurrences<'h>(&'h self, hay: &'h str) -> impl Iterator<Item = std::ops::Range<usize>> + 'h {
        let edge = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
        hay.match_indices(self.form.as_str()).map(|(at, m)| at..at + m.len()).filter(move |r| {
            let left = !(self.whole_words || self.word_start) || edge(hay[..r.start].chars().next_back());
            let right = !self.whole_words || edge(hay[r.end..].chars().next());
            left && right
        })
    }
}

/// One condition: some alternative whose needles are all found (`wanted`),
/// or none such (an exclusion).
#[derive(Clone, Debug)]
struct Condition {
    any: Vec<Vec<Needle>>,
    wanted: bool,
}

/// `A NEAR/n B`: an occurrence of each with at most `within` characters
/// between them, in either order (overlapping counts as 0), in one field.
#[derive(Clone, Debug)]
struct Proximity {
    left: Needle,
    right: Needle,
    within: usize,
}

/// The text conditions of a plan.
#[derive(Clone, Debug, Default)]
pub(crate) struct TextFilter {
    conditions: Vec<Condition>,
    near: Vec<Proximity>,
    /// A pasted passage, the share of a hit it must hold, and how many
    /// keys at least.
    contained: Option<(Arc<Containment>, f32, usize)>,
    /// A stretch (canonical characters) that must stand in the text with
    /// at most so many characters different: a near match.
    approximately: Option<(Vec<char>, usize)>,
}

/// The forms of one document, made when first needed.
#[derive(Default)]
struct Forms {
    text: [Option<String>; 2],
    translation: [Option<String>; 2],
}

impl Forms {
    fn get<'a>(slot: &'a mut [Option<String>; 2], source: &str, fold: Fold) -> &'a str {
        let k = fold as usize;
        slot[k].get_or_insert_with(|| match fold {
            Fold::Canonical => Normalized::new(source).text().to_string(),
            Fold::Literal => literal_form(source),
        })
    }

    fn found(&mut self, d: &Document, n: &Needle) -> bool {
        if n.occurrences(Forms::get(&mut self.text, &d.text, n.fold)).next().is_some() {
            return true;
        }
        match (&d.translation, n.scope) {
            (Some(t), Scope::TextOrTranslation) => {
                n.occurrences(Forms::get(&mut self.translation, t, n.fold)).next().is_some()
            }
            _ => false,
        }
    }

    fn near(&mut self, d: &Document, p: &Proximity) -> bool {
        // Both needles read one field in one folding (the planner makes
        // them alike), so their offsets compare.
        if near_in(Forms::get(&mut self.text, &d.text, p.left.fold), p) {
            return true;
        }
        match (&d.translation, p.left.scope) {
            (Some(t), Scope::TextOrTranslation) => near_in(Forms::get(&mut self.translation, t, p.left.fold), p),
            _ => false,
        }
    }
}

/// Is some occurrence of `p.left` at most `p.within` characters from one
/// of `p.right` in `hay`?
fn near_in(hay: &str, p: &Proximity) -> bool {
    let rights: Vec<_> = p.right.occurrences(hay).collect();
    if rights.is_empty() {
        return false;
    }
    let gap = |a: usize, b: usize| if a < b { hay[a..b].chars().count() } else { 0 };
    p.left.occurrences(hay).any(|l| {
        rights.iter().any(|r| {
            let apart = if l.end <= r.start { gap(l.end, r.start) } else { gap(r.end, l.start) };
            apart <= p.within
        })
    })
}

impl TextFilter {
    /// No conditions?
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty() && self.near.is_empty() && self.contained.is_none() && self.approximately.is_none()
    }

    /// A hit must meet one of `any` (each a list of needles, all found).
    pub fn require(&mut self, any: Vec<Vec<Needle>>) {
        if !any.is_empty() {
            self.conditions.push(Condition { any, wanted: true });
        }
    }

    /// No hit may contain all the needles of any of `any`.
    pub fn exclude(&mut self, any: Vec<Vec<Needle>>) {
        if !any.is_empty() {
            self.conditions.push(Condition { any, wanted: false });
        }
    }

    /// A hit must hold `left` and `right` at most `within` characters
    /// apart (both in one folding and scope: `left`'s are used).
    pub fn near(&mut self, left: Needle, right: Needle, within: usize) {
        debug_assert_eq!((left.fold, left.scope), (right.fold, right.scope));
        self.near.push(Proximity { left, right, within });
    }

    /// A hit must be at least `share` held by the pasted passage, and by
    /// `found` keys at least (its text, or its translation for an English
    /// paste).
    pub fn contained(&mut self, passage: Arc<Containment>, share: f32, found: usize) {
        self.contained = Some((passage, share, found));
    }

    /// A hit must hold `stretch` (canonical) with at most `edits`
    /// characters substituted, missing or extra.
    pub fn approximately(&mut self, stretch: &str, edits: usize) {
        self.approximately = Some((stretch.chars().collect(), edits));
    }

    /// Does `d` meet every condition?
    pub fn passes(&self, d: &Document) -> bool {
        let mut forms = Forms::default();
        self.conditions.iter().all(|c| c.any.iter().any(|all| all.iter().all(|n| forms.found(d, n))) == c.wanted)
            && self.near.iter().all(|p| forms.near(d, p))
            && self.approximately.as_ref().is_none_or(|(stretch, edits)| {
                let canonical: Vec<char> = Forms::get(&mut forms.text, &d.text, Fold::Canonical).chars().collect();
                crate::search::scoring::approximate::align(stretch, &canonical, *edits).is_some()
            })
            && self.contained.as_ref().is_none_or(|(c, share, found)| {
                let holds = |s: crate::search::scoring::containment::Shared| s.share() >= *share && s.found >= *found;
                holds(c.shared(&d.text)) || d.translation.as_ref().is_some_and(|t| holds(c.shared(t)))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, translation: Option<&str>) -> Document {
        Document::test_paragraph(text, translation)
    }

    #[test]
    fn literal_needles_see_the_characters_as_written() {
        let mut f = TextFilter::default();
        f.require(vec![vec![Needle::of("裡", Fold::Literal, Scope::Text, false)]]);
        assert!(f.passes(&doc("這裡有工會", None)));
        assert!(!f.passes(&doc("这里有工会", None)), "里 folds like 裡 but is not written so");
        let mut f = TextFilter::default();
        f.require(vec![vec![Needle::of("裡", Fold::Canonical, Scope::Text, false)]]);
        assert!(f.passes(&doc("这里有工会", None)));
    }

    #[test]
    fn english_phrases_are_found_in_translations() {
        let mut f = TextFilter::default();
        f.require(vec![vec![Needle::of(
            "International Labour Office",
            Fold::Canonical,
            Scope::TextOrTranslation,
            false,
        )]]);
        assert!(f.passes(&doc("国际劳工局", Some("The International Labour Office (ILO) met."))));
        assert!(f.passes(&doc("国际劳工局", Some("International Labour Offices"))), "a substring");
        assert!(!f.passes(&doc("国际劳工局", Some("the labour office, international"))));
        let mut text_only = TextFilter::default();
        text_only.require(vec![vec![Needle::of("labour", Fold::Canonical, Scope::Text, false)]]);
        assert!(!text_only.passes(&doc("国际劳工局", Some("labour"))));
    }

    #[test]
    fn whole_words_and_exclusions_and_alternatives() {
        let word = |w: &str| Needle::of(w, Fold::Literal, Scope::TextOrTranslation, true);
        let mut f = TextFilter::default();
        f.require(vec![vec![word("union")]]);
        assert!(f.passes(&doc("工会", Some("a trade union."))));
        assert!(!f.passes(&doc("工会", Some("trade unions"))));
        let mut f = TextFilter::default();
        f.require(vec![vec![word("ilo")], vec![word("undp")]]);
        f.exclude(vec![vec![Needle::of("总工会", Fold::Canonical, Scope::Text, false)]]);
        assert!(f.passes(&doc("UNDP 项目", None)));
        assert!(!f.passes(&doc("UNDP 与中华全国總工會", None)));
        assert!(!f.passes(&doc("无关", None)));
        assert!(TextFilter::default().passes(&doc("任何", None)) && TextFilter::default().is_empty());
    }
}
