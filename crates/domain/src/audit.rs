//! The audit log's hash chain: each entry's hash covers its own fields and the previous entry's hash, so
//! editing or deleting any entry breaks every hash after it and `verify` names the first broken one.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The hash the first entry chains from.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a change was, as the caller describes it. `before` and `after` are short JSON summaries.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEvent {
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl AuditEvent {
    pub fn new(action: &str, entity_type: &str, entity_id: impl ToString) -> Self {
        Self {
            action: action.into(),
            entity_type: entity_type.into(),
            entity_id: entity_id.to_string(),
            before: None,
            after: None,
        }
    }

    pub fn before(mut self, v: impl Serialize) -> Self {
        self.before = serde_json::to_string(&v).ok();
        self
    }

    pub fn after(mut self, v: impl Serialize) -> Self {
        self.after = serde_json::to_string(&v).ok();
        self
    }
}

/// A stored entry, as read back for verification or display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: String,
    pub actor_id: Option<i64>,
    /// Who acted, as a person would recognise them (email, "system", "anonymous").
    pub actor: String,
    pub action: String,
    pub entity_type: String,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an entry given its predecessor's hash. Fields are length-prefixed so that no two
/// different entries serialise to the same bytes.
#[allow(clippy::too_many_arguments)]
pub fn chain_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    actor_id: Option<i64>,
    actor: &str,
    event: &AuditEvent,
) -> String {
    let mut h = Sha256::new();
    let actor_id = actor_id.map(|i| i.to_string()).unwrap_or_default();
    let seq = seq.to_string();
    let fields: [&str; 10] = [
        prev_hash,
        &seq,
        at,
        &actor_id,
        actor,
        &event.action,
        &event.entity_type,
        &event.entity_id,
        event.before.as_deref().unwrap_or("\u{0}"),
        event.after.as_deref().unwrap_or("\u{0}"),
    ];
    for f in fields {
        h.update((f.len() as u64).to_be_bytes());
        h.update(f.as_bytes());
    }
    hex::encode(h.finalize())
}

impl AuditEntry {
    pub fn event(&self) -> AuditEvent {
        AuditEvent {
            action: self.action.clone(),
            entity_type: self.entity_type.clone(),
            entity_id: self.entity_id.clone(),
            before: self.before.clone(),
            after: self.after.clone(),
        }
    }

    pub fn expected_hash(&self) -> String {
        chain_hash(
            &self.prev_hash,
            self.seq,
            &self.at,
            self.actor_id,
            &self.actor,
            &self.event(),
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainError {
    #[error("entry {seq}: its content does not match its hash (edited)")]
    Edited { seq: i64 },
    #[error("entry {seq}: it does not chain to the entry before it (an entry was removed, inserted or reordered)")]
    Broken { seq: i64 },
}

/// Incremental verifier, so the store can stream entries of any number without holding them all.
#[derive(Debug)]
pub struct ChainVerifier {
    last_hash: String,
    last_seq: i64,
    pub checked: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            last_hash: GENESIS_HASH.into(),
            last_seq: 0,
            checked: 0,
        }
    }
}

impl ChainVerifier {
    pub fn push(&mut self, e: &AuditEntry) -> Result<(), ChainError> {
        if e.prev_hash != self.last_hash || e.seq != self.last_seq + 1 {
            return Err(ChainError::Broken { seq: e.seq });
        }
        if e.expected_hash() != e.hash {
            return Err(ChainError::Edited { seq: e.seq });
        }
        self.last_hash = e.hash.clone();
        self.last_seq = e.seq;
        self.checked += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chain(n: usize) -> Vec<AuditEntry> {
        let mut prev = GENESIS_HASH.to_string();
        (1..=n as i64)
            .map(|seq| {
                let ev = AuditEvent::new("partner.update", "partner", seq)
                    .after(serde_json::json!({"n": seq}));
                let at = format!("2026-01-01T00:00:{:02}.000Z", seq % 60);
                let hash = chain_hash(&prev, seq, &at, Some(1), "ada@example.org", &ev);
                let e = AuditEntry {
                    seq,
                    at,
                    actor_id: Some(1),
                    actor: "ada@example.org".into(),
                    action: ev.action,
                    entity_type: ev.entity_type,
                    entity_id: ev.entity_id,
                    before: ev.before,
                    after: ev.after,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    fn verify(entries: &[AuditEntry]) -> Result<u64, ChainError> {
        let mut v = ChainVerifier::default();
        for e in entries {
            v.push(e)?;
        }
        Ok(v.checked)
    }

    #[test]
    fn an_untouched_chain_verifies() {
        assert_eq!(verify(&chain(10)), Ok(10));
    }

    proptest! {
        #[test]
        fn any_edit_is_reported_at_the_edited_entry(n in 2usize..30, pick in 0usize..30, field in 0u8..4) {
            let mut c = chain(n);
            let i = pick % n;
            match field {
                0 => c[i].action.push('x'),
                1 => c[i].actor = "mallory@example.org".into(),
                2 => c[i].after = Some("{}".into()),
                _ => c[i].at = "2030-01-01T00:00:00.000Z".into(),
            }
            prop_assert_eq!(verify(&c), Err(ChainError::Edited { seq: i as i64 + 1 }));
        }

        #[test]
        fn a_removed_entry_is_reported_where_the_chain_breaks(n in 3usize..30, pick in 0usize..29) {
            let mut c = chain(n);
            let i = pick % (n - 1);
            c.remove(i);
            prop_assert_eq!(verify(&c), Err(ChainError::Broken { seq: i as i64 + 2 }));
        }
    }
}
