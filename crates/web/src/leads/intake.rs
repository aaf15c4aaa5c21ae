//! The public "find a partner" form: a request for proposals, addressed to the rotation or to one
//! partner, from a visitor, a referral link or a signed-in person.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::partners::form::Options;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::leads::LeadInput;
use agora_store::{Confirmation, Intake, Submission};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar};
use axum_extra::extract::Form;
use serde::Deserialize;

const REF_COOKIE: &str = "agora_ref";
/// The invisible field bots fill in.
const HONEYPOT: &str = "website_url";

// ---- Intake ----------------------------------------------------------------------------------------

/// The form as posted (lists arrive as repeated fields).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FindForm {
    organization: String,
    contact_name: String,
    email: String,
    country: String,
    segment: String,
    size: String,
    budget: String,
    languages: Vec<String>,
    services: Vec<String>,
    message: String,
    consent: Option<String>,
    referral_code: String,
    /// Slug of the partner a request from its directory profile is addressed to.
    partner: String,
    website_url: String,
    /// Set once per form view, so that a double click or a browser retry is one lead.
    submission_id: String,
}

impl FindForm {
    fn input(&self) -> LeadInput {
        LeadInput {
            organization: self.organization.clone(),
            contact_name: self.contact_name.clone(),
            email: self.email.clone(),
            country: self.country.clone(),
            segment: self.segment.clone(),
            size: self.size.clone(),
            budget: self.budget.clone(),
            languages: self.languages.clone(),
            services: self.services.clone(),
            message: self.message.clone(),
            consent: self.consent.is_some(),
            referral_code: self.referral_code.clone(),
            partner: self.partner.clone(),
        }
    }

    fn has(&self, list: &str, v: &str) -> bool {
        match list {
            "languages" => self.languages.iter().any(|x| x == v),
            _ => self.services.iter().any(|x| x == v),
        }
    }
}

#[derive(Template)]
#[template(path = "leads/find.html")]
struct FindView {
    ctx: Ctx,
    form: FindForm,
    /// The partner a direct request goes to (its name), when the form was opened from its profile.
    addressed_to: Option<String>,
    errors: FieldErrors,
    options: Options,
    honeypot: &'static str,
}

#[derive(Debug, Default, Deserialize)]
pub struct RefParam {
    #[serde(rename = "ref")]
    code: Option<String>,
    /// `?partner=SLUG`: the form opened from a partner's profile, addressed to that partner.
    partner: Option<String>,
}

/// The listed partner a request may be addressed to: (slug, name).
async fn addressee(state: &AppState, slug: &str) -> Result<Option<(String, String)>> {
    let slug = slug.trim();
    if slug.is_empty() {
        return Ok(None);
    }
    Ok(state
        .store
        .partner_by_slug(slug)
        .await?
        .filter(|p| p.status == agora_domain::partner::PartnerStatus::Active)
        .map(|p| (p.profile.slug, p.profile.name)))
}

fn ref_cookie(state: &AppState, code: &str, days: u32) -> Cookie<'static> {
    let mut c = crate::auth::make_cookie(state, REF_COOKIE, code.to_string());
    c.set_max_age(time_days(days));
    c
}

fn time_days(days: u32) -> time::Duration {
    time::Duration::days(i64::from(days))
}

pub async fn find_form(
    State(state): State<AppState>,
    v: Viewer,
    jar: CookieJar,
    Query(r): Query<RefParam>,
) -> Result<Response> {
    let map = state.store.region_map().await?;
    let policy = state.store.lead_policy().await?.policy;
    let from_link = r
        .code
        .as_deref()
        .and_then(|c| agora_domain::leads::parse_referral_code(c).ok());
    let code = from_link.clone().or_else(|| {
        jar.get(&crate::auth::cookie_name(&state, REF_COOKIE))
            .map(|c| c.value().to_string())
    });
    let to = addressee(&state, r.partner.as_deref().unwrap_or_default()).await?;
    let form = FindForm {
        referral_code: code.unwrap_or_default(),
        submission_id: crate::auth::random_token(),
        partner: to.as_ref().map(|t| t.0.clone()).unwrap_or_default(),
        ..FindForm::default()
    };
    let page = render(&FindView {
        ctx: Ctx::new(&v, "/find-a-partner"),
        addressed_to: to.map(|t| t.1),
        form,
        errors: FieldErrors::default(),
        options: Options::new(&v.tr, &map),
        honeypot: HONEYPOT,
    })?;
    // A referral link keeps attributing for the policy's attribution window.
    let jar = match from_link {
        Some(c) => jar.add(ref_cookie(&state, &c, policy.attribution_days)),
        None => jar,
    };
    Ok((jar, page).into_response())
}

