//! A translation's snippet that goes with the passage's: when the query
//! matched only the Chinese, the English shown is the part of the
//! translation the Chinese snippet stands for, not its opening.
//!
//! Sentences are the unit: with as many sentences on both sides, the
//! snippet's sentences are taken one for one; otherwise the same share of
//! the translation, widened to whole sentences.

use super::highlight::Match;
use super::snippet::{Snippet, snippet_in};
use std::ops::Range;

/// Byte ranges of the sentences of `text`, each ended by `ends`.
fn sentences(text: &str, ends: impl Fn(char, Option<char>) -> bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut it = text.char_indices().peekable();
    while let Some((b, c)) = it.next() {
        let next = it.peek().map(|&(_, n)| n);
        if ends(c, next) {
            let end = b + c.len_utf8();
            if text[start..end].trim().chars().any(char::is_alphanumeric) {
                out.push(start..end);
            }
            start = end;
        }
    }
    if text[start..].trim().chars().any(char::is_alphanumeric) {
        out.push(start..text.len());
    }
    out
}

fn chinese_end(c: char, _: Option<char>) -> bool {
    matches!(c, '。' | '！' | '？' | '；' | '\n')
}

fn english_end(c: char, next: Option<char>) -> bool {
    c == '\n' || (matches!(c, '.' | '!' | '?' | ';') && next.is_none_or(char::is_whitespace))
}

/// The sentence of `spans` holding byte `at` (the last one before it).
fn sentence_at(spans: &[Range<usize>], at: usize) -> usize {
    spans.iter().position(|r| r.end > at).unwrap_or(spans.len().saturating_sub(1))
}

/// Byte offset of the share `s` (0..=1) of `text`'s characters.
fn byte_at(text: &str, s: f32) -> usize {
    let n = text.chars().count() as f32;
    text.char_indices().nth((n * s) as usize).map_or(text.len(), |(b, _)| b)
}

/// Share (0..=1) of `span`'s characters that come before byte `b`.
fn share_before(text: &str, span: &Range<usize>, b: usize) -> f32 {
    let b = b.clamp(span.start, span.end);
    text[span.start..b].chars().count() as f32 / text[span.clone()].chars().count().max(1) as f32
}

/// The snippet of `translation` for a passage `text` whose own snippet
/// covers the share `share` (start, end) of it, with its first match at
/// the share `at`. The sentences that stand for the snippet are shown when
/// they fit in `width`; otherwise the window is centred where the match
/// falls in proportion inside its sentence.
pub(crate) fn aligned_snippet(text: &str, share: (f32, f32), at: f32, translation: &str, width: usize) -> Snippet {
    let zh = sentences(text, chinese_end);
    let en = sentences(translation, english_end);
    let (focus, point) = if !zh.is_empty() && zh.len() == en.len() {
        let (i, j) =
            (sentence_at(&zh, byte_at(text, share.0)), sentence_at(&zh, byte_at(text, share.1).saturating_sub(1)));
        let k = sentence_at(&zh, byte_at(text, at));
        let e = &en[k];
        let within = byte_at(&translation[e.clone()], share_before(text, &zh[k], byte_at(text, at)));
        (en[i].start..en[j.max(i)].end, e.start + within)
    } else {
        let (lo, hi) =
            (byte_at(translation, share.0), byte_at(translation, share.1).max(byte_at(translation, share.0)));
        let focus = match (en.iter().position(|r| r.end > lo), en.iter().rposition(|r| r.start < hi.max(lo + 1))) {
            (Some(i), Some(j)) if i <= j => en[i].start..en[j].end,
            _ => lo..hi,
        };
        (focus, byte_at(translation, at))
    };
    let columns = unicode_width::UnicodeWidthStr::width(&translation[focus.clone()]);
    let focus = if columns <= width {
        focus
    } else {
        let end = translation[point..].chars().next().map_or(point, |c| point + c.len_utf8());
        point..end
    };
    snippet_in(translation, &[Match { range: focus, term: 0 }], width, false).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_sentence_when_both_sides_have_as_many() {
        let text = "第一句很长很长很长很长。第二句提到工会。第三句。";
        let tr = "The first sentence is long. The second mentions unions. The third.";
        // The Chinese snippet covers the second sentence (chars 12..20 of 24).
        let s = aligned_snippet(text, (12.0 / 24.0, 20.0 / 24.0), 15.0 / 24.0, tr, 30);
        assert!(s.text().contains("The second mentions unions."), "{}", s.text());
        assert!(s.char_highlights().is_empty());
    }

    #[test]
    fn the_same_share_widened_to_sentences_otherwise() {
        let text = "甲。乙。丙。丁。";
        let tr = "One and two. Three. Four five six seven eight. Nine ten.";
        let s = aligned_snippet(text, (0.75, 1.0), 0.8, tr, 12);
        assert!(s.text().contains("Nine ten."), "{}", s.text());
        // A sentence wider than the window: centred where the match falls.
        let text = "第一句。第二句讲工会代表访问大连。";
        let tr = "One. The second says union delegates visited Dalian.";
        let s = aligned_snippet(text, (0.3, 1.0), 15.0 / 17.0, tr, 24);
        assert!(s.text().contains("Dalian"), "{}", s.text());
        assert_eq!(sentences("A b. C d! e.f", english_end), [0..4, 4..9, 9..13]);
        assert_eq!(sentences("甲。\n乙", chinese_end).len(), 2);
    }
}
