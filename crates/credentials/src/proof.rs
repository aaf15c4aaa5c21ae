//! `eddsa-rdfc-2022` Data Integrity proofs (W3C vc-di-eddsa §3.3).
//!
//! hashData = SHA-256(canonical proof options) ‖ SHA-256(canonical document), signed with pure Ed25519. The
//! proof options carry the document's `@context` and everything of the proof except `proofValue`.

use crate::canon::canonicalize;
use crate::error::{Error, Result};
use crate::keys::{verify_signature, SigningKey};
use crate::verify::Reason;
use chrono::{DateTime, Utc};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The only cryptosuite Agora signs and verifies.
pub const CRYPTOSUITE: &str = "eddsa-rdfc-2022";
const PROOF_TYPE: &str = "DataIntegrityProof";
const PURPOSE: &str = "assertionMethod";

/// Formats a time as `xsd:dateTime` the way credentials carry it: seconds precision, UTC, `Z`.
pub fn format_datetime(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Signs a credential (or any VC 2.0 document without `proof`) and returns it with a `proof` added.
///
/// `verification_method` is the key's id in the issuer's DID document, e.g. `did:web:agora.example#key-2025`;
/// its DID must be the document's issuer for verifiers to accept it.
pub fn sign(
    unsecured: &Value,
    key: &SigningKey,
    verification_method: &str,
    created: DateTime<Utc>,
) -> Result<Value> {
    let doc = unsecured
        .as_object()
        .ok_or_else(|| Error::InvalidJson("a credential must be a JSON object".into()))?;
    if doc.contains_key("proof") {
        return Err(Error::InvalidJson(
            "the document already has a proof".into(),
        ));
    }
    let context = doc
        .get("@context")
        .ok_or_else(|| Error::InvalidJson("the document has no @context".into()))?;
    let mut proof = Map::new();
    proof.insert("type".into(), PROOF_TYPE.into());
    proof.insert("created".into(), format_datetime(created).into());
    proof.insert("verificationMethod".into(), verification_method.into());
    proof.insert("cryptosuite".into(), CRYPTOSUITE.into());
    proof.insert("proofPurpose".into(), PURPOSE.into());
    let (proof_hash, doc_hash) = hashes(unsecured, &proof_config(&proof, context))?;
    let signature = key.sign(&[proof_hash, doc_hash].concat());
    proof.insert(
        "proofValue".into(),
        format!("z{}", bs58::encode(signature).into_string()).into(),
    );
    let mut signed = doc.clone();
    signed.insert("proof".into(), Value::Object(proof));
    Ok(Value::Object(signed))
}

/// What a verifier learns about a verification method from the issuer's DID document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedKey {
    /// Raw Ed25519 public key.
    pub public_key: [u8; 32],
    /// The method's `controller`; must equal the credential's issuer.
    pub controller: String,
    /// Whether the DID document lists the method under `assertionMethod` (allowed to issue credentials).
    pub assertion_method: bool,
}

