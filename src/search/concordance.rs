//! Concordance (keyword in context, KWIC): one line per occurrence of the
//! query in every place that matches it, duplicates included, with a fixed
//! number of characters on either side, sorted as philologists sort them
//! (CBETA, Mandoku): by the text before the match, after it, or by place.

use super::collect::Collection;
use super::planner::QueryPlan;
use super::present::find_matches;
use super::results::SearchOptions;
use super::searcher::Searcher;
use super::tally::{Want, tally};
use crate::analysis::Normalized;
use crate::error::Result;
use crate::index::from_stored;
use serde::Serialize;
use tantivy::TantivyDocument;

/// How concordance lines are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum KwicSort {
    /// By file, line and position.
    #[default]
    Path,
    /// By the text before the match, read backwards from it.
    Left,
    /// By the text after the match.
    Right,
}

/// One occurrence in context.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct KwicLine {
    /// File, relative to the corpus.
    pub path: String,
    /// The line the passage starts on.
    pub line: u64,
    /// The passage's number in its file (its
    /// [`PassageId`](crate::search::PassageId) with the path).
    pub paragraph: u64,
    /// Up to `context` characters before the match (line breaks as spaces).
    pub left: String,
    /// The match as written.
    pub keyword: String,
    /// Up to `context` characters after it.
    pub right: String,
    /// Found in the passage's translation (the text itself had none).
    pub translation: bool,
}

/// Every occurrence of a query, in context.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct Concordance {
    /// The lines, sorted as asked.
    pub lines: Vec<KwicLine>,
    /// Distinct passages that hold them.
    pub passages: u64,
    /// Places (duplicates included).
    pub places: u64,
}

/// One written form of a query word and how often it occurs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FormCount {
    /// The folded form the query matched (`卫` for 衞, 衛 and 卫).
    pub canonical: String,
    /// The form as written in the files.
    pub written: String,
    /// Its occurrences, every place counted.
    pub count: u64,
}

impl Concordance {
    /// The forms actually found, each with its count: grouped by folded
    /// form, the most frequent written form first (`衛` 2,735, `衞` 3), as
    /// CBETA lists the variants a search widened to.
    ///
    /// ```no_run
    /// # let searcher = yuanwen::Searcher::open("index")?;
    /// use yuanwen::search::KwicSort;
    /// let kwic = searcher.concordance("衞", &Default::default(), 0, KwicSort::Path)?;
    /// for f in kwic.forms() {
    ///     println!("{} as {}: {}", f.canonical, f.written, f.count);
    /// }
    /// # Ok::<(), yuanwen::Error>(())
    /// ```
    pub fn forms(&self) -> Vec<FormCount> {
        let mut counts: std::collections::BTreeMap<(String, String), u64> = Default::default();
        for l in &self.lines {
            let canonical = Normalized::new(&l.keyword).text().to_string();
            *counts.entry((canonical, l.keyword.clone())).or_default() += 1;
        }
        let mut forms: Vec<FormCount> =
            counts.into_iter().map(|((canonical, written), count)| FormCount { canonical, written, count }).collect();
        forms.sort_by(|a, b| a.canonical.cmp(&b.canonical).then(b.count.cmp(&a.count)).then(a.written.cmp(&b.written)));
        forms
    }
}

impl Searcher {
    /// Every occurrence of `query` (its highlights) in every matching place,
    /// with `context` characters on either side, sorted by `sort`. The
    /// options' limit and offset do not apply: every occurrence is given.
    ///
    /// ```no_run
    /// # let searcher = yuanwen::Searcher::open("index")?;
    /// use yuanwen::search::KwicSort;
    /// let kwic = searcher.concordance("工会", &Default::default(), 10, KwicSort::Left)?;
    /// for l in &kwic.lines {
    ///     println!("{:>10} {} {:10} {}:{}", l.left, l.keyword, l.right, l.path, l.line);
    /// }
    /// # Ok::<(), yuanwen::Error>(())
    /// ```
    pub fn concordance(
        &self,
        query: &str,
        opts: &SearchOptions,
        context: usize,
        sort: KwicSort,
    ) -> Result<Concordance> {
        self.planned(query, opts, |c, plan| {
            let mut kwic = lines(c, &plan, context)?;
            sort_lines(&mut kwic.lines, sort);
            Ok(kwic)
        })
    }
}

