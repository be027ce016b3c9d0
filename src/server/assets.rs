//! The web page: files of `assets/`, built into the binary (no CDN, no
//! build step), and the API's OpenAPI description.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// One embedded file.
struct Asset {
    name: &'static str,
    content_type: &'static str,
    body: &'static [u8],
}

macro_rules! asset {
    ($name:literal, $type:expr) => {
        Asset { name: $name, content_type: $type, body: include_bytes!(concat!("../../assets/", $name)) }
    };
}

const JS: &str = "text/javascript; charset=utf-8";

/// Every file the page loads.
const ASSETS: &[Asset] = &[
    asset!("index.html", "text/html; charset=utf-8"),
    asset!("style.css", "text/css; charset=utf-8"),
    asset!("app.js", JS),
    asset!("api.js", JS),
    asset!("auth.js", JS),
    asset!("copy.js", JS),
    asset!("dom.js", JS),
    asset!("facets.js", JS),
    asset!("history.js", JS),
    asset!("hits.js", JS),
    asset!("keys.js", JS),
    asset!("kwic.js", JS),
    asset!("live.js", JS),
    asset!("passage.js", JS),
    asset!("state.js", JS),
    asset!("summary.js", JS),
    asset!("views.js", JS),
];

/// The OpenAPI description of the API.
const OPENAPI: &[u8] = include_bytes!("../../assets/openapi.json");

fn answer(content_type: &'static str, body: &'static [u8]) -> Response {
    let mut r = body.into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    r
}

/// `GET /`: the page (its state is in the URL's query).
pub async fn page() -> Response {
    let index = &ASSETS[0];
    answer(index.content_type, index.body)
}

/// `GET /assets/{name}`.
pub async fn file(Path(name): Path<String>) -> Response {
    match ASSETS.iter().find(|a| a.name == name && a.name != "index.html") {
        Some(a) => answer(a.content_type, a.body),
        None => super::error::ApiError::not_found("no such file").into_response(),
    }
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Response {
    answer("application/json", OPENAPI)
}

/// Anything else: a JSON 404.
pub async fn not_found() -> Response {
    (StatusCode::NOT_FOUND, super::error::ApiError::not_found("no such page or endpoint")).into_response()
}
