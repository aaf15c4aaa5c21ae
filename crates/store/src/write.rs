//! The only two ways to change the database.
//!
//! - [`Store::write`] opens a [`WriteTx`]: a change of state made by someone (a person, an anonymous
//!   visitor, or the system acting on the application's rules). It commits only through
//!   [`WriteTx::commit`], which takes who acted and the audit events and writes them in the same
//!   transaction; an empty list of events is refused and rolls the change back. A change without an
//!   audit entry therefore cannot be committed. Helpers that write part of a change stage their event
//!   with [`WriteTx::audit`]; the commit writes it with the others.
//! - [`Store::bookkeeping`] (a transaction, committed by `commit_unaudited`) and
//!   [`Store::bookkeeping_pool`] (one statement) are for writes that are not anyone's change of state,
//!   and are never audited. Exactly these use them (a test holds the code to this list):
//!   - the schema and what the first migration seeds: `run` (migrations), `ensure_secret`,
//!     `ensure_bodies`, `ensure_recognition_categories` (the seed document's categories), `ensure_learner_key` (the key of learner pseudonyms); and the database administration of tests and benchmarks:
//!     `admin_database`, `backup_sqlite`;
//!   - sessions: `create_session` (the sign-in itself is audited by the caller with
//!     `Store::record`), `touch_session`, `delete_session`, `purge_expired` (with expired one-time
//!     links);
//!   - an API token's "last used" stamp: `api_token_person`;
//!   - one-time links asked for by a visitor, with their e-mail: `create_one_time_token`,
//!     `request_password_reset`, and a visitor's request to attend an event as a guest,
//!     `ask_guest_registration` (no one's state changes until the link is used; its use is audited);
//!   - rate-limit counters: `flush_rate_limits`, `purge_rate_limits`;
//!   - the job runner's leases and run records: `try_lease`, `release_lease`, `record_job_run`;
//!   - mail delivery: `queue_email` (a mail that is not part of an audited change),
//!     `outbox_mark_sent`, `outbox_mark_failed`;
//!   - reminders, which change no decision or offer, only which reminders went out:
//!     `send_closing_reminders`, `send_review_reminders`, `remind_overdue`,
//!     `send_obligation_reminders`, `send_recognition_warnings` (the month-9 and month-11 warnings
//!     before a Distinguished Contributor's annual evaluation);
//!   - digests, which send mail kept (in audited changes) for a person's daily or weekly digest:
//!     `send_digest`;
//!   - the record of who saw a lead's personal data, itself a log: `log_lead_view`; and of who
//!     opened an item of the training library: `log_training_open`;
//!   - test support: `tamper_audit_entry_for_tests`, `execute_for_test`,
//!     `ballots_in_storage_order`, `ballot_locks_held`.
//!
//! Writers of one kind that must take turns across processes (the leads desk, governance, migrations)
//! name a lock when they begin; the audit chain's own lock is taken at commit.

use crate::{Result, Store, StoreError, Who};
use agora_domain::audit::AuditEvent;
use sqlx::{AnyConnection, AnyPool};

type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// The writer connection's SQLite page cache (64 MiB) outside bulk writes.
pub(crate) const WRITER_PAGE_CACHE: &str = "PRAGMA cache_size = -65536";

/// The pool that writes. Only this module can begin a transaction on it, so every write goes
/// through a `WriteTx` or one of the named bookkeeping paths.
#[derive(Clone, Debug)]
pub(crate) struct Writer(AnyPool, std::sync::Arc<std::sync::atomic::AtomicU64>);

impl Writer {
    pub(crate) fn new(pool: AnyPool) -> Self {
        Self(pool, Default::default())
    }

    pub(crate) async fn close(&self) {
        self.0.close().await;
    }
}

/// A write transaction whose only commit writes its audit entries (see the module's documentation).
/// Dropping it rolls back. It dereferences to the connection, for queries: `.execute(&mut *tx)`.
pub(crate) struct WriteTx {
    tx: Tx,
    store: Store,
    staged: Vec<AuditEvent>,
}

