//! From a parsed query to a tantivy query.
//!
//! Every concept matches through up to three fields: its bigrams anywhere
//! (`grams`, exact substrings: the recall guarantee for Han text), its word
//! (`words`, ranks whole-word matches above substring-only ones) and its
//! English stem (`english`, translations and English text). Scores add up
//! across fields with the weights of [`Ranking`].
//!
//! Keyword queries (up to [`Ranking::keyword_max`] content words) require
//! every content word. Longer, natural-language queries require a share of
//! them ([`Ranking::min_match`]) and rank by the rest; function words (的,
//! 是, 什么, `the`) are never required while other words exist, and weigh
//! little.

use super::bm25::{Bm25, Bm25TermQuery};
use super::concepts::{Concept, ConceptKind, concepts, is_question_word, merge_single_characters};
use super::substring::Substring;
use super::syntax::{Atom, ParsedQuery};
use crate::analysis::{Analyzer, Normalized, stem};
use crate::index::Fields;
use serde::Serialize;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, TermSetQuery};

/// Ranking weights and rules (tuned on the CMRC 2018 and DRCD dev sets; see
/// README "Relevance").
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Ranking {
    /// Weight of a words-field match.
    pub words: f32,
    /// Weight of a bigram-field (substring) match.
    pub grams: f32,
    /// Weight of an English-field match.
    pub english: f32,
    /// Weight of the whole atom found contiguously (adjacency bonus).
    pub adjacency: f32,
    /// Multiplier for function words.
    pub function_word: f32,
    /// Score multiplier for headings (they are short, so BM25 favours them).
    pub heading: f32,
    /// Queries with at most this many content words require all of them.
    pub keyword_max: usize,
    /// Questions with up to this many content words require only one.
    pub min_match_from: usize,
    /// Share of the content words beyond [`Ranking::min_match_from`] that a
    /// longer query requires.
    pub min_match: f32,
    /// Weight of each bigram of a natural-language query, matched on its own
    /// (robust to segmentation differences between question and passage).
    pub question_bigrams: f32,
    /// Question candidates re-ranked by coverage and proximity (0: none).
    pub rerank_depth: usize,
    /// Weight of coverage (IDF share of the question's words present).
    pub coverage: f32,
    /// Weight of proximity (IDF share found within one window).
    pub proximity: f32,
    /// Proximity window, in characters.
    pub proximity_window: usize,
    /// Weight of the question's bigrams found in the passage's section title
    /// (or `.jsonl` title): the context a passage is read in.
    pub section: f32,
    /// BM25 parameters of term matches in the `words` field.
    pub words_bm25: Bm25,
    /// BM25 parameters of term matches in the `grams` field.
    pub grams_bm25: Bm25,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            words: 2.0,
            grams: 0.5,
            english: 1.0,
            adjacency: 0.5,
            function_word: 0.1,
            heading: 0.5,
            keyword_max: 4,
            min_match_from: 4,
            min_match: 0.5,
            question_bigrams: 2.0,
            rerank_depth: 30,
            coverage: 0.3,
            proximity: 1.0,
            proximity_window: 30,
            section: 0.5,
            words_bm25: Bm25::default(),
            grams_bm25: Bm25::default(),
        }
    }
}

/// How the query was understood (`--explain`, `query` in `--json`).
#[derive(Clone, Debug, Default, Serialize)]
pub struct Explanation {
    /// Each group of alternatives with its concepts.
    pub groups: Vec<Vec<AtomExplanation>>,
    /// Excluded atoms.
    pub excluded: Vec<AtomExplanation>,
    /// Files the `file:` filters matched.
    pub files: Option<Vec<String>>,
    /// `keyword` (all words required) or `question` (a share required).
    pub mode: String,
    /// Content words required (question mode).
    pub min_should_match: usize,
    /// The strict query found too little, so any word was allowed.
    pub relaxed: bool,
}

/// One atom as analysed.
#[derive(Clone, Debug, Serialize)]
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
pub struct HighlightTerms {
    /// The groups.
    pub groups: Vec<HighlightGroup>,
}

/// What to highlight for one atom.
#[derive(Clone, Debug, Default)]
pub struct HighlightGroup {
    /// The whole atom (canonical); where it occurs, only it is highlighted.
    pub whole: Option<String>,
    /// Canonical substrings (Han concepts).
    pub substrings: Vec<String>,
    /// Whole words (canonical, lower case).
    pub words: Vec<String>,
    /// Their English stems, one per word.
    pub stems: Vec<String>,
}

