//! A group's OKRs on the web (issue 10): objectives per quarter with their key results and rolled-up
//! progress on the group's page (its subgroups' too, on a parent's), the facilitators' forms to set
//! them, a key result's page with its check-ins over time, the members' check-in and the
//! facilitator's end-of-period score. Pages and the API call the same functions here; the rules are
//! `agora_domain::groups::okrs`.

use super::actions::{self, require_facilitator};
use crate::auth::Viewer;
use crate::error::{Error, Result};
use crate::forms::FieldErrors;
use crate::views::{bars, render, Bar, Ctx};
use crate::AppState;
use agora_domain::governance::{self as gov, BodyRight, Standing};
use agora_domain::groups::figures::Figure;
use agora_domain::groups::okrs::{
    self as okr, format_hundredths, CheckInInput, KeyResultInput, KeyResultKind, ObjectiveInput,
    Quarter, ScoreInput,
};
use agora_domain::groups::{self as rules};
use agora_domain::ValidationErrors;
use agora_store::{Group, GroupLink, Objective, StoredCheckIn, StoredKeyResult};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum_extra::extract::Form;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

fn invalid(field: &str, code: &'static str) -> Error {
    Error::Invalid(ValidationErrors::single(field, code))
}

/// `?period=2026-Q4`; the current quarter when absent.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[serde(default)]
pub struct PeriodQuery {
    /// A quarter, `2026-Q4`; the current one when empty.
    pub period: String,
}

pub fn period(state: &AppState, q: &str) -> Result<Quarter> {
    match q.trim() {
        "" => Ok(Quarter::containing(state.clock.now().date_naive())),
        s => Quarter::parse(s).map_err(|c| invalid("period", c)),
    }
}

/// A subgroup's objectives in the period, and their roll-up (equal weights).
#[derive(Debug, Serialize, ToSchema)]
pub struct ChildOkrs {
    pub group: GroupLink,
    pub objectives: Vec<Objective>,
    /// 0 to 1000.
    pub progress: i64,
}

/// A group's OKRs in a period, as its page and `GET /api/v1/groups/{slug}/okrs` show them.
#[derive(Debug, Serialize, ToSchema)]
pub struct GroupOkrs {
    #[schema(example = "2026-Q4")]
    pub period: String,
    /// Periods with objectives, newest first, and the current one.
    pub periods: Vec<String>,
    pub objectives: Vec<Objective>,
    /// 0 to 1000: the adopted objectives' progress, equally weighted (proposals wait outside it).
    pub progress: i64,
    /// The subgroups the viewer may see, with their objectives in the same period.
    pub children: Vec<ChildOkrs>,
    /// Whether the viewer may set objectives and key results.
    pub may_facilitate: bool,
}

/// Adopted objectives' progress, equally weighted: proposals wait outside the roll-up.
fn group_progress(objectives: &[Objective]) -> i64 {
    let w: Vec<(i64, bool)> = objectives
        .iter()
        .map(|o| (o.progress, !o.proposed))
        .collect();
    agora_domain::groups::okr_proposals::group_roll_up(&w)
}

pub async fn group_okrs(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    period: Quarter,
) -> Result<GroupOkrs> {
    let id = group.body.id;
    let current = Quarter::containing(state.clock.now().date_naive());
    let mut periods = super::reads::okr_periods(state, v, id).await?;
    for p in [current, period] {
        if !periods.contains(&p) {
            periods.push(p);
        }
    }
    periods.sort_by(|a, b| b.cmp(a));
    let mut objectives = super::reads::objectives(state, v, id, period).await?;
    if !parent_visible(state, v, group).await? {
        hide_alignment(&mut objectives);
    }
    let mut children = vec![];
    for (g, _) in actions::visible_groups(state, v).await? {
        if g.parent.as_ref().is_some_and(|p| p.id == id) {
            let objectives = super::reads::objectives(state, v, g.body.id, period).await?;
            children.push(ChildOkrs {
                progress: group_progress(&objectives),
                group: GroupLink {
                    id: g.body.id,
                    slug: g.body.slug,
                    name: g.body.name,
                },
                objectives,
            });
        }
    }
    Ok(GroupOkrs {
        period: period.to_string(),
        periods: periods.iter().map(|p| p.to_string()).collect(),
        progress: group_progress(&objectives),
        objectives,
        children,
        may_facilitate: rules::may_facilitate(s),
    })
}

