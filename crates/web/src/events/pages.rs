//! Event pages: the public list (upcoming or past, by kind and group), an event's page (its time in
//! its zone, named; place and link; organizers by name; the count of registrations, never who), the
//! organizers' form, cancelling, and their registrant list with attendance. A refused form is shown
//! again with the field's message (422) and nothing changed.

use super::actions::{self, Access, ListQuery};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::events::{EventInput, EventKind, EventStatus, GuestInput};
use agora_store::{Registrant, StoredEvent};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "events/index.html")]
struct IndexView {
    ctx: Ctx,
    events: Vec<StoredEvent>,
    query: ListQuery,
    kinds: &'static [EventKind],
    errors: FieldErrors,
    signed_in: bool,
}

impl IndexView {
    fn past(&self) -> bool {
        self.query.when == "past"
    }
}

pub async fn index(
    State(state): State<AppState>,
    v: Viewer,
    Query(query): Query<ListQuery>,
) -> Result<Response> {
    let (events, errors, status) = match actions::list(&state, &v, &query).await {
        Ok(e) => (e, FieldErrors::default(), StatusCode::OK),
        Err(Error::Invalid(e)) => (vec![], FieldErrors(e), StatusCode::UNPROCESSABLE_ENTITY),
        Err(e) => return Err(e),
    };
    let view = IndexView {
        ctx: Ctx::new(&v, "/events"),
        events,
        query,
        kinds: EventKind::ALL,
        errors,
        signed_in: v.person.is_some(),
    };
    Ok((status, render(&view)?).into_response())
}

#[derive(Template)]
#[template(path = "events/event.html")]
struct EventView {
    ctx: Ctx,
    e: StoredEvent,
    access: Access,
    signed_in: bool,
    errors: FieldErrors,
    /// A visitor's guest form, as typed (shown again with its errors).
    guest: GuestInput,
    /// What a guest just did (asked for a link, withdrew), as a message key.
    notice: Option<&'static str>,
    now: chrono::DateTime<chrono::Utc>,
}

impl EventView {
    fn cancelled(&self) -> bool {
        self.e.status == EventStatus::Cancelled
    }

    /// Why no one may register now (the message key of `Event::may_register`'s refusal), if so.
    fn closed_reason(&self) -> Option<&'static str> {
        self.e
            .event
            .may_register(self.e.status, self.now, self.e.registered)
            .err()
    }

    /// A visitor who just asked for a link sees the notice, not the form again.
    fn just_asked(&self) -> bool {
        self.notice == Some("events-guest-asked")
    }

    /// Visitors may register as guests now (the seat is checked again when the link is used).
    fn takes_guests(&self) -> bool {
        agora_domain::events::may_register_as_guest(self.e.event.visibility).is_ok()
            && self.closed_reason().is_none()
    }
}

