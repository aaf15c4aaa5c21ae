//! Guests of events (issue 10): visitors without an account who register for a public event with a
//! name and an e-mail address. Asking is bookkeeping, like a password reset: a pending row and the
//! mail with its link, and no one's state changes until the link is used. Confirming and withdrawing
//! through the link are audited changes, made under the events' lock so the last seat goes once.
//! A guest's name and address are read only through `event_guests` (organizers and admins).

use crate::events::{begin_events, locked_event};
use crate::{get, get_opt_time, get_time, Result, Store, StoreError};
use agora_domain::audit::AuditEvent;
use agora_domain::events as ev;
use agora_domain::ValidationErrors;
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;

const T: &str = "event_guests";

/// A guest as organizers see them, and as their own link shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct EventGuest {
    pub id: i64,
    pub event_id: i64,
    pub name: String,
    pub email: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub requested_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub confirmed_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub attended_at: Option<DateTime<Utc>>,
    /// When the link it was read by went out (read by a link only): a pending guest's link confirms
    /// for `GUEST_LINK_HOURS` from then.
    #[serde(skip)]
    #[schema(ignore)]
    pub link_sent_at: Option<DateTime<Utc>>,
}

impl EventGuest {
    /// Whether the link it was read by still confirms or withdraws
    /// (`agora_domain::events::guest_link_valid`, from when that link went out).
    pub fn link_valid(&self, now: DateTime<Utc>) -> bool {
        ev::guest_link_valid(
            self.link_sent_at.unwrap_or(self.requested_at),
            self.confirmed_at.is_some(),
            now,
        )
    }
}

/// What came of a guest's request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GuestAsked {
    /// The link went out (a new one, replacing any earlier link for the address).
    Mailed,
    /// A link went out for the address moments ago: nothing was sent again.
    AlreadyMailed,
}

/// A guest's request, with the mail that carries its link (written by the web layer in the
/// visitor's language).
pub struct GuestRequest<'a> {
    pub event_id: i64,
    /// The name is kept only from the first request for an address.
    pub guest: &'a ev::Guest,
    pub token_hash: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

fn invalid(field: &str, code: &'static str) -> StoreError {
    StoreError::Invalid(ValidationErrors::single(field, code))
}

/// Links kept per guest: the newest few, so an old mail still works and the table stays small.
const LINKS_KEPT: i64 = 3;

const COLUMNS: &str = "SELECT g.id, g.event_id, g.name, g.email, g.requested_at, g.confirmed_at, \
     g.attended_at FROM event_guests g";

const BY_LINK: &str = "SELECT g.id, g.event_id, g.name, g.email, g.requested_at, g.confirmed_at, \
     g.attended_at, l.created_at AS link_sent_at FROM event_guest_links l \
     JOIN event_guests g ON g.id = l.guest_id WHERE l.token_hash = $1";

fn guest_row(r: &AnyRow) -> Result<EventGuest> {
    Ok(EventGuest {
        id: get(r, "id")?,
        event_id: get(r, "event_id")?,
        name: get(r, "name")?,
        email: get(r, "email")?,
        requested_at: get_time(r, T, "requested_at")?,
        confirmed_at: get_opt_time(r, T, "confirmed_at")?,
        attended_at: get_opt_time(r, T, "attended_at")?,
        link_sent_at: None,
    })
}

fn linked_row(r: &AnyRow) -> Result<EventGuest> {
    Ok(EventGuest {
        link_sent_at: Some(get_time(r, "event_guest_links", "link_sent_at")?),
        ..guest_row(r)?
    })
}

