//! Community plans for courses (issue 13): so far the weekly series of a course, computed from its
//! imported tracking logs, as JSON.

pub mod api;

use crate::routes::Routes;
use crate::AppState;
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes(_state: &AppState) -> Routes {
    Routes {
        pages: Router::new(),
        api: OpenApiRouter::new().routes(routes!(api::series)),
        tasks: vec![],
    }
}