impl HighlightGroup {
    fn add(&mut self, c: &Concept) {
        match c.kind {
            ConceptKind::Han => self.substrings.push(c.text.clone()),
            ConceptKind::Latin | ConceptKind::Number => {
                self.words.push(c.text.clone());
                self.stems.push(stem(&c.text));
            }
        }
    }
}

/// A query ready to run.
pub struct QueryPlan {
    /// The strict query.
    pub query: Box<dyn Query>,
    /// A looser query for natural-language queries that found too little.
    pub relaxed: Option<Box<dyn Query>>,
    /// Canonical substrings every hit must contain (checked on the text).
    pub must_contain: Vec<String>,
    /// Canonical substrings no hit may contain.
    pub must_not_contain: Vec<String>,
    /// What to highlight.
    pub highlight: HighlightTerms,
    /// How the query was understood.
    pub explanation: Explanation,
    /// Content words of a natural-language query, for re-ranking.
    pub rerank: Vec<String>,
}

struct Unit {
    query: Box<dyn Query>,
    function_word: bool,
}

/// Build the plan. `paths` is every indexed path (for `file:`).
pub fn plan(q: &ParsedQuery, analyzer: &Analyzer, f: &Fields, ranking: &Ranking, paths: &[String]) -> QueryPlan {
    let question = is_question(q, analyzer, ranking);
    let mut units: Vec<Unit> = Vec::new();
    let mut scoring: Vec<Box<dyn Query>> = Vec::new();
    let mut ex = Explanation::default();
    let mut hl = HighlightTerms::default();
    let mut must_contain = Vec::new();
    let mut must_not_contain = Vec::new();

    for group in &q.groups {
        let mut alternatives: Vec<Box<dyn Query>> = Vec::new();
        let mut explained = Vec::new();
        for atom in group {
            let norm = Normalized::new(atom.text());
            let a = AtomExplanation { atom: atom.clone(), canonical: norm.text().to_string(), concepts: Vec::new() };
            match atom {
                Atom::Phrase(_) => {
                    let Some(sub) = Substring::new(&norm, 0..norm.len_chars()) else {
                        continue;
                    };
                    hl.groups.push(HighlightGroup { whole: Some(sub.canonical.clone()), ..Default::default() });
                    if sub.needs_verify && group.len() == 1 {
                        must_contain.push(sub.canonical.clone());
                    }
                    alternatives.push(boost(sub.query(f.grams, ranking.grams_bm25), ranking.grams));
                    explained.push(a);
                }
                Atom::Text(_) => {
                    let mut cs = concepts(&norm, analyzer);
                    if cs.is_empty() {
                        continue;
                    }
                    if !question {
                        cs = merge_single_characters(cs);
                    }
                    let mut concept_queries = Vec::new();
                    let mut marks = HighlightGroup::default();
                    let all_function = cs.iter().all(|c| c.function_word);
                    if cs.len() >= 2 {
                        marks.whole = Substring::new(&norm, 0..norm.len_chars()).map(|s| s.canonical);
                    }
                    for c in &cs {
                        if !c.function_word || all_function {
                            marks.add(c);
                        }
                        concept_queries.push(Unit {
                            query: concept_query(c, &norm, f, ranking, !question),
                            function_word: c.function_word,
                        });
                    }
                    hl.groups.push(marks);
                    if question && ranking.question_bigrams > 0.0 {
                        let bag = bigram_bag(&norm, f.grams, ranking.grams_bm25);
                        scoring.extend(bag.into_iter().map(|q| boost(q, ranking.question_bigrams)));
                    }
                    if ranking.section > 0.0 {
                        let bag = bigram_bag(&norm, f.section, Bm25::default());
                        scoring.extend(bag.into_iter().map(|q| boost(q, ranking.section)));
                    }
                    if cs.len() >= 2
                        && cs.len() <= 4
                        && let Some(sub) = Substring::new(&norm, 0..norm.len_chars())
                    {
                        scoring.push(boost(sub.query(f.grams, ranking.grams_bm25), ranking.adjacency));
                    }
                    if group.len() == 1 {
                        units.extend(concept_queries);
                    } else {
                        alternatives.push(all_of(concept_queries.into_iter().map(|u| u.query).collect()));
                    }
                    explained.push(AtomExplanation { concepts: cs, ..a });
                }
            }
        }
        if !alternatives.is_empty() {
            let query = if alternatives.len() == 1 {
                alternatives.pop().expect("one")
            } else {
                Box::new(BooleanQuery::new(alternatives.into_iter().map(|a| (Occur::Should, a)).collect()))
            };
            units.push(Unit { query, function_word: false });
        }
        if !explained.is_empty() {
            ex.groups.push(explained);
        }
    }

    let mut filters: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for atom in &q.excluded {
        let norm = Normalized::new(atom.text());
        let explained =
            AtomExplanation { atom: atom.clone(), canonical: norm.text().to_string(), concepts: Vec::new() };
        match atom {
            Atom::Phrase(_) => {
                if let Some(sub) = Substring::new(&norm, 0..norm.len_chars()) {
                    if sub.needs_verify {
                        must_not_contain.push(sub.canonical.clone());
                    } else {
                        filters.push((Occur::MustNot, sub.query(f.grams, ranking.grams_bm25)));
                    }
                }
            }
            Atom::Text(_) => {
                let cs = concepts(&norm, analyzer);
                if !cs.is_empty() {
                    let parts = cs.iter().map(|c| concept_query(c, &norm, f, ranking, true)).collect();
                    filters.push((Occur::MustNot, all_of(parts)));
                }
            }
        }
        ex.excluded.push(explained);
    }
    if !q.files.is_empty() {
        let matched: Vec<String> =
            paths.iter().filter(|p| q.files.iter().any(|pat| path_matches(p, pat))).cloned().collect();
        let terms = matched.iter().map(|p| Term::from_field_text(f.path, p));
        filters.push((Occur::Must, Box::new(TermSetQuery::new(terms))));
        ex.files = Some(matched);
    }

    let content = units.iter().filter(|u| !u.function_word).count();
    ex.mode = if question { "question" } else { "keyword" }.into();
    let (query, relaxed) = if units.is_empty() {
        (Box::new(EmptyQuery) as Box<dyn Query>, None)
    } else if !question {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for u in units {
            let occur = if u.function_word && content > 0 { Occur::Should } else { Occur::Must };
            let w = if u.function_word && content > 0 { ranking.function_word } else { 1.0 };
            clauses.push((occur, boost(u.query, w)));
        }
        clauses.extend(scoring.into_iter().map(|s| (Occur::Should, s)));
        clauses.extend(filters);
        (Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>, None)
    } else {
        let msm = min_should_match(content, ranking);
        ex.min_should_match = msm;
        let mut required: Vec<Box<dyn Query>> = Vec::new();
        let mut optional: Vec<Box<dyn Query>> = Vec::new();
        for u in units {
            if u.function_word {
                optional.push(boost(u.query, ranking.function_word));
            } else {
                required.push(u.query);
            }
        }
        let build = |msm: usize,
                     required: &[Box<dyn Query>],
                     optional: &[Box<dyn Query>],
                     filters: &[(Occur, Box<dyn Query>)]| {
            let inner = BooleanQuery::with_minimum_required_clauses(
                required.iter().map(|q| (Occur::Should, q.box_clone())).collect(),
                msm,
            );
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(inner))];
            clauses.extend(optional.iter().map(|q| (Occur::Should, q.box_clone())));
            clauses.extend(scoring.iter().map(|q| (Occur::Should, q.box_clone())));
            clauses.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
            Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>
        };
        let strict = build(msm, &required, &optional, &filters);
        let loose = (msm > 1).then(|| build(1, &required, &optional, &filters));
        (strict, loose)
    };
    let rerank = if question {
        ex.groups
            .iter()
            .flatten()
            .flat_map(|a| &a.concepts)
            .filter(|c| !c.function_word)
            .map(|c| c.text.clone())
            .collect()
    } else {
        Vec::new()
    };
    QueryPlan { query, relaxed, must_contain, must_not_contain, highlight: hl, explanation: ex, rerank }
}

