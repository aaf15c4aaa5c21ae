//! Marketing contributions on the web (issue 11): partners submit contributions and propose article
//! topics, the Marketing WG reviews them, approved ones count toward the obligations. Pages and API
//! call the same functions in `actions`.

pub mod actions;
pub mod api;
pub mod compliance;
pub mod pages;
pub mod showcase;
pub mod tasks;

use crate::routes::Routes;
use axum::routing::{get, post};
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    let pages = Router::new()
        .route(
            "/partners/{slug}/contributions",
            get(pages::partner).post(pages::submit),
        )
        .route("/partners/{slug}/topics", post(pages::propose_topic))
        .route("/contributions/{id}", get(pages::detail))
        .route("/contributions/{id}/resubmit", post(pages::resubmit))
        .route("/contributions/{id}/review", post(pages::review))
        .route("/topics/{id}/review", post(pages::review_topic))
        .route("/marketing/reviews", get(pages::queue))
        .route("/showcase", get(showcase::page))
        .route("/admin/compliance", get(compliance::page))
        .route("/admin/compliance.csv", get(compliance::csv));
    let api = OpenApiRouter::new()
        .routes(routes!(api::list, api::submit))
        .routes(routes!(api::detail, api::resubmit))
        .routes(routes!(api::review))
        .routes(routes!(api::queue))
        .routes(routes!(api::topics, api::propose_topic))
        .routes(routes!(api::review_topic))
        .routes(routes!(compliance::api))
        .routes(routes!(showcase::api));
    Routes {
        pages,
        api,
        tasks: vec![tasks::tasks],
    }
}
