//! Marketing obligations on the web (issue 11): a partner's obligations for a year with the
//! arithmetic and exemptions, the clients it declares, and the foundation's obligation policy with
//! its versions, and deal registration (`deals`). Pages and API call the same functions in `actions`,
//! `report` and `deals`.

pub mod actions;
pub mod admin;
pub mod api;
pub mod deals;
pub mod pages;
pub mod report;

use crate::routes::Routes;
use axum::routing::{get, post};
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    let pages = Router::new()
        .route("/partners/{slug}/obligations", get(pages::obligations))
        .route(
            "/partners/{slug}/clients",
            get(pages::clients_form).post(pages::declare),
        )
        .route("/admin/obligations", get(admin::policy).post(admin::adopt))
        .route(
            "/partners/{slug}/deals",
            get(deals::page).post(deals::register_form),
        )
        .route("/partners/{slug}/deals/{id}/close", post(deals::close_form))
        .route("/admin/deals", get(deals::admin_page));
    let api = OpenApiRouter::new()
        .routes(routes!(api::obligations))
        .routes(routes!(api::clients, api::declare))
        .routes(routes!(api::policy, api::adopt))
        .routes(routes!(deals::api_list, deals::api_register))
        .routes(routes!(deals::api_close))
        .routes(routes!(deals::api_all));
    Routes {
        pages,
        api,
        tasks: vec![],
    }
}