async fn event_view(
    state: &AppState,
    v: &Viewer,
    id: i64,
    errors: FieldErrors,
) -> Result<EventView> {
    let (e, access) = actions::visible_event(state, v, id).await?;
    Ok(EventView {
        ctx: Ctx::new(v, "/events"),
        e,
        access,
        signed_in: v.person.is_some(),
        errors,
        guest: GuestInput::default(),
        notice: None,
        now: state.clock.now(),
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EventQuery {
    pub guest: String,
}

/// `/events/{id}`, or its feed at `/events/{id}.ics` (one path segment: axum matches whole ones).
pub async fn event_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(file): Path<String>,
    Query(q): Query<EventQuery>,
) -> Result<Response> {
    if let Some(id) = file.strip_suffix(".ics") {
        let id = id.parse::<i64>().map_err(|_| Error::NotFound)?;
        return super::feeds::one(&state, &v, id).await;
    }
    let id = file.parse::<i64>().map_err(|_| Error::NotFound)?;
    let mut view = event_view(&state, &v, id, FieldErrors::default()).await?;
    view.notice = match q.guest.as_str() {
        "asked" => Some("events-guest-asked"),
        "withdrawn" => Some("events-guest-withdrawn"),
        _ => None,
    };
    Ok(render(&view)?.into_response())
}

/// A visitor registers as a guest: back to the event's page saying a link is on its way, or the
/// page again with the form's errors (422).
pub async fn ask_as_guest(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<GuestInput>,
) -> Result<Response> {
    match actions::ask_as_guest(&state, &v, id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/events/{id}?guest=asked")).into_response()),
        Err(Error::Invalid(e)) => {
            let mut view = event_view(&state, &v, id, FieldErrors(e)).await?;
            view.guest = input;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "events/guest_unknown.html")]
struct GuestUnknownView {
    ctx: Ctx,
}

#[derive(Template)]
#[template(path = "events/guest.html")]
struct GuestView {
    ctx: Ctx,
    guest: agora_store::EventGuest,
    e: StoredEvent,
    /// The link's secret, for the forms' actions.
    token: String,
    errors: FieldErrors,
    now: chrono::DateTime<chrono::Utc>,
}

impl GuestView {
    fn link_valid(&self) -> bool {
        self.guest.link_valid(self.now)
    }
}

/// The page a guest's link opens: what they registered for and where it stands, with the button that
/// confirms (a link followed by a mail scanner changes nothing) or withdraws. Never cached or
/// referred: the address holds the secret.
async fn guest_page_for(
    state: &AppState,
    v: &Viewer,
    token: String,
    errors: FieldErrors,
) -> Result<Response> {
    let (guest, e) = match actions::guest_of_link(state, &token).await {
        Ok(found) => found,
        // Withdrawn or mistyped: say so in the guest's terms, not as a missing page of the site.
        Err(Error::NotFound) => {
            let view = GuestUnknownView {
                ctx: Ctx::new(v, "/events"),
            };
            return Ok((
                StatusCode::NOT_FOUND,
                [
                    (axum::http::header::CACHE_CONTROL, "no-store, private"),
                    (axum::http::header::REFERRER_POLICY, "no-referrer"),
                ],
                render(&view)?,
            )
                .into_response());
        }
        Err(e) => return Err(e),
    };
    let status = if errors.0.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let view = GuestView {
        ctx: Ctx::new(v, "/events"),
        guest,
        e,
        token,
        errors,
        now: state.clock.now(),
    };
    Ok((
        status,
        [
            (axum::http::header::CACHE_CONTROL, "no-store, private"),
            (axum::http::header::REFERRER_POLICY, "no-referrer"),
        ],
        render(&view)?,
    )
        .into_response())
}

pub async fn guest_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    guest_page_for(&state, &v, token, FieldErrors::default()).await
}

pub async fn confirm_guest(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    let done = state
        .store
        .confirm_event_guest(&crate::auth::hash_token(&token))
        .await;
    guest_after(&state, &v, token, done.map(drop).map_err(Error::from)).await
}

pub async fn withdraw_guest(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    let hash = crate::auth::hash_token(&token);
    let (_, e) = actions::guest_of_link(&state, &token).await?;
    match state.store.withdraw_event_guest(&hash).await {
        Ok(_) => Ok(Redirect::to(&format!("/events/{}?guest=withdrawn", e.id)).into_response()),
        Err(err) => guest_after(&state, &v, token, Err(Error::from(err))).await,
    }
}

async fn guest_after(
    state: &AppState,
    v: &Viewer,
    token: String,
    done: Result<()>,
) -> Result<Response> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("{}/{token}", actions::GUEST_PATH)).into_response()),
        Err(Error::Invalid(e)) => guest_page_for(state, v, token, FieldErrors(e)).await,
        Err(e) => Err(e),
    }
}

