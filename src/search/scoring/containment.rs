//! How much of a passage a pasted text contains: the share of the
//! passage's keys — its Han character trigrams and its pairs of
//! consecutive English stems — that occur anywhere in the pasted text.
//!
//! A pasted passage (a quotation whose source, 出处, is sought) is read once
//! into a set of 64-bit key hashes; each candidate is then checked in time
//! linear in its own length. The set is a few bytes per character of the
//! pasted text, so a 1 MB paste costs megabytes, not the gigabyte a union of
//! every one of its bigrams took.

use crate::analysis::charclass::CharClass;
use crate::analysis::{Normalized, english};
use rustc_hash::FxHashSet;
use std::ops::Range;

/// The keys of a pasted text.
#[derive(Debug, Default)]
pub(crate) struct Containment {
    keys: FxHashSet<u64>,
}

/// What a candidate shares with the pasted text.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Shared {
    /// Distinct keys of the candidate found in the pasted text.
    pub found: usize,
    /// Distinct keys of the candidate.
    pub keys: usize,
}

impl Shared {
    /// The share of the candidate the pasted text holds (0..=1).
    pub fn share(&self) -> f32 {
        if self.keys == 0 { 0.0 } else { self.found as f32 / self.keys as f32 }
    }
}

impl Containment {
    /// The keys of `norm` (a pasted text, canonical).
    pub fn of(norm: &Normalized) -> Containment {
        Containment { keys: keys(norm).map(|(_, k)| k).collect() }
    }

    /// What `text` shares with the pasted text.
    pub fn shared(&self, text: &str) -> Shared {
        let norm = Normalized::new(text);
        let own: FxHashSet<u64> = keys(&norm).map(|(_, k)| k).collect();
        Shared { found: own.iter().filter(|k| self.keys.contains(k)).count(), keys: own.len() }
    }

    /// The stretches of `norm` (canonical character ranges, merged) made of
    /// keys the pasted text holds: what to highlight.
    pub fn stretches(&self, norm: &Normalized) -> Vec<Range<usize>> {
        let mut covered: Vec<Range<usize>> =
            keys(norm).filter(|(_, k)| self.keys.contains(k)).map(|(r, _)| r).collect();
        covered.sort_by_key(|r| r.start);
        let mut out: Vec<Range<usize>> = Vec::new();
        for r in covered {
            match out.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
        }
        out
    }
}

/// The keys of canonical text with their character ranges: every three
/// consecutive Han characters (or digits), then every pair of consecutive
/// English stems. Trigrams, not bigrams: a long legal text holds most of
/// the bigrams of any article of the same field (`人民`, `政府`, `规定`), so
/// bigram containment found thousands of unrelated articles "mostly held"
/// in a 3,000-character paste; trigram containment is evidence of a copy.
fn keys(norm: &Normalized) -> impl Iterator<Item = (Range<usize>, u64)> + '_ {
    let hash = |tag: u8, s: &str| {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&[tag]);
        h.update(s.as_bytes());
        h.digest()
    };
    let han = |i: usize| norm.class_at(i) == CharClass::Han || norm.char_at(i).is_numeric();
    let n = norm.len_chars();
    let trigrams = (0..n.saturating_sub(2))
        .filter(move |&i| han(i) && han(i + 1) && han(i + 2))
        .map(move |i| (i..i + 3, hash(0, &norm.text()[norm.byte_of(i)..norm.byte_of(i + 3)])));
    let (toks, stems) = english(norm);
    let pairs: Vec<(Range<usize>, u64)> = toks
        .windows(2)
        .zip(stems.windows(2))
        .map(|(t, s)| (t[0].chars().start..t[1].chars().end, hash(1, &format!("{} {}", s[0], s[1]))))
        .collect();
    trigrams.chain(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_inside_the_paste_is_wholly_contained() {
        let paste = Normalized::new("前言。第一条 为了保障工会在国家政治、经济和社会生活中的地位，制定本法。后记");
        let c = Containment::of(&paste);
        let inside = c.shared("第一条　為了保障工會在國家政治、經濟和社會生活中的地位，制定本法。");
        assert_eq!(inside.share(), 1.0, "{inside:?}: Traditional and full-width fold");
        let other = c.shared("第二条 工会是职工自愿结合的工人阶级的群众组织。");
        assert!(other.share() < 0.3, "{other:?}");
        let english = Containment::of(&Normalized::new("The trade unions of Western countries improved relations."));
        assert_eq!(english.shared("trade unions of western countries").share(), 1.0);
        assert_eq!(Containment::of(&Normalized::new("")).shared("工会").share(), 0.0);
    }

    #[test]
    fn stretches_are_what_the_paste_holds() {
        let c = Containment::of(&Normalized::new("保障工会的地位"));
        let norm = Normalized::new("为了保障工会在国家的地位");
        let got: Vec<String> =
            c.stretches(&norm).into_iter().map(|r| norm.text().chars().skip(r.start).take(r.len()).collect()).collect();
        assert_eq!(got, ["保障工会", "的地位"], "工会在 and 家的地 are not in the paste");
    }
}
