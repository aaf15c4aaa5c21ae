//! The job runner's shared state: a lease per job, so that one instance at a time runs it (a dead
//! holder's lease expires), and the record of each job's last run, which every instance reads.

use crate::{format_time, Result, Store};
use chrono::{DateTime, Duration, Utc};
use sqlx::Row;

/// A job's last run as recorded by whichever instance ran it.
#[derive(Debug, Clone, PartialEq)]
pub struct JobRun {
    pub name: String,
    pub holder: String,
    pub lease_expires_at: Option<DateTime<Utc>>,
    pub last_started_at: Option<DateTime<Utc>>,
    pub last_finished_at: Option<DateTime<Utc>>,
    pub last_duration_ms: Option<i64>,
    /// What the last successful run did, in a few words ("2 leads allocated"); empty when nothing.
    pub last_outcome: Option<String>,
    /// The error of the last run, when it failed; cleared by the next success.
    pub last_error: Option<String>,
    pub last_success_at: Option<DateTime<Utc>>,
    pub runs: i64,
    pub failures: i64,
}

impl Store {
    /// Takes (or renews) the named lease for `ttl`; `false` while another instance holds it.
    pub async fn try_lease(
        &self,
        name: &str,
        holder: &str,
        ttl: Duration,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let at = format_time(now);
        let until = format_time(now + ttl);
        let mut tx = self.bookkeeping(None).await?;
        sqlx::query(
            "INSERT INTO job_leases (name, holder, expires_at) SELECT $1, '', $2 \
             WHERE NOT EXISTS (SELECT 1 FROM job_leases WHERE name = $1)",
        )
        .bind(name)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
        let n = sqlx::query(
            "UPDATE job_leases SET holder = $1, expires_at = $2 WHERE name = $3 AND (holder = $1 OR expires_at <= $4)",
        )
        .bind(holder)
        .bind(&until)
        .bind(name)
        .bind(&at)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit_unaudited().await?;
        Ok(n == 1)
    }

    /// Lets go of a lease this holder has, keeping the job's record of runs.
    pub async fn release_lease(&self, name: &str, holder: &str) -> Result<()> {
        sqlx::query(
            "UPDATE job_leases SET holder = '', expires_at = '1970-01-01T00:00:00.000Z' WHERE name = $1 AND holder = $2",
        )
        .bind(name)
        .bind(holder)
        .execute(self.bookkeeping_pool())
        .await?;
        Ok(())
    }

    /// Records a run of a job: its times, and its outcome or error.
    pub async fn record_job_run(
        &self,
        name: &str,
        started: DateTime<Utc>,
        finished: DateTime<Utc>,
        outcome: std::result::Result<&str, &str>,
    ) -> Result<()> {
        let ms = (finished - started).num_milliseconds();
        let (ok, error) = match outcome {
            Ok(o) => (Some(o), None),
            Err(e) => (None, Some(e)),
        };
        sqlx::query(
            "UPDATE job_leases SET last_started_at = $1, last_finished_at = $2, last_duration_ms = $3, \
             last_outcome = CASE WHEN $4 IS NULL THEN last_outcome ELSE $4 END, last_error = $5, \
             last_success_at = CASE WHEN $5 IS NULL THEN $2 ELSE last_success_at END, \
             runs = runs + 1, failures = failures + CASE WHEN $5 IS NULL THEN 0 ELSE 1 END WHERE name = $6",
        )
        .bind(format_time(started))
        .bind(format_time(finished))
        .bind(ms)
        .bind(ok)
        .bind(error)
        .bind(name)
        .execute(self.bookkeeping_pool())
        .await?;
        Ok(())
    }

    /// Every job that has run (or taken its lease) on any instance, by name.
    pub async fn job_runs(&self) -> Result<Vec<JobRun>> {
        let rows = sqlx::query(
            "SELECT name, holder, expires_at, last_started_at, last_finished_at, last_duration_ms, \
             last_outcome, last_error, last_success_at, runs, failures FROM job_leases ORDER BY name",
        )
        .fetch_all(&self.reader)
        .await?;
        let time = |r, c| crate::get_opt_time(r, "job_leases", c);
        rows.iter()
            .map(|r| {
                Ok(JobRun {
                    name: r.try_get("name")?,
                    holder: r.try_get("holder")?,
                    lease_expires_at: time(r, "expires_at")?,
                    last_started_at: time(r, "last_started_at")?,
                    last_finished_at: time(r, "last_finished_at")?,
                    last_duration_ms: r.try_get("last_duration_ms")?,
                    last_outcome: r.try_get("last_outcome")?,
                    last_error: r.try_get("last_error")?,
                    last_success_at: time(r, "last_success_at")?,
                    runs: r.try_get("runs")?,
                    failures: r.try_get("failures")?,
                })
            })
            .collect()
    }
}
