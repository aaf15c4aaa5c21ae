//! Events of groups and people (issue 10; rules in `agora_domain::events`): the events, their
//! organizers, registrations of signed-in people and the attendance organizers mark. Organizing and
//! attending are appended to the activity ledger inside the write that records them. Registrants are
//! read by name and e-mail only through `event_registrants`, which the web layer offers to organizers
//! and admins alone; every other read gives counts.

use crate::activity::append;
use crate::sql::Sql;
use crate::write::WriteTx;
use crate::{get, get_opt_time, get_parsed, get_time, GroupLink, Result, Store, StoreError};
use agora_domain::activity::{ActivityKind, ActivitySource, NewActivity};
use agora_domain::audit::AuditEvent;
use agora_domain::events::{self as ev, Event, EventKind, EventStatus, EventVisibility};
use agora_domain::governance::Visibility;
use agora_domain::groups::meetings::{format_local, parse_zone};
use agora_domain::ValidationErrors;
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;

const T: &str = "events";
/// Event writers take turns across instances (PostgreSQL), so two registrations cannot both take
/// the last seat.
pub(crate) const LOCK_EVENTS: i64 = 0x4147_0017;
/// Lists are bounded: a page shows at most this many events.
pub const MAX_LISTED: i64 = 200;

/// Someone who organizes an event, by display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Organizer {
    pub person_id: i64,
    pub name: String,
}

/// A stored event: the organizers' definition, its status, group, organizers and how many registered.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct StoredEvent {
    pub id: i64,
    pub event: Event,
    pub status: EventStatus,
    pub group: Option<GroupLink>,
    pub organizers: Vec<Organizer>,
    /// How many people registered (never who, outside the organizers' list).
    pub registered: i64,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub starts_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub ends_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub updated_at: DateTime<Utc>,
}

impl StoredEvent {
    pub fn is_organizer(&self, person_id: Option<i64>) -> bool {
        person_id.is_some_and(|p| self.organizers.iter().any(|o| o.person_id == p))
    }
}

/// A registrant as organizers see them (with the e-mail address to reach them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Registrant {
    pub person_id: i64,
    pub name: String,
    pub email: String,
    #[serde(serialize_with = "crate::json_time::serialize")]
    pub registered_at: DateTime<Utc>,
    #[serde(serialize_with = "crate::json_time::option")]
    pub attended_at: Option<DateTime<Utc>>,
}

/// Which events a list shows.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Past events (ended before `now`) instead of upcoming ones.
    pub past: bool,
    pub kind: Option<EventKind>,
    pub group_id: Option<i64>,
    /// Only events this person registered for.
    pub registered_by: Option<i64>,
    /// Starting before this instant (the home page's coming week).
    pub starting_before: Option<DateTime<Utc>>,
}

/// Who is reading: members-only events are listed to their group's members, their organizers and
/// admins only (`agora_domain::events::may_view`).
#[derive(Debug, Clone, Copy)]
pub struct EventReader {
    pub person_id: Option<i64>,
    pub admin: bool,
}

fn invalid(field: &str, code: &'static str) -> StoreError {
    StoreError::Invalid(ValidationErrors::single(field, code))
}

const COLUMNS: &str = "SELECT e.id, e.body_id, b.slug, b.name, e.kind, e.title, e.description, \
    e.start_local, e.zone, e.duration_minutes, e.starts_at, e.ends_at, e.place, e.link, e.capacity, \
    e.registration_open, e.visibility, e.status, e.updated_at, \
    (SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = e.id) + \
    (SELECT COUNT(*) FROM event_guests g WHERE g.event_id = e.id AND g.confirmed_at IS NOT NULL) \
    AS registered \
    FROM events e LEFT JOIN bodies b ON b.id = e.body_id";

