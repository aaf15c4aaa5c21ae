//! The partners API: the public directory, applications, profiles, status changes, verification,
//! CSV import and export.

use crate::api::page_request;
use crate::api::parse_body;
use crate::api::ApiJson;
use crate::api::ErrorBody;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::partners::csv::{self as partners_csv, RowError};
use crate::AppState;
use agora_domain::pagination::Page;
use agora_domain::partner::{ApplicationInput, DirectoryQuery, PartnerInput, PartnerStatus};
use agora_domain::permissions::Permission;
use agora_domain::taxonomy::{CompanySize, Pricing, Segment, Service};
use agora_domain::ValidationErrors;
use agora_store::Partner;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A partner as the public sees it: no contact data, no internal notes.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicPartner {
    pub slug: String,
    pub name: String,
    pub website: String,
    pub description: String,
    pub logo_url: Option<String>,
    pub hq_country: String,
    /// Regions named by the partner plus the regions of the countries it names.
    pub regions: Vec<String>,
    pub countries: Vec<String>,
    pub languages: Vec<String>,
    pub services: Vec<Service>,
    pub pricing: Vec<Pricing>,
    pub size: CompanySize,
    pub segments: Vec<Segment>,
    pub status: PartnerStatus,
}

/// Everything about a partner, for the foundation and the partner's own people.
#[derive(Debug, Serialize, ToSchema)]
pub struct PrivatePartner {
    pub id: i64,
    #[serde(flatten)]
    pub public: PublicPartner,
    pub status_reason: String,
    pub contact_name: Option<String>,
    pub contact_email: Option<String>,
    pub motivation: Option<String>,
    #[serde(serialize_with = "agora_store::json_time::serialize")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "agora_store::json_time::serialize")]
    pub updated_at: DateTime<Utc>,
}

fn public(p: &Partner, map: &agora_domain::geo::RegionMap) -> PublicPartner {
    let pr = &p.profile;
    PublicPartner {
        slug: pr.slug.clone(),
        name: pr.name.clone(),
        website: pr.website.clone(),
        description: pr.description.clone(),
        logo_url: pr.logo_url.clone(),
        hq_country: pr.hq_country.clone(),
        regions: pr.served_regions(map),
        countries: pr.countries.clone(),
        languages: pr.languages.clone(),
        services: pr.services.clone(),
        pricing: pr.pricing.clone(),
        size: pr.size,
        segments: pr.segments.clone(),
        status: p.status,
    }
}

fn private(p: &Partner, map: &agora_domain::geo::RegionMap) -> PrivatePartner {
    PrivatePartner {
        id: p.id,
        public: public(p, map),
        status_reason: p.status_reason.clone(),
        contact_name: p.contact_name.clone(),
        contact_email: p.contact_email.clone(),
        motivation: p.motivation.clone(),
        created_at: p.created_at,
        updated_at: p.updated_at,
    }
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct ListParams {
    /// Words to find in the name or description.
    pub q: Option<String>,
    /// Region slug (see /regions).
    pub region: Option<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    pub service: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    pub segment: Option<String>,
    pub size: Option<String>,
    pub page: Option<String>,
    /// 1 to 100; 20 by default.
    pub per_page: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/partners", tag = "partners", params(ListParams),
    responses((status = 200, body = Page<PublicPartner>), (status = 422, body = ErrorBody, description = "Unknown filter value")))]
/// Search the public directory of active partners.
pub async fn list_partners(
    State(state): State<AppState>,
    Query(p): Query<ListParams>,
) -> Result<Json<Page<PublicPartner>>> {
    let map = state.store.region_map().await?;
    let q = DirectoryQuery {
        q: p.q,
        region: p.region,
        country: p.country,
        service: p.service,
        language: p.language,
        segment: p.segment,
        size: p.size,
    };
    let filter = q.parse(&map)?;
    let page = state
        .store
        .partners_page(
            &filter,
            &[PartnerStatus::Active],
            page_request(&p.page, &p.per_page)?,
        )
        .await?;
    Ok(Json(page.map(|x| public(&x, &map))))
}

