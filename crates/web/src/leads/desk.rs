//! The foundation's lead desk: the queue, why a lead went where it went, offers and closings by hand.

use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::leads::policy::exclusion_slug;
use crate::leads::policy::pool_slug;
use crate::views::{render, Ctx, Pager};
use crate::AppState;
use agora_domain::leads::{CloseReason, LeadStatus, OfferStatus};
use agora_domain::pagination::PageRequest;
use agora_domain::permissions::Permission;
use agora_domain::taxonomy::Service;
use agora_domain::ValidationErrors;
use agora_store::{Allocation, Lead, LeadFilter, Offer};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use std::collections::HashMap;

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
    let status = p.status.as_deref().and_then(|s| LeadStatus::parse(s).ok());
    let map = state.store.region_map().await?;
    let region = p.region.clone().filter(|r| map.get(r).is_some());
    let page = PageRequest::parse(p.page.as_deref(), None)
        .map_err(|(f, c)| ValidationErrors::single(f, c))?;
    let leads = state
        .store
        .leads_page(
            &LeadFilter {
                status,
                region: region.clone(),
            },
            page,
        )
        .await?;
    let status = status.map(|s| s.slug().to_string()).unwrap_or_default();
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
                    counts.get(s).copied().unwrap_or(0),
                )
            })
            .collect(),
        status,
        region,
    })
}

pub(crate) fn neighbour_field(region: &str, neighbour: &str) -> String {
    format!("neighbour.{region}.{neighbour}")
}

/// A lead's state as the desk shows it: how far its partners got once one accepted, else its own status.
fn lead_state(tr: &crate::i18n::Tr, lead: &Lead, offers: &[OfferStatus]) -> String {
    match agora_domain::leads::lead_progress(lead.status, offers) {
        Some(o) => tr.label("offer", o.slug()),
        None => tr.label("lead-status", lead.status.slug()),
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
    pub at: chrono::DateTime<chrono::Utc>,
    pub pool: String,
    pub referral: Option<String>,
    pub rows: Vec<ExplainedCandidate>,
    pub excluded: Vec<(String, String)>,
    pub outside_area: usize,
    pub tie: bool,
    /// The policy weighed the partners' obligations in this round.
    pub weighed_compliance: bool,
    /// An admin's offer by hand: (partner, reason, admin).
    pub manual: Option<(String, String, String)>,
    /// A request addressed to one partner: its name.
    pub direct: Option<String>,
}

pub struct ExplainedCandidate {
    pub name: String,
    /// "Behind × 0.5" when the policy weighed the partner's obligations.
    pub compliance: Option<String>,
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
            compliance: c.compliance.map(|s| {
                format!(
                    "{} × {}",
                    tr.label("obligations-status", s.slug()),
                    tr.number(c.compliance_factor)
                )
            }),
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
        at: a.at,
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
        weighed_compliance: e.candidates.iter().any(|c| c.compliance.is_some()),
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
    views: Vec<(String, chrono::DateTime<chrono::Utc>, String)>,
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
    /// Open deals partners registered for this organization before the lead arrived.
    deals: Vec<agora_store::StoredDeal>,
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
            let r = o.reason.map(|r| v.tr.t(&r.label_key())).unwrap_or_default();
            (o, s, r)
        })
        .collect();
    let status = lead.status;
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
    let deals = state
        .store
        .open_deals_for(&lead.organization)
        .await?
        .into_iter()
        .filter(|d| d.registered_at <= lead.received_at)
        .collect();
    Ok(AdminLeadView {
        deals,
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
            .map(|s| v.tr.label(Service::LABEL_PREFIX, s.slug()))
            .collect::<Vec<_>>()
            .join(", "),
        languages: lead
            .languages
            .iter()
            .map(|l| agora_domain::taxonomy::language_name(l).to_string())
            .collect::<Vec<_>>()
            .join(", "),
        source: v.tr.t(&lead.source.label_key()),
        merged: state.store.merged_requests(id).await?,
        views: state.store.lead_views(id).await?,
        direct_to: lead
            .direct_partner_id
            .map(|p| names.get(&p).cloned().unwrap_or_else(|| format!("#{p}"))),
        may_offer: status.may_offer_manually(),
        may_close: status.is_open(),
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
        .offer_lead_manually(id, partner_id, reason, state.clock.now(), &v.who())
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
        .close_lead(id, (reason, note), state.clock.now(), &v.who())
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
