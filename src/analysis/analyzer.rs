//! [`Analyzer`]: a segmenter and its settings, the word stage's entry point.

use super::lexicon::{Lexicon, QueryDictionary};
use super::tokenizer::{
    ENGLISH_TOKENIZER, EnglishTokenizer, GRAMS_TOKENIZER, GramTokenizer, WORDS_TOKENIZER, WordTokenizer,
};
use super::words::{WordSettings, word_tokens};
use super::{Normalized, Token};
use crate::error::Result;
use jieba_rs::Jieba;
use std::path::Path;
use std::sync::Arc;

/// Cuts canonical text into word tokens: jieba's words for Han text (with
/// the index's dictionary), Unicode words for everything else. Cheap to
/// clone (the dictionary is shared).
///
/// ```
/// use yuanwen::analysis::{Analyzer, Normalized};
/// let analyzer = Analyzer::builtin();
/// let n = Normalized::new("中華全國總工會");
/// let words: Vec<&str> = analyzer.words(&n).iter().map(|t| t.text(&n)).collect();
/// assert_eq!(words, ["中华全国总工会"]);
/// ```
#[derive(Clone)]
pub struct Analyzer {
    jieba: Arc<Jieba>,
    settings: WordSettings,
}

impl Analyzer {
    /// An analyzer with jieba's built-in dictionary (loading it takes about
    /// 100 ms: build one and keep it).
    pub fn builtin() -> Analyzer {
        Analyzer::full(&Lexicon::builtin(), WordSettings::default())
    }

    /// An analyzer with the built-in dictionary and the user dictionary
    /// `text` (jieba's format, `word [freq] [tag]` per line, as in a
    /// corpus's `dict.txt`); `path` names the file in errors.
    pub fn with_user_dict(text: &str, path: impl AsRef<Path>) -> Result<Analyzer> {
        Ok(Analyzer::full(&Lexicon::with_user_dict(text, path.as_ref())?, WordSettings::default()))
    }

    /// An analyzer holding the whole dictionary (for indexing any text).
    pub(crate) fn full(lexicon: &Lexicon, settings: WordSettings) -> Analyzer {
        Analyzer { jieba: Arc::new(lexicon.full_jieba()), settings }
    }

    /// An analyzer that segments `text` (and any substring of it) exactly as
    /// [`Analyzer::full`] would, built in microseconds.
    pub(crate) fn for_text(lexicon: &Lexicon, settings: WordSettings, text: &Normalized) -> Analyzer {
        Analyzer { jieba: Arc::new(lexicon.jieba_for(text)), settings }
    }

    /// [`Analyzer::for_text`], growing `dict` instead of building a new
    /// dictionary (see [`Lexicon::jieba_reusing`]).
    pub(crate) fn for_text_reusing(
        lexicon: &Lexicon,
        settings: WordSettings,
        text: &Normalized,
        dict: &mut QueryDictionary,
    ) -> Analyzer {
        Analyzer { jieba: lexicon.jieba_reusing(dict, text), settings }
    }

    /// The word tokens of `n`, in order.
    pub fn words(&self, n: &Normalized) -> Vec<Token> {
        let mut v = Vec::new();
        word_tokens(n, &self.jieba, self.settings, &mut v);
        v
    }

    /// jieba's default-mode words of a Han string (no sub-words), as text.
    pub(crate) fn cut(&self, han: &str) -> Vec<String> {
        self.jieba.cut(han, self.settings.hmm).into_iter().map(|t| t.word.to_string()).collect()
    }

    /// The tantivy tokenizer for the word field.
    fn word_tokenizer(&self) -> WordTokenizer {
        WordTokenizer::new(self.jieba.clone(), self.settings)
    }

    /// Register the three tokenizers on `index` (needed whenever tantivy
    /// itself tokenizes a field of ours: indexing, snippets, query parsing).
    pub(crate) fn register(&self, index: &tantivy::Index) {
        let m = index.tokenizers();
        m.register(WORDS_TOKENIZER, self.word_tokenizer());
        m.register(GRAMS_TOKENIZER, GramTokenizer::default());
        m.register(ENGLISH_TOKENIZER, EnglishTokenizer::default());
    }
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").field("settings", &self.settings).finish_non_exhaustive()
    }
}
