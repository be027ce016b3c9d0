//! API errors: a status and the message the command line would print, as
//! `{"error": {"status": 400, "message": "…"}}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// A failed request.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into() }
    }

    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    pub fn busy(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message)
    }
}

impl From<yuanwen::Error> for ApiError {
    /// The caller's mistakes are 4xx; the index's problems 5xx (503: the
    /// server is up, the index cannot answer now).
    fn from(e: yuanwen::Error) -> ApiError {
        use yuanwen::Error as E;
        let status = match &e {
            E::Query(_) | E::BadPassageId { .. } => StatusCode::BAD_REQUEST,
            E::QueryTooLong { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            E::NoIndex { .. } | E::Damaged { .. } | E::Locked { .. } => StatusCode::SERVICE_UNAVAILABLE,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, crate::cli::sanitize::sanitize(&e.to_string()).into_owned())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": { "status": self.status.as_u16(), "message": self.message } });
        (self.status, axum::Json(body)).into_response()
    }
}
