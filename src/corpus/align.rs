//! Aligning a translation with its source when their paragraph counts
//! differ: how many leading paragraphs still pair up one for one.
//!
//! Each paragraph is reduced to its length and the numbers it holds (an
//! article's number stands in both languages: `第 5 條`, `Article 5`). A
//! banded dynamic programme, as Gale and Church align sentences, finds the
//! cheapest alignment with one-for-one pairs and paragraphs left without a
//! partner; the pairs before its first unpaired paragraph are kept, since
//! after a missing or extra line no position says which paragraph is which.

/// What alignment looks at in one paragraph.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Features {
    /// Characters (letters, digits, Han).
    pub len: usize,
    /// The digit runs, sorted.
    pub numbers: Vec<u64>,
}

impl Features {
    pub(crate) fn of(text: &str) -> Features {
        let mut numbers = Vec::new();
        let mut run: Option<u64> = None;
        for c in text.chars().chain([' ']) {
            match c.to_digit(10) {
                Some(d) => run = Some(run.unwrap_or(0).saturating_mul(10).saturating_add(u64::from(d))),
                None => numbers.extend(run.take()),
            }
        }
        numbers.sort_unstable();
        Features { len: text.chars().filter(|c| c.is_alphanumeric()).count(), numbers }
    }
}

/// Cost of leaving a paragraph without a partner.
const SKIP: f64 = 4.0;

/// Cost of pairing `a` with `b`, given the translation's length ratio.
fn pair_cost(a: &Features, b: &Features, ratio: f64) -> f64 {
    let len = (((b.len as f64 + 1.0) / (ratio * (a.len as f64 + 1.0))).ln()).abs();
    let numbers = match (a.numbers.is_empty(), b.numbers.is_empty()) {
        (true, true) => 0.0,
        (false, false) if a.numbers == b.numbers => 0.0,
        (false, false) if a.numbers.iter().any(|n| b.numbers.contains(n)) => 1.0,
        (false, false) => 3.0,
        _ => 1.0,
    };
    len + numbers
}

/// How many leading paragraphs of `source` and `translation` pair up one
/// for one before the first that has no partner.
pub(crate) fn aligned_prefix(source: &[Features], translation: &[Features]) -> usize {
    let (n, m) = (source.len(), translation.len());
    if n == 0 || m == 0 {
        return 0;
    }
    let ratio = (translation.iter().map(|f| f.len).sum::<usize>() as f64 + 1.0)
        / (source.iter().map(|f| f.len).sum::<usize>() as f64 + 1.0);
    let band = n.abs_diff(m) + 2;
    // cost[i][j - lo(i)]: the cheapest alignment of source[..i] and
    // translation[..j]; `from` remembers each cell's move.
    let lo = |i: usize| i.saturating_sub(band);
    let hi = |i: usize| (i + band).min(m);
    let width = 2 * band + 1;
    let mut cost = vec![f64::INFINITY; (n + 1) * width];
    let mut from = vec![0u8; (n + 1) * width];
    let at = |i: usize, j: usize| i * width + (j + band - i.min(j + band));
    cost[at(0, 0)] = 0.0;
    for i in 0..=n {
        for j in lo(i)..=hi(i) {
            let here = cost[at(i, j)];
            if !here.is_finite() {
                continue;
            }
            let mut relax = |i2: usize, j2: usize, c: f64, mv: u8| {
                if i2 <= n && j2 <= m && j2 >= lo(i2) && j2 <= hi(i2) && here + c < cost[at(i2, j2)] {
                    cost[at(i2, j2)] = here + c;
                    from[at(i2, j2)] = mv;
                }
            };
            if i < n && j < m {
                relax(i + 1, j + 1, pair_cost(&source[i], &translation[j], ratio), 1);
            }
            // Where lengths cannot tell, an earlier gap costs a hair more:
            // the pairs run as far as they can before it.
            let skip = SKIP + 1e-9 * (n + m - i - j) as f64;
            relax(i + 1, j, skip, 2);
            relax(i, j + 1, skip, 3);
        }
    }
    // Walk back; the prefix ends at the earliest move that is not a pair.
    let (mut i, mut j, mut prefix) = (n, m, n.min(m));
    while i > 0 || j > 0 {
        match from[at(i, j)] {
            1 => {
                i -= 1;
                j -= 1;
            }
            2 => {
                i -= 1;
                prefix = i.min(j);
            }
            _ => {
                j -= 1;
                prefix = i.min(j);
            }
        }
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn laws(n: usize, lang: &str) -> Vec<Features> {
        (1..=n)
            .map(|k| match lang {
                "zh" => Features::of(&format!("第 {k} 條 本法所稱主管機關為勞動部，第{k}項規定。")),
                _ => Features::of(&format!(
                    "Article {k} The competent authority under this Act is the Ministry of Labor."
                )),
            })
            .collect()
    }

    #[test]
    fn a_missing_line_ends_the_alignment_where_it_is() {
        let src = laws(30, "zh");
        let mut tr = laws(30, "en");
        tr.remove(12);
        assert_eq!(aligned_prefix(&src, &tr), 12);
        let mut extra = laws(30, "en");
        extra.insert(20, Features::of("(deleted)"));
        assert_eq!(aligned_prefix(&src, &extra), 20);
        // One more line at the end only: everything pairs.
        let mut longer = laws(30, "en");
        longer.push(Features::of("Annex"));
        assert_eq!(aligned_prefix(&src, &longer), 30);
        assert_eq!(aligned_prefix(&src, &[]), 0);
        // Lengths alike: the gap goes last.
        let same = |n| vec![Features { len: 6, numbers: vec![] }; n];
        assert_eq!(aligned_prefix(&same(3), &same(2)), 2);
    }

    #[test]
    fn numbers_and_lengths() {
        assert_eq!(Features::of("第 12 條、2000年"), Features { len: 9, numbers: vec![12, 2000] });
        assert!(pair_cost(&Features::of("第 3 條"), &Features::of("Article 3"), 2.0) < 1.0);
        assert!(pair_cost(&Features::of("第 3 條"), &Features::of("Article 4"), 2.0) > 3.0);
    }
}
