//! The Open Badges 3.0 `OpenBadgeCredential` Agora issues.

use crate::contexts::{CREDENTIALS_V2, OPEN_BADGES_V3};
use crate::proof::format_datetime;
use crate::status::StatusEntry;
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

/// Everything that goes into one badge credential. All ids and URLs must be absolute (signing refuses
/// relative ones, which JSON-LD would silently drop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadgeCredential {
    /// Credential id, a `urn:uuid:…`.
    pub id: String,
    /// The issuing organisation.
    pub issuer: Issuer,
    /// From when the credential is valid (usually the award time).
    pub valid_from: DateTime<Utc>,
    /// When it expires, if it does.
    pub valid_until: Option<DateTime<Utc>>,
    /// Credential name shown by wallets, e.g. "Distinguished Engineer 2025".
    pub name: String,
    /// Optional credential-level description.
    pub description: Option<String>,
    /// What was achieved.
    pub achievement: Achievement,
    /// Who received it.
    pub recipient: Recipient,
    /// Evidence entries (e.g. links to the contributions that earned the badge).
    pub evidence: Vec<Evidence>,
    /// Status entries; Agora passes two (revocation and suspension).
    pub status: Vec<StatusEntry>,
}

/// The issuer `Profile`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// The issuer's DID (`did:web:…`); its DID document lists the signing keys.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Home page.
    pub url: String,
}

/// The `Achievement` (the badge class).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Achievement {
    /// Public URL describing the achievement.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// `criteria.narrative`: how it is earned (Markdown allowed by OB 3.0).
    pub criteria_narrative: String,
    /// URL of the badge image, if any.
    pub image: Option<String>,
}

/// The recipient (`AchievementSubject`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// How the recipient is identified.
    pub identity: RecipientIdentity,
    /// Display name, as `credentialSubject.name` (VC 2.0's `name`; OB 3.0 has no subject name of its own,
    /// and wallets show this one).
    pub name: Option<String>,
}

/// The recipient's `IdentityObject`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecipientIdentity {
    /// The email address, salted and hashed: the credential does not reveal it, yet the recipient can prove
    /// it is theirs.
    HashedEmail {
        /// The address as the recipient uses it (not normalised here).
        email: String,
        /// Random salt, stored with the credential.
        salt: String,
    },
    /// The email address in clear text.
    Email(String),
    /// A URL that identifies the recipient (an organization's public profile), in clear text.
    Url(String),
}

/// One `Evidence` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evidence {
    /// URL of the evidence.
    pub id: String,
    /// Short name.
    pub name: String,
    /// Optional narrative.
    pub narrative: Option<String>,
}

/// OB 3.0 `identityHash` for a hashed identity: `sha256$` + hex(SHA-256(identity ‖ salt)).
pub fn hash_identity(identity: &str, salt: &str) -> String {
    let digest = Sha256::digest([identity.as_bytes(), salt.as_bytes()].concat());
    format!("sha256${}", hex::encode(digest))
}

impl BadgeCredential {
    /// The unsigned credential JSON, to be signed with [`crate::sign`].
    ///
    /// `credentialStatus` is an array, even though the OB 3.0 data model allows at most one entry: only an
    /// array lets every verifier see both revocation and suspension (VC 2.0 allows it, and Digital Bazaar's
    /// verifier reports both). The price is failing the strict OB 3.0 JSON Schema on that one property.
    pub fn to_json(&self) -> Value {
        let identity = match &self.recipient.identity {
            RecipientIdentity::HashedEmail { email, salt } => json!({
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": true,
                "salt": salt,
                "identityHash": hash_identity(email, salt),
            }),
            RecipientIdentity::Email(email) => json!({
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": false,
                "identityHash": email,
            }),
            RecipientIdentity::Url(url) => json!({
                "type": "IdentityObject",
                "identityType": "url",
                "hashed": false,
                "identityHash": url,
            }),
        };
        let a = &self.achievement;
        let mut achievement = json!({
            "id": a.id,
            "type": ["Achievement"],
            "name": a.name,
            "description": a.description,
            "criteria": {"narrative": a.criteria_narrative},
        });
        if let Some(image) = &a.image {
            achievement["image"] = json!({"id": image, "type": "Image"});
        }
        let mut subject = json!({
            "type": ["AchievementSubject"],
            "identifier": [identity],
            "achievement": achievement,
        });
        if let Some(name) = &self.recipient.name {
            subject["name"] = name.as_str().into();
        }
        let mut c = Map::new();
        c.insert("@context".into(), json!([CREDENTIALS_V2, OPEN_BADGES_V3]));
        c.insert("id".into(), self.id.as_str().into());
        c.insert(
            "type".into(),
            json!(["VerifiableCredential", "OpenBadgeCredential"]),
        );
        c.insert(
            "issuer".into(),
            json!({"id": self.issuer.id, "type": ["Profile"], "name": self.issuer.name, "url": self.issuer.url}),
        );
        c.insert("validFrom".into(), format_datetime(self.valid_from).into());
        if let Some(until) = self.valid_until {
            c.insert("validUntil".into(), format_datetime(until).into());
        }
        c.insert("name".into(), self.name.as_str().into());
        if let Some(d) = &self.description {
            c.insert("description".into(), d.as_str().into());
        }
        c.insert("credentialSubject".into(), subject);
        if !self.evidence.is_empty() {
            let evidence: Vec<Value> = self
                .evidence
                .iter()
                .map(|e| {
                    let mut v = json!({"id": e.id, "type": ["Evidence"], "name": e.name});
                    if let Some(n) = &e.narrative {
                        v["narrative"] = n.as_str().into();
                    }
                    v
                })
                .collect();
            c.insert("evidence".into(), evidence.into());
        }
        if !self.status.is_empty() {
            let entries: Vec<Value> = self.status.iter().map(StatusEntry::to_json).collect();
            c.insert("credentialStatus".into(), entries.into());
        }
        Value::Object(c)
    }
}
