//! Rust-signed credentials checked by an independent verifier: Digital Bazaar's libraries, run by
//! `scripts/credential-verifier/verify.mjs`.
//!
//! Needs `AGORA_CREDENTIAL_VERIFIER=<path to scripts/credential-verifier>` with `npm ci --ignore-scripts` done
//! there. Without it the test is skipped, unless `AGORA_REQUIRE_NODE=1` (CI), where skipping would hide a gap.

use agora_credentials::{
    contexts, did_document, sign, status_list_credential, verification_method, Achievement,
    BadgeCredential, DidKey, Evidence, Issuer, Recipient, RecipientIdentity, SigningKey,
    StatusEntry, StatusList, StatusPurpose,
};
use chrono::{DateTime, Utc};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

const DID: &str = "did:web:localhost%3A8443";
const REV: &str = "https://localhost:8443/credentials/status/revocation";
const SUS: &str = "https://localhost:8443/credentials/status/suspension";
const INDEX: usize = 77_777;
const NOW: &str = "2025-06-01T00:00:00Z";

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("date")
        .with_timezone(&Utc)
}

fn verifier_dir() -> Option<PathBuf> {
    match std::env::var_os("AGORA_CREDENTIAL_VERIFIER") {
        Some(dir) => Some(PathBuf::from(dir)),
        None if std::env::var("AGORA_REQUIRE_NODE").as_deref() == Ok("1") => {
            panic!("AGORA_REQUIRE_NODE=1 but AGORA_CREDENTIAL_VERIFIER is not set")
        }
        None => {
            eprintln!(
                "skipped: set AGORA_CREDENTIAL_VERIFIER to scripts/credential-verifier (after npm ci --ignore-scripts)"
            );
            None
        }
    }
}

