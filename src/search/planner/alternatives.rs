//! A group of alternatives (`A OR B`), or a quoted phrase: one required
//! condition that any alternative meets.

use super::Planner;
use super::atom::Analysed;
use super::clauses::any_of;
use crate::search::query::Atom;

impl Planner<'_> {
    pub(super) fn alternatives(&mut self, alternatives: &[Analysed]) {
        let (f, r) = (self.cx.fields, self.cx.ranking);
        match alternatives {
            [Analysed { atom: Atom::Phrase(_) | Atom::Literal(_), whole: Some(sub), .. }] => {
                self.union.require_phrase(sub, f, r)
            }
            _ => self.union.give_up(),
        }
        self.verify_alternatives(alternatives);
        let mut alts: Vec<_> = alternatives.iter().map(|a| a.condition(f, r)).collect();
        self.required.push(if alts.len() == 1 { alts.pop().expect("one") } else { any_of(alts) });
    }

    /// The text conditions of the group: one alternative's needles, all
    /// found. Only when every alternative can be checked (an OR group with
    /// unquoted text, whose translations no needle stands for, is left to
    /// the index).
    fn verify_alternatives(&mut self, alternatives: &[Analysed]) {
        if let [a] = alternatives {
            let needles = a.needles();
            if !needles.is_empty() {
                self.filter.require(vec![needles]);
            }
            return;
        }
        let strict: Option<Vec<_>> = alternatives.iter().map(Analysed::strict_needles).collect();
        if let Some(any) = strict
            && alternatives.iter().any(|a| !a.needles().is_empty())
        {
            self.filter.require(any);
        }
    }
}
