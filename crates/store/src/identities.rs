//! Identities and outside history (issue 12): entries of the activity ledger recorded under an
//! identity (a git author's address) and credited to whoever holds it. A person holds their account
//! address (verified once they accepted the invitation sent to it) and the identities merged into
//! them; an automatic merge happens only on such a verified address, every other candidate waits in
//! the queue for an admin.

use crate::sql::{BulkInsert, Col, Rows, Value};
use crate::{Result, Store, StoreError, Who};
use agora_domain::activity::{ActivityKind, ActivitySource, IdentityActivity};
use agora_domain::audit::AuditEvent;
use agora_domain::ValidationErrors;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Rows per INSERT (one JSON parameter each).
const BATCH: usize = 16384;

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
        // `append` checks every entry before writing any.
        let mut import = self.begin_outside_import().await?;
        import.append(entries).await?;
        import.finish(label, who).await
    }

    /// Begins an import of outside history written as it is read (`OutsideImportWriter::append`),
    /// in one transaction: `finish` commits it as one audited change; dropping the writer (the
    /// source turned out broken half-way) writes nothing.
    pub async fn begin_outside_import(&self) -> Result<OutsideImportWriter> {
        let mut tx = self.write().await?;
        // A whole history is written in one transaction: with SQLite's usual page cache its index
        // pages spill to the WAL mid-way and are read back (most of a 200,000-row import).
        let cache = self.bulk_page_cache(&mut tx).await?;
        let holders = self.identity_holders(&mut tx).await?;
        Ok(OutsideImportWriter {
            store: self.clone(),
            tx,
            cache,
            preparer: OutsidePreparer {
                holders: std::sync::Arc::new(holders),
                stamp: crate::format_time(self.now()),
                // Anyone can write any date into a commit: one from the future credits no one.
                latest: self.now() + chrono::Duration::days(1),
            // What a statement's rows share (their kind, the person credited, the source and
                // the time of the import) is bound once instead of unpacked from every row.
                    insert: BulkInsert::shared(
                    self.dialect(),
                    "activity (kind, person_id, source, recorded_at, source_id, occurred_at, detail, identity)",
                    &[Col::Text, Col::Int, Col::Text, Col::Text],
                    &[Col::Text, Col::Text, Col::Text, Col::Text],
                    "ON CONFLICT (source, source_id) DO NOTHING",
                ),
            },
            out: OutsideImport::default(),
        })
    }
}

/// An import of outside history under way (`Store::begin_outside_import`).
pub struct OutsideImportWriter {
    store: Store,
    tx: crate::write::WriteTx,
    cache: bool,
    preparer: OutsidePreparer,
    out: OutsideImport,
}

/// The pure half of an import's write: checks entries and turns them into the rows of its
/// statements, with no database at hand, so it can run on the thread that reads the source while
/// the database writes the previous batch.
#[derive(Clone)]
pub struct OutsidePreparer {
    holders: std::sync::Arc<HashMap<String, i64>>,
    stamp: String,
    latest: chrono::DateTime<chrono::Utc>,
    insert: BulkInsert,
}

/// A batch of entries ready to write: per statement, the values its rows share and the rows.
pub struct PreparedOutside(Vec<(Statement, Rows)>);

/// What a statement's rows share: their source, their kind and the person credited.
type Statement = (ActivitySource, ActivityKind, Option<i64>);