fn event_row(r: &AnyRow) -> Result<StoredEvent> {
    let zone = get_parsed(r, T, "zone", parse_zone)?;
    let start: NaiveDateTime = get_parsed(r, T, "start_local", |s| {
        NaiveDateTime::parse_from_str(s, ev::LOCAL_FORMAT)
    })?;
    let duration_minutes: i64 = get(r, "duration_minutes")?;
    if !(ev::MIN_DURATION_MINUTES..=ev::MAX_DURATION_MINUTES).contains(&duration_minutes) {
        return Err(crate::corrupt(
            T,
            "duration_minutes",
            &duration_minutes.to_string(),
        ));
    }
    let body_id: Option<i64> = get(r, "body_id")?;
    let slug: Option<String> = get(r, "slug")?;
    let group = match (body_id, slug) {
        (Some(id), Some(slug)) => Some(GroupLink {
            id,
            slug,
            name: get(r, "name")?,
        }),
        _ => None,
    };
    let link: Option<String> = get(r, "link")?;
    if let Some(l) = &link {
        agora_domain::partner::parse_web_url(l).map_err(|_| crate::corrupt(T, "link", l))?;
    }
    Ok(StoredEvent {
        id: get(r, "id")?,
        event: Event {
            kind: get_parsed(r, T, "kind", EventKind::parse)?,
            title: get(r, "title")?,
            description: get(r, "description")?,
            start,
            zone,
            duration_minutes,
            place: get(r, "place")?,
            link,
            capacity: get(r, "capacity")?,
            registration_open: get::<i64>(r, "registration_open")? != 0,
            visibility: get_parsed(r, T, "visibility", EventVisibility::parse)?,
        },
        status: get_parsed(r, T, "status", EventStatus::parse)?,
        group,
        organizers: Vec::new(),
        registered: get(r, "registered")?,
        starts_at: get_time(r, T, "starts_at")?,
        ends_at: get_time(r, T, "ends_at")?,
        updated_at: get_time(r, T, "updated_at")?,
    })
}

fn event_json(e: &Event, body_id: Option<i64>, organizers: &[i64]) -> serde_json::Value {
    serde_json::json!({"kind": e.kind.slug(), "title": e.title, "start": format_local(e.start),
        "zone": e.zone.name(), "duration_minutes": e.duration_minutes, "place": e.place,
        "link": e.link, "capacity": e.capacity, "registration_open": e.registration_open,
        "visibility": e.visibility.slug(), "body_id": body_id, "organizers": organizers})
}

/// The event's status, definition and registration count as the write sees them.
/// Begins a write that takes turns with every other event writer.
pub(crate) async fn begin_events(store: &Store) -> Result<WriteTx> {
    store.write_locked(LOCK_EVENTS).await
}

pub(crate) async fn locked_event(tx: &mut WriteTx, id: i64) -> Result<StoredEvent> {
    let mut q = Sql::new(COLUMNS);
    q.push(" WHERE e.id = ").bind(id);
    let row = q
        .query()
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    event_row(&row)
}

/// Checks the group (visibility and kind) and the organizers inside the write.
async fn check_refs(
    tx: &mut WriteTx,
    e: &Event,
    body_id: Option<i64>,
    organizers: &[i64],
) -> Result<()> {
    match body_id {
        Some(b) => {
            let vis: Option<String> = sqlx::query_scalar(
                "SELECT visibility FROM bodies WHERE id = $1 AND kind = 'group'",
            )
            .bind(b)
            .fetch_optional(&mut **tx)
            .await?;
            let vis = vis.ok_or_else(|| invalid("group", "unknown-group"))?;
            let public = crate::parse_column("bodies", "visibility", &vis, Visibility::parse)?
                == Visibility::Public;
            ev::check_group(e.visibility, public).map_err(StoreError::Invalid)?;
        }
        None if e.visibility == EventVisibility::Members => {
            return Err(invalid("audience", "members-need-group"));
        }
        None => {}
    }
    if organizers.is_empty() {
        return Err(invalid("organizers", "required"));
    }
    let mut q = Sql::new("SELECT COUNT(*) AS n FROM people WHERE id IN ");
    q.bind_list(organizers);
    let n: i64 = get(&q.query().fetch_one(&mut **tx).await?, "n")?;
    if n != organizers.len() as i64 {
        return Err(invalid("organizers", "unknown-person"));
    }
    Ok(())
}

