//! Work that runs on its own inside `agora serve`: governance deadlines (closing, automatic acceptance,
//! reminders) and email delivery from the outbox.
//!
//! Several instances may share one PostgreSQL database. Each job runs under a lease in the database, so
//! one instance at a time does it; if that instance dies its lease expires and another takes over. The
//! steps are idempotent besides (conditional updates), so an overlap at lease expiry does no harm.

use agora_store::{format_time, GovernanceReport, Store};
use chrono::{DateTime, Utc};
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The time as Agora sees it. Production reads the system clock; tests move it forward to reach a
/// closing time without waiting for it.
#[derive(Debug, Default)]
pub struct Clock {
    offset_ms: AtomicI64,
}

impl Clock {
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + chrono::Duration::milliseconds(self.offset_ms.load(Ordering::Relaxed))
    }

    pub fn advance(&self, by: chrono::Duration) {
        self.offset_ms
            .fetch_add(by.num_milliseconds(), Ordering::Relaxed);
    }
}

/// How TLS is used on the SMTP connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpTls {
    /// Plain SMTP (a relay on localhost, or tests).
    None,
    /// STARTTLS, required (port 587).
    StartTls,
    /// Implicit TLS (port 465).
    Tls,
}

impl SmtpTls {
    pub fn parse(s: &str) -> Result<Self, String> {
        match s {
            "none" => Ok(Self::None),
            "starttls" => Ok(Self::StartTls),
            "tls" => Ok(Self::Tls),
            _ => Err(format!(
                "unknown SMTP TLS mode {s:?}: use none, starttls or tls"
            )),
        }
    }
}

#[derive(Clone)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender address of every message, e.g. `Agora <agora@openedx.example>`.
    pub from: String,
    /// First retry delay; each failure doubles it, up to an hour.
    pub retry_base: Duration,
}

// The password must never reach a log line.
impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "<redacted>"))
            .field("from", &self.from)
            .finish()
    }
}

fn holder() -> String {
    let mut b = [0u8; 8];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut b);
    format!("{}-{}", std::process::id(), hex::encode(b))
}

/// Runs `job` every `interval` on the one instance holding the named lease. The lease outlives a few
/// missed ticks, so a slow run keeps it, and a dead holder's lease simply expires.
fn every_under_lease<F, Fut>(
    name: &'static str,
    store: Store,
    clock: Arc<Clock>,
    (interval, lease): (Duration, Duration),
    mut job: F,
) -> tokio::task::JoinHandle<()>
where
    F: FnMut(DateTime<Utc>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    let me = holder();
    let lease = chrono::Duration::from_std(lease).unwrap_or_else(|_| chrono::Duration::minutes(5));
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(interval).await;
            let now = clock.now();
            match store.try_lease(name, &me, lease, now).await {
                Ok(true) => job(now).await,
                Ok(false) => {}
                Err(e) => tracing::warn!(error = %e, lease = name, "lease failed"),
            }
        }
    })
}

/// Runs the governance jobs every `interval` under the `governance` lease.
pub fn spawn_governance(
    store: Store,
    clock: Arc<Clock>,
    interval: Duration,
) -> tokio::task::JoinHandle<()> {
    let jobs = store.clone();
    every_under_lease(
        "governance",
        store,
        clock,
        (interval, interval * 5),
        move |now| {
            let store = jobs.clone();
            async move {
                match store.run_governance_jobs(now).await {
                    Ok(r) if r != GovernanceReport::default() => {
                        tracing::info!(?r, "governance jobs ran")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::warn!(error = %e, "governance jobs failed"),
                }
            }
        },
    )
}

/// What the mailer needs on every run.
struct Mailer {
    store: Store,
    clock: Arc<Clock>,
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    site: String,
    retry_base: chrono::Duration,
}

/// Delivers the outbox over SMTP every `interval` under the `mailer` lease. A message that fails stays
/// queued and is tried again later with a doubling delay, so an SMTP outage loses nothing.
pub fn spawn_mailer(
    store: Store,
    clock: Arc<Clock>,
    smtp: SmtpConfig,
    interval: Duration,
    public_url: String,
) -> anyhow::Result<tokio::task::JoinHandle<()>> {
    let mailer = Arc::new(Mailer {
        transport: transport(&smtp)?,
        from: smtp
            .from
            .parse()
            .map_err(|e| anyhow::anyhow!("AGORA_SMTP_FROM {:?}: {e}", smtp.from))?,
        site: public_url.trim_end_matches('/').to_string(),
        retry_base: chrono::Duration::from_std(smtp.retry_base)
            .unwrap_or_else(|_| chrono::Duration::seconds(30)),
        store: store.clone(),
        clock: clock.clone(),
    });
    let lease = interval * 5 + Duration::from_secs(60);
    Ok(every_under_lease(
        "mailer",
        store,
        clock,
        (interval, lease),
        move |_| {
            let m = mailer.clone();
            async move {
                if let Err(e) = deliver(&m).await {
                    tracing::warn!(error = %e, "outbox delivery failed");
                }
            }
        },
    ))
}

fn transport(smtp: &SmtpConfig) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let tls = |required: bool| -> anyhow::Result<Tls> {
        let p = TlsParameters::new(smtp.host.clone())?;
        Ok(if required {
            Tls::Required(p)
        } else {
            Tls::Wrapper(p)
        })
    };
    let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&smtp.host)
        .port(smtp.port)
        .timeout(Some(Duration::from_secs(20)))
        .tls(match smtp.tls {
            SmtpTls::None => Tls::None,
            SmtpTls::StartTls => tls(true)?,
            SmtpTls::Tls => tls(false)?,
        });
    if let (Some(u), Some(p)) = (&smtp.username, &smtp.password) {
        b = b.credentials(Credentials::new(u.clone(), p.clone()));
    }
    Ok(b.build())
}

async fn deliver(m: &Mailer) -> anyhow::Result<()> {
    let Mailer {
        store,
        clock,
        transport,
        from,
        site,
        retry_base,
    } = m;
    loop {
        let batch = store.outbox_due(&format_time(clock.now()), 50).await?;
        if batch.is_empty() {
            return Ok(());
        }
        for mail in &batch {
            let body = mail.body.replace(agora_store::SITE, site);
            let sent = match build(from, &mail.to_address, &mail.subject, &body) {
                Ok(msg) => transport
                    .send(msg)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match sent {
                Ok(()) => {
                    store
                        .outbox_mark_sent(mail.id, &format_time(clock.now()))
                        .await?;
                    metrics::counter!("agora_emails_sent_total").increment(1);
                }
                Err(e) => {
                    let (attempts, delay) = store
                        .outbox_mark_failed(mail.id, &e, clock.now(), *retry_base)
                        .await?;
                    metrics::counter!("agora_email_failures_total").increment(1);
                    // The server is likely down: stop this round instead of failing every message.
                    tracing::warn!(id = mail.id, attempts, retry_in_s = delay.num_seconds(), error = %e, "email not sent");
                    return Ok(());
                }
            }
        }
    }
}

fn build(from: &Mailbox, to: &str, subject: &str, body: &str) -> Result<Message, String> {
    let to: Mailbox = to.parse().map_err(|e| format!("bad recipient: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_string())
        .map_err(|e| e.to_string())
}
