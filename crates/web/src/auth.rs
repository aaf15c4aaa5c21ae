//! Who is asking: sessions (cookies), personal API tokens (bearer), CSRF tokens, password hashing and
//! login rate limits. The `context` middleware resolves the viewer once per request; handlers then ask
//! the permission module (`agora_domain::permissions`) through `Viewer::require`.

use crate::error::{Error, Result};
use crate::i18n::Tr;
use crate::AppState;
use agora_domain::permissions::{allows, Actor, Permission};
use agora_store::{Person, Who};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use base64::Engine;
use hmac::{Hmac, Mac};
use rand::RngCore;
use secrecy::{ExposeSecret, SecretSlice};
use sha2::{Digest, Sha256};
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, OnceLock};

pub const SESSION_COOKIE: &str = "agora_session";
pub const CSRF_COOKIE: &str = "agora_csrf";
pub const CSRF_FIELD: &str = "csrf_token";
pub const API_TOKEN_PREFIX: &str = "agora_";

/// A fresh random secret, URL-safe.
pub fn random_token() -> String {
    let mut b = [0u8; 32];
    OsRng.fill_bytes(&mut b);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(b)
}

/// What the database keeps of a secret: its SHA-256.
pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Password hashing is the one CPU-heavy step of a request (argon2id, ~19 MiB and tens of ms). Run
/// at most one per core, in arrival order: 32 sign-ins at once then finish one after another instead
/// of dozens of threads sharing the cores and all finishing late.
async fn hashing_permit() -> tokio::sync::SemaphorePermit<'static> {
    static PERMITS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    PERMITS
        .get_or_init(|| {
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            tokio::sync::Semaphore::new(cores)
        })
        .acquire()
        .await
        .expect("the semaphore is never closed")
}

pub async fn hash_password(password: String) -> Result<String> {
    let _permit = hashing_permit().await;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| Error::Unexpected(e.into()))?
    .map_err(|e| Error::Unexpected(anyhow::anyhow!("hashing failed: {e}")))
}

/// Verifies a password; with no stored hash, spends the same time so timing does not reveal accounts.
pub async fn verify_password(password: String, stored: Option<String>) -> bool {
    const DUMMY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0SNmXmvbBLa/W0Zc1xPdrrpE8fDNBqZdmE2Hy6Zy1jg";
    let _permit = hashing_permit().await;
    tokio::task::spawn_blocking(move || {
        let has = stored.is_some();
        let h = stored.unwrap_or_else(|| DUMMY.to_string());
        let ok = PasswordHash::new(&h)
            .map(|p| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &p)
                    .is_ok()
            })
            .unwrap_or(false);
        ok && has
    })
    .await
    .unwrap_or(false)
}

/// The person (or nobody) behind a request, with their CSRF token and language.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub actor: Actor,
    pub person: Option<Person>,
    pub session_hash: Option<String>,
    pub csrf: Csrf,
    pub tr: Tr,
    pub ip: Option<IpAddr>,
    /// The API token the request was made with, if any (limits are counted per token).
    pub api_token: Option<i64>,
    /// The groups this viewer may see, read once per request however many sections of a page ask
    /// (`groups::actions::visible_groups`).
    pub visible_groups: crate::groups::actions::VisibleGroups,
    /// The last audited change's number, read once per request (`reads::shared`).
    pub audit_seq: crate::reads::AuditSeq,
}

/// A request's CSRF token, made only when a page renders a form: pages without forms then set no
/// cookie and stay cacheable, and cost no cryptography.
#[derive(Debug, Clone, Default)]
pub struct Csrf(Option<Arc<CsrfInner>>);

#[derive(Debug)]
struct CsrfInner {
    secret: Arc<SecretSlice<u8>>,
    cookie: Option<String>,
    session_hash: Option<String>,
    issued_cookie: OnceLock<String>,
    token: OnceLock<String>,
}

impl Csrf {
    fn new(
        secret: Arc<SecretSlice<u8>>,
        cookie: Option<String>,
        session_hash: Option<String>,
    ) -> Self {
        Self(Some(Arc::new(CsrfInner {
            secret,
            cookie,
            session_hash,
            issued_cookie: OnceLock::new(),
            token: OnceLock::new(),
        })))
    }

