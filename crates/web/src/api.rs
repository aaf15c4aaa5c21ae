//! The JSON API under `/api/v1`. Reads of public data need no authentication; everything else takes a
//! personal API token (`Authorization: Bearer agora_…`). The OpenAPI document is generated from the
//! handlers' annotations, and each program registers a route together with its documentation, so
//! neither can drift from the other. This file holds what every program's API shares.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::audit::AuditEntry;
use agora_domain::pagination::{Page, PageRequest};
use agora_domain::permissions::{Grant, Permission};
use agora_domain::taxonomy::{CompanySize, Pricing, Segment, Service, LANGUAGES};
use agora_domain::ValidationErrors;
use agora_store::AuditFilter;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::{header, StatusCode};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

/// The API every program shares: the audit log, reference data, and who the caller is.
pub fn routes() -> crate::routes::Routes {
    use utoipa_axum::routes;
    crate::routes::Routes {
        pages: Router::new(),
        api: utoipa_axum::router::OpenApiRouter::new()
            .routes(routes!(audit))
            .routes(routes!(regions))
            .routes(routes!(categories))
            .routes(routes!(me))
            .routes(routes!(set_my_language)),
        tasks: vec![],
    }
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
    if let Some(field) = nul_character(&value, String::new()) {
        return Err(ValidationErrors::single(field, "nul-character").into());
    }
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

/// The first field (`a.b[2]`) whose text, or whose name, holds a NUL character: PostgreSQL cannot
/// store one (see `middleware::refuse_nul`).
fn nul_character(value: &serde_json::Value, path: String) -> Option<String> {
    let join = |key: &str| {
        if path.is_empty() {
            key.replace('\0', "")
        } else {
            format!("{path}.{}", key.replace('\0', ""))
        }
    };
    match value {
        serde_json::Value::String(s) if s.contains('\0') => {
            Some(if path.is_empty() { ".".into() } else { path })
        }
        serde_json::Value::Object(map) => map.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                Some(join(k))
            } else {
                nul_character(v, join(k))
            }
        }),
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| nul_character(v, format!("{path}[{i}]"))),
        _ => None,
    }
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

pub(crate) fn page_request(
    page: &Option<String>,
    per_page: &Option<String>,
) -> Result<PageRequest> {
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
    /// The language chosen for pages and e-mails (`en`, `es`, `fr`); absent when the browser's is used.
    pub language: Option<String>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct LanguageRequest {
    /// A language Agora ships (`en`, `es`, `fr`); null or absent to follow the browser.
    pub language: Option<String>,
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
        language: p.language,
    }))
}

#[utoipa::path(put, path = "/api/v1/me/language", tag = "account", request_body = LanguageRequest,
    responses((status = 200, body = Me), (status = 401, body = ErrorBody), (status = 422, body = ErrorBody)), security(("token" = [])))]
/// Chooses the language of the caller's pages and e-mails.
pub async fn set_my_language(
    State(state): State<AppState>,
    v: Viewer,
    body: axum::body::Bytes,
) -> Result<Json<Me>> {
    v.require(Permission::ManageOwnAccount)?;
    let p = v.person.clone().ok_or(Error::Unauthorized)?;
    let req: LanguageRequest = parse_body(&body)?;
    let language = crate::i18n::Tr::choice("language", req.language.as_deref().unwrap_or(""))?;
    state
        .store
        .set_language(p.id, language.as_deref(), &v.who())
        .await?;
    Ok(Json(Me {
        grants: state.store.grants(p.id).await?,
        id: p.id,
        email: p.email,
        display_name: p.display_name,
        language,
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
    modifiers(&TokenAuth),
    tags((name = "partners"), (name = "leads"), (name = "governance"), (name = "obligations"), (name = "admin"), (name = "reference"), (name = "account"), (name = "recognition"), (name = "courses"))
)]
pub struct ApiDoc;
