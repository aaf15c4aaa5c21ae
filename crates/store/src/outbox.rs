//! Email waiting to be delivered. Messages are queued in the transaction of the change that causes them,
//! so no message is lost and none is sent for a change that rolled back.

use crate::write::Conn;
use crate::{get, Result, Store};
use agora_domain::notifications::{self, Class, Delivery, Scope};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxMessage {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub sent_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The site-relative one-click unsubscribe address (RFC 8058), for `List-Unsubscribe`.
    pub unsubscribe_path: Option<String>,
}

/// An e-mail as a program means it, without its words: a message id (the web layer's Fluent messages
/// `<id>-subject` and `<id>-body`) and its arguments. The store decides who is told what; the words
/// are the web layer's, which renders each e-mail in its recipient's language as it is queued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub id: &'static str,
    pub args: Vec<(&'static str, String)>,
    /// The group (body) it is about, for a recipient's choice for that group.
    pub group: Option<i64>,
}

impl Mail {
    pub fn new(id: &'static str) -> Self {
        Self {
            id,
            args: vec![],
            group: None,
        }
    }

    pub fn about(mut self, body_id: i64) -> Self {
        self.group = Some(body_id);
        self
    }

    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
}

/// Writes a mail's subject and body in a language (`None`: the recipient chose none).
pub type MailRenderer = fn(language: Option<&str>, mail: &Mail) -> (String, String);

static RENDERER: std::sync::OnceLock<MailRenderer> = std::sync::OnceLock::new();

/// Registers how mail is written; the web layer does it once per process, as the translations are
/// the process's too. Later calls change nothing.
pub fn set_mail_renderer(render: MailRenderer) {
    let _ = RENDERER.set(render);
}

