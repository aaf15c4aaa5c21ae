//! Known-answer and behaviour tests (the acceptance criteria of issue 12's credential part).

use super::*;
use chrono::{DateTime, TimeZone as _, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};
use std::collections::HashMap;

const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/plans/issue-12/");

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!("{FIX}{name}")).expect("fixture")
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .expect("date")
        .with_timezone(&Utc)
}

/// Resolver over `{url, document}` files, like verify.mjs's `--static`.
#[derive(Default, Clone)]
struct Static(HashMap<String, Value>);

impl Static {
    fn files(names: &[&str]) -> Self {
        let mut s = Self::default();
        for n in names {
            let v: Value = serde_json::from_str(&fixture(n)).expect("json");
            s.add(v["url"].as_str().expect("url"), v["document"].clone());
        }
        s
    }
    fn add(&mut self, url: &str, doc: Value) {
        self.0.insert(url.to_owned(), doc);
    }
}

impl Resolver for Static {
    fn did_document(&self, id: &str) -> Option<Value> {
        self.0.get(id).cloned()
    }
    fn status_list(&self, url: &str) -> Option<Value> {
        self.0.get(url).cloned()
    }
}

// ---------------------------------------------------------------- 1EdTech vector

const VECTOR: &str = r#"{"@context":["https://www.w3.org/ns/credentials/v2","https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],"id":"http://example.com/credentials/3527","type":["VerifiableCredential","OpenBadgeCredential"],"issuer":{"id":"https://example.edu/issuers/565049","type":["Profile"],"url":"https://www.imsglobal.org","name":"Example Corp"},"validFrom":"2010-01-01T00:00:00Z","name":"Teamwork Badge","credentialSubject":{"id":"did:example:ebfeb1f712ebc6f1c276e12ec21","type":["AchievementSubject"],"achievement":{"id":"https://example.com/achievements/21st-century-skills/teamwork","type":["Achievement"],"criteria":{"narrative":"Team members are nominated for this badge by their peers and recognized upon review by Example Corp management."},"description":"This badge recognizes the development of the capacity to collaborate within a group environment.","name":"Teamwork"}},"proof":{"type":"DataIntegrityProof","created":"2010-01-01T19:23:24Z","verificationMethod":"https://example.edu/issuers/565049#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi","cryptosuite":"eddsa-rdfc-2022","proofPurpose":"assertionMethod","proofValue":"z5x9aCBYovW3CQCbKdNyhEm7ffYSw1YpEdPywQJoNbzDD2gkzQDKJ1sYKJaWvqZtkMtSbz35HcbgXVEDYHxCzgkCr"}}"#;
const VECTOR_SEED: &str = "6241a409e6707bb640a0140a8a32bc3d193c33a661747284d6adfa4ed4180be4";
const VECTOR_PUB: &str = "z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi";

fn vector_key() -> SigningKey {
    let mut seed = [0u8; 32];
    hex::decode_to_slice(VECTOR_SEED, &mut seed).expect("hex");
    SigningKey::from_seed(seed).expect("key")
}

fn split_proof(signed: &Value) -> (Value, Value) {
    let mut doc = signed.clone();
    let proof = doc
        .as_object_mut()
        .expect("obj")
        .remove("proof")
        .expect("proof");
    (doc, proof)
}

#[test]
fn one_edtech_vector_hashes_signature_and_proof_value() {
    let signed: Value = serde_json::from_str(VECTOR).expect("json");
    let (doc, proof) = split_proof(&signed);
    let mut config = proof.clone();
    config.as_object_mut().expect("obj").remove("proofValue");
    config["@context"] = doc["@context"].clone();
    let (proof_hash, doc_hash) = proof::hashes(&doc, &config).expect("hashes");
    assert_eq!(
        hex::encode(doc_hash),
        "87f65a76d40146205e3b3e06cb0fbd153f97f9ce70372390f52566bb7f9e0773"
    );
    assert_eq!(
        hex::encode(proof_hash),
        "d34009cea0dbc1ca941e09dc01c8c9d3e3ce3c5b853f67ee44698dcea10f5d19"
    );

    let key = vector_key();
    assert_eq!(key.public_key_multibase(), VECTOR_PUB);
    assert_eq!(
        hex::encode(key.public_key()),
        "4bdeafde2ea8beefadd8c699b5c7e0704cf51154d52e17b20b71337ca04cc5a5"
    );
    let resigned = sign(
        &doc,
        &key,
        proof["verificationMethod"].as_str().expect("vm"),
        at("2010-01-01T19:23:24Z"),
    )
    .expect("sign");
    let value = resigned["proof"]["proofValue"]
        .as_str()
        .expect("proofValue");
    assert_eq!(value, proof["proofValue"].as_str().expect("proofValue"));
    let sig = bs58::decode(&value[1..]).into_vec().expect("b58");
    assert_eq!(
        hex::encode(sig),
        "f7a017acf7d27983267ec362657c0fb08e955549f49dac5bf36a03c4f2c3a4f1e3738a6c5ecd7ffba7135cb9cd754e6196f4b73082ea8df8e703c8ecd4333503"
    );
    assert_eq!(resigned, signed);
}

