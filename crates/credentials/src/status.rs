//! Bitstring Status List v1.0 (W3C Recommendation, May 2025): revocation and suspension.
//!
//! One list per purpose. A revocation bit is never cleared; a suspension bit can be. Indexes are allocated
//! randomly by the caller and never reused, so a list reveals nothing about one credential. The list
//! credential's `issuer` must be the very same string as the credentials' `issuer.id` (verifiers compare
//! them), and it is re-signed on every change and served at its `id`.

use crate::contexts::CREDENTIALS_V2;
use crate::error::{Error, Result};
use crate::proof::format_datetime;
use base64::Engine as _;
use chrono::{DateTime, Utc};
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde_json::{json, Value};
use std::io::{Read as _, Write as _};

/// What a set bit means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusPurpose {
    /// Permanently withdrawn.
    Revocation,
    /// Temporarily not valid; can be lifted.
    Suspension,
}

impl StatusPurpose {
    /// The `statusPurpose` value.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Revocation => "revocation",
            Self::Suspension => "suspension",
        }
    }

    /// Parses a `statusPurpose` value; other purposes (`message`, `refresh`) are not supported.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "revocation" => Some(Self::Revocation),
            "suspension" => Some(Self::Suspension),
            _ => None,
        }
    }
}

/// A credential's pointer into a status list (`BitstringStatusListEntry`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEntry {
    /// Revocation or suspension.
    pub purpose: StatusPurpose,
    /// URL of the status list credential (its `id`).
    pub list_url: String,
    /// Bit index in that list.
    pub index: usize,
}

impl StatusEntry {
    /// The `credentialStatus` entry.
    pub fn to_json(&self) -> Value {
        json!({
            "id": format!("{}#{}", self.list_url, self.index),
            "type": "BitstringStatusListEntry",
            "statusPurpose": self.purpose.as_str(),
            "statusListIndex": self.index.to_string(),
            "statusListCredential": self.list_url,
        })
    }
}

/// A bitstring; index 0 is the most significant bit of byte 0.
#[derive(Clone, PartialEq, Eq)]
pub struct StatusList {
    bits: Vec<u8>,
}

impl std::fmt::Debug for StatusList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let set = self.bits.iter().map(|b| b.count_ones()).sum::<u32>();
        write!(f, "StatusList({} bits, {set} set)", self.len())
    }
}

/// Decoded lists larger than this are refused (a small gzip can expand enormously).
const MAX_BYTES: usize = 16 * 1024 * 1024;

impl StatusList {
    /// The specification's minimum, 16 KiB: large enough that a set bit does not identify the holder.
    pub const MIN_LEN: usize = 131_072;

    /// An all-clear list of `len` bits; `len` is at least [`StatusList::MIN_LEN`] and a multiple of 8.
    pub fn new(len: usize) -> Result<Self> {
        if len < Self::MIN_LEN || !len.is_multiple_of(8) || len / 8 > MAX_BYTES {
            return Err(Error::StatusList(format!(
                "a list has a multiple of 8 bits, at least {}, at most {}; got {len}",
                Self::MIN_LEN,
                MAX_BYTES * 8
            )));
        }
        Ok(Self {
            bits: vec![0; len / 8],
        })
    }

    /// Number of bits.
    pub fn len(&self) -> usize {
        self.bits.len() * 8
    }

    /// Always false: lists have at least one byte. Present because clippy expects it next to `len`.
    pub fn is_empty(&self) -> bool {
        self.bits.is_empty()
    }

    /// The bit at `index`, `None` past the end.
    pub fn get(&self, index: usize) -> Option<bool> {
        let byte = self.bits.get(index / 8)?;
        Some(byte & (0x80 >> (index % 8)) != 0)
    }

    /// Sets or clears the bit at `index`.
    pub fn set(&mut self, index: usize, value: bool) -> Result<()> {
        let len = self.len();
        let byte = self.bits.get_mut(index / 8).ok_or_else(|| {
            Error::StatusList(format!("index {index} is past the end of a {len}-bit list"))
        })?;
        let mask = 0x80 >> (index % 8);
        if value {
            *byte |= mask;
        } else {
            *byte &= !mask;
        }
        Ok(())
    }

    /// `encodedList`: `u` (multibase base64url) + base64url-no-pad(gzip(bits)).
    pub fn encode(&self) -> Result<String> {
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&self.bits)
            .and_then(|()| gz.finish())
            .map(|zipped| {
                format!(
                    "u{}",
                    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(zipped)
                )
            })
            .map_err(|e| Error::StatusList(format!("gzip failed: {e}")))
    }

    /// Inverse of [`StatusList::encode`]. Accepts any length, since other issuers' lists are decoded too.
    pub fn decode(encoded: &str) -> Result<Self> {
        let b64 = encoded.strip_prefix('u').ok_or_else(|| {
            Error::StatusList("encodedList must start with `u` (multibase base64url)".into())
        })?;
        // Padding is tolerated: some issuers add it.
        let zipped = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(b64.trim_end_matches('='))
            .map_err(|e| Error::StatusList(format!("encodedList is not base64url: {e}")))?;
        let mut bits = Vec::new();
        GzDecoder::new(zipped.as_slice())
            .take(MAX_BYTES as u64 + 1)
            .read_to_end(&mut bits)
            .map_err(|e| Error::StatusList(format!("encodedList is not gzip: {e}")))?;
        if bits.len() > MAX_BYTES {
            return Err(Error::StatusList(
                "encodedList is larger than 16 MiB".into(),
            ));
        }
        if bits.is_empty() {
            return Err(Error::StatusList("encodedList is empty".into()));
        }
        Ok(Self { bits })
    }
}

/// The unsigned `BitstringStatusListCredential` for `list`, to be signed with [`crate::sign`] and served at
/// `list_url`. `issuer` must be exactly the credentials' `issuer.id`.
pub fn status_list_credential(
    list_url: &str,
    issuer: &str,
    purpose: StatusPurpose,
    list: &StatusList,
    valid_from: DateTime<Utc>,
) -> Result<Value> {
    Ok(json!({
        "@context": [CREDENTIALS_V2],
        "id": list_url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer,
        "validFrom": format_datetime(valid_from),
        "credentialSubject": {
            "id": format!("{list_url}#list"),
            "type": "BitstringStatusList",
            "statusPurpose": purpose.as_str(),
            "encodedList": list.encode()?,
        },
    }))
}
