//! [`IndexStats`]: what an index holds, field by field.

use crate::error::Result;
use crate::index::{FieldName, Snapshot};
use std::collections::BTreeMap;

/// What an index holds (see [`Searcher::stats`](crate::Searcher::stats)).
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct IndexStats {
    /// Files indexed (skipped files not counted).
    pub files: usize,
    /// Passages (paragraphs, headings, `.jsonl` records).
    pub passages: u64,
    /// Documents of the index: passages and one section document per
    /// section title and file.
    pub documents: u64,
    /// Per field, by name (`words`, `grams`, `english`, …).
    pub fields: BTreeMap<String, FieldStats>,
    /// Bytes of stored text (the passages and translations, compressed).
    pub stored_bytes: u64,
    /// Bytes of the whole index.
    pub total_bytes: u64,
    /// When this version of the index was written (`None` if the file
    /// system does not say).
    pub written: Option<std::time::SystemTime>,
}

/// Tokens and bytes of one field.
#[derive(Clone, Copy, Debug, Default)]
#[non_exhaustive]
pub struct FieldStats {
    /// Tokens indexed (0 for fields that are only stored or fast).
    pub tokens: u64,
    /// Bytes of its term dictionary.
    pub term_bytes: u64,
    /// Bytes of its posting lists.
    pub posting_bytes: u64,
    /// Bytes of its positions.
    pub position_bytes: u64,
    /// Bytes of its fast-field (column) data.
    pub fast_bytes: u64,
    /// Bytes of its field norms.
    pub fieldnorm_bytes: u64,
}

/// The fields whose tokens are counted: the analysed text fields.
const ANALYSED: [FieldName; 4] = [FieldName::Words, FieldName::Grams, FieldName::English, FieldName::SectionTerms];

impl IndexStats {
    pub(super) fn of(snapshot: &Snapshot) -> Result<IndexStats> {
        let searcher = snapshot.searcher();
        let usage = searcher.space_usage().map_err(|e| crate::Error::io(snapshot.generation.dir.clone(), e))?;
        let mut stats = IndexStats {
            files: snapshot.manifest.files.values().filter(|f| f.skipped.is_none()).count(),
            passages: snapshot.manifest.documents(),
            documents: searcher.num_docs(),
            total_bytes: usage.total().get_bytes(),
            written: std::fs::metadata(snapshot.generation.dir.join("meta.json")).and_then(|m| m.modified()).ok(),
            ..IndexStats::default()
        };
        for seg in usage.segments() {
            let parts = [seg.termdict(), seg.postings(), seg.positions(), seg.fast_fields(), seg.fieldnorms()];
            for (k, part) in parts.iter().enumerate() {
                for f in part.fields() {
                    let entry = stats.fields.entry(f.field_name().to_string()).or_default();
                    let bytes = f.total().get_bytes();
                    match k {
                        0 => entry.term_bytes += bytes,
                        1 => entry.posting_bytes += bytes,
                        2 => entry.position_bytes += bytes,
                        3 => entry.fast_bytes += bytes,
                        _ => entry.fieldnorm_bytes += bytes,
                    }
                }
            }
            stats.stored_bytes += seg.store().total().get_bytes();
        }
        let schema = searcher.schema();
        for name in ANALYSED {
            let field = schema.get_field(name.as_str())?;
            let mut tokens = 0;
            for seg in searcher.segment_readers() {
                tokens += seg.inverted_index(field)?.total_num_tokens();
            }
            stats.fields.entry(name.as_str().to_string()).or_default().tokens = tokens;
        }
        Ok(stats)
    }
}