/// Organizing an event, in the ledger (once per person and event).
fn organized(
    event_id: i64,
    e: &Event,
    body_id: Option<i64>,
    person: i64,
    at: DateTime<Utc>,
) -> NewActivity {
    let a = NewActivity::new(
        person,
        ActivitySource::Events,
        format!("organized:{event_id}:{person}"),
        ActivityKind::Event,
        at,
    )
    .detail(serde_json::json!({"event_id": event_id, "title": e.title, "role": "organizer"}));
    match body_id {
        Some(b) => a.in_group(b),
        None => a,
    }
}

impl Store {
    async fn with_organizers(&self, mut events: Vec<StoredEvent>) -> Result<Vec<StoredEvent>> {
        if events.is_empty() {
            return Ok(events);
        }
        let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
        let mut q = Sql::new(
            "SELECT o.event_id, o.person_id, p.display_name FROM event_organizers o \
             JOIN people p ON p.id = o.person_id WHERE o.event_id IN ",
        );
        q.bind_list(&ids)
            .push(" ORDER BY p.display_name, o.person_id");
        for r in q.query().fetch_all(&self.reader).await? {
            let id: i64 = get(&r, "event_id")?;
            if let Some(e) = events.iter_mut().find(|e| e.id == id) {
                e.organizers.push(Organizer {
                    person_id: get(&r, "person_id")?,
                    name: get(&r, "display_name")?,
                });
            }
        }
        Ok(events)
    }

    /// One event with its organizers (whoever asks: the web layer decides who may see it).
    pub async fn event(&self, id: i64) -> Result<Option<StoredEvent>> {
        let mut q = Sql::new(COLUMNS);
        q.push(" WHERE e.id = ").bind(id);
        let rows = q.query().fetch_all(&self.reader).await?;
        let events = rows.iter().map(event_row).collect::<Result<Vec<_>>>()?;
        Ok(self.with_organizers(events).await?.into_iter().next())
    }

    /// Events the reader may see, narrowed by `filter`: upcoming soonest first, past latest first,
    /// at most `MAX_LISTED`.
    pub async fn events(
        &self,
        reader: EventReader,
        filter: &EventFilter,
        now: DateTime<Utc>,
    ) -> Result<Vec<StoredEvent>> {
        let now = crate::format_time(now);
        let mut q = Sql::new(COLUMNS);
        q.push(" WHERE ");
        if filter.past {
            q.push("e.ends_at <= ").bind(now.as_str());
        } else {
            q.push("e.ends_at > ").bind(now.as_str());
        }
        if !reader.admin {
            q.push(" AND (e.visibility = 'public'");
            if let Some(p) = reader.person_id {
                q.push(
                    " OR e.body_id IN (SELECT scope_id FROM role_grants WHERE scope_kind = 'group' \
                     AND person_id = ",
                )
                .bind(p)
                .push(") OR e.id IN (SELECT event_id FROM event_organizers WHERE person_id = ")
                .bind(p)
                .push(")");
            }
            q.push(")");
        }
        if let Some(k) = filter.kind {
            q.push(" AND e.kind = ").bind(k.slug());
        }
        if let Some(g) = filter.group_id {
            q.push(" AND e.body_id = ").bind(g);
        }
        if let Some(p) = filter.registered_by {
            q.push(" AND e.id IN (SELECT event_id FROM event_registrations WHERE person_id = ")
                .bind(p)
                .push(")");
        }
        if let Some(t) = filter.starting_before {
            q.push(" AND e.starts_at < ").bind(crate::format_time(t));
        }
        q.push(if filter.past {
            " ORDER BY e.starts_at DESC, e.id DESC LIMIT "
        } else {
            " ORDER BY e.starts_at, e.id LIMIT "
        })
        .bind(MAX_LISTED);
        let rows = q.query().fetch_all(&self.reader).await?;
        let events = rows.iter().map(event_row).collect::<Result<Vec<_>>>()?;
        self.with_organizers(events).await
    }

