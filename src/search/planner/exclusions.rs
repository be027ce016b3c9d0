//! Filters: excluded atoms (`-word`, `-"phrase"`) and `file:` restrictions.

use super::Planner;
use super::atom::Analysed;
use super::files::path_matches;
use crate::search::query::Atom;
use tantivy::Term;
use tantivy::query::{Occur, TermSetQuery};

impl Planner<'_> {
    /// No hit may match an excluded atom (a quoted phrase with punctuation
    /// is checked on the text).
    pub(super) fn exclusions(&mut self, excluded: &[Atom]) {
        let (f, r) = (self.cx.fields, self.cx.ranking);
        for atom in excluded {
            let Some(a) = Analysed::new(atom, self.cx, false) else { continue };
            self.explanation.excluded.push(a.explain());
            match (&a.atom, &a.whole) {
                (Atom::Phrase(_), Some(sub)) if sub.needs_verify => {
                    self.filter.must_not_contain.push(sub.canonical.clone())
                }
                _ => self.filters.push((Occur::MustNot, a.condition(f, r))),
            }
        }
    }

    /// Every hit's path matches one of `patterns` (none: no restriction).
    pub(super) fn files(&mut self, patterns: &[String]) {
        if patterns.is_empty() {
            return;
        }
        let matched: Vec<String> =
            self.cx.paths.iter().filter(|p| patterns.iter().any(|pat| path_matches(p, pat))).cloned().collect();
        let terms = matched.iter().map(|p| Term::from_field_text(self.cx.fields.path, p));
        self.filters.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        self.explanation.files = Some(matched);
    }
}
