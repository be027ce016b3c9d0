//! `--kwic`: concordance lines aligned by display width (a Chinese
//! character takes two columns), as CBETA and Mandoku print them.

use super::listing::thousands;
use super::output::Style;
use super::sanitize::sanitize;
use serde::Serialize;
use std::io::{self, Write};
use std::time::Duration;
use unicode_width::UnicodeWidthStr;
use yuanwen::search::{Concordance, KwicLine};

const HL_ON: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

/// `text` padded with spaces to `columns` display columns, on the left
/// (`right_align`) or on the right.
fn pad(text: &str, columns: usize, right_align: bool) -> String {
    let fill = " ".repeat(columns.saturating_sub(text.width()));
    if right_align { format!("{fill}{text}") } else { format!("{text}{fill}") }
}

/// One line: left context right-aligned, the match, right context, place.
pub fn line(l: &KwicLine, chars: usize, style: &Style) -> String {
    let place = format!("{}:{}{}", style.place(&l.path), l.line, if l.translation { " (en)" } else { "" });
    layout(&sanitize(&l.left), &sanitize(&l.keyword), &sanitize(&l.right), &place, chars, style)
}

/// Contexts are `chars` characters at most, so two columns a character
/// leaves room for any script.
fn layout(left: &str, keyword: &str, right: &str, place: &str, chars: usize, style: &Style) -> String {
    let columns = chars * 2;
    let (keyword, place) = match style.color {
        true => (format!("{HL_ON}{keyword}{RESET}"), format!("{DIM}{place}{RESET}")),
        false if style.markers => (format!("【{keyword}】"), place.to_string()),
        false => (keyword.to_string(), place.to_string()),
    };
    format!("{} {keyword} {}  {place}", pad(left, columns, true), pad(right, columns, false))
}

/// Every line for a person.
pub fn human(w: &mut impl Write, c: &Concordance, chars: usize, style: &Style) -> io::Result<()> {
    for l in &c.lines {
        writeln!(w, "{}", line(l, chars, style))?;
    }
    Ok(())
}

/// The stderr line after them: `1,204 occurrences in 866 passages · 873 places · 9 ms`.
pub fn summary_line(c: &Concordance, elapsed: Duration) -> String {
    format!(
        "{} occurrences in {} passages · {} places · {:.0} ms",
        thousands(c.lines.len() as u64),
        thousands(c.passages),
        thousands(c.places),
        elapsed.as_secs_f64() * 1e3
    )
}

#[derive(Serialize)]
struct JsonLine<'a> {
    r#type: &'static str,
    #[serde(flatten)]
    line: &'a KwicLine,
}

#[derive(Serialize)]
struct JsonSummary {
    r#type: &'static str,
    passages: u64,
    places: u64,
    occurrences: u64,
    shown: u64,
    offset: u64,
    elapsed_ms: f64,
}

/// One `{"type": "kwic", …}` record per line, then the summary record.
pub fn json(w: &mut impl Write, c: &Concordance, elapsed: Duration) -> io::Result<()> {
    for line in &c.lines {
        serde_json::to_writer(&mut *w, &JsonLine { r#type: "kwic", line })?;
        writeln!(w)?;
    }
    let n = c.lines.len() as u64;
    let summary = JsonSummary {
        r#type: "summary",
        passages: c.passages,
        places: c.places,
        occurrences: n,
        shown: n,
        offset: 0,
        elapsed_ms: (elapsed.as_secs_f64() * 1e6).round() / 1e3,
    };
    serde_json::to_writer(&mut *w, &summary)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_align_by_display_width() {
        let plain = Style::plain();
        let a = layout("中华全国总", "工会", "与 ILO", "a.txt:3", 6, &plain);
        let b = layout("the ICFTU ", "工会", "合作", "b.txt:10", 6, &plain);
        // The keyword starts at the same column whatever the script.
        let at = |s: &str| s[..s.find('【').unwrap()].width();
        assert_eq!((at(&a), at(&b)), (13, 13));
        // And so does the place.
        let place = |s: &str| s[..s.rfind("  ").unwrap()].width();
        assert_eq!(place(&a), place(&b));
        assert!(a.ends_with("a.txt:3"));
    }
}
