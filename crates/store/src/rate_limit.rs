//! Fixed-window counters kept in the database, so every instance counts the same attempts.
//!
//! Instances do not write one row per attempt: they count in memory and add their counts here in
//! batches (see `agora_web::limits`), so an attempt costs no write and no wait for SQLite's lock.

use crate::{Result, Store};

/// What one instance counted under `key` since its last flush.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateDelta {
    pub key: String,
    /// Start of the fixed window, in Unix seconds (windows are aligned, so instances agree on them).
    pub window_start: i64,
    pub delta: i64,
    /// The count was cleared (a successful sign-in): replace the stored count instead of adding to it.
    pub reset: bool,
}

impl Store {
    /// Adds each delta to its shared counter in one transaction and returns the counters' new totals,
    /// in the order given. A counter of an older window starts again from the delta.
    pub async fn flush_rate_limits(&self, deltas: &[RateDelta]) -> Result<Vec<i64>> {
        if deltas.is_empty() {
            return Ok(Vec::new());
        }
        let mut tx = self.bookkeeping(None).await?;
        let mut totals = Vec::with_capacity(deltas.len());
        for d in deltas {
            let count: i64 = sqlx::query_scalar(
                "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, $3) \
                 ON CONFLICT (key) DO UPDATE SET \
                 count = CASE WHEN rate_limits.window_start = $2 AND $4 = 0 \
                              THEN rate_limits.count + $3 ELSE $3 END, \
                 window_start = $2 \
                 RETURNING count",
            )
            .bind(&d.key)
            .bind(d.window_start)
            .bind(d.delta)
            .bind(i64::from(d.reset))
            .fetch_one(&mut *tx)
            .await?;
            totals.push(count);
        }
        tx.commit_unaudited().await?;
        Ok(totals)
    }

    /// The shared count under `key` in the window starting at `window_start` (0 if none yet).
    pub async fn rate_limit_count(&self, key: &str, window_start: i64) -> Result<i64> {
        let n: Option<i64> = sqlx::query_scalar(
            "SELECT count FROM rate_limits WHERE key = $1 AND window_start = $2",
        )
        .bind(key)
        .bind(window_start)
        .fetch_optional(&self.reader)
        .await?;
        Ok(n.unwrap_or(0))
    }

    /// Drops counters whose window ended before `before` (Unix seconds).
    pub async fn purge_rate_limits(&self, before: i64) -> Result<u64> {
        let r = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
            .bind(before)
            .execute(self.bookkeeping_pool())
            .await?;
        Ok(r.rows_affected())
    }
}
