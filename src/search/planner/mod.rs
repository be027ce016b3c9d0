//! From a parsed query to a [`QueryPlan`]: the tantivy query, and what the
//! later stages need (text conditions, the re-ranking, the highlights, the
//! explanation), in named parts that no later stage changes.
//!
//! Every concept matches through up to three fields: its bigrams anywhere
//! (`grams`, exact substrings: the recall guarantee for Han text), its word
//! (`words`, ranks whole-word matches above substring-only ones) and its
//! English stem (`english`, translations and English text). Scores add up
//! across fields with the weights of [`Ranking`].
//!
//! One [`Planner`] holds the state while a plan is built, with one function
//! per strategy, each in its own file:
//! - **keyword** atoms (`keyword.rs`) require every content word, and rank
//!   passages where the typed words stand together first;
//! - **question** atoms (`question.rs`: questions, pasted text) are a union
//!   of terms, the words of the question and every bigram of it, so a
//!   passage phrased differently still scores; block-max WAND finds the best
//!   candidates without scoring every passage, and the searcher re-ranks
//!   them by coverage and proximity ([`Rerank`]);
//! - **alternatives** (`alternatives.rs`: `A OR B`, quoted phrases);
//! - **exclusions** and `file:` filters (`exclusions.rs`);
//! - a question's **section titles** (`sections.rs`), looked up in the index.
//!
//! Function words (的, 是, 什么, `the`) weigh little and are never required.
//! Why the weights are what they are: docs/relevance.md.

mod alternatives;
mod approximate;
mod atom;
mod clauses;
mod exclusions;
mod explain;
mod files;
mod filter;
mod keyword;
mod mode;
mod near;
mod passage;
mod prefix;
mod question;
mod sections;
mod union;

#[cfg(test)]
pub(crate) use explain::HighlightGroup;
pub(crate) use explain::HighlightTerms;
pub use explain::{AtomExplanation, Explanation, Notice, QueryMode};
pub(crate) use filter::TextFilter;

use crate::analysis::Analyzer;
use crate::error::{Error, Result};
use crate::index::Fields;
use crate::search::present::WordCheck;
use crate::search::query::{Atom, ParsedQuery};
use crate::search::scoring::columns::Columns;
use crate::search::scoring::containment::Containment;
use crate::search::scoring::occurrences::Counted;
use crate::translate::Expander;
use crate::tuning::Ranking;
use atom::Analysed;
use clauses::{any_of, english_phrase};
use std::sync::Arc;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, Query};
use union::TermUnion;

/// What planning needs to know of the query's world.
pub(crate) struct Context<'a> {
    /// Segments the query as the index was segmented.
    pub analyzer: &'a Analyzer,
    /// Translations and readings, pruned by the index's vocabulary.
    pub expander: &'a Expander<'a>,
    pub fields: &'a Fields,
    pub ranking: &'a Ranking,
    /// Every indexed path (for `file:`).
    pub paths: &'a [String],
    /// The index (section titles are looked up while planning).
    pub searcher: &'a tantivy::Searcher,
    pub columns: &'a Columns,
    /// Every atom as written (`--exact`): only width and case folded, no
    /// expansions, verified on the text.
    pub exact: bool,
    /// [`SearchOptions::with_file`](crate::SearchOptions::with_file).
    pub only_file: Option<&'a str>,
    /// [`SearchOptions::with_section`](crate::SearchOptions::with_section).
    pub only_section: Option<&'a str>,
}

/// A query ready to run.
pub(crate) struct QueryPlan {
    /// The tantivy query.
    pub query: Box<dyn Query>,
    /// What the index can only approximate, checked on the stored text.
    pub filter: TextFilter,
    /// How a natural-language query's candidates are re-ranked.
    pub rerank: Option<Rerank>,
    /// What to highlight in a hit.
    pub highlight: HighlightTerms,
    /// How the query was understood.
    pub explanation: Explanation,
    /// What its occurrences are counted by.
    pub counted: Counted,
    /// Its words, for each hit's `matched`.
    pub checks: Vec<WordCheck>,
    /// A pasted passage: hits rank by how much of it they hold.
    pub passage: Option<Arc<Containment>>,
    /// Near matches, run only when no hit holds the query's stretch as typed.
    pub near: Option<Box<QueryPlan>>,
}

