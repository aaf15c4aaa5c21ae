//! Agora as an issuer of Open Badges 3.0 credentials: its `did:web` identity on the deployment's
//! host, its keys (made on first use, rotated without breaking what was issued), the credentials it
//! signs for awards, the two Bitstring Status Lists it publishes, and verification that resolves its
//! own DID and lists from the database (never the network).

use crate::error::{Error, Result};
use crate::AppState;
use agora_credentials as vc;
use agora_store::{AwardSubject, CredentialKey, NewCredential, Store, Who};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rand::Rng;
use serde_json::Value;

/// What issuing needs: the database, the address people reach Agora at (its DID is made from it)
/// and the time. The web layer makes one per request; the demo loader makes its own.
pub struct Issuer<'a> {
    pub store: &'a Store,
    pub public_url: &'a str,
    pub now: DateTime<Utc>,
}

impl<'a> Issuer<'a> {
    pub fn of(state: &'a AppState) -> Self {
        Self {
            store: &state.store,
            public_url: &state.config.public_url,
            now: state.clock.now(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{}", self.public_url.trim_end_matches('/'), path)
    }
}

/// The largest credential `/verify` checks: Agora's are a few kilobytes, and canonicalization
/// grows faster than the document.
pub const MAX_CREDENTIAL: usize = 32 * 1024;

/// Bits per status list: the specification's minimum, which also hides how many were issued.
pub const LIST_LEN: usize = vc::StatusList::MIN_LEN;

pub fn host(is: &Issuer<'_>) -> String {
    let url = url::Url::parse(is.public_url).ok();
    match url
        .as_ref()
        .and_then(|u| u.host_str().map(|h| (h.to_owned(), u.port())))
    {
        Some((h, Some(p))) => format!("{h}:{p}"),
        Some((h, None)) => h,
        None => "localhost".into(),
    }
}

pub fn did(is: &Issuer<'_>) -> Result<String> {
    vc::did_web_for(&host(is)).map_err(|e| Error::Unexpected(anyhow::anyhow!("issuer DID: {e}")))
}

pub fn list_url(is: &Issuer<'_>, purpose: vc::StatusPurpose) -> String {
    is.url(&format!("/credentials/status/{}", purpose.as_str()))
}

fn unexpected(e: impl std::fmt::Display) -> Error {
    Error::Unexpected(anyhow::anyhow!("credentials: {e}"))
}

/// The key new credentials are signed with, made on first use.
pub async fn signing_key(is: &Issuer<'_>) -> Result<(CredentialKey, vc::SigningKey)> {
    let current = |keys: Vec<CredentialKey>| {
        keys.into_iter()
            .rev()
            .find(|k| k.retired_at.is_none() && k.removed_at.is_none())
    };
    let key = match current(is.store.credential_keys().await?) {
        Some(k) => k,
        None => {
            add_key(is, true, &Who::system()).await?;
            current(is.store.credential_keys().await?)
                .ok_or_else(|| unexpected("no signing key after creating one"))?
        }
    };
    let signing = vc::SigningKey::from_secret_key_multibase(&key.secret_key).map_err(unexpected)?;
    Ok((key, signing))
}

/// A new signing key; the previous one is retired and stays in the DID document.
pub async fn rotate(is: &Issuer<'_>, who: &Who) -> Result<()> {
    add_key(is, false, who).await
}

async fn add_key(is: &Issuer<'_>, first: bool, who: &Who) -> Result<()> {
    let key = vc::SigningKey::generate().map_err(unexpected)?;
    let fragment = format!(
        "key-{}-{}",
        is.now.format("%Y%m%d"),
        &hex::encode(key.public_key())[..8]
    );
    is.store
        .add_credential_key(
            &fragment,
            &key.public_key_multibase(),
            &key.secret_key_multibase(),
            first,
            who,
        )
        .await?;
    Ok(())
}

/// The DID document: every key not removed, current and retired.
pub async fn did_document(is: &Issuer<'_>) -> Result<Value> {
    let mut keys = vec![];
    for k in is.store.credential_keys().await? {
        if k.removed_at.is_none() {
            keys.push(vc::DidKey {
                fragment: k.fragment,
                public_key: vc::public_key_from_multibase(&k.public_key).map_err(unexpected)?,
            });
        }
    }
    Ok(vc::did_document(&did(is)?, &keys))
}

/// A signed status list credential for `purpose`: the bits of revoked (or suspended) awards. It is
/// dated from its signing key's creation (verifiers check `validFrom`, and a list must be valid from
/// before the credentials it serves), so it reads the same between changes.
pub async fn status_list(is: &Issuer<'_>, purpose: vc::StatusPurpose) -> Result<Value> {
    let mut list = vc::StatusList::new(LIST_LEN).map_err(unexpected)?;
    for (index, revoked, suspended) in is.store.credential_statuses().await? {
        let set = match purpose {
            vc::StatusPurpose::Revocation => revoked,
            vc::StatusPurpose::Suspension => suspended,
        };
        if set {
            let i = usize::try_from(index).map_err(unexpected)?;
            list.set(i, true).map_err(unexpected)?;
        }
    }
    let (key, signing) = signing_key(is).await?;
    let since = key.created_at;
    let issuer = did(is)?;
    let unsigned =
        vc::status_list_credential(&list_url(is, purpose), &issuer, purpose, &list, since)
            .map_err(unexpected)?;
    vc::sign(
        &unsigned,
        &signing,
        &format!("{issuer}#{}", key.fragment),
        since,
    )
    .map_err(unexpected)
}

fn day_start(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default())
}

fn day_end(d: NaiveDate) -> DateTime<Utc> {
    Utc.from_utc_datetime(&d.and_hms_opt(23, 59, 59).unwrap_or_default())
}

/// Signs the credential of an award for `term` (start, end: `None` for lifetime status).
pub async fn issue(
    is: &Issuer<'_>,
    subject: &AwardSubject,
    term: (NaiveDate, Option<NaiveDate>),
    evidence: Vec<(String, String)>,
    status_index: Option<i64>,
) -> Result<NewCredential> {
    let uuid = random_uuid();
    // An award keeps one place in the lists for all its credentials, so revoking it reaches each.
    let status_index = match status_index {
        Some(i) => i,
        None => {
            let used = is.store.used_status_indexes().await?;
            let mut rng = rand::thread_rng();
            std::iter::repeat_with(|| rng.gen_range(0..LIST_LEN as i64))
                .find(|i| !used.contains(i))
                .unwrap_or_default()
        }
    };
    let issuer = did(is)?;
    let category = &subject.category.category;
    let recipient = match &subject.holder_email {
        Some(email) => vc::RecipientIdentity::HashedEmail {
            email: email.clone(),
            salt: hex::encode(rand::thread_rng().gen::<[u8; 8]>()),
        },
        None => vc::RecipientIdentity::Url(
            subject
                .holder_url
                .as_deref()
                .map_or_else(|| is.url("/hall-of-fame"), |p| is.url(p)),
        ),
    };
    let criteria = category
        .criteria
        .iter()
        .map(|c| format!("- {}", c.label))
        .collect::<Vec<_>>()
        .join("\n");
    // Lifetime status (no end) is its own achievement, with the lifetime badge.
    let (name, achievement_id, art) = match term.1 {
        Some(_) => (
            category.name.clone(),
            format!("/recognition/categories/{}", category.slug),
            category.slug.as_str(),
        ),
        None => (
            format!("{} (lifetime)", category.name),
            format!("/recognition/categories/{}#lifetime", category.slug),
            "lifetime",
        ),
    };
    let credential = vc::BadgeCredential {
        id: format!("urn:uuid:{uuid}"),
        issuer: vc::Issuer {
            id: issuer.clone(),
            name: "Open edX Distinguished Contributor program".into(),
            url: is.url("/recognition"),
        },
        valid_from: day_start(term.0),
        valid_until: term.1.map(day_end),
        name: match term.1 {
            Some(_) => format!("{name} {}", subject.cycle_year),
            None => name.clone(),
        },
        description: Some(category.who_qualifies.clone()),
        achievement: vc::Achievement {
            id: is.url(&achievement_id),
            name,
            description: category.who_qualifies.clone(),
            criteria_narrative: criteria,
            image: Some(is.url(&format!("/recognition/badges/{art}.png"))),
        },
        recipient: vc::Recipient {
            identity: recipient,
            name: Some(subject.holder_name.clone()),
        },
        evidence: evidence
            .into_iter()
            .map(|(id, name)| vc::Evidence {
                id,
                name,
                narrative: None,
            })
            .collect(),
        status: [vc::StatusPurpose::Revocation, vc::StatusPurpose::Suspension]
            .into_iter()
            .map(|purpose| vc::StatusEntry {
                purpose,
                list_url: list_url(is, purpose),
                index: status_index as usize,
            })
            .collect(),
    };
    let (key, signing) = signing_key(is).await?;
    let signed = vc::sign(
        &credential.to_json(),
        &signing,
        &format!("{issuer}#{}", key.fragment),
        is.now,
    )
    .map_err(unexpected)?;
    Ok(NewCredential {
        uuid,
        status_index,
        document: serde_json::to_string_pretty(&signed).map_err(unexpected)?,
    })
}

fn random_uuid() -> String {
    let mut b: [u8; 16] = rand::thread_rng().gen();
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    )
}

