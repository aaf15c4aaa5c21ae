//! Lead pages: the public "find a partner" form, the published policy, the transparency report, the
//! partner inbox, and the foundation's lead desk (queue, explanations, policy versions and dry runs,
//! referrals, personal-data requests).

use super::partner_form::Options;
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{bars, render, Bar, Ctx, Pager};
use crate::AppState;
use agora_domain::allocation::{Exclusion, Fallback, Pool};
use agora_domain::leads::{
    Cell, CloseReason, DeclineReason, LeadInput, LeadPolicy, LeadStatus, LostReason, Metric,
    OfferStatus, PartnerLeadSettings, Period, ReferralRouting, ReportRow, TransparencyReport,
};
use agora_domain::pagination::PageRequest;
use agora_domain::permissions::Permission;
use agora_domain::taxonomy::Service;
use agora_domain::ValidationErrors;
use agora_store::{
    Allocation, ClosureNotice, Confirmation, Intake, Lead, LeadFilter, LeadSummary, MonthlyShare,
    Offer, OfferUpdate, PolicyVersion, RequesterStatus, Submission,
};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::cookie::{Cookie, CookieJar};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

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
    source: &'static str,
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
        received_at: chrono::Utc::now(),
        confirmation: Some(confirmation(state, v)),
    };
    state.intake.submit(s).await.map_err(|e| match e {
        crate::intake::IntakeError::Store(e) => match &*e {
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
    match submit(&state, &v, &form.input(), "form", key).await {
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

// ---- The requester's private status page -------------------------------------------------------

#[derive(Template)]
#[template(path = "leads/status.html")]
struct StatusView {
    ctx: Ctx,
    token: String,
    status: RequesterStatus,
    /// What the status means for the requester, in words.
    summary: String,
    may_withdraw: bool,
    confirming: bool,
    withdrawn_now: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct StatusParams {
    withdrawn: Option<String>,
}

/// What a requester reads about their request.
fn status_summary(tr: &crate::i18n::Tr, s: &RequesterStatus) -> String {
    match s.status {
        LeadStatus::Withdrawn => tr.t("lead-link-withdrawn"),
        LeadStatus::Spam | LeadStatus::Duplicate | LeadStatus::Merged => tr.t("lead-link-closed"),
        _ if !s.accepted_by.is_empty() => tr.t("lead-link-accepted"),
        LeadStatus::Offered if s.awaiting_answer => tr.t("lead-link-offered"),
        LeadStatus::Queued => tr.t("lead-link-queued"),
        _ => tr.t("lead-link-pending"),
    }
}

/// A status page answers only to its link: any other token is "not found", like a missing page.
async fn status_view(
    state: &AppState,
    v: &Viewer,
    token: &str,
    confirming: bool,
    withdrawn_now: bool,
) -> Result<Response> {
    let status = state
        .store
        .requester_status(&crate::auth::hash_token(token))
        .await?
        .ok_or(Error::NotFound)?;
    let page = render(&StatusView {
        ctx: Ctx::new(v, "/find-a-partner"),
        token: token.to_string(),
        summary: status_summary(&v.tr, &status),
        may_withdraw: status.status.is_open(),
        confirming: confirming && status.status.is_open(),
        withdrawn_now,
        status,
    })?;
    // A private page: never stored by a shared cache, never indexed.
    Ok((
        [
            (header::CACHE_CONTROL, "no-store, private"),
            (
                header::HeaderName::from_static("x-robots-tag"),
                "noindex, nofollow",
            ),
        ],
        page,
    )
        .into_response())
}

pub async fn status_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
    Query(p): Query<StatusParams>,
) -> Result<Response> {
    status_view(&state, &v, &token, false, p.withdrawn.is_some()).await
}

/// The confirmation step before withdrawing.
pub async fn status_withdraw_confirm(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    status_view(&state, &v, &token, true, false).await
}

/// What partners holding a live offer are told when a lead closes.
fn closure_notice(v: &Viewer) -> ClosureNotice {
    ClosureNotice {
        subject: v.tr.t("email-lead-closed-subject"),
        body: v.tr.t1("email-lead-closed-body", "lead", "{lead}"),
    }
}

pub async fn status_withdraw(
    State(state): State<AppState>,
    v: Viewer,
    Path(token): Path<String>,
) -> Result<Response> {
    state
        .store
        .withdraw_by_requester(
            &crate::auth::hash_token(&token),
            &closure_notice(&v),
            chrono::Utc::now(),
        )
        .await?;
    Ok(Redirect::to(&format!("/find-a-partner/status/{token}?withdrawn=1")).into_response())
}

// ---- The published policy -----------------------------------------------------------------------

#[derive(Template)]
#[template(path = "leads/policy.html")]
struct PolicyView {
    ctx: Ctx,
    current: PolicyVersion,
    history: Vec<PolicyVersion>,
    preferences: Vec<(String, f64)>,
    fallback: Vec<String>,
    fan_outs: Vec<(String, u8)>,
    neighbours: Vec<(String, String)>,
    exclusions: Vec<String>,
}

fn region_name(policy: &LeadPolicy, slug: &str) -> String {
    policy
        .regions
        .iter()
        .find(|r| r.slug == slug)
        .map_or_else(|| slug.to_string(), |r| r.name.clone())
}

pub async fn how_allocated(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let history = state.store.lead_policy_history().await?;
    let current = history.first().cloned().ok_or(Error::NotFound)?;
    let p = &current.policy;
    let tr = &v.tr;
    render(&PolicyView {
        ctx: Ctx::new(&v, "/partners/how-leads-are-allocated"),
        preferences: vec![
            (
                tr.t("policy-pref-segment"),
                p.allocation.preferences.segment,
            ),
            (tr.t("policy-pref-size"), p.allocation.preferences.size),
            (
                tr.t("policy-pref-pricing"),
                p.allocation.preferences.pricing,
            ),
        ],
        fallback: p
            .fallback_steps()
            .iter()
            .map(|s| tr.label("policy-step", s))
            .collect(),
        fan_outs: p
            .regions
            .iter()
            .map(|r| (r.name.clone(), p.fan_out(&r.slug)))
            .collect(),
        neighbours: p
            .allocation
            .neighbours
            .iter()
            .filter(|(_, n)| !n.is_empty())
            .map(|(r, ns)| {
                (
                    region_name(p, r),
                    ns.iter()
                        .map(|n| region_name(p, n))
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            })
            .collect(),
        exclusions: EXCLUSIONS
            .iter()
            .map(|e| tr.label("exclusion", exclusion_slug(*e)))
            .collect(),
        current,
        history,
    })
}

const EXCLUSIONS: &[Exclusion] = &[
    Exclusion::NotActive,
    Exclusion::Paused,
    Exclusion::AtCapacity,
    Exclusion::Declined,
    Exclusion::NoRequestedService,
    Exclusion::NoRequestedLanguage,
];

pub fn exclusion_slug(e: Exclusion) -> &'static str {
    match e {
        Exclusion::NotActive => "not-active",
        Exclusion::Paused => "paused",
        Exclusion::AtCapacity => "at-capacity",
        Exclusion::Declined => "declined",
        Exclusion::NoRequestedService => "no-service",
        Exclusion::NoRequestedLanguage => "no-language",
    }
}

pub fn pool_slug(p: Option<Pool>) -> &'static str {
    match p {
        Some(Pool::OwnRegion) => "own-region",
        Some(Pool::NeighbouringRegions) => "neighbouring-regions",
        Some(Pool::AnyRegion) => "any-region",
        None => "queue",
    }
}

// ---- Transparency report ------------------------------------------------------------------------

pub async fn transparency_report(state: &AppState, period: Period) -> Result<TransparencyReport> {
    let counts = state
        .store
        .report_counts(&period.to_string(), &period.months())
        .await?;
    let history = state.store.lead_policy_history().await?;
    let regions = history
        .first()
        .map(|p| p.policy.regions.clone())
        .unwrap_or_default();
    let months = period.months();
    let (first, last) = (months[0].clone(), months[months.len() - 1].clone());
    // Versions in force: adopted before the period ended, and not replaced before it began.
    let mut versions: Vec<i64> = vec![];
    let mut sorted = history.clone();
    sorted.sort_by_key(|p| p.version);
    for (i, p) in sorted.iter().enumerate() {
        let adopted = &p.created_at[..7];
        let replaced = sorted.get(i + 1).map(|n| &n.created_at[..7]);
        if adopted <= last.as_str() && replaced.is_none_or(|r| r >= first.as_str()) {
            versions.push(p.version);
        }
    }
    Ok(TransparencyReport::build(
        period,
        &counts.counts,
        &counts.entitled,
        &regions,
        &counts.partner_names,
        versions,
    ))
}

fn parse_period(s: &str) -> Result<Period> {
    Period::parse(s).map_err(|c| Error::Invalid(ValidationErrors::single("period", c)))
}

fn current_quarter() -> Period {
    let now = agora_store::now();
    Period::containing(&now[..7])
        .map(|(_, q, _)| q)
        .unwrap_or(Period::Year(2026))
}

pub async fn transparency_index() -> Redirect {
    Redirect::to(&format!("/transparency/{}", current_quarter()))
}

/// A report cell as shown: a count, or for a suppressed one a short "<5" that fits a table cell
/// with its words ("fewer than 5") for screen readers and as a tooltip; the page explains it once.
pub struct CellText {
    pub short: String,
    pub words: Option<String>,
}

pub fn cell_text(tr: &crate::i18n::Tr, c: Option<&Cell>) -> CellText {
    match c {
        Some(Cell::Count(n)) => CellText {
            short: n.to_string(),
            words: None,
        },
        Some(Cell::FewerThan(n)) => CellText {
            short: tr.t1("report-fewer-than-short", "count", n),
            words: Some(tr.t1("report-fewer-than", "count", n)),
        },
        Some(Cell::Withheld) => CellText {
            short: tr.t("report-withheld-short"),
            words: Some(tr.t("report-withheld")),
        },
        None => CellText {
            short: "0".into(),
            words: None,
        },
    }
}

pub struct RowText {
    pub name: String,
    pub cells: Vec<CellText>,
    pub median: String,
    pub conversion: String,
    pub entitled: String,
}

fn row_text(tr: &crate::i18n::Tr, r: &ReportRow, metrics: &[Metric]) -> RowText {
    RowText {
        name: r.name.clone(),
        cells: metrics
            .iter()
            .map(|m| cell_text(tr, r.counts.get(m)))
            .collect(),
        median: r
            .median_minutes_to_accept
            .map_or_else(|| "—".to_string(), |m| duration_text(tr, m)),
        conversion: r
            .conversion_rate
            .map_or_else(|| "—".to_string(), |c| format!("{:.0} %", c * 100.0)),
        entitled: match (r.entitled, r.actual) {
            (Some(e), Some(a)) => format!("{e:.1} / {a}"),
            _ => "—".into(),
        },
    }
}

fn duration_text(tr: &crate::i18n::Tr, minutes: i64) -> String {
    if minutes < 60 {
        tr.t1("duration-minutes", "count", minutes)
    } else if minutes < 48 * 60 {
        tr.t1(
            "duration-hours",
            "time",
            format!("{}:{:02}", minutes / 60, minutes % 60),
        )
    } else {
        tr.t1("duration-days", "count", minutes / 1440)
    }
}

const REGION_METRICS: &[Metric] = &[
    Metric::Received,
    Metric::Offered,
    Metric::Manual,
    Metric::Direct,
    Metric::Accepted,
    Metric::Declined,
    Metric::Reoffered,
    Metric::Expired,
    Metric::Won,
];
const PARTNER_METRICS: &[Metric] = &[
    Metric::Offered,
    Metric::Manual,
    Metric::Direct,
    Metric::Accepted,
    Metric::Declined,
    Metric::Expired,
    Metric::Won,
];

#[derive(Template)]
#[template(path = "leads/transparency.html")]
struct TransparencyView {
    ctx: Ctx,
    period: String,
    /// Neighbouring periods, linked only where the report can have data.
    prev: Option<String>,
    next: Option<String>,
    levels: Vec<(String, String)>,
    totals: RowText,
    regions: Vec<RowText>,
    partners: Vec<RowText>,
    region_headers: Vec<String>,
    partner_headers: Vec<String>,
    bars: Vec<Bar>,
    chart_height: u32,
    suppressed_in_chart: bool,
    suppressed_anywhere: bool,
    suppress_below: u64,
    versions: Vec<i64>,
}

pub async fn transparency(
    State(state): State<AppState>,
    v: Viewer,
    Path(period): Path<String>,
) -> Result<Html<String>> {
    let p = parse_period(&period)?;
    let report = transparency_report(&state, p).await?;
    let tr = &v.tr;
    let month = p.months()[0].clone();
    let (y, q, m) = Period::containing(&month).ok_or(Error::NotFound)?;
    // Suppressed cells are drawn as empty bars with their "fewer than 5" label.
    let chart: Vec<(String, u64)> = report
        .regions
        .iter()
        .map(|r| {
            let n = match r.counts.get(&Metric::Received) {
                Some(Cell::Count(n)) => *n,
                _ => 0,
            };
            (r.name.clone(), n)
        })
        .collect();
    let suppressed_in_chart = report.regions.iter().any(|r| {
        r.counts
            .get(&Metric::Received)
            .is_some_and(|c| c.is_suppressed())
    });
    let b = bars(chart, 230);
    let chart_height = b.len() as u32 * 28 + 4;
    // From the first month with data to the last one or today, whichever is later.
    let this_month = agora_store::now()[..7].to_string();
    let (first, last) = match state.store.report_months().await? {
        Some((f, l)) => (f.min(this_month.clone()), l.max(this_month)),
        None => (this_month.clone(), this_month),
    };
    let linked = |q: Period| q.overlaps(&first, &last).then(|| q.to_string());
    let totals = row_text(tr, &report.totals, REGION_METRICS);
    let regions: Vec<RowText> = report
        .regions
        .iter()
        .map(|r| row_text(tr, r, REGION_METRICS))
        .collect();
    let partners: Vec<RowText> = report
        .partners
        .iter()
        .map(|r| row_text(tr, r, PARTNER_METRICS))
        .collect();
    let suppressed_anywhere = [&totals]
        .into_iter()
        .chain(&regions)
        .chain(&partners)
        .any(|r| r.cells.iter().any(|c| c.words.is_some()));
    render(&TransparencyView {
        ctx: Ctx::new(&v, "/transparency"),
        period: p.to_string(),
        prev: linked(p.previous()),
        next: linked(p.next()),
        levels: vec![
            (y.to_string(), tr.t("report-year")),
            (q.to_string(), tr.t("report-quarter")),
            (m.to_string(), tr.t("report-month")),
        ],
        totals,
        regions,
        partners,
        suppressed_anywhere,
        suppress_below: agora_domain::leads::SUPPRESS_BELOW,
        region_headers: REGION_METRICS
            .iter()
            .map(|m| tr.label("metric", m.slug()))
            .collect(),
        partner_headers: PARTNER_METRICS
            .iter()
            .map(|m| tr.label("metric", m.slug()))
            .collect(),
        bars: b,
        chart_height,
        suppressed_in_chart,
        versions: report.policy_versions,
    })
}

pub async fn transparency_csv(
    State(state): State<AppState>,
    Path(period): Path<String>,
) -> Result<Response> {
    let p = parse_period(&period)?;
    let report = transparency_report(&state, p).await?;
    let mut w = agora_domain::csv_file::Writer::new();
    let mut header = vec!["kind".to_string(), "key".into(), "name".into()];
    header.extend(Metric::ALL.iter().map(|m| m.slug().to_string()));
    header.extend(
        [
            "median_minutes_to_accept",
            "conversion_rate",
            "entitled",
            "actual",
        ]
        .map(String::from),
    );
    let write = |w: &mut agora_domain::csv_file::Writer, kind: &str, r: &ReportRow| {
        let mut rec = vec![kind.to_string(), r.key.clone(), r.name.clone()];
        rec.extend(Metric::ALL.iter().map(|m| match r.counts.get(m) {
            Some(Cell::Count(n)) => n.to_string(),
            Some(Cell::FewerThan(n)) => format!("<{n}"),
            Some(Cell::Withheld) => "withheld".into(),
            None => String::new(),
        }));
        rec.push(
            r.median_minutes_to_accept
                .map(|m| m.to_string())
                .unwrap_or_default(),
        );
        rec.push(
            r.conversion_rate
                .map(|c| format!("{c:.4}"))
                .unwrap_or_default(),
        );
        rec.push(r.entitled.map(|e| format!("{e:.1}")).unwrap_or_default());
        rec.push(r.actual.map(|a| a.to_string()).unwrap_or_default());
        w.row(&rec)
    };
    let io = |e: csv::Error| Error::Unexpected(anyhow::Error::new(e));
    w.row(&header).map_err(io)?;
    write(&mut w, "total", &report.totals).map_err(io)?;
    for r in &report.regions {
        write(&mut w, "region", r).map_err(io)?;
    }
    for r in &report.partners {
        write(&mut w, "partner", r).map_err(io)?;
    }
    let body = w.finish().map_err(io)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"agora-leads-{p}.csv\""),
            ),
        ],
        body,
    )
        .into_response())
}

