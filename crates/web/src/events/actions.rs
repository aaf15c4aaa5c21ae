//! What event pages and the API both do, each rule from `agora_domain::events`: who may see an
//! event (public, or its group's members, organizers and admins), who manages it (organizers, its
//! group's facilitators, admins), and the changes they make.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::events::{self as rules, EventInput, EventKind};
use agora_domain::permissions::Role;
use agora_domain::ValidationErrors;
use agora_store::{EventFilter, EventReader, Registrant, StoredEvent};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

fn invalid(field: &str, code: &'static str) -> Error {
    Error::Invalid(ValidationErrors::single(field, code))
}

pub fn reader(v: &Viewer) -> EventReader {
    EventReader {
        person_id: v.actor.person_id(),
        admin: v.actor.is_admin(),
    }
}

fn in_group(v: &Viewer, group: Option<i64>) -> (bool, bool) {
    match group {
        Some(g) => {
            let facilitator = v.actor.has(Role::Facilitator, Some(g));
            (
                facilitator || v.actor.has(Role::GroupMember, Some(g)),
                facilitator,
            )
        }
        None => (false, false),
    }
}

/// What the viewer may do with an event.
#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct Access {
    pub may_manage: bool,
    pub registered: bool,
}

/// The event, if the viewer may see it; a members-only event answers 404 to others, like one that
/// does not exist.
pub async fn visible_event(state: &AppState, v: &Viewer, id: i64) -> Result<(StoredEvent, Access)> {
    let e = state.store.event(id).await?.ok_or(Error::NotFound)?;
    let me = v.actor.person_id();
    let organizer = e.is_organizer(me);
    let (member, facilitator) = in_group(v, e.group.as_ref().map(|g| g.id));
    let admin = v.actor.is_admin();
    if !rules::may_view(e.event.visibility, organizer, member, admin) {
        return Err(Error::NotFound);
    }
    let registered = match me {
        Some(p) => state.store.is_registered(id, p).await?,
        None => false,
    };
    Ok((
        e,
        Access {
            may_manage: rules::may_manage(organizer, facilitator, admin),
            registered,
        },
    ))
}

fn require_manage(v: &Viewer, a: Access) -> Result<()> {
    if a.may_manage {
        Ok(())
    } else if v.person.is_none() {
        Err(Error::Unauthorized)
    } else {
        Err(Error::Forbidden)
    }
}

/// The list's filters as the page's query string and the API take them.
#[derive(Debug, Default, Clone, Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct ListQuery {
    /// `past` for events that ended; upcoming otherwise.
    pub when: String,
    /// An event kind (`webinar`, `workshop`, `meetup`, `conference-session`).
    pub kind: String,
    /// A group's slug.
    pub group: String,
}

/// The filter a query names; an unknown kind or group is a 422 naming it.
pub async fn filter(state: &AppState, v: &Viewer, q: &ListQuery) -> Result<EventFilter> {
    let kind = match q.kind.trim() {
        "" => None,
        k => Some(EventKind::parse(k).map_err(|c| invalid("kind", c))?),
    };
    let group_id = match q.group.trim() {
        "" => None,
        slug => Some(group_id(state, v, slug).await?),
    };
    Ok(EventFilter {
        past: q.when.trim() == "past",
        kind,
        group_id,
        ..EventFilter::default()
    })
}

/// A group the viewer may see, by slug; `unknown-group` on `group` otherwise.
async fn group_id(state: &AppState, v: &Viewer, slug: &str) -> Result<i64> {
    match crate::groups::actions::group_by_slug(state, v, slug).await {
        Ok((g, _)) => Ok(g.body.id),
        Err(Error::NotFound) => Err(invalid("group", "unknown-group")),
        Err(e) => Err(e),
    }
}

pub async fn list(state: &AppState, v: &Viewer, q: &ListQuery) -> Result<Vec<StoredEvent>> {
    let f = filter(state, v, q).await?;
    Ok(state.store.events(reader(v), &f, state.clock.now()).await?)
}

/// The group an event is for: only its facilitators (and admins) organize in a group's name.
async fn group_for(state: &AppState, v: &Viewer, slug: Option<&str>) -> Result<Option<i64>> {
    let Some(slug) = slug else { return Ok(None) };
    let id = group_id(state, v, slug).await?;
    if v.actor.is_admin() || v.actor.has(Role::Facilitator, Some(id)) {
        Ok(Some(id))
    } else {
        Err(invalid("group", "not-a-facilitator"))
    }
}

