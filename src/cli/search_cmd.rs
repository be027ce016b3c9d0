//! `yuanwen search`.

use super::args::SearchArgs;
use super::index_cmd::{summary, update_waiting};
use super::output::{self, Style};
use super::{Env, warn};
use anyhow::{Context, Result};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use yuanwen::index::{self, Freshness, LockWait, NoProgress};
use yuanwen::{IndexOptions, SearchOptions, Searcher};

/// Refresh the index if the corpus changed, search, print.
pub fn run(corpus: &Path, index_dir: &Path, a: &SearchArgs, env: &Env) -> Result<ExitCode> {
    let opts = IndexOptions::new(corpus, index_dir);
    if !a.no_refresh {
        refresh(&opts, env)?;
    }
    let searcher =
        Searcher::open(index_dir).with_context(|| format!("cannot open the index at {}", index_dir.display()))?;
    searcher.warnings().iter().for_each(warn);
    let query = a.query.join(" ");
    let search_opts = SearchOptions::default().with_limit(a.limit as usize).with_width(a.width as usize);
    let results = searcher.search(&query, &search_opts)?;
    let style = Style { color: env.color(a.color, a.json) };
    let mut out = BufWriter::new(std::io::stdout().lock());
    if a.explain && !a.json {
        output::explain(&mut out, &results.query)?;
    }
    for hit in &results.hits {
        if a.json {
            output::json(&mut out, hit, &results.query)?;
        } else {
            output::human(&mut out, hit, &style)?;
        }
    }
    out.flush()?;
    Ok(if results.hits.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Build the index if missing, update it if the corpus changed. Another
/// process updating it is not an error: the current version is searched.
fn refresh(opts: &IndexOptions, env: &Env) -> Result<()> {
    let state = match index::freshness(opts) {
        Ok(s) => s,
        Err(e @ yuanwen::Error::Io { .. }) if index::exists(&opts.index) => {
            // The corpus is gone or unreadable, but an index exists: search it.
            eprintln!("yuanwen: warning: cannot check the corpus for changes ({e}); searching the existing index");
            return Ok(());
        }
        Err(e) => return Err(e).context("cannot check whether the index is current"),
    };
    match state {
        Freshness::Fresh => Ok(()),
        Freshness::Missing => {
            let report = update_waiting(opts, env.stderr_tty, false)?;
            report.warnings.iter().for_each(warn);
            eprintln!("yuanwen: {}", summary(&report));
            Ok(())
        }
        Freshness::Stale(_) => match index::update(opts, LockWait::NoWait, &NoProgress) {
            Ok(report) => {
                report.warnings.iter().for_each(warn);
                eprintln!("yuanwen: {}", summary(&report));
                Ok(())
            }
            Err(yuanwen::Error::Locked { .. }) => {
                eprintln!("yuanwen: the index is being updated by another process; searching its current version");
                Ok(())
            }
            Err(e) => Err(e).context("cannot update the index"),
        },
    }
}