impl OutsidePreparer {
    /// Checks every entry (one bad entry refuses the batch: the caller drops the writer and
    /// nothing of the import is written) and groups them by statement.
    pub fn prepare(&self, entries: &[IdentityActivity]) -> Result<PreparedOutside> {
        // Each detail is serialized once: checked, then written.
        let details: Vec<String> = entries.iter().map(|e| e.detail.to_string()).collect();
        for (e, d) in entries.iter().zip(&details) {
            e.check_written(d).map_err(StoreError::Invalid)?;
        }
        // One statement per (source, kind, person credited): the values its rows share, and
        // its rows_affected counts one kind.
        let mut groups: BTreeMap<_, Vec<(&IdentityActivity, &str)>> = BTreeMap::new();
        for (e, detail) in entries.iter().zip(&details) {
            let person = if e.bot || e.occurred_at > self.latest {
                None
            } else {
                self.holders.get(&e.identity).copied()
            };
            groups
                .entry((e.source, e.kind, person))
                .or_default()
                .push((e, detail));
        }
        Ok(PreparedOutside(
            groups
                .into_iter()
                .map(|(key, mut group)| {
                    // In the order of the ledger's unique index: each insert lands beside the
                    // previous one instead of on a random page of it (commit ids are random hex).
                    group.sort_unstable_by(|a, b| a.0.source_id.cmp(&b.0.source_id));
                    let mut rows = self.insert.rows(BATCH);
                    for (e, detail) in &group {
                        rows.text(&e.source_id)
                            .text(&crate::format_time(e.occurred_at))
                            .text(detail)
                            .text(&e.identity);
                    }
                    (key, rows)
                })
                .collect(),
        ))
    }
}

impl OutsideImportWriter {
    /// What prepares batches for `write`, to hand to another thread.
    pub fn preparer(&self) -> OutsidePreparer {
        self.preparer.clone()
    }

    /// Checks and writes a batch of entries (`OutsidePreparer::prepare`, then `write`).
    pub async fn append(&mut self, entries: &[IdentityActivity]) -> Result<()> {
        let batch = self.preparer.prepare(entries)?;
        self.write(batch).await
    }

    /// Writes a prepared batch.
    pub async fn write(&mut self, batch: PreparedOutside) -> Result<()> {
        for ((source, kind, person), rows) in batch.0 {
            let shared = [
                Value::from(kind.slug()),
                Value::OptInt(person),
                Value::from(source.slug()),
                Value::from(&self.preparer.stamp),
            ];
            let n = self
                .preparer
                .insert
                .execute(&mut self.tx, rows, &shared)
                .await?;
            self.out.new_entries += n;
            if kind == ActivityKind::Commit {
                self.out.new_commits += n;
            }
            if person.is_some() {
                self.out.credited += n;
            }
        }
        Ok(())
    }

