//! The leads API: intake for the public website, the transparency report, the published policy, the
//! partner inbox and the foundation's desk for scripts. Handlers call the same functions as the pages.

use super::desk::{close_by_admin, offer_by_hand};
use super::inbox::{answer_offer, owned_offer, partner_offer, PartnerOffer};
use super::intake::submit;
use super::transparency::transparency_report;
use crate::api::{parse_body, ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use agora_domain::leads::{LeadInput, LeadPolicy, OfferStatus, Period, TransparencyReport};
use agora_domain::pagination::PageRequest;
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::{Intake, LeadFilter};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};

use crate::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/leads", post(create_lead).get(list_leads))
        .route("/leads/{id}", get(get_lead))
        .route("/leads/{id}/offer", post(offer_lead))
        .route("/leads/{id}/close", post(close_lead))
        .route("/transparency", get(transparency))
        .route("/lead-policy", get(get_policy).post(adopt_policy))
        .route("/lead-policy/dry-run", post(policy_dry_run))
        .route("/partners/{id}/offers", get(partner_offers))
        .route("/offers/{id}", get(get_offer).post(update_offer))
        .route("/referrals", get(referrals))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LeadCreated {
    /// The stored request. For the foundation's lead managers, the lead that carries it (the
    /// earlier one when it merged).
    pub id: i64,
    /// For the foundation's lead managers: true when the same contact and organization asked within
    /// 30 days. Always false for everyone else, so that a submission cannot tell whether someone
    /// with that address asked before.
    pub merged: bool,
    /// True when this Idempotency-Key was seen before with the same content.
    pub replayed: bool,
}