#[utoipa::path(get, path = "/api/v1/partners/{slug}", tag = "partners", params(("slug" = String, Path)),
    responses((status = 200, body = PrivatePartner, description = "Active partners to anyone; any status, with private data, to the foundation and the partner's people"),
              (status = 404, body = ErrorBody)))]
/// One partner.
pub async fn get_partner(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
) -> Result<Response> {
    let p = state
        .store
        .partner_by_slug(&slug)
        .await?
        .ok_or(Error::NotFound)?;
    let map = state.store.region_map().await?;
    if v.can(Permission::ViewPartnerPrivate { partner_id: p.id }) {
        return Ok(Json(private(&p, &map)).into_response());
    }
    if !p.status.is_public() {
        return Err(Error::NotFound);
    }
    Ok(Json(public(&p, &map)).into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ApplicationCreated {
    pub id: i64,
    pub slug: String,
    pub status: PartnerStatus,
}

#[utoipa::path(post, path = "/api/v1/partners/applications", tag = "partners", request_body = ApplicationInput,
    responses((status = 201, body = ApplicationCreated), (status = 422, body = ErrorBody), (status = 429, body = ErrorBody)))]
/// Apply to the partner program. A foundation admin reviews the application.
pub async fn apply(
    State(state): State<AppState>,
    v: Viewer,
    ApiJson(input): ApiJson<ApplicationInput>,
) -> Result<Response> {
    let ip = v.ip.map(|i| i.to_string()).unwrap_or_default();
    crate::auth::rate_limit(&state, &[(format!("apply:ip:{ip}"), 10)], 3600).await?;
    let map = state.store.region_map().await?;
    let app = input.parse(&map)?;
    let p = state.store.create_application(&app, &v.who()).await?;
    Ok((
        StatusCode::CREATED,
        Json(ApplicationCreated {
            id: p.id,
            slug: p.profile.slug,
            status: p.status,
        }),
    )
        .into_response())
}

#[utoipa::path(put, path = "/api/v1/partners/{slug}", tag = "partners", params(("slug" = String, Path)), request_body = PartnerInput,
    responses((status = 200, body = PrivatePartner), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)),
    security(("token" = [])))]
/// Replace a partner's public profile (partner admins of that partner, foundation admins).
pub async fn update_partner(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Json<PrivatePartner>> {
    let p = state
        .store
        .partner_by_slug(&slug)
        .await?
        .ok_or(Error::NotFound)?;
    v.require(Permission::EditPartnerProfile { partner_id: p.id })?;
    let input: PartnerInput = parse_body(&body)?;
    let map = state.store.region_map().await?;
    let profile = input.parse(&map)?;
    agora_domain::partner::check_slug_change(
        &p.profile.slug,
        &profile.slug,
        v.can(Permission::ManagePartners),
    )
    .map_err(|code| ValidationErrors::single("slug", code))?;
    let updated = state.store.update_profile(p.id, &profile, &v.who()).await?;
    state.cache.invalidate();
    Ok(Json(private(&updated, &map)))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct StatusRequest {
    pub status: String,
    /// Required for every change except approving an applicant.
    #[serde(default)]
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct StatusChanged {
    pub partner: PrivatePartner,
    /// When an applicant is approved: the invitation link sent to its contact.
    pub invitation_link: Option<String>,
}

#[utoipa::path(post, path = "/api/v1/partners/{slug}/status", tag = "partners", params(("slug" = String, Path)), request_body = StatusRequest,
    responses((status = 200, body = StatusChanged), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)), security(("token" = [])))]
