//! Fresh databases for tests, on either backend. Shared by this crate's conformance suite and the web
//! crate's HTTP tests, so every suite runs the same way on SQLite and PostgreSQL.

use crate::{Result, Store, StoreError};
use std::sync::atomic::{AtomicU64, Ordering};

/// A migrated, empty database that lives as long as this value (SQLite: a temp dir; PostgreSQL: a
/// database created for it on the server named by `AGORA_TEST_POSTGRES_URL`).
pub struct TestDb {
    pub store: Store,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    /// PostgreSQL: the server's admin URL and this test's database, dropped with this value (a full
    /// run creates hundreds; left behind, they fill the disk).
    created: Option<(String, String)>,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.created.take() else {
            return;
        };
        // Drop cannot await: a short-lived runtime on its own thread does it.
        let done = std::thread::spawn(move || {
            let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            else {
                return;
            };
            rt.block_on(async {
                if let Ok(admin) = Store::connect(&admin_url, 1).await {
                    if let Err(e) = admin.drop_database(&name).await {
                        eprintln!("could not drop the test database {name}: {e}");
                    }
                    admin.close().await;
                }
            });
        });
        let _ = done.join();
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl TestDb {
    pub async fn sqlite() -> Result<Self> {
        let dir = tempfile::tempdir().map_err(|e| StoreError::Config(e.to_string()))?;
        let url = crate::sqlite_url(&dir.path().join("agora.db"));
        let store = Store::connect(&url, 8).await?;
        store.migrate().await?;
        Ok(Self {
            store,
            url,
            _dir: Some(dir),
            created: None,
        })
    }

    /// `None` when no PostgreSQL server was given and `AGORA_REQUIRE_POSTGRES` is not set.
    pub async fn postgres() -> Result<Option<Self>> {
        let Ok(admin_url) = std::env::var("AGORA_TEST_POSTGRES_URL") else {
            if std::env::var("AGORA_REQUIRE_POSTGRES").is_ok() {
                return Err(StoreError::Config(
                    "AGORA_REQUIRE_POSTGRES is set but AGORA_TEST_POSTGRES_URL is not".into(),
                ));
            }
            eprintln!(
                "skipping PostgreSQL: AGORA_TEST_POSTGRES_URL is not set (scripts/test sets it)"
            );
            return Ok(None);
        };
        static N: AtomicU64 = AtomicU64::new(0);
        let name = format!(
            "agora_test_{}_{}_{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed),
            chrono::Utc::now().timestamp_micros() % 1_000_000
        );
        let admin = Store::connect(&admin_url, 1).await?;
        admin.create_database(&name).await?;
        admin.close().await;
        let (base, _) = admin_url
            .rsplit_once('/')
            .ok_or_else(|| StoreError::Config("bad postgres url".into()))?;
        let url = format!("{base}/{name}");
        let db = Self {
            store: Store::connect(&url, 5).await?,
            url,
            _dir: None,
            created: Some((admin_url, name)),
        };
        db.store.migrate().await?;
        Ok(Some(db))
    }

    pub async fn new(backend: Backend) -> Result<Option<Self>> {
        match backend {
            Backend::Sqlite => Ok(Some(Self::sqlite().await?)),
            Backend::Postgres => Self::postgres().await,
        }
    }
}

impl Store {
    /// Runs one statement as it is: for tests that damage stored data on purpose.
    pub async fn execute_for_test(&self, sql: &str) -> Result<u64> {
        let n = sqlx::query(sql)
            .execute(self.bookkeeping_pool())
            .await?
            .rows_affected();
        // Pages that keep reads while nothing changed must see this change too.
        self.count_write();
        Ok(n)
    }

    /// A decision's ballot receipts in the order the database keeps the rows (SQLite's row ids,
    /// PostgreSQL's heap): what a copy of the database files or a dump would show.
    pub async fn ballots_in_storage_order(&self, decision_id: i64) -> Result<Vec<String>> {
        let order = match self.dialect {
            crate::Dialect::Sqlite => "rowid",
            crate::Dialect::Postgres => "ctid",
        };
        Ok(sqlx::query_scalar(&format!(
            "SELECT receipt FROM ballots WHERE decision_id = $1 ORDER BY {order}"
        ))
        .bind(decision_id)
        .fetch_all(self.bookkeeping_pool())
        .await?)
    }

    /// How many electorate rows of a decision still tie an elector to a secret receipt.
    pub async fn ballot_locks_held(&self, decision_id: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM decision_electorate WHERE decision_id = $1 AND ballot_lock IS NOT NULL",
        )
        .bind(decision_id)
        .fetch_one(self.bookkeeping_pool())
        .await?)
    }
}

impl Store {
    /// Makes a change and commits it without an audit event: for the test that such a commit is
    /// refused and leaves nothing behind.
    pub async fn unaudited_change_for_tests(&self) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("INSERT INTO settings (key, value) VALUES ('unaudited', 'x')")
            .execute(&mut *tx)
            .await?;
        tx.commit(&crate::Who::system(), []).await
    }
}