/// Back to the event's page, or the page again with the refusal (422).
async fn after(state: &AppState, v: &Viewer, id: i64, done: Result<()>) -> Result<Response> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/events/{id}")).into_response()),
        Err(Error::Invalid(e)) => {
            let view = event_view(state, v, id, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn register(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let done = actions::registration(&state, &v, id, true).await;
    after(&state, &v, id, done).await
}

pub async fn unregister(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let done = actions::registration(&state, &v, id, false).await;
    after(&state, &v, id, done).await
}

pub async fn cancel(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let done = actions::cancel(&state, &v, id).await.map(drop);
    after(&state, &v, id, done).await
}

#[derive(Template)]
#[template(path = "events/form.html")]
struct FormView {
    ctx: Ctx,
    id: Option<i64>,
    input: EventInput,
    kinds: &'static [EventKind],
    errors: FieldErrors,
    /// The groups the viewer may organize for, by name (slug, name).
    groups: Vec<(String, String)>,
}

async fn form_view(
    state: &AppState,
    v: &Viewer,
    id: Option<i64>,
    input: EventInput,
    errors: FieldErrors,
) -> Result<FormView> {
    let groups = crate::groups::actions::visible_groups(state, v)
        .await?
        .into_iter()
        .filter(|(g, s)| s.facilitator || s.admin || input.group.trim() == g.body.slug)
        .map(|(g, _)| (g.body.slug, g.body.name))
        .collect();
    Ok(FormView {
        ctx: Ctx::new(v, "/events"),
        id,
        input,
        kinds: EventKind::ALL,
        errors,
        groups,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewQuery {
    /// Prefills the group (from a group's page).
    pub group: String,
}

pub async fn new_event(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<NewQuery>,
) -> Result<Html<String>> {
    if v.person.is_none() {
        return Err(Error::Unauthorized);
    }
    let input = EventInput {
        kind: "webinar".into(),
        zone: "UTC".into(),
        registration: "open".into(),
        audience: "public".into(),
        group: q.group,
        ..EventInput::default()
    };
    render(&form_view(&state, &v, None, input, FieldErrors::default()).await?)
}

pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    Form(input): Form<EventInput>,
) -> Result<Response> {
    match actions::create(&state, &v, &input).await {
        Ok(e) => Ok(Redirect::to(&format!("/events/{}", e.id)).into_response()),
        Err(Error::Invalid(e)) => {
            let view = form_view(&state, &v, None, input, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    let (e, a) = actions::visible_event(&state, &v, id).await?;
    if !a.may_manage {
        return Err(if v.person.is_none() {
            Error::Unauthorized
        } else {
            Error::Forbidden
        });
    }
    let me = v.actor.person_id();
    let others: Vec<i64> = e
        .organizers
        .iter()
        .map(|o| o.person_id)
        .filter(|p| Some(*p) != me)
        .collect();
    let mut input = EventInput::of(&e.event, e.group.as_ref().map(|g| g.slug.as_str()), &others);
    input.organizers = actions::organizer_addresses(&state, &others).await?;
    render(&form_view(&state, &v, Some(id), input, FieldErrors::default()).await?)
}

pub async fn edit(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(input): Form<EventInput>,
) -> Result<Response> {
    match actions::update(&state, &v, id, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/events/{id}")).into_response()),
        Err(Error::Invalid(e)) => {
            let view = form_view(&state, &v, Some(id), input, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "events/registrants.html")]
struct RegistrantsView {
    ctx: Ctx,
    e: StoredEvent,
    registrants: Vec<Registrant>,
    guests: Vec<agora_store::EventGuest>,
    errors: FieldErrors,
}

impl RegistrantsView {
    fn pending_guests(&self) -> bool {
        self.guests.iter().any(|g| g.confirmed_at.is_none())
    }
}

async fn registrants_view(
    state: &AppState,
    v: &Viewer,
    id: i64,
    errors: FieldErrors,
) -> Result<RegistrantsView> {
    let (e, registrants) = actions::registrants(state, v, id).await?;
    Ok(RegistrantsView {
        ctx: Ctx::new(v, "/events"),
        e,
        registrants,
        guests: actions::guests(state, v, id).await?,
        errors,
    })
}

pub async fn registrants(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    let page = render(&registrants_view(&state, &v, id, FieldErrors::default()).await?)?;
    // Names and addresses of registrants: never kept by a shared cache.
    Ok((
        [(axum::http::header::CACHE_CONTROL, "no-store, private")],
        page,
    )
        .into_response())
}

/// The attendance form: a checkbox `present` per registrant (its person id).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AttendanceForm {
    pub present: Vec<String>,
    pub guest: Vec<String>,
}

pub async fn attendance(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<AttendanceForm>,
) -> Result<Response> {
    let ids = |list: &[String]| -> std::result::Result<Vec<i64>, std::num::ParseIntError> {
        list.iter().map(|p| p.trim().parse::<i64>()).collect()
    };
    let done = match (ids(&f.present), ids(&f.guest)) {
        (Ok(present), Ok(guests)) => {
            let who = actions::AttendanceInput { present, guests };
            actions::mark_attendance(&state, &v, id, &who)
                .await
                .map(drop)
        }
        _ => Err(Error::Invalid(agora_domain::ValidationErrors::single(
            "attendance",
            "not-registered",
        ))),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/events/{id}/registrants")).into_response()),
        Err(Error::Invalid(e)) => {
            let view = registrants_view(&state, &v, id, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}
