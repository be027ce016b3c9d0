//! [`Searcher`]: running queries against one snapshot of the index.

use super::collect::{Collection, Found};
use super::order::{by_path, by_relevance};
use super::places::places;
use super::planner::{Context, QueryPlan, plan};
use super::present::{aligned_snippet, find_matches, make_snippet, matched, snippet_in};
use super::query::parse_query;
use super::results::{Counts, Facets, FileCount, Hit, SearchOptions, SearchResults, SectionCount, Sort, Summary};
use super::scoring::columns::Columns;
use super::stats::IndexStats;
use super::tally::{Tally, Want, tally};
use super::vocabulary::IndexVocabulary;
use crate::analysis::words::WordSettings;
use crate::analysis::{Analyzer, Lexicon, Normalized, QueryDictionary};
use crate::corpus::{DocKind, Document, GLOSSARY_FILE, Warning};
use crate::error::Result;
use crate::index::{Snapshot, guarded, paragraphs_of, passages_of};
use crate::translate::{Expander, Glossary};
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

/// Searches one index: the version that was live when it was opened, for
/// as long as it lives (updates meanwhile are not seen; open a new one).
///
/// ```no_run
/// use yuanwen::{SearchOptions, Searcher};
/// let searcher = Searcher::open("index")?;
/// for hit in searcher.search("国际劳工局", &SearchOptions::default())?.hits {
///     println!("{}:{} {}", hit.document.path, hit.document.line, hit.snippet.text());
/// }
/// # Ok::<(), yuanwen::Error>(())
/// ```
pub struct Searcher {
    snapshot: Snapshot,
    lexicon: Lexicon,
    settings: WordSettings,
    paths: Vec<String>,
    glossary: Glossary,
    warnings: Vec<Warning>,
    columns: Columns,
    /// The query dictionary, grown search by search.
    query_dictionary: Mutex<QueryDictionary>,
}

impl Searcher {
    /// Open the index in `dir` ([`Error::NoIndex`](crate::Error::NoIndex)
    /// if there is none yet).
    pub fn open(dir: impl AsRef<Path>) -> Result<Searcher> {
        let dir = dir.as_ref();
        guarded(dir, || Searcher::open_guarded(dir))
    }

    /// [`Searcher::open`], whose damage (panics included) the caller
    /// turns into [`Error::Damaged`](crate::Error::Damaged).
    fn open_guarded(dir: &Path) -> Result<Searcher> {
        let snapshot = Snapshot::open(dir)?;
        let lexicon = snapshot.generation.meta.lexicon();
        let settings = snapshot.generation.meta.settings.words;
        let paths = snapshot.manifest.files.keys().cloned().collect();
        // The glossary is read at query time: editing it needs no rebuild.
        let corpus = Path::new(&snapshot.manifest.corpus);
        let (glossary, warnings) = Glossary::load_lenient(&corpus.join(GLOSSARY_FILE), GLOSSARY_FILE);
        let columns = Columns::open(&snapshot.searcher())?;
        let query_dictionary = Mutex::default();
        Ok(Searcher { snapshot, lexicon, settings, paths, glossary, warnings, columns, query_dictionary })
    }

    /// Use `glossary` instead of the corpus's `glossary.tsv`.
    pub fn with_glossary(mut self, glossary: Glossary) -> Searcher {
        self.glossary = glossary;
        self.warnings.clear();
        self
    }

    /// Problems found opening the searcher (bad glossary lines, skipped).
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Number of documents in the index: passages, headings, and one
    /// section document per section title and file.
    pub fn num_documents(&self) -> u64 {
        self.snapshot.searcher().num_docs()
    }

    /// The files the index knows (paths relative to the corpus, sorted;
    /// files skipped as unreadable included).
    pub fn files(&self) -> &[String] {
        &self.paths
    }

    /// Every passage of the file `path` (relative to the corpus), in the
    /// file's order; empty for a file the index does not have.
    pub fn passages(&self, path: &str) -> Result<Vec<Document>> {
        guarded(&self.snapshot.generation.dir, || {
            Ok(passages_of(&self.snapshot.searcher(), &self.snapshot.generation.fields, path)?)
        })
    }

    /// The passages of the file `path` numbered `from..=to`, in order.
    pub(super) fn paragraphs(&self, path: &str, from: u64, to: u64) -> Result<Vec<Document>> {
        guarded(&self.snapshot.generation.dir, || {
            Ok(paragraphs_of(&self.snapshot.searcher(), &self.snapshot.generation.fields, path, from, to)?)
        })
    }

    /// What the index holds: files, passages, tokens and bytes per field.
    pub fn stats(&self) -> Result<IndexStats> {
        guarded(&self.snapshot.generation.dir, || IndexStats::of(&self.snapshot))
    }

    /// An analyzer that segments `text` as the index did.
    fn analyzer_for(&self, text: &str) -> Analyzer {
        let n = Normalized::new(text);
        match self.query_dictionary.lock() {
            Ok(mut dict) => Analyzer::for_text_reusing(&self.lexicon, self.settings, &n, &mut dict),
            Err(_) => Analyzer::for_text(&self.lexicon, self.settings, &n),
        }
    }

    /// Run `query` (see README.md, "Query syntax").
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Result<SearchResults> {
        let started = Instant::now();
        self.planned(query, opts, |collection, plan| search(collection, plan, opts, started))
    }

    /// Parse and plan `query`, then `run` the plan on this index. Every
    /// search reads the index through here: a damaged segment (a panic in
    /// tantivy included) is [`Error::Damaged`](crate::Error::Damaged).
    pub(super) fn planned<T>(
        &self,
        query: &str,
        opts: &SearchOptions,
        run: impl FnOnce(&Collection, QueryPlan) -> Result<T>,
    ) -> Result<T> {
        guarded(&self.snapshot.generation.dir, || self.planned_guarded(query, opts, run))
    }

