//! Signing in and out, invitations, password resets, and one's own account (password, API tokens).

use crate::auth::{
    self, hash_password, hash_token, random_token, start_session, verify_password, Viewer,
    SESSION_COOKIE,
};
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::i18n::Tr;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::audit::AuditEvent;
use agora_domain::permissions::Permission;
use agora_domain::person::check_password;
use agora_domain::ValidationErrors;
use agora_store::{ApiTokenInfo, TokenPurpose};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::CookieJar;
use axum_extra::extract::Form;
use serde::Deserialize;

pub const RESET_VALID_HOURS: i64 = 1;
pub const INVITATION_VALID_DAYS: i64 = 7;

/// Only same-site paths: an open redirect after sign-in would help phishing.
fn safe_next(next: Option<&str>) -> Option<String> {
    next.and_then(crate::redirect::local_path)
}

#[derive(Template)]
#[template(path = "account/login.html")]
struct LoginView {
    ctx: Ctx,
    email: String,
    next: String,
    failed: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NextParam {
    next: Option<String>,
}

pub async fn login_form(v: Viewer, Query(q): Query<NextParam>) -> Result<Html<String>> {
    render(&LoginView {
        ctx: Ctx::new(&v, "/login"),
        email: String::new(),
        next: safe_next(q.next.as_deref()).unwrap_or_default(),
        failed: false,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginData {
    email: String,
    password: String,
    next: String,
}

pub async fn login(
    State(state): State<AppState>,
    v: Viewer,
    jar: CookieJar,
    Form(data): Form<LoginData>,
) -> Result<Response> {
    let email = data.email.trim().to_lowercase();
    let check = auth::PasswordCheck::begin(&state, v.ip, &email).await?;
    let person = state
        .store
        .person_by_email(&email)
        .await?
        .filter(|p| !p.disabled);
    let ok = verify_password(
        data.password.clone(),
        person.as_ref().and_then(|p| p.password_hash.clone()),
    )
    .await;
    let Some(person) = person.filter(|_| ok) else {
        tracing::info!("sign-in failed");
        check.failed(&state).await?;
        let view = LoginView {
            ctx: Ctx::new(&v, "/login"),
            email: data.email,
            next: safe_next(Some(&data.next)).unwrap_or_default(),
            failed: true,
        };
        return Ok((StatusCode::UNAUTHORIZED, render(&view)?).into_response());
    };
    check.succeeded(&state);
    // A new session id at every sign-in (no fixation); the old one, if any, ends.
    if let Some(old) = &v.session_hash {
        state.store.delete_session(old).await?;
    }
    let cookie = start_session(&state, person.id).await?;
    state
        .store
        .record(
            &agora_store::Who::person(person.id, &person.email),
            AuditEvent::new("session.login", "person", person.id),
        )
        .await?;
    // Everyone lands on their home page: what needs them, whatever their roles.
    let to = safe_next(Some(&data.next)).unwrap_or_else(|| "/home".to_string());
    Ok((jar.add(cookie), Redirect::to(&to)).into_response())
}

pub async fn logout(State(state): State<AppState>, v: Viewer, jar: CookieJar) -> Result<Response> {
    if let Some(h) = &v.session_hash {
        state.store.delete_session(h).await?;
        if let Some(p) = &v.person {
            state
                .store
                .record(&v.who(), AuditEvent::new("session.logout", "person", p.id))
                .await?;
        }
    }
    let removal = auth::make_cookie(&state, SESSION_COOKIE, String::new()).into_owned();
    let mut removal = removal;
    removal.make_removal();
    Ok((jar.add(removal), Redirect::to("/")).into_response())
}

#[derive(Template)]
#[template(path = "account/forgot.html")]
struct ForgotView {
    ctx: Ctx,
    sent: bool,
    email: String,
}

pub async fn forgot_form(v: Viewer) -> Result<Html<String>> {
    render(&ForgotView {
        ctx: Ctx::new(&v, "/login"),
        sent: false,
        email: String::new(),
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailData {
    email: String,
}

/// Always answers the same way, whether or not the address has an account.
pub async fn forgot(
    State(state): State<AppState>,
    v: Viewer,
    Form(data): Form<EmailData>,
) -> Result<Html<String>> {
    let email = data.email.trim().to_lowercase();
    let ip = v.ip.map(|i| i.to_string()).unwrap_or_default();
    auth::rate_limit(
        &state,
        &[
            (format!("reset:account:{email}"), 5),
            (format!("reset:ip:{ip}"), 20),
        ],
        3600,
    )
    .await?;
    if let Some(p) = state
        .store
        .person_by_email(&email)
        .await?
        .filter(|p| !p.disabled)
    {
        let tr = Tr::for_recipient(p.language.as_deref(), &v.tr);
        let (inv, _) = crate::accounts::admin::one_time_link(
            &state,
            "/password/reset",
            chrono::Duration::hours(RESET_VALID_HOURS),
            |link| {
                (
                    tr.t("email-reset-subject"),
                    tr.t2(
                        "email-reset-body",
                        ("name", p.display_name.clone()),
                        ("link", link.to_string()),
                    ),
                )
            },
        );
        state
            .store
            .request_password_reset(p.id, &p.email, &inv)
            .await?;
    }
    render(&ForgotView {
        ctx: Ctx::new(&v, "/login"),
        sent: true,
        email: String::new(),
    })
}

#[derive(Template)]
#[template(path = "account/set_password.html")]
struct SetPasswordView {
    ctx: Ctx,
    heading: String,
    action: String,
    valid: bool,
    errors: FieldErrors,
}

fn purpose_parts(purpose: TokenPurpose, token: &str) -> (&'static str, String) {
    match purpose {
        TokenPurpose::Invitation => ("invitation-heading", format!("/invitations/{token}")),
        TokenPurpose::PasswordReset => ("reset-heading", format!("/password/reset/{token}")),
    }
}

async fn set_password_form(
    state: &AppState,
    v: &Viewer,
    purpose: TokenPurpose,
    token: &str,
) -> Result<Response> {
    let valid = state
        .store
        .one_time_token_person(purpose, &hash_token(token))
        .await?
        .is_some();
    let (heading, action) = purpose_parts(purpose, token);
    let view = SetPasswordView {
        ctx: Ctx::new(v, "/login"),
        heading: v.tr.t(heading),
        action,
        valid,
        errors: FieldErrors::default(),
    };
    let status = if valid {
        StatusCode::OK
    } else {
        StatusCode::GONE
    };
    Ok((status, render(&view)?).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewPasswordData {
    current_password: String,
    password: String,
    confirm: String,
}

fn check_new_password(data: &NewPasswordData, email: &str) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    e.check("password", check_password(&data.password, email));
    if e.is_empty() && data.password != data.confirm {
        e.add("confirm", "password-mismatch");
    }
    e.into_result(())
}

async fn set_password(
    state: &AppState,
    v: &Viewer,
    jar: CookieJar,
    purpose: TokenPurpose,
    token: &str,
    data: NewPasswordData,
) -> Result<Response> {
    let hash = hash_token(token);
    let Some(person_id) = state.store.one_time_token_person(purpose, &hash).await? else {
        return set_password_form(state, v, purpose, token).await;
    };
    let person = state
        .store
        .person(person_id)
        .await?
        .ok_or(Error::NotFound)?;
    if let Err(errors) = check_new_password(&data, &person.email) {
        let (heading, action) = purpose_parts(purpose, token);
        let view = SetPasswordView {
            ctx: Ctx::new(v, "/login"),
            heading: v.tr.t(heading),
            action,
            valid: true,
            errors: FieldErrors(errors),
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response());
    }
    let password_hash = hash_password(data.password).await?;
    let tr = Tr::for_recipient(person.language.as_deref(), &v.tr);
    let notice = (
        tr.t("email-tokens-revoked-subject"),
        tr.t1(
            "email-tokens-revoked-body",
            "name",
            person.display_name.clone(),
        ),
    );
    let done = state
        .store
        .redeem_token_set_password(purpose, &hash, &password_hash, &notice)
        .await?;
    let cookie = start_session(state, done.person_id).await?;
    // The account page says that the API tokens were revoked (the email says it too).
    let to = if done.tokens_revoked > 0 {
        format!("/account?tokens_revoked={}", done.tokens_revoked)
    } else {
        "/account".to_string()
    };
    Ok((jar.add(cookie), Redirect::to(&to)).into_response())
}

pub async fn reset_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    set_password_form(&state, &v, TokenPurpose::PasswordReset, &token).await
}

pub async fn reset(
    State(state): State<AppState>,
    v: Viewer,
    jar: CookieJar,
    Path(token): Path<String>,
    Form(data): Form<NewPasswordData>,
) -> Result<Response> {
    set_password(&state, &v, jar, TokenPurpose::PasswordReset, &token, data).await
}

pub async fn invitation_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    set_password_form(&state, &v, TokenPurpose::Invitation, &token).await
}

pub async fn accept_invitation(
    State(state): State<AppState>,
    v: Viewer,
    jar: CookieJar,
    Path(token): Path<String>,
    Form(data): Form<NewPasswordData>,
) -> Result<Response> {
    set_password(&state, &v, jar, TokenPurpose::Invitation, &token, data).await
}

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountView {
    ctx: Ctx,
    email: String,
    roles: Vec<String>,
    tokens: Vec<ApiTokenInfo>,
    new_token: Option<String>,
    password_errors: FieldErrors,
    password_changed: bool,
    token_errors: FieldErrors,
    /// API tokens a password reset just revoked.
    tokens_revoked: u64,
    /// (days, label) a new token may be valid for; `TOKEN_DEFAULT_DAYS` is preselected.
    expiry_choices: Vec<(u32, String)>,
    expiry_days: u32,
    /// The chosen language's code; empty when the browser's language is used.
    language: String,
    /// (code, name in that language) of every language Agora ships.
    language_choices: Vec<(String, String)>,
    language_errors: FieldErrors,
    language_saved: bool,
    /// Now by the app's clock, to mark expired tokens.
    now: chrono::DateTime<chrono::Utc>,
    /// Since when the person has a private calendar link (`groups::calendar`), if they have one.
    calendar_since: Option<chrono::DateTime<chrono::Utc>>,
}

/// How long a new API token may stay valid, in days. A year unless the person picks otherwise.
pub const TOKEN_VALID_DAYS: &[u32] = &[7, 30, 90, 365, 730];
pub const TOKEN_DEFAULT_DAYS: u32 = 365;

async fn account_view(state: &AppState, v: &Viewer) -> Result<AccountView> {
    let p = v.person.as_ref().ok_or(Error::Unauthorized)?;
    let grants = state.store.grants(p.id).await?;
    let mut roles = vec![];
    for g in grants {
        let role = v.tr.label("role", g.role.slug());
        let scope = match (g.role.scope_kind(), g.scope_id) {
            (Some(agora_domain::permissions::ScopeKind::Partner), Some(id)) => state
                .store
                .partner(id)
                .await?
                .map(|p| p.profile.name)
                .unwrap_or_else(|| format!("#{id}")),
            (Some(agora_domain::permissions::ScopeKind::Group), Some(id)) => state
                .store
                .body_by_id(id)
                .await
                .map(|b| b.name)
                .unwrap_or_else(|_| format!("#{id}")),
            (Some(_), Some(id)) => format!("#{id}"),
            _ => String::new(),
        };
        roles.push(if scope.is_empty() {
            role
        } else {
            format!("{role} · {scope}")
        });
    }
    Ok(AccountView {
        ctx: Ctx::new(v, "/account"),
        email: p.email.clone(),
        roles,
        tokens: state.store.api_tokens(p.id).await?,
        calendar_since: state.store.calendar_feed_since(p.id).await?,
        new_token: None,
        password_errors: FieldErrors::default(),
        password_changed: false,
        token_errors: FieldErrors::default(),
        tokens_revoked: 0,
        expiry_choices: TOKEN_VALID_DAYS
            .iter()
            .map(|&d| (d, v.tr.t1("tokens-valid-days", "count", d)))
            .collect(),
        expiry_days: TOKEN_DEFAULT_DAYS,
        language: p.language.clone().unwrap_or_default(),
        language_choices: Tr::available()
            .into_iter()
            .map(|code| {
                let name = v.tr.label("language-name", &code);
                (code, name)
            })
            .collect(),
        language_errors: FieldErrors::default(),
        language_saved: false,
        now: state.clock.now(),
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccountParams {
    tokens_revoked: Option<u64>,
    language_saved: Option<u8>,
}

pub async fn account(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<AccountParams>,
) -> Result<Html<String>> {
    v.require(Permission::ManageOwnAccount)?;
    let mut view = account_view(&state, &v).await?;
    view.tokens_revoked = q.tokens_revoked.unwrap_or(0);
    view.language_saved = q.language_saved.is_some();
    render(&view)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LanguageData {
    /// A language code Agora ships, or empty to follow the browser.
    language: String,
}

pub async fn set_language(
    State(state): State<AppState>,
    v: Viewer,
    Form(data): Form<LanguageData>,
) -> Result<Response> {
    v.require(Permission::ManageOwnAccount)?;
    let p = v.person.clone().ok_or(Error::Unauthorized)?;
    match Tr::choice("language", &data.language) {
        Ok(language) => {
            state
                .store
                .set_language(p.id, language.as_deref(), &v.who())
                .await?;
            // The next page is read in the new language.
            Ok(Redirect::to("/account?language_saved=1").into_response())
        }
        Err(e) => {
            let mut view = account_view(&state, &v).await?;
            view.language_errors = FieldErrors(e);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
    }
}

pub async fn change_password(
    State(state): State<AppState>,
    v: Viewer,
    Form(data): Form<NewPasswordData>,
) -> Result<Response> {
    v.require(Permission::ManageOwnAccount)?;
    let p = v.person.clone().ok_or(Error::Unauthorized)?;
    let check = auth::PasswordCheck::begin(&state, v.ip, &p.email).await?;
    let mut view = account_view(&state, &v).await?;
    let errors = if !verify_password(data.current_password.clone(), p.password_hash.clone()).await {
        check.failed(&state).await?;
        Err(ValidationErrors::single(
            "current_password",
            "wrong-password",
        ))
    } else {
        check_new_password(&data, &p.email)
    };
    if let Err(e) = errors {
        view.password_errors = FieldErrors(e);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response());
    }
    let hash = hash_password(data.password).await?;
    state
        .store
        .change_password(
            p.id,
            &hash,
            v.session_hash.as_deref().unwrap_or(""),
            &v.who(),
        )
        .await?;
    view.password_changed = true;
    Ok(render(&view)?.into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TokenData {
    name: String,
    /// Days the token stays valid (one of `TOKEN_VALID_DAYS`); a year when absent.
    expires_in_days: String,
}

/// A token's expiry from the days asked for: one of the offered lengths, a year by default.
pub fn token_expiry(days: &str) -> Result<u32, ValidationErrors> {
    let days = days.trim();
    if days.is_empty() {
        return Ok(TOKEN_DEFAULT_DAYS);
    }
    days.parse::<u32>()
        .ok()
        .filter(|d| TOKEN_VALID_DAYS.contains(d))
        .ok_or_else(|| ValidationErrors::single("expires_in_days", "out-of-range"))
}

pub async fn create_token(
    State(state): State<AppState>,
    v: Viewer,
    Form(data): Form<TokenData>,
) -> Result<Response> {
    v.require(Permission::ManageOwnAccount)?;
    let p = v.person.clone().ok_or(Error::Unauthorized)?;
    let name = data.name.trim();
    let mut view = account_view(&state, &v).await?;
    let mut errors = ValidationErrors::new();
    if name.is_empty() || name.chars().count() > 80 {
        errors.add(
            "token_name",
            if name.is_empty() {
                "required"
            } else {
                "too-long"
            },
        );
    }
    let days = token_expiry(&data.expires_in_days);
    if let Err(e) = &days {
        errors.errors.extend(e.errors.iter().cloned());
    }
    let (true, Ok(days)) = (errors.is_empty(), days) else {
        view.token_errors = FieldErrors(errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response());
    };
    view.expiry_days = days;
    let token = format!("{}{}", auth::API_TOKEN_PREFIX, random_token());
    let prefix: String = token.chars().take(12).collect();
    let expires_at = state.clock.now() + chrono::Duration::days(i64::from(days));
    state
        .store
        .create_api_token(
            p.id,
            name,
            &hash_token(&token),
            &prefix,
            expires_at,
            &v.who(),
        )
        .await?;
    view.tokens = state.store.api_tokens(p.id).await?;
    view.new_token = Some(token);
    Ok(render(&view)?.into_response())
}

pub async fn revoke_token(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Redirect> {
    v.require(Permission::ManageOwnAccount)?;
    let p = v.person.as_ref().ok_or(Error::Unauthorized)?;
    state.store.revoke_api_token(id, p.id, &v.who()).await?;
    Ok(Redirect::to("/account"))
}
