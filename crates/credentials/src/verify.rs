//! Full verification of a credential: structure, proof, key, validity period, status lists.

use crate::did::resolve_key;
use crate::proof::{issuer_id, verify_proof};
use crate::status::{StatusList, StatusPurpose};
use chrono::{DateTime, Utc};
use serde_json::Value;

/// Where verification looks things up. Agora answers from its database, never over the network.
pub trait Resolver {
    /// The DID (or controller) document whose `id` is `id` (a verification method's URL without `#…`).
    fn did_document(&self, id: &str) -> Option<Value>;
    /// The status list credential published at `url`.
    fn status_list(&self, url: &str) -> Option<Value>;
}

/// Outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// Signed by a key of the issuer, within its validity period, neither revoked nor suspended.
    Valid,
    /// Not valid, and why.
    Invalid(Reason),
}

/// Why a credential is not valid. The `Display` text is meant for the /verify page.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Reason {
    /// Not a credential Agora can check (missing or wrong fields, undefined properties).
    #[error("the credential is malformed: {0}")]
    Malformed(String),
    /// Proof type, cryptosuite or purpose not supported.
    #[error("the proof is not supported: {0}")]
    UnsupportedProof(String),
    /// The issuer's DID document does not list the signing key.
    #[error("the signing key {0} is not published by the issuer")]
    UnknownKey(String),
    /// The key is published but not under `assertionMethod`, so it may not issue credentials.
    #[error("the signing key {0} is not authorized to issue credentials (it is not an assertionMethod of the issuer)")]
    KeyNotAuthorized(String),
    /// The signing key belongs to someone other than the issuer.
    #[error("the signing key belongs to {controller}, not to the issuer {issuer}")]
    WrongController {
        /// The key's controller.
        controller: String,
        /// The credential's issuer.
        issuer: String,
    },
    /// The signature does not match the content.
    #[error("the signature does not match: the credential was changed after it was signed")]
    Tampered,
    /// `validFrom` is in the future.
    #[error("the credential is not valid before {valid_from} (validFrom)")]
    NotYetValid {
        /// The credential's `validFrom`.
        valid_from: DateTime<Utc>,
    },
    /// `validUntil` is in the past.
    #[error("the credential expired on {valid_until} (validUntil)")]
    Expired {
        /// The credential's `validUntil`.
        valid_until: DateTime<Utc>,
    },
    /// The issuer revoked it (permanent).
    #[error("the issuer revoked this credential (revocation)")]
    Revoked,
    /// The issuer suspended it (may be lifted).
    #[error("the issuer suspended this credential (suspension)")]
    Suspended,
    /// A status list the credential points to is not available.
    #[error("the status list {0} is not available, so revocation cannot be checked")]
    UnknownStatusList(String),
    /// A status list exists but cannot be trusted or read.
    #[error("the status list {url} is invalid: {reason}")]
    InvalidStatusList {
        /// The list's URL.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
}

const CREDENTIAL_TYPE: &str = "VerifiableCredential";

/// Verifies a credential (VC 2.0, `eddsa-rdfc-2022`) at time `now`.
///
/// Checks, in order: JSON and VC 2.0 structure; the proof (type, cryptosuite, purpose, key published by the
/// issuer under `assertionMethod`, signature); `validFrom`/`validUntil`; every `credentialStatus` entry (the
/// list's own proof and issuer too). Revocation is reported before suspension.
pub fn verify(credential_json: &str, now: DateTime<Utc>, resolver: &dyn Resolver) -> Verification {
    match check(credential_json, now, resolver) {
        Ok(()) => Verification::Valid,
        Err(reason) => Verification::Invalid(reason),
    }
}

type Checked<T = ()> = Result<T, Reason>;

fn malformed(s: impl Into<String>) -> Reason {
    Reason::Malformed(s.into())
}

