//! What a search prints besides hits: the summary line, `--count`,
//! `--count-by`, `-l`, and their JSON records.

use super::args::CountBy;
use super::output::Style;
use super::sanitize::sanitize;
use serde::Serialize;
use std::io::{self, Write};
use yuanwen::search::{Counts, Facets, FileCount, FormCount, SectionCount, Summary};

/// `12345` → `12,345`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 passage`, `3,086 passages`.
fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Milliseconds, to a tenth below 10 ms.
fn millis(d: std::time::Duration) -> String {
    let ms = d.as_secs_f64() * 1e3;
    if ms < 10.0 { format!("{ms:.1} ms") } else { format!("{ms:.0} ms") }
}

/// The line on stderr after the hits:
/// `10 of 3,086 passages · 3,101 places · 12 ms`.
pub fn summary_line(s: &Summary) -> String {
    let Some(c) = s.counts else {
        return format!("{} · {}", counted(s.shown as u64, "hit", "hits"), millis(s.elapsed));
    };
    if s.near > 0 {
        return format!(
            "0 passages · {} · {}",
            counted(s.near as u64, "near match", "near matches"),
            millis(s.elapsed)
        );
    }
    let shown = match (s.shown, s.offset) {
        (0, _) => "0".to_string(),
        (n, 0) => thousands(n as u64),
        (n, off) => format!("{}–{}", thousands(off as u64 + 1), thousands((off + n) as u64)),
    };
    format!(
        "{shown} of {} · {} · {}",
        counted(c.passages, "passage", "passages"),
        counted(c.places, "place", "places"),
        millis(s.elapsed)
    )
}

/// `--count`: `3086 passages, 3101 places, 4210 occurrences` (the first
/// field is the number of passages, for `cut`/`awk`).
pub fn counts(w: &mut impl Write, c: &Counts) -> io::Result<()> {
    let plural = |n: u64, one: &'static str, many: &'static str| if n == 1 { one } else { many };
    writeln!(
        w,
        "{} {}, {} {}, {} {}",
        c.passages,
        plural(c.passages, "passage", "passages"),
        c.places,
        plural(c.places, "place", "places"),
        c.occurrences,
        plural(c.occurrences, "occurrence", "occurrences")
    )
}

/// `--count-by file`: `PATH:PLACES` per file, in corpus order (as `rg -c`).
pub fn by_file(w: &mut impl Write, f: &Facets, style: &Style) -> io::Result<()> {
    for FileCount { path, places, .. } in &f.files {
        writeln!(w, "{}:{places}", style.place(path))?;
    }
    Ok(())
}

/// `--count-by section`: `PATH:SECTION:PLACES`, by file then title (the
/// count is the last field; places before a file's first heading belong
/// to no section and are not listed).
pub fn by_section(w: &mut impl Write, f: &Facets, style: &Style) -> io::Result<()> {
    for SectionCount { path, section, places, .. } in &f.sections {
        writeln!(w, "{}:{}:{places}", style.place(path), sanitize(section))?;
    }
    Ok(())
}

/// `-l`: the matching files, one per line, in corpus order.
pub fn files(w: &mut impl Write, f: &Facets, style: &Style) -> io::Result<()> {
    for file in &f.files {
        writeln!(w, "{}", style.place(&file.path))?;
    }
    Ok(())
}

/// The `--json` summary record, last after the hits (schema in README.md).
#[derive(Serialize)]
pub struct JsonSummary<'a> {
    r#type: &'static str,
    passages: u64,
    places: u64,
    occurrences: u64,
    shown: usize,
    near: usize,
    offset: usize,
    elapsed_ms: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    forms: Option<&'a [FormCount]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    files: Option<&'a [FileCount]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sections: Option<&'a [SectionCount]>,
}

impl<'a> JsonSummary<'a> {
    pub fn new(s: &Summary) -> JsonSummary<'a> {
        let c = s.counts.unwrap_or_default();
        JsonSummary {
            r#type: "summary",
            passages: c.passages,
            places: c.places,
            occurrences: c.occurrences,
            shown: s.shown,
            near: s.near,
            offset: s.offset,
            elapsed_ms: (s.elapsed.as_secs_f64() * 1e6).round() / 1e3,
            forms: None,
            files: None,
            sections: None,
        }
    }
}

fn write_json(w: &mut impl Write, value: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *w, value)?;
    writeln!(w)
}

/// The summary record after `--json` hits (with the forms found under
/// `--explain`).
pub fn json_summary(w: &mut impl Write, s: &Summary, forms: Option<&[FormCount]>) -> io::Result<()> {
    write_json(w, &JsonSummary { forms, ..JsonSummary::new(s) })
}

/// `--json` with `--count`, `--count-by` or `-l`: the summary record alone,
/// with the per-file or per-section counts asked for.
pub fn json_counts(w: &mut impl Write, s: &Summary, f: &Facets, by: Option<CountBy>, files: bool) -> io::Result<()> {
    let mut record = JsonSummary { shown: 0, ..JsonSummary::new(s) };
    if files || by == Some(CountBy::File) {
        record.files = Some(&f.files);
    }
    if by == Some(CountBy::Section) {
        record.sections = Some(&f.sections);
    }
    write_json(w, &record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_summary_line() {
        assert_eq!(
            [thousands(0), thousands(999), thousands(1000), thousands(3_101_000)],
            ["0", "999", "1,000", "3,101,000"]
        );
        let mut s = Summary::default();
        s.shown = 10;
        assert!(summary_line(&s).starts_with("10 hits · "));
        let mut c = Counts::default();
        (c.passages, c.places) = (3086, 3101);
        s.counts = Some(c);
        s.elapsed = std::time::Duration::from_millis(12);
        assert_eq!(summary_line(&s), "10 of 3,086 passages · 3,101 places · 12 ms");
        s.offset = 10;
        assert!(summary_line(&s).starts_with("11–20 of 3,086 passages"));
    }
}
