//! The index schema: which fields a document has and how each is indexed.
//!
//! Each field's name is defined once, by [`FieldName`]; the schema, the
//! resolved [`Fields`] and the fast-field columns a search reads all go
//! through it.

use crate::analysis::{ENGLISH_TOKENIZER, GRAMS_TOKENIZER, WORDS_TOKENIZER};
use tantivy::schema::{FAST, Field, IndexRecordOption, NumericOptions, STORED, Schema, TextFieldIndexing, TextOptions};

/// The fields of the index, by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FieldName {
    Path,
    Line,
    Paragraph,
    Section,
    SectionTerms,
    SectionId,
    SectionKey,
    Id,
    Text,
    Translation,
    Title,
    Words,
    Grams,
    English,
    TranslationTerms,
    Kind,
    Dupkey,
    Dupbucket,
    Texthash,
}

impl FieldName {
    /// The field's name in the tantivy schema.
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            FieldName::Path => "path",
            FieldName::Line => "line",
            FieldName::Paragraph => "paragraph",
            FieldName::Section => "section",
            FieldName::SectionTerms => "section_terms",
            FieldName::SectionId => "section_id",
            FieldName::SectionKey => "section_key",
            FieldName::Id => "id",
            FieldName::Text => "text",
            FieldName::Translation => "translation",
            FieldName::Title => "title",
            FieldName::Words => "words",
            FieldName::Grams => "grams",
            FieldName::English => "english",
            FieldName::TranslationTerms => "translation_terms",
            FieldName::Kind => "kind",
            FieldName::Dupkey => "dupkey",
            FieldName::Dupbucket => "dupbucket",
            FieldName::Texthash => "texthash",
        }
    }
}

/// What a document of the index is (the `kind` field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StoredKind {
    /// A body paragraph or `.jsonl` record.
    Paragraph,
    /// A section heading.
    Heading,
    /// A section document (one per section title and file; never a hit).
    Section,
}

impl StoredKind {
    /// The value stored in the `kind` field.
    pub(crate) const fn code(self) -> u64 {
        match self {
            StoredKind::Paragraph => 0,
            StoredKind::Heading => 1,
            StoredKind::Section => 2,
        }
    }

    /// The kind a stored `kind` value stands for (an unknown one reads as a
    /// paragraph, as before the field had three values).
    pub(crate) fn from_code(code: u64) -> StoredKind {
        match code {
            1 => StoredKind::Heading,
            2 => StoredKind::Section,
            _ => StoredKind::Paragraph,
        }
    }
}

/// The fields of the index, resolved once.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fields {
    /// File path relative to the corpus (raw term: deletes and `file:`).
    pub path: Field,
    /// 1-based start line.
    pub line: Field,
    /// 1-based paragraph number in the file (fast: a hit's neighbours).
    pub paragraph: Field,
    /// Section title of a passage (stored only).
    pub section: Field,
    /// Bigrams of a section title, indexed on one section document per
    /// title and file (not with every paragraph under it: 2.8 M fewer
    /// tokens on laws-prc).
    pub section_terms: Field,
    /// The section id (`sections.rs`) of a passage's section, as a term (hexadecimal; with frequencies, so that a question's union
    /// of terms keeps block-max WAND): a search adds the sections it matches.
    pub section_id: Field,
    /// The same id as a fast field, on section documents and passages
    /// (facets by section).
    pub section_key: Field,
    /// `.jsonl` record id.
    pub id: Field,
    /// Original text (stored only).
    pub text: Field,
    /// English translation (stored only).
    pub translation: Field,
    /// The file's title (stored only).
    pub title: Field,
    /// jieba / Unicode words of the text.
    pub words: Field,
    /// Character bigrams of the text.
    pub grams: Field,
    /// Stemmed English words of the passage's own English text (a passage
    /// in English): what a Chinese word's dictionary senses may match.
    pub english: Field,
    /// Stemmed English words of the translation: what English query words
    /// match beside the text, but a Chinese word never does (a Chinese
    /// passage is not a hit only because its translation holds a
    /// dictionary sense of the word).
    pub translation_terms: Field,
    /// [`StoredKind::code`].
    pub kind: Field,
    /// Hash of the text's searchable characters: equal for duplicates.
    pub dupkey: Field,
    /// [`dupkey`](Fields::dupkey)'s top bits ([`dup_bucket`]), indexed: the
    /// copies of a passage are found among the documents of its bucket
    /// (about 22 on laws-prc). Indexing the whole key cost a term per
    /// passage, eight times the bytes of the buckets; fewer, larger buckets
    /// made word queries slower (docs/performance.md, "Decisions").
    pub dupbucket: Field,
    /// 16-bit hash of the exact text: equal for identical (not just
    /// near-identical) duplicates. Only compared between documents of one
    /// `dupkey` (which differ at most in punctuation and spacing), where a
    /// collision, one in 65,536, lists a copy without checking its
    /// punctuation.
    pub texthash: Field,
}

