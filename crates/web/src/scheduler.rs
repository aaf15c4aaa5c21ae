//! Two of the jobs the runner (`jobs`) runs: governance deadlines
//! (closing, automatic acceptance, reminders) and e-mail delivery from the outbox. Their steps are
//! idempotent (conditional updates), so an overlap at a lease's expiry does no harm.

use crate::jobs::Job;
use agora_store::Store;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;

/// The application's one clock is the store's: every time the store stamps and every "now" of a
/// page or job come from it, and tests move it forward to reach a deadline without waiting.
pub use agora_store::Clock;

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
    pub password: Option<secrecy::SecretString>,
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
            .field("password", &self.password)
            .field("from", &self.from)
            .finish()
    }
}

/// Governance deadlines: closing, automatic acceptance, reminders.
pub fn governance_job(store: Store, every: Duration) -> Job {
    Job::new("governance", every, move |now| {
        let store = store.clone();
        async move { Ok(crate::jobs::summary(store.run_governance_jobs(now).await?)) }
    })
}

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
/// Delivery of the outbox over SMTP.
pub fn mailer_job(
    store: Store,
    clock: Arc<Clock>,
    smtp: SmtpConfig,
    every: Duration,
    public_url: String,
) -> anyhow::Result<Job> {
    let mailer = Arc::new(Mailer {
        transport: transport(&smtp)?,
        from: smtp
            .from
            .parse()
            .map_err(|e| anyhow::anyhow!("AGORA_SMTP_FROM {:?}: {e}", smtp.from))?,
        site: public_url.trim_end_matches('/').to_string(),
        retry_base: chrono::Duration::from_std(smtp.retry_base)
            .unwrap_or_else(|_| chrono::Duration::seconds(30)),
        store,
        clock,
    });
    Ok(Job::new("mailer", every, move |_| {
        let m = mailer.clone();
        async move { deliver(&m).await }
    }))
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
        b = b.credentials(Credentials::new(
            u.clone(),
            secrecy::ExposeSecret::expose_secret(p).to_string(),
        ));
    }
    Ok(b.build())
}

/// Sends what is due; a failure leaves the message queued for its retry and fails the run, so that
/// `/admin/jobs` shows the mail server is unreachable.
async fn deliver(m: &Mailer) -> anyhow::Result<String> {
    let Mailer {
        store,
        clock,
        transport,
        from,
        site,
        retry_base,
    } = m;
    let mut sent_count = 0u64;
    loop {
        let batch = store.outbox_due(clock.now(), 50).await?;
        if batch.is_empty() {
            return Ok(if sent_count == 0 {
                String::new()
            } else {
                format!("{sent_count} sent")
            });
        }
        for mail in &batch {
            let body = mail.body.replace(agora_store::SITE, site);
            let unsubscribe = mail
                .unsubscribe_path
                .as_deref()
                .map(|path| format!("{}{path}", site.trim_end_matches('/')));
            let sent = match build(
                from,
                &mail.to_address,
                &mail.subject,
                &body,
                unsubscribe.as_deref(),
            ) {
                Ok(msg) => transport
                    .send(msg)
                    .await
                    .map(|_| ())
                    .map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match sent {
                Ok(()) => {
                    store.outbox_mark_sent(mail.id, clock.now()).await?;
                    metrics::counter!("agora_emails_sent_total").increment(1);
                    sent_count += 1;
                }
                Err(e) => {
                    let (attempts, delay) = store
                        .outbox_mark_failed(mail.id, &e, clock.now(), *retry_base)
                        .await?;
                    metrics::counter!("agora_email_failures_total").increment(1);
                    // The server is likely down: stop this round instead of failing every message.
                    tracing::warn!(id = mail.id, attempts, retry_in_s = delay.num_seconds(), error = %e, "email not sent");
                    anyhow::bail!("{sent_count} sent, then the mail server refused: {e}");
                }
            }
        }
    }
}

/// A plain-text message; with an unsubscribe address, the RFC 2369 and RFC 8058 headers that let a
/// mail client offer one-click unsubscribing.
fn build(
    from: &Mailbox,
    to: &str,
    subject: &str,
    body: &str,
    unsubscribe: Option<&str>,
) -> Result<Message, String> {
    let to: Mailbox = to.parse().map_err(|e| format!("bad recipient: {e}"))?;
    let mut b = Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .header(ContentType::TEXT_PLAIN);
    if let Some(url) = unsubscribe {
        b = b
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".into(),
            ));
    }
    b.body(body.to_string()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smtp_password_never_reaches_a_log_line() {
        let c = SmtpConfig {
            host: "smtp.example.org".into(),
            port: 587,
            tls: SmtpTls::StartTls,
            username: Some("agora".into()),
            password: Some("hunter2-s3cret".to_string().into()),
            from: "Agora <agora@example.org>".into(),
            retry_base: Duration::from_secs(30),
        };
        let shown = format!("{c:?}");
        assert!(!shown.contains("hunter2-s3cret"), "{shown}");
        assert!(shown.contains("smtp.example.org"));
    }

    #[test]
    fn a_mail_that_can_be_stopped_carries_one_click_unsubscribe_headers() {
        let from: Mailbox = "Agora <agora@example.org>".parse().expect("from");
        let url =
            "https://agora.example.org/unsubscribe/7.updates.0123456789abcdef0123456789abcdef";
        let m = build(&from, "ana@example.org", "Hello", "Body", Some(url)).expect("message");
        let text = String::from_utf8(m.formatted()).expect("utf-8");
        assert!(
            text.contains(&format!("List-Unsubscribe: <{url}>\r\n")),
            "{text}"
        );
        assert!(
            text.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"),
            "{text}"
        );
        let plain = build(&from, "ana@example.org", "Hello", "Body", None).expect("message");
        let text = String::from_utf8(plain.formatted()).expect("utf-8");
        assert!(!text.contains("List-Unsubscribe"), "{text}");
    }
}