/// Approve, reject, suspend, reinstate or retire a partner (foundation admins).
pub async fn change_status(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Result<Json<StatusChanged>> {
    v.require(Permission::ManagePartners)?;
    let req: StatusRequest = parse_body(&body)?;
    let p = state
        .store
        .partner_by_slug(&slug)
        .await?
        .ok_or(Error::NotFound)?;
    let to =
        PartnerStatus::parse(&req.status).map_err(|c| ValidationErrors::single("status", c))?;
    let (updated, invitation_link) =
        crate::partners::admin::change_partner_status(&state, &v, &p, to, &req.reason).await?;
    let map = state.store.region_map().await?;
    Ok(Json(StatusChanged {
        partner: private(&updated, &map),
        invitation_link,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Verification {
    pub slug: String,
    pub name: String,
    pub status: PartnerStatus,
    /// Whether the organization is an Open edX Partner in good standing right now.
    pub active: bool,
    #[serde(serialize_with = "agora_store::json_time::serialize")]
    pub checked_at: DateTime<Utc>,
}

#[utoipa::path(get, path = "/api/v1/partners/{slug}/verification", tag = "partners", params(("slug" = String, Path)),
    responses((status = 200, body = Verification), (status = 404, body = ErrorBody)))]
/// Check whether an organization is an active Open edX Partner.
pub async fn verification(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> Result<Json<Verification>> {
    let p = state
        .store
        .partner_by_slug(&slug)
        .await?
        .ok_or(Error::NotFound)?;
    if !p.status.is_on_public_record() {
        return Err(Error::NotFound);
    }
    Ok(Json(Verification {
        slug: p.profile.slug,
        name: p.profile.name,
        status: p.status,
        active: p.status.is_public(),
        checked_at: state.clock.now(),
    }))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct AdminListParams {
    /// applicant, active, suspended, former or rejected.
    pub status: Option<String>,
    pub q: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/admin/partners", tag = "admin", params(AdminListParams),
    responses((status = 200, body = Page<PrivatePartner>), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)), security(("token" = [])))]
/// Partners of any status with their private data (foundation admins).
pub async fn admin_partners(
    State(state): State<AppState>,
    v: Viewer,
    Query(p): Query<AdminListParams>,
) -> Result<Json<Page<PrivatePartner>>> {
    v.require(Permission::ManagePartners)?;
    let statuses = match p.status.as_deref().filter(|s| !s.is_empty()) {
        Some(s) => {
            vec![PartnerStatus::parse(s).map_err(|c| ValidationErrors::single("status", c))?]
        }
        None => PartnerStatus::ALL.to_vec(),
    };
    let filter = agora_domain::partner::DirectoryFilter {
        q: p.q.filter(|s| !s.trim().is_empty()),
        ..Default::default()
    };
    let page = state
        .store
        .partners_page(&filter, &statuses, page_request(&p.page, &p.per_page)?)
        .await?;
    let map = state.store.region_map().await?;
    Ok(Json(page.map(|x| private(&x, &map))))
}

#[utoipa::path(get, path = "/api/v1/partners/export.csv", tag = "admin",
    responses((status = 200, content_type = "text/csv", body = String), (status = 403, body = ErrorBody)), security(("token" = [])))]
/// Every partner as CSV (foundation admins).
pub async fn export_csv(State(state): State<AppState>, v: Viewer) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    let text = partners_csv::export(&state.store.all_partners().await?)
        .map_err(|e| Error::Unexpected(e.into()))?;
    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], text).into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportResult {
    pub created: u64,
    pub updated: u64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ImportErrors {
    pub error: String,
    pub message: String,
    pub rows: Vec<RowError>,
}

#[utoipa::path(post, path = "/api/v1/partners/import", tag = "admin", request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = ImportResult), (status = 422, body = ImportErrors, description = "Nothing was imported")), security(("token" = [])))]
/// Import partners from CSV, all or nothing (foundation admins). Existing slugs are updated.
pub async fn import_csv(
    State(state): State<AppState>,
    v: Viewer,
    body: String,
) -> Result<Response> {
    v.require(Permission::ManagePartners)?;
    let map = state.store.region_map().await?;
    let rows = match partners_csv::parse(&body, &map) {
        Ok(rows) => rows,
        Err(rows) => {
            let body = ImportErrors {
                error: "invalid".into(),
                message: "Nothing was imported: fix these rows and try again.".into(),
                rows,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response());
        }
    };
    let (created, updated) = state.store.import_partners(&rows, &v.who()).await?;
    state.cache.invalidate();
    Ok(Json(ImportResult { created, updated }).into_response())
}
