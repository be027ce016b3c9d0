//! Keeping the index current while the corpus changes.
//!
//! A file-system watch follows the corpus folder it was set on: when the
//! folder is deleted (or replaced by another of the same name), the watch
//! dies with it and would never report again. So the loop also checks,
//! every [`CHECK`], which folder stands at the corpus path (its device and
//! inode): gone, it says so once and waits; back (recreated, or moved back),
//! it watches the new folder and updates, so the index ends as a fresh
//! build of what is there.

use super::report::{LockWait, NoProgress, UpdateReport};
use super::update::update;
use crate::error::{Error, Result};
use crate::options::IndexOptions;
use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{DebounceEventResult, Debouncer, new_debouncer};
use std::ops::ControlFlow;
use std::path::Path;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

/// How often the loop checks that the corpus folder is still the one
/// watched.
const CHECK: Duration = Duration::from_millis(500);

/// What a watch reports.
#[derive(Debug)]
#[non_exhaustive]
pub enum WatchEvent {
    /// An update ran after a burst of changes (an update that fails is
    /// reported, and watching goes on).
    Updated(Result<UpdateReport>),
    /// The corpus folder is gone (deleted or moved away); the index is kept
    /// as it was, and the watch waits for the folder to return.
    CorpusGone,
    /// The corpus folder is back (recreated or moved back); an update
    /// follows.
    CorpusBack,
}

/// Watch `opts.corpus` and update the index after each burst of changes
/// (events closer together than `debounce` are one burst). `on_event`
/// receives what happens and ends the watch by returning `Break`;
/// otherwise it runs until the process is interrupted, which the index
/// survives at any moment.
pub fn watch(
    opts: &IndexOptions,
    debounce: Duration,
    mut on_event: impl FnMut(WatchEvent) -> ControlFlow<()>,
) -> Result<()> {
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(debounce, tx).map_err(|e| watch_error(&opts.corpus, e))?;
    let mut watched = identity(&opts.corpus);
    if watched.is_some() {
        start(&mut debouncer, &opts.corpus)?;
    }
    let index_dir = opts.index.canonicalize().unwrap_or_else(|_| opts.index.clone());
    loop {
        let mut changed = match rx.recv_timeout(CHECK) {
            // Changes inside the index directory are our own writes.
            Ok(Ok(evs)) => evs.iter().any(|e| !e.path.starts_with(&index_dir) && !is_hidden(&e.path)),
            // The watcher lost track (e.g. queue overflow): look everywhere.
            Ok(Err(_)) => true,
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let now = identity(&opts.corpus);
        if now != watched {
            // Stop watching the old folder (gone, or moved elsewhere).
            let _ = debouncer.watcher().unwatch(&opts.corpus);
            let event = match now {
                Some(_) => {
                    start(&mut debouncer, &opts.corpus)?;
                    changed = true;
                    WatchEvent::CorpusBack
                }
                None => WatchEvent::CorpusGone,
            };
            watched = now;
            if on_event(event).is_break() {
                return Ok(());
            }
        }
        if changed
            && watched.is_some()
            && on_event(WatchEvent::Updated(update(opts, LockWait::Wait, &NoProgress))).is_break()
        {
            return Ok(());
        }
    }
}

fn start(debouncer: &mut Debouncer<RecommendedWatcher>, corpus: &Path) -> Result<()> {
    debouncer.watcher().watch(corpus, RecursiveMode::Recursive).map_err(|e| watch_error(corpus, e))
}

fn watch_error(path: &Path, e: impl std::fmt::Display) -> Error {
    Error::io(path, std::io::Error::other(e.to_string()))
}

/// Which folder stands at `path` (device and inode), if one does.
#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().filter(|m| m.is_dir()).map(|m| (m.dev(), m.ino()))
}

/// Whether a folder stands at `path` (elsewhere a replaced folder is not
/// told from the old one).
#[cfg(not(unix))]
fn identity(path: &Path) -> Option<(u64, u64)> {
    path.is_dir().then_some((0, 0))
}

fn is_hidden(p: &Path) -> bool {
    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.'))
}

#[cfg(test)]
#[path = "watch_tests.rs"]
mod tests;