    fn planned_guarded<T>(
        &self,
        query: &str,
        opts: &SearchOptions,
        run: impl FnOnce(&Collection, QueryPlan) -> Result<T>,
    ) -> Result<T> {
        let parsed = parse_query(query)?;
        let atoms: Vec<&str> = parsed.groups.iter().flatten().chain(&parsed.excluded).map(|a| a.text()).collect();
        let analyzer = self.analyzer_for(&atoms.join("|"));
        let fields = self.snapshot.generation.fields;
        let searcher = self.snapshot.searcher();
        let ranking = opts.ranking();
        let vocabulary = IndexVocabulary { searcher: &searcher, fields };
        let expander = Expander { glossary: &self.glossary, vocabulary: &vocabulary, limit: ranking.max_alternatives };
        let cx = Context {
            analyzer: &analyzer,
            expander: &expander,
            fields: &fields,
            ranking,
            paths: &self.paths,
            searcher: &searcher,
            columns: &self.columns,
            exact: opts.exact(),
            only_file: opts.file(),
            only_section: opts.section(),
        };
        let plan = plan(&parsed, &cx)?;
        let collection = Collection { searcher: &searcher, columns: &self.columns, fields, heading: ranking.heading };
        run(&collection, plan)
    }
}

/// A planned search: count if asked, order, make the hits.
fn search(collection: &Collection, plan: QueryPlan, opts: &SearchOptions, started: Instant) -> Result<SearchResults> {
    let want = Want { facets: opts.facets(), places: opts.sort() == Sort::Path };
    let tally = match opts.count() || want.places {
        true => Some(tally(collection, &plan, want)?),
        false => None,
    };
    let (found, relaxed) = match &tally {
        Some(t) if want.places => (by_path(collection, &t.matches, opts)?, false),
        _ => by_relevance(collection, &plan, opts)?,
    };
    let mut hits = Vec::with_capacity(found.len());
    for (k, f) in found.into_iter().enumerate() {
        hits.push(make_hit(collection, f, opts.offset() + k + 1, &plan, opts)?);
    }
    // Nothing holds the stretch as typed: its near matches, after the
    // exact hits (if its words stand apart somewhere), marked.
    let mut near = 0;
    let first_page = opts.offset() == 0 && opts.near();
    if let Some(near_plan) = plan.near.as_deref().filter(|p| first_page && super::near::wanted(p, &hits)) {
        for (k, f) in super::near::near_hits(collection, near_plan, opts)?.into_iter().enumerate() {
            let mut hit = make_hit(collection, f, k + 1, near_plan, opts)?;
            hit.near = true;
            hits.push(hit);
            near += 1;
        }
    }
    let mut query = plan.explanation;
    query.relaxed = relaxed;
    let summary = Summary {
        counts: tally.as_ref().map(|t| Counts { passages: t.passages, places: t.places, occurrences: t.occurrences }),
        shown: hits.len(),
        near,
        offset: opts.offset(),
        elapsed: started.elapsed(),
    };
    let facets = tally.filter(|_| want.facets).map(facets_of);
    Ok(SearchResults { hits, query, summary, facets })
}

fn facets_of(t: Tally) -> Facets {
    Facets {
        files: t.files.into_iter().map(|(path, places)| FileCount { path, places }).collect(),
        sections: t
            .sections
            .into_iter()
            .map(|((path, section), places)| SectionCount { path, section, places })
            .collect(),
    }
}

/// The hit for a found passage: the place shown, its duplicates, how its
/// words matched, snippets, and its neighbours if asked for.
fn make_hit(c: &Collection, found: Found, rank: usize, plan: &QueryPlan, opts: &SearchOptions) -> Result<Hit> {
    let score = found.score;
    let (document, duplicates) = places(c, found, &plan.highlight, &plan.filter, plan.explanation.files.as_deref())?;
    let terms = &plan.highlight;
    let width = opts.width();
    let own = find_matches(&document.text, terms);
    let (snippet, share) = snippet_in(&document.text, &own, width, true);
    let at = own.first().map_or(share.0, |m| {
        document.text[..m.range.start].chars().count() as f32 / document.text.chars().count().max(1) as f32
    });
    let translation_snippet = document.translation.as_ref().map(|t| match find_matches(t, terms) {
        // The query matched only the Chinese: the English of that stretch.
        m if m.is_empty() => aligned_snippet(&document.text, share, at, t, width * 2),
        m => make_snippet(t, &m, width * 2),
    });
    let matched = matched(&document, &plan.checks);
    let n = opts.context() as u64;
    let p = document.paragraph;
    let near = |from: u64, to: u64| -> Result<Vec<Document>> {
        if from > to { Ok(Vec::new()) } else { Ok(paragraphs_of(c.searcher, &c.fields, &document.path, from, to)?) }
    };
    let before = near(p.saturating_sub(n).max(1), p - 1)?;
    let after = near(p + 1, p + n)?;
    let under = match document.kind {
        DocKind::Heading => near(p + 1, p + 1)?.pop().filter(|d| d.kind == DocKind::Paragraph),
        DocKind::Paragraph => None,
    };
    Ok(Hit {
        rank,
        score,
        document,
        snippet,
        translation_snippet,
        duplicates,
        matched,
        under,
        before,
        after,
        near: false,
    })
}

#[cfg(test)]
#[path = "searcher_tests.rs"]
mod tests;
