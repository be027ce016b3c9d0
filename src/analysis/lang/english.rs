//! English stop and question words (lower case).

/// Words too common to search for (Lucene's English stop set): left out of
/// the English field, weighted down in queries.
pub(crate) const STOP_WORDS: &[&str] = include!("english_stop_words.in");

/// Words that make a question.
pub(crate) const QUESTION_WORDS: &[&str] = &["what", "who", "whom", "whose", "which", "when", "where", "why", "how"];

/// Is `word` (lower case) an English stop word?
pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_and_question_words() {
        assert_eq!(STOP_WORDS.len(), 33);
        assert!(is_stop_word("the") && !is_stop_word("union"));
        assert!(!QUESTION_WORDS.iter().any(|w| is_stop_word(w)), "one list per word");
    }
}
