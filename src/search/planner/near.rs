//! `A NEAR/n B`: both atoms are required (each is a group of the query,
//! planned as any other); the text filter then keeps the passages where an
//! occurrence of each stands at most `n` characters from one of the other,
//! in either order.
//!
//! An operand is looked for as its whole text, in the folding every atom
//! has (width, case, script, variants; as written with `--exact` or `="…"`),
//! never through translations: a collocation is a fact about the text.
//! Han text is found as a substring; a word of letters or digits as a whole
//! word (`labour`, not `labourers`), a `prefix*` at the start of a word.
//! Two English operands are also looked for in the translation (both in
//! the same field: distances do not cross from text to translation).

use super::Planner;
use super::filter::{Fold, Needle, Scope};
use crate::analysis::charclass::is_han;
use crate::search::query::{Atom, Near};

impl Planner<'_> {
    /// The proximity conditions of the query.
    pub(super) fn near(&mut self, pairs: &[Near]) {
        for pair in pairs {
            let literal = self.cx.exact || [&pair.left, &pair.right].iter().any(|a| matches!(a, Atom::Literal(_)));
            let fold = if literal { Fold::Literal } else { Fold::Canonical };
            let english = [&pair.left, &pair.right].iter().all(|a| !a.text().chars().any(is_han));
            let scope = if english { Scope::TextOrTranslation } else { Scope::Text };
            let (left, right) = (operand(&pair.left, fold, scope), operand(&pair.right, fold, scope));
            self.filter.near(left, right, pair.within as usize);
        }
    }
}

/// The needle of one operand.
fn operand(atom: &Atom, fold: Fold, scope: Scope) -> Needle {
    let text = atom.text();
    if let Atom::Prefix(_) = atom {
        return Needle::word_start(text, fold, scope);
    }
    // A word of letters or digits at its edges is found as a whole word.
    let word_edge = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_han(c));
    let whole_words = word_edge(text.chars().next()) && word_edge(text.chars().next_back());
    Needle::of(text, fold, scope, whole_words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Document;
    use crate::search::planner::TextFilter;

    fn doc(text: &str, translation: Option<&str>) -> Document {
        Document::test_paragraph(text, translation)
    }

    fn near(left: Atom, right: Atom, within: u32) -> TextFilter {
        let mut f = TextFilter::default();
        let pair = Near { left, right, within };
        let fold = Fold::Canonical;
        let english = [&pair.left, &pair.right].iter().all(|a| !a.text().chars().any(is_han));
        let scope = if english { Scope::TextOrTranslation } else { Scope::Text };
        f.near(operand(&pair.left, fold, scope), operand(&pair.right, fold, scope), within as usize);
        f
    }

    fn text(s: &str) -> Atom {
        Atom::Text(s.into())
    }

    #[test]
    fn characters_between_in_either_order_and_folded() {
        let f = near(text("国际"), text("工会"), 5);
        assert!(f.passes(&doc("国际工会", None)), "adjacent: 0 between");
        assert!(f.passes(&doc("國際自由勞工會議工會", None)), "Traditional text: 工會 inside 勞工會議, 3 between");
        assert!(f.passes(&doc("工会与一二三国际", None)), "either order, 4 between");
        assert!(!f.passes(&doc("国际一二三四五六工会", None)), "6 between");
        assert!(f.passes(&doc("国际一二三四五工会", None)), "5 between");
        assert!(!f.passes(&doc("国际", None)) && !f.passes(&doc("工会", None)));
    }

    #[test]
    fn english_operands_are_whole_words_in_one_field() {
        let f = near(text("labour"), Atom::Prefix("conf".into()), 20);
        assert!(f.passes(&doc("劳工", Some("the labour confederation"))));
        assert!(!f.passes(&doc("劳工", Some("the labourers confederation"))), "labour is a whole word");
        assert!(!f.passes(&doc("劳工", Some("labour and a long list of words then the confederation"))));
        assert!(!f.passes(&doc("labour 工会", Some("the confederation"))), "text and translation are apart");
    }
}
