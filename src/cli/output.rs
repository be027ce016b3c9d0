//! Rendering results: for people (colour or 【】 markers, sanitised,
//! wrapped to the terminal) and for machines (one JSON object per hit per
//! line).

use super::sanitize::sanitize;
use super::wrap::{Cell, cells, truncate, wrap};
use serde::Serialize;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use yuanwen::search::{Duplicate, Explanation, Hit, Matched, PassageId, Snippet};
use yuanwen::{DocKind, Document};

/// How to draw hits.
#[derive(Clone, Debug)]
pub struct Style {
    /// ANSI colour for highlights.
    pub color: bool,
    /// 【】 around highlights when there is no colour (not with `--plain`).
    pub markers: bool,
    /// The corpus folder as given: joined before every path printed, so
    /// that it opens from the working directory.
    pub root: PathBuf,
    /// Wrap to this many terminal columns (`None`: one line a paragraph).
    pub columns: Option<usize>,
}

impl Style {
    /// No colour, markers, paths as they are, no wrapping (tests).
    #[cfg(test)]
    pub fn plain() -> Style {
        Style { color: false, markers: true, root: PathBuf::new(), columns: None }
    }

    /// `text` dimmed (on colour).
    pub fn dim(&self, text: &str) -> String {
        paint(self, DIM, text)
    }

    /// `rel` (a path relative to the corpus) as it opens from here.
    pub fn place(&self, rel: &str) -> String {
        let joined = if self.root.as_os_str().is_empty() { Path::new(rel).to_path_buf() } else { self.root.join(rel) };
        sanitize(&joined.to_string_lossy()).into_owned()
    }
}

const HL_ON: &str = "\x1b[1;31m";
const PATH: &str = "\x1b[35m";
const LINE: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";
const RESET: &str = "\x1b[0m";

fn paint(s: &Style, code: &str, text: &str) -> String {
    if s.color { format!("{code}{text}{RESET}") } else { text.to_string() }
}

/// The snippet's cells, highlights marked with 【】 if the style asks.
fn snippet_cells(snippet: &Snippet, style: &Style) -> Vec<Cell> {
    let marked = style.markers && !style.color;
    let mut parts: Vec<(String, bool)> = Vec::new();
    for (text, highlighted) in snippet.parts() {
        let text = sanitize(text).into_owned();
        match (highlighted, marked) {
            (true, true) => parts.push((format!("【{text}】"), false)),
            _ => parts.push((text, highlighted)),
        }
    }
    cells(parts.iter().map(|(t, h)| (t.as_str(), *h)))
}

/// Cells as text, highlights painted.
fn paint_cells(line: &[Cell], style: &Style) -> String {
    let mut out = String::new();
    for run in line.chunk_by(|a, b| a.hl == b.hl) {
        let text: String = run.iter().map(|c| c.ch).collect();
        match run[0].hl && style.color {
            true => out.push_str(&format!("{HL_ON}{text}{RESET}")),
            false => out.push_str(&text),
        }
    }
    out
}

/// The snippet with its highlights marked, on one line.
#[cfg(test)]
fn render_snippet(snippet: &Snippet, style: &Style) -> String {
    paint_cells(&snippet_cells(snippet, style), style)
}

/// Write `body` after `lead` (`"  "`, `"  en: "`), wrapped to the
/// terminal with the continuation lines indented under the body.
fn write_wrapped(w: &mut impl Write, lead: &str, painted_lead: &str, body: &[Cell], style: &Style) -> io::Result<()> {
    let indent = super::wrap::columns_of(lead);
    let Some(columns) = style.columns else {
        return writeln!(w, "{painted_lead}{}", paint_cells(body, style));
    };
    for (k, line) in wrap(body, indent, indent, columns).iter().enumerate() {
        let lead = if k == 0 { painted_lead.to_string() } else { " ".repeat(indent) };
        writeln!(w, "{lead}{}", paint_cells(line, style))?;
    }
    Ok(())
}

/// `text` on one line, cut to fit after `lead_columns` (to 100 columns
/// when not wrapping), `…` if cut.
fn line_of(text: &str, lead_columns: usize, style: &Style) -> String {
    let flat: String = text.chars().map(|c| if c == '\n' { ' ' } else { c }).collect();
    let room = style.columns.map_or(100, |c| c.saturating_sub(lead_columns).max(8));
    truncate(&sanitize(&flat), room)
}

/// Neighbouring passages (`-C`), marked `PATH-LINE-` as ripgrep marks
/// context lines.
fn neighbours(w: &mut impl Write, docs: &[Document], style: &Style) -> io::Result<()> {
    for d in docs {
        let head = format!("{}-{}-", style.place(&d.path), d.line);
        let text = line_of(&d.text, super::wrap::columns_of(&head) + 2, style);
        writeln!(w, "{}  {}", paint(style, DIM, &head), paint(style, DIM, &text))?;
    }
    Ok(())
}

