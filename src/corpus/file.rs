//! Reading one corpus file into documents.

use super::Warning;
use super::align::{Features, aligned_prefix};
use super::document::{DocKind, Document};
use super::heading::Heading;
use super::jsonl;
use super::lines::{LineReader, ReadFailure};
use super::paragraph::{Layout, RawParagraph, Splitter};
use super::title::Titled;
use std::path::Path;

/// The formats yuanwen reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FileFormat {
    /// `.txt` / `.md`: paragraphs.
    Text,
    /// `.jsonl`: one record per line.
    Jsonl,
}

impl FileFormat {
    /// The format of a file name, if it is one yuanwen indexes.
    pub(crate) fn of(name: &str) -> Option<FileFormat> {
        let lower = name.to_ascii_lowercase();
        let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
        match ext {
            "txt" | "text" | "md" | "markdown" => Some(FileFormat::Text),
            "jsonl" | "ndjson" => Some(FileFormat::Jsonl),
            _ => None,
        }
    }
}

/// How the reason for a file skipped because reading it failed starts (the
/// manifest keeps the reason; such a file is retried on the next run, since
/// permissions can change without its size or time moving).
pub(crate) const CANNOT_READ: &str = "cannot read: ";

fn failure(rel: &str, f: ReadFailure) -> Warning {
    match f {
        ReadFailure::Io(e) => Warning::new(rel, None, format!("{CANNOT_READ}{e}; skipped")),
        ReadFailure::NotText(n) => Warning::new(rel, None, n.to_string()),
    }
}

/// Read the file `root/rel` and hand each document to `sink`.
///
/// `translation` is the path (relative to `root`) of a line-aligned English
/// translation of a text file. Returns the warnings about this file (bad
/// lines, a translation that does not align); `Err` means the file as a whole
/// could not be read (and `sink` may have seen some of its documents, which
/// the caller discards).
pub(crate) fn read_documents(
    root: &Path,
    rel: &str,
    format: FileFormat,
    translation: Option<&str>,
    sink: &mut dyn FnMut(Document),
) -> Result<Vec<Warning>, Warning> {
    let mut warnings = Vec::new();
    let path = root.join(rel);
    let mut reader = LineReader::open(&path).map_err(|f| failure(rel, f))?;
    let mut count = 0usize;
    let sink = &mut |d: Document| {
        count += 1;
        sink(d)
    };
    match format {
        FileFormat::Jsonl => {
            read_jsonl(rel, &mut reader, &mut warnings, sink).map_err(|f| failure(rel, f))?;
            undecodable(rel, reader.undecodable_lines(), &mut warnings);
        }
        FileFormat::Text => {
            let mut aligned = None;
            if let Some(tr) = translation {
                match translation_reader(root, rel, tr) {
                    Ok((r, warning)) => {
                        aligned = Some(r);
                        warnings.extend(warning);
                    }
                    Err(w) => warnings.push(w),
                }
            }
            let bad = read_text(rel, reader, aligned, sink).map_err(|f| failure(rel, f))?;
            undecodable(rel, &bad, &mut warnings);
        }
    }
    if count == 0 && warnings.is_empty() {
        warnings.push(Warning::new(rel, None, "no text in it (empty file), nothing indexed".into()));
    }
    Ok(warnings)
}

/// Warnings for the lines left out because they did not decode: the first
/// 20 by number, then how many more.
fn undecodable(rel: &str, lines: &[usize], warnings: &mut Vec<Warning>) {
    const SHOWN: usize = 20;
    for &line in lines.iter().take(SHOWN) {
        let msg = "not valid text in the file's encoding, line skipped (the rest of the file is indexed)";
        warnings.push(Warning::new(rel, Some(line), msg.into()));
    }
    if lines.len() > SHOWN {
        let msg = format!("{} more lines not valid text, skipped", lines.len() - SHOWN);
        warnings.push(Warning::new(rel, None, msg));
    }
}

/// Paragraphs of a text file, streamed.
struct Paragraphs {
    reader: LineReader,
    splitter: Splitter,
    queue: std::collections::VecDeque<RawParagraph>,
    done: bool,
}

impl Paragraphs {
    fn new(reader: LineReader) -> Paragraphs {
        let layout = Layout::detect(reader.sample());
        Paragraphs { reader, splitter: Splitter::new(layout), queue: Default::default(), done: false }
    }

    fn next(&mut self) -> Result<Option<RawParagraph>, ReadFailure> {
        let mut buf = Vec::new();
        while self.queue.is_empty() && !self.done {
            match self.reader.next_line()? {
                Some(line) => self.splitter.push_line(line.number, &line.text, &mut buf),
                None => {
                    self.splitter.finish(&mut buf);
                    self.done = true;
                }
            }
            self.queue.extend(buf.drain(..));
        }
        Ok(self.queue.pop_front())
    }

    /// What alignment looks at in each logical paragraph (parts of a cut
    /// paragraph count once, by their first part).
    fn features(mut self) -> Result<Vec<Features>, ReadFailure> {
        let mut v = Vec::new();
        while let Some(p) = self.next()? {
            if p.part.is_none_or(|k| k == 1) {
                v.push(Features::of(&p.text));
            }
        }
        Ok(v)
    }
}

