//! The JSON API under `/api/v1`. Reads of public data need no authentication; everything else takes a
//! personal API token (`Authorization: Bearer agora_…`). The OpenAPI document is generated from these
//! handlers' annotations, so it cannot drift from the code.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::partners_csv::{self, RowError};
use crate::AppState;
use agora_domain::audit::AuditEntry;
use agora_domain::pagination::{Page, PageRequest};
use agora_domain::partner::{ApplicationInput, DirectoryQuery, PartnerInput, PartnerStatus};
use agora_domain::permissions::{Grant, Permission};
use agora_domain::taxonomy::{CompanySize, Pricing, Segment, Service, LANGUAGES};
use agora_domain::ValidationErrors;
use agora_store::{AuditFilter, Partner};
use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/partners", get(list_partners))
        .route("/partners/applications", post(apply))
        .route("/partners/export.csv", get(export_csv))
        .route("/partners/import", post(import_csv))
        .route("/partners/{slug}", get(get_partner).put(update_partner))
        .route("/partners/{slug}/status", post(change_status))
        .route("/partners/{slug}/verification", get(verification))
        .route("/admin/partners", get(admin_partners))
        .route("/audit", get(audit))
        .route("/regions", get(regions))
        .route("/categories", get(categories))
        .route("/me", get(me))
        .merge(super::api_leads::router())
        .merge(super::api_governance::router())
        .fallback(|| async { Error::NotFound })
}

/// A JSON request body, read by [`parse_body`]: every JSON endpoint answers bad bodies the same way.
pub struct ApiJson<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Error;

    async fn from_request(req: Request, state: &S) -> Result<Self> {
        let json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(|v| v.trim().to_ascii_lowercase())
            .is_some_and(|m| {
                m == "application/json" || (m.starts_with("application/") && m.ends_with("+json"))
            });
        if !json {
            return Err(Error::bad(
                "Send the body as JSON with Content-Type: application/json.",
            ));
        }
        let body = axum::body::Bytes::from_request(req, state)
            .await
            .map_err(|e| {
                if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    Error::TooLarge
                } else {
                    Error::bad(e.body_text())
                }
            })?;
        parse_body(&body).map(ApiJson)
    }
}

/// Reads a JSON body into `T`, the one mapping of body problems to answers for the whole API:
/// - not JSON, or not the expected kind of document at all: 400;
/// - `null` is the same as leaving the field out (web forms send `null` for empty optional fields);
/// - a field of the wrong type or shape: 422 naming it (`{"errors": {"languages[0]": …}}`), as for
///   any other invalid field; a missing required field: 422 `required`.
///
/// Handlers that check access first call it after that check, so that nobody without the right
/// learns anything from the validation of a body they may not send.
pub(crate) fn parse_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T> {
    let mut value: serde_json::Value = serde_json::from_slice(body)
        .map_err(|e| Error::bad(format!("The JSON body is not valid: {e}")))?;
    drop_nulls(&mut value);
    let e = match serde_path_to_error::deserialize::<_, T>(&value) {
        Ok(v) => return Ok(v),
        Err(e) => e,
    };
    let path = e.path().to_string();
    let message = e.inner().to_string();
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|m| m.split('`').next());
    Err(match (path.as_str(), missing) {
        (".", Some(field)) => ValidationErrors::single(field, "required").into(),
        (_, Some(field)) => ValidationErrors::single(format!("{path}.{field}"), "required").into(),
        (".", None) => match culprit::<T>(&value, &message) {
            Some(field) => ValidationErrors::single(field, "wrong-type").into(),
            None => Error::bad(format!("The JSON body is not valid: {message}")),
        },
        (_, None) => ValidationErrors::single(path, "wrong-type").into(),
    })
}

/// The top-level field behind an error serde reports without a path (fields of a `#[serde(flatten)]`
/// part are read in a second pass that loses it): the one whose removal makes that error go away.
/// Only runs on a body already refused.
fn culprit<T: serde::de::DeserializeOwned>(
    value: &serde_json::Value,
    message: &str,
) -> Option<String> {
    let fields = value.as_object()?;
    fields.keys().find_map(|key| {
        let mut without = fields.clone();
        without.remove(key);
        let still = serde_json::from_value::<T>(serde_json::Value::Object(without))
            .err()
            .is_some_and(|e| e.to_string() == message);
        (!still).then(|| key.clone())
    })
}

