//! A partner's lead inbox: offers, answers, pause and capacity settings.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::leads::policy::pool_slug;
use crate::views::{render, Ctx, Pager};
use crate::AppState;
use agora_domain::leads::{DeclineReason, LostReason, OfferStatus, PartnerLeadSettings};
use agora_domain::pagination::PageRequest;
use agora_domain::permissions::Permission;
use agora_domain::ValidationErrors;
use agora_store::{Allocation, Lead, LeadSummary, MonthlyShare, Offer, OfferUpdate};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;

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
            .map(|s| tr.label("service", s.slug()))
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
    referrals: Vec<ReferralResult>,
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
    let referrals = referral_results(state, partner_id).await?;
    Ok(InboxView {
        referrals,
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
        if let Some(standing) = me.compliance {
            out.push(tr.t2(
                "why-compliance",
                ("status", tr.label("obligations-status", standing.slug())),
                ("factor", tr.number(me.compliance_factor)),
            ));
        }
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
        .update_offer(offer.id, offer.partner_id, &u, state.clock.now(), &v.who())
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

/// One of a partner's referral links and what came of it, as its dashboard and the API show it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ReferralResult {
    pub code: String,
    pub label: String,
    /// The link to share; requests made through it (or with the code) are credited to the partner.
    pub link: String,
    /// False once the foundation disabled the code; what it brought still counts.
    pub active: bool,
    /// Requests that came through it (merged duplicates left out).
    pub referred: u64,
    /// Of those, requests a partner accepted.
    pub accepted: u64,
    /// Of those, requests a partner won.
    pub won: u64,
    /// Won per referred, when anything was referred.
    pub conversion: Option<f64>,
}

/// A partner's referral links with their results (the partner's dashboard and
/// `GET /api/v1/partners/{id}/referrals`).
pub async fn referral_results(state: &AppState, partner_id: i64) -> Result<Vec<ReferralResult>> {
    Ok(state
        .store
        .partner_referral_results(partner_id)
        .await?
        .into_iter()
        .map(|(r, f)| ReferralResult {
            link: state.config.url(&format!("/r/{}", r.code)),
            active: r.disabled_at.is_none(),
            conversion: f.conversion(),
            code: r.code,
            label: r.label,
            referred: f.referred,
            accepted: f.accepted,
            won: f.won,
        })
        .collect())
}
