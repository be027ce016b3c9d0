//! Text analysis: one pipeline for documents and queries alike.
//!
//! ```text
//! original text ──normalize──▶ canonical text (+ map back to original bytes)
//!                                 ├─ words::word_tokens   → field `words`   (jieba / Unicode words)
//!                                 ├─ grams::gram_tokens   → field `grams`   (character bigrams)
//!                                 └─ english::english_tokens → field `english` (stemmed English)
//! ```
//!
//! - [`Normalized`]: NFKC width folding, lower case, Traditional → Simplified,
//!   white space kept only between non-Han characters; every canonical
//!   character maps back to its original bytes.
//! - [`Lexicon`]: the segmentation dictionary (built-in + user dictionary),
//!   which builds either a full jieba (indexing) or a compact one that
//!   segments one query identically (searching).
//! - [`Tok`]: what every stage produces; a range of canonical characters and
//!   a position.
//!
//! ```
//! use yuanwen::analysis::{Analyzer, Normalized};
//! let analyzer = Analyzer::for_text(&Default::default(), Default::default(), &Normalized::new("總工會"));
//! let n = Normalized::new("總工會");
//! let words: Vec<_> = analyzer.words(&n).iter().map(|t| t.text(&n).to_string()).collect();
//! assert_eq!(words, ["总工会"]);
//! let grams: Vec<_> = yuanwen::analysis::grams(&n).iter().map(|t| t.text(&n).to_string()).collect();
//! assert_eq!(grams, ["总工", "工会", "会"]);
//! ```

pub mod charclass;
mod english;
mod grams;
mod lexicon;
mod normalize;
mod t2s;
mod token;
mod tokenizer;
mod words;

pub use english::{STOP_WORDS as ENGLISH_STOP_WORDS, english_tokens, is_stop_word, stem};
pub use grams::gram_tokens;
pub use lexicon::{BUILTIN_MAX_CHARS, BUILTIN_TOTAL, BUILTIN_WORDS, Lexicon, QueryDictionary};
pub use normalize::Normalized;
pub use t2s::{T2s, t2s};
pub use token::Tok;
pub use tokenizer::{
    ENGLISH_TOKENIZER, EnglishTokenizer, GRAMS_TOKENIZER, GramTokenizer, TokStream, WORDS_TOKENIZER, WordTokenizer,
};
pub use words::{MAX_WORD_BYTES, WordSettings, word_tokens};

use jieba_rs::Jieba;
use std::sync::Arc;

/// A segmenter plus its settings: everything needed to cut canonical text
/// into word tokens. Cheap to clone (the dictionary is shared).
#[derive(Clone)]
pub struct Analyzer {
    jieba: Arc<Jieba>,
    settings: WordSettings,
}

impl Analyzer {
    /// An analyzer holding the whole dictionary (for indexing any text).
    pub fn full(lexicon: &Lexicon, settings: WordSettings) -> Analyzer {
        Analyzer { jieba: Arc::new(lexicon.full_jieba()), settings }
    }

    /// An analyzer that segments `text` (and any substring of it) exactly as
    /// [`Analyzer::full`] would, built in microseconds.
    pub fn for_text(lexicon: &Lexicon, settings: WordSettings, text: &Normalized) -> Analyzer {
        Analyzer { jieba: Arc::new(lexicon.jieba_for(text)), settings }
    }

    /// [`Analyzer::for_text`], growing `dict` instead of building a new
    /// dictionary (see [`Lexicon::jieba_reusing`]).
    pub fn for_text_reusing(
        lexicon: &Lexicon,
        settings: WordSettings,
        text: &Normalized,
        dict: &mut QueryDictionary,
    ) -> Analyzer {
        Analyzer { jieba: lexicon.jieba_reusing(dict, text), settings }
    }

    /// Word tokens of `n`.
    pub fn words(&self, n: &Normalized) -> Vec<Tok> {
        let mut v = Vec::new();
        word_tokens(n, &self.jieba, self.settings, &mut v);
        v
    }

    /// jieba's default-mode words of a Han string (no sub-words), as text.
    pub fn cut(&self, han: &str) -> Vec<String> {
        self.jieba.cut(han, self.settings.hmm).into_iter().map(|t| t.word.to_string()).collect()
    }

    /// The settings.
    pub fn settings(&self) -> WordSettings {
        self.settings
    }

    /// The tantivy tokenizer for the word field.
    pub fn word_tokenizer(&self) -> WordTokenizer {
        WordTokenizer::new(self.jieba.clone(), self.settings)
    }

    /// Register the three tokenizers on `index` (needed whenever tantivy
    /// itself tokenizes a field of ours: indexing, snippets, query parsing).
    pub fn register(&self, index: &tantivy::Index) {
        let m = index.tokenizers();
        m.register(WORDS_TOKENIZER, self.word_tokenizer());
        m.register(GRAMS_TOKENIZER, GramTokenizer::default());
        m.register(ENGLISH_TOKENIZER, EnglishTokenizer::default());
    }
}

/// Substring-field tokens of `n`.
pub fn grams(n: &Normalized) -> Vec<Tok> {
    let mut v = Vec::new();
    gram_tokens(n, &mut v);
    v
}

/// English-field tokens of `n` with their stems.
pub fn english(n: &Normalized) -> (Vec<Tok>, Vec<String>) {
    let (mut v, mut s) = (Vec::new(), Vec::new());
    english_tokens(n, &mut v, &mut s);
    (v, s)
}