/// The objective `id` of this group.
pub async fn objective(state: &AppState, group: &Group, id: i64) -> Result<Objective> {
    state
        .store
        .objective(id)
        .await?
        .filter(|o| o.body_id == group.body.id)
        .ok_or(Error::NotFound)
}

/// The key result `id` of this group, with its objective.
pub async fn key_result(
    state: &AppState,
    group: &Group,
    id: i64,
) -> Result<(Objective, StoredKeyResult)> {
    let o = state
        .store
        .objective_of_key_result(id)
        .await?
        .filter(|o| o.body_id == group.body.id)
        .ok_or(Error::NotFound)?;
    let kr = o
        .key_results
        .iter()
        .find(|k| k.id == id)
        .cloned()
        .ok_or(Error::NotFound)?;
    Ok((o, kr))
}

pub async fn create_objective(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    input: &ObjectiveInput,
) -> Result<Objective> {
    require_facilitator(v, s)?;
    let o = input.parse(state.clock.now().date_naive())?;
    require_visible_alignment(state, v, group, o.aligned_to).await?;
    let id = state
        .store
        .create_objective(group.body.id, &o, &v.who())
        .await?;
    objective(state, group, id).await
}

pub async fn update_objective(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    input: &ObjectiveInput,
) -> Result<Objective> {
    require_facilitator(v, s)?;
    objective(state, group, id).await?;
    let o = input.parse(state.clock.now().date_naive())?;
    require_visible_alignment(state, v, group, o.aligned_to).await?;
    state
        .store
        .update_objective(group.body.id, id, &o, &v.who())
        .await?;
    objective(state, group, id).await
}

pub async fn add_key_result(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    objective_id: i64,
    input: &KeyResultInput,
) -> Result<StoredKeyResult> {
    require_facilitator(v, s)?;
    objective(state, group, objective_id).await?;
    let kr = input.parse()?;
    check_figure(state, &kr).await?;
    let id = state
        .store
        .add_key_result(group.body.id, objective_id, &kr, &v.who())
        .await?;
    Ok(key_result(state, group, id).await?.1)
}

pub async fn update_key_result(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    input: &KeyResultInput,
) -> Result<StoredKeyResult> {
    require_facilitator(v, s)?;
    key_result(state, group, id).await?;
    let kr = input.parse()?;
    check_figure(state, &kr).await?;
    state
        .store
        .update_key_result(group.body.id, id, &kr, &v.who())
        .await?;
    Ok(key_result(state, group, id).await?.1)
}

/// Whether the viewer may check in on the objective's key results.
pub fn may_check_in(s: Standing, o: &Objective) -> bool {
    okr::may_check_in(rules::may_facilitate(s), s.member, o.members_check_in)
}

pub async fn check_in(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    input: &CheckInInput,
) -> Result<StoredCheckIn> {
    let (o, _) = key_result(state, group, id).await?;
    if !may_check_in(s, &o) {
        return Err(if v.person.is_none() {
            Error::Unauthorized
        } else {
            Error::Forbidden
        });
    }
    let cid = state
        .store
        .check_in(group.body.id, id, input, &v.who())
        .await?;
    state
        .store
        .check_ins(id)
        .await?
        .into_iter()
        .find(|c| c.id == cid)
        .ok_or(Error::NotFound)
}

pub async fn score(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
    input: &ScoreInput,
) -> Result<StoredKeyResult> {
    require_facilitator(v, s)?;
    key_result(state, group, id).await?;
    state
        .store
        .score_key_result(group.body.id, id, input, &v.who())
        .await?;
    Ok(key_result(state, group, id).await?.1)
}

/// A key result, its objective and its check-ins (`GET /api/v1/groups/{slug}/key-results/{id}`).
#[derive(Debug, Serialize, ToSchema)]
pub struct KeyResultDetail {
    pub objective: Objective,
    pub key_result: StoredKeyResult,
    /// Oldest first.
    pub check_ins: Vec<StoredCheckIn>,
    pub may_check_in: bool,
    pub may_facilitate: bool,
}

