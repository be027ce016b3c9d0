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
use super::{Normalized, Token};
use crate::analysis::english::english_tokens;
use jieba_rs::Jieba;
use std::cell::RefCell;
use std::sync::Arc;
use tantivy::tokenizer::{Token as TantivyToken, TokenStream, Tokenizer};

/// Name of the word-field tokenizer.
pub(crate) const WORDS_TOKENIZER: &str = "yuanwen_words";
/// Name of the substring-field (bigram) tokenizer.
pub(crate) const GRAMS_TOKENIZER: &str = "yuanwen_grams";
/// Name of the English-field tokenizer.
pub(crate) const ENGLISH_TOKENIZER: &str = "yuanwen_english";

#[derive(Clone, Default)]
struct Buffers {
    norm: Normalized,
    toks: Vec<Token>,
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
    fn stream<'a>(&'a mut self, text: &str, fill: impl FnOnce(&Normalized, &mut Vec<Token>)) -> TokStream<'a> {
        normalize_shared(text, &mut self.norm);
        self.toks.clear();
        fill(&self.norm, &mut self.toks);
        TokStream { norm: &self.norm, toks: &self.toks, next: 0, token: TantivyToken::default(), stems: None }
    }
}

/// Word tokens: jieba for Han, Unicode words for other scripts.
#[derive(Clone)]
pub(crate) struct WordTokenizer {
    jieba: Arc<Jieba>,
    settings: WordSettings,
    buf: Buffers,
}

impl WordTokenizer {
    /// A tokenizer segmenting with `jieba`.
    pub(crate) fn new(jieba: Arc<Jieba>, settings: WordSettings) -> WordTokenizer {
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
pub(crate) struct GramTokenizer {
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
pub(crate) struct EnglishTokenizer {
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
pub(crate) struct TokStream<'a> {
    norm: &'a Normalized,
    toks: &'a [Token],
    next: usize,
    token: TantivyToken,
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
    fn token(&self) -> &TantivyToken {
        &self.token
    }
    fn token_mut(&mut self) -> &mut TantivyToken {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Lexicon;

    /// Every token a tokenizer gives for `text`: (text, position, byte range
    /// in `text`).
    fn tokens(tokenizer: &mut impl Tokenizer, text: &str) -> Vec<TantivyToken> {
        let mut stream = tokenizer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().clone());
        }
        out
    }

    /// tantivy's `assert_token`: text, position and byte offsets.
    fn assert_token(token: &TantivyToken, position: usize, text: &str, from: usize, to: usize) {
        assert_eq!(
            (token.position, token.text.as_str(), token.offset_from, token.offset_to),
            (position, text, from, to),
            "{token:?}"
        );
    }

    /// Traditional Han, full-width Latin, a full-width comma, digits and a
    /// space before 年: byte offsets are into this original text.
    const MIXED: &str = "總工會與ＩＣＦＴＵ，2000 年";

    #[test]
    fn word_tokens_have_original_byte_offsets() {
        let jieba = Arc::new(Lexicon::builtin().full_jieba());
        let toks = tokens(&mut WordTokenizer::new(jieba, WordSettings::default()), MIXED);
        assert_eq!(toks.len(), 5, "{toks:?}");
        assert_token(&toks[0], 0, "总工会", 0, 9);
        assert_token(&toks[1], 1, "与", 9, 12);
        assert_token(&toks[2], 2, "icftu", 12, 27);
        assert_token(&toks[3], 3, "2000", 30, 34);
        assert_token(&toks[4], 4, "年", 35, 38);
    }

    #[test]
    fn gram_tokens_have_one_position_per_character() {
        let toks = tokens(&mut GramTokenizer::default(), MIXED);
        let expected = [
            ("总工", 0, 6),
            ("工会", 3, 9),
            ("会与", 6, 12),
            ("与i", 9, 15),
            ("ic", 12, 18),
            ("cf", 15, 21),
            ("ft", 18, 24),
            ("tu", 21, 27),
            ("u", 24, 27),
            ("20", 30, 32),
            ("00", 31, 33),
            ("00", 32, 34),
            ("0年", 33, 38),
            ("年", 35, 38),
        ];
        assert_eq!(toks.len(), expected.len(), "{toks:?}");
        for (k, (t, (text, from, to))) in toks.iter().zip(expected).enumerate() {
            assert_token(t, k, text, from, to);
        }
    }

    #[test]
    fn english_tokens_are_stems_with_the_words_offsets() {
        let mut en = EnglishTokenizer::default();
        let toks = tokens(&mut en, "The Trade Unions of 挪威 Norway's seafarers");
        assert_eq!(toks.len(), 4, "{toks:?}");
        // Stop words keep their positions; Han text is skipped.
        assert_token(&toks[0], 1, "trade", 4, 9);
        assert_token(&toks[1], 2, "union", 10, 16);
        assert_token(&toks[2], 4, "norway", 27, 35);
        assert_token(&toks[3], 5, "seafar", 36, 45);
        // A second document through the same tokenizer starts afresh.
        let again = tokens(&mut en, MIXED);
        assert_token(&again[0], 0, "icftu", 12, 27);
        assert_token(&again[1], 1, "2000", 30, 34);
    }

    #[test]
    fn the_fields_of_one_document_share_its_normalisation() {
        // The word and gram tokenizers normalise the same text once per
        // thread (`normalize_shared`); a different text in between must not
        // leak into the next one's tokens.
        let jieba = Arc::new(Lexicon::builtin().full_jieba());
        let mut words = WordTokenizer::new(jieba, WordSettings::default());
        let mut grams = GramTokenizer::default();
        for text in [MIXED, "工会", MIXED, "Ｂｉｌｌ Jordan"] {
            let w = tokens(&mut words, text);
            let g = tokens(&mut grams, text);
            for t in w.iter().chain(&g) {
                assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to), "{text}: {t:?}");
                assert!(t.offset_from < t.offset_to && t.offset_to <= text.len(), "{text}: {t:?}");
            }
            assert_eq!(g.len(), crate::analysis::bigrams(&Normalized::new(text)).len(), "{text}");
        }
    }
}