/// The second stage of a natural-language query.
pub(crate) struct Rerank {
    /// The content words, each with its alternative forms (canonical).
    pub concepts: Vec<Vec<String>>,
    /// How many of them a hit should contain (the minimum-match rule:
    /// passages with fewer rank after the rest).
    pub min_should_match: usize,
}

/// Plan `q`.
pub(crate) fn plan(q: &ParsedQuery, cx: &Context) -> Result<QueryPlan> {
    let (q, mut notices) = prefix::chinese_prefixes_as_text(q);
    let q = mode::join_english_words(&q);
    let prefixes = prefix::find_all(&q, cx, &mut notices)?;
    let passage = passage::passage_text(&q).filter(|_| !cx.exact);
    let mut p = match passage {
        // Not analysed as words: a pasted text may be a megabyte.
        Some(_) => Planner::with_mode(cx, false, 0),
        None => Planner::new(&q, cx),
    };
    if let Some(message) = &q.unbalanced_quote {
        if !p.question && passage.is_none() {
            return Err(Error::Query(message.clone()));
        }
        notices.push(Notice::UnbalancedQuote { message: message.clone() });
    }
    match &passage {
        Some(text) => p.passage(text),
        None => q.groups.iter().for_each(|g| p.group(g, &prefixes)),
    }
    p.near(&q.near);
    p.exclusions(&q.excluded);
    p.files(&q.files);
    p.section(cx.only_section);
    let only_stop_words = p.explanation.groups.iter().flatten().all(|a| {
        matches!(a.atom, Atom::Text(_)) && !a.concepts.is_empty() && a.concepts.iter().all(|c| c.function_word)
    });
    if only_stop_words && !p.explanation.groups.is_empty() {
        notices.push(Notice::OnlyStopWords);
    }
    notices.append(&mut p.explanation.notices);
    p.explanation.notices = notices;
    let mut plan = p.finish()?;
    if plan.explanation.mode != QueryMode::Passage {
        plan.near = approximate::near_plan(&q, cx, &plan.explanation).map(Box::new);
    }
    Ok(plan)
}

/// The whole query when it is one required concept: that concept in its
/// own form (a union of terms, where block-max WAND applies).
#[derive(Default)]
struct Alone {
    query: Option<Box<dyn Query>>,
    /// It is a two-character word alone: a union of two terms already.
    is_union: bool,
}

/// A plan being built.
struct Planner<'a> {
    cx: &'a Context<'a>,
    question: bool,
    /// Content words in the whole query.
    content_words: usize,
    explanation: Explanation,
    highlight: HighlightTerms,
    filter: TextFilter,
    /// Clauses every hit must match.
    required: Vec<Box<dyn Query>>,
    /// Clauses that add score (and make candidates, without required ones).
    optional: Vec<Box<dyn Query>>,
    /// Exclusions and `file:` restrictions.
    filters: Vec<(Occur, Box<dyn Query>)>,
    /// A question's content words with their forms.
    rerank: Vec<Vec<String>>,
    /// A question's bigrams to look for in section titles.
    section_bigrams: Vec<String>,
    alone: Alone,
    /// A keyword query of Han words only may be one union of terms.
    union: TermUnion,
    counted: Counted,
    checks: Vec<WordCheck>,
    /// A pasted passage: what re-ranks its candidates.
    passage: Option<Arc<Containment>>,
}

