//! Errors from building, signing and baking credentials.
//!
//! Messages are meant to be shown to a person (the issuer's admin page, the /verify page), so each one says
//! which step failed and why.

/// Failure while building, signing, encoding or baking. Verification outcomes are not errors: see
/// [`crate::Verification`].
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The JSON is not the expected shape (for example no `@context`, or a `proof` already present).
    #[error("invalid credential JSON: {0}")]
    InvalidJson(String),
    /// JSON-LD processing failed (unknown context, syntax error).
    #[error("JSON-LD processing failed: {0}")]
    JsonLd(String),
    /// A property would silently vanish from what is signed ("safe mode"): signing it would make the
    /// signature cover less than the document shows.
    #[error(
        "property `{path}` is not defined by the credential's @context, so it would not be signed"
    )]
    UndefinedProperty {
        /// JSON path of the key, such as `credentialSubject.achievement.criteria.narative`.
        path: String,
    },
    /// A value that must be an IRI (an `id`, a URL-typed property) is relative or not an IRI.
    #[error("`{path}` must be an absolute IRI, got `{value}`")]
    NotAnIri {
        /// JSON path of the value.
        path: String,
        /// The offending value.
        value: String,
    },
    /// RDF Dataset Canonicalization (RDFC-1.0) failed.
    #[error("canonicalization failed: {0}")]
    Canonicalization(String),
    /// A key could not be created, decoded or used.
    #[error("key error: {0}")]
    Key(String),
    /// A bitstring status list could not be built, encoded or decoded.
    #[error("status list: {0}")]
    StatusList(String),
    /// The caller's input cannot make a valid credential (for example a host name that cannot be a did:web).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// Embedding a credential into, or extracting it from, a PNG or SVG image failed.
    #[error("baked image: {0}")]
    Baking(String),
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
