//! The program's dashboard (the seed's targets, with charts and tables), its budget (the seed's
//! table, with a CSV export), mentorship and attestation records, and the job that warns members at
//! months 9 and 11 of a term. Pages and API share the functions here.

use super::actions::person_id;
use crate::api::{ApiJson, ErrorBody};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{bars, render, Bar, Ctx};
use crate::AppState;
use agora_domain::permissions::{Permission, Role};
use agora_domain::recognition::budget::{format_dollars, totals_per_cycle, DeliverableInput};
use agora_domain::recognition::kpi::{self, KpiStatus};
use agora_domain::recognition::records::{AttestationInput, MentorshipInput};
use agora_domain::ValidationErrors;
use agora_store::{Attestation, Mentorship, StoredDeliverable};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Json;
use axum_extra::extract::Form;
use chrono::Datelike;
use serde::Serialize;
use utoipa::ToSchema;

// ---------------------------------------------------------------------------------------------
// Dashboard

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct YearFigures {
    pub year: i32,
    /// People holding a current award at some point of the year.
    pub active: u64,
    /// Share of the previous year's active people active again (none in a first year).
    pub retention: Option<f64>,
    pub nominations: u64,
    /// Proposals put to the community's register by a person, and initiatives started.
    pub proposals: u64,
    pub initiatives: u64,
    /// Leads that came through a Distinguished Contributor's referral code.
    pub referred_leads: u64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Count {
    pub label: String,
    pub count: u64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Dashboard {
    pub year: i32,
    pub active: u64,
    pub active_target: u64,
    pub active_status: KpiStatus,
    pub retention: Option<f64>,
    pub retention_target: f64,
    pub retention_status: KpiStatus,
    /// Proposals and initiatives this year.
    pub initiatives: u64,
    pub initiatives_target: u64,
    pub initiatives_status: KpiStatus,
    pub referred_leads: u64,
    /// From the program's first year to this one.
    pub years: Vec<YearFigures>,
    /// Awards ever granted (yearly and lifetime), by the region of the holder's organization.
    pub by_region: Vec<Count>,
    pub by_organization: Vec<Count>,
    pub by_category: Vec<Count>,
}

fn counts(v: Vec<(String, u64)>) -> Vec<Count> {
    v.into_iter()
        .map(|(label, count)| Count { label, count })
        .collect()
}

async fn dashboard_of(state: &AppState, v: &Viewer) -> Result<Dashboard> {
    let me = person_id(v)?;
    if !v.can(Permission::ManageRecognition) && !state.store.is_panelist(me).await? {
        return Err(Error::Forbidden);
    }
    let f = state.store.recognition_dashboard().await?;
    let year = state.clock.now().date_naive().year();
    let people: Vec<(i64, &agora_domain::recognition::Award)> = f
        .awards
        .iter()
        .filter_map(|a| a.person_id.map(|p| (p, &a.award)))
        .collect();
    let first = [
        f.awards.iter().map(|a| a.cycle_year).min(),
        f.nominations.keys().next().copied(),
    ]
    .into_iter()
    .flatten()
    .min()
    .unwrap_or(year)
    .clamp(year - 20, year);
    let get = |m: &std::collections::BTreeMap<i32, u64>, y: i32| m.get(&y).copied().unwrap_or(0);
    // A cycle named for next year takes its nominations this year: it has its row too (found by a
    // walk: the open cycle's nominations were missing).
    let last = f
        .nominations
        .keys()
        .next_back()
        .copied()
        .unwrap_or(year)
        .clamp(year, year + 1);
    let years: Vec<YearFigures> = (first..=last)
        .map(|y| {
            let this = kpi::active_people(people.iter().copied(), y);
            let last = kpi::active_people(people.iter().copied(), y - 1);
            YearFigures {
                year: y,
                active: this.len() as u64,
                retention: kpi::retention_rate(&last, &this),
                nominations: get(&f.nominations, y),
                proposals: get(&f.proposals, y),
                initiatives: get(&f.initiatives, y),
                referred_leads: get(&f.referred_leads, y),
            }
        })
        .collect();
    let now = years
        .iter()
        .find(|y| y.year == year)
        .cloned()
        .unwrap_or(YearFigures {
            year,
            active: 0,
            retention: None,
            nominations: 0,
            proposals: 0,
            initiatives: 0,
            referred_leads: 0,
        });
    let unknown = v.tr.t("recognition-dashboard-unknown");
    let place = |id: i64| f.places.iter().find(|p| p.award_id == id);
    let initiatives = now.proposals + now.initiatives;
    Ok(Dashboard {
        year,
        active: now.active,
        active_target: kpi::TARGET_ACTIVE_FIRST_YEAR,
        active_status: kpi::active_members_status(now.active),
        retention: now.retention,
        retention_target: kpi::TARGET_RETENTION,
        retention_status: kpi::retention_status(now.retention),
        initiatives,
        initiatives_target: kpi::TARGET_INITIATIVES_PER_YEAR,
        initiatives_status: kpi::initiatives_status(initiatives),
        referred_leads: now.referred_leads,
        by_region: counts(kpi::balance(
            f.awards
                .iter()
                .map(|a| place(a.id).and_then(|p| p.region.as_deref())),
            &unknown,
        )),
        by_organization: counts(kpi::balance(
            f.awards
                .iter()
                .map(|a| place(a.id).and_then(|p| p.organization.as_deref())),
            &v.tr.t("recognition-dashboard-no-organization"),
        )),
        by_category: counts(kpi::balance(
            f.awards.iter().map(|a| Some(a.category_name.as_str())),
            &unknown,
        )),
        years,
    })
}

/// A chart of the dashboard: its bars and the table beside it.
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    pub label: String,
    pub bars: Vec<Bar>,
    pub height: u32,
}

fn chart(id: &'static str, title: String, label: String, items: Vec<(String, u64)>) -> Chart {
    let bars = bars(items, 220);
    Chart {
        id,
        title,
        label,
        height: (bars.len() as u32 * 28).max(28),
        bars,
    }
}

#[derive(Template)]
#[template(path = "recognition/dashboard.html")]
struct DashboardView {
    ctx: Ctx,
    d: Dashboard,
    retention: String,
    retention_target: String,
    /// Per year: (year, active, retention, nominations, proposals and initiatives, referred leads).
    rows: Vec<[String; 6]>,
    charts: Vec<Chart>,
    status_keys: [String; 3],
}

pub async fn dashboard(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let d = dashboard_of(&state, &v).await?;
    let pct = |r: Option<f64>| r.map_or("—".to_string(), |r| format!("{:.0} %", r * 100.0));
    let rows = d
        .years
        .iter()
        .rev()
        .map(|y| {
            [
                y.year.to_string(),
                y.active.to_string(),
                pct(y.retention),
                y.nominations.to_string(),
                (y.proposals + y.initiatives).to_string(),
                y.referred_leads.to_string(),
            ]
        })
        .collect();
    let tr = &v.tr;
    let per_year = |f: fn(&YearFigures) -> u64| -> Vec<(String, u64)> {
        d.years.iter().map(|y| (y.year.to_string(), f(y))).collect()
    };
    let pairs = |c: &[Count]| -> Vec<(String, u64)> {
        c.iter().map(|c| (c.label.clone(), c.count)).collect()
    };
    let charts = vec![
        chart(
            "active",
            tr.t("recognition-dashboard-active-per-year"),
            tr.t("recognition-dashboard-year"),
            per_year(|y| y.active),
        ),
        chart(
            "nominations",
            tr.t("recognition-dashboard-nominations-per-cycle"),
            tr.t("recognition-dashboard-year"),
            per_year(|y| y.nominations),
        ),
        chart(
            "region",
            tr.t("recognition-dashboard-by-region"),
            tr.t("recognition-dashboard-region"),
            pairs(&d.by_region),
        ),
        chart(
            "organization",
            tr.t("recognition-dashboard-by-organization"),
            tr.t("recognition-dashboard-organization"),
            pairs(&d.by_organization),
        ),
        chart(
            "category",
            tr.t("recognition-dashboard-by-category"),
            tr.t("recognition-dashboard-category"),
            pairs(&d.by_category),
        ),
    ];
    render(&DashboardView {
        ctx: Ctx::new(&v, "/recognition/dashboard"),
        retention: pct(d.retention),
        retention_target: pct(Some(d.retention_target)),
        rows,
        charts,
        status_keys: [
            d.active_status.slug().to_string(),
            d.retention_status.slug().to_string(),
            d.initiatives_status.slug().to_string(),
        ],
        d,
    })
}

#[utoipa::path(get, path = "/api/v1/recognition/dashboard", tag = "recognition",
    responses((status = 200, body = Dashboard), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("token" = [])))]
