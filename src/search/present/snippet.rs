//! Snippets: the best-matching stretch of a passage, measured in characters,
//! cut at clause or sentence ends, with every match in it highlighted.

use super::highlight::{Match, merge};
use crate::analysis::charclass::is_han;
use serde::Serialize;
use std::ops::Range;

/// A stretch of a passage for display, with its highlights.
///
/// Highlights are given two ways: [`Snippet::char_highlights`] in
/// characters (as `--json` prints them, for languages that index strings by
/// character) and [`Snippet::byte_highlights`] in bytes, to slice
/// [`Snippet::text`] directly; [`Snippet::parts`] walks the text as plain
/// and highlighted pieces, for renderers.
///
/// ```
/// # let dir = tempfile::tempdir()?;
/// # let corpus = dir.path().join("corpus");
/// # std::fs::create_dir(&corpus)?;
/// # std::fs::write(corpus.join("a.txt"), "中华全国总工会与国际劳工局合作。\n")?;
/// # let opts = yuanwen::IndexOptions::new(&corpus, dir.path().join("index"));
/// # yuanwen::index::update(&opts, yuanwen::index::LockWait::Wait, &yuanwen::index::NoProgress)?;
/// # let searcher = yuanwen::Searcher::open(dir.path().join("index"))?;
/// let hit = &searcher.search("工会", &Default::default())?.hits[0];
/// let s = &hit.snippet;
/// assert_eq!(s.char_highlights(), [(5, 7)]);
/// assert_eq!(&s.text()[s.byte_highlights()[0].clone()], "工会");
/// let marked: String = s.parts().map(|(t, hl)| if hl { format!("[{t}]") } else { t.to_string() }).collect();
/// assert_eq!(marked, "中华全国总[工会]与国际劳工局合作。");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The text (`…` marks where the passage was cut).
    text: String,
    /// Highlighted ranges, `[start, end)` in characters of `text`.
    highlights: Vec<(usize, usize)>,
    /// The same, in bytes.
    #[serde(skip)]
    bytes: Vec<Range<usize>>,
}

