//! [`Atom`]: one searchable unit of a query as typed.

use serde::Serialize;

/// One searchable unit the user typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "text", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Atom {
    /// Unquoted text: its words must all appear, anywhere.
    Text(String),
    /// Quoted text: must appear exactly, contiguously (through the same
    /// folding as all text: width, case, script, variants).
    Phrase(String),
    /// `="text"`: must appear as written in the file, contiguously: only
    /// width and case are folded (no script or variant folding, no
    /// translations).
    Literal(String),
    /// `labo*`: an English word beginning with the text (in the passage or
    /// its translation, as written: no dictionary translations).
    Prefix(String),
}

impl Atom {
    /// Quoted (a phrase, literal or not)?
    pub(crate) fn is_quoted(&self) -> bool {
        matches!(self, Atom::Phrase(_) | Atom::Literal(_))
    }

    /// The text of the atom.
    pub fn text(&self) -> &str {
        match self {
            Atom::Text(t) | Atom::Phrase(t) | Atom::Literal(t) | Atom::Prefix(t) => t,
        }
    }
}
