//! The benchmark anyone can rerun: build, update and search a corpus with
//! the real engine, and (with `--peers`) the same corpus and queries through
//! ripgrep and SQLite FTS5 (trigram) in the same run.
//!
//! ```sh
//! apt-get install ripgrep sqlite3        # only for --peers
//! cargo build --release && cargo run --release --example bench -- --corpus ../shared/data/laws-prc --peers
//! ```
//!
//! Prints a Markdown table: full build (time, MB/s, peak RSS, index size /
//! corpus size, tokens per second, CPU time and the share of it analysis
//! alone takes), incremental update after one file changes, `yuanwen index`
//! with nothing changed, in-process search latency p50/p99 over a fixed query
//! list (per kind of query), and whole-process `yuanwen search` time. Every
//! figure is the median of `--runs` runs (default 5).

mod common;

use common::percentile;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use yuanwen::analysis::{Analyzer, Normalized, bigrams, english, is_function_word};
use yuanwen::{SearchOptions, Searcher};

// The allocator the `yuanwen` binary uses, so that in-process figures are
// the engine's as the binary runs it.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Args {
    corpus: PathBuf,
    runs: usize,
    peers: bool,
    queries_per_kind: usize,
    work: Option<PathBuf>,
    /// Write the query list here (one per line) and stop.
    queries_out: Option<PathBuf>,
}

fn parse() -> Result<Args, String> {
    let mut a =
        Args { corpus: PathBuf::new(), runs: 5, peers: false, queries_per_kind: 40, work: None, queries_out: None };
    let mut it = std::env::args().skip(1);
    while let Some(f) = it.next() {
        let mut v = || it.next().ok_or(format!("{f} needs a value"));
        match f.as_str() {
            "--corpus" => a.corpus = v()?.into(),
            "--runs" => a.runs = v()?.parse().map_err(|e| format!("--runs: {e}"))?,
            "--queries-per-kind" => a.queries_per_kind = v()?.parse().map_err(|e| format!("{e}"))?,
            "--work" => a.work = Some(v()?.into()),
            "--queries-out" => a.queries_out = Some(v()?.into()),
            "--peers" => a.peers = true,
            "-h" | "--help" => {
                return Err(
                    "usage: bench --corpus DIR [--runs 5] [--peers] [--queries-per-kind 40] [--work DIR] [--queries-out FILE]"
                        .into()
                );
            }
            o => return Err(format!("unknown argument {o}")),
        }
    }
    if a.corpus.as_os_str().is_empty() {
        return Err("--corpus DIR is required".into());
    }
    Ok(a)
}

fn main() {
    let args = match parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("bench: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&args) {
        eprintln!("bench: {e}");
        std::process::exit(2);
    }
}

/// The `yuanwen` binary built beside this example.
fn binary() -> Result<PathBuf, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let bin = exe.parent().and_then(Path::parent).map(|d| d.join("yuanwen")).ok_or("no target dir")?;
    if !bin.exists() {
        return Err(format!("{} is missing: run `cargo build --release` first", bin.display()));
    }
    Ok(bin)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() { 0.0 } else { v[v.len() / 2] }
}

/// What one run of a command took.
struct Measured {
    wall: Duration,
    /// Peak RSS, KiB (polled from /proc).
    peak_kib: u64,
    /// User + system CPU seconds (polled from /proc: the last 5 ms may be
    /// missing).
    cpu: f64,
}

