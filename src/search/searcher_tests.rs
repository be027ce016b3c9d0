//! Tests of [`Searcher`] that look inside the index (document frequencies,
//! the analysis of the shipped corpus), on temporary copies of corpora.

use super::*;
use crate::corpus::heading;
use crate::index::{LockWait, NoProgress, update};
use crate::search::query::{ConceptKind, is_function_word};
use crate::{IndexOptions, Searcher};
use tantivy::Term;

/// A temporary corpus of `files`, indexed.
fn indexed(files: &[(&str, &str)]) -> (tempfile::TempDir, IndexOptions) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for (name, text) in files {
        std::fs::write(corpus.join(name), text).unwrap();
    }
    let opts = IndexOptions::new(&corpus, dir.path().join("index"));
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    (dir, opts)
}

/// The shipped corpus (`corpus/` of the repository), copied and indexed.
fn shipped() -> (tempfile::TempDir, IndexOptions, String) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut files = Vec::new();
    for e in std::fs::read_dir(&src).unwrap() {
        let e = e.unwrap();
        files.push((e.file_name().to_string_lossy().into_owned(), std::fs::read_to_string(e.path()).unwrap()));
    }
    let seed = files.iter().find(|f| f.0.ends_with(".txt") && !f.0.ends_with(".en.txt") && f.0 != "dict.txt");
    let seed = seed.expect("the source text").0.clone();
    let refs: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let (dir, opts) = indexed(&refs);
    (dir, opts, seed)
}

fn word_df(s: &Searcher, word: &str) -> u64 {
    let f = s.snapshot.generation.fields;
    s.snapshot.searcher().doc_freq(&Term::from_field_text(f.words, word)).unwrap()
}

#[test]
fn two_rarest_words_find_their_paragraph_first() {
    let (_dir, opts, seed) = shipped();
    let s = Searcher::open(&opts.index).unwrap();
    let dict = std::fs::read_to_string(opts.corpus.join("dict.txt")).unwrap();
    let lexicon = Lexicon::with_user_dict(&dict, Path::new("dict.txt")).unwrap();
    let analyzer = Analyzer::full(&lexicon, Default::default());
    let text = std::fs::read_to_string(opts.corpus.join(&seed)).unwrap();
    // Every passage; the headings are titles whose words all recur in the
    // passages below them (and in the section those passages carry).
    for (i, line) in text.lines().enumerate().filter(|(_, l)| heading(l).is_none()) {
        let n = Normalized::new(line);
        let mut words: Vec<(u64, String)> = analyzer
            .words(&n)
            .iter()
            .map(|t| t.text(&n).to_string())
            .filter(|w| w.chars().count() >= 2 && !is_function_word(w, ConceptKind::Han))
            .map(|w| (word_df(&s, &w), w))
            .collect();
        words.sort();
        words.dedup_by(|a, b| a.1 == b.1);
        let q = format!("{} {}", words[0].1, words[1].1);
        let r = s.search(&q, &SearchOptions::default()).unwrap();
        let top = r.hits[0].score;
        let tied: Vec<u64> = r
            .hits
            .iter()
            .filter(|h| (h.score - top).abs() < 1e-4)
            .flat_map(|h| std::iter::once(h.document.line).chain(h.duplicates.iter().map(|d| d.line)))
            .collect();
        assert!(tied.contains(&(i as u64 + 1)), "line {}: {q:?} → {tied:?}", i + 1);
    }
}

#[test]
fn user_dictionary_keeps_names_whole() {
    let (dir, opts) = indexed(&[("a.txt", "国际自由工联与世界劳联。\n国际会议上的自由讨论。\n")]);
    let search = |q: &str| Searcher::open(&opts.index).unwrap().search(q, &SearchOptions::default()).unwrap();
    let before = search("国际自由工联");
    assert!(before.query.groups[0][0].concepts.len() > 1, "without the dictionary jieba splits it");
    std::fs::write(dir.path().join("corpus/dict.txt"), "国际自由工联\n世界劳联 1000 nt\n").unwrap();
    let report = update(&opts, LockWait::Wait, &NoProgress).unwrap();
    assert!(report.rebuilt.is_some(), "a dictionary change rebuilds");
    let after = search("国际自由工联");
    assert_eq!(after.query.groups[0][0].concepts.len(), 1);
    assert_eq!(after.hits.len(), 1);
    assert_eq!(word_df(&Searcher::open(&opts.index).unwrap(), "世界劳联"), 1, "indexed as one word");
}

