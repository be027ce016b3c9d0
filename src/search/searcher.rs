//! Running queries against a snapshot of the index.

use super::columns::Columns;
use super::distinct::DistinctTopDocs;
use super::highlight::find_matches;
use super::plan::{Explanation, HighlightTerms, QueryPlan, Ranking, plan};
use super::rerank::Reranker;
use super::sections::section_clauses;
use super::snippet::{Snippet, make_snippet};
use super::syntax::parse_query;
use crate::analysis::charclass::classify;
use crate::analysis::{Analyzer, Lexicon, Normalized, QueryDictionary, WordSettings};
use crate::corpus::{Document, GLOSSARY_FILE, Warning};
use crate::error::{Error, Result};
use crate::index::{Fields, KIND_HEADING, Snapshot, from_stored};
use crate::translate::{Expander, Glossary, Vocabulary};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;
use tantivy::query::Query;
use tantivy::{DocAddress, TantivyDocument, Term};

/// How to search.
#[derive(Clone, Debug)]
pub struct SearchOptions {
    /// Hits to return.
    pub limit: usize,
    /// Snippet width in characters.
    pub width: usize,
    /// Ranking weights.
    pub ranking: Ranking,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { limit: 10, width: 100, ranking: Ranking::default() }
    }
}

/// Where a passage is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    /// File, relative to the corpus.
    pub path: String,
    /// 1-based line.
    pub line: u64,
}

/// One result.
#[derive(Clone, Debug, Serialize)]
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
    pub duplicates: Vec<Location>,
}

/// The outcome of a search.
#[derive(Clone, Debug, Serialize)]
pub struct SearchResults {
    /// Hits, best first.
    pub hits: Vec<Hit>,
    /// How the query was understood.
    pub query: Explanation,
}

