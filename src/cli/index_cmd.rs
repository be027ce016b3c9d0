//! `yuanwen index`.

use super::args::IndexArgs;
use super::progress::Bar;
use super::{Env, warn};
use anyhow::{Context, Result};
use std::io::Write;
use std::process::ExitCode;
use yuanwen::IndexOptions;
use yuanwen::index::{self, LockWait, NoProgress, Progress, UpdateReport, WatchEvent};

/// Build or update the index and report what was done.
pub fn run(opts: IndexOptions, a: &IndexArgs, env: &Env) -> Result<ExitCode> {
    let opts = opts.with_full(a.full);
    let show_bar = env.stderr_tty && !a.json && !a.quiet;
    let report = update_waiting(&opts, show_bar, a.quiet)?;
    if !a.quiet {
        report.warnings.iter().for_each(warn);
    }
    print_report(&report, a)?;
    if a.watch {
        if !a.quiet && !a.json {
            eprintln!("yuanwen: watching {} for changes (Ctrl-C to stop)", opts.corpus.display());
        }
        let mut failure = None;
        index::watch(&opts, std::time::Duration::from_millis(500), |event| match event {
            WatchEvent::CorpusGone => {
                eprintln!(
                    "yuanwen: the corpus {} is gone; the index is kept, waiting for the folder to return",
                    opts.corpus.display()
                );
                std::ops::ControlFlow::Continue(())
            }
            WatchEvent::CorpusBack => {
                eprintln!("yuanwen: the corpus {} is back; updating", opts.corpus.display());
                std::ops::ControlFlow::Continue(())
            }
            WatchEvent::Updated(Ok(report)) if report.changed_anything() => {
                if !a.quiet {
                    report.warnings.iter().for_each(warn);
                }
                match print_report(&report, a) {
                    Ok(()) => std::ops::ControlFlow::Continue(()),
                    Err(e) => {
                        failure = Some(e);
                        std::ops::ControlFlow::Break(())
                    }
                }
            }
            WatchEvent::Updated(Ok(_)) => std::ops::ControlFlow::Continue(()),
            WatchEvent::Updated(Err(e)) => {
                eprintln!("yuanwen: error: {}", super::sanitize::sanitize(&e.to_string()));
                std::ops::ControlFlow::Continue(())
            }
            _ => std::ops::ControlFlow::Continue(()),
        })?;
        if let Some(e) = failure {
            return Err(e);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_report(report: &UpdateReport, a: &IndexArgs) -> Result<()> {
    let mut out = std::io::stdout().lock();
    if a.json {
        serde_json::to_writer(&mut out, report)?;
        writeln!(out)?;
    } else if !a.quiet {
        writeln!(out, "{}", summary(report))?;
    }
    out.flush()?;
    Ok(())
}

/// Update, waiting (with a message) if another process is indexing.
pub fn update_waiting(opts: &IndexOptions, show_bar: bool, quiet: bool) -> Result<UpdateReport> {
    let bar;
    let progress: &dyn Progress = if show_bar {
        bar = Bar::new();
        &bar
    } else {
        &NoProgress
    };
    let first = index::update(opts, LockWait::NoWait, progress);
    let report = match first {
        Err(yuanwen::Error::Locked { .. }) => {
            if !quiet {
                eprintln!("yuanwen: another `yuanwen index` is updating {}; waiting for it…", opts.index.display());
            }
            index::update(opts, LockWait::Wait, progress)
        }
        other => other,
    };
    report.with_context(|| format!("cannot index {} into {}", opts.corpus.display(), opts.index.display()))
}

/// One line: what changed, totals, time.
pub fn summary(r: &UpdateReport) -> String {
    let secs = r.elapsed.as_secs_f64();
    let head = match &r.rebuilt {
        Some(why) => format!("rebuilt the index ({why})"),
        None if !r.changed_anything() => "index is up to date".to_string(),
        None => "updated the index".to_string(),
    };
    format!(
        "{head}: {} files{}, {} paragraphs, {:.2} s (files: {} added, {} changed, {} removed, {} unchanged; paragraphs: +{} −{})",
        r.files,
        if r.skipped > 0 { format!(" ({} skipped)", r.skipped) } else { String::new() },
        r.documents,
        secs,
        r.added,
        r.changed,
        r.removed,
        r.unchanged,
        r.documents_added,
        r.documents_removed
    )
}