impl<'a> Planner<'a> {
    fn new(q: &ParsedQuery, cx: &'a Context<'a>) -> Planner<'a> {
        // A literal search requires every word as written: keywords.
        let question = !cx.exact && mode::is_question(q, cx.analyzer, cx.ranking);
        Planner::with_mode(cx, question, mode::count_content(q, cx.analyzer))
    }

    fn with_mode(cx: &'a Context<'a>, question: bool, content_words: usize) -> Planner<'a> {
        let mode = if question { QueryMode::Question } else { QueryMode::Keyword };
        Planner {
            cx,
            question,
            content_words,
            explanation: Explanation { mode, ..Default::default() },
            highlight: HighlightTerms::default(),
            filter: TextFilter::default(),
            required: Vec::new(),
            optional: Vec::new(),
            filters: Vec::new(),
            rerank: Vec::new(),
            section_bigrams: Vec::new(),
            alone: Alone::default(),
            union: TermUnion::default(),
            counted: Counted::default(),
            checks: Vec::new(),
            passage: None,
        }
    }

    /// One group of alternatives (a single atom, or atoms joined by `OR`).
    fn group(&mut self, group: &[Atom], prefixes: &prefix::Prefixes) {
        let analysed: Vec<Analysed> = group
            .iter()
            .filter_map(|a| Analysed::new(a, self.cx, self.question))
            .map(|a| {
                let terms = prefixes.get(a.atom.text()).filter(|_| matches!(a.atom, Atom::Prefix(_)));
                a.with_prefix(terms, self.cx)
            })
            .collect();
        if analysed.is_empty() {
            return;
        }
        self.highlight.groups.extend(analysed.iter().map(Analysed::highlight));
        analysed.iter().for_each(|a| a.count_into(&mut self.counted));
        self.checks.extend(analysed.iter().flat_map(Analysed::checks));
        // English typed in order: passages (translations) that have it in
        // that order rank first.
        for a in analysed.iter().filter(|a| a.is_text()) {
            let phrase = english_phrase(&a.norm, self.cx.fields, self.cx.ranking.english_phrase);
            if phrase.is_some() {
                self.union.give_up();
            }
            self.optional.extend(phrase);
        }
        self.explanation.groups.push(analysed.iter().map(Analysed::explain).collect());
        match analysed.as_slice() {
            [a] if a.is_text() && self.question => self.question_atom(a),
            [a] if a.is_text() => {
                self.filter.require(vec![a.needles()].into_iter().filter(|n| !n.is_empty()).collect());
                self.keyword_atom(a)
            }
            alternatives => self.alternatives(alternatives),
        }
    }

    /// The plan.
    fn finish(mut self) -> Result<QueryPlan> {
        if self.explanation.groups.is_empty() {
            return Err(Error::Query("nothing searchable in the query (only punctuation, symbols or spaces)".into()));
        }
        let (cx, r) = (self.cx, self.cx.ranking);
        let min_should_match = if self.question { r.min_should_match(self.rerank.len()) } else { 0 };
        self.explanation.min_should_match = min_should_match;
        let single = self.required.len() == 1 && self.optional.is_empty();
        let alone = if !self.filters.is_empty() {
            None
        } else if single && self.alone.is_union {
            self.alone.query
        } else {
            let alone = if single { self.alone.query } else { None };
            self.union.query(&self.required, cx.expander, r).or(alone)
        };
        if self.required.is_empty() && self.optional.is_empty() {
            // Filters alone match nothing.
            self.filters.clear();
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = self.required.into_iter().map(|q| (Occur::Must, q)).collect();
        clauses.extend(self.optional.into_iter().map(|q| (Occur::Should, q)));
        clauses.extend(self.filters);
        // A question's section titles add to the passages under them: the
        // query is no longer one concept alone.
        let sections = sections::section_clauses(cx, &self.section_bigrams)?;
        let alone = if sections.is_empty() { alone } else { None };
        clauses.extend(sections.into_iter().map(|q| (Occur::Should, q)));
        let rerank = (!self.rerank.is_empty()).then_some(Rerank { concepts: self.rerank, min_should_match });
        Ok(QueryPlan {
            query: alone.unwrap_or_else(|| combine(&clauses)),
            filter: self.filter,
            rerank,
            highlight: self.highlight,
            explanation: self.explanation,
            counted: self.counted,
            checks: self.checks,
            passage: self.passage,
            near: None,
        })
    }
}

