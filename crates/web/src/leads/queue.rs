//! Lead intake with group commit, and the scheduled lead jobs.
//!
//! Every submission goes through one writer task per instance: it takes whatever requests are waiting,
//! commits them in one transaction (one fsync for the whole batch) and only then answers each submitter.
//! Under load, batches grow on their own; a lone request is committed at once.

use agora_store::{Intake, Store, StoreError, Submission};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot, Notify};

/// Largest batch committed in one transaction.
const MAX_BATCH: usize = 256;

type Reply = oneshot::Sender<Result<Intake, Arc<StoreError>>>;

#[derive(Clone)]
pub struct IntakeQueue {
    tx: mpsc::Sender<(Submission, Reply)>,
    /// Wakes the lead jobs so that a new lead is offered within moments, not at the next tick.
    pub wake_jobs: Arc<Notify>,
}

#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error(transparent)]
    Store(Arc<StoreError>),
    #[error("the intake writer stopped")]
    Stopped,
}

impl IntakeQueue {
    pub fn start(store: Store) -> Self {
        let (tx, mut rx) = mpsc::channel::<(Submission, Reply)>(4 * MAX_BATCH);
        let wake_jobs = Arc::new(Notify::new());
        let wake = wake_jobs.clone();
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(MAX_BATCH);
            while let Some(first) = rx.recv().await {
                batch.push(first);
                while batch.len() < MAX_BATCH {
                    match rx.try_recv() {
                        Ok(next) => batch.push(next),
                        Err(_) => break,
                    }
                }
                let subs: Vec<Submission> = batch.iter().map(|(s, _)| s.clone()).collect();
                metrics::histogram!("agora_intake_batch_size").record(subs.len() as f64);
                match store.submit_leads(&subs).await {
                    Ok(results) => {
                        for ((_, reply), r) in batch.drain(..).zip(results) {
                            let _ = reply.send(r.map_err(Arc::new));
                        }
                        wake.notify_one();
                    }
                    Err(e) => {
                        tracing::error!(error = %e, batch = subs.len(), "intake batch failed");
                        let e = Arc::new(e);
                        for (_, reply) in batch.drain(..) {
                            let _ = reply.send(Err(e.clone()));
                        }
                    }
                }
            }
        });
        Self { tx, wake_jobs }
    }

    /// Returns once the lead is committed (or refused).
    pub async fn submit(&self, s: Submission) -> Result<Intake, IntakeError> {
        let (reply, answer) = oneshot::channel();
        self.tx
            .send((s, reply))
            .await
            .map_err(|_| IntakeError::Stopped)?;
        answer
            .await
            .map_err(|_| IntakeError::Stopped)?
            .map_err(IntakeError::Store)
    }
}

/// The lead jobs (allocation, offer expiry, reminders, retention), woken early by new leads. Each step
/// also runs under the store's leads lock, so an overlap at a lease's expiry does no harm.
pub fn job(
    store: Store,
    wake: Arc<Notify>,
    every: Duration,
    retention_days: Option<u32>,
) -> crate::jobs::Job {
    crate::jobs::Job::new("leads", every, move |now| {
        let store = store.clone();
        async move {
            Ok(crate::jobs::summary(
                store.run_lead_jobs(now, retention_days).await?,
            ))
        }
    })
    .woken_by(wake)
}
