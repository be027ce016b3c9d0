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
            [Analysed { atom: Atom::Phrase(_), whole: Some(sub), .. }] => self.union.require_phrase(sub, f, r),
            _ => self.union.give_up(),
        }
        if let [a] = alternatives
            && let Some(sub) = a.whole.as_ref().filter(|s| s.needs_verify && matches!(a.atom, Atom::Phrase(_)))
        {
            self.filter.must_contain.push(sub.canonical.clone());
        }
        let mut alts: Vec<_> = alternatives.iter().map(|a| a.condition(f, r)).collect();
        self.required.push(if alts.len() == 1 { alts.pop().expect("one") } else { any_of(alts) });
    }
}
