//! Governance on the web: bodies, proposals and votes, the decision page, the register and its feeds,
//! and their administration. Pages and API ask the same functions in `access`.

pub mod access;
pub mod admin;
pub mod api;
pub mod pages;
pub mod results;
pub mod tasks;

use crate::routes::Routes;
use axum::routing::{get, post};
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    let pages = Router::new()
        .route("/governance", get(pages::index))
        .route("/governance/register", get(pages::register))
        .route("/bodies/{slug}", get(pages::body_page))
        .route("/bodies/{slug}/feed.atom", get(pages::feed))
        .route(
            "/bodies/{slug}/propose",
            get(pages::propose_form).post(pages::propose),
        )
        .route("/decisions/{id}", get(pages::decision_page))
        .route("/decisions/{id}/ballots.csv", get(pages::ballots_csv))
        .route("/decisions/{id}/{action}", post(pages::decision_action))
        .route(
            "/admin/bodies",
            get(admin::admin_bodies).post(admin::admin_create_body),
        )
        .route(
            "/admin/bodies/{slug}/members",
            post(admin::admin_add_member),
        )
        .route(
            "/portal/partners/{id}/delegates",
            get(admin::delegates_form).post(admin::delegates_submit),
        );
    let api = OpenApiRouter::new()
        .routes(routes!(api::list_bodies))
        .routes(routes!(api::body_decisions, api::create_decision))
        .routes(routes!(api::register))
        .routes(routes!(api::get_decision))
        .routes(routes!(api::ballots_csv))
        .routes(routes!(api::act))
        .routes(routes!(api::delegates));
    Routes {
        pages,
        api,
        tasks: vec![tasks::tasks],
    }
}
