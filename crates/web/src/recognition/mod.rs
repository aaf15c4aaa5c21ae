//! The Distinguished Contributor program on the web (issue 12): the program page and nominations,
//! the review panel's work (recusal, scores, discussion), the foundation's decisions and awards,
//! the credentials Agora issues (downloads, `/verify`, its DID and status lists) and the public hall
//! of fame, appeals, lifetime status, the dashboard, the budget, mentorship and attestation
//! records and the evaluation warnings (`program`). Pages and API call the same functions in
//! `actions` and `program`.

pub mod actions;
pub mod admin;
pub mod api;
pub mod credentials;
pub mod issuer;
pub mod pages;
pub mod program;

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
        .route("/recognition/nominations/{id}/appeal", post(pages::appeal))
        .route(
            "/recognition/nominations/{id}/appeal/answer",
            post(pages::answer_appeal),
        )
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
        .route("/recognition/dashboard", get(program::dashboard))
        .route("/recognition/records", get(program::records))
        .route("/recognition/mentorships", post(program::mentorship_form))
        .route(
            "/recognition/mentorships/{id}/delete",
            post(program::remove_mentorship_form),
        )
        .route("/recognition/attestations", post(program::attestation_form))
        .route(
            "/admin/recognition/budget",
            get(program::budget).post(program::save_deliverable),
        )
        .route("/admin/recognition/budget.csv", get(program::budget_csv))
        .route(
            "/admin/recognition/budget/{id}/delete",
            post(program::delete_deliverable),
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
            .routes(routes!(api::appeal))
            .routes(routes!(api::answer_appeal))
            .routes(routes!(api::awards))
            .routes(routes!(api::change_award))
            .routes(routes!(program::dashboard_api))
            .routes(routes!(program::budget_api, program::add_deliverable_api))
            .routes(routes!(
                program::update_deliverable_api,
                program::delete_deliverable_api
            ))
            .routes(routes!(program::records_api))
            .routes(routes!(program::add_mentorship_api))
            .routes(routes!(program::remove_mentorship_api))
            .routes(routes!(program::add_attestation_api))
            .routes(routes!(api::hall_of_fame))
            .routes(routes!(api::verify)),
        tasks: vec![pages::tasks],
    }
}
