//! The obligations API: a partner's obligations for a year, its declared clients, and the policy
//! with its versions. Handlers call `actions` and `report`, as the pages do.

use super::actions::{self, AdoptInput, DeclarationView};
use super::report::{self, ObligationsReport, YearQuery};
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::Result;
use crate::AppState;
use agora_domain::obligations::DeclarationInput;
use agora_store::ObligationPolicyVersion;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

#[utoipa::path(get, path = "/api/v1/partners/{slug}/obligations", tag = "obligations",
    params(("slug" = String, Path), YearQuery),
    responses((status = 200, body = ObligationsReport), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "`year`: invalid-year")))]
/// What a partner owes in a year per type: required, approved, the arithmetic, the exemptions and
/// the status (the partner's people and admins).
pub async fn obligations(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<YearQuery>,
) -> Result<Json<ObligationsReport>> {
    let p = report::partner(&state, &v, &slug).await?;
    let year = q.year(&state)?;
    Ok(Json(report::report(&state, &v.tr, &p, year).await?))
}

#[utoipa::path(get, path = "/api/v1/partners/{slug}/clients", tag = "obligations",
    params(("slug" = String, Path), YearQuery),
    responses((status = 200, body = DeclarationView), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
/// The clients a partner declared for a year (the partner's people and admins).
pub async fn clients(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<YearQuery>,
) -> Result<Json<DeclarationView>> {
    let p = report::partner(&state, &v, &slug).await?;
    let year = q.year(&state)?;
    let d = state.store.client_declaration(p.id, year).await?;
    Ok(Json(DeclarationView::new(year, d.as_ref())))
}

#[utoipa::path(put, path = "/api/v1/partners/{slug}/clients", tag = "obligations",
    params(("slug" = String, Path)), request_body = DeclarationInput,
    responses((status = 200, body = ObligationsReport, description = "Declared; the year's obligations as they now stand"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "The fields refused, e.g. `count`: invalid-number, `clients[0].evidence`: consent-evidence-required")))]
/// Declare the clients a partner acquired in a year, as a count (with how many refused their logo or
/// a testimonial) or as a list with each client's consents; it replaces that year's earlier
/// declaration (the partner's admins and foundation admins).
pub async fn declare(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<DeclarationInput>,
) -> Result<Json<ObligationsReport>> {
    let p = report::partner(&state, &v, &slug).await?;
    let year = actions::declare(&state, &v, &p, &input).await?;
    Ok(Json(report::report(&state, &v.tr, &p, year).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PolicyHistory {
    /// Every version, newest first.
    pub versions: Vec<ObligationPolicyVersion>,
}

#[utoipa::path(get, path = "/api/v1/obligation-policy", tag = "obligations",
    responses((status = 200, body = PolicyHistory)))]
/// The marketing obligation policy: every adopted version with its years, rules and the decision
/// that adopted it. Public, like the decisions it comes from.
pub async fn policy(State(state): State<AppState>) -> Result<Json<PolicyHistory>> {
    Ok(Json(PolicyHistory {
        versions: state.store.obligation_policies().await?,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Adopted {
    pub version: i64,
}

#[utoipa::path(post, path = "/api/v1/obligation-policy", tag = "obligations",
    request_body = AdoptInput,
    responses((status = 201, body = Adopted), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "e.g. `case_study.percent`: percent-out-of-range, `decision_id`: unknown-decision")))]
/// Adopt a new version of the policy (foundation admins), citing the decision that adopted it.
pub async fn adopt(
    State(state): State<AppState>,
    v: Viewer,
    ApiJson(input): ApiJson<AdoptInput>,
) -> Result<(StatusCode, Json<Adopted>)> {
    let version = actions::adopt(&state, &v, &input).await?;
    Ok((StatusCode::CREATED, Json(Adopted { version })))
}