/// The program's figures against the seed's targets, per year, and the balance of awards; for
/// the panel and the foundation.
pub async fn dashboard_api(State(state): State<AppState>, v: Viewer) -> Result<Json<Dashboard>> {
    Ok(Json(dashboard_of(&state, &v).await?))
}

// ---------------------------------------------------------------------------------------------
// Budget

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CycleTotal {
    pub cycle_year: i32,
    pub cost_cents: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Budget {
    pub deliverables: Vec<StoredDeliverable>,
    pub totals: Vec<CycleTotal>,
}

async fn budget_of(state: &AppState, v: &Viewer) -> Result<Budget> {
    v.require(Permission::ManageRecognition)?;
    let deliverables = state.store.recognition_budget().await?;
    let items: Vec<_> = deliverables.iter().map(|d| d.deliverable.clone()).collect();
    let totals = totals_per_cycle(&items)
        .map_err(|e| Error::Unexpected(anyhow::anyhow!("{e}")))?
        .into_iter()
        .rev()
        .map(|(cycle_year, cost_cents)| CycleTotal {
            cycle_year,
            cost_cents,
        })
        .collect();
    Ok(Budget {
        deliverables,
        totals,
    })
}

/// One cycle of the seed's table: its deliverables and total.
pub struct BudgetCycle {
    pub year: i32,
    pub total: String,
    pub rows: Vec<(StoredDeliverable, String)>,
}

#[derive(Template)]
#[template(path = "recognition/budget.html")]
struct BudgetView {
    ctx: Ctx,
    cycles: Vec<BudgetCycle>,
    form: DeliverableInput,
    editing: Option<i64>,
    errors: FieldErrors,
    notice: Option<String>,
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct BudgetQuery {
    edit: Option<i64>,
    done: String,
}

async fn budget_view(
    state: &AppState,
    v: &Viewer,
    form: Option<DeliverableInput>,
    editing: Option<i64>,
    errors: ValidationErrors,
    notice: Option<String>,
) -> Result<BudgetView> {
    let b = budget_of(state, v).await?;
    let year = state.clock.now().date_naive().year();
    let cycles = b
        .totals
        .iter()
        .map(|t| BudgetCycle {
            year: t.cycle_year,
            total: format_dollars(t.cost_cents),
            rows: b
                .deliverables
                .iter()
                .filter(|d| d.deliverable.cycle_year == t.cycle_year)
                .map(|d| (d.clone(), format_dollars(d.deliverable.cost_cents)))
                .collect(),
        })
        .collect();
    let form = form.unwrap_or_else(|| {
        match editing.and_then(|id| b.deliverables.iter().find(|d| d.id == id)) {
            Some(d) => DeliverableInput {
                name: d.deliverable.name.clone(),
                description: d.deliverable.description.clone(),
                cost: format!(
                    "{}.{:02}",
                    d.deliverable.cost_cents / 100,
                    d.deliverable.cost_cents % 100
                ),
                cycle_year: d.deliverable.cycle_year.to_string(),
            },
            None => DeliverableInput {
                cycle_year: year.to_string(),
                ..Default::default()
            },
        }
    });
    Ok(BudgetView {
        ctx: Ctx::new(v, "/admin/recognition/budget"),
        cycles,
        form,
        editing,
        errors: FieldErrors(errors),
        notice,
    })
}

pub async fn budget(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<BudgetQuery>,
) -> Result<Html<String>> {
    let notice = (!q.done.is_empty()).then(|| v.tr.t(&format!("recognition-done-{}", q.done)));
    render(&budget_view(&state, &v, None, q.edit, ValidationErrors::new(), notice).await?)
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct DeliverableForm {
    id: String,
    #[serde(flatten)]
    input: DeliverableInput,
}

pub async fn save_deliverable(
    State(state): State<AppState>,
    v: Viewer,
    Form(f): Form<DeliverableForm>,
) -> Result<Response> {
    v.require(Permission::ManageRecognition)?;
    let id = f.id.trim().parse::<i64>().ok();
    match f.input.parse() {
        Ok(d) => {
            state.store.save_deliverable(id, &d, &v.who()).await?;
            Ok(Redirect::to("/admin/recognition/budget?done=budget").into_response())
        }
        Err(e) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&budget_view(&state, &v, Some(f.input), id, e, None).await?)?,
        )
            .into_response()),
    }
}