/// Further organizers as people type them: e-mail addresses (or person numbers, as the API takes
/// them), separated by commas; each address becomes its person's number. An address of no one is
/// `unknown-person` on `organizers`.
async fn with_organizer_ids(state: &AppState, input: &EventInput) -> Result<EventInput> {
    let mut ids = vec![];
    for part in input
        .organizers
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        if part.contains('@') {
            let person = state
                .store
                .person_by_email(&part.to_lowercase())
                .await?
                .ok_or_else(|| invalid("organizers", "unknown-person"))?;
            ids.push(person.id.to_string());
        } else {
            ids.push(part.to_string());
        }
    }
    Ok(EventInput {
        organizers: ids.join(", "),
        ..input.clone()
    })
}

/// The further organizers as the form shows them: by e-mail address.
pub async fn organizer_addresses(state: &AppState, ids: &[i64]) -> Result<String> {
    let mut out = vec![];
    for id in ids {
        if let Some(p) = state.store.person(*id).await? {
            out.push(p.email.as_str().to_string());
        }
    }
    Ok(out.join(", "))
}

/// Creates an event organized by the viewer (and the further organizers named).
pub async fn create(state: &AppState, v: &Viewer, input: &EventInput) -> Result<StoredEvent> {
    let me = v.actor.person_id().ok_or(Error::Unauthorized)?;
    let p = with_organizer_ids(state, input).await?.parse()?;
    let body = group_for(state, v, p.group.as_deref()).await?;
    let mut organizers = vec![me];
    organizers.extend(p.organizers.iter().filter(|o| **o != me));
    let id = state
        .store
        .create_event(&p.event, body, &organizers, &v.who())
        .await?;
    state.store.event(id).await?.ok_or(Error::NotFound)
}

/// Changes an event. The editor stays an organizer if they were one; the others are those named.
pub async fn update(
    state: &AppState,
    v: &Viewer,
    id: i64,
    input: &EventInput,
) -> Result<StoredEvent> {
    let (current, a) = visible_event(state, v, id).await?;
    require_manage(v, a)?;
    let p = with_organizer_ids(state, input).await?.parse()?;
    let same_group = current.group.as_ref().map(|g| g.slug.as_str()) == p.group.as_deref();
    let body = if same_group {
        current.group.as_ref().map(|g| g.id)
    } else {
        group_for(state, v, p.group.as_deref()).await?
    };
    let me = v.actor.person_id();
    let mut organizers: Vec<i64> = me
        .filter(|_| current.is_organizer(me))
        .into_iter()
        .collect();
    organizers.extend(p.organizers.iter().filter(|o| Some(**o) != me));
    state
        .store
        .update_event(id, &p.event, body, &organizers, &v.who())
        .await?;
    state.store.event(id).await?.ok_or(Error::NotFound)
}

pub async fn cancel(state: &AppState, v: &Viewer, id: i64) -> Result<StoredEvent> {
    let (_, a) = visible_event(state, v, id).await?;
    require_manage(v, a)?;
    state.store.cancel_event(id, &v.who()).await?;
    state.store.event(id).await?.ok_or(Error::NotFound)
}

/// The viewer registers (`true`) or withdraws (`false`).
pub async fn registration(state: &AppState, v: &Viewer, id: i64, register: bool) -> Result<()> {
    let me = v.actor.person_id().ok_or(Error::Unauthorized)?;
    visible_event(state, v, id).await?;
    if register {
        state
            .store
            .register_for_event(id, me, state.clock.now(), &v.who())
            .await?;
    } else {
        state.store.unregister_from_event(id, me, &v.who()).await?;
    }
    Ok(())
}

/// The registrants, with their e-mail addresses: organizers, the group's facilitators and admins.
pub async fn registrants(
    state: &AppState,
    v: &Viewer,
    id: i64,
) -> Result<(StoredEvent, Vec<Registrant>)> {
    let (e, a) = visible_event(state, v, id).await?;
    require_manage(v, a)?;
    let list = state.store.event_registrants(id).await?;
    Ok((e, list))
}