pub async fn key_result_detail(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    s: Standing,
    id: i64,
) -> Result<KeyResultDetail> {
    let (mut objective, key_result) = key_result(state, group, id).await?;
    if !parent_visible(state, v, group).await? {
        objective.aligned_to = None;
    }
    Ok(KeyResultDetail {
        check_ins: state.store.check_ins(id).await?,
        // Only what the group adopted takes check-ins.
        may_check_in: may_check_in(s, &objective)
            && !objective.proposed
            && key_result.key_result.bound_to.is_none(),
        may_facilitate: rules::may_facilitate(s),
        objective,
        key_result,
    })
}

/// Whether the viewer may see the group's parent, whose objectives this group's serve: a
/// members-only parent's objectives are not named to others, even through a public subgroup.
pub(super) async fn parent_visible(state: &AppState, v: &Viewer, group: &Group) -> Result<bool> {
    let Some(parent) = &group.parent else {
        return Ok(true);
    };
    // The visible groups are those the viewer may view.
    Ok(actions::visible_groups(state, v)
        .await?
        .iter()
        .any(|(g, _)| g.body.id == parent.id))
}

fn hide_alignment(objectives: &mut [Objective]) {
    objectives.iter_mut().for_each(|o| o.aligned_to = None);
}

/// Serving an objective of a parent group the person may not see is refused as if it did not
/// exist, so that trying ids reveals nothing of it.
pub(super) async fn require_visible_alignment(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    aligned_to: Option<i64>,
) -> Result<()> {
    if aligned_to.is_some() && !parent_visible(state, v, group).await? {
        return Err(Error::Invalid(ValidationErrors::single(
            "aligned_to",
            "not-parent-objective",
        )));
    }
    Ok(())
}

/// The parent group's objectives in a period, which a subgroup's objective may serve.
async fn parent_objectives(
    state: &AppState,
    v: &Viewer,
    group: &Group,
    period: Quarter,
) -> Result<Vec<Objective>> {
    let Some(parent) = &group.parent else {
        return Ok(vec![]);
    };
    let Some(p) = state.store.group(&parent.slug).await? else {
        return Ok(vec![]);
    };
    let s = state.store.standing(&v.actor, &p.body).await?;
    if !gov::body_allows(p.body.kind, p.body.visibility, s, BodyRight::View) {
        return Ok(vec![]);
    }
    Ok(state.store.objectives(p.body.id, period).await?)
}

// ---- Pages

/// A value in hundredths as its kind reads: "12.5", "40 %", "1,200 USD", done or not.
pub fn shown_value(tr: &crate::i18n::Tr, kind: KeyResultKind, unit: &str, v: i64) -> String {
    match kind {
        KeyResultKind::Milestone => tr.t(if v >= okr::SCALE {
            "okr-milestone-done"
        } else {
            "okr-milestone-open"
        }),
        KeyResultKind::Percentage => format!("{} %", format_hundredths(v)),
        _ if unit.is_empty() => format_hundredths(v),
        _ => format!("{} {unit}", format_hundredths(v)),
    }
}

/// Per-mille as a whole percentage.
pub fn percent(per_mille: i64) -> String {
    format!("{} %", per_mille / 10)
}

#[derive(Template)]
#[template(path = "groups/objective_form.html")]
struct ObjectiveFormView {
    ctx: Ctx,
    group: Group,
    /// The objective being edited; none for a new one.
    id: Option<i64>,
    input: ObjectiveInput,
    parent_objectives: Vec<Objective>,
    /// The suggested objectives a new one may start from, in the viewer's language.
    templates: Vec<super::okr_proposals::TemplateView>,
    errors: FieldErrors,
}

async fn objective_form_view(
    state: &AppState,
    v: &Viewer,
    group: Group,
    id: Option<i64>,
    input: ObjectiveInput,
    errors: FieldErrors,
) -> Result<ObjectiveFormView> {
    let p = Quarter::parse(&input.period)
        .unwrap_or_else(|_| Quarter::containing(state.clock.now().date_naive()));
    Ok(ObjectiveFormView {
        ctx: Ctx::new(v, &format!("/groups/{}", group.body.slug)),
        parent_objectives: parent_objectives(state, v, &group, p).await?,
        templates: if id.is_none() {
            super::okr_proposals::templates(&v.tr)
        } else {
            vec![]
        },
        group,
        id,
        input,
        errors,
    })
}