fn exact_key() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::Basic)
            .set_fieldnorms(false),
    )
}

/// The bucket of a passage key (its top 14 bits): 16,384 terms in all.
pub(crate) fn dup_bucket(dupkey: u64) -> u64 {
    dupkey >> 50
}

fn analyzed(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record))
}

/// Build the schema.
pub(crate) fn build_schema() -> Schema {
    use FieldName as F;
    let mut b = Schema::builder();
    // Fast too: listing where else a passage occurs reads no stored text.
    // Fields matched only as exact keys need no field norms (BM25 lengths).
    b.add_text_field(F::Path.as_str(), exact_key() | STORED | FAST);
    b.add_u64_field(F::Line.as_str(), STORED | FAST);
    b.add_u64_field(F::Paragraph.as_str(), STORED | FAST);
    // Phrases are matched on the bigram fields only, so the others need no
    // positions (a third of the postings).
    b.add_text_field(F::Section.as_str(), STORED);
    // No field norms: BM25 would measure a title against the average over
    // every document, almost all of which have no title tokens.
    b.add_text_field(
        F::SectionTerms.as_str(),
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(GRAMS_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqs)
                .set_fieldnorms(false),
        ),
    );
    b.add_text_field(
        F::SectionId.as_str(),
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::WithFreqs)
                .set_fieldnorms(false),
        ),
    );
    b.add_u64_field(F::SectionKey.as_str(), FAST);
    b.add_text_field(F::Id.as_str(), exact_key() | STORED);
    b.add_text_field(F::Text.as_str(), STORED);
    b.add_text_field(F::Translation.as_str(), STORED);
    b.add_text_field(F::Title.as_str(), STORED);
    b.add_text_field(F::Words.as_str(), analyzed(WORDS_TOKENIZER, IndexRecordOption::WithFreqs));
    b.add_text_field(F::Grams.as_str(), analyzed(GRAMS_TOKENIZER, IndexRecordOption::WithFreqsAndPositions));
    b.add_text_field(F::English.as_str(), analyzed(ENGLISH_TOKENIZER, IndexRecordOption::WithFreqsAndPositions));
    b.add_text_field(
        F::TranslationTerms.as_str(),
        analyzed(ENGLISH_TOKENIZER, IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_u64_field(F::Kind.as_str(), FAST | STORED);
    b.add_u64_field(F::Dupkey.as_str(), FAST);
    b.add_u64_field(F::Dupbucket.as_str(), NumericOptions::default().set_indexed());
    b.add_u64_field(F::Texthash.as_str(), FAST);
    b.build()
}

impl Fields {
    /// Resolve the fields of `schema` (an index this version wrote).
    pub(crate) fn of(schema: &Schema) -> tantivy::Result<Fields> {
        use FieldName as F;
        let f = |name: FieldName| schema.get_field(name.as_str());
        Ok(Fields {
            path: f(F::Path)?,
            line: f(F::Line)?,
            paragraph: f(F::Paragraph)?,
            section: f(F::Section)?,
            section_terms: f(F::SectionTerms)?,
            section_id: f(F::SectionId)?,
            section_key: f(F::SectionKey)?,
            id: f(F::Id)?,
            text: f(F::Text)?,
            translation: f(F::Translation)?,
            title: f(F::Title)?,
            words: f(F::Words)?,
            grams: f(F::Grams)?,
            english: f(F::English)?,
            translation_terms: f(F::TranslationTerms)?,
            kind: f(F::Kind)?,
            dupkey: f(F::Dupkey)?,
            dupbucket: f(F::Dupbucket)?,
            texthash: f(F::Texthash)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_name_is_in_the_schema_once() {
        let schema = build_schema();
        let fields = Fields::of(&schema).expect("fields");
        let names: Vec<&str> = schema.fields().map(|(_, e)| e.name()).collect();
        assert_eq!(names.len(), 19);
        assert_eq!(schema.get_field_name(fields.dupkey), FieldName::Dupkey.as_str());
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len());
    }

    #[test]
    fn stored_kinds_round_trip() {
        for k in [StoredKind::Paragraph, StoredKind::Heading, StoredKind::Section] {
            assert_eq!(StoredKind::from_code(k.code()), k);
        }
        assert_eq!((StoredKind::Paragraph.code(), StoredKind::Heading.code(), StoredKind::Section.code()), (0, 1, 2));
    }
}