/// Resolves Agora's own DID and status lists (read before verifying: the trait is synchronous).
pub struct Local {
    did: String,
    document: Value,
    lists: Vec<(String, Value)>,
}

impl Local {
    pub async fn load(is: &Issuer<'_>) -> Result<Self> {
        let mut lists = vec![];
        for p in [vc::StatusPurpose::Revocation, vc::StatusPurpose::Suspension] {
            lists.push((list_url(is, p), status_list(is, p).await?));
        }
        Ok(Self {
            did: did(is)?,
            document: did_document(is).await?,
            lists,
        })
    }
}

impl vc::Resolver for Local {
    fn did_document(&self, id: &str) -> Option<Value> {
        (id == self.did).then(|| self.document.clone())
    }

    fn status_list(&self, url: &str) -> Option<Value> {
        self.lists
            .iter()
            .find(|(u, _)| u == url)
            .map(|(_, v)| v.clone())
    }
}

/// The verdict of `/verify` and its API.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Verdict {
    /// valid, expired, revoked, suspended, not-yet-valid, tampered, unknown-issuer, malformed.
    pub status: &'static str,
    pub valid: bool,
    /// Why, in words (English).
    pub reason: Option<String>,
    /// What the credential says, when it could be read.
    pub name: Option<String>,
    pub recipient: Option<String>,
    pub issuer: Option<String>,
    pub valid_from: Option<String>,
    pub valid_until: Option<String>,
}

