//! Notification preferences, digests and one-click unsubscribing (issue 10). The rules are
//! `agora_domain::notifications`; `outbox::queue_mail` applies them to every mail a program queues.

use crate::outbox::{self, Mail};
use crate::write::Conn;
use crate::{get, Result, Store, StoreError, Who};
use agora_domain::audit::AuditEvent;
use agora_domain::notifications::{self, Delivery, Preference, Scope, Topic};
use agora_domain::ValidationErrors;
use chrono::{DateTime, Utc};

/// A group a person can choose for: one they belong to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationGroup {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// What one run of the digest job sent.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct DigestReport {
    pub digests: u64,
    pub items: u64,
}

fn preference_row(r: &sqlx::any::AnyRow) -> Result<Preference> {
    let topic: String = get(r, "topic")?;
    let delivery: String = get(r, "delivery")?;
    Ok(Preference {
        topic: crate::parse_column("notification_preferences", "topic", &topic, |s| {
            Topic::parse(s).ok_or("unknown topic")
        })?,
        group: get(r, "body_id")?,
        delivery: crate::parse_column("notification_preferences", "delivery", &delivery, |s| {
            Delivery::parse(s).ok_or("unknown delivery")
        })?,
    })
}

/// A person's choices (for one topic, or all), read inside a write.
pub(crate) async fn preferences_in(
    tx: &mut impl Conn,
    person_id: i64,
    topic: Option<Topic>,
) -> Result<Vec<Preference>> {
    let rows = sqlx::query(
        "SELECT topic, body_id, delivery FROM notification_preferences \
         WHERE person_id = $1 AND ($2 = '' OR topic = $2) ORDER BY topic, body_id",
    )
    .bind(person_id)
    .bind(topic.map_or("", Topic::slug))
    .fetch_all(&mut **tx)
    .await?;
    rows.iter().map(preference_row).collect()
}

async fn secret_in(tx: &mut impl Conn) -> Result<Vec<u8>> {
    let v: String = sqlx::query_scalar("SELECT value FROM settings WHERE key = 'signing_secret'")
        .fetch_one(&mut **tx)
        .await?;
    crate::parse_column("settings", "value", &v, |s| hex::decode(s))
}

/// The site-relative address of a person's one-click unsubscribe link for a scope.
pub(crate) async fn unsubscribe_path(
    tx: &mut impl Conn,
    person_id: i64,
    scope: Scope,
) -> Result<String> {
    let secret = secret_in(tx).await?;
    Ok(format!(
        "/unsubscribe/{}",
        notifications::unsubscribe_token(&secret, person_id, scope)
    ))
}