    /// Members-only events of the person's groups and every event they organize or registered for,
    /// ended at most a year ago (their private calendar feed).
    pub async fn events_of_person(
        &self,
        person_id: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<StoredEvent>> {
        let mut q = Sql::new(COLUMNS);
        q.push(" WHERE e.ends_at > ")
            .bind(crate::format_time(now - chrono::Duration::days(366)))
            .push(
                " AND (e.body_id IN (SELECT scope_id FROM role_grants WHERE scope_kind = 'group' \
                 AND person_id = ",
            )
            .bind(person_id)
            .push(") OR e.id IN (SELECT event_id FROM event_organizers WHERE person_id = ")
            .bind(person_id)
            .push(") OR e.id IN (SELECT event_id FROM event_registrations WHERE person_id = ")
            .bind(person_id)
            .push(")) ORDER BY e.starts_at, e.id LIMIT ")
            .bind(MAX_LISTED);
        let rows = q.query().fetch_all(&self.reader).await?;
        let events = rows.iter().map(event_row).collect::<Result<Vec<_>>>()?;
        self.with_organizers(events).await
    }

    /// Creates an event; `organizers` includes its author. Each organizer's organizing is appended
    /// to the activity ledger in the same write.
    #[tracing::instrument(level = "debug", skip_all, fields(actor = who.person_id))]
    pub async fn create_event(
        &self,
        e: &Event,
        body_id: Option<i64>,
        organizers: &[i64],
        who: &crate::Who,
    ) -> Result<i64> {
        let mut tx = begin_events(self).await?;
        check_refs(&mut tx, e, body_id, organizers).await?;
        let stamp = self.stamp();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO events (body_id, kind, title, description, start_local, zone, duration_minutes, \
             starts_at, ends_at, place, link, capacity, registration_open, visibility, status, \
             created_by, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) \
             RETURNING id",
        )
        .bind(body_id)
        .bind(e.kind.slug())
        .bind(&e.title)
        .bind(&e.description)
        .bind(format_local(e.start))
        .bind(e.zone.name())
        .bind(e.duration_minutes)
        .bind(crate::format_time(e.starts_at()))
        .bind(crate::format_time(e.ends_at()))
        .bind(&e.place)
        .bind(&e.link)
        .bind(e.capacity)
        .bind(i64::from(e.registration_open))
        .bind(e.visibility.slug())
        .bind(EventStatus::Scheduled.slug())
        .bind(who.person_id)
        .bind(&stamp)
        .fetch_one(&mut *tx)
        .await?;
        let now = self.now();
        for p in organizers {
            sqlx::query("INSERT INTO event_organizers (event_id, person_id) VALUES ($1, $2)")
                .bind(id)
                .bind(p)
                .execute(&mut *tx)
                .await?;
            append(&mut tx, &organized(id, e, body_id, *p, now)).await?;
        }
        tx.commit(
            who,
            [AuditEvent::new("event.create", "event", id)
                .after(event_json(e, body_id, organizers))],
        )
        .await?;
        Ok(id)
    }