/// Searches one index.
///
/// ```no_run
/// use yuanwen::search::{Searcher, SearchOptions};
/// let searcher = Searcher::open("index".as_ref())?;
/// for hit in searcher.search("国际劳工局", &SearchOptions::default())?.hits {
///     println!("{}:{} {}", hit.document.path, hit.document.line, hit.snippet.text);
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
    /// Open the index in `dir`.
    pub fn open(dir: &Path) -> Result<Searcher> {
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

    /// The snapshot searched.
    pub fn snapshot(&self) -> &Snapshot {
        &self.snapshot
    }

    /// An analyzer that segments `text` as the index did.
    pub fn analyzer_for(&self, text: &str) -> Analyzer {
        let n = Normalized::new(text);
        match self.query_dictionary.lock() {
            Ok(mut dict) => Analyzer::for_text_reusing(&self.lexicon, self.settings, &n, &mut dict),
            Err(_) => Analyzer::for_text(&self.lexicon, self.settings, &n),
        }
    }

    /// Run `query`.
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Result<SearchResults> {
        let parsed = parse_query(query)?;
        let atoms: Vec<&str> = parsed.groups.iter().flatten().chain(&parsed.excluded).map(|a| a.text()).collect();
        let analyzer = self.analyzer_for(&atoms.join("|"));
        let fields = self.snapshot.generation.fields;
        let searcher = self.snapshot.searcher();
        let vocabulary = IndexVocabulary { searcher: &searcher, fields };
        let expander =
            Expander { glossary: &self.glossary, vocabulary: &vocabulary, limit: opts.ranking.max_alternatives };
        let mut p = plan(&parsed, &analyzer, &expander, &fields, &opts.ranking, &self.paths);
        if p.explanation.groups.is_empty() {
            return Err(Error::Query("nothing searchable in the query (only punctuation, symbols or spaces)".into()));
        }
        let limit = opts.limit.max(1);
        let sections = &p.section_bigrams;
        for q in section_clauses(&searcher, &fields, &self.columns, sections, opts.ranking.section)? {
            p.add_optional(q);
        }
        let mut run = Run {
            searcher: &searcher,
            columns: &self.columns,
            fields,
            heading: opts.ranking.heading,
            hits: Vec::new(),
        };
        let reranker = (!p.rerank.is_empty()).then(|| Reranker::new(&p.rerank, &searcher, &fields));
        let depth = if reranker.is_some() { limit.max(opts.ranking.rerank_depth) } else { limit };
        run.collect(p.query().as_ref(), depth, &p.must_contain, &p.must_not_contain)?;
        if let Some(r) = &reranker {
            let max = run.hits.iter().map(|h| h.score).fold(0.0, f32::max);
            for h in &mut run.hits {
                // A passage and its translation are one text to the question.
                let text = match &h.document.translation {
                    Some(t) => std::borrow::Cow::Owned(format!("{}\n{t}", h.document.text)),
                    None => std::borrow::Cow::Borrowed(h.document.text.as_str()),
                };
                let (score, present) = r.combined(h.score, max, &text, &opts.ranking);
                h.score = score;
                // The minimum-match rule: too few of the question's words
                // ranks after every passage that has enough.
                h.short = present < p.min_should_match;
            }
        }
        run.hits.sort_by(|a, b| {
            a.short
                .cmp(&b.short)
                .then_with(|| b.score.total_cmp(&a.score))
                .then_with(|| (&a.document.path, a.document.line).cmp(&(&b.document.path, b.document.line)))
        });
        run.hits.truncate(limit);
        p.explanation.relaxed = run.hits.iter().any(|h| h.short);
        let mut hits = Vec::with_capacity(run.hits.len());
        for (rank, found) in run.hits.into_iter().enumerate() {
            hits.push(self.make_hit(&searcher, &fields, found, rank + 1, &p, opts.width)?);
        }
        Ok(SearchResults { hits, query: p.explanation })
    }

    fn make_hit(
        &self,
        searcher: &tantivy::Searcher,
        fields: &Fields,
        found: Found,
        rank: usize,
        p: &QueryPlan,
        width: usize,
    ) -> Result<Hit> {
        let terms = &p.highlight;
        // All places of this passage; the first in corpus order is shown.
        // A place with the very same text needs only its location (from the
        // fast fields). Near-identical is not identical (punctuation, a
        // character the converter reads differently): such a place is listed
        // only if it matches the query as well as the hit does, and meets
        // the text conditions (a quoted phrase with punctuation).
        let check_text = !p.must_contain.is_empty() || !p.must_not_contain.is_empty();
        let cols = &self.columns;
        let own_hash = cols.texthash(found.address);
        let mut own_terms: Option<BTreeSet<usize>> = None;
        let mut places =
            vec![(Location { path: found.document.path.clone(), line: found.document.line }, found.address)];
        for addr in cols.copies(searcher, fields, found.dupkey)? {
            if addr == found.address {
                continue;
            }
            if !check_text && cols.texthash(addr) == own_hash {
                places.push((cols.location(addr)?, addr));
                continue;
            }
            let d = from_stored(&searcher.doc::<TantivyDocument>(addr)?, fields);
            let own = own_terms.get_or_insert_with(|| matched_terms(&found.document.text, terms));
            if passes(&d.text, &p.must_contain, &p.must_not_contain) && own.is_subset(&matched_terms(&d.text, terms)) {
                places.push((Location { path: d.path, line: d.line }, addr));
            }
        }
        places.sort();
        let mut places = places.into_iter();
        let (_, first) = places.next().expect("the hit itself");
        let document = if first == found.address {
            found.document
        } else {
            from_stored(&searcher.doc::<TantivyDocument>(first)?, fields)
        };
        let duplicates = places.map(|(l, _)| l).collect();
        let snippet = make_snippet(&document.text, &find_matches(&document.text, terms), width);
        let translation_snippet =
            document.translation.as_ref().map(|t| make_snippet(t, &find_matches(t, terms), width * 2));
        Ok(Hit { rank, score: found.score, document, snippet, translation_snippet, duplicates })
    }
}

/// The query terms `text` matches.
fn matched_terms(text: &str, terms: &HighlightTerms) -> BTreeSet<usize> {
    find_matches(text, terms).into_iter().map(|m| m.term).collect()
}

