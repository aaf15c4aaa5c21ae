//! Deal registration on the web (issue 11): a partner's people register the prospects they work on
//! and close them (a won deal becomes a declared client of the year); the foundation lists every deal
//! with the other partners on the same organization and the leads that arrived from it. Pages and
//! API call the same functions here.

use super::report;
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::obligations::{DealInput, DealStatus};
use agora_domain::permissions::Permission;
use agora_domain::taxonomy::Segment;
use agora_domain::ValidationErrors;
use agora_store::{Partner, StoredDeal};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use axum_extra::extract::Form;
use serde::Deserialize;
use utoipa::ToSchema;

// ---- Actions

/// The partner, if the viewer may register its deals.
async fn dealer(state: &AppState, v: &Viewer, slug: &str) -> Result<Partner> {
    let p = report::partner(state, v, slug).await?;
    v.require(Permission::RegisterDeals { partner_id: p.id })?;
    Ok(p)
}

pub async fn register(
    state: &AppState,
    v: &Viewer,
    p: &Partner,
    input: &DealInput,
) -> Result<StoredDeal> {
    v.require(Permission::RegisterDeals { partner_id: p.id })?;
    let deal = input.parse(state.clock.now().date_naive())?;
    let id = state.store.register_deal(p.id, &deal, &v.who()).await?;
    state
        .store
        .partner_deals(p.id)
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or(Error::NotFound)
}

/// How a deal ends: `won`, `lost` or `withdrawn`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct CloseInput {
    pub status: String,
}

pub async fn close(
    state: &AppState,
    v: &Viewer,
    p: &Partner,
    id: i64,
    input: &CloseInput,
) -> Result<()> {
    v.require(Permission::RegisterDeals { partner_id: p.id })?;
    let to = DealStatus::parse(&input.status)
        .map_err(|c| Error::Invalid(ValidationErrors::single("status", c)))?;
    // A won deal changes the declared clients, which only the partner's admins declare.
    if to == DealStatus::Won {
        v.require(Permission::DeclareClients { partner_id: p.id })?;
    }
    state
        .store
        .close_deal(p.id, id, to, state.clock.now().date_naive(), &v.who())
        .await?;
    Ok(())
}

/// Every deal with the foundation's flags (admins).
pub async fn all(state: &AppState, v: &Viewer, open_only: bool) -> Result<Vec<StoredDeal>> {
    v.require(Permission::ManagePartners)?;
    Ok(state.store.all_deals(open_only).await?)
}

// ---- Pages

#[derive(Template)]
#[template(path = "obligations/deals.html")]
struct DealsView {
    ctx: Ctx,
    partner: Partner,
    deals: Vec<StoredDeal>,
    input: DealInput,
    errors: FieldErrors,
    segments: &'static [Segment],
    may_register: bool,
    /// Only the partner's admins close a deal as won (it adds a declared client).
    may_declare: bool,
}

impl DealsView {
    fn is_open(&self, d: &StoredDeal) -> bool {
        d.status == DealStatus::Open
    }
}

async fn deals_view(
    state: &AppState,
    v: &Viewer,
    p: Partner,
    input: DealInput,
    errors: FieldErrors,
) -> Result<DealsView> {
    Ok(DealsView {
        ctx: Ctx::new(v, "/portal"),
        deals: state.store.partner_deals(p.id).await?,
        may_register: v.can(Permission::RegisterDeals { partner_id: p.id }),
        may_declare: v.can(Permission::DeclareClients { partner_id: p.id }),
        partner: p,
        input,
        errors,
        segments: Segment::ALL,
    })
}

fn private(page: Html<String>, status: StatusCode) -> Response {
    // Prospects' names: never kept by a shared cache.
    (
        status,
        [(axum::http::header::CACHE_CONTROL, "no-store, private")],
        page,
    )
        .into_response()
}

pub async fn page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Response> {
    let p = report::partner(&state, &v, &slug).await?;
    let view = deals_view(&state, &v, p, DealInput::default(), FieldErrors::default()).await?;
    Ok(private(render(&view)?, StatusCode::OK))
}

