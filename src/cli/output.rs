//! Rendering results: for people (colour or 【】 markers, sanitised) and for
//! machines (one JSON object per hit per line).

use super::sanitize::sanitize;
use serde::Serialize;
use std::io::{self, Write};
use yuanwen::search::{Atom, Concept, Duplicate, Explanation, Hit, QueryMode, Snippet};

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

/// Write one hit for a person.
pub fn human(w: &mut impl Write, hit: &Hit, style: &Style) -> io::Result<()> {
    let d = &hit.document;
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
    if !hit.duplicates.is_empty() {
        let also: Vec<String> = hit.duplicates.iter().map(|l| format!("{}:{}", sanitize(&l.path), l.line)).collect();
        writeln!(w, "  {}", paint(style, DIM, &format!("also at {}", also.join(", "))))?;
    }
    writeln!(w)
}

/// The `--json` object of one hit (schema in README.md).
#[derive(Serialize)]
pub struct JsonHit<'a> {
    rank: usize,
    score: f32,
    path: &'a str,
    line: u64,
    paragraph: u64,
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
    query: &'a Explanation,
}

/// Write one hit as a JSON line.
pub fn json(w: &mut impl Write, hit: &Hit, query: &Explanation) -> io::Result<()> {
    let d = &hit.document;
    let j = JsonHit {
        rank: hit.rank,
        score: hit.score,
        path: &d.path,
        line: d.line,
        paragraph: d.paragraph,
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
        query,
    };
    serde_json::to_writer(&mut *w, &j)?;
    writeln!(w)
}

/// One concept: `word`, `(function word)`, `word [= 译文 (glossary), …]`.
fn concept(c: &Concept) -> String {
    let mut s = if c.function_word { format!("({})", c.text) } else { c.text.clone() };
    if !c.alternatives.is_empty() {
        let alts: Vec<String> = c
            .alternatives
            .iter()
            .map(|a| {
                format!(
                    "{} ({})",
                    a.text,
                    serde_json::to_value(a.source)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default()
                )
            })
            .collect();
        s.push_str(&format!(" [= {}]", alts.join(", ")));
    }
    s
}

/// Write how the query was understood.
pub fn explain(w: &mut impl Write, e: &Explanation) -> io::Result<()> {
    writeln!(w, "query mode: {}", e.mode)?;
    for (i, group) in e.groups.iter().enumerate() {
        let alts: Vec<String> = group
            .iter()
            .map(|a| {
                let concepts: Vec<String> = a.concepts.iter().map(concept).collect();
                match &a.atom {
                    Atom::Phrase(_) => {
                        format!("\"{}\" (exact)", sanitize(&a.canonical))
                    }
                    _ => sanitize(&concepts.join(" + ")).into_owned(),
                }
            })
            .collect();
        writeln!(w, "  {}: {}", i + 1, alts.join("  OR  "))?;
    }
    for x in &e.excluded {
        writeln!(w, "  not: {}", sanitize(&x.canonical))?;
    }
    if let Some(files) = &e.files {
        writeln!(w, "  in files: {}", if files.is_empty() { "(none match)".to_string() } else { files.join(", ") })?;
    }
    if e.mode == QueryMode::Question {
        writeln!(
            w,
            "  at least {} content words must match{}",
            e.min_should_match,
            if e.relaxed { " (relaxed to 1: too few hits)" } else { "" }
        )?;
    }
    writeln!(w, "  (words in parentheses are function words: weighted down, not required;")?;
    writeln!(w, "   [= …] are other forms that count as the word: translations, pinyin readings)")?;
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
