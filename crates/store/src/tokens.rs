//! Sessions, personal API tokens and one-time links (invitations, password resets). The store only ever
//! sees SHA-256 hashes of the secrets; making and hashing them is the web layer's job.

use crate::write::Conn;
use crate::{get, get_opt_time, get_time, Result, Store, StoreError, Who};
use agora_domain::audit::AuditEvent;
use chrono::{DateTime, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    Invitation,
    PasswordReset,
}

impl TokenPurpose {
    fn slug(self) -> &'static str {
        match self {
            TokenPurpose::Invitation => "invitation",
            TokenPurpose::PasswordReset => "password_reset",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub person_id: i64,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiTokenInfo {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub expires_at: DateTime<Utc>,
}

impl ApiTokenInfo {
    pub fn is_expired(&self, now: DateTime<Utc>) -> bool {
        self.expires_at <= now
    }
}

/// Who a presented API token speaks for, and which token it is (limits are counted per token).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiTokenOwner {
    pub token_id: i64,
    pub person_id: i64,
}

/// What redeeming a one-time link did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Redeemed {
    pub person_id: i64,
    /// API tokens revoked because the password was reset.
    pub tokens_revoked: u64,
}

impl Store {
    pub async fn create_session(
        &self,
        id_hash: &str,
        person_id: i64,
        expires_at: DateTime<Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        let now = crate::format_time(now);
        sqlx::query(
            "INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at, expires_at) VALUES ($1, $2, $3, $3, $4)",
        )
        .bind(id_hash)
        .bind(person_id)
        .bind(&now)
        .bind(crate::format_time(expires_at))
        .execute(self.bookkeeping_pool())
        .await?;
        Ok(())
    }

    /// A live session: not expired, and its person not disabled.
    /// The session if it is live at `now` (the app's clock).
    pub async fn session(
        &self,
        id_hash: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<SessionRecord>> {
        let row = sqlx::query(
            "SELECT s.person_id, s.created_at, s.last_seen_at, s.expires_at FROM sessions s \
             JOIN people p ON p.id = s.person_id \
             WHERE s.id_hash = $1 AND s.expires_at > $2 AND p.disabled_at IS NULL",
        )
        .bind(id_hash)
        .bind(crate::format_time(now))
        .fetch_optional(&self.reader)
        .await?;
        row.map(|r| {
            Ok(SessionRecord {
                person_id: get(&r, "person_id")?,
                created_at: get_time(&r, "sessions", "created_at")?,
                last_seen_at: get_time(&r, "sessions", "last_seen_at")?,
                expires_at: get_time(&r, "sessions", "expires_at")?,
            })
        })
        .transpose()
    }

    /// Slides the idle timeout forward (bounded by the caller's absolute limit).
    pub async fn touch_session(
        &self,
        id_hash: &str,
        expires_at: DateTime<Utc>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id_hash = $3")
            .bind(crate::format_time(now))
            .bind(crate::format_time(expires_at))
            .bind(id_hash)
            .execute(self.bookkeeping_pool())
            .await?;
        Ok(())
    }

    pub async fn delete_session(&self, id_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(self.bookkeeping_pool())
            .await?;
        Ok(())
    }

    pub async fn purge_expired(&self, now: chrono::DateTime<chrono::Utc>) -> Result<u64> {
        let now = crate::format_time(now);
        let a = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(&now)
            .execute(self.bookkeeping_pool())
            .await?;
        let b = sqlx::query("DELETE FROM one_time_tokens WHERE expires_at <= $1")
            .bind(&now)
            .execute(self.bookkeeping_pool())
            .await?;
        Ok(a.rows_affected() + b.rows_affected())
    }

    pub async fn create_api_token(
        &self,
        person_id: i64,
        name: &str,
        hash: &str,
        prefix: &str,
        expires_at: DateTime<Utc>,
        who: &Who,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO api_tokens (person_id, name, token_hash, prefix, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(person_id)
        .bind(name)
        .bind(hash)
        .bind(prefix)
        .bind(self.stamp())
        .bind(crate::format_time(expires_at))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("api_token.create", "api_token", id).after(
                serde_json::json!({"name": name, "prefix": prefix, "expires_at": crate::format_time(expires_at)}),
            )],
        )
        .await?;
        Ok(id)
    }

