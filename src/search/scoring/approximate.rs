//! Approximate substring matching: where in a text a stretch stands with at
//! most a few characters substituted, missing or extra (Sellers' dynamic
//! programme: the edit distance to the best window of the text, any
//! start, any end), for quotations remembered or copied imperfectly.
//!
//! Time is the stretch's length times the text's; stretches are short
//! (at most [`MAX_PATTERN`] characters), so a passage of 10,000 characters
//! costs a few hundred thousand steps.

use std::ops::Range;

/// Longest stretch aligned.
pub(crate) const MAX_PATTERN: usize = 64;

/// Where a stretch stands in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Alignment {
    /// Characters substituted, missing or extra.
    pub distance: usize,
    /// The window of the text (character range) it aligns with.
    pub window: Range<usize>,
    /// The runs of the window that agree with the stretch.
    pub agree: Vec<Range<usize>>,
}

/// The best alignment of `pattern` in `text` with at most `max` edits
/// (the leftmost of the best), or `None`.
pub(crate) fn align(pattern: &[char], text: &[char], max: usize) -> Option<Alignment> {
    let (m, n) = (pattern.len(), text.len());
    if m == 0 || m > MAX_PATTERN {
        return None;
    }
    // d[i][j]: edits of pattern[..i] against the best window ending at j.
    let w = n + 1;
    let mut d = vec![0usize; (m + 1) * w];
    for i in 1..=m {
        d[i * w] = i;
        for j in 1..=n {
            let sub = d[(i - 1) * w + j - 1] + usize::from(pattern[i - 1] != text[j - 1]);
            d[i * w + j] = sub.min(d[(i - 1) * w + j] + 1).min(d[i * w + j - 1] + 1);
        }
    }
    let (end, distance) = (0..=n).map(|j| (j, d[m * w + j])).min_by_key(|&(j, e)| (e, j))?;
    if distance > max {
        return None;
    }
    // Back from (m, end) to row 0: the window's start and what agreed.
    let (mut i, mut j) = (m, end);
    let mut agree: Vec<Range<usize>> = Vec::new();
    while i > 0 {
        let here = d[i * w + j];
        if j > 0 && pattern[i - 1] == text[j - 1] && d[(i - 1) * w + j - 1] == here {
            match agree.last_mut() {
                Some(r) if r.start == j => r.start = j - 1,
                _ => agree.push(j - 1..j),
            }
            (i, j) = (i - 1, j - 1);
        } else if j > 0 && d[(i - 1) * w + j - 1] + 1 == here {
            (i, j) = (i - 1, j - 1);
        } else if d[(i - 1) * w + j] + 1 == here {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    agree.reverse();
    Some(Alignment { distance, window: j..end, agree })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn at(p: &str, t: &str) -> Option<(usize, String, Vec<String>)> {
        let t = chars(t);
        align(&chars(p), &t, 1).map(|a| {
            let s = |r: &Range<usize>| t[r.clone()].iter().collect::<String>();
            (a.distance, s(&a.window), a.agree.iter().map(s).collect())
        })
    }

    #[test]
    fn one_character_substituted_missing_or_extra() {
        let poem = "床前明月光，疑是地上霜。";
        assert_eq!(at("床前看月光", poem), Some((1, "床前明月光".into(), vec!["床前".into(), "月光".into()])));
        assert_eq!(at("床前月光", poem), Some((1, "床前明月光".into(), vec!["床前".into(), "月光".into()])));
        assert_eq!(at("床前明明月光", poem).map(|a| a.0), Some(1));
        assert_eq!(at("疑是地上霜", poem), Some((0, "疑是地上霜".into(), vec!["疑是地上霜".into()])));
        assert_eq!(at("举头望明月", poem), None);
        assert_eq!(at("", poem), None);
        assert_eq!(at("床前看月光", ""), None);
    }
}
