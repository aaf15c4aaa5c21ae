//! How the application is assembled: each program adds its pages and its API (every API route with
//! its OpenAPI documentation), then the layers every request passes through.

use crate::middleware::{html_errors, security_headers, serve_cached, track_metrics};
use crate::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;

const STYLESHEET: &str = include_str!("../static/style.css");

/// What a program adds to the application: its pages, and its API routes with their documentation.
pub struct Routes {
    pub pages: Router<AppState>,
    pub api: OpenApiRouter<AppState>,
    /// What the program asks of people, for their home page and `GET /api/v1/me/tasks` (see
    /// `crate::tasks`); empty when it asks nothing.
    pub tasks: Vec<crate::tasks::Source>,
}

/// Every program, one line each.
fn programs(state: &AppState) -> Vec<Routes> {
    vec![
        crate::partners::routes(state),
        crate::partnerships::routes(state),
        crate::benefits::routes(state),
        crate::recognition::routes(state),
        crate::courses::routes(state),
        crate::accounts::routes(),
        crate::leads::routes(),
        crate::governance::routes(),
        crate::obligations::routes(),
        crate::contributions::routes(),
        crate::groups::routes(state),
        crate::events::routes(),
        crate::notifications::routes(),
        crate::admin::routes(),
        crate::api::routes(),
        crate::tasks::routes(),
        crate::activity::routes(),
    ]
}

pub fn router(state: AppState) -> Router {
    let mut pages = Router::new();
    let mut api = OpenApiRouter::with_openapi(crate::api::ApiDoc::openapi());
    let mut tasks = vec![];
    for p in programs(&state) {
        pages = pages.merge(p.pages);
        api = api.merge(p.api);
        tasks.extend(p.tasks);
    }
    let (api, doc) = api.split_for_parts();
    // Written once: the document only changes with the code.
    let doc =
        bytes::Bytes::from(serde_json::to_vec(&doc).expect("the OpenAPI document serialises"));

    Router::new()
        .merge(pages)
        .merge(api)
        .layer(axum::Extension(crate::tasks::Sources::new(tasks)))
        .route(
            "/api/v1/openapi.json",
            get(move || async move { ([(header::CONTENT_TYPE, "application/json")], doc) }),
        )
        .route("/api/v1/{*rest}", axum::routing::any(api_not_found))
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
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::middleware::refuse_nul,
        ))
        .layer(axum::middleware::from_fn(html_errors))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            serve_cached,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        .layer(axum::extract::DefaultBodyLimit::max(
            state.config.max_body_bytes,
        ))
        .layer(tower_http::trace::TraceLayer::new_for_http().make_span_with(request_span))
        .layer(tower_http::catch_panic::CatchPanicLayer::new())
        .with_state(state)
}

/// No API route has this path: told apart from "no such record" (`not_found`), which a route answers.
async fn api_not_found() -> impl IntoResponse {
    (
        StatusCode::NOT_FOUND,
        Json(serde_json::json!({
            "error": "no_such_endpoint",
            "message": "There is no such endpoint. The endpoints are listed in /api/v1/openapi.json.",
            "errors": null,
        })),
    )
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
        // Also the secret links of a person's calendar feed and of their one-click unsubscribing.
        for prefix in [
            "/invitations/",
            "/password/reset/",
            "/r/",
            "/calendar/",
            "/unsubscribe/",
        ] {
            if let Some(rest) = path.strip_prefix(prefix) {
                return write!(
                    f,
                    "{prefix}{}",
                    if rest.is_empty() { "" } else { "[token]" }
                );
            }
        }
        // A requester's status link is the only key to their request (and to withdrawing it), as an
        // event guest's link is to their registration.
        for prefix in ["/find-a-partner/status/", "/events/guests/"] {
            if let Some(rest) = path.strip_prefix(prefix) {
                let tail = rest.find('/').map_or("", |i| &rest[i..]);
                return write!(f, "{prefix}[token]{tail}");
            }
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
        let allowed = given.is_some_and(|g| {
            crate::auth::constant_time_eq(g, secrecy::ExposeSecret::expose_secret(expected))
        });
        if !allowed {
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
        assert_eq!(
            super::loggable_path("/events/guests/s3cr3t/confirm"),
            "/events/guests/[token]/confirm"
        );
        assert_eq!(
            super::loggable_path("/unsubscribe/7.updates.0a1b"),
            "/unsubscribe/[token]"
        );
        assert_eq!(
            super::loggable_path("/calendar/s3cr3t.ics"),
            "/calendar/[token]"
        );
        assert_eq!(super::loggable_path("/partners/acme"), "/partners/acme");
    }
}
