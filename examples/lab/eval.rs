//! Relevance evaluation on question sets (CMRC 2018, DRCD, or any set in the
//! same format), through the real engine.
//!
//! ```sh
//! cargo run --release --example eval -- \
//!     --corpus ../shared/data/cmrc2018-dev/corpus.jsonl \
//!     --queries ../shared/data/cmrc2018-dev/queries.jsonl \
//!     [--corpus ../shared/data/laws-prc] [--misses misses.jsonl] [--index DIR]
//! ```
//!
//! Each `--corpus` (a `.jsonl` file or a folder of texts) is linked into a
//! temporary corpus folder and indexed with `yuanwen::index::update`, the code
//! path of `yuanwen index`; every question of `--queries`
//! (`{"qid", "question", "pid"}` per line) is searched with
//! `Searcher::search`, the code path of `yuanwen search`. A hit counts when
//! its `.jsonl` id (or a duplicate's) is the question's `pid`.
//!
//! Prints MRR@10, Recall@1, Recall@10, questions without results, and query
//! latency p50/p99. `--index DIR` keeps the index, and the folder of links
//! beside it (`DIR.corpus`): the next run with the same corpora reuses both,
//! so that runs compare rankings on the very same index (a rebuild on two
//! threads orders the documents differently, and with them ties).
//! `--help` lists the ranking and analysis flags.
//!
//! Cross-language (`../shared/data/tw-laws-parallel/`):
//!
//! ```sh
//! # English law titles against the Chinese texts only (no translations):
//! cargo run --release --example eval -- --corpus ../shared/data/tw-laws-parallel/parallel --sources-only \
//!     --queries ../shared/data/tw-laws-parallel/tw-law-titles.jsonl --query-field en \
//!     [--glossary examples/glossaries/tw-law.tsv]
//! # An article's first 8 English words against texts with translations:
//! cargo run --release --example eval -- --corpus ../shared/data/tw-laws-parallel/parallel --article-sample 1000
//! ```
//!
//! A hit counts for a title when it is any paragraph of that law's file
//! (`<pcode>.txt`); for an article, when it is that article (file and line).

mod common;

use common::percentile;
use serde::Deserialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;
use yuanwen::index::{self, LockWait, NoProgress};
use yuanwen::tuning::{AnalysisSettings, Ranking};
use yuanwen::{IndexOptions, SearchOptions, Searcher};

#[derive(Deserialize)]
struct Question {
    #[serde(default)]
    qid: String,
    #[serde(default)]
    question: String,
    #[serde(alias = "pcode")]
    pid: String,
    /// The line the answer is on (article queries).
    #[serde(default)]
    line: Option<u64>,
    /// Other articles start with the same words (article queries): no
    /// engine can tell them apart.
    #[serde(default)]
    ambiguous: bool,
}