impl Snippet {
    /// A snippet of `text` highlighting the character ranges `highlights`
    /// (`(start, end)`, end exclusive): ranges are clipped to the text,
    /// sorted, and merged where they overlap; empty ones go.
    ///
    /// ```
    /// let s = yuanwen::Snippet::new("与挪威总工会合作".into(), vec![(5, 6), (4, 6), (7, 99), (3, 3)]);
    /// assert_eq!(s.char_highlights(), [(4, 6), (7, 8)]);
    /// assert_eq!(s.highlighted().collect::<Vec<_>>(), ["工会", "作"]);
    /// ```
    pub fn new(text: String, mut highlights: Vec<(usize, usize)>) -> Snippet {
        let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let n = starts.len() - 1;
        highlights.retain_mut(|h| {
            *h = (h.0.min(n), h.1.min(n));
            h.0 < h.1
        });
        highlights.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(highlights.len());
        for (s, e) in highlights {
            match merged.last_mut() {
                Some(last) if s < last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let bytes = merged.iter().map(|&(s, e)| starts[s]..starts[e]).collect();
        Snippet { text, highlights: merged, bytes }
    }

    /// The text (`…` marks where the passage was cut).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Highlighted ranges, `(start, end)` in characters of [`Snippet::text`],
    /// end exclusive.
    pub fn char_highlights(&self) -> &[(usize, usize)] {
        &self.highlights
    }

    /// Highlighted ranges in bytes of [`Snippet::text`] (always on
    /// character boundaries).
    pub fn byte_highlights(&self) -> &[Range<usize>] {
        &self.bytes
    }

    /// The highlighted stretches.
    pub fn highlighted(&self) -> impl Iterator<Item = &str> {
        self.bytes.iter().map(|r| &self.text[r.clone()])
    }

    /// The text in order as pieces, each with whether it is highlighted.
    pub fn parts(&self) -> impl Iterator<Item = (&str, bool)> {
        let mut at = 0;
        let mut out = Vec::with_capacity(self.bytes.len() * 2 + 1);
        for r in &self.bytes {
            if r.start > at {
                out.push((&self.text[at..r.start], false));
            }
            out.push((&self.text[r.clone()], true));
            at = r.end;
        }
        if at < self.text.len() {
            out.push((&self.text[at..], false));
        }
        out.into_iter()
    }
}

/// Characters that end a clause: a snippet prefers to start after and end at
/// one of these.
fn ends_clause(c: char) -> bool {
    matches!(c, '。' | '；' | '！' | '？' | '，' | ';' | '!' | '?' | ',' | '：' | ':' | '.' | '\n')
}

/// Build a snippet of about `width` terminal columns (a Chinese character
/// takes two) from `text` around `matches` (byte ranges from
/// [`super::highlight::find_matches`]).
pub(crate) fn make_snippet(text: &str, matches: &[Match], width: usize) -> Snippet {
    snippet_in(text, matches, width, true).0
}

/// [`make_snippet`], and the share of the passage the snippet covers
/// (start and end, 0..=1). Without `highlight`, `matches` only choose the
/// window.
pub(crate) fn snippet_in(text: &str, matches: &[Match], width: usize, highlight: bool) -> (Snippet, (f32, f32)) {
    let width = width.max(8);
    // Display characters with their original byte offsets; a line break
    // inside Chinese text is a wrap, not a space.
    let (chars, starts) = display_chars(text);
    let n = chars.len();
    let to_char = |b: usize| starts.partition_point(|&s| s < b);
    let spans: Vec<(usize, usize, usize)> =
        matches.iter().map(|m| (to_char(m.range.start), to_char(m.range.end), m.term)).collect();

    let cols = column_offsets(&chars);
    let (mut lo, mut hi) = if cols[n] <= width { (0, n) } else { best_window(&chars, &cols, &spans, width) };
    (lo, hi) = whole_words(&chars, &spans, lo, hi);
    while lo < hi && chars[lo].is_whitespace() {
        lo += 1;
    }
    while hi > lo && chars[hi - 1].is_whitespace() {
        hi -= 1;
    }
    let mut out = String::new();
    let mut offset = 0;
    if lo > 0 {
        out.push('…');
        offset = 1;
    }
    out.extend(&chars[lo..hi]);
    if hi < n {
        out.push('…');
    }
    let merged = if highlight { merge(matches) } else { Vec::new() };
    let share = (lo as f32 / n.max(1) as f32, hi as f32 / n.max(1) as f32);
    let highlights = merged
        .iter()
        .map(|r| (to_char(r.start), to_char(r.end)))
        .filter_map(|(s, e)| {
            let (s, e) = (s.max(lo), e.min(hi));
            (s < e).then(|| (s - lo + offset, e - lo + offset))
        })
        .collect();
    (Snippet::new(out, highlights), share)
}

fn display_chars(text: &str) -> (Vec<char>, Vec<usize>) {
    let mut chars = Vec::with_capacity(text.len() / 2);
    let mut starts = Vec::with_capacity(text.len() / 2);
    let all: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(b, c)) in all.iter().enumerate() {
        let c = match c {
            '\r' => continue,
            '\n' => {
                let prev = all[..k].iter().rev().map(|x| x.1).find(|c| !c.is_whitespace());
                let next = all[k + 1..].iter().map(|x| x.1).find(|c| !c.is_whitespace());
                let cjk = |c: Option<char>| {
                    c.is_some_and(|c| {
                        is_han(c) || ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c)
                    })
                };
                if cjk(prev) && cjk(next) {
                    continue;
                }
                ' '
            }
            '\t' => ' ',
            c => c,
        };
        chars.push(c);
        starts.push(b);
    }
    (chars, starts)
}

/// Display width of each character, summed: `cols[k]` is the columns of
/// `chars[..k]` (East Asian Wide and Fullwidth characters take two).
fn column_offsets(chars: &[char]) -> Vec<usize> {
    let mut cols = Vec::with_capacity(chars.len() + 1);
    let mut at = 0;
    cols.push(0);
    for &c in chars {
        at += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        cols.push(at);
    }
    cols
}

