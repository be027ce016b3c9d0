//! What a search takes and gives: [`SearchOptions`], [`SearchResults`],
//! [`Hit`], [`Location`], [`Summary`], [`Facets`].

use super::planner::Explanation;
use super::present::Snippet;
use crate::corpus::Document;
use crate::tuning::Ranking;
use serde::Serialize;
use std::time::Duration;

/// How hits are ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Sort {
    /// Best first.
    #[default]
    Relevance,
    /// Corpus order: by file, then line (a passage at its first place).
    Path,
}

/// How to search: built from [`SearchOptions::default`] with the `with_*`
/// setters, so that new options never break a caller.
///
/// ```
/// let opts = yuanwen::SearchOptions::default().with_limit(5).with_width(60);
/// assert_eq!((opts.limit(), opts.width()), (5, 60));
/// ```
#[derive(Clone, Debug)]
pub struct SearchOptions {
    limit: usize,
    offset: usize,
    width: usize,
    ranking: Ranking,
    exact: bool,
    sort: Sort,
    count: bool,
    facets: bool,
    context: usize,
    near: bool,
    file: Option<String>,
    section: Option<String>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            offset: 0,
            width: 100,
            ranking: Ranking::default(),
            exact: false,
            sort: Sort::Relevance,
            count: false,
            facets: false,
            context: 0,
            near: false,
            file: None,
            section: None,
        }
    }
}

impl SearchOptions {
    /// Hits to return (at least 1; default 10).
    pub fn with_limit(mut self, limit: usize) -> SearchOptions {
        self.limit = limit;
        self
    }

    /// Skip this many passages before the first hit (paging; default 0).
    pub fn with_offset(mut self, offset: usize) -> SearchOptions {
        self.offset = offset;
        self
    }

    /// How hits are ordered (default [`Sort::Relevance`]).
    pub fn with_sort(mut self, sort: Sort) -> SearchOptions {
        self.sort = sort;
        self
    }

    /// Count every match ([`Summary::counts`]): passages, places,
    /// occurrences. Costs a pass over all matches (default off).
    pub fn with_count(mut self, count: bool) -> SearchOptions {
        self.count = count;
        self
    }

    /// Count matches per file and per section ([`SearchResults::facets`];
    /// implies counting).
    pub fn with_facets(mut self, facets: bool) -> SearchOptions {
        self.facets = facets;
        self
    }

    /// Give each hit this many neighbouring passages before and after it
    /// ([`Hit::before`], [`Hit::after`]; default 0).
    pub fn with_context(mut self, passages: usize) -> SearchOptions {
        self.context = passages;
        self
    }

    /// Snippet width in terminal columns: a Chinese character takes two,
    /// so the default 100 is 50 Chinese characters (a translation's
    /// snippet gets twice as many columns).
    pub fn with_width(mut self, width: usize) -> SearchOptions {
        self.width = width;
        self
    }

    /// Ranking weights (the [`tuning`](crate::tuning) surface; default
    /// [`Ranking::default`]).
    pub fn with_ranking(mut self, ranking: Ranking) -> SearchOptions {
        self.ranking = ranking;
        self
    }

    /// Match every atom as written in the files: only width and case
    /// folded (no Traditional/Simplified or variant folding), no
    /// translations or readings, every word required (a query with a
    /// question word is keywords too), each checked on the stored text.
    /// One atom alone is literal with `="…"`.
    pub fn with_exact(mut self, exact: bool) -> SearchOptions {
        self.exact = exact;
        self
    }

    /// Is every atom matched as written?
    pub fn exact(&self) -> bool {
        self.exact
    }

    /// When no passage holds a stretch of Chinese typed as one (`床前看月光`),
    /// also return its near matches: passages holding it with a character
    /// substituted, missing or extra, after every exact hit and marked
    /// [`Hit::near`] (default off: `hits` then holds exact hits only).
    ///
    /// ```
    /// let opts = yuanwen::SearchOptions::default().with_near(true);
    /// assert!(opts.near());
    /// ```
    pub fn with_near(mut self, near: bool) -> SearchOptions {
        self.near = near;
        self
    }

    /// Near matches asked for?
    pub fn near(&self) -> bool {
        self.near
    }

    /// Only passages of the file `path` (relative to the corpus, exactly as
    /// [`Document::path`] and the facets give it; unlike the query's
    /// `file:` pattern, not a substring). Counts, facets and duplicates
    /// shown respect it.
    ///
    /// ```
    /// let opts = yuanwen::SearchOptions::default().with_file("laws/a.txt");
    /// assert_eq!(opts.file(), Some("laws/a.txt"));
    /// ```
    pub fn with_file(mut self, path: impl Into<String>) -> SearchOptions {
        self.file = Some(path.into());
        self
    }

    /// The file searched alone, if any.
    pub fn file(&self) -> Option<&str> {
        self.file.as_deref()
    }