struct Dir(PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Dir {
    fn new() -> Self {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .expect("clock")
            .as_nanos();
        let dir =
            std::env::temp_dir().join(format!("agora-credentials-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("tempdir");
        Self(dir)
    }

    fn write(&self, name: &str, v: &Value) -> PathBuf {
        let path = self.0.join(name);
        std::fs::write(&path, serde_json::to_string_pretty(v).expect("json")).expect("write");
        path
    }

    fn write_static(&self, name: &str, url: &str, document: Value) -> PathBuf {
        self.write(name, &json!({"url": url, "document": document}))
    }
}

/// Runs verify.mjs; returns (verified, reason).
fn node_verify(verifier: &Path, cred: &Path, now: &str, statics: &[PathBuf]) -> (bool, String) {
    let mut cmd = Command::new("node");
    cmd.current_dir(verifier)
        .arg("verify.mjs")
        .arg(cred)
        .args(["--now", now]);
    for s in statics {
        cmd.arg("--static").arg(s);
    }
    let out = cmd.output().expect("run node");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let v: Value = serde_json::from_str(stdout.trim()).unwrap_or_else(|_| {
        panic!(
            "verify.mjs printed no JSON: {stdout} {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    let verified = v["verified"].as_bool().expect("verified");
    assert_eq!(
        verified,
        out.status.success(),
        "exit code agrees with output: {v}"
    );
    (
        verified,
        v["reason"].as_str().unwrap_or_default().to_owned(),
    )
}

fn badge(identity: RecipientIdentity, narrative: &str) -> BadgeCredential {
    BadgeCredential {
        id: "urn:uuid:0b7c5a52-5d1e-4c39-8f0e-7d0c2f4e9a11".into(),
        issuer: Issuer {
            id: DID.into(),
            name: "Agora \"Test\" Instanz".into(),
            url: "https://localhost:8443/".into(),
        },
        valid_from: at("2025-01-15T08:30:00Z"),
        valid_until: Some(at("2026-01-15T08:30:00Z")),
        name: "Distinguished Engineer 2025 — Grüße".into(),
        description: Some("Awarded for\tsustained\ncontributions.".into()),
        achievement: Achievement {
            id: "https://localhost:8443/achievements/distinguished-engineer?year=2025&x=%20".into(),
            name: "Distinguished Engineer".into(),
            description: "Core technical contributor: \\ backslash, <angle> & ampersand.".into(),
            criteria_narrative: narrative.into(),
            image: Some("https://localhost:8443/achievements/de.png".into()),
        },
        recipient: Recipient {
            identity,
            name: Some("Zoë O'Brien".into()),
        },
        evidence: vec![
            Evidence {
                id: "https://localhost:8443/evidence/1".into(),
                name: "Commits".into(),
                narrative: Some(narrative.into()),
            },
            Evidence {
                id: "https://localhost:8443/evidence/2#frag".into(),
                name: "Reviews".into(),
                narrative: None,
            },
        ],
        status: vec![
            StatusEntry {
                purpose: StatusPurpose::Revocation,
                list_url: REV.into(),
                index: INDEX,
            },
            StatusEntry {
                purpose: StatusPurpose::Suspension,
                list_url: SUS.into(),
                index: INDEX,
            },
        ],
    }
}

fn list(dir: &Dir, name: &str, url: &str, purpose: StatusPurpose, set: bool, key: &SigningKey) {
    let mut bits = StatusList::new(StatusList::MIN_LEN).expect("list");
    bits.set(INDEX, set).expect("set");
    let unsigned =
        status_list_credential(url, DID, purpose, &bits, at("2025-01-01T00:00:00Z")).expect("vc");
    let signed = sign(
        &unsigned,
        key,
        &format!("{DID}#key-2026"),
        at("2025-02-01T00:00:00Z"),
    )
    .expect("sign");
    dir.write_static(name, url, signed);
}

#[test]
fn node_verifies_rust_signed_credentials() {
    let Some(verifier) = verifier_dir() else {
        return;
    };
    let dir = Dir::new();
    // Two keys: credentials signed with the retired one must keep verifying.
    let old = SigningKey::from_seed([3; 32]).expect("key");
    let new = SigningKey::from_seed([4; 32]).expect("key");
    let keys = [
        DidKey {
            fragment: "key-2025".into(),
            public_key: old.public_key(),
        },
        DidKey {
            fragment: "key-2026".into(),
            public_key: new.public_key(),
        },
    ];
    let did = dir.write_static("did.json", DID, did_document(DID, &keys));
    let vms: Vec<PathBuf> = keys
        .iter()
        .map(|k| {
            let mut vm = verification_method(DID, k);
            vm["@context"] = contexts::MULTIKEY_V1.into();
            dir.write_static(
                &format!("vm-{}.json", k.fragment),
                &format!("{DID}#{}", k.fragment),
                vm,
            )
        })
        .collect();
    list(
        &dir,
        "rev-ok.json",
        REV,
        StatusPurpose::Revocation,
        false,
        &new,
    );
    list(
        &dir,
        "rev-set.json",
        REV,
        StatusPurpose::Revocation,
        true,
        &new,
    );
    list(
        &dir,
        "sus-ok.json",
        SUS,
        StatusPurpose::Suspension,
        false,
        &new,
    );
    list(
        &dir,
        "sus-set.json",
        SUS,
        StatusPurpose::Suspension,
        true,
        &new,
    );
    let base = [&did, &vms[0], &vms[1]];
    let statics = |a: &'static str, b: &'static str| -> Vec<PathBuf> {
        base.iter()
            .map(|p| (*p).clone())
            .chain([dir.0.join(a), dir.0.join(b)])
            .collect()
    };

    let narrative = "Line one.\n\tTabbed \"quoted\" line with 'apostrophes', \\backslash\\,\r\nnon-ASCII: Grüße, 漢字, emoji 😀, control \u{7f}\u{b}\u{c}\u{8}\u{1}.";
    let identities = [
        (
            "hashed",
            RecipientIdentity::HashedEmail {
                email: "jane.doe+badges@example.com".into(),
                salt: "3f1c2a9b7e6d5c4b".into(),
            },
        ),
        (
            "plain",
            RecipientIdentity::Email("jane.doe@example.com".into()),
        ),
    ];
    for (label, identity) in identities {
        for (fragment, key) in [("key-2025", &old), ("key-2026", &new)] {
            let signed = sign(
                &badge(identity.clone(), narrative).to_json(),
                key,
                &format!("{DID}#{fragment}"),
                at("2025-01-15T08:30:00Z"),
            )
            .expect("sign");
            let cred = dir.write(&format!("{label}-{fragment}.json"), &signed);
            let (ok, reason) = node_verify(
                &verifier,
                &cred,
                NOW,
                &statics("rev-ok.json", "sus-ok.json"),
            );
            assert!(ok, "{label} signed with {fragment}: {reason}");

            if fragment != "key-2025" {
                continue;
            }
            let (ok, reason) = node_verify(
                &verifier,
                &cred,
                "2026-02-01T00:00:00Z",
                &statics("rev-ok.json", "sus-ok.json"),
            );
            assert!(!ok && reason.contains("validUntil"), "expired: {reason}");
            let (ok, reason) = node_verify(
                &verifier,
                &cred,
                NOW,
                &statics("rev-set.json", "sus-ok.json"),
            );
            assert!(!ok && reason.contains("revocation"), "revoked: {reason}");
            let (ok, reason) = node_verify(
                &verifier,
                &cred,
                NOW,
                &statics("rev-ok.json", "sus-set.json"),
            );
            assert!(!ok && reason.contains("suspension"), "suspended: {reason}");

            let mut tampered = signed.clone();
            tampered["credentialSubject"]["achievement"]["criteria"]["narrative"] =
                narrative.replace("Tabbed", "Tabbet").into();
            let cred = dir.write(&format!("{label}-tampered.json"), &tampered);
            let (ok, reason) = node_verify(
                &verifier,
                &cred,
                NOW,
                &statics("rev-ok.json", "sus-ok.json"),
            );
            assert!(
                !ok && reason.to_lowercase().contains("signature"),
                "tampered: {reason}"
            );
        }
    }
}

#[test]
fn vendored_contexts_equal_the_npm_packages() {
    let Some(verifier) = verifier_dir() else {
        return;
    };
    let urls: Vec<&str> = contexts::all().map(|(u, _)| u).collect();
    let out = Command::new("node")
        .current_dir(&verifier)
        .arg("contexts.mjs")
        .args(&urls)
        .output()
        .expect("run node");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let npm: Value = serde_json::from_slice(&out.stdout).expect("json");
    for (url, doc) in contexts::all() {
        let ours: Value = serde_json::from_str(doc).expect("vendored context is JSON");
        assert_eq!(ours, npm[url], "{url} differs from the npm copy");
    }
}