/// A write transaction for bookkeeping that no one audits (see the module's documentation).
pub(crate) struct Bookkeeping {
    tx: Tx,
    clock: std::sync::Arc<crate::Clock>,
}

/// Either kind of write transaction, for helpers that write part of a change and stamp the time.
pub(crate) trait Conn: std::ops::DerefMut<Target = AnyConnection> + Send {
    /// Now as stored, by the store's clock.
    fn stamp(&self) -> String;
}

impl Conn for WriteTx {
    fn stamp(&self) -> String {
        self.store.stamp()
    }
}

impl Conn for Bookkeeping {
    fn stamp(&self) -> String {
        crate::format_time(self.clock.now())
    }
}

impl Store {
    /// Begins an audited write.
    pub(crate) async fn write(&self) -> Result<WriteTx> {
        Ok(WriteTx {
            tx: self.begin_tx().await?,
            store: self.clone(),
            staged: Vec::new(),
        })
    }

    /// Begins an audited write that takes turns with every other writer under `lock`.
    pub(crate) async fn write_locked(&self, lock: i64) -> Result<WriteTx> {
        let mut tx = self.write().await?;
        tx.lock(lock).await?;
        Ok(tx)
    }

    /// Begins an unaudited bookkeeping write, optionally under a lock.
    pub(crate) async fn bookkeeping(&self, lock: Option<i64>) -> Result<Bookkeeping> {
        let mut tx = self.begin_tx().await?;
        if let Some(key) = lock {
            self.dialect.lock(&mut tx, key).await?;
        }
        Ok(Bookkeeping {
            tx,
            clock: self.clock(),
        })
    }

    /// How many audited changes this process has committed: a page kept in memory for a few seconds
    /// is keyed by it, so that a change made here shows at once (other instances' changes show when
    /// such a page expires).
    pub fn local_writes(&self) -> u64 {
        self.writer.1.load(std::sync::atomic::Ordering::Acquire)
    }

    /// Counts a committed change in [`Store::local_writes`].
    pub(crate) fn count_write(&self) {
        self.writer
            .1
            .fetch_add(1, std::sync::atomic::Ordering::Release);
    }

    /// The sequence number of the last audited change, on any instance: every change of state is
    /// audited in its own transaction, so data read after this number is at least as new as it.
    pub async fn audit_seq(&self) -> Result<i64> {
        Ok(
            sqlx::query_scalar::<_, Option<i64>>("SELECT MAX(seq) FROM audit_log")
                .fetch_one(&self.reader)
                .await?
                .unwrap_or(0),
        )
    }

    /// The writing pool, for a single unaudited bookkeeping statement outside a transaction.
    pub(crate) fn bookkeeping_pool(&self) -> &AnyPool {
        &self.writer.0
    }

    /// Widens SQLite's page cache on the writer to 512 MiB for a bulk write (pages are only taken
    /// as they are used), so the transaction's pages stay in memory until its commit. PostgreSQL
    /// keeps its own buffers. Returns whether it changed, for `usual_page_cache` after the commit.
    pub(crate) async fn bulk_page_cache(&self, tx: &mut WriteTx) -> Result<bool> {
        if self.dialect != crate::Dialect::Sqlite {
            return Ok(false);
        }
        sqlx::query("PRAGMA cache_size = -524288")
            .execute(&mut *tx.tx)
            .await?;
        Ok(true)
    }

    /// Puts the writer's page cache back after `bulk_page_cache` (the transaction is over).
    pub(crate) async fn usual_page_cache(&self, changed: bool) -> Result<()> {
        if changed {
            sqlx::query(WRITER_PAGE_CACHE)
                .execute(&self.writer.0)
                .await?;
        }
        Ok(())
    }

    async fn begin_tx(&self) -> Result<Tx> {
        Ok(self.writer.0.begin_with(self.dialect.begin_write()).await?)
    }
}

impl WriteTx {
    /// Takes turns, from here to the commit, with every other writer under `key`.
    pub(crate) async fn lock(&mut self, key: i64) -> Result<()> {
        self.store.dialect.lock(&mut self.tx, key).await
    }

