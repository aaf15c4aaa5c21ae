//! The events API: the list (upcoming or past, by kind and group), one event, the organizers'
//! changes, the caller's registration, and the registrant list with attendance for organizers.
//! Handlers call `events::actions`, as the pages do, so both enforce the same rules.

use super::actions::{self, Access, AttendanceInput, ListQuery};
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use agora_domain::events::EventInput;
use agora_domain::events::GuestInput;
use agora_store::{EventGuest, Registrant, StoredEvent};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

/// An event with what the caller may do with it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventDetail {
    #[serde(flatten)]
    pub event: StoredEvent,
    pub access: Access,
}

#[utoipa::path(get, path = "/api/v1/events", tag = "events", params(ListQuery),
    responses((status = 200, body = Vec<StoredEvent>),
              (status = 422, body = ErrorBody, description = "`kind` or `group` unknown")))]
/// Events the caller may see: upcoming (soonest first) or past (`when=past`, latest first), at
/// most 200, by kind and by group. Counts of registrations only, never who.
pub async fn list(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<ListQuery>,
) -> Result<Json<Vec<StoredEvent>>> {
    Ok(Json(actions::list(&state, &v, &q).await?))
}

#[utoipa::path(post, path = "/api/v1/events", tag = "events", request_body = EventInput,
    responses((status = 201, body = StoredEvent), (status = 401, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`kind`, `title`, `start_time`, `end_time` (end-before-start), `zone` (unknown-time-zone), `place`/`link` (http(s) only), `capacity`, `audience`, `group` (a facilitator's group) or `organizers`")))]
/// Create an event; the caller organizes it (with the `organizers` named). An event for a group
/// is created by its facilitators (and admins).
pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    ApiJson(input): ApiJson<EventInput>,
) -> Result<Response> {
    let e = actions::create(&state, &v, &input).await?;
    Ok((StatusCode::CREATED, Json(e)).into_response())
}

#[utoipa::path(get, path = "/api/v1/events/{id}", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = EventDetail), (status = 404, body = ErrorBody)))]
/// One event (404 for a members-only event to those outside its group).
pub async fn get_event(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<EventDetail>> {
    let (event, access) = actions::visible_event(&state, &v, id).await?;
    Ok(Json(EventDetail { event, access }))
}

#[utoipa::path(put, path = "/api/v1/events/{id}", tag = "events", params(("id" = i64, Path)),
    request_body = EventInput,
    responses((status = 200, body = StoredEvent), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "as for creating; `capacity` (capacity-below-registered)")))]
/// Change an event (its organizers, its group's facilitators, admins).
pub async fn update(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<EventInput>,
) -> Result<Json<StoredEvent>> {
    Ok(Json(actions::update(&state, &v, id, &input).await?))
}

#[utoipa::path(post, path = "/api/v1/events/{id}/cancel", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = StoredEvent), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
/// Cancel an event: it stays listed, marked, and takes no more registrations.
pub async fn cancel(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<StoredEvent>> {
    Ok(Json(actions::cancel(&state, &v, id).await?))
}

#[utoipa::path(put, path = "/api/v1/events/{id}/registration", tag = "events", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`registration`: event-full, registration-closed, event-past, event-cancelled")))]
/// Register the caller (again: nothing changes).
pub async fn register(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode> {
    actions::registration(&state, &v, id, true).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/events/{id}/registration", tag = "events", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// Withdraw the caller's registration (kept once their attendance is marked).
pub async fn unregister(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode> {
    actions::registration(&state, &v, id, false).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/events/{id}/registrants", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Registrant>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
/// The registrants with their e-mail addresses and attendance: organizers, the group's
/// facilitators and admins only.
pub async fn registrants(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<Vec<Registrant>>> {
    Ok(Json(actions::registrants(&state, &v, id).await?.1))
}

/// How many were newly marked present.
#[derive(Debug, Serialize, ToSchema)]
pub struct Marked {
    pub marked: u64,
}

#[utoipa::path(post, path = "/api/v1/events/{id}/attendance", tag = "events", params(("id" = i64, Path)),
    request_body = AttendanceInput,
    responses((status = 200, body = Marked), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`attendance`: required, not-registered, event-not-started, event-cancelled")))]
/// Mark registrants present (from the event's start on): people by `present`, confirmed guests by
/// `guests`. Each person's attendance goes to their activity ledger; a mark is not withdrawn.
pub async fn attendance(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<AttendanceInput>,
) -> Result<Json<Marked>> {
    let marked = actions::mark_attendance(&state, &v, id, &input).await?;
    Ok(Json(Marked { marked }))
}

#[utoipa::path(post, path = "/api/v1/events/{id}/guests", tag = "events", params(("id" = i64, Path)),
    request_body = GuestInput,
    responses((status = 202, description = "A link to confirm was mailed to the address (or had been, moments ago)"),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`full_name`: required, too-long, one-line; `email`: required, invalid-email; `registration`: members-only, event-full, registration-closed, event-past, event-cancelled"),
              (status = 429, body = ErrorBody)))]
/// Register for a public event without an account: a link to confirm goes to the address, and the
/// seat is taken when it is used. The answer does not say whether the address had registered before.
pub async fn ask_as_guest(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<GuestInput>,
) -> Result<StatusCode> {
    actions::ask_as_guest(&state, &v, id, &input).await?;
    Ok(StatusCode::ACCEPTED)
}

#[utoipa::path(get, path = "/api/v1/events/{id}/guests", tag = "events", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<EventGuest>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
/// The guests who registered without an account, with their addresses, confirmed first:
/// organizers, the group's facilitators and admins only.
pub async fn guests(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<Vec<EventGuest>>> {
    Ok(Json(actions::guests(&state, &v, id).await?))
}