/// Without a renderer (the store on its own, in its tests) a mail reads as its id and arguments.
pub(crate) fn render(language: Option<&str>, mail: &Mail) -> (String, String) {
    match RENDERER.get() {
        Some(render) => render(language, mail),
        None => (
            mail.id.to_string(),
            mail.args
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    }
}

/// Queues a mail to `to`, written in the language its recipient chose, as the recipient chose to get
/// its kind of notification: at once (with a one-click unsubscribe link), held for a digest, or not
/// at all (see `agora_domain::notifications`). Mail to an address with no account is always sent.
pub(crate) async fn queue_mail(tx: &mut impl Conn, to: &str, mail: &Mail) -> Result<()> {
    let person = sqlx::query("SELECT id, language FROM people WHERE email = $1")
        .bind(to)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(person) = person else {
        let (subject, body) = render(None, mail);
        return queue(tx, to, &subject, &body).await;
    };
    let (person_id, language): (i64, Option<String>) =
        (get(&person, "id")?, get(&person, "language")?);
    let language = language.as_deref();
    let Class::Topic(topic) = notifications::classify(mail.id) else {
        let (subject, body) = render(language, mail);
        return queue(tx, to, &subject, &body).await;
    };
    let prefs = crate::notifications::preferences_in(tx, person_id, Some(topic)).await?;
    let delivery = notifications::delivery(&prefs, topic, mail.group);
    if delivery == Delivery::Off {
        return Ok(());
    }
    let (subject, mut body) = render(language, mail);
    if delivery.is_digest() {
        return crate::notifications::hold_for_digest(
            tx,
            person_id,
            delivery,
            (topic, mail.group),
            &subject,
            &body,
        )
        .await;
    }
    let path = crate::notifications::unsubscribe_path(tx, person_id, Scope::Topic(topic)).await?;
    let (_, footer) = render(
        language,
        &Mail::new("email-notice")
            .arg("topic", topic.slug())
            .arg(
                "preferences",
                format!("{}/account/notifications", crate::SITE),
            )
            .arg("unsubscribe", format!("{}{path}", crate::SITE)),
    );
    body.push_str("\n\n-- \n");
    body.push_str(&footer);
    queue_with(tx, to, &subject, &body, Some(&path))
        .await
        .map(|_| ())
}

pub(crate) async fn queue(tx: &mut impl Conn, to: &str, subject: &str, body: &str) -> Result<()> {
    queue_with(tx, to, subject, body, None).await.map(|_| ())
}

/// Queues a message with its unsubscribe link's path, if it has one; returns its id.
pub(crate) async fn queue_with(
    tx: &mut impl Conn,
    to: &str,
    subject: &str,
    body: &str,
    unsubscribe_path: Option<&str>,
) -> Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO outbox (to_address, subject, body, created_at, unsubscribe_path) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(to)
    .bind(subject)
    .bind(body)
    .bind(tx.stamp())
    .bind(unsubscribe_path)
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

impl Store {
    /// Queues a mail that is not part of an audited change (bookkeeping: see `write`).
    pub async fn queue_email(&self, to: &str, subject: &str, body: &str) -> Result<()> {
        let mut tx = self.bookkeeping(None).await?;
        queue(&mut tx, to, subject, body).await?;
        tx.commit_unaudited().await
    }

    /// Messages waiting for delivery whose retry time has come, oldest first.
    pub async fn outbox_due(
        &self,
        now: chrono::DateTime<chrono::Utc>,
        limit: i64,
    ) -> Result<Vec<OutboxMessage>> {
        let rows = sqlx::query(
            "SELECT id, to_address, subject, body, created_at, sent_at, unsubscribe_path FROM outbox WHERE sent_at IS NULL \
             AND (next_attempt_at IS NULL OR next_attempt_at <= $1) ORDER BY id LIMIT $2",
        )
        .bind(crate::format_time(now))
        .bind(limit)
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(message_row).collect()
    }

    pub async fn outbox_mark_sent(&self, id: i64, at: chrono::DateTime<chrono::Utc>) -> Result<()> {
        sqlx::query("UPDATE outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2")
            .bind(crate::format_time(at))
            .bind(id)
            .execute(self.bookkeeping_pool())
            .await?;
        Ok(())
    }

    /// Records a failed attempt; the message stays queued and is retried after a delay that doubles from
    /// `base` with each failure (see `governance::retry_delay`). Returns the attempts made and the delay.
    pub async fn outbox_mark_failed(
        &self,
        id: i64,
        error: &str,
        now: chrono::DateTime<chrono::Utc>,
        base: chrono::Duration,
    ) -> Result<(i64, chrono::Duration)> {
        let error: String = error.chars().take(500).collect();
        let before: i64 = sqlx::query_scalar("SELECT attempts FROM outbox WHERE id = $1")
            .bind(id)
            .fetch_one(&self.reader)
            .await?;
        let delay =
            agora_domain::governance::retry_delay(u32::try_from(before).unwrap_or(u32::MAX), base);
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3",
        )
        .bind(&error)
        .bind(crate::format_time(now + delay))
        .bind(id)
        .execute(self.bookkeeping_pool())
        .await?;
        Ok((before + 1, delay))
    }

    /// How many messages wait, and how many of those already failed at least once.
    pub async fn outbox_backlog(&self) -> Result<(i64, i64)> {
        let r = sqlx::query(
            "SELECT COUNT(*) AS n, COUNT(CASE WHEN attempts > 0 THEN 1 END) AS failing \
             FROM outbox WHERE sent_at IS NULL",
        )
        .fetch_one(&self.reader)
        .await?;
        Ok((get(&r, "n")?, get::<i64>(&r, "failing")?))
    }

    /// Every message, newest first, a page at a time (the admin's outbox page).
    pub async fn outbox_page(
        &self,
        page: agora_domain::pagination::PageRequest,
    ) -> Result<agora_domain::pagination::Page<OutboxMessage>> {
        crate::fetch_page(
            &self.reader,
            (
                "SELECT id, to_address, subject, body, created_at, sent_at, unsubscribe_path",
                " FROM outbox",
            ),
            &crate::sql::Sql::new(""),
            "id DESC",
            page,
            message_row,
        )
        .await
    }

    pub async fn outbox_recent(&self, limit: i64) -> Result<Vec<OutboxMessage>> {
        let rows = sqlx::query(
            "SELECT id, to_address, subject, body, created_at, sent_at, unsubscribe_path FROM outbox ORDER BY id DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(message_row).collect()
    }
}

fn message_row(r: &sqlx::any::AnyRow) -> Result<OutboxMessage> {
    Ok(OutboxMessage {
        id: get(r, "id")?,
        to_address: get(r, "to_address")?,
        subject: get(r, "subject")?,
        body: get(r, "body")?,
        created_at: crate::get_time(r, "outbox", "created_at")?,
        sent_at: crate::get_opt_time(r, "outbox", "sent_at")?,
        unsubscribe_path: get(r, "unsubscribe_path")?,
    })
}
