//! Cross-cutting layers: security headers, request metrics, HTML error pages, the public page cache.

use crate::auth::Viewer;
use crate::cache::{page_key, CachedPage};
use crate::error::ErrorPage;
use crate::i18n::Tr;
use crate::views::{render, Ctx, ErrorView};
use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use std::sync::Arc;
use std::time::Instant;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; \
                   font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; \
                   frame-ancestors 'none'";

pub async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    let set = |h: &mut HeaderMap, k: &'static str, v: &'static str| {
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

/// The matched route (not the raw path, which would give every partner its own series).
fn route_label(req: &Request) -> String {
    req.extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".into(), |p| p.as_str().to_owned())
}

pub async fn track_metrics(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let path = route_label(&req);
    let method = req.method().to_string();
    let res = next.run(req).await;
    let status = res.status().as_u16().to_string();
    metrics::counter!("agora_http_requests_total", "method" => method.clone(), "path" => path.clone(), "status" => status).increment(1);
    metrics::histogram!("agora_http_request_duration_seconds", "method" => method, "path" => path)
        .record(start.elapsed().as_secs_f64());
    res
}

/// Refuses a NUL character anywhere a request can carry text into Agora: the address (path and
/// query) and a form's fields. PostgreSQL cannot store or even compare text holding one, so it would
/// otherwise fail the query (a 500, and in a batched write, the batch). JSON bodies are checked where
/// they are read (`api::parse_body`), which names the field.
pub async fn refuse_nul(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Result<Response, crate::error::Error> {
    use crate::error::Error;
    let uri = req.uri();
    let in_address = |s: &str| {
        s.as_bytes()
            .windows(3)
            .any(|w| w.eq_ignore_ascii_case(b"%00"))
    };
    if in_address(uri.path()) || uri.query().is_some_and(in_address) {
        return Err(Error::bad(
            "The address contains a NUL character (%00), which Agora does not accept.",
        ));
    }
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form {
        return Ok(next.run(req).await);
    }
    let (parts, body) = req.into_parts();
    let bytes = axum::body::to_bytes(body, state.config.max_body_bytes)
        .await
        .map_err(|_| Error::TooLarge)?;
    if let Some((key, _)) =
        url::form_urlencoded::parse(&bytes).find(|(k, v)| k.contains('\0') || v.contains('\0'))
    {
        let key = key.replace('\0', "");
        return Err(Error::bad(format!(
            "The field \u{201c}{key}\u{201d} contains a NUL character, which Agora does not accept."
        )));
    }
    Ok(next
        .run(Request::from_parts(parts, axum::body::Body::from(bytes)))
        .await)
}

/// Turns error responses of HTML routes into pages (and "sign in first" into a redirect to the login).
pub async fn html_errors(req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    // Cheap clones (shared bytes): the language is negotiated only when there is an error page to show.
    let accept_language = req.headers().get(header::ACCEPT_LANGUAGE).cloned();
    let uri = req.uri().clone();
    let viewer_known = req.headers().contains_key(header::COOKIE);
    let res = next.run(req).await;
    let Some(page) = res.extensions().get::<ErrorPage>().cloned() else {
        return res;
    };
    let tr =
        res.extensions().get::<Tr>().cloned().unwrap_or_else(|| {
            Tr::negotiate(accept_language.as_ref().and_then(|v| v.to_str().ok()))
        });
    if page.status == StatusCode::UNAUTHORIZED {
        let path = uri.path_and_query().map_or("", |p| p.as_str());
        let next = url::form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>();
        return Redirect::to(&format!("/login?next={next}")).into_response();
    }
    let retry = res.headers().get(header::RETRY_AFTER).cloned();
    let ctx = res
        .extensions()
        .get::<crate::views::ErrorCtx>()
        .map_or_else(|| Ctx::anonymous(tr), |c| c.0.clone());
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

/// Answers a GET from the page cache before any other work (session lookup, CSRF, metrics labels,
/// error pages) when the request plainly comes from an anonymous visitor: no API token and no
/// session cookie. Everything else, and every miss, goes on to the routes (see `public_cache`).
pub async fn serve_cached(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET || !plainly_anonymous(&state, req.headers()) {
        return next.run(req).await;
    }
    let start = Instant::now();
    if !refresh_cache_version(&state).await {
        return next.run(req).await;
    }
    let key = page_key(&request_tr(req.headers()).code(), req.uri());
    if let Some(page) = state.cache.get(&key) {
        let res = cached_response(&page);
        page.requests.increment(1);
        page.duration.record(start.elapsed().as_secs_f64());
        return res;
    }
    let mut req = req;
    req.extensions_mut().insert(PageKey(key));
    next.run(req).await
}

/// The cache key `serve_cached` computed, handed on so a miss does not compute it again.
#[derive(Clone)]
struct PageKey(String);

fn request_tr(headers: &HeaderMap) -> Tr {
    Tr::negotiate(
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    )
}

fn plainly_anonymous(state: &AppState, headers: &HeaderMap) -> bool {
    if headers.contains_key(header::AUTHORIZATION) {
        return false;
    }
    let session = crate::auth::session_cookie_name(state);
    headers.get_all(header::COOKIE).iter().all(|v| {
        v.to_str().is_ok_and(|cookies| {
            !cookies
                .split(';')
                .any(|c| c.trim_start().split('=').next() == Some(session))
        })
    })
}

/// Reads the shared directory version when it is due; false when it cannot be read (serve uncached).
async fn refresh_cache_version(state: &AppState) -> bool {
    match state.cache.refresh_version(&state.store).await {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the directory version; serving uncached");
            state.cache.invalidate();
            false
        }
    }
}

/// On the cached routes: serves anonymous viewers from the cache (a visitor with an expired session
/// cookie gets here), and renders and stores the page on a miss.
pub async fn public_cache(
    State(state): State<AppState>,
    viewer: Viewer,
    req: Request,
    next: Next,
) -> Response {
    if viewer.person.is_some() || req.method() != Method::GET {
        return next.run(req).await;
    }
    if !refresh_cache_version(&state).await {
        return next.run(req).await;
    }
    let key = match req.extensions().get::<PageKey>() {
        Some(k) => k.0.clone(),
        None => page_key(&viewer.tr.code(), req.uri()),
    };
    if let Some(page) = state.cache.get(&key) {
        return cached_response(&page);
    }
    let route = route_label(&req);
    let version = state.cache.version();
    let res = next.run(req).await;
    let (res, page) = keep(res, route, version).await;
    if let Some(page) = page {
        state.cache.put(key, page);
    }
    res
}

/// On pages that read many tables and the clock (a group's page): anonymous visitors get the page
/// rendered in the last few seconds (`cache::BRIEF_TTL`), unless this instance changed anything since
/// or the clock moved to another minute. Signed-in people always get a fresh page.
pub async fn brief_cache(
    State(state): State<AppState>,
    viewer: Viewer,
    req: Request,
    next: Next,
) -> Response {
    if viewer.person.is_some() || req.method() != Method::GET {
        return next.run(req).await;
    }
    let key = format!(
        "{}|{}|{}",
        state.store.local_writes(),
        state.clock.now().format("%Y%m%d%H%M"),
        page_key(&viewer.tr.code(), req.uri())
    );
    if let Some(page) = state.cache.get_brief(&key) {
        page.requests.increment(1);
        return cached_response(&page);
    }
    let route = route_label(&req);
    let res = next.run(req).await;
    let (res, page) = keep(res, route, 0).await;
    if let Some(page) = page {
        state.cache.put_brief(key, page);
    }
    res
}

/// A response as a page to keep: only a 200 that sets no cookie (a CSRF cookie would tie the page to
/// one visitor). Counts itself in the route's request metrics on every later hit.
async fn keep(res: Response, route: String, version: i64) -> (Response, Option<Arc<CachedPage>>) {
    if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
        return (res, None);
    }
    let (parts, body) = res.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, 8 * 1024 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR.into_response(), None);
    };
    let headers = KEPT_HEADERS
        .iter()
        .filter_map(|name| parts.headers.get(name).map(|v| (name.clone(), v.clone())))
        .collect();
    // The same series `track_metrics` writes, so a hit served before the router is counted alike.
    let page = Arc::new(CachedPage {
        version,
        headers,
        body: bytes.clone(),
        requests: metrics::counter!("agora_http_requests_total", "method" => "GET", "path" => route.clone(), "status" => "200"),
        duration: metrics::histogram!("agora_http_request_duration_seconds", "method" => "GET", "path" => route),
    });
    let mut res = Response::from_parts(parts, axum::body::Body::from(bytes));
    res.headers_mut()
        .insert("x-cache", HeaderValue::from_static("miss"));
    (res, Some(page))
}

/// Response headers a cached page keeps (the rest are added by the outer layers on every response).
const KEPT_HEADERS: [HeaderName; 3] = [
    header::CONTENT_TYPE,
    header::CACHE_CONTROL,
    HeaderName::from_static("cross-origin-resource-policy"),
];

fn cached_response(page: &CachedPage) -> Response {
    let mut res = Response::new(axum::body::Body::from(page.body.clone()));
    let headers = res.headers_mut();
    for (name, value) in &page.headers {
        headers.insert(name.clone(), value.clone());
    }
    headers.insert("x-cache", HeaderValue::from_static("hit"));
    res
}
