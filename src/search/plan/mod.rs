//! From a parsed query to a tantivy query.
//!
//! Every concept matches through up to three fields: its bigrams anywhere
//! (`grams`, exact substrings: the recall guarantee for Han text), its word
//! (`words`, ranks whole-word matches above substring-only ones) and its
//! English stem (`english`, translations and English text). Scores add up
//! across fields with the weights of [`Ranking`].
//!
//! - **Keyword queries** require every content word ([`clauses::required_concept`]),
//!   and rank passages where the typed words stand together first.
//! - **Natural-language queries** (questions, pasted text) are a union of
//!   terms: the words of the question and every bigram of it, so a passage
//!   phrased differently still scores; tantivy's block-max WAND then finds
//!   the best candidates without scoring every passage. The searcher
//!   re-ranks those by coverage and proximity and applies the minimum-match
//!   rule ([`Ranking::min_should_match`]). Function words (的, 是, 什么,
//!   `the`) weigh little and are never required.

mod clauses;
mod explain;
mod files;
mod ranking;
mod union;

pub use clauses::is_question_char;
pub use explain::{AtomExplanation, Explanation, HighlightGroup, HighlightTerms};
pub use files::path_matches;
pub use ranking::Ranking;

use super::concepts::{Concept, concepts, is_question_word, merge_single_characters, translate_concepts};
use super::raised::raised;
use super::substring::Substring;
use super::syntax::{Atom, ParsedQuery};
use crate::analysis::{Analyzer, Normalized};
use crate::index::Fields;
use crate::translate::Expander;
use clauses::{
    all_of, any_of, boost, concept_terms, english_phrase, is_bigram_word, is_plain_han, question_bigrams, rare_bigrams,
    required_concept, term,
};
use tantivy::Term;
use tantivy::query::{BooleanQuery, EmptyQuery, Occur, Query, TermSetQuery};

/// A query ready to run.
pub struct QueryPlan {
    /// Required, optional and filtering clauses.
    clauses: Vec<(Occur, Box<dyn Query>)>,
    /// The whole query when it is one required concept (its own union of
    /// terms, where block-max WAND applies).
    alone: Option<Box<dyn Query>>,
    /// Canonical substrings every hit must contain (checked on the text).
    pub must_contain: Vec<String>,
    /// Canonical substrings no hit may contain.
    pub must_not_contain: Vec<String>,
    /// What to highlight.
    pub highlight: HighlightTerms,
    /// How the query was understood.
    pub explanation: Explanation,
    /// Content words of a natural-language query (re-ranking, minimum
    /// match), each with its alternative forms.
    pub rerank: Vec<Vec<String>>,
    /// The bigrams of a natural-language query to look for in section
    /// titles.
    pub section_bigrams: Vec<String>,
    /// How many of [`QueryPlan::rerank`] a hit should contain.
    pub min_should_match: usize,
}

impl QueryPlan {
    /// The tantivy query.
    pub fn query(&self) -> Box<dyn Query> {
        if let Some(q) = &self.alone {
            return q.box_clone();
        }
        match self.clauses.as_slice() {
            [] => Box::new(EmptyQuery),
            // One word: its own union of terms at the top, where block-max
            // WAND applies.
            [(Occur::Must, q)] => q.box_clone(),
            clauses if clauses.iter().any(|c| c.0 == Occur::Must) => chained(clauses),
            clauses => Box::new(BooleanQuery::new(clauses.iter().map(|(o, q)| (*o, q.box_clone())).collect())),
        }
    }

    /// Add a clause that adds to the score of the passages it matches (and
    /// makes them candidates).
    pub fn add_optional(&mut self, q: Box<dyn Query>) {
        self.alone = None;
        self.clauses.push((Occur::Should, q));
    }
}

/// Required clauses (and filters) with optional ones that only add score,
/// as a chain: ((required + optional₁) + optional₂) + …. Each optional
/// clause is then asked about the required matches alone; as one union,
/// tantivy would score every document of every optional clause in windows
/// of 4,096 around each match (function words span most of them).
fn chained(clauses: &[(Occur, Box<dyn Query>)]) -> Box<dyn Query> {
    let base: Vec<(Occur, Box<dyn Query>)> =
        clauses.iter().filter(|c| c.0 != Occur::Should).map(|(o, q)| (*o, q.box_clone())).collect();
    let mut q: Box<dyn Query> = Box::new(BooleanQuery::new(base));
    for (_, optional) in clauses.iter().filter(|c| c.0 == Occur::Should) {
        q = Box::new(BooleanQuery::new(vec![(Occur::Must, q), (Occur::Should, optional.box_clone())]));
    }
    q
}

