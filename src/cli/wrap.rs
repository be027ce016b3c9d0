//! Breaking text into lines of at most so many terminal columns (a Chinese
//! character takes two), with a hanging indent: between any two Chinese
//! characters, between English words at spaces (never inside one), never
//! before a closing mark (`。` `，` `）` `】` `.`) or after an opening one
//! (`（` `【` `“`), as Chinese typesetting (kinsoku) asks.

use unicode_width::UnicodeWidthChar;

/// One character and whether it is highlighted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cell {
    pub ch: char,
    pub hl: bool,
}

/// Cells of `parts` (text, highlighted).
pub fn cells<'a>(parts: impl IntoIterator<Item = (&'a str, bool)>) -> Vec<Cell> {
    parts.into_iter().flat_map(|(t, hl)| t.chars().map(move |ch| Cell { ch, hl })).collect()
}

fn width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// Marks that must not start a line.
fn closing(c: char) -> bool {
    "。，、；：！？）」』】〉》〕］｝”’…·.,;:!?)]}%".contains(c)
}

/// Marks that must not end a line.
fn opening(c: char) -> bool {
    "（「『【〈《〔［｛“‘([{".contains(c)
}

/// May a line break before `cells[k]`?
fn breakable(cells: &[Cell], k: usize) -> bool {
    let (prev, cur) = (cells[k - 1].ch, cells[k].ch);
    if closing(cur) || opening(prev) {
        return false;
    }
    prev.is_whitespace() && !cur.is_whitespace() || width(cur) == 2 || width(prev) == 2
}

/// The lines of `cells`, each at most `columns` wide after its indent:
/// `first` columns are taken on the first line (by what precedes it),
/// `indent` on the others. A word wider than a line is cut.
pub fn wrap(cells: &[Cell], first: usize, indent: usize, columns: usize) -> Vec<Vec<Cell>> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut taken = first;
    while start < cells.len() {
        let room = columns.saturating_sub(taken).max(2);
        let mut used = 0;
        let mut end = start;
        while end < cells.len() && used + width(cells[end].ch) <= room {
            used += width(cells[end].ch);
            end += 1;
        }
        if end < cells.len() {
            // Back to the last place a break may go; none: cut the word.
            if let Some(b) = (start + 1..=end).rev().find(|&b| breakable(cells, b)) {
                end = b;
            } else if end == start {
                end = start + 1;
            }
        }
        let mut line = cells[start..end].to_vec();
        while line.last().is_some_and(|c| c.ch.is_whitespace()) {
            line.pop();
        }
        lines.push(line);
        start = end;
        while start < cells.len() && cells[start].ch == ' ' {
            start += 1;
        }
        taken = indent;
    }
    lines
}

/// Display width of `s`.
pub fn columns_of(s: &str) -> usize {
    s.chars().map(width).sum()
}

/// `s` cut to `columns` display columns, `…` marking the cut.
pub fn truncate(s: &str, columns: usize) -> String {
    if columns_of(s) <= columns {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        if used + width(c) + 1 > columns {
            break;
        }
        used += width(c);
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[Vec<Cell>]) -> Vec<String> {
        lines.iter().map(|l| l.iter().map(|c| c.ch).collect()).collect()
    }

    #[test]
    fn chinese_breaks_anywhere_but_before_closing_marks() {
        let c = cells([("中华全国总工会与国际劳工局。合作", false)]);
        let lines = text(&wrap(&c, 0, 0, 26));
        // 13 characters fill 26 columns and would leave 。 to start the
        // next line: 局 moves down with it.
        assert_eq!(lines, ["中华全国总工会与国际劳工", "局。合作"]);
        for l in &lines {
            assert!(columns_of(l) <= 26 && !l.starts_with('。'));
        }
    }

    #[test]
    fn english_breaks_between_words_with_a_hanging_indent() {
        let c = cells([("the International Confederation of Free Trade Unions", false)]);
        let lines = text(&wrap(&c, 6, 6, 30));
        assert_eq!(lines, ["the International", "Confederation of Free", "Trade Unions"]);
        assert!(lines.iter().all(|l| l.len() + 6 <= 30));
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_and_highlights_stay() {
        let c = cells([("ab", false), ("Confederation", true)]);
        let lines = wrap(&c, 0, 0, 8);
        assert!(lines.iter().all(|l| l.len() <= 8));
        assert_eq!(lines.concat().iter().filter(|c| c.hl).count(), 13);
        assert_eq!(truncate("国际劳工局", 7), "国际劳…");
        assert_eq!(truncate("abc", 7), "abc");
    }
}
