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
use agora_domain::events::{EventInput, EventKind, EventStatus};
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
}

impl EventView {
    fn cancelled(&self) -> bool {
        self.e.status == EventStatus::Cancelled
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
    })
}

/// `/events/{id}`, or its feed at `/events/{id}.ics` (one path segment: axum matches whole ones).
pub async fn event_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(file): Path<String>,
) -> Result<Response> {
    if let Some(id) = file.strip_suffix(".ics") {
        let id = id.parse::<i64>().map_err(|_| Error::NotFound)?;
        return super::feeds::one(&state, &v, id).await;
    }
    let id = file.parse::<i64>().map_err(|_| Error::NotFound)?;
    Ok(render(&event_view(&state, &v, id, FieldErrors::default()).await?)?.into_response())
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
}

fn form_view(v: &Viewer, id: Option<i64>, input: EventInput, errors: FieldErrors) -> FormView {
    FormView {
        ctx: Ctx::new(v, "/events"),
        id,
        input,
        kinds: EventKind::ALL,
        errors,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewQuery {
    /// Prefills the group (from a group's page).
    pub group: String,
}

pub async fn new_event(v: Viewer, Query(q): Query<NewQuery>) -> Result<Html<String>> {
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
    render(&form_view(&v, None, input, FieldErrors::default()))
}

pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    Form(input): Form<EventInput>,
) -> Result<Response> {
    match actions::create(&state, &v, &input).await {
        Ok(e) => Ok(Redirect::to(&format!("/events/{}", e.id)).into_response()),
        Err(Error::Invalid(e)) => {
            let view = form_view(&v, None, input, FieldErrors(e));
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
    let input = EventInput::of(&e.event, e.group.as_ref().map(|g| g.slug.as_str()), &others);
    render(&form_view(&v, Some(id), input, FieldErrors::default()))
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
            let view = form_view(&v, Some(id), input, FieldErrors(e));
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
    errors: FieldErrors,
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
}

pub async fn attendance(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<AttendanceForm>,
) -> Result<Response> {
    let people: std::result::Result<Vec<i64>, _> =
        f.present.iter().map(|p| p.trim().parse::<i64>()).collect();
    let done = match people {
        Ok(people) => actions::mark_attendance(&state, &v, id, &people)
            .await
            .map(drop),
        Err(_) => Err(Error::Invalid(agora_domain::ValidationErrors::single(
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
