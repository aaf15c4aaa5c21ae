//! Fixed-window counters kept in the database, so every instance counts the same attempts.

use crate::{Result, Store};

impl Store {
    /// Counts one attempt under `key` and returns how many the current window holds.
    pub async fn hit_rate_limit(&self, key: &str, window_secs: i64) -> Result<i64> {
        let now = chrono::Utc::now().timestamp();
        let count: i64 = sqlx::query_scalar(
            "INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1) \
             ON CONFLICT (key) DO UPDATE SET \
             count = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.count + 1 END, \
             window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END \
             RETURNING count",
        )
        .bind(key)
        .bind(now)
        .bind(now - window_secs)
        .fetch_one(&self.pool)
        .await?;
        Ok(count)
    }

    pub async fn clear_rate_limit(&self, key: &str) -> Result<()> {
        sqlx::query("DELETE FROM rate_limits WHERE key = $1")
            .bind(key)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