/// Letters of a Latin-script word (a cut between two is inside a word).
fn in_word(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c)
}

/// The window `lo..hi` without the partial words at its edges (`…nal
/// Confederation` loses `nal`), unless a match is there or the word is
/// most of the window.
fn whole_words(chars: &[char], spans: &[(usize, usize, usize)], mut lo: usize, mut hi: usize) -> (usize, usize) {
    let first = spans.iter().map(|s| s.0).filter(|&s| s >= lo).min().unwrap_or(hi);
    let last = spans.iter().map(|s| s.1).filter(|&e| e <= hi).max().unwrap_or(lo);
    if lo > 0 && lo < hi && in_word(chars[lo - 1]) && in_word(chars[lo]) {
        let next = (lo..first.min(hi)).find(|&k| !in_word(chars[k]));
        if let Some(k) = next.filter(|&k| k - lo < (hi - lo) / 3) {
            lo = k;
        }
    }
    if hi < chars.len() && hi > lo && in_word(chars[hi - 1]) && in_word(chars[hi]) {
        let prev = (last.max(lo)..hi).rev().find(|&k| !in_word(chars[k]));
        if let Some(k) = prev.filter(|&k| hi - k < (hi - lo) / 3) {
            hi = k;
        }
    }
    (lo, hi)
}