    pub async fn api_tokens(&self, person_id: i64) -> Result<Vec<ApiTokenInfo>> {
        let rows = sqlx::query(
            "SELECT id, name, prefix, created_at, last_used_at, expires_at FROM api_tokens \
             WHERE person_id = $1 AND revoked_at IS NULL ORDER BY id DESC",
        )
        .bind(person_id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiTokenInfo {
                    id: get(r, "id")?,
                    name: get(r, "name")?,
                    prefix: get(r, "prefix")?,
                    created_at: get_time(r, "api_tokens", "created_at")?,
                    last_used_at: get_opt_time(r, "api_tokens", "last_used_at")?,
                    expires_at: get_time(r, "api_tokens", "expires_at")?,
                })
            })
            .collect()
    }

    pub async fn revoke_api_token(&self, id: i64, person_id: i64, who: &Who) -> Result<()> {
        let mut tx = self.write().await?;
        let n = sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND person_id = $3 AND revoked_at IS NULL")
            .bind(self.stamp())
            .bind(id)
            .bind(person_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        tx.commit(who, [AuditEvent::new("api_token.revoke", "api_token", id)])
            .await?;
        Ok(())
    }

    /// The person a live API token belongs to: not revoked, not expired, its person not disabled.
    /// "Last used" is kept to the minute: writing it on every request would make each API call a disk
    /// flush.
    pub async fn api_token_person(&self, hash: &str) -> Result<Option<ApiTokenOwner>> {
        let row = sqlx::query(
            "SELECT id, person_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL \
             AND expires_at > $2 AND person_id IN (SELECT id FROM people WHERE disabled_at IS NULL)",
        )
        .bind(hash)
        .bind(self.stamp())
        .fetch_optional(&self.reader)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let owner = ApiTokenOwner {
            token_id: get(&row, "id")?,
            person_id: get(&row, "person_id")?,
        };
        let last: Option<String> = get(&row, "last_used_at")?;
        let stale = crate::format_time(self.now() - chrono::Duration::minutes(1));
        if last.is_none_or(|l| l < stale) {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(self.stamp())
                .bind(owner.token_id)
                .execute(self.bookkeeping_pool())
                .await?;
        }
        Ok(Some(owner))
    }

    pub async fn create_one_time_token(
        &self,
        purpose: TokenPurpose,
        person_id: i64,
        hash: &str,
        expires_at: DateTime<Utc>,
    ) -> Result<()> {
        // A link alone changes no one's state: its use is what is audited.
        let mut tx = self.bookkeeping(None).await?;
        insert_one_time(&mut tx, purpose, person_id, hash, expires_at).await?;
        tx.commit_unaudited().await
    }

    /// Invites a new person: their account (without password), roles, the invitation link and its email,
    /// all or nothing.
    pub async fn invite_person(
        &self,
        email: &agora_domain::person::Email,
        display_name: &str,
        grants: &[agora_domain::permissions::Grant],
        invitation: &crate::partners::Invitation,
        who: &Who,
    ) -> Result<i64> {
        let mut tx = self.write().await?;
        let id = crate::people::insert_person(self, &mut tx, email, display_name, None).await?;
        for g in grants {
            crate::people::insert_grant(self, &mut tx, id, *g).await?;
        }
        insert_one_time(
            &mut tx,
            TokenPurpose::Invitation,
            id,
            &invitation.token_hash,
            invitation.expires_at,
        )
        .await?;
        crate::outbox::queue(
            &mut tx,
            email.as_str(),
            &invitation.subject,
            &invitation.body,
        )
        .await?;
        tx.commit(who, []).await?;
        Ok(id)
    }

    /// Queues a password-reset email with its link, together.
    pub async fn request_password_reset(
        &self,
        person_id: i64,
        to: &str,
        invitation: &crate::partners::Invitation,
    ) -> Result<()> {
        // Anyone may ask: the request is bookkeeping, and the reset itself is audited when used.
        let mut tx = self.bookkeeping(None).await?;
        insert_one_time(
            &mut tx,
            TokenPurpose::PasswordReset,
            person_id,
            &invitation.token_hash,
            invitation.expires_at,
        )
        .await?;
        crate::outbox::queue(&mut tx, to, &invitation.subject, &invitation.body).await?;
        tx.commit_unaudited().await
    }

    /// Whether a link is still usable, without using it (to show the form or a clear "expired" page).
    pub async fn one_time_token_person(
        &self,
        purpose: TokenPurpose,
        hash: &str,
    ) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT person_id FROM one_time_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > $3",
        )
        .bind(hash)
        .bind(purpose.slug())
        .bind(self.stamp())
        .fetch_optional(&self.reader)
        .await?)
    }

    /// Uses a one-time link to set a password: the link is spent, every session of the person ends and
    /// every other outstanding link of the same purpose dies, all or nothing. A password reset also
    /// revokes the person's API tokens (whoever reset it may not be the one who made them), and when
    /// there were any, `tokens_notice` (subject, body) is emailed to the person.
    pub async fn redeem_token_set_password(
        &self,
        purpose: TokenPurpose,
        hash: &str,
        password_hash: &str,
        tokens_notice: &(String, String),
    ) -> Result<Redeemed> {
        let mut tx = self.write().await?;
        let now = self.stamp();
        let person_id: Option<i64> = sqlx::query_scalar(
            "UPDATE one_time_tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL \
             AND expires_at > $1 RETURNING person_id",
        )
        .bind(&now)
        .bind(hash)
        .bind(purpose.slug())
        .fetch_optional(&mut *tx)
        .await?;
        let person_id = person_id.ok_or(StoreError::NotFound)?;
        sqlx::query("UPDATE one_time_tokens SET used_at = $1 WHERE person_id = $2 AND purpose = $3 AND used_at IS NULL")
            .bind(&now)
            .bind(person_id)
            .bind(purpose.slug())
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE people SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE person_id = $1")
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        let email: String = sqlx::query_scalar("SELECT email FROM people WHERE id = $1")
            .bind(person_id)
            .fetch_one(&mut *tx)
            .await?;
        let action = match purpose {
            TokenPurpose::Invitation => "person.accept_invitation",
            TokenPurpose::PasswordReset => "person.reset_password",
        };
        let who = Who::person(person_id, &email);
        tx.audit(AuditEvent::new(action, "person", person_id));
        let mut tokens_revoked = 0;
        if purpose == TokenPurpose::PasswordReset {
            tokens_revoked = sqlx::query(
                "UPDATE api_tokens SET revoked_at = $1 WHERE person_id = $2 AND revoked_at IS NULL",
            )
            .bind(&now)
            .bind(person_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if tokens_revoked > 0 {
                tx.audit(
                    AuditEvent::new("api_token.revoke_all", "person", person_id)
                        .after(serde_json::json!({"revoked": tokens_revoked})),
                );
                crate::outbox::queue(&mut tx, &email, &tokens_notice.0, &tokens_notice.1).await?;
            }
        }
        tx.commit(&who, []).await?;
        Ok(Redeemed {
            person_id,
            tokens_revoked,
        })
    }

    /// Changes the password of a signed-in person and ends their other sessions.
    pub async fn change_password(
        &self,
        person_id: i64,
        password_hash: &str,
        keep_session: &str,
        who: &Who,
    ) -> Result<()> {
        let mut tx = self.write().await?;
        sqlx::query("UPDATE people SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND id_hash <> $2")
            .bind(person_id)
            .bind(keep_session)
            .execute(&mut *tx)
            .await?;
        tx.commit(
            who,
            [AuditEvent::new(
                "person.change_password",
                "person",
                person_id,
            )],
        )
        .await?;
        Ok(())
    }
}

pub(crate) async fn insert_one_time(
    tx: &mut impl Conn,
    purpose: TokenPurpose,
    person_id: i64,
    hash: &str,
    expires_at: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO one_time_tokens (token_hash, purpose, person_id, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(hash)
    .bind(purpose.slug())
    .bind(person_id)
    .bind(tx.stamp())
    .bind(crate::format_time(expires_at))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
