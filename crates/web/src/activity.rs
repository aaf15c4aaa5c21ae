//! The activity ledger on the web (`agora_domain::activity`): a person reads their own at
//! `GET /api/v1/me/activity` and on their home page; foundation admins read anyone's at
//! `GET /api/v1/people/{id}/activity`. Nobody else reads another person's ledger
//! (`Permission::ViewActivity`).

use crate::api::{page_request, ErrorBody};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::AppState;
use agora_domain::pagination::{Page, PageRequest};
use agora_domain::permissions::Permission;
use agora_store::ActivityEntry;
use axum::extract::{Path, Query, State};
use axum::{Json, Router};
use serde::Deserialize;
use utoipa::IntoParams;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> crate::routes::Routes {
    crate::routes::Routes {
        pages: Router::new(),
        api: OpenApiRouter::new()
            .routes(routes!(my_activity))
            .routes(routes!(person_activity)),
        tasks: vec![],
    }
}

/// How many entries the home page shows.
pub const ON_HOME: u32 = 10;

#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct ActivityParams {
    /// Page number, from 1.
    pub page: Option<String>,
    /// Entries per page, 1 to 100 (20 by default).
    pub per_page: Option<String>,
}

/// A person's ledger, newest first, for a reader the permission admits (the person or an admin),
/// who sees every entry of it.
pub async fn ledger(
    state: &AppState,
    v: &Viewer,
    person_id: i64,
    page: PageRequest,
) -> Result<Page<ActivityEntry>> {
    v.require(Permission::ViewActivity { person_id })?;
    Ok(state.store.activity(person_id, None, page).await?)
}

#[utoipa::path(get, path = "/api/v1/me/activity", tag = "account", params(ActivityParams),
    responses((status = 200, body = Page<ActivityEntry>), (status = 401, body = ErrorBody),
              (status = 404, body = ErrorBody, description = "A page past the last"),
              (status = 422, body = ErrorBody, description = "`page` or `per_page`")),
    security(("token" = [])))]
/// The caller's activity ledger, newest first: groups joined, facilitator terms, check-ins, updates
/// posted, and later commits and events. Each entry names its source and the id it has there.
pub async fn my_activity(
    State(state): State<AppState>,
    v: Viewer,
    Query(p): Query<ActivityParams>,
) -> Result<Json<Page<ActivityEntry>>> {
    let me = v.actor.person_id().ok_or(Error::Unauthorized)?;
    let page = page_request(&p.page, &p.per_page)?;
    Ok(Json(ledger(&state, &v, me, page).await?))
}

#[utoipa::path(get, path = "/api/v1/people/{id}/activity", tag = "admin",
    params(("id" = i64, Path), ActivityParams),
    responses((status = 200, body = Page<ActivityEntry>), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody, description = "Someone else's ledger (admins only)")),
    security(("token" = [])))]
/// A person's activity ledger (the person themselves and foundation admins).
pub async fn person_activity(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Query(p): Query<ActivityParams>,
) -> Result<Json<Page<ActivityEntry>>> {
    let page = page_request(&p.page, &p.per_page)?;
    Ok(Json(ledger(&state, &v, id, page).await?))
}
