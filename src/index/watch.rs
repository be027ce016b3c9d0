//! Keeping the index current while the corpus changes.

use super::report::{LockWait, NoProgress, UpdateReport};
use super::update::update;
use crate::error::{Error, Result};
use crate::options::IndexOptions;
use notify_debouncer_mini::{DebounceEventResult, new_debouncer, notify::RecursiveMode};
use std::ops::ControlFlow;
use std::time::Duration;

/// Watch `opts.corpus` and update the index after each burst of changes
/// (events closer together than `debounce` are one burst). `on_update`
/// receives each update's outcome (an update that fails is reported, and
/// watching goes on) and ends the watch by returning `Break`; otherwise it
/// runs until the process is interrupted, which the index survives at any
/// moment.
pub fn watch(
    opts: &IndexOptions,
    debounce: Duration,
    mut on_update: impl FnMut(Result<UpdateReport>) -> ControlFlow<()>,
) -> Result<()> {
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(debounce, tx).map_err(|e| Error::io(&opts.corpus, std::io::Error::other(e.to_string())))?;
    debouncer
        .watcher()
        .watch(&opts.corpus, RecursiveMode::Recursive)
        .map_err(|e| Error::io(&opts.corpus, std::io::Error::other(e.to_string())))?;
    let index_dir = opts.index.canonicalize().unwrap_or_else(|_| opts.index.clone());
    for events in rx {
        let relevant = match events {
            // Changes inside the index directory (when it sits in the
            // corpus) are our own writes.
            Ok(evs) => evs.iter().any(|e| !e.path.starts_with(&index_dir) && !is_hidden(&e.path)),
            // The watcher lost track (e.g. queue overflow): look everywhere.
            Err(_) => true,
        };
        if relevant && on_update(update(opts, LockWait::Wait, &NoProgress)).is_break() {
            break;
        }
    }
    Ok(())
}

fn is_hidden(p: &std::path::Path) -> bool {
    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}