#[test]
fn one_edtech_vector_verifies() {
    let resolver = Static::files(&["ob-vector-static/ctl-vector.json"]);
    assert_eq!(
        verify(VECTOR, at("2024-01-01T00:00:00Z"), &resolver),
        Verification::Valid
    );
    let tampered = VECTOR.replace("Teamwork Badge", "Teamwork Badges");
    assert_eq!(
        verify(&tampered, at("2024-01-01T00:00:00Z"), &resolver),
        Verification::Invalid(Reason::Tampered)
    );
}

// ---------------------------------------------------------------- jsonld.js fixtures

#[test]
fn agora_fixture_canon_matches_jsonld_js() {
    let signed: Value =
        serde_json::from_str(&fixture("agora-fixture/agora-signed.json")).expect("json");
    let (doc, proof) = split_proof(&signed);
    let canon_doc = canon::canonicalize(&doc).expect("canon");
    assert!(canon_doc.contains(r#""false"^^<https://www.w3.org/2001/XMLSchema#boolean>"#));
    assert_eq!(canon_doc, fixture("agora-fixture/document-canon.nq"));
    let mut config = proof.as_object().expect("obj").clone();
    config.remove("proofValue");
    config.insert("@context".into(), doc["@context"].clone());
    assert_eq!(
        canon::canonicalize(&Value::Object(config)).expect("canon"),
        fixture("agora-fixture/proof-canon.nq")
    );

    let hashes = fixture("agora-fixture/hashes.txt");
    let mut config = proof;
    config.as_object_mut().expect("obj").remove("proofValue");
    config["@context"] = doc["@context"].clone();
    let (p, d) = proof::hashes(&doc, &config).expect("hashes");
    assert!(hashes.contains(&format!("proofHash {}", hex::encode(p))));
    assert!(hashes.contains(&format!("documentHash {}", hex::encode(d))));
}

#[test]
fn agora_fixture_verifies_with_node_made_status_lists() {
    let now = at("2025-06-01T00:00:00Z");
    let one = fixture("agora-fixture/agora-signed.json");
    let two = fixture("agora-fixture/agora-signed-2.json");
    let base = ["agora-fixture/did.json", "agora-fixture/vm.json"];
    let with = |extra: &[&str]| Static::files(&[&base[..], extra].concat());

    assert_eq!(
        verify(&one, now, &with(&["agora-fixture/status-ok.json"])),
        Verification::Valid
    );
    assert_eq!(
        verify(&one, now, &with(&["agora-fixture/status-revoked.json"])),
        Verification::Invalid(Reason::Revoked)
    );
    assert_eq!(
        verify(&one, now, &with(&[])),
        Verification::Invalid(Reason::UnknownStatusList(
            "https://agora.example/status/1".into()
        ))
    );
    let ok2 = with(&["agora-fixture/status-ok.json", "agora-fixture/susp-ok.json"]);
    assert_eq!(verify(&two, now, &ok2), Verification::Valid);
    assert_eq!(
        verify(
            &two,
            now,
            &with(&[
                "agora-fixture/status-ok.json",
                "agora-fixture/susp-set.json"
            ])
        ),
        Verification::Invalid(Reason::Suspended)
    );
    assert_eq!(
        verify(
            &two,
            now,
            &with(&[
                "agora-fixture/status-revoked.json",
                "agora-fixture/susp-set.json"
            ])
        ),
        Verification::Invalid(Reason::Revoked)
    );
    assert_eq!(
        verify(
            &one,
            at("2026-01-01T00:00:01Z"),
            &with(&["agora-fixture/status-ok.json"])
        ),
        Verification::Invalid(Reason::Expired {
            valid_until: at("2026-01-01T00:00:00Z")
        })
    );
    let tampered = one.replace("\"hashed\": false", "\"hashed\": true");
    assert_ne!(tampered, one);
    assert_eq!(
        verify(&tampered, now, &with(&["agora-fixture/status-ok.json"])),
        Verification::Invalid(Reason::Tampered)
    );
}

// ---------------------------------------------------------------- keys, did:web, status lists

#[test]
fn secret_key_multibase_matches_digital_bazaar() {
    // The secretKeyMultibase the Node fixture scripts use for the 1EdTech key.
    let dbz = "zrv2bqTbNwCTsRrHFcJCPjVAduh4Ezcnoq1A3ZxH1GWTNkxipLVuaAoMFmze2gFN9oNXfJjufxSHWVZzsJiUsMHFMcx";
    let key = SigningKey::from_secret_key_multibase(dbz)
        .expect("Digital Bazaar export (seed ‖ public key)");
    assert_eq!(key.seed(), vector_key().seed());
    let ours = vector_key().secret_key_multibase();
    // Agora exports the bare seed (Digital Bazaar imports that too).
    assert_eq!(ours, "z3u2XqMnz4u2o6Wu7kJhQyzVd5Qw9d3ffREwtjHsHdyEkM3R");
    let back = SigningKey::from_secret_key_multibase(&ours).expect("import");
    assert_eq!(back.seed(), vector_key().seed());
    assert_eq!(
        public_key_from_multibase(VECTOR_PUB).expect("pk"),
        vector_key().public_key()
    );
    assert!(public_key_from_multibase("z6Mk").is_err());
    assert!(SigningKey::from_secret_key_multibase(VECTOR_PUB).is_err());
    assert!(!format!("{:?}", vector_key()).contains("6241"));
}

#[test]
fn did_web_names() {
    assert_eq!(
        did_web_for("agora.example").expect("did"),
        "did:web:agora.example"
    );
    assert_eq!(
        did_web_for("localhost:8080").expect("did"),
        "did:web:localhost%3A8080"
    );
    assert_eq!(
        did_web_for("Agora.Example").expect("did"),
        "did:web:agora.example"
    );
    for bad in ["", "a b", "x:", "x:port", "https://x", "x/y", "x:123456"] {
        assert!(did_web_for(bad).is_err(), "{bad}");
    }
}

#[test]
fn status_list_bit_order_and_fixture() {
    let mut list = StatusList::new(StatusList::MIN_LEN).expect("list");
    list.set(42, true).expect("set");
    assert_eq!(list.get(42), Some(true));
    assert_eq!(list.get(41), Some(false));
    assert_eq!(list.get(StatusList::MIN_LEN), None);
    assert!(list.set(StatusList::MIN_LEN, true).is_err());
    assert!(StatusList::new(8).is_err());
    assert!(StatusList::new(StatusList::MIN_LEN + 1).is_err());
    let enc = list.encode().expect("enc");
    // Byte 5, mask 0x20: the same position Digital Bazaar's list uses.
    let node: Value =
        serde_json::from_str(&fixture("agora-fixture/status-revoked.json")).expect("json");
    let node_list = StatusList::decode(
        node["document"]["credentialSubject"]["encodedList"]
            .as_str()
            .expect("s"),
    )
    .expect("dec");
    assert_eq!(node_list, list);
    assert_eq!(StatusList::decode(&enc).expect("dec"), list);
    assert!(StatusList::decode("xabc").is_err());
    assert!(StatusList::decode("u!!").is_err());
}

// ---------------------------------------------------------------- Agora's own issuing and verifying

const DID: &str = "did:web:agora.example";
const REV: &str = "https://agora.example/status/1";
const SUS: &str = "https://agora.example/status/2";

fn key(n: u8) -> SigningKey {
    SigningKey::from_seed([n; 32]).expect("key")
}

fn badge(name: &str, narrative: &str, identity: RecipientIdentity) -> BadgeCredential {
    BadgeCredential {
        id: "urn:uuid:6a1f0f3c-2c5e-4c5d-9d8e-000000000001".into(),
        issuer: Issuer {
            id: DID.into(),
            name: "Agora".into(),
            url: "https://agora.example".into(),
        },
        valid_from: at("2025-01-01T00:00:00Z"),
        valid_until: Some(at("2026-01-01T00:00:00Z")),
        name: format!("{name} 2025"),
        description: Some("Awarded for sustained contributions.".into()),
        achievement: Achievement {
            id: "https://agora.example/achievements/de".into(),
            name: name.into(),
            description: "Core technical contributor.".into(),
            criteria_narrative: narrative.into(),
            image: Some("https://agora.example/achievements/de.png".into()),
        },
        recipient: Recipient {
            identity,
            name: Some("Jane Doe".into()),
        },
        evidence: vec![Evidence {
            id: "https://agora.example/evidence/1".into(),
            name: "Commits".into(),
            narrative: Some(narrative.into()),
        }],
        status: vec![
            StatusEntry {
                purpose: StatusPurpose::Revocation,
                list_url: REV.into(),
                index: 4242,
            },
            StatusEntry {
                purpose: StatusPurpose::Suspension,
                list_url: SUS.into(),
                index: 4242,
            },
        ],
    }
}

fn hashed() -> RecipientIdentity {
    RecipientIdentity::HashedEmail {
        email: "jane@example.com".into(),
        salt: "pepper".into(),
    }
}

/// Agora's world: DID document with `keys`, two status lists with `revoked`/`suspended` bits at 4242.
fn world(
    keys: &[(&str, &SigningKey)],
    signer: (&str, &SigningKey),
    revoked: bool,
    suspended: bool,
) -> Static {
    let mut s = Static::default();
    let did_keys: Vec<DidKey> = keys
        .iter()
        .map(|(f, k)| DidKey {
            fragment: (*f).into(),
            public_key: k.public_key(),
        })
        .collect();
    s.add(DID, did_document(DID, &did_keys));
    for (url, purpose, bit) in [
        (REV, StatusPurpose::Revocation, revoked),
        (SUS, StatusPurpose::Suspension, suspended),
    ] {
        let mut list = StatusList::new(StatusList::MIN_LEN).expect("list");
        list.set(4242, bit).expect("set");
        let unsigned = status_list_credential(url, DID, purpose, &list, at("2025-01-01T00:00:00Z"))
            .expect("list vc");
        let vm = format!("{DID}#{}", signer.0);
        s.add(
            url,
            sign(&unsigned, signer.1, &vm, at("2025-02-01T00:00:00Z")).expect("sign list"),
        );
    }
    s
}

fn issue(b: &BadgeCredential, fragment: &str, k: &SigningKey) -> String {
    let signed = sign(
        &b.to_json(),
        k,
        &format!("{DID}#{fragment}"),
        at("2025-01-01T00:00:00Z"),
    )
    .expect("sign");
    serde_json::to_string_pretty(&signed).expect("json")
}

#[test]
fn badge_json_shape() {
    let v = badge("Distinguished Engineer", "Rubric", hashed()).to_json();
    assert_eq!(
        v["@context"],
        json!([contexts::CREDENTIALS_V2, contexts::OPEN_BADGES_V3])
    );
    assert_eq!(
        v["type"],
        json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert_eq!(v["issuer"]["type"], json!(["Profile"]));
    assert_eq!(v["validFrom"], "2025-01-01T00:00:00Z");
    let id = &v["credentialSubject"]["identifier"][0];
    assert_eq!(id["hashed"], true);
    assert_eq!(
        id["identityHash"],
        hash_identity("jane@example.com", "pepper")
    );
    assert!(id["identityHash"]
        .as_str()
        .expect("s")
        .starts_with("sha256$"));
    assert_eq!(
        hash_identity("jane@example.com", "pepper"),
        format!(
            "sha256${}",
            hex::encode(<sha2::Sha256 as sha2::Digest>::digest(
                b"jane@example.compepper"
            ))
        )
    );
    assert_eq!(v["credentialStatus"][0]["statusPurpose"], "revocation");
    assert_eq!(v["credentialStatus"][1]["statusPurpose"], "suspension");
    assert_eq!(v["credentialStatus"][1]["id"], format!("{SUS}#4242"));
    assert_eq!(v["credentialStatus"][1]["statusListIndex"], "4242");
    assert_eq!(
        v["credentialSubject"]["achievement"]["image"]["type"],
        "Image"
    );
    let plain = badge(
        "X",
        "Y",
        RecipientIdentity::Email("jane@example.com".into()),
    )
    .to_json();
    assert_eq!(plain["credentialSubject"]["identifier"][0]["hashed"], false);
    assert_eq!(
        plain["credentialSubject"]["identifier"][0]["identityHash"],
        "jane@example.com"
    );
    assert!(plain["credentialSubject"]["identifier"][0]
        .get("salt")
        .is_none());
}

#[test]
fn issue_verify_tamper_expire_revoke_suspend() {
    let k = key(1);
    let b = badge(
        "Distinguished Engineer",
        "Line one\n\tquoted \"two\"\nnon-ASCII: Grüße, 漢字",
        hashed(),
    );
    let cred = issue(&b, "key-2025", &k);
    let now = at("2025-06-01T00:00:00Z");
    let ok = world(&[("key-2025", &k)], ("key-2025", &k), false, false);
    assert_eq!(verify(&cred, now, &ok), Verification::Valid);

    // Any changed byte of content breaks the signature.
    let tampered = cred.replace("Line one", "Line 0ne");
    assert_eq!(
        verify(&tampered, now, &ok),
        Verification::Invalid(Reason::Tampered)
    );
    let tampered = cred.replace("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
    assert_eq!(
        verify(&tampered, now, &ok),
        Verification::Invalid(Reason::Tampered)
    );

    assert_eq!(
        verify(&cred, at("2026-01-01T00:00:01Z"), &ok),
        Verification::Invalid(Reason::Expired {
            valid_until: at("2026-01-01T00:00:00Z")
        })
    );
    assert_eq!(
        verify(&cred, at("2024-12-31T23:59:59Z"), &ok),
        Verification::Invalid(Reason::NotYetValid {
            valid_from: at("2025-01-01T00:00:00Z")
        })
    );
    let revoked = world(&[("key-2025", &k)], ("key-2025", &k), true, false);
    assert_eq!(
        verify(&cred, now, &revoked),
        Verification::Invalid(Reason::Revoked)
    );
    let suspended = world(&[("key-2025", &k)], ("key-2025", &k), false, true);
    assert_eq!(
        verify(&cred, now, &suspended),
        Verification::Invalid(Reason::Suspended)
    );
    let both = world(&[("key-2025", &k)], ("key-2025", &k), true, true);
    assert_eq!(
        verify(&cred, now, &both),
        Verification::Invalid(Reason::Revoked)
    );
    // Lifting the suspension (clearing the bit, re-signing the list) makes it valid again.
    let unsuspended = world(&[("key-2025", &k)], ("key-2025", &k), false, false);
    assert_eq!(verify(&cred, now, &unsuspended), Verification::Valid);

    // Writing a property by its IRI keeps the JSON-LD meaning (and the signature) but would hide
    // it from the status and date checks: such credentials are refused (found by an attack).
    let by_iri = cred.replace(
        "\"credentialStatus\"",
        "\"https://www.w3.org/2018/credentials#credentialStatus\"",
    );
    assert!(
        matches!(verify(&by_iri, now, &revoked), Verification::Invalid(Reason::Malformed(m)) if m.contains("credentialStatus")),
        "a revoked credential does not become valid"
    );
    let mut doc: Value = serde_json::from_str(&cred).expect("json");
    let until = doc["validUntil"].clone();
    doc["validUntil"] =
        serde_json::json!({"@value": until, "@type": "http://www.w3.org/2001/XMLSchema#dateTime"});
    assert!(matches!(
        verify(&doc.to_string(), at("2026-01-01T00:00:01Z"), &ok),
        Verification::Invalid(Reason::Malformed(_))
    ));

    // An inline context can alias a term to credentialStatus or validUntil: the signature still
    // matches, so such contexts are refused outright (found by an attack).
    for (alias, key, iri) in [
        (
            "cs",
            "credentialStatus",
            "https://www.w3.org/2018/credentials#credentialStatus",
        ),
        (
            "vu",
            "validUntil",
            "https://www.w3.org/2018/credentials#validUntil",
        ),
    ] {
        let mut doc: Value = serde_json::from_str(&cred).expect("json");
        let obj = doc.as_object_mut().expect("object");
        let moved = obj.remove(key).expect(key);
        obj.insert(alias.into(), moved);
        obj["@context"]
            .as_array_mut()
            .expect("contexts")
            .push(json!({ alias: {"@id": iri, "@type": "@id"} }));
        let v = verify(&doc.to_string(), at("2026-01-01T00:00:01Z"), &revoked);
        assert!(
            matches!(&v, Verification::Invalid(Reason::Malformed(m)) if m.contains("@context")),
            "{alias}: {v:?}"
        );
    }

    // Messages say what failed.
    assert!(Reason::Revoked.to_string().contains("revoked"));
    assert!(Reason::Tampered.to_string().contains("signature"));
}

#[test]
fn key_rotation_and_removal() {
    let (old, new) = (key(1), key(2));
    let b = badge("DE", "Rubric", hashed());
    let old_cred = issue(&b, "key-2025", &old);
    let now = at("2025-06-01T00:00:00Z");
    // Retired key still listed: old credentials keep verifying; lists are now signed with the new key.
    let rotated = world(
        &[("key-2025", &old), ("key-2026", &new)],
        ("key-2026", &new),
        false,
        false,
    );
    assert_eq!(verify(&old_cred, now, &rotated), Verification::Valid);
    assert_eq!(
        verify(&issue(&b, "key-2026", &new), now, &rotated),
        Verification::Valid
    );

    // Still a verification method, but no longer an assertionMethod: refused.
    let mut demoted = rotated.clone();
    let mut doc = demoted.0[DID].clone();
    doc["assertionMethod"] = json!([format!("{DID}#key-2026")]);
    demoted.add(DID, doc);
    assert_eq!(
        verify(&old_cred, now, &demoted),
        Verification::Invalid(Reason::KeyNotAuthorized(format!("{DID}#key-2025")))
    );
    // Removed altogether (compromised key).
    let removed = world(&[("key-2026", &new)], ("key-2026", &new), false, false);
    assert_eq!(
        verify(&old_cred, now, &removed),
        Verification::Invalid(Reason::UnknownKey(format!("{DID}#key-2025")))
    );
    // A key that is not the issuer's.
    let mut foreign = rotated;
    let other = "did:web:evil.example";
    foreign.add(
        other,
        did_document(
            other,
            &[DidKey {
                fragment: "k".into(),
                public_key: new.public_key(),
            }],
        ),
    );
    let forged = sign(
        &b.to_json(),
        &new,
        &format!("{other}#k"),
        at("2025-01-01T00:00:00Z"),
    )
    .expect("sign");
    assert!(matches!(
        verify(&forged.to_string(), now, &foreign),
        Verification::Invalid(Reason::WrongController { .. })
    ));
}

#[test]
fn status_list_must_be_the_issuers_and_intact() {
    let k = key(1);
    let cred = issue(&badge("DE", "Rubric", hashed()), "key-1", &k);
    let now = at("2025-06-01T00:00:00Z");
    let mut w = world(&[("key-1", &k)], ("key-1", &k), false, false);
    let mut list = w.0[REV].clone();
    let mut bits = StatusList::new(StatusList::MIN_LEN).expect("l");
    bits.set(7, true).expect("set");
    list["credentialSubject"]["encodedList"] = bits.encode().expect("e").into();
    w.add(REV, list);
    assert!(matches!(
        verify(&cred, now, &w),
        Verification::Invalid(Reason::InvalidStatusList { reason, .. }) if reason.contains("signature")
    ));
    // A list whose issuer is another string for the same party is refused, as Digital Bazaar does.
    let mut w = world(&[("key-1", &k)], ("key-1", &k), false, false);
    let list = StatusList::new(StatusList::MIN_LEN).expect("l");
    let other = status_list_credential(
        REV,
        "did:web:other.example",
        StatusPurpose::Revocation,
        &list,
        now,
    )
    .expect("vc");
    w.add(REV, other);
    assert!(matches!(
        verify(&cred, now, &w),
        Verification::Invalid(Reason::InvalidStatusList { .. })
    ));
}

#[test]
fn safe_mode_refuses_undefined_properties() {
    let k = key(1);
    let mut v = badge("DE", "Rubric", hashed()).to_json();
    v["credentialSubject"]["achievement"]["criteria"]["narative"] = "typo".into();
    match sign(&v, &k, &format!("{DID}#key-1"), at("2025-01-01T00:00:00Z")) {
        Err(Error::UndefinedProperty { path }) => {
            assert_eq!(path, "credentialSubject.achievement.criteria.narative");
        }
        other => panic!("{other:?}"),
    }
    let mut v = badge("DE", "Rubric", hashed()).to_json();
    v["evidence"][0]["id"] = "evidence/1".into();
    assert!(matches!(
        sign(&v, &k, &format!("{DID}#key-1"), at("2025-01-01T00:00:00Z")),
        Err(Error::NotAnIri { .. })
    ));
    let mut v = badge("DE", "Rubric", hashed()).to_json();
    v["@bogus"] = "x".into();
    assert!(matches!(
        sign(&v, &k, &format!("{DID}#key-1"), at("2025-01-01T00:00:00Z")),
        Err(Error::UndefinedProperty { .. })
    ));
    // Added after signing: the signature would still match, the check catches it.
    let cred = issue(&badge("DE", "Rubric", hashed()), "key-1", &k);
    let mut v: Value = serde_json::from_str(&cred).expect("json");
    v["credentialSubject"]["grade"] = "A+".into();
    let w = world(&[("key-1", &k)], ("key-1", &k), false, false);
    match verify(&v.to_string(), at("2025-06-01T00:00:00Z"), &w) {
        Verification::Invalid(Reason::Malformed(m)) => {
            assert!(m.contains("credentialSubject.grade"), "{m}");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        verify("not json", at("2025-06-01T00:00:00Z"), &w),
        Verification::Invalid(Reason::Malformed(_))
    ));
}

#[test]
fn unknown_context_is_refused_offline() {
    let v = json!({"@context": ["https://www.w3.org/ns/credentials/v2", "https://example.com/ctx"], "name": "x"});
    let e = canon::canonicalize(&v).expect_err("offline");
    assert!(
        e.to_string()
            .contains("context not available offline: https://example.com/ctx"),
        "{e}"
    );
}

// ---------------------------------------------------------------- baking

/// A 1×1 grey PNG, built here so the test needs no binary fixture.
fn tiny_png() -> Vec<u8> {
    use std::io::Write as _;
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        [
            &(data.len() as u32).to_be_bytes()[..],
            kind,
            data,
            &crc.sum().to_be_bytes(),
        ]
        .concat()
    };
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&[0, 0x80]).expect("zlib");
    let idat = z.finish().expect("zlib");
    [
        &[0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'][..],
        &chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]),
        &chunk(b"IDAT", &idat),
        &chunk(b"IEND", &[]),
    ]
    .concat()
}

#[test]
fn baking_png_and_svg() {
    let cred = r#"{"name":"Grüße \"x\"","n":"a]]b"}"#;
    let png = tiny_png();
    let baked = bake_png(&png, cred).expect("bake");
    assert_eq!(&baked[33 + 4..33 + 8], b"iTXt", "right after IHDR");
    assert_eq!(extract_from_png(&baked).expect("extract"), cred);
    assert!(bake_png(&baked, cred).is_err(), "only one credential");
    assert!(extract_from_png(&png).is_err());
    assert!(bake_png(b"GIF89a", cred).is_err());
    let mut corrupt = baked;
    corrupt[33 + 8 + 25] ^= 1;
    assert!(extract_from_png(&corrupt).is_err());
    // A chunk holding only the keyword (no NUL after it) is an error, not a panic.
    let mut only_keyword = png;
    let chunk = {
        let data = b"openbadgecredential";
        let mut crc = flate2::Crc::new();
        crc.update(b"iTXt");
        crc.update(data);
        [
            &(data.len() as u32).to_be_bytes()[..],
            b"iTXt",
            data,
            &crc.sum().to_be_bytes(),
        ]
        .concat()
    };
    only_keyword.splice(33..33, chunk);
    assert!(extract_from_png(&only_keyword).is_err());

    let svg = "<?xml version=\"1.0\"?>\n<!-- badge -->\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\" data-x=\"a>b\"><rect/></svg>\n";
    let baked = bake_svg(svg, cred).expect("bake");
    assert!(baked.contains("data-x=\"a>b\" xmlns:openbadges=\"https://purl.imsglobal.org/ob/v3p0\"><openbadges:credential><![CDATA["));
    assert_eq!(extract_from_svg(&baked).expect("extract"), cred);
    assert!(bake_svg(&baked, cred).is_err(), "only one credential");
    assert!(bake_svg(svg, "{\"a\":\"]]>\"}").is_err());
    assert!(bake_svg("<html></html>", cred).is_err());
    let baked =
        bake_svg("<svg xmlns=\"http://www.w3.org/2000/svg\"/>", cred).expect("self-closing");
    assert!(baked.ends_with("]]></openbadges:credential></svg>"));
    assert_eq!(extract_from_svg(&baked).expect("extract"), cred);
    // Another prefix and escaped text instead of CDATA, as other issuers may write it.
    let other = "<svg xmlns:ob='https://purl.imsglobal.org/ob/v3p0'><ob:credential>{&quot;a&quot;:&#x31;}</ob:credential></svg>";
    assert_eq!(extract_from_svg(other).expect("extract"), "{\"a\":1}");
    // A credential inside a comment is not the image's credential (XML parsers skip comments).
    let commented = baked.replacen(
        "<svg",
        "<!-- <openbadges:credential>{\"fake\":1}</openbadges:credential> --><svg",
        1,
    );
    assert_eq!(extract_from_svg(&commented).expect("extract"), cred);
}

// ---------------------------------------------------------------- properties

fn text() -> impl Strategy<Value = String> {
    "[\t\n\r\"'\\\\<>&a-zA-Z0-9 äöüß€漢字😀\u{7f}\u{b}\u{c}\u{8}\u{1}]{0,24}"
}

proptest! {
    #[test]
    fn status_list_round_trip(bits in proptest::collection::btree_set(0usize..StatusList::MIN_LEN * 2, 0..40),
                              extra in 0usize..3) {
        let len = StatusList::MIN_LEN + extra * 8 * 1024;
        let mut list = StatusList::new(len).expect("list");
        for &b in &bits { if b < len { list.set(b, true).expect("set"); } }
        let back = StatusList::decode(&list.encode().expect("enc")).expect("dec");
        prop_assert_eq!(&back, &list);
        for i in (0..len).step_by(97).chain(bits.iter().copied().filter(|b| *b < len)) {
            prop_assert_eq!(back.get(i), Some(bits.contains(&i)));
        }
        let mut cleared = back;
        for &b in &bits { if b < len { cleared.set(b, false).expect("clear"); } }
        prop_assert_eq!(cleared, StatusList::new(len).expect("list"));
    }

    #[test]
    fn baking_round_trip(json in "\\PC{0,200}") {
        let png = tiny_png();
        prop_assert_eq!(extract_from_png(&bake_png(&png, &json).expect("png")).expect("x"), json.as_str());
        if !json.contains("]]>") && !json.trim().is_empty() {
            let svg = bake_svg("<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>", &json).expect("svg");
            prop_assert_eq!(extract_from_svg(&svg).expect("x"), json.trim());
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]
    #[test]
    fn any_text_signs_and_verifies(name in text(), narrative in text(), recipient in text(), hashed_id in any::<bool>()) {
        let k = key(7);
        let identity = if hashed_id {
            RecipientIdentity::HashedEmail { email: recipient.clone(), salt: "s".into() }
        } else {
            RecipientIdentity::Email(recipient.clone())
        };
        let mut b = badge(&name, &narrative, identity);
        b.recipient.name = Some(recipient);
        let cred = issue(&b, "key-1", &k);
        let w = world(&[("key-1", &k)], ("key-1", &k), false, false);
        prop_assert_eq!(verify(&cred, Utc.with_ymd_and_hms(2025, 6, 1, 0, 0, 0).unwrap(), &w), Verification::Valid);
    }
}