fn drop_nulls(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

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
    pub created_at: String,
    pub updated_at: String,
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
        created_at: p.created_at.clone(),
        updated_at: p.updated_at.clone(),
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

fn page_request(page: &Option<String>, per_page: &Option<String>) -> Result<PageRequest> {
    PageRequest::parse(page.as_deref(), per_page.as_deref())
        .map_err(|(f, c)| Error::Invalid(ValidationErrors::single(f, c)))
}

/// The error body of every 4xx and 5xx answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: String,
    pub message: String,
    /// Field → message, for invalid input.
    pub errors: Option<std::collections::BTreeMap<String, String>>,
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
        super::admin::change_partner_status(&state, &v, &p, to, &req.reason).await?;
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
    pub checked_at: String,
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
        checked_at: agora_store::now(),
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

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct AuditParams {
    pub action: Option<String>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub actor: Option<String>,
    pub page: Option<String>,
    pub per_page: Option<String>,
}

#[utoipa::path(get, path = "/api/v1/audit", tag = "admin", params(AuditParams),
    responses((status = 200, body = Page<AuditEntry>), (status = 403, body = ErrorBody)), security(("token" = [])))]
/// The audit log, newest first (foundation admins).
pub async fn audit(
    State(state): State<AppState>,
    v: Viewer,
    Query(p): Query<AuditParams>,
) -> Result<Json<Page<AuditEntry>>> {
    v.require(Permission::ViewAuditLog)?;
    let f = AuditFilter {
        action: p.action,
        entity_type: p.entity_type,
        entity_id: p.entity_id,
        actor: p.actor,
    };
    let page: Page<AuditEntry> = state
        .store
        .audit_page(&f, page_request(&p.page, &p.per_page)?)
        .await?;
    Ok(Json(page))
}

#[utoipa::path(get, path = "/api/v1/regions", tag = "reference", responses((status = 200, body = Vec<agora_domain::geo::Region>)))]
/// The region map: which countries each region holds.
pub async fn regions(
    State(state): State<AppState>,
) -> Result<Json<Vec<agora_domain::geo::Region>>> {
    Ok(Json(state.store.region_map().await?.regions().to_vec()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Categories {
    pub services: Vec<Service>,
    pub pricing: Vec<Pricing>,
    pub sizes: Vec<CompanySize>,
    pub segments: Vec<Segment>,
    /// ISO 639-1 codes.
    pub languages: Vec<String>,
}

#[utoipa::path(get, path = "/api/v1/categories", tag = "reference", responses((status = 200, body = Categories)))]
/// The values each category filter accepts.
pub async fn categories() -> Json<Categories> {
    Json(Categories {
        services: Service::ALL.to_vec(),
        pricing: Pricing::ALL.to_vec(),
        sizes: CompanySize::ALL.to_vec(),
        segments: Segment::ALL.to_vec(),
        languages: LANGUAGES.iter().map(|(c, _)| c.to_string()).collect(),
    })
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Me {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub grants: Vec<Grant>,
}

#[utoipa::path(get, path = "/api/v1/me", tag = "account", responses((status = 200, body = Me), (status = 401, body = ErrorBody)), security(("token" = [])))]
/// Who the token belongs to.
pub async fn me(State(state): State<AppState>, v: Viewer) -> Result<Json<Me>> {
    v.require(Permission::ManageOwnAccount)?;
    let p = v.person.ok_or(Error::Unauthorized)?;
    Ok(Json(Me {
        grants: state.store.grants(p.id).await?,
        id: p.id,
        email: p.email,
        display_name: p.display_name,
    }))
}

struct TokenAuth;

impl utoipa::Modify for TokenAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("A personal API token from your account page"))
                    .build(),
            ),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Agora API", description = "Partner directory and programs of the Open edX community."),
    paths(list_partners, get_partner, apply, update_partner, change_status, verification, admin_partners, export_csv, import_csv, audit, regions, categories, me,
        super::api_leads::create_lead, super::api_leads::transparency, super::api_leads::get_policy, super::api_leads::adopt_policy,
        super::api_leads::policy_dry_run, super::api_leads::partner_offers, super::api_leads::get_offer, super::api_leads::update_offer,
        super::api_leads::list_leads, super::api_leads::get_lead, super::api_leads::referrals,
        super::api_leads::offer_lead, super::api_leads::close_lead,
        super::api_governance::list_bodies, super::api_governance::body_decisions, super::api_governance::register,
        super::api_governance::create_decision, super::api_governance::get_decision, super::api_governance::act,
        super::api_governance::ballots_csv, super::api_governance::delegates),
    modifiers(&TokenAuth),
    tags((name = "partners"), (name = "leads"), (name = "governance"), (name = "admin"), (name = "reference"), (name = "account"))
)]
pub struct ApiDoc;

pub async fn openapi() -> impl IntoResponse {
    Json(ApiDoc::openapi())
}
