//! The unit of search: one paragraph (or heading, or `.jsonl` record).

use serde::{Deserialize, Serialize};

/// What kind of passage a document is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocKind {
    /// A body paragraph or `.jsonl` record.
    Paragraph,
    /// A section heading.
    Heading,
}

/// One searchable passage and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// Path relative to the corpus root, with `/` separators.
    pub path: String,
    /// 1-based line where the passage starts.
    pub line: u64,
    /// 1-based number of the passage within its file.
    pub paragraph: u64,
    /// Title of the enclosing section (or of the `.jsonl` record).
    pub section: Option<String>,
    /// The `.jsonl` record's `id`.
    pub id: Option<String>,
    /// The text exactly as in the file.
    pub text: String,
    /// Its English translation, if the corpus has one.
    pub translation: Option<String>,
    /// Paragraph or heading.
    pub kind: DocKind,
    /// The title of the file (a Markdown `# ` first line, or a short first
    /// line that more paragraphs follow, as a law's name).
    #[serde(default)]
    pub title: Option<String>,
}

#[cfg(test)]
impl Document {
    /// A paragraph of `a.txt`, line 1, for unit tests of text conditions.
    pub(crate) fn test_paragraph(text: &str, translation: Option<&str>) -> Document {
        Document {
            path: "a.txt".into(),
            line: 1,
            paragraph: 1,
            section: None,
            id: None,
            text: text.into(),
            translation: translation.map(str::to_string),
            kind: DocKind::Paragraph,
            title: None,
        }
    }
}