struct Args {
    corpora: Vec<PathBuf>,
    queries: PathBuf,
    misses: Option<PathBuf>,
    index: Option<PathBuf>,
    limit: usize,
    ranking: Ranking,
    query_field: String,
    sample: Option<usize>,
    analysis: AnalysisSettings,
    sources_only: bool,
    glossary: Option<PathBuf>,
    article_sample: Option<usize>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        corpora: Vec::new(),
        queries: PathBuf::new(),
        misses: None,
        index: None,
        limit: 10,
        ranking: Ranking::default(),
        query_field: "question".into(),
        sample: None,
        analysis: Default::default(),
        sources_only: false,
        glossary: None,
        article_sample: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let num = |v: String| v.parse::<f32>().map_err(|e| format!("{flag}: {e}"));
        match flag.as_str() {
            "--corpus" => a.corpora.push(value()?.into()),
            "--queries" => a.queries = value()?.into(),
            "--misses" => a.misses = Some(value()?.into()),
            "--index" => a.index = Some(value()?.into()),
            "--limit" => a.limit = num(value()?)? as usize,
            "--query-field" => a.query_field = value()?,
            "--sample" => a.sample = Some(num(value()?)? as usize),
            "--sources-only" => a.sources_only = true,
            "--glossary" => a.glossary = Some(value()?.into()),
            "--article-sample" => a.article_sample = Some(num(value()?)? as usize),
            "--w-words" => a.ranking.words = num(value()?)?,
            "--w-grams" => a.ranking.grams = num(value()?)?,
            "--w-english" => a.ranking.english = num(value()?)?,
            "--w-adjacency" => a.ranking.adjacency = num(value()?)?,
            "--w-as-typed" => a.ranking.as_typed = num(value()?)?,
            "--w-function" => a.ranking.function_word = num(value()?)?,
            "--keyword-max" => a.ranking.keyword_max = num(value()?)? as usize,
            "--min-match-from" => a.ranking.min_match_from = num(value()?)? as usize,
            "--min-match" => a.ranking.min_match = num(value()?)?,
            "--search-mode" => a.analysis.words.search_mode = value()? == "1",
            "--hmm" => a.analysis.words.hmm = value()? == "1",
            "--min-han" => a.analysis.words.min_han_chars = num(value()?)? as u8,
            "--rerank" => a.ranking.rerank_depth = num(value()?)? as usize,
            "--common-bigram" => a.ranking.common_bigram = num(value()?)?,
            "--common-min-df" => a.ranking.common_min_df = num(value()?)? as u64,
            "--coverage" => a.ranking.coverage = num(value()?)?,
            "--proximity" => a.ranking.proximity = num(value()?)?,
            "--w-section" => a.ranking.section = num(value()?)?,
            "--concept-bm25" => a.ranking.concept_bm25 = num(value()?)?,
            "--no-translate" => {
                a.ranking.max_alternatives = 0;
                a.ranking.english_phrase = 0.0;
            }
            "--w-english-phrase" => a.ranking.english_phrase = num(value()?)?,
            "--window" => a.ranking.proximity_window = num(value()?)? as usize,
            "--w-bigrams" => a.ranking.question_bigrams = num(value()?)?,
            "--w-word-bigram" => a.ranking.word_bigram = num(value()?)?,
            "--w-heading" => a.ranking.heading = num(value()?)?,
            "-h" | "--help" => {
                return Err("usage: eval --corpus FILE|DIR [--corpus …] --queries FILE [--misses FILE] [--index DIR] \
                            [--query-field question] [--sample N] [--limit N] [--sources-only] [--glossary FILE] \
                            [--article-sample N]\n\
                            ranking (see yuanwen::tuning::Ranking): --w-words --w-grams --w-english --w-adjacency --w-as-typed \
                            --w-function --w-heading --w-bigrams --w-word-bigram --w-section --w-english-phrase \
                            --keyword-max --min-match-from --min-match --rerank --coverage --proximity --window \
                            --concept-bm25 --common-bigram --common-min-df --no-translate\n\
                            analysis: --search-mode 0|1 --hmm 0|1 --min-han N"
                    .into());
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if a.corpora.is_empty() || (a.queries.as_os_str().is_empty() && a.article_sample.is_none()) {
        return Err("--corpus and --queries (or --article-sample) are required (see --help)".into());
    }
    Ok(a)
}

/// Queries from a fixed pseudo-random sample of `n` articles of the parallel
/// corpus: an article's first 8 English words, expecting its file and line.
fn article_queries(corpora: &[PathBuf], n: usize) -> Result<String, Box<dyn std::error::Error>> {
    let mut articles = Vec::new();
    for dir in corpora {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_string_lossy().ends_with(".en.txt"))
            .collect();
        files.sort();
        for f in files {
            let pcode =
                f.file_name().and_then(|n| n.to_str()).and_then(|n| n.split('.').next()).unwrap_or("").to_string();
            for (i, line) in std::fs::read_to_string(&f)?.lines().enumerate().skip(1) {
                let words: Vec<&str> = line.split_whitespace().take(8).collect();
                if words.len() == 8 {
                    articles.push((pcode.clone(), i as u64 + 1, words.join(" ")));
                }
            }
        }
    }
    let mut prefixes: std::collections::HashMap<String, usize> = Default::default();
    for (_, _, text) in &articles {
        *prefixes.entry(text.to_lowercase()).or_default() += 1;
    }
    // A fixed linear congruential sequence: the same sample on every machine.
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut out = String::new();
    for k in 0..n.min(articles.len()) {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let (pcode, line, text) = &articles[(state >> 33) as usize % articles.len()];
        let ambiguous = prefixes[&text.to_lowercase()] > 1;
        let q = serde_json::json!({"qid": format!("article-{k}"), "question": text, "pid": pcode, "line": line, "ambiguous": ambiguous});
        out.push_str(&q.to_string());
        out.push('\n');
    }
    Ok(out)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("eval: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(args) {
        eprintln!("eval: {e}");
        std::process::exit(2);
    }
}

/// A symbolic link to `target` at `at`, left as it is if it already is one.
fn link(target: &Path, at: &Path) -> std::io::Result<()> {
    if std::fs::read_link(at).is_ok_and(|t| t == target) {
        return Ok(());
    }
    if std::fs::symlink_metadata(at).is_ok() {
        std::fs::remove_file(at)?;
    }
    std::os::unix::fs::symlink(target, at)
}

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    // With a kept index, the corpus of links is kept beside it, so that the
    // next run finds it unchanged and reuses the index (a rebuild with two
    // threads orders the documents differently, and ties with them).
    let corpus = match &args.index {
        Some(dir) => PathBuf::from(format!("{}.corpus", dir.display())),
        None => tmp.path().join("corpus"),
    };
    std::fs::create_dir_all(&corpus)?;
    for (i, c) in args.corpora.iter().enumerate() {
        let abs = c.canonicalize().map_err(|e| format!("{}: {e}", c.display()))?;
        let name = format!("{i}-{}", abs.file_name().and_then(|n| n.to_str()).unwrap_or("corpus"));
        if args.sources_only && abs.is_dir() {
            // The Chinese texts alone: every file but the `.en.txt` translations.
            let dir = corpus.join(&name);
            std::fs::create_dir_all(&dir)?;
            for e in std::fs::read_dir(&abs)? {
                let e = e?;
                let file = e.file_name().to_string_lossy().into_owned();
                if !file.ends_with(".en.txt") {
                    link(&e.path(), &dir.join(&file))?;
                }
            }
        } else {
            link(&abs, &corpus.join(name))?;
        }
    }
    let glossary = corpus.join("glossary.tsv");
    match &args.glossary {
        Some(g) if std::fs::read(g)? != std::fs::read(&glossary).unwrap_or_default() => {
            std::fs::copy(g, &glossary)?;
        }
        Some(_) => {}
        None if glossary.exists() => std::fs::remove_file(&glossary)?,
        None => {}
    }
    let index_dir = args.index.clone().unwrap_or_else(|| tmp.path().join("index"));
    // A kept index is reused when built from the same corpora.
    let opts = IndexOptions::new(&corpus, &index_dir).with_analysis(args.analysis);
    let t = Instant::now();
    let report = index::update(&opts, LockWait::Wait, &NoProgress)?;
    let unsupported = report.warnings.iter().filter(|w| !w.message.contains("not a corpus file")).count();
    eprintln!(
        "indexed {} documents from {} files in {:.1} s ({} warnings)",
        report.documents,
        report.files,
        t.elapsed().as_secs_f64(),
        unsupported
    );

