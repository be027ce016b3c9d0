//! What a plan says about the query: for people (`--explain`), machines
//! (`query` in `--json`) and the highlighter.

use crate::analysis::stem;
use crate::search::query::{Atom, Concept, ConceptKind};
use serde::Serialize;

/// How a query is searched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QueryMode {
    /// Keywords: every content word is required.
    #[default]
    Keyword,
    /// Natural language (a question, a pasted passage): any of its words
    /// counts as evidence, and a share of them is asked for.
    Question,
}

impl std::fmt::Display for QueryMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            QueryMode::Keyword => "keyword",
            QueryMode::Question => "question",
        })
    }
}

/// How the query was understood.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct Explanation {
    /// Each group of alternatives with its concepts.
    pub groups: Vec<Vec<AtomExplanation>>,
    /// Excluded atoms.
    pub excluded: Vec<AtomExplanation>,
    /// Files the `file:` filters matched.
    pub files: Option<Vec<String>>,
    /// Keywords (all words required) or a question (a share required).
    pub mode: QueryMode,
    /// Content words required (question mode).
    pub min_should_match: usize,
    /// Too few passages had enough of the words, so fewer were allowed.
    pub relaxed: bool,
}

/// One atom as analysed.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct AtomExplanation {
    /// As typed.
    pub atom: Atom,
    /// Canonical form.
    pub canonical: String,
    /// Concepts (for unquoted text).
    pub concepts: Vec<Concept>,
}

/// What highlighting looks for in a hit: one group per typed atom.
#[derive(Clone, Debug, Default)]
pub(crate) struct HighlightTerms {
    /// The groups.
    pub groups: Vec<HighlightGroup>,
}

/// What to highlight for one atom.
#[derive(Clone, Debug, Default)]
pub(crate) struct HighlightGroup {
    /// The whole atom (canonical); where it occurs, only it is highlighted.
    pub whole: Option<String>,
    /// Canonical substrings (Han concepts).
    pub substrings: Vec<String>,
    /// Whole words (canonical, lower case).
    pub words: Vec<String>,
    /// Their English stems, one per word.
    pub stems: Vec<String>,
    /// Literal atoms (`="…"`, `--exact`): the literal form (width and case
    /// folded only) an occurrence of the whole atom must have to count.
    pub literal_whole: Option<String>,
    /// The same for each substring (`None`: any occurrence counts).
    pub literal_substrings: Vec<Option<String>>,
}

impl HighlightGroup {
    /// Highlight `c` (and its alternatives) where it occurs.
    pub(crate) fn add(&mut self, c: &Concept) {
        match c.kind {
            ConceptKind::Han => {
                self.substrings.push(c.text.clone());
                self.literal_substrings.push(None);
                for a in &c.alternatives {
                    for s in a.text.split(' ') {
                        self.words.push(s.to_string());
                        self.stems.push(s.to_string());
                    }
                }
            }
            ConceptKind::Latin | ConceptKind::Number => {
                for w in c.english_words() {
                    self.words.push(w.to_string());
                    self.stems.push(stem(w));
                }
                for a in &c.alternatives {
                    self.substrings.push(a.text.clone());
                    self.literal_substrings.push(None);
                }
            }
        }
    }
}
