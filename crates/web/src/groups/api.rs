//! The groups API: the directory, a group with its members and terms, sign-up, and the facilitator's
//! work. Handlers call `groups::actions`, as the pages do, so both enforce the same rules.

use super::actions::{self, AnswerInput, GroupDetail, TermInput};
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use agora_domain::groups::{Joining, ProfileInput};
use agora_store::{FacilitatorTerm, Group, JoinRequest};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[utoipa::path(get, path = "/api/v1/groups", tag = "groups",
    responses((status = 200, body = [Group], description = "The groups the caller may see, by name")))]
/// Working groups, focus groups and committees.
pub async fn list_groups(State(state): State<AppState>, v: Viewer) -> Result<Json<Vec<Group>>> {
    Ok(Json(
        actions::visible_groups(&state, &v)
            .await?
            .into_iter()
            .map(|(g, _)| g)
            .collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/groups/{slug}", tag = "groups", params(("slug" = String, Path)),
    responses((status = 200, body = GroupDetail), (status = 404, body = ErrorBody)))]
/// A group: its profile, subgroups, collaborators, members (names and organizations), facilitator
/// terms and, for its facilitators, the requests waiting for an answer.
pub async fn get_group(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<GroupDetail>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(actions::detail(&state, &v, group, s).await?))
}

#[utoipa::path(put, path = "/api/v1/groups/{slug}", tag = "groups", params(("slug" = String, Path)),
    request_body = ProfileInput,
    responses((status = 204, description = "Saved"), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
/// Set a group's profile: kind, parent, purpose, charter, time commitment, channels, membership and
/// visibility (its facilitators and admins).
pub async fn update_group(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<ProfileInput>,
) -> Result<StatusCode> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    actions::update_profile(&state, &v, &group, s, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignUpAnswer {
    /// `joined` (a member now) or `requested` (a facilitator will answer).
    pub outcome: String,
}

fn signed_up(j: Joining) -> Response {
    let outcome = match j {
        Joining::Joined => "joined",
        Joining::Requested => "requested",
    };
    (
        StatusCode::CREATED,
        Json(SignUpAnswer {
            outcome: outcome.into(),
        }),
    )
        .into_response()
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/join", tag = "groups", params(("slug" = String, Path)),
    responses((status = 201, body = SignUpAnswer), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`membership`: by-request, already-member")))]
/// Join an open group.
pub async fn join(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Response> {
    let (group, _) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(signed_up(
        actions::sign_up(&state, &v, &group, false, "").await?,
    ))
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RequestInput {
    /// A few words for the facilitators.
    pub message: String,
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/request", tag = "groups", params(("slug" = String, Path)),
    request_body = RequestInput,
    responses((status = 201, body = SignUpAnswer), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody)))]
/// Ask to join a group (an open group admits at once).
pub async fn request(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<RequestInput>,
) -> Result<Response> {
    let (group, _) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(signed_up(
        actions::sign_up(&state, &v, &group, true, &input.message).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/leave", tag = "groups", params(("slug" = String, Path)),
    responses((status = 204, description = "Left"), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`membership`: not-member, facilitator-must-hand-over")))]
/// Leave a group.
pub async fn leave(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<StatusCode> {
    let (group, _) = actions::group_by_slug(&state, &v, &slug).await?;
    actions::leave(&state, &v, &group).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/groups/{slug}/requests", tag = "groups", params(("slug" = String, Path)),
    responses((status = 200, body = [JoinRequest]), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// Requests to join waiting for an answer (facilitators and admins).
pub async fn requests(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<Vec<JoinRequest>>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    actions::require_facilitator(&v, s)?;
    Ok(Json(
        state.store.pending_join_requests(&[group.body.id]).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/requests/{id}", tag = "groups",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = AnswerInput,
    responses((status = 200, body = JoinRequest), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`decision`, or `reason` when declining")))]
/// Accept or decline a request to join (a decline says why).
pub async fn answer(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<AnswerInput>,
) -> Result<Json<JoinRequest>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    Ok(Json(
        actions::answer(&state, &v, &group, s, id, &input).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/groups/{slug}/terms", tag = "groups", params(("slug" = String, Path)),
    request_body = TermInput,
    responses((status = 201, body = FacilitatorTerm), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`seat`, `starts_on`, `ends_on` or `person`")))]
/// Plan a facilitator term for a member (facilitators and admins).
pub async fn plan_term(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<TermInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let term = actions::plan_term(&state, &v, &group, s, &input).await?;
    Ok((StatusCode::CREATED, Json(term)).into_response())
}