fn check(credential_json: &str, now: DateTime<Utc>, resolver: &dyn Resolver) -> Checked {
    let credential: Value =
        serde_json::from_str(credential_json).map_err(|e| malformed(format!("not JSON: {e}")))?;
    check_structure(&credential)?;
    verify_proof(&credential, |vm| key_for(vm, resolver))?;
    check_dates(&credential, now, |r| r)?;
    check_status(&credential, now, resolver)
}

fn key_for(vm: &str, resolver: &dyn Resolver) -> Option<crate::ResolvedKey> {
    let (id, _) = vm.split_once('#')?;
    resolve_key(&resolver.did_document(id)?, vm)
}

/// Dates and statuses are read from the JSON as written, while the signature covers its JSON-LD
/// meaning; a property written as an IRI (`https://www.w3.org/2018/credentials#credentialStatus`)
/// or a value object would be signed yet unseen by those checks. Credentials are therefore read
/// only in their compact form: every key a term, the one keyword `@context`.
fn check_compact(v: &Value, path: &str) -> Checked {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                if k.starts_with('@') && k != "@context" || !k.starts_with('@') && k.contains(':') {
                    return Err(malformed(format!(
                        "{path}{k}: properties must be written as terms (compact JSON-LD)"
                    )));
                }
                if k == "@context" {
                    check_contexts(child, path)?;
                } else {
                    check_compact(child, &format!("{path}{k}."))?;
                }
            }
            Ok(())
        }
        Value::Array(items) => items.iter().try_for_each(|i| check_compact(i, path)),
        _ => Ok(()),
    }
}

/// Only the published contexts Agora holds, each named by its URL: an inline context (or an unknown
/// one) could map a term such as `cs` to `credentialStatus`, so the signature would still match
/// while the checks below, which read the terms, would find no status or end date.
fn check_contexts(v: &Value, path: &str) -> Checked {
    let urls: Vec<&Value> = match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    };
    for u in urls {
        match u.as_str() {
            Some(url) if crate::contexts::context(url).is_some() => {}
            Some(url) => {
                return Err(malformed(format!(
                    "{path}@context: {url} is not a context this verifier knows"
                )))
            }
            None => {
                return Err(malformed(format!(
                    "{path}@context: only published contexts, named by their URL, are accepted"
                )))
            }
        }
    }
    Ok(())
}

fn check_structure(c: &Value) -> Checked {
    if !c.is_object() {
        return Err(malformed("a credential is a JSON object"));
    }
    check_compact(c, "")?;
    for key in ["validFrom", "validUntil"] {
        if c.get(key).is_some_and(|v| !v.is_string()) {
            return Err(malformed(format!(
                "{key} must be a date and time (a string)"
            )));
        }
    }
    let first_context = match c.get("@context") {
        Some(Value::Array(a)) => a.first(),
        other => other,
    };
    if first_context.and_then(Value::as_str) != Some(crate::contexts::CREDENTIALS_V2) {
        return Err(malformed(
            "@context must start with https://www.w3.org/ns/credentials/v2 (only VC 2.0 is supported)",
        ));
    }
    if !has_type(c, CREDENTIAL_TYPE) {
        return Err(malformed("type does not include VerifiableCredential"));
    }
    if issuer_id(c).is_none() {
        return Err(malformed("issuer has no id"));
    }
    if c.get("credentialSubject").is_none() {
        return Err(malformed("credentialSubject is missing"));
    }
    Ok(())
}

fn has_type(v: &Value, ty: &str) -> bool {
    match v.get("type") {
        Some(Value::String(s)) => s == ty,
        Some(Value::Array(a)) => a.iter().any(|t| t.as_str() == Some(ty)),
        _ => false,
    }
}

fn date(c: &Value, name: &str) -> Checked<Option<DateTime<Utc>>> {
    match c.get(name) {
        None => Ok(None),
        Some(v) => v
            .as_str()
            .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
            .map(|d| Some(d.with_timezone(&Utc)))
            .ok_or_else(|| malformed(format!("{name} is not a date-time with a time zone"))),
    }
}