/// Is the query natural language rather than keywords? More content words
/// (or OR-groups, or phrases) than [`Ranking::keyword_max`], or at least two
/// with a question word or question mark among them (`赵鹏的职业是什么？`; but
/// `旧的文本` is keywords).
fn is_question(q: &ParsedQuery, analyzer: &Analyzer, ranking: &Ranking) -> bool {
    let mut content = 0;
    let mut grammar = false;
    for g in &q.groups {
        match g.as_slice() {
            [Atom::Text(t)] => {
                let cs = concepts(&Normalized::new(t), analyzer);
                content += cs.iter().filter(|c| !c.function_word).count();
                grammar |= cs.iter().any(|c| is_question_word(&c.text)) || t.contains(['?', '？']);
            }
            _ => content += 1,
        }
    }
    content > ranking.keyword_max || (content >= 2 && grammar)
}

/// Content words a natural-language query of `content` words requires: one
/// for up to [`Ranking::min_match_from`] words (a question is answered in other
/// words than it asks in: requiring more loses answers, see README), then
/// the share [`Ranking::min_match`] of the rest — a pasted paragraph is
/// matched by passages sharing a good part of it.
fn min_should_match(content: usize, r: &Ranking) -> usize {
    if content <= r.min_match_from {
        return 1;
    }
    1 + ((content - r.min_match_from) as f32 * r.min_match).ceil() as usize
}

