//! [`Atom`]: one searchable unit of a query as typed.

use serde::Serialize;

/// One searchable unit the user typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "text", rename_all = "lowercase")]
#[non_exhaustive]
pub enum Atom {
    /// Unquoted text: its words must all appear, anywhere.
    Text(String),
    /// Quoted text: must appear exactly, contiguously.
    Phrase(String),
}

impl Atom {
    /// The text of the atom.
    pub fn text(&self) -> &str {
        match self {
            Atom::Text(t) | Atom::Phrase(t) => t,
        }
    }
}