    /// Changes an event (its organizers replaced by `organizers`). A capacity below the registrations
    /// already accepted is refused; a new organizer's organizing is appended to the ledger.
    #[tracing::instrument(level = "debug", skip_all, fields(event = id, actor = who.person_id))]
    pub async fn update_event(
        &self,
        id: i64,
        e: &Event,
        body_id: Option<i64>,
        organizers: &[i64],
        who: &crate::Who,
    ) -> Result<()> {
        let mut tx = begin_events(self).await?;
        let current = locked_event(&mut tx, id).await?;
        e.check_capacity(current.registered)
            .map_err(StoreError::Invalid)?;
        check_refs(&mut tx, e, body_id, organizers).await?;
        sqlx::query(
            "UPDATE events SET body_id = $1, kind = $2, title = $3, description = $4, start_local = $5, \
             zone = $6, duration_minutes = $7, starts_at = $8, ends_at = $9, place = $10, link = $11, \
             capacity = $12, registration_open = $13, visibility = $14, updated_at = $15 WHERE id = $16",
        )
        .bind(body_id)
        .bind(e.kind.slug())
        .bind(&e.title)
        .bind(&e.description)
        .bind(format_local(e.start))
        .bind(e.zone.name())
        .bind(e.duration_minutes)
        .bind(crate::format_time(e.starts_at()))
        .bind(crate::format_time(e.ends_at()))
        .bind(&e.place)
        .bind(&e.link)
        .bind(e.capacity)
        .bind(i64::from(e.registration_open))
        .bind(e.visibility.slug())
        .bind(self.stamp())
        .bind(id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM event_organizers WHERE event_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let now = self.now();
        for p in organizers {
            sqlx::query("INSERT INTO event_organizers (event_id, person_id) VALUES ($1, $2)")
                .bind(id)
                .bind(p)
                .execute(&mut *tx)
                .await?;
            append(&mut tx, &organized(id, e, body_id, *p, now)).await?;
        }
        tx.commit(
            who,
            [AuditEvent::new("event.update", "event", id)
                .after(event_json(e, body_id, organizers))],
        )
        .await
    }

    /// Cancels an event (it stays listed, marked; registration closes). False when it already was.
    #[tracing::instrument(level = "debug", skip_all, fields(event = id, actor = who.person_id))]
    pub async fn cancel_event(&self, id: i64, who: &crate::Who) -> Result<bool> {
        let mut tx = begin_events(self).await?;
        let current = locked_event(&mut tx, id).await?;
        if current.status == EventStatus::Cancelled {
            return Ok(false);
        }
        sqlx::query("UPDATE events SET status = $1, updated_at = $2 WHERE id = $3")
            .bind(EventStatus::Cancelled.slug())
            .bind(self.stamp())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit(who, [AuditEvent::new("event.cancel", "event", id)])
            .await?;
        Ok(true)
    }

    /// Registers the person (`agora_domain::events::Event::may_register` decides, under the events
    /// lock so the last seat goes once). False when they already were registered.
    #[tracing::instrument(level = "debug", skip_all, fields(event = id, actor = who.person_id))]
    pub async fn register_for_event(
        &self,
        id: i64,
        person_id: i64,
        now: DateTime<Utc>,
        who: &crate::Who,
    ) -> Result<bool> {
        let mut tx = begin_events(self).await?;
        let current = locked_event(&mut tx, id).await?;
        let held: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND person_id = $2",
        )
        .bind(id)
        .bind(person_id)
        .fetch_one(&mut *tx)
        .await?;
        if held > 0 {
            return Ok(false);
        }
        current
            .event
            .may_register(current.status, now, current.registered)
            .map_err(|code| invalid("registration", code))?;
        sqlx::query(
            "INSERT INTO event_registrations (event_id, person_id, registered_at) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(person_id)
        .bind(self.stamp())
        .execute(&mut *tx)
        .await?;
        tx.commit(
            who,
            [AuditEvent::new("event.register", "event", id)
                .after(serde_json::json!({"person_id": person_id}))],
        )
        .await?;
        Ok(true)
    }

    /// Withdraws the person's registration (not once their attendance is marked). False when they
    /// were not registered.
    #[tracing::instrument(level = "debug", skip_all, fields(event = id, actor = who.person_id))]
    pub async fn unregister_from_event(
        &self,
        id: i64,
        person_id: i64,
        who: &crate::Who,
    ) -> Result<bool> {
        let mut tx = begin_events(self).await?;
        locked_event(&mut tx, id).await?;
        let n = sqlx::query(
            "DELETE FROM event_registrations WHERE event_id = $1 AND person_id = $2 \
             AND attended_at IS NULL",
        )
        .bind(id)
        .bind(person_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if n == 0 {
            return Ok(false);
        }
        tx.commit(
            who,
            [AuditEvent::new("event.unregister", "event", id)
                .after(serde_json::json!({"person_id": person_id}))],
        )
        .await?;
        Ok(true)
    }

    /// Organizers mark registrants present once the event has begun. Each one's attendance is
    /// appended to the ledger (dated at the event's start); the mark stays, like the ledger entry.
    /// Returns how many were newly marked (nothing is written when none was).
    #[tracing::instrument(level = "debug", skip_all, fields(event = id, actor = who.person_id))]
    pub async fn mark_event_attendance(
        &self,
        id: i64,
        people: &[i64],
        guests: &[i64],
        now: DateTime<Utc>,
        who: &crate::Who,
    ) -> Result<u64> {
        let mut tx = begin_events(self).await?;
        let current = locked_event(&mut tx, id).await?;
        current
            .event
            .may_mark_attendance(current.status, now)
            .map_err(|code| invalid("attendance", code))?;
        let stamp = self.stamp();
        let mut marked = vec![];
        for p in people {
            let r = sqlx::query(
                "SELECT attended_at FROM event_registrations WHERE event_id = $1 AND person_id = $2",
            )
            .bind(id)
            .bind(p)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| invalid("attendance", "not-registered"))?;
            if get::<Option<String>>(&r, "attended_at")?.is_some() {
                continue;
            }
            sqlx::query(
                "UPDATE event_registrations SET attended_at = $1 WHERE event_id = $2 AND person_id = $3",
            )
            .bind(&stamp)
            .bind(id)
            .bind(p)
            .execute(&mut *tx)
            .await?;
            let a = NewActivity::new(
                *p,
                ActivitySource::Events,
                format!("attended:{id}:{p}"),
                ActivityKind::Attended,
                current.starts_at,
            )
            .detail(serde_json::json!({"event_id": id, "title": current.event.title}));
            let a = match &current.group {
                Some(g) => a.in_group(g.id),
                None => a,
            };
            append(&mut tx, &a).await?;
            marked.push(*p);
        }
        // Confirmed guests are marked on their registration; with no account, they have no ledger.
        let mut guests_marked = vec![];
        for g in guests {
            let r = sqlx::query(
                "SELECT attended_at FROM event_guests WHERE event_id = $1 AND id = $2 \
                 AND confirmed_at IS NOT NULL",
            )
            .bind(id)
            .bind(g)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| invalid("attendance", "not-registered"))?;
            if get::<Option<String>>(&r, "attended_at")?.is_some() {
                continue;
            }
            sqlx::query("UPDATE event_guests SET attended_at = $1 WHERE event_id = $2 AND id = $3")
                .bind(&stamp)
                .bind(id)
                .bind(g)
                .execute(&mut *tx)
                .await?;
            guests_marked.push(*g);
        }
        if marked.is_empty() && guests_marked.is_empty() {
            return Ok(0);
        }
        tx.commit(
            who,
            [AuditEvent::new("event.attendance", "event", id)
                .after(serde_json::json!({"people": marked, "guests": guests_marked}))],
        )
        .await?;
        Ok((marked.len() + guests_marked.len()) as u64)
    }

    /// The registrants with their e-mail addresses: for the event's organizers and admins only.
    pub async fn event_registrants(&self, id: i64) -> Result<Vec<Registrant>> {
        let rows = sqlx::query(
            "SELECT r.person_id, p.display_name, p.email, r.registered_at, r.attended_at \
             FROM event_registrations r JOIN people p ON p.id = r.person_id WHERE r.event_id = $1 \
             ORDER BY p.display_name, r.person_id",
        )
        .bind(id)
        .fetch_all(&self.reader)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Registrant {
                    person_id: get(r, "person_id")?,
                    name: get(r, "display_name")?,
                    email: get(r, "email")?,
                    registered_at: get_time(r, "event_registrations", "registered_at")?,
                    attended_at: get_opt_time(r, "event_registrations", "attended_at")?,
                })
            })
            .collect()
    }

    /// Whether the person is registered for the event.
    pub async fn is_registered(&self, id: i64, person_id: i64) -> Result<bool> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM event_registrations WHERE event_id = $1 AND person_id = $2",
        )
        .bind(id)
        .bind(person_id)
        .fetch_one(&self.reader)
        .await?;
        Ok(n > 0)
    }
}