/// Run a command to completion, measuring it.
fn measure(cmd: &mut Command) -> Result<Measured, String> {
    let t = Instant::now();
    let mut child = cmd.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().map_err(|e| e.to_string())?;
    let status_path = format!("/proc/{}/status", child.id());
    let stat_path = format!("/proc/{}/stat", child.id());
    let (mut peak, mut cpu) = (0u64, 0.0f64);
    loop {
        if let Ok(s) = std::fs::read_to_string(&status_path)
            && let Some(kb) = s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1))
        {
            peak = peak.max(kb.parse().unwrap_or(0));
        }
        if let Ok(s) = std::fs::read_to_string(&stat_path) {
            cpu = cpu.max(cpu_seconds(&s));
        }
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            if !status.success() {
                let mut err = String::new();
                use std::io::Read;
                child.stderr.take().map(|mut e| e.read_to_string(&mut err));
                return Err(format!("{cmd:?} failed: {err}"));
            }
            return Ok(Measured { wall: t.elapsed(), peak_kib: peak, cpu });
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// utime + stime of a `/proc/PID/stat` line, in seconds (USER_HZ = 100).
fn cpu_seconds(stat: &str) -> f64 {
    // Fields after the parenthesised command name; utime, stime are 14, 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest.split_whitespace().map(|x| x.parse().unwrap_or(0.0)).collect();
    if f.len() > 12 { (f[11] + f[12]) / 100.0 } else { 0.0 }
}

/// Analysis alone, one thread, over the corpus's non-empty lines: seconds,
/// and tokens made (words, bigrams, English).
fn analysis_alone(corpus: &Path) -> (f64, u64) {
    let analyzer = Analyzer::builtin();
    let texts: Vec<String> = text_files(corpus).iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect();
    let t = Instant::now();
    let mut tokens = 0;
    for line in texts.iter().flat_map(|t| t.lines()).filter(|l| !l.trim().is_empty()) {
        let n = Normalized::new(line);
        tokens += analyzer.words(&n).len() + bigrams(&n).len() + english(&n).0.len();
    }
    (t.elapsed().as_secs_f64(), tokens as u64)
}

/// Tokens in the index, per field.
fn indexed_tokens(searcher: &Searcher) -> Result<Vec<(&'static str, u64)>, Box<dyn std::error::Error>> {
    let stats = searcher.stats()?;
    let tokens = |field: &str| stats.fields.get(field).map_or(0, |f| f.tokens);
    Ok([("words", "words"), ("bigrams", "grams"), ("English", "english"), ("sections", "section_terms")]
        .into_iter()
        .map(|(name, field)| (name, tokens(field)))
        .collect())
}

fn dir_size(p: &Path) -> u64 {
    walk(p).iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum()
}

fn walk(p: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(p) {
        for e in rd.flatten() {
            let path = e.path();
            if path.is_dir() { out.extend(walk(&path)) } else { out.push(path) }
        }
    }
    out
}

/// The text files of the corpus (`.txt`, `.md`).
fn text_files(corpus: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = walk(corpus)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md") && !p.to_string_lossy().ends_with(".en.txt"))
        .collect();
    v.sort();
    v
}

/// A fixed query list drawn from the corpus (same corpus → same queries).
/// The fixed query list, by kind. Word queries are words of the corpus
/// (2–4 characters, as jieba cuts its paragraphs, function words left out);
/// "2-4 char substrings" are random stretches of text that cross word
/// boundaries (`法规的规`), reported on their own line, outside the headline
/// figure, since the list the targets name is of words.
fn queries(corpus: &Path, per_kind: usize) -> Vec<(&'static str, String)> {
    let mut paragraphs: Vec<String> = Vec::new();
    for f in text_files(corpus).iter().take(50) {
        if let Ok(t) = std::fs::read_to_string(f) {
            paragraphs.extend(t.lines().filter(|l| l.chars().filter(|c| is_han(*c)).count() >= 30).map(str::to_string));
        }
    }
    let mut out = Vec::new();
    if paragraphs.is_empty() {
        return out;
    }
    let analyzer = Analyzer::builtin();
    let step = (paragraphs.len() / per_kind.max(1)).max(1);
    let han = |p: &str| -> Vec<char> { p.chars().filter(|c| is_han(*c)).collect() };
    for (k, p) in paragraphs.iter().step_by(step).take(per_kind).enumerate() {
        let h = han(p);
        let at = (k * 7) % (h.len() - 12);
        let s = |a: usize, n: usize| h[a..a + n].iter().collect::<String>();
        let words = content_words(&analyzer, p);
        let word = |i: usize| words.get(i % words.len().max(1)).cloned().unwrap_or_else(|| s(at, 2));
        out.push(("2-4 char word", word(k)));
        out.push(("two words", format!("{} {}", word(k), word(k + 3))));
        out.push(("quoted phrase", format!("\"{}\"", s(at + 3, 5))));
        out.push(("question", format!("{}{}的规定是什么？", s(at, 4), s(at + 6, 2))));
        out.push((SUBSTRINGS, s(at, 2 + k % 3)));
    }
    for w in ["law", "court", "China", "tax", "WTO", "ISO", "GDP", "internet", "trade", "contract"]
        .iter()
        .cycle()
        .take(per_kind)
    {
        out.push(("English word", w.to_string()));
    }
    out
}

