//! The Distinguished Contributor program on the web (issue 12): the program page and nominations,
//! the review panel's work (recusal, scores, discussion), the foundation's decisions and awards,
//! the credentials Agora issues (downloads, `/verify`, its DID and status lists) and the public hall
//! of fame. Pages and API call the same functions in `actions`.

pub mod actions;
pub mod admin;
pub mod api;
pub mod credentials;
pub mod issuer;
pub mod pages;

use crate::routes::Routes;
use crate::AppState;
use axum::routing::{get, post};
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes(state: &AppState) -> Routes {
    // The hall of fame is not cached: what it shows also changes with the date (an announcement,
    // a term's end), which no write marks.
    let _ = state;
    let pages = Router::new()
        .route("/hall-of-fame", get(pages::hall_of_fame))
        .route("/recognition", get(pages::program))
        .route(
            "/recognition/nominate",
            get(pages::nominate_form).post(pages::nominate),
        )
        .route("/recognition/review", get(pages::review_queue))
        .route("/recognition/categories/{slug}", get(pages::category))
        .route("/recognition/nominations/{id}", get(pages::nomination))
        .route(
            "/recognition/nominations/{id}/respond",
            post(pages::respond),
        )
        .route("/recognition/nominations/{id}/score", post(pages::score))
        .route("/recognition/nominations/{id}/recuse", post(pages::recuse))
        .route(
            "/recognition/nominations/{id}/comment",
            post(pages::comment),
        )
        .route("/recognition/nominations/{id}/decide", post(pages::decide))
        .route("/recognition/evidence", get(pages::my_evidence))
        .route("/recognition/evidence/{person}", get(pages::evidence))
        .route(
            "/recognition/hall-of-fame",
            post(pages::hall_of_fame_choice),
        )
        .route("/recognition/badges/{file}", get(credentials::badge_image))
        .route("/.well-known/did.json", get(credentials::did_json))
        .route(
            "/credentials/status/{purpose}",
            get(credentials::status_list),
        )
        .route("/credentials/{file}", get(credentials::credential))
        .route("/verify", get(credentials::verify_form))
        .route(
            "/verify",
            post(credentials::verify_submit).layer(axum::extract::DefaultBodyLimit::max(
                credentials::MAX_UPLOAD + 64 * 1024,
            )),
        )
        .route("/admin/recognition", get(admin::page))
        .route("/admin/recognition/settings", post(admin::settings))
        .route("/admin/recognition/cycles", post(admin::save_cycle))
        .route("/admin/recognition/awards/{id}", post(admin::change_award))
        .route("/admin/recognition/keys", post(admin::rotate_key))
        .route("/admin/recognition/renewals", get(admin::renewals))
        .route("/admin/recognition/identities", get(admin::identities))
        .route(
            "/admin/recognition/identities/{id}",
            post(admin::decide_identity),
        );
    Routes {
        pages,
        api: OpenApiRouter::new()
            .routes(routes!(api::program))
            .routes(routes!(api::nominate))
            .routes(routes!(api::nomination))
            .routes(routes!(api::score))
            .routes(routes!(api::decide))
            .routes(routes!(api::hall_of_fame))
            .routes(routes!(api::verify)),
        tasks: vec![pages::tasks],
    }
}
