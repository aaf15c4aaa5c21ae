//! Field-level validation errors shared by every form and API endpoint.
//!
//! Errors carry a stable `code` rather than text. Their words live once, as `error-<code>` in the web
//! layer's Fluent files: pages show them in the reader's language, and the API and the command line take
//! the English message from there (`agora_web::i18n::english`).

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub code: &'static str,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("invalid input: {}", .errors.iter().map(|e| format!("{} ({})", e.field, e.code)).collect::<Vec<_>>().join(", "))]
pub struct ValidationErrors {
    pub errors: Vec<FieldError>,
}

impl ValidationErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn single(field: impl Into<String>, code: &'static str) -> Self {
        let mut e = Self::new();
        e.add(field, code);
        e
    }

    pub fn add(&mut self, field: impl Into<String>, code: &'static str) {
        let field = field.into();
        // One message per field is what a person can act on; keep the first.
        if !self.errors.iter().any(|e| e.field == field) {
            self.errors.push(FieldError { field, code });
        }
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<&'static str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.code)
    }

    pub fn into_result<T>(self, ok: T) -> Result<T, Self> {
        if self.is_empty() {
            Ok(ok)
        } else {
            Err(self)
        }
    }

    /// Records the error of a parse into `field` and returns the value if it parsed.
    pub fn check<T>(&mut self, field: &str, r: Result<T, &'static str>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(code) => {
                self.add(field, code);
                None
            }
        }
    }
}
