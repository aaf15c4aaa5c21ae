//! Partner benefits on the web (issue 11): beta programs, roadmap discussions and campaigns that
//! partners sign up for, and the training library. Campaigns are public (`/campaigns`, cached for
//! anonymous visitors); the rest is for active partners' people and the foundation. Pages and API
//! call the same functions in `actions`.

pub mod actions;
pub mod api;
pub mod pages;
pub mod training;

use crate::middleware::public_cache;
use crate::routes::Routes;
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes(state: &AppState) -> Routes {
    let cached = Router::new()
        .route("/campaigns", get(pages::campaigns))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            public_cache,
        ));
    let upload = Router::new()
        .route(
            "/admin/training",
            get(training::admin).post(training::create),
        )
        .layer(axum::extract::DefaultBodyLimit::max(
            agora_domain::benefits::MAX_FILE_BYTES + 256 * 1024,
        ));
    let pages = Router::new()
        .merge(cached)
        .merge(upload)
        .route("/benefits", get(pages::index))
        .route("/programs/{id}", get(pages::program))
        .route("/programs/{id}/join", post(pages::join))
        .route("/programs/{id}/leave", post(pages::leave))
        .route("/admin/benefits", get(pages::admin).post(pages::create))
        .route(
            "/admin/benefits/{id}",
            get(pages::edit_form).post(pages::edit),
        )
        .route("/training", get(training::library))
        .route("/training/{id}/open", get(training::open))
        .route("/admin/training/{id}/archive", post(training::archive));
    Routes {
        pages,
        api: OpenApiRouter::new()
            .routes(routes!(api::list, api::create))
            .routes(routes!(api::detail, api::update))
            .routes(routes!(api::join))
            .routes(routes!(api::leave))
            .routes(routes!(api::training_list, api::training_create))
            .routes(routes!(api::training_opens)),
        tasks: vec![pages::tasks],
    }
}