pub async fn register_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(input): Form<DealInput>,
) -> Result<Response> {
    let p = dealer(&state, &v, &slug).await?;
    match register(&state, &v, &p, &input).await {
        Ok(_) => Ok(Redirect::to(&format!("/partners/{slug}/deals")).into_response()),
        Err(Error::Invalid(e)) => {
            let view = deals_view(&state, &v, p, input, FieldErrors(e)).await?;
            Ok(private(render(&view)?, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e) => Err(e),
    }
}

pub async fn close_form(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(input): Form<CloseInput>,
) -> Result<Response> {
    let p = dealer(&state, &v, &slug).await?;
    match close(&state, &v, &p, id, &input).await {
        Ok(()) => Ok(Redirect::to(&format!("/partners/{slug}/deals")).into_response()),
        Err(Error::Invalid(e)) => {
            let view = deals_view(&state, &v, p, DealInput::default(), FieldErrors(e)).await?;
            Ok(private(render(&view)?, StatusCode::UNPROCESSABLE_ENTITY))
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "obligations/admin_deals.html")]
struct AdminDealsView {
    ctx: Ctx,
    deals: Vec<StoredDeal>,
    open_only: bool,
}

#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(default)]
pub struct DealsQuery {
    /// `all` for closed deals too; open ones otherwise.
    pub show: String,
}

pub async fn admin_page(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<DealsQuery>,
) -> Result<Response> {
    let open_only = q.show != "all";
    let deals = all(&state, &v, open_only).await?;
    let view = AdminDealsView {
        ctx: Ctx::new(&v, "/admin"),
        deals,
        open_only,
    };
    Ok(private(render(&view)?, StatusCode::OK))
}

// ---- API

#[utoipa::path(get, path = "/api/v1/partners/{slug}/deals", tag = "obligations",
    params(("slug" = String, Path)),
    responses((status = 200, body = Vec<StoredDeal>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody)))]
/// A partner's registered deals, newest first (the partner's people and admins).
pub async fn api_list(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Json<Vec<StoredDeal>>> {
    let p = report::partner(&state, &v, &slug).await?;
    Ok(Json(state.store.partner_deals(p.id).await?))
}

#[utoipa::path(post, path = "/api/v1/partners/{slug}/deals", tag = "obligations",
    params(("slug" = String, Path)), request_body = DealInput,
    responses((status = 201, body = StoredDeal), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
              (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`organization`: required, too-long, invalid-organization; `country`; `segment`; `expected_on`: required, invalid-date, date-out-of-range; `note`: too-long")))]
/// Register a prospect the partner works on (the partner's people).
pub async fn api_register(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    ApiJson(input): ApiJson<DealInput>,
) -> Result<Response> {
    let p = dealer(&state, &v, &slug).await?;
    let deal = register(&state, &v, &p, &input).await?;
    Ok((StatusCode::CREATED, Json(deal)).into_response())
}

#[utoipa::path(post, path = "/api/v1/partners/{slug}/deals/{id}/close", tag = "obligations",
    params(("slug" = String, Path), ("id" = i64, Path)), request_body = CloseInput,
    responses((status = 204, description = "Closed; a won deal is now a declared client of this year"),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
              (status = 422, body = ErrorBody, description = "`status`: invalid-deal-status, deal-closed")))]
/// Close an open deal as `won`, `lost` or `withdrawn`; a won deal is added to the year's declared
/// clients in the same step.
pub async fn api_close(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    ApiJson(input): ApiJson<CloseInput>,
) -> Result<StatusCode> {
    let p = dealer(&state, &v, &slug).await?;
    close(&state, &v, &p, id, &input).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(get, path = "/api/v1/deals", tag = "obligations", params(DealsQuery),
    responses((status = 200, body = Vec<StoredDeal>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// Every registered deal (open ones unless `show=all`) with the other partners that registered the
/// same organization and the leads that arrived from it (foundation admins).
pub async fn api_all(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<DealsQuery>,
) -> Result<Json<Vec<StoredDeal>>> {
    Ok(Json(all(&state, &v, q.show != "all").await?))
}
