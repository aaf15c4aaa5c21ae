//! Form plumbing shared by every HTML form: reading the CSRF field in the middleware without consuming
//! the body, and the state a re-rendered form needs (submitted values, field errors).

use crate::auth::CSRF_FIELD;
use crate::error::{Error, Result};
use agora_domain::ValidationErrors;
use axum::body::Body;
use axum::extract::Request;
use axum::http::header;

/// Reads the CSRF token from an urlencoded body (then puts the body back), or from the query string
/// for multipart uploads, whose bodies are left to the handler.
pub async fn take_csrf_field(req: Request, limit: usize) -> Result<(Request, Option<String>)> {
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    if content_type.starts_with("multipart/form-data") {
        let token = req.uri().query().and_then(|q| find_field(q.as_bytes()));
        return Ok((req, token));
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| Error::TooLarge)?;
    let token = find_field(&bytes);
    Ok((Request::from_parts(parts, Body::from(bytes)), token))
}

fn find_field(bytes: &[u8]) -> Option<String> {
    url::form_urlencoded::parse(bytes)
        .find(|(k, _)| k == CSRF_FIELD)
        .map(|(_, v)| v.into_owned())
}

/// A form's error state for re-rendering.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(pub ValidationErrors);

impl FieldErrors {
    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.0.get(field)
    }

    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    pub fn fields(&self) -> Vec<(String, &'static str)> {
        self.0
            .errors
            .iter()
            .map(|e| (e.field.clone(), e.code))
            .collect()
    }
}