/// One typed atom, analysed.
struct Analysed<'q> {
    atom: &'q Atom,
    norm: Normalized,
    concepts: Vec<Concept>,
    /// The whole atom as an exact substring (if it has searchable characters).
    whole: Option<Substring>,
}

fn analyse<'q>(atom: &'q Atom, analyzer: &Analyzer, expander: &Expander, question: bool) -> Option<Analysed<'q>> {
    let norm = Normalized::new(atom.text());
    let whole = Substring::new(&norm, 0..norm.len_chars());
    let concepts = match atom {
        Atom::Phrase(_) => Vec::new(),
        Atom::Text(_) => {
            let cs = concepts(&norm, analyzer);
            translate_concepts(if question { cs } else { merge_single_characters(cs) }, expander)
        }
    };
    let empty = match atom {
        Atom::Phrase(_) => whole.is_none(),
        Atom::Text(_) => concepts.is_empty(),
    };
    (!empty).then_some(Analysed { atom, norm, concepts, whole })
}

impl Analysed<'_> {
    fn explain(&self) -> AtomExplanation {
        AtomExplanation {
            atom: self.atom.clone(),
            canonical: self.norm.text().to_string(),
            concepts: self.concepts.clone(),
        }
    }

    fn highlight(&self) -> HighlightGroup {
        let mut g = HighlightGroup::default();
        let several = self.concepts.len() >= 2 || self.concepts.iter().any(|c| c.words.len() > 1);
        if matches!(self.atom, Atom::Phrase(_)) || several {
            g.whole = self.whole.as_ref().map(|s| s.canonical.clone());
        }
        let all_function = self.concepts.iter().all(|c| c.function_word);
        for c in self.concepts.iter().filter(|c| !c.function_word || all_function) {
            g.add(c);
        }
        g
    }

    /// The atom as one required condition (a phrase, or one alternative of
    /// an OR group): all its content words.
    fn condition(&self, f: &Fields, r: &Ranking) -> Box<dyn Query> {
        match (self.atom, &self.whole) {
            (Atom::Phrase(_), Some(sub)) => boost(sub.query(f.grams), r.grams),
            _ => {
                let content: Vec<&Concept> = self.concepts.iter().filter(|c| !c.function_word).collect();
                let chosen = if content.is_empty() { self.concepts.iter().collect() } else { content };
                all_of(chosen.into_iter().map(|c| required_concept(c, &self.norm, f, r, false)).collect())
            }
        }
    }
}