/// The kind of query reported outside the headline figure.
const SUBSTRINGS: &str = "2-4 char substrings (not in the headline)";

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// jieba's words of `p` with 2–4 characters, function words left out.
fn content_words(analyzer: &Analyzer, p: &str) -> Vec<String> {
    let mut out = Vec::new();
    for run in p.split(|c: char| !is_han(c)).filter(|r| !r.is_empty()) {
        let norm = Normalized::new(run);
        for t in analyzer.words(&norm) {
            let n = t.chars().len();
            if (2..=4).contains(&n) && !is_function_word(t.text(&norm)) {
                out.push(run[t.source(&norm)].to_string());
            }
        }
    }
    out
}

fn run(a: &Args) -> Result<(), Box<dyn std::error::Error>> {
    if let Some(out) = &a.queries_out {
        let list: Vec<String> = queries(&a.corpus, a.queries_per_kind).into_iter().map(|(_, q)| q).collect();
        std::fs::write(out, list.join("\n") + "\n")?;
        return Ok(());
    }
    let bin = binary()?;
    let tmp = tempfile::tempdir()?;
    let work = a.work.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    let corpus_bytes: u64 = walk(&a.corpus).iter().filter_map(|f| std::fs::metadata(f).ok()).map(|m| m.len()).sum();
    let mb = corpus_bytes as f64 / 1e6;
    let index = work.join("index");
    let yw = |args: &[&str]| {
        let mut c = Command::new(&bin);
        c.arg("--corpus").arg(&a.corpus).arg("--index").arg(&index).args(args);
        c
    };
    println!("corpus: {} ({:.1} MB), {} runs, {} cores", a.corpus.display(), mb, a.runs, num_cpus());
    println!();
    println!("| measure | yuanwen | peer | ratio |");
    println!("|---|---|---|---|");

    // Full build; with --peers each run builds the FTS5 table right after
    // ours, so that both see the same machine (shared machines drift).
    let (mut times, mut rss, mut cpu) = (Vec::new(), Vec::new(), Vec::new());
    let fts5 = if a.peers { Some(Fts5::prepare(a, &work)?) } else { None };
    let (mut fts_times, mut ratios) = (Vec::new(), Vec::new());
    for _ in 0..a.runs {
        let _ = std::fs::remove_dir_all(&index);
        let m = measure(yw(&["index", "-q"]).arg("--full"))?;
        times.push(m.wall.as_secs_f64());
        rss.push(m.peak_kib as f64);
        cpu.push(m.cpu);
        if let Some(f) = &fts5 {
            let t = f.build()?;
            ratios.push(t / m.wall.as_secs_f64());
            fts_times.push(t);
        }
    }
    let build = median(times);
    let build_cpu = median(cpu);
    let size = dir_size(&index) as f64;
    let fts = match &fts5 {
        Some(f) => Some((median(fts_times), std::fs::metadata(&f.db)?.len() as f64, f.db.clone())),
        None => None,
    };
    let peer = |v: Option<f64>, f: &dyn Fn(f64) -> String| v.map_or("—".to_string(), f);
    println!(
        "| full build | {build:.2} s ({:.1} MB/s) | {} | {} |",
        mb / build,
        peer(fts.as_ref().map(|f| f.0), &|t| format!("FTS5 trigram {t:.2} s ({:.1} MB/s)", mb / t)),
        // The median of the per-run ratios (each pair run back to back).
        peer((!ratios.is_empty()).then(|| median(ratios.clone())), &|r| format!("{r:.2}× faster"))
    );
    println!("| peak RSS, build | {:.0} MB | | |", median(rss) / 1024.0);
    let searcher = Searcher::open(&index)?;
    let tokens = indexed_tokens(&searcher)?;
    let total: u64 = tokens.iter().map(|t| t.1).sum();
    let per_field: Vec<String> = tokens.iter().map(|(n, t)| format!("{n} {:.1} M", *t as f64 / 1e6)).collect();
    println!(
        "| tokens indexed | {:.1} M ({}): {:.1} M tokens/s | | |",
        total as f64 / 1e6,
        per_field.join(", "),
        total as f64 / 1e6 / build
    );
    let (analysis, analysed) = analysis_alone(&a.corpus);
    println!(
        "| build CPU time; analysis alone (one thread) | {build_cpu:.1} s on {} cores; analysis {analysis:.2} s \
         ({:.1} M tokens) = {:.0} % of it, the rest is tantivy | | |",
        num_cpus(),
        analysed as f64 / 1e6,
        100.0 * analysis / build_cpu.max(1e-9)
    );
    println!(
        "| index size / corpus | {:.2} × ({:.0} MB) | {} | |",
        size / corpus_bytes as f64,
        size / 1e6,
        peer(fts.as_ref().map(|f| f.1), &|s| format!("FTS5 {:.2} × ({:.0} MB)", s / corpus_bytes as f64, s / 1e6))
    );

    // Nothing changed; one file changed.
    let mut idle = Vec::new();
    for _ in 0..a.runs {
        idle.push(measure(&mut yw(&["index", "-q"]))?.wall.as_secs_f64());
    }
    let idle = median(idle);
    println!(
        "| `yuanwen index`, nothing changed | {:.0} ms ({:.2} % of full build) | | |",
        idle * 1e3,
        100.0 * idle / build
    );
    if let Some(file) = text_files(&a.corpus).first() {
        if std::fs::metadata(file).map(|m| m.permissions().readonly()).unwrap_or(true) {
            println!("| incremental, one file changed | (corpus is read-only: pass a writable copy) | | |");
        } else {
            let original = std::fs::read(file)?;
            let mut inc = Vec::new();
            for r in 0..a.runs {
                let mut changed = original.clone();
                changed.extend_from_slice(format!("基准测试追加的段落{r}。\n").as_bytes());
                std::fs::write(file, &changed)?;
                inc.push(measure(&mut yw(&["index", "-q"]))?.wall.as_secs_f64());
            }
            std::fs::write(file, &original)?;
            measure(&mut yw(&["index", "-q"]))?;
            let inc = median(inc);
            println!(
                "| incremental, one file changed | {:.0} ms ({:.2} % of full build) | | |",
                inc * 1e3,
                100.0 * inc / build
            );
        }
    }

    // In-process latency.
    let qs = queries(&a.corpus, a.queries_per_kind);
    let searcher = Searcher::open(&index)?; // reopened: the corpus changed and changed back
    let opts = SearchOptions::default();
    let mut by_kind: std::collections::BTreeMap<&str, Vec<f64>> = Default::default();
    let mut all = Vec::new();
    for (_, q) in &qs {
        let _ = searcher.search(q, &opts); // warm
    }
    for _ in 0..a.runs {
        for (kind, q) in &qs {
            let t = Instant::now();
            let _ = searcher.search(q, &opts);
            let ms = t.elapsed().as_secs_f64() * 1e3;
            by_kind.entry(kind).or_default().push(ms);
            if *kind != SUBSTRINGS {
                all.push(ms);
            }
        }
    }
    all.sort_by(f64::total_cmp);
    println!(
        "| search in-process, top 10 + snippets, {} queries | p50 {:.2} ms, p99 {:.2} ms | | |",
        qs.iter().filter(|(k, _)| *k != SUBSTRINGS).count(),
        percentile(&all, 0.5),
        percentile(&all, 0.99)
    );
    for (kind, mut v) in by_kind {
        v.sort_by(f64::total_cmp);
        println!("| … {kind} | p50 {:.2} ms, p99 {:.2} ms | | |", percentile(&v, 0.5), percentile(&v, 0.99));
    }

    // Whole process.
    let words: Vec<&String> = qs.iter().filter(|(k, _)| *k == "2-4 char word").map(|(_, q)| q).take(5).collect();
    let mut ours = Vec::new();
    let mut rg = Vec::new();
    let mut sq = Vec::new();
    for _ in 0..a.runs {
        for w in &words {
            let mut c = yw(&["search", "--no-refresh", w.as_str()]);
            ours.push(time_quiet(&mut c)?);
            if a.peers {
                rg.push(time_quiet(Command::new("rg").arg("-c").arg(w.as_str()).arg(&a.corpus))?);
                if let Some((_, _, db)) = &fts {
                    let sql = format!("select count(*) from t where t match '\"{}\"';", w);
                    sq.push(time_quiet(Command::new("sqlite3").arg(db).arg(sql))?);
                }
            }
        }
    }
    let ours = median(ours);
    let mut refreshed = Vec::new();
    for _ in 0..a.runs {
        refreshed.push(time_quiet(&mut yw(&["search", words.first().map_or("工会", |w| w.as_str())]))?);
    }
    if a.peers {
        let rg = median(rg);
        println!(
            "| whole-process search, word (`--no-refresh`) | {:.1} ms | `rg -c` {:.1} ms | {:.2}× faster |",
            ours * 1e3,
            rg * 1e3,
            rg / ours
        );
        if !sq.is_empty() {
            let sq = median(sq);
            println!(
                "| … vs `sqlite3` FTS5 trigram (finds 3+ characters only) | | {:.1} ms | {:.2}× |",
                sq * 1e3,
                sq / ours
            );
        }
    } else {
        println!("| whole-process search, word (`--no-refresh`) | {:.1} ms | | |", ours * 1e3);
    }
    println!("| whole-process search, word, with corpus check | {:.1} ms | | |", median(refreshed) * 1e3);
    Ok(())
}

