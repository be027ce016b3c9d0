//! Second-stage ranking of a natural-language query's best candidates by how
//! much of the question a passage covers and how closely together.
//!
//! BM25 sums term evidence wherever it is; a question is usually answered by
//! a passage where its rarest words all occur, close to each other. For the
//! top candidates, two features are computed on the canonical text:
//! *coverage* (the IDF-weighted share of the question's content words the
//! passage contains) and *proximity* (the largest IDF-weighted share found in
//! one window of [`Ranking::proximity_window`] characters), and added to the
//! normalised first-stage score.

use crate::analysis::Normalized;
use crate::analysis::charclass::CharClass;
use crate::index::Fields;
use crate::tuning::Ranking;
use tantivy::{Searcher, Term};

/// Features for one query.
pub(crate) struct Reranker {
    /// Each concept's forms and IDF.
    concepts: Vec<(Vec<String>, f32)>,
    total: f32,
    /// Average passage length in searchable characters.
    avg_len: f32,
}

/// What the second stage measures of one candidate.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Features {
    /// IDF share of the question's words the passage contains (0..=1).
    pub coverage: f32,
    /// IDF share found together within one window (0..=1).
    pub proximity: f32,
    /// BM25 of the question's words as exact substrings, as a share of the
    /// best possible (0..=1): counts repeated words that coverage does not.
    pub bm25: f32,
    /// How many of the words it contains.
    pub present: usize,
}

impl Reranker {
    /// Weigh `concepts` (each a list of canonical forms: the word, its
    /// translations) by their IDF in `searcher`.
    pub(crate) fn new(concepts: &[Vec<String>], searcher: &Searcher, f: &Fields) -> Reranker {
        let n = searcher.num_docs().max(1) as f32;
        let mut seen = std::collections::HashSet::new();
        let concepts: Vec<(Vec<String>, f32)> = concepts
            .iter()
            .filter(|c| seen.insert(c.join("\u{1}")))
            .map(|forms| {
                let df = forms.iter().map(|c| doc_freq(searcher, f, c)).fold(0.0, f32::max);
                (forms.clone(), (1.0 + (n - df + 0.5) / (df + 0.5)).ln())
            })
            .collect();
        let total = concepts.iter().map(|c| c.1).sum::<f32>().max(f32::EPSILON);
        use tantivy::query::Bm25StatisticsProvider;
        let tokens = searcher.total_num_tokens(f.grams).unwrap_or(0) as f32;
        Reranker { concepts, total, avg_len: (tokens / n).max(1.0) }
    }

    /// The features of a passage.
    pub(crate) fn features(&self, text: &str, window_chars: usize) -> Features {
        let norm = Normalized::new(text);
        let canon = norm.text();
        // Distances count characters of Han text and whole words of other
        // scripts, so a window spans as much English as Chinese.
        let mut unit = Vec::with_capacity(norm.len_chars() + 1);
        let mut u = 0usize;
        for i in 0..norm.len_chars() {
            let class = norm.class_at(i);
            let continues_word = class == CharClass::Word && i > 0 && norm.class_at(i - 1) == CharClass::Word;
            if class.is_searchable() && !continues_word {
                u += 1;
            }
            unit.push(u);
        }
        let len = (0..norm.len_chars()).filter(|&i| norm.class_at(i).is_searchable()).count() as f32;
        let norm_len = 1.2 * (0.25 + 0.75 * len / self.avg_len);
        let mut hits: Vec<(usize, usize)> = Vec::new();
        let (mut covered, mut present, mut bm25) = (0.0, 0, 0.0);
        for (k, (forms, idf)) in self.concepts.iter().enumerate() {
            let before = hits.len();
            for c in forms.iter().filter(|c| !c.is_empty()) {
                hits.extend(canon.match_indices(c.as_str()).map(|(b, _)| (unit[norm.char_index_of_byte(b)], k)));
            }
            let tf = (hits.len() - before) as f32;
            if tf > 0.0 {
                covered += idf;
                present += 1;
                bm25 += idf * tf / (tf + norm_len);
            }
        }
        hits.sort_unstable();
        // Sliding window over occurrences: best IDF mass of distinct concepts.
        let mut count = vec![0usize; self.concepts.len()];
        let (mut mass, mut best, mut lo) = (0.0f32, 0.0f32, 0);
        for hi in 0..hits.len() {
            let k = hits[hi].1;
            if count[k] == 0 {
                mass += self.concepts[k].1;
            }
            count[k] += 1;
            while hits[hi].0 - hits[lo].0 > window_chars {
                let j = hits[lo].1;
                count[j] -= 1;
                if count[j] == 0 {
                    mass -= self.concepts[j].1;
                }
                lo += 1;
            }
            best = best.max(mass);
        }
        Features { coverage: covered / self.total, proximity: best / self.total, bm25: bm25 / self.total, present }
    }

