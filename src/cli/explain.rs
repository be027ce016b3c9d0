//! `--explain`: how the query was understood, what matching means for it,
//! and which forms of its words the corpus holds, with their counts.

use super::listing::thousands;
use super::sanitize::sanitize;
use std::io::{self, Write};
use yuanwen::search::{Atom, Concept, Explanation, FormCount, QueryMode};

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
pub fn explain(w: &mut impl Write, e: &Explanation, forms: &[FormCount], exact: bool) -> io::Result<()> {
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
                    Atom::Literal(_) => {
                        format!("={} (as written)", sanitize(&a.canonical))
                    }
                    Atom::Prefix(_) => {
                        format!("{}* (a word beginning so)", sanitize(&a.canonical))
                    }
                    _ if e.mode == QueryMode::Passage => format!("{} (the passage)", sanitize(&a.canonical)),
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
    for n in &e.notices {
        writeln!(w, "  note: {}", sanitize(&n.to_string()))?;
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
    if e.mode != QueryMode::Passage {
        writeln!(w, "{}", rule(exact))?;
    }
    write_forms(w, forms)?;
    writeln!(w)
}

/// What "contains" means for this search (README.md, "Matching rules").
fn rule(exact: bool) -> &'static str {
    match exact {
        true => "matching: as written in the files (width and case folded only;\n  no variants, no translations)",
        false => {
            "matching: a Chinese word matches Chinese text (width, case, script and\n  \
             variants folded; English only in passages without Chinese); an English\n  \
             word matches English text and, through the glossary, dictionary and\n  \
             pinyin, Chinese text"
        }
    }
}

/// `forms found: 卫 = 衛 2,735 · 衞 3` — one line per folded form.
fn write_forms(w: &mut impl Write, forms: &[FormCount]) -> io::Result<()> {
    if forms.is_empty() {
        return writeln!(w, "forms found: none");
    }
    writeln!(w, "forms found (occurrences, every place counted):")?;
    for group in forms.chunk_by(|a, b| a.canonical == b.canonical) {
        let written: Vec<String> =
            group.iter().map(|f| format!("{} {}", sanitize(&f.written), thousands(f.count))).collect();
        writeln!(w, "  {}: {}", sanitize(&group[0].canonical), written.join(" · "))?;
    }
    Ok(())
}
