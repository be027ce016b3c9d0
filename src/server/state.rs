//! What every request shares: the live index (swapped, never locked for
//! long, when the watch updates it), the limits, the key.

use super::error::ApiError;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Duration;
use tokio::sync::Semaphore;
use yuanwen::Searcher;
use yuanwen::search::IndexStats;

/// The version of the index being searched.
pub struct Live {
    pub searcher: Searcher,
    /// Counts the versions this server has opened (1 at start).
    pub generation: u64,
    /// Its numbers, computed once (the page asks every second).
    stats: OnceLock<IndexStats>,
}

impl Live {
    fn new(searcher: Searcher, generation: u64) -> Live {
        Live { searcher, generation, stats: OnceLock::new() }
    }

    /// What this version holds.
    pub fn stats(&self) -> yuanwen::Result<IndexStats> {
        if let Some(s) = self.stats.get() {
            return Ok(s.clone());
        }
        let s = self.searcher.stats()?;
        Ok(self.stats.get_or_init(|| s).clone())
    }
}

/// Bounds on what one request may ask.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The longest query, in bytes (a pasted passage of some pages).
    pub query_bytes: usize,
    /// The most hits in one page.
    pub hits: u64,
    /// The most concordance lines in one page.
    pub kwic_lines: u64,
    /// The furthest page start.
    pub offset: u64,
    /// Neighbours on either side.
    pub context: u64,
    /// How long a search may run.
    pub timeout: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            query_bytes: 64 << 10,
            hits: 1_000,
            kwic_lines: 10_000,
            offset: 1_000_000,
            context: 50,
            timeout: Duration::from_secs(10),
        }
    }
}

/// The server's state.
pub struct State {
    live: RwLock<Arc<Live>>,
    generations: AtomicU64,
    pub index: PathBuf,
    /// The corpus folder as given: joined before hits' `file`, as the CLI
    /// prints it.
    pub corpus: PathBuf,
    pub limits: Limits,
    /// Searches running at once, at most.
    searches: Arc<Semaphore>,
    pub max_searches: usize,
    pub watching: bool,
    /// Listening on a loopback address: requests must be addressed to it.
    pub loopback: bool,
    /// `Authorization: Bearer` must carry it, if set.
    pub key: Option<String>,
    /// The origin allowed to call from a browser (`--cors`).
    pub cors: Option<String>,
}

impl State {
    pub fn new(searcher: Searcher, index: PathBuf, corpus: PathBuf, max_searches: usize) -> State {
        State {
            live: RwLock::new(Arc::new(Live::new(searcher, 1))),
            generations: AtomicU64::new(1),
            index,
            corpus,
            limits: Limits::default(),
            searches: Arc::new(Semaphore::new(max_searches)),
            max_searches,
            watching: false,
            loopback: true,
            key: None,
            cors: None,
        }
    }

    /// The version to search now.
    pub fn live(&self) -> Arc<Live> {
        match self.live.read() {
            Ok(live) => Arc::clone(&live),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Open the index again (after an update) and search that from now
    /// on; searches running keep their version.
    pub fn reload(&self) -> yuanwen::Result<()> {
        let searcher = Searcher::open(&self.index)?;
        let generation = self.generations.fetch_add(1, Ordering::SeqCst) + 1;
        let fresh = Arc::new(Live::new(searcher, generation));
        match self.live.write() {
            Ok(mut live) => *live = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(())
    }

    /// Run `work` on the live index on a blocking thread, within the
    /// concurrency and time limits: beyond them, 503 at once.
    pub async fn run<T: Send + 'static>(
        self: &Arc<Self>,
        work: impl FnOnce(&Live, &State) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let Ok(permit) = Arc::clone(&self.searches).try_acquire_owned() else {
            return Err(ApiError::busy(format!(
                "the server is busy: {} searches are running; try again in a moment",
                self.max_searches
            )));
        };
        let (state, live) = (Arc::clone(self), self.live());
        let task = tokio::task::spawn_blocking(move || {
            // The permit is held until the search ends, even past the
            // timeout: slow searches cannot pile up.
            let _permit = permit;
            work(&live, &state)
        });
        match tokio::time::timeout(self.limits.timeout, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "internal error while searching; please report it",
            )),
            Err(_) => Err(ApiError::busy(format!(
                "the search took longer than {} s and was given up",
                self.limits.timeout.as_secs()
            ))),
        }
    }
}
