//! The hash-chained audit log. Entries are appended inside the transaction of the change they record.

use crate::sql::Sql;
use crate::{get, Result, Store, Tx, Who, LOCK_AUDIT};
use agora_domain::audit::{
    chain_hash, AuditEntry, AuditEvent, ChainError, ChainVerifier, GENESIS_HASH,
};
use agora_domain::pagination::{Page, PageRequest};
use sqlx::any::AnyRow;

/// Appends one entry; only `WriteTx::commit` calls it. The lock makes concurrent writers (several server instances on PostgreSQL) take
/// turns, so the chain never forks.
pub(crate) async fn append(store: &Store, tx: &mut Tx, who: &Who, event: AuditEvent) -> Result<()> {
    store.dialect.lock(tx, LOCK_AUDIT).await?;
    let last = sqlx::query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")
        .fetch_optional(&mut *tx)
        .await?;
    let (prev_seq, prev_hash) = match last {
        Some(row) => (get::<i64>(&row, "seq")?, get::<String>(&row, "hash")?),
        None => (0, GENESIS_HASH.to_string()),
    };
    let seq = prev_seq + 1;
    let at = store.stamp();
    let hash = chain_hash(&prev_hash, seq, &at, who.person_id, &who.label, &event);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor_id, actor, action, entity_type, entity_id, before_json, after_json, \
         prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(seq)
    .bind(&at)
    .bind(who.person_id)
    .bind(&who.label)
    .bind(&event.action)
    .bind(&event.entity_type)
    .bind(&event.entity_id)
    .bind(&event.before)
    .bind(&event.after)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub actor: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyReport {
    pub checked: u64,
    pub first_error: Option<ChainError>,
}

fn entry(row: &AnyRow) -> Result<AuditEntry> {
    Ok(AuditEntry {
        seq: get(row, "seq")?,
        at: get(row, "at")?,
        actor_id: get(row, "actor_id")?,
        actor: get(row, "actor")?,
        action: get(row, "action")?,
        entity_type: get(row, "entity_type")?,
        entity_id: get(row, "entity_id")?,
        before: get(row, "before_json")?,
        after: get(row, "after_json")?,
        prev_hash: get(row, "prev_hash")?,
        hash: get(row, "hash")?,
    })
}

const COLUMNS: &str =
    "seq, at, actor_id, actor, action, entity_type, entity_id, before_json, after_json, prev_hash, hash";

impl Store {
    /// Records an event that is not part of another write (a sign-in, a failed import, a CLI action).
    pub async fn record(&self, who: &Who, event: AuditEvent) -> Result<()> {
        self.write().await?.commit(who, [event]).await
    }

    pub async fn audit_page(&self, f: &AuditFilter, page: PageRequest) -> Result<Page<AuditEntry>> {
        let mut w = Sql::new(" WHERE 1 = 1");
        if let Some(a) = &f.action {
            w.push(" AND action = ").bind(a);
        }
        if let Some(t) = &f.entity_type {
            w.push(" AND entity_type = ").bind(t);
        }
        if let Some(i) = &f.entity_id {
            w.push(" AND entity_id = ").bind(i);
        }
        if let Some(a) = &f.actor {
            w.push(" AND actor = ").bind(a.to_lowercase());
        }
        crate::fetch_page(
            &self.reader,
            (&format!("SELECT {COLUMNS}"), " FROM audit_log"),
            &w,
            "seq DESC",
            page,
            entry,
        )
        .await
    }

    /// Distinct actions, for the filter menu.
    pub async fn audit_actions(&self) -> Result<Vec<String>> {
        Ok(
            sqlx::query_scalar("SELECT DISTINCT action FROM audit_log ORDER BY action")
                .fetch_all(&self.reader)
                .await?,
        )
    }

    /// Walks the whole chain in batches and reports the first entry that fails.
    pub async fn verify_audit_chain(&self) -> Result<VerifyReport> {
        let mut v = ChainVerifier::default();
        let mut after = 0i64;
        loop {
            let rows = sqlx::query(&format!(
                "SELECT {COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1000"
            ))
            .bind(after)
            .fetch_all(&self.reader)
            .await?;
            if rows.is_empty() {
                return Ok(VerifyReport {
                    checked: v.checked,
                    first_error: None,
                });
            }
            for row in &rows {
                let e = entry(row)?;
                after = e.seq;
                if let Err(err) = v.push(&e) {
                    return Ok(VerifyReport {
                        checked: v.checked,
                        first_error: Some(err),
                    });
                }
            }
        }
    }

    /// For tests of tamper detection only: rewrites an entry behind the chain's back.
    #[doc(hidden)]
    pub async fn tamper_audit_entry_for_tests(&self, seq: i64, action: &str) -> Result<()> {
        sqlx::query("UPDATE audit_log SET action = $1 WHERE seq = $2")
            .bind(action)
            .bind(seq)
            .execute(self.bookkeeping_pool())
            .await?;
        Ok(())
    }
}