fn lines(c: &Collection, plan: &QueryPlan, context: usize) -> Result<Concordance> {
    let t = tally(c, plan, Want { facets: false, places: true })?;
    let mut places = t.matches;
    places.sort_by_key(|p| p.address);
    let mut lines = Vec::new();
    for p in &places {
        let d = from_stored(&c.searcher.doc::<TantivyDocument>(p.address)?, &c.fields);
        let in_text = find_matches(&d.text, &plan.highlight);
        let (source, matches, translation) = match (&d.translation, in_text.is_empty()) {
            (Some(tr), true) => (tr.as_str(), find_matches(tr, &plan.highlight), true),
            _ => (d.text.as_str(), in_text, false),
        };
        let mut last_end = 0;
        for m in matches {
            // Overlapping highlights of one occurrence count once.
            if m.range.start < last_end {
                continue;
            }
            last_end = m.range.end;
            lines.push(KwicLine {
                path: d.path.clone(),
                line: d.line,
                paragraph: d.paragraph,
                left: tail(&source[..m.range.start], context),
                keyword: source[m.range.clone()].to_string(),
                right: head(&source[m.range.end..], context),
                translation,
            });
        }
    }
    Ok(Concordance { lines, passages: t.passages, places: t.places })
}

fn flat(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().map(|c| if c.is_control() || c == '\n' { ' ' } else { c })
}

/// The last `n` characters of `s`.
fn tail(s: &str, n: usize) -> String {
    let chars: Vec<char> = flat(s).collect();
    chars[chars.len().saturating_sub(n)..].iter().collect()
}

/// The first `n` characters of `s`.
fn head(s: &str, n: usize) -> String {
    flat(s).take(n).collect()
}

fn sort_lines(lines: &mut [KwicLine], sort: KwicSort) {
    match sort {
        KwicSort::Path => lines.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line))),
        KwicSort::Left => lines.sort_by(|a, b| {
            a.left.chars().rev().cmp(b.left.chars().rev()).then_with(|| (&a.path, a.line).cmp(&(&b.path, b.line)))
        }),
        KwicSort::Right => {
            lines.sort_by(|a, b| a.right.cmp(&b.right).then_with(|| (&a.path, a.line).cmp(&(&b.path, b.line))))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(left: &str, right: &str, at: u64) -> KwicLine {
        KwicLine {
            path: "a.txt".into(),
            line: at,
            paragraph: at,
            left: left.into(),
            keyword: "工会".into(),
            right: right.into(),
            translation: false,
        }
    }

    #[test]
    fn sorts_by_left_context_read_backwards_and_by_right_context() {
        let mut v = vec![line("海员", "工作", 3), line("中国", "代表", 1), line("总", "会员", 2)];
        sort_lines(&mut v, KwicSort::Left);
        // Read backwards: 员海, 国中, 总 — by the character next to the match.
        assert_eq!(v.iter().map(|l| l.line).collect::<Vec<_>>(), [3, 1, 2]);
        sort_lines(&mut v, KwicSort::Right);
        assert_eq!(v.iter().map(|l| l.right.as_str()).collect::<Vec<_>>(), ["代表", "会员", "工作"]);
        sort_lines(&mut v, KwicSort::Path);
        assert_eq!(v.iter().map(|l| l.line).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!((tail("一二三\n四", 3), head("五\n六七", 2)), ("三 四".to_string(), "五 ".to_string()));
    }

    #[test]
    fn forms_are_grouped_by_folded_form_most_frequent_first() {
        let mut lines = vec![line("", "", 1), line("", "", 2)];
        for (k, w) in ["工會", "工會", "ILO", "ilo", "ilo"].iter().enumerate() {
            lines.push(KwicLine { keyword: w.to_string(), ..line("", "", k as u64 + 3) });
        }
        let forms = Concordance { lines, passages: 7, places: 7 }.forms();
        let got: Vec<(&str, &str, u64)> =
            forms.iter().map(|f| (f.canonical.as_str(), f.written.as_str(), f.count)).collect();
        assert_eq!(got, [("ilo", "ilo", 2), ("ilo", "ILO", 1), ("工会", "工会", 2), ("工会", "工會", 2)]);
    }
}
