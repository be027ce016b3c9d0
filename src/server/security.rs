//! What every response carries and every request must pass: the API key,
//! the Host check, CORS, and the headers that keep a browser strict.

use super::error::ApiError;
use super::state::State;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::sync::Arc;

/// The page's scripts, styles and requests come from this server only; no
/// inline script or style, no frames, no plugins.
const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; \
                   img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Check the request, run it, add the headers.
pub async fn guard(
    axum::extract::State(state): axum::extract::State<Arc<State>>,
    req: Request,
    next: Next,
) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let origin = req.headers().get(header::ORIGIN).cloned();
    let mut response = match check(&state, &req, api) {
        Err(e) => e.into_response(),
        Ok(()) if req.method() == Method::OPTIONS => preflight(&state, origin.as_ref()),
        Ok(()) => next.run(req).await,
    };
    let h = response.headers_mut();
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    h.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    if api {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let Some(allowed) = allowed_origin(&state, origin.as_ref()) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, allowed);
        h.insert(header::VARY, HeaderValue::from_static("Origin"));
    }
    response
}

/// The Host a browser sent must be this machine when serving loopback (a
/// page of another site, its name re-pointed at 127.0.0.1, must not read
/// the corpus: DNS rebinding); API calls need the key when one is set.
fn check(state: &State, req: &Request, api: bool) -> Result<(), ApiError> {
    if state.loopback && !local_host(req.headers()) {
        return Err(ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            "this server answers only requests addressed to localhost, 127.0.0.1 or [::1]",
        ));
    }
    let Some(key) = state.key.as_deref().filter(|_| api && req.method() != Method::OPTIONS) else {
        return Ok(());
    };
    let given = req.headers().get(header::AUTHORIZATION).and_then(|v| v.to_str().ok());
    match given.and_then(|v| v.strip_prefix("Bearer ")) {
        Some(token) if same(token.trim().as_bytes(), key.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(StatusCode::UNAUTHORIZED, "wrong API key")),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "this server needs an API key: send `Authorization: Bearer KEY`",
        )),
    }
}

/// Host is `localhost`, `127.x.y.z` or `[::1]` (with any port), or absent
/// (HTTP/1.0 tools).
fn local_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return !headers.contains_key(header::HOST);
    };
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    name.eq_ignore_ascii_case("localhost")
        || name == "::1"
        || name.parse::<std::net::Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// Compare keys in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The request's Origin, if `--cors` allows it.
fn allowed_origin(state: &State, origin: Option<&HeaderValue>) -> Option<HeaderValue> {
    let allowed = state.cors.as_deref()?;
    origin.filter(|o| o.as_bytes() == allowed.as_bytes()).cloned()
}

/// The answer to a CORS preflight: GET with an Authorization header, for
/// the allowed origin only.
fn preflight(state: &State, origin: Option<&HeaderValue>) -> Response {
    let mut r = StatusCode::NO_CONTENT.into_response();
    if allowed_origin(state, origin).is_some() {
        let h = r.headers_mut();
        h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET"));
        h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static("authorization"));
        h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts_and_keys() {
        let host = |h: &str| {
            let mut m = HeaderMap::new();
            m.insert(header::HOST, HeaderValue::from_str(h).unwrap());
            local_host(&m)
        };
        assert!(host("localhost:7700") && host("127.0.0.1:7700") && host("[::1]:7700") && host("LOCALHOST"));
        assert!(!host("evil.example:7700") && !host("127.0.0.1.evil.example") && !host("[::2]:80"));
        assert!(local_host(&HeaderMap::new()));
        assert!(same(b"key", b"key") && !same(b"key", b"kez") && !same(b"key", b"keys"));
    }
}
