//! Cross-cutting layers: security headers, request metrics, HTML error pages, the public page cache.

use crate::auth::Viewer;
use crate::cache::CachedPage;
use crate::error::ErrorPage;
use crate::i18n::Tr;
use crate::views::{render, Ctx, ErrorView};
use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::time::Instant;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
                   frame-ancestors 'none'";

pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut axum::http::HeaderMap, k: &'static str, v: &'static str| {
        if !h.contains_key(k) {
            h.insert(k, HeaderValue::from_static(v));
        }
    };
    set(h, "content-security-policy", CSP);
    set(h, "x-content-type-options", "nosniff");
    set(h, "x-frame-options", "DENY");
    set(h, "referrer-policy", "same-origin");
    set(h, "cross-origin-opener-policy", "same-origin");
    set(h, "cross-origin-resource-policy", "same-origin");
    set(
        h,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    );
    if state.config.secure_cookies() {
        set(
            h,
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        );
    }
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}

pub async fn track_metrics(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let path = req
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".into());
    let method = req.method().to_string();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    metrics::counter!("agora_http_requests_total", "method" => method.clone(), "path" => path.clone(), "status" => status).increment(1);
    metrics::histogram!("agora_http_request_duration_seconds", "method" => method, "path" => path)
        .record(start.elapsed().as_secs_f64());
    res
}

/// Turns error responses of HTML routes into pages (and "sign in first" into a redirect to the login).
pub async fn html_errors(req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let tr = Tr::negotiate(
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let path = req
        .uri()
        .path_and_query()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let viewer_known = req.headers().contains_key(header::COOKIE);
    let res = next.run(req).await;
    let Some(page) = res.extensions().get::<ErrorPage>().cloned() else {
        return res;
    };
    if page.status == StatusCode::UNAUTHORIZED {
        let next = url::form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>();
        return Redirect::to(&format!("/login?next={next}")).into_response();
    }
    let retry = res.headers().get(header::RETRY_AFTER).cloned();
    let ctx = Ctx::anonymous(tr);
    let view = ErrorView {
        title: ctx.tr.t(page.key),
        message: ctx.tr.t(&format!("{}-text", page.key)),
        ctx,
        signed_in: viewer_known,
    };
    let mut out = match render(&view) {
        Ok(html) => (page.status, html).into_response(),
        Err(_) => page.status.into_response(),
    };
    if let Some(r) = retry {
        out.headers_mut().insert(header::RETRY_AFTER, r);
    }
    out
}

/// Serves anonymous GETs of public pages from the cache, rendering and storing them on a miss.
pub async fn public_cache(
    State(state): State<AppState>,
    viewer: Viewer,
    req: Request,
    next: Next,
) -> Response {
    if viewer.person.is_some() || req.method() != axum::http::Method::GET {
        return next.run(req).await;
    }
    if state.cache.needs_check() {
        match state.store.directory_version().await {
            Ok(v) => state.cache.set_version(v),
            Err(e) => {
                tracing::warn!(error = %e, "cannot read the directory version; serving uncached");
                state.cache.invalidate();
                return next.run(req).await;
            }
        }
    }
    let key = format!("{}|{}", viewer.tr.code(), req.uri());
    if let Some(page) = state.cache.get(&key) {
        metrics::counter!("agora_page_cache_hits_total").increment(1);
        return cached_response(&page);
    }
    let version = state.cache.version();
    let res = next.run(req).await;
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 8 * 1024 * 1024).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let headers = KEPT_HEADERS
        .iter()
        .filter_map(|name| parts.headers.get(*name).map(|v| (*name, v.clone())))
        .collect();
    let page = CachedPage {
        version,
        headers,
        body: bytes,
    };
    state.cache.put(key, page.clone());
    let mut res = Response::from_parts(parts, axum::body::Body::from(page.body));
    res.headers_mut()
        .insert("x-cache", HeaderValue::from_static("miss"));
    res
}

/// Response headers a cached page keeps (the rest are added by the outer layers on every response).
const KEPT_HEADERS: &[&str] = &[
    "content-type",
    "cache-control",
    "cross-origin-resource-policy",
];

fn cached_response(page: &CachedPage) -> Response {
    let mut res = Response::new(axum::body::Body::from(page.body.clone()));
    for (name, value) in &page.headers {
        res.headers_mut().insert(*name, value.clone());
    }
    res.headers_mut()
        .insert("x-cache", HeaderValue::from_static("hit"));
    res
}