// ---- Partner inbox ------------------------------------------------------------------------------

pub struct OfferRow {
    pub offer: Offer,
    pub lead: LeadSummary,
    pub status: String,
    pub services: String,
    pub languages: String,
    pub country: String,
}

fn offer_row(tr: &crate::i18n::Tr, offer: Offer, lead: LeadSummary) -> OfferRow {
    OfferRow {
        status: tr.label("offer", offer.status.slug()),
        services: lead
            .services
            .iter()
            .map(|s| tr.label("service", s))
            .collect::<Vec<_>>()
            .join(", "),
        languages: lead
            .languages
            .iter()
            .map(|l| agora_domain::taxonomy::language_name(l).to_string())
            .collect::<Vec<_>>()
            .join(", "),
        country: agora_domain::geo::CountryCode::parse(&lead.country)
            .map(|c| c.name().to_string())
            .unwrap_or_else(|_| lead.country.clone()),
        offer,
        lead,
    }
}

#[derive(Template)]
#[template(path = "leads/inbox.html")]
struct InboxView {
    ctx: Ctx,
    partner_id: i64,
    partner_name: String,
    tab: String,
    tabs: Vec<(String, String)>,
    rows: Vec<OfferRow>,
    pager: Pager,
    settings: PartnerLeadSettings,
    capacity_text: String,
    shares: Vec<MonthlyShare>,
    share_bars: Vec<ShareBar>,
    chart_width: u32,
    saved: bool,
    errors: FieldErrors,
    /// The partner's referral codes, with their links.
    referral_links: Vec<(String, String)>,
}