/// The window of at most `width` columns with the most distinct terms
/// (then the most matches), made of whole clauses where possible.
fn best_window(chars: &[char], cols: &[usize], spans: &[(usize, usize, usize)], width: usize) -> (usize, usize) {
    let n = chars.len();
    // Clause starts: 0 and after every clause end.
    let mut bounds: Vec<usize> = vec![0];
    for (i, &c) in chars.iter().enumerate() {
        if ends_clause(c) && i + 1 < n {
            bounds.push(i + 1);
        }
    }
    bounds.push(n);
    let score = |lo: usize, hi: usize| -> (usize, usize) {
        let inside: Vec<&(usize, usize, usize)> = spans.iter().filter(|s| s.0 >= lo && s.1 <= hi).collect();
        let mut terms: Vec<usize> = inside.iter().map(|s| s.2).collect();
        terms.sort_unstable();
        terms.dedup();
        (terms.len(), inside.len())
    };
    let mut best: Option<((usize, usize), (usize, usize))> = None;
    let mut j = 0;
    for i in 0..bounds.len() - 1 {
        j = j.max(i + 1);
        while j + 1 < bounds.len() && cols[bounds[j + 1]] - cols[bounds[i]] <= width {
            j += 1;
        }
        let (lo, hi) = (bounds[i], bounds[j]);
        if cols[hi] - cols[lo] > width {
            continue;
        }
        let s = score(lo, hi);
        if best.is_none_or(|(bs, _)| s > bs) {
            best = Some((s, (lo, hi)));
        }
    }
    let first = spans.first().map(|s| s.0);
    match best {
        Some(((terms, _), w)) if terms > 0 || first.is_none() => w,
        _ => {
            // No whole clause holds a match: cut around the first match, a
            // third of the width before it.
            let m = first.unwrap_or(0);
            let lo = cols.partition_point(|&c| c + width / 3 < cols[m]).min(m);
            let lo = lo.min(cols.partition_point(|&c| c + width < cols[n]));
            let hi = cols.partition_point(|&c| c <= cols[lo] + width).saturating_sub(1).clamp(lo, n);
            (lo, hi)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::planner::{HighlightGroup, HighlightTerms};
    use crate::search::present::find_matches;

    fn snip(text: &str, subs: &[&str], width: usize) -> Snippet {
        let group = HighlightGroup { substrings: subs.iter().map(|s| s.to_string()).collect(), ..Default::default() };
        let terms = HighlightTerms { groups: vec![group] };
        make_snippet(text, &find_matches(text, &terms), width)
    }

    fn marked(s: &Snippet) -> String {
        let mut out = String::new();
        for (i, c) in s.text.chars().enumerate() {
            if s.highlights.iter().any(|h| h.0 == i) {
                out.push('[');
            }
            out.push(c);
            if s.highlights.iter().any(|h| h.1 == i + 1) {
                out.push(']');
            }
        }
        out
    }

    #[test]
    fn window_is_cut_at_clause_ends() {
        let s = snip("第一句很长很长。第二句提到工会。第三句。", &["工会"], 20);
        assert_eq!(s.text, "…第二句提到工会。…");
        assert_eq!(s.highlights, [(6, 8)]);
    }

    #[test]
    fn byte_highlights_slice_the_text_and_parts_rebuild_it() {
        let s = snip("與國際勞工局ＩＬＯ合作，工会和劳工局", &["劳工局", "ilo"], 100);
        assert_eq!(s.highlighted().collect::<Vec<_>>(), ["勞工局ＩＬＯ", "劳工局"]);
        for (r, &(a, b)) in s.byte_highlights().iter().zip(s.char_highlights()) {
            let by_chars: String = s.text().chars().skip(a).take(b - a).collect();
            assert_eq!(&s.text()[r.clone()], by_chars);
        }
        assert_eq!(s.parts().map(|p| p.0).collect::<String>(), s.text());
        assert_eq!(s.parts().filter(|p| p.1).count(), 2);
        // Cut text: the ellipsis is one character, three bytes.
        let long = format!("{}国际劳工局{}", "字".repeat(300), "字".repeat(300));
        let s = snip(&long, &["劳工"], 50);
        assert_eq!(s.highlighted().collect::<Vec<_>>(), ["劳工"]);
        assert_eq!(Snippet::default().parts().count(), 0);
    }

    #[test]
    fn short_text_whole() {
        assert_eq!(marked(&snip("与挪威总工会合作", &["工会"], 100)), "与挪威总[工会]合作");
    }

    #[test]
    fn window_prefers_clauses_with_most_terms() {
        let text = "甲乙丙丁戊己庚辛壬癸，工会在此。子丑寅卯辰巳午未申酉，劳工局在彼，工会工会。戌亥甲乙丙丁。";
        let s = snip(text, &["工会", "劳工局"], 44);
        assert_eq!(marked(&s), "…子丑寅卯辰巳午未申酉，[劳工局]在彼，[工会工会]。…");
        assert!(s.text.chars().count() <= 24);
    }

    #[test]
    fn long_clause_is_cut_in_columns() {
        let text = format!("{}国际劳工局{}", "字".repeat(300), "字".repeat(300));
        let s = snip(&text, &["劳工"], 100);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(s.text.chars().count(), 52, "100 columns: 50 Chinese characters");
        let (a, b) = s.highlights[0];
        let hl: String = s.text.chars().skip(a).take(b - a).collect();
        assert_eq!(hl, "劳工");
    }

    #[test]
    fn english_is_cut_at_word_boundaries_and_mixed_text_by_columns() {
        let text = "In 2001 the delegation of the International Confederation of Free Trade Unions \
                    visited the headquarters and discussed cooperation with many organisations";
        let s = snip(text, &["confederation"], 40);
        let words: Vec<&str> = text.split_whitespace().collect();
        assert!(s.text.trim_matches('…').split_whitespace().all(|w| words.contains(&w)), "a word cut: {s:?}");
        assert!(marked(&s).contains("[Confederation]"), "{s:?}");
        let mixed = format!("{}ILO与国际劳工局合作{}", "字".repeat(60), "字".repeat(60));
        let s = snip(&mixed, &["劳工局"], 30);
        let columns = unicode_width::UnicodeWidthStr::width(s.text.trim_matches('…'));
        assert!((26..=30).contains(&columns), "{columns}: {s:?}");
    }

    #[test]
    fn wrapped_chinese_lines_join() {
        let s = snip("中华全国总工会与国际劳\n工局的关系", &["劳工局"], 100);
        assert_eq!(marked(&s), "中华全国总工会与国际[劳工局]的关系");
        let s = snip("Second paragraph is\nwrapped here.", &[], 100);
        assert_eq!(s.text, "Second paragraph is wrapped here.");
    }
}
