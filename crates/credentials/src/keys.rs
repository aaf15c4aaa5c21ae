//! Ed25519 keys in the Multikey encoding used by DID documents and `eddsa-rdfc-2022`.

use crate::error::{Error, Result};
use ring::signature::{Ed25519KeyPair, KeyPair as _};

/// Multicodec prefix of an Ed25519 public key (`ed-pub`, varint 0xed).
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// Multicodec prefix of an Ed25519 secret key (`ed25519-priv`, varint 0x1300), as Digital Bazaar exports it.
const ED25519_PRIV: [u8; 2] = [0x80, 0x26];

/// An Ed25519 signing key. The seed never appears in `Debug` output.
pub struct SigningKey {
    seed: [u8; 32],
    pair: Ed25519KeyPair,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("public_key", &self.public_key_multibase())
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// The key for a 32-byte seed (the RFC 8032 secret key). Callers generate the seed from a CSPRNG.
    pub fn from_seed(seed: [u8; 32]) -> Result<Self> {
        let pair =
            Ed25519KeyPair::from_seed_unchecked(&seed).map_err(|e| Error::Key(e.to_string()))?;
        Ok(Self { seed, pair })
    }

    /// A new random key from the operating system's CSPRNG.
    pub fn generate() -> Result<Self> {
        let mut seed = [0u8; 32];
        ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut seed)
            .map_err(|_| Error::Key("the system random number generator failed".into()))?;
        Self::from_seed(seed)
    }

    /// The 32-byte seed, for storing the key.
    pub fn seed(&self) -> &[u8; 32] {
        &self.seed
    }

    /// The raw 32-byte public key.
    pub fn public_key(&self) -> [u8; 32] {
        let mut pk = [0u8; 32];
        pk.copy_from_slice(self.pair.public_key().as_ref());
        pk
    }

    /// `publicKeyMultibase` for a Multikey verification method (`z6Mk…`).
    pub fn public_key_multibase(&self) -> String {
        public_key_multibase(&self.public_key())
    }

    /// `secretKeyMultibase` (`z` + base58btc(0x80 0x26 ‖ seed)), the format `@digitalbazaar/ed25519-multikey`
    /// imports, so a key can be moved between Agora and other tools.
    pub fn secret_key_multibase(&self) -> String {
        multibase(&ED25519_PRIV, &self.seed)
    }

    /// Inverse of [`SigningKey::secret_key_multibase`]. Also accepts Digital Bazaar's own export, which
    /// appends the public key (seed ‖ public key, 64 bytes); that public key must match.
    pub fn from_secret_key_multibase(s: &str) -> Result<Self> {
        let bytes = decode_multibase(s, &ED25519_PRIV, "secret key")?;
        let mut seed = [0u8; 32];
        seed.copy_from_slice(&bytes[..32]);
        let key = Self::from_seed(seed)?;
        if bytes.len() == 64 && bytes[32..] != key.public_key() {
            return Err(Error::Key(
                "the secret key's appended public key does not match its seed".into(),
            ));
        }
        Ok(key)
    }

    pub(crate) fn sign(&self, msg: &[u8]) -> [u8; 64] {
        let mut sig = [0u8; 64];
        sig.copy_from_slice(self.pair.sign(msg).as_ref());
        sig
    }
}

/// `publicKeyMultibase` of a raw Ed25519 public key: `z` + base58btc(0xed 0x01 ‖ key).
pub fn public_key_multibase(public_key: &[u8; 32]) -> String {
    multibase(&ED25519_PUB, public_key)
}

/// The raw Ed25519 public key of a `publicKeyMultibase` value.
pub fn public_key_from_multibase(s: &str) -> Result<[u8; 32]> {
    let bytes = decode_multibase(s, &ED25519_PUB, "public key")?;
    let mut pk = [0u8; 32];
    pk.copy_from_slice(&bytes);
    Ok(pk)
}

/// Checks an Ed25519 signature.
pub(crate) fn verify_signature(public_key: &[u8; 32], msg: &[u8], sig: &[u8]) -> bool {
    ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, public_key)
        .verify(msg, sig)
        .is_ok()
}

fn multibase(prefix: &[u8; 2], key: &[u8; 32]) -> String {
    let mut bytes = Vec::with_capacity(34);
    bytes.extend_from_slice(prefix);
    bytes.extend_from_slice(key);
    format!("z{}", bs58::encode(bytes).into_string())
}

/// The key bytes after the multicodec prefix: 32 bytes, or 64 for a secret key with its public key.
fn decode_multibase(s: &str, prefix: &[u8; 2], what: &str) -> Result<Vec<u8>> {
    let b58 = s.strip_prefix('z').ok_or_else(|| {
        Error::Key(format!(
            "{what} is not base58btc multibase (must start with `z`)"
        ))
    })?;
    let bytes = bs58::decode(b58)
        .into_vec()
        .map_err(|e| Error::Key(format!("{what}: {e}")))?;
    match bytes.strip_prefix(prefix.as_slice()) {
        Some(key) if key.len() == 32 || (key.len() == 64 && *prefix == ED25519_PRIV) => {
            Ok(key.to_vec())
        }
        _ => Err(Error::Key(format!(
            "{what} is not an Ed25519 {what} in Multikey encoding"
        ))),
    }
}
