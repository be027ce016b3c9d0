//! Filters: excluded atoms (`-word`, `-"phrase"`) and `file:` restrictions.

use super::Planner;
use super::atom::Analysed;
use super::files::path_matches;
use crate::search::query::Atom;
use tantivy::Term;
use tantivy::query::{Occur, TermSetQuery};

impl Planner<'_> {
    /// No hit may match an excluded atom. One the index can only
    /// approximate (a quoted phrase with punctuation, English in either
    /// language, a literal atom) is checked on the text instead: the index
    /// would exclude too much.
    pub(super) fn exclusions(&mut self, excluded: &[Atom]) {
        let (f, r) = (self.cx.fields, self.cx.ranking);
        for atom in excluded {
            let Some(a) = Analysed::new(atom, self.cx, false) else { continue };
            self.explanation.excluded.push(a.explain());
            let needles = a.needles();
            if needles.is_empty() {
                self.filters.push((Occur::MustNot, a.condition(f, r)));
            } else {
                self.filter.exclude(vec![needles]);
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
