//! Finding what to highlight in a hit: exactly the matched text.
//!
//! Matches are looked for in the hit's canonical text and mapped back to the
//! original bytes, so `工会` inside `总工会` lights up `工会` (not the word
//! `总工会`), `工會` in Traditional text lights up for a Simplified query,
//! and full-width `ＩＣＦＴＵ` for `icftu`.

use crate::analysis::charclass::CharClass;
use crate::analysis::{Normalized, literal_form, stem};
use crate::search::planner::HighlightTerms;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// A match: original byte range and which term of the query it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Match {
    /// Byte range in the original text.
    pub(crate) range: Range<usize>,
    /// Index of the query term (distinct terms rank snippet windows).
    pub(crate) term: usize,
}

/// Every match of `terms` in `text`, sorted by position.
///
/// For each group (one typed atom), occurrences of the whole atom are
/// preferred; only a passage without them highlights the atom's parts.
pub(crate) fn find_matches(text: &str, terms: &HighlightTerms) -> Vec<Match> {
    let norm = Normalized::new(text);
    let canon = norm.text();
    let mut doc_words: Option<Vec<(usize, &str, String)>> = None;
    let mut out = Vec::new();
    // A canonical occurrence, kept if it is written as `literal` asks (a
    // literal atom: 裡 is not 里 although both fold alike).
    let substring = |s: &str, literal: Option<&String>, id: usize, out: &mut Vec<Match>| {
        let before = out.len();
        if !s.is_empty() {
            for (b, m) in canon.match_indices(s) {
                let range = norm.source_range(b..b + m.len());
                if literal.is_none_or(|l| literal_form(&text[range.clone()]) == *l) {
                    out.push(Match { range, term: id });
                }
            }
        }
        out.len() > before
    };
    // Term ids depend on the query only, never on the text: the whole atom,
    // then its substrings, then its words.
    let mut first = 0;
    for g in &terms.groups {
        let id = first;
        first += 1 + g.substrings.len() + g.words.len() + g.prefixes.len();
        if let Some((stretch, edits)) = &g.approximately {
            let pattern: Vec<char> = stretch.chars().collect();
            let chars: Vec<char> = canon.chars().collect();
            let runs = crate::search::scoring::approximate::align(&pattern, &chars, *edits);
            for r in runs.map(|a| a.agree).unwrap_or_default() {
                let range = norm.source_range(norm.byte_of(r.start)..norm.byte_of(r.end));
                out.push(Match { range, term: id });
            }
            continue;
        }
        if let Some(passage) = &g.passage {
            for r in passage.stretches(&norm) {
                let range = norm.source_range(norm.byte_of(r.start)..norm.byte_of(r.end));
                out.push(Match { range, term: id });
            }
            continue;
        }
        if let Some(whole) = &g.whole
            && substring(whole, g.literal_whole.as_ref(), id, &mut out)
        {
            continue;
        }
        for (k, s) in g.substrings.iter().enumerate() {
            substring(s, g.literal_substrings.get(k).and_then(Option::as_ref), id + 1 + k, &mut out);
        }
        if g.words.is_empty() && g.prefixes.is_empty() {
            continue;
        }
        let words = doc_words.get_or_insert_with(|| words(&norm).into_iter().map(|(b, w)| (b, w, stem(w))).collect());
        for (k, p) in g.prefixes.iter().enumerate() {
            let term = id + 1 + g.substrings.len() + g.words.len() + k;
            for (b, dw, _) in words.iter().filter(|(_, dw, _)| dw.starts_with(p.as_str())) {
                out.push(Match { range: norm.source_range(*b..*b + dw.len()), term });
            }
        }
        for (k, (w, st)) in g.words.iter().zip(&g.stems).enumerate() {
            let term = id + 1 + g.substrings.len() + k;
            for (b, dw, ds) in words.iter() {
                if dw == w || ds == st {
                    out.push(Match { range: norm.source_range(*b..*b + dw.len()), term });
                }
            }
        }
    }
    out.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    out
}

/// The non-Han words of canonical text, with their byte offsets.
fn words(norm: &Normalized) -> Vec<(usize, &str)> {
    let text = norm.text();
    let mut v = Vec::new();
    let n = norm.len_chars();
    let mut i = 0;
    while i < n {
        if norm.class_at(i) == CharClass::Han {
            i += 1;
            continue;
        }
        let mut end = i + 1;
        while end < n && norm.class_at(end) != CharClass::Han {
            end += 1;
        }
        let base = norm.byte_of(i);
        for (b, w) in text[base..norm.byte_of(end)].split_word_bound_indices() {
            if w.chars().any(char::is_alphanumeric) {
                v.push((base + b, w));
            }
        }
        i = end;
    }
    v
}

/// Merge overlapping or touching ranges.
pub(crate) fn merge(matches: &[Match]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    for m in matches {
        match out.last_mut() {
            Some(last) if m.range.start <= last.end => last.end = last.end.max(m.range.end),
            _ => out.push(m.range.clone()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::search::planner::HighlightGroup;

    fn hl(text: &str, subs: &[&str], words: &[&str]) -> Vec<String> {
        let g = HighlightGroup {
            whole: None,
            substrings: subs.iter().map(|s| s.to_string()).collect(),
            words: words.iter().map(|s| s.to_string()).collect(),
            stems: words.iter().map(|s| stem(s)).collect(),
            ..Default::default()
        };
        let terms = HighlightTerms { groups: vec![g] };
        merge(&find_matches(text, &terms)).into_iter().map(|r| text[r].to_string()).collect()
    }

    #[test]
    fn whole_atom_preferred_over_parts() {
        let g = HighlightGroup {
            whole: Some("国际自由工联".into()),
            substrings: vec!["国际".into(), "自由".into(), "工联".into()],
            ..Default::default()
        };
        let terms = HighlightTerms { groups: vec![g] };
        let text = "国际多边场合和国际自由工联总部";
        let got: Vec<_> = merge(&find_matches(text, &terms)).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["国际自由工联"]);
        let text = "国际上的自由";
        let got: Vec<_> = merge(&find_matches(text, &terms)).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["国际", "自由"]);
    }

    #[test]
    fn term_ids_depend_on_the_query_only() {
        let g = |whole: &str, subs: &[&str]| HighlightGroup {
            whole: Some(whole.into()),
            substrings: subs.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        };
        let terms = HighlightTerms { groups: vec![g("代表大会", &["代表", "大会"]), g("召开", &[])] };
        let ids = |text: &str| find_matches(text, &terms).into_iter().map(|m| m.term).collect::<Vec<_>>();
        // 代表大会 whole (0) or in parts (1, 2); 召开 is 3 either way.
        assert_eq!(ids("代表大会召开"), [0, 3]);
        assert_eq!(ids("代表，大会召开"), [1, 2, 3]);
    }

    #[test]
    fn exact_substrings_inside_words() {
        assert_eq!(hl("与挪威总工会合作", &["工会"], &[]), ["工会"]);
        assert_eq!(hl("中華全國總工會", &["工会"], &[]), ["工會"]);
        assert_eq!(hl("2000 年日本", &["2000年"], &[]), ["2000 年"]);
    }

    #[test]
    fn adjacent_matches_merge() {
        assert_eq!(hl("参加国际劳工局的会议", &["国际", "劳工局"], &[]), ["国际劳工局"]);
    }

    #[test]
    fn words_and_stems() {
        assert_eq!(
            hl("The ＩＣＦＴＵ sent unions; part of art.", &[], &["icftu", "union", "art"]),
            ["ＩＣＦＴＵ", "unions", "art"]
        );
    }
}
