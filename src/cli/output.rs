//! Rendering results: for people (colour or 【】 markers, sanitised) and for
//! machines (one JSON object per hit per line).

use super::sanitize::sanitize;
use serde::Serialize;
use std::io::{self, Write};
use yuanwen::search::{Duplicate, Explanation, Hit, Matched, Snippet};
use yuanwen::{DocKind, Document};

/// How to draw highlights.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    /// ANSI colour, or plain 【】 markers.
    pub color: bool,
}

const HL_ON: &str = "\x1b[1;31m";
const PATH: &str = "\x1b[35m";
const LINE: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn paint(s: &Style, code: &str, text: &str) -> String {
    if s.color { format!("{code}{text}{RESET}") } else { text.to_string() }
}

/// The snippet with its highlights marked.
pub fn render_snippet(snippet: &Snippet, style: &Style) -> String {
    let mut out = String::new();
    for (text, highlighted) in snippet.parts() {
        let text = sanitize(text);
        match (highlighted, style.color) {
            (false, _) => out.push_str(&text),
            (true, true) => out.push_str(&format!("{HL_ON}{text}{RESET}")),
            (true, false) => out.push_str(&format!("【{text}】")),
        }
    }
    out
}

/// The first `width` characters of `text` on one line, `…` if cut.
fn line_of(text: &str, width: usize) -> String {
    let flat: String = text.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
    let mut out: String = flat.chars().take(width).collect();
    if flat.chars().count() > width {
        out.push('…');
    }
    sanitize(&out).into_owned()
}

/// Neighbouring passages (`-C`), marked `PATH-LINE-` as ripgrep marks
/// context lines.
fn neighbours(w: &mut impl Write, docs: &[Document], style: &Style) -> io::Result<()> {
    for d in docs {
        let head = format!("{}-{}-", sanitize(&d.path), d.line);
        writeln!(w, "{}  {}", paint(style, DIM, &head), paint(style, DIM, &line_of(&d.text, 100)))?;
    }
    Ok(())
}

/// `also at a.txt:3, b.txt:9 (translation differs)`.
fn also_at(duplicates: &[Duplicate]) -> String {
    let mut out = String::from("also at ");
    for (k, d) in duplicates.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!("{}:{}", sanitize(&d.path), d.line));
        if d.translation.is_some() {
            out.push_str(" (translation differs)");
        }
    }
    out
}

/// `matched: 工会 text, ILO translation`.
fn matched_line(matched: &[Matched]) -> String {
    let parts: Vec<String> = matched
        .iter()
        .map(|m| {
            let how = serde_json::to_value(m.how).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            format!("{} {how}", sanitize(&m.word))
        })
        .collect();
    format!("matched: {}", parts.join(", "))
}

/// Write one hit for a person (with how each word matched if `explain`).
pub fn human(w: &mut impl Write, hit: &Hit, style: &Style, explain: bool) -> io::Result<()> {
    let d = &hit.document;
    neighbours(w, &hit.before, style)?;
    let mut head = format!("{}:{}", paint(style, PATH, &sanitize(&d.path)), paint(style, LINE, &d.line.to_string()));
    if let Some(id) = &d.id {
        head.push_str(&format!(" [{}]", sanitize(id)));
    }
    if let Some(section) = &d.section {
        head.push_str(&format!("  {}", paint(style, DIM, &sanitize(section))));
    }
    writeln!(w, "{head}")?;
    writeln!(w, "  {}", render_snippet(&hit.snippet, style))?;
    if let Some(t) = &hit.translation_snippet {
        writeln!(w, "  {} {}", paint(style, DIM, "en:"), render_snippet(t, style))?;
    }
    if let Some(u) = hit.under.as_ref().filter(|_| d.kind == DocKind::Heading) {
        writeln!(w, "  {} {}", paint(style, DIM, &format!("{}:", u.line)), line_of(&u.text, 100))?;
    }
    if !hit.duplicates.is_empty() {
        writeln!(w, "  {}", paint(style, DIM, &also_at(&hit.duplicates)))?;
    }
    if explain && !hit.matched.is_empty() {
        writeln!(w, "  {}", paint(style, DIM, &matched_line(&hit.matched)))?;
    }
    neighbours(w, &hit.after, style)?;
    writeln!(w)
}

/// The `--json` object of one hit (schema in README.md).
#[derive(Serialize)]
pub struct JsonHit<'a> {
    r#type: &'static str,
    rank: usize,
    score: f32,
    path: &'a str,
    line: u64,
    paragraph: u64,
    title: Option<&'a str>,
    section: Option<&'a str>,
    id: Option<&'a str>,
    kind: yuanwen::DocKind,
    text: &'a str,
    snippet: &'a str,
    highlights: &'a [(usize, usize)],
    translation: Option<&'a str>,
    translation_snippet: Option<&'a str>,
    translation_highlights: Option<&'a [(usize, usize)]>,
    duplicates: &'a [Duplicate],
    matched: &'a [Matched],
    #[serde(skip_serializing_if = "Option::is_none")]
    under: Option<&'a Document>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    before: &'a [Document],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    after: &'a [Document],
    query: &'a Explanation,
}

/// Write one hit as a JSON line.
pub fn json(w: &mut impl Write, hit: &Hit, query: &Explanation) -> io::Result<()> {
    let d = &hit.document;
    let j = JsonHit {
        r#type: "hit",
        rank: hit.rank,
        score: hit.score,
        path: &d.path,
        line: d.line,
        paragraph: d.paragraph,
        title: d.title.as_deref(),
        section: d.section.as_deref(),
        id: d.id.as_deref(),
        kind: d.kind,
        text: &d.text,
        snippet: hit.snippet.text(),
        highlights: hit.snippet.char_highlights(),
        translation: d.translation.as_deref(),
        translation_snippet: hit.translation_snippet.as_ref().map(Snippet::text),
        translation_highlights: hit.translation_snippet.as_ref().map(Snippet::char_highlights),
        duplicates: &hit.duplicates,
        matched: &hit.matched,
        under: hit.under.as_ref(),
        before: &hit.before,
        after: &hit.after,
        query,
    };
    serde_json::to_writer(&mut *w, &j)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_sanitising() {
        let s = Snippet::new("与挪威总工会\u{1b}合作".into(), vec![(4, 6)]);
        assert_eq!(render_snippet(&s, &Style { color: false }), "与挪威总【工会】\\u{1b}合作");
        assert_eq!(render_snippet(&s, &Style { color: true }), "与挪威总\x1b[1;31m工会\x1b[0m\\u{1b}合作");
    }
}