pub async fn delete_deliverable(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    v.require(Permission::ManageRecognition)?;
    state.store.remove_deliverable(id, &v.who()).await?;
    Ok(Redirect::to("/admin/recognition/budget?done=budget").into_response())
}

/// The seed's table as CSV: one row per deliverable, then each cycle's total.
pub async fn budget_csv(State(state): State<AppState>, v: Viewer) -> Result<Response> {
    let b = budget_of(&state, &v).await?;
    let mut w = agora_domain::csv_file::Writer::new();
    let io = |e: csv::Error| Error::Unexpected(anyhow::Error::new(e));
    w.row(["cycle", "deliverable", "description", "cost_usd"])
        .map_err(io)?;
    let dollars = |c: i64| format!("{}.{:02}", c / 100, c % 100);
    for t in &b.totals {
        for d in b
            .deliverables
            .iter()
            .filter(|d| d.deliverable.cycle_year == t.cycle_year)
        {
            w.row([
                t.cycle_year.to_string(),
                d.deliverable.name.clone(),
                d.deliverable.description.clone(),
                dollars(d.deliverable.cost_cents),
            ])
            .map_err(io)?;
        }
        w.row([
            t.cycle_year.to_string(),
            "Total".to_string(),
            String::new(),
            dollars(t.cost_cents),
        ])
        .map_err(io)?;
    }
    let body = w.finish().map_err(io)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"recognition-budget.csv\"".to_string(),
            ),
        ],
        body,
    )
        .into_response())
}

