//! Identities and outside history (issue 12): entries of the activity ledger recorded under an
//! identity (a git author's address) and credited to whoever holds it. A person holds their account
//! address (verified once they accepted the invitation sent to it) and the identities merged into
//! them; an automatic merge happens only on such a verified address, every other candidate waits in
//! the queue for an admin.

use crate::sql::Sql;
use crate::{Result, Store, StoreError, Who};
use agora_domain::activity::{ActivityKind, ActivitySource, IdentityActivity};
use agora_domain::audit::AuditEvent;
use std::collections::{HashMap, HashSet};

/// Rows per INSERT: 9 parameters each stays far below SQLite's 32,766 and PostgreSQL's 65,535.
const BATCH: usize = 500;

/// What an import added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OutsideImport {
    /// Commits (entries of kind `commit`) not in the ledger before.
    pub new_commits: u64,
    /// Every new entry: commits and the credits of their trailers.
    pub new_entries: u64,
    /// New entries credited to a person at once (their verified address).
    pub credited: u64,
}

impl Store {
    /// The source ids `source` already holds, so an import can skip what it recorded before.
    pub async fn activity_source_ids(&self, source: ActivitySource) -> Result<HashSet<String>> {
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT source_id FROM activity WHERE source = $1")
                .bind(source.slug())
                .fetch_all(&self.reader)
                .await?;
        Ok(ids.into_iter().collect())
    }

    /// Verified addresses and the identities merged into people, as matching key → person.
    async fn identity_holders(
        &self,
        conn: &mut sqlx::AnyConnection,
    ) -> Result<HashMap<String, i64>> {
        let mut map = HashMap::new();
        let accounts: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, email FROM people WHERE password_hash IS NOT NULL AND disabled_at IS NULL",
        )
        .fetch_all(&mut *conn)
        .await?;
        for (id, email) in accounts {
            map.insert(agora_domain::activity::normalize_email(&email), id);
        }
        let merged: Vec<(i64, String)> = sqlx::query_as(
            "SELECT person_id, normalized FROM person_identities WHERE kind = 'email'",
        )
        .fetch_all(&mut *conn)
        .await?;
        map.extend(merged.into_iter().map(|(id, key)| (key, id)));
        Ok(map)
    }

    /// Appends outside history in one audited change: entries already in the ledger are skipped
    /// (a second import of the same repository adds nothing), entries under a verified address are
    /// credited to its holder, bots never are. Everything is checked first: one bad entry and
    /// nothing is written.
    pub async fn import_outside_activity(
        &self,
        label: &str,
        entries: &[IdentityActivity],
        who: &Who,
    ) -> Result<OutsideImport> {
        for e in entries {
            e.check().map_err(StoreError::Invalid)?;
        }
        let mut tx = self.write().await?;
        let holders = self.identity_holders(&mut tx).await?;
        let stamp = crate::format_time(self.now());
        let mut out = OutsideImport::default();
        // One group per (commit?, credited?), so rows_affected of a batch counts one kind.
        let mut groups: [Vec<(&IdentityActivity, Option<i64>)>; 4] = Default::default();
        // Anyone can write any date into a commit: one from the future credits no one.
        let latest = self.now() + chrono::Duration::days(1);
        for e in entries {
            let person = if e.bot || e.occurred_at > latest {
                None
            } else {
                holders.get(&e.identity).copied()
            };
            let slot =
                usize::from(e.kind == ActivityKind::Commit) * 2 + usize::from(person.is_some());
            groups[slot].push((e, person));
        }
        for (slot, group) in groups.iter().enumerate() {
            for chunk in group.chunks(BATCH) {
                let mut q = Sql::new(
                    "INSERT INTO activity (person_id, source, source_id, kind, occurred_at, body_id, \
                     detail, recorded_at, identity) VALUES ",
                );
                for (i, (e, person)) in chunk.iter().enumerate() {
                    q.push(if i == 0 { "(" } else { ", (" });
                    q.bind(*person).push(", ");
                    q.bind(e.source.slug()).push(", ");
                    q.bind(e.source_id.as_str()).push(", ");
                    q.bind(e.kind.slug()).push(", ");
                    q.bind(crate::format_time(e.occurred_at)).push(", NULL, ");
                    q.bind(e.detail.to_string()).push(", ");
                    q.bind(stamp.as_str()).push(", ");
                    q.bind(e.identity.as_str()).push(")");
                }
                q.push(" ON CONFLICT (source, source_id) DO NOTHING");
                let n = q.query().execute(&mut *tx).await?.rows_affected();
                out.new_entries += n;
                if slot >= 2 {
                    out.new_commits += n;
                }
                if slot % 2 == 1 {
                    out.credited += n;
                }
            }
        }
        if out.new_entries == 0 {
            return Ok(OutsideImport::default());
        }
        tx.commit(
            who,
            [
                AuditEvent::new("activity.import", "activity", out.new_entries as i64).after(
                    serde_json::json!({
                        "from": label,
                        "new_commits": out.new_commits,
                        "new_entries": out.new_entries,
                        "credited": out.credited,
                    }),
                ),
            ],
        )
        .await?;
        Ok(out)
    }
}
