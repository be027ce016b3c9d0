//! `yuanwen serve`: the web page and the HTTP API, another thin front end
//! over the library (beside the command line): parse the request, call
//! the library, answer JSON.
//!
//! - `api.rs`: the endpoints; `params.rs`: their parameters, strictly;
//! - `state.rs`: the live index, swapped after each update, and the limits;
//! - `security.rs`: key, Host check, CORS, strict headers;
//! - `assets.rs`: the embedded page; `error.rs`: JSON errors.

mod api;
mod assets;
mod error;
mod params;
mod security;
mod state;

use crate::cli::Env;
use crate::cli::args::ServeArgs;
use anyhow::{Context, Result, bail};
use axum::Router;
use axum::routing::get;
use state::State;
use std::ops::ControlFlow;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use yuanwen::index::{self, WatchEvent};
use yuanwen::{IndexOptions, Searcher};

/// Build or refresh the index, then serve until interrupted.
pub fn run(opts: IndexOptions, a: &ServeArgs, env: &Env) -> Result<ExitCode> {
    let key = api_key(a)?;
    let loopback = a.addr.ip().is_loopback();
    if !loopback && key.is_none() {
        bail!(
            "--addr {} is reachable from other machines: give an API key with --api-key KEY (or \
             --api-key-file FILE, or YUANWEN_API_KEY) so that only those who have it can read the corpus",
            a.addr
        );
    }
    if let Some(origin) = &a.cors {
        axum::http::HeaderValue::from_str(origin).with_context(|| format!("--cors {origin:?} is not an origin"))?;
    }
    crate::cli::search_cmd::refresh(&opts, env)?;
    let searcher =
        Searcher::open(&opts.index).with_context(|| format!("cannot open the index at {}", opts.index.display()))?;
    searcher.warnings().iter().for_each(crate::cli::warn);
    let mut state = State::new(searcher, opts.index.clone(), opts.corpus.clone(), a.max_searches as usize);
    state.limits.timeout = Duration::from_secs(a.timeout);
    (state.watching, state.loopback, state.key, state.cors) = (a.watch, loopback, key, a.cors.clone());
    let state = Arc::new(state);
    if a.watch {
        watch(opts, Arc::clone(&state), a.quiet);
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(serve(state, a))?;
    Ok(ExitCode::SUCCESS)
}

/// The key from `--api-key` (or `YUANWEN_API_KEY`) or the first line of
/// `--api-key-file`.
fn api_key(a: &ServeArgs) -> Result<Option<String>> {
    let key = match (&a.api_key, &a.api_key_file) {
        (Some(k), _) => k.clone(),
        (None, Some(file)) => std::fs::read_to_string(file)
            .with_context(|| format!("cannot read the API key file {}", file.display()))?
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
        (None, None) => return Ok(None),
    };
    let key = key.trim().to_string();
    if key.len() < 16 || !key.bytes().all(|b| b.is_ascii_graphic()) {
        bail!("the API key must be at least 16 printable ASCII characters without spaces");
    }
    Ok(Some(key))
}

/// The routes, behind the guard.
fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/", get(assets::page).fallback(method_not_allowed))
        .route("/assets/{name}", get(assets::file).fallback(method_not_allowed))
        .route("/health", get(api::health).fallback(method_not_allowed))
        .route("/api/openapi.json", get(assets::openapi).fallback(method_not_allowed))
        .route("/api/search", get(api::search).fallback(method_not_allowed))
        .route("/api/kwic", get(api::kwic).fallback(method_not_allowed))
        .route("/api/stats", get(api::stats).fallback(method_not_allowed))
        .route("/api/passage/{id}", get(api::passage).fallback(method_not_allowed))
        .fallback(assets::not_found)
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&state), security::guard))
        .with_state(state)
}

/// The API is read-only: anything but GET (and HEAD) is 405.
async fn method_not_allowed() -> error::ApiError {
    error::ApiError::new(axum::http::StatusCode::METHOD_NOT_ALLOWED, "only GET is served: the API is read-only")
}

/// Listen, say where, answer until Ctrl-C.
async fn serve(state: Arc<State>, a: &ServeArgs) -> Result<()> {
    let listener =
        tokio::net::TcpListener::bind(a.addr).await.with_context(|| format!("cannot listen on {}", a.addr))?;
    let at = listener.local_addr()?;
    eprintln!("yuanwen: serving http://{at}/ (the API: http://{at}/api/openapi.json)");
    if state.key.is_some() {
        eprintln!("yuanwen: API requests need the key: `Authorization: Bearer KEY`");
    }
    let stop = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    axum::serve(listener, router(state)).with_graceful_shutdown(stop).await.context("the server stopped")
}

/// Follow the corpus on a thread of its own: after each update, search
/// the new version (searches running finish on the old one).
fn watch(opts: IndexOptions, state: Arc<State>, quiet: bool) {
    std::thread::spawn(move || {
        let result = index::watch(&opts, Duration::from_millis(200), |event| {
            match event {
                WatchEvent::Updated(Ok(report)) if report.changed_anything() => {
                    if let Err(e) = state.reload() {
                        eprintln!("yuanwen: warning: cannot open the updated index ({e}); serving the last one");
                    } else if !quiet {
                        eprintln!("yuanwen: {}", crate::cli::index_cmd::summary(&report));
                    }
                }
                WatchEvent::Updated(Err(e)) => eprintln!("yuanwen: warning: cannot update the index: {e}"),
                WatchEvent::CorpusGone => eprintln!("yuanwen: warning: the corpus folder is gone; serving the index"),
                _ => {}
            }
            ControlFlow::Continue(())
        });
        if let Err(e) = result {
            eprintln!("yuanwen: warning: watching the corpus stopped: {e}");
        }
    });
}