#[test]
fn passages_come_in_file_order_without_section_documents() {
    let (_dir, opts) = indexed(&[
        ("a.txt", "第一章 总则\n\n工会的权利。\n\n会员的义务。\n\n第二章 附则\n\n本法施行。\n"),
        ("b.txt", "别的文件。\n"),
    ]);
    let s = Searcher::open(&opts.index).unwrap();
    assert_eq!(s.files(), ["a.txt", "b.txt"]);
    let a = s.passages("a.txt").unwrap();
    let lines: Vec<(u64, u64, &str)> = a.iter().map(|d| (d.paragraph, d.line, d.text.as_str())).collect();
    assert_eq!(
        lines,
        [
            (1, 1, "第一章 总则"),
            (2, 3, "工会的权利。"),
            (3, 5, "会员的义务。"),
            (4, 7, "第二章 附则"),
            (5, 9, "本法施行。")
        ]
    );
    assert_eq!(a[2].section.as_deref(), Some("第一章 总则"));
    assert!(s.passages("missing.txt").unwrap().is_empty());
    // Two section documents besides the seven passages.
    assert_eq!(s.num_documents(), 8);
    let stats = s.stats().unwrap();
    assert_eq!((stats.files, stats.passages, stats.documents), (2, 6, 8));
    assert!(stats.fields["grams"].tokens > stats.fields["words"].tokens);
    assert!(stats.fields["section_terms"].tokens > 0 && stats.stored_bytes > 0);
    assert!(stats.total_bytes >= stats.stored_bytes);
}

#[test]
fn a_searcher_sees_the_index_as_it_was_opened() {
    let (dir, opts) = indexed(&[("a.txt", "旧的文本。\n")]);
    let old = Searcher::open(&opts.index).unwrap();
    std::fs::write(dir.path().join("corpus/a.txt"), "新的文本。\n").unwrap();
    update(&opts, LockWait::Wait, &NoProgress).unwrap();
    let hits = |s: &Searcher, q: &str| s.search(q, &SearchOptions::default()).unwrap().hits.len();
    assert_eq!((hits(&old, "旧的"), hits(&old, "新的")), (1, 0));
    let new = Searcher::open(&opts.index).unwrap();
    assert_eq!((hits(&new, "旧的"), hits(&new, "新的")), (0, 1));
}

#[test]
fn a_glossary_given_replaces_the_corpus_glossary() {
    let (_dir, opts) = indexed(&[
        ("a.txt", "国际自由工联与世界劳联。\n"),
        ("glossary.tsv", "ICFTU\t国际自由工联\nbad line without a tab\n"),
    ]);
    let s = Searcher::open(&opts.index).unwrap();
    assert_eq!(s.warnings().len(), 1, "{:?}", s.warnings());
    assert_eq!(s.search("ICFTU", &SearchOptions::default()).unwrap().hits.len(), 1);
    let s = s.with_glossary(Glossary::parse("WCL\t世界劳联\n", "g.tsv").unwrap());
    assert!(s.warnings().is_empty());
    assert!(s.search("ICFTU", &SearchOptions::default()).unwrap().hits.is_empty());
    assert_eq!(s.search("WCL", &SearchOptions::default()).unwrap().hits.len(), 1);
}

#[test]
fn the_limit_is_at_least_one_and_the_width_bounds_snippets() {
    let long = format!("{}工会{}\n", "字".repeat(200), "字".repeat(200));
    let (_dir, opts) = indexed(&[("a.txt", &long), ("b.txt", "工会。\n")]);
    let s = Searcher::open(&opts.index).unwrap();
    assert_eq!(s.search("工会", &SearchOptions::default().with_limit(0)).unwrap().hits.len(), 1);
    let r = s.search("工会", &SearchOptions::default().with_width(30)).unwrap();
    assert_eq!(r.hits.len(), 2);
    assert!(r.hits.iter().all(|h| h.snippet.text().chars().count() <= 32));
    assert!(r.hits.iter().all(|h| h.snippet.highlighted().eq(["工会"])));
}
