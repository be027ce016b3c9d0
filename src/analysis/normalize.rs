//! Canonical text: the one form of a text that every tokenizer reads.
//!
//! Each character is width- and case-folded (NFKC, then lower case),
//! Traditional Han is converted to Simplified, format characters vanish, and
//! white space survives only between two non-Han characters (as one space),
//! so `2000 年`, `2000年` and a line wrapped inside a Chinese word all read
//! the same. Every canonical character remembers the byte range of the
//! original character it came from, so offsets found in canonical text map
//! back exactly to what the user sees.

use super::charclass::{CharClass, classify, from_full_width, is_han, is_plain_cjk_punctuation};
use super::t2s::t2s;
use std::ops::Range;
use unicode_normalization::UnicodeNormalization;

/// One character of canonical text.
#[derive(Clone, Copy, Debug)]
struct CanonChar {
    ch: char,
    class: CharClass,
    /// Byte offset in the canonical text.
    byte: u32,
    /// Byte range in the original text.
    src_start: u32,
    src_end: u32,
}

/// A text in canonical form, with a map back to the original.
///
/// ```
/// use yuanwen::analysis::{Normalized, bigrams};
/// let n = Normalized::new("ＩＣＦＴＵ與2000 年");
/// assert_eq!(n.text(), "icftu与2000年");
/// // The last token, the canonical `年`, came from bytes 23..26 of the original.
/// let last = *bigrams(&n).last().unwrap();
/// assert_eq!((last.text(&n), last.source(&n)), ("年", 23..26));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Normalized {
    text: String,
    chars: Vec<CanonChar>,
}

impl Normalized {
    /// Normalise `src` into a new value.
    pub fn new(src: &str) -> Normalized {
        let mut n = Normalized::default();
        n.reset(src);
        n
    }

    /// Normalise `src`, reusing this value's buffers.
    pub(crate) fn reset(&mut self, src: &str) {
        self.text.clear();
        self.chars.clear();
        self.chars.reserve(src.len() / 2);
        let mut pending_space: Option<(u32, u32)> = None;
        for (at, c) in src.char_indices() {
            let start = at as u32;
            let end = (at + c.len_utf8()) as u32;
            let class = classify(c);
            match class {
                CharClass::Ignore => {}
                CharClass::Space => {
                    pending_space = Some(match pending_space {
                        Some((s, _)) => (s, end),
                        None => (start, end),
                    })
                }
                _ => {
                    let before = self.chars.len();
                    self.push_folded(c, class, start, end);
                    if let Some((s, e)) = pending_space.take() {
                        self.insert_space_before(before, s, e);
                    }
                }
            }
        }
        self.convert_han_runs();
        self.rebuild_text();
    }

    /// Append the folded form of one original character.
    #[inline]
    fn push_folded(&mut self, c: char, class: CharClass, src_start: u32, src_end: u32) {
        let mut push =
            |ch: char, class: CharClass| self.chars.push(CanonChar { ch, class, byte: 0, src_start, src_end });
        match (class, c) {
            (CharClass::Han, '\u{4E00}'..='\u{9FFF}') => push(c, CharClass::Han),
            _ if c.is_ascii() => push(c.to_ascii_lowercase(), class),
            // `、。《》“”`…: NFKC keeps them (checked in `charclass`).
            _ if is_plain_cjk_punctuation(c) => push(c, class),
            // Full-width ASCII: the common case of NFKC in Chinese text.
            _ if let Some(a) = from_full_width(c) => push(a.to_ascii_lowercase(), classify(a)),
            _ => {
                // NFKC of one character is at most 18 characters (U+FDFA).
                let mut buf = ['\0'; 18];
                let mut len = 0;
                for f in std::iter::once(c).nfkc() {
                    if len < buf.len() {
                        buf[len] = f;
                        len += 1;
                    }
                }
                let folded = &buf[..len];
                match class {
                    CharClass::Separator => {
                        // A separator that folds to a single Han character is a
                        // Kangxi radical standing in for the ideograph.
                        if let [h] = folded
                            && is_han(*h)
                        {
                            return push(*h, CharClass::Han);
                        }
                        // Footnote markers and the like (`①` → `1`) must not
                        // become digits: keep the original character.
                        if folded.iter().any(|f| f.is_alphanumeric()) {
                            push(c, class)
                        } else {
                            folded.iter().for_each(|&f| push(f, class))
                        }
                    }
                    _ => {
                        for f in folded.iter() {
                            let class = if is_han(*f) { CharClass::Han } else { class };
                            for l in f.to_lowercase() {
                                push(l, class);
                            }
                        }
                    }
                }
            }
        }
    }

    /// Put one canonical space before the character(s) just pushed at
    /// `index`, if both neighbours are non-Han.
    fn insert_space_before(&mut self, index: usize, src_start: u32, src_end: u32) {
        let (Some(prev), Some(next)) = (index.checked_sub(1).map(|i| self.chars[i]), self.chars.get(index)) else {
            return;
        };
        if prev.class == CharClass::Han || next.class == CharClass::Han {
            return;
        }
        let space = CanonChar { ch: ' ', class: CharClass::Space, byte: 0, src_start, src_end };
        self.chars.insert(index, space);
    }