    /// The second-stage score of a candidate whose first-stage score is
    /// `score` (the best candidate's: `max_score`), and how many of the
    /// concepts it contains.
    pub(crate) fn combined(&self, score: f32, max_score: f32, text: &str, r: &Ranking) -> (f32, usize) {
        let x = self.features(text, r.proximity_window);
        let s = score / max_score.max(f32::EPSILON) + r.coverage * x.coverage + r.proximity * x.proximity;
        (s + r.concept_bm25 * x.bm25, x.present)
    }
}

fn doc_freq(searcher: &Searcher, f: &Fields, concept: &str) -> f32 {
    let words = searcher.doc_freq(&Term::from_field_text(f.words, concept)).unwrap_or(0);
    if words > 0 {
        return words as f32;
    }
    // Not a word of the index: the rarest of its bigrams bounds it.
    let chars: Vec<char> = concept.chars().collect();
    let grams: Vec<String> = if chars.len() < 2 {
        vec![concept.to_string()]
    } else {
        chars.windows(2).map(|w| w.iter().collect()).collect()
    };
    grams.iter().map(|g| searcher.doc_freq(&Term::from_field_text(f.grams, g)).unwrap_or(0)).min().unwrap_or(0) as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IndexOptions;
    use crate::index::{LockWait, NoProgress, Snapshot, update};

    /// A reranker for `concepts` over a small index in which 工会 is common
    /// and 挪威 rare.
    fn reranker(concepts: &[&[&str]]) -> (tempfile::TempDir, Reranker) {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path().join("corpus");
        std::fs::create_dir(&corpus).unwrap();
        let mut text = "挪威总工会来访。\n".to_string();
        for i in 0..9 {
            text.push_str(&format!("工会第{i}次会议。\n"));
        }
        std::fs::write(corpus.join("a.txt"), text).unwrap();
        let opts = IndexOptions::new(&corpus, dir.path().join("index"));
        update(&opts, LockWait::Wait, &NoProgress).unwrap();
        let snap = Snapshot::open(&opts.index).unwrap();
        let concepts: Vec<Vec<String>> =
            concepts.iter().map(|forms| forms.iter().map(|f| f.to_string()).collect()).collect();
        let r = Reranker::new(&concepts, &snap.searcher(), &snap.generation.fields);
        (dir, r)
    }

    #[test]
    fn coverage_weighs_rare_words_more_and_proximity_needs_them_close() {
        let (_dir, r) = reranker(&[&["工会"], &["挪威"]]);
        let both = r.features("挪威的工会", 25);
        assert_eq!(both.present, 2);
        assert!((both.coverage - 1.0).abs() < 1e-6 && (both.proximity - 1.0).abs() < 1e-6, "{both:?}");
        let rare = r.features("挪威", 25);
        let common = r.features("工会", 25);
        assert_eq!((rare.present, common.present), (1, 1));
        assert!(rare.coverage > 0.5 && common.coverage < 0.5, "{rare:?} {common:?}");
        assert!((rare.coverage + common.coverage - 1.0).abs() < 1e-6);
        // Apart by more than the window: covered, not close.
        let apart = r.features(&format!("挪威{}工会", "的".repeat(30)), 25);
        assert!((apart.coverage - 1.0).abs() < 1e-6);
        assert!((apart.proximity - rare.coverage).abs() < 1e-6, "{apart:?}");
        assert_eq!(r.features("无关的文字", 25), Features::default());
    }

    #[test]
    fn distances_count_english_words_not_letters() {
        let (_dir, r) = reranker(&[&["工会", "trade union"], &["挪威", "norway"]]);
        let text = format!("Norway {} trade union", "word ".repeat(20));
        let f = r.features(&text, 25);
        assert_eq!(f.present, 2);
        assert!((f.proximity - 1.0).abs() < 1e-6, "21 words apart is within 25: {f:?}");
        let far = format!("Norway {} trade union", "word ".repeat(30));
        assert!(r.features(&far, 25).proximity < 1.0);
    }

    #[test]
    fn the_combined_score_adds_the_features_to_the_normalised_score() {
        let (_dir, r) = reranker(&[&["工会"], &["挪威"]]);
        let rank = Ranking::default();
        let (s, present) = r.combined(5.0, 10.0, "挪威的工会", &rank);
        assert_eq!(present, 2);
        assert!((s - (0.5 + rank.coverage + rank.proximity)).abs() < 1e-5, "{s}");
        let (s, present) = r.combined(10.0, 10.0, "没有", &rank);
        assert_eq!((s, present), (1.0, 0));
    }
}
