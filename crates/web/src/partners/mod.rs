//! The partner program on the web: the public directory, profiles and badges, applications, the
//! partner portal, and the foundation's partner administration.

pub mod admin;
pub mod api;
pub mod csv;
pub mod form;
pub mod portal;
pub mod public;
pub mod tasks;

use crate::middleware::public_cache;
use crate::routes::Routes;
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes(state: &AppState) -> Routes {
    // Anonymous views of these change only when the directory does: served from the page cache.
    let cached = Router::new()
        .route("/", get(public::home))
        .route("/partners", get(public::directory))
        .route("/partners/{slug}", get(public::profile))
        .route("/partners/{slug}/badge.svg", get(public::badge))
        .route("/partners/{slug}/verify", get(public::verify))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            public_cache,
        ));
    let pages = Router::new()
        .merge(cached)
        .route(
            "/partners/apply",
            get(public::apply_form).post(public::apply),
        )
        .route(
            "/partners/{slug}/edit",
            get(portal::edit_form).post(portal::edit),
        )
        .route("/portal", get(portal::index))
        .route("/admin/partners", get(admin::partners))
        .route("/admin/partners/export.csv", get(admin::export_csv))
        .route(
            "/admin/partners/import",
            get(admin::import_form).post(admin::import),
        )
        .route("/admin/partners/{id}", get(admin::partner))
        .route("/admin/partners/{id}/status", post(admin::change_status))
        .route("/admin/regions", get(admin::regions));
    let api = OpenApiRouter::new()
        .routes(routes!(api::list_partners))
        .routes(routes!(api::apply))
        .routes(routes!(api::export_csv))
        .routes(routes!(api::import_csv))
        .routes(routes!(api::get_partner, api::update_partner))
        .routes(routes!(api::change_status))
        .routes(routes!(api::verification))
        .routes(routes!(api::admin_partners));
    Routes {
        pages,
        api,
        tasks: vec![tasks::tasks],
    }
}