    /// Adds an event for the commit to record, for helpers that write part of a change.
    pub(crate) fn audit(&mut self, event: AuditEvent) {
        self.staged.push(event);
    }

    /// Whether a helper staged an event: a write that staged none and has none to give changed
    /// nothing, and is dropped (rolled back) instead of committed.
    pub(crate) fn has_events(&self) -> bool {
        !self.staged.is_empty()
    }

    /// Records the staged events and then `events`, all as done by `who`, and commits. With no event
    /// at all it commits nothing: the change is rolled back and `StoreError::Unaudited` returned.
    pub(crate) async fn commit(
        mut self,
        who: &Who,
        events: impl IntoIterator<Item = AuditEvent>,
    ) -> Result<()> {
        self.staged.extend(events);
        if self.staged.is_empty() {
            return Err(StoreError::Unaudited);
        }
        for event in std::mem::take(&mut self.staged) {
            crate::audit::append(&self.store, &mut self.tx, who, event).await?;
        }
        self.tx.commit().await?;
        self.store.count_write();
        Ok(())
    }
}

impl Bookkeeping {
    pub(crate) async fn commit_unaudited(self) -> Result<()> {
        self.tx.commit().await?;
        Ok(())
    }
}

/// Both transactions dereference to their connection, for queries: `.execute(&mut *tx)`.
macro_rules! deref_to_connection {
    ($($t:ty),+) => {$(
        impl std::ops::Deref for $t {
            type Target = AnyConnection;
            fn deref(&self) -> &AnyConnection {
                &self.tx
            }
        }

        impl std::ops::DerefMut for $t {
            fn deref_mut(&mut self) -> &mut AnyConnection {
                &mut self.tx
            }
        }
    )+};
}

deref_to_connection!(WriteTx, Bookkeeping);

#[cfg(test)]
mod tests {
    use std::path::Path;

    /// The functions that write without an audit entry (see the module's documentation). A new one is
    /// added here, with its reason in the module's list, or the test below fails.
    const BOOKKEEPING: &[&str] = &[
        "run",
        "ensure_secret",
        "ensure_bodies",
        "ensure_recognition_categories",
        "ensure_learner_key",
        "admin_database",
        "backup_sqlite",
        "create_session",
        "touch_session",
        "delete_session",
        "purge_expired",
        "api_token_person",
        "create_one_time_token",
        "request_password_reset",
        "ask_guest_registration",
        "flush_rate_limits",
        "purge_rate_limits",
        "try_lease",
        "release_lease",
        "record_job_run",
        "queue_email",
        "outbox_mark_sent",
        "outbox_mark_failed",
        "send_closing_reminders",
        "send_review_reminders",
        "remind_overdue",
        "send_obligation_reminders",
        "send_recognition_warnings",
        "send_digest",
        "log_lead_view",
        "log_training_open",
        "tamper_audit_entry_for_tests",
        "execute_for_test",
        "ballots_in_storage_order",
        "ballot_locks_held",
    ];

    /// Every function of the store that reaches a bookkeeping path, by name.
    fn bookkeepers(dir: &Path, out: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                bookkeepers(&path, out);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("write.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source");
            let mut current = String::new();
            for line in text.lines() {
                if let Some((_, rest)) = line.split_once("fn ") {
                    let name: String = rest
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if !name.is_empty() {
                        current = name;
                    }
                }
                if line.contains(".bookkeeping(") || line.contains(".bookkeeping_pool()") {
                    out.push(current.clone());
                }
            }
        }
    }

    #[test]
    fn only_the_listed_writes_skip_the_audit() {
        let mut found = vec![];
        bookkeepers(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut found,
        );
        found.sort();
        found.dedup();
        let mut listed: Vec<String> = BOOKKEEPING.iter().map(|s| s.to_string()).collect();
        listed.sort();
        assert_eq!(
            found, listed,
            "a write outside an audited WriteTx must be listed (with its reason) in write.rs"
        );
    }
}
