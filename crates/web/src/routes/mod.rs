//! Every URL Agora answers, in one place.

pub mod account;
pub mod admin;
pub mod api;
pub mod api_governance;
pub mod api_leads;
pub mod governance;
pub mod leads;
pub mod partner_form;
pub mod portal;
pub mod public;

use crate::middleware::{html_errors, public_cache, security_headers, serve_cached, track_metrics};
use crate::AppState;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use axum::Router;

const STYLESHEET: &str = include_str!("../../static/style.css");

pub fn router(state: AppState) -> Router {
    // Anonymous views of these change only when the directory does: served from the page cache.
    let cached = Router::new()
        .route("/", get(public::home))
        .route("/partners", get(public::directory))
        .route("/partners/{slug}", get(public::profile))
        .route("/partners/{slug}/badge.svg", get(public::badge))
        .route("/partners/{slug}/verify", get(public::verify))
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            public_cache,
        ));

    let pages = Router::new()
        .route(
            "/partners/apply",
            get(public::apply_form).post(public::apply),
        )
        .route(
            "/partners/{slug}/edit",
            get(portal::edit_form).post(portal::edit),
        )
        .route(
            "/find-a-partner",
            get(leads::find_form).post(leads::find_submit),
        )
        .route("/find-a-partner/received", get(leads::find_received))
        .route("/find-a-partner/status/{token}", get(leads::status_page))
        .route(
            "/find-a-partner/status/{token}/withdraw",
            get(leads::status_withdraw_confirm).post(leads::status_withdraw),
        )
        .route("/r/{code}", get(leads::referral_link))
        .route(
            "/partners/how-leads-are-allocated",
            get(leads::how_allocated),
        )
        .route("/transparency", get(leads::transparency_index))
        .route("/transparency/{period}", get(leads::transparency))
        .route(
            "/transparency/{period}/report.csv",
            get(leads::transparency_csv),
        )
        .route("/portal/partners/{id}/leads", get(leads::inbox))
        .route(
            "/portal/partners/{id}/lead-settings",
            post(leads::save_settings),
        )
        .route(
            "/portal/offers/{id}",
            get(leads::offer_page).post(leads::offer_submit),
        )
        .route("/admin/leads", get(leads::admin_leads))
        .route("/admin/leads/{id}", get(leads::admin_lead))
        .route("/admin/leads/{id}/retry", post(leads::admin_retry))
        .route("/admin/leads/{id}/offer", post(leads::admin_offer))
        .route("/admin/leads/{id}/close", post(leads::admin_close))
        .route(
            "/admin/lead-policy",
            get(leads::admin_policy).post(leads::admin_policy_submit),
        )
        .route(
            "/admin/referrals",
            get(leads::admin_referrals).post(leads::admin_create_referrer),
        )
        .route(
            "/admin/lead-data",
            get(leads::admin_data).post(leads::admin_data_submit),
        )
        .route("/governance", get(governance::index))
        .route("/governance/register", get(governance::register))
        .route("/bodies/{slug}", get(governance::body_page))
        .route("/bodies/{slug}/feed.atom", get(governance::feed))
        .route(
            "/bodies/{slug}/propose",
            get(governance::propose_form).post(governance::propose),
        )
        .route("/decisions/{id}", get(governance::decision_page))
        .route("/decisions/{id}/ballots.csv", get(governance::ballots_csv))
        .route(
            "/decisions/{id}/{action}",
            post(governance::decision_action),
        )
        .route(
            "/admin/bodies",
            get(governance::admin_bodies).post(governance::admin_create_body),
        )
        .route(
            "/admin/bodies/{slug}/members",
            post(governance::admin_add_member),
        )
        .route(
            "/portal/partners/{id}/delegates",
            get(governance::delegates_form).post(governance::delegates_submit),
        )
        .route("/login", get(account::login_form).post(account::login))
        .route("/logout", post(account::logout))
        .route(
            "/password/forgot",
            get(account::forgot_form).post(account::forgot),
        )
        .route(
            "/password/reset/{token}",
            get(account::reset_form).post(account::reset),
        )
        .route(
            "/invitations/{token}",
            get(account::invitation_form).post(account::accept_invitation),
        )
        .route("/account", get(account::account))
        .route("/account/password", post(account::change_password))
        .route("/account/tokens", post(account::create_token))
        .route("/account/tokens/{id}/revoke", post(account::revoke_token))
        .route("/portal", get(portal::index))
        .route("/admin", get(admin::dashboard))
        .route("/admin/partners", get(admin::partners))
        .route("/admin/partners/export.csv", get(admin::export_csv))
        .route(
            "/admin/partners/import",
            get(admin::import_form).post(admin::import),
        )
        .route("/admin/partners/{id}", get(admin::partner))
        .route("/admin/partners/{id}/status", post(admin::change_status))
        .route("/admin/regions", get(admin::regions))
        .route("/admin/people", get(admin::people))
        .route("/admin/people/invite", post(admin::invite))
        .route("/admin/people/{id}/roles", post(admin::grant_role))
        .route("/admin/people/{id}/roles/revoke", post(admin::revoke_role))
        .route("/admin/audit", get(admin::audit))
        .route("/admin/outbox", get(admin::outbox));

    Router::new()
        .merge(cached)
        .merge(pages)
        .nest("/api/v1", api::router())
        // Inside the router, so that the matched route (not the raw path) labels the metrics.
        .route_layer(axum::middleware::from_fn(track_metrics))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::auth::context,
        ))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .route("/static/style.css", get(stylesheet))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(html_errors))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            serve_cached,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(tower_http::trace::TraceLayer::new_for_http().make_span_with(request_span))
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .with_state(state)
}