#[utoipa::path(get, path = "/api/v1/recognition/budget", tag = "recognition",
    responses((status = 200, body = Budget), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)),
    security(("token" = [])))]
/// The program's budget: deliverables with their cost and the total of each cycle (US cents).
pub async fn budget_api(State(state): State<AppState>, v: Viewer) -> Result<Json<Budget>> {
    Ok(Json(budget_of(&state, &v).await?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Created {
    pub id: i64,
}

#[utoipa::path(post, path = "/api/v1/recognition/budget", tag = "recognition", request_body = DeliverableInput,
    responses((status = 201, body = Created), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "`name` (required, too-long), `description` (too-long), `cost` (required, invalid-amount), `cycle_year` (required, invalid-year)")),
    security(("token" = [])))]
/// Adds a deliverable to the budget.
pub async fn add_deliverable_api(
    State(state): State<AppState>,
    v: Viewer,
    ApiJson(input): ApiJson<DeliverableInput>,
) -> Result<Response> {
    v.require(Permission::ManageRecognition)?;
    let d = input.parse()?;
    let id = state.store.save_deliverable(None, &d, &v.who()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

#[utoipa::path(put, path = "/api/v1/recognition/budget/{id}", tag = "recognition", params(("id" = i64, Path)),
    request_body = DeliverableInput,
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "as for adding one")),
    security(("token" = [])))]