    /// Only passages under a section titled exactly `title` (in any file,
    /// or in [`SearchOptions::with_file`]'s file), as the section facets
    /// give it.
    pub fn with_section(mut self, title: impl Into<String>) -> SearchOptions {
        self.section = Some(title.into());
        self
    }

    /// The section searched alone, if any.
    pub fn section(&self) -> Option<&str> {
        self.section.as_deref()
    }

    /// Hits to return.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// Passages skipped before the first hit.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// How hits are ordered.
    pub fn sort(&self) -> Sort {
        self.sort
    }

    /// Are all matches counted?
    pub fn count(&self) -> bool {
        self.count || self.facets
    }

    /// Are matches counted per file and section?
    pub fn facets(&self) -> bool {
        self.facets
    }

    /// Neighbouring passages given with each hit.
    pub fn context(&self) -> usize {
        self.context
    }

    /// Snippet width in terminal columns.
    pub fn width(&self) -> usize {
        self.width
    }

    /// Ranking weights.
    pub fn ranking(&self) -> &Ranking {
        &self.ranking
    }
}

/// Where a passage is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct Location {
    /// File, relative to the corpus.
    pub path: String,
    /// 1-based line.
    pub line: u64,
}

/// One result.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct Hit {
    /// 1-based rank.
    pub rank: usize,
    /// Relevance score (higher is better; comparable within one query).
    pub score: f32,
    /// The passage.
    pub document: Document,
    /// The best-matching stretch of the passage.
    pub snippet: Snippet,
    /// The same for its translation, if it has one.
    pub translation_snippet: Option<Snippet>,
    /// Other places where the same passage occurs.
    pub duplicates: Vec<Duplicate>,
    /// How each word of the query matched in this passage.
    pub matched: Vec<Matched>,
    /// For a heading: the first passage under it.
    pub under: Option<Document>,
    /// Neighbouring passages before it, in file order
    /// ([`SearchOptions::with_context`]).
    pub before: Vec<Document>,
    /// Neighbouring passages after it, in file order.
    pub after: Vec<Document>,
    /// A near match: no passage holds the query's stretch, and this one
    /// holds it with a character (or, in a long stretch, a few)
    /// substituted, missing or extra; its snippet highlights what agrees.
    pub near: bool,
}

/// Another place of a hit's passage (ordered by place).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[non_exhaustive]
pub struct Duplicate {
    /// File, relative to the corpus.
    pub path: String,
    /// 1-based line.
    pub line: u64,
    /// Its translation, when it differs from the hit's (duplicates with
    /// different translations are kept apart).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub translation: Option<String>,
}

/// How one word of the query matched a passage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Matched {
    /// The word as the query has it (canonical).
    pub word: String,
    /// How it matched.
    pub how: MatchKind,
}

/// How a query word matched a passage.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum MatchKind {
    /// As typed (width and case folded).
    Text,
    /// Through script or variant folding (`工会` in `工會`, `衞` in `衛`).
    Variant,
    /// An English word in the passage's translation.
    Translation,
    /// Through the user's glossary.
    Glossary,
    /// Through CC-CEDICT.
    Dictionary,
    /// Through a pinyin reading.
    Pinyin,
}

/// The numbers of a search.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct Summary {
    /// Every match counted ([`SearchOptions::with_count`]); `None` when not
    /// asked for.
    pub counts: Option<Counts>,
    /// Hits returned.
    pub shown: usize,
    /// Of them, near matches (shown only when nothing matched exactly).
    pub near: usize,
    /// Passages skipped before them.
    pub offset: usize,
    /// Time the search took.
    #[serde(serialize_with = "millis")]
    pub elapsed: Duration,
}

fn millis<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1e6).round() / 1e3)
}

/// Every match of a query, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Counts {
    /// Distinct passages (duplicates once).
    pub passages: u64,
    /// Places: every copy of every passage.
    pub places: u64,
    /// Occurrences of the query's words (not of their translations) in
    /// all those places.
    pub occurrences: u64,
}

/// Matches per file and per section.
#[derive(Clone, Debug, Default, Serialize)]
#[non_exhaustive]
pub struct Facets {
    /// Per file, by path.
    pub files: Vec<FileCount>,
    /// Per section of a file, by path and title.
    pub sections: Vec<SectionCount>,
}

/// Matches in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct FileCount {
    /// The file.
    pub path: String,
    /// Places matching in it.
    pub places: u64,
}

/// Matches in one section of a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SectionCount {
    /// The file.
    pub path: String,
    /// The section's title.
    pub section: String,
    /// Places matching in it.
    pub places: u64,
}

/// The outcome of a search.
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct SearchResults {
    /// Hits, best first.
    pub hits: Vec<Hit>,
    /// How the query was understood.
    pub query: Explanation,
    /// The numbers: counts (if asked for), hits shown, time.
    pub summary: Summary,
    /// Matches per file and section (if asked for).
    pub facets: Option<Facets>,
}
