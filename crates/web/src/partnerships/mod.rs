//! The foundation's partnerships on the web: the public page `/partnerships` (cached for anonymous
//! visitors), the admins' page to keep them, and the API (`GET` public, writes for admins).

pub mod api;
pub mod pages;

use crate::middleware::public_cache;
use crate::routes::Routes;
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes(state: &AppState) -> Routes {
    let cached = Router::new()
        .route("/partnerships", get(pages::public))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            public_cache,
        ));
    let pages = Router::new()
        .merge(cached)
        .route("/admin/partnerships", get(pages::admin).post(pages::create))
        .route(
            "/admin/partnerships/{id}",
            get(pages::edit_form).post(pages::edit),
        )
        .route("/admin/partnerships/{id}/delete", post(pages::delete));
    Routes {
        pages,
        api: OpenApiRouter::new()
            .routes(routes!(api::list, api::create))
            .routes(routes!(api::update, api::delete)),
        tasks: vec![],
    }
}