    let text = match args.article_sample {
        Some(n) => article_queries(&args.corpora, n)?,
        None => std::fs::read_to_string(&args.queries)?,
    };
    let mut questions = Vec::new();
    for (no, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", args.queries.display(), no + 1))?;
        let mut q: Question = serde_json::from_value(v.clone())?;
        if q.qid.is_empty() {
            q.qid = q.pid.clone();
        }
        if let Some(s) = v.get(&args.query_field).and_then(|x| x.as_str()) {
            q.question = s.to_string();
        }
        // Questions are text, not query syntax: a stray `"` would be an
        // unbalanced quote.
        q.question = q.question.replace(['"', '＂'], " ");
        questions.push(q);
    }
    if let Some(n) = args.sample {
        // A fixed, spread-out sample (every k-th question).
        let step = (questions.len() / n.max(1)).max(1);
        questions = questions.into_iter().step_by(step).take(n).collect();
    }

    let searcher = Searcher::open(&index_dir)?;
    let opts = SearchOptions::default().with_limit(args.limit).with_width(40).with_ranking(args.ranking);
    let mut misses = match &args.misses {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    let (mut rr, mut r1, mut r10, mut empty, mut errors) = (0.0f64, 0usize, 0usize, 0usize, 0usize);
    let (mut unambiguous, mut unambiguous_r1) = (0usize, 0usize);
    let mut latencies = Vec::with_capacity(questions.len());
    for q in &questions {
        let t = Instant::now();
        let result = searcher.search(&q.question, &opts);
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
        let hits = match result {
            Ok(r) => r.hits,
            Err(e) => {
                errors += 1;
                eprintln!("{}: {e}", q.qid);
                Vec::new()
            }
        };
        if hits.is_empty() {
            empty += 1;
        }
        // A hit counts for the passage it shows and the identical ones it
        // stands for ("also at").
        let is_target = |path: &str, line: u64| {
            let file = path.rsplit('/').next().and_then(|f| f.split('.').next());
            file == Some(q.pid.as_str()) && q.line.is_none_or(|l| l == line)
        };
        let rank = hits.iter().position(|h| {
            h.document.id.as_deref() == Some(q.pid.as_str())
                || is_target(&h.document.path, h.document.line)
                || h.duplicates.iter().any(|d| is_target(&d.path, d.line))
        });
        if !q.ambiguous {
            unambiguous += 1;
            unambiguous_r1 += (rank == Some(0)) as usize;
        }
        if let Some(r) = rank {
            rr += 1.0 / (r as f64 + 1.0);
            if r == 0 {
                r1 += 1;
            }
            r10 += 1;
        }
        if rank != Some(0)
            && let Some(w) = misses.as_mut()
        {
            let top: Vec<_> = hits
                .iter()
                .take(3)
                .map(|h| serde_json::json!({"id": h.document.id, "path": h.document.path, "snippet": h.snippet.text()}))
                .collect();
            let line = serde_json::json!({"qid": q.qid, "question": q.question, "pid": q.pid, "rank": rank.map(|r| r + 1), "top": top});
            writeln!(w, "{line}")?;
        }
    }
    let n = questions.len().max(1) as f64;
    latencies.sort_by(f64::total_cmp);
    println!("questions        {}", questions.len());
    println!("MRR@10           {:.4}", rr / n);
    println!("Recall@1         {:.4}", r1 as f64 / n);
    println!("Recall@10        {:.4}", r10 as f64 / n);
    if unambiguous < questions.len() {
        println!(
            "Recall@1, the {} whose words no other passage starts with: {:.4}",
            unambiguous,
            unambiguous_r1 as f64 / unambiguous.max(1) as f64
        );
    }
    println!("no result        {empty}");
    println!("errors           {errors}");
    println!("latency p50      {:.2} ms", percentile(&latencies, 0.5));
    println!("latency p99      {:.2} ms", percentile(&latencies, 0.99));
    Ok(())
}