    /// Commits what was appended, as one audited change (nothing, and no audit entry, when
    /// nothing was new).
    pub async fn finish(self, label: &str, who: &Who) -> Result<OutsideImport> {
        if self.out.new_entries == 0 {
            self.abandon().await?;
            return Ok(OutsideImport::default());
        }
        let Self {
            store,
            tx,
            cache,
            out,
            ..
        } = self;
        let committed = tx
            .commit(
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
            .await;
        store.usual_page_cache(cache).await?;
        committed?;
        Ok(out)
    }

    /// Gives up: nothing of the import is written.
    pub async fn abandon(self) -> Result<()> {
        let Self {
            store, tx, cache, ..
        } = self;
        drop(tx);
        store.usual_page_cache(cache).await
    }
}

/// A proposed merge of an identity into a person, and what became of it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
pub struct IdentityCandidate {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub kind: agora_domain::recognition::identity::IdentityKind,
    pub value: String,
    /// The name the identity appears under (a commit's author name).
    pub display_name: String,
    pub reason: agora_domain::recognition::identity::MergeReason,
    /// pending, accepted, rejected (never proposed again) or undone.
    pub status: String,
    /// Ledger entries recorded under the identity.
    pub entries: i64,
}

impl Store {
    /// Proposes merges for identities no one holds yet (the domain's `candidate_reason`: a GitHub
    /// noreply address naming a login a person holds, or the same name). A pair proposed before,
    /// whatever became of it, is not proposed again (a rejection is a "never merge"). Returns how
    /// many were queued; one audited change when any.
    pub async fn queue_identity_candidates(&self, who: &Who) -> Result<u64> {
        use agora_domain::recognition::identity::{
            candidate_reason, Holder, Identity, IdentityKind, NeverMerge,
        };
        // Each identity no one holds, with the detail (name, bot) of its first entry.
        let unmatched: Vec<(String, String)> = sqlx::query_as(
            "SELECT a.identity, a.detail FROM activity a JOIN (SELECT MIN(id) AS first FROM activity \
             WHERE person_id IS NULL AND identity IS NOT NULL GROUP BY identity) f ON a.id = f.first",
        )
        .fetch_all(&self.reader)
        .await?;
        if unmatched.is_empty() {
            return Ok(0);
        }
        let people: Vec<(i64, String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, display_name, email, password_hash FROM people WHERE disabled_at IS NULL",
        )
        .fetch_all(&self.reader)
        .await?;
        let held: Vec<(i64, String, String, i64)> =
            sqlx::query_as("SELECT person_id, kind, value, verified FROM person_identities")
                .fetch_all(&self.reader)
                .await?;
        let proposed: Vec<(i64, String)> =
            sqlx::query_as("SELECT person_id, normalized FROM identity_candidates")
                .fetch_all(&self.reader)
                .await?;
        let mut never = NeverMerge::default();
        for (person, key) in &proposed {
            never.insert(&format!("person:{person}"), &format!("email:{key}"));
        }
        let holders: Vec<Holder> = people
            .iter()
            .map(|(id, name, email, hash)| {
                let mut identities = vec![Identity {
                    kind: IdentityKind::Email,
                    value: email.clone(),
                    verified: hash.is_some(),
                }];
                for (p, kind, value, verified) in &held {
                    if p == id {
                        if let Ok(kind) = IdentityKind::parse(kind) {
                            identities.push(Identity {
                                kind,
                                value: value.clone(),
                                verified: *verified != 0,
                            });
                        }
                    }
                }
                Holder {
                    key: format!("person:{id}"),
                    name: name.clone(),
                    bot: false,
                    identities,
                }
            })
            .collect();
        let mut queue = vec![];
        for (identity, detail) in &unmatched {
            let detail: serde_json::Value = crate::json_column("activity", "detail", detail)?;
            if detail["bot"].as_bool() == Some(true) {
                continue;
            }
            let name = detail["name"].as_str().unwrap_or_default().to_owned();
            let candidate = Holder {
                key: format!("email:{identity}"),
                name: name.clone(),
                bot: false,
                identities: vec![Identity {
                    kind: IdentityKind::Email,
                    value: identity.clone(),
                    verified: false,
                }],
            };
            for (h, (pid, ..)) in holders.iter().zip(&people) {
                if let Some(reason) = candidate_reason(&candidate, h, &never) {
                    queue.push((*pid, identity.clone(), name.clone(), reason));
                }
            }
        }
        if queue.is_empty() {
            return Ok(0);
        }
        let mut tx = self.write().await?;
        let stamp = self.stamp();
        let mut n = 0;
        for (person, identity, name, reason) in &queue {
            n += sqlx::query(
                "INSERT INTO identity_candidates (person_id, kind, normalized, value, display_name, reason, \
                 status, created_at) VALUES ($1, 'email', $2, $2, $3, $4, 'pending', $5) \
                 ON CONFLICT (person_id, kind, normalized) DO NOTHING",
            )
            .bind(person)
            .bind(identity)
            .bind(name)
            .bind(reason.slug())
            .bind(&stamp)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        if n == 0 {
            return Ok(0);
        }
        tx.commit(
            who,
            [
                AuditEvent::new("identity.candidates", "identity_candidates", n as i64)
                    .after(serde_json::json!({"queued": n})),
            ],
        )
        .await?;
        Ok(n)
    }

    /// The merge queue: pending first, then what was decided, newest first.
    pub async fn identity_candidates(&self) -> Result<Vec<IdentityCandidate>> {
        use agora_domain::recognition::identity::{IdentityKind, MergeReason};
        let t = "identity_candidates";
        let rows = sqlx::query(
            "SELECT c.id, c.person_id, p.display_name AS person_name, c.kind, c.value, c.display_name, \
             c.reason, c.status, (SELECT COUNT(*) FROM activity a WHERE a.identity = c.normalized) AS entries \
             FROM identity_candidates c JOIN people p ON p.id = c.person_id \
             ORDER BY CASE WHEN c.status = 'pending' THEN 0 ELSE 1 END, c.id DESC",
        )
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(IdentityCandidate {
                    id: crate::get(r, "id")?,
                    person_id: crate::get(r, "person_id")?,
                    person_name: crate::get(r, "person_name")?,
                    kind: crate::parse_column(
                        t,
                        "kind",
                        &crate::get::<String>(r, "kind")?,
                        IdentityKind::parse,
                    )?,
                    value: crate::get(r, "value")?,
                    display_name: crate::get(r, "display_name")?,
                    reason: crate::parse_column(
                        t,
                        "reason",
                        &crate::get::<String>(r, "reason")?,
                        MergeReason::parse,
                    )?,
                    status: crate::get(r, "status")?,
                    entries: crate::get(r, "entries")?,
                })
            })
            .collect()
    }