    /// The token to put in a form (empty outside a request).
    pub fn token(&self) -> String {
        let Some(i) = &self.0 else {
            return String::new();
        };
        i.token
            .get_or_init(|| {
                let cookie = i
                    .cookie
                    .clone()
                    .unwrap_or_else(|| i.issued_cookie.get_or_init(random_token).clone());
                csrf_token(i.secret.expose_secret(), &cookie, i.session_hash.as_deref())
            })
            .clone()
    }

    /// A cookie value made for this response, if a form needed one.
    fn issued_cookie(&self) -> Option<String> {
        self.0.as_ref().and_then(|i| i.issued_cookie.get().cloned())
    }
}

impl Viewer {
    pub fn can(&self, p: Permission) -> bool {
        allows(&self.actor, p)
    }

    /// Anonymous visitors are asked to sign in; signed-in people without the right get a 403.
    pub fn require(&self, p: Permission) -> Result<()> {
        if self.can(p) {
            Ok(())
        } else if self.person.is_none() {
            Err(Error::Unauthorized)
        } else {
            Err(Error::Forbidden)
        }
    }

    pub fn who(&self) -> Who {
        match &self.person {
            Some(p) => Who::person(p.id, &p.email),
            None => Who::anonymous(),
        }
    }

    pub fn is_admin(&self) -> bool {
        self.person.is_some() && self.actor.is_admin()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Viewer {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self> {
        parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .ok_or_else(|| Error::Unexpected(anyhow::anyhow!("context middleware missing")))
    }
}

fn csrf_token(secret: &[u8], csrf_cookie: &str, session_hash: Option<&str>) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(csrf_cookie.as_bytes());
    mac.update(b"|");
    mac.update(session_hash.unwrap_or("").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Compares secrets in time that does not depend on where they differ (`subtle`).
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// The session cookie's name without an allocation (the page cache asks on every request).
pub fn session_cookie_name(state: &AppState) -> &'static str {
    if state.config.secure_cookies() {
        "__Host-agora_session"
    } else {
        SESSION_COOKIE
    }
}

pub fn cookie_name(state: &AppState, base: &'static str) -> String {
    if state.config.secure_cookies() {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

pub fn make_cookie(state: &AppState, base: &'static str, value: String) -> Cookie<'static> {
    let mut c = Cookie::new(cookie_name(state, base), value);
    c.set_path("/");
    c.set_http_only(true);
    c.set_same_site(SameSite::Lax);
    c.set_secure(state.config.secure_cookies());
    c
}

fn client_ip(
    state: &AppState,
    headers: &HeaderMap,
    connect: Option<&ConnectInfo<SocketAddr>>,
) -> Option<IpAddr> {
    let peer = connect.map(|c| c.0.ip());
    if !state.config.trust_proxy {
        return peer;
    }
    let forwarded: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    crate::client_address::client_address(peer, &forwarded, state.config.trusted_proxies)
}

async fn resolve_actor(state: &AppState, person_id: i64) -> Result<Option<(Actor, Person)>> {
    let Some(person) = state.store.person(person_id).await? else {
        return Ok(None);
    };
    if person.disabled {
        return Ok(None);
    }
    let grants = state.store.grants(person_id).await?;
    Ok(Some((
        Actor::Person {
            id: person_id,
            grants,
        },
        person,
    )))
}

/// Resolves the viewer, checks CSRF on every unsafe HTML request, and issues the CSRF cookie.
pub async fn context(
    State(state): State<AppState>,
    jar: CookieJar,
    mut req: Request,
    next: Next,
) -> Result<Response> {
    let headers = req.headers().clone();
    let ip = client_ip(
        &state,
        &headers,
        req.extensions().get::<ConnectInfo<SocketAddr>>(),
    );
    let is_api = req.uri().path().starts_with("/api/");
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);

    let mut actor = Actor::Anonymous;
    let mut person = None;
    let mut session_hash = None;
    let mut api_token = None;
    let bearer = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    if let Some(token) = bearer {
        // A presented token that is wrong is an error, not a silent downgrade to anonymous.
        // Revoked and expired tokens are refused alike.
        let owner = state
            .store
            .api_token_person(&hash_token(token))
            .await?
            .ok_or(Error::Unauthorized)?;
        let (a, p) = resolve_actor(&state, owner.person_id)
            .await?
            .ok_or(Error::Unauthorized)?;
        actor = a;
        person = Some(p);
        api_token = Some(owner.token_id);
    } else if let Some(c) = jar.get(&cookie_name(&state, SESSION_COOKIE)) {
        // The JSON API takes cookies for reading only: writes need a token, so no CSRF is possible there.
        if !(is_api && unsafe_method) {
            let h = hash_token(c.value());
            if let Some(s) = state.store.session(&h, state.clock.now()).await? {
                if let Some((a, p)) = resolve_actor(&state, s.person_id).await? {
                    touch_session(&state, &h, &s).await?;
                    actor = a;
                    person = Some(p);
                    session_hash = Some(h);
                }
            }
        }
    }

    let csrf_cookie = jar
        .get(&cookie_name(&state, CSRF_COOKIE))
        .map(|c| c.value().to_string())
        .filter(|v| v.len() >= 32);
    // A one-click unsubscribe (RFC 8058) comes from a mail client with no cookies: its signed link
    // is its authority, and it can only turn mail off.
    let one_click = req.uri().path().starts_with("/unsubscribe/");
    if unsafe_method && !is_api && !one_click {
        // Without the cookie no token can be valid.
        let expected = csrf_cookie
            .as_deref()
            .map(|c| csrf_token(state.secret.expose_secret(), c, session_hash.as_deref()));
        let presented = match headers.get("x-csrf-token").and_then(|v| v.to_str().ok()) {
            Some(v) => Some(v.to_string()),
            None => {
                let (r, token) =
                    crate::forms::take_csrf_field(req, state.config.max_body_bytes).await?;
                req = r;
                token
            }
        };
        if !matches!((&presented, &expected), (Some(p), Some(e)) if constant_time_eq(p, e)) {
            metrics::counter!("agora_csrf_rejections_total").increment(1);
            return Err(Error::bad("The form expired or did not come from this site. Go back, reload the page and try again."));
        }
    }

    // A signed-in person reads Agora in the language they chose; everyone else in the browser's.
    let tr = Tr::for_viewer(
        person.as_ref().and_then(|p| p.language.as_deref()),
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let csrf = Csrf::new(state.secret.clone(), csrf_cookie, session_hash.clone());
    let viewer = Viewer {
        actor,
        person,
        session_hash,
        csrf: csrf.clone(),
        tr: tr.clone(),
        ip,
        api_token,
        visible_groups: Default::default(),
        audit_seq: Default::default(),
    };
    // An error page shows the same navigation as the page would have (signed in, admin, partner).
    let error_ctx = crate::views::ErrorCtx(crate::views::Ctx::new(&viewer, ""));
    req.extensions_mut().insert(viewer);
    let mut res = next.run(req).await;
    // So that an error page is written in the same language as the page would have been.
    res.extensions_mut().insert(tr);
    res.extensions_mut().insert(error_ctx);
    if let Some(value) = csrf.issued_cookie() {
        let c = make_cookie(&state, CSRF_COOKIE, value);
        if let Ok(v) = HeaderValue::from_str(&c.to_string()) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    Ok(res)
}

/// Slides the idle timeout, but never past the absolute limit, and writes at most once a minute.
async fn touch_session(state: &AppState, hash: &str, s: &agora_store::SessionRecord) -> Result<()> {
    let (created, seen) = (s.created_at, s.last_seen_at);
    let now = state.clock.now();
    if now - seen < chrono::Duration::seconds(60) {
        return Ok(());
    }
    let idle = chrono::Duration::from_std(state.config.session_idle).unwrap_or_default();
    let absolute = chrono::Duration::from_std(state.config.session_absolute).unwrap_or_default();
    let expires = (now + idle).min(created + absolute);
    state.store.touch_session(hash, expires, now).await?;
    Ok(())
}

/// Starts a session for a person who just proved who they are; returns the cookie to set.
pub async fn start_session(state: &AppState, person_id: i64) -> Result<Cookie<'static>> {
    let token = random_token();
    let idle = chrono::Duration::from_std(state.config.session_idle).unwrap_or_default();
    let now = state.clock.now();
    state
        .store
        .create_session(&hash_token(&token), person_id, now + idle, now)
        .await?;
    Ok(make_cookie(state, SESSION_COOKIE, token))
}

/// The answer to an attempt over a limit, counted and logged without the key's personal part.
fn refused(key: &str, window_secs: i64) -> Error {
    metrics::counter!("agora_rate_limited_total").increment(1);
    tracing::warn!(
        key = key.split(':').take(2).collect::<Vec<_>>().join(":"),
        "rate limit reached"
    );
    Error::TooManyRequests {
        retry_after_secs: window_secs as u64,
    }
}

/// Counts an attempt against each key; refuses when any is over its limit within the window.
pub async fn rate_limit(state: &AppState, keys: &[(String, i64)], window_secs: i64) -> Result<()> {
    for (key, limit) in keys {
        if state.limits.hit(key, window_secs).await? > *limit {
            return Err(refused(key, window_secs));
        }
    }
    Ok(())
}

/// The counters one password check is measured against. Only failures count, so an office behind
/// one address is not refused for its people's successful sign-ins.
///
/// - per address: refused (429) after `login_attempts_per_ip` failures in 15 minutes;
/// - per address and account: refused after `login_attempts_per_account` failures;
/// - per account, from every address: never refused (that would let anyone lock the owner out), only
///   slowed down past the same number of failures (see [`crate::limits::slowdown`]).
pub struct PasswordCheck {
    ip_key: String,
    pair_key: String,
    account_key: String,
}

const PASSWORD_WINDOW_SECS: i64 = 15 * 60;

impl PasswordCheck {
    /// Refuses when this address failed too often; waits when the account is failing from everywhere.
    pub async fn begin(state: &AppState, ip: Option<IpAddr>, email: &str) -> Result<Self> {
        let ip = ip.map(|i| i.to_string()).unwrap_or_default();
        let check = Self {
            pair_key: format!("login:ip-account:{ip}:{email}"),
            ip_key: format!("login:ip:{ip}"),
            account_key: format!("login:account:{email}"),
        };
        let c = &state.config;
        for (key, limit) in [
            (&check.ip_key, c.login_attempts_per_ip),
            (&check.pair_key, c.login_attempts_per_account),
        ] {
            if state.limits.peek(key, PASSWORD_WINDOW_SECS).await? >= limit {
                return Err(refused(key, PASSWORD_WINDOW_SECS));
            }
        }
        let failures = state
            .limits
            .peek(&check.account_key, PASSWORD_WINDOW_SECS)
            .await?;
        let wait = crate::limits::slowdown(failures, c.login_attempts_per_account);
        if !wait.is_zero() {
            metrics::counter!("agora_sign_in_slowed_total").increment(1);
            tokio::time::sleep(wait).await;
        }
        Ok(check)
    }

    pub async fn failed(&self, state: &AppState) -> Result<()> {
        for key in [&self.ip_key, &self.pair_key, &self.account_key] {
            state.limits.hit(key, PASSWORD_WINDOW_SECS).await?;
        }
        Ok(())
    }

    /// The owner proved who they are: their account's failures stop slowing them down.
    pub fn succeeded(&self, state: &AppState) {
        state.limits.clear(&self.pair_key);
        state.limits.clear(&self.account_key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_cache_looks_for_the_session_cookie_by_its_real_name() {
        // `session_cookie_name` spells out what `cookie_name` builds, to avoid an allocation.
        assert_eq!(format!("__Host-{SESSION_COOKIE}"), "__Host-agora_session");
    }

    #[test]
    fn csrf_tokens_bind_cookie_and_session() {
        let s = b"secret";
        let a = csrf_token(s, "cookie", None);
        assert_eq!(a, csrf_token(s, "cookie", None));
        assert_ne!(a, csrf_token(s, "cookie", Some("session")));
        assert_ne!(a, csrf_token(s, "other", None));
        assert_ne!(a, csrf_token(b"other secret", "cookie", None));
    }

    #[tokio::test]
    async fn passwords_verify_only_against_their_hash() {
        let h = hash_password("correct horse battery".into())
            .await
            .expect("hash");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery".into(), Some(h.clone())).await);
        assert!(!verify_password("wrong horse battery".into(), Some(h)).await);
        assert!(!verify_password("anything".into(), None).await);
    }
}