impl Store {
    /// Records a guest's request and queues the mail with its link, together (bookkeeping: see
    /// `write`). The caller has checked that the event takes guests; the seat is checked when the
    /// link is used. A request for an address already registered replaces its link (the mail then
    /// lets them withdraw), keeping the registration.
    pub async fn ask_guest_registration(&self, r: &GuestRequest<'_>) -> Result<GuestAsked> {
        let mut tx = self.bookkeeping(Some(crate::events::LOCK_EVENTS)).await?;
        let now = self.now();
        let earlier = sqlx::query(
            "SELECT id, requested_at FROM event_guests WHERE event_id = $1 AND email = $2",
        )
        .bind(r.event_id)
        .bind(r.guest.email.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let guest_id = match earlier {
            Some(row) => {
                if !ev::guest_may_resend(get_time(&row, T, "requested_at")?, now) {
                    return Ok(GuestAsked::AlreadyMailed);
                }
                let id: i64 = get(&row, "id")?;
                sqlx::query("UPDATE event_guests SET requested_at = $1 WHERE id = $2")
                    .bind(self.stamp())
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                id
            }
            None => {
                sqlx::query_scalar(
                    "INSERT INTO event_guests (event_id, email, name, requested_at) \
                     VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(r.event_id)
                .bind(r.guest.email.as_str())
                .bind(&r.guest.name)
                .bind(self.stamp())
                .fetch_one(&mut *tx)
                .await?
            }
        };
        sqlx::query(
            "INSERT INTO event_guest_links (token_hash, guest_id, created_at) VALUES ($1, $2, $3)",
        )
        .bind(r.token_hash)
        .bind(guest_id)
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "DELETE FROM event_guest_links WHERE guest_id = $1 AND token_hash NOT IN \
             (SELECT token_hash FROM event_guest_links WHERE guest_id = $2 \
              ORDER BY created_at DESC, token_hash LIMIT $3)",
        )
        .bind(guest_id)
        .bind(guest_id)
        .bind(LINKS_KEPT)
        .execute(&mut *tx)
        .await?;
        crate::outbox::queue(&mut tx, r.guest.email.as_str(), r.subject, r.body).await?;
        tx.commit_unaudited().await?;
        Ok(GuestAsked::Mailed)
    }

    /// The guest a link names, if the row and the link still exist (whether the link still
    /// confirms is `agora_domain::events::guest_link_valid` from `link_sent_at`).
    pub async fn event_guest_by_token(&self, token_hash: &str) -> Result<Option<EventGuest>> {
        sqlx::query(BY_LINK)
            .bind(token_hash)
            .fetch_optional(&self.reader)
            .await?
            .as_ref()
            .map(linked_row)
            .transpose()
    }

    /// Confirms the guest a link names, if a seat is free (`Event::may_register`) and the link has
    /// not expired. False when it was already confirmed.
    pub async fn confirm_event_guest(&self, token_hash: &str) -> Result<bool> {
        let guest = self
            .event_guest_by_token(token_hash)
            .await?
            .ok_or(StoreError::NotFound)?;
        let mut tx = begin_events(self).await?;
        let current = locked_event(&mut tx, guest.event_id).await?;
        // Read again under the lock: the row may have been confirmed or withdrawn meanwhile.
        let row = sqlx::query(BY_LINK)
            .bind(token_hash)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StoreError::NotFound)?;
        let guest = linked_row(&row)?;
        if guest.confirmed_at.is_some() {
            return Ok(false);
        }
        let now = self.now();
        if !guest.link_valid(now) {
            return Err(invalid("registration", "link-expired"));
        }
        ev::may_register_as_guest(current.event.visibility)
            .map_err(|code| invalid("registration", code))?;
        current
            .event
            .may_register(current.status, now, current.registered)
            .map_err(|code| invalid("registration", code))?;
        sqlx::query("UPDATE event_guests SET confirmed_at = $1 WHERE id = $2")
            .bind(self.stamp())
            .bind(guest.id)
            .execute(&mut *tx)
            .await?;
        tx.commit(
            &crate::Who::anonymous(),
            [
                AuditEvent::new("event.guest_confirm", "event", guest.event_id)
                    .after(serde_json::json!({"guest_id": guest.id})),
            ],
        )
        .await?;
        Ok(true)
    }

    /// Withdraws the guest a link names (not once their attendance is marked). False when there was
    /// nothing to withdraw.
    pub async fn withdraw_event_guest(&self, token_hash: &str) -> Result<bool> {
        let Some(guest) = self.event_guest_by_token(token_hash).await? else {
            return Ok(false);
        };
        let mut tx = begin_events(self).await?;
        locked_event(&mut tx, guest.event_id).await?;
        // Its links go with it (ON DELETE CASCADE).
        let n = sqlx::query("DELETE FROM event_guests WHERE id = $1 AND attended_at IS NULL")
            .bind(guest.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if n == 0 {
            return Err(invalid("registration", "already-attended"));
        }
        tx.commit(
            &crate::Who::anonymous(),
            [
                AuditEvent::new("event.guest_withdraw", "event", guest.event_id)
                    .after(serde_json::json!({"guest_id": guest.id})),
            ],
        )
        .await?;
        Ok(true)
    }

    /// The event's guests, confirmed first, with their addresses: for organizers and admins only.
    pub async fn event_guests(&self, event_id: i64) -> Result<Vec<EventGuest>> {
        sqlx::query(&format!(
            "{COLUMNS} WHERE g.event_id = $1 ORDER BY g.confirmed_at IS NULL, g.name, g.id"
        ))
        .bind(event_id)
        .fetch_all(&self.reader)
        .await?
        .iter()
        .map(guest_row)
        .collect()
    }
}
