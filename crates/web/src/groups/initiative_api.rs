//! The initiatives API of a group: list, get, create, edit, status, join, withdraw,
//! cross-validator, sponsors and outputs. Handlers call `groups::initiatives`, as the pages do.

use super::initiatives::{self as act, CrossValidatorInput, StatusInput};
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use agora_domain::groups::initiatives::{InitiativeInput, OutputInput, SponsorInput};
use agora_store::StoredInitiative;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[utoipa::path(get, path = "/api/v1/groups/{slug}/initiatives", tag = "groups",
    params(("slug" = String, Path)),
    responses((status = 200, body = Vec<StoredInitiative>), (status = 404, body = ErrorBody)))]
/// A group's initiatives: multi-stakeholder ones first, then by status (open calls, in progress,
/// proposed, completed, cancelled) and date. Participants are named by display name and
/// organization.
pub async fn list(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<Vec<StoredInitiative>>> {
    let (group, _) = act::group(&state, &v, &slug).await?;
    Ok(Json(act::list(&state, &group).await?))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/initiatives", tag = "groups",
    params(("slug" = String, Path)), request_body = InitiativeInput,
    responses((status = 201, body = StoredInitiative), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`title`, `goal`, `deliverables`, `stages` (stage-required) or `call_closes_on` (date-in-past)")))]
/// Propose an initiative (facilitators and admins).
pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<InitiativeInput>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let i = act::create(&state, &v, &group, s, &input).await?;
    Ok((StatusCode::CREATED, Json(i)).into_response())
}

#[utoipa::path(get, path = "/api/v1/groups/{slug}/initiatives/{id}", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = StoredInitiative), (status = 404, body = ErrorBody)))]
/// One initiative with its participants, cross-validator, sponsors and outputs.
pub async fn get_initiative(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<StoredInitiative>> {
    let (group, _) = act::group(&state, &v, &slug).await?;
    Ok(Json(act::get(&state, &group, id).await?))
}

#[utoipa::path(put, path = "/api/v1/groups/{slug}/initiatives/{id}", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = InitiativeInput,
    responses((status = 200, body = StoredInitiative), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// Change an initiative (facilitators and admins); completed and cancelled ones change no more.
pub async fn update(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<InitiativeInput>,
) -> Result<Json<StoredInitiative>> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    Ok(Json(act::update(&state, &v, &group, s, id, &input).await?))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/initiatives/{id}/status", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = StatusInput,
    responses((status = 200, body = StoredInitiative), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`status` (invalid-transition) or `call_closes_on` (required, date-in-past: opening the call)")))]
/// Move the initiative one step (proposed → open call → in progress → completed) or cancel it
/// (facilitators and admins).
pub async fn status(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<StatusInput>,
) -> Result<Json<StoredInitiative>> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    Ok(Json(
        act::set_status(&state, &v, &group, s, id, &input).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/initiatives/{id}/join", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = StoredInitiative), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`status` (call-not-open) or `call_closes_on` (call-closed)")))]
/// Answer the open call (members of the group). Joining twice changes nothing.
pub async fn join(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<StoredInitiative>> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    Ok(Json(act::join(&state, &v, &group, s, id).await?))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/initiatives/{id}/withdraw", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = StoredInitiative), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// Leave an initiative one takes part in.
pub async fn withdraw(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<StoredInitiative>> {
    let (group, _) = act::group(&state, &v, &slug).await?;
    Ok(Json(act::withdraw(&state, &v, &group, id).await?))
}

#[utoipa::path(put, path = "/api/v1/groups/{slug}/initiatives/{id}/cross-validator", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = CrossValidatorInput,
    responses((status = 200, body = StoredInitiative), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`person_id` (invalid-number, not-a-member)")))]
/// Set the cross-validation reviewer, a member of the group (facilitators and admins); empty removes.
pub async fn cross_validator(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<CrossValidatorInput>,
) -> Result<Json<StoredInitiative>> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    Ok(Json(
        act::set_cross_validator(&state, &v, &group, s, id, &input).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/initiatives/{id}/sponsors", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = SponsorInput,
    responses((status = 201, body = StoredInitiative), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`name` (required, already-sponsor) or `branding_acknowledged` (branding-acknowledgement-required)")))]
/// Add a co-branding sponsor, with its acknowledgement of the Open edX branding guidelines
/// (facilitators and admins).
pub async fn add_sponsor(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<SponsorInput>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let i = act::add_sponsor(&state, &v, &group, s, id, &input).await?;
    Ok((StatusCode::CREATED, Json(i)).into_response())
}

#[utoipa::path(delete, path = "/api/v1/groups/{slug}/initiatives/{id}/sponsors/{sponsor}", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path), ("sponsor" = i64, Path)),
    responses((status = 200, body = StoredInitiative), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
/// Remove a sponsor (facilitators and admins).
pub async fn remove_sponsor(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id, sponsor)): Path<(String, i64, i64)>,
) -> Result<Json<StoredInitiative>> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    Ok(Json(
        act::remove_sponsor(&state, &v, &group, s, id, sponsor).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/initiatives/{id}/outputs", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = OutputInput,
    responses((status = 201, body = StoredInitiative), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`title` or `url` (http or https only)")))]
/// Add a link to something the initiative produced (facilitators and admins).
pub async fn add_output(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<OutputInput>,
) -> Result<Response> {
    let (group, s) = act::group(&state, &v, &slug).await?;
    let i = act::add_output(&state, &v, &group, s, id, &input).await?;
    Ok((StatusCode::CREATED, Json(i)).into_response())
}