fn open_paragraphs(root: &Path, rel: &str) -> Result<Paragraphs, ReadFailure> {
    Ok(Paragraphs::new(LineReader::open(&root.join(rel))?))
}

/// A translation, paired paragraph by paragraph with its source up to
/// `pairs` paragraphs.
struct Translation {
    paragraphs: Paragraphs,
    pairs: usize,
}

/// Open the translation. With as many paragraphs as its source, every one
/// pairs; otherwise those before the first that no longer lines up (see
/// `align.rs`), with a warning naming the source line there.
fn translation_reader(root: &Path, rel: &str, tr: &str) -> Result<(Translation, Option<Warning>), Warning> {
    let features = |p: &str| open_paragraphs(root, p).and_then(Paragraphs::features);
    let theirs = features(tr).map_err(|f| {
        let w = failure(tr, f);
        Warning::new(tr, None, format!("{}; {rel} is indexed without its translation", w.message))
    })?;
    let ours = features(rel).map_err(|f| failure(rel, f))?;
    let paragraphs = open_paragraphs(root, tr).map_err(|f| failure(tr, f))?;
    if theirs.len() == ours.len() {
        return Ok((Translation { paragraphs, pairs: usize::MAX }, None));
    }
    let pairs = aligned_prefix(&ours, &theirs);
    let line = source_line(root, rel, pairs).unwrap_or(0);
    let warning = Warning::new(
        tr,
        None,
        format!(
            "translation has {} paragraphs but its source {rel} has {}: it lines up up to line {line} of {rel} \
             ({pairs} paragraphs keep their translation), the rest is indexed without (align the two files line \
             by line)",
            theirs.len(),
            ours.len()
        ),
    );
    Ok((Translation { paragraphs, pairs }, Some(warning)))
}

/// The line the `k`-th (0-based) logical paragraph of `rel` starts on.
fn source_line(root: &Path, rel: &str, k: usize) -> Option<usize> {
    let mut p = open_paragraphs(root, rel).ok()?;
    let mut seen = 0;
    while let Some(para) = p.next().ok()? {
        if para.part.is_none_or(|n| n == 1) {
            if seen == k {
                return Some(para.line);
            }
            seen += 1;
        }
    }
    None
}

fn read_text(
    rel: &str,
    reader: LineReader,
    mut translation: Option<Translation>,
    sink: &mut dyn FnMut(Document),
) -> Result<Vec<usize>, ReadFailure> {
    let mut paragraphs = Paragraphs::new(reader);
    let mut titled = Titled::new(sink);
    let mut sections: Vec<Heading> = Vec::new();
    let mut number = 0u64;
    let mut logical = 0usize;
    while let Some(p) = paragraphs.next()? {
        let first_part = p.part.is_none_or(|k| k == 1);
        let translated = match (&mut translation, first_part) {
            (Some(t), true) if logical < t.pairs => t.paragraphs.next().ok().flatten().map(|tp| tp.text),
            _ => None,
        };
        logical += usize::from(first_part);
        let (kind, section) = match &p.heading {
            Some(h) => {
                while sections.last().is_some_and(|s| s.level >= h.level) {
                    sections.pop();
                }
                let parent = sections.last().map(|s| s.title.clone());
                sections.push(h.clone());
                (DocKind::Heading, parent)
            }
            None => (DocKind::Paragraph, sections.last().map(|s| s.title.clone())),
        };
        number += 1;
        titled.push(Document {
            path: rel.to_string(),
            line: p.line as u64,
            paragraph: number,
            section,
            id: None,
            text: p.text,
            translation: translated,
            kind,
            title: None,
        });
    }
    titled.finish();
    Ok(paragraphs.reader.undecodable_lines().to_vec())
}

fn read_jsonl(
    rel: &str,
    reader: &mut LineReader,
    warnings: &mut Vec<Warning>,
    sink: &mut dyn FnMut(Document),
) -> Result<(), ReadFailure> {
    let mut number = 0u64;
    let mut bad = 0usize;
    while let Some(line) = reader.next_line()? {
        if line.continues {
            // A record over the line cap: drain its pieces and report it.
            while reader.next_line()?.is_some_and(|l| l.continues) {}
            warnings.push(Warning::new(rel, Some(line.number), "record longer than 1 MiB, skipped".into()));
            continue;
        }
        match jsonl::parse_line(&line.text) {
            Ok(None) => {}
            Ok(Some(r)) if r.text.trim().is_empty() => {
                warnings.push(Warning::new(rel, Some(line.number), "record has an empty \"text\", skipped".into()))
            }
            Ok(Some(r)) => {
                number += 1;
                sink(Document {
                    path: rel.to_string(),
                    line: line.number as u64,
                    paragraph: number,
                    section: r.title.filter(|t| !t.trim().is_empty()),
                    id: r.id,
                    text: r.text,
                    translation: r.translation.filter(|t| !t.trim().is_empty()),
                    kind: DocKind::Paragraph,
                    title: None,
                });
            }
            Err(e) => {
                bad += 1;
                if bad <= 20 {
                    warnings.push(Warning::new(rel, Some(line.number), format!("malformed record ({e}), skipped")));
                }
            }
        }
    }
    if bad > 20 {
        warnings.push(Warning::new(rel, None, format!("{} more malformed records skipped", bad - 20)));
    }
    Ok(())
}