/// Build the plan. `paths` is every indexed path (for `file:`).
pub fn plan(
    q: &ParsedQuery,
    analyzer: &Analyzer,
    expander: &Expander,
    f: &Fields,
    r: &Ranking,
    paths: &[String],
) -> QueryPlan {
    let q = &join_english_words(q);
    let question = is_question(q, analyzer, r);
    let content_words = count_content(q, analyzer);
    let mut ex = Explanation { mode: if question { "question" } else { "keyword" }.into(), ..Default::default() };
    let mut hl = HighlightTerms::default();
    let (mut must_contain, mut must_not_contain) = (Vec::new(), Vec::new());
    let mut required: Vec<Box<dyn Query>> = Vec::new();
    let mut optional: Vec<Box<dyn Query>> = Vec::new();
    let mut rerank = Vec::new();
    let mut section_bigrams = Vec::new();
    // The first required concept in the form for a query of that one word.
    let mut alone: Option<Box<dyn Query>> = None;
    // A keyword query of Han words only may be one union of terms.
    let mut union = union::TermUnion::default();
    let mut alone_is_union = false;

    for group in &q.groups {
        let analysed: Vec<Analysed> = group.iter().filter_map(|a| analyse(a, analyzer, expander, question)).collect();
        if analysed.is_empty() {
            continue;
        }
        hl.groups.extend(analysed.iter().map(Analysed::highlight));
        // English typed in order: passages (translations) that have it in
        // that order rank first.
        for a in analysed.iter().filter(|a| matches!(a.atom, Atom::Text(_))) {
            let phrase = english_phrase(&a.norm, f, r.english_phrase);
            if phrase.is_some() {
                union.give_up();
            }
            optional.extend(phrase);
        }
        ex.groups.push(analysed.iter().map(Analysed::explain).collect());
        match analysed.as_slice() {
            [a] if matches!(a.atom, Atom::Text(_)) && question => {
                union.give_up();
                // Function words (的, 是) add next to nothing to a
                // question's score and cost block-max WAND the most: left
                // out while it has other words, as are the bigrams holding
                // them that are looked for in section titles. (Dropping such
                // bigrams of the text as well is faster still, but costs
                // DRCD 0.002 MRR: measured.)
                let all_function = a.concepts.iter().all(|c| c.function_word);
                let all_bigrams = question_bigrams(&a.norm, &[]);
                let bigrams = rare_bigrams(all_bigrams.clone(), expander.vocabulary, r);
                let mut grammar = Vec::new();
                let mut word_bigrams = Vec::new();
                for c in &a.concepts {
                    if c.function_word && !all_function {
                        grammar.push(c.range.clone());
                        continue;
                    }
                    if !c.function_word {
                        rerank.push(c.forms());
                    }
                    // A two-character word is one of the bigrams already: one
                    // term (weighted up) instead of two scores the same
                    // (CMRC 0.9912, DRCD 0.9756) and a third faster.
                    let is_bigram = is_plain_han(c) && !c.function_word;
                    let word = c.text.as_str();
                    if is_bigram && bigrams.contains(&word) {
                        word_bigrams.push(word);
                    } else if is_bigram && all_bigrams.contains(&word) {
                        // A common bigram, left out: so is the word (as
                        // common; in the re-ranking still).
                    } else {
                        optional.extend(concept_terms(c, f, r));
                    }
                }
                optional.extend(bigrams.into_iter().map(|g| {
                    let w = if word_bigrams.contains(&g) { r.word_bigram } else { 1.0 };
                    boost(term(f.grams, g), r.question_bigrams * w)
                }));
                section_bigrams.extend(question_bigrams(&a.norm, &grammar).into_iter().map(str::to_string));
            }
            [a] if matches!(a.atom, Atom::Text(_)) => {
                for c in &a.concepts {
                    if c.function_word && content_words > 0 {
                        // Not required, so no substring for recall: its
                        // range of bigrams (的…) would span most passages.
                        let terms = concept_terms(c, f, r);
                        union.add_optional(c, &terms);
                        optional.extend(terms);
                    } else {
                        if required.is_empty() {
                            alone = Some(required_concept(c, &a.norm, f, r, true));
                            // A two-character word alone is a union of two terms already.
                            alone_is_union = is_bigram_word(c, &a.norm);
                        }
                        required.push(required_concept(c, &a.norm, f, r, false));
                        union.require(c, &a.norm, f, r);
                    }
                }
                if (2..=4).contains(&a.concepts.len())
                    && let Some(sub) = &a.whole
                {
                    // Typed without spaces, the stretch is one thing: passages
                    // holding it exactly come first. Words typed apart, or a
                    // stretch the index cannot match exactly, only score for
                    // standing together.
                    let apart = a.atom.text().chars().any(char::is_whitespace);
                    let tier = if apart || sub.needs_verify { 0.0 } else { r.as_typed };
                    optional.push(raised(boost(sub.query(f.grams), r.adjacency), tier));
                    union.give_up();
                }
            }
            alternatives => {
                match alternatives {
                    [Analysed { atom: Atom::Phrase(_), whole: Some(sub), .. }] => union.require_phrase(sub, f, r),
                    _ => union.give_up(),
                }
                if let [a] = alternatives
                    && let Some(sub) = a.whole.as_ref().filter(|s| s.needs_verify && matches!(a.atom, Atom::Phrase(_)))
                {
                    must_contain.push(sub.canonical.clone());
                }
                let mut alts: Vec<Box<dyn Query>> = alternatives.iter().map(|a| a.condition(f, r)).collect();
                required.push(if alts.len() == 1 { alts.pop().expect("one") } else { any_of(alts) });
            }
        }
    }

    let mut filters: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for atom in &q.excluded {
        let Some(a) = analyse(atom, analyzer, expander, false) else { continue };
        ex.excluded.push(a.explain());
        match (&a.atom, &a.whole) {
            (Atom::Phrase(_), Some(sub)) if sub.needs_verify => must_not_contain.push(sub.canonical.clone()),
            _ => filters.push((Occur::MustNot, a.condition(f, r))),
        }
    }
    if !q.files.is_empty() {
        let matched: Vec<String> =
            paths.iter().filter(|p| q.files.iter().any(|pat| path_matches(p, pat))).cloned().collect();
        let terms = matched.iter().map(|p| Term::from_field_text(f.path, p));
        filters.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        ex.files = Some(matched);
    }

    let min_should_match = if question { r.min_should_match(rerank.len()) } else { 0 };
    ex.min_should_match = min_should_match;
    let single = required.len() == 1 && optional.is_empty();
    let alone = if !filters.is_empty() {
        None
    } else if single && alone_is_union {
        alone
    } else {
        union.query(&required, expander, r).or(if single { alone } else { None })
    };
    if required.is_empty() && optional.is_empty() {
        // Filters alone match nothing.
        filters.clear();
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = required.into_iter().map(|q| (Occur::Must, q)).collect();
    clauses.extend(optional.into_iter().map(|q| (Occur::Should, q)));
    clauses.extend(filters);
    QueryPlan {
        clauses,
        alone,
        must_contain,
        must_not_contain,
        highlight: hl,
        explanation: ex,
        rerank,
        section_bigrams,
        min_should_match,
    }
}

/// Consecutive English words typed as separate terms are one text, so that
/// expressions (`trade union`, `World Confederation of Labour`) translate as
/// units; every word is still required, as before.
fn join_english_words(q: &ParsedQuery) -> ParsedQuery {
    let english = |g: &[Atom]| match g {
        [Atom::Text(t)] => !t.chars().any(crate::analysis::charclass::is_han),
        _ => false,
    };
    let mut out = ParsedQuery { groups: Vec::new(), excluded: q.excluded.clone(), files: q.files.clone() };
    for g in &q.groups {
        let joined = match (out.groups.last_mut(), g.as_slice()) {
            (Some(last), [Atom::Text(t)]) if english(last) && english(g) => {
                if let [Atom::Text(prev)] = last.as_mut_slice() {
                    prev.push(' ');
                    prev.push_str(t);
                }
                true
            }
            _ => false,
        };
        if !joined {
            out.groups.push(g.clone());
        }
    }
    out
}

/// Content words in the whole query.
fn count_content(q: &ParsedQuery, analyzer: &Analyzer) -> usize {
    q.groups
        .iter()
        .map(|g| match g.as_slice() {
            [Atom::Text(t)] => concepts(&Normalized::new(t), analyzer).iter().filter(|c| !c.function_word).count(),
            _ => 1,
        })
        .sum()
}

/// Is the query natural language rather than keywords? More content words
/// (or OR-groups, or phrases) than [`Ranking::keyword_max`], or any with a
/// question word or question mark among them (`赵鹏的职业是什么？`; but
/// `旧的文本` is keywords).
fn is_question(q: &ParsedQuery, analyzer: &Analyzer, ranking: &Ranking) -> bool {
    let content = count_content(q, analyzer);
    let grammar = q.groups.iter().any(|g| match g.as_slice() {
        [Atom::Text(t)] => {
            t.contains(['?', '？']) || concepts(&Normalized::new(t), analyzer).iter().any(|c| is_question_word(&c.text))
        }
        _ => false,
    });
    // English of three or more content words is a description (a title, a
    // phrase) more than a list of required keywords, and it often reaches
    // Chinese text only through translations, word by word.
    let english = q.groups.iter().flatten().all(|a| !a.text().chars().any(crate::analysis::charclass::is_han));
    content > ranking.keyword_max || (content >= 1 && grammar) || (english && content >= 3)
}

#[cfg(test)]
mod tests {
    use super::*;
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
