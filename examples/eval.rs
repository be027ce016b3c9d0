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
//! latency p50/p99. `--index DIR` keeps the index (reused when it is current).

use serde::Deserialize;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;
use yuanwen::index::{self, LockWait, NoProgress};
use yuanwen::search::Ranking;
use yuanwen::{IndexOptions, SearchOptions, Searcher};

#[derive(Deserialize)]
struct Question {
    qid: String,
    question: String,
    #[serde(alias = "pcode")]
    pid: String,
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
    analysis: yuanwen::AnalysisSettings,
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
            "--w-words" => a.ranking.words = num(value()?)?,
            "--w-grams" => a.ranking.grams = num(value()?)?,
            "--w-english" => a.ranking.english = num(value()?)?,
            "--w-adjacency" => a.ranking.adjacency = num(value()?)?,
            "--w-function" => a.ranking.function_word = num(value()?)?,
            "--keyword-max" => a.ranking.keyword_max = num(value()?)? as usize,
            "--min-match-from" => a.ranking.min_match_from = num(value()?)? as usize,
            "--min-match" => a.ranking.min_match = num(value()?)?,
            "--search-mode" => a.analysis.words.search_mode = value()? == "1",
            "--hmm" => a.analysis.words.hmm = value()? == "1",
            "--min-han" => a.analysis.words.min_han_chars = num(value()?)? as u8,
            "--rerank" => a.ranking.rerank_depth = num(value()?)? as usize,
            "--coverage" => a.ranking.coverage = num(value()?)?,
            "--proximity" => a.ranking.proximity = num(value()?)?,
            "--w-section" => a.ranking.section = num(value()?)?,
            "--concept-bm25" => a.ranking.concept_bm25 = num(value()?)?,
            "--window" => a.ranking.proximity_window = num(value()?)? as usize,
            "--w-bigrams" => a.ranking.question_bigrams = num(value()?)?,
            "--w-heading" => a.ranking.heading = num(value()?)?,
            "-h" | "--help" => {
                return Err("usage: eval --corpus FILE|DIR [--corpus …] --queries FILE [--misses FILE] [--index DIR] \
                            [--query-field question] [--sample N] [--w-words X --w-grams X …]"
                    .into());
            }
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if a.corpora.is_empty() || a.queries.as_os_str().is_empty() {
        return Err("--corpus and --queries are required (see --help)".into());
    }
    Ok(a)
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
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

fn run(args: Args) -> Result<(), Box<dyn std::error::Error>> {
    let tmp = tempfile::tempdir()?;
    let corpus = tmp.path().join("corpus");
    std::fs::create_dir(&corpus)?;
    for (i, c) in args.corpora.iter().enumerate() {
        let abs = c.canonicalize().map_err(|e| format!("{}: {e}", c.display()))?;
        let name = format!("{i}-{}", abs.file_name().and_then(|n| n.to_str()).unwrap_or("corpus"));
        std::os::unix::fs::symlink(&abs, corpus.join(name))?;
    }
    let index_dir = args.index.clone().unwrap_or_else(|| tmp.path().join("index"));
    let mut opts = IndexOptions::new(&corpus, &index_dir);
    opts.analysis = args.analysis;
    // A kept index is reused when built from the same corpora.
    opts.corpus = corpus.clone();
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

    let text = std::fs::read_to_string(&args.queries)?;
    let mut questions = Vec::new();
    for (no, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", args.queries.display(), no + 1))?;
        let mut q: Question = serde_json::from_value(v.clone())?;
        if let Some(s) = v.get(&args.query_field).and_then(|x| x.as_str()) {
            q.question = s.to_string();
        }
        questions.push(q);
    }
    if let Some(n) = args.sample {
        // A fixed, spread-out sample (every k-th question).
        let step = (questions.len() / n.max(1)).max(1);
        questions = questions.into_iter().step_by(step).take(n).collect();
    }

    let searcher = Searcher::open(&index_dir)?;
    let opts = SearchOptions { limit: args.limit, width: 40, ranking: args.ranking };
    let mut misses = match &args.misses {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p)?)),
        None => None,
    };
    let (mut rr, mut r1, mut r10, mut empty, mut errors) = (0.0f64, 0usize, 0usize, 0usize, 0usize);
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
        let rank = hits.iter().position(|h| {
            h.document.id.as_deref() == Some(q.pid.as_str())
                || h.document.path.rsplit('/').next().and_then(|f| f.split('.').next()) == Some(q.pid.as_str())
        });
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
                .map(|h| serde_json::json!({"id": h.document.id, "path": h.document.path, "snippet": h.snippet.text}))
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
    println!("no result        {empty}");
    println!("errors           {errors}");
    println!("latency p50      {:.2} ms", percentile(&latencies, 0.5));
    println!("latency p99      {:.2} ms", percentile(&latencies, 0.99));
    Ok(())
}
