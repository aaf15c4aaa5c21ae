//! The pages of community plans: the list, a new plan, the plan itself (targets, business plan,
//! measures, roadmap, roles, sharing, referral links) and the forms that change each part.

use super::actions::{self, format_value, load, LineChart, Loaded, MeasureView};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{render, Ctx};
use crate::AppState;
use agora_domain::courses::business::{
    needs_break_even_warning, Cadence, LineKind, Outlook, Purpose, Sensitivity,
};
use agora_domain::courses::measures::Metric;
use agora_domain::courses::plan::{
    overdue, Access, BusinessInput, Grantee, ItemInput, ItemStatus, MeasureInput, Phase, PlanInput,
    Role, RoleInput, ShareInput, TargetsInput,
};
use agora_domain::permissions::Permission;
use agora_domain::recognition::budget::format_dollars;
use agora_domain::ValidationErrors;
use agora_store::{Plan, PlanRole, PlanShare, RoadmapItem};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use chrono::NaiveDate;

fn person_id(v: &Viewer) -> Result<i64> {
    v.person.as_ref().map(|p| p.id).ok_or(Error::Unauthorized)
}

fn choices<T: Copy>(
    v: &Viewer,
    all: &[T],
    prefix: &str,
    slug: fn(T) -> &'static str,
) -> Vec<(&'static str, String)> {
    all.iter()
        .map(|x| (slug(*x), v.tr.label(prefix, slug(*x))))
        .collect()
}

#[derive(Template)]
#[template(path = "courses/index.html")]
struct IndexView {
    ctx: Ctx,
    signed_in: bool,
    plans: Vec<Plan>,
    public: Vec<Plan>,
}

/// Signed-in people see the plans shared with them; everyone sees the plans that publish their
/// progress.
pub async fn index(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    let plans = state
        .store
        .plans_for(
            v.person.as_ref().map(|p| p.id),
            v.can(Permission::ManageCourses),
        )
        .await?;
    let public = state.store.public_plans().await?;
    render(&IndexView {
        ctx: Ctx::new(&v, "/courses"),
        signed_in: v.person.is_some(),
        plans,
        public,
    })
}

