//! Agora's web layer: server-rendered HTML pages, the JSON API under `/api/v1`, authentication,
//! sessions, CSRF, rate limits, security headers, metrics and the public-page cache.
//!
//! Handlers are thin: they parse input into domain types, ask the permission module, call the store,
//! and render. `Application::build` is what both `agora serve` and the tests start.

// Programs: one folder each, registered in `routes::programs`.
pub mod accounts;
pub mod benefits;
pub mod events;
pub mod governance;
pub mod groups;
pub mod leads;
pub mod notifications;
pub mod obligations;
pub mod partners;
pub mod partnerships;
pub mod recognition;

// Shared kernels.
pub mod activity;
pub mod admin;
pub mod api;
pub mod atom;
pub mod auth;
pub mod cache;
pub mod client_address;
pub mod config;
pub mod contributions;
pub mod courses;
pub mod error;
pub mod forms;
pub mod i18n;
pub mod jobs;
pub mod limits;
pub mod middleware;
pub mod reads;
pub mod redirect;
pub mod routes;
pub mod scheduler;
pub mod tasks;
pub mod views;

pub use config::Config;

use agora_store::Store;
use anyhow::Context;
use axum::Router;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::net::SocketAddr;
use std::sync::{Arc, OnceLock};
use tokio::net::TcpListener;

/// What every handler shares. One `Arc`: the layers clone the state for every request, and one
/// reference count is cheaper than one per field.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl std::ops::Deref for AppState {
    type Target = Shared;
    fn deref(&self) -> &Shared {
        &self.0
    }
}

pub struct Shared {
    pub store: Store,
    pub config: Arc<Config>,
    /// Signs CSRF tokens; shared by all instances through the database.
    pub secret: Arc<secrecy::SecretSlice<u8>>,
    pub cache: Arc<cache::PageCache>,
    pub metrics: PrometheusHandle,
    pub intake: leads::queue::IntakeQueue,
    pub clock: Arc<scheduler::Clock>,
    /// Rate-limit counters (in memory, shared through the database in batches).
    pub limits: Arc<limits::Limiter>,
    /// The jobs this instance runs (the job page lists them even before their first run).
    pub job_names: Vec<&'static str>,
    /// Reads shared between requests while nothing changed (a group's page).
    pub reads: reads::Reads,
}

/// Every background job of the application, one registration each; an interval of zero leaves a job
/// to other instances.
pub fn jobs(
    config: &Config,
    store: &Store,
    intake: &leads::queue::IntakeQueue,
    clock: &Arc<scheduler::Clock>,
) -> anyhow::Result<jobs::Jobs> {
    let mut jobs = jobs::Jobs::default();
    if !config.lead_jobs_interval.is_zero() {
        jobs.add(leads::queue::job(
            store.clone(),
            intake.wake_jobs.clone(),
            config.lead_jobs_interval,
            config.lead_retention_days,
        ));
    }
    if !config.governance_jobs_interval.is_zero() {
        jobs.add(scheduler::governance_job(
            store.clone(),
            config.governance_jobs_interval,
        ));
        jobs.add(groups::job(store.clone(), groups::ROTATION_EVERY));
        jobs.add(notifications::job(
            store.clone(),
            notifications::DIGESTS_EVERY,
        ));
        jobs.add(contributions::compliance::reminders_job(
            store.clone(),
            contributions::compliance::REMINDERS_EVERY,
        ));
        jobs.add(recognition::program::warnings_job(
            store.clone(),
            recognition::program::WARNINGS_EVERY,
        ));
    }
    if let Some(smtp) = &config.smtp {
        jobs.add(
            scheduler::mailer_job(
                store.clone(),
                clock.clone(),
                smtp.clone(),
                config.mail_interval,
                config.public_url.clone(),
            )
            .context("configuring SMTP")?,
        );
    }
    if !config.cleanup_interval.is_zero() {
        jobs.add(jobs::cleanup_job(store.clone(), config.cleanup_interval));
    }
    Ok(jobs)
}

fn metrics_handle() -> PrometheusHandle {
    // The recorder is process-wide; tests start many applications in one process.
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE
        .get_or_init(|| {
            PrometheusBuilder::new()
                .install_recorder()
                .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder().handle())
        })
        .clone()
}

pub fn router(state: AppState) -> Router {
    routes::router(state)
}

pub struct Application {
    listener: TcpListener,
    router: Router,
    port: u16,
    jobs: Vec<tokio::task::JoinHandle<()>>,
    clock: Arc<scheduler::Clock>,
    limits: Arc<limits::Limiter>,
}

impl Application {
    /// Binds the configured address (port 0 picks a free one) over an already migrated store.
    pub async fn build(config: Config, store: Store) -> anyhow::Result<Self> {
        i18n::install_mail_renderer();
        let secret = store
            .signing_secret()
            .await
            .context("reading the signing secret (run `agora migrate`?)")?;
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("binding {}", config.bind))?;
        let port = listener.local_addr()?.port();
        let intake = leads::queue::IntakeQueue::start(store.clone());
        // One clock for the application: the store stamps its times with the same one.
        let clock = store.clock();
        let limits = Arc::new(limits::Limiter::new(store.clone(), clock.clone()));
        let runner = jobs(&config, &store, &intake, &clock)?;
        let job_names = runner.names();
        let mut jobs = runner.start(store.clone(), clock.clone());
        // Every instance adds its own rate-limit counts: not a leased job.
        jobs.push(limits.clone().spawn(config.rate_limit_flush_interval));
        let state = AppState(Arc::new(Shared {
            intake,
            store,
            cache: Arc::new(cache::PageCache::new(
                config.cache_check_interval,
                config.page_cache_bytes,
            )),
            config: Arc::new(config),
            secret: Arc::new(secret.into()),
            metrics: metrics_handle(),
            clock: clock.clone(),
            limits: limits.clone(),
            job_names,
            reads: Default::default(),
        }));
        Ok(Self {
            listener,
            router: router(state),
            port,
            jobs,
            clock,
            limits,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The application's clock, which tests move forward to reach deadlines.
    pub fn clock(&self) -> Arc<scheduler::Clock> {
        self.clock.clone()
    }

    /// Serves until `shutdown` resolves, then finishes in-flight requests.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let served = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await;
        for j in self.jobs {
            j.abort();
        }
        // What this instance counted since the last flush is not dropped at a restart.
        if let Err(e) = self.limits.flush().await {
            tracing::warn!(error = %e, "final rate-limit flush failed");
        }
        served
    }
}
