//! Filters: excluded atoms (`-word`, `-"phrase"`), `file:` restrictions
//! and the options' file and section.

use super::Planner;
use super::atom::Analysed;
use super::files::path_matches;
use crate::index::{section_id, section_term};
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

    /// Every hit's path matches one of `patterns` (none: no restriction)
    /// and is the options' file, if they name one.
    pub(super) fn files(&mut self, patterns: &[String]) {
        let only = self.cx.only_file;
        if patterns.is_empty() && only.is_none() {
            return;
        }
        let allowed = |p: &str| {
            (patterns.is_empty() || patterns.iter().any(|pat| path_matches(p, pat))) && only.is_none_or(|o| o == p)
        };
        let matched: Vec<String> = self.cx.paths.iter().filter(|p| allowed(p)).cloned().collect();
        let terms = matched.iter().map(|p| Term::from_field_text(self.cx.fields.path, p));
        self.filters.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        self.explanation.files = Some(matched);
    }

    /// Every hit stands under a section titled `title` (in the files
    /// allowed): passages carry their section's id as a term.
    pub(super) fn section(&mut self, title: Option<&str>) {
        let Some(title) = title else { return };
        let files = self.explanation.files.as_deref().unwrap_or(self.cx.paths);
        let terms =
            files.iter().map(|p| Term::from_field_text(self.cx.fields.section_id, &section_term(section_id(p, title))));
        self.filters.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
    }
}