pub(super) fn okrs_anchor(group: &Group, period: Quarter) -> String {
    format!("/groups/{}?period={period}#okrs", group.body.slug)
}

pub async fn new_objective(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Query(q): Query<PeriodQuery>,
) -> Result<Html<String>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    require_facilitator(&v, s)?;
    let input = ObjectiveInput {
        period: period(&state, &q.period)?.to_string(),
        members_check_in: true,
        ..Default::default()
    };
    render(&objective_form_view(&state, &v, group, None, input, FieldErrors::default()).await?)
}

/// The new-objective form again, with what was refused (a template adopted for a closed period).
pub(super) async fn new_objective_rejected(
    state: &AppState,
    v: &Viewer,
    group: Group,
    period: Quarter,
    errors: FieldErrors,
) -> Result<Response> {
    let input = ObjectiveInput {
        period: period.to_string(),
        members_check_in: true,
        ..Default::default()
    };
    let view = objective_form_view(state, v, group, None, input, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
}

/// A form sends the check box only when ticked.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ObjectiveForm {
    period: String,
    title: String,
    description: String,
    aligned_to: String,
    members_check_in: Option<String>,
    propose: Option<String>,
}

impl ObjectiveForm {
    fn input(self) -> ObjectiveInput {
        ObjectiveInput {
            period: self.period,
            title: self.title,
            description: self.description,
            aligned_to: self.aligned_to,
            members_check_in: self.members_check_in.is_some(),
            propose: self.propose.is_some(),
        }
    }
}

