//! tantivy adapters: the analysis stages as tantivy `Tokenizer`s.
//!
//! The index's text fields name these tokenizers, so they are registered every
//! time an index is opened (`Analyzer::register`). Each tokenizer keeps its
//! buffers between documents (tantivy gives it `&mut self`), so indexing does
//! not allocate per document or per token. tantivy tokenizes a document's
//! fields one after the other on one thread, and the word and bigram fields
//! hold the same text: it is normalised once.

use super::grams::gram_tokens;
use super::words::{WordSettings, word_tokens};
use super::{Normalized, Tok};
use crate::analysis::english::english_tokens;
use jieba_rs::Jieba;
use std::cell::RefCell;
use std::sync::Arc;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

/// Name of the word-field tokenizer.
pub const WORDS_TOKENIZER: &str = "yuanwen_words";
/// Name of the substring-field (bigram) tokenizer.
pub const GRAMS_TOKENIZER: &str = "yuanwen_grams";
/// Name of the English-field tokenizer.
pub const ENGLISH_TOKENIZER: &str = "yuanwen_english";

#[derive(Clone, Default)]
struct Buffers {
    norm: Normalized,
    toks: Vec<Tok>,
}

thread_local! {
    /// The last text normalised on this thread, and its canonical form.
    static LAST: RefCell<(String, Normalized)> = RefCell::default();
}

/// Normalise `text` into `out`, or copy the canonical form if `text` is the
/// last text normalised on this thread (a copy costs a few percent of a
/// normalisation).
fn normalize_shared(text: &str, out: &mut Normalized) {
    LAST.with_borrow_mut(|(src, norm)| {
        if src != text {
            src.clear();
            src.push_str(text);
            norm.reset(text);
        }
        out.copy_from(norm);
    });
}

impl Buffers {
    fn stream<'a>(&'a mut self, text: &str, fill: impl FnOnce(&Normalized, &mut Vec<Tok>)) -> TokStream<'a> {
        normalize_shared(text, &mut self.norm);
        self.toks.clear();
        fill(&self.norm, &mut self.toks);
        TokStream { norm: &self.norm, toks: &self.toks, next: 0, token: Token::default(), stems: None }
    }
}

/// Word tokens: jieba for Han, Unicode words for other scripts.
#[derive(Clone)]
pub struct WordTokenizer {
    jieba: Arc<Jieba>,
    settings: WordSettings,
    buf: Buffers,
}

impl WordTokenizer {
    /// A tokenizer segmenting with `jieba`.
    pub fn new(jieba: Arc<Jieba>, settings: WordSettings) -> WordTokenizer {
        WordTokenizer { jieba, settings, buf: Buffers::default() }
    }
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = TokStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> TokStream<'a> {
        let (jieba, settings) = (&self.jieba, self.settings);
        self.buf.stream(text, |n, out| word_tokens(n, jieba, settings, out))
    }
}

/// Substring-field tokens: character bigrams.
#[derive(Clone, Default)]
pub struct GramTokenizer {
    buf: Buffers,
}

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = TokStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> TokStream<'a> {
        self.buf.stream(text, gram_tokens)
    }
}

/// English-field tokens: stemmed words without stop words.
#[derive(Clone, Default)]
pub struct EnglishTokenizer {
    buf: Buffers,
    stems: Vec<String>,
}

impl Tokenizer for EnglishTokenizer {
    type TokenStream<'a> = TokStream<'a>;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> TokStream<'a> {
        let stems = &mut self.stems;
        stems.clear();
        let mut s = self.buf.stream(text, |n, out| english_tokens(n, out, stems));
        s.stems = Some(&self.stems);
        s
    }
}

/// The token stream all three tokenizers share.
pub struct TokStream<'a> {
    norm: &'a Normalized,
    toks: &'a [Tok],
    next: usize,
    token: Token,
    /// Replacement texts (English stems), one per token, when present.
    stems: Option<&'a [String]>,
}

impl TokenStream for TokStream<'_> {
    fn advance(&mut self) -> bool {
        let Some(t) = self.toks.get(self.next) else {
            return false;
        };
        self.token.text.clear();
        match self.stems {
            Some(stems) => self.token.text.push_str(&stems[self.next]),
            None => self.token.text.push_str(t.text(self.norm)),
        }
        let src = t.source(self.norm);
        self.token.offset_from = src.start;
        self.token.offset_to = src.end;
        self.token.position = t.position as usize;
        self.token.position_length = 1;
        self.next += 1;
        true
    }
    fn token(&self) -> &Token {
        &self.token
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}
