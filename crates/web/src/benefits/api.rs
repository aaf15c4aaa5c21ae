//! `/api/v1/programs` and `/api/v1/training`: the same rules as the pages (`actions`).

use super::actions::{
    partner_for, require_active_partner, shown_participants, visible_program, visible_programs,
};
use super::training::{audience_filter, AudienceQuery};
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use agora_domain::benefits::{JoinInput, ProgramInput, ProgramKind};
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::{ProgramParticipant, StoredProgram, StoredTraining, TrainingOpen};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

const PROGRAM_ERRORS: &str = "`kind` (program-kind; program-kind-fixed), `title` or `description` (required, too-long), `link` (invalid-url), `starts_on` or `ends_on` (invalid-date; ends-before-start), `seats` (invalid-seats; fewer-seats-than-participants), `state` (program-state)";
const JOIN_ERRORS: &str = "`partner` (required, choose-your-partner), `role` (participant-role, sponsor-only-campaigns), `assets` (required for campaigns, too-long), `program` (partner-not-active, program-closed, program-full)";

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct KindQuery {
    /// `beta`, `roadmap` or `campaign`; empty for all.
    pub kind: String,
}

#[utoipa::path(get, path = "/api/v1/programs", tag = "partners", params(KindQuery),
    responses((status = 200, body = Vec<StoredProgram>), (status = 422, body = ErrorBody)))]
/// Programs partners sign up for: campaigns for anyone; beta programs and roadmap discussions for
/// active partners' people and the foundation.
pub async fn list(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<KindQuery>,
) -> Result<Json<Vec<StoredProgram>>> {
    let kind = match q.kind.trim() {
        "" => None,
        s => Some(ProgramKind::parse(s).map_err(|c| ValidationErrors::single("kind", c))?),
    };
    Ok(Json(visible_programs(&state, &v, kind).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProgramDetail {
    #[serde(flatten)]
    pub program: StoredProgram,
    /// Campaigns: every participant and sponsor. Other programs: every sign-up for the
    /// foundation, the viewer's own partners' for a partner. Contacts only for the foundation and
    /// the partner itself.
    pub participants: Vec<ProgramParticipant>,
}

/// The sign-ups the viewer may see (`actions::shown_participants`); its own are those of every
/// partner it belongs to.
async fn participants_shown(
    state: &AppState,
    v: &Viewer,
    p: &StoredProgram,
) -> Result<Vec<ProgramParticipant>> {
    let all = state.store.participants(p.id).await?;
    Ok(shown_participants(v, p, &all, &v.actor.partner_ids()))
}

#[utoipa::path(get, path = "/api/v1/programs/{id}", tag = "partners", params(("id" = i64, Path)),
    responses((status = 200, body = ProgramDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// A program with the sign-ups the viewer may see.
pub async fn detail(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<ProgramDetail>> {
    let p = visible_program(&state, &v, id).await?;
    let participants = participants_shown(&state, &v, &p).await?;
    Ok(Json(ProgramDetail {
        program: p,
        participants,
    }))
}

#[utoipa::path(post, path = "/api/v1/programs", tag = "partners", request_body = ProgramInput,
    security(("token" = [])),
    responses((status = 201, body = StoredProgram), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody, description = PROGRAM_ERRORS)))]
/// Open a program (the foundation).
pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    ApiJson(input): ApiJson<ProgramInput>,
) -> Result<Response> {
    v.require(Permission::ManageBenefits)?;
    let p = input.parse()?;
    let id = state.store.create_program(&p, &v.who()).await?;
    state.cache.invalidate();
    let stored = state
        .store
        .program(id)
        .await?
        .ok_or(crate::error::Error::NotFound)?;
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

#[utoipa::path(put, path = "/api/v1/programs/{id}", tag = "partners", params(("id" = i64, Path)),
    request_body = ProgramInput, security(("token" = [])),
    responses((status = 200, body = StoredProgram), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = PROGRAM_ERRORS)))]