/// Does `text` (canonicalised) contain every `must` and no `must_not`?
fn passes(text: &str, must: &[String], must_not: &[String]) -> bool {
    if must.is_empty() && must_not.is_empty() {
        return true;
    }
    let canon = Normalized::new(text);
    let text = canon.text();
    must.iter().all(|s| text.contains(s.as_str())) && !must_not.iter().any(|s| text.contains(s.as_str()))
}

/// The index's vocabulary, for pruning translations.
struct IndexVocabulary<'a> {
    searcher: &'a tantivy::Searcher,
    fields: Fields,
}

impl Vocabulary for IndexVocabulary<'_> {
    fn han_df(&self, s: &str) -> u64 {
        let df = |field, t: &str| self.searcher.doc_freq(&Term::from_field_text(field, t)).unwrap_or(0);
        let chars: Vec<char> = s.chars().filter(|&c| classify(c).is_searchable()).collect();
        match chars.len() {
            0 => 0,
            1 => df(self.fields.words, s).max(df(self.fields.grams, s)),
            _ => chars.windows(2).map(|w| df(self.fields.grams, &w.iter().collect::<String>())).min().unwrap_or(0),
        }
    }

    fn english_df(&self, stem: &str) -> u64 {
        self.searcher.doc_freq(&Term::from_field_text(self.fields.english, stem)).unwrap_or(0)
    }

    fn word_df(&self, word: &str) -> u64 {
        self.searcher.doc_freq(&Term::from_field_text(self.fields.words, word)).unwrap_or(0)
    }

    fn num_docs(&self) -> u64 {
        self.searcher.num_docs()
    }
}

struct Found {
    address: DocAddress,
    score: f32,
    /// Has fewer of a question's words than the minimum-match rule asks.
    short: bool,
    dupkey: u64,
    document: Document,
}

/// One search in progress: the hits so far.
struct Run<'a> {
    searcher: &'a tantivy::Searcher,
    columns: &'a Columns,
    fields: Fields,
    heading: f32,
    hits: Vec<Found>,
}

impl Run<'_> {
    /// Collect the best `limit` passages of `query` (one hit per passage,
    /// however many places it occurs in) whose text meets the conditions.
    fn collect(&mut self, query: &dyn Query, limit: usize, must: &[String], must_not: &[String]) -> Result<()> {
        // Every candidate is a distinct passage, scored as it ranks: only
        // text conditions call for a margin.
        let mut fetch = if must.is_empty() && must_not.is_empty() { limit } else { limit + limit / 2 + 5 };
        let mut done = 0;
        loop {
            let top = DistinctTopDocs::new(fetch, self.columns.dupkeys()).scaling(
                self.columns.kinds(),
                KIND_HEADING,
                self.heading,
            );
            let scored = self.searcher.search(query, &top)?;
            let exhausted = scored.len() < fetch;
            for (score, address, dupkey) in scored.into_iter().skip(done) {
                done += 1;
                let t: TantivyDocument = self.searcher.doc(address)?;
                let mut found = (address, from_stored(&t, &self.fields));
                if !passes(&found.1.text, must, must_not) {
                    // The collector keeps one copy of a passage; a
                    // near-identical copy may meet the condition instead.
                    match self.passing_copy(dupkey, address, must, must_not)? {
                        Some(copy) => found = copy,
                        None => continue,
                    }
                }
                let (address, document) = found;
                self.hits.push(Found { address, score, short: false, dupkey, document });
                if self.hits.len() >= limit {
                    break;
                }
            }
            if self.hits.len() >= limit || exhausted {
                break;
            }
            fetch *= 4;
        }
        Ok(())
    }

    /// The first copy (in index order) of passage `dupkey`, other than
    /// `skip`, whose text meets the conditions.
    fn passing_copy(
        &self,
        dupkey: u64,
        skip: DocAddress,
        must: &[String],
        must_not: &[String],
    ) -> Result<Option<(DocAddress, Document)>> {
        for addr in self.columns.copies(self.searcher, &self.fields, dupkey)?.into_iter().filter(|&a| a != skip) {
            let d = from_stored(&self.searcher.doc::<TantivyDocument>(addr)?, &self.fields);
            if passes(&d.text, must, must_not) {
                return Ok(Some((addr, d)));
            }
        }
        Ok(None)
    }
}