/// The request span names the path with one-time tokens cut out: secrets never reach the logs.
fn request_span(req: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    tracing::info_span!("request", method = %req.method(), path = %LoggablePath(req.uri().path()))
}

pub fn loggable_path(path: &str) -> String {
    LoggablePath(path).to_string()
}

/// Writes a path with its one-time token cut out, straight into the log line (no allocation).
struct LoggablePath<'a>(&'a str);

impl std::fmt::Display for LoggablePath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let path = self.0;
        for prefix in ["/invitations/", "/password/reset/", "/r/"] {
            if let Some(rest) = path.strip_prefix(prefix) {
                return write!(
                    f,
                    "{prefix}{}",
                    if rest.is_empty() { "" } else { "[token]" }
                );
            }
        }
        // A requester's status link is the only key to their request (and to withdrawing it).
        if let Some(rest) = path.strip_prefix("/find-a-partner/status/") {
            let tail = rest.find('/').map_or("", |i| &rest[i..]);
            return write!(f, "/find-a-partner/status/[token]{tail}");
        }
        f.write_str(path)
    }
}

async fn not_found() -> crate::error::Error {
    crate::error::Error::NotFound
}

async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// Open by default (for a scraper on a private network); with `metrics_token` set, it needs
/// `Authorization: Bearer <token>`.
async fn metrics(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
) -> axum::response::Response {
    if let Some(expected) = &state.config.metrics_token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if given != Some(expected.as_str()) {
            // A plain 401 for scrapers, not the sign-in redirect people get.
            return (
                StatusCode::UNAUTHORIZED,
                [(header::WWW_AUTHENTICATE, "Bearer")],
                "metrics token required",
            )
                .into_response();
        }
    }
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        state.metrics.render(),
    )
        .into_response()
}

async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLESHEET,
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_in_paths_are_not_logged() {
        assert_eq!(
            super::loggable_path("/invitations/s3cr3t"),
            "/invitations/[token]"
        );
        assert_eq!(
            super::loggable_path("/password/reset/s3cr3t"),
            "/password/reset/[token]"
        );
        assert_eq!(
            super::loggable_path("/find-a-partner/status/s3cr3t"),
            "/find-a-partner/status/[token]"
        );
        assert_eq!(
            super::loggable_path("/find-a-partner/status/s3cr3t/withdraw"),
            "/find-a-partner/status/[token]/withdraw"
        );
        assert_eq!(super::loggable_path("/partners/acme"), "/partners/acme");
    }
}
