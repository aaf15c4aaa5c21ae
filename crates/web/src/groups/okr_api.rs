//! The OKR API of a group: its objectives and key results per quarter (with its subgroups'), the
//! facilitators' changes, check-ins and end-of-period scores. Handlers call `groups::okrs`, as the
//! pages do, so both enforce the same rules.

use super::actions;
use super::okrs::{self, GroupOkrs, KeyResultDetail, PeriodQuery};
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use agora_domain::groups::okrs::{CheckInInput, KeyResultInput, ObjectiveInput, ScoreInput};
use agora_store::{Objective, StoredCheckIn, StoredKeyResult};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

#[utoipa::path(get, path = "/api/v1/groups/{slug}/okrs", tag = "groups",
    params(("slug" = String, Path), PeriodQuery),
    responses((status = 200, body = GroupOkrs), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`period`: invalid-period")))]
/// A group's objectives and key results in a quarter (the current one by default), each objective's
/// progress rolled up from its key results, and its subgroups' objectives.
pub async fn okrs(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Result<Json<GroupOkrs>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let period = okrs::period(&state, &q.period)?;
    Ok(Json(okrs::group_okrs(&state, &v, &group, s, period).await?))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/objectives", tag = "groups",
    params(("slug" = String, Path)), request_body = ObjectiveInput,
    responses((status = 201, body = Objective), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`title`, `description`, `period` or `aligned_to`")))]
/// Add an objective to a quarter (facilitators and admins); it may serve an objective of the parent
/// group in the same quarter.
pub async fn create_objective(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<ObjectiveInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let o = okrs::create_objective(&state, &v, &group, s, &input).await?;
    Ok((StatusCode::CREATED, Json(o)).into_response())
}

#[utoipa::path(put, path = "/api/v1/groups/{slug}/objectives/{id}", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = ObjectiveInput,
    responses((status = 200, body = Objective), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`title`, `description`, `period` or `aligned_to`")))]
/// Change an objective (facilitators and admins).
pub async fn update_objective(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<ObjectiveInput>,
) -> Result<Json<Objective>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(
        okrs::update_objective(&state, &v, &group, s, id, &input).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/objectives/{id}/key-results", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = KeyResultInput,
    responses((status = 201, body = StoredKeyResult), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`key_results` (too-many-key-results: five at most), `title`, `kind`, `start`, `target`, `unit`, `confidence` or `weight`")))]
/// Add a key result to an objective (facilitators and admins); an objective has at most five.
pub async fn add_key_result(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<KeyResultInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let kr = okrs::add_key_result(&state, &v, &group, s, id, &input).await?;
    Ok((StatusCode::CREATED, Json(kr)).into_response())
}

#[utoipa::path(get, path = "/api/v1/groups/{slug}/key-results/{id}", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)),
    responses((status = 200, body = KeyResultDetail), (status = 404, body = ErrorBody)))]
/// A key result with its objective and its check-ins, oldest first.
pub async fn get_key_result(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Json<KeyResultDetail>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(
        okrs::key_result_detail(&state, &v, &group, s, id).await?,
    ))
}

#[utoipa::path(put, path = "/api/v1/groups/{slug}/key-results/{id}", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = KeyResultInput,
    responses((status = 200, body = StoredKeyResult), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "a field of the key result, or `target` (already-scored) once it is scored")))]
/// Change a key result's title, kind, start, target, unit or weight (facilitators and admins); its
/// value and confidence move only by check-ins.
pub async fn update_key_result(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<KeyResultInput>,
) -> Result<Json<StoredKeyResult>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(
        okrs::update_key_result(&state, &v, &group, s, id, &input).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/key-results/{id}/check-ins", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = CheckInInput,
    responses((status = 201, body = StoredCheckIn), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`period` (period-closed, already-scored), `value`, `confidence` (0 to 1 in steps of 0.1) or `comment`")))]
/// Check in on a key result: its value now, the confidence and a comment (facilitators always,
/// members when the objective lets them). Refused once the period is over.
pub async fn check_in(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<CheckInInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let c = okrs::check_in(&state, &v, &group, s, id, &input).await?;
    Ok((StatusCode::CREATED, Json(c)).into_response())
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/key-results/{id}/score", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = ScoreInput,
    responses((status = 200, body = StoredKeyResult), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`score` (invalid-score, period-not-ending) or `note`")))]
/// Score a key result at the end of its period, 0 to 1.0, with a closing note (facilitators and
/// admins; from the period's last two weeks on).
pub async fn score(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<ScoreInput>,
) -> Result<Json<StoredKeyResult>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(okrs::score(&state, &v, &group, s, id, &input).await?))
}