/// Verifies a pasted or uploaded credential (JSON, or a baked PNG or SVG) as of now.
pub async fn verify(is: &Issuer<'_>, bytes: &[u8]) -> Result<Verdict> {
    let json = if bytes.starts_with(b"\x89PNG") {
        vc::extract_from_png(bytes).map_err(|e| e.to_string())
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) if s.trim_start().starts_with('<') => {
                vc::extract_from_svg(s).map_err(|e| e.to_string())
            }
            Ok(s) => Ok(s.to_owned()),
            Err(_) => Err("the file is neither JSON, a PNG nor an SVG".to_owned()),
        }
    };
    let json = match json {
        Ok(j) if j.len() > MAX_CREDENTIAL => {
            return Ok(verdict(
                "malformed",
                Some(format!(
                    "a credential of {} bytes is larger than any this issuer writes ({MAX_CREDENTIAL} at most)",
                    j.len()
                )),
                None,
            ))
        }
        Ok(j) => j,
        Err(reason) => return Ok(verdict("malformed", Some(reason), None)),
    };
    let parsed: Option<Value> = serde_json::from_str(&json).ok();
    let is_badge = parsed
        .as_ref()
        .and_then(|d| d.get("type"))
        .and_then(Value::as_array)
        .is_some_and(|t| t.iter().any(|x| x == "OpenBadgeCredential"));
    if !is_badge {
        return Ok(verdict(
            "malformed",
            Some(
                "not an Open Badges credential (its type must include OpenBadgeCredential)".into(),
            ),
            parsed.as_ref(),
        ));
    }
    let local = Local::load(is).await?;
    let now = is.now;
    // Canonicalization is CPU work: off the async workers, so a request cannot stall others.
    let outcome = tokio::task::spawn_blocking(move || vc::verify(&json, now, &local))
        .await
        .map_err(unexpected)?;
    let (status, reason) = match outcome {
        vc::Verification::Valid => ("valid", None),
        vc::Verification::Invalid(r) => (
            match &r {
                vc::Reason::Expired { .. } => "expired",
                vc::Reason::Revoked => "revoked",
                vc::Reason::Suspended => "suspended",
                vc::Reason::NotYetValid { .. } => "not-yet-valid",
                vc::Reason::Tampered => "tampered",
                vc::Reason::UnknownKey(_)
                | vc::Reason::KeyNotAuthorized(_)
                | vc::Reason::WrongController { .. }
                | vc::Reason::UnknownStatusList(_)
                | vc::Reason::InvalidStatusList { .. } => "unknown-issuer",
                vc::Reason::Malformed(_) | vc::Reason::UnsupportedProof(_) => "malformed",
            },
            Some(r.to_string()),
        ),
    };
    Ok(verdict(status, reason, parsed.as_ref()))
}

impl Verdict {
    /// Whether the signature was checked and holds, so what the credential says is what its issuer
    /// signed (valid, or no longer or not yet valid).
    pub fn signed_by_issuer(&self) -> bool {
        matches!(
            self.status,
            "valid" | "expired" | "revoked" | "suspended" | "not-yet-valid"
        )
    }
}

fn verdict(status: &'static str, reason: Option<String>, doc: Option<&Value>) -> Verdict {
    let s = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_owned);
    Verdict {
        status,
        valid: status == "valid",
        reason,
        name: s(doc.and_then(|d| d.get("name"))),
        recipient: s(doc.and_then(|d| d.pointer("/credentialSubject/name"))),
        issuer: s(doc.and_then(|d| d.pointer("/issuer/name"))),
        valid_from: s(doc.and_then(|d| d.get("validFrom"))),
        valid_until: s(doc.and_then(|d| d.get("validUntil"))),
    }
}
