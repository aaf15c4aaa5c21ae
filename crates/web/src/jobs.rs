//! The one job runner: background work of every program is registered here (see `Application::build`)
//! and started with the application.
//!
//! Several instances may share one database. Every job runs under a lease in the database, so one
//! instance at a time runs it; if that instance dies its lease expires and another takes over. Each run
//! is recorded in the database (start, duration, outcome or error), which `/admin/jobs` shows whichever
//! instance serves it, and counted in `/metrics`. The time a job is given comes from the app's `Clock`.

use crate::scheduler::Clock;
use agora_store::Store;
use chrono::{DateTime, Utc};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Notify;

/// What a run did, in a few words for the job page ("2 leads allocated"); empty when nothing.
pub type Outcome = anyhow::Result<String>;

/// A job's report as its outcome: empty when it did nothing (the default report).
pub fn summary<R: std::fmt::Debug + Default + PartialEq>(report: R) -> String {
    if report == R::default() {
        String::new()
    } else {
        format!("{report:?}")
    }
}

type RunFn =
    Arc<dyn Fn(DateTime<Utc>) -> Pin<Box<dyn Future<Output = Outcome> + Send>> + Send + Sync>;

/// A named piece of background work and how often it runs.
pub struct Job {
    pub name: &'static str,
    pub every: Duration,
    /// Something that asks for a run before `every` has passed (new leads to allocate).
    pub wake: Option<Arc<Notify>>,
    run: RunFn,
}

impl Job {
    pub fn new<F, Fut>(name: &'static str, every: Duration, run: F) -> Self
    where
        F: Fn(DateTime<Utc>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Outcome> + Send + 'static,
    {
        Self {
            name,
            every,
            wake: None,
            run: Arc::new(move |now| Box::pin(run(now))),
        }
    }

    pub fn woken_by(mut self, wake: Arc<Notify>) -> Self {
        self.wake = Some(wake);
        self
    }

    /// How long a holder keeps the lease without renewing it: long enough for a slow run, short
    /// enough that another instance takes over soon after a crash.
    fn lease(&self) -> chrono::Duration {
        chrono::Duration::from_std(self.every * 5 + Duration::from_secs(60))
            .unwrap_or_else(|_| chrono::Duration::minutes(10))
    }
}

/// The jobs of one application.
#[derive(Default)]
pub struct Jobs {
    jobs: Vec<Job>,
}

impl Jobs {
    pub fn add(&mut self, job: Job) {
        self.jobs.push(job);
    }

    pub fn names(&self) -> Vec<&'static str> {
        self.jobs.iter().map(|j| j.name).collect()
    }

    /// Starts every job on its own task; abort the handles to stop them.
    pub fn start(self, store: Store, clock: Arc<Clock>) -> Vec<tokio::task::JoinHandle<()>> {
        let me = holder();
        self.jobs
            .into_iter()
            .map(|job| {
                let (store, clock, me) = (store.clone(), clock.clone(), me.clone());
                tokio::spawn(async move {
                    loop {
                        match &job.wake {
                            Some(w) => {
                                tokio::select! {
                                    _ = tokio::time::sleep(job.every) => {}
                                    _ = w.notified() => {}
                                }
                            }
                            None => tokio::time::sleep(job.every).await,
                        }
                        run_once(&job, &store, &clock, &me).await;
                    }
                })
            })
            .collect()
    }
}

/// One turn of a job: take the lease, run, record. Returns whether it ran here.
async fn run_once(job: &Job, store: &Store, clock: &Clock, me: &str) -> bool {
    let now = clock.now();
    match store.try_lease(job.name, me, job.lease(), now).await {
        Ok(true) => {}
        Ok(false) => return false,
        Err(e) => {
            tracing::warn!(error = %e, job = job.name, "cannot take the job's lease");
            return false;
        }
    }
    let started = Instant::now();
    let result = (job.run)(now).await;
    let took = started.elapsed();
    let finished = now + chrono::Duration::from_std(took).unwrap_or_default();
    let outcome = result.map_err(|e| format!("{e:#}"));
    let label = if outcome.is_ok() { "ok" } else { "error" };
    metrics::counter!("agora_job_runs_total", "job" => job.name, "outcome" => label).increment(1);
    metrics::histogram!("agora_job_duration_seconds", "job" => job.name).record(took.as_secs_f64());
    match &outcome {
        Ok(o) if !o.is_empty() => tracing::info!(job = job.name, outcome = %o, "job ran"),
        Ok(_) => {}
        Err(e) => tracing::warn!(job = job.name, error = %e, "job failed"),
    }
    if outcome.is_ok() {
        metrics::gauge!("agora_job_last_success_timestamp_seconds", "job" => job.name)
            .set(finished.timestamp() as f64);
    }
    let outcome = outcome.as_deref().map_err(String::as_str);
    if let Err(e) = store.record_job_run(job.name, now, finished, outcome).await {
        tracing::warn!(error = %e, job = job.name, "cannot record the job's run");
    }
    true
}

fn holder() -> String {
    let mut b = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut b);
    format!("{}-{}", std::process::id(), hex::encode(b))
}

/// Runs every job once now, in order, as the runner would (lease, run, record), then lets go of the
/// leases: for tests and one-off runs, which must not wait for intervals. A job another
/// instance holds is skipped (`false`).
pub async fn run_all_once(jobs: &Jobs, store: &Store, clock: &Clock) -> Vec<(&'static str, bool)> {
    let me = holder();
    let mut ran = Vec::new();
    for job in &jobs.jobs {
        let here = run_once(job, store, clock, &me).await;
        if here {
            if let Err(e) = store.release_lease(job.name, &me).await {
                tracing::warn!(error = %e, job = job.name, "cannot release the job's lease");
            }
        }
        ran.push((job.name, here));
    }
    ran
}

/// Removes what has expired: sessions, one-time links, ended rate-limit windows.
pub fn cleanup_job(store: Store, every: Duration) -> Job {
    Job::new("cleanup", every, move |now| {
        let store = store.clone();
        async move {
            let tokens = store.purge_expired(now).await?;
            // No rate-limit window is longer than a day.
            let windows = store.purge_rate_limits(now.timestamp() - 86_400).await?;
            Ok(if tokens + windows == 0 {
                String::new()
            } else {
                format!("{tokens} expired sessions and links, {windows} rate-limit windows removed")
            })
        }
    })
}
