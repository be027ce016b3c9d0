//! Section documents: one per distinct section title of a file.
//!
//! A question's words in the title of the section a passage stands in are
//! evidence for the passage (a CMRC/DRCD title names the article's subject).
//! Indexing each title's bigrams with every paragraph under it cost 2.8 M of
//! laws-prc's 28.7 M tokens; instead each title is indexed once, on a
//! section document that carries only the title, the file's path (so that
//! deleting the file deletes it) and its [`section_id`] (a fast field); the
//! file's passages carry the same id as a term ([`section_term`]). A
//! question finds the matching section documents first and adds their ids,
//! weighted by title score, to its query (`search::planner::sections`).

use super::schema::{Fields, StoredKind};
use crate::corpus::Document;
use std::collections::HashSet;
use tantivy::TantivyDocument;

/// The join key of a file's section titled `title`: 32 bits of a hash of
/// both (a collision can only lend one section's score to another's
/// passages, and only when both match the question).
pub(crate) fn section_id(path: &str, title: &str) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(path.as_bytes());
    h.update(&[0]);
    h.update(title.as_bytes());
    h.digest() >> 32
}

/// [`section_id`] as the passages' term.
pub(crate) fn section_term(id: u64) -> String {
    format!("{id:08x}")
}

/// Emits the section documents of one file as its passages go by.
#[derive(Default)]
pub(crate) struct SectionDocs {
    seen: HashSet<String>,
}

impl SectionDocs {
    /// The section document for `d`'s section, if `d` is the first passage
    /// of this file under that title.
    pub(crate) fn first_of(&mut self, d: &Document, f: &Fields) -> Option<TantivyDocument> {
        let title = d.section.as_deref()?;
        if self.seen.contains(title) {
            return None;
        }
        self.seen.insert(title.to_string());
        let mut t = TantivyDocument::default();
        t.add_text(f.path, &d.path);
        t.add_text(f.section_terms, title);
        // Stored too: a facet by section names it.
        t.add_text(f.section, title);
        t.add_u64(f.section_key, section_id(&d.path, title));
        t.add_u64(f.kind, StoredKind::Section.code());
        Some(t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::DocKind;
    use crate::index::schema::build_schema;

    fn doc(path: &str, section: Option<&str>) -> Document {
        Document {
            path: path.into(),
            line: 1,
            paragraph: 1,
            section: section.map(str::to_string),
            id: None,
            text: "正文".into(),
            translation: None,
            kind: DocKind::Paragraph,
            title: None,
        }
    }

    #[test]
    fn one_section_document_per_title_and_file() {
        let f = Fields::of(&build_schema()).expect("fields");
        let mut s = SectionDocs::default();
        assert!(s.first_of(&doc("a.txt", None), &f).is_none());
        assert!(s.first_of(&doc("a.txt", Some("第一章 总则")), &f).is_some());
        assert!(s.first_of(&doc("a.txt", Some("第一章 总则")), &f).is_none());
        assert!(s.first_of(&doc("a.txt", Some("第二章 附则")), &f).is_some());
        assert_ne!(section_id("a.txt", "第一章 总则"), section_id("b.txt", "第一章 总则"));
        assert!(section_id("a.txt", "第一章 总则") < 1 << 32);
        assert_eq!(section_term(0xab), "000000ab");
    }
}
