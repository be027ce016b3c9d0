//! The fast-field columns a search reads for every candidate, opened once per
//! snapshot rather than once per query or per hit (looking a column up by
//! name reads the segment's column directory).

use crate::error::Result;
use crate::index::{FieldName, Fields, dup_bucket};
use crate::search::results::Location;
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, DocSet, TERMINATED, Term};

/// One segment's columns.
struct SegmentColumns {
    dupkey: Column<u64>,
    texthash: Column<u64>,
    kind: Column<u64>,
    section_key: Column<u64>,
    line: Column<u64>,
    path: Option<StrColumn>,
}

/// The columns of every segment of one searcher, by segment ordinal.
pub(crate) struct Columns {
    segments: Vec<SegmentColumns>,
}

impl Columns {
    /// Open the columns of every segment `searcher` sees.
    pub(crate) fn open(searcher: &tantivy::Searcher) -> Result<Columns> {
        let mut segments = Vec::with_capacity(searcher.segment_readers().len());
        for reader in searcher.segment_readers() {
            let ff = reader.fast_fields();
            segments.push(SegmentColumns {
                dupkey: ff.u64(FieldName::Dupkey.as_str())?,
                texthash: ff.u64(FieldName::Texthash.as_str())?,
                kind: ff.u64(FieldName::Kind.as_str())?,
                section_key: ff.u64(FieldName::SectionKey.as_str())?,
                line: ff.u64(FieldName::Line.as_str())?,
                path: ff.str(FieldName::Path.as_str())?,
            });
        }
        Ok(Columns { segments })
    }

    /// Each segment's passage keys (for [`super::distinct::DistinctTopDocs`]).
    pub(crate) fn dupkeys(&self) -> Vec<Column<u64>> {
        self.segments.iter().map(|s| s.dupkey.clone()).collect()
    }

    /// Each segment's section ids (of section documents).
    pub(crate) fn section_keys(&self) -> Vec<Column<u64>> {
        self.segments.iter().map(|s| s.section_key.clone()).collect()
    }

    /// Each segment's document kinds.
    pub(crate) fn kinds(&self) -> Vec<Column<u64>> {
        self.segments.iter().map(|s| s.kind.clone()).collect()
    }

    /// The section id of the section document at `addr`.
    pub(crate) fn section_key(&self, addr: DocAddress) -> Option<u64> {
        self.segments[addr.segment_ord as usize].section_key.first(addr.doc_id)
    }

    /// The exact-text hash of the document at `addr`.
    pub(crate) fn texthash(&self, addr: DocAddress) -> Option<u64> {
        self.segments[addr.segment_ord as usize].texthash.first(addr.doc_id)
    }

    /// The ordinal of the path of the document at `addr` in its segment's
    /// path column (see [`Columns::path_of`]).
    pub(crate) fn path_ord(&self, addr: DocAddress) -> Option<u64> {
        self.segments[addr.segment_ord as usize].path.as_ref()?.term_ords(addr.doc_id).next()
    }

    /// The path a segment's path ordinal stands for.
    pub(crate) fn path_of(&self, segment: u32, ord: u64) -> Result<String> {
        let mut path = String::new();
        if let Some(col) = &self.segments[segment as usize].path {
            col.ord_to_str(ord, &mut path).map_err(tantivy::TantivyError::from)?;
        }
        Ok(path)
    }

    /// The passage key of the document at `addr`.
    pub(crate) fn dupkey(&self, addr: DocAddress) -> Option<u64> {
        self.segments[addr.segment_ord as usize].dupkey.first(addr.doc_id)
    }

    /// Where the document at `addr` is.
    pub(crate) fn location(&self, addr: DocAddress) -> Result<Location> {
        let seg = &self.segments[addr.segment_ord as usize];
        let mut path = String::new();
        if let Some(col) = &seg.path
            && let Some(ord) = col.term_ords(addr.doc_id).next()
        {
            col.ord_to_str(ord, &mut path).map_err(tantivy::TantivyError::from)?;
        }
        Ok(Location { path, line: seg.line.first(addr.doc_id).unwrap_or(0) })
    }

    /// Every live place of passage `dupkey`, in index order: the documents
    /// of its bucket that have this very key.
    pub(crate) fn copies(&self, searcher: &tantivy::Searcher, fields: &Fields, dupkey: u64) -> Result<Vec<DocAddress>> {
        let bucket = Term::from_field_u64(fields.dupbucket, dup_bucket(dupkey));
        let mut copies = Vec::new();
        for (ord, reader) in searcher.segment_readers().iter().enumerate() {
            let inverted = reader.inverted_index(fields.dupbucket)?;
            let postings =
                inverted.read_postings(&bucket, IndexRecordOption::Basic).map_err(tantivy::TantivyError::from)?;
            let Some(mut postings) = postings else {
                continue;
            };
            let alive = reader.alive_bitset();
            let keys = &self.segments[ord].dupkey;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) && keys.first(doc) == Some(dupkey) {
                    copies.push(DocAddress::new(ord as u32, doc));
                }
                doc = postings.advance();
            }
        }
        Ok(copies)
    }
}
