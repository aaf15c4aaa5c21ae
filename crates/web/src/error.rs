//! One error type for every handler, mapped to a response in one place.
//!
//! - `Invalid` carries field errors: 422 with `{"errors": {field: message}}` (forms re-render instead).
//! - `Unauthorized`/`Forbidden`/`NotFound`/`BadRequest`/`TooManyRequests`: the caller's mistake, a 4xx
//!   with a clear message.
//! - `Unexpected`: logged with its whole chain, answered with a bare 500 that reveals nothing.
//!
//! Responses are JSON; on HTML routes the `html_errors` middleware turns them into pages, using the
//! `ErrorPage` marker this module attaches.

use crate::i18n::english;
use agora_domain::ValidationErrors;
use agora_store::StoreError;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("sign in to continue")]
    Unauthorized,
    #[error("you are not allowed to do this")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
    #[error("{0}")]
    BadRequest(String),
    #[error("the request body is too large")]
    TooLarge,
    #[error("too many attempts; try again later")]
    TooManyRequests { retry_after_secs: u64 },
    #[error(transparent)]
    Unexpected(#[from] anyhow::Error),
}

impl Error {
    pub fn bad(message: impl Into<String>) -> Self {
        Error::BadRequest(message.into())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Error::NotFound,
            StoreError::Invalid(v) => Error::Invalid(v),
            other => Error::Unexpected(anyhow::Error::new(other)),
        }
    }
}

/// What the HTML error page needs: the status and a translation key.
#[derive(Debug, Clone)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub key: &'static str,
}

impl Error {
    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            Error::Unauthorized => (
                StatusCode::UNAUTHORIZED,
                "unauthorized",
                "error-page-unauthorized",
            ),
            Error::Forbidden => (StatusCode::FORBIDDEN, "forbidden", "error-page-forbidden"),
            Error::NotFound => (StatusCode::NOT_FOUND, "not_found", "error-page-not-found"),
            Error::Invalid(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid",
                "error-page-invalid",
            ),
            Error::BadRequest(_) => (
                StatusCode::BAD_REQUEST,
                "bad_request",
                "error-page-bad-request",
            ),
            Error::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                "error-page-too-large",
            ),
            Error::TooManyRequests { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                "too_many_requests",
                "error-page-too-many",
            ),
            Error::Unexpected(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "error-page-internal",
            ),
        }
    }
}

pub fn field_errors_json(v: &ValidationErrors) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = v
        .errors
        .iter()
        .map(|e| (e.field.clone(), json!(english(e.code))))
        .collect();
    serde_json::Value::Object(map)
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let (status, code, key) = self.parts();
        let body = match &self {
            Error::Unexpected(e) => {
                tracing::error!(error = ?e, "request failed");
                json!({"error": code, "message": "An unexpected error occurred. It has been logged."})
            }
            Error::Invalid(v) => json!({
                "error": code,
                "message": "Some fields are not valid.",
                "errors": field_errors_json(v),
                "codes": v.errors.iter().map(|e| (e.field.clone(), e.code)).collect::<std::collections::BTreeMap<_, _>>(),
            }),
            other => json!({"error": code, "message": other.to_string()}),
        };
        let mut res = (status, axum::Json(body)).into_response();
        if let Error::TooManyRequests { retry_after_secs } = self {
            if let Ok(v) = retry_after_secs.to_string().parse() {
                res.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        res.extensions_mut().insert(ErrorPage { status, key });
        res
    }
}
