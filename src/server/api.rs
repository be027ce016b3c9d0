//! The JSON endpoints: each parses its parameters strictly, runs the
//! library on a blocking thread within the limits, and answers with the
//! objects `search --json` prints (README.md, "HTTP API").

use super::error::ApiError;
use super::params::Params;
use super::state::{Live, State};
use crate::cli::listing::JsonSummary;
use crate::cli::output::JsonHit;
use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, RawQuery};
use serde::Serialize;
use serde_json::Value;
use std::sync::Arc;
use yuanwen::search::{Concordance, FormCount, KwicLine, KwicSort, PassageId, Sort};
use yuanwen::{Document, SearchOptions};

type Shared = axum::extract::State<Arc<State>>;
type Answer = Result<Json<Value>, ApiError>;

const SORTS: &[(&str, Sort)] = &[("relevance", Sort::Relevance), ("path", Sort::Path)];
const KWIC_SORTS: &[(&str, KwicSort)] =
    &[("path", KwicSort::Path), ("left", KwicSort::Left), ("right", KwicSort::Right)];

/// What a search or a concordance is asked: the query and the options.
struct Asked {
    query: String,
    opts: SearchOptions,
}

impl Asked {
    /// The query and the options every search endpoint shares.
    fn from(p: &Params, state: &State, limit_default: u64, limit_max: u64) -> Result<Asked, ApiError> {
        let l = &state.limits;
        let query = p.required("q")?.to_string();
        if query.len() > l.query_bytes {
            return Err(ApiError::new(
                axum::http::StatusCode::PAYLOAD_TOO_LARGE,
                format!("the query is {} bytes long; the server accepts at most {}", query.len(), l.query_bytes),
            ));
        }
        let mut opts = SearchOptions::default()
            .with_limit(p.number("limit", limit_default, 1..=limit_max)? as usize)
            .with_offset(p.number("offset", 0, 0..=l.offset)? as usize)
            .with_exact(p.flag("exact")?)
            .with_count(true);
        if let Some(file) = p.text("file").filter(|f| !f.is_empty()) {
            opts = opts.with_file(file);
        }
        if let Some(section) = p.text("section").filter(|s| !s.is_empty()) {
            opts = opts.with_section(section);
        }
        Ok(Asked { query, opts })
    }
}

/// `file`: the path as it opens from where the server runs.
fn place(state: &State, path: &str) -> String {
    state.corpus.join(path).to_string_lossy().into_owned()
}

/// `GET /api/search`.
pub async fn search(axum::extract::State(state): Shared, RawQuery(raw): RawQuery) -> Answer {
    const NAMES: &[&str] = &["q", "limit", "offset", "sort", "exact", "file", "section", "context", "width", "forms"];
    let p = Params::parse(raw.as_deref(), NAMES)?;
    let asked = Asked::from(&p, &state, 10, state.limits.hits)?;
    let opts = asked
        .opts
        .with_sort(p.choice("sort", Sort::Relevance, SORTS)?)
        .with_context(p.number("context", 0, 0..=state.limits.context)? as usize)
        .with_width(p.number("width", 100, 10..=1_000)? as usize)
        .with_facets(true)
        .with_near(true);
    let forms = p.flag("forms")?;
    let query = asked.query;
    state.run(move |live, state| searched(live, state, &query, &opts, forms)).await.map(Json)
}

fn searched(live: &Live, state: &State, query: &str, opts: &SearchOptions, forms: bool) -> Result<Value, ApiError> {
    let results = live.searcher.search(query, opts)?;
    let files: Vec<String> = results.hits.iter().map(|h| place(state, &h.document.path)).collect();
    let hits: Vec<JsonHit> = results.hits.iter().zip(&files).map(|(h, f)| JsonHit::new(h, None, f)).collect();
    let forms: Option<Vec<FormCount>> = match forms {
        true => Some(live.searcher.concordance(query, opts, 0, KwicSort::Path)?.forms()),
        false => None,
    };
    Ok(serde_json::json!({
        "hits": hits,
        "summary": JsonSummary::new(&results.summary),
        "facets": results.facets,
        "forms": forms,
        "query": results.query,
    }))
}