/// `/r/{code}`: a short referral link for flyers and emails.
pub async fn referral_link(
    State(state): State<AppState>,
    jar: CookieJar,
    Path(code): Path<String>,
) -> Result<Response> {
    let code = agora_domain::leads::parse_referral_code(&code).map_err(|_| Error::NotFound)?;
    state
        .store
        .referrer_by_code(&code)
        .await?
        .filter(|r| r.disabled_at.is_none())
        .ok_or(Error::NotFound)?;
    let days = state.store.lead_policy().await?.policy.attribution_days;
    Ok((
        jar.add(ref_cookie(&state, &code, days)),
        Redirect::to("/find-a-partner"),
    )
        .into_response())
}

/// Commits through the intake queue, mapping the store's answer to the API's errors.
pub async fn submit(
    state: &AppState,
    v: &Viewer,
    input: &LeadInput,
    source: agora_domain::leads::LeadSource,
    key: Option<String>,
) -> Result<Intake> {
    // Anonymous callers per address; signed-in people per account; a token (a website forwarding
    // its visitors) per token, with a higher limit of its own.
    let c = &state.config;
    let limit = match (&v.person, v.api_token) {
        (None, _) => {
            let ip = v.ip.map(|i| i.to_string()).unwrap_or_default();
            (format!("lead:ip:{ip}"), c.lead_submissions_per_ip_hour)
        }
        (Some(_), Some(token)) => (
            format!("lead:token:{token}"),
            c.lead_submissions_per_token_hour,
        ),
        (Some(p), None) => (
            format!("lead:account:{}", p.id),
            c.lead_submissions_per_account_hour,
        ),
    };
    crate::auth::rate_limit(state, &[limit], 3600).await?;
    let map = crate::cache::region_map(state).await?;
    let lead = input.parse(&map)?;
    let s = Submission {
        lead,
        source,
        idempotency_key: key,
        received_at: state.clock.now(),
        confirmation: Some(confirmation(state, v)),
    };
    state.intake.submit(s).await.map_err(|e| match e {
        crate::leads::queue::IntakeError::Store(e) => match &*e {
            agora_store::StoreError::Invalid(v) => Error::Invalid(v.clone()),
            other => Error::Unexpected(anyhow::anyhow!("intake: {other}")),
        },
        other => Error::Unexpected(anyhow::Error::new(other)),
    })
}

/// The confirmation email with a fresh private status link; only its hash is stored.
fn confirmation(state: &AppState, v: &Viewer) -> Confirmation {
    let token = crate::auth::random_token();
    let link = state.config.url(&format!("/find-a-partner/status/{token}"));
    Confirmation {
        token_hash: crate::auth::hash_token(&token),
        subject: v.tr.t("email-lead-confirm-subject"),
        // The store fills in the reference once the lead has its number.
        body: v.tr.t2(
            "email-lead-confirm-body",
            ("reference", "{reference}".to_string()),
            ("link", link),
        ),
    }
}

pub async fn find_submit(
    State(state): State<AppState>,
    v: Viewer,
    Form(form): Form<FindForm>,
) -> Result<Response> {
    if !form.website_url.is_empty() {
        // A bot filled the hidden field: answer as if all went well, store nothing.
        metrics::counter!("agora_lead_honeypot_total").increment(1);
        return Ok(Redirect::to(&received_url(&form.partner)).into_response());
    }
    let key = (!form.submission_id.is_empty() && form.submission_id.len() <= 100)
        .then(|| format!("form:{}", form.submission_id));
    match submit(
        &state,
        &v,
        &form.input(),
        agora_domain::leads::LeadSource::Form,
        key,
    )
    .await
    {
        Ok(_) => Ok(Redirect::to(&received_url(&form.partner)).into_response()),
        Err(Error::Invalid(e)) => {
            let map = state.store.region_map().await?;
            let view = FindView {
                ctx: Ctx::new(&v, "/find-a-partner"),
                addressed_to: addressee(&state, &form.partner).await?.map(|t| t.1),
                form,
                errors: FieldErrors(e),
                options: Options::new(&v.tr, &map),
                honeypot: HONEYPOT,
            };
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

/// A request addressed to one partner is confirmed as such: it does not go on to another partner.
fn received_url(partner: &str) -> String {
    let slug = partner.trim();
    if slug.is_empty() {
        "/find-a-partner/received".into()
    } else {
        format!(
            "/find-a-partner/received?partner={}",
            url::form_urlencoded::byte_serialize(slug.as_bytes()).collect::<String>()
        )
    }
}

#[derive(Template)]
#[template(path = "leads/received.html")]
struct ReceivedView {
    ctx: Ctx,
    sla_hours: u32,
    /// The partner's name when the request was addressed to one from its profile.
    addressed_to: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ReceivedParams {
    #[serde(default)]
    partner: String,
}

pub async fn find_received(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<ReceivedParams>,
) -> Result<Html<String>> {
    render(&ReceivedView {
        ctx: Ctx::new(&v, "/find-a-partner"),
        sla_hours: state.store.lead_policy().await?.policy.sla_hours,
        addressed_to: addressee(&state, &q.partner).await?.map(|t| t.1),
    })
}