/// Entitlement and offers of one month, as a pair of vertical bars.
pub struct ShareBar {
    pub x: u32,
    pub entitled_h: u32,
    pub received_h: u32,
    pub label: String,
}

fn share_bars(shares: &[MonthlyShare]) -> (Vec<ShareBar>, u32) {
    let recent = &shares[shares.len().saturating_sub(12)..];
    let max = recent
        .iter()
        .map(|s| s.entitled.max(s.received as f64))
        .fold(1.0, f64::max);
    let h = |v: f64| ((v / max) * 120.0).round() as u32;
    let bars = recent
        .iter()
        .enumerate()
        .map(|(i, s)| ShareBar {
            x: i as u32 * 56 + 4,
            entitled_h: h(s.entitled),
            received_h: h(s.received as f64),
            label: s.month.clone(),
        })
        .collect::<Vec<_>>();
    let width = bars.len() as u32 * 56 + 8;
    // As wide as the other charts at the least: a narrower view box is scaled up, labels with it.
    (bars, width.max(CHART_MIN_WIDTH))
}

const CHART_MIN_WIDTH: u32 = 460;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_months_of_shares_are_drawn_at_the_scale_of_the_other_charts() {
        let shares: Vec<MonthlyShare> = (1..=4)
            .map(|m| MonthlyShare {
                month: format!("2026-0{m}"),
                entitled: 1.0,
                received: 1,
            })
            .collect();
        let (bars, width) = share_bars(&shares);
        assert_eq!(bars.len(), 4);
        assert_eq!(width, CHART_MIN_WIDTH);
        let year: Vec<MonthlyShare> = (0..12).map(|_| shares[0].clone()).collect();
        assert_eq!(share_bars(&year).1, 12 * 56 + 8);
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct InboxParams {
    tab: Option<String>,
    page: Option<String>,
    saved: Option<String>,
}

const TABS: &[&str] = &["waiting", "pipeline", "closed"];

fn tab_statuses(tab: &str) -> Vec<OfferStatus> {
    match tab {
        "pipeline" => vec![
            OfferStatus::Accepted,
            OfferStatus::Contacted,
            OfferStatus::Proposal,
        ],
        "closed" => vec![
            OfferStatus::Won,
            OfferStatus::Lost,
            OfferStatus::Declined,
            OfferStatus::Expired,
            OfferStatus::Withdrawn,
        ],
        _ => vec![OfferStatus::Offered],
    }
}

async fn partner_for(state: &AppState, v: &Viewer, partner_id: i64) -> Result<String> {
    v.require(Permission::HandleLeads { partner_id })?;
    Ok(state
        .store
        .partner(partner_id)
        .await?
        .ok_or(Error::NotFound)?
        .profile
        .name)
}

async fn inbox_view(
    state: &AppState,
    v: &Viewer,
    partner_id: i64,
    params: &InboxParams,
    settings_errors: Option<(ValidationErrors, PartnerLeadSettings)>,
) -> Result<InboxView> {
    let partner_name = partner_for(state, v, partner_id).await?;
    let tab = params
        .tab
        .clone()
        .filter(|t| TABS.contains(&t.as_str()))
        .unwrap_or_else(|| "waiting".into());
    let page = PageRequest::parse(params.page.as_deref(), None)
        .map_err(|(f, c)| ValidationErrors::single(f, c))?;
    let offers = state
        .store
        .partner_offers(partner_id, &tab_statuses(&tab), page)
        .await?;
    let base = format!("/portal/partners/{partner_id}/leads");
    let pager = Pager::new(&offers, &base, &[("tab", tab.clone())]);
    let rows = offers
        .items
        .into_iter()
        .map(|(o, l)| offer_row(&v.tr, o, l))
        .collect();
    let policy = state.store.lead_policy().await?.policy;
    let (errors, settings) = match settings_errors {
        Some((e, s)) => (FieldErrors(e), s),
        None => (
            FieldErrors::default(),
            state.store.partner_lead_settings(partner_id).await?,
        ),
    };
    let capacity_text = match policy.default_monthly_capacity {
        Some(c) => v.tr.t1("inbox-capacity-default", "count", c),
        None => v.tr.t("inbox-capacity-unlimited"),
    };
    let shares = state.store.partner_shares(partner_id).await?;
    let (share_bars, chart_width) = share_bars(&shares);
    let referral_links = state
        .store
        .referrers()
        .await?
        .into_iter()
        .filter(|r| r.partner_id == Some(partner_id) && r.disabled_at.is_none())
        .map(|r| {
            let link = state.config.url(&format!("/r/{}", r.code));
            (r.code, link)
        })
        .collect();
    Ok(InboxView {
        referral_links,
        ctx: Ctx::new(v, "/portal"),
        partner_id,
        partner_name,
        tabs: TABS
            .iter()
            .map(|t| (t.to_string(), v.tr.label("inbox-tab", t)))
            .collect(),
        tab,
        rows,
        pager,
        settings,
        capacity_text,
        shares,
        share_bars,
        chart_width,
        saved: params.saved.is_some(),
        errors,
    })
}

pub async fn inbox(
    State(state): State<AppState>,
    v: Viewer,
    Path(partner_id): Path<i64>,
    Query(params): Query<InboxParams>,
) -> Result<Html<String>> {
    render(&inbox_view(&state, &v, partner_id, &params, None).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    paused: Option<String>,
    monthly_capacity: String,
}

pub async fn save_settings(
    State(state): State<AppState>,
    v: Viewer,
    Path(partner_id): Path<i64>,
    Form(f): Form<SettingsForm>,
) -> Result<Response> {
    partner_for(&state, &v, partner_id).await?;
    let cap = f.monthly_capacity.trim();
    let parsed = if cap.is_empty() {
        Ok(None)
    } else {
        cap.parse::<u32>()
            .map(Some)
            .map_err(|_| ValidationErrors::single("monthly_capacity", "invalid-number"))
    };
    let settings = PartnerLeadSettings {
        paused: f.paused.is_some(),
        monthly_capacity: parsed.clone().ok().flatten(),
    };
    let result = match parsed {
        Ok(_) => state
            .store
            .set_partner_lead_settings(partner_id, settings, &v.who())
            .await
            .map_err(Error::from),
        Err(e) => Err(Error::Invalid(e)),
    };
    match result {
        Ok(()) => Ok(
            Redirect::to(&format!("/portal/partners/{partner_id}/leads?saved=1")).into_response(),
        ),
        Err(Error::Invalid(e)) => {
            let view = inbox_view(
                &state,
                &v,
                partner_id,
                &InboxParams::default(),
                Some((e, settings)),
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "leads/offer.html")]
struct OfferView {
    ctx: Ctx,
    row: OfferRow,
    partner_name: String,
    /// Present once accepted.
    contact: Option<Lead>,
    why: Vec<String>,
    moves: Vec<(String, String)>,
    decline_reasons: Vec<(String, String)>,
    lost_reasons: Vec<(String, String)>,
    errors: FieldErrors,
    merged: Vec<Lead>,
}

/// "Why this lead came to us", from the partner's own numbers only: others stay anonymous.
fn partner_why(tr: &crate::i18n::Tr, a: &Allocation, partner_id: i64) -> Vec<String> {
    let e = &a.explanation.explanation;
    let mut out = vec![tr.t1("why-policy", "count", a.policy_version)];
    if a.explanation.referral_partner == Some(partner_id) {
        out.push(tr.t("why-referral"));
        return out;
    }
    if a.explanation.direct_partner == Some(partner_id) {
        out.push(tr.t("why-direct"));
        return out;
    }
    if a.explanation.manual.is_some() {
        out.push(tr.t("why-manual"));
        return out;
    }
    out.push(tr.label("why-pool", pool_slug(e.pool)));
    out.push(tr.t1("why-candidates", "count", e.candidates.len()));
    if let Some(me) = e.candidates.iter().find(|c| c.partner_id == partner_id) {
        out.push(tr.t2(
            "why-numbers",
            ("credit", format!("{:.2}", me.credit)),
            ("received", me.received.to_string()),
        ));
    }
    out.push(if e.tie.contains(&partner_id) {
        tr.t("why-tie")
    } else {
        tr.t("why-highest")
    });
    out
}

/// An offer its partner's people may handle: anybody else gets a 403 (or 404 for no such offer).
pub async fn owned_offer(state: &AppState, v: &Viewer, offer_id: i64) -> Result<Offer> {
    let offer = state.store.offer(offer_id).await?.ok_or(Error::NotFound)?;
    v.require(Permission::HandleLeads {
        partner_id: offer.partner_id,
    })?;
    Ok(offer)
}

/// An offer with its lead, as its partner sees it: the lead's personal data only once accepted and
/// not erased (`contact`), and that view is logged.
pub struct PartnerOffer {
    pub offer: Offer,
    pub lead: Lead,
    pub contact: bool,
}

pub async fn partner_offer(
    state: &AppState,
    v: &Viewer,
    offer_id: i64,
    context: &str,
) -> Result<PartnerOffer> {
    let offer = owned_offer(state, v, offer_id).await?;
    let lead = state
        .store
        .lead(offer.lead_id)
        .await?
        .ok_or(Error::NotFound)?;
    let contact = offer.status.is_accepted() && lead.anonymised_at.is_none();
    if contact {
        state
            .store
            .log_lead_view(lead.id, &v.who(), context)
            .await?;
    }
    Ok(PartnerOffer {
        offer,
        lead,
        contact,
    })
}

/// A partner's answer or progress report on its offer; a decline wakes the jobs to re-offer at once.
pub async fn answer_offer(
    state: &AppState,
    v: &Viewer,
    offer: &Offer,
    status: &str,
    reason: &str,
    note: &str,
) -> Result<Offer> {
    let u = offer_update(status, reason, note)?;
    let o = state
        .store
        .update_offer(offer.id, offer.partner_id, &u, chrono::Utc::now(), &v.who())
        .await?;
    if o.status == OfferStatus::Declined {
        state.intake.wake_jobs.notify_one();
    }
    Ok(o)
}

async fn offer_view(
    state: &AppState,
    v: &Viewer,
    offer_id: i64,
    errors: FieldErrors,
) -> Result<OfferView> {
    let PartnerOffer {
        offer,
        lead,
        contact,
    } = partner_offer(state, v, offer_id, "partner inbox").await?;
    let partner_name = partner_for(state, v, offer.partner_id).await?;
    let contact = contact.then(|| lead.clone());
    // Later messages are part of the request too; the merged rows' contact fields are not shown.
    let merged = state.store.merged_requests(lead.id).await?;
    let why = match state.store.allocation(offer.allocation_id).await? {
        Some(a) => partner_why(&v.tr, &a, offer.partner_id),
        None => vec![],
    };
    let next: &[OfferStatus] = match offer.status {
        OfferStatus::Accepted => &[
            OfferStatus::Contacted,
            OfferStatus::Proposal,
            OfferStatus::Won,
            OfferStatus::Lost,
        ],
        OfferStatus::Contacted => &[OfferStatus::Proposal, OfferStatus::Won, OfferStatus::Lost],
        OfferStatus::Proposal => &[OfferStatus::Won, OfferStatus::Lost],
        _ => &[],
    };
    let labels = |all: Vec<&'static str>, prefix: &str| -> Vec<(String, String)> {
        all.into_iter()
            .map(|s| (s.to_string(), v.tr.label(prefix, s)))
            .collect()
    };
    Ok(OfferView {
        ctx: Ctx::new(v, "/portal"),
        moves: next
            .iter()
            .map(|s| (s.slug().to_string(), v.tr.label("offer", s.slug())))
            .collect(),
        decline_reasons: labels(
            DeclineReason::ALL.iter().map(|r| r.slug()).collect(),
            DeclineReason::LABEL_PREFIX,
        ),
        lost_reasons: labels(
            LostReason::ALL.iter().map(|r| r.slug()).collect(),
            LostReason::LABEL_PREFIX,
        ),
        row: offer_row(&v.tr, offer, lead.summary()),
        partner_name,
        contact,
        why,
        errors,
        merged,
    })
}

pub async fn offer_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(offer_id): Path<i64>,
) -> Result<Html<String>> {
    render(&offer_view(&state, &v, offer_id, FieldErrors::default()).await?)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OfferForm {
    status: String,
    reason: String,
    note: String,
}

/// Parses a partner's update, checking the reason against the list of the move it explains.
pub fn offer_update(status: &str, reason: &str, note: &str) -> Result<OfferUpdate> {
    let to = OfferStatus::parse(status).map_err(|c| ValidationErrors::single("status", c))?;
    let reason = reason.trim();
    let reason = match to {
        OfferStatus::Declined if !reason.is_empty() => Some(
            DeclineReason::parse(reason)
                .map_err(|c| ValidationErrors::single("reason", c))?
                .slug()
                .to_string(),
        ),
        OfferStatus::Lost if !reason.is_empty() => Some(
            LostReason::parse(reason)
                .map_err(|c| ValidationErrors::single("reason", c))?
                .slug()
                .to_string(),
        ),
        _ => None,
    };
    Ok(OfferUpdate {
        to,
        reason,
        note: note.to_string(),
    })
}

pub async fn offer_submit(
    State(state): State<AppState>,
    v: Viewer,
    Path(offer_id): Path<i64>,
    Form(f): Form<OfferForm>,
) -> Result<Response> {
    let offer = owned_offer(&state, &v, offer_id).await?;
    match answer_offer(&state, &v, &offer, &f.status, &f.reason, &f.note).await {
        Ok(o) => {
            if o.status == OfferStatus::Declined {
                return Ok(
                    Redirect::to(&format!("/portal/partners/{}/leads", o.partner_id))
                        .into_response(),
                );
            }
            Ok(Redirect::to(&format!("/portal/offers/{offer_id}")).into_response())
        }
        Err(Error::Invalid(e)) => {
            let view = offer_view(&state, &v, offer_id, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

// ---- The foundation's lead desk -----------------------------------------------------------------

#[derive(Template)]
#[template(path = "leads/admin_list.html")]
struct AdminLeadsView {
    ctx: Ctx,
    /// Each lead with its state, region and country as names.
    leads: Vec<(Lead, String, String, String)>,
    pager: Pager,
    status: String,
    region: String,
    statuses: Vec<(String, String)>,
    regions: Vec<(String, String)>,
    counts: Vec<(String, i64)>,
}

#[derive(Debug, Default, Deserialize)]
pub struct AdminLeadsParams {
    status: Option<String>,
    region: Option<String>,
    page: Option<String>,
}

pub async fn admin_leads(
    State(state): State<AppState>,
    v: Viewer,
    Query(p): Query<AdminLeadsParams>,
) -> Result<Html<String>> {
    v.require(Permission::ManageLeads)?;
    let status = p.status.clone().filter(|s| LeadStatus::parse(s).is_ok());
    let map = state.store.region_map().await?;
    let region = p.region.clone().filter(|r| map.get(r).is_some());
    let page = PageRequest::parse(p.page.as_deref(), None)
        .map_err(|(f, c)| ValidationErrors::single(f, c))?;
    let leads = state
        .store
        .leads_page(
            &LeadFilter {
                status: status.clone(),
                region: region.clone(),
            },
            page,
        )
        .await?;
    let status = status.unwrap_or_default();
    let region = region.unwrap_or_default();
    let pager = Pager::new(
        &leads,
        "/admin/leads",
        &[("status", status.clone()), ("region", region.clone())],
    );
    let counts = state.store.count_leads_by_status().await?;
    let ids: Vec<i64> = leads.items.iter().map(|l| l.id).collect();
    let offers = state.store.offer_statuses(&ids).await?;
    render(&AdminLeadsView {
        ctx: Ctx::new(&v, "/admin"),
        leads: leads
            .items
            .into_iter()
            .map(|l| {
                let s = lead_state(&v.tr, &l, offers.get(&l.id).map_or(&[][..], |o| &o[..]));
                let r = region_name_map(&map, &l.region);
                let c = country_name(&l.country);
                (l, s, r, c)
            })
            .collect(),
        pager,
        statuses: LeadStatus::ALL
            .iter()
            .map(|s| (s.slug().to_string(), v.tr.label("lead-status", s.slug())))
            .collect(),
        regions: map
            .regions()
            .iter()
            .map(|r| (r.slug.clone(), r.name.clone()))
            .collect(),
        counts: LeadStatus::ALL
            .iter()
            .map(|s| {
                (
                    v.tr.label("lead-status", s.slug()),
                    counts.get(s.slug()).copied().unwrap_or(0),
                )
            })
            .collect(),
        status,
        region,
    })
}

fn neighbour_field(region: &str, neighbour: &str) -> String {
    format!("neighbour.{region}.{neighbour}")
}

/// A declined or lost offer's reason as its label; an unknown stored value as it is.
fn offer_reason(tr: &crate::i18n::Tr, status: OfferStatus, reason: &str) -> String {
    let key = match status {
        OfferStatus::Declined => DeclineReason::parse(reason).map(|r| r.label_key()),
        _ => LostReason::parse(reason).map(|r| r.label_key()),
    };
    key.map_or_else(|_| reason.to_string(), |k| tr.t(&k))
}

/// A lead's state as the desk shows it: how far its partners got once one accepted, else its own status.
fn lead_state(tr: &crate::i18n::Tr, lead: &Lead, offers: &[OfferStatus]) -> String {
    match agora_domain::leads::lead_progress(&lead.status, offers) {
        Some(o) => tr.label("offer", o.slug()),
        None => tr.label("lead-status", &lead.status),
    }
}

fn country_name(code: &str) -> String {
    agora_domain::geo::CountryCode::parse(code)
        .map(|c| c.name().to_string())
        .unwrap_or_else(|_| code.to_string())
}

fn region_name_map(map: &agora_domain::geo::RegionMap, slug: &str) -> String {
    map.get(slug)
        .map_or_else(|| slug.to_string(), |r| r.name.clone())
}

pub struct ExplainedRound {
    pub round: i64,
    pub version: i64,
    pub at: String,
    pub pool: String,
    pub referral: Option<String>,
    pub rows: Vec<ExplainedCandidate>,
    pub excluded: Vec<(String, String)>,
    pub outside_area: usize,
    pub tie: bool,
    /// An admin's offer by hand: (partner, reason, admin).
    pub manual: Option<(String, String, String)>,
    /// A request addressed to one partner: its name.
    pub direct: Option<String>,
}

pub struct ExplainedCandidate {
    pub name: String,
    pub weight: String,
    pub share: String,
    pub credit: String,
    pub received: u64,
    pub score: String,
    pub chosen: bool,
    pub tied: bool,
}

fn explain(tr: &crate::i18n::Tr, a: &Allocation, names: &HashMap<i64, String>) -> ExplainedRound {
    let e = &a.explanation.explanation;
    let name = |id: i64| names.get(&id).cloned().unwrap_or_else(|| format!("#{id}"));
    let mut rows: Vec<ExplainedCandidate> = e
        .candidates
        .iter()
        .map(|c| ExplainedCandidate {
            name: name(c.partner_id),
            weight: format!("{:.2}", c.weight),
            share: format!("{:.3}", c.share),
            credit: format!("{:.3}", c.credit),
            received: c.received,
            score: format!("{:.3}", c.score),
            chosen: e.chosen.contains(&c.partner_id),
            tied: e.tie.contains(&c.partner_id),
        })
        .collect();
    rows.sort_by_key(|r| std::cmp::Reverse(r.chosen));
    ExplainedRound {
        round: a.round,
        version: a.policy_version,
        at: a.at.clone(),
        pool: if a.explanation.manual.is_some() {
            tr.t("why-pool-manual")
        } else if a.explanation.direct_partner.is_some() {
            tr.t("why-pool-direct")
        } else {
            tr.label("why-pool", pool_slug(e.pool))
        },
        referral: a.explanation.referral_partner.map(name),
        rows,
        excluded: e
            .excluded
            .iter()
            .map(|(id, x)| (name(*id), tr.label("exclusion", exclusion_slug(*x))))
            .collect(),
        outside_area: e.outside_area,
        tie: !e.tie.is_empty(),
        manual: a
            .explanation
            .manual
            .as_ref()
            .map(|m| (name(m.partner_id), m.reason.clone(), m.by.clone())),
        direct: a.explanation.direct_partner.map(name),
    }
}

#[derive(Template)]
#[template(path = "leads/admin_lead.html")]
struct AdminLeadView {
    ctx: Ctx,
    lead: Lead,
    status: String,
    /// The request's codes as names: "Canada (North America)", "Training", "English".
    place: String,
    services: String,
    languages: String,
    source: String,
    /// Each offer with its status and reason as labels.
    offers: Vec<(Offer, String, String)>,
    rounds: Vec<ExplainedRound>,
    merged: Vec<Lead>,
    views: Vec<(String, String, String)>,
    /// The partner a direct request was addressed to.
    direct_to: Option<String>,
    may_offer: bool,
    may_close: bool,
    /// Active partners that have not had this lead: (id, name).
    offer_to: Vec<(i64, String)>,
    close_reasons: Vec<(String, String)>,
    desk: DeskForm,
    errors: FieldErrors,
    done: Option<String>,
}

/// The lead desk's two forms: offer by hand (`partner`, `reason`) and close (`close_reason`, `note`).
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct DeskForm {
    partner: String,
    reason: String,
    close_reason: String,
    note: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct AdminLeadParams {
    done: Option<String>,
}

pub async fn admin_lead(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Query(p): Query<AdminLeadParams>,
) -> Result<Html<String>> {
    let done = p
        .done
        .filter(|d| ["offered", "closed"].contains(&d.as_str()))
        .map(|d| v.tr.label("desk-done", &d));
    render(
        &admin_lead_view(
            &state,
            &v,
            id,
            DeskForm::default(),
            FieldErrors::default(),
            done,
        )
        .await?,
    )
}

async fn admin_lead_view(
    state: &AppState,
    v: &Viewer,
    id: i64,
    desk: DeskForm,
    errors: FieldErrors,
    done: Option<String>,
) -> Result<AdminLeadView> {
    v.require(Permission::ManageLeads)?;
    let lead = state.store.lead(id).await?.ok_or(Error::NotFound)?;
    state
        .store
        .log_lead_view(id, &v.who(), "admin lead page")
        .await?;
    let partners = state.store.all_partners().await?;
    let names: HashMap<i64, String> = partners
        .iter()
        .map(|p| (p.id, p.profile.name.clone()))
        .collect();
    let rounds = state
        .store
        .lead_allocations(id)
        .await?
        .iter()
        .map(|a| explain(&v.tr, a, &names))
        .collect();
    let offers: Vec<(Offer, String, String)> = state
        .store
        .lead_offers(id)
        .await?
        .into_iter()
        .map(|o| {
            let s = v.tr.label("offer", o.status.slug());
            let r = o
                .reason
                .as_deref()
                .map(|r| offer_reason(&v.tr, o.status, r))
                .unwrap_or_default();
            (o, s, r)
        })
        .collect();
    let status = LeadStatus::parse(&lead.status).ok();
    let had: std::collections::HashSet<i64> = offers.iter().map(|(o, _, _)| o.partner_id).collect();
    let offer_to = partners
        .into_iter()
        .filter(|p| {
            p.status == agora_domain::partner::PartnerStatus::Active && !had.contains(&p.id)
        })
        .map(|p| (p.id, p.profile.name))
        .collect();
    let map = state.store.region_map().await?;
    let statuses: Vec<OfferStatus> = offers.iter().map(|(o, _, _)| o.status).collect();
    Ok(AdminLeadView {
        ctx: Ctx::new(v, "/admin"),
        status: lead_state(&v.tr, &lead, &statuses),
        place: v.tr.t2(
            "admin-lead-place",
            ("name", country_name(&lead.country)),
            ("names", region_name_map(&map, &lead.region)),
        ),
        services: lead
            .services
            .iter()
            .map(|s| v.tr.label(Service::LABEL_PREFIX, s))
            .collect::<Vec<_>>()
            .join(", "),
        languages: lead
            .languages
            .iter()
            .map(|l| agora_domain::taxonomy::language_name(l).to_string())
            .collect::<Vec<_>>()
            .join(", "),
        source: v.tr.label("lead-source", &lead.source),
        merged: state.store.merged_requests(id).await?,
        views: state.store.lead_views(id).await?,
        direct_to: lead
            .direct_partner_id
            .map(|p| names.get(&p).cloned().unwrap_or_else(|| format!("#{p}"))),
        may_offer: status.is_some_and(LeadStatus::may_offer_manually),
        may_close: status.is_some_and(LeadStatus::is_open),
        offer_to,
        close_reasons: CloseReason::ALL
            .iter()
            .map(|r| {
                (
                    r.slug().to_string(),
                    v.tr.label(CloseReason::LABEL_PREFIX, r.slug()),
                )
            })
            .collect(),
        desk,
        errors,
        done,
        lead,
        offers,
        rounds,
    })
}

/// Offers a lead by hand, for the page and the API: the partner named by id, with a reason.
pub async fn offer_by_hand(
    state: &AppState,
    v: &Viewer,
    id: i64,
    partner: &str,
    reason: &str,
) -> Result<Offer> {
    v.require(Permission::ManageLeads)?;
    let partner_id = partner
        .trim()
        .parse::<i64>()
        .map_err(|_| ValidationErrors::single("partner", "unknown-partner"))?;
    state.store.lead(id).await?.ok_or(Error::NotFound)?;
    Ok(state
        .store
        .offer_lead_manually(id, partner_id, reason, chrono::Utc::now(), &v.who())
        .await?)
}

/// Closes a lead as spam, duplicate or withdrawn, for the page and the API. `reason` is (the
/// field that carries it, its value): the page and the API name it differently.
pub async fn close_by_admin(
    state: &AppState,
    v: &Viewer,
    id: i64,
    (field, reason): (&str, &str),
    note: &str,
) -> Result<LeadStatus> {
    v.require(Permission::ManageLeads)?;
    let reason = CloseReason::parse(reason).map_err(|c| ValidationErrors::single(field, c))?;
    Ok(state
        .store
        .close_lead(
            id,
            (reason, note),
            &closure_notice(v),
            chrono::Utc::now(),
            &v.who(),
        )
        .await?)
}

async fn desk_answer(
    state: &AppState,
    v: &Viewer,
    id: i64,
    f: DeskForm,
    r: Result<&'static str>,
) -> Result<Response> {
    match r {
        Ok(done) => Ok(Redirect::to(&format!("/admin/leads/{id}?done={done}")).into_response()),
        Err(Error::Invalid(e)) => {
            let view = admin_lead_view(state, v, id, f, FieldErrors(e), None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn admin_offer(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<DeskForm>,
) -> Result<Response> {
    let r = offer_by_hand(&state, &v, id, &f.partner, &f.reason)
        .await
        .map(|_| "offered");
    desk_answer(&state, &v, id, f, r).await
}

pub async fn admin_close(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(f): Form<DeskForm>,
) -> Result<Response> {
    let r = close_by_admin(&state, &v, id, ("close_reason", &f.close_reason), &f.note)
        .await
        .map(|_| "closed");
    desk_answer(&state, &v, id, f, r).await
}

pub async fn admin_retry(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Redirect> {
    v.require(Permission::ManageLeads)?;
    state.store.retry_lead(id, &v.who()).await?;
    state.intake.wake_jobs.notify_one();
    Ok(Redirect::to(&format!("/admin/leads/{id}")))
}

// ---- Policy versions and dry runs ---------------------------------------------------------------

/// The policy form. Region fan-outs arrive as `fan_out_<region>` and each ticked neighbour as
/// `neighbour.<region>.<neighbour>`, so the struct keeps the rest.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct PolicyForm {
    fan_out: String,
    weight_segment: String,
    weight_size: String,
    weight_pricing: String,
    fallback_neighbours: Option<String>,
    fallback_any: Option<String>,
    sla_hours: String,
    update_reminder_days: String,
    default_monthly_capacity: String,
    referral_routing: String,
    attribution_days: String,
    tie_break_seed: String,
    note: String,
    #[serde(flatten)]
    rest: HashMap<String, String>,
}

impl PolicyForm {
    fn from_policy(p: &LeadPolicy) -> Self {
        let mut rest = HashMap::new();
        for (r, n) in &p.fan_out_by_region {
            rest.insert(format!("fan_out_{r}"), n.to_string());
        }
        for (r, ns) in &p.allocation.neighbours {
            for n in ns {
                rest.insert(neighbour_field(r, n), "on".into());
            }
        }
        Self {
            fan_out: p.allocation.fan_out.to_string(),
            weight_segment: p.allocation.preferences.segment.to_string(),
            weight_size: p.allocation.preferences.size.to_string(),
            weight_pricing: p.allocation.preferences.pricing.to_string(),
            fallback_neighbours: p
                .allocation
                .fallback
                .contains(&Fallback::NeighbouringRegions)
                .then(|| "on".into()),
            fallback_any: p
                .allocation
                .fallback
                .contains(&Fallback::AnyRegion)
                .then(|| "on".into()),
            sla_hours: p.sla_hours.to_string(),
            update_reminder_days: p.update_reminder_days.to_string(),
            default_monthly_capacity: p
                .default_monthly_capacity
                .map(|c| c.to_string())
                .unwrap_or_default(),
            referral_routing: match p.referral_routing {
                ReferralRouting::Pool => "pool".into(),
                ReferralRouting::Referrer => "referrer".into(),
            },
            attribution_days: p.attribution_days.to_string(),
            tie_break_seed: p.allocation.tie_break_seed.clone(),
            note: String::new(),
            rest,
        }
    }

    fn is_neighbour(&self, region: &str, neighbour: &str) -> bool {
        self.rest.contains_key(&neighbour_field(region, neighbour))
    }

    fn region_fan_out(&self, slug: &str) -> String {
        self.rest
            .get(&format!("fan_out_{slug}"))
            .cloned()
            .unwrap_or_default()
    }

    /// The policy this form describes, on top of `base` (which supplies the region map).
    fn to_policy(&self, base: &LeadPolicy) -> std::result::Result<LeadPolicy, ValidationErrors> {
        let mut e = ValidationErrors::new();
        let mut p = base.clone();
        let int = |e: &mut ValidationErrors, field: &str, s: &str| -> Option<u32> {
            e.check(field, s.trim().parse::<u32>().map_err(|_| "invalid-number"))
        };
        let num = |e: &mut ValidationErrors, field: &str, s: &str| -> Option<f64> {
            e.check(
                field,
                s.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .ok_or("invalid-weight"),
            )
        };
        if let Some(n) = int(&mut e, "fan_out", &self.fan_out) {
            p.allocation.fan_out = u8::try_from(n).unwrap_or(0);
        }
        if let Some(w) = num(&mut e, "weights", &self.weight_segment) {
            p.allocation.preferences.segment = w;
        }
        if let Some(w) = num(&mut e, "weights", &self.weight_size) {
            p.allocation.preferences.size = w;
        }
        if let Some(w) = num(&mut e, "weights", &self.weight_pricing) {
            p.allocation.preferences.pricing = w;
        }
        p.allocation.fallback = [
            self.fallback_neighbours
                .as_ref()
                .map(|_| Fallback::NeighbouringRegions),
            self.fallback_any.as_ref().map(|_| Fallback::AnyRegion),
        ]
        .into_iter()
        .flatten()
        .collect();
        p.allocation.neighbours = BTreeMap::new();
        for r in &base.regions {
            let ns: Vec<String> = base
                .regions
                .iter()
                .filter(|n| n.slug != r.slug && self.is_neighbour(&r.slug, &n.slug))
                .map(|n| n.slug.clone())
                .collect();
            if !ns.is_empty() {
                p.allocation.neighbours.insert(r.slug.clone(), ns);
            }
        }
        // A box for a region that is not (or no longer) in the map.
        if self.rest.keys().any(|k| {
            k.strip_prefix("neighbour.").is_some_and(|pair| {
                !base.regions.iter().any(|r| {
                    pair.strip_prefix(&format!("{}.", r.slug))
                        .is_some_and(|n| base.regions.iter().any(|x| x.slug == n))
                })
            })
        }) {
            e.add("neighbours", "invalid-region");
        }
        p.fan_out_by_region = BTreeMap::new();
        for r in &base.regions {
            let v = self.region_fan_out(&r.slug);
            if !v.trim().is_empty() {
                if let Some(n) = int(&mut e, "fan_out_by_region", &v) {
                    p.fan_out_by_region
                        .insert(r.slug.clone(), u8::try_from(n).unwrap_or(0));
                }
            }
        }
        if let Some(n) = int(&mut e, "sla_hours", &self.sla_hours) {
            p.sla_hours = n;
        }
        if let Some(n) = int(&mut e, "update_reminder_days", &self.update_reminder_days) {
            p.update_reminder_days = n;
        }
        p.default_monthly_capacity = if self.default_monthly_capacity.trim().is_empty() {
            None
        } else {
            int(
                &mut e,
                "default_monthly_capacity",
                &self.default_monthly_capacity,
            )
        };
        p.referral_routing = match self.referral_routing.as_str() {
            "referrer" => ReferralRouting::Referrer,
            _ => ReferralRouting::Pool,
        };
        if let Some(n) = int(&mut e, "attribution_days", &self.attribution_days) {
            p.attribution_days = n;
        }
        p.allocation.tie_break_seed = self.tie_break_seed.trim().to_string();
        if !e.is_empty() {
            return Err(e);
        }
        p.validate()?;
        Ok(p)
    }
}

#[derive(Template)]
#[template(path = "leads/admin_policy.html")]
struct AdminPolicyView {
    ctx: Ctx,
    current: PolicyVersion,
    history: Vec<PolicyVersion>,
    form: PolicyForm,
    regions: Vec<(String, String)>,
    errors: FieldErrors,
    dry_run: Option<agora_store::DryRun>,
    adopted: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct AdoptedParam {
    adopted: Option<String>,
}

async fn policy_page(
    state: &AppState,
    v: &Viewer,
    form: Option<PolicyForm>,
    errors: FieldErrors,
    dry_run: Option<agora_store::DryRun>,
    adopted: bool,
) -> Result<AdminPolicyView> {
    let history = state.store.lead_policy_history().await?;
    let current = history.first().cloned().ok_or(Error::NotFound)?;
    Ok(AdminPolicyView {
        ctx: Ctx::new(v, "/admin"),
        form: form.unwrap_or_else(|| PolicyForm::from_policy(&current.policy)),
        regions: current
            .policy
            .regions
            .iter()
            .map(|r| (r.slug.clone(), r.name.clone()))
            .collect(),
        current,
        history,
        errors,
        dry_run,
        adopted,
    })
}

pub async fn admin_policy(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<AdoptedParam>,
) -> Result<Html<String>> {
    v.require(Permission::ManageLeads)?;
    render(
        &policy_page(
            &state,
            &v,
            None,
            FieldErrors::default(),
            None,
            q.adopted.is_some(),
        )
        .await?,
    )
}

#[derive(Debug, Default, Deserialize)]
pub struct PolicyAction {
    action: Option<String>,
}

pub async fn admin_policy_submit(
    State(state): State<AppState>,
    v: Viewer,
    Query(a): Query<PolicyAction>,
    Form(form): Form<PolicyForm>,
) -> Result<Response> {
    v.require(Permission::ManageLeads)?;
    let base = state.store.lead_policy().await?.policy;
    let parsed = form.to_policy(&base);
    let dry = a.action.as_deref() == Some("dry-run");
    let outcome = match parsed {
        Ok(p) if dry => {
            let d = state
                .store
                .dry_run_policy(&p, agora_store::DRY_RUN_LEADS)
                .await?;
            return Ok(render(
                &policy_page(
                    &state,
                    &v,
                    Some(form),
                    FieldErrors::default(),
                    Some(d),
                    false,
                )
                .await?,
            )?
            .into_response());
        }
        Ok(p) => state
            .store
            .adopt_lead_policy(&p, &form.note, &v.who())
            .await
            .map_err(Error::from),
        Err(e) => Err(Error::Invalid(e)),
    };
    match outcome {
        Ok(_) => {
            state.cache.invalidate();
            Ok(Redirect::to("/admin/lead-policy?adopted=1").into_response())
        }
        Err(Error::Invalid(e)) => {
            let view = policy_page(&state, &v, Some(form), FieldErrors(e), None, false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

// ---- Referrals ----------------------------------------------------------------------------------

#[derive(Template)]
#[template(path = "leads/admin_referrals.html")]
struct ReferralsView {
    ctx: Ctx,
    referrers: Vec<(agora_store::Referrer, String)>,
    stats: Vec<(String, Vec<agora_store::Funnel>)>,
    partners: Vec<(i64, String)>,
    form: ReferrerForm,
    errors: FieldErrors,
    link_base: String,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ReferrerForm {
    code: String,
    label: String,
    partner_id: String,
    person_email: String,
}

async fn referrals_page(
    state: &AppState,
    v: &Viewer,
    form: ReferrerForm,
    errors: FieldErrors,
) -> Result<ReferralsView> {
    let partners = state.store.all_partners().await?;
    let names: HashMap<i64, String> = partners
        .iter()
        .map(|p| (p.id, p.profile.name.clone()))
        .collect();
    let mut referrers = vec![];
    for r in state.store.referrers().await? {
        let who = match (r.partner_id, r.person_id) {
            (Some(p), _) => names.get(&p).cloned().unwrap_or_default(),
            (_, Some(p)) => state
                .store
                .person(p)
                .await?
                .map(|p| p.display_name)
                .unwrap_or_default(),
            _ => String::new(),
        };
        referrers.push((r, who));
    }
    Ok(ReferralsView {
        ctx: Ctx::new(v, "/admin"),
        referrers,
        stats: {
            let s = state.store.referral_stats().await?;
            vec![
                (v.tr.t("referrals-by-referrer"), s.by_referrer),
                (v.tr.t("referrals-by-region"), s.by_region),
                (v.tr.t("referrals-by-source"), s.by_source),
            ]
        },
        partners: partners
            .into_iter()
            .filter(|p| p.status == agora_domain::partner::PartnerStatus::Active)
            .map(|p| (p.id, p.profile.name))
            .collect(),
        form,
        errors,
        link_base: state.config.url("/r/"),
    })
}

pub async fn admin_referrals(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    v.require(Permission::ManageLeads)?;
    render(&referrals_page(&state, &v, ReferrerForm::default(), FieldErrors::default()).await?)
}

pub async fn admin_create_referrer(
    State(state): State<AppState>,
    v: Viewer,
    Form(f): Form<ReferrerForm>,
) -> Result<Response> {
    v.require(Permission::ManageLeads)?;
    let partner_id = f.partner_id.trim().parse::<i64>().ok();
    let person_id = if f.person_email.trim().is_empty() {
        None
    } else {
        match state
            .store
            .person_by_email(&f.person_email.trim().to_lowercase())
            .await?
        {
            Some(p) => Some(p.id),
            None => {
                let view = referrals_page(
                    &state,
                    &v,
                    f.clone(),
                    FieldErrors(ValidationErrors::single("person_email", "unknown-person")),
                )
                .await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response());
            }
        }
    };
    match state
        .store
        .create_referrer(&f.code, partner_id, person_id, &f.label, &v.who())
        .await
    {
        Ok(_) => Ok(Redirect::to("/admin/referrals").into_response()),
        Err(agora_store::StoreError::Invalid(e)) => {
            let view = referrals_page(&state, &v, f, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

// ---- Personal-data requests ---------------------------------------------------------------------

#[derive(Template)]
#[template(path = "leads/admin_data.html")]
struct DataView {
    ctx: Ctx,
    email: String,
    erased: Option<u64>,
    errors: FieldErrors,
}

pub async fn admin_data(v: Viewer) -> Result<Response> {
    v.require(Permission::ManageLeads)?;
    data_page(&v, "", None, None)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DataForm {
    email: String,
    action: String,
    confirm: Option<String>,
}

/// The personal-data page: after an erasure (`erased`), or re-shown with a field error (422).
fn data_page(
    v: &Viewer,
    email: &str,
    erased: Option<u64>,
    error: Option<(&str, &'static str)>,
) -> Result<Response> {
    let view = DataView {
        ctx: Ctx::new(v, "/admin"),
        email: email.to_string(),
        erased,
        errors: FieldErrors(
            error
                .map(|(field, code)| ValidationErrors::single(field, code))
                .unwrap_or_default(),
        ),
    };
    let status = if error.is_some() {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::OK
    };
    Ok((status, render(&view)?).into_response())
}

pub async fn admin_data_submit(
    State(state): State<AppState>,
    v: Viewer,
    Form(f): Form<DataForm>,
) -> Result<Response> {
    v.require(Permission::ManageLeads)?;
    let email = match agora_domain::person::Email::parse(&f.email) {
        Ok(e) => e,
        Err(code) => return data_page(&v, &f.email, None, Some(("email", code))),
    };
    if f.action == "erase" {
        if f.confirm.is_none() {
            return data_page(&v, &f.email, None, Some(("confirm", "consent-required")));
        }
        let n = state
            .store
            .erase_person_leads(email.as_str(), &v.who())
            .await?;
        return data_page(&v, "", Some(n), None);
    }
    let json = state
        .store
        .export_person_leads(email.as_str(), &v.who())
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"agora-personal-data.json\"".to_string(),
            ),
        ],
        serde_json::to_string_pretty(&json).unwrap_or_default(),
    )
        .into_response())
}
