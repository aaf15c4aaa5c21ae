//! Open Badges 3.0 credentials for Agora (issue 12), without the `ssi` stack.
//!
//! - [`BadgeCredential`] builds the `OpenBadgeCredential` JSON; [`sign`] adds an `eddsa-rdfc-2022` Data
//!   Integrity proof (Ed25519 over RDFC-1.0 canonical N-Quads); [`verify`] checks proof, issuer key,
//!   validity period and status.
//! - [`StatusList`] and [`status_list_credential`] implement Bitstring Status List: every credential gets
//!   **two** `credentialStatus` entries, revocation and suspension, as an array. OB 3.0 allows one entry, but
//!   only the array makes both visible in any VC 2.0 verifier (Digital Bazaar's reports either); the cost is
//!   strict OB 3.0 JSON Schema conformance on that property.
//! - [`did_web_for`] and [`did_document`] publish the issuer's keys; retired keys stay listed.
//! - [`bake_png`], [`bake_svg`] and the `extract_*` functions embed credentials in badge images.
//!
//! Pure: no network, no files, no clock. The JSON-LD contexts are compiled in ([`contexts`]); callers pass
//! `now` and look up DID documents and status lists themselves ([`Resolver`]).
//!
//! Canonicalization refuses documents whose properties JSON-LD would drop (Digital Bazaar's "safe mode"), at
//! signing and at verifying, so a signature always covers everything the JSON shows.

mod badge;
mod bake;
pub mod canon;
pub mod contexts;
mod did;
mod error;
mod keys;
mod proof;
mod status;
mod verify;

pub use badge::{
    hash_identity, Achievement, BadgeCredential, Evidence, Issuer, Recipient, RecipientIdentity,
};
pub use bake::{bake_png, bake_svg, extract_from_png, extract_from_svg};
pub use did::{did_document, did_web_for, resolve_key, verification_method, DidKey};
pub use error::{Error, Result};
pub use keys::{public_key_from_multibase, public_key_multibase, SigningKey};
pub use proof::{format_datetime, sign, verify_proof, ResolvedKey, CRYPTOSUITE};
pub use status::{status_list_credential, StatusEntry, StatusList, StatusPurpose};
pub use verify::{verify, Reason, Resolver, Verification};

#[cfg(test)]
mod tests;
