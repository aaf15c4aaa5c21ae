//! The meetings API of a group: its series with their next occurrences, the facilitators' changes
//! (series, cancelled and moved occurrences, agenda and notes) and the members' attendance. Handlers
//! call `groups::meetings`, as the pages do, so both enforce the same rules.

use super::actions;
use super::meetings::{self, MeetingView, OccurrenceDetail};
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use agora_domain::groups::meetings::{ExceptionInput, SeriesInput};
use agora_store::OccurrenceNotes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use utoipa::ToSchema;

#[utoipa::path(get, path = "/api/v1/groups/{slug}/meetings", tag = "groups",
    params(("slug" = String, Path)),
    responses((status = 200, body = Vec<MeetingView>), (status = 404, body = ErrorBody)))]
/// A group's meeting series, each with its exceptions and next occurrences (in UTC and in the
/// series' time zone).
pub async fn list(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<Vec<MeetingView>>> {
    let (group, _) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(meetings::group_meetings(&state, &v, &group).await?))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/meetings", tag = "groups",
    params(("slug" = String, Path)), request_body = SeriesInput,
    responses((status = 201, body = MeetingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`title`, `rule` (invalid-rule, rule-too-frequent, start-not-in-rule), `start`, `zone` (unknown-time-zone), `duration_minutes` (5 to 1440) or `place`")))]
/// Add a meeting series (facilitators and admins): an RFC 5545 rule such as
/// `FREQ=WEEKLY;INTERVAL=2;BYDAY=WE`, the first occurrence's local start and its IANA time zone.
pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<SeriesInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let m = meetings::create(&state, &v, &group, s, &input).await?;
    Ok((StatusCode::CREATED, Json(m)).into_response())
}

#[utoipa::path(get, path = "/api/v1/groups/{slug}/meetings/{id}", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = ErrorBody)))]
/// One meeting series with its exceptions and next occurrences.
pub async fn get_series(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<MeetingView>> {
    let (group, _) = actions::group_by_slug(&state, &v, &slug).await?;
    let s = meetings::series(&state, &group, id).await?;
    Ok(Json(MeetingView::of(s, state.clock.now())))
}

#[utoipa::path(put, path = "/api/v1/groups/{slug}/meetings/{id}", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = SeriesInput,
    responses((status = 200, body = MeetingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "as for creating a series")))]
/// Change a meeting series (facilitators and admins).
pub async fn update(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<SeriesInput>,
) -> Result<Json<MeetingView>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(
        meetings::update(&state, &v, &group, s, id, &input).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/meetings/{id}/exceptions", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = ExceptionInput,
    responses((status = 200, body = MeetingView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`occurrence` (not-an-occurrence), `action` (cancel, move or restore) or `moved_to` (nonexistent-local-time)")))]
/// Cancel (`cancel`), move (`move`, with `moved_to` in the series' local time) or restore
/// (`restore`) one occurrence, named by its original local start (facilitators and admins).
pub async fn exception(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<ExceptionInput>,
) -> Result<Json<MeetingView>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(
        meetings::change_occurrence(&state, &v, &group, s, id, &input).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/groups/{slug}/meetings/{id}/occurrences/{occurrence}", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path),
           ("occurrence" = String, Path, description = "The original local start, `2026-03-04T10:00:00`")),
    responses((status = 200, body = OccurrenceDetail), (status = 404, body = ErrorBody)))]
/// One occurrence: when it is (none when cancelled), its agenda and notes, and who attends.
pub async fn occurrence(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id, occurrence)): Path<(String, i64, String)>,
) -> Result<Json<OccurrenceDetail>> {
    let (group, _) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(
        meetings::occurrence_detail(&state, &v, &group, id, &occurrence).await?,
    ))
}

/// The agenda and notes of an occurrence.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct NotesInput {
    pub agenda: String,
    pub notes: String,
}

#[utoipa::path(put, path = "/api/v1/groups/{slug}/meetings/{id}/occurrences/{occurrence}/notes", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path), ("occurrence" = String, Path)),
    request_body = NotesInput,
    responses((status = 200, body = OccurrenceDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`agenda` or `notes` (too-long)")))]
/// Write the agenda and notes of an occurrence (facilitators and admins).
pub async fn notes(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id, occurrence)): Path<(String, i64, String)>,
    ApiJson(input): ApiJson<NotesInput>,
) -> Result<Json<OccurrenceDetail>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let n = OccurrenceNotes {
        agenda: input.agenda,
        notes: input.notes,
    };
    meetings::set_notes(&state, &v, &group, s, id, &occurrence, &n).await?;
    Ok(Json(
        meetings::occurrence_detail(&state, &v, &group, id, &occurrence).await?,
    ))
}

/// Whether the caller attends (required).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct AttendanceInput {
    pub present: Option<bool>,
}

#[utoipa::path(put, path = "/api/v1/groups/{slug}/meetings/{id}/occurrences/{occurrence}/attendance", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path), ("occurrence" = String, Path)),
    request_body = AttendanceInput,
    responses((status = 200, body = OccurrenceDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`present` (required)")))]
/// Mark one's own attendance at an occurrence (members of the group).
pub async fn attendance(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id, occurrence)): Path<(String, i64, String)>,
    ApiJson(input): ApiJson<AttendanceInput>,
) -> Result<Json<OccurrenceDetail>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    meetings::set_attendance(&state, &v, &group, s, id, &occurrence, input.present).await?;
    Ok(Json(
        meetings::occurrence_detail(&state, &v, &group, id, &occurrence).await?,
    ))
}