/// `GET /api/kwic`.
pub async fn kwic(axum::extract::State(state): Shared, RawQuery(raw): RawQuery) -> Answer {
    const NAMES: &[&str] = &["q", "width", "sort", "limit", "offset", "exact", "file", "section"];
    let p = Params::parse(raw.as_deref(), NAMES)?;
    let asked = Asked::from(&p, &state, 100, state.limits.kwic_lines)?;
    let width = p.number("width", 20, 0..=200)? as usize;
    let sort = p.choice("sort", KwicSort::Path, KWIC_SORTS)?;
    state
        .run(move |live, _| {
            let started = std::time::Instant::now();
            let c = live.searcher.concordance(&asked.query, &asked.opts, width, sort)?;
            Ok(concordance_page(&c, &asked.opts, started.elapsed()))
        })
        .await
        .map(Json)
}

/// A concordance line with its passage's address.
#[derive(Serialize)]
struct Line<'a> {
    #[serde(flatten)]
    line: &'a KwicLine,
    passage_id: PassageId,
}

fn concordance_page(c: &Concordance, opts: &SearchOptions, elapsed: std::time::Duration) -> Value {
    let page: Vec<Line> = c
        .lines
        .iter()
        .skip(opts.offset())
        .take(opts.limit())
        .map(|line| Line { line, passage_id: PassageId::of(&line.path, line.paragraph) })
        .collect();
    serde_json::json!({
        "lines": page,
        "total": c.lines.len(),
        "offset": opts.offset(),
        "passages": c.passages,
        "places": c.places,
        "forms": c.forms(),
        "elapsed_ms": (elapsed.as_secs_f64() * 1e6).round() / 1e3,
    })
}

/// A passage as the API gives it: with its address and openable path.
#[derive(Serialize)]
struct Doc<'a> {
    passage_id: PassageId,
    file: String,
    #[serde(flatten)]
    document: &'a Document,
}

impl<'a> Doc<'a> {
    fn new(state: &State, document: &'a Document) -> Doc<'a> {
        Doc { passage_id: PassageId::of_document(document), file: place(state, &document.path), document }
    }
}

fn docs<'a>(state: &State, documents: &'a [Document]) -> Vec<Doc<'a>> {
    documents.iter().map(|d| Doc::new(state, d)).collect()
}

/// `GET /api/passage/{id}`.
pub async fn passage(
    axum::extract::State(state): Shared,
    id: Result<Path<String>, PathRejection>,
    RawQuery(raw): RawQuery,
) -> Answer {
    let Path(id) = id.map_err(|e| ApiError::bad_request(format!("bad passage id: {e}")))?;
    let id: PassageId = id.parse()?;
    let p = Params::parse(raw.as_deref(), &["context"])?;
    let context = p.number("context", 2, 0..=state.limits.context)? as usize;
    state
        .run(move |live, state| {
            let Some(read) = live.searcher.passage(id, context)? else {
                return Err(ApiError::not_found(format!("no passage {id} in the index (its file may have changed)")));
            };
            Ok(serde_json::json!({
                "passage": Doc::new(state, &read.passage),
                "before": docs(state, &read.before),
                "after": docs(state, &read.after),
            }))
        })
        .await
        .map(Json)
}

/// `GET /api/stats`.
pub async fn stats(axum::extract::State(state): Shared, RawQuery(raw): RawQuery) -> Answer {
    Params::parse(raw.as_deref(), &[])?;
    state
        .run(|live, state| {
            let s = live.stats()?;
            let age = s.written.and_then(|w| w.elapsed().ok()).map(|d| (d.as_secs_f64() * 10.0).round() / 10.0);
            Ok(serde_json::json!({
                "files": s.files,
                "passages": s.passages,
                "documents": s.documents,
                "generation": live.generation,
                "built_at": s.written.map(|w| humantime::format_rfc3339_seconds(w).to_string()),
                "index_age_seconds": age,
                "watching": state.watching,
            }))
        })
        .await
        .map(Json)
}

/// `GET /health`: the server answers and has an index.
pub async fn health(axum::extract::State(state): Shared) -> Json<Value> {
    Json(serde_json::json!({ "status": "ok", "generation": state.live().generation }))
}