/// The clauses as one query.
fn combine(clauses: &[(Occur, Box<dyn Query>)]) -> Box<dyn Query> {
    match clauses {
        [] => Box::new(EmptyQuery),
        // One word: its own union of terms at the top, where block-max
        // WAND applies.
        [(Occur::Must, q)] => q.box_clone(),
        clauses if clauses.iter().any(|c| c.0 == Occur::Must) => chained(clauses),
        clauses => Box::new(BooleanQuery::new(clauses.iter().map(|(o, q)| (*o, q.box_clone())).collect())),
    }
}

/// Required clauses (and filters) with optional ones that only add score,
/// as a chain: ((required + optional₁) + optional₂) + …. Each optional
/// clause is then asked about the required matches alone; as one union,
/// tantivy would score every document of every optional clause in windows
/// of 4,096 around each match (function words span most of them).
///
/// The chain is at most [`MAX_CHAIN`] deep (tantivy builds its scorers
/// recursively: a query of a thousand optional concepts overflowed the
/// stack); optional clauses beyond it are one union, the last link.
fn chained(clauses: &[(Occur, Box<dyn Query>)]) -> Box<dyn Query> {
    let base: Vec<(Occur, Box<dyn Query>)> =
        clauses.iter().filter(|c| c.0 != Occur::Should).map(|(o, q)| (*o, q.box_clone())).collect();
    let mut q: Box<dyn Query> = Box::new(BooleanQuery::new(base));
    let optional: Vec<&Box<dyn Query>> = clauses.iter().filter(|c| c.0 == Occur::Should).map(|(_, q)| q).collect();
    let (linked, rest) = optional.split_at(optional.len().min(MAX_CHAIN));
    let rest: Option<Box<dyn Query>> = match rest {
        [] => None,
        rest => Some(any_of(rest.iter().map(|q| q.box_clone()).collect())),
    };
    for optional in linked.iter().map(|q| q.box_clone()).chain(rest) {
        q = Box::new(BooleanQuery::new(vec![(Occur::Must, q), (Occur::Should, optional)]));
    }
    q
}

/// Links of optional clauses chained one by one (the rest are one union).
const MAX_CHAIN: usize = 32;
#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::Term;
    use tantivy::collector::TopDocs;
    use tantivy::query::TermQuery;
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{Index, doc};

    #[test]
    fn chained_optional_clauses_match_and_score_as_one_union() {
        let mut b = Schema::builder();
        let text = b.add_text_field("text", TEXT);
        let index = Index::create_in_ram(b.build());
        let mut w = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        for t in ["a b c", "a b", "a c c", "a", "b c", "a b c d", "a a b"] {
            w.add_document(doc!(text => t)).expect("add");
        }
        w.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let term = |s: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(Term::from_field_text(text, s), IndexRecordOption::WithFreqs))
        };
        let clauses = vec![
            (Occur::Must, term("a")),
            (Occur::Should, term("b")),
            (Occur::Should, term("c")),
            (Occur::MustNot, term("d")),
        ];
        let flat = BooleanQuery::new(clauses.iter().map(|(o, q)| (*o, q.box_clone())).collect());
        let top = TopDocs::with_limit(10).order_by_score();
        let expected = searcher.search(&flat, &top).expect("flat");
        let got = searcher.search(chained(&clauses).as_ref(), &top).expect("chained");
        assert_eq!(expected.len(), 5);
        assert_eq!(got.len(), expected.len());
        for ((s1, a1), (s2, a2)) in expected.iter().zip(&got) {
            assert_eq!(a1, a2);
            assert!((s1 - s2).abs() < 1e-5, "{s1} {s2}");
        }
    }
}
