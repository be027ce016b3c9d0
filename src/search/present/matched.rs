//! How each word of a query matched a passage: as typed, through folding
//! (script, variants), in the translation, or only through an expansion
//! (glossary, dictionary, pinyin).

use crate::analysis::{Normalized, literal_form, stem};
use crate::corpus::Document;
use crate::search::results::{MatchKind, Matched};
use crate::translate::Source;

/// One word of the query, with what finds it.
#[derive(Clone, Debug)]
pub(crate) struct WordCheck {
    /// Canonical form (what the index matched).
    pub word: String,
    /// As typed, width and case folded.
    pub literal: String,
    /// English (matched as words, and in translations).
    pub english: bool,
    /// Its expansions: canonical Chinese forms of an English word, English
    /// keys (stems) of a Chinese one, with where each comes from.
    pub alternatives: Vec<(String, Source)>,
}

/// The forms of a passage's text a check reads, made once.
struct Texts {
    canonical: String,
    literal: String,
    /// English words of the text and of the translation: (word, stem).
    own_words: Vec<(String, String)>,
    translated: Vec<(String, String)>,
}

fn english_words(text: &str) -> Vec<(String, String)> {
    let n = Normalized::new(text);
    let (toks, stems) = crate::analysis::english(&n);
    toks.iter().zip(stems).map(|(t, s)| (t.text(&n).to_string(), s)).collect()
}

/// Do `words` hold every word of `phrase` (by word or stem)?
fn has_all(words: &[(String, String)], phrase: &str) -> bool {
    phrase.split(' ').filter(|w| !w.is_empty()).all(|w| {
        let s = stem(w);
        words.iter().any(|(dw, ds)| dw == w || *ds == s || ds == w)
    })
}

/// How each of `checks` matched `d` (words that did not are left out).
pub(crate) fn matched(d: &Document, checks: &[WordCheck]) -> Vec<Matched> {
    if checks.is_empty() {
        return Vec::new();
    }
    let t = Texts {
        canonical: Normalized::new(&d.text).text().to_string(),
        literal: literal_form(&d.text),
        own_words: english_words(&d.text),
        translated: d.translation.as_deref().map(english_words).unwrap_or_default(),
    };
    checks.iter().filter_map(|c| how(&t, c).map(|how| Matched { word: c.word.clone(), how })).collect()
}

fn how(t: &Texts, c: &WordCheck) -> Option<MatchKind> {
    if c.english {
        if has_all(&t.own_words, &c.word) || t.literal.contains(&c.literal) {
            return Some(MatchKind::Text);
        }
        if has_all(&t.translated, &c.word) {
            return Some(MatchKind::Translation);
        }
        return c.alternatives.iter().find(|(form, _)| t.canonical.contains(form.as_str())).map(|(_, s)| kind(*s));
    }
    if t.literal.contains(&c.literal) {
        return Some(MatchKind::Text);
    }
    if t.canonical.contains(&c.word) {
        return Some(MatchKind::Variant);
    }
    c.alternatives.iter().find(|(key, _)| has_all(&t.own_words, key)).map(|(_, s)| kind(*s))
}

fn kind(s: Source) -> MatchKind {
    match s {
        Source::Glossary => MatchKind::Glossary,
        Source::Dictionary => MatchKind::Dictionary,
        Source::Pinyin => MatchKind::Pinyin,
    }
}

/// The share of `checks` that matched `d` only through folding or an
/// expansion (a variant, a dictionary sense, a reading).
pub(crate) fn expanded_share(d: &Document, checks: &[WordCheck]) -> f32 {
    if checks.is_empty() {
        return 0.0;
    }
    // Every word as typed in the text: nothing else to look at.
    let literal = literal_form(&d.text);
    if checks.iter().all(|c| literal.contains(&c.literal)) {
        return 0.0;
    }
    let expanded =
        matched(d, checks).iter().filter(|m| !matches!(m.how, MatchKind::Text | MatchKind::Translation)).count();
    expanded as f32 / checks.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, translation: Option<&str>) -> Document {
        Document::test_paragraph(text, translation)
    }

    fn check(word: &str, typed: &str, english: bool, alternatives: &[(&str, Source)]) -> WordCheck {
        WordCheck {
            word: word.into(),
            literal: literal_form(typed),
            english,
            alternatives: alternatives.iter().map(|(f, s)| (f.to_string(), *s)).collect(),
        }
    }

    #[test]
    fn as_typed_variant_translation_and_expansions() {
        let hui = check("工会", "工会", false, &[]);
        assert_eq!(matched(&doc("中国工会", None), std::slice::from_ref(&hui))[0].how, MatchKind::Text);
        assert_eq!(matched(&doc("中國工會", None), std::slice::from_ref(&hui))[0].how, MatchKind::Variant);
        let wei = check("卫", "衞", false, &[]);
        assert_eq!(matched(&doc("衞生", None), std::slice::from_ref(&wei))[0].how, MatchKind::Text);
        assert_eq!(matched(&doc("衛生", None), std::slice::from_ref(&wei))[0].how, MatchKind::Variant);
        let union = check("union", "Union", true, &[("工会", Source::Dictionary)]);
        let only = std::slice::from_ref(&union);
        assert_eq!(matched(&doc("The Union met.", None), only)[0].how, MatchKind::Text);
        assert_eq!(matched(&doc("工会", Some("trade unions")), only)[0].how, MatchKind::Translation);
        assert_eq!(matched(&doc("工会", None), only)[0].how, MatchKind::Dictionary);
        assert!(matched(&doc("无关", None), only).is_empty());
        assert_eq!(expanded_share(&doc("中國工會", None), &[hui.clone(), union.clone()]), 1.0);
        assert_eq!(expanded_share(&doc("中國工會 union", None), &[hui.clone(), union]), 0.5);
        assert_eq!(expanded_share(&doc("中国工会", None), &[hui]), 0.0);
    }
}
