//! Cutting a text file into paragraphs, line by line (so a file of any size
//! streams through in bounded memory).
//!
//! Two layouts exist in the wild: one paragraph per line (most Chinese
//! sources), and paragraphs separated by blank lines with lines wrapped inside
//! them (Markdown, e-texts). [`Layout::detect`] tells them apart from a
//! sample; the [`Splitter`] then emits [`RawParagraph`]s. Headings always
//! stand alone, and a paragraph longer than [`MAX_PARAGRAPH_BYTES`] is cut at
//! a sentence end into several passages.

use super::heading::{Heading, heading};

/// Longest passage indexed as one document; longer paragraphs are split at
/// sentence ends (≈ 10,000 Chinese characters).
pub(crate) const MAX_PARAGRAPH_BYTES: usize = 32 * 1024;

/// How a file lays out its paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Every non-empty line is a paragraph.
    Lines,
    /// Blank lines separate paragraphs; lines inside are wrapped.
    Blocks,
}

impl Layout {
    /// Look at the start of a file: blocks of several lines whose inner lines
    /// mostly do not end a sentence are wrapped paragraphs.
    pub(crate) fn detect(sample: &str) -> Layout {
        let mut blank_lines = 0;
        let (mut inner, mut inner_open) = (0usize, 0usize);
        let mut prev: Option<&str> = None;
        for line in super::lines::split_lines(sample) {
            let t = line.trim();
            if t.is_empty() {
                blank_lines += 1;
                prev = None;
                continue;
            }
            if let Some(p) = prev {
                // `p` is an inner line of a block (another line follows it).
                if heading(p).is_none() && heading(t).is_none() && !is_list_item(t) {
                    inner += 1;
                    if !ends_sentence(p) {
                        inner_open += 1;
                    }
                }
            }
            prev = Some(t);
        }
        if blank_lines > 0 && inner > 0 && inner_open * 2 > inner { Layout::Blocks } else { Layout::Lines }
    }
}

fn ends_sentence(t: &str) -> bool {
    matches!(
        t.chars().last(),
        Some('。' | '！' | '？' | '!' | '?' | '.' | '；' | ';' | '：' | ':' | '”' | '」' | '"' | '）' | ')')
    )
}

fn is_list_item(t: &str) -> bool {
    let t = t.trim_start();
    t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") || {
        let digits = t.chars().take_while(char::is_ascii_digit).count();
        digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
    }
}

/// A paragraph as found in the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RawParagraph {
    /// 1-based line where it starts.
    pub line: usize,
    /// Its text exactly as in the file (wrapped lines joined by `\n`).
    pub text: String,
    /// Set when the paragraph is a heading.
    pub heading: Option<Heading>,
    /// Set when a long paragraph was cut: (part, parts so far) — see
    /// [`Splitter`].
    pub part: Option<usize>,
}

/// Feeds lines in, gets paragraphs out.
#[derive(Debug)]
pub(crate) struct Splitter {
    layout: Layout,
    block: Option<(usize, String)>,
}

impl Splitter {
    /// A splitter for files of the given layout.
    pub(crate) fn new(layout: Layout) -> Splitter {
        Splitter { layout, block: None }
    }

    /// Take line `line_no` (1-based, without its line ending).
    pub(crate) fn push_line(&mut self, line_no: usize, line: &str, out: &mut Vec<RawParagraph>) {
        let t = line.trim();
        if t.is_empty() {
            self.flush(out);
            return;
        }
        if let Some(h) = heading(t) {
            self.flush(out);
            out.push(RawParagraph { line: line_no, text: line.to_string(), heading: Some(h), part: None });
            return;
        }
        match self.layout {
            Layout::Lines => emit(line_no, line, out),
            Layout::Blocks => {
                if is_list_item(t) {
                    self.flush(out);
                }
                match &mut self.block {
                    Some((_, text)) => {
                        text.push('\n');
                        text.push_str(line);
                    }
                    None => self.block = Some((line_no, line.to_string())),
                }
                if self.block.as_ref().is_some_and(|(_, t)| t.len() > MAX_PARAGRAPH_BYTES) {
                    self.flush(out);
                }
            }
        }
    }

