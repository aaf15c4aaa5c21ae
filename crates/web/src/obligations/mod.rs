//! Marketing obligations on the web (issue 11): a partner's obligations for a year with the
//! arithmetic and exemptions, the clients it declares, and the foundation's obligation policy with
//! its versions. Pages and API call the same functions in `actions` and `report`.

pub mod actions;
pub mod admin;
pub mod api;
pub mod pages;
pub mod report;

use crate::routes::Routes;
use axum::routing::get;
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
        .route("/admin/obligations", get(admin::policy).post(admin::adopt));
    let api = OpenApiRouter::new()
        .routes(routes!(api::obligations))
        .routes(routes!(api::clients, api::declare))
        .routes(routes!(api::policy, api::adopt));
    Routes {
        pages,
        api,
        tasks: vec![],
    }
}