pub async fn create_objective_page(
    State(state): State<AppState>,
    v: Viewer,
    Path(slug): Path<String>,
    Form(f): Form<ObjectiveForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let input = f.input();
    match create_objective(&state, &v, &group, s, &input).await {
        Ok(o) => Ok(Redirect::to(&okrs_anchor(&group, o.period)).into_response()),
        Err(Error::Invalid(e)) => {
            let view = objective_form_view(&state, &v, group, None, input, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn edit_objective(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Html<String>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    require_facilitator(&v, s)?;
    let o = objective(&state, &group, id).await?;
    let input = ObjectiveInput {
        period: o.period.to_string(),
        title: o.title,
        description: o.description,
        aligned_to: o.aligned_to.map(|a| a.id.to_string()).unwrap_or_default(),
        members_check_in: o.members_check_in,
        propose: o.proposed,
    };
    render(&objective_form_view(&state, &v, group, Some(id), input, FieldErrors::default()).await?)
}

pub async fn update_objective_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(f): Form<ObjectiveForm>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    let input = f.input();
    match update_objective(&state, &v, &group, s, id, &input).await {
        Ok(o) => Ok(Redirect::to(&okrs_anchor(&group, o.period)).into_response()),
        Err(Error::Invalid(e)) => {
            let view =
                objective_form_view(&state, &v, group, Some(id), input, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "groups/key_result_form.html")]
struct KeyResultFormView {
    ctx: Ctx,
    group: Group,
    objective: Objective,
    /// The key result being edited; none for a new one.
    id: Option<i64>,
    input: KeyResultInput,
    /// The figures a key result may be bound to: (slug, label), none first.
    figures: Vec<(String, String)>,
    errors: FieldErrors,
}

impl KeyResultFormView {
    fn kinds(&self) -> &'static [KeyResultKind] {
        KeyResultKind::ALL
    }

    fn action(&self) -> String {
        match self.id {
            Some(id) => format!("/groups/{}/key-results/{id}/edit", self.group.body.slug),
            None => format!(
                "/groups/{}/objectives/{}/key-results",
                self.group.body.slug, self.objective.id
            ),
        }
    }
}

async fn key_result_form(
    state: &AppState,
    v: &Viewer,
    group: Group,
    objective: Objective,
    id: Option<i64>,
    input: KeyResultInput,
    errors: FieldErrors,
) -> Result<KeyResultFormView> {
    Ok(KeyResultFormView {
        ctx: Ctx::new(v, &format!("/groups/{}", group.body.slug)),
        figures: figure_choices(state, &v.tr).await?,
        group,
        objective,
        id,
        input,
        errors,
    })
}

/// What a key result may be bound to, labelled in the viewer's language.
async fn figure_choices(state: &AppState, tr: &crate::i18n::Tr) -> Result<Vec<(String, String)>> {
    let mut out = vec![(String::new(), tr.t("figure-none"))];
    out.extend(
        Figure::PLAIN
            .iter()
            .map(|f| (f.slug(), tr.t(f.label_key()))),
    );
    for r in state.store.region_map().await?.regions() {
        let f = Figure::LeadsAccepted(r.slug.clone());
        out.push((f.slug(), tr.t1(f.label_key(), "region", r.name.clone())));
    }
    Ok(out)
}

/// A key result bound to leads of a region the region map does not have is refused by name.
async fn check_figure(state: &AppState, kr: &agora_domain::groups::okrs::KeyResult) -> Result<()> {
    if let Some(region) = kr.bound_to.as_ref().and_then(Figure::region) {
        if state.store.region_map().await?.get(region).is_none() {
            return Err(invalid("bound_to", "unknown-region"));
        }
    }
    Ok(())
}

pub async fn new_key_result(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, objective_id)): Path<(String, i64)>,
) -> Result<Html<String>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    require_facilitator(&v, s)?;
    let o = objective(&state, &group, objective_id).await?;
    let input = KeyResultInput {
        kind: KeyResultKind::Number.slug().into(),
        start: "0".into(),
        ..Default::default()
    };
    render(&key_result_form(&state, &v, group, o, None, input, FieldErrors::default()).await?)
}

pub async fn create_key_result_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, objective_id)): Path<(String, i64)>,
    Form(input): Form<KeyResultInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    match add_key_result(&state, &v, &group, s, objective_id, &input).await {
        Ok(kr) => Ok(Redirect::to(&format!(
            "/groups/{}/key-results/{}",
            group.body.slug, kr.id
        ))
        .into_response()),
        Err(Error::Invalid(e)) => {
            let o = objective(&state, &group, objective_id).await?;
            let view = key_result_form(&state, &v, group, o, None, input, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

fn key_result_input(kr: &StoredKeyResult) -> KeyResultInput {
    let k = &kr.key_result;
    KeyResultInput {
        title: k.title.clone(),
        kind: k.kind.slug().into(),
        start: format_hundredths(k.start),
        target: format_hundredths(k.target),
        unit: k.unit.clone(),
        confidence: k.confidence.to_string(),
        weight: k.weight.to_string(),
        bound_to: k.bound_to.as_ref().map(Figure::slug).unwrap_or_default(),
    }
}

pub async fn edit_key_result(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Html<String>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    require_facilitator(&v, s)?;
    let (o, kr) = key_result(&state, &group, id).await?;
    let input = key_result_input(&kr);
    render(
        &key_result_form(
            &state,
            &v,
            group,
            o,
            Some(id),
            input,
            FieldErrors::default(),
        )
        .await?,
    )
}

pub async fn update_key_result_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(input): Form<KeyResultInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    match update_key_result(&state, &v, &group, s, id, &input).await {
        Ok(kr) => Ok(Redirect::to(&format!(
            "/groups/{}/key-results/{}",
            group.body.slug, kr.id
        ))
        .into_response()),
        Err(Error::Invalid(e)) => {
            let (o, _) = key_result(&state, &group, id).await?;
            let view =
                key_result_form(&state, &v, group, o, Some(id), input, FieldErrors(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "groups/key_result.html")]
struct KeyResultView {
    ctx: Ctx,
    group: Group,
    d: KeyResultDetail,
    /// One bar per check-in (progress), labelled with its day.
    chart: Vec<Bar>,
    chart_height: u32,
    closed: bool,
    scoring_open: bool,
    /// What it is bound to, in words, if it moves by a figure.
    figure: Option<String>,
    errors: FieldErrors,
    check: CheckInInput,
    score: ScoreInput,
}

impl KeyResultView {
    fn value(&self, v: impl std::borrow::Borrow<i64>) -> String {
        let k = &self.d.key_result.key_result;
        shown_value(&self.ctx.tr, k.kind, &k.unit, *v.borrow())
    }

    fn progress_of(&self, v: impl std::borrow::Borrow<i64>) -> String {
        let k = &self.d.key_result.key_result;
        percent(okr::progress(k.start, k.target, *v.borrow()))
    }

    fn is_milestone(&self) -> bool {
        self.d.key_result.key_result.kind == KeyResultKind::Milestone
    }
}

/// A key result page's forms as sent, with what was refused.
#[derive(Default)]
struct Sent {
    errors: FieldErrors,
    check: CheckInInput,
    score: ScoreInput,
}

async fn key_result_view(
    state: &AppState,
    v: &Viewer,
    group: Group,
    s: Standing,
    id: i64,
    sent: Sent,
) -> Result<KeyResultView> {
    let Sent {
        errors,
        check,
        score,
    } = sent;
    let d = key_result_detail(state, v, &group, s, id).await?;
    let k = &d.key_result.key_result;
    let tr = &v.tr;
    let points: Vec<(String, u64)> = d
        .check_ins
        .iter()
        .map(|c| {
            let p = okr::progress(k.start, k.target, c.value);
            (
                tr.t2(
                    "okr-chart-point",
                    ("day", c.created_at.date_naive().to_string()),
                    ("confidence", c.confidence.to_string()),
                ),
                u64::try_from(p).unwrap_or(0),
            )
        })
        .collect();
    // Scaled to 100 %, not to the best check-in, so a bar's length is its progress.
    let mut chart = bars(
        points
            .into_iter()
            .chain(std::iter::once((String::new(), 1000)))
            .collect(),
        230,
    );
    chart.pop();
    let today = state.clock.now().date_naive();
    let period = d.objective.period;
    let figure = match &d.key_result.key_result.bound_to {
        None => None,
        Some(f) => Some(match f.region() {
            Some(slug) => {
                let map = state.store.region_map().await?;
                let name = map.get(slug).map_or(slug, |r| r.name.as_str());
                tr.t1(f.label_key(), "region", name.to_string())
            }
            None => tr.t(f.label_key()),
        }),
    };
    Ok(KeyResultView {
        figure,
        ctx: Ctx::new(v, &format!("/groups/{}", group.body.slug)),
        chart_height: chart.len() as u32 * 28 + 4,
        chart,
        closed: period.is_closed(today) || d.key_result.score.is_some(),
        scoring_open: period.scoring_open(today),
        group,
        d,
        errors,
        check,
        score,
    })
}

pub async fn key_result_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<Html<String>> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    render(&key_result_view(&state, &v, group, s, id, Sent::default()).await?)
}

pub async fn check_in_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(input): Form<CheckInInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    match check_in(&state, &v, &group, s, id, &input).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/groups/{}/key-results/{id}", group.body.slug)).into_response(),
        ),
        Err(Error::Invalid(e)) => {
            let view = key_result_view(
                &state,
                &v,
                group,
                s,
                id,
                Sent {
                    errors: FieldErrors(e),
                    check: input,
                    score: ScoreInput::default(),
                },
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}

pub async fn score_page(
    State(state): State<AppState>,
    v: Viewer,
    Path((slug, id)): Path<(String, i64)>,
    Form(input): Form<ScoreInput>,
) -> Result<Response> {
    let (group, s) = actions::group_by_slug(&state, &v, &slug).await?;
    match score(&state, &v, &group, s, id, &input).await {
        Ok(_) => Ok(
            Redirect::to(&format!("/groups/{}/key-results/{id}", group.body.slug)).into_response(),
        ),
        Err(Error::Invalid(e)) => {
            let view = key_result_view(
                &state,
                &v,
                group,
                s,
                id,
                Sent {
                    errors: FieldErrors(e),
                    check: CheckInInput::default(),
                    score: input,
                },
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&view)?).into_response())
        }
        Err(e) => Err(e),
    }
}
