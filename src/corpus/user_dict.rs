//! Parsing a user dictionary (`dict.txt` at the corpus root), jieba's
//! format: `word [freq] [tag]` per line, `#` starting a comment.
//!
//! One rule for every caller: after the word, an optional frequency (a
//! non-negative whole number) and an optional part-of-speech tag (ASCII
//! letters, as in `n`, `nr`, `vn`), at most three fields. `word tag` without
//! a frequency is accepted, as jieba accepts it. Anything else is a bad line,
//! which the caller reports and skips (indexing) or refuses (the library's
//! strict `Analyzer::with_user_dict`).

use crate::analysis::Normalized;

/// A user word (canonical form) and its frequency, if given.
pub(crate) type Entry = (String, Option<u64>);

/// A line that is not `word [freq] [tag]`: its 1-based number and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BadLine {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong, and that it was skipped.
    pub message: String,
}

/// The entries of `text`, in file order, and the lines left out.
pub(crate) fn parse(text: &str) -> (Vec<Entry>, Vec<BadLine>) {
    let mut entries = Vec::new();
    let mut bad = Vec::new();
    for (no, line) in super::lines::split_lines(text).enumerate() {
        let line = line.trim_start_matches('\u{FEFF}');
        let line = line.split('#').next().unwrap_or("");
        match parse_line(line) {
            Ok(None) => {}
            Ok(Some((word, freq))) => {
                let canonical = Normalized::new(word).text().to_string();
                if !canonical.is_empty() {
                    entries.push((canonical, freq));
                }
            }
            Err(message) => bad.push(BadLine { line: no + 1, message }),
        }
    }
    (entries, bad)
}

fn is_tag(f: &str) -> bool {
    !f.is_empty() && f.chars().all(|c| c.is_ascii_alphabetic())
}

/// One line without its comment: `None` if blank.
fn parse_line(line: &str) -> Result<Option<(&str, Option<u64>)>, String> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let shape = "expected `word [frequency] [tag]`";
    match fields[..] {
        [] => Ok(None),
        [word] => Ok(Some((word, None))),
        [word, tag] if is_tag(tag) => Ok(Some((word, None))),
        [_, freq] | [_, freq, _] if !freq.bytes().all(|b| b.is_ascii_digit()) => {
            Err(format!("frequency `{freq}` is not a non-negative whole number ({shape}); line skipped"))
        }
        [word, freq] => Ok(Some((word, Some(number(freq)?)))),
        [word, freq, tag] if is_tag(tag) => Ok(Some((word, Some(number(freq)?)))),
        [_, _, tag] => Err(format!("tag `{tag}` is not a part-of-speech tag of letters ({shape}); line skipped")),
        _ => Err(format!("{} fields ({shape}); line skipped", fields.len())),
    }
}

fn number(freq: &str) -> Result<u64, String> {
    freq.parse::<u64>().map_err(|_| format!("frequency `{freq}` is too large; line skipped"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_for_every_line() {
        let text = "工会 5 n\n国际 7\n劳工 nz\n\n# comment\n单字\n工会 -5\n词 notanumber x y z\n词 1 2\n词 abc1\n词 99999999999999999999999\n";
        let (entries, bad) = parse(text);
        let words: Vec<_> = entries.iter().map(|(w, f)| (w.as_str(), *f)).collect();
        assert_eq!(words, [("工会", Some(5)), ("国际", Some(7)), ("劳工", None), ("单字", None)]);
        let lines: Vec<_> = bad.iter().map(|b| b.line).collect();
        assert_eq!(lines, [7, 8, 9, 10, 11]);
        assert!(bad[0].message.contains("`-5`"), "{bad:?}");
        assert!(bad[1].message.contains("5 fields"), "{bad:?}");
        assert!(bad[2].message.contains("tag `2`"), "{bad:?}");
        assert!(bad.iter().all(|b| b.message.ends_with("skipped")), "{bad:?}");
    }
}
