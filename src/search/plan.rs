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

use super::concepts::{Concept, ConceptKind, concepts};
use super::substring::Substring;
use super::syntax::{Atom, ParsedQuery};
use crate::analysis::{Analyzer, Normalized, stem};
use crate::index::Fields;
use serde::Serialize;
use tantivy::Term;
use tantivy::query::{BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, TermQuery, TermSetQuery};
use tantivy::schema::IndexRecordOption;

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
    /// Share of content words a longer query requires.
    pub min_match: f32,
}

impl Default for Ranking {
    fn default() -> Self {
        Ranking {
            words: 1.0,
            grams: 0.5,
            english: 1.0,
            adjacency: 0.5,
            function_word: 0.1,
            heading: 0.5,
            keyword_max: 4,
            min_match: 0.5,
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
}

struct Unit {
    query: Box<dyn Query>,
    function_word: bool,
}

/// Build the plan. `paths` is every indexed path (for `file:`).
pub fn plan(
    q: &ParsedQuery,
    analyzer: &Analyzer,
    f: &Fields,
    ranking: &Ranking,
    paths: &[String],
) -> QueryPlan {
    let question = count_content(q, analyzer) > ranking.keyword_max;
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
            let a = AtomExplanation {
                atom: atom.clone(),
                canonical: norm.text().to_string(),
                concepts: Vec::new(),
            };
            match atom {
                Atom::Phrase(_) => {
                    let Some(sub) = Substring::new(&norm, 0..norm.len_chars()) else {
                        continue;
                    };
                    hl.groups.push(HighlightGroup {
                        whole: Some(sub.canonical.clone()),
                        ..Default::default()
                    });
                    if sub.needs_verify && group.len() == 1 {
                        must_contain.push(sub.canonical.clone());
                    }
                    alternatives.push(boost(sub.query(f.grams), ranking.grams));
                    explained.push(a);
                }
                Atom::Text(_) => {
                    let cs = concepts(&norm, analyzer);
                    if cs.is_empty() {
                        continue;
                    }
                    let mut concept_queries = Vec::new();
                    let mut marks = HighlightGroup::default();
                    let all_function = cs.iter().all(|c| c.function_word);
                    if cs.len() >= 2 {
                        marks.whole =
                            Substring::new(&norm, 0..norm.len_chars()).map(|s| s.canonical);
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
                    if cs.len() >= 2
                        && cs.len() <= 4
                        && let Some(sub) = Substring::new(&norm, 0..norm.len_chars())
                    {
                        scoring.push(boost(sub.query(f.grams), ranking.adjacency));
                    }
                    if group.len() == 1 {
                        units.extend(concept_queries);
                    } else {
                        alternatives.push(all_of(
                            concept_queries.into_iter().map(|u| u.query).collect(),
                        ));
                    }
                    explained.push(AtomExplanation { concepts: cs, ..a });
                }
            }
        }
        if !alternatives.is_empty() {
            let query = if alternatives.len() == 1 {
                alternatives.pop().expect("one")
            } else {
                Box::new(BooleanQuery::new(
                    alternatives
                        .into_iter()
                        .map(|a| (Occur::Should, a))
                        .collect(),
                ))
            };
            units.push(Unit {
                query,
                function_word: false,
            });
        }
        if !explained.is_empty() {
            ex.groups.push(explained);
        }
    }

    let mut filters: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for atom in &q.excluded {
        let norm = Normalized::new(atom.text());
        let explained = AtomExplanation {
            atom: atom.clone(),
            canonical: norm.text().to_string(),
            concepts: Vec::new(),
        };
        match atom {
            Atom::Phrase(_) => {
                if let Some(sub) = Substring::new(&norm, 0..norm.len_chars()) {
                    if sub.needs_verify {
                        must_not_contain.push(sub.canonical.clone());
                    } else {
                        filters.push((Occur::MustNot, sub.query(f.grams)));
                    }
                }
            }
            Atom::Text(_) => {
                let cs = concepts(&norm, analyzer);
                if !cs.is_empty() {
                    let parts = cs
                        .iter()
                        .map(|c| concept_query(c, &norm, f, ranking, true))
                        .collect();
                    filters.push((Occur::MustNot, all_of(parts)));
                }
            }
        }
        ex.excluded.push(explained);
    }
    if !q.files.is_empty() {
        let matched: Vec<String> = paths
            .iter()
            .filter(|p| q.files.iter().any(|pat| path_matches(p, pat)))
            .cloned()
            .collect();
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
            let occur = if u.function_word && content > 0 {
                Occur::Should
            } else {
                Occur::Must
            };
            let w = if u.function_word && content > 0 {
                ranking.function_word
            } else {
                1.0
            };
            clauses.push((occur, boost(u.query, w)));
        }
        clauses.extend(scoring.into_iter().map(|s| (Occur::Should, s)));
        clauses.extend(filters);
        (Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>, None)
    } else {
        let msm = ((content as f32) * ranking.min_match).ceil().max(1.0) as usize;
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
                required
                    .iter()
                    .map(|q| (Occur::Should, q.box_clone()))
                    .collect(),
                msm,
            );
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, Box::new(inner))];
            clauses.extend(optional.iter().map(|q| (Occur::Should, q.box_clone())));
            clauses.extend(filters.iter().map(|(o, q)| (*o, q.box_clone())));
            Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>
        };
        let strict = build(msm, &required, &optional, &filters);
        let loose = (msm > 1).then(|| build(1, &required, &optional, &filters));
        (strict, loose)
    };
    QueryPlan {
        query,
        relaxed,
        must_contain,
        must_not_contain,
        highlight: hl,
        explanation: ex,
    }
}

/// Content words (or OR-groups, or phrases) in the query.
fn count_content(q: &ParsedQuery, analyzer: &Analyzer) -> usize {
    q.groups
        .iter()
        .map(|g| match g.as_slice() {
            [Atom::Text(t)] => concepts(&Normalized::new(t), analyzer)
                .iter()
                .filter(|c| !c.function_word)
                .count(),
            _ => 1,
        })
        .sum()
}

fn boost(q: Box<dyn Query>, w: f32) -> Box<dyn Query> {
    if (w - 1.0).abs() < f32::EPSILON {
        q
    } else {
        Box::new(BoostQuery::new(q, w))
    }
}

fn all_of(parts: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        parts.into_iter().map(|p| (Occur::Must, p)).collect(),
    ))
}

fn term(field: tantivy::schema::Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::WithFreqs,
    ))
}

/// The query that finds one concept (at least one of its clauses must match).
fn concept_query(
    c: &Concept,
    norm: &Normalized,
    f: &Fields,
    r: &Ranking,
    required: bool,
) -> Box<dyn Query> {
    let mut should: Vec<(Occur, Box<dyn Query>)> =
        vec![(Occur::Should, boost(term(f.words, &c.text), r.words))];
    match c.kind {
        ConceptKind::Han => {
            if let Some(sub) = Substring::new(norm, c.range.clone()) {
                // The substring always matches where the word does, so it
                // alone decides whether the concept is present.
                let sub_q = if sub.single.is_some() && !required {
                    term(f.grams, &c.text)
                } else {
                    sub.query(f.grams)
                };
                should.push((Occur::Must, boost(sub_q, r.grams)));
            }
        }
        ConceptKind::Latin | ConceptKind::Number => {
            should.push((
                Occur::Should,
                boost(term(f.english, &stem(&c.text)), r.english),
            ));
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