    /// The input has ended.
    pub(crate) fn finish(&mut self, out: &mut Vec<RawParagraph>) {
        self.flush(out);
    }

    fn flush(&mut self, out: &mut Vec<RawParagraph>) {
        if let Some((line, text)) = self.block.take() {
            emit(line, &text, out);
        }
    }
}

/// Emit one paragraph, cut into passages if it is too long.
fn emit(line: usize, text: &str, out: &mut Vec<RawParagraph>) {
    if text.len() <= MAX_PARAGRAPH_BYTES {
        out.push(RawParagraph { line, text: text.to_string(), heading: None, part: None });
        return;
    }
    for (k, piece) in split_long(text, MAX_PARAGRAPH_BYTES).into_iter().enumerate() {
        out.push(RawParagraph { line, text: piece.to_string(), heading: None, part: Some(k + 1) });
    }
}

/// Cut `text` into pieces of at most `max` bytes, preferring to end each at a
/// sentence end, then at white space, in the second half of the window.
pub(crate) fn split_long(text: &str, max: usize) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while rest.len() > max {
        let mut limit = max;
        while !rest.is_char_boundary(limit) {
            limit -= 1;
        }
        let window = &rest[..limit];
        let half = limit / 2;
        let cut = window
            .char_indices()
            .rev()
            .take_while(|(i, _)| *i >= half)
            .find(|(_, c)| matches!(c, '。' | '！' | '？' | '；' | '!' | '?' | '.' | ';' | '\n'))
            .or_else(|| window.char_indices().rev().take_while(|(i, _)| *i >= half).find(|(_, c)| c.is_whitespace()))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(limit);
        pieces.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    if !rest.trim().is_empty() {
        pieces.push(rest);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<(usize, String, bool)> {
        let mut s = Splitter::new(Layout::detect(text));
        let mut out = Vec::new();
        for (i, line) in text.lines().enumerate() {
            s.push_line(i + 1, line, &mut out);
        }
        s.finish(&mut out);
        out.into_iter().map(|p| (p.line, p.text, p.heading.is_some())).collect()
    }

    #[test]
    fn one_paragraph_per_line() {
        let t = "第一段。\n(一) 标题\n第二段。\n\n第三段\n";
        assert_eq!(Layout::detect(t), Layout::Lines);
        assert_eq!(
            split(t),
            [
                (1, "第一段。".into(), false),
                (2, "(一) 标题".into(), true),
                (3, "第二段。".into(), false),
                (5, "第三段".into(), false)
            ]
        );
    }

    #[test]
    fn wrapped_blocks() {
        let t = "# 标题\n\n中华全国总工会与国际劳\n工局的关系，双方在\n多个领域合作。\n\nSecond paragraph is\nwrapped here.\n";
        assert_eq!(Layout::detect(t), Layout::Blocks);
        assert_eq!(
            split(t),
            [
                (1, "# 标题".into(), true),
                (3, "中华全国总工会与国际劳\n工局的关系，双方在\n多个领域合作。".into(), false),
                (7, "Second paragraph is\nwrapped here.".into(), false)
            ]
        );
    }

    #[test]
    fn statute_with_blank_lines_between_chapters_stays_line_mode() {
        let t = "第一章 总则\n第一条 为了规范。\n第二条 本条例适用。\n\n第二章 附则\n第三条 本条例自公布之日起施行。\n";
        assert_eq!(Layout::detect(t), Layout::Lines);
        assert_eq!(split(t).len(), 5);
    }

    #[test]
    fn long_paragraphs_are_cut_at_sentence_ends() {
        let sentence = "工会组织开展了大量工作。";
        let text = sentence.repeat(4000);
        let pieces = split_long(&text, MAX_PARAGRAPH_BYTES);
        assert!(pieces.len() > 1);
        assert_eq!(pieces.concat(), text);
        for p in &pieces {
            assert!(p.len() <= MAX_PARAGRAPH_BYTES);
            assert!(p.ends_with('。'));
        }
    }
}
