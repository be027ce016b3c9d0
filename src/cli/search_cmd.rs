//! `yuanwen search`: refresh, choose what to print (hits, counts, files,
//! concordance), print it, and the summary.

use super::args::{CountBy, KwicOrder, SearchArgs, SortBy};
use super::index_cmd::{summary, update_waiting};
use super::output::{self, Style};
use super::{Env, explain, kwic, listing, warn};
use anyhow::{Context, Result};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use yuanwen::index::{self, Freshness, LockWait, NoProgress};
use yuanwen::search::{KwicSort, Sort};
use yuanwen::{IndexOptions, SearchOptions, Searcher};

/// Refresh the index if the corpus changed, search, print.
pub fn run(opts: IndexOptions, a: &SearchArgs, env: &Env) -> Result<ExitCode> {
    let (corpus, index_dir) = (opts.corpus.clone(), opts.index.clone());
    let query = match &a.query_file {
        Some(file) => read_query(file)?,
        None => a.query.join(" "),
    };
    if !a.no_refresh {
        refresh(&opts, env)?;
    }
    let searcher =
        Searcher::open(&index_dir).with_context(|| format!("cannot open the index at {}", index_dir.display()))?;
    searcher.warnings().iter().for_each(warn);
    let style =
        Style { color: !a.plain && env.color(a.color, a.json), markers: !a.plain, root: corpus, columns: env.columns };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let found = if a.kwic {
        kwic(&searcher, &query, a, &style, env, &mut out)?
    } else if a.count || a.count_by.is_some() || a.files_with_matches {
        counts(&searcher, &query, a, &style, &mut out)?
    } else {
        hits(&searcher, &query, a, &style, env, &mut out)?
    };
    out.flush()?;
    Ok(if found { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// The query in `file` (`-`: standard input), as UTF-8 text.
fn read_query(file: &Path) -> Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    let name = file.display();
    if file == Path::new("-") {
        std::io::stdin().lock().read_to_end(&mut bytes).context("cannot read the query from standard input")?;
    } else {
        bytes = std::fs::read(file).with_context(|| format!("cannot read the query file {name}"))?;
    }
    String::from_utf8(bytes).map_err(|e| anyhow::anyhow!("the query file {name} is not UTF-8 text ({e})"))
}

/// The library's options for these arguments. The front end always
/// counts: every search ends with its summary.
fn search_options(a: &SearchArgs) -> SearchOptions {
    let sort = match a.sort {
        SortBy::Relevance => Sort::Relevance,
        SortBy::Path => Sort::Path,
    };
    SearchOptions::default()
        .with_limit(usize::try_from(a.limit).unwrap_or(usize::MAX))
        .with_offset(usize::try_from(a.offset).unwrap_or(usize::MAX))
        .with_sort(sort)
        .with_exact(a.exact)
        .with_count(true)
        .with_facets(a.count_by.is_some() || a.files_with_matches)
        .with_context(a.context as usize)
        .with_width(a.width as usize)
        .with_near(true)
}

/// Hits, then the summary. True if anything matched.
fn hits(
    searcher: &Searcher,
    query: &str,
    a: &SearchArgs,
    style: &Style,
    env: &Env,
    out: &mut impl Write,
) -> Result<bool> {
    let results = searcher.search(query, &search_options(a))?;
    warn_about(&results.query);
    let forms = match a.explain {
        true => Some(searcher.concordance(query, &search_options(a), 0, KwicSort::Path)?.forms()),
        false => None,
    };
    if a.explain && !a.json {
        explain::explain(out, &results.query, forms.as_deref().unwrap_or_default(), a.exact)?;
    }
    for hit in &results.hits {
        if hit.near && hit.rank == 1 && !a.json {
            let header = "near matches: no passage holds the query as typed; in these a character \
                          differs (what agrees is highlighted)";
            writeln!(out, "{}\n", style.dim(header))?;
        }
        if a.json {
            output::json(out, hit, &results.query, &style.place(&hit.document.path))?;
        } else {
            output::human(out, hit, style, a.explain)?;
        }
    }
    if a.json {
        listing::json_summary(out, &results.summary, forms.as_deref())?;
    } else if env.stderr_tty || a.stats {
        out.flush()?;
        eprintln!("{}", listing::summary_line(&results.summary));
    }
    // Near matches alone are not a find (exit 1): a script asking whether
    // the text occurs gets the truth.
    Ok(results.summary.counts.is_some_and(|c| c.passages > 0) || results.hits.iter().any(|h| !h.near))
}

/// What the user should know about how the query was read, on stderr.
fn warn_about(query: &yuanwen::search::Explanation) {
    for n in query.notices.iter().filter(|n| n.is_warning()) {
        eprintln!("yuanwen: warning: {}", super::sanitize::sanitize(&n.to_string()));
    }
}

/// `--count`, `--count-by`, `-l`. True if anything matched.
fn counts(searcher: &Searcher, query: &str, a: &SearchArgs, style: &Style, out: &mut impl Write) -> Result<bool> {
    let results = searcher.search(query, &search_options(a).with_limit(1))?;
    warn_about(&results.query);
    let counts = results.summary.counts.unwrap_or_default();
    let facets = results.facets.unwrap_or_default();
    match (a.json, a.files_with_matches, a.count_by) {
        (true, _, _) => listing::json_counts(out, &results.summary, &facets, a.count_by, a.files_with_matches)?,
        (false, true, _) => listing::files(out, &facets, style)?,
        (false, false, Some(CountBy::File)) => listing::by_file(out, &facets, style)?,
        (false, false, Some(CountBy::Section)) => listing::by_section(out, &facets, style)?,
        (false, false, None) => listing::counts(out, &counts)?,
    }
    Ok(counts.passages > 0)
}

/// `--kwic`. True if anything matched.
fn kwic(
    searcher: &Searcher,
    query: &str,
    a: &SearchArgs,
    style: &Style,
    env: &Env,
    out: &mut impl Write,
) -> Result<bool> {
    let sort = match a.kwic_sort {
        KwicOrder::Path => KwicSort::Path,
        KwicOrder::Left => KwicSort::Left,
        KwicOrder::Right => KwicSort::Right,
    };
    let started = std::time::Instant::now();
    let concordance = searcher.concordance(query, &search_options(a), a.kwic_width as usize, sort)?;
    if a.json {
        kwic::json(out, &concordance, started.elapsed())?;
    } else {
        kwic::human(out, &concordance, a.kwic_width as usize, style)?;
        if env.stderr_tty || a.stats {
            out.flush()?;
            eprintln!("{}", kwic::summary_line(&concordance, started.elapsed()));
        }
    }
    Ok(!concordance.lines.is_empty())
}

/// After a failed update, is the last version still worth searching? Not
/// when it is damaged (the user must rebuild) or the query cannot run.
fn searchable_anyway(e: &yuanwen::Error) -> bool {
    matches!(e, yuanwen::Error::Io { .. } | yuanwen::Error::Dictionary { .. } | yuanwen::Error::BadFile { .. })
        || matches!(e, yuanwen::Error::Tantivy(_))
}

/// Build the index if missing, update it if the corpus changed. Another
/// process updating it is not an error: the current version is searched.
pub fn refresh(opts: &IndexOptions, env: &Env) -> Result<()> {
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
            // A failed update (disk full, a read-only index, a bad
            // dictionary) leaves the last version intact: search it.
            Err(e) if searchable_anyway(&e) => {
                let e = super::sanitize::sanitize(&e.to_string()).into_owned();
                eprintln!("yuanwen: warning: cannot update the index ({e}); searching its last version");
                Ok(())
            }
            Err(e) => Err(e).context("cannot update the index"),
        },
    }
}
