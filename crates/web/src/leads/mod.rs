//! Leads on the web: the public request form and the requester's status page, the published policy
//! and transparency report, the partner inbox, and the foundation's lead desk.

pub mod api;
pub mod data;
pub mod desk;
pub mod inbox;
pub mod intake;
pub mod policy;
pub mod queue;
pub mod referrals;
pub mod status;
pub mod tasks;
pub mod transparency;

use crate::routes::Routes;
use axum::routing::{get, post};
use axum::Router;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub fn routes() -> Routes {
    let pages = Router::new()
        .route(
            "/find-a-partner",
            get(intake::find_form).post(intake::find_submit),
        )
        .route("/find-a-partner/received", get(intake::find_received))
        .route("/find-a-partner/status/{token}", get(status::status_page))
        .route(
            "/find-a-partner/status/{token}/withdraw",
            get(status::status_withdraw_confirm).post(status::status_withdraw),
        )
        .route("/r/{code}", get(intake::referral_link))
        .route(
            "/partners/how-leads-are-allocated",
            get(policy::how_allocated),
        )
        .route("/transparency", get(transparency::transparency_index))
        .route("/transparency/{period}", get(transparency::transparency))
        .route(
            "/transparency/{period}/report.csv",
            get(transparency::transparency_csv),
        )
        .route("/portal/partners/{id}/leads", get(inbox::inbox))
        .route(
            "/portal/partners/{id}/lead-settings",
            post(inbox::save_settings),
        )
        .route(
            "/portal/offers/{id}",
            get(inbox::offer_page).post(inbox::offer_submit),
        )
        .route("/admin/leads", get(desk::admin_leads))
        .route("/admin/leads/{id}", get(desk::admin_lead))
        .route("/admin/leads/{id}/retry", post(desk::admin_retry))
        .route("/admin/leads/{id}/offer", post(desk::admin_offer))
        .route("/admin/leads/{id}/close", post(desk::admin_close))
        .route(
            "/admin/lead-policy",
            get(policy::admin_policy).post(policy::admin_policy_submit),
        )
        .route(
            "/admin/referrals",
            get(referrals::admin_referrals).post(referrals::admin_create_referrer),
        )
        .route(
            "/admin/lead-data",
            get(data::admin_data).post(data::admin_data_submit),
        );
    let api = OpenApiRouter::new()
        .routes(routes!(api::create_lead, api::list_leads))
        .routes(routes!(api::get_lead))
        .routes(routes!(api::offer_lead))
        .routes(routes!(api::close_lead))
        .routes(routes!(api::transparency))
        .routes(routes!(api::get_policy, api::adopt_policy))
        .routes(routes!(api::policy_dry_run))
        .routes(routes!(api::partner_offers))
        .routes(routes!(api::partner_referrals))
        .routes(routes!(api::get_offer, api::update_offer))
        .routes(routes!(api::referrals));
    Routes {
        pages,
        api,
        tasks: vec![tasks::tasks],
    }
}