    fn convert_han_runs(&mut self) {
        let converter = t2s();
        let mut run: Vec<char> = Vec::new();
        let mut i = 0;
        while i < self.chars.len() {
            if self.chars[i].class != CharClass::Han {
                i += 1;
                continue;
            }
            let start = i;
            while i < self.chars.len() && self.chars[i].class == CharClass::Han {
                i += 1;
            }
            run.clear();
            run.extend(self.chars[start..i].iter().map(|c| c.ch));
            converter.convert_in_place(&mut run);
            for (cc, ch) in self.chars[start..i].iter_mut().zip(&run) {
                cc.ch = *ch;
            }
        }
    }

    fn rebuild_text(&mut self) {
        self.text.reserve(self.chars.len() * 3);
        for cc in &mut self.chars {
            cc.byte = self.text.len() as u32;
            self.text.push(cc.ch);
        }
    }

    /// Make this a copy of `other`, reusing this value's buffers.
    pub(crate) fn copy_from(&mut self, other: &Normalized) {
        self.text.clone_from(&other.text);
        self.chars.clone_from(&other.chars);
    }

    /// The canonical text.
    #[inline]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of canonical characters.
    #[inline]
    pub fn len_chars(&self) -> usize {
        self.chars.len()
    }

    /// Is the canonical text empty?
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The `i`-th canonical character.
    #[inline]
    pub(crate) fn char_at(&self, i: usize) -> char {
        self.chars[i].ch
    }

    /// The class of the `i`-th canonical character.
    #[inline]
    pub(crate) fn class_at(&self, i: usize) -> CharClass {
        self.chars[i].class
    }

    /// Byte offset of the `i`-th canonical character (or the text length).
    #[inline]
    pub(crate) fn byte_of(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.text.len(), |c| c.byte as usize)
    }

    /// Like [`Normalized::char_index_of_byte`], scanning forward from
    /// character `from` (at or before the answer): linear over a text read
    /// left to right.
    #[inline]
    pub(crate) fn char_index_from(&self, from: usize, b: usize) -> usize {
        let mut i = from;
        while i < self.chars.len() && (self.chars[i].byte as usize) < b {
            i += 1;
        }
        i
    }

    /// Index of the canonical character that starts at byte `b`, or the
    /// number of characters for `b == text().len()`.
    pub(crate) fn char_index_of_byte(&self, b: usize) -> usize {
        self.chars.partition_point(|c| (c.byte as usize) < b)
    }

    /// Original byte range of canonical characters `chars` (non-empty).
    #[inline]
    pub(crate) fn source_of_chars(&self, chars: Range<usize>) -> Range<usize> {
        debug_assert!(chars.start < chars.end);
        self.chars[chars.start].src_start as usize..self.chars[chars.end - 1].src_end as usize
    }

    /// Original byte range of the canonical byte range `bytes` (non-empty,
    /// on character boundaries).
    pub(crate) fn source_range(&self, bytes: Range<usize>) -> Range<usize> {
        let first = self.char_index_of_byte(bytes.start);
        let last = self.char_index_of_byte(bytes.end);
        self.source_of_chars(first..last.max(first + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        Normalized::new(s).text().to_string()
    }

    #[test]
    fn folds_width_case_and_script() {
        assert_eq!(canon("ＩＣＦＴＵ"), "icftu");
        assert_eq!(canon("２０００年"), "2000年");
        assert_eq!(canon("中華全國總工會"), "中华全国总工会");
        assert_eq!(canon("Trade Unions"), "trade unions");
        assert_eq!(canon("特点： 一是"), "特点:一是");
        assert_eq!(canon("特点: 一是"), "特点:一是");
    }

    #[test]
    fn spaces_only_between_non_han() {
        assert_eq!(canon("2000 年"), "2000年");
        assert_eq!(canon("50 多年"), "50多年");
        assert_eq!(canon("工\n会"), "工会");
        assert_eq!(canon("Bill   Jordan"), "bill jordan");
        assert_eq!(canon("  lead and trail \n"), "lead and trail");
        assert_eq!(canon("增多。① 2001年"), "增多。① 2001年");
        assert_eq!(canon("a \u{3000} b"), "a b");
    }

    #[test]
    fn footnote_markers_stay_separators() {
        let n = Normalized::new("增多。①");
        assert_eq!(n.text(), "增多。①");
        assert_eq!(n.class_at(3), CharClass::Separator);
    }

    #[test]
    fn invisible_characters_vanish() {
        assert_eq!(canon("工\u{200B}会\u{FEFF}"), "工会");
    }

    #[test]
    fn offsets_map_back_to_original() {
        let src = "前 ＩＣＦＴＵ，與 2000 年";
        let n = Normalized::new(src);
        assert_eq!(n.text(), "前icftu,与2000年");
        for i in 0..n.len_chars() {
            let r = n.source_of_chars(i..i + 1);
            assert!(src.is_char_boundary(r.start) && src.is_char_boundary(r.end));
        }
        let b = n.text().find("icftu").unwrap();
        assert_eq!(&src[n.source_range(b..b + 5)], "ＩＣＦＴＵ");
        let b = n.text().find("与").unwrap();
        assert_eq!(&src[n.source_range(b..b + 3)], "與");
        let b = n.text().find("0年").unwrap();
        assert_eq!(&src[n.source_range(b..b + 4)], "0 年");
    }

    #[test]
    fn kangxi_radicals_become_han() {
        // U+2F00 KANGXI RADICAL ONE, as broken PDF extraction produces.
        assert_eq!(canon("\u{2F00}"), "一");
    }
}