/// Change a program, or close it with `"state": "closed"` (the foundation).
pub async fn update(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<ProgramInput>,
) -> Result<Json<StoredProgram>> {
    v.require(Permission::ManageBenefits)?;
    let p = input.parse()?;
    state.store.update_program(id, &p, &v.who()).await?;
    state.cache.invalidate();
    Ok(Json(
        state
            .store
            .program(id)
            .await?
            .ok_or(crate::error::Error::NotFound)?,
    ))
}

#[utoipa::path(post, path = "/api/v1/programs/{id}/participants", tag = "partners", params(("id" = i64, Path)),
    request_body = JoinInput, security(("token" = [])),
    responses((status = 201, body = ProgramDetail), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = JOIN_ERRORS)))]
/// Sign one of your partners up for a program, or change its sign-up (active partners only).
pub async fn join(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<JoinInput>,
) -> Result<Response> {
    let p = visible_program(&state, &v, id).await?;
    let partner = partner_for(&state, &v, &input.partner).await?;
    let join = input.parse(p.program.kind)?;
    state
        .store
        .join_program(id, partner.id, &join, &v.who())
        .await?;
    state.cache.invalidate();
    let p = state
        .store
        .program(id)
        .await?
        .ok_or(crate::error::Error::NotFound)?;
    let participants = participants_shown(&state, &v, &p).await?;
    Ok((
        StatusCode::CREATED,
        Json(ProgramDetail {
            program: p,
            participants,
        }),
    )
        .into_response())
}

#[utoipa::path(delete, path = "/api/v1/programs/{id}/participants/{partner}", tag = "partners",
    params(("id" = i64, Path), ("partner" = String, Path, description = "The partner's slug")),
    security(("token" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// Withdraw one of your partners from a program.
pub async fn leave(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, partner)): Path<(i64, String)>,
) -> Result<StatusCode> {
    visible_program(&state, &v, id).await?;
    let partner = partner_for(&state, &v, &partner).await?;
    state.store.leave_program(id, partner.id, &v.who()).await?;
    state.cache.invalidate();
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/training", tag = "partners", params(("audience" = Option<String>, Query, description = "`everyone`, `sales`, `marketing` or `technical`")),
    security(("token" = [])),
    responses((status = 200, body = Vec<StoredTraining>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
/// The training library (active partners' people and the foundation). Open an item at
/// `/training/{id}/open`, which records who opened it.
pub async fn training_list(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<AudienceQuery>,
) -> Result<Json<Vec<StoredTraining>>> {
    require_active_partner(&state, &v).await?;
    let audience = audience_filter(&q)?;
    Ok(Json(state.store.training_items(audience, false).await?))
}

#[utoipa::path(post, path = "/api/v1/training", tag = "partners", request_body = agora_domain::benefits::TrainingInput,
    security(("token" = [])),
    responses((status = 201, body = StoredTraining), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`title` or `description` (required, too-long), `audience` (training-audience), `link` (link-or-file, invalid-url); files are uploaded on the page")))]
/// Add a linked item to the training library (the foundation).
pub async fn training_create(
    State(state): State<AppState>,
    v: Viewer,
    ApiJson(input): ApiJson<agora_domain::benefits::TrainingInput>,
) -> Result<Response> {
    v.require(Permission::ManageBenefits)?;
    let t = input.parse(false)?;
    let id = state.store.create_training(&t, None, &v.who()).await?;
    let stored = state
        .store
        .training_item(id)
        .await?
        .ok_or(crate::error::Error::NotFound)?;
    Ok((StatusCode::CREATED, Json(stored)).into_response())
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct OpensQuery {
    /// One item's openings only.
    pub item: Option<i64>,
}

#[utoipa::path(get, path = "/api/v1/training/opens", tag = "partners", params(OpensQuery),
    security(("token" = [])),
    responses((status = 200, body = Vec<TrainingOpen>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// Who opened what in the training library, newest first (the foundation; the last 1,000).
pub async fn training_opens(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<OpensQuery>,
) -> Result<Json<Vec<TrainingOpen>>> {
    v.require(Permission::ManageBenefits)?;
    Ok(Json(state.store.training_opens(q.item, 1000).await?))
}