#[derive(Template)]
#[template(path = "courses/plan_form.html")]
struct PlanFormView {
    ctx: Ctx,
    /// The plan being edited; None for a new plan.
    editing: Option<Plan>,
    form: PlanInput,
    errors: FieldErrors,
    purposes: Vec<(&'static str, String)>,
    partners: Vec<(String, String)>,
}

async fn plan_form(
    state: &AppState,
    v: &Viewer,
    editing: Option<Plan>,
    form: PlanInput,
    errors: ValidationErrors,
) -> Result<PlanFormView> {
    // A plan names the partner running the course: one of the viewer's own organizations (any
    // listed partner for the foundation).
    let mine = v.actor.partner_ids();
    let admin = v.can(Permission::ManageCourses);
    let mut partners: Vec<(String, String)> = state
        .store
        .all_partners()
        .await?
        .into_iter()
        .filter(|p| p.status.is_public() && (admin || mine.contains(&p.id)))
        .map(|p| (p.profile.slug, p.profile.name))
        .collect();
    partners.sort_by_key(|p| p.1.to_lowercase());
    Ok(PlanFormView {
        ctx: Ctx::new(v, "/courses"),
        editing,
        form,
        errors: FieldErrors(errors),
        purposes: choices(v, Purpose::ALL, "course-purpose", Purpose::slug),
        partners,
    })
}

/// Only the foundation, or someone of the partner, says a partner runs a course.
async fn check_partner(
    state: &AppState,
    v: &Viewer,
    b: &agora_domain::courses::plan::PlanBasics,
) -> Result<()> {
    let Some(slug) = &b.partner else {
        return Ok(());
    };
    if v.can(Permission::ManageCourses) {
        return Ok(());
    }
    match state.store.partner_by_slug(slug).await? {
        Some(p) if v.actor.partner_ids().contains(&p.id) => Ok(()),
        _ => Err(ValidationErrors::single("partner", "invalid-choice").into()),
    }
}

/// A roadmap item's owner is someone who can see the plan (their home page links there).
pub async fn check_owner(state: &AppState, plan: &Plan, owner: Option<i64>) -> Result<()> {
    let Some(owner) = owner else {
        return Ok(());
    };
    match state.store.plan_access(plan, Some(owner), false).await? {
        Some(_) => Ok(()),
        None => Err(ValidationErrors::single("owner", "course-owner-no-access").into()),
    }
}

pub async fn new_form(State(state): State<AppState>, v: Viewer) -> Result<Html<String>> {
    person_id(&v)?;
    let form = PlanInput {
        purpose: "external".into(),
        ..Default::default()
    };
    render(&plan_form(&state, &v, None, form, ValidationErrors::new()).await?)
}

/// Creates a plan for the viewer. A course whose learner data Agora already holds gets its plan
/// from the foundation (who then shares it), so no one claims another team's figures.
pub async fn create_plan(state: &AppState, v: &Viewer, form: &PlanInput) -> Result<i64> {
    let me = person_id(v)?;
    let b = form.parse()?;
    check_partner(state, v, &b).await?;
    Ok(state
        .store
        .create_plan(&b, me, v.can(Permission::ManageCourses), &v.who())
        .await?)
}

pub async fn create(
    State(state): State<AppState>,
    v: Viewer,
    Form(form): Form<PlanInput>,
) -> Result<Response> {
    match create_plan(&state, &v, &form).await {
        Ok(id) => Ok(Redirect::to(&format!("/courses/{id}")).into_response()),
        Err(Error::Invalid(e)) => {
            let view = plan_form(&state, &v, None, form, e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    let l = load(&state, &v, id, Access::Edit).await?;
    let p = &l.plan;
    let form = PlanInput {
        course_id: p.course.course_key.clone(),
        title: p.course.title.clone(),
        organization: p.course.organization.clone(),
        partner: p.partner_slug.clone().unwrap_or_default(),
        purpose: p.purpose.slug().into(),
        stakeholders: p.stakeholders.clone(),
        guidelines: p.guidelines.clone(),
        lms_url: p.lms_url.clone(),
        public_progress: if p.public_progress {
            "on".into()
        } else {
            String::new()
        },
    };
    render(&plan_form(&state, &v, Some(l.plan), form, ValidationErrors::new()).await?)
}

pub async fn edit(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(mut form): Form<PlanInput>,
) -> Result<Response> {
    let l = load(&state, &v, id, Access::Edit).await?;
    // The course stays the plan's.
    form.course_id = l.plan.course.course_key.clone();
    let done = match form.parse() {
        Ok(b) => match check_partner(&state, &v, &b).await {
            Ok(()) => state
                .store
                .update_plan(id, &b, &v.who())
                .await
                .map_err(Error::from),
            Err(e) => Err(e),
        },
        Err(e) => Err(e.into()),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/courses/{id}")).into_response()),
        Err(Error::Invalid(e)) => {
            let view = plan_form(&state, &v, Some(l.plan), form, e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

/// One row of the business plan as shown.
struct LineRow {
    kind: String,
    label: String,
    quantity: i64,
    unit: String,
    cadence: String,
    total: String,
}

struct OutlookRow {
    change: String,
    investment: String,
    value: String,
    roi: String,
    break_even: String,
}

fn outlook_row(v: &Viewer, s: &Sensitivity, horizon: u32) -> OutlookRow {
    let o: &Outlook = &s.outlook;
    OutlookRow {
        change: if s.change_percent == 0 {
            v.tr.t("courses-business-as-planned")
        } else {
            format!("{:+} %", s.change_percent)
        },
        investment: format_dollars(o.investment_cents),
        value: format_dollars(o.value_cents),
        roi: o
            .roi
            .map(|r| {
                format!(
                    "{} %",
                    v.tr.number(format_value(r * 100.0).parse::<f64>().unwrap_or(0.0))
                )
            })
            .unwrap_or_else(|| "—".into()),
        break_even: match o.break_even_month {
            Some(m) if m <= horizon => v.tr.t1("courses-business-month", "month", m),
            Some(m) => v.tr.t1("courses-business-month-beyond", "month", m),
            None => v.tr.t("courses-business-never"),
        },
    }
}

struct ItemRow {
    item: RoadmapItem,
    overdue: bool,
    measure_name: Option<String>,
}

struct PhaseRows {
    phase: Phase,
    items: Vec<ItemRow>,
}

struct MeasureRow {
    /// The chart's id in the page.
    id: String,
    view: MeasureView,
    target: String,
    /// The actual value with when it was taken: the due date once it has passed.
    actual_label: String,
    chart: LineChart,
    /// (week, value) for the table beside the chart.
    weeks: Vec<(NaiveDate, String)>,
}

#[derive(Template)]
#[template(path = "courses/plan.html")]
struct PlanView {
    ctx: Ctx,
    me: Option<i64>,
    plan: Plan,
    may_edit: bool,
    lines: Vec<LineRow>,
    outlook: Vec<OutlookRow>,
    has_investment: bool,
    break_even_warning: bool,
    measures: Vec<MeasureRow>,
    phases: Vec<PhaseRows>,
    /// No roadmap item yet: the form to add one is open.
    roadmap_empty: bool,
    /// The plan's measures by id, for a roadmap item to name the one it should move.
    measure_choices: Vec<(i64, String)>,
    roles: Vec<(PlanRole, String)>,
    shares: Vec<PlanShare>,
    referrals: Vec<(String, String, Option<String>, i64)>,
    people: Vec<(i64, String)>,
    groups: Vec<(i64, String)>,
    metrics: Vec<(&'static str, String)>,
    role_choices: Vec<(&'static str, String)>,
    phase_choices: Vec<(&'static str, String)>,
    status_choices: Vec<(&'static str, String)>,
    access_choices: Vec<(&'static str, String)>,
    /// Which form a refusal belongs to, with what was typed.
    failed: Option<&'static str>,
    errors: FieldErrors,
    measure_form: MeasureInput,
    item_form: ItemInput,
    role_form: RoleInput,
    share_form: ShareInput,
}

impl PlanView {
    fn owns(&self, owner: &Option<i64>) -> bool {
        self.me.is_some() && self.me == *owner
    }

    fn grantee_key(&self, s: &PlanShare) -> &'static str {
        grantee_kind(&s.grantee)
    }
}

#[derive(Default)]
struct Retry {
    failed: Option<&'static str>,
    errors: ValidationErrors,
    measure: MeasureInput,
    item: ItemInput,
    role: RoleInput,
    share: ShareInput,
}

async fn plan_view(state: &AppState, v: &Viewer, l: Loaded, retry: Retry) -> Result<PlanView> {
    let plan = l.plan;
    let today = state.clock.now().date_naive();
    let series = actions::series(state, plan.course.id).await?;
    let measures =
        actions::measure_views(state.store.plan_measures(plan.id).await?, &series, today);
    let roadmap = state.store.roadmap(plan.id).await?;
    let roles = state.store.plan_roles(plan.id).await?;
    let may_edit = l.access == Access::Edit;
    let shares = if may_edit {
        state.store.plan_shares(plan.id).await?
    } else {
        Vec::new()
    };
    let b = &plan.business;
    let lines = b
        .lines
        .iter()
        .map(|x| LineRow {
            kind: v.tr.label("course-line", x.kind.slug()),
            label: x.label.clone(),
            quantity: x.quantity,
            unit: format_dollars(x.unit_cents),
            cadence: v.tr.label("course-cadence", x.cadence.slug()),
            total: format_dollars(x.amount_cents()),
        })
        .collect();
    let outlook = b
        .sensitivity()
        .iter()
        .map(|s| outlook_row(v, s, b.horizon_months))
        .collect();
    let measure_rows = measures
        .into_iter()
        .map(|m| {
            let x = &m.measure.measure;
            let suffix = if x.metric.is_percent() { " %" } else { "" };
            let actual = m
                .progress
                .actual
                .map(|a| format!("{}{suffix}", format_value(a)))
                .unwrap_or_else(|| "—".into());
            let points: Vec<(NaiveDate, f64)> = m
                .weeks
                .iter()
                .filter(|w| w.week_start <= x.due_on.max(today))
                .map(|w| (w.week_start, w.value))
                .collect();
            let actual_label = if x.due_on < today {
                v.tr.t2(
                    "courses-measure-actual-at",
                    ("actual", actual),
                    ("date", x.due_on.to_string()),
                )
            } else {
                v.tr.t1("courses-measure-actual", "actual", actual)
            };
            MeasureRow {
                id: format!("measure-{}", m.measure.id),
                actual_label,
                target: format!("{}{suffix}", format_value(x.target)),
                chart: LineChart::new(&points, Some(x.target)),
                weeks: points
                    .iter()
                    .map(|(d, val)| (*d, format!("{}{suffix}", format_value(*val))))
                    .collect(),
                view: m,
            }
        })
        .collect::<Vec<_>>();
    let measure_name = |id: Option<i64>| {
        id.and_then(|id| {
            measure_rows
                .iter()
                .find(|m: &&MeasureRow| m.view.measure.id == id)
                .map(|m| m.view.measure.measure.name.clone())
        })
    };
    let phases = Phase::ALL
        .iter()
        .map(|p| PhaseRows {
            phase: *p,
            items: roadmap
                .iter()
                .filter(|i| i.item.phase == *p)
                .map(|i| ItemRow {
                    overdue: overdue(i.item.status, i.item.due_on, today),
                    measure_name: measure_name(i.item.measure),
                    item: i.clone(),
                })
                .collect(),
        })
        .collect();
    let roles = roles
        .into_iter()
        .map(|r| {
            let duties = if r.responsibilities.is_empty() {
                v.tr.t(&agora_domain::courses::plan::default_duties_key(r.role))
            } else {
                r.responsibilities.clone()
            };
            (r, duties)
        })
        .collect::<Vec<_>>();
    // Referral links: the running partner's codes and those of the plan's people.
    let mut people_on_plan: Vec<i64> = roles.iter().map(|(r, _)| r.person_id).collect();
    people_on_plan.extend(plan.owner_id);
    let counts = state.store.course_referrals(plan.course.id).await?;
    let referrals = state
        .store
        .referrers()
        .await?
        .into_iter()
        .filter(|r| r.disabled_at.is_none())
        .filter(|r| {
            (r.partner_id.is_some() && r.partner_id == plan.course.partner_id)
                || r.person_id.is_some_and(|p| people_on_plan.contains(&p))
        })
        .map(|r| {
            let n = counts
                .iter()
                .find(|(c, _)| *c == r.code)
                .map_or(0, |(_, n)| *n);
            let link = actions::referral_link(&plan.lms_url, &r.code);
            (r.code, r.label, link, n)
        })
        .collect();
    let (people, groups) = if may_edit {
        let groups = state
            .store
            .bodies()
            .await?
            .into_iter()
            .filter(|b| b.kind == agora_domain::governance::BodyKind::Group)
            .map(|b| (b.id, b.name))
            .collect();
        (state.store.nominable_people().await?, groups)
    } else {
        (Vec::new(), Vec::new())
    };
    let measure_choices = measure_rows
        .iter()
        .map(|m| (m.view.measure.id, m.view.measure.measure.name.clone()))
        .collect();
    Ok(PlanView {
        ctx: Ctx::new(v, "/courses"),
        me: v.person.as_ref().map(|p| p.id),
        may_edit,
        has_investment: b.outlook(0).investment_cents > 0,
        break_even_warning: needs_break_even_warning(plan.purpose, b),
        lines,
        outlook,
        measures: measure_rows,
        roadmap_empty: roadmap.is_empty(),
        measure_choices,
        phases,
        roles,
        shares,
        referrals,
        people,
        groups,
        metrics: choices(v, Metric::ALL, "course-metric", Metric::slug),
        role_choices: choices(v, Role::ALL, "course-role", Role::slug),
        phase_choices: choices(v, Phase::ALL, "course-phase", Phase::slug),
        status_choices: choices(v, ItemStatus::ALL, "course-item-status", ItemStatus::slug),
        access_choices: choices(v, Access::ALL, "course-access", Access::slug),
        failed: retry.failed,
        errors: FieldErrors(retry.errors),
        measure_form: retry.measure,
        item_form: retry.item,
        role_form: retry.role,
        share_form: retry.share,
        plan,
    })
}

/// A form's address asked for as a page (a reload after a refusal): the plan.
pub async fn to_plan(Path(id): Path<i64>) -> Redirect {
    Redirect::to(&format!("/courses/{id}"))
}

pub async fn show(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    let l = load(&state, &v, id, Access::View).await?;
    render(&plan_view(&state, &v, l, Retry::default()).await?)
}

/// After a form of the plan page: back to its section, or the page again with the refusal.
async fn after(
    state: &AppState,
    v: &Viewer,
    id: i64,
    anchor: &'static str,
    done: Result<()>,
    retry: impl FnOnce(ValidationErrors) -> Retry,
) -> Result<Response> {
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/courses/{id}#{anchor}")).into_response()),
        Err(Error::Invalid(e)) => {
            let l = load(state, v, id, Access::Edit).await?;
            let view = plan_view(state, v, l, retry(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn add_measure(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<MeasureInput>,
) -> Result<Response> {
    load(&state, &v, id, Access::Edit).await?;
    let done = match form.parse() {
        Ok(m) => state
            .store
            .save_measure(id, None, &m, &v.who())
            .await
            .map(drop)
            .map_err(Error::from),
        Err(e) => Err(e.into()),
    };
    after(&state, &v, id, "measures", done, |errors| Retry {
        failed: Some("measure"),
        errors,
        measure: form,
        ..Default::default()
    })
    .await
}

pub async fn delete_measure(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, mid)): Path<(i64, i64)>,
) -> Result<Response> {
    load(&state, &v, id, Access::Edit).await?;
    state.store.delete_measure(id, mid, &v.who()).await?;
    Ok(Redirect::to(&format!("/courses/{id}#measures")).into_response())
}

pub async fn add_item(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ItemInput>,
) -> Result<Response> {
    let l = load(&state, &v, id, Access::Edit).await?;
    let done = match form.parse() {
        Ok(i) => match check_owner(&state, &l.plan, i.owner).await {
            Ok(()) => state
                .store
                .save_item(id, None, &i, &v.who())
                .await
                .map(drop)
                .map_err(Error::from),
            Err(e) => Err(e),
        },
        Err(e) => Err(e.into()),
    };
    after(&state, &v, id, "roadmap", done, |errors| Retry {
        failed: Some("item"),
        errors,
        item: form,
        ..Default::default()
    })
    .await
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct StatusForm {
    pub status: String,
}

/// A roadmap item of the plan, or not found (an item of another plan included).
async fn roadmap_item(state: &AppState, plan: i64, iid: i64) -> Result<RoadmapItem> {
    state
        .store
        .roadmap(plan)
        .await?
        .into_iter()
        .find(|i| i.id == iid)
        .ok_or(Error::NotFound)
}

/// Moves an item to another status: the plan's editors and the item's owner.
pub async fn item_status(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, iid)): Path<(i64, i64)>,
    Form(form): Form<StatusForm>,
) -> Result<Response> {
    let l = load(&state, &v, id, Access::View).await?;
    let item = roadmap_item(&state, id, iid).await?;
    let mine = v
        .person
        .as_ref()
        .is_some_and(|p| item.item.owner == Some(p.id));
    if !l.may_edit() && !mine {
        return Err(Error::Forbidden);
    }
    let status =
        ItemStatus::parse(form.status.trim()).map_err(|c| ValidationErrors::single("status", c))?;
    let changed = agora_domain::courses::plan::Item {
        status,
        ..item.item
    };
    state
        .store
        .save_item(id, Some(iid), &changed, &v.who())
        .await?;
    Ok(Redirect::to(&format!("/courses/{id}#roadmap")).into_response())
}

pub async fn delete_item(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, iid)): Path<(i64, i64)>,
) -> Result<Response> {
    load(&state, &v, id, Access::Edit).await?;
    state.store.delete_item(id, iid, &v.who()).await?;
    Ok(Redirect::to(&format!("/courses/{id}#roadmap")).into_response())
}

pub async fn add_role(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<RoleInput>,
) -> Result<Response> {
    load(&state, &v, id, Access::Edit).await?;
    let done = match form.parse() {
        Ok(r) => state
            .store
            .add_plan_role(id, &r, &v.who())
            .await
            .map(drop)
            .map_err(Error::from),
        Err(e) => Err(e.into()),
    };
    after(&state, &v, id, "roles", done, |errors| Retry {
        failed: Some("role"),
        errors,
        role: form,
        ..Default::default()
    })
    .await
}

pub async fn remove_role(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, rid)): Path<(i64, i64)>,
) -> Result<Response> {
    load(&state, &v, id, Access::Edit).await?;
    state.store.remove_plan_role(id, rid, &v.who()).await?;
    Ok(Redirect::to(&format!("/courses/{id}#roles")).into_response())
}

pub async fn share(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<ShareInput>,
) -> Result<Response> {
    load(&state, &v, id, Access::Edit).await?;
    let done = match form.parse() {
        Ok((g, a)) => state
            .store
            .share_plan(id, g, a, &v.who())
            .await
            .map_err(Error::from),
        Err(e) => Err(e.into()),
    };
    after(&state, &v, id, "sharing", done, |errors| Retry {
        failed: Some("share"),
        errors,
        share: form,
        ..Default::default()
    })
    .await
}

pub async fn unshare(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, sid)): Path<(i64, i64)>,
) -> Result<Response> {
    load(&state, &v, id, Access::Edit).await?;
    state.store.unshare_plan(id, sid, &v.who()).await?;
    Ok(Redirect::to(&format!("/courses/{id}#sharing")).into_response())
}

#[derive(Template)]
#[template(path = "courses/targets.html")]
struct TargetsView {
    ctx: Ctx,
    plan: Plan,
    /// Rows as typed: (name, size, offer, usp).
    rows: Vec<(String, String, String, String)>,
    errors: FieldErrors,
}

fn targets_view(
    v: &Viewer,
    plan: Plan,
    form: &TargetsInput,
    errors: ValidationErrors,
) -> TargetsView {
    let cell = |x: &Vec<String>, i: usize| x.get(i).cloned().unwrap_or_default();
    let n = form.name.len().max(form.size.len());
    let mut rows: Vec<_> = (0..n)
        .map(|i| {
            (
                cell(&form.name, i),
                cell(&form.size, i),
                cell(&form.offer, i),
                cell(&form.usp, i),
            )
        })
        .collect();
    // Room for two more segments (a refused oversized form is not echoed whole).
    rows.truncate(agora_domain::courses::plan::MAX_TARGETS);
    rows.extend(std::iter::repeat_n(Default::default(), 2));
    TargetsView {
        ctx: Ctx::new(v, "/courses"),
        plan,
        rows,
        errors: FieldErrors(errors),
    }
}

#[derive(Template)]
#[template(path = "courses/measure_edit.html")]
struct MeasureEditView {
    ctx: Ctx,
    plan: Plan,
    mid: i64,
    metrics: Vec<(&'static str, String)>,
    failed: Option<&'static str>,
    errors: FieldErrors,
    measure_form: MeasureInput,
}

fn measure_edit_view(
    v: &Viewer,
    plan: Plan,
    mid: i64,
    form: MeasureInput,
    errors: ValidationErrors,
) -> MeasureEditView {
    MeasureEditView {
        ctx: Ctx::new(v, "/courses"),
        plan,
        mid,
        metrics: choices(v, Metric::ALL, "course-metric", Metric::slug),
        failed: (!errors.is_empty()).then_some("measure"),
        errors: FieldErrors(errors),
        measure_form: form,
    }
}

/// The form to change a measure: its name, metric, target, date and whether it is public.
pub async fn measure_edit_form(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, mid)): Path<(i64, i64)>,
) -> Result<Html<String>> {
    let l = load(&state, &v, id, Access::Edit).await?;
    let m = state
        .store
        .plan_measures(id)
        .await?
        .into_iter()
        .find(|m| m.id == mid)
        .ok_or(Error::NotFound)?;
    let form = MeasureInput::from(&m.measure);
    render(&measure_edit_view(
        &v,
        l.plan,
        mid,
        form,
        ValidationErrors::new(),
    ))
}

pub async fn edit_measure(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, mid)): Path<(i64, i64)>,
    Form(form): Form<MeasureInput>,
) -> Result<Response> {
    let l = load(&state, &v, id, Access::Edit).await?;
    let done = match form.parse() {
        Ok(m) => state
            .store
            .save_measure(id, Some(mid), &m, &v.who())
            .await
            .map(drop)
            .map_err(Error::from),
        Err(e) => Err(e.into()),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/courses/{id}#measure-{mid}")).into_response()),
        Err(Error::Invalid(e)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&measure_edit_view(&v, l.plan, mid, form, e))?,
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "courses/item_edit.html")]
struct ItemEditView {
    ctx: Ctx,
    plan: Plan,
    iid: i64,
    phase_choices: Vec<(&'static str, String)>,
    status_choices: Vec<(&'static str, String)>,
    people: Vec<(i64, String)>,
    measure_choices: Vec<(i64, String)>,
    failed: Option<&'static str>,
    errors: FieldErrors,
    item_form: ItemInput,
}

async fn item_edit_view(
    state: &AppState,
    v: &Viewer,
    plan: Plan,
    iid: i64,
    form: ItemInput,
    errors: ValidationErrors,
) -> Result<ItemEditView> {
    let measure_choices = state
        .store
        .plan_measures(plan.id)
        .await?
        .into_iter()
        .map(|m| (m.id, m.measure.name))
        .collect();
    Ok(ItemEditView {
        ctx: Ctx::new(v, "/courses"),
        iid,
        phase_choices: choices(v, Phase::ALL, "course-phase", Phase::slug),
        status_choices: choices(v, ItemStatus::ALL, "course-item-status", ItemStatus::slug),
        people: state.store.nominable_people().await?,
        measure_choices,
        failed: (!errors.is_empty()).then_some("item"),
        errors: FieldErrors(errors),
        item_form: form,
        plan,
    })
}

/// The form to change a roadmap item: its phase, title, owner, date, status and measure.
pub async fn item_edit_form(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, iid)): Path<(i64, i64)>,
) -> Result<Html<String>> {
    let l = load(&state, &v, id, Access::Edit).await?;
    let item = roadmap_item(&state, id, iid).await?;
    let form = ItemInput::from(&item.item);
    let view = item_edit_view(&state, &v, l.plan, iid, form, ValidationErrors::new()).await?;
    render(&view)
}

pub async fn edit_item(
    State(state): State<AppState>,
    v: Viewer,
    Path((id, iid)): Path<(i64, i64)>,
    Form(form): Form<ItemInput>,
) -> Result<Response> {
    let l = load(&state, &v, id, Access::Edit).await?;
    let done = match form.parse() {
        Ok(i) => match check_owner(&state, &l.plan, i.owner).await {
            Ok(()) => state
                .store
                .save_item(id, Some(iid), &i, &v.who())
                .await
                .map(drop)
                .map_err(Error::from),
            Err(e) => Err(e),
        },
        Err(e) => Err(e.into()),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/courses/{id}#item-{iid}")).into_response()),
        Err(Error::Invalid(e)) => {
            let view = item_edit_view(&state, &v, l.plan, iid, form, e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn targets_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    let l = load(&state, &v, id, Access::Edit).await?;
    let t = &l.plan.targets;
    let form = TargetsInput {
        name: t.iter().map(|x| x.name.clone()).collect(),
        size: t.iter().map(|x| x.size.to_string()).collect(),
        offer: t.iter().map(|x| x.offer.clone()).collect(),
        usp: t.iter().map(|x| x.usp.clone()).collect(),
    };
    render(&targets_view(&v, l.plan, &form, ValidationErrors::new()))
}

pub async fn save_targets(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<TargetsInput>,
) -> Result<Response> {
    let l = load(&state, &v, id, Access::Edit).await?;
    let done = match form.parse() {
        Ok(t) => state
            .store
            .set_plan_targets(id, &t, &v.who())
            .await
            .map_err(Error::from),
        Err(e) => Err(e.into()),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/courses/{id}#targets")).into_response()),
        Err(Error::Invalid(e)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&targets_view(&v, l.plan, &form, e))?,
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "courses/business.html")]
struct BusinessView {
    ctx: Ctx,
    plan: Plan,
    horizon: String,
    /// Rows as typed: (kind, label, quantity, unit, cadence).
    rows: Vec<(String, String, String, String, String)>,
    kinds: Vec<(&'static str, String)>,
    cadences: Vec<(&'static str, String)>,
    errors: FieldErrors,
}

fn business_view(
    v: &Viewer,
    plan: Plan,
    form: &BusinessInput,
    errors: ValidationErrors,
) -> BusinessView {
    let cell = |x: &Vec<String>, i: usize| x.get(i).cloned().unwrap_or_default();
    let n = form.label.len().max(form.unit.len());
    let mut rows: Vec<_> = (0..n)
        .map(|i| {
            (
                cell(&form.kind, i),
                cell(&form.label, i),
                cell(&form.quantity, i),
                cell(&form.unit, i),
                cell(&form.cadence, i),
            )
        })
        .collect();
    rows.truncate(agora_domain::courses::business::MAX_LINES);
    rows.extend(std::iter::repeat_n(
        (
            String::new(),
            String::new(),
            "1".to_string(),
            String::new(),
            "monthly".to_string(),
        ),
        3,
    ));
    BusinessView {
        ctx: Ctx::new(v, "/courses"),
        plan,
        horizon: form.horizon_months.clone(),
        rows,
        kinds: choices(v, LineKind::ALL, "course-line", LineKind::slug),
        cadences: choices(v, Cadence::ALL, "course-cadence", Cadence::slug),
        errors: FieldErrors(errors),
    }
}

pub async fn business_form(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
) -> Result<Html<String>> {
    let l = load(&state, &v, id, Access::Edit).await?;
    let b = &l.plan.business;
    let dollars = |c: i64| format!("{}.{:02}", c / 100, c % 100);
    let form = BusinessInput {
        horizon_months: b.horizon_months.to_string(),
        kind: b.lines.iter().map(|l| l.kind.slug().to_string()).collect(),
        label: b.lines.iter().map(|l| l.label.clone()).collect(),
        quantity: b.lines.iter().map(|l| l.quantity.to_string()).collect(),
        unit: b.lines.iter().map(|l| dollars(l.unit_cents)).collect(),
        cadence: b
            .lines
            .iter()
            .map(|l| l.cadence.slug().to_string())
            .collect(),
    };
    render(&business_view(&v, l.plan, &form, ValidationErrors::new()))
}

pub async fn save_business(
    State(state): State<AppState>,
    v: Viewer,
    Path(id): Path<i64>,
    Form(form): Form<BusinessInput>,
) -> Result<Response> {
    let l = load(&state, &v, id, Access::Edit).await?;
    let done = match form.parse() {
        Ok(b) => state
            .store
            .set_plan_business(id, &b, &v.who())
            .await
            .map_err(Error::from),
        Err(e) => Err(e.into()),
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/courses/{id}#business")).into_response()),
        Err(Error::Invalid(e)) => Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            render(&business_view(&v, l.plan, &form, e))?,
        )
            .into_response()),
        Err(e) => Err(e),
    }
}

/// Whether a share is with a person or a group (the label's key).
pub fn grantee_kind(g: &Grantee) -> &'static str {
    match g {
        Grantee::Person(_) => "course-share-person",
        Grantee::Group(_) => "course-share-group",
    }
}