/// Keeps a mail, already written, for the person's next digest of `period`.
pub(crate) async fn hold_for_digest(
    tx: &mut impl Conn,
    person_id: i64,
    period: Delivery,
    (topic, group): (Topic, Option<i64>),
    subject: &str,
    body: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO notification_digest_items (person_id, period, topic, body_id, subject, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(person_id)
    .bind(period.slug())
    .bind(topic.slug())
    .bind(group)
    .bind(subject)
    .bind(body)
    .bind(tx.stamp())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

async fn replace_preferences(
    tx: &mut impl Conn,
    person_id: i64,
    prefs: &[Preference],
) -> Result<()> {
    sqlx::query("DELETE FROM notification_preferences WHERE person_id = $1")
        .bind(person_id)
        .execute(&mut **tx)
        .await?;
    for p in prefs {
        sqlx::query(
            "INSERT INTO notification_preferences (person_id, topic, body_id, delivery) \
             VALUES ($1, $2, $3, $4)",
        )
        .bind(person_id)
        .bind(p.topic.slug())
        .bind(p.group)
        .bind(p.delivery.slug())
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

fn as_json(prefs: &[Preference]) -> serde_json::Value {
    serde_json::Value::Array(
        prefs
            .iter()
            .map(|p| {
                serde_json::json!({"topic": p.topic.slug(), "group": p.group, "delivery": p.delivery.slug()})
            })
            .collect(),
    )
}

impl Store {
    /// A person's choices; topics and groups without one follow the defaults.
    pub async fn notification_preferences(&self, person_id: i64) -> Result<Vec<Preference>> {
        let rows = sqlx::query(
            "SELECT topic, body_id, delivery FROM notification_preferences \
             WHERE person_id = $1 ORDER BY topic, body_id",
        )
        .bind(person_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter().map(preference_row).collect()
    }

    /// The groups a person belongs to (as member or facilitator), by name: those they can choose for.
    pub async fn notification_groups(&self, person_id: i64) -> Result<Vec<NotificationGroup>> {
        let rows = sqlx::query(
            "SELECT DISTINCT b.id, b.slug, b.name FROM role_grants g JOIN bodies b ON b.id = g.scope_id \
             WHERE g.person_id = $1 AND g.scope_kind = 'group' \
             AND g.role IN ('group_member', 'facilitator') ORDER BY b.name, b.id",
        )
        .bind(person_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(NotificationGroup {
                    id: get(r, "id")?,
                    slug: get(r, "slug")?,
                    name: get(r, "name")?,
                })
            })
            .collect()
    }

    /// Replaces a person's choices with `prefs` (checked as a whole; a group choice must be for a
    /// group the person belongs to). Audited.
    pub async fn set_notification_preferences(
        &self,
        who: &Who,
        person_id: i64,
        prefs: &[Preference],
    ) -> Result<()> {
        notifications::check(prefs)?;
        let groups = self.notification_groups(person_id).await?;
        let mut errors = ValidationErrors::new();
        for p in prefs {
            if let Some(g) = p.group {
                if !groups.iter().any(|x| x.id == g) {
                    errors.add(
                        notifications::field_name(p.topic, p.group),
                        "notification-not-your-group",
                    );
                }
            }
        }
        errors.into_result(())?;
        let mut tx = self.write().await?;
        let before = preferences_in(&mut tx, person_id, None).await?;
        replace_preferences(&mut tx, person_id, prefs).await?;
        tx.commit(
            who,
            [
                AuditEvent::new("notifications.preferences", "person", person_id)
                    .before(as_json(&before))
                    .after(as_json(prefs)),
            ],
        )
        .await
    }

    /// Applies a one-click unsubscribe link: the person and what it stopped, or `NotFound` for a
    /// link this site did not sign or whose person is gone. Audited as done by its person.
    pub async fn unsubscribe(&self, token: &str) -> Result<(i64, Scope)> {
        let secret = self.signing_secret().await?;
        let (person_id, scope) =
            notifications::verify_unsubscribe_token(&secret, token).ok_or(StoreError::NotFound)?;
        let email: String = sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
            .bind(person_id)
            .fetch_optional(&self.reader)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut tx = self.write().await?;
        let before = preferences_in(&mut tx, person_id, None).await?;
        let after = notifications::unsubscribe(&before, scope);
        replace_preferences(&mut tx, person_id, &after).await?;
        tx.commit(
            &Who::person(person_id, &email),
            [
                AuditEvent::new("notifications.unsubscribe", "person", person_id)
                    .before(as_json(&before))
                    .after(
                        serde_json::json!({"scope": scope.slug(), "preferences": as_json(&after)}),
                    ),
            ],
        )
        .await?;
        Ok((person_id, scope))
    }

    /// Sends every digest that is due at `now`: one e-mail per person and period, in the person's
    /// language, holding what was kept for it in the order it came. Bookkeeping: the mail was part of
    /// audited changes when it was kept.
    pub async fn send_digests(&self, now: DateTime<Utc>) -> Result<DigestReport> {
        let pending = sqlx::query(
            "SELECT person_id, period, MIN(created_at) AS first FROM notification_digest_items \
             WHERE sent_at IS NULL GROUP BY person_id, period ORDER BY person_id, period",
        )
        .fetch_all(&self.reader)
        .await?;
        let mut report = DigestReport::default();
        for row in &pending {
            let person_id: i64 = get(row, "person_id")?;
            let period: String = get(row, "period")?;
            let period =
                crate::parse_column("notification_digest_items", "period", &period, |s| {
                    Delivery::parse(s)
                        .filter(|d| d.is_digest())
                        .ok_or("not a digest")
                })?;
            let first = crate::get_time(row, "notification_digest_items", "first")?;
            if notifications::digest_due_at(period, first).is_none_or(|due| due > now) {
                continue;
            }
            let items = self.send_digest(person_id, period).await?;
            report.items += items;
            report.digests += u64::from(items > 0);
        }
        Ok(report)
    }

    async fn send_digest(&self, person_id: i64, period: Delivery) -> Result<u64> {
        let mut tx = self.bookkeeping(None).await?;
        let items = sqlx::query(
            "SELECT id, topic, body_id, subject, body FROM notification_digest_items \
             WHERE person_id = $1 AND period = $2 AND sent_at IS NULL ORDER BY id",
        )
        .bind(person_id)
        .bind(period.slug())
        .fetch_all(&mut *tx)
        .await?;
        let person = sqlx::query("SELECT email, language, disabled_at FROM people WHERE id = $1")
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?;
        let email: String = get(&person, "email")?;
        let language: Option<String> = get(&person, "language")?;
        let disabled = get::<Option<String>>(&person, "disabled_at")?.is_some();
        // What was held is sent unless the person no longer wants it: not after they turned its kind
        // off or unsubscribed, left its group, or lost their account (another way of getting it,
        // chosen since, still lets this digest carry what it held).
        let prefs = preferences_in(&mut tx, person_id, None).await?;
        let groups: Vec<i64> = sqlx::query_scalar(
            "SELECT DISTINCT scope_id FROM role_grants WHERE person_id = $1 AND scope_kind = 'group' \
             AND role IN ('group_member', 'facilitator')",
        )
        .bind(person_id)
        .fetch_all(&mut *tx)
        .await?;
        // Other bodies (the partner assembly, a board) have electorates, not members: only a group's
        // mail waits on membership.
        let all_groups: Vec<i64> = sqlx::query_scalar("SELECT id FROM bodies WHERE kind = 'group'")
            .fetch_all(&mut *tx)
            .await?;
        let mut text = String::new();
        let mut ids = Vec::with_capacity(items.len());
        let mut dropped = Vec::new();
        for item in &items {
            let id = get::<i64>(item, "id")?;
            let topic: String = get(item, "topic")?;
            let topic = crate::parse_column("notification_digest_items", "topic", &topic, |s| {
                Topic::parse(s).ok_or("unknown topic")
            })?;
            let group: Option<i64> = get(item, "body_id")?;
            let wanted = !disabled
                && notifications::delivery(&prefs, topic, group) != Delivery::Off
                && group.is_none_or(|g| !all_groups.contains(&g) || groups.contains(&g));
            if !wanted {
                dropped.push(id);
                continue;
            }
            ids.push(id);
            let subject: String = get(item, "subject")?;
            let body: String = get(item, "body")?;
            text.push_str(&format!("== {subject}\n\n{body}\n\n"));
        }
        let stamp = tx.stamp();
        for id in &dropped {
            sqlx::query("UPDATE notification_digest_items SET sent_at = $1 WHERE id = $2")
                .bind(&stamp)
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        if ids.is_empty() {
            tx.commit_unaudited().await?;
            return Ok(0);
        }
        let path = unsubscribe_path(&mut tx, person_id, Scope::Digest(period)).await?;
        let (subject, body) = outbox::render(
            language.as_deref(),
            &Mail::new("email-digest")
                .arg("period", period.slug())
                .arg("count", ids.len())
                .arg("items", text.trim_end())
                .arg(
                    "preferences",
                    format!("{}/account/notifications", crate::SITE),
                )
                .arg("unsubscribe", format!("{}{path}", crate::SITE)),
        );
        let outbox_id = outbox::queue_with(&mut tx, &email, &subject, &body, Some(&path)).await?;
        for id in &ids {
            sqlx::query(
                "UPDATE notification_digest_items SET sent_at = $1, outbox_id = $2 WHERE id = $3",
            )
            .bind(&stamp)
            .bind(outbox_id)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit_unaudited().await?;
        Ok(ids.len() as u64)
    }
}

/// Queues `mail`, about a group, to each of its members and facilitators but `except` (who caused
/// it); each gets it as they chose for that group.
pub(crate) async fn notify_group(
    tx: &mut impl Conn,
    body_id: i64,
    except: Option<i64>,
    mail: Mail,
) -> Result<usize> {
    let emails: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT p.email FROM role_grants g JOIN people p ON p.id = g.person_id \
         WHERE g.scope_kind = 'group' AND g.scope_id = $1 \
         AND g.role IN ('group_member', 'facilitator') AND p.disabled_at IS NULL AND p.id <> $2 \
         ORDER BY p.email",
    )
    .bind(body_id)
    .bind(except.unwrap_or(0))
    .fetch_all(&mut **tx)
    .await?;
    let mail = mail.about(body_id);
    for email in &emails {
        outbox::queue_mail(tx, email, &mail).await?;
    }
    Ok(emails.len())
}

#[cfg(test)]
mod tests {
    /// Every mail the store queues by id is classed (a kind people choose for, or always sent), so
    /// that no new mail slips past people's choices unnoticed.
    #[test]
    fn every_mail_the_store_queues_has_a_class() {
        fn walk(dir: &std::path::Path, out: &mut Vec<String>) {
            for entry in std::fs::read_dir(dir).expect("src") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("source");
                    for (i, _) in text.match_indices("Mail::new(\"") {
                        let rest = &text[i + "Mail::new(\"".len()..];
                        out.push(rest[..rest.find('"').expect("literal")].to_string());
                    }
                }
            }
        }
        let mut ids = Vec::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut ids,
        );
        assert!(ids.len() > 15, "{ids:?}");
        let listed: Vec<&str> = agora_domain::notifications::MAILS
            .iter()
            .map(|(id, _)| *id)
            .collect();
        // The notice and the digest wrap other mail; they are not mail of a kind.
        let missing: Vec<&String> = ids
            .iter()
            .filter(|id| !listed.contains(&id.as_str()))
            .filter(|id| !matches!(id.as_str(), "email-notice" | "email-digest"))
            .collect();
        assert!(
            missing.is_empty(),
            "not in notifications::MAILS: {missing:?}"
        );
    }
}
