//! Paragraph-level updates: a file that changed keeps in the index every
//! passage that did not (same text, translation, section, title, line and
//! number); only the others are deleted and added again.
//!
//! Appending a paragraph adds one document; editing one in place replaces
//! one. Passages after an edit that moved lines (a paragraph inserted or
//! split) have new line numbers, so they are replaced too: a hit's line is
//! always the file's. Section documents of the file are made again (a few
//! per file).
//!
//! tantivy applies a delete to the documents added before it, so the
//! changed passages are held until the file is read; the deletes go first,
//! then the additions. Files larger than [`MAX_REVISED_BYTES`] are replaced
//! whole, as before, in bounded memory.

use super::schema::{Fields, StoredKind};
use super::sections::SectionDocs;
use super::stored::{passages_of, to_tantivy};
use crate::corpus::Document;
use crate::error::Result;
use std::ops::Bound;
use tantivy::query::{BooleanQuery, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{IndexWriter, TantivyDocument, Term};

/// A changed file up to this size is revised passage by passage (its old
/// passages are read back, its changed ones held in memory); a larger one
/// is replaced whole.
pub(crate) const MAX_REVISED_BYTES: u64 = 64 << 20;

/// The revision of one file under way.
pub(super) struct Revision {
    path: String,
    /// The passages the index has, in order (numbered 1, 2, …).
    old: Vec<Document>,
    kept: Vec<bool>,
    /// New or changed passages, to add after the deletes.
    added: Vec<Document>,
    sections: SectionDocs,
    section_docs: Vec<TantivyDocument>,
    /// Passages read.
    pub read: u64,
}

impl Revision {
    /// Start revising `path`, whose passages `before` holds.
    pub(super) fn new(before: &tantivy::Searcher, f: &Fields, path: &str) -> Result<Revision> {
        let old = passages_of(before, f, path)?;
        let kept = vec![false; old.len()];
        let sections = SectionDocs::default();
        Ok(Revision { path: path.into(), old, kept, added: Vec::new(), sections, section_docs: Vec::new(), read: 0 })
    }

    /// Passages the index had of the file.
    pub(super) fn old_count(&self) -> u64 {
        self.old.len() as u64
    }

    /// One passage of the file as it is now, in order.
    pub(super) fn offer(&mut self, d: Document, f: &Fields) {
        self.read += 1;
        if let Some(s) = self.sections.first_of(&d, f) {
            self.section_docs.push(s);
        }
        match self.position(d.paragraph) {
            Some(k) if self.old[k] == d => self.kept[k] = true,
            _ => self.added.push(d),
        }
    }

    /// Where passage number `n` is in `old`.
    fn position(&self, n: u64) -> Option<usize> {
        let k = usize::try_from(n).ok()?.checked_sub(1)?;
        match self.old.get(k) {
            Some(d) if d.paragraph == n => Some(k),
            _ => self.old.binary_search_by_key(&n, |d| d.paragraph).ok(),
        }
    }

    /// Delete the passages that changed or went, and the file's section
    /// documents; add the new passages and sections. Returns (added,
    /// removed) passages.
    pub(super) fn apply(self, writer: &IndexWriter, f: &Fields, scratch: &mut String) -> (u64, u64) {
        let mut removed = 0;
        for (from, to) in runs(&self.old, &self.kept) {
            removed += to - from + 1;
            let _ = writer.delete_query(Box::new(self.within(f, f.paragraph, from, to)));
        }
        let section = StoredKind::Section.code();
        let _ = writer.delete_query(Box::new(self.within(f, f.kind, section, section)));
        for s in self.section_docs {
            let _ = writer.add_document(s);
        }
        let added = self.added.len() as u64;
        for d in &self.added {
            let _ = writer.add_document(to_tantivy(d, f, scratch));
        }
        (added, removed)
    }

    /// This file's documents whose `field` is within `from..=to`.
    fn within(&self, f: &Fields, field: tantivy::schema::Field, from: u64, to: u64) -> BooleanQuery {
        let file: Box<dyn Query> =
            Box::new(TermQuery::new(Term::from_field_text(f.path, &self.path), IndexRecordOption::Basic));
        let range = RangeQuery::new(
            Bound::Included(Term::from_field_u64(field, from)),
            Bound::Included(Term::from_field_u64(field, to)),
        );
        BooleanQuery::intersection(vec![file, Box::new(range)])
    }
}

/// The runs of passage numbers not kept, as (first, last).
fn runs(old: &[Document], kept: &[bool]) -> Vec<(u64, u64)> {
    let mut out: Vec<(u64, u64)> = Vec::new();
    for (d, _) in old.iter().zip(kept).filter(|(_, k)| !**k) {
        match out.last_mut() {
            Some((_, last)) if *last + 1 == d.paragraph => *last = d.paragraph,
            _ => out.push((d.paragraph, d.paragraph)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(n: u64) -> Document {
        let mut d = Document::test_paragraph("正文", None);
        d.paragraph = n;
        d
    }

    #[test]
    fn runs_of_what_is_not_kept() {
        let old: Vec<Document> = (1..=7).map(numbered).collect();
        let kept = [true, false, false, true, false, true, false];
        assert_eq!(runs(&old, &kept), [(2, 3), (5, 5), (7, 7)]);
        assert_eq!(runs(&old, &[true; 7]), []);
        assert_eq!(runs(&old, &[false; 7]), [(1, 7)]);
    }
}