/// Every distinct bigram of the text's runs, each as its own term query.
fn bigram_bag(norm: &Normalized, field: tantivy::schema::Field, bm25: Bm25) -> Vec<Box<dyn Query>> {
    let mut seen = std::collections::HashSet::new();
    crate::analysis::grams(norm)
        .iter()
        .filter(|t| t.end - t.start == 2)
        .map(|t| t.text(norm))
        .filter(|t| !t.chars().any(is_question_char))
        .filter(|t| seen.insert(*t))
        .map(|t| term(field, t, bm25))
        .collect()
}

/// Characters that only ask (哪, 什么, 谁, 几, 吗, 呢, 怎, 何): a bigram holding
/// one is the question's grammar, not its subject (`哪一`, `是谁`).
pub fn is_question_char(c: char) -> bool {
    matches!(c, '哪' | '什' | '么' | '谁' | '几' | '吗' | '呢' | '怎' | '何')
}

fn boost(q: Box<dyn Query>, w: f32) -> Box<dyn Query> {
    if (w - 1.0).abs() < f32::EPSILON { q } else { Box::new(BoostQuery::new(q, w)) }
}

fn all_of(parts: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(parts.into_iter().map(|p| (Occur::Must, p)).collect()))
}

fn term(field: tantivy::schema::Field, text: &str, bm25: Bm25) -> Box<dyn Query> {
    Box::new(Bm25TermQuery::new(Term::from_field_text(field, text), bm25))
}

/// The query that finds one concept (at least one of its clauses must match).
fn concept_query(c: &Concept, norm: &Normalized, f: &Fields, r: &Ranking, required: bool) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Should, boost(term(f.words, &c.text, r.words_bm25), r.words))];
    match c.kind {
        ConceptKind::Han => {
            if let Some(sub) = Substring::new(norm, c.range.clone()) {
                // The substring always matches where the word does, so it
                // alone decides whether the concept is present.
                let sub_q = if sub.single.is_some() && !required {
                    term(f.grams, &c.text, r.grams_bm25)
                } else {
                    sub.query(f.grams, r.grams_bm25)
                };
                should.push((Occur::Must, boost(sub_q, r.grams)));
            }
        }
        ConceptKind::Latin | ConceptKind::Number => {
            should.push((Occur::Should, boost(term(f.english, &stem(&c.text), Bm25::default()), r.english)));
        }
    }
    Box::new(BooleanQuery::new(should))
}

/// Does `path` match a `file:` pattern? Case-insensitive substring, or a glob
/// when the pattern has `*` or `?`.
pub fn path_matches(path: &str, pattern: &str) -> bool {
    let p = path.to_lowercase();
    let pat = pattern.to_lowercase();
    if pat.contains(['*', '?']) {
        let name = p.rsplit('/').next().unwrap_or(&p);
        glob(&pat, &p) || glob(&pat, name)
    } else {
        p.contains(&pat)
    }
}

fn glob(pat: &str, s: &str) -> bool {
    let (p, s): (Vec<char>, Vec<char>) = (pat.chars().collect(), s.chars().collect());
    let (mut pi, mut si, mut star, mut mark) = (0, 0, None, 0);
    while si < s.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = si;
            pi += 1;
        } else if let Some(st) = star {
            pi = st + 1;
            mark += 1;
            si = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_patterns() {
        assert!(path_matches("laws/A0000001.txt", "a0000001"));
        assert!(path_matches("laws/A0000001.txt", "*.txt"));
        assert!(path_matches("laws/A0000001.txt", "laws/*"));
        assert!(!path_matches("laws/A0000001.txt", "*.md"));
        assert!(path_matches("notes/acftu-2000.md", "ACFTU"));
    }
}
