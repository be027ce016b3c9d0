//! The index's vocabulary as translation and planning see it: how many
//! passages hold a Han string, an English stem, a word.

use crate::analysis::charclass::classify;
use crate::index::Fields;
use crate::translate::Vocabulary;
use tantivy::Term;

/// Document frequencies read from one searcher.
pub(super) struct IndexVocabulary<'a> {
    pub searcher: &'a tantivy::Searcher,
    pub fields: Fields,
}

impl Vocabulary for IndexVocabulary<'_> {
    fn han_df(&self, s: &str) -> u64 {
        let df = |field, t: &str| self.searcher.doc_freq(&Term::from_field_text(field, t)).unwrap_or(0);
        let chars: Vec<char> = s.chars().filter(|&c| classify(c).is_searchable()).collect();
        match chars.len() {
            0 => 0,
            1 => df(self.fields.words, s).max(df(self.fields.grams, s)),
            _ => chars.windows(2).map(|w| df(self.fields.grams, &w.iter().collect::<String>())).min().unwrap_or(0),
        }
    }

    fn english_df(&self, stem: &str) -> u64 {
        self.searcher.doc_freq(&Term::from_field_text(self.fields.english, stem)).unwrap_or(0)
    }

    fn num_docs(&self) -> u64 {
        self.searcher.num_docs()
    }
}
