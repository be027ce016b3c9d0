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
    /// Natural language (a question): any of its words counts as
    /// evidence, and a share of them is asked for.
    Question,
    /// A pasted passage whose source is sought: passages it mostly holds.
    Passage,
}

impl std::fmt::Display for QueryMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            QueryMode::Keyword => "keyword",
            QueryMode::Question => "question",
            QueryMode::Passage => "passage",
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
    /// What the user should know about how the query was read.
    pub notices: Vec<Notice>,
}

/// Something about how a query was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "notice", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Notice {
    /// A question with an unbalanced quote was searched with its quotes as
    /// text.
    UnbalancedQuote {
        /// The error a keyword query gets.
        message: String,
    },
    /// `工会*`: a `*` changes nothing on Chinese (every substring is found).
    StarOnChinese {
        /// The atom as typed, without its `*`.
        atom: String,
    },
    /// `labo*` reached these many words.
    PrefixWords {
        /// The prefix.
        prefix: String,
        /// Distinct words and stems it reached.
        terms: usize,
    },
    /// The query was read as a pasted passage.
    Passage {
        /// Its length in canonical characters.
        chars: usize,
        /// Keys sampled to find candidates.
        keys: usize,
        /// The share of a hit the passage must hold, in percent.
        min_share: u32,
    },
    /// Every word of the query is a stop word (`the`, `of`): they are
    /// searched, but only in passages' own text (translations do not
    /// index them).
    OnlyStopWords,
}

impl Notice {
    /// Shown even without `--explain` (a warning about the query).
    pub fn is_warning(&self) -> bool {
        matches!(self, Notice::UnbalancedQuote { .. } | Notice::OnlyStopWords)
    }
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::UnbalancedQuote { message } => write!(f, "{message}; the question was searched with it as text"),
            Notice::StarOnChinese { atom } => {
                write!(f, "`{atom}*` is `{atom}`: Chinese needs no `*`, every substring is found")
            }
            Notice::PrefixWords { prefix, terms } => write!(f, "`{prefix}*` reaches {terms} indexed words and stems"),
            Notice::Passage { chars, keys, min_share } => write!(
                f,
                "read as a pasted passage ({chars} characters): {keys} of its rarest bigrams find candidates; \
                 a hit is a passage at least {min_share}% of whose three-character stretches it holds"
            ),
            Notice::OnlyStopWords => f.write_str(
                "the query holds only stop words (the, of, 的, …): they match only a passage's own text, \
                 never translations; add a word that says what you look for",
            ),
        }
    }
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

impl HighlightTerms {
    /// The groups whose occurrences in a translation are counted.
    pub(crate) fn in_translation(&self) -> HighlightTerms {
        HighlightTerms { groups: self.groups.iter().filter(|g| g.counts_in_translation).cloned().collect() }
    }
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
    /// Word beginnings (`prefix*`, canonical): a word that begins so.
    pub prefixes: Vec<String>,
    /// The atom is English: its occurrences in translations count (a
    /// Chinese atom's dictionary senses there do not).
    pub counts_in_translation: bool,
    /// A pasted passage: the stretches of a hit it holds.
    pub passage: Option<std::sync::Arc<crate::search::scoring::containment::Containment>>,
    /// A near match's stretch (canonical): the parts of its best window
    /// that agree with it.
    pub approximately: Option<(String, usize)>,
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