/// Changes a deliverable.
pub async fn update_deliverable_api(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    ApiJson(input): ApiJson<DeliverableInput>,
) -> Result<StatusCode> {
    v.require(Permission::ManageRecognition)?;
    let d = input.parse()?;
    state.store.save_deliverable(Some(id), &d, &v.who()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/recognition/budget/{id}", tag = "recognition", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
/// Removes a deliverable.
pub async fn delete_deliverable_api(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode> {
    v.require(Permission::ManageRecognition)?;
    state.store.remove_deliverable(id, &v.who()).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---------------------------------------------------------------------------------------------
// Mentorships and attestations

/// Records a mentorship: members record their own (as mentor), the foundation anyone's.
pub async fn add_mentorship(state: &AppState, v: &Viewer, input: &MentorshipInput) -> Result<i64> {
    let me = person_id(v)?;
    let admin = v.can(Permission::ManageRecognition);
    let today = state.clock.now().date_naive();
    let r = input.parse(me, admin, today)?;
    let people = state.store.nominable_people().await?;
    for (field, id) in [("mentor", r.mentor), ("mentee", r.mentee)] {
        if !people.iter().any(|(p, _)| *p == id) {
            return Err(ValidationErrors::single(field, "invalid-person").into());
        }
    }
    Ok(state
        .store
        .add_mentorship(
            r.mentor,
            r.mentee,
            r.starts_on,
            r.ends_on,
            &r.note,
            &v.who(),
        )
        .await?)
}

/// Removes a mentorship: its mentor or the foundation.
pub async fn remove_mentorship(state: &AppState, v: &Viewer, id: i64) -> Result<()> {
    let me = person_id(v)?;
    let m = state
        .store
        .mentorships(None)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or(Error::NotFound)?;
    if m.mentor_id != me && !v.can(Permission::ManageRecognition) {
        return Err(Error::NotFound);
    }
    Ok(state.store.remove_mentorship(id, &v.who()).await?)
}

/// The groups the viewer may attest work in: those they facilitate now; every group for the
/// foundation.
async fn attestable_groups(state: &AppState, v: &Viewer) -> Result<Vec<(i64, String)>> {
    let admin = v.can(Permission::ManageRecognition);
    let mut out = vec![];
    for g in state.store.groups().await? {
        let ok = admin
            || (v.actor.has(Role::Facilitator, Some(g.body.id))
                && agora_domain::groups::may_facilitate(
                    state.store.standing(&v.actor, &g.body).await?,
                ));
        if ok {
            out.push((g.body.id, g.body.name.clone()));
        }
    }
    Ok(out)
}

/// A facilitator attests a member's work in their group (the member must belong to it).
pub async fn add_attestation(
    state: &AppState,
    v: &Viewer,
    input: &AttestationInput,
) -> Result<i64> {
    person_id(v)?;
    let r = input.parse(state.clock.now().date_naive())?;
    if !attestable_groups(state, v)
        .await?
        .iter()
        .any(|(id, _)| *id == r.group)
    {
        return Err(ValidationErrors::single("group", "invalid-group").into());
    }
    let members = state.store.group_members(r.group).await?;
    if !members.iter().any(|m| m.person_id == r.person) {
        return Err(ValidationErrors::single("person", "not-a-member").into());
    }
    if Some(r.person) == v.person.as_ref().map(|p| p.id) {
        return Err(ValidationErrors::single("person", "same-person").into());
    }
    Ok(state
        .store
        .add_attestation(r.person, r.group, r.year, &r.text, &v.who())
        .await?)
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Records {
    /// Where the caller is mentor or mentee (every one, for the foundation).
    pub mentorships: Vec<Mentorship>,
    /// Attestations of the caller's work, and those the caller wrote (every one, for the foundation).
    pub attestations: Vec<Attestation>,
}

async fn records_of(state: &AppState, v: &Viewer) -> Result<Records> {
    let me = person_id(v)?;
    let all = v.can(Permission::ManageRecognition);
    let scope = (!all).then_some(me);
    let mut attestations = state.store.attestations(None).await?;
    if !all {
        attestations.retain(|a| a.person_id == me || a.attested_by == me);
    }
    Ok(Records {
        mentorships: state.store.mentorships(scope).await?,
        attestations,
    })
}

/// A group's id, name and members (id, name), for the attestation form.
type GroupPeople = (i64, String, Vec<(i64, String)>);

#[derive(Template)]
#[template(path = "recognition/records.html")]
struct RecordsView {
    ctx: Ctx,
    me: i64,
    admin: bool,
    records: Records,
    people: Vec<(i64, String)>,
    groups: Vec<(i64, String)>,
    /// Each group the viewer may attest in, with its members.
    members: Vec<GroupPeople>,
    mentorship: MentorshipInput,
    attestation: AttestationInput,
    errors: FieldErrors,
    notice: Option<String>,
}

async fn records_view(
    state: &AppState,
    v: &Viewer,
    mentorship: MentorshipInput,
    attestation: AttestationInput,
    errors: ValidationErrors,
    notice: Option<String>,
) -> Result<RecordsView> {
    let me = person_id(v)?;
    let groups = attestable_groups(state, v).await?;
    let mut members = vec![];
    for (id, name) in &groups {
        let people = state
            .store
            .group_members(*id)
            .await?
            .into_iter()
            .filter(|m| m.person_id != me)
            .map(|m| (m.person_id, m.name))
            .collect();
        members.push((*id, name.clone(), people));
    }
    let year = state.clock.now().date_naive().year();
    Ok(RecordsView {
        ctx: Ctx::new(v, "/recognition/records"),
        me,
        admin: v.can(Permission::ManageRecognition),
        records: records_of(state, v).await?,
        people: state
            .store
            .nominable_people()
            .await?
            .into_iter()
            .filter(|(p, _)| *p != me)
            .collect(),
        groups,
        members,
        attestation: AttestationInput {
            year: if attestation.year.is_empty() {
                year.to_string()
            } else {
                attestation.year.clone()
            },
            ..attestation
        },
        mentorship,
        errors: FieldErrors(errors),
        notice,
    })
}

#[derive(serde::Deserialize, Default)]
#[serde(default)]
pub struct Done {
    done: String,
}

pub async fn records(
    State(state): State<AppState>,
    v: Viewer,
    Query(q): Query<Done>,
) -> Result<Html<String>> {
    let notice = (!q.done.is_empty()).then(|| v.tr.t(&format!("recognition-done-{}", q.done)));
    render(
        &records_view(
            &state,
            &v,
            MentorshipInput::default(),
            AttestationInput::default(),
            ValidationErrors::new(),
            notice,
        )
        .await?,
    )
}

async fn after_record(
    state: &AppState,
    v: &Viewer,
    r: Result<()>,
    done: &str,
    m: MentorshipInput,
    a: AttestationInput,
) -> Result<Response> {
    match r {
        Ok(()) => Ok(Redirect::to(&format!("/recognition/records?done={done}")).into_response()),
        Err(Error::Invalid(e)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&records_view(state, v, m, a, e, None).await?)?,
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

pub async fn mentorship_form(
    State(state): State<AppState>,
    v: Viewer,
    Form(f): Form<MentorshipInput>,
) -> Result<Response> {
    let r = add_mentorship(&state, &v, &f).await.map(|_| ());
    after_record(&state, &v, r, "mentorship", f, AttestationInput::default()).await
}

pub async fn remove_mentorship_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Response> {
    remove_mentorship(&state, &v, id).await?;
    Ok(Redirect::to("/recognition/records?done=mentorship-removed").into_response())
}

pub async fn attestation_form(
    State(state): State<AppState>,
    v: Viewer,
    Form(f): Form<AttestationInput>,
) -> Result<Response> {
    let r = add_attestation(&state, &v, &f).await.map(|_| ());
    after_record(&state, &v, r, "attestation", MentorshipInput::default(), f).await
}

#[utoipa::path(get, path = "/api/v1/recognition/records", tag = "recognition",
    responses((status = 200, body = Records), (status = 401, body = ErrorBody)), security(("token" = [])))]
/// The caller's mentorships and attestations (all of them, for the foundation).
pub async fn records_api(State(state): State<AppState>, v: Viewer) -> Result<Json<Records>> {
    Ok(Json(records_of(&state, &v).await?))
}

#[utoipa::path(post, path = "/api/v1/recognition/mentorships", tag = "recognition", request_body = MentorshipInput,
    responses((status = 201, body = Created), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "`mentor` (forbidden-field, invalid-person), `mentee` (required, invalid-person, same-person), `starts_on` (required, invalid-date, in-the-future), `ends_on` (invalid-date, dates-out-of-order), `note` (too-long)")),
    security(("token" = [])))]
/// Records a mentorship with the caller as mentor (the foundation may name any mentor).
pub async fn add_mentorship_api(
    State(state): State<AppState>,
    v: Viewer,
    ApiJson(input): ApiJson<MentorshipInput>,
) -> Result<Response> {
    let id = add_mentorship(&state, &v, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

#[utoipa::path(delete, path = "/api/v1/recognition/mentorships/{id}", tag = "recognition", params(("id" = i64, Path)),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)),
    security(("token" = [])))]
/// Removes a mentorship (its mentor, or the foundation).
pub async fn remove_mentorship_api(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<StatusCode> {
    remove_mentorship(&state, &v, id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(post, path = "/api/v1/recognition/attestations", tag = "recognition", request_body = AttestationInput,
    responses((status = 201, body = Created), (status = 401, body = ErrorBody),
        (status = 422, body = ErrorBody, description = "`group` (required, invalid-group: not one you facilitate), `person` (required, invalid-person, not-a-member, same-person), `year` (required, invalid-year), `text` (required, too-long)")),
    security(("token" = [])))]
/// A facilitator attests a member's work in the group they facilitate.
pub async fn add_attestation_api(
    State(state): State<AppState>,
    v: Viewer,
    ApiJson(input): ApiJson<AttestationInput>,
) -> Result<Response> {
    let id = add_attestation(&state, &v, &input).await?;
    Ok((StatusCode::CREATED, Json(Created { id })).into_response())
}

// ---------------------------------------------------------------------------------------------
// The warnings job

pub const WARNINGS_EVERY: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

/// Warns members at months 9 and 11 of their term that the annual evaluation comes.
pub fn warnings_job(store: agora_store::Store, every: std::time::Duration) -> crate::jobs::Job {
    crate::jobs::Job::new("recognition-warnings", every, move |_now| {
        let store = store.clone();
        async move {
            let n = store.send_recognition_warnings().await?;
            Ok(format!("{n} members warned"))
        }
    })
}