/// `also at a.txt:3, b.txt:9 (translation differs)`.
fn also_at(duplicates: &[Duplicate], style: &Style) -> String {
    let mut out = String::from("also at ");
    for (k, d) in duplicates.iter().enumerate() {
        if k > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!("{}:{}", style.place(&d.path), d.line));
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

/// `path:line [id]  title · section`, the title and section cut to fit
/// the terminal.
fn head(d: &Document, style: &Style) -> String {
    let place = style.place(&d.path);
    let line = d.line.to_string();
    let id = d.id.as_ref().map(|id| format!(" [{}]", sanitize(id))).unwrap_or_default();
    let section = d.section.as_deref().filter(|s| Some(*s) != d.title.as_deref());
    let about: Vec<String> =
        [d.title.as_deref(), section].into_iter().flatten().map(|t| sanitize(t).into_owned()).collect();
    let mut out = format!("{}:{}{id}", paint(style, PATH, &place), paint(style, LINE, &line));
    if !about.is_empty() {
        let used = super::wrap::columns_of(&place) + 1 + line.len() + super::wrap::columns_of(&id) + 2;
        let about = about.join(" · ");
        let about = match style.columns {
            Some(c) => truncate(&about, c.saturating_sub(used).max(8)),
            None => about,
        };
        out.push_str(&format!("  {}", paint(style, DIM, &about)));
    }
    out
}

/// Write one hit for a person (with how each word matched if `explain`).
pub fn human(w: &mut impl Write, hit: &Hit, style: &Style, explain: bool) -> io::Result<()> {
    let d = &hit.document;
    neighbours(w, &hit.before, style)?;
    writeln!(w, "{}", head(d, style))?;
    write_wrapped(w, "  ", "  ", &snippet_cells(&hit.snippet, style), style)?;
    if let Some(t) = &hit.translation_snippet {
        write_wrapped(w, "  en: ", &format!("  {} ", paint(style, DIM, "en:")), &snippet_cells(t, style), style)?;
    }
    if let Some(u) = hit.under.as_ref().filter(|_| d.kind == DocKind::Heading) {
        let lead = format!("{}:", u.line);
        let text = line_of(&u.text, super::wrap::columns_of(&lead) + 3, style);
        writeln!(w, "  {} {}", paint(style, DIM, &lead), text)?;
    }
    for extra in [(!hit.duplicates.is_empty()).then(|| also_at(&hit.duplicates, style))]
        .into_iter()
        .chain([(explain && !hit.matched.is_empty()).then(|| matched_line(&hit.matched))])
        .flatten()
    {
        let dim = Style { color: false, ..style.clone() };
        let lines = match style.columns {
            Some(c) => wrap(&cells([(extra.as_str(), false)]), 2, 4, c),
            None => vec![cells([(extra.as_str(), false)])],
        };
        for (k, l) in lines.iter().enumerate() {
            let lead = if k == 0 { "  " } else { "    " };
            writeln!(w, "{lead}{}", paint(style, DIM, &paint_cells(l, &dim)))?;
        }
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
    /// `path` joined to the corpus folder: opens from the working directory.
    file: &'a str,
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
    near: bool,
    /// The passage's address (`GET /api/passage/{id}` of `yuanwen serve`).
    passage_id: PassageId,
    #[serde(skip_serializing_if = "Option::is_none")]
    under: Option<&'a Document>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    before: &'a [Document],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    after: &'a [Document],
    /// How the query was understood (the server gives it once, not per hit).
    #[serde(skip_serializing_if = "Option::is_none")]
    query: Option<&'a Explanation>,
}

impl<'a> JsonHit<'a> {
    /// The object for `hit`, `file` being its path as it opens from here.
    pub fn new(hit: &'a Hit, query: Option<&'a Explanation>, file: &'a str) -> JsonHit<'a> {
        let d = &hit.document;
        JsonHit {
            r#type: "hit",
            rank: hit.rank,
            score: hit.score,
            path: &d.path,
            file,
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
            near: hit.near,
            passage_id: PassageId::of_document(d),
            under: hit.under.as_ref(),
            before: &hit.before,
            after: &hit.after,
            query,
        }
    }
}

/// Write one hit as a JSON line.
pub fn json(w: &mut impl Write, hit: &Hit, query: &Explanation, file: &str) -> io::Result<()> {
    serde_json::to_writer(&mut *w, &JsonHit::new(hit, Some(query), file))?;
    writeln!(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_and_sanitising() {
        let s = Snippet::new("与挪威总工会\u{1b}合作".into(), vec![(4, 6)]);
        assert_eq!(render_snippet(&s, &Style::plain()), "与挪威总【工会】\\u{1b}合作");
        let color = Style { color: true, ..Style::plain() };
        assert_eq!(render_snippet(&s, &color), "与挪威总\x1b[1;31m工会\x1b[0m\\u{1b}合作");
        let plain = Style { markers: false, ..Style::plain() };
        assert_eq!(render_snippet(&s, &plain), "与挪威总工会\\u{1b}合作");
    }
}