#[utoipa::path(post, path = "/api/v1/leads", tag = "leads", request_body = LeadInput,
    params(("Idempotency-Key" = Option<String>, Header, description = "Retries with the same key and body return the first answer")),
    responses((status = 201, body = LeadCreated, description = "Committed: the lead is stored durably"),
              (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
/// Forward a prospect's request ("find an Open edX partner"). Answers only once the lead is committed.
pub async fn create_lead(
    State(state): State<AppState>,
    v: Viewer,
    headers: HeaderMap,
    ApiJson(input): ApiJson<LeadInput>,
) -> Result<Response> {
    let key = match headers.get("idempotency-key") {
        None => None,
        Some(k) => {
            let k = k
                .to_str()
                .ok()
                .map(str::trim)
                .filter(|k| !k.is_empty() && k.len() <= 200)
                .ok_or_else(|| {
                    Error::bad("Idempotency-Key must be 1 to 200 visible characters.")
                })?;
            Some(format!("api:{k}"))
        }
    };
    let r = submit(
        &state,
        &v,
        &input,
        agora_domain::leads::LeadSource::Api,
        key,
    )
    .await?;
    let manager = v.can(Permission::ManageLeads);
    let body = LeadCreated {
        id: if manager { r.lead_id() } else { r.request_id() },
        merged: manager && matches!(r, Intake::Merged { .. }),
        replayed: matches!(r, Intake::Replayed { .. }),
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct PeriodParam {
    /// `2026`, `2026-Q4` or `2026-11`.
    pub period: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/transparency", tag = "leads", params(PeriodParam),
    responses((status = 200, body = TransparencyReport), (status = 422, body = ErrorBody)))]
/// The public transparency report of a period: counts below 5 are given as "fewer than 5".
pub async fn transparency(
    State(state): State<AppState>,
    Query(p): Query<PeriodParam>,
) -> Result<Json<TransparencyReport>> {
    let raw = p
        .period
        .ok_or_else(|| ValidationErrors::single("period", "required"))?;
    let period = Period::parse(&raw).map_err(|c| ValidationErrors::single("period", c))?;
    Ok(Json(transparency_report(&state, period).await?))
}

#[utoipa::path(get, path = "/api/v1/lead-policy", tag = "leads",
    responses((status = 200, description = "The policy in force and its version history")))]
/// The published allocation policy, with every earlier version.
pub async fn get_policy(State(state): State<AppState>) -> Result<Json<serde_json::Value>> {
    let history = state.store.lead_policy_history().await?;
    Ok(Json(
        json!({"current": history.first(), "history": history}),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct PolicyRequest {
    #[schema(value_type = Object)]
    pub policy: LeadPolicy,
    /// Why the policy changes (shown in the public history).
    pub note: String,
}

#[utoipa::path(post, path = "/api/v1/lead-policy", tag = "leads", request_body = PolicyRequest,
    security(("token" = [])),
    responses((status = 201, description = "The new version number"), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// Adopt a new policy version (foundation staff). Earlier versions are never changed.
pub async fn adopt_policy(
    State(state): State<AppState>,
    v: Viewer,
    body: axum::body::Bytes,
) -> Result<Response> {
    v.require(Permission::ManageLeads)?;
    let req: PolicyRequest = parse_body(&body)?;
    let version = state
        .store
        .adopt_lead_policy(&req.policy, &req.note, &v.who())
        .await?;
    Ok((StatusCode::CREATED, Json(json!({"version": version}))).into_response())
}

#[utoipa::path(post, path = "/api/v1/lead-policy/dry-run", tag = "leads", request_body = PolicyRequest,
    security(("token" = [])),
    responses((status = 200, description = "Offers per partner over recent leads, under the policy in force and the proposed one")))]
/// Replay recent leads under a proposed policy, without adopting it.
pub async fn policy_dry_run(
    State(state): State<AppState>,
    v: Viewer,
    body: axum::body::Bytes,
) -> Result<Json<serde_json::Value>> {
    v.require(Permission::ManageLeads)?;
    let req: PolicyRequest = parse_body(&body)?;
    req.policy.validate()?;
    let d = state
        .store
        .dry_run_policy(&req.policy, agora_store::DRY_RUN_LEADS)
        .await?;
    Ok(Json(json!({
        "leads_replayed": d.leads,
        "partners": d.partners.iter().map(|r| json!({"name": r.name, "current": r.current, "proposed": r.proposed})).collect::<Vec<_>>(),
    })))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct OfferListParams {
    /// Offer status (`offered`, `accepted`, `contacted`, `proposal`, `won`, `lost`, `declined`, `expired`).
    pub status: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/partners/{id}/offers", tag = "leads", params(("id" = i64, Path), OfferListParams),
    security(("token" = [])),
    responses((status = 200, description = "The partner's offers, newest first, without contact details"), (status = 403, body = ErrorBody)))]
/// A partner's inbox.
pub async fn partner_offers(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Query(p): Query<OfferListParams>,
) -> Result<Json<serde_json::Value>> {
    v.require(Permission::HandleLeads { partner_id: id })?;
    let statuses = match p.status.as_deref() {
        Some(s) => vec![OfferStatus::parse(s).map_err(|c| ValidationErrors::single("status", c))?],
        None => vec![],
    };
    let page = PageRequest::parse(p.page.as_deref(), p.per_page.as_deref())
        .map_err(|(f, c)| ValidationErrors::single(f, c))?;
    let offers = state.store.partner_offers(id, &statuses, page).await?;
    let page = offers.map(|(o, l)| json!({"offer": o, "lead": l}));
    Ok(Json(serde_json::to_value(page).unwrap_or_default()))
}

#[utoipa::path(get, path = "/api/v1/partners/{id}/referrals", tag = "leads", params(("id" = i64, Path)),
    security(("token" = [])),
    responses((status = 200, body = Vec<super::inbox::ReferralResult>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
/// A partner's referral links and what came of each: referred, accepted, won, conversion (the
/// partner's people who handle leads, and the foundation).
pub async fn partner_referrals(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<Vec<super::inbox::ReferralResult>>> {
    v.require(Permission::HandleLeads { partner_id: id })?;
    Ok(Json(super::inbox::referral_results(&state, id).await?))
}

#[utoipa::path(get, path = "/api/v1/offers/{id}", tag = "leads", params(("id" = i64, Path)),
    security(("token" = [])),
    responses((status = 200, description = "The offer; the contact details once accepted (the view is logged)"), (status = 404, body = ErrorBody)))]
/// One offer, as its partner sees it.
pub async fn get_offer(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>> {
    let PartnerOffer {
        offer,
        lead,
        contact,
    } = partner_offer(&state, &v, id, "api offer").await?;
    let contact = contact.then(|| {
        json!({"organization": lead.organization, "contact_name": lead.contact_name, "email": lead.email, "message": lead.message})
    });
    Ok(Json(
        json!({"offer": offer, "lead": lead.summary(), "contact": contact}),
    ))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct OfferUpdateRequest {
    /// `accepted`, `declined`, `contacted`, `proposal`, `won` or `lost`.
    pub status: String,
    /// Required for `declined` and `lost`: a reason code.
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub note: String,
}

#[utoipa::path(post, path = "/api/v1/offers/{id}", tag = "leads", params(("id" = i64, Path)), request_body = OfferUpdateRequest,
    security(("token" = [])),
    responses((status = 200, description = "The updated offer"), (status = 422, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// Accept or decline an offer, or report progress.
pub async fn update_offer(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<Json<serde_json::Value>> {
    let offer = owned_offer(&state, &v, id).await?;
    let req: OfferUpdateRequest = parse_body(&body)?;
    let o = answer_offer(&state, &v, &offer, &req.status, &req.reason, &req.note).await?;
    Ok(Json(json!({"offer": o})))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct LeadListParams {
    pub status: Option<String>,
    pub region: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/leads", tag = "leads", params(LeadListParams), security(("token" = [])),
    responses((status = 200, description = "Leads, newest first (foundation staff)"), (status = 403, body = ErrorBody)))]
/// Every lead (foundation staff).
pub async fn list_leads(
    State(state): State<AppState>,
    v: Viewer,
    Query(p): Query<LeadListParams>,
) -> Result<Json<serde_json::Value>> {
    v.require(Permission::ManageLeads)?;
    let page = PageRequest::parse(p.page.as_deref(), p.per_page.as_deref())
        .map_err(|(f, c)| ValidationErrors::single(f, c))?;
    // An unknown filter value is a mistake to name, not a filter that matches nothing.
    let status = p
        .status
        .as_deref()
        .map(agora_domain::leads::LeadStatus::parse)
        .transpose()
        .map_err(|c| ValidationErrors::single("status", c))?;
    if let Some(r) = &p.region {
        if state.store.region_map().await?.get(r).is_none() {
            return Err(ValidationErrors::single("region", "invalid-region").into());
        }
    }
    let leads = state
        .store
        .leads_page(
            &LeadFilter {
                status,
                region: p.region,
            },
            page,
        )
        .await?;
    // A list is an overview: personal data only on the single-lead read, which is logged.
    let page = leads.map(|l| l.summary());
    Ok(Json(serde_json::to_value(page).unwrap_or_default()))
}

#[utoipa::path(get, path = "/api/v1/leads/{id}", tag = "leads", params(("id" = i64, Path)), security(("token" = [])),
    responses((status = 200, description = "The lead with its offers and every allocation's explanation (the view is logged)"), (status = 404, body = ErrorBody)))]
/// One lead with its explanations (foundation staff).
pub async fn get_lead(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>> {
    v.require(Permission::ManageLeads)?;
    let lead = state.store.lead(id).await?.ok_or(Error::NotFound)?;
    state.store.log_lead_view(id, &v.who(), "api lead").await?;
    Ok(Json(json!({
        "lead": lead,
        "offers": state.store.lead_offers(id).await?,
        "allocations": state.store.lead_allocations(id).await?,
    })))
}

#[utoipa::path(get, path = "/api/v1/referrals", tag = "leads", security(("token" = [])),
    responses((status = 200, description = "Referral codes and conversion per referrer, region and source"), (status = 403, body = ErrorBody)))]
/// Referral codes and their conversion (foundation staff).
pub async fn referrals(
    State(state): State<AppState>,
    v: Viewer,
) -> Result<Json<serde_json::Value>> {
    v.require(Permission::ManageLeads)?;
    Ok(Json(json!({
        "referrers": state.store.referrers().await?,
        "stats": state.store.referral_stats().await?,
    })))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ManualOfferRequest {
    /// The partner's id; it must be active and not have had this lead.
    pub partner_id: i64,
    /// Why this partner (kept in the lead's explanation and the audit log).
    #[serde(default)]
    pub reason: String,
}

#[utoipa::path(post, path = "/api/v1/leads/{id}/offer", tag = "leads", params(("id" = i64, Path)), request_body = ManualOfferRequest,
    security(("token" = [])),
    responses((status = 200, description = "The offer: outside the rotation, counted as manual in the report"),
              (status = 422, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// Offer a lead waiting in the queue to a partner of your choice, with a reason (foundation staff).
pub async fn offer_lead(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<Json<serde_json::Value>> {
    // Access first: an outsider learns nothing from the shape of their body.
    v.require(Permission::ManageLeads)?;
    let req: ManualOfferRequest = parse_body(&body)?;
    let offer = offer_by_hand(&state, &v, id, &req.partner_id.to_string(), &req.reason).await?;
    Ok(Json(json!({"offer": offer})))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct CloseLeadRequest {
    /// `spam`, `duplicate` or `withdrawn`.
    #[serde(default)]
    pub reason: String,
    /// Why, in a few words (kept with the lead and in the audit log).
    #[serde(default)]
    pub note: String,
}

#[utoipa::path(post, path = "/api/v1/leads/{id}/close", tag = "leads", params(("id" = i64, Path)), request_body = CloseLeadRequest,
    security(("token" = [])),
    responses((status = 200, description = "The lead's new status; partners holding a live offer are told"),
              (status = 422, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
/// Close a lead as spam, duplicate or withdrawn (foundation staff).
pub async fn close_lead(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    body: axum::body::Bytes,
) -> Result<Json<serde_json::Value>> {
    v.require(Permission::ManageLeads)?;
    let req: CloseLeadRequest = parse_body(&body)?;
    let status = close_by_admin(&state, &v, id, ("reason", &req.reason), &req.note).await?;
    Ok(Json(json!({"status": status})))
}
