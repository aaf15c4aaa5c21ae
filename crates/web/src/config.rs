//! Typed configuration of the web server. Every value has a default that works on a laptop; production
//! sets `AGORA_PUBLIC_URL` to an https URL, which turns on secure cookies and HSTS.

use std::net::SocketAddr;
use std::time::Duration;

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: SocketAddr,
    /// The address people reach Agora at: used in emailed links and the embeddable badge snippet.
    pub public_url: String,
    pub session_idle: Duration,
    pub session_absolute: Duration,
    /// Whether to trust `X-Forwarded-For` from a reverse proxy for the client address (rate limits).
    pub trust_proxy: bool,
    /// How many reverse proxies stand in front of Agora (with `trust_proxy`): the client address is the
    /// one this many entries from the right of `X-Forwarded-For` (see `client_address`).
    pub trusted_proxies: usize,
    /// How long an instance may serve a cached public page before checking the shared directory version.
    pub cache_check_interval: Duration,
    /// The most bytes of rendered public pages this instance keeps.
    pub page_cache_bytes: u64,
    pub max_body_bytes: usize,
    /// The largest tracking log or enrolled-students file a plan's page accepts (streamed to a
    /// temporary file, never held in memory).
    pub max_log_upload_bytes: usize,
    pub login_attempts_per_account: i64,
    pub login_attempts_per_ip: i64,
    /// How often this instance adds its rate-limit counts to the shared counters (see `limits`).
    pub rate_limit_flush_interval: Duration,
    /// When set, `/metrics` requires this bearer token.
    pub metrics_token: Option<secrecy::SecretString>,
    /// How often the lead jobs (allocation, SLA expiry, reminders, retention) run; zero turns them off
    /// on this instance (another instance, or `agora leads run-jobs`, then runs them).
    pub lead_jobs_interval: Duration,
    /// Personal data of leads older than this many days is anonymised; `None` keeps it.
    pub lead_retention_days: Option<u32>,
    /// Anonymous lead submissions allowed per IP address and hour. Requests with an API token (the
    /// public website forwarding its visitors' requests) are not limited by IP.
    pub lead_submissions_per_ip_hour: i64,
    /// Lead submissions per hour by a signed-in person through the pages (counted per account).
    pub lead_submissions_per_account_hour: i64,
    /// Lead submissions per hour with one API token: a website forwarding its visitors' requests
    /// sends many, so its limit is higher, but a leaked token cannot flood the partners.
    pub lead_submissions_per_token_hour: i64,
    /// Proposals and votes one account may open in the all-members body per 24 hours (each emails
    /// every account holder).
    pub proposals_per_account_day: i64,
    /// How often governance deadlines are checked (closing, automatic acceptance, reminders); zero turns
    /// them off on this instance.
    pub governance_jobs_interval: Duration,
    /// Where the outbox is delivered. Without it, email waits in the outbox (visible to admins).
    pub smtp: Option<crate::scheduler::SmtpConfig>,
    /// How often the outbox is drained.
    pub mail_interval: Duration,
    /// How often expired sessions, one-time links and rate-limit windows are removed; zero turns it
    /// off on this instance.
    pub cleanup_interval: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: "http://127.0.0.1:8080".into(),
            session_idle: Duration::from_secs(30 * 60),
            session_absolute: Duration::from_secs(12 * 3600),
            trust_proxy: false,
            trusted_proxies: 1,
            cache_check_interval: Duration::from_millis(1000),
            page_cache_bytes: 64 * 1024 * 1024,
            max_body_bytes: 2 * 1024 * 1024,
            max_log_upload_bytes: 2048 * 1024 * 1024,
            login_attempts_per_account: 10,
            login_attempts_per_ip: 50,
            rate_limit_flush_interval: Duration::from_millis(500),
            metrics_token: None,
            lead_jobs_interval: Duration::from_secs(60),
            lead_retention_days: Some(730),
            lead_submissions_per_ip_hour: 20,
            lead_submissions_per_account_hour: 20,
            lead_submissions_per_token_hour: 1000,
            proposals_per_account_day: 5,
            governance_jobs_interval: Duration::from_secs(30),
            smtp: None,
            mail_interval: Duration::from_secs(5),
            cleanup_interval: Duration::from_secs(3600),
        }
    }
}

impl Config {
    /// Cookies are marked Secure (and get the `__Host-` prefix) when Agora is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.public_url.trim_end_matches('/'), path)
    }
}