fn time_quiet(c: &mut Command) -> Result<f64, String> {
    let t = Instant::now();
    let out = c.stdout(Stdio::null()).stderr(Stdio::null()).status().map_err(|e| format!("{c:?}: {e}"))?;
    let _ = out;
    Ok(t.elapsed().as_secs_f64())
}

fn num_cpus() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// An FTS5 trigram table of the corpus's non-empty lines.
struct Fts5 {
    tsv: PathBuf,
    db: PathBuf,
}

impl Fts5 {
    /// Write the lines to import.
    fn prepare(a: &Args, work: &Path) -> Result<Fts5, Box<dyn std::error::Error>> {
        let tsv = work.join("lines.tsv");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&tsv)?);
        use std::io::Write;
        for f in text_files(&a.corpus) {
            for l in std::fs::read_to_string(&f).unwrap_or_default().lines().filter(|l| !l.trim().is_empty()) {
                writeln!(out, "{}", l.replace(['\t', '"'], " "))?;
            }
        }
        drop(out);
        Ok(Fts5 { tsv, db: work.join("fts.db") })
    }

    /// Build the table from scratch; seconds taken.
    fn build(&self) -> Result<f64, Box<dyn std::error::Error>> {
        use std::io::Write;
        let _ = std::fs::remove_file(&self.db);
        let script = format!(
            "CREATE VIRTUAL TABLE t USING fts5(body, tokenize='trigram');\n.mode tabs\n.import {} t\n",
            self.tsv.display()
        );
        let t = Instant::now();
        let mut child = Command::new("sqlite3").arg(&self.db).stdin(Stdio::piped()).stdout(Stdio::null()).spawn()?;
        child.stdin.take().ok_or("stdin")?.write_all(script.as_bytes())?;
        if !child.wait()?.success() {
            return Err("sqlite3 failed (apt-get install sqlite3)".into());
        }
        Ok(t.elapsed().as_secs_f64())
    }
}
