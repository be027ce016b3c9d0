//! The index schema: which fields a document has and how each is indexed.

use crate::analysis::{ENGLISH_TOKENIZER, GRAMS_TOKENIZER, WORDS_TOKENIZER};
use tantivy::schema::{FAST, Field, IndexRecordOption, NumericOptions, STORED, Schema, TextFieldIndexing, TextOptions};

/// The fields of the index, resolved once.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// File path relative to the corpus (raw term: deletes and `file:`).
    pub path: Field,
    /// 1-based start line.
    pub line: Field,
    /// 1-based paragraph number in the file.
    pub paragraph: Field,
    /// Section title of a passage (stored only).
    pub section: Field,
    /// Bigrams of a section title, indexed on one section document per
    /// title and file (not with every paragraph under it: 2.8 M fewer
    /// tokens on laws-prc).
    pub section_terms: Field,
    /// [`section_id`](super::section_id) of a passage's section, as a
    /// term (hexadecimal; with frequencies, so that a question's union of
    /// terms keeps block-max WAND): a search adds the sections it matches.
    pub section_id: Field,
    /// The same id on a section document (fast).
    pub section_key: Field,
    /// `.jsonl` record id.
    pub id: Field,
    /// Original text (stored only).
    pub text: Field,
    /// English translation (stored only).
    pub translation: Field,
    /// jieba / Unicode words of the text.
    pub words: Field,
    /// Character bigrams of the text.
    pub grams: Field,
    /// Stemmed English words of the translation (or of English text).
    pub english: Field,
    /// 0 = paragraph, 1 = heading, 2 = section document.
    pub kind: Field,
    /// Hash of the text's searchable characters: equal for duplicates.
    pub dupkey: Field,
    /// [`dupkey`](Fields::dupkey)'s top bits ([`dup_bucket`]), indexed: the
    /// copies of a passage are found among the documents of its bucket
    /// (about 22 on laws-prc). Indexing the whole key cost a term per
    /// passage: 7.6 MB on laws-prc, against 0.9 MB for the buckets (12 bits:
    /// 0.75 MB, but reading 4 times the keys made word queries 20 % slower).
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
pub fn dup_bucket(dupkey: u64) -> u64 {
    dupkey >> 50
}

fn analyzed(tokenizer: &str, record: IndexRecordOption) -> TextOptions {
    TextOptions::default()
        .set_indexing_options(TextFieldIndexing::default().set_tokenizer(tokenizer).set_index_option(record))
}

/// Build the schema.
pub fn build_schema() -> Schema {
    let mut b = Schema::builder();
    // Fast too: listing where else a passage occurs reads no stored text.
    // Fields matched only as exact keys need no field norms (BM25 lengths).
    b.add_text_field("path", exact_key() | STORED | FAST);
    b.add_u64_field("line", STORED | FAST);
    b.add_u64_field("paragraph", STORED);
    // Phrases are matched on the bigram fields only, so the others need no
    // positions (a third of the postings).
    b.add_text_field("section", STORED);
    // No field norms: BM25 would measure a title against the average over
    // every document, almost all of which have no title tokens.
    b.add_text_field(
        "section_terms",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(GRAMS_TOKENIZER)
                .set_index_option(IndexRecordOption::WithFreqs)
                .set_fieldnorms(false),
        ),
    );
    b.add_text_field(
        "section_id",
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("raw")
                .set_index_option(IndexRecordOption::WithFreqs)
                .set_fieldnorms(false),
        ),
    );
    b.add_u64_field("section_key", FAST);
    b.add_text_field("id", exact_key() | STORED);
    b.add_text_field("text", STORED);
    b.add_text_field("translation", STORED);
    b.add_text_field("words", analyzed(WORDS_TOKENIZER, IndexRecordOption::WithFreqs));
    b.add_text_field("grams", analyzed(GRAMS_TOKENIZER, IndexRecordOption::WithFreqsAndPositions));
    b.add_text_field("english", analyzed(ENGLISH_TOKENIZER, IndexRecordOption::WithFreqsAndPositions));
    b.add_u64_field("kind", FAST | STORED);
    b.add_u64_field("dupkey", FAST);
    b.add_u64_field("dupbucket", NumericOptions::default().set_indexed());
    b.add_u64_field("texthash", FAST);
    b.build()
}

impl Fields {
    /// Resolve the fields of `schema` (an index this version wrote).
    pub fn of(schema: &Schema) -> tantivy::Result<Fields> {
        let f = |name: &str| schema.get_field(name);
        Ok(Fields {
            path: f("path")?,
            line: f("line")?,
            paragraph: f("paragraph")?,
            section: f("section")?,
            section_terms: f("section_terms")?,
            section_id: f("section_id")?,
            section_key: f("section_key")?,
            id: f("id")?,
            text: f("text")?,
            translation: f("translation")?,
            words: f("words")?,
            grams: f("grams")?,
            english: f("english")?,
            kind: f("kind")?,
            dupkey: f("dupkey")?,
            dupbucket: f("dupbucket")?,
            texthash: f("texthash")?,
        })
    }
}