/// Checks the validity period; `wrap` turns the reason into one about a status list when checking those.
fn check_dates(c: &Value, now: DateTime<Utc>, wrap: impl Fn(Reason) -> Reason) -> Checked {
    if let Some(valid_from) = date(c, "validFrom").map_err(&wrap)? {
        if now < valid_from {
            return Err(wrap(Reason::NotYetValid { valid_from }));
        }
    }
    if let Some(valid_until) = date(c, "validUntil").map_err(&wrap)? {
        if now > valid_until {
            return Err(wrap(Reason::Expired { valid_until }));
        }
    }
    Ok(())
}

fn check_status(c: &Value, now: DateTime<Utc>, resolver: &dyn Resolver) -> Checked {
    let entries = match c.get("credentialStatus") {
        None => return Ok(()),
        Some(Value::Array(a)) => a.iter().collect(),
        Some(v) => vec![v],
    };
    let issuer = issuer_id(c).unwrap_or_default();
    let mut revoked = false;
    let mut suspended = false;
    for entry in entries {
        let field = |name: &str| entry.get(name).and_then(Value::as_str);
        if field("type") != Some("BitstringStatusListEntry") {
            return Err(malformed(
                "credentialStatus: only BitstringStatusListEntry is supported",
            ));
        }
        let purpose = field("statusPurpose")
            .and_then(StatusPurpose::parse)
            .ok_or_else(|| {
                malformed("credentialStatus: statusPurpose must be revocation or suspension")
            })?;
        if entry
            .get("statusSize")
            .is_some_and(|s| s.as_u64() != Some(1) && s.as_str() != Some("1"))
        {
            return Err(malformed(
                "credentialStatus: only statusSize 1 is supported",
            ));
        }
        let index: usize = field("statusListIndex")
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| malformed("credentialStatus: statusListIndex is not a number"))?;
        let url = field("statusListCredential")
            .ok_or_else(|| malformed("credentialStatus: statusListCredential is missing"))?;
        let list = resolver
            .status_list(url)
            .ok_or_else(|| Reason::UnknownStatusList(url.to_owned()))?;
        let bit = list_bit(&list, url, issuer, purpose, index, now, resolver)?;
        match purpose {
            StatusPurpose::Revocation => revoked |= bit,
            StatusPurpose::Suspension => suspended |= bit,
        }
    }
    if revoked {
        Err(Reason::Revoked)
    } else if suspended {
        Err(Reason::Suspended)
    } else {
        Ok(())
    }
}

/// Verifies a status list credential and reads one bit of it.
fn list_bit(
    list: &Value,
    url: &str,
    issuer: &str,
    purpose: StatusPurpose,
    index: usize,
    now: DateTime<Utc>,
    resolver: &dyn Resolver,
) -> Checked<bool> {
    let invalid = |reason: String| Reason::InvalidStatusList {
        url: url.to_owned(),
        reason,
    };
    if list.get("id").and_then(Value::as_str) != Some(url) {
        return Err(invalid("its id is not the URL it is published at".into()));
    }
    if !has_type(list, "BitstringStatusListCredential") {
        return Err(invalid("it is not a BitstringStatusListCredential".into()));
    }
    if issuer_id(list) != Some(issuer) {
        return Err(invalid(format!("it is not issued by {issuer}")));
    }
    verify_proof(list, |vm| key_for(vm, resolver)).map_err(|r| invalid(r.to_string()))?;
    check_dates(list, now, |r| invalid(r.to_string()))?;
    let subject = list
        .get("credentialSubject")
        .ok_or_else(|| invalid("credentialSubject is missing".into()))?;
    if subject.get("statusPurpose").and_then(Value::as_str) != Some(purpose.as_str()) {
        return Err(invalid(format!("it is not a {} list", purpose.as_str())));
    }
    let encoded = subject
        .get("encodedList")
        .and_then(Value::as_str)
        .ok_or_else(|| invalid("encodedList is missing".into()))?;
    let bits = StatusList::decode(encoded).map_err(|e| invalid(e.to_string()))?;
    bits.get(index)
        .ok_or_else(|| invalid(format!("index {index} is past the end of the list")))
}
