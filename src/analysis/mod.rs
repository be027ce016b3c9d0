//! Text analysis: one pipeline for documents and queries alike.
//!
//! ```text
//! original text ──normalize──▶ canonical text (+ map back to original bytes)
//!                                 ├─ words   → field `words`   (jieba / Unicode words)
//!                                 ├─ bigrams → field `grams`   (character bigrams)
//!                                 └─ english → field `english` (stemmed English)
//! ```
//!
//! The public part is what a program needs to analyse text exactly as the
//! index does:
//! - [`Normalized`]: NFKC width folding, lower case, Traditional →
//!   Simplified, white space kept only between non-Han characters; every
//!   canonical character maps back to its original bytes.
//! - [`Analyzer`]: the word stage (jieba with the index's dictionary);
//!   [`bigrams`] and [`english`]: the other two fields' stages.
//! - [`Token`]: what every stage produces; a range of canonical characters
//!   and a position, mapped back to original bytes by [`Token::source`].
//!
//! See docs/architecture.md, "Analysis", for why the pipeline is what it is.
//!
//! ```
//! use yuanwen::analysis::{Analyzer, Normalized, bigrams};
//! let n = Normalized::new("總工會");
//! let words: Vec<&str> = Analyzer::builtin().words(&n).iter().map(|t| t.text(&n)).collect();
//! assert_eq!(words, ["总工会"]);
//! let grams: Vec<&str> = bigrams(&n).iter().map(|t| t.text(&n)).collect();
//! assert_eq!(grams, ["总工", "工会", "会"]);
//! // Offsets point into the original (Traditional) text.
//! assert_eq!(bigrams(&n)[1].source(&n), 3..9);
//! ```

mod analyzer;
pub(crate) mod charclass;
mod english;
mod grams;
pub(crate) mod lang;
mod lexicon;
mod literal;
mod normalize;
mod t2s;
mod token;
mod tokenizer;
pub(crate) mod words;

pub use analyzer::Analyzer;
pub use normalize::Normalized;
pub use token::Token;

pub(crate) use english::stem;
pub(crate) use lexicon::{Lexicon, QueryDictionary};
pub(crate) use literal::literal_form;
pub(crate) use t2s::t2s;
pub(crate) use tokenizer::{ENGLISH_TOKENIZER, GRAMS_TOKENIZER, WORDS_TOKENIZER};

/// The bigram-field tokens of `n`: each searchable character starts one,
/// the bigram with the next character or the character alone at the end
/// of a run, at its own position (see docs/architecture.md, "Analysis").
pub fn bigrams(n: &Normalized) -> Vec<Token> {
    let mut v = Vec::new();
    grams::gram_tokens(n, &mut v);
    v
}

/// The English-field tokens of `n` with their stems (one per token): Unicode
/// words, stop words left out (their positions kept), Snowball stems; Han
/// text is skipped.
pub fn english(n: &Normalized) -> (Vec<Token>, Vec<String>) {
    let (mut v, mut s) = (Vec::new(), Vec::new());
    english::english_tokens(n, &mut v, &mut s);
    (v, s)
}

/// Is `word` (canonical: lower case, Simplified) a function word that
/// queries weight down and never require: a Chinese particle, preposition
/// or question word (的, 是, 什么), an English stop or question word (`the`,
/// `which`)?
pub fn is_function_word(word: &str) -> bool {
    use lang::{chinese, english};
    chinese::GRAMMAR_WORDS.contains(&word)
        || chinese::QUESTION_WORDS.contains(&word)
        || english::is_stop_word(word)
        || english::QUESTION_WORDS.contains(&word)
}
