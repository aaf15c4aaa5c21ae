//! `/api/v1/partnerships`: the list for anyone, changes for admins.

use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use agora_domain::partnerships::PartnershipInput;
use agora_domain::permissions::Permission;
use agora_store::StoredPartnership;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;

const INPUT_ERRORS: &str = "`organization` or `description` (required, too-long), `kind` (partnership-kind), `website` (invalid-url), `involvement` (too-long), `since` or `ended` (invalid-date; ended-before-since)";

#[utoipa::path(get, path = "/api/v1/partnerships", tag = "partners",
    responses((status = 200, body = Vec<StoredPartnership>)))]
/// The foundation's partnerships with other organizations: current ones first, then ended ones.
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<StoredPartnership>>> {
    Ok(Json(state.store.partnerships().await?))
}

#[utoipa::path(post, path = "/api/v1/partnerships", tag = "partners", request_body = PartnershipInput,
    security(("token" = [])),
    responses((status = 201, body = StoredPartnership), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody, description = INPUT_ERRORS)))]
/// Add a partnership (admins).
pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    ApiJson(input): ApiJson<PartnershipInput>,
) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    let p = input.parse()?;
    let id = state.store.create_partnership(&p, &v.who()).await?;
    state.cache.invalidate();
    Ok((
        StatusCode::CREATED,
        Json(StoredPartnership { id, partnership: p }),
    )
        .into_response())
}

#[utoipa::path(put, path = "/api/v1/partnerships/{id}", tag = "partners", params(("id" = i64, Path)),
    request_body = PartnershipInput, security(("token" = [])),
    responses((status = 200, body = StoredPartnership), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = INPUT_ERRORS)))]
/// Replace a partnership's description (admins).
pub async fn update(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<PartnershipInput>,
) -> Result<Json<StoredPartnership>> {
    v.require(Permission::ManagePartners)?;
    let p = input.parse()?;
    state.store.update_partnership(id, &p, &v.who()).await?;
    state.cache.invalidate();
    Ok(Json(StoredPartnership { id, partnership: p }))
}

#[utoipa::path(delete, path = "/api/v1/partnerships/{id}", tag = "partners", params(("id" = i64, Path)),
    security(("token" = [])),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// Remove a partnership entered by mistake (admins); an ended one is marked ended instead.
pub async fn delete(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode> {
    v.require(Permission::ManagePartners)?;
    state.store.delete_partnership(id, &v.who()).await?;
    state.cache.invalidate();
    Ok(StatusCode::NO_CONTENT)
}