    /// An admin's answer to a proposed merge: accepting gives the identity to the person and
    /// credits them its unclaimed ledger entries; rejecting remembers the pair as never to merge;
    /// undoing an accepted merge takes the identity and the credit back. Audited.
    pub async fn decide_identity_candidate(&self, id: i64, action: &str, who: &Who) -> Result<()> {
        let mut tx = self.write().await?;
        let row: Option<(i64, String, String, String)> = sqlx::query_as(
            "SELECT person_id, normalized, value, status FROM identity_candidates WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?;
        let (person, key, value, status) = row.ok_or(StoreError::NotFound)?;
        let stamp = self.stamp();
        let (to, event, moved) = match (action, status.as_str()) {
            ("accept", "pending") => {
                sqlx::query(
                    "INSERT INTO person_identities (person_id, kind, normalized, value, verified, origin, \
                     candidate_id, created_at) VALUES ($1, 'email', $2, $3, 0, 'merge', $4, $5)",
                )
                .bind(person)
                .bind(&key)
                .bind(&value)
                .bind(id)
                .bind(&stamp)
                .execute(&mut *tx)
                .await
                .map_err(|e| {
                    if crate::is_unique_violation(&e) {
                        StoreError::Invalid(ValidationErrors::single("candidate", "identity-taken"))
                    } else {
                        e.into()
                    }
                })?;
                let moved = sqlx::query(
                    "UPDATE activity SET person_id = $1 WHERE identity = $2 AND person_id IS NULL",
                )
                .bind(person)
                .bind(&key)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                ("accepted", "identity.merge", moved)
            }
            ("reject", "pending") => ("rejected", "identity.never_merge", 0),
            ("undo", "accepted") => {
                sqlx::query("DELETE FROM person_identities WHERE candidate_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let moved = sqlx::query(
                    "UPDATE activity SET person_id = NULL WHERE identity = $1 AND person_id = $2",
                )
                .bind(&key)
                .bind(person)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                ("undone", "identity.unmerge", moved)
            }
            _ => return Err(ValidationErrors::single("candidate", "invalid-transition").into()),
        };
        sqlx::query(
            "UPDATE identity_candidates SET status = $1, decided_at = $2, decided_by = $3 WHERE id = $4",
        )
        .bind(to)
        .bind(&stamp)
        .bind(crate::shown_label(&who.label))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [
                AuditEvent::new(event, "identity_candidate", id).after(serde_json::json!({
                    "person_id": person, "identity": key, "entries": moved,
                })),
            ],
        )
        .await
    }
}
