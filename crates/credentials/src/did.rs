//! did:web identifiers and DID documents (W3C did:web method, DID Core 1.0).
//!
//! Key rotation: sign new credentials with a new key but keep every retired key in both `verificationMethod`
//! and `assertionMethod`, or credentials it signed stop verifying everywhere. Leave a key out only when it
//! is compromised: that deliberately invalidates everything it signed.

use crate::contexts::{DID_V1, MULTIKEY_V1};
use crate::error::{Error, Result};
use crate::keys::{public_key_from_multibase, public_key_multibase};
use crate::proof::ResolvedKey;
use serde_json::{json, Value};

/// The did:web for a host, with an optional port (`localhost:8080` → `did:web:localhost%3A8080`).
/// Verifiers resolve it to `https://<host>/.well-known/did.json`.
pub fn did_web_for(host: &str) -> Result<String> {
    let (name, port) = match host.rsplit_once(':') {
        Some((name, port)) => (name, Some(port)),
        None => (host, None),
    };
    let name_ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let port_ok =
        port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()));
    if !name_ok || !port_ok {
        return Err(Error::InvalidInput(format!(
            "`{host}` is not a host name with an optional port, so it cannot be a did:web"
        )));
    }
    let name = name.to_ascii_lowercase();
    Ok(match port {
        Some(p) => format!("did:web:{name}%3A{p}"),
        None => format!("did:web:{name}"),
    })
}

/// One published key of the issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DidKey {
    /// Fragment naming the key, without `#` (e.g. `key-2025`).
    pub fragment: String,
    /// Raw Ed25519 public key.
    pub public_key: [u8; 32],
}

/// The DID document to serve at `/.well-known/did.json`: every key, current and retired, as a Multikey
/// verification method that is also an `assertionMethod`.
pub fn did_document(did: &str, keys: &[DidKey]) -> Value {
    let methods: Vec<Value> = keys.iter().map(|k| verification_method(did, k)).collect();
    let ids: Vec<String> = keys
        .iter()
        .map(|k| format!("{did}#{}", k.fragment))
        .collect();
    json!({
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
    })
}

/// A Multikey verification method of `did`.
pub fn verification_method(did: &str, key: &DidKey) -> Value {
    json!({
        "id": format!("{did}#{}", key.fragment),
        "type": "Multikey",
        "controller": did,
        "publicKeyMultibase": public_key_multibase(&key.public_key),
    })
}

/// Looks up verification method `vm` (an absolute `did#fragment` URL) in a DID or controller document.
/// `None` when the document is not `vm`'s, or does not list it with an Ed25519 key.
pub fn resolve_key(document: &Value, vm: &str) -> Option<ResolvedKey> {
    let doc_id = document.get("id")?.as_str()?;
    if vm.split_once('#').map(|(base, _)| base) != Some(doc_id) {
        return None;
    }
    let absolute = |id: &str| {
        if id.starts_with('#') {
            format!("{doc_id}{id}")
        } else {
            id.to_owned()
        }
    };
    let list = |name: &str| match document.get(name) {
        Some(Value::Array(a)) => a.clone(),
        Some(v) => vec![v.clone()],
        None => vec![],
    };
    let assertion = list("assertionMethod");
    let embedded = assertion.iter().filter(|v| v.is_object()).cloned();
    let method = list("verificationMethod")
        .into_iter()
        .chain(embedded)
        .find(|m| m.get("id").and_then(Value::as_str).map(absolute).as_deref() == Some(vm))?;
    // Ed25519VerificationKey2020 uses the same multibase encoding as Multikey.
    let ty = method.get("type")?.as_str()?;
    if ty != "Multikey" && ty != "Ed25519VerificationKey2020" {
        return None;
    }
    let public_key = public_key_from_multibase(method.get("publicKeyMultibase")?.as_str()?).ok()?;
    let controller = method.get("controller")?.as_str()?.to_owned();
    let assertion_method = assertion.iter().any(|a| match a {
        Value::String(s) => absolute(s) == vm,
        Value::Object(o) => {
            o.get("id").and_then(Value::as_str).map(absolute).as_deref() == Some(vm)
        }
        _ => false,
    });
    Some(ResolvedKey {
        public_key,
        controller,
        assertion_method,
    })
}