/// Checks the document's `eddsa-rdfc-2022` proof: type, cryptosuite, purpose, that the key is known, listed
/// in `assertionMethod` and controlled by the issuer, and the signature. Dates and status are not checked
/// here (see [`crate::verify`]).
pub fn verify_proof(
    document: &Value,
    resolve_key: impl Fn(&str) -> Option<ResolvedKey>,
) -> std::result::Result<(), Reason> {
    let malformed = |s: &str| Reason::Malformed(s.to_owned());
    let doc = document
        .as_object()
        .ok_or_else(|| malformed("the credential is not a JSON object"))?;
    let proof = match doc.get("proof") {
        Some(Value::Object(p)) => p,
        Some(Value::Array(ps)) if ps.len() == 1 => ps[0]
            .as_object()
            .ok_or_else(|| malformed("`proof` is not an object"))?,
        Some(Value::Array(_)) => {
            return Err(Reason::UnsupportedProof(
                "more than one proof (proof sets and chains)".into(),
            ))
        }
        Some(_) => return Err(malformed("`proof` is not an object")),
        None => return Err(malformed("the credential has no proof (it is not signed)")),
    };
    let field = |name: &str| proof.get(name).and_then(Value::as_str);
    match field("type") {
        Some(PROOF_TYPE) => {}
        other => {
            return Err(Reason::UnsupportedProof(format!(
                "proof type {} (only DataIntegrityProof is supported)",
                quoted(other)
            )))
        }
    }
    match field("cryptosuite") {
        Some(CRYPTOSUITE) => {}
        other => {
            return Err(Reason::UnsupportedProof(format!(
                "cryptosuite {} (only eddsa-rdfc-2022 is supported)",
                quoted(other)
            )))
        }
    }
    match field("proofPurpose") {
        Some(PURPOSE) => {}
        other => {
            return Err(Reason::UnsupportedProof(format!(
                "proof purpose {} (a credential needs assertionMethod)",
                quoted(other)
            )))
        }
    }
    let vm = field("verificationMethod")
        .ok_or_else(|| malformed("the proof has no verificationMethod"))?;
    let signature = field("proofValue")
        .and_then(|v| v.strip_prefix('z'))
        .and_then(|b58| bs58::decode(b58).into_vec().ok())
        .filter(|s| s.len() == 64)
        .ok_or_else(|| malformed("the proof's proofValue is not a base58btc Ed25519 signature"))?;
    let context = doc
        .get("@context")
        .ok_or_else(|| malformed("the credential has no @context"))?;
    if let Some(proof_context) = proof.get("@context") {
        if !context_starts_with(context, proof_context) {
            return Err(malformed(
                "the proof's @context does not match the credential's",
            ));
        }
    }
    let issuer = issuer_id(document).ok_or_else(|| malformed("the credential has no issuer id"))?;

    let key = resolve_key(vm).ok_or_else(|| Reason::UnknownKey(vm.to_owned()))?;
    if !key.assertion_method {
        return Err(Reason::KeyNotAuthorized(vm.to_owned()));
    }
    if key.controller != issuer {
        return Err(Reason::WrongController {
            controller: key.controller,
            issuer: issuer.to_owned(),
        });
    }

    let mut unsecured = doc.clone();
    unsecured.remove("proof");
    let mut config = proof.clone();
    config.remove("proofValue");
    let (proof_hash, doc_hash) = hashes(&Value::Object(unsecured), &proof_config(&config, context))
        .map_err(|e| Reason::Malformed(e.to_string()))?;
    if verify_signature(
        &key.public_key,
        &[proof_hash, doc_hash].concat(),
        &signature,
    ) {
        Ok(())
    } else {
        Err(Reason::Tampered)
    }
}

fn quoted(v: Option<&str>) -> String {
    v.map_or_else(|| "(missing)".to_owned(), |s| format!("`{s}`"))
}

/// The issuer's id: `issuer` is either a string or an object with `id`.
pub(crate) fn issuer_id(doc: &Value) -> Option<&str> {
    match doc.get("issuer")? {
        Value::String(s) => Some(s),
        Value::Object(o) => o.get("id")?.as_str(),
        _ => None,
    }
}

fn as_list(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    }
}

fn context_starts_with(context: &Value, prefix: &Value) -> bool {
    let (c, p) = (as_list(context), as_list(prefix));
    p.len() <= c.len() && c.iter().zip(&p).all(|(a, b)| a == b)
}

fn proof_config(proof: &Map<String, Value>, context: &Value) -> Value {
    let mut config = proof.clone();
    config.insert("@context".into(), context.clone());
    Value::Object(config)
}

/// (SHA-256 of the canonical proof options, SHA-256 of the canonical document).
pub(crate) fn hashes(document: &Value, proof_config: &Value) -> Result<([u8; 32], [u8; 32])> {
    let proof_canon = canonicalize(proof_config)?;
    let doc_canon = canonicalize(document)?;
    Ok((
        Sha256::digest(proof_canon).into(),
        Sha256::digest(doc_canon).into(),
    ))
}