/// Whom organizers mark present: registrants' person ids, and confirmed guests' ids.
#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
#[serde(default)]
pub struct AttendanceInput {
    pub present: Vec<i64>,
    pub guests: Vec<i64>,
}

pub async fn mark_attendance(
    state: &AppState,
    v: &Viewer,
    id: i64,
    who: &AttendanceInput,
) -> Result<u64> {
    let (_, a) = visible_event(state, v, id).await?;
    require_manage(v, a)?;
    if who.present.is_empty() && who.guests.is_empty() {
        return Err(invalid("attendance", "required"));
    }
    Ok(state
        .store
        .mark_event_attendance(id, &who.present, &who.guests, state.clock.now(), &v.who())
        .await?)
}

// ---- Guests: visitors who register with a name and an e-mail address, confirmed by a mailed link.

/// A guest's link: `/events/guests/<secret>`; the database keeps only the secret's hash.
pub const GUEST_PATH: &str = "/events/guests";

/// Requests per address and hour a visitor may make (each may mail someone).
const GUEST_REQUESTS_PER_IP_HOUR: i64 = 20;
/// Requests per e-mail address and hour, across all events: one mailbox gets a few links, however
/// many events and addresses ask.
const GUEST_REQUESTS_PER_ADDRESS_HOUR: i64 = 5;

/// A visitor asks to attend a public event as a guest. The event must take registrations now (it is
/// checked again, with the seat, when the link is used). The answer is the same whether or not the
/// address had asked before, so the form tells no one who registered.
pub async fn ask_as_guest(
    state: &AppState,
    v: &Viewer,
    id: i64,
    input: &rules::GuestInput,
) -> Result<()> {
    let (e, _) = visible_event(state, v, id).await?;
    let guest = input.parse()?;
    rules::may_register_as_guest(e.event.visibility).map_err(|c| invalid("registration", c))?;
    e.event
        .may_register(e.status, state.clock.now(), e.registered)
        .map_err(|c| invalid("registration", c))?;
    let ip = v.ip.map(|i| i.to_string()).unwrap_or_default();
    crate::auth::rate_limit(
        state,
        &[
            (format!("guest:ip:{ip}"), GUEST_REQUESTS_PER_IP_HOUR),
            (
                format!("guest:address:{}", guest.email.as_str()),
                GUEST_REQUESTS_PER_ADDRESS_HOUR,
            ),
        ],
        3600,
    )
    .await?;
    let token = crate::auth::random_token();
    let link = state.config.url(&format!("{GUEST_PATH}/{token}"));
    let when = format!(
        "{} – {} ({})",
        e.event.start.format("%Y-%m-%d %H:%M"),
        e.event.local_end().format("%H:%M"),
        v.tr.t1("events-zone", "zone", e.event.zone.name())
    );
    let subject =
        v.tr.t1("email-event-guest-subject", "title", &e.event.title);
    let body = v.tr.tn(
        "email-event-guest-body",
        &[
            ("name", guest.name.clone()),
            ("title", e.event.title.clone()),
            ("when", when),
            ("link", link),
            ("hours", rules::GUEST_LINK_HOURS.to_string()),
        ],
    );
    state
        .store
        .ask_guest_registration(&agora_store::GuestRequest {
            event_id: id,
            guest: &guest,
            token_hash: &crate::auth::hash_token(&token),
            subject: &subject,
            body: &body,
        })
        .await?;
    Ok(())
}

/// The guest and the event a link names; an unknown or withdrawn link is not found.
pub async fn guest_of_link(
    state: &AppState,
    token: &str,
) -> Result<(agora_store::EventGuest, StoredEvent)> {
    let g = state
        .store
        .event_guest_by_token(&crate::auth::hash_token(token))
        .await?
        .ok_or(Error::NotFound)?;
    let e = state
        .store
        .event(g.event_id)
        .await?
        .ok_or(Error::NotFound)?;
    Ok((g, e))
}

/// The event's guests, with their addresses: organizers, the group's facilitators and admins.
pub async fn guests(state: &AppState, v: &Viewer, id: i64) -> Result<Vec<agora_store::EventGuest>> {
    let (_, a) = visible_event(state, v, id).await?;
    require_manage(v, a)?;
    Ok(state.store.event_guests(id).await?)
}
