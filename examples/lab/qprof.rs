//! Per-query latency profile: `qprof INDEX QUERIES.txt [REPEAT]` runs each
//! line of QUERIES.txt REPEAT times in one process and prints the slowest
//! queries and the median/p99 (for use under `perf record`). `QP_SECTION` and
//! `QP_DEPTH` override the section weight and the re-ranking depth, `QP_COUNT`
//! counts every match (as `--count`); with
//! `QP_ALL` set every query is listed.
use std::time::Instant;

// As in the `yuanwen` binary.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        return Err("usage: qprof INDEX QUERIES.txt [REPEAT]".into());
    }
    let searcher = yuanwen::Searcher::open(&args[1])?;
    let text = std::fs::read_to_string(&args[2])?;
    let queries: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let repeat: usize = args.get(3).map(|x| x.parse()).transpose()?.unwrap_or(20);
    let mut ranking = yuanwen::tuning::Ranking::default();
    if let Ok(v) = std::env::var("QP_SECTION") {
        ranking.section = v.parse()?;
    }
    if let Ok(v) = std::env::var("QP_DEPTH") {
        ranking.rerank_depth = v.parse()?;
    }
    // QP_COUNT: count every match too (the summary `--count` prints).
    let opts =
        yuanwen::SearchOptions::default().with_ranking(ranking).with_count(std::env::var_os("QP_COUNT").is_some());
    // Round-robin, as a user's searches come: each query finds the caches
    // holding the previous ones, not itself.
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); queries.len()];
    for _ in 0..repeat {
        for (k, q) in queries.iter().enumerate() {
            let t = Instant::now();
            let _ = searcher.search(q, &opts);
            times[k].push(t.elapsed().as_secs_f64() * 1e3);
        }
    }
    let mut all: Vec<f64> = times.iter().flatten().copied().collect();
    let mut per_query: Vec<(f64, &str)> = times
        .iter_mut()
        .zip(&queries)
        .map(|(t, q)| {
            t.sort_by(f64::total_cmp);
            (t[t.len() / 2], *q)
        })
        .collect();
    per_query.sort_by(|a, b| b.0.total_cmp(&a.0));
    // QP_ALL: every query, slowest first (to see which sit at the median).
    let shown = if std::env::var_os("QP_ALL").is_some() { per_query.len() } else { 10 };
    for (ms, q) in per_query.iter().take(shown) {
        println!("{ms:8.3} ms  {q}");
    }
    all.sort_by(f64::total_cmp);
    let pct = |p: f64| all[((all.len() - 1) as f64 * p) as usize];
    println!("p50 {:.3} ms, p99 {:.3} ms over {} runs", pct(0.5), pct(0.99), all.len());
    Ok(())
}
