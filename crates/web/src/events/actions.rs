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

/// Creates an event organized by the viewer (and the further organizers named).
pub async fn create(state: &AppState, v: &Viewer, input: &EventInput) -> Result<StoredEvent> {
    let me = v.actor.person_id().ok_or(Error::Unauthorized)?;
    let p = input.parse()?;
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
    let p = input.parse()?;
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

/// Whom organizers mark present: registrants' person ids.
#[derive(Debug, Default, Clone, Deserialize, ToSchema)]
#[serde(default)]
pub struct AttendanceInput {
    pub present: Vec<i64>,
}

pub async fn mark_attendance(state: &AppState, v: &Viewer, id: i64, people: &[i64]) -> Result<u64> {
    let (_, a) = visible_event(state, v, id).await?;
    require_manage(v, a)?;
    if people.is_empty() {
        return Err(invalid("attendance", "required"));
    }
    Ok(state
        .store
        .mark_event_attendance(id, people, state.clock.now(), &v.who())
        .await?)
}
